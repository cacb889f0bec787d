//! The full-screen terminal UI: terminal set-up and restore, the threads (keys, two
//! workers, the server link) and the event loop that feeds the shell and draws it.

pub mod action;
pub mod backend;
pub mod component;
pub mod ctx;
pub mod effect;
pub mod fresh;
pub mod input;
pub mod job;
pub mod keymap;
pub mod layers;
pub mod list;
pub mod panels;
pub mod search;
pub mod shell;
pub mod text;
pub mod theme;
pub mod worker;

use std::io::{BufWriter, Write};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, KeyEventKind};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::ExecutableCommand;
use ratatui::layout::Rect;
use ratatui::Terminal;

use crate::client::socket::SocketTransport;
use crate::domain::Date;
use crate::locale::Lang;
use crate::service::Service;
use effect::Job;
use keymap::{Key, Keymap};
use shell::{Outgoing, Shell};
use theme::{Depth, Theme};
use worker::{Event, Link, LinkState};

/// Options of the UI from the command line.
#[derive(Debug, Clone, Default)]
pub struct UiOptions {
    pub lang: Option<String>,
    pub keymap: Option<std::path::PathBuf>,
}

/// A shell with the four panels, for a session in `lang` on `today`.
pub fn session(lang: Lang, today: Date, keymap: Keymap, theme: Theme) -> Shell {
    let panels: Vec<Box<dyn component::Component>> = vec![
        Box::new(panels::pool::PoolPanel::default()),
        Box::new(panels::courses::CoursesPanel::default()),
        Box::new(panels::queue::QueuePanel::default()),
        Box::new(panels::readiness::ReadinessPanel::default()),
        Box::new(panels::vacancies::VacanciesPanel::default()),
        Box::new(panels::insight::InsightPanel::default()),
    ];
    Shell::new(ctx::Ctx::new(lang, today, keymap, theme), panels)
}

/// Runs every job the shell has asked for, here and now, until it asks for nothing more
/// (tests and benchmarks; the UI sends them to its workers).
pub fn settle(shell: &mut Shell, service: &Service) {
    for _ in 0..1000 {
        let jobs = shell.take_outbox();
        if jobs.is_empty() {
            return;
        }
        for Outgoing { id, ticket, job } in jobs {
            let reply = worker::execute(service, job);
            shell.reply(id, ticket, reply);
        }
    }
}

/// Restores the terminal when dropped: on return, on `?` errors and during a panic unwind.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> anyhow::Result<TerminalGuard> {
        terminal::enable_raw_mode()?;
        let mut out = std::io::stdout();
        out.execute(EnterAlternateScreen)?;
        out.execute(EnableBracketedPaste)?;
        Ok(TerminalGuard)
    }
}

fn restore() {
    let mut out = std::io::stdout();
    let _ = out.execute(DisableBracketedPaste);
    let _ = out.execute(LeaveAlternateScreen);
    let _ = out.execute(crossterm::cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Runs the UI on `service` until the operator quits; `feed`, the server connection,
/// when there is a server (its notices keep the screen fresh; it is reconnected when the
/// server comes back).
pub fn run(service: Service, feed: Option<Arc<SocketTransport>>, options: &UiOptions) -> anyhow::Result<()> {
    // keymap and theme are checked before the screen changes, so their errors land on a
    // sane terminal
    let user_keymap = options.keymap.clone().or_else(Keymap::user_file);
    let keymap = Keymap::load(user_keymap.as_deref()).map_err(|e| anyhow::anyhow!(e))?;
    let theme =
        Theme::load(Theme::user_file().as_deref(), Depth::detect()).map_err(|e| anyhow::anyhow!(e))?;
    let lang = Lang::detect(options.lang.as_deref());
    if !std::io::IsTerminal::is_terminal(&std::io::stdout())
        || !std::io::IsTerminal::is_terminal(&std::io::stdin())
    {
        anyhow::bail!(crate::locale::cli::needs_terminal(lang));
    }
    let today = chrono::Local::now().date_naive();
    let link = Link::new(service, feed);
    let mut shell = session(lang, today, keymap, theme);

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous_hook(info);
    }));
    let _guard = TerminalGuard::enter()?;
    let mut terminal =
        Terminal::new(backend::SshBackend::new(BufWriter::with_capacity(64 * 1024, std::io::stdout())))?;
    let (events_tx, events) = channel::<Event>();
    std::thread::scope(|s| {
        let (light_tx, light_rx) = channel();
        let (heavy_tx, heavy_rx) = channel();
        let link = &link;
        {
            let tx = events_tx.clone();
            s.spawn(move || worker::work(link, light_rx, tx));
        }
        {
            let tx = events_tx.clone();
            s.spawn(move || worker::work(link, heavy_rx, tx));
        }
        {
            let tx = events_tx.clone();
            s.spawn(move || worker::read_input(link, tx));
        }
        if link.remote() {
            let tx = events_tx.clone();
            s.spawn(move || worker::keep_linked(link, tx));
        }
        drop(events_tx);
        let result = event_loop(&mut shell, &mut terminal, &events, link, &light_tx, &heavy_tx);
        link.stop();
        drop(light_tx);
        drop(heavy_tx);
        result
    })
}

