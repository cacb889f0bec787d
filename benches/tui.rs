//! TUI benchmark on a generated store (run with `cargo bench --bench tui`): time to first
//! frame, update + render time per keystroke (selection, paging, search), and the bytes
//! written to the terminal for one selection move.
//!
//! Options after `--`: `--employees N` (default 100000), `--db DIR` to reuse a store made
//! by `cadre demo --employees N --no-tui --db DIR`.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

use cadre::service::{Answer, Query, Service};
use cadre::tui::action::Action;
use cadre::tui::app::App;
use cadre::tui::i18n::Lang;
use cadre::tui::keymap::Keymap;
use cadre::tui::view;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
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

type Term = Terminal<CrosstermBackend<Sink>>;

fn frame(app: &mut App, service: &Service, term: &mut Term) {
    app.prepare(service, SIZE).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn measure(name: &str, app: &mut App, service: &Service, term: &mut Term, keys: &[KeyEvent], rounds: usize) {
    let mut samples = Vec::with_capacity(rounds * keys.len());
    for _ in 0..rounds {
        for k in keys {
            let start = Instant::now();
            app.handle_key(service, *k);
            frame(app, service, term);
            samples.push(start.elapsed());
            // what the event loop does while no key is waiting
            app.prefetch(service).unwrap();
        }
    }
    let p50 = percentile(&mut samples, 0.5);
    let p99 = percentile(&mut samples, 0.99);
    println!(
        "{name}: p50 {:.3} ms, p99 {:.3} ms over {} keystrokes",
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        samples.len()
    );
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
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

    let start = Instant::now();
    let service = Service::open_local(&db, false).unwrap();
    let opened = start.elapsed();
    if std::env::var_os("CADRE_BENCH_DETAIL").is_some() {
        use cadre::service::Query;
        for (name, q) in [
            ("who", Query::WhoAmI),
            ("pools", Query::Pools),
            ("counts", Query::Counts),
            ("members", Query::Members { pool: 1 }),
        ] {
            let t = Instant::now();
            service.query(q).unwrap();
            println!("  {name}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mut app =
        App::load(&service, Lang::Zh, Keymap::load(None).unwrap(), chrono::Local::now().date_naive())
            .unwrap();
    let sink = Sink::default();
    let mut term: Term = Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        TerminalOptions { viewport: Viewport::Fixed(SIZE) },
    )
    .unwrap();
    let loaded = start.elapsed();
    frame(&mut app, &service, &mut term);
    let first = start.elapsed();
    println!(
        "  of which: open store {:.1} ms, load pools and members {:.1} ms, first prepare + draw {:.1} ms",
        opened.as_secs_f64() * 1e3,
        (loaded - opened).as_secs_f64() * 1e3,
        (first - loaded).as_secs_f64() * 1e3
    );
    println!(
        "first frame ({} pool members, {}×{}): {:.1} ms (open store + load pool + draw), {} bytes",
        app.rows.len(),
        SIZE.width,
        SIZE.height,
        first.as_secs_f64() * 1e3,
        sink.take()
    );

    // Bytes for one selection move, after a settled frame.
    app.handle_key(&service, key(KeyCode::Char('j')));
    frame(&mut app, &service, &mut term);
    println!("bytes written for one selection move: {}", sink.take());
    app.handle_key(&service, key(KeyCode::PageDown));
    frame(&mut app, &service, &mut term);
    println!("bytes written for one page down: {}", sink.take());
    let narrow = Sink::default();
    let small = Rect::new(0, 0, 80, 24);
    let mut term80: Term = Terminal::with_options(
        CrosstermBackend::new(narrow.clone()),
        TerminalOptions { viewport: Viewport::Fixed(small) },
    )
    .unwrap();
    app.prepare(&service, small).unwrap();
    term80.draw(|f| view::draw(f, &app)).unwrap();
    narrow.take();
    app.handle_key(&service, key(KeyCode::Char('j')));
    app.prepare(&service, small).unwrap();
    term80.draw(|f| view::draw(f, &app)).unwrap();
    println!("bytes written for one selection move at 80x24 (no profile pane): {}", narrow.take());
    app.prepare(&service, SIZE).unwrap();

    measure("move selection (j)", &mut app, &service, &mut term, &[key(KeyCode::Char('j'))], 2000);
    app.update(&service, Action::Top);
    measure(
        "page down / up",
        &mut app,
        &service,
        &mut term,
        &[key(KeyCode::PageDown), key(KeyCode::PageDown), key(KeyCode::PageUp)],
        300,
    );
    let name = app.rows.last().map(|r| r.name.clone()).unwrap_or_default();
    let mut typing = vec![key(KeyCode::Char('/'))];
    typing.extend(name.chars().map(|c| key(KeyCode::Char(c))));
    typing.push(key(KeyCode::Enter));
    measure(
        &format!("incremental search for '{name}' (per key)"),
        &mut app,
        &service,
        &mut term,
        &typing,
        200,
    );
    // The reflection queue: opening it, then moving to the next pending one.
    let mut opens = Vec::new();
    for _ in 0..50 {
        app.queue = Default::default();
        app.update(&service, Action::Tab(cadre::tui::action::Panel::Pool));
        let start = Instant::now();
        app.update(&service, Action::Tab(cadre::tui::action::Panel::Reflections));
        frame(&mut app, &service, &mut term);
        opens.push(start.elapsed());
    }
    let p50 = percentile(&mut opens, 0.5);
    let p99 = percentile(&mut opens, 0.99);
    println!(
        "open the reflection queue ({} pending): p50 {:.3} ms, p99 {:.3} ms over {} opens",
        app.pending_reflections,
        p50.as_secs_f64() * 1e3,
        p99.as_secs_f64() * 1e3,
        opens.len()
    );
    measure("next pending reflection (j)", &mut app, &service, &mut term, &[key(KeyCode::Char('j'))], 1000);
    // The courses panel: opening it, then moving through members and through courses.
    let mut opens = Vec::new();
    for _ in 0..50 {
        app.training = Default::default();
        app.update(&service, Action::Tab(cadre::tui::action::Panel::Pool));
        let start = Instant::now();
        app.update(&service, Action::Tab(cadre::tui::action::Panel::Courses));
        frame(&mut app, &service, &mut term);
        opens.push(start.elapsed());
    }
    println!(
        "open the courses panel: p50 {:.3} ms, p99 {:.3} ms over {} opens (per-course figures follow at idle)",
        percentile(&mut opens, 0.5).as_secs_f64() * 1e3,
        percentile(&mut opens, 0.99).as_secs_f64() * 1e3,
        opens.len()
    );
    let start = Instant::now();
    app.prefetch(&service).unwrap();
    println!(
        "  per-course figures of the pool (idle-time read): {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    measure(
        "courses panel: next member (j)",
        &mut app,
        &service,
        &mut term,
        &[key(KeyCode::Char('j'))],
        1000,
    );
    measure("courses panel: next course (J)", &mut app, &service, &mut term, &[key(KeyCode::Char('J'))], 300);
    let start = Instant::now();
    let Answer::Reminders(list) =
        service.query(Query::Remind { on: chrono::Local::now().date_naive() }).unwrap()
    else {
        panic!("reminders")
    };
    println!(
        "remind over every enrollment: {:.0} ms for {} reminders (query only; `cadre remind --json` adds output)",
        start.elapsed().as_secs_f64() * 1e3,
        list.len()
    );
    readiness(&service);
    // The readiness panel: entering it reads the pool's facts again (so changes made
    // elsewhere show); moving, the 9-box and a what-if step work on facts already held.
    measure("open the readiness panel (4)", &mut app, &service, &mut term, &[key(KeyCode::Char('4'))], 1);
    let open_close = [key(KeyCode::Char('1')), key(KeyCode::Char('4'))];
    measure(
        "tab 1 / tab 4 alternately (readiness re-reads its facts)",
        &mut app,
        &service,
        &mut term,
        &open_close,
        20,
    );
    measure("readiness: move selection (j)", &mut app, &service, &mut term, &[key(KeyCode::Char('j'))], 500);
    measure("readiness: toggle the 9-box (b)", &mut app, &service, &mut term, &[key(KeyCode::Char('b'))], 50);
    app.handle_key(&service, key(KeyCode::Char('w')));
    let steps = [key(KeyCode::Char('-')), key(KeyCode::Char('+'))];
    measure("readiness: what-if step (- / +)", &mut app, &service, &mut term, &steps, 50);
    app.handle_key(&service, key(KeyCode::Esc));
    app.handle_key(&service, key(KeyCode::Char('u')));
    app.update(&service, Action::Tab(cadre::tui::action::Panel::Pool));
    let Some(info) = app.pool().map(|p| p.name.clone()) else { return };
    let start = Instant::now();
    app.update(&service, Action::Screen);
    println!(
        "screening {info} over {employees} employees: {:.0} ms, {} candidates (an explicit action, off the keystroke path)",
        start.elapsed().as_secs_f64() * 1e3,
        app.screening.as_ref().map_or(0, |s| s.candidates.len())
    );
}

/// Readiness of the largest pool: the whole query (facts + verdicts + rows), and the
/// what-if step the TUI runs on facts it already holds.
fn readiness(service: &Service) {
    use cadre::service::Query;
    let Answer::Pools(pools) = service.query(Query::Pools).unwrap() else { panic!("pools") };
    let on = chrono::Local::now().date_naive();
    let mut best = (0, 0usize);
    for p in &pools {
        let Answer::ReadinessFacts(f) = service.query(Query::ReadinessFacts { pool: p.id }).unwrap() else {
            panic!("facts")
        };
        if f.members.len() > best.1 {
            best = (p.id, f.members.len());
        }
    }
    let (pool, ranked) = best;
    let mut query = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let Answer::Readiness(r) = service.query(Query::Readiness { pool, on, policy: None }).unwrap() else {
            panic!("readiness")
        };
        query.push(t.elapsed());
        assert_eq!(r.rows.len(), ranked);
    }
    let mut gather = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        service.query(Query::ReadinessFacts { pool }).unwrap();
        gather.push(t.elapsed());
    }
    let Answer::ReadinessFacts(facts) = service.query(Query::ReadinessFacts { pool }).unwrap() else {
        panic!("facts")
    };
    let mut policy = cadre::domain::policy::Policy::default();
    let mut what_if = Vec::new();
    for i in 0..20 {
        policy.reflection.pass_score = 70 + (i % 10) as u8;
        let t = Instant::now();
        let v = facts.evaluate(&policy, on);
        what_if.push(t.elapsed());
        assert_eq!(v.len(), ranked);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("  of which reading the facts: p50 {:.1} ms", ms(percentile(&mut gather, 0.5)));
    println!(
        "readiness of pool {pool} ({ranked} ranked members): query p50 {:.1} ms, p99 {:.1} ms; what-if re-evaluation p50 {:.1} ms, p99 {:.1} ms",
        ms(percentile(&mut query, 0.50)),
        ms(percentile(&mut query, 0.99)),
        ms(percentile(&mut what_if, 0.50)),
        ms(percentile(&mut what_if, 0.99)),
    );
}
