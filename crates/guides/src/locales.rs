//! Pages per locale: the English pages as [`crate::render_catalogue`] renders them,
//! and, for every locale in which a spec is complete, that spec's pages rendered from
//! its translated texts under `<locale>/`, with an index per locale. Every page that
//! exists in more than one language names the others (its alternates): in the MDX
//! front matter (`lang`, `alternates`), and in the Markdown flavour, which has no front
//! matter, as a last line of links.
//!
//! A locale's pages are entirely in its language: the spec's texts from the
//! translation, the engine's sentences, headings and labels from the locale's guides
//! catalogue (`locales/<locale>/guides.ftl`).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use connectspec_lang::translate::{LOCALES, Translations, localize};
use connectspec_lang::{Catalogue, LoadedSpec};

use crate::output::{self, Drift, Page};
use crate::{DocsError, Options, Summary, render_catalogue, render_catalogue_in};

/// The English pages, then every locale's pages, sorted by path, with alternates.
pub fn render_all(
    catalogue: &Catalogue,
    translations: &Translations,
    opts: &Options,
) -> Result<Vec<Page>, DocsError> {
    let mut by_lang: Vec<(&str, Vec<Page>)> = vec![("en", render_catalogue(catalogue, opts)?)];
    for locale in LOCALES {
        let specs: Vec<LoadedSpec> = catalogue
            .specs
            .iter()
            .filter(|s| translations.is_complete(locale.code, &s.spec))
            .map(|s| LoadedSpec {
                path: s.path.clone(),
                spec: localize(
                    &s.spec,
                    translations
                        .get(locale.code, &s.spec.id)
                        .expect("complete means translated"),
                ),
            })
            .collect();
        if specs.is_empty() {
            continue;
        }
        let engine_locale = connectspec_i18n::Locale::from_tag(locale.code)
            .expect("every translation locale has catalogues");
        let pages = render_catalogue_in(&Catalogue { specs }, opts, engine_locale)?
            .into_iter()
            .map(|p| Page {
                path: format!("{}/{}", locale.code, p.path),
                contents: p.contents,
            })
            .collect();
        by_lang.push((locale.code, pages));
    }
    // Which languages each page (by its English path) exists in, in LOCALES order.
    let mut langs: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (lang, pages) in &by_lang {
        for p in pages {
            langs
                .entry(base_path(lang, &p.path).to_owned())
                .or_default()
                .push(lang);
        }
    }
    let mut all = Vec::new();
    for (lang, pages) in by_lang {
        for mut p in pages {
            let base = base_path(lang, &p.path).to_owned();
            let others: Vec<&str> = langs[&base]
                .iter()
                .copied()
                .filter(|l| *l != lang)
                .collect();
            if !others.is_empty() {
                add_alternates(&mut p, lang, &base, &others);
            }
            all.push(p);
        }
    }
    all.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(all)
}

/// [`render_all`], written under `out` (nothing is written when anything fails).
pub fn write_all(
    catalogue: &Catalogue,
    translations: &Translations,
    out: &Path,
    opts: &Options,
    start: Instant,
) -> Result<Summary, DocsError> {
    let pages = render_all(catalogue, translations, opts)?;
    let report = output::write(out, &pages)?;
    Ok(Summary {
        pages: pages.len(),
        providers: catalogue.specs.len(),
        millis: start.elapsed().as_millis(),
        report,
    })
}

/// How `out` differs from what [`write_all`] would write with the default templates
/// and no scope selection (the checked-in pages).
pub fn drift_all(
    catalogue: &Catalogue,
    translations: &Translations,
    out: &Path,
) -> Result<Vec<Drift>, DocsError> {
    let pages = render_all(catalogue, translations, &Options::default())?;
    output::drift(out, &pages)
}

/// The English page's path of a page of `lang`.
fn base_path<'a>(lang: &str, path: &'a str) -> &'a str {
    if lang == "en" {
        path
    } else {
        &path[lang.len() + 1..]
    }
}

/// The path of the page `base` in `lang`, relative to the output directory.
fn lang_path(lang: &str, base: &str) -> String {
    if lang == "en" {
        base.to_owned()
    } else {
        format!("{lang}/{base}")
    }
}

/// The language's own name.
fn autonym(lang: &str) -> &'static str {
    LOCALES
        .iter()
        .find(|l| l.code == lang)
        .map_or("English", |l| l.name)
}

fn add_alternates(page: &mut Page, lang: &str, base: &str, others: &[&str]) {
    if page.path.ends_with(".mdx") {
        let mut lines = format!("lang: {lang}\nalternates:\n");
        for o in others {
            lines.push_str(&format!(
                "  - lang: {o}\n    path: {}\n",
                lang_path(o, base)
            ));
        }
        // After the front matter's opening `---` line and its fields, before its end.
        if let Some(end) = page.contents.get(4..).and_then(|r| r.find("\n---\n")) {
            page.contents.insert_str(4 + end + 1, &lines);
        }
    } else {
        let up = "../".repeat(page.path.matches('/').count());
        let links: Vec<String> = others
            .iter()
            .map(|o| format!("[{}]({up}{})", autonym(o), lang_path(o, base)))
            .collect();
        if !page.contents.ends_with('\n') {
            page.contents.push('\n');
        }
        page.contents
            .push_str(&format!("\n{}\n", links.join(" · ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_go_into_the_front_matter_or_the_last_line() {
        let mut mdx = Page {
            path: "de/x/a.mdx".into(),
            contents: "---\ntitle: \"T\"\n---\n\nbody\n".into(),
        };
        add_alternates(&mut mdx, "de", "x/a.mdx", &["en", "ja"]);
        assert_eq!(
            mdx.contents,
            "---\ntitle: \"T\"\nlang: de\nalternates:\n  - lang: en\n    path: x/a.mdx\n  - lang: ja\n    path: ja/x/a.mdx\n---\n\nbody\n"
        );
        let mut md = Page {
            path: "x/a.md".into(),
            contents: "# T\n".into(),
        };
        add_alternates(&mut md, "en", "x/a.md", &["de"]);
        assert_eq!(md.contents, "# T\n\n[Deutsch](../de/x/a.md)\n");
    }
}
