//! Scale benchmark of the foundation (run with `cargo bench --bench scale`):
//! `cadre demo --employees N --no-tui`, then the import of an N-row employee CSV beside
//! Python's sqlite3 module importing the same file (same machine, same run), then the same
//! people as a foreign export through a mapping, then a longer SIGKILL crash run than the
//! test suite's. Prints time, peak memory and store size.
//!
//! Options after `--`: `--employees N` (default 100000), `--crashes N` (default 100).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Run {
    wall: Duration,
    peak_rss_mb: f64,
}

/// Runs the binary to completion and reads its peak RSS from wait4.
fn run(args: &[&str]) -> Run {
    run_program(env!("CARGO_BIN_EXE_cadre"), args)
}

/// Runs any program to completion and reads its peak RSS from wait4.
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which std cannot do
fn run_program(program: &str, args: &[&str]) -> Run {
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn cadre");
    let mut status = 0;
    // SAFETY: plain FFI call on our own child's pid with valid out-pointers.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32, "wait4 failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{program} {args:?} failed");
    Run { wall: start.elapsed(), peak_rss_mb: usage.ru_maxrss as f64 / 1024.0 }
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let m = e.metadata().unwrap();
                    if m.is_dir() {
                        dir_size(&e.path())
                    } else {
                        m.len()
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn crash_run(db: &Path, rounds: usize) -> (usize, usize) {
    let mut acked_total = 0;
    let mut next = 0usize;
    for round in 0..rounds {
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
        let kill_after = 1 + (round * 7919) % 23;
        let first = next;
        let writer = std::thread::spawn(move || {
            for n in first..first + 100 {
                let line = format!(
                    r#"{{"command":"grant_points","employee_id":"E000001","kind":{{"manual":{{"points":1}}}},"reason":"bench-{n}"}}"#
                );
                if writeln!(stdin, "{line}").is_err() {
                    break;
                }
            }
        });
        let mut acked = 0;
        let mut line = String::new();
        while acked < kill_after {
            line.clear();
            if out.read_line(&mut line).unwrap() == 0 {
                break;
            }
            acked += 1;
        }
        child.kill().ok();
        child.wait().unwrap();
        writer.join().ok();
        let check =
            Command::new(env!("CARGO_BIN_EXE_cadre")).arg("--db").arg(db).arg("check").output().unwrap();
        assert!(check.status.success(), "round {round}: {}", String::from_utf8_lossy(&check.stdout));
        let points = Command::new(env!("CARGO_BIN_EXE_cadre"))
            .arg("--db")
            .arg(db)
            .args(["export", "points", "--format", "csv"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&points.stdout);
        for n in first..first + acked {
            assert!(text.contains(&format!(",bench-{n},")), "round {round}: acknowledged bench-{n} lost");
        }
        acked_total += acked;
        next += 100;
    }
    (rounds, acked_total)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let employees = arg("--employees", 100_000);
    let crashes = arg("--crashes", 100);
    let dir = tempfile::tempdir().unwrap();
    let demo_db = dir.path().join("demo");
    let d = demo_db.to_str().unwrap();

    let demo = run(&["--db", d, "demo", "--employees", &employees.to_string(), "--no-tui"]);
    println!(
        "demo --employees {employees}: {:.1} s, peak RSS {:.0} MB, store {:.0} MB",
        demo.wall.as_secs_f64(),
        demo.peak_rss_mb,
        mb(dir_size(&demo_db))
    );

    // the pipeline's last step on the big store: one vacancy's shortlist, bench strength
    for (what, args) in [
        (
            "vacancy shortlist (every admitted member of the rank's pools judged and ranked)",
            vec!["vacancy", "shortlist", "3", "--json"],
        ),
        ("bench strength of every department and rank", vec!["bench", "--json"]),
        ("vacancy forecast per quarter with plan starts and appointment rates", vec!["forecast", "--json"]),
        ("vacancy list", vec!["vacancy", "list", "--json"]),
        ("every overdue or behind course as JSON", vec!["remind", "--json"]),
    ] {
        let mut full = vec!["--db", d];
        full.extend(args);
        let mut walls: Vec<f64> = (0..5).map(|_| run(&full).wall.as_secs_f64() * 1000.0).collect();
        walls.sort_by(f64::total_cmp);
        println!("{what}: median {:.0} ms, worst {:.0} ms of 5 runs (each a whole process: start, open the store, answer)", walls[2], walls[4]);
    }

    // the same queries in-process (what the server answers): p50 and p99 of 50 calls each
    {
        // as the operator who made the demo store (its admin)
        let user = cadre::service::os_user().unwrap();
        let engine =
            std::sync::Arc::new(cadre::service::engine::Engine::open(&demo_db, &user, false).unwrap());
        let service = cadre::service::Service::new(Box::new(engine), user);
        let on = cadre::demo::pipeline::demo_today();
        let time = |what: &str, target: Option<f64>, f: &dyn Fn()| {
            f();
            let mut ms: Vec<f64> = (0..50)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            let p99 = ms[(ms.len() * 99).div_ceil(100) - 1];
            let verdict = target.map_or(String::new(), |t| {
                format!(" (target ≤ {t:.0} ms p99: {})", if p99 <= t { "met" } else { "missed" })
            });
            println!("in-process {what}: p50 {:.1} ms, p99 {p99:.1} ms{verdict}", ms[ms.len() / 2]);
        };
        time("vacancy shortlist", Some(50.0), &|| {
            service.shortlist(3, on).unwrap();
        });
        time("bench strength", Some(200.0), &|| {
            service.bench(on).unwrap();
        });
        time("forecast", None, &|| {
            service.outlook(on).unwrap();
        });
        time("department gaps (what the insight tab opens on)", Some(150.0), &|| {
            service.gaps().unwrap();
        });
        let rows = service.remind(on, None).unwrap().len();
        time(&format!("reminders (every overdue or behind course: {rows} rows)"), Some(150.0), &|| {
            service.remind(on, None).unwrap();
        });
        time(
            "reminders written as JSON (what `remind --json` does after opening the store)",
            Some(150.0),
            &|| {
                let list = service.remind(on, None).unwrap();
                serde_json::to_writer(std::io::sink(), &list.as_json_rows()).unwrap();
            },
        );
        time("reminders of pool 1's current members (the overdue view)", None, &|| {
            service.remind(on, Some(1)).unwrap();
        });
    }

    let csv = dir.path().join("employees.csv");
    run(&["--db", d, "export", "employees", "--format", "csv", "-o", csv.to_str().unwrap()]);
    let csv_bytes = std::fs::metadata(&csv).unwrap().len();
    let import_db = dir.path().join("import");
    let i = import_db.to_str().unwrap();
    run(&["--db", i, "init"]);
    let import = run(&["--db", i, "import", "employees", csv.to_str().unwrap()]);
    let store = dir_size(&import_db);
    println!(
        "import {employees}-row employee CSV ({:.1} MB): {:.2} s = {:.0} rows/s, peak RSS {:.0} MB, store {:.1} MB = {:.2}× the CSV",
        mb(csv_bytes),
        import.wall.as_secs_f64(),
        employees as f64 / import.wall.as_secs_f64(),
        import.peak_rss_mb,
        mb(store),
        store as f64 / csv_bytes as f64
    );

    // the same file into SQLite through Python's standard library, for scale
    let script = dir.path().join("sqlite_import.py");
    std::fs::write(&script, SQLITE_IMPORT).unwrap();
    let sqlite_db = dir.path().join("employees.sqlite");
    if Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success()) {
        let py = run_program(
            "python3",
            &[script.to_str().unwrap(), csv.to_str().unwrap(), sqlite_db.to_str().unwrap()],
        );
        let ours = employees as f64 / import.wall.as_secs_f64();
        let theirs = employees as f64 / py.wall.as_secs_f64();
        println!(
            "python3 + sqlite3, same CSV: {:.2} s = {theirs:.0} rows/s, peak RSS {:.0} MB; cadre's rate is {:.2}× SQLite's (target ≥ 0.6)",
            py.wall.as_secs_f64(),
            py.peak_rss_mb,
            ours / theirs
        );
    } else {
        println!("python3 not found: no SQLite comparison");
    }

    // the same number of people as a foreign export through a mapping (templates, value
    // tables with a default, M/D/YYYY dates, exit dates)
    let foreign = dir.path().join("foreign.csv");
    let mut text =
        String::from("\u{feff}Emp No,First Name,Last Name,Dept,Team,Job Title,Hire Date,Exit Date\r\n");
    for i in 0..employees {
        let exit = if i % 40 == 39 { "6/30/2024" } else { "" };
        let title = ["Analyst", "Unit Manager", "Team Lead", "Production Technician I"][i % 4];
        text.push_str(&format!(
            "F{i:06},Avery,Calder{},Sales ,Team {},{title},{}/{}/{},{exit}\r\n",
            i % 97,
            i % 7,
            1 + i % 12,
            1 + i % 28,
            2005 + i % 15
        ));
    }
    std::fs::write(&foreign, text).unwrap();
    let map = dir.path().join("foreign.toml");
    std::fs::write(&map, FOREIGN_MAP).unwrap();
    let mapped_db = dir.path().join("mapped");
    let m = mapped_db.to_str().unwrap();
    let mapped =
        run(&["--db", m, "import", "employees", foreign.to_str().unwrap(), "--map", map.to_str().unwrap()]);
    println!(
        "import {employees}-row foreign export through a mapping: {:.2} s = {:.0} rows/s, peak RSS {:.0} MB",
        mapped.wall.as_secs_f64(),
        employees as f64 / mapped.wall.as_secs_f64(),
        mapped.peak_rss_mb
    );
    let again =
        run(&["--db", m, "import", "employees", foreign.to_str().unwrap(), "--map", map.to_str().unwrap()]);
    println!(
        "the same file again (every record compared, nothing changed): {:.2} s = {:.0} rows/s, peak RSS {:.0} MB",
        again.wall.as_secs_f64(),
        employees as f64 / again.wall.as_secs_f64(),
        again.peak_rss_mb
    );

    let crash_db = dir.path().join("crash");
    let c = crash_db.to_str().unwrap();
    let small = dir.path().join("small.csv");
    std::fs::write(
        &small,
        "id,name,department,section,rank,hire_date\nE000001,测试,财务部,税务室,普通员工,2020-01-01\n",
    )
    .unwrap();
    run(&["--db", c, "import", "employees", small.to_str().unwrap()]);
    let start = Instant::now();
    let (rounds, acked) = crash_run(&crash_db, crashes);
    println!(
        "crash run: {rounds} SIGKILLs, {acked} acknowledged commands, all present, `cadre check` clean every time ({:.0} s)",
        start.elapsed().as_secs_f64()
    );
}

const SQLITE_IMPORT: &str = r#"
import csv, sqlite3, sys
con = sqlite3.connect(sys.argv[2])
con.execute("create table employees (id text primary key, name, department, section, rank, hire_date, status, skills, certifications, projects, team_management, aspiration, wants_management, left_on)")
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f)
    next(rows)
    con.executemany("insert into employees values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
con.commit()
"#;

const FOREIGN_MAP: &str = r#"
[columns]
id = "Emp No"
name = "{First Name} {Last Name}"
department = "Dept"
section = "Team"
rank = "Job Title"
hire_date = "Hire Date"
[derive]
left_on = "Exit Date"
[values.rank]
"unit manager" = "室主任"
"*" = "普通员工"
[dates]
formats = ["%m/%d/%Y"]
"#;
