//! The key layout of the one sled tree: a short prefix per record kind, then the ids.
//! Numeric ids are zero-padded so that key order is numeric order. Every text segment is
//! escaped (`%` → `%25`, `/` → `%2F`), so no id, code or name can reach into another
//! record's keys whatever it holds: `enr/E1/` never matches the records of `E1/Z`.

/// The schema version, a postcard `u32` in every schema (the one fixed point).
pub const SCHEMA: &[u8] = b"m/schema";
/// The policy as TOML text: self-describing, so a new policy key with a default needs no
/// migration.
pub const POLICY: &[u8] = b"m/policy";
/// Present in a store made by `cadre demo`.
pub const DEMO: &[u8] = b"m/demo";
/// Present while a multi-batch load is under way; a store that still has it is incomplete.
pub const LOADING: &[u8] = b"m/loading";
/// The audit chain's head: the last event's sequence and hash, and the state digest.
pub const CHAIN: &[u8] = b"m/chain";
pub const JOURNAL: &[u8] = b"m/journal";
/// How many `refp/` keys there are (an i64).
pub const PENDING_COUNT: &[u8] = b"m/pending";

pub const DEPARTMENT: &str = "dept/";
pub const EMPLOYEE: &str = "emp/";
pub const POOL: &str = "pool/";
pub const MEMBER: &str = "mem/";
pub const COURSE: &str = "crs/";
pub const ENROLLMENT: &str = "enr/";
pub const REFLECTION: &str = "ref/";
pub const REFLECTION_INDEX: &str = "refx/";
/// Key-only index of pending reflections by submission time (the review queue).
pub const PENDING_REFLECTION: &str = "refp/";
/// The same queue per department of the author: a manager's queue and badge.
pub const PENDING_BY_DEPARTMENT: &str = "refd/";
pub const EVALUATION: &str = "eval/";
pub const POINTS: &str = "pts/";
pub const BALANCE: &str = "bal/";
pub const REDEMPTION: &str = "rdm/";
pub const PLAN: &str = "plan/";
pub const VACANCY: &str = "vac/";
pub const APPOINTMENT: &str = "apt/";
pub const OPERATOR: &str = "op/";
pub const AUDIT: &str = "aud/";
pub const SEQUENCE: &str = "m/seq/";
/// A pool member's readiness facts, kept with the records they sum up.
pub const READINESS: &str = "rdy/";
pub const STAGE_REVIEW: &str = "srev/";
/// Unfinished enrollments by due date: `due/<YYYY-MM-DD>/<emp>/<course>` → a copy of the
/// enrollment (what can be overdue or behind is read without walking every enrollment).
pub const DUE: &str = "due/";
/// Each department's active managers: `mgr/<department>/<emp>` → name.
pub const MANAGER: &str = "mgr/";
/// Assessment sums per year, department and dimension:
/// `gap/<year>/<department>/<dimension>` → sum of scores in thousandths and their count.
pub const GAP: &str = "gap/";
/// Reminders sent: `sent/<YYYY-MM-DD>/<channel>/<recipient>`.
pub const REMINDER_SENT: &str = "sent/";

fn join(parts: &[&str]) -> Vec<u8> {
    parts.concat().into_bytes()
}

