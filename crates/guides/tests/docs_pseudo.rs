//! Pages in the pseudo-locale (`en-XA`): every spec text transformed by
//! `connectspec_i18n::pseudo::text`, every engine sentence from the pseudo catalogue.
//! A run of three plain ASCII letters left on such a page is English that does not come
//! from a catalogue or a spec text: a sentence, heading or label written into the code or
//! a template. Code spans, link targets, provider names and bold labels (ids, variable
//! names, the provider's UI) are not prose and are skipped.

mod docs_support;

use connectspec_guides::{Options, Page, render_catalogue_in};
use connectspec_i18n::{Locale, pseudo};
use connectspec_lang::{Catalogue, LoadedSpec};
use docs_support::catalogue;

/// Every spec with its texts in the pseudo-locale. Slugs stay the English ones, as
/// `connectspec_lang::translate::localize` keeps them.
fn pseudo_catalogue(cat: &Catalogue) -> Catalogue {
    let specs = cat
        .specs
        .iter()
        .map(|s| {
            let mut spec = s.spec.clone();
            for m in &mut spec.auth_methods {
                m.slug = Some(m.slug());
            }
            connectspec_lang::texts::visit_texts_mut(&mut spec, &mut |_, _, text| {
                *text = pseudo::text(text, false);
            });
            LoadedSpec {
                path: s.path.clone(),
                spec,
            }
        })
        .collect();
    Catalogue { specs }
}

/// Removes every span from `open` to the next `close` (both included).
fn without(text: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let after = &rest[i + open.len()..];
        match after.find(close) {
            Some(j) => rest = &after[j + close.len()..],
            None => {
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The prose of a page: what a reader reads, without code, link targets, bold labels,
/// markup and front-matter keys. MDX step titles (attributes) are prose too.
fn prose(page: &Page) -> String {
    let text = &page.contents;
    if page.path.ends_with(".mdx") {
        let mut text = text.replace("<Step title=\"", "\n<Step>");
        text = text.replace("\">\n", "\n>\n");
        let text = without(&text, "<code>", "</code>");
        let text = without(&text, "<strong>", "</strong>");
        let text = without(&text, "<", ">");
        // The index lists pages as Markdown links.
        let text = without(&text, "](", ")");
        text.lines()
            .map(|l| match l.split_once(": ") {
                Some(("title" | "description", value)) => value,
                _ if l == "---" => "",
                _ => l,
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        let text = without(text, "`", "`");
        let text = without(&text, "](", ")");
        without(&text, "**", "**")
    }
}

/// Runs of three or more ASCII letters.
fn english_runs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphabetic() {
            run.push(c);
        } else {
            if run.len() >= 3 {
                out.push(std::mem::take(&mut run));
            }
            run.clear();
        }
    }
    out
}

#[test]
fn pseudo_locale_pages_have_no_english_left() {
    let cat = catalogue();
    let pseudo = pseudo_catalogue(&cat);
    let pages = render_catalogue_in(&pseudo, &Options::default(), Locale::Pseudo)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(pages.len() > 400, "{}", pages.len());
    let mut names: Vec<&str> = cat.iter().map(|s| s.name.as_str()).collect();
    // Longest first, so "Google Workspace" goes before a shorter name inside it.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut found = Vec::new();
    for page in &pages {
        let mut text = prose(page);
        for name in &names {
            text = text.replace(name, " ");
        }
        for run in english_runs(&text) {
            found.push(format!("{}: {run}", page.path));
        }
    }
    assert!(
        found.is_empty(),
        "English left on pseudo-locale pages ({}):\n{}",
        found.len(),
        found[..found.len().min(40)].join("\n")
    );
}

/// The check itself finds English: the English pages are full of it.
#[test]
fn the_check_finds_english_on_english_pages() {
    let pages = docs_support::pages();
    let page = pages
        .iter()
        .find(|p| p.path == "oneflow/api-token.md")
        .unwrap();
    let runs = english_runs(&prose(page));
    assert!(runs.iter().any(|r| r == "Step"), "{runs:?}");
    let mdx = pages
        .iter()
        .find(|p| p.path == "oneflow/api-token.mdx")
        .unwrap();
    let runs = english_runs(&prose(mdx));
    assert!(runs.iter().any(|r| r == "Navigate"), "{runs:?}");
    // Tags and attributes are not prose.
    assert!(!runs.iter().any(|r| r == "div" || r == "Steps"), "{runs:?}");
}
