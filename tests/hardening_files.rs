//! Nothing a command was not asked to touch is destroyed, files stay private, and the audit
//! shows edits made behind cadre's back (issue 10: items 1–3, 7–9, 16).

mod common;

use std::os::unix::fs::PermissionsExt;

use common::{Store, EMPLOYEES_CSV};
use sha2::Digest as _;

fn mode(p: &std::path::Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".cadre-") || n.ends_with(".partial"))
        .collect()
}

#[test]
fn demo_and_init_never_touch_a_directory_that_holds_something_else() {
    let s = Store::new();
    std::fs::create_dir(s.db()).unwrap();
    std::fs::write(s.db().join("thesis.txt"), "three years of work").unwrap();
    let err = s.fails(&["demo", "--no-tui", "--employees", "30"]);
    assert!(err.contains("is not a cadre store"), "{err}");
    assert!(s.fails(&["init"]).contains("is not a cadre store"));
    assert_eq!(std::fs::read_to_string(s.db().join("thesis.txt")).unwrap(), "three years of work");
    assert_eq!(std::fs::read_dir(s.db()).unwrap().count(), 1, "nothing was added either");

    // a real store with operators and a policy but no employees yet is not a demo
    let real = Store::new();
    real.ok(&["init"]);
    real.ok(&["policy", "show"]);
    let err = real.fails(&["demo", "--no-tui"]);
    assert!(err.contains("not a demo"), "{err}");
    assert!(real.fails(&["init"]).contains("is a cadre store already"));
    assert!(real.ok(&["check"]).contains("no problems found"));
}

#[test]
fn reading_commands_and_check_never_create_or_write_a_store() {
    let s = Store::new();
    for args in [&["policy", "show"][..], &["operator", "list"], &["check"], &["export", "employees"]] {
        let err = s.fails(args);
        assert!(err.contains("no store at"), "{args:?}: {err}");
        assert!(!s.db().exists(), "{args:?} created the store");
    }
    std::fs::create_dir(s.db()).unwrap();
    std::fs::write(s.db().join("notes"), "x").unwrap();
    let err = s.fails(&["check"]);
    assert!(err.contains("is not a cadre store"), "{err}");
    let names: Vec<_> = std::fs::read_dir(s.db()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("notes")], "check wrote into a foreign directory");
    // a dry run checks the file without any store
    let fresh = Store::new();
    let out =
        fresh.ok(&["import", "employees", fresh.file("e.csv", EMPLOYEES_CSV).to_str().unwrap(), "--dry-run"]);
    assert!(out.contains("3 added"), "{out}");
    assert!(!fresh.db().exists());
}

#[test]
fn outputs_are_written_whole_private_and_only_over_regular_files() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "30"]);
    let out = s.path("e.json");
    s.ok(&["export", "employees", "-o", out.to_str().unwrap()]);
    assert_eq!(mode(&out), 0o600);

    // an existing open file becomes private; a read-only one is refused and kept
    let open = s.path("open.json");
    std::fs::write(&open, "old").unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
    s.ok(&["backup", open.to_str().unwrap()]);
    assert_eq!(mode(&open), 0o600, "a backup over a 0644 file leaves it private");
    let ro = s.path("ro.json");
    std::fs::write(&ro, "keep").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = s.fails(&["export", "employees", "-o", ro.to_str().unwrap()]);
    assert!(err.contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
    assert_eq!(mode(&ro), 0o444);

    // a directory and a device are refused before anything is written
    let dir = s.path("outdir");
    std::fs::create_dir(&dir).unwrap();
    let err = s.fails(&["export", "employees", "-o", dir.to_str().unwrap()]);
    assert!(err.contains("is a directory"), "{err}");
    let err = s.fails(&["report", "readiness", "--format", "xlsx", "-o", "/dev/full"]);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(std::fs::metadata("/dev/full").unwrap().file_type().is_char_device_like());
    assert!(leftovers(s.dir.path()).is_empty(), "{:?}", leftovers(s.dir.path()));

    // reports are private too
    let xlsx = s.path("r.xlsx");
    s.ok(&["report", "readiness", "--format", "xlsx", "-o", xlsx.to_str().unwrap()]);
    assert_eq!(mode(&xlsx), 0o600);
    // and the store directory with everything sled wrote
    for entry in std::fs::read_dir(s.db()).unwrap() {
        let p = entry.unwrap().path();
        if p.is_file() {
            assert_eq!(mode(&p) & 0o077, 0, "{} is readable by others", p.display());
        }
    }
}

trait CharDevice {
    fn is_char_device_like(&self) -> bool;
}

impl CharDevice for std::fs::FileType {
    fn is_char_device_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_char_device(self)
    }
}

/// A backup's records as key and value bytes.
type Records = Vec<(Vec<u8>, Vec<u8>)>;

