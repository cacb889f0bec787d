//! What a committed command changed, by topic, for the change notices that keep every
//! connected screen fresh: derived from the keys the command's batch wrote.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::store::keys;

/// A kind of record a screen may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    People,
    Pools,
    Members,
    Courses,
    Enrollments,
    Reflections,
    Evaluations,
    StageReviews,
    Points,
    Plans,
    Vacancies,
    Policy,
    Operators,
    /// Anything at all (a restore, a load, a catch-up after a gap).
    Everything,
}

/// The most people a notice names; beyond that it names none and says `many_people`.
const MAX_PEOPLE: usize = 200;

/// What one commit changed. `seq` is the audit sequence of the commit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Changes {
    pub seq: u64,
    pub topics: BTreeSet<Topic>,
    /// The people whose records changed (ids), unless there were too many.
    pub people: Vec<String>,
    pub many_people: bool,
    /// The pools whose membership or readiness changed.
    pub pools: BTreeSet<u32>,
}

impl Changes {
    /// Everything may have changed up to `seq`.
    pub fn everything(seq: u64) -> Changes {
        Changes { seq, topics: [Topic::Everything].into(), many_people: true, ..Changes::default() }
    }

    pub fn touches(&self, topic: Topic) -> bool {
        self.topics.contains(&Topic::Everything) || self.topics.contains(&topic)
    }

    /// Whether the person may be among the changed.
    pub fn touches_person(&self, id: &str) -> bool {
        self.many_people || self.people.iter().any(|p| p == id)
    }

    /// From the keys a batch wrote.
    pub fn from_keys<'a>(seq: u64, written: impl Iterator<Item = &'a [u8]>) -> Changes {
        let mut c = Changes { seq, ..Changes::default() };
        let mut people = BTreeSet::new();
        for key in written {
            let Ok(k) = std::str::from_utf8(key) else { continue };
            let person = |prefix: &str| keys::segments(key, prefix).and_then(|s| s.into_iter().next());
            let (topic, who) = if k.starts_with(keys::EMPLOYEE) {
                (Topic::People, person(keys::EMPLOYEE))
            } else if k.starts_with(keys::MEMBER) || k.starts_with(keys::READINESS) {
                let prefix = if k.starts_with(keys::MEMBER) { keys::MEMBER } else { keys::READINESS };
                let segments = keys::segments(key, prefix).unwrap_or_default();
                if let Some(pool) = segments.first().and_then(|p| p.parse().ok()) {
                    c.pools.insert(pool);
                }
                (Topic::Members, segments.get(1).cloned())
            } else if k.starts_with(keys::POOL) {
                (Topic::Pools, None)
            } else if k.starts_with(keys::COURSE) {
                (Topic::Courses, None)
            } else if k.starts_with(keys::ENROLLMENT) {
                (Topic::Enrollments, person(keys::ENROLLMENT))
            } else if k.starts_with(keys::REFLECTION) || key == keys::PENDING_COUNT {
                (Topic::Reflections, None)
            } else if k.starts_with(keys::EVALUATION) {
                (Topic::Evaluations, person(keys::EVALUATION))
            } else if k.starts_with(keys::STAGE_REVIEW) {
                (Topic::StageReviews, person(keys::STAGE_REVIEW))
            } else if k.starts_with(keys::POINTS)
                || k.starts_with(keys::BALANCE)
                || k.starts_with(keys::REDEMPTION)
            {
                (
                    Topic::Points,
                    person(keys::POINTS)
                        .or_else(|| person(keys::BALANCE))
                        .or_else(|| person(keys::REDEMPTION)),
                )
            } else if k.starts_with(keys::PLAN) {
                (Topic::Plans, None)
            } else if k.starts_with(keys::VACANCY) || k.starts_with(keys::APPOINTMENT) {
                (Topic::Vacancies, None)
            } else if key == keys::POLICY {
                (Topic::Policy, None)
            } else if k.starts_with(keys::OPERATOR) {
                (Topic::Operators, None)
            } else {
                continue;
            };
            c.topics.insert(topic);
            if let Some(id) = who {
                people.insert(id);
            }
        }
        if people.len() > MAX_PEOPLE {
            c.many_people = true;
        } else {
            c.people = people.into_iter().collect();
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_touches_reflections_points_and_the_person() {
        let written: Vec<Vec<u8>> = vec![
            keys::reflection(12),
            keys::points("E000007", 3),
            keys::balance("E000007"),
            keys::readiness_facts(1, "E000007"),
            keys::audit(9),
        ];
        let c = Changes::from_keys(9, written.iter().map(Vec::as_slice));
        assert!(c.touches(Topic::Reflections) && c.touches(Topic::Points) && c.touches(Topic::Members));
        assert!(!c.touches(Topic::Courses));
        assert_eq!(c.people, vec!["E000007".to_string()]);
        assert!(c.pools.contains(&1));
        assert!(c.touches_person("E000007") && !c.touches_person("E000008"));
    }
}
