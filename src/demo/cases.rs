//! The pinned scenarios of the demo pool: each member case shows one rule of the domain.

/// The scenario a pool member plays; the first members of the section-chief pool each
/// show one rule of the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// 360 overall of 68: disqualified from the pool.
    Low360,
    /// Stage-1 reflection scored 79: returned for a rewrite.
    Reflection79,
    /// Scored 75, rewritten, then 85 and accepted (two versions).
    Rewritten,
    /// Left the company mid-year.
    LeftCompany,
    Withdrew,
    Appointed,
    /// Everything passes but one core course is unfinished.
    CoreCourseOpen,
    /// Theory test 55: back to training.
    TheoryFailed,
    /// Many points: has redeemed the promotion application.
    Redeemed,
    Nominated,
    /// Every gate passed with a strong composite: ready now.
    ReadyNow,
    /// As ready as `ReadyNow`, but the stage-3 reflection scored 78 and was returned: a
    /// what-if lowering the pass score moves this member up.
    LastReturned,
    Admitted,
}

impl Case {
    pub(super) fn for_index(j: usize, total: usize) -> Case {
        const FIRST: [Case; 16] = [
            Case::Low360,
            Case::Reflection79,
            Case::Rewritten,
            Case::LeftCompany,
            Case::Withdrew,
            Case::Appointed,
            Case::Appointed,
            Case::CoreCourseOpen,
            Case::TheoryFailed,
            Case::Redeemed,
            Case::Nominated,
            Case::ReadyNow,
            Case::ReadyNow,
            Case::ReadyNow,
            Case::ReadyNow,
            Case::LastReturned,
        ];
        match FIRST.get(j) {
            Some(c) => *c,
            None if j * 100 >= total * 88 => Case::Nominated,
            None => Case::Admitted,
        }
    }
}
