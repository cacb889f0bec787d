//! The server's view of its clients: who is connected (for `cadre status`), and who gets
//! a change notice after each commit.

use std::collections::BTreeMap;
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};

use crate::service::changes::Changes;
use crate::wire::{self, ClientInfo, ServerMsg};

/// The writing half of a client's connection, shared by its handler and the notices.
pub type Writer = Arc<Mutex<UnixStream>>;

struct Client {
    info: ClientInfo,
    writer: Writer,
}

#[derive(Default)]
pub struct Hub {
    clients: Mutex<BTreeMap<u64, Client>>,
}

impl Hub {
    pub fn join(&self, id: u64, info: ClientInfo, writer: Writer) {
        self.clients.lock().unwrap_or_else(|p| p.into_inner()).insert(id, Client { info, writer });
    }

    pub fn leave(&self, id: u64) {
        self.clients.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }

    pub fn subscribe(&self, id: u64) {
        if let Some(c) = self.clients.lock().unwrap_or_else(|p| p.into_inner()).get_mut(&id) {
            c.info.subscribed = true;
        }
    }

    pub fn clients(&self) -> Vec<ClientInfo> {
        self.clients.lock().unwrap_or_else(|p| p.into_inner()).values().map(|c| c.info.clone()).collect()
    }

    /// Sends a notice to every subscribed client. A client that cannot take it within its
    /// write timeout is dropped from the notices (its handler notices the broken socket).
    pub fn notify(&self, changes: &Changes) {
        let targets: Vec<(u64, Writer)> = self
            .clients
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|(_, c)| c.info.subscribed)
            .map(|(id, c)| (*id, c.writer.clone()))
            .collect();
        let msg = ServerMsg::Notice { changes: changes.clone() };
        for (id, writer) in targets {
            let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
            if wire::send(&mut *w, &msg).is_err() {
                drop(w);
                if let Some(c) = self.clients.lock().unwrap_or_else(|p| p.into_inner()).get_mut(&id) {
                    c.info.subscribed = false;
                }
            }
        }
    }
}
