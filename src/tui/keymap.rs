//! Key bindings: the embedded default `keymap.toml`, a user file whose entries shadow it,
//! key notation (`j`, `<C-d>`, `["g", "g"]`), and chord resolution.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, Panel};

pub const DEFAULT_KEYMAP: &str = include_str!("../../keymap.toml");

/// One key press as bindings name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        // Shift is carried by the character itself ('G'); BackTab by its own code.
        Key { code: e.code, ctrl }
    }

    /// Parses `j`, `G`, `?`, `<C-d>`, `<Enter>`, `<Space>`…
    pub fn parse(text: &str) -> Result<Key, String> {
        let named = |name: &str| -> Option<KeyCode> {
            Some(match name {
                "Enter" | "CR" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "Tab" => KeyCode::Tab,
                "BackTab" => KeyCode::BackTab,
                "Space" => KeyCode::Char(' '),
                "Up" => KeyCode::Up,
                "Down" => KeyCode::Down,
                "Left" => KeyCode::Left,
                "Right" => KeyCode::Right,
                "PageUp" => KeyCode::PageUp,
                "PageDown" => KeyCode::PageDown,
                "Home" => KeyCode::Home,
                "End" => KeyCode::End,
                "Backspace" => KeyCode::Backspace,
                "Delete" => KeyCode::Delete,
                _ => return None,
            })
        };
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_whitespace() => return Ok(Key { code: KeyCode::Char(c), ctrl: false }),
            _ => {}
        }
        let inner = text
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .ok_or_else(|| format!("'{text}' is not a key (a character, or <Name>, or <C-x>)"))?;
        if let Some(rest) = inner.strip_prefix("C-") {
            let mut cs = rest.chars();
            return match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Key { code: KeyCode::Char(c.to_ascii_lowercase()), ctrl: true }),
                _ => named(rest)
                    .map(|code| Key { code, ctrl: true })
                    .ok_or_else(|| format!("'{text}' is not a key")),
            };
        }
        if inner.starts_with("A-") || inner.starts_with("M-") || inner.starts_with("S-") {
            return Err(format!(
                "'{text}': Alt and Shift chords are unreliable over SSH; use a plain key or <C-x>"
            ));
        }
        named(inner).map(|code| Key { code, ctrl: false }).ok_or_else(|| format!("'{text}' is not a key"))
    }

    /// The notation shown in help and the hint bar.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if !self.ctrl => return c.to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "BS".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("C-{base}")
        } else {
            base
        }
    }
}

/// A binding: a key or chord, its action, and descriptions in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: String,
    pub desc_zh: String,
}

impl Binding {
    pub fn label(&self) -> String {
        self.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ")
    }
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum On {
    One(String),
    Chord(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    on: On,
    run: String,
    #[serde(default)]
    desc: String,
    #[serde(default)]
    desc_zh: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    #[serde(default)]
    keys: Vec<Entry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    global: Section,
    #[serde(default)]
    pool: Section,
    #[serde(default)]
    screening: Section,
    #[serde(default)]
    courses: Section,
    #[serde(default)]
    reflections: Section,
    #[serde(default)]
    readiness: Section,
}

/// Where bindings apply: everywhere, a panel, or the screening list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Global,
    Panel(Panel),
    Screening,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Panel(p) => p.code(),
            Scope::Screening => "screening",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    sections: Vec<(ScopeKey, Vec<Binding>)>,
}

type ScopeKey = &'static str;

/// What a key press resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    Action(Action),
    /// The keys so far start a chord; wait for the next.
    Pending,
    None,
}

impl Keymap {
    /// The defaults with the user's file (if any) in front.
    pub fn load(user: Option<&Path>) -> Result<Keymap, String> {
        let mut map = Keymap::parse(DEFAULT_KEYMAP, "keymap.toml (built in)")?;
        if let Some(path) = user {
            let text = crate::io::limits::read_text(path, crate::io::limits::MAX_SMALL_FILE)
                .map_err(|e| format!("keymap {}: {e}", path.display()))?;
            let mine = Keymap::parse(&text, &path.display().to_string())?;
            for (scope, bindings) in mine.sections {
                if let Some((_, existing)) = map.sections.iter_mut().find(|(s, _)| *s == scope) {
                    let mut merged = bindings;
                    merged.append(existing);
                    *existing = merged;
                }
            }
        }
        Ok(map)
    }

