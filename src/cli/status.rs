//! `cadre status`: the server serving the store, or how commands reach it without one.

use std::io::Write;

use super::out::Out;
use super::session::Session;
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
                let s = &status;
                for line in say::server_status(
                    lang,
                    (s.pid, &s.program, s.uptime_secs, &s.started),
                    (&s.store, s.schema, s.seq),
                    &s.socket,
                    s.clients.len(),
                ) {
                    out.line(line)?;
                }
                for c in &s.clients {
                    let live = if c.subscribed { format!("\t{}", say::live(lang)) } else { String::new() };
                    out.line(format!("  {}\tuid {}\tpid {}\t{}{live}", c.user, c.uid, c.pid, c.since))?;
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
