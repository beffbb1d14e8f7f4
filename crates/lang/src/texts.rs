//! Every text of a spec that an end user or integrator reads, with its stable key.
//!
//! Translations (`specs/i18n/<locale>/<spec id>.yaml`) are keyed by these keys, so this
//! module is the one place that says what is translatable. One walker serves both
//! listing the texts ([`texts`]) and replacing them by translations
//! ([`visit_texts_mut`]): the list a translator works from and the texts a translated
//! page shows can never disagree.
//!
//! Keys are `/`-joined paths built from the ids the spec already has (method ids, field
//! keys, option values, scope and action ids, outcome statuses, capture keys) and list
//! indices where there is no id (guide sections, steps, bullets, response checks,
//! rules): `auth_methods/api_token/fields/api_token/description`,
//! `auth_methods/api_token/guide/sections/0/steps/1/bullets/2`. A scope id may itself
//! hold `/` (an URL-shaped scope); keys are looked up whole, never split.

use sha2::{Digest, Sha256};

use crate::model::{AuthMethod, Bullet, Field, ProviderSpec};

/// What a text is: decides which faithfulness checks apply (inline markup or plain).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A label: method, field, option, scope, action, identity, capture, derived value.
    Label,
    /// A field's description, the help under the form field (inline markup).
    Description,
    /// What a scope grants or an action does (plain text).
    Explanation,
    /// A field's placeholder.
    Placeholder,
    /// A field's format hint ("40 characters: letters, digits and hyphens"; inline markup).
    Hint,
    /// A guide section's or step's title.
    Title,
    /// A section intro or step paragraph (inline markup).
    Paragraph,
    /// A guide bullet (inline markup).
    Bullet,
    /// The guide's warning (inline markup).
    Warning,
    /// What a connection-test status or a response check means to the end user.
    Meaning,
    /// What the connection test does not prove.
    Note,
    /// A cross-field rule's error message.
    Message,
}

impl Kind {
    /// Whether the text is in the inline Markdown subset ([`crate::inline`]), so its
    /// links, code spans and bold labels are compared with the source's.
    pub fn is_inline(self) -> bool {
        matches!(
            self,
            Kind::Description | Kind::Hint | Kind::Paragraph | Kind::Bullet | Kind::Warning
        )
    }

    /// The kind's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Label => "label",
            Kind::Description => "description",
            Kind::Explanation => "explanation",
            Kind::Placeholder => "placeholder",
            Kind::Hint => "hint",
            Kind::Title => "title",
            Kind::Paragraph => "paragraph",
            Kind::Bullet => "bullet",
            Kind::Warning => "warning",
            Kind::Meaning => "meaning",
            Kind::Note => "note",
            Kind::Message => "message",
        }
    }
}

/// One translatable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The stable key, e.g. `auth_methods/api_token/label`.
    pub key: String,
    /// The English source text.
    pub english: String,
    /// What it is.
    pub kind: Kind,
}

