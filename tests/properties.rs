//! Property-based tests over every parser of outside input: the CSV importer (all six
//! kinds), the import mapping, the policy, the keymap and `cadre apply` lines. About
//! 100,000 generated inputs in all: none may panic, and every input the service refuses
//! leaves the store exactly as it was (its state digest and audit chain head unchanged).
//! Inputs that once broke cadre are kept in `tests/corpus/` and replayed first.

mod common;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use cadre::io::import::{read, ReadOptions};
use cadre::io::mapping::Mapping;
use cadre::io::ImportKind;
use cadre::service::engine::Engine;
use cadre::service::{Command, Service};
use proptest::prelude::*;

const KINDS: [ImportKind; 6] = [
    ImportKind::Employees,
    ImportKind::Performance,
    ImportKind::Courses,
    ImportKind::Enrollments,
    ImportKind::Reflections,
    ImportKind::Evaluations,
];

/// One demo store shared by the tests of this file (a scratch directory of its own).
fn engine() -> &'static Arc<Engine> {
    static ENGINE: OnceLock<(tempfile::TempDir, Arc<Engine>)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let engine = Arc::new(Engine::open(&dir.path().join("db"), "hr", true).unwrap());
            cadre::demo::load(&Service::new(Box::new(engine.clone()), "hr".into()), 40, 7, &mut |_| {})
                .unwrap();
            (dir, engine)
        })
        .1
}

fn service() -> Service {
    Service::new(Box::new(engine().clone()), "hr".into())
}

/// What proves the store unchanged: the chain head carries the digest of every record.
fn fingerprint() -> cadre::store::chain::ChainHead {
    cadre::store::chain::head(engine().store()).unwrap()
}

/// Runs `command`; when the service refuses it, the store must be as it was.
fn execute_checked(command: Command) {
    let before = fingerprint();
    if service().execute(command).is_err() {
        assert_eq!(fingerprint(), before, "a refused command changed the store");
    }
}

/// Cells: mostly plausible values, some hostile ones.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "E000001", "E000007", "E000039", "张伟", "市场营销部", "政企客户室", "普通员工", "室主任",
            "2019-03-01", "2027-03-31", "2026/05/01", "85", "60", "100", "0", "8", "yes", "no", "是",
            "L101", "M301", "leadership", "360", "superior", "theory", "peer", "沟通协调", "A", "S", "12.5",
            "accept", "return", "1", "2", "3", "80@2026-09-01;90@2026-10-01", "",
        ])
        .prop_map(String::from),
        2 => "\\PC{0,12}",
        1 => prop::sample::select(vec![
            "NaN", "inf", "-inf", "1e308", "-5", "4294967295", "-2147483648", "99999999999999999999",
            "E1/Z", "E\u{0}1", "\u{1b}[2J", "0000-01-01", "9999-12-31", "2023-13-01", "\"", "a,b", "line\nbreak",
            "\u{feff}", "%2F", "../../etc/passwd",
        ])
        .prop_map(String::from),
        1 => "[a-z\u{4e00}-\u{4e20}]{100,300}",
    ]
}

fn quote(cell: &str, always: bool) -> String {
    if always || cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// A CSV file of `kind`: its columns (some dropped, renamed, repeated or unknown), rows of
/// cells, quoting, CRLF and a byte-order mark at random.
fn csv_file() -> impl Strategy<Value = (usize, String)> {
    (
        0..KINDS.len(),
        prop::collection::vec(prop::bool::weighted(0.9), 16),
        prop::collection::vec(prop::collection::vec(cell(), 0..14), 0..6),
        any::<bool>(),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec!["skils", "id", "name", "", "备注"])),
    )
        .prop_map(|(k, keep, rows, crlf, bom, extra)| {
            let kind = KINDS[k];
            let mut header: Vec<String> = kind
                .column_names()
                .into_iter()
                .zip(keep.iter().chain(std::iter::repeat(&true)))
                .filter(|(_, keep)| **keep)
                .map(|(c, _)| c.to_string())
                .collect();
            if let Some(e) = extra {
                header.push(e.to_string());
            }
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str(&header.join(","));
            text.push_str(nl);
            for (i, row) in rows.iter().enumerate() {
                let line: Vec<String> = row.iter().map(|c| quote(c, i % 3 == 0)).collect();
                text.push_str(&line.join(","));
                text.push_str(nl);
            }
            (k, text)
        })
}

