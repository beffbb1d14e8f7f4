//! The one writer of generated files.
//!
//! Every generated file of the workspace (pages, the spec schema, the browser package, the
//! validators a build script compiles, the service's embedded assets) is written through
//! [`write_if_changed`], so an unchanged file keeps its timestamp (and does not make cargo
//! rebuild what depends on it) and a reader never sees half a file.

use std::path::Path;

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
