//! `cadre demo` and `cadre init`: a new store only where there is none. Neither ever
//! deletes a directory: the demo goes into an empty or absent directory, or replaces a
//! demo store that is already there by clearing it through the service (an audited
//! command that refuses on any store that is not a demo).

use std::io::IsTerminal;
use std::path::Path;

use super::out::{self, Out};
use super::session::Session;
use crate::client::local::{open, Found, Need};
use crate::domain::msg::Msg;
use crate::locale::{cli as say, Lang};
use crate::service::{Command, Service, ServiceError};

/// `cadre init`: an empty store with the current user as its admin.
pub fn init(session: &Session, out: &mut Out) -> anyhow::Result<()> {
    let (db, lang) = (&session.target.db, session.lang);
    match session.look(false)? {
        Found::Nothing | Found::EmptyDir => {
            let service = open(db, Need::MayCreate)?;
            out.line(say::store_created(lang, db, service.operator()))?;
            Ok(())
        }
        Found::Store => {
            Err(ServiceError::invalid(Msg::StoreExists { path: db.display().to_string() }).into())
        }
        Found::Other => Err(ServiceError::invalid(Msg::NotAStore { path: db.display().to_string() }).into()),
    }
}

/// `cadre demo`: the demo organisation in a new store, or in place of a demo store.
pub fn demo(session: &Session, employees: usize, seed: u64, out: &mut Out) -> anyhow::Result<()> {
    let (db, lang) = (&session.target.db, session.lang);
    let service = match session.look(false)? {
        Found::Nothing | Found::EmptyDir => open(db, Need::MayCreate)?,
        Found::Other => {
            return Err(ServiceError::invalid(Msg::NotAStore { path: db.display().to_string() }).into())
        }
        Found::Store => {
            let service = crate::client::connect(&session.target, Need::Existing, false)?.0;
            if !service.who_am_i()?.demo {
                return Err(ServiceError::invalid(Msg::NotADemo { path: db.display().to_string() }).into());
            }
            service.execute(Command::ClearDemo)?;
            service
        }
    };
    load(&service, db, employees, seed, lang, out)
}

fn load(
    service: &Service,
    db: &Path,
    employees: usize,
    seed: u64,
    lang: Lang,
    out: &mut Out,
) -> anyhow::Result<()> {
    let tty = std::io::stderr().is_terminal();
    let summary = crate::demo::load(service, employees, seed, &mut |s| {
        if tty {
            out::progress(say::demo_loading(lang, s.employees, employees));
        }
    })?;
    if tty {
        out::progress("");
    }
    let counts =
        [summary.employees, summary.members, summary.enrollments, summary.reflections, summary.evaluations];
    out.line(say::demo_created(lang, db, counts))?;
    Ok(())
}
