use std::collections::{BTreeMap, BTreeSet};

use connectspec_i18n::{Area, Locale, plurals};
use connectspec_lang::inline::Inline;

use super::*;

#[test]
fn arguments_never_become_markup() {
    let label = "**not bold** [x](y) `z` <b>";
    let nodes = nodes(
        Locale::En,
        "guide-hub-click",
        &[("button", Arg::Text(label))],
    );
    assert_eq!(
        nodes,
        [
            Inline::Text("Click ".into()),
            Inline::Bold(label.into()),
            Inline::Text(".".into())
        ]
    );
    let md = markup(
        Flavor::Markdown,
        Locale::En,
        "guide-hub-provider-flow",
        &[("provider", Arg::Text("*Acme_*"))],
    )
    .unwrap();
    assert_eq!(
        md,
        r"If \*Acme\_\* asks you to sign in or to approve access, complete that flow."
    );
}

#[test]
fn links_code_and_markup_arguments_per_flavour() {
    let args = [
        ("href", Arg::Text("/guides/accounts-section")),
        ("title", Arg::Text("Set up A & B")),
        ("setup", Arg::Markup("./a%28b%29")),
    ];
    assert_eq!(
        markup(Flavor::Mdx, Locale::En, "guide-oauth-accounts-setup", &args).unwrap(),
        "The linked account then appears on your <a href=\"/guides/accounts-section\">Accounts</a> page. \
         The connector itself is set up once by an administrator: see <a href=\"./a%28b%29\">Set up A & B</a>."
    );
    assert_eq!(
        markup(
            Flavor::Markdown,
            Locale::En,
            "guide-oauth-accounts-setup",
            &args
        )
        .unwrap(),
        "The linked account then appears on your [Accounts](/guides/accounts-section) page. \
         The connector itself is set up once by an administrator: see [Set up A & B](./a%28b%29)."
    );
    let code = [
        ("resource", Arg::Text("https://mcp.example.com/{x}")),
        ("provider", Arg::Text("P")),
    ];
    assert_eq!(
        markup(Flavor::Mdx, Locale::En, "guide-check-discovery", &code[..1]).unwrap(),
        "The Hub reads the metadata of <code>https://mcp.example.com/\\{x\\}</code> to find its authorization server."
    );
}

#[test]
fn nodes_arguments_are_spliced_in() {
    let hint = [
        Inline::Text("starts with ".into()),
        Inline::Code("sk_".into()),
    ];
    assert_eq!(
        nodes(Locale::En, "guide-format", &[("hint", Arg::Nodes(&hint))]),
        [
            Inline::Text("Format: starts with ".into()),
            Inline::Code("sk_".into()),
            Inline::Text(".".into())
        ]
    );
}

#[test]
fn templates_get_errors_for_unknown_ids_and_missing_arguments() {
    let e = markup(Flavor::Markdown, Locale::De, "guide-nope", &[]).unwrap_err();
    assert!(e.contains("no message `guide-nope`"), "{e}");
    let e = markup(Flavor::Markdown, Locale::En, "guide-hub-provider-flow", &[]).unwrap_err();
    assert!(e.contains("`provider`"), "{e}");
    let e = plain(Locale::Ja, "guide-step-title", &[("n", Arg::Num(1))]).unwrap_err();
    assert!(e.contains("`title`"), "{e}");
}

#[test]
fn lists_follow_the_locale() {
    let items = ["7".to_owned(), "30".to_owned(), "90".to_owned()];
    assert_eq!(or_list(Locale::En, &items), "7, 30 or 90");
    assert_eq!(or_list(Locale::De, &items), "7, 30 oder 90");
    assert_eq!(and_list(Locale::En, &items[..2]), "7 and 30");
    assert_eq!(or_list(Locale::En, &items[..1]), "7");
}

/// The `$arguments` of each message of a catalogue source, by id.
fn arguments(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in source.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ')
            && let Some((id, _)) = line.split_once(" =")
        {
            current = Some(id.trim().to_owned());
            out.entry(id.trim().to_owned()).or_default();
        }
        let Some(id) = &current else { continue };
        let mut rest = line;
        while let Some(i) = rest.find('$') {
            let name: String = rest[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            out.get_mut(id)
                .expect("entry made above")
                .insert(name.clone());
            rest = &rest[i + 1 + name.len()..];
        }
    }
    out
}

