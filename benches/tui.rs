//! TUI benchmark on a generated store (run with `cargo bench --bench tui`): time to the
//! first complete frame, key-to-frame time per keystroke (the key, the reads it starts,
//! the frame), the bytes written to the terminal for a selection move, and a change
//! notice to the redrawn frame.
//!
//! Options after `--`: `--employees N` (default 100000), `--db DIR` to reuse a store made
//! by `cadre demo --employees N --no-tui --db DIR`.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

use cadre::locale::Lang;
use cadre::service::command::{Command, Grant, GrantKind};
use cadre::service::Service;
use cadre::tui::backend::SshBackend;
use cadre::tui::effect::Want;
use cadre::tui::keymap::{Key, Keymap};
use cadre::tui::shell::Shell;
use cadre::tui::theme::{Depth, Theme};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const SIZE: Rect = Rect { x: 0, y: 0, width: 140, height: 40 };

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

/// What the backend writes, kept where the benchmark can measure it.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> usize {
        let n = self.0.borrow().len();
        self.0.borrow_mut().clear();
        n
    }
}

type Term = Terminal<SshBackend<Sink>>;

fn terminal(sink: &Sink, size: Rect) -> Term {
    Terminal::with_options(
        SshBackend::with_size(sink.clone(), size.width, size.height),
        TerminalOptions { viewport: Viewport::Fixed(size) },
    )
    .unwrap()
}

