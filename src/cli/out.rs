//! What commands print. Standard output is locked and buffered; a reader that goes away
//! (`cadre check | head`) ends the output quietly, with exit status 0, because nothing
//! was lost that the reader wanted. The one exception is `cadre apply`: when its output
//! closes with lines still to apply, it stops, says so on standard error and exits 3, so
//! a script never takes unapplied commands for applied ones. Messages for people go to
//! standard error and never panic when it is closed either.

use std::io::{BufWriter, StdoutLock, Write};

/// Buffered standard output. On a terminal, control characters other than newline, tab
/// and carriage return never reach it (a stored title holding an escape sequence cannot
/// drive the operator's terminal); to a file or a pipe, the bytes go as they are.
pub struct Out {
    inner: BufWriter<StdoutLock<'static>>,
    filter: Option<ControlFilter>,
}

impl Out {
    pub fn new() -> Out {
        let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
        Out { inner: BufWriter::new(std::io::stdout().lock()), filter: terminal.then(ControlFilter::default) }
    }

    /// One line of text.
    pub fn line(&mut self, text: impl std::fmt::Display) -> std::io::Result<()> {
        writeln!(self, "{text}")
    }
}

/// Drops C0 controls (but `\n`, `\t`, `\r`), DEL, and C1 controls (U+0080–U+009F, two
/// bytes in UTF-8) from a byte stream, across write boundaries.
#[derive(Debug, Default)]
pub struct ControlFilter {
    /// A 0xC2 lead byte waiting for the byte after it.
    pending_c2: bool,
}

impl ControlFilter {
    pub fn filter(&mut self, input: &[u8], out: &mut Vec<u8>) {
        for &b in input {
            if self.pending_c2 {
                self.pending_c2 = false;
                if (0x80..=0x9f).contains(&b) {
                    continue;
                }
                out.push(0xc2);
            }
            match b {
                0xc2 => self.pending_c2 = true,
                b'\n' | b'\t' | b'\r' => out.push(b),
                0x00..=0x1f | 0x7f => {}
                _ => out.push(b),
            }
        }
    }
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.filter {
            None => self.inner.write(buf),
            Some(f) => {
                let mut clean = Vec::with_capacity(buf.len());
                f.filter(buf, &mut clean);
                self.inner.write_all(&clean)?;
                Ok(buf.len())
            }
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// One line on standard error (a closed standard error is ignored).
pub fn note(text: impl std::fmt::Display) {
    let mut err = std::io::stderr().lock();
    for line in text.to_string().lines() {
        let _ = writeln!(err, "cadre: {line}");
    }
}

/// A progress line on a terminal's standard error, overwritten by the next.
pub fn progress(text: impl std::fmt::Display) {
    let _ = write!(std::io::stderr().lock(), "\r{text}\x1b[K");
}

/// The reader of our output went away: not an error.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(
                |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe),
            )
            || c.downcast_ref::<crate::io::private_file::FileError>().is_some_and(|f| {
                matches!(f, crate::io::private_file::FileError::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::ControlFilter;

    #[test]
    fn escape_sequences_never_pass_but_chinese_and_newlines_do() {
        let mut f = ControlFilter::default();
        let mut out = Vec::new();
        let text = "心得\u{1b}[2J标题\u{9b}31m\n第二行\t!";
        let bytes = text.as_bytes();
        // split the input in the middle of the two-byte C1 control
        let cut = text.find('\u{9b}').unwrap() + 1;
        f.filter(&bytes[..cut], &mut out);
        f.filter(&bytes[cut..], &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "心得[2J标题31m\n第二行\t!");
    }
}
