//! Keeping the screen fresh when another operator changes something: a change notice from
//! the server names the topics and people a commit touched, and what shows them is read
//! again, keeping the selection and anything being typed.

use crate::service::changes::{Changes, Topic};
use crate::service::{Service, ServiceResult};

use super::app::App;

impl App {
    /// Re-reads what the changes make stale.
    pub fn refresh_after(&mut self, service: &Service, changes: &[Changes]) -> ServiceResult<()> {
        let touches = |t: Topic| changes.iter().any(|c| c.touches(t));
        self.pending_reflections = service.counts()?.pending_reflections;
        if touches(Topic::Pools) {
            self.pools = service.pools()?;
        }
        let person_data = [
            Topic::People,
            Topic::Members,
            Topic::Enrollments,
            Topic::Reflections,
            Topic::Evaluations,
            Topic::Points,
        ];
        if person_data.iter().any(|t| touches(*t)) {
            self.reload_pool(service)?;
            self.profile = None;
            self.training.employee_id = None;
            self.training.stats = None;
            if self.readiness.draft.is_none() {
                self.readiness.pool = None;
            }
        }
        if touches(Topic::Reflections) && self.queue.loaded {
            self.reload_queue(service)?;
        }
        if touches(Topic::StageReviews) {
            self.readiness.reviews = None;
        }
        Ok(())
    }
}