fn frame(shell: &mut Shell, service: &Service, term: &mut Term) {
    cadre::tui::settle(shell, service);
    let done = term.draw(|f| shell.draw(f)).unwrap();
    if std::env::var_os("CADRE_CHECK_SHADOW").is_some() {
        let buffer = done.buffer.clone();
        if let Some(d) = term.backend().differs_from(&buffer) {
            panic!("shadow differs at {d:?}");
        }
    }
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn keys(text: &str) -> Vec<Key> {
    text.split(' ').filter(|t| !t.is_empty()).map(|t| Key::parse(t).unwrap()).collect()
}

/// Key-to-frame times of `keys` pressed `rounds` times.
fn measure(
    name: &str,
    shell: &mut Shell,
    service: &Service,
    term: &mut Term,
    keys: &[Key],
    rounds: usize,
) -> Duration {
    let mut samples = Vec::with_capacity(rounds * keys.len());
    for _ in 0..rounds {
        for k in keys {
            let start = Instant::now();
            shell.key(*k);
            frame(shell, service, term);
            samples.push(start.elapsed());
        }
    }
    let p99 = percentile(&mut samples, 0.99);
    println!(
        "{name}: p50 {:.3} ms, p99 {:.3} ms over {} keystrokes",
        ms(percentile(&mut samples, 0.5)),
        ms(p99),
        samples.len()
    );
    p99
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let employees: usize = arg("--employees").and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().unwrap();
    let db = match arg("--db") {
        Some(d) => std::path::PathBuf::from(d),
        None => {
            let db = tmp.path().join("db");
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_cadre"))
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

    // a store is opened many times; the first open after it was made replays sled's log
    drop(Service::open_local(&db, false).unwrap());
    let start = Instant::now();
    let service = Service::open_local(&db, false).unwrap();
    let opened = start.elapsed();
    let today = chrono::Local::now().date_naive();
    let theme = Theme::load(None, Depth::Indexed).unwrap();
    let mut shell = cadre::tui::session(Lang::Zh, today, Keymap::load(None).unwrap(), theme);
    shell.resize(SIZE);
    let sink = Sink::default();
    let mut term = terminal(&sink, SIZE);
    // everything the first screen shows (reads ahead of a move run beside it in the UI)
    loop {
        let jobs = shell.take_jobs(|t, _| !matches!(t.want, Want::MetricsAhead(_)));
        if jobs.is_empty() {
            break;
        }
        for o in jobs {
            let t = Instant::now();
            let what = format!("{:?}", o.ticket.want);
            let reply = cadre::tui::worker::execute(&service, o.job);
            if std::env::var_os("CADRE_BENCH_DETAIL").is_some() {
                println!("  first frame: {what} {:.1} ms", ms(t.elapsed()));
            }
            shell.reply(o.id, o.ticket, reply);
        }
    }
    term.draw(|f| shell.draw(f)).unwrap();
    let first = start.elapsed();
    frame(&mut shell, &service, &mut term);
    let t = Instant::now();
    let members = service.members(1).map(|m| m.len()).unwrap_or(0);
    println!("  of which the pool's {members} members (read again now): {:.1} ms", ms(t.elapsed()));
    println!(
        "first complete frame at {}x{} (open store {:.1} ms + every read the first screen makes + draw): {:.1} ms, {} bytes",
        SIZE.width,
        SIZE.height,
        ms(opened),
        ms(first),
        sink.take()
    );

    // Bytes for one selection move with the profile pane beside, after a settled frame.
    let mut moves = Vec::new();
    for _ in 0..50 {
        shell.key(Key::char('j'));
        frame(&mut shell, &service, &mut term);
        moves.push(sink.take());
    }
    if let Some(path) = arg("--dump-move") {
        shell.key(Key::parse("<Home>").unwrap());
        frame(&mut shell, &service, &mut term);
        shell.key(Key::char('j'));
        frame(&mut shell, &service, &mut term);
        shell.key(Key::char('j'));
        cadre::tui::settle(&mut shell, &service);
        sink.take();
        term.draw(|f| shell.draw(f)).unwrap();
        std::fs::write(path, sink.0.borrow().as_slice()).unwrap();
        sink.take();
    }
    moves.sort_unstable();
    println!(
        "bytes for one selection move at 140x40 with the profile beside: median {}, max {} over {} moves",
        moves[moves.len() / 2],
        moves[moves.len() - 1],
        moves.len()
    );
    let narrow_sink = Sink::default();
    let small = Rect::new(0, 0, 80, 24);
    let mut term80 = terminal(&narrow_sink, small);
    shell.resize(small);
    frame(&mut shell, &service, &mut term80);
    narrow_sink.take();
    let mut narrow = Vec::new();
    for _ in 0..50 {
        shell.key(Key::char('j'));
        frame(&mut shell, &service, &mut term80);
        narrow.push(narrow_sink.take());
    }
    narrow.sort_unstable();
    println!(
        "bytes for one selection move at 80x24: median {}, max {}",
        narrow[narrow.len() / 2],
        narrow[narrow.len() - 1]
    );
    shell.resize(SIZE);
    frame(&mut shell, &service, &mut term);

    let mut worst = Duration::ZERO;
    worst = worst.max(measure("move selection (j)", &mut shell, &service, &mut term, &keys("j"), 2000));
    worst = worst.max(measure(
        "page down / up",
        &mut shell,
        &service,
        &mut term,
        &keys("<PageDown> <PageDown> <PageUp>"),
        300,
    ));
    measure(
        "sort by the next shown column (s), every member's figures read",
        &mut shell,
        &service,
        &mut term,
        &keys("s"),
        3,
    );
    let mut search = vec![Key::char('/')];
    search.extend("zhangwei".chars().map(Key::char));
    search.push(Key::parse("<Enter>").unwrap());
    worst = worst.max(measure(
        "incremental search by pinyin 'zhangwei' (per key)",
        &mut shell,
        &service,
        &mut term,
        &search,
        100,
    ));

    // another operator grants points to someone in view: the notice reaches this screen,
    // which reads what it shows again and redraws
    let other = Service::open_local(&db, false).ok();
    let granting = other.as_ref().unwrap_or(&service);
    let first_row = granting.members(1).unwrap().into_iter().next().map(|r| r.member.employee_id);
    let mut notices = Vec::new();
    for i in 0..30 {
        let Some(id) = first_row.clone() else { break };
        let outcome = granting
            .execute(Command::GrantPoints(Grant {
                employee_id: id,
                kind: GrantKind::Manual { points: 1 },
                reason: format!("benchmark {i}"),
                on: None,
            }))
            .unwrap();
        let start = Instant::now();
        shell.notice(&[outcome.changes]);
        frame(&mut shell, &service, &mut term);
        notices.push(start.elapsed());
    }
    println!(
        "change notice (points) to redrawn frame: p50 {:.2} ms, p99 {:.2} ms",
        ms(percentile(&mut notices, 0.5)),
        ms(percentile(&mut notices, 0.99))
    );

    measure("open the reflections tab (3)", &mut shell, &service, &mut term, &keys("3"), 1);
    worst =
        worst.max(measure("next pending reflection (j)", &mut shell, &service, &mut term, &keys("j"), 500));
    worst = worst.max(measure(
        "review: typing a score",
        &mut shell,
        &service,
        &mut term,
        &keys("<Enter> 8 5 <Esc>"),
        100,
    ));
    measure("open the courses tab (2)", &mut shell, &service, &mut term, &keys("2"), 1);
    worst = worst.max(measure("courses: next member (j)", &mut shell, &service, &mut term, &keys("j"), 500));
    worst = worst.max(measure("courses: next course (J)", &mut shell, &service, &mut term, &keys("J"), 300));
    measure(
        "open the readiness tab (4, the pool's facts read and judged)",
        &mut shell,
        &service,
        &mut term,
        &keys("4"),
        1,
    );
    worst =
        worst.max(measure("readiness: move selection (j)", &mut shell, &service, &mut term, &keys("j"), 500));
    measure("readiness: toggle the 9-box (b)", &mut shell, &service, &mut term, &keys("b"), 20);
    shell.key(Key::char('W'));
    measure(
        "readiness: what-if step (- / +), the pool judged again",
        &mut shell,
        &service,
        &mut term,
        &keys("- +"),
        20,
    );
    println!("keystroke p99, worst of the per-key paths above: {:.2} ms (target 5 ms)", ms(worst));
}