    /// The user keymap at `$XDG_CONFIG_HOME/cadre/keymap.toml`, if present.
    pub fn user_file() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        let path = base.join("cadre/keymap.toml");
        path.exists().then_some(path)
    }

    pub fn parse(text: &str, source: &str) -> Result<Keymap, String> {
        let file: File = toml::from_str(text)
            .map_err(|e| format!("keymap {source}: {}", crate::domain::policy::one_line(&e.to_string())))?;
        let mut sections = Vec::new();
        for (name, section) in [
            ("global", file.global),
            ("pool", file.pool),
            ("screening", file.screening),
            ("courses", file.courses),
            ("reflections", file.reflections),
            ("readiness", file.readiness),
        ] {
            let mut bindings = Vec::new();
            for (i, entry) in section.keys.into_iter().enumerate() {
                let what = |problem: String| {
                    format!("keymap {source}: [{name}] entry {} ({}): {problem}", i + 1, describe(&entry.on))
                };
                let keys = match &entry.on {
                    On::One(k) => vec![Key::parse(k).map_err(what)?],
                    On::Chord(ks) if ks.is_empty() => return Err(what("an empty chord".into())),
                    On::Chord(ks) => {
                        ks.iter().map(|k| Key::parse(k)).collect::<Result<_, _>>().map_err(what)?
                    }
                };
                let action = Action::parse(&entry.run).map_err(what)?;
                let desc = if entry.desc.is_empty() { entry.run.clone() } else { entry.desc };
                let desc_zh = if entry.desc_zh.is_empty() { desc.clone() } else { entry.desc_zh };
                bindings.push(Binding { keys, action, desc, desc_zh });
            }
            sections.push((name, bindings));
        }
        Ok(Keymap { sections })
    }

    pub fn bindings(&self, scope: Scope) -> &[Binding] {
        self.sections.iter().find(|(s, _)| *s == scope.name()).map_or(&[], |(_, b)| b.as_slice())
    }

    /// Resolves the keys typed so far: the focused scope first, then global.
    pub fn resolve(&self, scope: Scope, typed: &[Key]) -> Resolved {
        let mut pending = false;
        for s in [scope, Scope::Global] {
            for b in self.bindings(s) {
                if b.keys == typed {
                    return Resolved::Action(b.action);
                }
                if b.keys.len() > typed.len() && b.keys.starts_with(typed) {
                    pending = true;
                }
            }
        }
        if pending {
            Resolved::Pending
        } else {
            Resolved::None
        }
    }
}

fn describe(on: &On) -> String {
    match on {
        On::One(k) => format!("on = \"{k}\""),
        On::Chord(ks) => format!("on = {ks:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keymap_parses() {
        let map = Keymap::load(None).unwrap();
        let k = |c| Key { code: KeyCode::Char(c), ctrl: false };
        assert_eq!(map.resolve(Scope::Panel(Panel::Pool), &[k('j')]), Resolved::Action(Action::Down));
        assert_eq!(map.resolve(Scope::Panel(Panel::Pool), &[k('g')]), Resolved::Pending);
        assert_eq!(map.resolve(Scope::Panel(Panel::Pool), &[k('g'), k('g')]), Resolved::Action(Action::Top));
        assert_eq!(
            map.resolve(Scope::Panel(Panel::Pool), &[Key { code: KeyCode::Char('d'), ctrl: true }]),
            Resolved::Action(Action::PageDown)
        );
    }

    #[test]
    fn user_entries_shadow_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.toml");
        std::fs::write(&path, "[pool]\nkeys = [{ on = \"a\", run = \"withdraw\" }]\n").unwrap();
        let map = Keymap::load(Some(&path)).unwrap();
        let a = Key { code: KeyCode::Char('a'), ctrl: false };
        assert_eq!(map.resolve(Scope::Panel(Panel::Pool), &[a]), Resolved::Action(Action::Withdraw));
    }

    #[test]
    fn bad_entries_name_the_file_entry_and_problem() {
        let err = Keymap::parse(
            "[pool]\nkeys = [{ on = \"j\", run = \"down\" }, { on = \"x\", run = \"explode\" }]",
            "my.toml",
        )
        .unwrap_err();
        assert_eq!(err, "keymap my.toml: [pool] entry 2 (on = \"x\"): unknown action 'explode'");
        let err =
            Keymap::parse("[global]\nkeys = [{ on = \"<C-\", run = \"quit\" }]", "my.toml").unwrap_err();
        assert!(err.contains("[global] entry 1 (on = \"<C-\"): '<C-' is not a key"), "{err}");
        let err =
            Keymap::parse("[global]\nkeys = [{ on = \"<A-x>\", run = \"quit\" }]", "my.toml").unwrap_err();
        assert!(err.contains("unreliable over SSH"), "{err}");
        let err = Keymap::parse("[nowhere]\n", "my.toml").unwrap_err();
        assert!(err.contains("unknown field `nowhere`"), "{err}");
    }
}
