//! The one way cadre writes a file for a person (exports, reports, backups): whole or not
//! at all, private to its owner, and never over anything but a regular file it may write.
//!
//! The bytes go to a temporary file created with `O_EXCL` and mode 0600 beside the
//! target, are synced, then renamed over the target. A target that is a directory, a
//! device, a pipe, a socket or a symbolic link is refused before anything is created; so
//! is a read-only file. An existing file keeps its mode when that is not more open than
//! 0600, otherwise it becomes 0600. On every error the temporary file is removed.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::domain::msg::Msg;

/// Why a file was not written. Nothing was left behind in every case.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The target cannot be written for the reason the message gives.
    #[error("{0}")]
    Refused(Box<Msg>),
    /// Writing the content failed (the writer's own error, or the disk).
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The content could not be produced.
    #[error(transparent)]
    Content(anyhow::Error),
}

impl FileError {
    /// The error as a message in the session's language.
    pub fn msg(&self) -> Msg {
        match self {
            FileError::Refused(m) => (**m).clone(),
            FileError::Io { path, source } => Msg::io(path.display().to_string(), source),
            FileError::Content(e) => Msg::Text { text: format!("{e:#}") },
        }
    }
}

fn refused(path: &Path, why: &str) -> FileError {
    FileError::Refused(Box::new(Msg::FileRefused { path: path.display().to_string(), why: why.to_string() }))
}

/// The mode the written file gets: 0600, or the existing file's when it is not more open.
fn target_mode(target: &Path) -> Result<u32, FileError> {
    match std::fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0o600),
        Err(e) => Err(FileError::Io { path: target.to_path_buf(), source: e }),
        Ok(meta) => {
            let kind = meta.file_type();
            if kind.is_dir() {
                Err(refused(target, "directory"))
            } else if kind.is_symlink() {
                Err(refused(target, "symlink"))
            } else if !kind.is_file() {
                Err(refused(target, "not_regular"))
            } else {
                let mode = meta.permissions().mode() & 0o7777;
                if mode & 0o200 == 0 {
                    Err(refused(target, "read_only"))
                } else if mode & !0o600 == 0 {
                    Ok(mode)
                } else {
                    Ok(0o600)
                }
            }
        }
    }
}

/// A fresh temporary file beside `target`, created exclusively with mode 0600.
fn create_temporary(target: &Path) -> Result<(PathBuf, File), FileError> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().ok_or_else(|| refused(target, "no_name"))?.to_string_lossy().into_owned();
    let stem: String = name.chars().take(64).collect();
    for n in 0..100u32 {
        let tmp = dir.join(format!(".{stem}.cadre-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(FileError::Io { path: dir, source: e }),
        }
    }
    Err(refused(target, "no_temporary"))
}

/// Writes `target` with `write`, as the module says. Returns what `write` returned.
pub fn write_private<T>(
    target: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<T>,
) -> Result<T, FileError> {
    let mode = target_mode(target)?;
    let (tmp, file) = create_temporary(target)?;
    let result = (|| {
        let mut out = BufWriter::new(file);
        let value = write(&mut out).map_err(|e| match e.downcast::<std::io::Error>() {
            Ok(io) => FileError::Io { path: target.to_path_buf(), source: io },
            Err(other) => FileError::Content(other),
        })?;
        let io = |e: std::io::Error| FileError::Io { path: target.to_path_buf(), source: e };
        out.flush().map_err(io)?;
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.set_permissions(std::fs::Permissions::from_mode(mode)).map_err(io)?;
        file.sync_all().map_err(io)?;
        // the target may have become something else while we wrote; look again
        target_mode(target)?;
        std::fs::rename(&tmp, target).map_err(io)?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".cadre-"))
            .collect()
    }

    #[test]
    fn a_new_file_is_private_and_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.json");
        write_private(&target, |w| Ok(w.write_all(b"[1]")?)).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"[1]");
        assert_eq!(mode(&target), 0o600);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_open_file_becomes_private_and_a_private_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("open.csv");
        std::fs::write(&open, "old").unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_private(&open, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(mode(&open), 0o600);
        let narrow = dir.path().join("narrow.csv");
        std::fs::write(&narrow, "old").unwrap();
        std::fs::set_permissions(&narrow, std::fs::Permissions::from_mode(0o200)).unwrap();
        write_private(&narrow, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(mode(&narrow), 0o200);
    }

    #[test]
    fn directories_read_only_files_links_and_devices_are_refused_leaving_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let ro = dir.path().join("ro.json");
        std::fs::write(&ro, "keep").unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&ro, &link).unwrap();
        for target in [dir.path().to_path_buf(), ro.clone(), link, PathBuf::from("/dev/null")] {
            let err = write_private(&target, |w| Ok(w.write_all(b"secret")?)).unwrap_err();
            assert!(matches!(err, FileError::Refused(_)), "{target:?}: {err}");
        }
        assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.json");
        std::fs::write(&target, "old").unwrap();
        let err = write_private(&target, |w| -> anyhow::Result<()> {
            w.write_all(b"half")?;
            anyhow::bail!("the query failed")
        })
        .unwrap_err();
        assert!(err.to_string().contains("the query failed"));
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
    }
}
