//! Reading the terminal's bytes into key events ourselves: two Escs sent together (as
//! they arrive over SSH) are two Escs, and Esc followed at once by a key is Esc, then that
//! key — a general-purpose reader merges both into one event and loses a key. Also arrow
//! and page keys, bracketed paste, UTF-8 split across reads, and resizes (by polling the
//! size, so no signal handler is needed).

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// How long a lone Esc waits for the rest of an escape sequence.
const ESC_WAIT: Duration = Duration::from_millis(25);
/// How often the terminal size is looked at.
const SIZE_EVERY: Duration = Duration::from_millis(200);

/// Bytes to events.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// What one escape sequence at the start of `b` (which starts with ESC) is: the event and
/// how many bytes it takes; `None` when more bytes are needed.
fn escape(b: &[u8]) -> Option<(Option<Event>, usize)> {
    let second = *b.get(1)?;
    match second {
        b'[' => csi(b),
        b'O' => {
            let third = *b.get(2)?;
            let code = match third {
                b'A' => Some(KeyCode::Up),
                b'B' => Some(KeyCode::Down),
                b'C' => Some(KeyCode::Right),
                b'D' => Some(KeyCode::Left),
                b'H' => Some(KeyCode::Home),
                b'F' => Some(KeyCode::End),
                b'P'..=b'S' => Some(KeyCode::F(third - b'P' + 1)),
                _ => None,
            };
            Some((code.map(key), 3))
        }
        // ESC and another key: Esc on its own; the next key is parsed next
        _ => Some((Some(key(KeyCode::Esc)), 1)),
    }
}

/// A CSI sequence `ESC [ params final`.
fn csi(b: &[u8]) -> Option<(Option<Event>, usize)> {
    let end = b[2..].iter().position(|c| (0x40..=0x7e).contains(c))? + 2;
    let params = std::str::from_utf8(&b[2..end]).unwrap_or("");
    let first: u16 = params.split(';').next().and_then(|p| p.parse().ok()).unwrap_or(0);
    let code = match b[end] {
        b'A' => Some(KeyCode::Up),
        b'B' => Some(KeyCode::Down),
        b'C' => Some(KeyCode::Right),
        b'D' => Some(KeyCode::Left),
        b'H' => Some(KeyCode::Home),
        b'F' => Some(KeyCode::End),
        b'Z' => Some(KeyCode::BackTab),
        b'~' => match first {
            1 | 7 => Some(KeyCode::Home),
            2 => Some(KeyCode::Insert),
            3 => Some(KeyCode::Delete),
            4 | 8 => Some(KeyCode::End),
            5 => Some(KeyCode::PageUp),
            6 => Some(KeyCode::PageDown),
            11..=15 => Some(KeyCode::F((first - 10) as u8)),
            17..=21 => Some(KeyCode::F((first - 11) as u8)),
            23 | 24 => Some(KeyCode::F((first - 12) as u8)),
            _ => None,
        },
        _ => None,
    };
    Some((code.map(key), end + 1))
}

impl Parser {
    /// Takes bytes read; returns the events they complete. `more_may_come`: a lone Esc
    /// at the end waits for the next read (the reader calls `flush` when none came).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        loop {
            if let Some(text) = &mut self.paste {
                const END: &[u8] = b"\x1b[201~";
                match self.pending.windows(END.len()).position(|w| w == END) {
                    Some(at) => {
                        text.extend_from_slice(&self.pending[..at]);
                        self.pending.drain(..at + END.len());
                        let text = self.paste.take().unwrap_or_default();
                        out.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
                        continue;
                    }
                    None => {
                        // keep a possible start of the end marker
                        let keep = END.len() - 1;
                        let take = self.pending.len().saturating_sub(keep);
                        text.extend(self.pending.drain(..take));
                        return out;
                    }
                }
            }
            let Some(&b) = self.pending.first() else { return out };
            let (event, used) = match b {
                0x1b => {
                    if self.pending.starts_with(b"\x1b[200~") {
                        self.paste = Some(Vec::new());
                        self.pending.drain(..6);
                        continue;
                    }
                    match escape(&self.pending) {
                        Some(e) => e,
                        None => return out,
                    }
                }
                b'\r' | b'\n' => (Some(key(KeyCode::Enter)), 1),
                b'\t' => (Some(key(KeyCode::Tab)), 1),
                0x7f | 0x08 => (Some(key(KeyCode::Backspace)), 1),
                0x01..=0x1a => (Some(ctrl((b'a' + b - 1) as char)), 1),
                0x00 | 0x1c..=0x1f => (None, 1),
                _ => {
                    let len = match b {
                        0xc0..=0xdf => 2,
                        0xe0..=0xef => 3,
                        0xf0..=0xf7 => 4,
                        _ => 1,
                    };
                    if self.pending.len() < len {
                        return out;
                    }
                    let c = std::str::from_utf8(&self.pending[..len]).ok().and_then(|s| s.chars().next());
                    (c.map(|c| key(KeyCode::Char(c))), len)
                }
            };
            self.pending.drain(..used);
            out.extend(event);
        }
    }

    /// No more bytes came: a lone Esc waiting for a sequence is an Esc.
    pub fn flush(&mut self) -> Vec<Event> {
        if self.paste.is_none() && self.pending.first() == Some(&0x1b) {
            let rest = self.pending.split_off(1);
            self.pending.clear();
            let mut out = vec![key(KeyCode::Esc)];
            out.extend(self.feed(&rest));
            return out;
        }
        Vec::new()
    }

    pub fn waiting(&self) -> bool {
        !self.pending.is_empty() && self.paste.is_none()
    }
}

