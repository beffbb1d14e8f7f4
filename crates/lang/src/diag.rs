//! Diagnostics: located, explained, rendered like rustc's.
//!
//! Every mistake a spec author can make becomes one [`Diagnostic`] with a stable code,
//! the file and position, the offending value (unless it is a secret example), and what
//! to do about it. The loader collects all of them before reporting.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::yaml::{Locations, Pos};

/// The classes of mistakes, each with a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file cannot be read (permission denied, an I/O error).
    Io,
    /// The YAML does not parse.
    YamlSyntax,
    /// A key the spec language does not have.
    UnknownKey,
    /// A required key is absent.
    MissingKey,
    /// A value of the wrong type.
    WrongType,
    /// A value outside the allowed set or shape.
    InvalidValue,
    /// A mapping key given twice in the same mapping.
    DuplicateKey,
    /// The file is not UTF-8.
    NotUtf8,
    /// A `*.yaml` name that is not a regular file: a directory, FIFO, socket or device,
    /// a dangling symbolic link or a loop of links.
    NotAFile,
    /// The file or document exceeds a size limit (bytes, YAML values, nesting, aliases).
    TooLarge,
    /// `id` differs from the file stem.
    IdMismatch,
    /// Two things share an id.
    DuplicateId,
    /// An id that is not snake_case (or a malformed slug).
    InvalidId,
    /// A field key that is also the name of a method every generated credential type
    /// has (`meta`, `from_json`, …).
    ReservedKey,
    /// A category that is not one of the closed list ([`crate::model::CATEGORIES`]).
    UnknownCategory,
    /// A pattern the regex crate rejects.
    InvalidRegex,
    /// A pattern without `^` … `$`.
    UnanchoredPattern,
    /// A valid example the field rejects.
    ValidExampleFails,
    /// An invalid example the field accepts.
    InvalidExamplePasses,
    /// A constrained field without examples.
    MissingExamples,
    /// A pattern with a construct that has no exact ECMAScript equivalent (the browser
    /// validators and the form schema need one).
    UntranslatablePattern,
    /// `{field.param}` names a parameter the field's options do not all define, or
    /// the options of a field define different parameters.
    UnknownParam,
    /// An optional field in a required position of a URL (the URL would be broken
    /// without it): it needs a `{field|default}` or an optional part `{?…}`.
    OptionalInRequiredPosition,
    /// A `default` that is not one of the field's option values, or that comes with
    /// `optional` or without options.
    InvalidDefault,
    /// An `extract_from_url` template that is not an https URL with one `{value}`
    /// standing for a whole host label or path segment.
    InvalidExtractTemplate,
    /// A scope id that is not declared.
    UndeclaredScope,
    /// A `{placeholder}` naming no field or derived value.
    UnknownPlaceholder,
    /// A malformed template.
    InvalidTemplate,
    /// A field whose key looks secret but that is not marked `secret: true`.
    SecretNotMarked,
    /// An enum with a repeated value or label.
    DuplicateOption,
    /// A URL that is not https, or a guide link target that is neither an https URL
    /// nor a site path (`/…`): protocol-relative (`//host`), backslashes, spaces.
    NotHttps,
    /// Raw HTML or markup outside the supported inline subset.
    UnsupportedMarkup,
    /// A guide, section or step with nothing in it.
    EmptyGuide,
    /// Limits that cannot all hold.
    ContradictoryLimits,
    /// A reference to a field, limit or option that does not exist.
    UnknownReference,
    /// A value in a URL template that could leave the method's allowed hosts, or
    /// change the URL's structure.
    UnconfinedUrl,
    /// A method that does not say where its requests may go.
    MissingAllowedHosts,
    /// A base URL taken whole from a field (self-hosted products) that is not an
    /// https URL field, or `*` in `allowed_hosts` without such a base URL.
    UserBaseUrl,
    /// OAuth keys that do not fit the method: `kind: oauth2` without `grant` or
    /// `oauth`, OAuth keys on a static method, or an endpoint the grant needs (or
    /// cannot use).
    OAuthGrant,
    /// The setup fields lack the client id or secret the grant and client
    /// authentication need, or mark them wrongly.
    OAuthClient,
    /// A token exchange that does not fit the method: `kind: token_exchange` without
    /// `exchange` (or the reverse), an `{assertion}` without `assertion`, a body on a
    /// GET, a bad pointer or capture.
    Exchange,
    /// A private-key field or JWT assertion that cannot work: a key field that is not
    /// secret, a key file without the member holding the key, an assertion naming a
    /// field without `private_key`, algorithms that disagree, a lifetime out of range.
    PrivateKey,
    /// OAuth discovery or dynamic registration that does not fit: `client: dynamic`
    /// without `discovery`, endpoints named as well as discovered, a grant other than
    /// the authorization code.
    Discovery,
    /// A connection-test body that cannot be sent: on a method other than POST, an
    /// empty GraphQL query, variables that are not an object.
    RequestBody,
    /// A response check's or the identity's `pointer` that is not an RFC 6901 JSON
    /// pointer.
    BadPointer,
    /// A response check with no condition, several, or `non_empty: false`.
    CheckCondition,
    /// Request signing that cannot work: a signing key that names no secret field, an
    /// empty or repeated message part, a `timestamp` part without `timestamp`, a name
    /// that clashes.
    Signing,
    /// A computed value with neither or both of `base64` and `constant`, or a key
    /// that clashes.
    ComputedValue,
    /// A per-request value (the signature, the time stamp, or a value computed from
    /// them) where the request is not yet known: the query or a URL.
    SignedValueMisplaced,
    /// A connection test's `identity` that cannot tell accounts apart: on a HEAD test
    /// (no body to read it from), or at a member a response check requires to be absent
    /// or pins to one value.
    BadIdentity,
    /// A scope that includes itself, directly or through other scopes' `includes`.
    ScopeCycle,
    /// `examples: {derive: true}` on a field with no rule to derive from, a pattern
    /// derive cannot build values of, or rules that leave no valid (or no invalid)
    /// value to derive.
    ExamplesNotDerivable,
    /// The checked-in spec schema is stale (`cargo xtask check`).
    Stale,
    /// The checked-in guide pages differ from what the specs render (`cargo xtask check`).
    StalePages,
    /// The checked-in browser validators package differs from what the specs generate
    /// (`cargo xtask check`).
    StalePackage,
    /// A translation key that names no text of the spec, a translation file of a spec
    /// that does not exist, or a locale directory that is not a locale of connectspec.
    UnknownTextKey,
    /// A translation that drops, adds or renames a `{placeholder}` of the English.
    PlaceholderChanged,
    /// A translation whose link targets differ from the English's.
    LinkChanged,
    /// A translation whose code spans or bold UI labels differ from the English's (they
    /// name what the end user sees on the provider's screen), without saying so.
    UiLabelChanged,
    /// A translation whose numbers differ from the English's.
    NumberChanged,
    /// A translation made from an older English text: its `source` fingerprint is not
    /// the English's now (gettext's fuzzy flag).
    StaleTranslation,
    /// A message catalogue (`locales/<locale>/<area>.ftl`) that does not parse, holds an
    /// id twice, or a locale directory that is not a locale of connectspec.
    CatalogueSyntax,
    /// A message of the English catalogue that a locale's catalogue lacks.
    MissingMessage,
    /// A message the English catalogue does not have.
    UnknownMessage,
    /// A translated message that uses other `$arguments` than the English.
    ArgumentsChanged,
    /// A plural select that lacks a category (CLDR) the locale needs.
    MissingPlural,
}

