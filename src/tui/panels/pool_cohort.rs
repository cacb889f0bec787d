//! The pool tab's cohort steps: create a pool (its eligibility rules copied from the
//! policy), rename it, close it (no more nominations or admissions).

use chrono::Datelike;

use crate::domain::org::Rank;
use crate::domain::pool::Pool;
use crate::locale::labels;
use crate::service::command::Command;
use crate::tui::action::Panel;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Effects, Step};
use crate::tui::layers::{Confirm, Form, FormField, Layer, Prompt};

const ME: Panel = Panel::Pool;

/// What a cohort layer was opened for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CohortAsk {
    New,
    Rename(u32),
}

/// The form for a new pool: name, year, target rank.
pub fn new_pool_form(ctx: &Ctx) -> Effects {
    let t = crate::locale::vacancy::cohort(ctx.lang);
    let year = ctx.today.year() + i32::from(ctx.today.month() >= 10);
    let ranks = labels::management_ranks(ctx.lang);
    let fields = vec![
        FormField::new(t.fields[0], t.default_name(year), ""),
        FormField::new(t.fields[1], year.to_string(), "1900-2100"),
        FormField::new(t.fields[2], labels::rank(ctx.lang, Rank::SectionChief), ranks),
    ];
    vec![Effect::open(Layer::Form(Form::new(ME, t.new_title, fields, 0)))]
}

/// The command the new-pool form asks for, or what is wrong with it.
pub fn new_pool_command(ctx: &Ctx, values: &[String]) -> Result<Command, String> {
    let tt = ctx.t();
    let t = crate::locale::vacancy::cohort(ctx.lang);
    let year: u16 =
        values[1].parse().map_err(|_| tt.field_problem(t.fields[1], &tt.not_whole_number(&values[1])))?;
    let rank = labels::management_rank(ctx.lang, &values[2])
        .ok_or_else(|| tt.field_problem(t.fields[2], crate::locale::vacancy::texts(ctx.lang).unknown_rank))?;
    Ok(Command::CreatePool { name: values[0].clone(), year, target_rank: rank })
}

pub fn rename_prompt(ctx: &Ctx, pool: &Pool) -> Effects {
    let t = crate::locale::vacancy::cohort(ctx.lang);
    vec![Effect::open(Layer::Prompt(Prompt::new(ME, t.rename_title(&pool.name), &pool.name)))]
}

pub fn close_confirm(ctx: &Ctx, pool: &Pool) -> Effects {
    let t = crate::locale::vacancy::cohort(ctx.lang);
    let command = Command::ClosePool { pool_id: pool.id, on: Some(ctx.today) };
    let confirm = Confirm::new(
        t.close_title,
        vec![t.close_question(&pool.name, ctx.today), t.close_explained.to_string()],
        vec![crate::tui::job::command(ME, Step::Cohort, command)],
    );
    vec![Effect::open(Layer::Confirm(confirm))]
}
