//! Pages per locale: the German and Japanese pages of the seeds (Oneflow, Webflow) carry
//! every fact of the English page — links, code spans, UI labels, numbers, the format
//! hint, the fields as listed — in both flavours, with the engine's own labels (the Hub's
//! **Connect** button, the warning's label) as the locale's catalogue words them; pages
//! exist only for complete locales, name their alternates, and render the same run to run.

mod docs_support;

use std::collections::BTreeMap;

use connectspec_guides::messages;
use connectspec_guides::sentences::{format_sentence, format_sentence_in};
use connectspec_guides::{Options, Page, render_all};
use connectspec_i18n::Locale;
use connectspec_lang::texts::{Kind, texts};
use connectspec_lang::translate::{self, Translations};
use docs_support::{catalogue, page, root};

fn translations(cat: &connectspec_lang::Catalogue) -> Translations {
    let loaded = translate::load(&root().join("specs"), cat);
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.diagnostics);
    loaded.translations
}

/// The spans between `open` and `close`, in order.
fn spans(text: &str, open: &str, close: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(close) else { break };
        out.push(after[..j].to_owned());
        rest = &after[j + close.len()..];
    }
    out
}

struct PageFacts {
    links: Vec<String>,
    code: Vec<String>,
    bold: Vec<String>,
    numbers: Vec<String>,
}

