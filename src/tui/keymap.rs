//! Key bindings: the embedded default `keymap.toml` and a user file whose entries shadow
//! it; key notation (`j`, `<C-d>`, `["g", "g"]`); sections for the panels and for every
//! layer (help, forms, text boxes…); and chord resolution along a chain of sections.
//! Every key the UI reacts to is resolved here; a key no section binds only ever types.

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
    /// The keys one terminal event stands for. A key with Alt is what a terminal sends for
    /// Esc followed quickly by that key (two Escs over SSH arrive as Alt+Esc, and Esc then
    /// `5` as Alt+5), so it is two keys: Esc, then the key.
    pub fn from_event(e: &KeyEvent) -> Vec<Key> {
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        // Shift is carried by the character itself ('G'); BackTab by its own code.
        let key = Key { code: e.code, ctrl };
        if e.modifiers.contains(KeyModifiers::ALT) {
            vec![Key::ESC, key]
        } else {
            vec![key]
        }
    }

    pub const ESC: Key = Key { code: KeyCode::Esc, ctrl: false };

    /// The character this key types into a text field, when it types one.
    pub fn typed(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !c.is_control() => Some(c),
            _ => None,
        }
    }

    /// A plain character key (tests and the help screen's examples).
    pub fn char(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: false }
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
            (Some(c), None) if !c.is_whitespace() => return Ok(Key::char(c)),
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
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
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

    pub fn desc(&self, lang: crate::locale::Lang) -> &str {
        lang.pick(&self.desc_zh, &self.desc)
    }
}

/// Where bindings apply: everywhere, one panel, or one kind of layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Global,
    Panel(Panel),
    /// One line being typed: the command line, search, a number, a path, a picker's filter.
    Input,
    /// Several lines being typed: a reason, a reflection, a comment.
    Text,
    Form,
    Confirm,
    Help,
    Review,
    WhatIf,
    Picker,
    Log,
}

impl Section {
    pub const ALL: [Section; 16] = [
        Section::Global,
        Section::Panel(Panel::Pool),
        Section::Panel(Panel::Courses),
        Section::Panel(Panel::Reflections),
        Section::Panel(Panel::Readiness),
        Section::Panel(Panel::Vacancies),
        Section::Panel(Panel::Insight),
        Section::Input,
        Section::Text,
        Section::Form,
        Section::Confirm,
        Section::Help,
        Section::Review,
        Section::WhatIf,
        Section::Picker,
        Section::Log,
    ];

    /// The section's name in `keymap.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Section::Global => "global",
            Section::Panel(p) => p.code(),
            Section::Input => "input",
            Section::Text => "text",
            Section::Form => "form",
            Section::Confirm => "confirm",
            Section::Help => "help",
            Section::Review => "review",
            Section::WhatIf => "what_if",
            Section::Picker => "picker",
            Section::Log => "log",
        }
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
struct SectionFile {
    #[serde(default)]
    keys: Vec<Entry>,
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    sections: Vec<(Section, Vec<Binding>)>,
}

