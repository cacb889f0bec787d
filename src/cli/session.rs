//! A command's session: where its store is, and the language it speaks.

use std::sync::Arc;

use crate::client::local::{Found, Need};
use crate::client::socket::SocketTransport;
use crate::client::Target;
use crate::locale::Lang;
use crate::service::Service;

/// Where a command finds its store, and the session's language.
pub struct Session {
    pub lang: Lang,
    pub target: Target,
}

impl Session {
    /// The store through its server when one serves it, else opened here under `need`.
    pub fn open(&self, need: Need) -> anyhow::Result<Service> {
        Ok(crate::client::connect(&self.target, need, true)?.0)
    }

    /// `open`, with the server connection (for its change notices) when there is one.
    pub fn open_with_feed(&self, need: Need) -> anyhow::Result<(Service, Option<Arc<SocketTransport>>)> {
        Ok(crate::client::connect(&self.target, need, true)?)
    }

    /// What is at the store path, counting a store a server serves (whose directory may
    /// not even be readable here).
    pub fn look(&self, system: bool) -> anyhow::Result<Found> {
        if crate::client::find_server(&self.target, system)?.is_some() {
            return Ok(Found::Store);
        }
        Ok(crate::client::local::look(&self.target.db))
    }
}
