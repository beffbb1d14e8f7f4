//! Loading specs: read, parse, validate structure, deserialize, check semantics.
//!
//! Loading is pure: no network, no global state beyond the compiled schema, the same
//! input always gives the same model and the same diagnostics.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::check;
use crate::diag::{Code, Diagnostic, Diagnostics, Reporter, shown};
use crate::model::ProviderSpec;
use crate::schema::{self, SCHEMA_COMMENT};
use crate::yaml::{self, Pos};

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

/// What loading does besides checking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Derive the vectors of every field with `examples: {derive: true}`, judge them
    /// with the field's checker and append them to the written ones (the default). Off,
    /// the model holds the written vectors alone, for tools that show which vector came
    /// from where ([`crate::examples::resolve`], `cargo xtask examples`).
    pub derive_examples: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            derive_examples: true,
        }
    }
}

impl Options {
    /// Checks everything, but leaves the examples as written.
    pub fn written() -> Options {
        Options {
            derive_examples: false,
        }
    }
}

/// The byte order mark some editors put at the start of a UTF-8 file.
const BOM: char = '\u{feff}';

/// The largest spec file read (real specs are a few KiB; 1,000 synthetic specs total a
/// few MiB). A larger file is reported, not read.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Loads one spec from text. `path` names the file in diagnostics and gives the stem
/// the provider id must equal.
///
/// A leading UTF-8 byte order mark is accepted and dropped before anything else, so
/// the first line is compared without it and every line and column is counted as an
/// editor shows it (the mark occupies no column).
pub fn load_str(path: &Path, text: &str) -> Result<ProviderSpec, Diagnostics> {
    load_str_with(path, text, Options::default())
}

