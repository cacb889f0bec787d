//! The store never loses or half-writes: a second process, an old schema, a crash at any
//! point, a damaged backup, a broken record — each gives a clear message.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use cadre::service::Service;
use common::{Store, EMPLOYEES_CSV};

#[test]
fn a_new_store_directory_is_private() {
    let s = Store::new();
    s.ok(&["init"]);
    let mode = std::fs::metadata(s.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[test]
fn the_creator_is_admin_and_the_init_is_audited() {
    let s = Store::new();
    s.ok(&["init"]);
    let ops = s.ok(&["operator", "list"]);
    let me = cadre::service::os_user().unwrap();
    assert_eq!(ops.trim_end(), format!("{me}\tadmin"));
    let audit: Vec<serde_json::Value> = serde_json::from_str(&s.ok(&["export", "audit"])).unwrap();
    assert_eq!(audit[0]["command"], "init_store");
    assert_eq!(audit[0]["operator"], me.as_str());
}

#[test]
fn a_second_process_gets_one_line_naming_the_store_in_use() {
    let s = Store::new();
    let held = Service::open_local(&s.db(), true).expect("first opener");
    let err = s.fails(&["export", "employees"]);
    assert_eq!(
        err.trim_end(),
        format!(
            "cadre: the store at {} is in use by another cadre process; close it and try again",
            s.db().display()
        )
    );
    drop(held);
    s.ok(&["export", "employees"]);
}

#[test]
fn a_store_of_schema_1_opens_migrated_with_every_record() {
    let s = Store::new();
    {
        // Schema 1 kept JSON values; the schema number is always a postcard u32.
        let db = sled::open(s.db()).unwrap();
        db.insert("m/schema", postcard::to_stdvec(&1u32).unwrap()).unwrap();
        db.insert("m/policy", serde_json::to_vec(&cadre::domain::policy::Policy::default()).unwrap())
            .unwrap();
        let me = cadre::service::os_user().unwrap();
        db.insert(
            format!("op/{me}"),
            serde_json::to_vec(&serde_json::json!({"user": me, "role": "admin", "department": null}))
                .unwrap(),
        )
        .unwrap();
        db.insert(
            "dept/市场营销部",
            serde_json::to_vec(&serde_json::json!({"name": "市场营销部", "sections": ["政企客户室"]}))
                .unwrap(),
        )
        .unwrap();
        let employee = serde_json::json!({
            "id": "E1", "name": "张伟", "department": "市场营销部", "section": "政企客户室",
            "rank": "staff", "hire_date": "2019-03-01", "status": "active",
            "performance": [{"year": 2025, "grade": "A", "rank_pct": 12.5}],
            "skills": [], "certifications": [], "projects": [], "team_management": [],
            "aspiration": "", "wants_management": false
        });
        db.insert("emp/E1", serde_json::to_vec(&employee).unwrap()).unwrap();
        db.insert("m/seq/audit", serde_json::to_vec(&0u64).unwrap()).unwrap();
        db.flush().unwrap();
    }
    let out: Vec<serde_json::Value> = serde_json::from_str(&s.ok(&["export", "employees"])).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["name"], "张伟");
    assert_eq!(out[0]["performance"][0]["rank_pct"], 12.5);
    let audit = s.ok(&["export", "audit"]);
    assert!(audit.contains("\"command\":\"migrate_schema\""), "{audit}");
    assert!(s.ok(&["check"]).contains("no problems found"));
}

#[test]
fn a_store_from_a_newer_cadre_is_refused() {
    let s = Store::new();
    {
        let db = sled::open(s.db()).unwrap();
        db.insert("m/schema", postcard::to_stdvec(&99u32).unwrap()).unwrap();
        db.flush().unwrap();
    }
    let err = s.fails(&["check"]);
    assert!(err.contains("written by a newer cadre (schema 99"), "{err}");
}

#[test]
fn check_lists_dangling_references_and_bad_balances() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "60"]);
    {
        let db = sled::open(s.db()).unwrap();
        db.remove("crs/L101").unwrap();
        db.insert("bal/E000002", postcard::to_stdvec(&9999i64).unwrap()).unwrap();
        db.flush().unwrap();
    }
    let out = s.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("course L101 does not exist"), "{text}");
    assert!(text.contains("points of E000002: balance 9999 but the ledger sums to"), "{text}");
}