/// The records of a format-2 backup and its trailer; `seal` writes them back into one.
fn records(bytes: &[u8]) -> (Records, Vec<u8>) {
    assert_eq!(&bytes[..8], b"CADREBK2");
    let body_end = bytes.len() - 32;
    let trailer = body_end - 44;
    let mut pos = 8;
    let mut out = Vec::new();
    while pos < trailer {
        let k = u32::from_le_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        let key = bytes[pos + 4..pos + 4 + k].to_vec();
        pos += 4 + k;
        let v = u32::from_le_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
        let value = bytes[pos + 4..pos + 4 + v].to_vec();
        pos += 4 + v;
        out.push((key, value));
    }
    (out, bytes[trailer..body_end].to_vec())
}

fn seal(records: &[(Vec<u8>, Vec<u8>)], trailer: &[u8]) -> Vec<u8> {
    let mut out = b"CADREBK2".to_vec();
    for (k, v) in records {
        out.extend_from_slice(&(k.len() as u32).to_le_bytes());
        out.extend_from_slice(k);
        out.extend_from_slice(&(v.len() as u32).to_le_bytes());
        out.extend_from_slice(v);
    }
    out.extend_from_slice(trailer);
    let digest = sha2::Sha256::digest(&out);
    out.extend_from_slice(&digest);
    out
}

#[test]
fn an_edited_backup_is_refused_even_with_its_checksum_recomputed() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "40"]);
    let file = s.path("b.cbk");
    s.ok(&["backup", file.to_str().unwrap()]);
    let (mut recs, trailer) = records(&std::fs::read(&file).unwrap());
    // the attacker changes a reviewer's score inside a stored reflection (postcard bytes)
    let (_, value) = recs.iter_mut().find(|(k, _)| k.starts_with(b"ref/")).unwrap();
    let last = value.len() - 1;
    value[last] ^= 1;
    let edited = s.path("edited.cbk");
    std::fs::write(&edited, seal(&recs, &trailer)).unwrap();
    let fresh = Store::new();
    let err = fresh.fails(&["restore", edited.to_str().unwrap()]);
    assert!(err.contains("not a usable cadre backup"), "{err}");
    assert!(
        err.contains("changed, added or removed outside cadre") || err.contains("does not match its hash"),
        "{err}"
    );
    // the genuine one restores and checks clean
    let good = Store::new();
    good.ok(&["restore", file.to_str().unwrap()]);
    assert!(good.ok(&["check"]).contains("no problems found"));
    // into the store it came from, a backup whose history was rewritten is refused
    let (recs, _) = records(&std::fs::read(&file).unwrap());
    let bad_trailer = {
        let mut t = trailer.clone();
        t[20] ^= 1;
        t
    };
    let rewritten = s.path("rewritten.cbk");
    std::fs::write(&rewritten, seal(&recs, &bad_trailer)).unwrap();
    let err = s.fails(&["restore", "--force", rewritten.to_str().unwrap()]);
    assert!(err.contains("not a usable cadre backup"), "{err}");
}

