//! TypeScript declarations of a provider module: per method, the field keys, the option
//! values of closed choices, the typed values of a successful result.

use std::fmt::Write as _;

use connectspec_lang::{AuthMethod, ProviderSpec};

use super::lit::{self, HEADER, pascal, string, union};

/// `providers/<id>.d.ts`.
pub fn provider_dts(p: &ProviderSpec) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "import type { Lang, MethodRules, RawFields, ValidateOptions, ValidationResult } from \"../runtime.js\";\n",
    );
    for m in &p.auth_methods {
        method_types(&mut out, p, m);
    }
    let ids: Vec<&str> = p.auth_methods.iter().map(|m| m.id.as_str()).collect();
    let _ = writeln!(
        out,
        "\n/** {name}'s auth method ids. */\nexport type MethodId = {};\n",
        union(ids.iter().copied()),
        name = lit::doc(&p.name)
    );
    let _ = writeln!(
        out,
        "/** The checking tables, by method id. */\nexport declare const methods: Readonly<Record<MethodId, MethodRules>>;\n"
    );
    let _ = writeln!(
        out,
        "/** Loads a locale's messages and {}'s texts in it (`de-CH` → `de`; English when not shipped): pass it to `validate` as `{{ locale }}`. */\nexport declare function loadLocale(locale: string): Promise<Lang>;\n",
        lit::doc(&p.name)
    );
    for m in &p.auth_methods {
        let t = pascal(&m.id);
        let _ = writeln!(
            out,
            "/** Validates the raw fields of {} {}. */\nexport declare function validate(method: {}, fields: RawFields<{t}Field>, options?: ValidateOptions): {t}Result;",
            lit::doc(&p.name),
            lit::doc(&m.label),
            string(&m.id)
        );
    }
    out.push_str(
        "export declare function validate(method: string, fields: unknown, options?: ValidateOptions): ValidationResult;\n",
    );
    out
}

fn method_types(out: &mut String, p: &ProviderSpec, m: &AuthMethod) {
    let t = pascal(&m.id);
    let _ = writeln!(
        out,
        "\n// {} {} (`{}`)\n",
        lit::doc(&p.name),
        lit::doc(&m.label),
        m.id
    );
    let _ = writeln!(
        out,
        "/** The field keys of {}. */\nexport type {t}Field = {};",
        lit::doc(&m.label),
        union(m.fields.iter().map(|f| f.key.as_str()))
    );
    let _ = writeln!(
        out,
        "\n/** The raw input of {}. */\nexport interface {t}Fields {{",
        lit::doc(&m.label)
    );
    for f in &m.fields {
        let mut doc = f.label.clone();
        if f.secret {
            doc.push_str(" (secret)");
        }
        if let Some(h) = &f.hint {
            let _ = write!(doc, ": {h}");
        }
        let opt = if f.optional { "?" } else { "" };
        let _ = writeln!(
            out,
            "  /** {} */\n  {}{opt}: string;",
            lit::doc(&doc),
            f.key
        );
    }
    out.push_str("}\n");
    for f in m.fields.iter().filter(|f| !f.options.is_empty()) {
        let _ = writeln!(
            out,
            "\n/** The option values of {}. */\nexport type {t}{}Option = {};",
            lit::doc(&f.label),
            pascal(&f.key),
            union(f.options.iter().map(|o| o.value.as_str()))
        );
    }
    let _ = writeln!(
        out,
        "\n/** The normalised non-secret values of a valid {} form. */\nexport interface {t}Values {{",
        lit::doc(&m.label)
    );
    for f in m.fields.iter().filter(|f| !f.secret) {
        let ty = if f.options.is_empty() {
            "string".to_owned()
        } else {
            format!("{t}{}Option", pascal(&f.key))
        };
        let opt = if f.optional { "?" } else { "" };
        let _ = writeln!(out, "  {}{opt}: {ty};", f.key);
    }
    for d in &m.derived {
        let Some(src) = m.fields.iter().find(|f| f.key == d.from) else {
            continue;
        };
        if !src.secret {
            let opt = if src.optional { "?" } else { "" };
            let _ = writeln!(
                out,
                "  /** {} */\n  {}{opt}: string;",
                lit::doc(&d.label),
                d.key
            );
        }
    }
    out.push_str("}\n");
    let _ = writeln!(
        out,
        "\n/** The result of validating {}. */\nexport type {t}Result = ValidationResult<{t}Field, {t}Values | Record<string, never>>;",
        lit::doc(&m.label)
    );
}
