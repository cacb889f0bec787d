//! `cadre remind --send`: the day's reminders through the notify file's channels, each
//! outcome recorded in the store (sent ones once a day; failures audited and retried on
//! the next run); `--dry-run` prints what would go where.

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::bail;

use super::out::Out;
use crate::domain::msg::Who;
use crate::domain::Date;
use crate::locale::{notify as say, Lang};
use crate::notify::config::{ConfigProblem, NotifyConfig};
use crate::notify::{self, digest};
use crate::service::{Answer, Command, Query, Service};

fn load(lang: Lang, path: Option<PathBuf>) -> anyhow::Result<NotifyConfig> {
    let Some(path) = path.or_else(crate::notify::config::default_path) else {
        bail!(say::no_default_path(lang))
    };
    NotifyConfig::load(&path).map_err(|p| {
        anyhow::anyhow!(match p {
            ConfigProblem::Missing(p) => say::missing(lang, &p),
            ConfigProblem::TooOpen(p, mode) => say::too_open(lang, &p, mode),
            ConfigProblem::Invalid(p, why) => say::invalid(lang, &p, &why),
            ConfigProblem::NoChannel(p) => say::no_channel(lang, &p),
            ConfigProblem::Unreadable(e) => e.say(lang),
        })
    })
}

pub fn send(
    service: &Service,
    lang: Lang,
    notify_file: Option<PathBuf>,
    on: Date,
    dry_run: bool,
    out: &mut Out,
) -> anyhow::Result<()> {
    let config = load(lang, notify_file)?;
    let Answer::Reminders(list) = service.query(Query::Remind { on, pool: None })? else {
        bail!("unexpected answer")
    };
    if list.is_empty() {
        out.line(say::nobody(lang))?;
        return Ok(());
    }
    let sent: HashSet<(String, String)> =
        service.reminders_sent(on)?.into_iter().map(|s| (s.channel, s.recipient)).collect();
    let plan = notify::plan(&config, digest::digests(&list), lang, on, &sent);
    let who = |d: &digest::Digest| lang.who(&Who::new(d.to.as_str(), d.name.clone()));
    if !plan.unreachable.is_empty() {
        let mut names: Vec<String> = plan.unreachable.iter().take(10).map(who).collect();
        if plan.unreachable.len() > 10 {
            names.push("…".into());
        }
        out.line(say::unreachable(lang, plan.unreachable.len(), &names.join(lang.pick("、", ", "))))?;
    }
    if dry_run {
        for m in &plan.outgoing {
            out.line(say::would_send(
                lang,
                m.channel.name(lang),
                &who(&m.digest),
                m.address.as_deref(),
                &m.title,
                m.digest.items.len(),
            ))?;
        }
        out.line(say::summary(lang, plan.outgoing.len(), 0, plan.already, true))?;
        return Ok(());
    }
    let mut record_failed: Option<anyhow::Error> = None;
    let failed = notify::deliver(&config, &plan.outgoing, |m, outcome| {
        let command = Command::RecordReminder {
            on,
            channel: m.channel.code().to_string(),
            recipient: m.digest.recipient(),
            people: m.digest.people() as u32,
            items: m.digest.items.len() as u32,
            failure: outcome.err().map(str::to_string),
        };
        if let Err(e) = service.execute(command) {
            record_failed.get_or_insert(e.into());
        }
    });
    for (i, why) in &failed {
        let m = &plan.outgoing[*i];
        out.line(say::failed(lang, m.channel.name(lang), &who(&m.digest), why))?;
    }
    let sent = plan.outgoing.len() - failed.len();
    out.line(say::summary(lang, sent, failed.len(), plan.already, false))?;
    if let Some(e) = record_failed {
        return Err(e);
    }
    if !failed.is_empty() {
        // the status says not everything went; the next run sends what did not
        bail!(say::some_failed(lang, failed.len()));
    }
    Ok(())
}