impl Code {
    /// `E0xx` code.
    pub fn id(self) -> &'static str {
        match self {
            Code::Io => "E000",
            Code::YamlSyntax => "E001",
            Code::UnknownKey => "E002",
            Code::MissingKey => "E003",
            Code::WrongType => "E004",
            Code::InvalidValue => "E005",
            Code::DuplicateKey => "E006",
            Code::NotUtf8 => "E007",
            Code::NotAFile => "E008",
            Code::TooLarge => "E009",
            Code::IdMismatch => "E010",
            Code::DuplicateId => "E011",
            Code::InvalidId => "E012",
            Code::ReservedKey => "E013",
            Code::UnknownCategory => "E014",
            Code::InvalidRegex => "E020",
            Code::UnanchoredPattern => "E021",
            Code::ValidExampleFails => "E022",
            Code::InvalidExamplePasses => "E023",
            Code::MissingExamples => "E024",
            Code::UntranslatablePattern => "E025",
            Code::UnknownParam => "E026",
            Code::OptionalInRequiredPosition => "E027",
            Code::InvalidDefault => "E028",
            Code::InvalidExtractTemplate => "E029",
            Code::UndeclaredScope => "E030",
            Code::UnknownPlaceholder => "E031",
            Code::InvalidTemplate => "E032",
            Code::SecretNotMarked => "E033",
            Code::DuplicateOption => "E034",
            Code::NotHttps => "E035",
            Code::UnsupportedMarkup => "E036",
            Code::EmptyGuide => "E037",
            Code::ContradictoryLimits => "E038",
            Code::UnknownReference => "E039",
            Code::UnconfinedUrl => "E040",
            Code::MissingAllowedHosts => "E041",
            Code::UserBaseUrl => "E042",
            Code::OAuthGrant => "E050",
            Code::OAuthClient => "E051",
            Code::Exchange => "E052",
            Code::PrivateKey => "E053",
            Code::Discovery => "E054",
            Code::RequestBody => "E060",
            Code::BadPointer => "E061",
            Code::CheckCondition => "E062",
            Code::Signing => "E063",
            Code::ComputedValue => "E064",
            Code::SignedValueMisplaced => "E065",
            Code::BadIdentity => "E066",
            Code::ScopeCycle => "E070",
            Code::ExamplesNotDerivable => "E071",
            Code::Stale => "E090",
            Code::StalePages => "E091",
            Code::StalePackage => "E092",
            Code::UnknownTextKey => "E100",
            Code::PlaceholderChanged => "E101",
            Code::LinkChanged => "E102",
            Code::UiLabelChanged => "E103",
            Code::NumberChanged => "E104",
            Code::StaleTranslation => "E105",
            Code::CatalogueSyntax => "E106",
            Code::MissingMessage => "E107",
            Code::UnknownMessage => "E108",
            Code::ArgumentsChanged => "E109",
            Code::MissingPlural => "E110",
        }
    }

    /// Every code, in the order of their ids (the broken-spec corpus proves each one).
    pub const ALL: [Code; 66] = [
        Code::Io,
        Code::YamlSyntax,
        Code::UnknownKey,
        Code::MissingKey,
        Code::WrongType,
        Code::InvalidValue,
        Code::DuplicateKey,
        Code::NotUtf8,
        Code::NotAFile,
        Code::TooLarge,
        Code::IdMismatch,
        Code::DuplicateId,
        Code::InvalidId,
        Code::ReservedKey,
        Code::UnknownCategory,
        Code::InvalidRegex,
        Code::UnanchoredPattern,
        Code::ValidExampleFails,
        Code::InvalidExamplePasses,
        Code::MissingExamples,
        Code::UntranslatablePattern,
        Code::UnknownParam,
        Code::OptionalInRequiredPosition,
        Code::InvalidDefault,
        Code::InvalidExtractTemplate,
        Code::UndeclaredScope,
        Code::UnknownPlaceholder,
        Code::InvalidTemplate,
        Code::SecretNotMarked,
        Code::DuplicateOption,
        Code::NotHttps,
        Code::UnsupportedMarkup,
        Code::EmptyGuide,
        Code::ContradictoryLimits,
        Code::UnknownReference,
        Code::UnconfinedUrl,
        Code::MissingAllowedHosts,
        Code::UserBaseUrl,
        Code::OAuthGrant,
        Code::OAuthClient,
        Code::Exchange,
        Code::PrivateKey,
        Code::Discovery,
        Code::RequestBody,
        Code::BadPointer,
        Code::CheckCondition,
        Code::Signing,
        Code::ComputedValue,
        Code::SignedValueMisplaced,
        Code::BadIdentity,
        Code::ScopeCycle,
        Code::ExamplesNotDerivable,
        Code::Stale,
        Code::StalePages,
        Code::StalePackage,
        Code::UnknownTextKey,
        Code::PlaceholderChanged,
        Code::LinkChanged,
        Code::UiLabelChanged,
        Code::NumberChanged,
        Code::StaleTranslation,
        Code::CatalogueSyntax,
        Code::MissingMessage,
        Code::UnknownMessage,
        Code::ArgumentsChanged,
        Code::MissingPlural,
    ];
}

