//! How much of the catalogue each locale covers: the line `cargo xtask check` ends with.

use crate::load::Catalogue;
use crate::texts::{fingerprint, texts};

use super::{LOCALES, Translations};

/// One locale's coverage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The locale code.
    pub locale: &'static str,
    /// Texts translated from the English as it is now.
    pub translated: usize,
    /// Every translatable text of the catalogue.
    pub total: usize,
    /// Texts whose translation was made from an older English.
    pub stale: usize,
    /// Specs complete in the locale (rendered as pages).
    pub complete_specs: usize,
}

impl Coverage {
    /// The coverage of every locale of [`LOCALES`], in that order.
    pub fn of(catalogue: &Catalogue, translations: &Translations) -> Vec<Coverage> {
        LOCALES
            .iter()
            .map(|l| {
                let mut c = Coverage {
                    locale: l.code,
                    translated: 0,
                    total: 0,
                    stale: 0,
                    complete_specs: 0,
                };
                for spec in catalogue.iter() {
                    let all = texts(spec);
                    c.total += all.len();
                    let Some(t) = translations.get(l.code, &spec.id) else {
                        continue;
                    };
                    let mut done = 0;
                    for text in &all {
                        match t.entries.get(&text.key) {
                            Some(e) if e.source == fingerprint(&text.english) => done += 1,
                            Some(_) => c.stale += 1,
                            None => {}
                        }
                    }
                    c.translated += done;
                    if done == all.len() {
                        c.complete_specs += 1;
                    }
                }
                c
            })
            .collect()
    }
}

impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = if self.total == 0 {
            0.0
        } else {
            self.translated as f64 * 100.0 / self.total as f64
        };
        write!(
            f,
            "locale {}: {} of {} texts ({pct:.1}%), {} stale, {} spec{} complete",
            self.locale,
            grouped(self.translated),
            grouped(self.total),
            self.stale,
            self.complete_specs,
            if self.complete_specs == 1 { "" } else { "s" }
        )
    }
}

/// `1234` → `1,234`.
fn grouped(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn grouping() {
        assert_eq!(super::grouped(5678), "5,678");
        assert_eq!(super::grouped(999), "999");
        assert_eq!(super::grouped(1_000_000), "1,000,000");
    }
}