#[test]
fn a_backup_of_another_schema_is_refused_or_migrated_and_never_breaks_the_store() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "30"]);
    let file = s.path("b.cbk");
    s.ok(&["backup", file.to_str().unwrap()]);
    let (mut recs, trailer) = records(&std::fs::read(&file).unwrap());
    for newer in [cadre::store::SCHEMA_VERSION + 1, 0] {
        let (_, schema) = recs.iter_mut().find(|(k, _)| k == b"m/schema").unwrap();
        *schema = postcard::to_stdvec(&newer).unwrap();
        let f = s.path(&format!("schema{newer}.cbk"));
        std::fs::write(&f, seal(&recs, &trailer)).unwrap();
        let err = s.fails(&["restore", "--force", f.to_str().unwrap()]);
        assert!(err.contains("not a usable cadre backup"), "{err}");
        assert!(s.ok(&["check"]).contains("no problems found"), "the store still opens and is sound");
    }

    // a format-1 backup of a schema-1 store (JSON values) restores migrated forward
    let me = cadre::service::os_user().unwrap();
    let old: Vec<(&str, Vec<u8>)> = vec![
        ("m/schema", postcard::to_stdvec(&1u32).unwrap()),
        ("m/policy", serde_json::to_vec(&cadre::domain::policy::Policy::default()).unwrap()),
        (
            &*Box::leak(format!("op/{me}").into_boxed_str()),
            serde_json::to_vec(&serde_json::json!({"user": me, "role": "admin", "department": null}))
                .unwrap(),
        ),
        (
            "dept/市场营销部",
            serde_json::to_vec(&serde_json::json!({"name": "市场营销部", "sections": ["政企客户室"]}))
                .unwrap(),
        ),
        (
            "emp/E1",
            serde_json::to_vec(&serde_json::json!({
                "id": "E1", "name": "张伟", "department": "市场营销部", "section": "政企客户室",
                "rank": "staff", "hire_date": "2019-03-01", "status": "active", "performance": [],
                "skills": [], "certifications": [], "projects": [], "team_management": [],
                "aspiration": "", "wants_management": false
            }))
            .unwrap(),
        ),
        ("m/seq/audit", serde_json::to_vec(&0u64).unwrap()),
    ];
    let mut v1 = b"CADREBK1".to_vec();
    for (k, v) in &old {
        v1.extend_from_slice(&(k.len() as u32).to_le_bytes());
        v1.extend_from_slice(k.as_bytes());
        v1.extend_from_slice(&(v.len() as u32).to_le_bytes());
        v1.extend_from_slice(v);
    }
    v1.extend_from_slice(b"END!");
    let mut fnv: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &v1 {
        fnv ^= u64::from(*b);
        fnv = fnv.wrapping_mul(0x0100_0000_01b3);
    }
    v1.extend_from_slice(&fnv.to_le_bytes());
    let f = s.path("v1.cbk");
    std::fs::write(&f, &v1).unwrap();
    let fresh = Store::new();
    fresh.ok(&["restore", f.to_str().unwrap()]);
    assert!(fresh.ok(&["export", "employees"]).contains("张伟"));
    assert!(fresh.ok(&["check"]).contains("no problems found"));

    // a garbage policy in an old backup is named, and nothing is restored
    let mut garbage = v1.clone();
    let at = garbage.windows(8).position(|w| w == b"m/policy").unwrap();
    let len_at = at + 8;
    let old_len = u32::from_le_bytes(garbage[len_at..len_at + 4].try_into().unwrap()) as usize;
    garbage.splice(len_at..len_at + 4 + old_len, [3u32.to_le_bytes().to_vec(), b"\"x\"".to_vec()].concat());
    let body_end = garbage.len() - 8;
    let mut fnv: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &garbage[..body_end] {
        fnv ^= u64::from(*b);
        fnv = fnv.wrapping_mul(0x0100_0000_01b3);
    }
    garbage[body_end..].copy_from_slice(&fnv.to_le_bytes());
    let f = s.path("garbage.cbk");
    std::fs::write(&f, &garbage).unwrap();
    let other = Store::new();
    let err = other.fails(&["restore", f.to_str().unwrap()]);
    assert!(err.contains("not a usable cadre backup"), "{err}");
}

#[test]
fn check_names_the_first_broken_link_and_records_changed_behind_its_back() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui", "--employees", "30"]);
    assert!(s.ok(&["check"]).contains("no problems found"));
    {
        let db = sled::open(s.db()).unwrap();
        let (k, v) = db.scan_prefix("emp/").next().unwrap().unwrap();
        let mut v = v.to_vec();
        let last = v.len() - 1;
        v[last] ^= 1;
        db.insert(k, v).unwrap();
        db.flush().unwrap();
    }
    let out = s.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("changed, added or removed outside cadre"), "{text}");

    let t = Store::new();
    t.ok(&["demo", "--no-tui", "--employees", "30"]);
    {
        let db = sled::open(t.db()).unwrap();
        let key = b"aud/000000000002";
        let mut event: cadre::domain::audit::AuditEvent =
            postcard::from_bytes(&db.get(key).unwrap().unwrap()).unwrap();
        event.operator = "mallory".into();
        db.insert(key, postcard::to_stdvec(&event).unwrap()).unwrap();
        db.flush().unwrap();
    }
    let out = t.run(&["check"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("audit chain broken at event 2"), "{text}");
}

#[test]
fn a_report_never_sends_a_stored_escape_sequence_to_the_terminal() {
    let s = Store::new();
    s.ok(&["demo", "--no-tui"]);
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&s.ok(&["readiness", "--json", "--on", "2026-11-20"])).unwrap();
    let id = rows[0]["employee_id"].as_str().unwrap().to_string();
    // a title written before titles were checked, straight into the store
    {
        let db = sled::open(s.db()).unwrap();
        let prefix = format!("refx/{id}/");
        let (_, rid) = db.scan_prefix(prefix).next().unwrap().unwrap();
        let rid: u64 = postcard::from_bytes(&rid).unwrap();
        let key = format!("ref/{rid:012}");
        let mut r: cadre::domain::reflection::Reflection =
            postcard::from_bytes(&db.get(&key).unwrap().unwrap()).unwrap();
        r.versions[0].title = "心得\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
        db.insert(key, postcard::to_stdvec(&r).unwrap()).unwrap();
        db.flush().unwrap();
    }
    let report = s.ok(&["report", "candidate", &id, "--on", "2026-11-20"]);
    assert!(report.contains("心得]0;pwned[2J"), "{report}");
    assert!(!report.contains('\u{1b}') && !report.contains('\u{7}'), "{report:?}");
}