/// One located problem.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Its class.
    pub code: Code,
    /// The file it is in.
    pub file: PathBuf,
    /// Where in the file.
    pub pos: Pos,
    /// What is wrong (one line).
    pub message: String,
    /// Label under the highlighted text, e.g. the offending value.
    pub label: String,
    /// What to do.
    pub help: Option<String>,
    /// The file's text, for the snippet; `None` hides the source line (secret examples).
    pub source: Option<Arc<str>>,
}

impl Diagnostic {
    /// `path:line:column`, or the path alone for a problem with the whole file
    /// (line 0: it cannot be read, or it is not a file).
    pub fn location(&self) -> String {
        if self.pos.line == 0 {
            return self.file.display().to_string();
        }
        format!(
            "{}:{}:{}",
            self.file.display(),
            self.pos.line,
            self.pos.column
        )
    }

    /// Renders the diagnostic as rustc-style plain text.
    pub fn render(&self) -> String {
        let path = self.file.display().to_string();
        let title = Level::ERROR
            .primary_title(self.message.as_str())
            .id(self.code.id());
        let mut groups = Vec::new();
        let src = self
            .source
            .as_deref()
            .filter(|s| self.pos.offset <= s.len() && self.pos.line > 0);
        let head = match src {
            Some(src) => {
                let end = (self.pos.offset + self.pos.len.max(1)).min(src.len());
                let start = self.pos.offset.min(end);
                let end = snap_end(src, end);
                title.element(
                    Snippet::source(src)
                        .path(path.as_str())
                        .fold(true)
                        .annotation(
                            AnnotationKind::Primary
                                .span(start..end)
                                .label(self.label.as_str()),
                        ),
                )
            }
            None if self.label.is_empty() => {
                title.element(Level::NOTE.message(format!("at {}", self.location())))
            }
            None => title
                .element(Level::NOTE.message(format!("at {}", self.location())))
                .element(Level::NOTE.message(self.label.as_str())),
        };
        groups.push(head);
        if let Some(help) = &self.help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        Renderer::plain().render(&groups).to_string()
    }
}

