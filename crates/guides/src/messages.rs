//! The engine's own words, from the catalogue `locales/<locale>/guides.ftl`.
//!
//! Every sentence, heading and label the page engine writes is a Fluent message there,
//! formatted in the page's locale by `connectspec_i18n::message` (English where a locale
//! lacks one). A message may hold the guide subset's markup, `**bold**`, `` `code` `` and
//! `[text](target)`, so a translation can move a label or a link within its sentence.
//!
//! Arguments never take part in that markup: each one that is printed goes into Fluent
//! as a private-use placeholder, the formatted message is split into pieces, and only
//! then are the values put in, as literal text of the piece they stand in. A label
//! holding `*` or `[` therefore stays text, and one formatting serves the typed guide
//! ([`nodes`]), the pages' markup ([`markup`], what the templates' `t` prints) and plain
//! contexts such as front matter ([`text`]). In Japanese the engine also puts the space
//! between scripts at an argument's edges (`spacing`), which the catalogue cannot know.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use std::sync::OnceLock;

use connectspec_i18n::{Area, Locale};
use connectspec_lang::inline::{Inline, plain_text};

use crate::{Flavor, escape, inline};

mod spacing;

/// One argument of a message.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg<'a> {
    /// Plain text (a name, a label): always literal where it is printed.
    Text(&'a str),
    /// A number: selects the plural variant, printed without grouping.
    Num(u64),
    /// A value a select chooses by (`days`, `requests_per_minute`); never printed.
    Key(&'a str),
    /// Inline nodes (a format hint with its code), spliced in where the argument stands.
    Nodes(&'a [Inline]),
    /// Markup already rendered for the page's flavour (a template's safe value),
    /// printed as it is.
    Markup(&'a str),
}

/// Where a placeholder starts: a private-use character no catalogue text holds.
const OPEN: char = '\u{E000}';
/// Argument `i`'s placeholder is [`OPEN`] followed by `BASE + i`.
const BASE: u32 = 0xE100;
/// More arguments than any message has; placeholders stay in the private-use area.
const MAX_ARGS: usize = 64;

fn placeholder(i: usize) -> String {
    let c = char::from_u32(BASE + i as u32).expect("a private-use character");
    format!("{OPEN}{c}")
}

/// Literal text or an argument's place.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Lit(String),
    Arg(usize),
}

/// One piece of a formatted message.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(Vec<Seg>),
    Bold(Vec<Seg>),
    Code(Vec<Seg>),
    Link { text: Vec<Seg>, url: Vec<Seg> },
}

/// The ids of the English catalogue: the ones a template may name.
fn english_ids() -> &'static BTreeSet<String> {
    static IDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        connectspec_i18n::message_ids(Locale::En, Area::Guides)
            .into_iter()
            .collect()
    })
}

/// Whether `id` is a message of the guides catalogue.
pub fn exists(id: &str) -> bool {
    english_ids().contains(id)
}

/// A message formatted and split into pieces (arguments by index), and the first
/// argument it uses that the caller did not give (Fluent leaves `{$name}` in the text).
struct Formatted {
    pieces: Vec<Piece>,
    missing: Option<String>,
}

thread_local! {
    /// Formatted messages by locale, id and what of the arguments shapes the result
    /// (numbers, selector keys, which arguments are text): a page renders the same few
    /// dozen messages again and again, and a rayon worker keeps its own cache.
    static CACHE: RefCell<HashMap<String, Rc<Formatted>>> = RefCell::new(HashMap::new());
}

/// What the formatted pieces depend on: the arguments' values only where Fluent sees
/// them (numbers, keys), and in Japanese the scripts at each text argument's edges.
fn cache_key(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let mut key = String::with_capacity(id.len() + 8 + 12 * args.len());
    key.push_str(locale.tag());
    key.push('\0');
    key.push_str(id);
    for (name, arg) in args {
        key.push('\0');
        key.push_str(name);
        match *arg {
            Arg::Num(n) => {
                key.push('#');
                key.push_str(&n.to_string());
            }
            Arg::Key(k) => {
                key.push('=');
                key.push_str(k);
            }
            ref text => {
                key.push('~');
                if locale == Locale::Ja {
                    key.extend(spacing::edge_scripts(&flat_arg(text)));
                }
            }
        }
    }
    key
}

