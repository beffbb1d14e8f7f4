//! The one writer of generated files, and the one freshness check of checked-in ones.
//!
//! Every generated file of the workspace (pages, the spec schema, the browser package, the
//! validators a build script compiles, the service's embedded assets) is written through
//! [`write_if_changed`], so an unchanged file keeps its timestamp (and does not make cargo
//! rebuild what depends on it) and a reader never sees half a file. Every checked-in
//! generated tree (pages, browser package, schema, codegen goldens) is compared through
//! [`compare`], reporting a [`Drift`].

use std::fmt;
use std::path::Path;

/// How a checked-in generated file differs from what its generator makes now.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Drift {
    /// The file exists with other contents.
    Stale(String),
    /// The file does not exist.
    Missing(String),
    /// The generator wrote this file earlier but would not write it now.
    Extra(String),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Stale(p) => write!(f, "{p} is stale"),
            Drift::Missing(p) => write!(f, "{p} is missing"),
            Drift::Extra(p) => write!(f, "{p} is no longer generated (its spec or method is gone)"),
        }
    }
}

/// Compares `dir/rel` with `contents`: `None` when it holds exactly them.
pub fn compare(dir: &Path, rel: &str, contents: &str) -> std::io::Result<Option<Drift>> {
    match std::fs::read(dir.join(rel)) {
        Ok(old) if old == contents.as_bytes() => Ok(None),
        Ok(_) => Ok(Some(Drift::Stale(rel.to_owned()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(Some(Drift::Missing(rel.to_owned())))
        }
        Err(e) => Err(e),
    }
}

/// Replaces `path` with `contents` atomically (a temporary file beside it, then a
/// rename), unless it already holds them; creates missing directories. Whether it
/// wrote.
pub fn write_if_changed(path: &Path, contents: &str) -> std::io::Result<bool> {
    write_file(path, contents, true)
}

/// [`write_if_changed`], comparing with the file's contents first only when `compare`
/// (a caller that knows the file is new, such as a page in an empty directory, skips
/// the read).
pub fn write_file(path: &Path, contents: &str, compare: bool) -> std::io::Result<bool> {
    if compare && std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.tmp~"));
    // The directory is created only when the write finds it missing: asking first would
    // cost a `mkdir` and a `stat` for every file of a directory that already exists.
    match std::fs::write(&tmp, contents) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir)?;
            std::fs::write(&tmp, contents)?;
        }
        other => other?,
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_tells_fresh_stale_and_missing_apart() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_if_changed(&dir.path().join("a/b.txt"), "one").unwrap());
        assert!(!write_if_changed(&dir.path().join("a/b.txt"), "one").unwrap());
        assert_eq!(compare(dir.path(), "a/b.txt", "one").unwrap(), None);
        assert_eq!(
            compare(dir.path(), "a/b.txt", "two").unwrap(),
            Some(Drift::Stale("a/b.txt".into()))
        );
        assert_eq!(
            compare(dir.path(), "c.txt", "one").unwrap(),
            Some(Drift::Missing("c.txt".into()))
        );
        // No temporary file is left beside a written one.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("a"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }
}
