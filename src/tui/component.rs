//! A panel of the UI as a component: it owns its state and its modes, turns actions into
//! effects, takes the answers to what it asked, and draws itself from what it holds.

use ratatui::layout::{Position, Rect};
use ratatui::Frame;

use super::action::{Action, Panel};
use super::ctx::Ctx;
use super::effect::{Effects, Reply, Want};
use super::keymap::Section;
use super::layers::Value;
use super::search::Row;

/// Headings and rows of an exported list.
pub type Cells = (Vec<String>, Vec<Vec<crate::io::table::Cell>>);

/// Makes the list's cells on the worker (it may read what the screen has not, such as
/// the figures of rows never scrolled to).
pub type Build = Box<dyn FnOnce(&crate::service::Service) -> Result<Cells, String> + Send>;

/// A list as it is shown (its filter and order), for `C-o`.
pub struct Table {
    /// What it is, for the file's default name and the sheet (`pool`, `queue`…).
    pub name: &'static str,
    pub build: Build,
}

/// What a panel shows: drawn from its state, in the panel's own view file.
pub trait View {
    /// Draws it; returns where the terminal cursor goes, if anywhere.
    fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) -> Option<Position>;

    /// The left part of the status line: what is shown (`成员 120，显示 30`).
    fn summary(&self, ctx: &Ctx) -> String;

    /// The list as shown, for `C-o`.
    fn table(&self, _ctx: &Ctx) -> Option<Table> {
        None
    }
}

pub trait Component: View {
    fn panel(&self) -> Panel;

    /// Queries for what it shows that is missing or older than a change.
    fn refresh(&mut self, ctx: &Ctx) -> Effects;

    /// An action from the keymap or the `:` line.
    fn update(&mut self, ctx: &Ctx, action: Action) -> Effects;

    /// The keymap section of the mode it is in (reviewing, the what-if editor), whose keys
    /// come before everything else.
    fn mode(&self) -> Option<Vec<Section>> {
        None
    }

    /// Actions its mode also takes from the global keys (a key of the mode's own sections
    /// comes first; a key none of them binds may still scroll the page beneath).
    fn mode_also(&self) -> &'static [Action] {
        &[]
    }

    /// A character typed in its mode.
    fn typed(&mut self, _ctx: &Ctx, _c: char) -> Effects {
        Vec::new()
    }

    /// Text pasted in its mode.
    fn paste(&mut self, _ctx: &Ctx, _text: &str) -> Effects {
        Vec::new()
    }

    /// The answer to something it asked.
    fn on_reply(&mut self, ctx: &Ctx, want: Want, reply: Reply) -> Effects;

    /// What a layer it opened handed back.
    fn on_input(&mut self, _ctx: &Ctx, _value: Value) -> Effects {
        Vec::new()
    }

    /// The layer it opened closed (done or cancelled), with a draft to keep if cancelled.
    fn on_closed(&mut self, _draft: Option<Value>) {}

    /// Lays itself out in `area` (list heights for paging); called before update and draw.
    fn resize(&mut self, area: Rect);

    /// The rows `/` searches, in list order.
    fn search_rows(&self) -> Vec<Row<'_>> {
        Vec::new()
    }

    /// A search began (a panel with a paged list reads the rest of it).
    fn search_started(&mut self, _ctx: &Ctx) -> Effects {
        Vec::new()
    }

    fn selected(&self) -> usize {
        0
    }

    fn select(&mut self, _ctx: &Ctx, _index: usize) -> Effects {
        Vec::new()
    }
}