fn formatted(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> Rc<Formatted> {
    let key = cache_key(locale, id, args);
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let made = Rc::new(format_message(locale, id, args));
    CACHE.with(|c| c.borrow_mut().insert(key, made.clone()));
    made
}

fn format_message(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> Formatted {
    assert!(args.len() <= MAX_ARGS, "message `{id}`: too many arguments");
    let holders: Vec<String> = (0..args.len()).map(placeholder).collect();
    let fluent: Vec<(&str, connectspec_i18n::Arg<'_>)> = args
        .iter()
        .zip(&holders)
        .map(|((name, arg), holder)| {
            let value = match *arg {
                Arg::Num(n) => connectspec_i18n::Arg::Num(n),
                Arg::Key(k) => connectspec_i18n::Arg::Str(k),
                _ => connectspec_i18n::Arg::Str(holder),
            };
            (*name, value)
        })
        .collect();
    let mut formatted = connectspec_i18n::message(locale, id, &fluent);
    if locale == Locale::Ja {
        formatted = spacing::space_scripts(&formatted, args);
    }
    let missing = formatted.find("{$").map(|at| {
        let name = &formatted[at + 2..];
        let name = &name[..name.find('}').unwrap_or(name.len())];
        format!("message `{id}` needs the argument `{name}`")
    });
    Formatted {
        pieces: parse(&formatted),
        missing,
    }
}

/// [`formatted`], or the error naming the first missing argument.
fn checked(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> Result<Rc<Formatted>, String> {
    let f = formatted(locale, id, args);
    match &f.missing {
        Some(e) => Err(e.clone()),
        None => Ok(f),
    }
}

/// Splits formatted text into pieces. Markup that does not close is literal text (the
/// catalogue tests hold every message to well-formed markup).
fn parse(s: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let piece = if let Some(after) = rest.strip_prefix("**")
            && let Some(end) = after.find("**").filter(|e| *e > 0)
        {
            Some((Piece::Bold(segs(&after[..end])), &after[end + 2..]))
        } else if let Some(after) = rest.strip_prefix('`')
            && let Some(end) = after.find('`').filter(|e| *e > 0)
        {
            Some((Piece::Code(segs(&after[..end])), &after[end + 1..]))
        } else if let Some(after) = rest.strip_prefix('[')
            && let Some(close) = after.find("](")
            && let Some(end) = after[close + 2..].find(')')
        {
            let url = &after[close + 2..close + 2 + end];
            let link = Piece::Link {
                text: segs(&after[..close]),
                url: segs(url),
            };
            Some((link, &after[close + 3 + end..]))
        } else {
            None
        };
        match piece {
            Some((p, after)) => {
                if !text.is_empty() {
                    out.push(Piece::Text(segs(&std::mem::take(&mut text))));
                }
                out.push(p);
                rest = after;
            }
            None => {
                text.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !text.is_empty() {
        out.push(Piece::Text(segs(&text)));
    }
    out
}

/// Literal text and placeholders.
fn segs(s: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let index = (c == OPEN)
            .then(|| {
                chars
                    .peek()
                    .map(|n| (*n as u32).wrapping_sub(BASE) as usize)
            })
            .flatten()
            .filter(|i| *i < MAX_ARGS);
        match index {
            Some(i) => {
                chars.next();
                if !lit.is_empty() {
                    out.push(Seg::Lit(std::mem::take(&mut lit)));
                }
                out.push(Seg::Arg(i));
            }
            None => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Seg::Lit(lit));
    }
    out
}

/// The text of a run, with every argument as plain text.
fn flat(run: &[Seg], args: &[(&str, Arg<'_>)]) -> String {
    let mut out = String::new();
    for seg in run {
        match seg {
            Seg::Lit(s) => out.push_str(s),
            Seg::Arg(i) => out.push_str(&flat_arg(&args[*i].1)),
        }
    }
    out
}

/// An argument's value as text (markup as it is, nodes without their markup).
fn flat_arg(arg: &Arg<'_>) -> String {
    match *arg {
        Arg::Text(s) | Arg::Markup(s) | Arg::Key(s) => s.to_owned(),
        Arg::Num(n) => n.to_string(),
        Arg::Nodes(n) => plain_text(n),
    }
}

fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Inline::Text(t)) => t.push_str(s),
        _ => out.push(Inline::Text(s.to_owned())),
    }
}

/// The message as inline nodes: what the typed guide and the check sentences hold.
pub fn nodes(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> Vec<Inline> {
    nodes_of(&formatted(locale, id, args).pieces, args)
}

fn nodes_of(pieces: &[Piece], args: &[(&str, Arg<'_>)]) -> Vec<Inline> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(run) => {
                for seg in run {
                    match seg {
                        Seg::Arg(i) => match args[*i].1 {
                            Arg::Nodes(nodes) => {
                                for n in nodes {
                                    match n {
                                        Inline::Text(t) => push_text(&mut out, t),
                                        other => out.push(other.clone()),
                                    }
                                }
                            }
                            _ => push_text(&mut out, &flat(std::slice::from_ref(seg), args)),
                        },
                        Seg::Lit(s) => push_text(&mut out, s),
                    }
                }
            }
            Piece::Bold(run) => out.push(Inline::Bold(flat(run, args))),
            Piece::Code(run) => out.push(Inline::Code(flat(run, args))),
            Piece::Link { text, url } => out.push(Inline::Link {
                text: flat(text, args),
                url: flat(url, args),
            }),
        }
    }
    out
}

/// The message as plain text: markup dropped, links reduced to their text. For titles,
/// front matter, attributes and the sentences the typed guide holds as strings.
pub fn text(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    plain_text(&nodes(locale, id, args))
}

/// The message as markup of `flavor`: literal text and text arguments escaped, markup
/// arguments as they are. Link targets are escaped for the flavour (an attribute in MDX,
/// a Markdown destination), and links stay in the page's tab: the engine's links lead to
/// the Hub's documentation and the integrator's own consoles.
/// An id the catalogue lacks and a missing argument are errors (a template's mistake).
pub fn markup(
    flavor: Flavor,
    locale: Locale,
    id: &str,
    args: &[(&str, Arg<'_>)],
) -> Result<String, String> {
    if !exists(id) {
        return Err(format!(
            "there is no message `{id}` in locales/en/guides.ftl"
        ));
    }
    let formatted = checked(locale, id, args)?;
    let mut out = String::new();
    for piece in &formatted.pieces {
        match piece {
            Piece::Text(run) => {
                let at_start = out.is_empty();
                out.push_str(&escaped(flavor, run, args, at_start));
            }
            Piece::Bold(run) => {
                let inner = escaped(flavor, run, args, false);
                match flavor {
                    Flavor::Mdx => out.push_str(&format!("<strong>{inner}</strong>")),
                    Flavor::Markdown => out.push_str(&format!("**{inner}**")),
                }
            }
            Piece::Code(run) => match flavor {
                Flavor::Mdx => {
                    let inner = escaped(flavor, run, args, false);
                    out.push_str(&format!("<code>{inner}</code>"));
                }
                Flavor::Markdown => out.push_str(&escape::md_code(&flat(run, args))),
            },
            Piece::Link { text, url } => {
                let text = escaped(flavor, text, args, false);
                let mut target = String::new();
                for seg in url {
                    match seg {
                        Seg::Arg(i) if matches!(args[*i].1, Arg::Markup(_)) => {
                            target.push_str(&flat(std::slice::from_ref(seg), args));
                        }
                        _ => {
                            let raw = flat(std::slice::from_ref(seg), args);
                            target.push_str(&match flavor {
                                Flavor::Mdx => escape::attr(&raw),
                                Flavor::Markdown => escape::md_url(&raw),
                            });
                        }
                    }
                }
                match flavor {
                    Flavor::Mdx => out.push_str(&format!("<a href=\"{target}\">{text}</a>")),
                    Flavor::Markdown => out.push_str(&format!("[{text}]({target})")),
                }
            }
        }
    }
    Ok(out)
}

/// [`text`] for a template: an id the catalogue lacks and a missing argument are errors.
pub fn plain(locale: Locale, id: &str, args: &[(&str, Arg<'_>)]) -> Result<String, String> {
    if !exists(id) {
        return Err(format!(
            "there is no message `{id}` in locales/en/guides.ftl"
        ));
    }
    let formatted = checked(locale, id, args)?;
    Ok(plain_text(&nodes_of(&formatted.pieces, args)))
}

/// A run as markup: each literal and text argument escaped on its own (block markers
/// only at the message's start), markup as it is, nodes rendered.
fn escaped(flavor: Flavor, run: &[Seg], args: &[(&str, Arg<'_>)], at_start: bool) -> String {
    let mut out = String::new();
    for seg in run {
        let first = at_start && out.is_empty();
        match seg {
            Seg::Lit(s) => out.push_str(&escape::text_at(flavor, s, first)),
            Seg::Arg(i) => match args[*i].1 {
                Arg::Markup(m) => out.push_str(m),
                Arg::Nodes(n) => out.push_str(&inline::render_nodes(flavor, n)),
                _ => {
                    let s = flat(std::slice::from_ref(seg), args);
                    out.push_str(&escape::text_at(flavor, &s, first));
                }
            },
        }
    }
    out
}

/// Items joined as one alternative ("a, b or c") in `locale`.
pub fn or_list(locale: Locale, items: &[String]) -> String {
    list(locale, "guide-list-or", items)
}

/// Items joined as a whole ("a, b and c") in `locale`.
pub fn and_list(locale: Locale, items: &[String]) -> String {
    list(locale, "guide-list-and", items)
}

fn list(locale: Locale, id: &str, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let sep = text(locale, "guide-list-separator", &[]);
            let init = init.join(&sep);
            text(
                locale,
                id,
                &[("init", Arg::Text(&init)), ("last", Arg::Text(last))],
            )
        }
    }
}

#[cfg(test)]
mod tests;
