//! Colours as the terminal can show them: none for `dumb`, vt100-class terminals and
//! `NO_COLOR`; 16 for `linux` and plain xterms; 256 or truecolour only when advertised.
//! The styles come from the built-in `theme.toml`; a user `theme.toml` (XDG config dir)
//! overrides any of them, as the keymap does.

use std::path::{Path, PathBuf};

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

pub const DEFAULT_THEME: &str = include_str!("theme.toml");

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    None,
    Sixteen,
    Indexed,
    TrueColor,
}

impl Depth {
    /// From `NO_COLOR`, `TERM` and `COLORTERM`.
    pub fn detect() -> Depth {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Depth::from_env(var("NO_COLOR").is_some(), var("TERM").as_deref(), var("COLORTERM").as_deref())
    }

    pub fn from_env(no_color: bool, term: Option<&str>, colorterm: Option<&str>) -> Depth {
        if no_color {
            return Depth::None;
        }
        let Some(term) = term else { return Depth::None };
        let mono = ["dumb", "vt52", "vt100", "vt102", "vt220", "vt320", "ansi"];
        if mono.iter().any(|m| term == *m || term.starts_with(&format!("{m}-"))) {
            return Depth::None;
        }
        if term == "linux" || term.starts_with("linux-") {
            return Depth::Sixteen;
        }
        if matches!(colorterm, Some("truecolor" | "24bit")) {
            return Depth::TrueColor;
        }
        if term.contains("256color") {
            return Depth::Indexed;
        }
        Depth::Sixteen
    }
}

/// The named styles every screen uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Accent,
    Selected,
    Dim,
    Error,
    Good,
    Warn,
    Header,
    Tab,
    Marked,
}

impl Role {
    const ALL: [(Role, &'static str); 9] = [
        (Role::Accent, "accent"),
        (Role::Selected, "selected"),
        (Role::Dim, "dim"),
        (Role::Error, "error"),
        (Role::Good, "good"),
        (Role::Warn, "warn"),
        (Role::Header, "header"),
        (Role::Tab, "tab"),
        (Role::Marked, "marked"),
    ];
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleEntry {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: Option<bool>,
    #[serde(default)]
    reversed: Option<bool>,
    #[serde(default)]
    underlined: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub depth: Depth,
    styles: Vec<(Role, Style)>,
}

impl Theme {
    /// The built-in theme with the user's file over it, for this terminal.
    pub fn load(user: Option<&Path>, depth: Depth) -> Result<Theme, String> {
        let mut entries = parse(DEFAULT_THEME, "theme.toml (built in)")?;
        if let Some(path) = user {
            let text = crate::io::limits::read_text(path, crate::io::limits::MAX_SMALL_FILE)
                .map_err(|e| format!("theme {}: {e}", path.display()))?;
            for (role, mine) in parse(&text, &path.display().to_string())? {
                let slot = entries.iter_mut().find(|(r, _)| *r == role).expect("every role is built in");
                let base = &mut slot.1;
                base.fg = mine.fg.or(base.fg.take());
                base.bg = mine.bg.or(base.bg.take());
                base.bold = mine.bold.or(base.bold);
                base.reversed = mine.reversed.or(base.reversed);
                base.underlined = mine.underlined.or(base.underlined);
            }
        }
        let styles = entries.into_iter().map(|(role, e)| (role, style_of(&e, depth))).collect();
        Ok(Theme { depth, styles })
    }

    /// The built-in theme without colours (tests and snapshots).
    pub fn plain() -> Theme {
        Theme::load(None, Depth::None).expect("the built-in theme parses")
    }

    /// `$XDG_CONFIG_HOME/cadre/theme.toml`, if present.
    pub fn user_file() -> Option<PathBuf> {
        config_file("theme.toml")
    }

    pub fn style(&self, role: Role) -> Style {
        self.styles.iter().find(|(r, _)| *r == role).map_or(Style::default(), |(_, s)| *s)
    }

    pub fn accent(&self) -> Style {
        self.style(Role::Accent)
    }
    pub fn selected(&self) -> Style {
        self.style(Role::Selected)
    }
    pub fn dim(&self) -> Style {
        self.style(Role::Dim)
    }
    pub fn error(&self) -> Style {
        self.style(Role::Error)
    }
    pub fn good(&self) -> Style {
        self.style(Role::Good)
    }
    pub fn warn(&self) -> Style {
        self.style(Role::Warn)
    }
    pub fn header(&self) -> Style {
        self.style(Role::Header)
    }
    pub fn tab(&self) -> Style {
        self.style(Role::Tab)
    }
    pub fn marked(&self) -> Style {
        self.style(Role::Marked)
    }
}

/// A file in cadre's XDG config directory, if it exists.
pub fn config_file(name: &str) -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    let path = base.join("cadre").join(name);
    path.exists().then_some(path)
}

fn parse(text: &str, source: &str) -> Result<Vec<(Role, StyleEntry)>, String> {
    let mut file: std::collections::BTreeMap<String, StyleEntry> = toml::from_str(text)
        .map_err(|e| format!("theme {source}: {}", crate::domain::policy::one_line(&e.to_string())))?;
    let mut out = Vec::new();
    for (role, name) in Role::ALL {
        let entry = file.remove(name).unwrap_or_default();
        for c in [&entry.fg, &entry.bg].into_iter().flatten() {
            color(c).map_err(|e| format!("theme {source}: [{name}]: {e}"))?;
        }
        out.push((role, entry));
    }
    if let Some(unknown) = file.keys().next() {
        let names: Vec<&str> = Role::ALL.iter().map(|(_, n)| *n).collect();
        return Err(format!("theme {source}: unknown style [{unknown}] (styles: {})", names.join(", ")));
    }
    Ok(out)
}

fn style_of(e: &StyleEntry, depth: Depth) -> Style {
    let mut s = Style::default();
    if depth > Depth::None {
        if let Some(c) = e.fg.as_deref().and_then(|c| color(c).ok()) {
            s = s.fg(fit(c, depth));
        }
        if let Some(c) = e.bg.as_deref().and_then(|c| color(c).ok()) {
            s = s.bg(fit(c, depth));
        }
    }
    for (on, m) in
        [(e.bold, Modifier::BOLD), (e.reversed, Modifier::REVERSED), (e.underlined, Modifier::UNDERLINED)]
    {
        if on == Some(true) {
            s = s.add_modifier(m);
        }
    }
    s
}

/// A colour name, `#rrggbb` or an index 0–255.
fn color(text: &str) -> Result<Color, String> {
    if let Some(hex) = text.strip_prefix('#') {
        let v = u32::from_str_radix(hex, 16).ok().filter(|_| hex.len() == 6);
        return v
            .map(|v| Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
            .ok_or_else(|| format!("'{text}' is not #rrggbb"));
    }
    if let Ok(i) = text.parse::<u16>() {
        return u8::try_from(i).map(Color::Indexed).map_err(|_| format!("'{text}': an index is 0-255"));
    }
    Ok(match text {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "darkgray" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        other => return Err(format!("'{other}' is not a colour (a name, #rrggbb or 0-255)")),
    })
}

/// The 16 basic colours with their usual RGB.
const BASIC: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

fn rgb_of_index(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => BASIC[i as usize].1,
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let g = 8 + (i - 232) * 10;
            (g, g, g)
        }
    }
}