/// [`load_str`] with [`Options`].
pub fn load_str_with(
    path: &Path,
    text: &str,
    options: Options,
) -> Result<ProviderSpec, Diagnostics> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
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
            let (code, label, help) = if e.too_large {
                (
                    Code::TooLarge,
                    "the limit was passed here",
                    "real specs stay far below this limit; write the values out without deep nesting or aliases, and check that this is the right file",
                )
            } else {
                (
                    Code::YamlSyntax,
                    "the parser stopped here",
                    "fix the YAML syntax (indentation, quoting, brackets); nothing else is checked until it parses",
                )
            };
            return Err(Diagnostics(vec![Diagnostic {
                code,
                file: path.to_owned(),
                pos,
                message: if e.too_large {
                    e.message
                } else {
                    format!("YAML syntax error: {}", e.message)
                },
                label: label.into(),
                help: Some(help.into()),
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
    for d in locs.duplicates() {
        rep.push(
            Code::DuplicateKey,
            d.again,
            format!(
                "key `{}` is given twice in the same mapping (first on line {}, column {})",
                d.key, d.first.line, d.first.column
            ),
            "given again here".into(),
            Some(
                "remove one of them: YAML keeps only the last value, so the first would be ignored"
                    .into(),
            ),
            true,
        );
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
    let mut spec: ProviderSpec = match serde_json::from_value(doc) {
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
    crate::check::host_limits::apply(&mut spec);
    if options.derive_examples {
        crate::examples::derive_all(&mut spec, &mut rep);
    }
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
///
/// Whatever stands behind a spec file's name is either loaded or reported: a directory,
/// FIFO, socket or device, a dangling or looping symbolic link, an unreadable file, a
/// file over [`MAX_FILE_BYTES`] and one that is not UTF-8 are each a diagnostic naming
/// the path and what to do. A FIFO or device is never opened.
pub fn load_file(path: &Path) -> Result<LoadedSpec, Diagnostics> {
    load_file_with(path, Options::default())
}

/// [`load_file`] with [`Options`].
pub fn load_file_with(path: &Path, options: Options) -> Result<LoadedSpec, Diagnostics> {
    let text = read_spec(path)?;
    let spec = load_str_with(path, &text, options)?;
    Ok(LoadedSpec {
        path: path.to_owned(),
        spec,
    })
}

/// The text of a spec file, or the diagnostic for why there is none.
pub(crate) fn read_spec(path: &Path) -> Result<String, Diagnostics> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Err(file_diag(path, not_followed(path, &e))),
    };
    if meta.is_dir() {
        return Err(file_diag(
            path,
            FileProblem::not_a_file(
                "is a directory, not a spec file",
                "rename the directory so its name does not end in `.yaml` or `.yml`, or move it out of the specs directory",
            ),
        ));
    }
    if !meta.is_file() {
        let what = special_kind(&meta.file_type());
        return Err(file_diag(
            path,
            FileProblem::not_a_file(
                &format!("is {what}, not a regular file"),
                "a spec must be a regular file (or a symbolic link to one); remove this entry or rename it so its name does not end in `.yaml` or `.yml`",
            ),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_diag(
            path,
            FileProblem {
                code: Code::TooLarge,
                message: format!(
                    "is {} bytes; a spec file may have at most {MAX_FILE_BYTES} bytes",
                    meta.len()
                ),
                help: "a spec describes one provider and is a few KiB; check that this is the right file".into(),
            },
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| file_diag(path, unreadable(&e)))?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, &e))
}

/// What is wrong with a file as a whole.
struct FileProblem {
    code: Code,
    /// Follows the path in the message: "`x.yaml` is a directory …".
    message: String,
    help: String,
}

impl FileProblem {
    fn not_a_file(message: &str, help: &str) -> Self {
        FileProblem {
            code: Code::NotAFile,
            message: message.to_owned(),
            help: help.to_owned(),
        }
    }
}

fn file_diag(path: &Path, p: FileProblem) -> Diagnostics {
    Diagnostics(vec![Diagnostic {
        code: p.code,
        file: path.to_owned(),
        pos: Pos::default(),
        message: format!("{} {}", path.display(), p.message),
        label: String::new(),
        help: Some(p.help),
        source: None,
    }])
}

/// Why `metadata` could not follow `path`: a dangling or looping symbolic link, or an
/// error reading the file system. The chain of links is walked here (not inferred from
/// an OS error number), so each case is named the same way on every platform.
fn not_followed(path: &Path, e: &std::io::Error) -> FileProblem {
    let mut seen = std::collections::HashSet::new();
    let mut at = path.to_path_buf();
    // Past this many links the OS gives up as well.
    for _ in 0..40 {
        let Ok(meta) = std::fs::symlink_metadata(&at) else {
            if at.as_path() == path {
                break;
            }
            let to = std::fs::read_link(path).unwrap_or(at);
            return FileProblem::not_a_file(
                &format!(
                    "is a symbolic link to {}, which does not exist",
                    to.display()
                ),
                "point the link at an existing spec file, or remove it",
            );
        };
        if !meta.file_type().is_symlink() {
            break;
        }
        if !seen.insert(at.clone()) {
            return loop_problem();
        }
        let Ok(next) = std::fs::read_link(&at) else {
            break;
        };
        at = match at.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    if seen.len() >= 40 {
        return loop_problem();
    }
    unreadable(e)
}

fn loop_problem() -> FileProblem {
    FileProblem::not_a_file(
        "is a symbolic link that leads back to itself (a loop of links)",
        "point the link at an existing spec file, or remove it",
    )
}

fn unreadable(e: &std::io::Error) -> FileProblem {
    let (message, help) = match e.kind() {
        std::io::ErrorKind::PermissionDenied => (
            "cannot be read: permission denied".to_owned(),
            "make the file readable by the user running the check (e.g. `chmod a+r`)",
        ),
        std::io::ErrorKind::NotFound => (
            "does not exist (it was removed while loading)".to_owned(),
            "run the check again",
        ),
        _ => (
            format!("cannot be read: {}", io_reason(e)),
            "check that the file is readable (disk, mount, permissions) and run the check again",
        ),
    };
    FileProblem {
        code: Code::Io,
        message,
        help: help.to_owned(),
    }
}

/// An I/O error's description without the OS error number.
fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Not UTF-8: located at the first bad byte. The snippet shows the file decoded with
/// replacement characters; the text before the bad byte is unchanged by that, so the
/// line, column and offset are those of the file.
fn not_utf8(path: &Path, e: &std::string::FromUtf8Error) -> Diagnostics {
    let bytes = e.as_bytes();
    let at = e.utf8_error().valid_up_to();
    let before = std::str::from_utf8(&bytes[..at]).expect("valid up to here");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    let source = String::from_utf8_lossy(bytes);
    Diagnostics(vec![Diagnostic {
        code: Code::NotUtf8,
        file: path.to_owned(),
        pos: Pos {
            line: line as u32,
            column: column as u32,
            offset: at,
            len: '\u{fffd}'.len_utf8().min(source.len() - at),
        },
        message: "the file is not UTF-8".into(),
        label: format!("byte 0x{:02X} is not UTF-8", bytes[at]),
        help: Some("save the file as UTF-8 (a spec is UTF-8 text)".into()),
        source: Some(Arc::from(source.as_ref())),
    }])
}

/// The spec files of a directory: every entry named `*.yaml` or `*.yml`, sorted by
/// name, whatever it is. The loader reports an entry that is not a readable regular file
/// (a directory, a FIFO, a dangling link) instead of skipping it.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str());
        if matches!(ext, Some("yaml" | "yml")) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Loads every spec of `dir`; all diagnostics of all files at once.
pub fn load_dir(dir: &Path) -> Result<Catalogue, Diagnostics> {
    load_dir_with(dir, Options::default())
}

/// [`load_dir`] with [`Options`].
pub fn load_dir_with(dir: &Path, options: Options) -> Result<Catalogue, Diagnostics> {
    let files = spec_files(dir).map_err(|e| {
        file_diag(
            dir,
            FileProblem {
                code: Code::Io,
                message: format!("cannot be listed: {}", io_reason(&e)),
                help: "check that the specs directory exists and is readable".into(),
            },
        )
    })?;
    let mut diags = Vec::new();
    let mut specs = Vec::new();
    // Files are independent: load them on every core (a catalogue of 1,000 specs is
    // otherwise most of gen-docs' time). `collect` keeps file order, so diagnostics and
    // the catalogue are the same on every run.
    let loaded: Vec<Result<LoadedSpec, Diagnostics>> = files
        .par_iter()
        .map(|f| load_file_with(f, options))
        .collect();
    for r in loaded {
        match r {
            Ok(s) => specs.push(s),
            Err(d) => diags.extend(d.0),
        }
    }
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for s in &specs {
        if let Some(first) = seen.get(&s.spec.id) {
            let text = read_spec(&s.path).unwrap_or_default();
            let text = text.strip_prefix(BOM).unwrap_or(&text);
            let (_, locs) = yaml::parse(text).unwrap_or_default();
            let mut rep = Reporter {
                file: &s.path,
                source: Arc::from(text),
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
