//! Key events to actions: the keymap in normal mode; typing in search, the command line
//! and the reason box; chords; key releases ignored.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::service::Service;

use super::action::Action;
use super::app::{App, Mode};
use super::keymap::{Key, Resolved};

impl App {
    /// Handles one terminal event. Returns whether the screen needs a redraw.
    pub fn handle_event(&mut self, service: &Service, event: Event) -> bool {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                self.handle_key(service, key);
                true
            }
            Event::Key(_) => false,
            Event::Paste(text) => {
                if let Mode::Comment { input, .. } | Mode::Submit { input, .. } = &mut self.mode {
                    input.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
                } else if let Mode::Reason { input, .. } = &mut self.mode {
                    input.insert_str(text.replace(['\r', '\n'], " "));
                } else if let Mode::Search { query, .. } | Mode::Command { text: query, .. } = &mut self.mode
                {
                    query.push_str(text.trim());
                }
                true
            }
            Event::Resize(..) => true,
            _ => false,
        }
    }

    pub fn handle_key(&mut self, service: &Service, key: KeyEvent) {
        match &mut self.mode {
            Mode::Normal => self.normal_key(service, key),
            Mode::Help { scroll } => match key.code {
                KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') => self.mode = Mode::Normal,
                KeyCode::Char('j') | KeyCode::Down => *scroll += 1,
                KeyCode::Char('k') | KeyCode::Up => *scroll = scroll.saturating_sub(1),
                _ => {}
            },
            Mode::Search { query, origin } => {
                let origin = *origin;
                match key.code {
                    KeyCode::Esc => {
                        let len = self.active_len();
                        self.active_cursor_mut().select(origin, len);
                        self.mode = Mode::Normal;
                    }
                    KeyCode::Enter => {
                        if !query.is_empty() {
                            self.last_search = Some(query.clone());
                        }
                        self.mode = Mode::Normal;
                    }
                    KeyCode::Backspace => {
                        query.pop();
                        let q = query.clone();
                        self.jump_to_match(&q, origin, true, false);
                    }
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        query.push(c);
                        let q = query.clone();
                        if !self.jump_to_match(&q, origin, true, false) {
                            self.warn(format!("{}: {q}", self.lang.t().no_match));
                        } else {
                            self.message = None;
                        }
                    }
                    _ => {}
                }
            }
            Mode::Command { text, prefix } => match key.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Enter => {
                    let line = text.trim().to_string();
                    self.mode = Mode::Normal;
                    if !line.is_empty() {
                        match Action::parse(&line) {
                            Ok(a) => self.update(service, a),
                            Err(e) => self.warn(format!(":{line}: {e}")),
                        }
                    }
                }
                KeyCode::Tab if !text.contains(' ') => {
                    // Tab cycles through the actions starting with what was typed.
                    let typed = prefix.get_or_insert_with(|| text.clone()).clone();
                    let options = Action::complete(&typed);
                    if !options.is_empty() {
                        let pick = options.iter().position(|o| *o == text.as_str()).map_or(0, |i| i + 1)
                            % options.len();
                        *text = options[pick].to_string();
                    }
                }
                KeyCode::Backspace => {
                    text.pop();
                    *prefix = None;
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    text.push(c);
                    *prefix = None;
                }
                _ => {}
            },
            Mode::Score { .. } | Mode::Comment { .. } => self.review_key(service, key),
            Mode::CourseForm { fields, focus } => match form_key(fields, focus, key) {
                FormKey::Cancel => self.mode = Mode::Normal,
                FormKey::Save => self.save_course(service),
                FormKey::Edited => {}
            },
            Mode::Progress { digits, .. } => match key.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Enter => self.submit_progress(service),
                KeyCode::Backspace => {
                    digits.pop();
                }
                KeyCode::Char(c) if (c.is_ascii_digit() || c == '.') && digits.len() < 6 => digits.push(c),
                _ => {}
            },
            Mode::Submit { input, .. } => match key.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.submit_pasted(service)
                }
                _ => {
                    input.input(key);
                }
            },
            Mode::WhatIf => self.what_if_key(key),
            Mode::Form { fields, focus, .. } => match form_key(fields, focus, key) {
                FormKey::Cancel => self.mode = Mode::Normal,
                FormKey::Save => self.save_form(service),
                FormKey::Edited => {}
            },
            Mode::ConfirmPolicy => self.confirm_policy(service, key.code == KeyCode::Char('y')),
            Mode::Confirm { employee_id, .. } => {
                let id = employee_id.clone();
                self.mode = Mode::Normal;
                if key.code == KeyCode::Char('y') {
                    if let Err(e) = self.confirm_left(service, id) {
                        self.warn(e.to_string());
                    }
                }
            }
            Mode::Reason { input, .. } => match key.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Enter => self.submit_reason(service),
                _ => {
                    input.input(key);
                }
            },
        }
    }

    /// Keys while reviewing: the keymap's accept / return first, then typing.
    fn review_key(&mut self, service: &Service, key: KeyEvent) {
        use crate::domain::reflection::Decision;
        let scope = super::keymap::Scope::Panel(super::action::Panel::Reflections);
        match self.keymap.resolve(scope, &[Key::from_event(&key)]) {
            Resolved::Action(Action::Accept) => return self.decide(service, Decision::Accept),
            Resolved::Action(Action::Return) => return self.decide(service, Decision::Return),
            _ => {}
        }
        let t = self.lang.t();
        match &mut self.mode {
            Mode::Score { digits } => match key.code {
                KeyCode::Esc => self.mode = Mode::Normal,
                KeyCode::Backspace => {
                    digits.pop();
                }
                KeyCode::Char(c) if c.is_ascii_digit() && digits.len() < 3 => digits.push(c),
                KeyCode::Enter => match digits.parse::<u8>() {
                    Ok(score) if score <= 100 => {
                        let mut input = tui_textarea::TextArea::default();
                        input.set_cursor_line_style(ratatui::style::Style::default());
                        self.mode = Mode::Comment { score, input: Box::new(input) };
                    }
                    _ => {
                        let typed = digits.clone();
                        self.warn(format!("{}: '{typed}'", t.score_range));
                    }
                },
                _ => {}
            },
            Mode::Comment { score, input } => match key.code {
                KeyCode::Esc => {
                    let digits = score.to_string();
                    self.mode = Mode::Score { digits };
                }
                _ => {
                    input.input(key);
                }
            },
            _ => {}
        }
    }

    fn normal_key(&mut self, service: &Service, key: KeyEvent) {
        self.typed.push(Key::from_event(&key));
        match self.keymap.resolve(self.scope(), &self.typed) {
            Resolved::Action(action) => {
                self.typed.clear();
                self.update(service, action);
            }
            Resolved::Pending => {}
            Resolved::None => {
                // A broken chord: the last key may still mean something on its own.
                let chord = std::mem::take(&mut self.typed);
                if let (true, Some(&last)) = (chord.len() > 1, chord.last()) {
                    match self.keymap.resolve(self.scope(), &[last]) {
                        Resolved::Action(a) => self.update(service, a),
                        Resolved::Pending => self.typed.push(last),
                        Resolved::None => {}
                    }
                }
            }
        }
    }
}

/// What a key did in a form of single-line fields.
enum FormKey {
    Cancel,
    Save,
    Edited,
}

/// Esc cancels, Ctrl-S saves, Tab / Enter / arrows move between fields, the rest types.
fn form_key(fields: &mut [tui_textarea::TextArea<'static>], focus: &mut usize, key: KeyEvent) -> FormKey {
    match key.code {
        KeyCode::Esc => return FormKey::Cancel,
        KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => return FormKey::Save,
        KeyCode::Tab | KeyCode::Down | KeyCode::Enter => *focus = (*focus + 1) % fields.len(),
        KeyCode::BackTab | KeyCode::Up => *focus = (*focus + fields.len() - 1) % fields.len(),
        _ => {
            fields[*focus].input(key);
        }
    }
    FormKey::Edited
}
