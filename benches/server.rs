//! Server benchmark on a generated store (run with `cargo bench --bench server`):
//! 16 clients on one `cadre serve`, 70 % queries (a pool page, a queue page, the pool's
//! readiness) and 30 % commands; a keystroke's request (the selected person and their
//! figures, the next reflection) while 8 other clients write; the time from one client's
//! commit to another client holding the change notice and the screen read again; and the
//! server's peak RSS.
//!
//! Options after `--`: `--employees N` (default 100000), `--db DIR` to reuse a store made
//! by `cadre demo --employees N --no-tui --db DIR` (it is written to: points are granted).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cadre::client::over_socket;
use cadre::service::command::{Grant, GrantKind};
use cadre::service::{Command as Cmd, RecordKind, Service};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1e3
}

fn start_server(db: &Path, socket: &Path) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_cadre"))
        .arg("--db")
        .arg(db)
        .arg("--socket")
        .arg(socket)
        .arg("serve")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while over_socket(socket).is_err() {
        assert!(start.elapsed() < Duration::from_secs(60), "the server never answered");
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

/// The server's peak resident set, from /proc.
fn peak_rss_mb(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn grant(service: &Service, who: &str, n: u64) -> Duration {
    let start = Instant::now();
    service
        .execute(Cmd::GrantPoints(Grant {
            employee_id: who.parse().unwrap(),
            kind: GrantKind::Manual { points: 1 },
            reason: format!("bench {n}"),
            on: None,
        }))
        .unwrap();
    start.elapsed()
}

struct Mix {
    pool_page: Vec<Duration>,
    queue_page: Vec<Duration>,
    readiness: Vec<Duration>,
    command: Vec<Duration>,
}

fn mixed_client(socket: &Path, c: usize, ops: usize, pool: u32, people: &[String]) -> Mix {
    let (service, _) = over_socket(socket).unwrap();
    let on = chrono::Local::now().date_naive();
    let mut mix = Mix { pool_page: vec![], queue_page: vec![], readiness: vec![], command: vec![] };
    let mut x = c as u64 * 7919 + 1;
    for n in 0..ops {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let roll = (x >> 33) % 100;
        let start = Instant::now();
        match roll {
            0..=34 => {
                let after = people
                    .get((x as usize >> 7) % people.len().max(1))
                    .map(|id| format!("mem/{pool:08}/{id}"));
                service.page(RecordKind::Members, Some(pool), after, 40).unwrap();
                mix.pool_page.push(start.elapsed());
            }
            35..=59 => {
                service.reflection_queue(None, None, None, 40).unwrap();
                mix.queue_page.push(start.elapsed());
            }
            60..=69 => {
                service.readiness(pool, on, None).unwrap();
                mix.readiness.push(start.elapsed());
            }
            _ => {
                let who = &people[(x as usize >> 11) % people.len()];
                mix.command.push(grant(&service, who, (c * 1_000_000 + n) as u64));
            }
        }
    }
    mix
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let employees: usize = arg("--employees").and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().unwrap();
    let db: PathBuf = match arg("--db") {
        Some(d) => PathBuf::from(d),
        None => {
            let db = tmp.path().join("db");
            let status = Command::new(env!("CARGO_BIN_EXE_cadre"))
                .args([
                    "--db",
                    db.to_str().unwrap(),
                    "demo",
                    "--no-tui",
                    "--employees",
                    &employees.to_string(),
                ])
                .status()
                .unwrap();
            assert!(status.success());
            db
        }
    };
    let socket = tmp.path().join("cadre.sock");
    let started = Instant::now();
    let mut server = start_server(&db, &socket);
    println!("server answering after {:.2} s", started.elapsed().as_secs_f64());
    let (probe, _) = over_socket(&socket).unwrap();
    let pool = probe.pools().unwrap()[0].id;
    let people: Vec<String> =
        probe.members(pool).unwrap().into_iter().map(|m| m.member.employee_id.to_string()).collect();
    let people = Arc::new(people);

    // 16 clients, 70 % queries and 30 % commands
    let ops = 150;
    let start = Instant::now();
    let threads: Vec<_> = (0..16)
        .map(|c| {
            let (socket, people) = (socket.clone(), people.clone());
            std::thread::spawn(move || mixed_client(&socket, c, ops, pool, &people))
        })
        .collect();
    let mut all = Mix { pool_page: vec![], queue_page: vec![], readiness: vec![], command: vec![] };
    for t in threads {
        let m = t.join().unwrap();
        all.pool_page.extend(m.pool_page);
        all.queue_page.extend(m.queue_page);
        all.readiness.extend(m.readiness);
        all.command.extend(m.command);
    }
    let wall = start.elapsed().as_secs_f64();
    println!("16 clients × {ops} requests in {wall:.1} s = {:.0} requests/s", (16 * ops) as f64 / wall);
    for (name, samples) in [
        ("pool page (40 members)", &mut all.pool_page),
        ("queue page (40 reflections)", &mut all.queue_page),
        ("readiness of the pool", &mut all.readiness),
        ("command (a points grant)", &mut all.command),
    ] {
        let n = samples.len();
        println!(
            "  {name}: {n} requests, p50 {:.2} ms, p99 {:.2} ms",
            percentile(samples, 0.5),
            percentile(samples, 0.99)
        );
    }

    // a keystroke's requests while 8 other clients write
    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..8)
        .map(|c| {
            let (socket, people, stop) = (socket.clone(), people.clone(), stop.clone());
            std::thread::spawn(move || {
                let (service, _) = over_socket(&socket).unwrap();
                let mut n = 0u64;
                while !stop.load(Ordering::SeqCst) {
                    grant(
                        &service,
                        &people[(c * 31 + n as usize) % people.len()],
                        10_000_000 + c as u64 * 100_000 + n,
                    );
                    n += 1;
                }
                n
            })
        })
        .collect();
    let (tui, _) = over_socket(&socket).unwrap();
    let queue: Vec<u64> =
        tui.reflection_queue(None, None, None, 200).unwrap().0.iter().map(|r| r.id).collect();
    let today = chrono::Local::now().date_naive();
    let mut moves = Vec::new();
    let mut advances = Vec::new();
    for i in 0..400 {
        let id = &people[(i * 13) % people.len()];
        let start = Instant::now();
        tui.employee(id.parse().unwrap()).unwrap();
        tui.member_metrics(vec![id.parse().unwrap()], Some(pool), Some(today)).unwrap();
        moves.push(start.elapsed());
        let start = Instant::now();
        tui.reflection(queue[i % queue.len()]).unwrap();
        advances.push(start.elapsed());
    }
    stop.store(true, Ordering::SeqCst);
    let written: u64 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    println!(
        "a keystroke through the socket while 8 clients wrote {written} commands: selection move (person + figures) p50 {:.2} ms, p99 {:.2} ms; queue advance p50 {:.2} ms, p99 {:.2} ms",
        percentile(&mut moves, 0.5),
        percentile(&mut moves, 0.99),
        percentile(&mut advances, 0.5),
        percentile(&mut advances, 0.99)
    );

    // a change notice reaching another screen, which reads again what it shows
    let (watcher_service, watcher) = over_socket(&socket).unwrap();
    watcher.subscribe(watcher.info().seq).unwrap();
    let _ = watcher.notices(Duration::from_millis(200));
    let (writer, _) = over_socket(&socket).unwrap();
    let mut notices = Vec::new();
    for n in 0..200 {
        let start = Instant::now();
        grant(&writer, &people[n % people.len()], 20_000_000 + n as u64);
        loop {
            let got = watcher.notices(Duration::from_secs(5)).unwrap();
            if got.iter().any(|c| c.touches(cadre::service::changes::Topic::Points)) {
                break;
            }
        }
        // what a screen reads again: the badge and the visible page of the pool
        watcher_service.counts().unwrap();
        watcher_service.page(RecordKind::Members, Some(pool), None, 40).unwrap();
        notices.push(start.elapsed());
    }
    println!(
        "commit → notice at another client → its page read again: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&mut notices, 0.5),
        percentile(&mut notices, 0.99)
    );
    println!("server peak RSS {:.0} MB", peak_rss_mb(server.id()));
    server.kill().ok();
    server.wait().ok();
}
