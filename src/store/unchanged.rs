//! The cheap half of the staleness check: are the stamps recorded still the
//! files' and directories' stamps? One `fstatat` per file, relative to its
//! directory's descriptor (opened once per directory), so the kernel looks up
//! one name instead of walking the whole path each time; the files are split
//! among a few threads.

use rustix::fd::OwnedFd;
use rustix::fs::{AtFlags, Mode, OFlags, CWD};

use super::hash::Stamp;

/// Whether every file in `files` still has its recorded size and trusted
/// modification time (see [`Stamp::unchanged`]). `false` as soon as one
/// differs, has no trusted time, or cannot be looked at.
pub(super) fn files_unchanged(files: &[(&str, Stamp)]) -> bool {
    if files.iter().any(|(_, s)| s.mtime_ns.is_none()) {
        return false;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let size = files.len().div_ceil(threads).max(1);
    let mut parts = files.chunks(size);
    let first = parts.next().unwrap_or_default();
    std::thread::scope(|scope| {
        let others: Vec<_> = parts
            .map(|part| scope.spawn(move || part_unchanged(part)))
            .collect();
        let mine = part_unchanged(first);
        // Every thread is joined before the answer is given.
        let theirs: Vec<bool> = others
            .into_iter()
            .map(|h| h.join().unwrap_or(false))
            .collect();
        mine && theirs.into_iter().all(|same| same)
    })
}

/// Whether every directory in `dirs` still has its recorded trusted
/// modification time: then nothing was added to, removed from or renamed in
/// it since its stamp was taken.
pub(super) fn dirs_unchanged(dirs: &[(&str, Stamp)]) -> bool {
    dirs.iter().all(|(dir, recorded)| {
        recorded.mtime_ns.is_some()
            && rustix::fs::stat(*dir).is_ok_and(|now| mtime_ns(&now) == recorded.mtime_ns)
    })
}

/// [`files_unchanged`] for one run of files, in order, keeping the last
/// directory's descriptor open.
fn part_unchanged(files: &[(&str, Stamp)]) -> bool {
    let mut open: Option<(&str, OwnedFd)> = None;
    for (path, recorded) in files {
        let now = match split(path) {
            Some((parent, name)) => {
                if open.as_ref().is_none_or(|(dir, _)| *dir != parent) {
                    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
                    match rustix::fs::openat(CWD, parent, flags, Mode::empty()) {
                        Ok(fd) => open = Some((parent, fd)),
                        Err(_) => return false,
                    }
                }
                let Some((_, fd)) = &open else {
                    return false;
                };
                rustix::fs::statat(fd, name, AtFlags::empty())
            }
            None => rustix::fs::stat(*path),
        };
        let Ok(now) = now else {
            return false;
        };
        let same = u64::try_from(now.st_size).is_ok_and(|b| b == recorded.bytes)
            && mtime_ns(&now) == recorded.mtime_ns;
        if !same {
            return false;
        }
    }
    true
}

/// A path as its directory and a plain name in it (`data/articles`,
/// `a.txt`); `None` when it has no directory part or its last part is not
/// a plain name (`.`, `..`), and it is looked at whole.
fn split(path: &str) -> Option<(&str, &str)> {
    let (parent, name) = path.rsplit_once('/')?;
    let parent = if parent.is_empty() { "/" } else { parent };
    (!matches!(name, "" | "." | "..")).then_some((parent, name))
}

/// A stat's modification time in nanoseconds since 1970, as [`Stamp::of`] gives it.
fn mtime_ns(stat: &rustix::fs::Stat) -> Option<i64> {
    #[allow(clippy::unnecessary_cast)] // the fields' types differ between platforms
    let (seconds, nanos) = (stat.st_mtime as i64, stat.st_mtime_nsec as i64);
    if seconds < 0 {
        return None;
    }
    seconds.checked_mul(1_000_000_000)?.checked_add(nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_its_stamp_is_unchanged_and_one_rewritten_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let shown = path.display().to_string();
        let stamp = Stamp::of(&path).unwrap();
        assert!(stamp.mtime_ns.is_some());
        assert!(files_unchanged(&[(&shown, stamp)]));
        std::fs::write(&path, "two").unwrap();
        assert!(!files_unchanged(&[(&shown, stamp)]));
        std::fs::remove_file(&path).unwrap();
        assert!(!files_unchanged(&[(&shown, stamp)]));
    }

    #[test]
    fn paths_split_into_directory_and_name() {
        assert_eq!(
            split("data/articles/a.txt"),
            Some(("data/articles", "a.txt"))
        );
        assert_eq!(split("/a.txt"), Some(("/", "a.txt")));
        assert_eq!(split("a.txt"), None);
        assert_eq!(split("data/.."), None);
        assert_eq!(split("data/"), None);
    }
}
