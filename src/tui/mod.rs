//! The full-screen terminal UI.

use crate::service::Service;

/// Options of the UI from the command line.
#[derive(Debug, Clone, Default)]
pub struct UiOptions {
    pub lang: Option<String>,
    pub keymap: Option<std::path::PathBuf>,
}

pub fn run(_service: &Service, _options: &UiOptions) -> anyhow::Result<()> {
    anyhow::bail!("the TUI is not built yet")
}