fn parse_csv(
    kind: ImportKind,
    text: &str,
) -> Result<cadre::io::import::ParsedFile, cadre::service::ServiceError> {
    let options = ReadOptions::default();
    read(kind, "prop.csv", text.as_bytes(), &Mapping::default(), options, &mut |_| {})
}

fn replay_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        match name.split('.').next().unwrap() {
            "apply" => {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    if let Ok(command) = serde_json::from_str::<Command>(line) {
                        let before = fingerprint();
                        assert!(
                            service().execute(command).is_err(),
                            "{name}: once failed, must be refused: {line}"
                        );
                        assert_eq!(fingerprint(), before, "{name}");
                    }
                }
            }
            "policy" => assert!(cadre::domain::policy::Policy::from_toml(&text).is_err(), "{name}"),
            kind => {
                let kind = KINDS.into_iter().find(|k| k.name() == kind).unwrap_or_else(|| panic!("{name}"));
                if let Ok(parsed) = parse_csv(kind, &text) {
                    let before = fingerprint();
                    assert!(
                        service().execute(parsed.command).is_err(),
                        "{name}: once failed, must be refused"
                    );
                    assert_eq!(fingerprint(), before, "{name}");
                }
            }
        }
    }
}

#[test]
fn inputs_that_once_failed_stay_refused() {
    replay_corpus();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 25_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn csv_files_of_every_kind_parse_without_panicking((k, text) in csv_file()) {
        let _ = parse_csv(KINDS[k], &text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn an_imported_file_either_applies_whole_or_leaves_the_store_as_it_was((k, text) in csv_file()) {
        if let Ok(parsed) = parse_csv(KINDS[k], &text) {
            execute_checked(parsed.command);
        }
    }
}

/// A mapping file: real keys and values, every feature (templates, constants, value
/// tables with defaults, derived columns, conditions), and garbage.
fn mapping_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => (prop::sample::select(vec!["id", "name", "rank", "hire_date", "grade", "year", "rank_pct", "completed_on", "nmae", "状态"]), "\\PC{0,10}")
            .prop_map(|(k, v)| format!("{k} = {:?}", v)),
        2 => prop::sample::select(vec!["[columns]", "[values.rank]", "[values.grade]", "[dates]", "[derive]", "[constants]", "[values.nope]"])
            .prop_map(String::from),
        1 => "\\PC{0,20}",
        2 => prop::sample::select(vec![
            "formats = [\"%d.%m.%Y\"]",
            "formats = [\"%Q\"]",
            "formats = 3",
            "\"*\" = \"普通员工\"",
            "name = \"{First} {Last}\"",
            "name = \"{First\"",
            "name = \"{} {{Last}}\"",
            "left_on = \"Exit\"",
            "left_on = { percentile_of = \"Rating\" }",
            "rank_pct = { percentile_of = \"Rating\", higher_is_better = false }",
            "rank_pct = { percentile_of = \"Nope\" }",
            "completed_on = { from = \"Date\", when = { Outcome = [\"Completed\", \"passed\"] } }",
            "completed_on = { from = \"Date\", when = { Nope = [] } }",
            "year = \"2025\"",
            "\"Unit Manager\" = \"室主任\"",
            "\"unit  manager\" = \"室主任\"",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mappings_parse_or_say_why(text in mapping_text(), k in 0..KINDS.len(), rating in "\\PC{0,4}", date in "[0-9/.-]{0,12}") {
        if let Ok(m) = Mapping::parse(&text, Path::new("map.toml"), KINDS[k]) {
            let csv = format!(
                "工号,姓名,First,Last,Rating,Exit,Date,Outcome\nE1,张伟,Avery,Calder,{},{},{},Completed\nE2,李娜,,,5,,,failed\n",
                rating.replace([',', '"', '\n', '\r'], ""),
                date,
                date
            );
            let _ = read(KINDS[k], "m.csv", csv.as_bytes(), &m, ReadOptions::default(), &mut |_| {});
        }
    }

    #[test]
    fn templates_and_dates_from_anywhere_never_panic(spec in "\\PC{0,30}", date in "\\PC{0,16}", format in "[%a-zA-Z/.-]{0,10}") {
        // a template's headers are what stands between braces; a plain header is itself
        for part in cadre::io::mapping::template(&spec) {
            if let cadre::io::mapping::Part::Header(h) = part {
                prop_assert!(!spec.contains('{') || !h.contains('}'), "{spec:?} gave a header {h:?}");
            }
        }
        let formats = vec![format];
        if let Ok((d, f)) = cadre::io::parse::read_date(&date, &formats) {
            prop_assert!(chrono::NaiveDate::parse_from_str(date.trim(), &f) == Ok(d));
        }
    }
}

/// The default policy with one value replaced by something else.
fn policy_text() -> impl Strategy<Value = String> {
    let default = cadre::domain::policy::DEFAULT_POLICY_TOML;
    let lines: Vec<&'static str> = default.lines().collect();
    (
        0..lines.len(),
        prop_oneof![
            Just("0".to_string()),
            Just("-1".to_string()),
            Just("4294967295".to_string()),
            Just("1e400".to_string()),
            Just("nan".to_string()),
            Just("\"x\"".to_string()),
            Just("[]".to_string()),
            (0u64..300).prop_map(|n| n.to_string()),
            "\\PC{0,8}",
        ],
    )
        .prop_map(move |(i, value)| {
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            if let Some((key, _)) = out[i].split_once(" = ") {
                out[i] = format!("{key} = {value}");
            } else {
                out[i] = value;
            }
            out.join("\n")
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_policy_is_valid_and_reads_back_or_is_refused_naming_why(text in policy_text()) {
        match cadre::domain::policy::Policy::from_toml(&text) {
            Ok(p) => {
                prop_assert!(p.validate().is_ok());
                prop_assert_eq!(cadre::domain::policy::Policy::from_toml(&p.to_toml()).unwrap(), p);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

fn keymap_text() -> impl Strategy<Value = String> {
    let entry = (
        prop_oneof![
            "[a-zA-Z0-9?/:]".prop_map(|s| format!("{s:?}")),
            prop::sample::select(vec!["\"<C-\"", "\"<Enter>\"", "[\"g\", \"g\"]", "\"<F99>\"", "\"\"", "3"])
                .prop_map(String::from),
        ],
        prop::sample::select(vec!["quit", "admit", "explode", "tab pool", "down", "", "search"]),
    )
        .prop_map(|(on, run)| format!("{{ on = {on}, run = {run:?} }}"));
    (
        prop::sample::select(vec!["global", "pool", "nowhere", "courses"]),
        prop::collection::vec(entry, 0..5),
        "\\PC{0,6}",
    )
        .prop_map(|(section, entries, junk)| format!("[{section}]\nkeys = [{}]\n{junk}", entries.join(", ")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn keymaps_parse_or_name_the_entry(text in keymap_text()) {
        if let Err(e) = cadre::tui::keymap::Keymap::parse(&text, "k.toml") {
            prop_assert!(e.starts_with("keymap k.toml"), "{}", e);
        }
    }
}

/// An `apply` line: a real command's JSON with values swapped for others.
fn apply_line() -> impl Strategy<Value = String> {
    let templates = vec![
        r#"{"command":"grant_points","employee_id":"$ID","kind":{"manual":{"points":$N}},"reason":"$S"}"#,
        r#"{"command":"record_progress","employee_id":"$ID","course":"$S","hours":$F,"exam_score":$N,"on":"$D"}"#,
        r#"{"command":"transition_member","pool_id":$N,"employee_id":"$ID","to":"disqualified","reason":"$S"}"#,
        r#"{"command":"submit_reflection","employee_id":"$ID","stage":$N,"title":"$S","body":"$S"}"#,
        r#"{"command":"review_reflection","id":$N,"score":$N,"comment":"$S","decision":"accept"}"#,
        r#"{"command":"upsert_course","code":"$S","title":"$S","category":"general","hours":$F,"required":false,"core":false,"strategic":true,"exam_pass_mark":$N,"completion_points":$N}"#,
        r#"{"command":"record_evaluation","seq":0,"employee_id":"$ID","year":$N,"kind":"theory","score":$F,"on":"$D"}"#,
        r#"{"command":"create_pool","name":"$S","year":$N,"target_rank":"section_chief"}"#,
        r#"{"command":"mark_left","employee_id":"$ID","on":"$D"}"#,
        r#"{"command":"redeem","employee_id":"$ID","kind":"bonus"}"#,
        r#"{"command":"add_operator","user":"$S","role":"admin","department":null}"#,
        r#"{"command":"$S"}"#,
    ];
    (
        prop::sample::select(templates),
        prop::sample::select(vec!["E000001", "E000002", "E000039", "E999999", "E1/Z", "", "张伟"]),
        prop::sample::select(vec![
            "0",
            "1",
            "3",
            "-1",
            "100",
            "101",
            "255",
            "65535",
            "4294967295",
            "-2147483648",
            "1e9",
            "null",
            "\"x\"",
        ]),
        prop::sample::select(vec!["0", "0.5", "4", "-5", "1e308", "1000.5", "-0", "null"]),
        prop::sample::select(vec!["2026-05-01", "0000-01-01", "9999-12-31", "2026-02-30", "x"]),
        prop_oneof![
            "[a-zA-Z0-9]{0,6}",
            "\\PC{0,10}",
            Just("\\u001b[2J".to_string()),
            Just("L101".to_string())
        ],
    )
        .prop_map(|(t, id, n, f, d, s)| {
            let s = s.replace('\\', "\\\\").replace('"', "\\\"");
            t.replace("$ID", id).replace("$N", n).replace("$F", f).replace("$D", d).replace("$S", &s)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 15_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn apply_lines_run_whole_or_leave_the_store_as_it_was(line in apply_line()) {
        if let Ok(command) = serde_json::from_str::<Command>(&line) {
            // grants that the service takes are real writes; keep the store small
            if !matches!(command, Command::AddOperator { .. }) {
                execute_checked(command);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// A typed day is taken only when it is a real date from 1900 to 2100, and refused with
    /// a message otherwise: never wrapped, clipped or a panic.
    #[test]
    fn a_command_line_day_is_a_real_date_in_range_or_refused(text in "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}|\\PC{0,12}") {
        match cadre::cli::day(&text) {
            Ok(d) => {
                let year = chrono::Datelike::year(&d);
                prop_assert!((1900..=2100).contains(&year), "{} taken as {}", text, d);
                let parts: Vec<u32> = text.trim().split('-').map(|p| p.parse().unwrap()).collect();
                prop_assert_eq!(parts, vec![year as u32, chrono::Datelike::month(&d), chrono::Datelike::day(&d)]);
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }

    /// Every day of the range, written YYYY-MM-DD, is taken as itself.
    #[test]
    fn every_day_of_the_range_is_taken(year in 1900i32..=2100, month in 1u32..=12, day in 1u32..=28) {
        let d = chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap();
        prop_assert_eq!(cadre::cli::day(&d.format("%Y-%m-%d").to_string()), Ok(d));
    }
}
