//! The UI never waits on the service: jobs go to two worker threads (one for what a
//! keystroke waits for, one for whole-pool reads and file tasks), answers come back as
//! events beside the keys. With a server, a link thread hands on its change notices,
//! notices when it goes away and reconnects when it is back; nothing on screen (a comment
//! being typed included) is touched by that.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use crate::client::socket::SocketTransport;
use crate::domain::msg::Msg;
use crate::service::changes::Changes;
use crate::service::{Service, ServiceError};

use super::effect::{Job, Reply, Ticket};

/// What the event loop hears.
pub enum Event {
    Input(crossterm::event::Event),
    Reply(u64, Ticket, Reply),
    Notice(Vec<Changes>),
    Link(LinkState),
}

#[derive(Debug, Clone, PartialEq)]
pub enum LinkState {
    /// The server went away (the message says which socket).
    Lost(String),
    Back,
}

/// The service, and with a server the socket to reconnect to.
pub struct Link {
    service: RwLock<Arc<Service>>,
    feed: Mutex<Option<Arc<SocketTransport>>>,
    socket: Option<PathBuf>,
    up: AtomicBool,
    /// The highest audit sequence the screen has heard of (a reconnect catches up from it).
    pub seen: AtomicU64,
    stop: AtomicBool,
}

impl Link {
    pub fn new(service: Service, feed: Option<Arc<SocketTransport>>) -> Link {
        let socket = feed.as_ref().map(|f| f.socket().to_path_buf());
        Link {
            service: RwLock::new(Arc::new(service)),
            feed: Mutex::new(feed),
            socket,
            up: AtomicBool::new(true),
            seen: AtomicU64::new(0),
            stop: AtomicBool::new(false),
        }
    }

    pub fn service(&self) -> Arc<Service> {
        self.service.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    pub fn remote(&self) -> bool {
        self.socket.is_some()
    }

    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

/// Runs one job against the service.
pub fn execute(service: &Service, job: Job) -> Reply {
    match job {
        Job::Query(q) => match service.query_at(q) {
            Ok((answer, seq)) => Reply::Answer(answer, seq),
            Err(e) => Reply::Failed(e),
        },
        Job::Command(c) => match service.execute(c) {
            Ok(outcome) => Reply::Done(Box::new(outcome)),
            Err(e) => Reply::Failed(e),
        },
        Job::Task(task) => match task(service) {
            Ok((path, rows)) => Reply::Wrote(path, rows),
            Err(e) => Reply::TaskFailed(e),
        },
    }
}

fn is_gone(reply: &Reply) -> bool {
    matches!(reply, Reply::Failed(ServiceError::Store(m)) if matches!(**m, Msg::ServerGone { .. }))
}

/// A worker thread: runs jobs in order until the sender is dropped.
pub fn work(link: &Link, jobs: Receiver<(u64, Ticket, Job)>, events: Sender<Event>) {
    for (id, ticket, job) in jobs {
        let reply = execute(&link.service(), job);
        if is_gone(&reply) && link.up.swap(false, Ordering::SeqCst) {
            let _ = events.send(Event::Link(LinkState::Lost(
                link.socket.as_ref().map(|s| s.display().to_string()).unwrap_or_default(),
            )));
        }
        if events.send(Event::Reply(id, ticket, reply)).is_err() {
            return;
        }
    }
}

/// Keys, pastes and resizes, until the link stops.
pub fn read_input(link: &Link, events: Sender<Event>) {
    let mut reader = super::input::Reader::new();
    while !link.stopped() {
        let Some(batch) = reader.next(Duration::from_millis(50)) else { return };
        for e in batch {
            if events.send(Event::Input(e)).is_err() {
                return;
            }
        }
    }
}

/// With a server: hands on change notices; when the server goes away, says so and tries
/// again every second; once back, catches up from the last sequence heard.
pub fn keep_linked(link: &Link, events: Sender<Event>) {
    let Some(socket) = link.socket.clone() else { return };
    if let Some(feed) = link.feed.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
        let _ = feed.subscribe(link.seen.load(Ordering::SeqCst));
    }
    while !link.stopped() {
        let feed = link.feed.lock().unwrap_or_else(|p| p.into_inner()).clone();
        match feed {
            Some(f) if link.up.load(Ordering::SeqCst) => match f.notices(Duration::from_millis(100)) {
                Ok(changes) if changes.is_empty() => {}
                Ok(changes) => {
                    if events.send(Event::Notice(changes)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    if link.up.swap(false, Ordering::SeqCst) {
                        let _ = events.send(Event::Link(LinkState::Lost(socket.display().to_string())));
                    }
                }
            },
            _ => {
                for _ in 0..10 {
                    if link.stopped() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                if let Ok((service, transport)) = crate::client::over_socket(&socket) {
                    if transport.subscribe(link.seen.load(Ordering::SeqCst)).is_ok() {
                        *link.service.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(service);
                        *link.feed.lock().unwrap_or_else(|p| p.into_inner()) = Some(transport);
                        link.up.store(true, Ordering::SeqCst);
                        if events.send(Event::Link(LinkState::Back)).is_err() {
                            return;
                        }
                    }
                }
            }
        }
    }
}

/// Whether a reply is a refusal because the server is gone (the layer keeps its text).
pub fn reply_is_gone(reply: &Reply) -> bool {
    is_gone(reply)
}
