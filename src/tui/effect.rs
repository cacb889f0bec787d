//! What a component asks of the shell: a query, a command or a file task run by the
//! worker, a layer opened on top, a message.

pub use super::job::*;
use super::layers::Layer;
use crate::service::command::Command;
use crate::service::Query;

use super::action::Panel;

/// What `update` and friends hand back to the shell.
pub enum Effect {
    Send(Ticket, Job),
    Open(Box<Layer>),
    Say(Note),
    Quit,
}

impl Effect {
    pub fn query(to: Target, want: Want, query: Query) -> Effect {
        Effect::Send(Ticket::new(to, want), Job::Query(query))
    }

    pub fn command(panel: Panel, step: Step, command: Command) -> Effect {
        Effect::Send(Ticket::new(Target::Panel(panel), Want::Step(step)), Job::Command(command))
    }

    pub fn open(layer: Layer) -> Effect {
        Effect::Open(Box::new(layer))
    }
}

pub type Effects = Vec<Effect>;
