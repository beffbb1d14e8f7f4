//! What a `check` run reports: its problems, what it was asked to compare, and the
//! listing with a count per code. The freshness checks of each generated tree
//! ([`crate::docs`], [`crate::js`]) report through these too.

use std::collections::BTreeMap;
use std::path::Path;

/// One problem of a check run: its code (`E022`) and its rendered text.
pub struct Problem {
    /// `E0xx`.
    pub code: String,
    /// The text, as printed.
    pub text: String,
}

impl Problem {
    /// A problem whose text starts with `error[E0xx]`.
    pub fn new(code: &str, text: String) -> Problem {
        Problem {
            code: code.to_owned(),
            text,
        }
    }
}

/// What `check` was asked to compare, for the commands it names in its help.
pub struct Request<'a> {
    /// The specs directory.
    pub specs: &'a Path,
    /// `--specs` as given (None: the workspace's own).
    pub specs_given: bool,
    /// The pages to compare.
    pub docs: Option<&'a Path>,
    /// `--docs` as given.
    pub docs_given: bool,
    /// `--max-diagnostics`: list at most this many problems (all are counted).
    pub max: Option<usize>,
}

/// The listing (capped at `max`), then the total and the count per error code.
pub fn report(problems: &[Problem], spec_files: usize, max: Option<usize>) -> String {
    let shown = max.unwrap_or(usize::MAX).min(problems.len());
    let mut out: Vec<String> = problems[..shown].iter().map(|p| p.text.clone()).collect();
    if shown < problems.len() {
        out.push(format!(
            "… {} more problem{} not listed (--max-diagnostics {shown}); all are counted below",
            problems.len() - shown,
            if problems.len() - shown == 1 { "" } else { "s" }
        ));
    }
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for p in problems {
        *by_code.entry(p.code.as_str()).or_default() += 1;
    }
    let n = problems.len();
    let mut summary = format!("error: {n} problem{}", if n == 1 { "" } else { "s" });
    if spec_files > 0 {
        summary.push_str(&format!(
            " ({} spec file{} with errors)",
            spec_files,
            if spec_files == 1 { "" } else { "s" }
        ));
    }
    summary.push_str("; by code:");
    for (code, count) in &by_code {
        summary.push_str(&format!("\n  {code}  {count}"));
    }
    out.push(summary);
    out.join("\n")
}