/// The first 8 hex digits of the SHA-256 of `english`: what a translation records as
/// `source`, so an edit of the English marks the translation stale. SHA-256 of the
/// UTF-8 bytes is the same on every run and platform.
pub fn fingerprint(english: &str) -> String {
    let digest = Sha256::digest(english.as_bytes());
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

/// Every translatable text of `spec`, in the walker's stable order (the spec's order).
pub fn texts(spec: &ProviderSpec) -> Vec<Text> {
    let mut copy = spec.clone();
    let mut out = Vec::new();
    visit_texts_mut(&mut copy, &mut |key, kind, text| {
        out.push(Text {
            key: key.to_owned(),
            english: text.clone(),
            kind,
        });
    });
    out
}

/// Calls `f` with the key, kind and a mutable reference of every translatable text of
/// `spec`, in a stable order.
pub fn visit_texts_mut(spec: &mut ProviderSpec, f: &mut dyn FnMut(&str, Kind, &mut String)) {
    for m in &mut spec.auth_methods {
        let base = format!("auth_methods/{}", m.id);
        method(&base, m, f);
    }
}

fn method(base: &str, m: &mut AuthMethod, f: &mut dyn FnMut(&str, Kind, &mut String)) {
    f(&format!("{base}/label"), Kind::Label, &mut m.label);
    for field in &mut m.setup_fields {
        let fb = format!("{base}/setup_fields/{}", field.key);
        field_texts(&fb, field, f);
    }
    for field in &mut m.fields {
        let fb = format!("{base}/fields/{}", field.key);
        field_texts(&fb, field, f);
    }
    for d in &mut m.derived {
        f(
            &format!("{base}/derived/{}/label", d.key),
            Kind::Label,
            &mut d.label,
        );
    }
    for (i, r) in m.rules.iter_mut().enumerate() {
        f(
            &format!("{base}/rules/{i}/message"),
            Kind::Message,
            &mut r.message,
        );
    }
    for (i, l) in m.limits.iter_mut().enumerate() {
        // "At most 5 site tokens per **site**": the thing a count limit is per.
        if let Some(per) = &mut l.per {
            f(&format!("{base}/limits/{i}/per"), Kind::Label, per);
        }
    }
    if let Some(t) = &mut m.connection_test {
        let tb = format!("{base}/connection_test");
        for o in &mut t.outcomes {
            let k = format!("{tb}/outcomes/{}/meaning", o.status);
            f(&k, Kind::Meaning, &mut o.meaning);
        }
        if let Some(n) = &mut t.note {
            f(&format!("{tb}/note"), Kind::Note, n);
        }
        for (i, c) in t.checks.iter_mut().enumerate() {
            f(
                &format!("{tb}/checks/{i}/meaning"),
                Kind::Meaning,
                &mut c.meaning,
            );
        }
        if let Some(l) = t.identity.as_mut().and_then(|i| i.label.as_mut()) {
            f(&format!("{tb}/identity/label"), Kind::Label, l);
        }
    }
    if let Some(o) = &mut m.oauth {
        for c in &mut o.token_response.capture {
            let k = format!("{base}/oauth/capture/{}/label", c.key);
            f(&k, Kind::Label, &mut c.label);
        }
    }
    if let Some(x) = &mut m.exchange {
        for c in &mut x.response.capture {
            let k = format!("{base}/exchange/capture/{}/label", c.key);
            f(&k, Kind::Label, &mut c.label);
        }
    }
    for s in &mut m.scopes {
        let sb = format!("{base}/scopes/{}", s.id);
        f(&format!("{sb}/label"), Kind::Label, &mut s.label);
        if let Some(d) = &mut s.description {
            f(&format!("{sb}/description"), Kind::Explanation, d);
        }
    }
    for a in &mut m.actions {
        let ab = format!("{base}/actions/{}", a.id);
        f(&format!("{ab}/label"), Kind::Label, &mut a.label);
        if let Some(d) = &mut a.description {
            f(&format!("{ab}/description"), Kind::Explanation, d);
        }
    }
    let gb = format!("{base}/guide");
    if let Some(w) = &mut m.guide.warning {
        f(&format!("{gb}/warning"), Kind::Warning, w);
    }
    for (i, s) in m.guide.sections.iter_mut().enumerate() {
        let sb = format!("{gb}/sections/{i}");
        f(&format!("{sb}/title"), Kind::Title, &mut s.title);
        if let Some(t) = &mut s.intro {
            f(&format!("{sb}/intro"), Kind::Paragraph, t);
        }
        for (j, st) in s.steps.iter_mut().enumerate() {
            let stb = format!("{sb}/steps/{j}");
            f(&format!("{stb}/title"), Kind::Title, &mut st.title);
            if let Some(t) = &mut st.text {
                f(&format!("{stb}/text"), Kind::Paragraph, t);
            }
            bullets(&stb, &mut st.bullets, f);
        }
        bullets(&sb, &mut s.bullets, f);
    }
}

fn bullets(base: &str, list: &mut [Bullet], f: &mut dyn FnMut(&str, Kind, &mut String)) {
    for (i, b) in list.iter_mut().enumerate() {
        // Facts drawn from the spec's data (a limit, a field's format) are not texts of
        // their own; they keep their index so the text bullets' keys stay stable.
        if let Bullet::Text(t) = b {
            f(&format!("{base}/bullets/{i}"), Kind::Bullet, t);
        }
    }
}

fn field_texts(base: &str, field: &mut Field, f: &mut dyn FnMut(&str, Kind, &mut String)) {
    f(&format!("{base}/label"), Kind::Label, &mut field.label);
    if let Some(d) = &mut field.description {
        f(&format!("{base}/description"), Kind::Description, d);
    }
    if let Some(p) = &mut field.placeholder {
        f(&format!("{base}/placeholder"), Kind::Placeholder, p);
    }
    if let Some(h) = &mut field.hint {
        f(&format!("{base}/hint"), Kind::Hint, h);
    }
    for o in &mut field.options {
        f(
            &format!("{base}/options/{}/label", o.value),
            Kind::Label,
            &mut o.label,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable() {
        // SHA-256("API Token") starts with these bytes on every platform.
        assert_eq!(fingerprint("API Token").len(), 8);
        assert_eq!(fingerprint("API Token"), fingerprint("API Token"));
        assert_ne!(fingerprint("API Token"), fingerprint("API token"));
        assert_eq!(fingerprint(""), "e3b0c442");
    }
}