#[test]
fn a_schema_2_store_gets_its_readiness_facts_built_and_check_misses_none() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let before = s.ok(&["readiness", "--json", "--on", "2026-11-20"]);
    {
        // What a schema 2 store looks like: no readiness facts.
        let db = sled::open(s.db()).unwrap();
        let keys: Vec<_> = db.scan_prefix("rdy/").keys().map(|k| k.unwrap()).collect();
        assert!(keys.len() > 40, "facts per pool member");
        for k in keys {
            db.remove(k).unwrap();
        }
        db.insert("m/schema", postcard::to_stdvec(&2u32).unwrap()).unwrap();
        db.flush().unwrap();
    }
    assert_eq!(s.ok(&["readiness", "--json", "--on", "2026-11-20"]), before);
    let audit = s.ok(&["export", "audit"]);
    assert!(audit.contains("schema 2 → 3: readiness facts built for 46 pool members"), "{audit}");
    assert!(s.ok(&["check"]).contains("no problems found"));
    // A member whose facts went missing, or whose facts disagree with the records, is named.
    {
        let db = sled::open(s.db()).unwrap();
        let mut keys = db.scan_prefix("rdy/").keys().map(|k| k.unwrap());
        let first = keys.next().unwrap();
        let second = keys.next().unwrap();
        db.remove(&first).unwrap();
        let other = db.get(keys.next().unwrap()).unwrap().unwrap();
        db.insert(&second, other).unwrap();
        db.flush().unwrap();
    }
    let out = s.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(": no readiness facts"), "{text}");
    assert!(text.contains("readiness facts differ from the records"), "{text}");
}

#[test]
fn backup_and_restore_round_trip_and_refuse_what_they_should() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "50"]);
    let backup = s.path("snap.cbk");
    s.ok(&["backup", backup.to_str().unwrap()]);
    let employees = s.ok(&["export", "employees"]);

    let other = Store::new();
    other.ok(&["restore", backup.to_str().unwrap()]);
    assert_eq!(other.ok(&["export", "employees"]), employees);
    assert!(other.ok(&["check"]).contains("no problems found"));

    let err = other.fails(&["restore", backup.to_str().unwrap()]);
    assert!(err.contains("is not empty; restore with --force"), "{err}");
    other.ok(&["restore", "--force", backup.to_str().unwrap()]);

    let mut bytes = std::fs::read(&backup).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    let damaged = s.path("damaged.cbk");
    std::fs::write(&damaged, &bytes).unwrap();
    let fresh = Store::new();
    let err = fresh.fails(&["restore", damaged.to_str().unwrap()]);
    assert!(err.contains("checksum mismatch"), "{err}");
    assert!(err.contains("nothing was restored"), "{err}");
    assert_eq!(fresh.ok(&["export", "employees"]).trim(), "[\n]");
}

#[test]
fn the_demo_refuses_to_overwrite_a_real_store() {
    let s = Store::new();
    s.ok(&["import", "employees", s.file("e.csv", EMPLOYEES_CSV).to_str().unwrap()]);
    let err = s.fails(&["demo", "--no-tui"]);
    assert!(err.contains("holds your organisation, not a demo"), "{err}");
    assert_eq!(
        serde_json::from_str::<Vec<serde_json::Value>>(&s.ok(&["export", "employees"])).unwrap().len(),
        3
    );
    // a demo store is replaced by a new demo
    let d = Store::new();
    d.ok(&["demo", "--no-tui", "--employees", "40"]);
    d.ok(&["demo", "--no-tui", "--employees", "30"]);
    assert_eq!(
        serde_json::from_str::<Vec<serde_json::Value>>(&d.ok(&["export", "employees"])).unwrap().len(),
        30
    );
}

#[test]
fn an_invalid_policy_file_is_refused_naming_the_key_and_changes_nothing() {
    let s = Store::new();
    s.ok(&["init"]);
    let before = s.ok(&["policy", "show"]);
    let bad = s.file("p.toml", &before.replace("min_360 = 70", "min_360 = 170"));
    let err = s.fails(&["policy", "set", bad.to_str().unwrap()]);
    assert!(err.contains("assessment.min_360 = 170 is outside 0–100"), "{err}");
    let unknown = s.file("u.toml", &before.replace("min_360 = 70", "min_360 = 70\nmin_306 = 1"));
    assert!(s.fails(&["policy", "set", unknown.to_str().unwrap()]).contains("unknown field `min_306`"));
    assert_eq!(s.ok(&["policy", "show"]), before);
    let good = s.file("g.toml", &before.replace("min_360 = 70", "min_360 = 72"));
    s.ok(&["policy", "set", good.to_str().unwrap()]);
    assert!(s.ok(&["policy", "show"]).contains("min_360 = 72"));
}