type Jobs = Sender<(u64, effect::Ticket, Job)>;

/// Sends the shell's jobs: what a frame waits for to the light worker, whole-pool reads
/// and reads ahead to the other.
fn dispatch(shell: &mut Shell, light: &Jobs, heavy: &Jobs) {
    for Outgoing { id, ticket, job } in shell.take_frame_jobs() {
        let _ = light.send((id, ticket, job));
    }
    for Outgoing { id, ticket, job } in shell.take_outbox() {
        let ahead = matches!(ticket.want, effect::Want::MetricsAhead(_));
        let to = if job.is_heavy() || ahead { heavy } else { light };
        let _ = to.send((id, ticket, job));
    }
}

/// Runs only the jobs the next frame waits for (the benchmark's key-to-frame time; the
/// rest runs beside it on the other worker).
pub fn settle_frame(shell: &mut Shell, service: &Service) {
    for _ in 0..100 {
        let jobs = shell.take_frame_jobs();
        if jobs.is_empty() {
            return;
        }
        for Outgoing { id, ticket, job } in jobs {
            let reply = worker::execute(service, job);
            shell.reply(id, ticket, reply);
        }
    }
}

/// Applies one event; returns whether it came from the keyboard.
fn handle(shell: &mut Shell, event: Event, link: &Link) -> bool {
    match event {
        Event::Input(crossterm::event::Event::Key(k)) if k.kind != KeyEventKind::Release => {
            for key in Key::from_event(&k) {
                shell.key(key);
            }
            return true;
        }
        Event::Input(crossterm::event::Event::Paste(text)) => {
            shell.paste(&text);
            return true;
        }
        Event::Input(crossterm::event::Event::Resize(w, h)) => shell.resize(Rect::new(0, 0, w, h)),
        Event::Input(_) => {}
        Event::Reply(id, ticket, reply) => shell.reply(id, ticket, reply),
        Event::Notice(changes) => shell.notice(&changes),
        Event::Link(LinkState::Lost(socket)) => shell.link(Some(socket)),
        Event::Link(LinkState::Back) => shell.link(None),
    }
    link.seen.store(shell.ctx.clock.seq, Ordering::SeqCst);
    false
}

/// How long a keystroke's frame waits for the small reads it started (the selected
/// person's profile and figures), so that one key makes one frame.
const KEY_FRAME_WAIT: Duration = Duration::from_millis(30);

fn event_loop<W: Write>(
    shell: &mut Shell,
    terminal: &mut Terminal<backend::SshBackend<W>>,
    events: &Receiver<Event>,
    link: &Link,
    light: &Jobs,
    heavy: &Jobs,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    shell.resize(Rect::new(0, 0, size.width, size.height));
    dispatch(shell, light, heavy);
    terminal.draw(|f| shell.draw(f))?;
    while !shell.quit {
        let mut dirty = false;
        let mut keyed = false;
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(e) => {
                keyed |= handle(shell, e, link);
                dirty = true;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        // whatever else arrived meanwhile, in one frame
        while let Ok(e) = events.try_recv() {
            keyed |= handle(shell, e, link);
            dirty = true;
        }
        dispatch(shell, light, heavy);
        if keyed && shell.light_pending() {
            let deadline = Instant::now() + KEY_FRAME_WAIT;
            while shell.light_pending() {
                let left = deadline.saturating_duration_since(Instant::now());
                match events.recv_timeout(left) {
                    Ok(e) => {
                        handle(shell, e, link);
                        dispatch(shell, light, heavy);
                    }
                    Err(_) => break,
                }
            }
        }
        dirty |= shell.tick(Instant::now());
        if dirty && !shell.quit {
            terminal.draw(|f| shell.draw(f))?;
        }
    }
    Ok(())
}
