//! Reminders that reach people (`cadre remind --send`): each person's own overdue and
//! at-risk courses and each manager's digest of their department, through the channels of
//! the notify file; at most once a day per channel and recipient (what was sent is recorded
//! in the store, audited, and what failed is audited and tried again next run).

pub mod channels;
pub mod config;
pub mod digest;

use std::collections::HashSet;
use std::time::Duration;

use config::NotifyConfig;
use digest::Digest;

use crate::domain::Date;
use crate::locale::Lang;

/// Where a message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    DingTalk,
    WeCom,
    Email,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::DingTalk => "dingtalk",
            Channel::WeCom => "wecom",
            Channel::Email => "email",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Channel::DingTalk, Lang::Zh) => "钉钉群",
            (Channel::WeCom, Lang::Zh) => "企业微信群",
            (Channel::Email, Lang::Zh) => "邮件",
            (Channel::DingTalk, Lang::En) => "DingTalk group",
            (Channel::WeCom, Lang::En) => "WeCom group",
            (Channel::Email, Lang::En) => "e-mail",
        }
    }
}

/// One message to send.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub channel: Channel,
    pub digest: Digest,
    /// The e-mail address, or the id @-mentioned in a group.
    pub address: Option<String>,
    pub title: String,
    pub body: String,
}

/// What a run would do: the messages, those already sent today, and the digests no
/// channel reaches (a person with no e-mail address and no robot id in the notify file).
#[derive(Debug, Default)]
pub struct Plan {
    pub outgoing: Vec<Outgoing>,
    pub already: usize,
    pub unreachable: Vec<Digest>,
}

/// The messages for `digests` through every configured channel, less what `sent` (channel
/// code and recipient) says went out today.
pub fn plan(
    config: &NotifyConfig,
    digests: Vec<Digest>,
    lang: Lang,
    on: Date,
    sent: &HashSet<(String, String)>,
) -> Plan {
    let mut out = Plan::default();
    for d in digests {
        let address = config.address(d.to.as_str());
        let (title, body) = digest::render(&d, lang, &config.templates, on);
        // a group robot gets every manager's digest, and a person's own only when it can
        // @-mention them (the group is not flooded with everyone's list)
        let manager = d.role == digest::Role::Manager;
        let mut routes: Vec<(Channel, Option<String>)> = Vec::new();
        if config.dingtalk.is_some() && (manager || address.dingtalk.is_some()) {
            routes.push((Channel::DingTalk, address.dingtalk.clone()));
        }
        if config.wecom.is_some() && (manager || address.wecom.is_some()) {
            routes.push((Channel::WeCom, address.wecom.clone()));
        }
        if let (Some(_), Some(email)) = (&config.smtp, &address.email) {
            routes.push((Channel::Email, Some(email.clone())));
        }
        if routes.is_empty() {
            out.unreachable.push(d);
            continue;
        }
        for (channel, address) in routes {
            if sent.contains(&(channel.code().to_string(), d.recipient())) {
                out.already += 1;
                continue;
            }
            out.outgoing.push(Outgoing {
                channel,
                digest: d.clone(),
                address,
                title: title.clone(),
                body: body.clone(),
            });
        }
    }
    out
}

/// Sends one message, retrying with a doubling pause.
fn send_one(config: &NotifyConfig, m: &Outgoing) -> Result<(), String> {
    let attempts = config.sending.attempts.max(1);
    let mut pause = Duration::from_millis(config.sending.backoff_ms);
    let mut last = String::new();
    for attempt in 1..=attempts {
        let result = match m.channel {
            Channel::DingTalk => match &config.dingtalk {
                Some(robot) => channels::send_dingtalk(robot, &m.title, &m.body, m.address.as_deref()),
                None => Err("no [dingtalk]".into()),
            },
            Channel::WeCom => match &config.wecom {
                Some(robot) => channels::send_wecom(robot, &m.body, m.address.as_deref()),
                None => Err("no [wecom]".into()),
            },
            Channel::Email => match (&config.smtp, &m.address) {
                (Some(smtp), Some(to)) => channels::send_mail(smtp, to, &m.title, &m.body),
                _ => Err("no [smtp] or no address".into()),
            },
        };
        match result {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
        if attempt < attempts {
            std::thread::sleep(pause);
            pause *= 2;
        }
    }
    Err(last)
}

/// Sends every message; `record` is told each outcome as it happens (a message is
/// recorded as sent only after it was taken), so an interrupted run resumes where it
/// stopped. Returns the failures.
pub fn deliver(
    config: &NotifyConfig,
    outgoing: &[Outgoing],
    mut record: impl FnMut(&Outgoing, Result<(), &str>),
) -> Vec<(usize, String)> {
    let mut failed = Vec::new();
    let mut last_robot: Option<std::time::Instant> = None;
    for (i, m) in outgoing.iter().enumerate() {
        if m.channel != Channel::Email {
            if let Some(at) = last_robot {
                let gap = Duration::from_millis(config.sending.interval_ms);
                if let Some(wait) = gap.checked_sub(at.elapsed()) {
                    std::thread::sleep(wait);
                }
            }
            last_robot = Some(std::time::Instant::now());
        }
        match send_one(config, m) {
            Ok(()) => record(m, Ok(())),
            Err(e) => {
                record(m, Err(&e));
                failed.push((i, e));
            }
        }
    }
    failed
}
