//! The template context: what a page template sees, built from the spec model.
//!
//! Everything the templates print is either a plain string (escaped by the engine's
//! formatter for the template's flavour) or markup this module built from escaped
//! parts and marked safe (inline guide text, structured facts). Templates therefore
//! never escape anything themselves. Scope filtering happens here, so every template
//! (default or override) gets the same selection.

use std::collections::BTreeSet;

use connectspec_i18n::Locale;
use connectspec_lang::inline::Inline;
use connectspec_lang::{AuthMethod, Catalogue, ProviderSpec};
use minijinja::Value;

use crate::guide::{GuideView, Node, SectionView, StepView, Text};
use crate::messages;
use crate::selection::Selection;
use crate::sentences::{page_description_in, page_title_in};
use crate::{Flavor, inline};

/// What one method page is rendered for: a scope set (`--scopes`), or the actions of
/// `--actions` this method declares and their least-privilege scopes.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    /// The scope selection.
    pub scopes: Option<BTreeSet<String>>,
    /// The method's chosen action ids, in the method's order (empty: none chosen).
    pub actions: Vec<String>,
    /// Their least-privilege scope ids, in declaration order.
    pub least_privilege: Vec<String>,
}

impl Choice {
    /// The choice for `method` from the generation options. With `actions`, a method
    /// that declares none of them is rendered in full.
    pub fn new(
        method: &AuthMethod,
        scopes: Option<&BTreeSet<String>>,
        actions: Option<&BTreeSet<String>>,
    ) -> Choice {
        if let Some(wanted) = actions {
            let chosen: Vec<&str> = method
                .actions
                .iter()
                .map(|a| a.id.as_str())
                .filter(|a| wanted.contains(*a))
                .collect();
            if !chosen.is_empty() {
                let lp: Vec<String> = method
                    .least_privilege_scopes(&chosen)
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                return Choice {
                    scopes: Some(lp.iter().cloned().collect()),
                    actions: chosen.into_iter().map(str::to_owned).collect(),
                    least_privilege: lp,
                };
            }
            return Choice::default();
        }
        Choice {
            scopes: scopes.cloned(),
            ..Choice::default()
        }
    }

    /// The scope selection.
    pub fn selection(&self) -> Selection<'_> {
        self.scopes.as_ref()
    }
}

/// Builds a map value from `(key, value)` pairs.
fn obj<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .collect::<std::collections::BTreeMap<&str, Value>>(),
    )
}

fn safe(s: String) -> Value {
    Value::from_safe_string(s)
}

fn list(items: Vec<Value>) -> Value {
    Value::from(items)
}

/// The context of one method's pages in `flavor` and `locale` (its guide page and, for
/// OAuth, its set-up page: the templates differ, the context is the same). `spec` has
/// its texts in `locale` already; `guide` is the method's typed guide for `choice`
/// ([`crate::guide::method_guide_localized`]), the same for every flavour, so the
/// caller walks it once per method.
pub fn method_page(
    flavor: Flavor,
    locale: Locale,
    spec: &ProviderSpec,
    method: &AuthMethod,
    choice: &Choice,
    guide: &GuideView,
) -> Result<Value, String> {
    let sel = choice.selection();
    let warning = match &guide.warning {
        Some(w) => safe(render_text(flavor, w)),
        None => Value::from(()),
    };
    let sections: Vec<Value> = guide
        .sections
        .iter()
        .map(|section| section_context(flavor, section))
        .collect();
    // An OAuth method whose end users bring their own app: its client fields are in the
    // form too (optional when the integrator's app may be used instead).
    let client_fields: &[connectspec_lang::Field] = match &method.oauth {
        Some(o) if o.client != connectspec_lang::ClientOwner::Integrator => &method.setup_fields,
        _ => &[],
    };
    let either = method
        .oauth
        .as_ref()
        .is_some_and(|o| o.client == connectspec_lang::ClientOwner::Either);
    let fields = method
        .fields
        .iter()
        .map(|f| (f, f.optional))
        .chain(client_fields.iter().map(|f| (f, f.optional || either)))
        .map(|(f, optional)| {
            obj([
                ("key", Value::from(f.key.as_str())),
                ("label", Value::from(f.label.as_str())),
                ("optional", Value::from(optional)),
                ("secret", Value::from(f.secret)),
                // How a private key is given: "" for other fields.
                (
                    "paste",
                    Value::from(match f.private_key.as_ref().map(|k| k.container) {
                        Some(connectspec_lang::KeyContainer::Json) => {
                            messages::text(locale, "guide-field-paste-json", &[])
                        }
                        Some(connectspec_lang::KeyContainer::Pem) => {
                            messages::text(locale, "guide-field-paste-pem", &[])
                        }
                        None => String::new(),
                    }),
                ),
                // The label of a choice's default option, "" when there is none.
                (
                    "default_label",
                    Value::from(
                        f.default
                            .as_deref()
                            .and_then(|d| f.options.iter().find(|o| o.value == d))
                            .map_or("", |o| o.label.as_str()),
                    ),
                ),
            ])
        })
        .collect();
    let selected = match sel {
        Some(set) => list(set.iter().map(|s| Value::from(s.as_str())).collect()),
        None => Value::from(()),
    };
    let oauth = crate::oauth::oauth_view(flavor, locale, spec, method)?.unwrap_or(Value::from(()));
    let (actions, action_selection) = actions_view(flavor, method, choice);
    Ok(obj([
        ("actions", actions),
        ("action_selection", action_selection),
        ("flavor", Value::from(flavor.name())),
        ("locale", Value::from(locale.tag())),
        ("oauth", oauth),
        ("provider", provider_view(spec)),
        ("method", method_view(flavor, locale, spec, method)),
        (
            "page",
            obj([
                ("title", Value::from(page_title_in(locale, spec, method))),
                (
                    "description",
                    Value::from(page_description_in(locale, spec, method)),
                ),
            ]),
        ),
        ("warning", warning),
        (
            "checks",
            list(
                crate::checks::rendered(flavor, locale, spec, method)
                    .into_iter()
                    .map(safe)
                    .collect(),
            ),
        ),
        ("sections", list(sections)),
        ("fields", list(fields)),
        ("selected_scopes", selected),
    ]))
}

