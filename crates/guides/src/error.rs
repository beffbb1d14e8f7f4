//! Errors of page generation, each naming where to look.

use std::fmt;
use std::path::{Path, PathBuf};

use connectspec_lang::Diagnostics;

/// A template problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The template file (`templates/page.mdx.jinja` or an override's path).
    pub file: PathBuf,
    /// 1-based line, when the engine knows it.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
    /// The template line, shown under the message.
    pub source_line: Option<String>,
    /// The page being rendered (relative output path), if any.
    pub page: Option<String>,
}

/// Why pages could not be generated. Nothing is written when any of these occurs.
#[derive(Debug)]
pub enum DocsError {
    /// The specs do not load; the loader's diagnostics say why.
    Spec(Diagnostics),
    /// A template does not parse or fails to render.
    Template(TemplateError),
    /// The spec model holds something the loader should have refused.
    Model {
        /// The page being built.
        page: String,
        /// What is wrong.
        message: String,
    },
    /// `--scopes` names scopes no method declares.
    UnknownScopes(Vec<String>),
    /// `--actions` names actions no method declares.
    UnknownActions(Vec<String>),
    /// `--scopes` and `--actions` were both given.
    ScopesAndActions,
    /// Reading or writing a file failed.
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
}

impl DocsError {
    pub(crate) fn io(path: &Path, error: std::io::Error) -> DocsError {
        DocsError::Io {
            path: path.to_owned(),
            error,
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(
                f,
                "error: template {}:{l}: {}",
                self.file.display(),
                self.message
            )?,
            None => write!(
                f,
                "error: template {}: {}",
                self.file.display(),
                self.message
            )?,
        }
        if let (Some(l), Some(src)) = (self.line, &self.source_line) {
            write!(f, "\n  {l:>4} | {src}")?;
        }
        if let Some(page) = &self.page {
            write!(f, "\n  note: while rendering {page}")?;
        }
        Ok(())
    }
}

impl fmt::Display for DocsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocsError::Spec(d) => write!(f, "{d}\nno pages were written"),
            DocsError::Template(t) => write!(f, "{t}\nno pages were written"),
            DocsError::Model { page, message } => write!(
                f,
                "error: cannot build {page}: {message}\nno pages were written"
            ),
            DocsError::UnknownScopes(ids) => write!(
                f,
                "error: --scopes names scope(s) that no auth method declares: {}\n  help: use scope ids from the specs' `scopes:` lists",
                ids.join(", ")
            ),
            DocsError::UnknownActions(ids) => write!(
                f,
                "error: --actions names action(s) that no auth method declares: {}\n  help: use action ids from the specs' `actions:` lists (`connectspec scopes <provider> <method>` lists a method's)",
                ids.join(", ")
            ),
            DocsError::ScopesAndActions => write!(
                f,
                "error: --scopes and --actions both choose what the pages show\n  help: give one: --actions renders for the least-privilege scopes of those actions"
            ),
            DocsError::Io { path, error } => write!(f, "error: {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for DocsError {}
