//! Writing exports without losing data: one file at a time through a
//! temporary file that is renamed over the target, and a whole build as a
//! set, staged in a folder inside the output folder and published together
//! while a lock keeps a second build out.
//!
//! A target that exists and is not a regular file (a symlink, a FIFO, a
//! device, a directory) is never replaced: renaming over it would destroy it
//! and never write where it points.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::ExportError;

/// Name of a build's staging folder inside the output folder, before its PID.
const STAGING: &str = ".newsgraph-staging.";

/// Marker written into a staging folder once every file is in it: a staging
/// folder with the marker is a complete set, one without it a set never finished.
const READY: &str = ".ready";

/// Writes `bytes` to `path` atomically: to a temporary file beside it, then renamed,
/// so a failed run never leaves a half-written export behind. Refuses a
/// `path` that exists and is not a regular file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], for a writer that streams its output (large exports
/// are never held in memory whole).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), ExportError> {
    let fail = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    check_replaceable(path)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = File::create(&temp)
        .and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut out)?;
            out.flush()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(fail)
}

/// Fails when `path` exists and is not a regular file.
pub fn check_replaceable(path: &Path) -> Result<(), ExportError> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(()); // a new path
    };
    let kind = file_kind(&meta.file_type());
    match kind {
        None => Ok(()),
        Some(kind) => Err(ExportError::NotRegularFile {
            path: path.to_path_buf(),
            kind,
        }),
    }
}

/// What a file that is not a regular file is, for the error message.
fn file_kind(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_file() {
        return None;
    }
    if kind.is_symlink() {
        return Some("a symbolic link");
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// A build's files being written into a staging folder inside the output
/// folder, under an exclusive lock on the output folder.
///
/// [`Staging::publish`] moves every staged file into place; dropped without
/// publishing, the staging folder is removed and the output folder is as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    published: bool,
    /// Held open for the lock; the lock ends when the process does, even killed.
    _lock: Option<File>,
}

impl Staging {
    /// Creates `out` if needed, takes its lock (failing if another build holds
    /// it), cleans what an earlier killed build left, and makes the staging folder.
    pub fn begin(out: &Path) -> Result<Staging, ExportError> {
        let fail = |source| ExportError::Write {
            path: out.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(out).map_err(fail)?;
        let lock = lock_dir(out)?;
        clean_leftovers(out)?;
        let dir = out.join(format!("{STAGING}{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(fail)?;
        }
        std::fs::create_dir_all(&dir).map_err(fail)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            published: false,
            _lock: lock,
        })
    }

    /// Where the build writes its files.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The path in the output folder of a staged path.
    pub fn target(&self, staged: &Path) -> PathBuf {
        staged
            .strip_prefix(&self.dir)
            .map_or_else(|_| staged.to_path_buf(), |rel| self.out.join(rel))
    }

    /// Marks the set complete and moves every staged file into the output folder.
    pub fn publish(mut self) -> Result<(), ExportError> {
        let ready = self.dir.join(READY);
        File::create(&ready).map_err(|source| ExportError::Write {
            path: ready.clone(),
            source,
        })?;
        publish_tree(&self.dir, &self.out)?;
        self.published = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Moves every file under `staging` to the same place under `out`, then
/// removes `staging`. The set is marked ready before the first move, so a
/// build killed while moving is finished by the next one.
fn publish_tree(staging: &Path, out: &Path) -> Result<(), ExportError> {
    let mut files = Vec::new();
    collect_files(staging, &mut files)?;
    files.sort();
    files.retain(|f| {
        f.strip_prefix(staging)
            .is_ok_and(|rel| rel != Path::new(READY))
    });
    let moves: Vec<(PathBuf, PathBuf)> = files
        .into_iter()
        .filter_map(|f| Some((out.join(f.strip_prefix(staging).ok()?), f)))
        .collect();
    // Refuse before the first move, so a refused set changes nothing.
    for (target, _) in &moves {
        check_replaceable(target)?;
    }
    for (target, file) in moves {
        let fail = |source| ExportError::Write {
            path: target.clone(),
            source,
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::rename(&file, &target).map_err(fail)?;
    }
    std::fs::remove_dir_all(staging).map_err(|source| ExportError::Write {
        path: staging.to_path_buf(),
        source,
    })
}

/// Every regular file under `dir`, recursively (symlinks are not followed).
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), ExportError> {
    let fail = |source| ExportError::Write {
        path: dir.to_path_buf(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let entry = entry.map_err(fail)?;
        let kind = entry.file_type().map_err(fail)?;
        if kind.is_dir() {
            collect_files(&entry.path(), files)?;
        } else if kind.is_file() {
            files.push(entry.path());
        }
    }
    Ok(())
}

/// Removes what a killed build or export left in `out`, `out/csv` and
/// `out/focus`: temporary files `.NAME.PID.tmp` of processes that are gone,
/// and staging folders (a complete one is published first, so the folder
/// holds one whole set).
fn clean_leftovers(out: &Path) -> Result<(), ExportError> {
    let entries = std::fs::read_dir(out).map_err(|source| ExportError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if let Some(pid) = name.strip_prefix(STAGING) {
            if pid.parse::<u32>().is_ok() && entry.file_type().is_ok_and(|k| k.is_dir()) {
                if path.join(READY).is_file() {
                    publish_tree(&path, out)?;
                } else {
                    let _ = std::fs::remove_dir_all(&path);
                }
            }
        }
    }
    for dir in [out.to_path_buf(), out.join("csv"), out.join("focus")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stale = temp_file_pid(&name).is_some_and(|pid| !process_alive(pid));
            if stale && entry.file_type().is_ok_and(|k| k.is_file()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// The PID in a temporary file name `.NAME.PID.tmp`.
fn temp_file_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = inner.rsplit_once('.')?;
    pid.parse().ok()
}

/// Whether a process with this id is running.
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists and may be signalled.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Whether a process with this id is running (assumed so off Unix).
#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// Takes an exclusive lock on the folder `dir` itself, without waiting.
#[cfg(unix)]
fn lock_dir(dir: &Path) -> Result<Option<File>, ExportError> {
    use std::os::unix::io::AsRawFd;
    let file = File::open(dir).map_err(|source| ExportError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    // SAFETY: flock on a descriptor we own; the lock goes with the descriptor.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        return Ok(Some(file));
    }
    let error = std::io::Error::last_os_error();
    if error.kind() == std::io::ErrorKind::WouldBlock {
        return Err(ExportError::Busy {
            dir: dir.to_path_buf(),
        });
    }
    Err(ExportError::Write {
        path: dir.to_path_buf(),
        source: error,
    })
}

/// No lock off Unix.
#[cfg(not(unix))]
fn lock_dir(_dir: &Path) -> Result<Option<File>, ExportError> {
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_file_names_give_their_pid() {
        assert_eq!(temp_file_pid(".newsgraph.dot.123.tmp"), Some(123));
        assert_eq!(temp_file_pid(".a.tmp"), None);
        assert_eq!(temp_file_pid("newsgraph.dot"), None);
    }
}
