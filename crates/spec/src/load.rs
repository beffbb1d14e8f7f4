//! Loading specs: read, parse, validate structure, deserialize, check semantics.
//!
//! Loading is pure: no network, no global state beyond the compiled schema, the same
//! input always gives the same model and the same diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::check;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::model::ProviderSpec;
use crate::schema::{self, SCHEMA_COMMENT};
use crate::yaml::{self, Locations, Pos};

/// A spec and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedSpec {
    /// The file.
    pub path: PathBuf,
    /// The model.
    pub spec: ProviderSpec,
}

/// Every spec of a directory, sorted by provider id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// The specs.
    pub specs: Vec<LoadedSpec>,
}

impl Catalogue {
    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&ProviderSpec> {
        self.specs.iter().map(|s| &s.spec).find(|s| s.id == id)
    }

    /// Iterates over the provider specs.
    pub fn iter(&self) -> impl Iterator<Item = &ProviderSpec> {
        self.specs.iter().map(|s| &s.spec)
    }
}

/// Reports problems at JSON pointers of one file.
pub(crate) struct Reporter<'a> {
    pub file: &'a Path,
    pub source: Arc<str>,
    pub locs: &'a Locations,
    pub out: Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn push(
        &mut self,
        code: Code,
        pos: Pos,
        message: String,
        label: String,
        help: Option<String>,
        show: bool,
    ) {
        self.out.push(Diagnostic {
            code,
            file: self.file.to_owned(),
            pos,
            message,
            label,
            help,
            source: show.then(|| self.source.clone()),
        });
    }

    /// A problem with the value at `ptr`.
    pub fn value(
        &mut self,
        ptr: &str,
        code: Code,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        let pos = self.locs.value(ptr);
        self.push(
            code,
            pos,
            message.into(),
            label.into(),
            Some(help.into()),
            true,
        );
    }

    /// A problem with the key that introduces `ptr`.
    pub fn key(
        &mut self,
        ptr: &str,
        code: Code,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        let pos = self.locs.key(ptr);
        self.push(
            code,
            pos,
            message.into(),
            label.into(),
            Some(help.into()),
            true,
        );
    }

    /// A problem with a secret value: located, but the source line is not shown.
    pub fn secret(
        &mut self,
        ptr: &str,
        code: Code,
        message: impl Into<String>,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        let pos = self.locs.value(ptr);
        self.push(
            code,
            pos,
            message.into(),
            label.into(),
            Some(help.into()),
            false,
        );
    }
}

/// Shows a value in a label: backquoted, shortened when long.
pub(crate) fn shown(v: &str) -> String {
    let mut s: String = v.chars().take(60).collect();
    if s.len() < v.len() {
        s.push('…');
    }
    format!("`{s}`")
}

/// Loads one spec from text. `path` names the file in diagnostics and gives the stem
/// the provider id must equal.
pub fn load_str(path: &Path, text: &str) -> Result<ProviderSpec, Diagnostics> {
    let source: Arc<str> = Arc::from(text);
    let (doc, locs) = match yaml::parse(text) {
        Ok(x) => x,
        Err(e) => {
            let pos = e.pos.unwrap_or(Pos {
                line: 1,
                column: 1,
                offset: 0,
                len: 0,
            });
            return Err(Diagnostics(vec![Diagnostic {
                code: Code::YamlSyntax,
                file: path.to_owned(),
                pos,
                message: format!("YAML syntax error: {}", e.message),
                label: "the parser stopped here".into(),
                help: Some("fix the YAML syntax (indentation, quoting, brackets); nothing else is checked until it parses".into()),
                source: Some(source),
            }]));
        }
    };
    let mut rep = Reporter {
        file: path,
        source,
        locs: &locs,
        out: Vec::new(),
    };
    if text.lines().next() != Some(SCHEMA_COMMENT) {
        rep.out.push(Diagnostic {
            code: Code::InvalidValue,
            file: path.to_owned(),
            pos: Pos {
                line: 1,
                column: 1,
                offset: 0,
                len: text.lines().next().map_or(0, str::len),
            },
            message: "the first line must name the spec schema".into(),
            label: "expected the yaml-language-server comment here".into(),
            help: Some(format!("make the first line `{SCHEMA_COMMENT}`")),
            source: Some(rep.source.clone()),
        });
    }
    report_todos(&doc, &mut rep);
    let problems = schema::validate(&doc);
    for p in &problems {
        let label = if p.code == Code::MissingKey {
            "the mapping that lacks it starts here".to_owned()
        } else if p.at_key {
            "here".to_owned()
        } else {
            match doc.pointer(&p.pointer) {
                Some(serde_json::Value::String(s)) => shown(s),
                Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
                    format!("`{v}`")
                }
                _ => "here".to_owned(),
            }
        };
        let help = p.help.clone().unwrap_or_default();
        if p.at_key {
            rep.key(&p.pointer, p.code, &p.message, label, help);
        } else {
            rep.value(&p.pointer, p.code, &p.message, label, help);
        }
    }
    if !problems.is_empty() {
        return Err(finish(rep.out));
    }
    let spec: ProviderSpec = match serde_json::from_value(doc) {
        Ok(s) => s,
        Err(e) => {
            rep.value(
                "",
                Code::InvalidValue,
                format!("the spec does not fit the model: {e}"),
                "here",
                "see schema/provider-spec.schema.json",
            );
            return Err(finish(rep.out));
        }
    };
    check::check(&spec, &mut rep);
    if rep.out.is_empty() {
        Ok(spec)
    } else {
        Err(finish(rep.out))
    }
}

