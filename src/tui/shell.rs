//! The shell: the four panels and the layer stack above them. It gives each key to the
//! top layer (or to the panel's mode, or the panel), runs what comes back (queries and
//! commands go out as jobs, answers come back by ticket), keeps each tab's status line,
//! the message log and the freshness clock, and draws the frame.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::action::{Action, Panel};
use super::component::Component;
use super::ctx::Ctx;
use super::effect::{Effect, Effects, Job, Note, Reply, Step, Target, Ticket, Want};
use super::keymap::{self, Chord, Key, Section};
use super::layers::{self, Layer, Out, SearchStep, Value};
use super::search::{self, Matcher};
use super::text;
use crate::service::changes::Changes;
use crate::service::command::Command;
use crate::service::{Answer, Query};

/// The smallest terminal the UI draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// How long a message stays on the status line.
pub const NOTE_SECONDS: u64 = 5;
/// From this width the tab line has room for the appointment rate's target.
const WIDE_TABS: u16 = 120;
/// A request slower than this shows the spinner.
const SPINNER_AFTER: Duration = Duration::from_millis(150);

/// A job on its way to the worker.
pub struct Outgoing {
    pub id: u64,
    pub ticket: Ticket,
    pub job: Job,
}

pub struct Shell {
    pub ctx: Ctx,
    panels: Vec<Box<dyn Component>>,
    layers: Vec<Layer>,
    chord: Chord,
    /// Each tab's status message and when it was said.
    notes: HashMap<Panel, (Note, Instant)>,
    outbox: Vec<Outgoing>,
    next_id: u64,
    in_flight: HashMap<u64, (Ticket, Instant)>,
    /// The job the top layer waits for (it closes when the job succeeds).
    awaiting: Option<u64>,
    last_search: Option<String>,
    search_origin: usize,
    matcher: Matcher,
    /// The last step of this session that may be undone: its audit sequence and wording.
    undoable: Option<(u64, String)>,
    /// The list `C-o` is writing, while its path is asked for.
    exporting: Option<super::component::Table>,
    size: Rect,
    pub quit: bool,
}

impl Shell {
    pub fn new(ctx: Ctx, panels: Vec<Box<dyn Component>>) -> Shell {
        let mut shell = Shell {
            ctx,
            panels,
            layers: Vec::new(),
            chord: Chord::default(),
            notes: HashMap::new(),
            outbox: Vec::new(),
            next_id: 1,
            in_flight: HashMap::new(),
            awaiting: None,
            last_search: None,
            search_origin: 0,
            matcher: Matcher::default(),
            undoable: None,
            exporting: None,
            size: Rect::default(),
            quit: false,
        };
        shell.refresh();
        shell
    }

    fn panel(&self) -> &dyn Component {
        self.panels[self.ctx.panel.index()].as_ref()
    }

    /// The jobs to send, oldest first.
    pub fn take_outbox(&mut self) -> Vec<Outgoing> {
        std::mem::take(&mut self.outbox)
    }

    /// Whether an answer is awaited.
    pub fn busy(&self) -> bool {
        !self.in_flight.is_empty() || !self.outbox.is_empty()
    }

    /// Whether a read the next frame waits for (what a keystroke brings on screen, not a
    /// whole-pool read or a read ahead) is on its way.
    pub fn light_pending(&self) -> bool {
        self.outbox.iter().any(|o| waits_for(&o.ticket, &o.job))
            || self.in_flight.values().any(|(t, _)| frame_waits(&t.want))
    }

    /// The jobs the next frame waits for, taken out of the outbox (the rest stay).
    pub fn take_frame_jobs(&mut self) -> Vec<Outgoing> {
        self.take_jobs(waits_for)
    }

    /// The jobs `pick` chooses, taken out of the outbox (the rest stay).
    pub fn take_jobs(&mut self, pick: impl Fn(&Ticket, &Job) -> bool) -> Vec<Outgoing> {
        let (now, later): (Vec<Outgoing>, Vec<Outgoing>) =
            std::mem::take(&mut self.outbox).into_iter().partition(|o| pick(&o.ticket, &o.job));
        self.outbox = later;
        now
    }

    // ---- keys ---------------------------------------------------------------------