fn provider_view(spec: &ProviderSpec) -> Value {
    obj([
        ("id", Value::from(spec.id.as_str())),
        ("name", Value::from(spec.name.as_str())),
        ("homepage", Value::from(spec.homepage.as_str())),
    ])
}

fn method_view(flavor: Flavor, locale: Locale, spec: &ProviderSpec, method: &AuthMethod) -> Value {
    let slug = method.slug();
    let href = match flavor {
        Flavor::Mdx => format!("./{}/{}", spec.id, slug),
        Flavor::Markdown => format!("{}/{}.md", spec.id, slug),
    };
    obj([
        ("id", Value::from(method.id.as_str())),
        ("label", Value::from(method.label.as_str())),
        ("slug", Value::from(slug)),
        ("title", Value::from(page_title_in(locale, spec, method))),
        ("href", safe(crate::escape::md_url(&href))),
    ])
}

/// A section of the typed guide as the page templates see it.
fn section_context(flavor: Flavor, section: &SectionView) -> Value {
    let intro = match &section.intro {
        Some(t) => safe(render_text(flavor, t)),
        None => Value::from(()),
    };
    obj([
        ("title", Value::from(section.title.as_str())),
        ("scopes", Value::from(section.scopes.join(" "))),
        ("intro", intro),
        (
            "steps",
            list(
                section
                    .steps
                    .iter()
                    .map(|s| step_context(flavor, s))
                    .collect(),
            ),
        ),
        ("bullets", render_list(flavor, &section.bullets)),
    ])
}

/// A step of the typed guide as the page templates see it.
fn step_context(flavor: Flavor, step: &StepView) -> Value {
    let text = match &step.text {
        Some(t) => safe(render_text(flavor, t)),
        None => Value::from(()),
    };
    obj([
        ("title", Value::from(step.title.as_str())),
        ("scopes", Value::from(step.scopes.join(" "))),
        ("text", text),
        ("bullets", render_list(flavor, &step.bullets)),
        ("display_scopes", Value::from(step.display_scopes)),
        ("display_scope_ids", Value::from(step.scope_ids.join(" "))),
        (
            "scope_labels",
            list(
                step.scope_labels
                    .iter()
                    .map(|l| Value::from(l.as_str()))
                    .collect(),
            ),
        ),
    ])
}

/// Inline text of the typed guide as markup of the page's flavour.
fn render_text(flavor: Flavor, text: &Text) -> String {
    let inline: Vec<Inline> = text
        .iter()
        .map(|n| match n {
            Node::Text(t) => Inline::Text(t.clone()),
            Node::Bold(t) => Inline::Bold(t.clone()),
            Node::Code(t) => Inline::Code(t.clone()),
            Node::Link { text, href, .. } => Inline::Link {
                text: text.clone(),
                url: href.clone(),
            },
        })
        .collect();
    inline::render_nodes(flavor, &inline)
}

/// List items, each marked safe.
fn render_list(flavor: Flavor, items: &[Text]) -> Value {
    list(items.iter().map(|t| safe(render_text(flavor, t))).collect())
}