fn facts(text: &str, mdx: bool) -> PageFacts {
    let (links, code, bold) = if mdx {
        (
            spans(text, "href=\"", "\""),
            spans(text, "<code>", "</code>"),
            spans(text, "<strong>", "</strong>"),
        )
    } else {
        (
            spans(text, "](", ")"),
            spans(text, "`", "`"),
            spans(text, "**", "**"),
        )
    };
    // Links to the page's other languages are not facts of the English page.
    let links = links
        .into_iter()
        .filter(|l| l.starts_with("https://") || l.starts_with('/'))
        .collect();
    let mut numbers = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() {
            numbers.push(std::mem::take(&mut cur));
        }
    }
    PageFacts {
        links,
        code,
        bold,
        numbers,
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// `small` is contained in `big`, counting repeats.
fn contained(small: &[String], big: &[String]) -> Result<(), String> {
    let mut left: BTreeMap<&str, i64> = BTreeMap::new();
    for s in big {
        *left.entry(s).or_default() += 1;
    }
    for s in small {
        let n = left.entry(s).or_default();
        *n -= 1;
        if *n < 0 {
            return Err(s.clone());
        }
    }
    Ok(())
}

#[test]
fn the_seed_pages_in_german_and_japanese_carry_every_fact_of_the_english_page() {
    let cat = catalogue();
    let tr = translations(&cat);
    let pages = render_all(&cat, &tr, &Options::default()).unwrap();
    for (id, slug) in [("oneflow", "api-token"), ("webflow", "site-token")] {
        let spec = cat.provider(id).unwrap();
        for locale in ["de", "ja"] {
            let t = tr.get(locale, id).unwrap();
            let engine_locale = Locale::from_tag(locale).unwrap();
            // What the English's bold may become: the spec's labels (fields, actions)
            // are translated, the provider's UI labels stay unless an entry says so.
            let mut bold_map: BTreeMap<String, String> = BTreeMap::new();
            for text in texts(spec) {
                let e = &t.entries[&text.key];
                if text.kind == Kind::Label {
                    bold_map.insert(text.english.clone(), e.text.clone());
                }
                bold_map.extend(e.ui_labels.clone());
            }
            // The engine's bold labels: the Hub form's button and the warning's label.
            for message in ["guide-connect-button", "guide-warning-label"] {
                bold_map.insert(
                    messages::text(Locale::En, message, &[]),
                    messages::text(engine_locale, message, &[]),
                );
            }
            for ext in ["md", "mdx"] {
                let path = format!("{id}/{slug}.{ext}");
                let en_text = page(&pages, &path);
                let en = facts(en_text, ext == "mdx");
                let lp = format!("{locale}/{path}");
                let local_text = page(&pages, &lp);
                let local = facts(local_text, ext == "mdx");
                assert_eq!(sorted(en.links), sorted(local.links), "links of {lp}");
                assert_eq!(sorted(en.code), sorted(local.code), "code spans of {lp}");
                let expected: Vec<String> = en
                    .bold
                    .iter()
                    .map(|b| bold_map.get(b).cloned().unwrap_or_else(|| b.clone()))
                    .collect();
                assert_eq!(sorted(expected), sorted(local.bold), "UI labels of {lp}");
                if let Err(n) = contained(&en.numbers, &local.numbers) {
                    panic!("{lp} lacks the number {n} of the English page");
                }
                // The format hint, translated, and every field's translated label.
                for field in &spec.auth_methods[0].fields {
                    let fk = format!(
                        "auth_methods/{}/fields/{}",
                        spec.auth_methods[0].id, field.key
                    );
                    if let Some(h) = field.hint.as_deref()
                        && en_text.contains(&format_sentence(h))
                    {
                        let hint = &t.entries[&format!("{fk}/hint")].text;
                        let sentence = format_sentence_in(engine_locale, hint);
                        assert!(local_text.contains(&sentence), "{lp}: hint {sentence}");
                    }
                    let label = &t.entries[&format!("{fk}/label")].text;
                    assert!(local_text.contains(label.as_str()), "{lp}: field {label}");
                }
            }
        }
    }
}

#[test]
fn pages_exist_only_in_complete_locales_and_name_their_alternates() {
    let cat = catalogue();
    let tr = translations(&cat);
    let pages: Vec<Page> = render_all(&cat, &tr, &Options::default()).unwrap();
    for p in &pages {
        let first = p.path.split('/').next().unwrap();
        if let Some(l) = translate::locale(first) {
            let id = p.path.split('/').nth(1).unwrap();
            if !id.starts_with("index.") {
                assert!(
                    tr.is_complete(l.code, cat.provider(id).unwrap()),
                    "{}",
                    p.path
                );
            }
        }
    }
    // Every spec is complete in every locale: each page names the other four.
    let de = page(&pages, "de/oneflow/api-token.mdx");
    assert!(de.contains("lang: de\nalternates:\n  - lang: en\n    path: oneflow/api-token.mdx\n  - lang: fr\n    path: fr/oneflow/api-token.mdx\n  - lang: es\n    path: es/oneflow/api-token.mdx\n  - lang: ja\n    path: ja/oneflow/api-token.mdx\n---\n"), "{de}");
    let en = page(&pages, "oneflow/api-token.md");
    assert!(
        en.ends_with(
            "\n[Deutsch](../de/oneflow/api-token.md) · [Français](../fr/oneflow/api-token.md) · [Español](../es/oneflow/api-token.md) · [日本語](../ja/oneflow/api-token.md)\n"
        ),
        "{en}"
    );
    assert!(page(&pages, "de/index.md").contains("(oneflow/api-token.md)"));
    // A provider without translations has English pages only, unchanged.
    let mut partial = tr.clone();
    for specs in partial.by_locale.values_mut() {
        specs.remove("anthropic");
    }
    let fewer = render_all(&cat, &partial, &Options::default()).unwrap();
    assert!(!fewer.iter().any(|p| p.path.starts_with("de/anthropic/")));
    assert!(!page(&fewer, "anthropic/admin-api-key.mdx").contains("alternates:"));
    assert!(!page(&fewer, "de/index.md").contains("(anthropic/"));
    assert_eq!(
        pages,
        render_all(&cat, &tr, &Options::default()).unwrap(),
        "deterministic"
    );
}

/// The guide the service embeds beside the form, per locale: `method_guide_in` with the
/// spec's translated texts is the guide the translated page is made from, English stays
/// what `method_guide` gives, and the engine's sentences (limits, format hints) follow
/// the locale.
#[test]
fn the_forms_guide_in_a_locale_is_the_translated_pages_guide() {
    use connectspec_guides::guide::{Node, method_guide, method_guide_in, method_guide_localized};
    use connectspec_i18n::{Lang, NoTexts};

    let cat = catalogue();
    let tr = translations(&cat);
    let spec = cat.provider("webflow").unwrap();
    let method = spec.method("site_token").unwrap();
    for code in ["de", "ja"] {
        let locale = Locale::from_tag(code).unwrap();
        let t = tr.get(code, "webflow").unwrap();
        let texts: BTreeMap<String, String> = t
            .entries
            .iter()
            .map(|(k, e)| (k.clone(), e.text.clone()))
            .collect();
        let guide = method_guide_in(method, None, Lang::new(locale, &texts)).unwrap();
        let localized = translate::localize(spec, t);
        let page_guide =
            method_guide_localized(locale, localized.method("site_token").unwrap(), None).unwrap();
        assert_eq!(guide, page_guide, "{code}");
        assert_eq!(
            guide.sections[0].title,
            t.entries["auth_methods/site_token/guide/sections/0/title"].text
        );
        let json = serde_json::to_string(&guide).unwrap();
        assert!(
            !json.contains("can exist") && !json.contains("consecutive days"),
            "{json}"
        );
    }
    assert_eq!(
        method_guide_in(method, None, Lang::ENGLISH).unwrap(),
        method_guide(method, None).unwrap()
    );
    // In the pseudo-locale no plain text of the guide is English (code stays code).
    let pseudo = method_guide_in(method, None, Lang::new(Locale::Pseudo, &NoTexts)).unwrap();
    let mut texts: Vec<&str> = pseudo.limits.iter().map(String::as_str).collect();
    for section in &pseudo.sections {
        texts.push(&section.title);
        for step in &section.steps {
            texts.push(&step.title);
            for node in step
                .bullets
                .iter()
                .flatten()
                .chain(step.text.iter().flatten())
            {
                if let Node::Text(t) = node {
                    texts.push(t);
                }
            }
        }
    }
    assert!(texts.len() > 10, "{texts:?}");
    for t in texts {
        let mut words = t.split(|c: char| !c.is_ascii_alphabetic());
        assert!(
            !words.any(|w| w.len() >= 3),
            "English in the pseudo-locale's guide: {t}"
        );
    }
}