    /// One key press.
    pub fn key(&mut self, key: Key) {
        if let Some(top) = self.layers.last() {
            let chain = top.chain();
            match self.chord.feed(&self.ctx.keymap, &chain, key) {
                Ok(Some(action)) => {
                    let out = self.layers.last_mut().expect("a layer").act(action, &self.ctx);
                    self.layer_out(out);
                }
                Ok(None) => {}
                Err(k) => {
                    if let Some(c) = k.typed() {
                        let out = self.layers.last_mut().expect("a layer").typed(c, &self.ctx);
                        self.layer_out(out);
                    }
                }
            }
            self.refresh();
            return;
        }
        if let Some(chain) = self.panel().mode() {
            let resolved = self.chord.feed(&self.ctx.keymap, &chain, key);
            let effects = match resolved {
                Ok(Some(action)) => self.panels[self.ctx.panel.index()].update(&self.ctx, action),
                Ok(None) => Vec::new(),
                Err(k) => {
                    let panel = &mut self.panels[self.ctx.panel.index()];
                    match self.ctx.keymap.resolve(&[Section::Global], &[k]) {
                        keymap::Resolved::Action(a) if panel.mode_also().contains(&a) => {
                            panel.update(&self.ctx, a)
                        }
                        _ => match k.typed() {
                            Some(c) => panel.typed(&self.ctx, c),
                            None => Vec::new(),
                        },
                    }
                }
            };
            self.run(self.ctx.panel, effects);
            self.refresh();
            return;
        }
        let chain = [Section::Panel(self.ctx.panel), Section::Global];
        if let Ok(Some(action)) = self.chord.feed(&self.ctx.keymap, &chain, key) {
            self.act(action);
        }
        self.refresh();
    }

    /// Pasted text goes to the top layer or the panel's mode.
    pub fn paste(&mut self, text: &str) {
        if let Some(top) = self.layers.last_mut() {
            let out = top.paste(text, &self.ctx);
            self.layer_out(out);
        } else if self.panel().mode().is_some() {
            let effects = self.panels[self.ctx.panel.index()].paste(&self.ctx, text);
            self.run(self.ctx.panel, effects);
        }
        self.refresh();
    }

