//! What an import says about a file: problems per cell, references, regressions of a
//! re-import and the summary lines, as codes worded by `crate::locale::import`.

use serde::{Deserialize, Serialize};

/// What a cell was expected to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    Number,
    Year,
    Hours,
    Score,
    Percentage,
    Stage,
    Version,
    Points,
    Mark,
    YesNo,
    Decision,
    EvaluationKind,
}

/// One import problem or note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ImportMsg {
    /// A required cell is empty.
    Empty,
    /// A cell that does not read as what it should hold.
    NotValid {
        value: String,
        expected: Expected,
    },
    /// A date none of the formats reads; `reads_as` is a format that would read it
    /// (day and month the other way round, usually).
    NotADate {
        value: String,
        formats: String,
        reads_as: Option<String>,
    },
    /// A column whose dates were read with two formats: day and month may be swapped.
    DatesMixed {
        formats: String,
        lines: String,
    },
    /// A row with more or fewer fields than the header.
    FieldCount {
        found: usize,
        expected: usize,
    },
    /// A value the mapping's table does not translate.
    Unmapped {
        value: String,
        column: String,
        map: String,
        keys: String,
        nearest: Option<String>,
    },
    /// Warning: a header nobody reads, left out (`--allow-extra`).
    ColumnLeftOut {
        header: String,
    },
    /// A header the mapping reads that the file does not have.
    MappedHeaderMissing {
        header: String,
        map: String,
    },
    /// The same record twice in one file.
    Twice {
        key: String,
        first: u64,
    },
    /// A reference to a person not in the store (employees are imported first).
    NoEmployee {
        id: String,
    },
    /// A reference to a course not in the catalogue, by code or title.
    NoCourse {
        course: String,
    },
    /// Reflection versions must run 1, 2, 3…
    VersionGap {
        id: String,
        stage: u8,
        found: u32,
        expected: u32,
    },
    /// Only the last version of a stage may be open or accepted.
    EarlierNotReturned {
        id: String,
        stage: u8,
    },
    NeedScoreAndDecision,
    AcceptedBelowPass {
        score: u8,
        pass: u8,
    },
    StageOutside {
        stage: u8,
        stages: u8,
    },
    /// A value a percentile is derived from that is not a number.
    PercentileOfText {
        value: String,
        header: String,
    },
    /// Warning: a grade and a derived percentile disagree strongly on these lines.
    GradeDisagrees {
        count: usize,
        lines: String,
    },
    /// A re-import would undo work (refused without `--allow-regress`).
    Uncompleted {
        who: super::who::Who,
        course: String,
        on: String,
    },
    ExamRemoved {
        who: super::who::Who,
        course: String,
        score: u8,
        on: String,
    },
    HoursLowered {
        who: super::who::Who,
        course: String,
        from: String,
        to: String,
    },
    Unaccepted {
        who: super::who::Who,
        stage: u8,
    },
    VersionsDropped {
        who: super::who::Who,
        stage: u8,
        from: usize,
        to: usize,
    },
    /// The summary of a refused re-import.
    RegressionsRefused {
        count: usize,
    },
    /// Points reversed because their cause no longer holds after an allowed regression.
    PointsReversed {
        count: usize,
        points: i64,
    },
    /// A mapping file that is not valid TOML or has a key of the wrong shape.
    MapSyntax {
        map: String,
        syntax: Box<super::policy_error::PolicyError>,
    },
    /// A mapping naming a column the import does not have.
    MapUnknownColumn {
        map: String,
        column: String,
        kind: String,
        columns: String,
    },
    /// `[derive]` written the wrong way for its column.
    MapDeriveShape {
        map: String,
        column: String,
        want: String,
    },
    /// A column given in two sections.
    MapTwice {
        map: String,
        column: String,
    },
    MapDateFormat {
        map: String,
        format: String,
    },
    /// Two keys of a value table that are the same ignoring case and spaces.
    MapSameKey {
        map: String,
        column: String,
        first: String,
        second: String,
    },
    /// A value table translating into something that is not one of ours.
    MapBadTarget {
        map: String,
        column: String,
        key: String,
        value: String,
        allowed: String,
    },
    /// Warning: keys of a value table no row matched (a typo hidden by the `"*"` default).
    KeysUnused {
        map: String,
        column: String,
        keys: String,
        defaulted: String,
    },
    /// Warning: a condition no row met, with the values the file has.
    WhenMatchedNothing {
        column: String,
        header: String,
        want: String,
        seen: String,
    },
    /// Warning: exit dates after today, kept as active.
    FutureExits {
        count: usize,
        lines: String,
    },
    /// Rows of the same person and course merged as retakes.
    RetakesMerged {
        count: usize,
    },
    /// Courses `--create-courses` added to the catalogue.
    CoursesCreated {
        count: usize,
        list: String,
    },
}

/// Line numbers for a message: the first eight, then "…".
pub fn first_lines(lines: &[u64]) -> String {
    let mut text: Vec<String> = lines.iter().take(8).map(u64::to_string).collect();
    if lines.len() > 8 {
        text.push("…".into());
    }
    text.join(", ")
}
