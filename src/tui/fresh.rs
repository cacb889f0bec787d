//! Freshness by audit sequence: every piece of data a screen shows is stamped with the
//! sequence it was read at; the clock knows, per topic, the sequence of the last commit
//! that changed it (from this screen's own commands and from the server's change
//! notices). Data older than a change to one of its topics is read again; nothing is
//! cleared by hand.

use std::collections::HashMap;

use crate::service::changes::{Changes, Topic};

#[derive(Debug, Default, Clone)]
pub struct Clock {
    /// The highest sequence heard of.
    pub seq: u64,
    changed: HashMap<Topic, u64>,
    /// Counts the moments a failed read may be tried again: a change, or the server back.
    pub attempt: u64,
}

impl Clock {
    /// A commit: its topics changed at its sequence.
    pub fn note(&mut self, changes: &Changes) {
        self.attempt += 1;
        self.seq = self.seq.max(changes.seq);
        for t in &changes.topics {
            let at = self.changed.entry(*t).or_default();
            *at = (*at).max(changes.seq);
        }
    }

    /// Failed reads may be tried again (the server is back).
    pub fn retry(&mut self) {
        self.attempt += 1;
    }

    /// A reply read at `seq`.
    pub fn heard(&mut self, seq: u64) {
        self.seq = self.seq.max(seq);
    }

    /// Whether something read at `at` about `topics` is older than a change to them.
    pub fn stale(&self, at: u64, topics: &[Topic]) -> bool {
        let after = |t: &Topic| self.changed.get(t).is_some_and(|c| *c > at);
        after(&Topic::Everything) || topics.iter().any(after)
    }
}

/// A value with the sequence it was read at.
#[derive(Debug, Clone)]
pub struct Stamped<T> {
    pub value: T,
    pub at: u64,
}

/// Data a screen shows: its value once read, and whether a read is on its way.
#[derive(Debug, Clone)]
pub struct Fetched<T> {
    pub got: Option<Stamped<T>>,
    pub asked: bool,
    /// The clock when a read last failed: not asked again until something changes.
    failed_at: Option<u64>,
    topics: &'static [Topic],
}

impl<T> Fetched<T> {
    pub const fn new(topics: &'static [Topic]) -> Fetched<T> {
        Fetched { got: None, asked: false, failed_at: None, topics }
    }

    pub fn value(&self) -> Option<&T> {
        self.got.as_ref().map(|s| &s.value)
    }

    pub fn value_mut(&mut self) -> Option<&mut T> {
        self.got.as_mut().map(|s| &mut s.value)
    }

    /// Whether it must be read (never read, or older than a change), and no read is on
    /// its way. Marks it asked when so: the caller sends the query.
    pub fn ask(&mut self, clock: &Clock) -> bool {
        if self.asked || self.failed_at == Some(clock.attempt) {
            return false;
        }
        let needed = match &self.got {
            None => true,
            Some(s) => clock.stale(s.at, self.topics),
        };
        self.asked = needed;
        needed
    }

    pub fn is_stale(&self, clock: &Clock) -> bool {
        self.got.as_ref().is_none_or(|s| clock.stale(s.at, self.topics))
    }

    pub fn set(&mut self, value: T, at: u64) {
        self.got = Some(Stamped { value, at });
        self.asked = false;
        self.failed_at = None;
    }

    /// The read failed: nothing on its way any more, and not asked again until something
    /// changes or the server is back (a refused read is not retried in a loop).
    pub fn failed(&mut self, clock: &Clock) {
        self.asked = false;
        self.failed_at = Some(clock.attempt);
    }

    /// Forgets the value (the thing it was about is no longer shown).
    pub fn reset(&mut self) {
        self.got = None;
        self.asked = false;
        self.failed_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(seq: u64, t: Topic) -> Changes {
        Changes { seq, topics: [t].into(), ..Changes::default() }
    }

    #[test]
    fn data_is_read_again_only_after_a_change_to_its_topics() {
        let mut clock = Clock::default();
        let mut points: Fetched<i64> = Fetched::new(&[Topic::Points]);
        assert!(points.ask(&clock));
        assert!(!points.ask(&clock), "one read at a time");
        points.set(10, 5);
        assert!(!points.ask(&clock));
        clock.note(&change(4, Topic::Points));
        assert!(!points.ask(&clock), "a change older than the read");
        clock.note(&change(7, Topic::Courses));
        assert!(!points.ask(&clock), "another topic");
        clock.note(&change(8, Topic::Points));
        assert!(points.ask(&clock));
        points.set(12, 8);
        clock.note(&Changes::everything(9));
        assert!(points.ask(&clock));
        points.failed(&clock);
        assert!(!points.ask(&clock), "a refused read waits for the next change");
        clock.note(&change(10, Topic::Courses));
        assert!(points.ask(&clock));
    }
}