/// A scope as the pages show it: id (as code markup) and label.
fn scope_item(flavor: Flavor, method: &AuthMethod, id: &str) -> Value {
    let code = match flavor {
        Flavor::Mdx => inline::render_nodes(
            flavor,
            &[connectspec_lang::inline::Inline::Code(id.to_owned())],
        ),
        Flavor::Markdown => crate::escape::md_code(id),
    };
    obj([
        ("id", Value::from(id)),
        ("code", safe(code)),
        (
            "label",
            Value::from(method.scope(id).map_or(id, |s| s.label.as_str())),
        ),
    ])
}

/// The scope selector's data: the method's actions (on a page rendered for actions,
/// the chosen ones) with their scopes, and for such a page the least-privilege scopes.
fn actions_view(flavor: Flavor, method: &AuthMethod, choice: &Choice) -> (Value, Value) {
    let listed: Vec<_> = method
        .actions
        .iter()
        .filter(|a| choice.actions.is_empty() || choice.actions.contains(&a.id))
        .map(|a| {
            obj([
                ("id", Value::from(a.id.as_str())),
                ("label", Value::from(a.label.as_str())),
                (
                    "description",
                    a.description
                        .as_deref()
                        .map_or(Value::from(()), Value::from),
                ),
                ("scopes", Value::from(a.scopes.join(" "))),
                (
                    "scope_list",
                    list(
                        a.scopes
                            .iter()
                            .map(|s| scope_item(flavor, method, s))
                            .collect(),
                    ),
                ),
            ])
        })
        .collect();
    let selection = if choice.actions.is_empty() {
        Value::from(())
    } else {
        obj([
            ("ids", Value::from(choice.actions.join(" "))),
            ("scope_ids", Value::from(choice.least_privilege.join(" "))),
            (
                "scopes",
                list(
                    choice
                        .least_privilege
                        .iter()
                        .map(|s| scope_item(flavor, method, s))
                        .collect(),
                ),
            ),
        ])
    };
    (list(listed), selection)
}

/// The context of the index page in `locale`: every provider and its methods, sorted by
/// provider id (the catalogue's order) and method order within the spec.
pub fn index_page(flavor: Flavor, locale: Locale, catalogue: &Catalogue) -> Value {
    let providers = catalogue
        .iter()
        .map(|spec| {
            let mut p = vec![
                ("id", Value::from(spec.id.as_str())),
                ("name", Value::from(spec.name.as_str())),
                ("homepage", Value::from(spec.homepage.as_str())),
            ];
            let methods = spec
                .auth_methods
                .iter()
                .map(|m| method_view(flavor, locale, spec, m))
                .collect();
            p.push(("methods", list(methods)));
            let primary = spec.categories.first().map_or("", String::as_str);
            (
                primary,
                Value::from(
                    p.into_iter()
                        .collect::<std::collections::BTreeMap<&str, Value>>(),
                ),
            )
        })
        .collect::<Vec<(&str, Value)>>();
    // Each provider under its first category, in the closed list's order; a spec
    // without categories (allowed) goes last, under "Other".
    let categories: Vec<Value> = connectspec_lang::CATEGORIES
        .iter()
        .map(|(id, _)| *id)
        .chain([""])
        .filter_map(|id| {
            let members: Vec<Value> = providers
                .iter()
                .filter(|(c, _)| *c == id)
                .map(|(_, p)| p.clone())
                .collect();
            (!members.is_empty()).then(|| {
                obj([
                    ("id", Value::from(id)),
                    ("title", Value::from(category_title(locale, id))),
                    ("providers", list(members)),
                ])
            })
        })
        .collect();
    let providers: Vec<Value> = providers.into_iter().map(|(_, p)| p).collect();
    obj([
        ("flavor", Value::from(flavor.name())),
        ("locale", Value::from(locale.tag())),
        (
            "page",
            obj([
                (
                    "title",
                    Value::from(messages::text(locale, "guide-index-title", &[])),
                ),
                (
                    "description",
                    Value::from(messages::text(locale, "guide-index-description", &[])),
                ),
            ]),
        ),
        ("providers", list(providers)),
        ("categories", list(categories)),
    ])
}

/// The index heading of category `id` in `locale` (`""`: providers without one). Each
/// id of `connectspec_lang::CATEGORIES` has its message; a test holds the English ones
/// to the list's own titles.
pub fn category_title(locale: Locale, id: &str) -> String {
    let message = format!(
        "guide-category-{}",
        if id.is_empty() { "other" } else { id }
    );
    if messages::exists(&message) {
        return messages::text(locale, &message, &[]);
    }
    // A category added to the list before the catalogue: its English title.
    connectspec_lang::category_label(id)
        .unwrap_or(id)
        .to_owned()
}