/// The colour the terminal can show closest to `c`.
fn fit(c: Color, depth: Depth) -> Color {
    let nearest_basic = |(r, g, b): (u8, u8, u8)| {
        let d = |(x, y, z): (u8, u8, u8)| {
            let sq = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
            sq(r, x) + sq(g, y) + sq(b, z)
        };
        BASIC.iter().min_by_key(|(_, rgb)| d(*rgb)).map(|(c, _)| *c).unwrap_or(Color::Reset)
    };
    match (c, depth) {
        (Color::Rgb(r, g, b), Depth::Indexed) => {
            let step = |v: u8| ((u16::from(v) * 5 + 127) / 255) as u8;
            Color::Indexed(16 + 36 * step(r) + 6 * step(g) + step(b))
        }
        (Color::Rgb(r, g, b), Depth::Sixteen) => nearest_basic((r, g, b)),
        (Color::Indexed(i), Depth::Sixteen) => nearest_basic(rgb_of_index(i)),
        (c, _) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_decides_the_colours() {
        assert_eq!(Depth::from_env(false, Some("vt100"), None), Depth::None);
        assert_eq!(Depth::from_env(false, Some("dumb"), None), Depth::None);
        assert_eq!(Depth::from_env(false, Some("linux"), None), Depth::Sixteen);
        assert_eq!(Depth::from_env(false, Some("xterm"), None), Depth::Sixteen);
        assert_eq!(Depth::from_env(false, Some("xterm-256color"), None), Depth::Indexed);
        assert_eq!(Depth::from_env(false, Some("xterm-256color"), Some("truecolor")), Depth::TrueColor);
        assert_eq!(Depth::from_env(true, Some("xterm-256color"), Some("truecolor")), Depth::None);
        assert_eq!(Depth::from_env(false, None, None), Depth::None);
    }

    #[test]
    fn no_colour_terminals_get_no_colour_codes_but_keep_bold_and_reverse() {
        let t = Theme::load(None, Depth::None).unwrap();
        assert_eq!(t.accent().fg, None);
        assert!(t.selected().add_modifier.contains(Modifier::REVERSED));
        let t = Theme::load(None, Depth::Sixteen).unwrap();
        assert!(matches!(t.accent().fg, Some(c) if !matches!(c, Color::Rgb(..) | Color::Indexed(_))));
    }

    #[test]
    fn a_user_theme_overrides_one_style_and_names_its_mistakes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theme.toml");
        std::fs::write(&path, "[accent]\nfg = \"#ff0000\"\n").unwrap();
        let t = Theme::load(Some(&path), Depth::TrueColor).unwrap();
        assert_eq!(t.accent().fg, Some(Color::Rgb(255, 0, 0)));
        let t = Theme::load(Some(&path), Depth::Indexed).unwrap();
        assert_eq!(t.accent().fg, Some(Color::Indexed(196)));
        let t = Theme::load(Some(&path), Depth::Sixteen).unwrap();
        assert_eq!(t.accent().fg, Some(Color::LightRed));
        std::fs::write(&path, "[acent]\nfg = \"red\"\n").unwrap();
        assert!(Theme::load(Some(&path), Depth::Sixteen).unwrap_err().contains("unknown style [acent]"));
        std::fs::write(&path, "[accent]\nfg = \"reddish\"\n").unwrap();
        assert!(Theme::load(Some(&path), Depth::Sixteen).unwrap_err().contains("'reddish' is not a colour"));
    }
}