/// One command of the crash stream: a manual grant with a unique reason.
fn grant_line(n: usize) -> String {
    serde_json::json!({"command": "grant_points", "employee_id": "E1", "kind": {"manual": {"points": 1}}, "reason": format!("crash-{n}")}).to_string()
}

/// Feeds commands to `cadre apply`, kills it with SIGKILL after a pseudo-random number
/// of acknowledgements (sometimes mid-write), then checks the store.
pub fn crash_once(s: &Store, seed: u64, acked_total: &mut usize) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cadre"))
        .arg("--db")
        .arg(s.db())
        .arg("apply")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let kill_after = 1 + (seed.wrapping_mul(6364136223846793005) >> 60) as usize;
    let mut acked = 0;
    let start = *acked_total;
    let writer = std::thread::spawn(move || {
        for n in 0..200 {
            if writeln!(stdin, "{}", grant_line(start + n)).is_err() {
                break;
            }
        }
    });
    let mut line = String::new();
    while acked < kill_after {
        line.clear();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        assert!(line.contains("\"ok\""), "{line}");
        acked += 1;
    }
    // SIGKILL while later commands are still being applied
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = writer.join();
    *acked_total += 200;
    let _ = acked;
    let check = s.run(&["check"]);
    assert!(check.status.success(), "check after crash: {}", String::from_utf8_lossy(&check.stdout));
    let points = s.ok(&["export", "points", "--format", "csv"]);
    for n in start..start + acked {
        assert!(points.contains(&format!(",crash-{n},")), "acknowledged grant crash-{n} lost");
    }
}

#[test]
fn sigkill_at_random_points_loses_no_acknowledged_command_and_leaves_a_sound_store() {
    let s = Store::new();
    s.ok(&["import", "employees", s.file("e.csv", EMPLOYEES_CSV).to_str().unwrap()]);
    let mut counter = 0;
    for seed in 1..=12u64 {
        crash_once(&s, seed, &mut counter);
    }
}

#[test]
fn a_large_import_killed_mid_write_is_rolled_back_on_the_next_open() {
    let s = Store::new();
    s.ok(&["import", "employees", s.file("e.csv", EMPLOYEES_CSV).to_str().unwrap()]);
    let before = s.ok(&["export", "employees", "--format", "csv"]);
    let mut csv = String::from("id,name,department,section,rank,hire_date\n");
    for i in 0..30_000 {
        csv.push_str(&format!("X{i:06},测试员工{i},财务部,税务室,普通员工,2020-01-01\n"));
    }
    let big = s.file("big.csv", &csv);
    // How long a whole import takes here, so the kills land in its writing phase.
    let timing = Store::new();
    let start = std::time::Instant::now();
    timing.ok(&["import", "employees", big.to_str().unwrap()]);
    let full = start.elapsed();
    let mut rolled_back = 0;
    for fraction in [0.55, 0.65, 0.75, 0.85, 0.92] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cadre"))
            .arg("--db")
            .arg(s.db())
            .args(["import", "employees", big.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(fraction));
        child.kill().ok();
        child.wait().unwrap();
        let after = s.ok(&["export", "employees", "--format", "csv"]);
        let rows = after.lines().count() - 1;
        assert!(rows == 3 || rows == 30_003, "half an import is visible: {rows} rows");
        assert!(s.ok(&["check"]).contains("no problems found"));
        if rows == 30_003 {
            break;
        }
        assert_eq!(after, before);
        let audit = s.ok(&["export", "audit"]);
        rolled_back = audit.matches("\"command\":\"recover\"").count();
    }
    assert!(rolled_back > 0, "no kill landed while the import was writing");
}

#[test]
fn reading_a_store_that_does_not_exist_says_so_and_creates_nothing() {
    let s = Store::new();
    for args in [&["export", "employees"][..], &["check"], &["reflections"]] {
        let err = s.fails(args);
        assert!(err.contains(&format!("no store at {}", s.db().display())), "{err}");
    }
    assert!(!s.db().exists());
}

#[test]
fn the_tui_without_a_terminal_says_so_and_leaves_the_store_alone() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "50"]);
    let before = s.ok(&["export", "audit"]);
    let err = s.fails(&[]);
    assert!(err.contains("the TUI needs a terminal"), "{err}");
    assert_eq!(s.ok(&["export", "audit"]), before);
}