/// A text segment of a key: `%` and `/` escaped, everything else as it is.
pub fn seg(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['%', '/']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '/' => out.push_str("%2F"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The text of a segment written by `seg`.
pub fn unseg(segment: &str) -> String {
    if !segment.contains('%') {
        return segment.to_string();
    }
    segment.replace("%2F", "/").replace("%25", "%")
}

/// The segments of a key after its prefix, unescaped (`enr/E1/L101` → `E1`, `L101`).
pub fn segments(key: &[u8], prefix: &str) -> Option<Vec<String>> {
    let text = std::str::from_utf8(key).ok()?.strip_prefix(prefix)?;
    Some(text.split('/').map(unseg).collect())
}

pub fn department(name: &str) -> Vec<u8> {
    join(&[DEPARTMENT, &seg(name)])
}
pub fn employee(id: &str) -> Vec<u8> {
    join(&[EMPLOYEE, &seg(id)])
}
pub fn pool(id: u32) -> Vec<u8> {
    join(&[POOL, &format!("{id:08}")])
}
pub fn members_of(pool: u32) -> Vec<u8> {
    join(&[MEMBER, &format!("{pool:08}/")])
}
pub fn member(pool: u32, employee: &str) -> Vec<u8> {
    join(&[MEMBER, &format!("{pool:08}/"), &seg(employee)])
}
pub fn course(code: &str) -> Vec<u8> {
    join(&[COURSE, &seg(code)])
}
pub fn enrollments_of(employee: &str) -> Vec<u8> {
    join(&[ENROLLMENT, &seg(employee), "/"])
}
pub fn due(day: crate::domain::Date, employee: &str, course: &str) -> Vec<u8> {
    join(&[DUE, &day.to_string(), "/", &seg(employee), "/", &seg(course)])
}
pub fn gap(year: u16, department: &str, dimension: &str) -> Vec<u8> {
    join(&[GAP, &format!("{year:04}/"), &seg(department), "/", &seg(dimension)])
}
pub fn gaps_of(year: u16) -> Vec<u8> {
    join(&[GAP, &format!("{year:04}/")])
}
pub fn reminder_sent(on: crate::domain::Date, channel: &str, recipient: &str) -> Vec<u8> {
    join(&[REMINDER_SENT, &on.to_string(), "/", &seg(channel), "/", &seg(recipient)])
}
pub fn reminders_sent_on(on: crate::domain::Date) -> Vec<u8> {
    join(&[REMINDER_SENT, &on.to_string(), "/"])
}
pub fn manager(department: &str, employee: &str) -> Vec<u8> {
    join(&[MANAGER, &seg(department), "/", &seg(employee)])
}
pub fn managers_of(department: &str) -> Vec<u8> {
    join(&[MANAGER, &seg(department), "/"])
}
pub fn enrollment(employee: &str, course: &str) -> Vec<u8> {
    join(&[ENROLLMENT, &seg(employee), "/", &seg(course)])
}
pub fn reflection(id: u64) -> Vec<u8> {
    join(&[REFLECTION, &format!("{id:012}")])
}
/// A pending reflection in queue order: oldest submission first.
pub fn pending_reflection(submitted: chrono::DateTime<chrono::Utc>, id: u64) -> Vec<u8> {
    join(&[PENDING_REFLECTION, &submitted.format("%Y%m%d%H%M%S").to_string(), "/", &format!("{id:012}")])
}
/// A pending reflection in its department's queue: `refd/<dept>/<time>/<id>`.
pub fn pending_in_department(department: &str, submitted: chrono::DateTime<chrono::Utc>, id: u64) -> Vec<u8> {
    join(&[
        PENDING_BY_DEPARTMENT,
        &seg(department),
        "/",
        &submitted.format("%Y%m%d%H%M%S").to_string(),
        "/",
        &format!("{id:012}"),
    ])
}
pub fn pending_of_department(department: &str) -> Vec<u8> {
    join(&[PENDING_BY_DEPARTMENT, &seg(department), "/"])
}

/// The reflection of one employee for one stage.
pub fn reflection_index(employee: &str, stage: u8) -> Vec<u8> {
    join(&[REFLECTION_INDEX, &seg(employee), "/", &format!("{stage:03}")])
}
pub fn reflection_index_of(employee: &str) -> Vec<u8> {
    join(&[REFLECTION_INDEX, &seg(employee), "/"])
}
pub fn readiness_facts_of(pool: u32) -> Vec<u8> {
    join(&[READINESS, &format!("{pool:08}/")])
}
pub fn readiness_facts(pool: u32, employee: &str) -> Vec<u8> {
    join(&[READINESS, &format!("{pool:08}/"), &seg(employee)])
}
pub fn stage_reviews_of(employee: &str) -> Vec<u8> {
    join(&[STAGE_REVIEW, &seg(employee), "/"])
}
/// One stage review: `srev/<emp>/<year>/<kind>`.
pub fn stage_review(employee: &str, year: u16, kind: &str) -> Vec<u8> {
    join(&[STAGE_REVIEW, &seg(employee), "/", &format!("{year:04}/"), &seg(kind)])
}
pub fn evaluations_of(employee: &str) -> Vec<u8> {
    join(&[EVALUATION, &seg(employee), "/"])
}
pub fn evaluation(employee: &str, seq: u64) -> Vec<u8> {
    join(&[EVALUATION, &seg(employee), "/", &format!("{seq:012}")])
}
pub fn points_of(employee: &str) -> Vec<u8> {
    join(&[POINTS, &seg(employee), "/"])
}
pub fn points(employee: &str, seq: u64) -> Vec<u8> {
    join(&[POINTS, &seg(employee), "/", &format!("{seq:012}")])
}
pub fn balance(employee: &str) -> Vec<u8> {
    join(&[BALANCE, &seg(employee)])
}
pub fn redemptions_of(employee: &str) -> Vec<u8> {
    join(&[REDEMPTION, &seg(employee), "/"])
}
pub fn redemption(employee: &str, kind: &str) -> Vec<u8> {
    join(&[REDEMPTION, &seg(employee), "/", &seg(kind)])
}
pub fn plan(pool: u32) -> Vec<u8> {
    join(&[PLAN, &format!("{pool:08}")])
}
pub fn vacancy(id: u32) -> Vec<u8> {
    join(&[VACANCY, &format!("{id:08}")])
}
pub fn appointment(vacancy: u32) -> Vec<u8> {
    join(&[APPOINTMENT, &format!("{vacancy:08}")])
}
pub fn operator(user: &str) -> Vec<u8> {
    join(&[OPERATOR, &seg(user)])
}
pub fn audit(seq: u64) -> Vec<u8> {
    join(&[AUDIT, &format!("{seq:012}")])
}
pub fn sequence(name: &str) -> Vec<u8> {
    join(&[SEQUENCE, &seg(name)])
}

/// The text of a key, for messages and audit records.
pub fn display(key: &[u8]) -> String {
    String::from_utf8_lossy(key).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_reaches_into_another_records_keys() {
        let own = enrollments_of("E1");
        let other = enrollment("E1/Z", "L101");
        assert!(!other.starts_with(&own), "{}", display(&other));
        assert!(!points("E1/Z", 1).starts_with(&points_of("E1")));
        assert_eq!(segments(&enrollment("a%2Fb/c", "L/1"), ENROLLMENT).unwrap(), vec!["a%2Fb/c", "L/1"]);
    }

    #[test]
    fn plain_ids_keep_their_keys() {
        assert_eq!(display(&enrollment("E000275", "L101")), "enr/E000275/L101");
        assert_eq!(display(&department("市场营销部")), "dept/市场营销部");
    }
}
