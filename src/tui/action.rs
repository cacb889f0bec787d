//! The one action vocabulary: keymap `run` strings, the `:` command line and the help
//! screen all parse to and print from [`Action`]. Each action knows who may take it, so
//! hints, help and the command line show a manager only what a manager can do.

use std::fmt;

use crate::domain::access::Role;

/// The panels, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Panel {
    Pool,
    Courses,
    Reflections,
    Readiness,
    Vacancies,
    Insight,
}

impl Panel {
    pub const ALL: [Panel; 6] =
        [Panel::Pool, Panel::Courses, Panel::Reflections, Panel::Readiness, Panel::Vacancies, Panel::Insight];

    pub fn code(self) -> &'static str {
        match self {
            Panel::Pool => "pool",
            Panel::Courses => "courses",
            Panel::Reflections => "reflections",
            Panel::Readiness => "readiness",
            Panel::Vacancies => "vacancies",
            Panel::Insight => "insight",
        }
    }

    pub fn index(self) -> usize {
        Panel::ALL.iter().position(|p| *p == self).expect("listed")
    }

    pub fn parse(text: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.code() == text)
    }
}

macro_rules! actions {
    ($( $variant:ident = $word:literal $(, $role:ident)? ;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            /// Switch to a panel (`tab pool`).
            Tab(Panel),
            $($variant,)*
        }

        /// Every action word (`tab` takes a panel), for parsing and completion.
        pub const WORDS: &[&str] = &["tab", $($word,)*];

        impl Action {
            fn from_word(word: &str) -> Option<Action> {
                match word {
                    $($word => Some(Action::$variant),)*
                    _ => None,
                }
            }

            fn word(self) -> &'static str {
                match self {
                    Action::Tab(_) => "tab",
                    $(Action::$variant => $word,)*
                }
            }

            /// Whether a manager may take it (admins and HR may take every action).
            pub fn for_managers(self) -> bool {
                match self {
                    Action::Tab(_) => true,
                    $(Action::$variant => actions!(@manager $($role)?),)*
                }
            }
        }
    };
    (@manager staff) => { false };
    (@manager) => { true };
}

// `staff`: admins and HR only; the rest also managers.
actions! {
    Quit = "quit";
    Help = "help";
    Search = "search";
    SearchNext = "search_next";
    SearchPrev = "search_prev";
    Command = "command";
    TabNext = "tab_next";
    TabPrev = "tab_prev";
    Down = "down";
    Up = "up";
    PageDown = "page_down";
    PageUp = "page_up";
    Top = "top";
    Bottom = "bottom";
    Open = "open";
    Back = "back";
    Mark = "mark";
    Messages = "messages";
    Undo = "undo";
    Export = "export";
    Screen = "screen", staff;
    Advance = "advance", staff;
    Disqualify = "disqualify", staff;
    Withdraw = "withdraw", staff;
    MarkLeft = "mark_left", staff;
    SortNext = "sort_next";
    SortReverse = "sort_reverse";
    FilterDepartment = "filter_department";
    FilterState = "filter_state";
    ClearFilters = "clear_filters";
    PoolNext = "pool_next";
    SubmitReflection = "submit_reflection", staff;
    PaneDown = "pane_down";
    PaneUp = "pane_up";
    CycleView = "cycle_view";
    RecordHours = "record_hours", staff;
    RecordExam = "record_exam", staff;
    EditCourse = "edit_course", staff;
    NewCourse = "new_course", staff;
    ToggleVersions = "toggle_versions";
    Reopen = "reopen", staff;
    ToggleNineBox = "toggle_nine_box";
    WhatIf = "what_if";
    RecordAssessment = "record_assessment";
    RecordStageReview = "record_stage_review";
    ReplyStageReview = "reply_stage_review";
    CandidateReport = "candidate_report";
    PlanAdd = "plan_add", staff;
    PlanRemove = "plan_remove", staff;
    NewPool = "new_pool", staff;
    RenamePool = "rename_pool", staff;
    ClosePool = "close_pool", staff;
    NewVacancy = "new_vacancy", staff;
    Appoint = "appoint", staff;
    ReverseAppointment = "reverse_appointment", staff;
    // the layers' own actions
    Submit = "submit";
    Cancel = "cancel";
    ClearLine = "clear_line";
    Complete = "complete";
    NextField = "next_field";
    PrevField = "prev_field";
    Yes = "yes";
    No = "no";
    Accept = "accept";
    Return = "return";
    Increase = "increase";
    Decrease = "decrease";
    Discard = "discard";
    ApplyPolicy = "apply_policy", staff;
    // editing text
    Left = "left";
    Right = "right";
    WordLeft = "word_left";
    WordRight = "word_right";
    LineStart = "line_start";
    LineEnd = "line_end";
    DeleteBack = "delete_back";
    DeleteForward = "delete_forward";
    DeleteWord = "delete_word";
    Newline = "newline";
}

impl Action {
    /// Parses a `run` string such as `down` or `tab reflections`.
    pub fn parse(text: &str) -> Result<Action, String> {
        let mut words = text.split_whitespace();
        let head = words.next().ok_or("empty action")?;
        let arg = words.next();
        if words.next().is_some() {
            return Err(format!("'{text}' has too many words"));
        }
        match (head, arg) {
            ("tab", Some(p)) => Panel::parse(p).map(Action::Tab).ok_or_else(|| {
                format!("'{p}' is not a panel (pool, courses, reflections, readiness, vacancies, insight)")
            }),
            ("tab", None) => {
                Err("tab needs a panel: tab pool|courses|reflections|readiness|vacancies|insight".into())
            }
            (_, Some(_)) => Err(format!("'{head}' takes no argument")),
            (word, None) => Action::from_word(word).ok_or_else(|| format!("unknown action '{word}'")),
        }
    }

    /// The words starting with `prefix`, for completion.
    pub fn complete(prefix: &str) -> Vec<&'static str> {
        WORDS.iter().copied().filter(|w| w.starts_with(prefix)).collect()
    }

    /// Whether `role` may take it.
    pub fn allowed(self, role: Role) -> bool {
        role != Role::Manager || self.for_managers()
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Tab(p) => write!(f, "tab {}", p.code()),
            other => f.write_str(other.word()),
        }
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
    fn bad_actions_say_why_and_managers_see_their_own() {
        assert_eq!(Action::parse("frobnicate").unwrap_err(), "unknown action 'frobnicate'");
        assert!(Action::parse("tab nowhere").unwrap_err().contains("not a panel"));
        assert_eq!(Action::complete("sea"), vec!["search", "search_next", "search_prev"]);
        assert!(!Action::Advance.allowed(Role::Manager));
        assert!(Action::Accept.allowed(Role::Manager));
        assert!(Action::Advance.allowed(Role::Hr));
    }
}