    /// An action for the panel in front (keys, the `:` line).
    pub fn act(&mut self, action: Action) {
        let panel = self.ctx.panel;
        // a message belongs to the moment it was said: the next action on its tab clears it
        // (going to another tab and back is not an action on it)
        if !matches!(action, Action::Tab(_) | Action::TabNext | Action::TabPrev) {
            self.notes.remove(&panel);
        }
        if !self.ctx.may(action) {
            let t = self.ctx.t();
            self.say(panel, Note::error(t.not_for_role));
            return;
        }
        let t = self.ctx.t();
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                let help =
                    layers::Help::new(&self.ctx, panel, self.panel().mode().and_then(|m| m.first().copied()));
                self.layers.push(Layer::Help(help));
            }
            Action::Messages => self.layers.push(Layer::Log(layers::Log::default())),
            Action::Command => self.layers.push(Layer::CommandLine(layers::CommandLine::default())),
            Action::Search => {
                self.search_origin = self.panel().selected();
                let effects = self.panels[panel.index()].search_started(&self.ctx);
                self.run(panel, effects);
                self.layers.push(Layer::Search(layers::Search::new("")));
            }
            Action::SearchNext | Action::SearchPrev => match self.last_search.clone() {
                Some(q) => {
                    let from = self.panel().selected();
                    match self.find(&q, from, action == Action::SearchNext, true) {
                        Some((at, of)) => self.say(panel, Note::info(t.search_matches(at, of))),
                        None => self.say(panel, Note::error(format!("{}: {q}", t.no_match))),
                    }
                }
                None => self.say(panel, Note::error(t.search_first)),
            },
            Action::TabNext => self.switch(Panel::ALL[(panel.index() + 1) % Panel::ALL.len()]),
            Action::TabPrev => {
                self.switch(Panel::ALL[(panel.index() + Panel::ALL.len() - 1) % Panel::ALL.len()])
            }
            Action::Tab(p) => self.switch(p),
            Action::PoolNext => self.next_pool(),
            Action::Undo => self.ask_undo(),
            Action::Export => self.ask_export(),
            other => {
                let effects = self.panels[panel.index()].update(&self.ctx, other);
                self.run(panel, effects);
            }
        }
    }

    fn switch(&mut self, panel: Panel) {
        self.chord.clear();
        self.ctx.panel = panel;
        let size = self.size;
        self.panels[panel.index()].resize(body_area(size));
    }

    fn next_pool(&mut self) {
        let panel = self.ctx.panel;
        let Some(pools) = self.ctx.pools.value() else { return };
        if pools.is_empty() {
            let t = self.ctx.t();
            self.say(panel, Note::error(t.no_pool));
            return;
        }
        let at = pools.iter().position(|p| Some(p.id) == self.ctx.pool).map_or(0, |i| (i + 1) % pools.len());
        self.ctx.pool = Some(pools[at].id);
        let name = pools[at].name.clone();
        self.say(panel, Note::info(format!("{}: {name}", self.ctx.t().pool_label)));
    }

    fn ask_undo(&mut self) {
        let panel = self.ctx.panel;
        let t = self.ctx.t();
        match self.undoable.clone() {
            None => self.say(panel, Note::error(t.nothing_to_undo)),
            Some((seq, what)) => {
                let confirm = layers::Confirm::new(
                    t.undo_title,
                    vec![what, t.undo_explained.to_string()],
                    vec![(
                        Ticket::new(Target::Shell, Want::Step(Step::Undo)),
                        Job::Command(Command::Undo { audit_seq: seq }),
                    )],
                );
                self.layers.push(Layer::Confirm(confirm));
            }
        }
    }

    fn ask_export(&mut self) {
        let panel = self.ctx.panel;
        let t = self.ctx.t();
        match self.panel().table(&self.ctx) {
            None => self.say(panel, Note::error(t.nothing_to_export)),
            Some(table) => {
                let suggestion = format!("cadre-{}-{}.xlsx", table.name, self.ctx.today);
                self.exporting = Some(table);
                self.layers.push(Layer::Prompt(layers::Prompt::new(Target::Shell, t.export_to, &suggestion)));
            }
        }
    }

    // ---- what layers hand back -------------------------------------------------------

    fn layer_out(&mut self, out: Out) {
        let panel = self.ctx.panel;
        match out {
            Out::Stay => {}
            Out::Close(draft) => self.close_layer(draft),
            Out::Problem(text) => {
                self.layers.pop();
                self.say(panel, Note::error(text));
            }
            Out::Act(action) => {
                self.layers.pop();
                self.act(action);
            }
            Out::Search(step) => self.search_step(step),
            Out::Run(requests) => {
                let effects = requests.into_iter().map(|(ticket, job)| Effect::Send(ticket, job)).collect();
                self.run_from_layer(panel, effects)
            }
            Out::Submit(value) => {
                let effects = match self.layers.last().and_then(Layer::to) {
                    Some(Target::Panel(p)) => self.panels[p.index()].on_input(&self.ctx, value),
                    Some(Target::Shell) => self.shell_input(value),
                    None => Vec::new(),
                };
                self.run_from_layer(panel, effects);
            }
        }
    }

    /// Closes the top layer, telling the panel that opened it.
    fn close_layer(&mut self, draft: Option<Value>) {
        if let Some(layer) = self.layers.pop() {
            if let Some(Target::Panel(p)) = layer.to() {
                self.panels[p.index()].on_closed(draft);
            } else if matches!(layer, Layer::Prompt(_)) {
                self.exporting = None;
            }
        }
        self.awaiting = None;
    }

    /// Effects of a layer's result: a command keeps the layer open (busy) until it
    /// succeeds; a problem keeps it open with the problem shown; otherwise it closes.
    fn run_from_layer(&mut self, panel: Panel, effects: Effects) {
        let waits = effects.iter().any(|e| matches!(e, Effect::Send(_, Job::Command(_) | Job::Task(_))));
        let problem = effects.iter().find_map(|e| match e {
            Effect::Say(n) if n.error => Some(n.text.clone()),
            _ => None,
        });
        if waits {
            let first = self.next_id;
            self.run(panel, effects);
            self.awaiting = self
                .outbox
                .iter()
                .find(|o| o.id >= first && matches!(o.job, Job::Command(_) | Job::Task(_)))
                .map(|o| o.id);
            if let Some(top) = self.layers.last_mut() {
                top.set_busy(true);
                top.set_problem(None);
            }
        } else if let Some(p) = problem {
            if let Some(top) = self.layers.last_mut() {
                top.set_problem(Some(p));
            }
            let rest = effects.into_iter().filter(|e| !matches!(e, Effect::Say(n) if n.error)).collect();
            self.run(panel, rest);
        } else {
            self.close_layer(None);
            self.run(panel, effects);
        }
    }

    /// The shell's own prompts: the path of an export.
    fn shell_input(&mut self, value: Value) -> Effects {
        let t = self.ctx.t();
        let Value::Text(path) = value else { return Vec::new() };
        let path = expand_home(&path);
        if crate::io::table::TableFormat::of(&path).is_none() {
            return vec![Effect::Say(Note::error(t.export_extension))];
        }
        let Some(table) = self.exporting.take().or_else(|| self.panel().table(&self.ctx)) else {
            return vec![Effect::Say(Note::error(t.nothing_to_export))];
        };
        let lang = self.ctx.lang;
        let task: super::effect::Task = Box::new(move |service| {
            let (headings, rows) = (table.build)(service)?;
            crate::io::table::write_table(&path, table.name, &headings, &rows)
                .map(|n| (path.clone(), n))
                .map_err(|e| lang.say(&e.msg()))
        });
        vec![Effect::Send(Ticket::new(Target::Shell, Want::File), Job::Task(task))]
    }

    fn search_step(&mut self, step: SearchStep) {
        match step {
            SearchStep::Typed(q) => {
                let found = self.find(&q, self.search_origin, true, false);
                if found.is_none() {
                    let origin = self.search_origin;
                    let effects = self.panels[self.ctx.panel.index()].select(&self.ctx, origin);
                    self.run(self.ctx.panel, effects);
                }
                if let Some(Layer::Search(s)) = self.layers.last_mut() {
                    s.found = found;
                }
            }
            SearchStep::Accept(q) => {
                self.layers.pop();
                if !q.trim().is_empty() {
                    self.last_search = Some(q);
                }
            }
            SearchStep::Cancel => {
                self.layers.pop();
                let origin = self.search_origin;
                let effects = self.panels[self.ctx.panel.index()].select(&self.ctx, origin);
                self.run(self.ctx.panel, effects);
            }
        }
    }

    /// Selects the next (or previous) match of `query` from `from`; returns its place
    /// among the matches and how many there are.
    fn find(&mut self, query: &str, from: usize, forward: bool, skip: bool) -> Option<(usize, usize)> {
        let i = self.ctx.panel.index();
        let matches = self.matcher.all(self.panels[i].search_rows().into_iter(), query);
        let (index, place) = search::step(&matches, from, forward, skip)?;
        let effects = self.panels[i].select(&self.ctx, index);
        self.run(self.ctx.panel, effects);
        Some((place, matches.len()))
    }

    // ---- effects and answers ---------------------------------------------------------

    fn say(&mut self, panel: Panel, note: Note) {
        self.ctx.log(panel, note.text.clone(), note.error);
        self.notes.insert(panel, (note, Instant::now()));
    }

    /// Runs effects that `panel` (or a layer over it) produced.
    pub fn run(&mut self, panel: Panel, effects: Effects) {
        for e in effects {
            match e {
                Effect::Send(ticket, job) => {
                    let id = self.next_id;
                    self.next_id += 1;
                    self.in_flight.insert(id, (ticket.clone(), Instant::now()));
                    self.outbox.push(Outgoing { id, ticket, job });
                }
                Effect::Open(layer) => {
                    self.chord.clear();
                    self.layers.push(*layer);
                }
                Effect::Say(note) => self.say(panel, note),
                Effect::Quit => self.quit = true,
            }
        }
    }

    /// An answer from the worker.
    pub fn reply(&mut self, id: u64, ticket: Ticket, reply: Reply) {
        self.in_flight.remove(&id);
        let lang = self.ctx.lang;
        let t = self.ctx.t();
        let for_panel = match ticket.to {
            Target::Panel(p) => p,
            Target::Shell => self.ctx.panel,
        };
        let succeeded = !matches!(reply, Reply::Failed(_) | Reply::TaskFailed(_));
        match &reply {
            Reply::Answer(_, seq) => self.ctx.clock.heard(*seq),
            Reply::Done(outcome) => {
                self.ctx.clock.note(&outcome.changes);
                let said = lang.say_done(&outcome.done);
                if let (Some(seq), false) = (outcome.audit_seq, ticket.want == Want::Step(Step::Undo)) {
                    self.undoable = Some((seq, said.clone()));
                } else if ticket.want == Want::Step(Step::Undo) {
                    self.undoable = None;
                }
                self.say(for_panel, Note::info(said));
            }
            Reply::Wrote(path, rows) => {
                self.say(for_panel, Note::info(t.wrote(*rows, &path.display().to_string())))
            }
            Reply::Failed(e) => {
                if !crate::tui::worker::reply_is_gone(&reply) {
                    self.say(for_panel, Note::error(e.say(lang)));
                }
            }
            Reply::TaskFailed(e) => self.say(for_panel, Note::error(e.clone())),
        }
        let problem = match &reply {
            Reply::Failed(e) => Some(e.say(lang)),
            Reply::TaskFailed(e) => Some(e.clone()),
            _ => None,
        };
        match ticket.to {
            Target::Shell => self.shell_reply(ticket.want, reply),
            Target::Panel(p) => {
                let effects = self.panels[p.index()].on_reply(&self.ctx, ticket.want, reply);
                self.run(p, effects);
            }
        }
        if self.awaiting == Some(id) {
            self.awaiting = None;
            if succeeded {
                self.close_layer(None);
            } else if let Some(top) = self.layers.last_mut() {
                top.set_busy(false);
                if top.keeps_text() {
                    top.set_problem(problem);
                } else {
                    self.layers.pop();
                }
            }
        }
        self.refresh();
    }

    fn shell_reply(&mut self, want: Want, reply: Reply) {
        let c = &mut self.ctx;
        match (want, reply) {
            (Want::Info, Reply::Answer(Answer::WhoAmI(info), seq)) => c.info.set(info, seq),
            (Want::Pools, Reply::Answer(Answer::Pools(pools), seq)) => {
                if !pools.iter().any(|p| Some(p.id) == c.pool) {
                    c.pool = pools.first().map(|p| p.id);
                }
                c.pools.set(pools, seq);
            }
            (Want::Policy, Reply::Answer(Answer::Policy(p), seq)) => c.policy.set(*p, seq),
            (Want::Counts, Reply::Answer(Answer::Counts(n), seq)) => {
                c.pending.set(n.pending_reflections, seq)
            }
            (Want::Rates, Reply::Answer(Answer::AppointmentRates { rates, target }, seq)) => {
                c.rates.set((rates, target), seq)
            }
            (Want::Rates, _) => c.rates.failed(&c.clock),
            (Want::Info, _) => c.info.failed(&c.clock),
            (Want::Pools, _) => c.pools.failed(&c.clock),
            (Want::Policy, _) => c.policy.failed(&c.clock),
            (Want::Counts, _) => c.pending.failed(&c.clock),
            _ => {}
        }
    }

    /// Asks for whatever is missing or stale: the shared data, then the panel in front.
    pub fn refresh(&mut self) {
        if self.ctx.offline.is_some() {
            return;
        }
        let c = &mut self.ctx;
        let mut effects = Vec::new();
        if c.info.ask(&c.clock) {
            effects.push(Effect::query(Target::Shell, Want::Info, Query::WhoAmI));
        }
        if c.pools.ask(&c.clock) {
            effects.push(Effect::query(Target::Shell, Want::Pools, Query::Pools));
        }
        if c.policy.ask(&c.clock) {
            effects.push(Effect::query(Target::Shell, Want::Policy, Query::Policy));
        }
        if c.pending.ask(&c.clock) {
            effects.push(Effect::query(Target::Shell, Want::Counts, Query::Counts));
        }
        if c.rates.ask(&c.clock) {
            effects.push(Effect::query(Target::Shell, Want::Rates, Query::AppointmentRates));
        }
        let panel = self.ctx.panel;
        self.run(panel, effects);
        let effects = self.panels[panel.index()].refresh(&self.ctx);
        self.run(panel, effects);
    }

    /// Change notices from the server.
    pub fn notice(&mut self, changes: &[Changes]) {
        for c in changes {
            self.ctx.clock.note(c);
        }
        self.refresh();
    }

    /// The server went away (`Some(socket)`) or is back (`None`).
    pub fn link(&mut self, lost: Option<String>) {
        let t = self.ctx.t();
        match lost {
            Some(socket) => {
                let text = t.server_gone(&socket);
                self.ctx.log(self.ctx.panel, text.clone(), true);
                self.ctx.offline = Some(text);
            }
            None => {
                self.ctx.offline = None;
                self.ctx.clock.retry();
                self.say(self.ctx.panel, Note::info(t.server_back));
                self.refresh();
            }
        }
    }

    /// Time passing: status messages older than a few seconds go. Returns whether the
    /// screen changed (or a spinner turns).
    pub fn tick(&mut self, now: Instant) -> bool {
        let before = self.notes.len();
        self.notes.retain(|_, (_, at)| now.duration_since(*at) < Duration::from_secs(NOTE_SECONDS));
        before != self.notes.len() || self.spinning(now)
    }

    fn spinning(&self, now: Instant) -> bool {
        self.in_flight.values().any(|(_, at)| now.duration_since(*at) >= SPINNER_AFTER)
    }

    // ---- drawing ---------------------------------------------------------------------

    /// Lays the panels out for a terminal of `size`.
    pub fn resize(&mut self, size: Rect) {
        if size == self.size {
            return;
        }
        self.size = size;
        let body = body_area(size);
        for p in &mut self.panels {
            p.resize(body);
        }
        self.refresh();
    }

    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        let t = self.ctx.t();
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = t.too_small(MIN_WIDTH, MIN_HEIGHT, area.width, area.height);
            frame.render_widget(Paragraph::new(text::wrap(&msg, area.width as usize).join("\n")), area);
            return;
        }
        let [tabs, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.draw_tabs(frame, tabs);
        let mut cursor = self.panel().draw(frame, body, &self.ctx);
        self.draw_status(frame, status);
        self.draw_hints(frame, hints);
        for layer in &self.layers {
            cursor = layer.draw(frame, &self.ctx);
        }
        if let Some(p) = cursor {
            frame.set_cursor_position(p);
        }
    }

    fn draw_tabs(&self, frame: &mut Frame, area: Rect) {
        let t = self.ctx.t();
        let theme = &self.ctx.theme;
        // the rate gives way to the message that the server is away
        let rate = if self.ctx.offline.is_some() { None } else { self.pool_rate(area.width >= WIDE_TABS) };
        let labels = |names: &[&str; 6]| -> Vec<String> {
            Panel::ALL
                .iter()
                .map(|&p| {
                    let name = names[p.index()];
                    match (p, self.ctx.pending.value(), &rate) {
                        (Panel::Reflections, Some(n), _) if *n > 0 => {
                            format!(" {} {name} ({n}) ", p.index() + 1)
                        }
                        (Panel::Vacancies, _, Some(rate)) => format!(" {} {name} {rate} ", p.index() + 1),
                        _ => format!(" {} {name} ", p.index() + 1),
                    }
                })
                .collect()
        };
        let (right, style) = if let Some(off) = &self.ctx.offline {
            (off.clone(), theme.error())
        } else if self.spinning(Instant::now()) {
            (t.working.to_string(), theme.dim())
        } else {
            let who = self.ctx.info.value().map(|i| {
                format!(
                    "{} · {}",
                    i.operator.user,
                    crate::locale::labels::role(self.ctx.lang, i.operator.role)
                )
            });
            (who.unwrap_or_default(), theme.dim())
        };
        let mut shown = labels(&t.tabs);
        let used = |l: &[String]| l.iter().map(|x| text::width(x)).sum::<usize>() + l.len();
        // a narrow screen, or a message beside the tabs that would not fit: the short names
        let wanted = if self.ctx.offline.is_some() { text::width(&right) + 2 } else { 0 };
        if used(&shown) + wanted > area.width as usize {
            shown = labels(&t.tabs_short);
        }
        let mut spans = Vec::new();
        for (p, label) in Panel::ALL.iter().zip(shown) {
            let style = if *p == self.ctx.panel { theme.tab() } else { ratatui::style::Style::default() };
            spans.push(Span::styled(label, style));
            spans.push(Span::styled("|", theme.dim()));
        }
        spans.pop();
        let used: usize = spans.iter().map(|s| text::width(&s.content)).sum();
        let room = (area.width as usize).saturating_sub(used + 1);
        if room > 4 && !right.is_empty() {
            let shown = text::truncate(&right, room);
            let pad = room - text::width(&shown);
            spans.push(Span::raw(" ".repeat(pad + 1)));
            spans.push(Span::styled(shown, style));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    /// The chosen pool's appointment rate for the vacancies tab's title: `6%/60%` (the
    /// target only when the screen is wide).
    fn pool_rate(&self, wide: bool) -> Option<String> {
        let (rates, target) = self.ctx.rates.value()?;
        let rate = rates.iter().find(|r| Some(r.pool_id) == self.ctx.pool)?;
        let value = rate.rate.percent().map_or("—".to_string(), |p| format!("{p:.0}%"));
        Some(if wide { format!("{value}/{target}%") } else { value })
    }

    fn draw_status(&self, frame: &mut Frame, area: Rect) {
        let theme = &self.ctx.theme;
        let width = area.width as usize;
        let summary = self.panel().summary(&self.ctx);
        let line = match self.notes.get(&self.ctx.panel) {
            Some((note, _)) => {
                let style = if note.error { theme.error() } else { theme.good() };
                let text_w = text::width(&note.text);
                if text_w + 3 + text::width(&summary).min(24) <= width {
                    let room = width - text_w - 3;
                    Line::from(vec![
                        Span::styled(text::fit(&summary, room), theme.dim()),
                        Span::raw(" | "),
                        Span::styled(note.text.clone(), style),
                    ])
                } else if text_w <= width {
                    Line::from(Span::styled(note.text.clone(), style))
                } else {
                    // too long for one line: the whole message is in the log
                    let keys = self.ctx.keymap.keys_for(&[Section::Global], Action::Messages);
                    let more = format!(" ({}: {keys})", self.ctx.t().more_in_log);
                    let cut = text::truncate(&note.text, width.saturating_sub(text::width(&more)));
                    Line::from(vec![Span::styled(cut, style), Span::styled(more, theme.dim())])
                }
            }
            None => Line::from(Span::styled(text::truncate(&summary, width), theme.dim())),
        };
        frame.render_widget(Paragraph::new(line), area);
    }

    /// The keys of what is in front: the top layer's, the panel mode's, or help and quit
    /// first and then the panel's own keys, as many as fit; only what the role allows.
    fn draw_hints(&self, frame: &mut Frame, area: Rect) {
        let ctx = &self.ctx;
        let keymap = &ctx.keymap;
        let mut entries: Vec<(String, String)> = Vec::new();
        let mut push = |section: Section, only: Option<&[Action]>| {
            for (action, keys, b) in keymap.grouped(section) {
                if !ctx.may(action) || only.is_some_and(|o| !o.contains(&action)) {
                    continue;
                }
                if entries.iter().any(|(k, _)| *k == keys) {
                    continue;
                }
                entries.push((keys, b.desc(ctx.lang).to_string()));
            }
        };
        if let Some(top) = self.layers.last() {
            for s in top.chain().into_iter().take(1) {
                push(s, None);
            }
        } else if let Some(chain) = self.panel().mode() {
            push(chain[0], None);
        } else {
            push(Section::Global, Some(&[Action::Help, Action::Quit]));
            push(Section::Panel(ctx.panel), None);
            push(
                Section::Global,
                Some(&[
                    Action::Open,
                    Action::Search,
                    Action::Command,
                    Action::FilterDepartment,
                    Action::FilterState,
                    Action::PoolNext,
                    Action::Export,
                    Action::Undo,
                    Action::Messages,
                ]),
            );
        }
        let mut spans = Vec::new();
        let mut used = 0;
        for (keys, desc) in entries {
            let w = text::width(&keys) + text::width(&desc) + 3;
            if used + w > area.width as usize {
                break;
            }
            used += w;
            spans.push(Span::styled(keys, ctx.theme.accent()));
            spans.push(Span::raw(format!(" {desc}  ")));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    /// For tests: the layer on top, if any.
    pub fn top_layer(&self) -> Option<&Layer> {
        self.layers.last()
    }

    /// For tests: the status message of the panel in front.
    pub fn note(&self) -> Option<&Note> {
        self.notes.get(&self.ctx.panel).map(|(n, _)| n)
    }
}

/// The panels' area in a terminal of `size`: all but the tab line, the status line and
/// the hint line.
pub fn body_area(size: Rect) -> Rect {
    Rect { x: size.x, y: size.y + 1, width: size.width, height: size.height.saturating_sub(3) }
}

fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// Whether a frame waits for this read: small reads of what is on screen.
fn frame_waits(want: &Want) -> bool {
    matches!(
        want,
        Want::Profile(_)
            | Want::Metrics(_)
            | Want::Reflection(_)
            | Want::Enrollments(_)
            | Want::Points(_)
            | Want::Reviews(_)
    )
}

fn waits_for(ticket: &Ticket, job: &Job) -> bool {
    !job.is_heavy() && frame_waits(&ticket.want)
}