/// Waits up to `timeout` for standard input to have bytes.
fn readable(timeout: Duration) -> bool {
    let mut fd = libc::pollfd { fd: 0, events: libc::POLLIN, revents: 0 };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd for the process's standard input
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    n > 0 && fd.revents & libc::POLLIN != 0
}

/// Reads what standard input has; `None` at its end or on an error.
fn read_some(buf: &mut [u8]) -> Option<usize> {
    // SAFETY: reading into a buffer we own, at most its length
    let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
    (n > 0).then_some(n as usize)
}

/// The terminal's keys, pastes and resizes, one batch at a time.
pub struct Reader {
    parser: Parser,
    size: (u16, u16),
    size_checked: Instant,
}

impl Reader {
    pub fn new() -> Reader {
        Reader {
            parser: Parser::default(),
            size: crossterm::terminal::size().unwrap_or((0, 0)),
            size_checked: Instant::now(),
        }
    }

    /// The events that arrive within `timeout` (maybe none); `None` when input ended.
    pub fn next(&mut self, timeout: Duration) -> Option<Vec<Event>> {
        let mut out = Vec::new();
        if self.size_checked.elapsed() >= SIZE_EVERY {
            self.size_checked = Instant::now();
            if let Ok(now) = crossterm::terminal::size() {
                if now != self.size {
                    self.size = now;
                    out.push(Event::Resize(now.0, now.1));
                }
            }
        }
        let wait = if self.parser.waiting() { ESC_WAIT } else { timeout.min(SIZE_EVERY) };
        if readable(wait) {
            let mut buf = [0u8; 4096];
            let n = read_some(&mut buf)?;
            out.extend(self.parser.feed(&buf[..n]));
        } else if self.parser.waiting() {
            out.extend(self.parser.flush());
        }
        Some(out)
    }
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(events: &[Event]) -> Vec<KeyCode> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(k.code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn two_escs_together_are_two_and_esc_then_a_digit_is_two_keys() {
        let mut p = Parser::default();
        let mut events = p.feed(b"\x1b\x1b");
        events.extend(p.flush());
        assert_eq!(codes(&events), vec![KeyCode::Esc, KeyCode::Esc]);
        let mut p = Parser::default();
        assert_eq!(codes(&p.feed(b"\x1b5")), vec![KeyCode::Esc, KeyCode::Char('5')]);
    }

    #[test]
    fn sequences_keys_and_utf8_split_across_reads() {
        let mut p = Parser::default();
        let mut events = p.feed(b"\x1b[A\x1b[6~\x1b[Z\x1bOH\r\x7f\x01j");
        events.extend(p.feed(&"张".as_bytes()[..1]));
        events.extend(p.feed(&"张".as_bytes()[1..]));
        assert_eq!(
            codes(&events),
            vec![
                KeyCode::Up,
                KeyCode::PageDown,
                KeyCode::BackTab,
                KeyCode::Home,
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Char('a'),
                KeyCode::Char('j'),
                KeyCode::Char('张'),
            ]
        );
        assert!(matches!(&events[6], Event::Key(k) if k.modifiers == KeyModifiers::CONTROL));
    }

    #[test]
    fn a_bracketed_paste_keeps_its_escapes_and_line_breaks_as_text() {
        let mut p = Parser::default();
        let mut events = p.feed(b"\x1b[200~line one\r\n\x1b");
        events.extend(p.feed(b"x two\x1b[20"));
        events.extend(p.feed(b"1~q"));
        assert_eq!(events.len(), 2, "{events:?}");
        assert!(matches!(&events[0], Event::Paste(t) if t == "line one\r\n\x1bx two"), "{events:?}");
        assert_eq!(codes(&events[1..]), vec![KeyCode::Char('q')]);
    }

    #[test]
    fn a_lone_esc_waits_for_the_rest_of_a_sequence() {
        let mut p = Parser::default();
        assert!(p.feed(b"\x1b").is_empty());
        assert!(p.waiting());
        assert_eq!(codes(&p.feed(b"[B")), vec![KeyCode::Down]);
        assert!(p.feed(b"\x1b").is_empty());
        assert_eq!(codes(&p.flush()), vec![KeyCode::Esc]);
    }
}
