//! The full-screen terminal UI: terminal set-up and restore, the event loop.

pub mod action;
pub mod app;
mod assess;
mod fresh;
pub mod i18n;
mod input;
pub mod keymap;
pub mod list;
mod pool_actions;
pub mod queue;
pub mod readiness;
pub mod text;
pub mod training;
pub mod view;

use std::io::Write;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::ExecutableCommand;
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::service::Service;
use app::App;
use i18n::Lang;
use keymap::Keymap;

/// Options of the UI from the command line.
#[derive(Debug, Clone, Default)]
pub struct UiOptions {
    pub lang: Option<String>,
    pub keymap: Option<std::path::PathBuf>,
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

/// Runs the UI on the store behind `service` until the operator quits; `feed`, the server
/// connection whose change notices keep the screen fresh, when there is a server.
pub fn run(
    service: &Service,
    feed: Option<std::sync::Arc<crate::client::socket::SocketTransport>>,
    options: &UiOptions,
) -> anyhow::Result<()> {
    // The keymap is checked before the screen changes, so its error lands on a sane terminal.
    let user_keymap = options.keymap.clone().or_else(Keymap::user_file);
    let keymap = Keymap::load(user_keymap.as_deref()).map_err(|e| anyhow::anyhow!(e))?;
    let lang = Lang::detect(options.lang.as_deref());
    let today = chrono::Local::now().date_naive();
    let mut app = App::load(service, lang, keymap, today)?;
    if !std::io::IsTerminal::is_terminal(&std::io::stdout())
        || !std::io::IsTerminal::is_terminal(&std::io::stdin())
    {
        anyhow::bail!(
            "the TUI needs a terminal on standard input and output (for scripts: --no-tui, export, apply)"
        );
    }

    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous_hook(info);
    }));
    let _guard = TerminalGuard::enter()?;
    // Terminal::clear would ask the terminal for its cursor position; a fresh alternate
    // screen is blank already, and the first draw paints every cell.
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    if let Some(f) = &feed {
        f.subscribe(f.info().seq)?;
    }
    let mut dirty = true;
    while !app.quit {
        if dirty {
            let size = terminal.size()?;
            app.prepare(service, ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
            terminal.draw(|frame| view::draw(frame, &app))?;
        }
        if !event::poll(std::time::Duration::ZERO)? {
            app.prefetch(service)?;
        }
        // while no key comes, the server's change notices refresh what is shown
        dirty = false;
        while !event::poll(std::time::Duration::from_millis(40))? {
            let Some(f) = &feed else { continue };
            let changes = f.notices(std::time::Duration::ZERO).unwrap_or_default();
            if !changes.is_empty() {
                app.refresh_after(service, &changes)?;
                dirty = true;
                break;
            }
        }
        if !dirty {
            dirty = app.handle_event(service, event::read()?);
        }
    }
    Ok(())
}
