//! What every component and layer may read: the session's language, date, keymap and
//! theme; the operator and role; the pools and the chosen one; the policy; the pending
//! badge; the freshness clock; and the message log.

use std::collections::VecDeque;

use crate::domain::access::Role;
use crate::domain::policy::Policy;
use crate::domain::pool::{Pool, PoolId};
use crate::domain::Date;
use crate::locale::Lang;
use crate::service::query::StoreInfo;

use super::action::{Action, Panel};
use super::fresh::{Clock, Fetched};
use super::keymap::Keymap;
use super::theme::Theme;
use crate::service::changes::Topic;

/// The most messages the log (`M`) keeps.
pub const LOG_SIZE: usize = 100;

/// One message of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    pub at: chrono::NaiveTime,
    pub panel: Panel,
    pub text: String,
    pub error: bool,
}

pub struct Ctx {
    pub lang: Lang,
    pub today: Date,
    pub keymap: Keymap,
    pub theme: Theme,
    pub info: Fetched<StoreInfo>,
    pub pools: Fetched<Vec<Pool>>,
    /// The chosen pool, by id (kept when pools are read again).
    pub pool: Option<PoolId>,
    pub policy: Fetched<Policy>,
    /// Pending reflections in the operator's scope (the badge).
    pub pending: Fetched<usize>,
    /// Every pool's appointment rate and the target (the vacancies tab's title).
    pub rates: Fetched<(Vec<crate::service::vacancy_types::PoolRate>, u8)>,
    pub clock: Clock,
    pub log: VecDeque<Logged>,
    /// The panel in front.
    pub panel: Panel,
    /// The server is away (the status line says so).
    pub offline: Option<String>,
}

impl Ctx {
    pub fn new(lang: Lang, today: Date, keymap: Keymap, theme: Theme) -> Ctx {
        Ctx {
            lang,
            today,
            keymap,
            theme,
            info: Fetched::new(&[Topic::Operators]),
            pools: Fetched::new(&[Topic::Pools]),
            pool: None,
            policy: Fetched::new(&[Topic::Policy]),
            pending: Fetched::new(&[Topic::Reflections]),
            rates: Fetched::new(&[Topic::Members, Topic::Pools, Topic::Policy]),
            clock: Clock::default(),
            log: VecDeque::new(),
            panel: Panel::Pool,
            offline: None,
        }
    }

    /// The operator's role; the narrowest until the store has said who we are.
    pub fn role(&self) -> Role {
        self.info.value().map_or(Role::Manager, |i| i.operator.role)
    }

    /// The UI's texts in the session's language.
    pub fn t(&self) -> &'static crate::locale::tui::Texts {
        self.lang.tui()
    }

    pub fn may(&self, action: Action) -> bool {
        action.allowed(self.role())
    }

    pub fn pool(&self) -> Option<&Pool> {
        let id = self.pool?;
        self.pools.value()?.iter().find(|p| p.id == id)
    }

    pub fn policy(&self) -> Option<&Policy> {
        self.policy.value()
    }

    pub fn log(&mut self, panel: Panel, text: String, error: bool) {
        if self.log.len() == LOG_SIZE {
            self.log.pop_front();
        }
        self.log.push_back(Logged { at: chrono::Local::now().time(), panel, text, error });
    }
}
