//! Every word a person reads, in Chinese and English: the session's language, the
//! wording of the domain's and the service's message codes, and the enums' labels.

pub mod cli;
pub mod done;
pub mod import;
pub mod insight;
pub mod labels;
mod messages;
pub mod notify;
pub mod rates;
mod refusals;
pub mod tui;
pub mod vacancy;
pub mod words;

use std::fmt;

use crate::domain::msg::{Msg, Who};

pub use messages::render;

/// The session's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// `--lang` first, then LC_ALL, LC_MESSAGES, LANG; Chinese when they say `zh`.
    pub fn detect(flag: Option<&str>) -> Lang {
        if let Some(f) = flag {
            return if f == "en" { Lang::En } else { Lang::Zh };
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if !v.is_empty() {
                    return if v.starts_with("zh") { Lang::Zh } else { Lang::En };
                }
            }
        }
        Lang::En
    }

    /// The Chinese or the English of a pair.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A message in this language.
    pub fn say(self, msg: &Msg) -> String {
        render(msg, self)
    }

    /// What a command did, in this language.
    pub fn say_done(self, done: &crate::domain::done::Done) -> String {
        done::render(done, self)
    }

    /// A person: `张伟（E000062）` / `张伟 (E000062)`; the id alone when the name is unknown.
    pub fn who(self, who: &Who) -> String {
        let name = sanitize_line(&who.name);
        match (name.is_empty(), self) {
            (true, _) => sanitize_line(&who.id),
            (false, Lang::Zh) => format!("{name}（{}）", sanitize_line(&who.id)),
            (false, Lang::En) => format!("{name} ({})", sanitize_line(&who.id)),
        }
    }
}

/// English, for logs and tests; people see `Lang::say`.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self, Lang::En))
    }
}

/// Stored text made safe for a terminal: control characters (escape sequences among
/// them) are dropped, except newlines and tabs.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return text.to_string();
    }
    text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

/// Like `sanitize`, for one line: newlines and tabs become spaces.
pub fn sanitize_line(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .filter_map(|c| {
            if c == '\n' || c == '\t' {
                Some(' ')
            } else if c.is_control() {
                None
            } else {
                Some(c)
            }
        })
        .collect()
}
