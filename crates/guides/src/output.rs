//! Writing pages to the output directory, and comparing it with what would be written.
//!
//! The generator owns exactly the files listed in the directory's manifest
//! ([`MANIFEST`]); it never touches anything else there. A file is replaced atomically
//! (a temporary file in the same directory, then a rename) and only when its contents
//! change. Files listed in the previous manifest but no longer generated (their spec or
//! method was removed) are deleted, and directories left empty by that are removed.

pub use connectspec_lang::files::Drift;
use connectspec_lang::files::{compare, write_file, write_if_changed};
use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use crate::error::DocsError;

/// The manifest file, relative to the output directory.
pub const MANIFEST: &str = ".gen-docs-manifest";

const MANIFEST_HEADER: &str =
    "# Files written by `cargo xtask gen-docs`; it removes them when their spec goes away.\n";

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path relative to the output directory, `/`-separated.
    pub path: String,
    /// The full text.
    pub contents: String,
}

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced.
    pub written: Vec<String>,
    /// Files deleted because they are no longer generated.
    pub removed: Vec<String>,
}

/// The manifest page for a set of pages (sorted paths, one per line).
pub fn manifest(pages: &[Page]) -> Page {
    let paths: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let mut contents = MANIFEST_HEADER.to_owned();
    for p in paths {
        contents.push_str(p);
        contents.push('\n');
    }
    Page {
        path: MANIFEST.to_owned(),
        contents,
    }
}

/// Paths listed in the manifest currently in `out` (empty when there is none).
fn owned(out: &Path) -> Result<BTreeSet<String>, DocsError> {
    let path = out.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            // Only plain relative paths below `out`: a hand-edited manifest cannot reach elsewhere.
            .filter(|l| !l.starts_with('/') && !l.split('/').any(|c| c == ".." || c.is_empty()))
            .map(str::to_owned)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(e) => Err(DocsError::io(&path, e)),
    }
}

/// Writes `pages` (plus the manifest) under `out` and removes pages no longer generated.
pub fn write(out: &Path, pages: &[Page]) -> Result<WriteReport, DocsError> {
    let before = owned(out)?;
    let mut report = WriteReport::default();
    // Pages are independent files: compare and write them on every core (on a slow disk
    // each open costs more than rendering the page). The manifest goes last, so it never
    // lists a page that was not written.
    let manifest = manifest(pages);
    let wrote: Vec<Result<bool, DocsError>> = io_pool().install(|| {
        pages
            .par_iter()
            .map(|page| {
                let path = out.join(&page.path);
                // A page the last run did not write is new here (or a file of someone
                // else's with the same name, replaced either way): no need to read it first.
                let compare = before.contains(&page.path);
                write_file(&path, &page.contents, compare).map_err(|e| DocsError::io(&path, e))
            })
            .collect()
    });
    for (page, wrote) in pages.iter().zip(wrote) {
        if wrote? {
            report.written.push(page.path.clone());
        }
    }
    let path = out.join(MANIFEST);
    if write_if_changed(&path, &manifest.contents).map_err(|e| DocsError::io(&path, e))? {
        report.written.push(manifest.path.clone());
    }
    let now: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    for old in before.iter().filter(|p| !now.contains(p.as_str())) {
        let path = out.join(old);
        match std::fs::remove_file(&path) {
            Ok(()) => report.removed.push(old.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(DocsError::io(&path, e)),
        }
        // Drop directories the removal left empty, up to (not including) `out`.
        let mut dir = path.parent();
        while let Some(d) = dir {
            if d == out || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(report)
}

/// Compares `out` with what [`write()`] would leave there.
pub fn drift(out: &Path, pages: &[Page]) -> Result<Vec<Drift>, DocsError> {
    let mut found = Vec::new();
    let manifest = manifest(pages);
    let all: Vec<&Page> = pages.iter().chain(std::iter::once(&manifest)).collect();
    let compared: Vec<Result<Option<Drift>, DocsError>> = io_pool().install(|| {
        all.par_iter()
            .map(|page| {
                compare(out, &page.path, &page.contents)
                    .map_err(|e| DocsError::io(&out.join(&page.path), e))
            })
            .collect()
    });
    for c in compared {
        found.extend(c?);
    }
    let now: BTreeSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    for old in owned(out)? {
        if !now.contains(old.as_str()) && out.join(&old).exists() {
            found.push(Drift::Extra(old));
        }
    }
    found.sort();
    Ok(found)
}

/// Threads for the file work: each open, create and rename mostly waits on the disk
/// (about 0.3 ms apiece on a slow one), so more of them are in flight than there are
/// cores. Falls back to the global pool if the threads cannot be started.
fn io_pool() -> rayon::ThreadPool {
    const IO_THREADS: usize = 4;
    rayon::ThreadPoolBuilder::new()
        .num_threads(IO_THREADS)
        .build()
        .or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
        .expect("a one-thread pool can be built")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, contents: &str) -> Page {
        Page {
            path: path.into(),
            contents: contents.into(),
        }
    }

    #[test]
    fn removes_only_owned_pages_and_reports_drift() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        std::fs::create_dir_all(out.join("keep")).unwrap();
        std::fs::write(out.join("keep/hand-written.md"), "mine").unwrap();
        write(out, &[page("a/x.md", "1"), page("b/y.md", "2")]).unwrap();
        assert_eq!(
            drift(out, &[page("a/x.md", "1"), page("b/y.md", "2")]).unwrap(),
            vec![]
        );

        let next = [page("a/x.md", "changed"), page("c/z.md", "3")];
        let mut d = drift(out, &next).unwrap();
        d.retain(|d| !matches!(d, Drift::Stale(p) if p == MANIFEST));
        assert_eq!(
            d,
            vec![
                Drift::Stale("a/x.md".into()),
                Drift::Missing("c/z.md".into()),
                Drift::Extra("b/y.md".into())
            ]
        );

        let r = write(out, &next).unwrap();
        assert_eq!(r.removed, vec!["b/y.md".to_string()]);
        assert!(!out.join("b").exists(), "emptied directory is removed");
        assert_eq!(
            std::fs::read_to_string(out.join("keep/hand-written.md")).unwrap(),
            "mine"
        );
        assert_eq!(drift(out, &next).unwrap(), vec![]);
        assert!(
            write(out, &next).unwrap().written.is_empty(),
            "unchanged files are not rewritten"
        );
    }
}
