//! The notify file (`notify.toml`): where reminders go — a DingTalk group robot, a WeCom
//! group robot, an SMTP server — and the addresses the store lacks. It holds secrets, so it
//! is refused when group or others may read it, and its secrets are never printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A DingTalk group robot (自定义机器人).
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DingTalk {
    pub webhook: String,
    /// The robot's signing secret (加签), when the robot has one.
    #[serde(default)]
    pub secret: Option<String>,
}

/// A WeCom (企业微信) group robot.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeCom {
    pub webhook: String,
}

/// An SMTP server, with STARTTLS unless `starttls = false` (a relay on the same host).
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub host: String,
    #[serde(default = "default_port")]
    pub port: u16,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    pub from: String,
    #[serde(default = "yes")]
    pub starttls: bool,
}

fn default_port() -> u16 {
    587
}

fn yes() -> bool {
    true
}

/// How a person is reached, where the store does not say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    #[serde(default)]
    pub email: Option<String>,
    /// A DingTalk user id or mobile number, to @-mention in the group.
    #[serde(default)]
    pub dingtalk: Option<String>,
    /// A WeCom user id, to @-mention in the group.
    #[serde(default)]
    pub wecom: Option<String>,
}

/// Sending: attempts per message and the pause before the first retry (doubled each time).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sending {
    #[serde(default = "attempts")]
    pub attempts: u8,
    #[serde(default = "backoff")]
    pub backoff_ms: u64,
    /// The pause between two robot messages (DingTalk allows 20 a minute).
    #[serde(default = "interval")]
    pub interval_ms: u64,
}

fn attempts() -> u8 {
    3
}
fn backoff() -> u64 {
    1000
}
fn interval() -> u64 {
    3000
}

impl Default for Sending {
    fn default() -> Self {
        Sending { attempts: attempts(), backoff_ms: backoff(), interval_ms: interval() }
    }
}

/// Editable message templates; `{name}`, `{date}`, `{count}` and `{lines}` are filled in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Templates {
    pub person_zh: Option<String>,
    pub person_en: Option<String>,
    pub manager_zh: Option<String>,
    pub manager_en: Option<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyConfig {
    #[serde(default)]
    pub dingtalk: Option<DingTalk>,
    #[serde(default)]
    pub wecom: Option<WeCom>,
    #[serde(default)]
    pub smtp: Option<Smtp>,
    /// By 工号.
    #[serde(default)]
    pub recipients: BTreeMap<String, Address>,
    #[serde(default)]
    pub sending: Sending,
    #[serde(default)]
    pub templates: Templates,
}

/// Secrets stay out of logs and messages, even in a debug print.
impl std::fmt::Debug for NotifyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotifyConfig")
            .field("dingtalk", &self.dingtalk.as_ref().map(|_| "…"))
            .field("wecom", &self.wecom.as_ref().map(|_| "…"))
            .field("smtp", &self.smtp.as_ref().map(|s| &s.host))
            .field("recipients", &self.recipients.len())
            .finish()
    }
}

/// Why the notify file cannot be used.
#[derive(Debug)]
pub enum ConfigProblem {
    Missing(PathBuf),
    /// Group or others may read it: its mode, and the file.
    TooOpen(PathBuf, u32),
    Unreadable(crate::service::ServiceError),
    Invalid(PathBuf, String),
    /// No channel is configured.
    NoChannel(PathBuf),
}

/// `$XDG_CONFIG_HOME/cadre/notify.toml` (or `~/.config/cadre/notify.toml`).
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("cadre").join("notify.toml"))
}

impl NotifyConfig {
    /// Reads the file, refusing it when group or others may read it.
    pub fn load(path: &Path) -> Result<NotifyConfig, ConfigProblem> {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .ok_or_else(|| ConfigProblem::Missing(path.to_path_buf()))?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(ConfigProblem::TooOpen(path.to_path_buf(), mode));
        }
        let text = crate::io::limits::read_text(path, crate::io::limits::MAX_SMALL_FILE)
            .map_err(ConfigProblem::Unreadable)?;
        let config: NotifyConfig = toml::from_str(&text)
            .map_err(|e| ConfigProblem::Invalid(path.to_path_buf(), e.message().to_string()))?;
        if config.dingtalk.is_none() && config.wecom.is_none() && config.smtp.is_none() {
            return Err(ConfigProblem::NoChannel(path.to_path_buf()));
        }
        Ok(config)
    }

    pub fn address(&self, employee: &str) -> Address {
        self.recipients.get(employee).cloned().unwrap_or_default()
    }
}
