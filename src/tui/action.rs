//! The one action vocabulary: keymap `run` strings, the `:` command line and the help
//! screen all parse to and print from [`Action`].

use std::fmt;

/// The four panels, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Panel {
    Pool,
    Courses,
    Reflections,
    Readiness,
}

impl Panel {
    pub const ALL: [Panel; 4] = [Panel::Pool, Panel::Courses, Panel::Reflections, Panel::Readiness];

    pub fn code(self) -> &'static str {
        match self {
            Panel::Pool => "pool",
            Panel::Courses => "courses",
            Panel::Reflections => "reflections",
            Panel::Readiness => "readiness",
        }
    }

    pub fn index(self) -> usize {
        Panel::ALL.iter().position(|p| *p == self).expect("listed")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Search,
    SearchNext,
    SearchPrev,
    Command,
    TabNext,
    TabPrev,
    Tab(Panel),
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Screen,
    Admit,
    Disqualify,
    Withdraw,
    MarkLeft,
    SortNext,
    SortReverse,
    FilterDepartment,
    FilterState,
    ClearFilters,
    PoolNext,
    ToggleDetail,
    Mark,
    Nominate,
    Back,
    Review,
    Accept,
    Return,
    ToggleVersions,
    ScrollDown,
    ScrollUp,
    SubmitReflection,
    ToggleView,
    RecordHours,
    RecordExam,
    EditCourse,
    NewCourse,
    ToggleNineBox,
    WhatIf,
    DiscardWhatIf,
    ApplyWhatIf,
    RecordAssessment,
    RecordStageReview,
    ReplyStageReview,
}

/// Every action word with whether it takes a panel argument, for parsing and completion.
pub const WORDS: &[&str] = &[
    "quit",
    "help",
    "search",
    "search_next",
    "search_prev",
    "command",
    "tab_next",
    "tab_prev",
    "tab",
    "down",
    "up",
    "page_down",
    "page_up",
    "top",
    "bottom",
    "screen",
    "admit",
    "disqualify",
    "withdraw",
    "mark_left",
    "sort_next",
    "sort_reverse",
    "filter_department",
    "filter_state",
    "clear_filters",
    "pool_next",
    "toggle_detail",
    "mark",
    "nominate",
    "back",
    "review",
    "accept",
    "return",
    "toggle_versions",
    "scroll_down",
    "scroll_up",
    "submit_reflection",
    "toggle_view",
    "record_hours",
    "record_exam",
    "edit_course",
    "new_course",
    "toggle_nine_box",
    "what_if",
    "discard_what_if",
    "apply_what_if",
    "record_assessment",
    "record_stage_review",
    "reply_stage_review",
];

impl Action {
    /// Parses a `run` string such as `down` or `tab reflections`.
    pub fn parse(text: &str) -> Result<Action, String> {
        let mut words = text.split_whitespace();
        let head = words.next().ok_or("empty action")?;
        let arg = words.next();
        if words.next().is_some() {
            return Err(format!("'{text}' has too many words"));
        }
        use Action::*;
        let action = match (head, arg) {
            ("tab", Some(p)) => Tab(Panel::ALL
                .into_iter()
                .find(|x| x.code() == p)
                .ok_or_else(|| format!("'{p}' is not a panel (pool, courses, reflections, readiness)"))?),
            ("tab", None) => return Err("tab needs a panel: tab pool|courses|reflections|readiness".into()),
            (_, Some(_)) => return Err(format!("'{head}' takes no argument")),
            ("quit", _) => Quit,
            ("help", _) => Help,
            ("search", _) => Search,
            ("search_next", _) => SearchNext,
            ("search_prev", _) => SearchPrev,
            ("command", _) => Command,
            ("tab_next", _) => TabNext,
            ("tab_prev", _) => TabPrev,
            ("down", _) => Down,
            ("up", _) => Up,
            ("page_down", _) => PageDown,
            ("page_up", _) => PageUp,
            ("top", _) => Top,
            ("bottom", _) => Bottom,
            ("screen", _) => Screen,
            ("admit", _) => Admit,
            ("disqualify", _) => Disqualify,
            ("withdraw", _) => Withdraw,
            ("mark_left", _) => MarkLeft,
            ("sort_next", _) => SortNext,
            ("sort_reverse", _) => SortReverse,
            ("filter_department", _) => FilterDepartment,
            ("filter_state", _) => FilterState,
            ("clear_filters", _) => ClearFilters,
            ("pool_next", _) => PoolNext,
            ("toggle_detail", _) => ToggleDetail,
            ("mark", _) => Mark,
            ("nominate", _) => Nominate,
            ("back", _) => Back,
            ("review", _) => Review,
            ("accept", _) => Accept,
            ("return", _) => Return,
            ("toggle_versions", _) => ToggleVersions,
            ("scroll_down", _) => ScrollDown,
            ("scroll_up", _) => ScrollUp,
            ("submit_reflection", _) => SubmitReflection,
            ("toggle_view", _) => ToggleView,
            ("record_hours", _) => RecordHours,
            ("record_exam", _) => RecordExam,
            ("edit_course", _) => EditCourse,
            ("new_course", _) => NewCourse,
            ("toggle_nine_box", _) => ToggleNineBox,
            ("what_if", _) => WhatIf,
            ("discard_what_if", _) => DiscardWhatIf,
            ("apply_what_if", _) => ApplyWhatIf,
            ("record_assessment", _) => RecordAssessment,
            ("record_stage_review", _) => RecordStageReview,
            ("reply_stage_review", _) => ReplyStageReview,
            (other, _) => return Err(format!("unknown action '{other}'")),
        };
        Ok(action)
    }

    /// Command-line completions of a partial word.
    pub fn complete(prefix: &str) -> Vec<&'static str> {
        WORDS.iter().copied().filter(|w| w.starts_with(prefix)).collect()
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            Action::Tab(p) => return write!(f, "tab {}", p.code()),
            other => {
                let dbg = format!("{other:?}");
                let mut out = String::new();
                for (i, c) in dbg.chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                }
                out
            }
        };
        f.write_str(&word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_and_prints_back() {
        for w in WORDS {
            let text = if *w == "tab" { "tab courses".to_string() } else { w.to_string() };
            let a = Action::parse(&text).unwrap_or_else(|e| panic!("{w}: {e}"));
            assert_eq!(a.to_string(), text);
        }
    }

    #[test]
    fn bad_actions_say_why() {
        assert_eq!(Action::parse("frobnicate").unwrap_err(), "unknown action 'frobnicate'");
        assert!(Action::parse("tab nowhere").unwrap_err().contains("not a panel"));
        assert_eq!(Action::complete("sea"), vec!["search", "search_next", "search_prev"]);
    }
}
