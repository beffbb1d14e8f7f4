//! `cargo xtask translate <spec id> <locale>`: the translation file of a spec with every
//! text's key, English and fingerprint, for a translator to fill in; entries already
//! translated from the English as it is now are kept, stale and missing ones are
//! marked. Also the coverage lines `check` ends with.

use std::fmt::Write as _;
use std::path::Path;

use connectspec_lang::Catalogue;
use connectspec_lang::texts::{fingerprint, texts};
use connectspec_lang::translate::{self, Coverage, Translations};

/// Prints the translation file of `spec_id` in `locale`: current entries kept, the
/// others with the English as their text and a `# TODO` comment.
pub fn run(specs: &Path, spec_id: &str, locale: &str) -> Result<(), String> {
    if translate::locale(locale).is_none() {
        return Err(format!(
            "`{locale}` is not a locale of connectspec ({})",
            translate::LOCALES.map(|l| l.code).join(", ")
        ));
    }
    let cat = connectspec_lang::load_dir(specs).map_err(|d| d.to_string())?;
    let spec = cat
        .provider(spec_id)
        .ok_or_else(|| format!("no spec `{spec_id}` in {}", specs.display()))?;
    let loaded = translate::load(specs, &cat);
    let current = loaded.translations.get(locale, spec_id);
    let mut out = format!(
        "# {} translation of specs/{spec_id}.yaml ({locale}). Each entry records the\n# fingerprint of the English it translates; see docs/translation.md.\ntexts:\n",
        translate::locale(locale).map_or(locale, |l| l.name)
    );
    for t in texts(spec) {
        let fp = fingerprint(&t.english);
        let kept = current
            .and_then(|c| c.entries.get(&t.key))
            .filter(|e| e.source == fp);
        let _ = writeln!(out, "  # en: {}", one_line(&t.english));
        match kept {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "  {}: {{text: {}, source: \"{fp}\"}}",
                    t.key,
                    quoted(&e.text)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {}: {{text: {}, source: \"{fp}\"}} # TODO translate",
                    t.key,
                    quoted(&t.english)
                );
            }
        }
    }
    print!("{out}");
    Ok(())
}

fn one_line(s: &str) -> String {
    s.replace('\n', " ")
}

/// A YAML double-quoted scalar.
fn quoted(s: &str) -> String {
    serde_json_like(s)
}

fn serde_json_like(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// The coverage lines, one per locale.
pub fn coverage_lines(cat: &Catalogue, translations: &Translations) -> String {
    Coverage::of(cat, translations)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
