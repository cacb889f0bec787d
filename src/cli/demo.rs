//! `cadre demo` and `cadre init`: a new store only where there is none. Neither ever
//! deletes a directory: the demo goes into an empty or absent directory, or replaces a
//! demo store that is already there by clearing it through the service (an audited
//! command that refuses on any store that is not a demo).

use std::io::IsTerminal;
use std::path::Path;

use super::open::{look, open, Found, Need};
use super::out::{self, Out};
use crate::domain::msg::Msg;
use crate::locale::{cli as say, Lang};
use crate::service::{Answer, Command, Query, Service, ServiceError};

/// `cadre init`: an empty store with the current user as its admin.
pub fn init(db: &Path, lang: Lang, out: &mut Out) -> anyhow::Result<()> {
    match look(db) {
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

/// `cadre demo`: the demo organisation in a new store, or the demo store already there.
pub fn demo(db: &Path, employees: usize, seed: u64, lang: Lang, out: &mut Out) -> anyhow::Result<()> {
    let service = match look(db) {
        Found::Nothing | Found::EmptyDir => open(db, Need::MayCreate)?,
        Found::Other => {
            return Err(ServiceError::invalid(Msg::NotAStore { path: db.display().to_string() }).into())
        }
        Found::Store => {
            let service = open(db, Need::Existing)?;
            let Answer::WhoAmI(info) = service.query(Query::WhoAmI)? else {
                anyhow::bail!("unexpected answer")
            };
            if !info.demo {
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