/// Scaffolded specs mark what the author must fill in with `TODO`; none may remain.
/// The walk keeps the path as a stack of tokens and builds a pointer only for a hit.
fn report_todos(v: &serde_json::Value, rep: &mut Reporter<'_>) {
    fn walk<'v>(v: &'v serde_json::Value, path: &mut Vec<Token<'v>>, rep: &mut Reporter<'_>) {
        match v {
            serde_json::Value::String(s) if s.contains("TODO") => {
                let ptr: String = path.iter().map(Token::to_pointer_part).collect();
                rep.value(
                    &ptr,
                    Code::InvalidValue,
                    "unfinished scaffold value",
                    shown(s),
                    "replace the TODO with the provider's real value",
                );
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    path.push(Token::Index(i));
                    walk(x, path, rep);
                    path.pop();
                }
            }
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    path.push(Token::Key(k));
                    walk(x, path, rep);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    walk(v, &mut Vec::new(), rep);
}

/// One step of a JSON pointer.
enum Token<'v> {
    Index(usize),
    Key(&'v str),
}

impl Token<'_> {
    fn to_pointer_part(&self) -> String {
        match self {
            Token::Index(i) => format!("/{i}"),
            Token::Key(k) => format!("/{}", crate::yaml::escape_token(k)),
        }
    }
}

fn finish(out: Vec<Diagnostic>) -> Diagnostics {
    let mut d = Diagnostics(out);
    d.sort();
    d
}

/// Loads one spec file.
pub fn load_file(path: &Path) -> Result<LoadedSpec, Diagnostics> {
    let text = std::fs::read_to_string(path).map_err(|e| io_diag(path, &e))?;
    let spec = load_str(path, &text)?;
    Ok(LoadedSpec {
        path: path.to_owned(),
        spec,
    })
}

fn io_diag(path: &Path, e: &std::io::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic {
        code: Code::Io,
        file: path.to_owned(),
        pos: Pos {
            line: 0,
            column: 0,
            offset: 0,
            len: 0,
        },
        message: format!("cannot read {}: {e}", path.display()),
        label: String::new(),
        help: Some("check that the path exists and is readable".into()),
        source: None,
    }])
}

/// The spec files of a directory (`*.yaml`, `*.yml`), sorted by name.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str());
        if path.is_file() && matches!(ext, Some("yaml" | "yml")) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Loads every spec of `dir`; all diagnostics of all files at once.
pub fn load_dir(dir: &Path) -> Result<Catalogue, Diagnostics> {
    let files = spec_files(dir).map_err(|e| io_diag(dir, &e))?;
    let mut diags = Vec::new();
    let mut specs = Vec::new();
    // Files are independent: load them on every core (a catalogue of 1,000 specs is
    // otherwise most of gen-docs' time). `collect` keeps file order, so diagnostics and
    // the catalogue are the same on every run.
    let loaded: Vec<Result<LoadedSpec, Diagnostics>> =
        files.par_iter().map(|f| load_file(f)).collect();
    for r in loaded {
        match r {
            Ok(s) => specs.push(s),
            Err(d) => diags.extend(d.0),
        }
    }
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for s in &specs {
        if let Some(first) = seen.get(&s.spec.id) {
            let text = std::fs::read_to_string(&s.path).unwrap_or_default();
            let (_, locs) = yaml::parse(&text).unwrap_or_default();
            let mut rep = Reporter {
                file: &s.path,
                source: Arc::from(text.as_str()),
                locs: &locs,
                out: Vec::new(),
            };
            rep.value(
                "/id",
                Code::DuplicateId,
                format!(
                    "provider id `{}` is already used by {}",
                    s.spec.id,
                    first.display()
                ),
                shown(&s.spec.id),
                "keep one spec per provider: merge the two files or remove one",
            );
            diags.extend(rep.out);
        } else {
            seen.insert(s.spec.id.clone(), s.path.clone());
        }
    }
    if !diags.is_empty() {
        return Err(finish(diags));
    }
    specs.sort_by(|a, b| a.spec.id.cmp(&b.spec.id));
    Ok(Catalogue { specs })
}
