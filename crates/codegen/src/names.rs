//! Rust names for spec identifiers: modules, types, enum variants.
//!
//! Spec ids are snake_case, so most map directly; the rare id that is a Rust keyword
//! becomes a raw identifier, and the few that cannot (`self`, `crate`, …) are
//! reported by the generator instead of producing code that does not compile.

use proc_macro2::{Ident, Span};

/// An identifier for a snake_case id (module, field), raw when it is a keyword.
pub fn snake_ident(id: &str) -> Result<Ident, String> {
    if syn::parse_str::<Ident>(id).is_ok() {
        return Ok(Ident::new(id, Span::call_site()));
    }
    syn::parse_str::<Ident>(&format!("r#{id}"))
        .map(|_| Ident::new_raw(id, Span::call_site()))
        .map_err(|_| format!("`{id}` cannot be used as a Rust name; choose another id"))
}

/// `api_token` → `ApiToken`; `us3.example.com` → `Us3ExampleCom`. Words are split at
/// every non-alphanumeric character; a leading digit gets a `V` prefix.
pub fn camel(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        out.push('_');
    }
    out
}

/// A type-namespace identifier from CamelCase text.
pub fn type_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `api_token` → `API_TOKEN`, for statics.
pub fn upper_ident(prefix: &str, id: &str) -> Ident {
    Ident::new(
        &format!("{prefix}{}", id.to_ascii_uppercase()),
        Span::call_site(),
    )
}

/// Distinct enum variant names for option values, in order: a clash gets the option's
/// position appended.
pub fn variant_names<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, v) in values.enumerate() {
        let mut name = camel(v);
        if out.contains(&name) {
            name = format!("{name}{}", i + 1);
        }
        while out.contains(&name) {
            name.push('_');
        }
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(camel("api_token"), "ApiToken");
        assert_eq!(camel("us3.datadoghq.com"), "Us3DatadoghqCom");
        assert_eq!(camel("EU"), "Eu");
        assert_eq!(camel("1password"), "V1password");
        assert_eq!(camel(""), "V");
        assert_eq!(snake_ident("type").unwrap().to_string(), "r#type");
        assert!(snake_ident("self").is_err());
        assert_eq!(
            variant_names(["a-b", "a_b", "ab"].into_iter()),
            ["AB", "AB2", "Ab"]
        );
    }
}