fn snap_end(src: &str, mut end: usize) -> usize {
    while end < src.len() && !src.is_char_boundary(end) {
        end += 1;
    }
    end
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// All diagnostics of a load, sorted by file, position and code.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts into the stable report order.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.file, a.pos.line, a.pos.column, a.code, &a.message).cmp(&(
                &b.file,
                b.pos.line,
                b.pos.column,
                b.code,
                &b.message,
            ))
        });
        self.0.dedup_by(|a, b| {
            a.file == b.file && a.pos == b.pos && a.code == b.code && a.message == b.message
        });
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The number of diagnostics.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{}", d.render())?;
        }
        let files: std::collections::BTreeSet<&Path> =
            self.0.iter().map(|d| d.file.as_path()).collect();
        write!(
            f,
            "error: {} problem{} in {} spec file{}",
            self.0.len(),
            if self.0.len() == 1 { "" } else { "s" },
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

/// Reports problems at JSON pointers of one file.
pub(crate) struct Reporter<'a> {
    pub file: &'a Path,
    pub source: Arc<str>,
    pub locs: &'a Locations,
    pub out: Vec<Diagnostic>,
}

impl Reporter<'_> {
    pub(crate) fn push(
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

#[cfg(test)]
mod tests {
    use super::Code;

    /// `Code::ALL` holds every variant once: a new variant fails to compile here until
    /// it has a position, and the position must be its place in `ALL`.
    #[test]
    fn all_lists_every_code_once() {
        let position = |c: Code| match c {
            Code::Io => 0,
            Code::YamlSyntax => 1,
            Code::UnknownKey => 2,
            Code::MissingKey => 3,
            Code::WrongType => 4,
            Code::InvalidValue => 5,
            Code::DuplicateKey => 6,
            Code::NotUtf8 => 7,
            Code::NotAFile => 8,
            Code::TooLarge => 9,
            Code::IdMismatch => 10,
            Code::DuplicateId => 11,
            Code::InvalidId => 12,
            Code::ReservedKey => 13,
            Code::UnknownCategory => 14,
            Code::InvalidRegex => 15,
            Code::UnanchoredPattern => 16,
            Code::ValidExampleFails => 17,
            Code::InvalidExamplePasses => 18,
            Code::MissingExamples => 19,
            Code::UntranslatablePattern => 20,
            Code::UnknownParam => 21,
            Code::OptionalInRequiredPosition => 22,
            Code::InvalidDefault => 23,
            Code::InvalidExtractTemplate => 24,
            Code::UndeclaredScope => 25,
            Code::UnknownPlaceholder => 26,
            Code::InvalidTemplate => 27,
            Code::SecretNotMarked => 28,
            Code::DuplicateOption => 29,
            Code::NotHttps => 30,
            Code::UnsupportedMarkup => 31,
            Code::EmptyGuide => 32,
            Code::ContradictoryLimits => 33,
            Code::UnknownReference => 34,
            Code::UnconfinedUrl => 35,
            Code::MissingAllowedHosts => 36,
            Code::UserBaseUrl => 37,
            Code::OAuthGrant => 38,
            Code::OAuthClient => 39,
            Code::Exchange => 40,
            Code::PrivateKey => 41,
            Code::Discovery => 42,
            Code::RequestBody => 43,
            Code::BadPointer => 44,
            Code::CheckCondition => 45,
            Code::Signing => 46,
            Code::ComputedValue => 47,
            Code::SignedValueMisplaced => 48,
            Code::BadIdentity => 49,
            Code::ScopeCycle => 50,
            Code::ExamplesNotDerivable => 51,
            Code::Stale => 52,
            Code::StalePages => 53,
            Code::StalePackage => 54,
            Code::UnknownTextKey => 55,
            Code::PlaceholderChanged => 56,
            Code::LinkChanged => 57,
            Code::UiLabelChanged => 58,
            Code::NumberChanged => 59,
            Code::StaleTranslation => 60,
            Code::CatalogueSyntax => 61,
            Code::MissingMessage => 62,
            Code::UnknownMessage => 63,
            Code::ArgumentsChanged => 64,
            Code::MissingPlural => 65,
        };
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(position(*c), i, "{c:?}");
        }
        let mut ids: Vec<&str> = Code::ALL.iter().map(|c| c.id()).collect();
        ids.dedup();
        assert_eq!(ids.len(), Code::ALL.len(), "ids are unique and in order");
    }
}
