//! `cadre status`: the server serving the store, or how commands reach it without one.

use std::io::Write;

use super::commands::Session;
use super::out::Out;
use crate::locale::cli as say;

pub fn status(session: &Session, json: bool, out: &mut Out) -> anyhow::Result<()> {
    let lang = session.lang;
    match crate::client::find_server(&session.target, true)? {
        Some(transport) => {
            let status = transport.status()?;
            if json {
                serde_json::to_writer(&mut *out, &status)?;
                writeln!(out)?;
            } else {
                for line in say::server_status(lang, &status) {
                    out.line(line)?;
                }
            }
        }
        None if json => {
            writeln!(out, "{}", serde_json::json!({"server": null, "store": session.target.db}))?;
        }
        None => out.line(say::no_server(lang, &session.target.db))?,
    }
    Ok(())
}