/// What the keys typed so far resolved to.
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
            for (section, bindings) in mine.sections {
                if let Some((_, existing)) = map.sections.iter_mut().find(|(s, _)| *s == section) {
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
        super::theme::config_file("keymap.toml")
    }

    pub fn parse(text: &str, source: &str) -> Result<Keymap, String> {
        let mut file: std::collections::BTreeMap<String, SectionFile> = toml::from_str(text)
            .map_err(|e| format!("keymap {source}: {}", crate::domain::policy::one_line(&e.to_string())))?;
        if let Some(unknown) = file.keys().find(|k| !Section::ALL.iter().any(|s| s.name() == k.as_str())) {
            let names: Vec<&str> = Section::ALL.iter().map(|s| s.name()).collect();
            return Err(format!(
                "keymap {source}: unknown section [{unknown}] (sections: {})",
                names.join(", ")
            ));
        }
        let mut sections = Vec::new();
        for section in Section::ALL {
            let entries = file.remove(section.name()).unwrap_or_default().keys;
            let mut bindings = Vec::new();
            for (i, entry) in entries.into_iter().enumerate() {
                let what = |problem: String| {
                    format!(
                        "keymap {source}: [{}] entry {} ({}): {problem}",
                        section.name(),
                        i + 1,
                        describe(&entry.on)
                    )
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
            sections.push((section, bindings));
        }
        Ok(Keymap { sections })
    }

    pub fn bindings(&self, section: Section) -> &[Binding] {
        self.sections.iter().find(|(s, _)| *s == section).map_or(&[], |(_, b)| b.as_slice())
    }

    /// Resolves the keys typed so far along `chain`: the first section that binds them wins.
    pub fn resolve(&self, chain: &[Section], typed: &[Key]) -> Resolved {
        let mut pending = false;
        for s in chain {
            for b in self.bindings(*s) {
                if b.keys == typed {
                    return if pending { Resolved::Pending } else { Resolved::Action(b.action) };
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

    /// The keys bound to `action` along `chain`, as `j/↓`.
    pub fn keys_for(&self, chain: &[Section], action: Action) -> String {
        let mut labels: Vec<String> = Vec::new();
        for s in chain {
            for b in self.bindings(*s).iter().filter(|b| b.action == action) {
                let l = b.label();
                if !labels.contains(&l) {
                    labels.push(l);
                }
            }
        }
        labels.join("/")
    }

    /// The actions of `section` in file order, each once, with all its keys and the first
    /// description: what help and the hint bar show.
    pub fn grouped(&self, section: Section) -> Vec<(Action, String, &Binding)> {
        let mut out: Vec<(Action, String, &Binding)> = Vec::new();
        for b in self.bindings(section) {
            if out.iter().any(|(a, _, _)| *a == b.action) {
                continue;
            }
            out.push((b.action, self.keys_for(&[section], b.action), b));
        }
        out
    }
}

fn describe(on: &On) -> String {
    match on {
        On::One(k) => format!("on = \"{k}\""),
        On::Chord(ks) => format!("on = {ks:?}"),
    }
}

/// Keeps the keys of a chord while it is being typed.
#[derive(Debug, Default)]
pub struct Chord {
    typed: Vec<Key>,
}

impl Chord {
    /// Feeds one key; returns the action when the keys typed so far make one. A broken
    /// chord gives its last key a chance on its own. `Err(key)` when the key means
    /// nothing in `chain` (a text field then types it).
    pub fn feed(&mut self, keymap: &Keymap, chain: &[Section], key: Key) -> Result<Option<Action>, Key> {
        self.typed.push(key);
        match keymap.resolve(chain, &self.typed) {
            Resolved::Action(a) => {
                self.typed.clear();
                Ok(Some(a))
            }
            Resolved::Pending => Ok(None),
            Resolved::None => {
                let broken = std::mem::take(&mut self.typed);
                if broken.len() > 1 {
                    return self.feed(keymap, chain, key);
                }
                Err(key)
            }
        }
    }

    pub fn clear(&mut self) {
        self.typed.clear();
    }

    pub fn is_pending(&self) -> bool {
        !self.typed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(p: Panel) -> [Section; 2] {
        [Section::Panel(p), Section::Global]
    }

    #[test]
    fn the_default_keymap_parses_and_resolves_chords() {
        let map = Keymap::load(None).unwrap();
        let k = Key::char;
        assert_eq!(map.resolve(&chain(Panel::Pool), &[k('j')]), Resolved::Action(Action::Down));
        assert_eq!(map.resolve(&chain(Panel::Pool), &[k('g')]), Resolved::Pending);
        assert_eq!(map.resolve(&chain(Panel::Pool), &[k('g'), k('g')]), Resolved::Action(Action::Top));
        assert_eq!(
            map.resolve(&chain(Panel::Pool), &[Key { code: KeyCode::Char('d'), ctrl: true }]),
            Resolved::Action(Action::PageDown)
        );
        assert_eq!(map.keys_for(&[Section::Global], Action::Down), "j/↓");
    }

    #[test]
    fn a_letter_means_one_thing_on_every_tab() {
        let map = Keymap::load(None).unwrap();
        let mut meaning: std::collections::HashMap<String, (Action, &str)> = Default::default();
        for p in Panel::ALL {
            for b in map.bindings(Section::Panel(p)).iter().chain(map.bindings(Section::Global)) {
                if let Some((a, tab)) = meaning.insert(b.label(), (b.action, p.code())) {
                    assert_eq!(a, b.action, "{} is {a} on {tab} but {} on {}", b.label(), b.action, p.code());
                }
            }
        }
    }

    #[test]
    fn user_entries_shadow_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.toml");
        std::fs::write(&path, "[pool]\nkeys = [{ on = \"a\", run = \"withdraw\" }]\n").unwrap();
        let map = Keymap::load(Some(&path)).unwrap();
        assert_eq!(map.resolve(&chain(Panel::Pool), &[Key::char('a')]), Resolved::Action(Action::Withdraw));
    }

    #[test]
    fn alt_is_esc_then_the_key() {
        let e = KeyEvent::new(KeyCode::Char('5'), KeyModifiers::ALT);
        assert_eq!(Key::from_event(&e), vec![Key::ESC, Key::char('5')]);
        let e = KeyEvent::new(KeyCode::Esc, KeyModifiers::ALT);
        assert_eq!(Key::from_event(&e), vec![Key::ESC, Key::ESC]);
    }

    #[test]
    fn a_broken_chord_lets_its_last_key_count() {
        let map = Keymap::load(None).unwrap();
        let mut chord = Chord::default();
        let c = chain(Panel::Pool);
        assert_eq!(chord.feed(&map, &c, Key::char('g')), Ok(None));
        assert_eq!(chord.feed(&map, &c, Key::char('j')), Ok(Some(Action::Down)));
        assert!(!chord.is_pending());
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
        assert!(err.contains("unknown section [nowhere]"), "{err}");
    }
}
