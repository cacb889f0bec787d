//! `cadre import`: a file read through its mapping, every problem of structure, values
//! and references reported together, or a starter mapping written from the file.

use std::io::{IsTerminal, Write};
use std::path::Path;

use super::out::{self, Out};
use super::session::Session;
use crate::client::local::{Found, Need};
use crate::io::mapping::Mapping;
use crate::io::{import, ImportKind};
use crate::locale::{cli as say, Lang};
use crate::service::{ImportReport, Service, ServiceError};

/// Imports `file` (or, on a dry run, shows what the import would do).
pub fn import(
    session: &Session,
    kind: ImportKind,
    file: &Path,
    map: Option<&Path>,
    options: import::ReadOptions,
    out: &mut Out,
) -> anyhow::Result<()> {
    let lang = session.lang;
    let mapping = match map {
        Some(path) => Mapping::load(path, kind)?,
        None => Mapping::default(),
    };
    let tty = std::io::stderr().is_terminal();
    let mut progress = |rows: u64| {
        if tty && rows >= 10_000 {
            out::progress(say::rows_read(lang, rows));
        }
    };
    let parsed = import::read_file(kind, file, &mapping, options, &mut progress);
    if tty {
        out::progress("");
    }
    let parsed = parsed?;
    for w in &parsed.warnings {
        out::note(lang.say(w));
    }
    // a dry run never creates a store: without one, it checks the file against an empty
    // scratch store that is gone when the command ends
    let service = match (options.dry_run || !parsed.problems.is_empty(), session.look(true)?) {
        (true, Found::Nothing | Found::EmptyDir) => Service::scratch()?,
        (true, _) => session.open(Need::Existing)?,
        (false, _) => session.open(Need::MayCreate)?,
    };
    let source = file.display().to_string();
    if !parsed.problems.is_empty() {
        // one report: the rows that read well are checked against the store too, so
        // unknown people and courses are named beside the file's own problems
        let mut problems = parsed.problems;
        if let Err(ServiceError::Rows { problems: more, .. }) = service.execute(parsed.command.into_dry_run())
        {
            // a record check repeats what the file's own problem on that line said
            let lines: std::collections::HashSet<u64> = problems.iter().map(|p| p.line).collect();
            problems.extend(more.into_iter().filter(|p| !(p.column == "record" && lines.contains(&p.line))));
        }
        problems.sort_by_key(|p| p.line);
        return Err(ServiceError::Rows { file: source, problems }.into());
    }
    let outcome = service.execute(parsed.command)?;
    out.line(lang.say_done(&outcome.done))?;
    if let Some(report) = outcome.import {
        for line in report_lines(&report, lang) {
            out.line(line)?;
        }
    }
    Ok(())
}

/// The lines an import prints after its summary: notes (points reversed, courses
/// created), the regressions it made, the fields it changed, and on a dry run each
/// changed record field by field.
fn report_lines(report: &ImportReport, lang: Lang) -> Vec<String> {
    use crate::locale::import as words;
    let mut out: Vec<String> = report.notes.iter().map(|m| lang.say(m)).collect();
    if !report.regressions.is_empty() {
        out.push(words::regressions_made(lang, report.regressions.len()));
        out.extend(report.regressions.iter().map(|m| format!("  {}", lang.say(m))));
    }
    if report.changed > 0 && !report.fields.is_empty() {
        let counts: Vec<(&str, usize)> = report.fields.iter().map(|(f, n)| (f.as_str(), *n)).collect();
        out.push(words::fields_changed(lang, &counts));
    }
    if report.dry_run {
        for change in &report.changes {
            let fields: Vec<(&str, &str, &str)> = change
                .fields
                .iter()
                .map(|f| (f.field.as_str(), f.before.as_str(), f.after.as_str()))
                .collect();
            out.push(words::record_changed(lang, change.line, &change.key, &fields));
        }
        let shown = report.changes.len();
        if report.changed > shown && shown > 0 {
            out.push(words::more_changed(lang, report.changed - shown));
        }
    }
    out
}

/// Writes a starter mapping for `file` to `output` (0600) or standard output.
pub fn init_map(
    lang: Lang,
    kind: ImportKind,
    file: &Path,
    output: Option<&Path>,
    out: &mut Out,
) -> anyhow::Result<()> {
    match output {
        // a mapping someone has filled in is never overwritten by a starter
        Some(path) if path.exists() => {
            let e = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
            return Err(
                ServiceError::invalid(crate::domain::msg::Msg::io(path.display().to_string(), &e)).into()
            );
        }
        _ => {}
    }
    let text = crate::io::init_map::starter(kind, file, lang)?;
    match output {
        Some(path) => {
            crate::io::private_file::write_private(path, |f| {
                f.write_all(text.as_bytes())?;
                Ok(1)
            })?;
            out::note(say::mapping_written(lang, path));
        }
        None => {
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}
