//! Size limits on everything read from outside, chosen so that real files fit with room
//! to spare, and a reader that enforces them while reading (an endless input such as
//! `/dev/zero` ends with a clear message, not with the machine out of memory).
//!
//! | input | limit |
//! |---|---|
//! | a CSV file | 1 GiB; a physical line 1 MiB; a field 64 KiB |
//! | a line of `cadre apply` | 16 MiB (the whole stream is unlimited) |
//! | a reflection text file | 1 MiB |
//! | a policy, mapping, keymap or notify file | 1 MiB |
//! | a backup | 8 GiB |

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::domain::msg::Msg;
use crate::service::ServiceError;

pub const MAX_CSV_FILE: u64 = 1 << 30;
pub const MAX_CSV_LINE: usize = 1 << 20;
pub const MAX_FIELD_BYTES: usize = 64 << 10;
pub const MAX_APPLY_LINE: usize = 16 << 20;
pub const MAX_TEXT_FILE: u64 = 1 << 20;
pub const MAX_SMALL_FILE: u64 = 1 << 20;

/// An input over one of the limits; carried inside an `io::Error` while reading.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct OverLimit(pub Msg);

fn over(msg: Msg) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, OverLimit(msg))
}

/// The limit message inside an I/O error, if that is what it is.
pub fn over_limit(e: &std::io::Error) -> Option<Msg> {
    e.get_ref().and_then(|inner| inner.downcast_ref::<OverLimit>()).map(|o| o.0.clone())
}

/// A reader that fails past `max_total` bytes, or past `max_line` bytes between newlines.
pub struct Limited<R> {
    inner: R,
    what: String,
    total: u64,
    max_total: u64,
    line: usize,
    max_line: usize,
    line_no: u64,
    newlines: Option<Newlines>,
}

/// Where each `\n` of an input is, so a byte offset becomes a physical line number
/// whatever the line endings and quoted newlines.
#[derive(Debug, Clone, Default)]
pub struct Newlines(std::rc::Rc<std::cell::RefCell<Vec<u64>>>);

impl Newlines {
    /// The 1-based physical line holding byte `offset` (a record the csv reader starts at
    /// the `\n` of a CRLF belongs to the next line).
    pub fn line_of(&self, offset: u64) -> u64 {
        self.0.borrow().partition_point(|n| *n <= offset) as u64 + 1
    }
}

impl<R: Read> Limited<R> {
    pub fn new(inner: R, what: &str, max_total: u64, max_line: usize) -> Limited<R> {
        Limited {
            inner,
            what: what.to_string(),
            total: 0,
            max_total,
            line: 0,
            max_line,
            line_no: 1,
            newlines: None,
        }
    }

    /// Records where each line ends, for `Newlines::line_of`.
    pub fn with_newlines(mut self) -> (Limited<R>, Newlines) {
        let lines = Newlines::default();
        self.newlines = Some(lines.clone());
        (self, lines)
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let start = self.total;
        self.total += n as u64;
        if self.total > self.max_total {
            return Err(over(Msg::TooLarge { what: self.what.clone(), max: self.max_total }));
        }
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' {
                self.line = 0;
                self.line_no += 1;
                if let Some(lines) = &self.newlines {
                    lines.0.borrow_mut().push(start + i as u64);
                }
            } else {
                self.line += 1;
                if self.line > self.max_line {
                    return Err(over(Msg::LineTooLong {
                        what: self.what.clone(),
                        line: self.line_no,
                        max: self.max_line,
                    }));
                }
            }
        }
        Ok(n)
    }
}

fn io_error(path: &Path, e: std::io::Error) -> ServiceError {
    match over_limit(&e) {
        Some(m) => ServiceError::invalid(m),
        None => ServiceError::invalid(Msg::io(path.display().to_string(), &e)),
    }
}

/// Opens a file to read, refusing one larger than `max` bytes (and what is not a file).
pub fn open_input(path: &Path, max: u64) -> Result<std::fs::File, ServiceError> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let meta = file.metadata().map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return Err(ServiceError::invalid(Msg::FileRefused {
            path: path.display().to_string(),
            why: "directory".into(),
        }));
    }
    if meta.is_file() && meta.len() > max {
        return Err(ServiceError::invalid(Msg::TooLarge { what: path.display().to_string(), max }));
    }
    Ok(file)
}

/// Reads a UTF-8 text file of at most `max` bytes.
pub fn read_text(path: &Path, max: u64) -> Result<String, ServiceError> {
    let file = open_input(path, max)?;
    read_all(Limited::new(file, &path.display().to_string(), max, usize::MAX), path)
}

/// Reads standard input as UTF-8 text of at most `max` bytes.
pub fn read_stdin_text(max: u64) -> Result<String, ServiceError> {
    read_all(Limited::new(std::io::stdin().lock(), "-", max, usize::MAX), Path::new("-"))
}

fn read_all(mut reader: impl Read, path: &Path) -> Result<String, ServiceError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| io_error(path, e))?;
    String::from_utf8(bytes)
        .map_err(|_| ServiceError::invalid(Msg::NotUtf8 { path: path.display().to_string() }))
}

/// Reads one line (up to and without its `\n`, and a `\r` before it) of at most `max`
/// bytes into `line`; `Ok(false)` at the end. A longer line is consumed to its end and
/// reported, so the next call reads the line after it.
pub fn read_line<R: BufRead>(
    reader: &mut R,
    line: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut too_long = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(if line.is_empty() && !too_long { None } else { Some(!too_long) });
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(buf.len());
        reader.consume(used);
        if done.is_some() {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(!too_long));
        }
    }
}

/// A buffered reader of standard input or a file.
pub fn lines_of(path: &Path) -> Result<Box<dyn BufRead>, ServiceError> {
    if path == Path::new("-") {
        Ok(Box::new(BufReader::new(std::io::stdin())))
    } else {
        let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
        Ok(Box::new(BufReader::new(file)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_input_stops_at_the_limit() {
        let zeros = std::io::repeat(0).take(10 << 20);
        let mut r = Limited::new(zeros, "x.csv", 1 << 20, usize::MAX);
        let err = std::io::copy(&mut r, &mut std::io::sink()).unwrap_err();
        assert!(matches!(over_limit(&err), Some(Msg::TooLarge { .. })), "{err}");
        let one_line = std::io::repeat(b'a').take(10 << 20);
        let mut r = Limited::new(one_line, "x.csv", u64::MAX, 1000);
        let err = std::io::copy(&mut r, &mut std::io::sink()).unwrap_err();
        assert!(matches!(over_limit(&err), Some(Msg::LineTooLong { line: 1, .. })), "{err}");
    }

    #[test]
    fn lines_are_read_whole_or_reported_too_long_and_skipped() {
        let text = format!("a\r\n{}\nb", "x".repeat(50));
        let mut r = std::io::Cursor::new(text.into_bytes());
        let mut line = Vec::new();
        assert_eq!(read_line(&mut r, &mut line, 10).unwrap(), Some(true));
        assert_eq!(line, b"a");
        assert_eq!(read_line(&mut r, &mut line, 10).unwrap(), Some(false));
        assert_eq!(read_line(&mut r, &mut line, 10).unwrap(), Some(true));
        assert_eq!(line, b"b");
        assert_eq!(read_line(&mut r, &mut line, 10).unwrap(), None);
    }
}
