//! The crash campaign (run with `cargo bench --bench crash`): SIGKILL at pseudo-random
//! moments of `apply`, `import`, `restore` and `backup`, then the store is checked.
//!
//! After every kill: the store opens and `cadre check` is clean (audit chain and state
//! digest included); every command `apply` acknowledged is present; an import or a
//! restore is all there or not there at all; a backup's target is absent or a backup
//! that restores. Prints the trials, the acknowledged commands and the losses (must be 0).
//!
//! Options after `--`: `--trials N` (default 1000, split 40 / 20 / 20 / 20 %), `--seed S`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn cadre(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cadre")).arg("--db").arg(db).args(args).output().expect("run cadre")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = cadre(db, args);
    assert!(out.status.success(), "cadre {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// SplitMix64: the same seed gives the same campaign.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % n.max(1)
    }
}

/// The store opens and `check` finds nothing.
fn sound(db: &Path, what: &str) {
    let out = cadre(db, &["check"]);
    assert!(
        out.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn employees(db: &Path) -> usize {
    serde_json::from_str::<Vec<serde_json::Value>>(&ok(db, &["export", "employees"])).unwrap().len()
}

/// How long `args` takes when nothing stops it, in microseconds.
fn calibrate(db: &Path, args: &[&str]) -> u64 {
    let start = Instant::now();
    ok(db, args);
    start.elapsed().as_micros() as u64
}

/// Kills `args` after `delay`; whether it finished first.
fn kill_after(db: &Path, args: &[&str], delay: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cadre"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let finished = matches!(child.try_wait(), Ok(Some(s)) if s.success());
    child.kill().ok();
    child.wait().unwrap();
    finished
}

/// `apply` killed after a pseudo-random number of acknowledgements.
fn apply_trial(db: &Path, rng: &mut Rng, next: &mut u64) -> (u64, u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cadre"))
        .arg("--db")
        .arg(db)
        .arg("apply")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let first = *next;
    let writer = std::thread::spawn(move || {
        for n in first..first + 60 {
            let line = format!(
                r#"{{"command":"grant_points","employee_id":"E000001","kind":{{"manual":{{"points":1}}}},"reason":"crash-{n}"}}"#
            );
            if writeln!(stdin, "{line}").is_err() {
                break;
            }
        }
    });
    let kill_at = 1 + rng.below(25);
    let mut acked = 0;
    let mut line = String::new();
    while acked < kill_at {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        acked += 1;
    }
    // sometimes mid-write: a moment after the last acknowledgement
    std::thread::sleep(Duration::from_micros(rng.below(3000)));
    child.kill().ok();
    child.wait().unwrap();
    writer.join().ok();
    sound(db, "apply");
    let text = ok(db, &["export", "points", "--format", "csv"]);
    let lost = (first..first + acked).filter(|n| !text.contains(&format!(",crash-{n},"))).count() as u64;
    *next += 60;
    (acked, lost)
}

fn employees_csv(from: usize, n: usize) -> String {
    let mut text = String::from("id,name,department,section,rank,hire_date\n");
    for i in from..from + n {
        text.push_str(&format!("C{i:07},员工{i},财务部,税务室,普通员工,2020-01-01\n"));
    }
    text
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let trials = arg("--trials", 1000);
    let mut rng = Rng(arg("--seed", 2026));
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("store");
    let seed_csv = dir.path().join("seed.csv");
    std::fs::write(&seed_csv, employees_csv(0, 1).replace("C0000000", "E000001")).unwrap();
    ok(&db, &["import", "employees", seed_csv.to_str().unwrap()]);

    let start = Instant::now();
    let (apply_n, import_n, restore_n) = (trials * 2 / 5, trials / 5, trials / 5);
    let backup_n = trials - apply_n - import_n - restore_n;
    let (mut acked, mut lost, mut next) = (0u64, 0u64, 0u64);
    for _ in 0..apply_n {
        let (a, l) = apply_trial(&db, &mut rng, &mut next);
        acked += a;
        lost += l;
    }

    // imports of 4,000 rows go through the undo journal (several batches)
    let mut imports_done = 0;
    let mut import_losses = 0;
    let csv = dir.path().join("import.csv");
    std::fs::write(&csv, employees_csv(900_000, 4000)).unwrap();
    let import_us = calibrate(&db, &["import", "employees", csv.to_str().unwrap()]);
    for t in 0..import_n {
        std::fs::write(&csv, employees_csv(1_000_000 + (t as usize) * 4000, 4000)).unwrap();
        let before = employees(&db);
        let delay = Duration::from_micros(rng.below(import_us * 3 / 2));
        let finished = kill_after(&db, &["import", "employees", csv.to_str().unwrap()], delay);
        sound(&db, "import");
        let after = employees(&db);
        if finished {
            imports_done += 1;
            import_losses += u64::from(after != before + 4000);
        } else {
            import_losses += u64::from(after != before && after != before + 4000);
        }
    }

    // restores replace the whole store: after a kill it is the old store or the backup's
    let snapshot = dir.path().join("snap.cbk");
    let backup_us = calibrate(&db, &["backup", snapshot.to_str().unwrap()]);
    let backup_employees = employees(&db);
    let restore_us = calibrate(&db, &["restore", "--force", snapshot.to_str().unwrap()]);
    let extra = dir.path().join("extra.csv");
    let mut restores_done = 0;
    let mut restore_losses = 0;
    for t in 0..restore_n {
        std::fs::write(&extra, employees_csv(5_000_000 + t as usize, 1)).unwrap();
        ok(&db, &["import", "employees", extra.to_str().unwrap()]);
        let before = employees(&db);
        let delay = Duration::from_micros(rng.below(restore_us * 3 / 2));
        let finished = kill_after(&db, &["restore", "--force", snapshot.to_str().unwrap()], delay);
        sound(&db, "restore");
        let after = employees(&db);
        restores_done += u64::from(finished);
        let expected =
            if finished { after == backup_employees } else { after == before || after == backup_employees };
        restore_losses += u64::from(!expected);
    }

    // a killed backup leaves no target or a whole one, and the store untouched
    let mut backups_done = 0;
    let mut backup_losses = 0;
    for t in 0..backup_n {
        let target = dir.path().join(format!("b{t}.cbk"));
        let delay = Duration::from_micros(rng.below(backup_us * 3 / 2));
        let finished = kill_after(&db, &["backup", target.to_str().unwrap()], delay);
        sound(&db, "backup");
        if target.exists() {
            backups_done += 1;
            let probe = dir.path().join(format!("probe{t}"));
            let restored = cadre(&probe, &["restore", target.to_str().unwrap()]).status.success();
            backup_losses += u64::from(!restored);
            let _ = std::fs::remove_file(&target);
            let _ = std::fs::remove_dir_all(&probe);
        } else {
            backup_losses += u64::from(finished);
        }
    }

    println!(
        "crash campaign: {trials} SIGKILL trials in {:.0} s; `cadre check` clean after every one",
        start.elapsed().as_secs_f64()
    );
    println!("  apply:   {apply_n} trials, {acked} acknowledged commands, {lost} lost");
    println!(
        "  (uninterrupted: import of 4,000 rows {:.0} ms, backup {:.0} ms, restore {:.0} ms)",
        import_us as f64 / 1000.0,
        backup_us as f64 / 1000.0,
        restore_us as f64 / 1000.0
    );
    println!("  import:  {import_n} trials ({imports_done} finished before the kill), {import_losses} half-applied or lost");
    println!("  restore: {restore_n} trials ({restores_done} finished), {restore_losses} left neither store");
    println!("  backup:  {backup_n} trials ({backups_done} wrote the file), {backup_losses} damaged or missing backups");
    assert_eq!(lost + import_losses + restore_losses + backup_losses, 0, "the campaign lost data");
}