/// Every locale's guides catalogue has the English messages with the English arguments
/// (a dropped argument loses a fact: a name, a link, a number).
#[test]
fn every_locale_has_every_message_with_the_english_arguments() {
    let english = arguments(&connectspec_i18n::source(Locale::En, Area::Guides));
    assert!(english.len() > 90, "{}", english.len());
    for locale in Locale::TRANSLATED {
        let local = arguments(&connectspec_i18n::source(locale, Area::Guides));
        assert_eq!(
            local.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>(),
            "{locale}: message ids"
        );
        for (id, args) in &english {
            assert_eq!(&local[id], args, "{locale}: arguments of `{id}`");
        }
    }
}

/// Every message of every locale is well-formed markup: nothing is left of `**`, `` ` ``
/// or `[…](…)` after the pieces are taken out, so no translation shows a stray asterisk.
/// Count sentences give each plural category the locale has for every count.
#[test]
fn every_message_is_well_formed_in_every_locale() {
    let ids = connectspec_i18n::message_ids(Locale::En, Area::Guides);
    let english = arguments(&connectspec_i18n::source(Locale::En, Area::Guides));
    for locale in Locale::ALL {
        for id in &ids {
            // Every argument as text, `$n` as each count a category might need.
            for n in [0u64, 1, 2, 3, 5, 11, 21, 100, 1_000_000] {
                let names: Vec<&str> = english[id].iter().map(String::as_str).collect();
                let args: Vec<(&str, Arg<'_>)> = names
                    .iter()
                    .map(|a| match *a {
                        "n" | "status" => (*a, Arg::Num(n)),
                        "unit" if id == "guide-unit" => (*a, Arg::Key("days")),
                        _ => (*a, Arg::Text("ARG")),
                    })
                    .collect();
                let formatted =
                    checked(locale, id, &args).unwrap_or_else(|e| panic!("{locale}: {e}"));
                for piece in &formatted.pieces {
                    if let Piece::Text(run) = piece {
                        for seg in run {
                            if let Seg::Lit(s) = seg {
                                assert!(
                                    !s.contains(['*', '`', '[', ']', '<', '>', '{', '}']),
                                    "{locale} `{id}`: stray markup in {s:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
        // The plural categories of the locale, in each select on a count.
        let source = connectspec_i18n::source(locale, Area::Guides);
        for category in plurals::categories(locale).iter() {
            for (id, block) in selects_on_n(&source) {
                assert!(
                    block.contains(&format!("[{category}]")),
                    "{locale} `{id}`: no [{category}] variant"
                );
            }
        }
    }
}

/// Each message with a select on `$n`, and the text of its selects.
fn selects_on_n(source: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in source.lines() {
        if !line.starts_with([' ', '#']) && line.contains(" =") {
            let id = line.split(" =").next().unwrap_or("").to_owned();
            out.push((id, String::new()));
        }
        if let Some((_, block)) = out.last_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    out.retain(|(_, block)| block.contains("$n ->"));
    out
}

#[test]
fn categories_have_their_english_titles() {
    for (id, title) in connectspec_lang::CATEGORIES {
        let message = format!("guide-category-{id}");
        assert!(exists(&message), "{message}");
        assert_eq!(text(Locale::En, &message, &[]), *title);
    }
}

/// Formatted messages are reused, but never across what shapes them: the numbers, and
/// in Japanese the scripts at the arguments' edges.
#[test]
fn reused_messages_keep_their_shape() {
    let title = |provider: &str, method: &str| {
        text(
            Locale::Ja,
            "guide-page-title",
            &[
                ("provider", Arg::Text(provider)),
                ("method", Arg::Text(method)),
            ],
        )
    };
    assert_eq!(
        title("Webflow", "サイトトークン"),
        "Webflow をサイトトークンで接続する"
    );
    assert_eq!(
        title("Oneflow", "API トークン"),
        "Oneflow を API トークンで接続する"
    );
    assert_eq!(
        title("Webflow", "サイトトークン"),
        "Webflow をサイトトークンで接続する"
    );
    let step = |n| {
        text(
            Locale::En,
            "guide-step-title",
            &[("n", Arg::Num(n)), ("title", Arg::Text("Go"))],
        )
    };
    assert_eq!(
        (step(1), step(2)),
        ("Step 1: Go".to_owned(), "Step 2: Go".to_owned())
    );
}
