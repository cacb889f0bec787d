//! What commands print. Standard output is locked and buffered; a reader that goes away
//! (`cadre check | head`) ends the output quietly, with exit status 0, because nothing
//! was lost that the reader wanted. The one exception is `cadre apply`: when its output
//! closes with lines still to apply, it stops, says so on standard error and exits 3, so
//! a script never takes unapplied commands for applied ones. Messages for people go to
//! standard error and never panic when it is closed either.

use std::io::{BufWriter, StdoutLock, Write};

/// Buffered standard output.
pub struct Out(BufWriter<StdoutLock<'static>>);

impl Out {
    pub fn new() -> Out {
        Out(BufWriter::new(std::io::stdout().lock()))
    }

    /// One line of text.
    pub fn line(&mut self, text: impl std::fmt::Display) -> std::io::Result<()> {
        writeln!(self.0, "{text}")
    }
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
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
            || c.downcast_ref::<crate::io::private_file::FileError>().is_some_and(|f| {
                matches!(f, crate::io::private_file::FileError::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}
