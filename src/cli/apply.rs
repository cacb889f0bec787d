//! `cadre apply`: one JSON command per line, one JSON result per line once it is on disk.
//! Every line is answered on its own: a line that is not UTF-8, not JSON, too long or
//! refused gets `{"line":N,"error":…}` and the lines after it still run.

use std::io::Write;
use std::path::Path;

use super::out::{note, Out};
use crate::io::limits;
use crate::locale::{cli as say, Lang};
use crate::service::{Command, Service};

/// Exit status when standard output closed with input lines still unapplied.
pub const OUTPUT_CLOSED: i32 = 3;

pub fn apply(service: &Service, file: &Path, lang: Lang, out: &mut Out) -> anyhow::Result<i32> {
    let mut input = limits::lines_of(file)?;
    let mut line = Vec::new();
    let mut n = 0u64;
    let mut failed = 0u64;
    loop {
        let whole = match limits::read_line(&mut input, &mut line, limits::MAX_APPLY_LINE) {
            Ok(None) => break,
            Ok(Some(whole)) => whole,
            Err(e) => {
                note(say::input_failed(lang, n + 1, &e.to_string()));
                return Ok(1);
            }
        };
        n += 1;
        let result = if !whole {
            Some(error_line(n, say::apply_line_too_long(lang, limits::MAX_APPLY_LINE), None))
        } else {
            match std::str::from_utf8(&line) {
                Err(_) => Some(error_line(n, say::apply_not_utf8(lang), None)),
                Ok(text) if text.trim().is_empty() => None,
                Ok(text) => Some(match serde_json::from_str::<Command>(text) {
                    Err(e) => error_line(n, say::apply_not_a_command(lang, &e.to_string()), None),
                    Ok(command) => match service.execute(command) {
                        Ok(outcome) => serde_json::json!({"line": n, "ok": outcome}),
                        Err(e) => error_line(n, e.say(lang), Some(serde_json::to_value(&e)?)),
                    },
                }),
            }
        };
        let Some(result) = result else { continue };
        if result.get("error").is_some() {
            failed += 1;
        }
        if let Err(e) = writeln!(out, "{result}").and_then(|_| out.flush()) {
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                return Err(e.into());
            }
            // the reader is gone: stop before applying anything it would not hear of
            let more = std::io::BufRead::fill_buf(&mut input).map(|b| !b.is_empty()).unwrap_or(false);
            if more {
                note(say::apply_output_closed(lang, n));
                return Ok(OUTPUT_CLOSED);
            }
            return Ok(0);
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

fn error_line(n: u64, words: String, code: Option<serde_json::Value>) -> serde_json::Value {
    match code {
        Some(code) => serde_json::json!({"line": n, "error": words, "code": code}),
        None => serde_json::json!({"line": n, "error": words}),
    }
}
