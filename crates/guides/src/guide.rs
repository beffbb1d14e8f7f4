//! The guide of one method as structured data: the same selection and the same facts as
//! the generated page, with guide text as parsed inline nodes instead of markup.
//!
//! The service serves this beside the link form, and the form builds its DOM from the
//! nodes with text content only, so no markup travels and nothing needs escaping twice.
//! Pages and form share [`bullet_nodes`], so a limit or a format hint reads the same in both.

use std::collections::BTreeMap;

use connectspec_i18n::{Lang, Locale};
use connectspec_lang::inline::{Inline, parse};
use connectspec_lang::{AuthMethod, Bullet, ProviderSpec, Section, Step};
use serde::Serialize;

use crate::selection::{Selection, displayed_scopes, keeps_in};
use crate::sentences::{format_nodes, limit_sentence_in};

/// One inline node of guide text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Node {
    /// Plain text.
    Text(String),
    /// Bold text.
    Bold(String),
    /// Inline code.
    Code(String),
    /// A link; `external` links open in a new tab.
    Link {
        /// Link text.
        text: String,
        /// Target (an https URL or a site path).
        href: String,
        /// Whether the target is on another site.
        external: bool,
    },
}

/// Inline text: a sequence of nodes.
pub type Text = Vec<Node>;

/// The guide of a method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuideView {
    /// The warning shown above the guide.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<Text>,
    /// Sections in spec order.
    pub sections: Vec<SectionView>,
    /// Sentences of the limits that no bullet of the guide states already.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<String>,
    /// Field descriptions as inline nodes, by field key (those written in the inline
    /// subset; a form shows any other as plain text).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub descriptions: BTreeMap<String, Text>,
    /// Format hints as inline nodes, by field key (a hint's `code` is code in the form,
    /// as on pages).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub hints: BTreeMap<String, Text>,
}

/// A guide section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionView {
    /// Heading.
    pub title: String,
    /// Introduction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intro: Option<Text>,
    /// Numbered steps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepView>,
    /// List items after the steps.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bullets: Vec<Text>,
    /// The scopes the section is about, as the spec names them (for the pages' scope
    /// selector; the form does not need them).
    #[serde(skip)]
    pub scopes: Vec<String>,
}

/// A step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepView {
    /// Step title.
    pub title: String,
    /// Step text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// List items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bullets: Vec<Text>,
    /// Labels of the permissions this step grants, when the spec shows them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scope_labels: Vec<String>,
    /// The scopes the step is about, as the spec names them (pages only).
    #[serde(skip)]
    pub scopes: Vec<String>,
    /// Whether the step shows the permissions it grants (pages only).
    #[serde(skip)]
    pub display_scopes: bool,
    /// The ids of [`StepView::scope_labels`], in the same order (pages only).
    #[serde(skip)]
    pub scope_ids: Vec<String>,
}

/// Parses guide text; the loader has proved it parses, so a failure is reported.
pub fn text_nodes(source: &str) -> Result<Vec<Inline>, String> {
    crate::inline::nodes(source)
}

/// The nodes of one list item: guide text, or a fact from the method's data stated in
/// `locale`.
pub fn bullet_nodes(
    locale: Locale,
    method: &AuthMethod,
    bullet: &Bullet,
) -> Result<Vec<Inline>, String> {
    match bullet {
        Bullet::Text(t) => text_nodes(t),
        Bullet::Limit { limit } => {
            let l = method.limit(*limit).ok_or_else(|| {
                format!(
                    "method `{}` declares no `{}` limit",
                    method.id,
                    limit.name()
                )
            })?;
            Ok(vec![Inline::Text(limit_sentence_in(locale, method, l))])
        }
        Bullet::FieldFormat { field_format } => {
            let hint = method
                .field(field_format)
                .and_then(|f| f.hint.as_deref())
                .ok_or_else(|| {
                    format!(
                        "field `{field_format}` of method `{}` has no hint",
                        method.id
                    )
                })?;
            // The hint is inline text (the checker proved it): its `code` stays code.
            format_nodes(locale, hint)
        }
    }
}

fn nodes(inline: Vec<Inline>) -> Text {
    inline
        .into_iter()
        .map(|n| match n {
            Inline::Text(t) => Node::Text(t),
            Inline::Bold(t) => Node::Bold(t),
            Inline::Code(t) => Node::Code(t),
            Inline::Link { text, url } => Node::Link {
                external: url.starts_with("https://") || url.starts_with("http://"),
                text,
                href: url,
            },
        })
        .collect()
}

fn text(source: &Option<String>) -> Result<Option<Text>, String> {
    source
        .as_deref()
        .map(|t| text_nodes(t).map(nodes))
        .transpose()
}

fn bullets(locale: Locale, method: &AuthMethod, items: &[Bullet]) -> Result<Vec<Text>, String> {
    items
        .iter()
        .map(|b| bullet_nodes(locale, method, b).map(nodes))
        .collect()
}

/// The guide of `method`, with the page's scope selection, in English.
pub fn method_guide(method: &AuthMethod, sel: Selection<'_>) -> Result<GuideView, String> {
    method_guide_localized(Locale::En, method, sel)
}

/// The guide of `method` in `lang`: the method's texts as `lang` gives them (their
/// translations, the pseudo-locale's transformation, or the English), the engine's
/// sentences (limits, format hints) from `lang`'s catalogue. What the service embeds
/// beside the form, per locale.
pub fn method_guide_in(
    method: &AuthMethod,
    sel: Selection<'_>,
    lang: Lang<'_>,
) -> Result<GuideView, String> {
    if lang.locale == Locale::En {
        return method_guide(method, sel);
    }
    method_guide_localized(lang.locale, &localized_method(method, lang), sel)
}

/// `method` with each of its texts as `lang` gives it. The texts' keys are those of
/// `connectspec_lang::texts`, which name a method's texts by the method's id alone, so a
/// provider holding just this method has the same keys.
pub fn localized_method(method: &AuthMethod, lang: Lang<'_>) -> AuthMethod {
    let mut spec = ProviderSpec {
        id: String::new(),
        name: String::new(),
        homepage: String::new(),
        categories: Vec::new(),
        sources: Vec::new(),
        auth_methods: vec![method.clone()],
    };
    connectspec_lang::texts::visit_texts_mut(&mut spec, &mut |key, _, text| {
        let localized = lang.spec_text(key, text).into_owned();
        *text = localized;
    });
    spec.auth_methods.pop().expect("the method put in above")
}

/// The guide of `method` whose texts are in `locale` already (a spec localized by
/// `connectspec_lang::translate::localize`, as the pages use): the engine's sentences in
/// `locale`.
pub fn method_guide_localized(
    locale: Locale,
    method: &AuthMethod,
    sel: Selection<'_>,
) -> Result<GuideView, String> {
    let guide = &method.guide;
    let mut sections = Vec::new();
    for section in &guide.sections {
        if let Some(s) = section_view(locale, method, section, sel)? {
            sections.push(s);
        }
    }
    let stated = |kind| {
        guide.sections.iter().any(|s| {
            s.bullets
                .iter()
                .chain(s.steps.iter().flat_map(|st| &st.bullets))
                .any(|b| matches!(b, Bullet::Limit { limit } if *limit == kind))
        })
    };
    let limits = method
        .limits
        .iter()
        .filter(|l| !stated(l.kind))
        .map(|l| limit_sentence_in(locale, method, l))
        .collect();
    let descriptions = method
        .fields
        .iter()
        .filter_map(|f| {
            let d = f.description.as_deref()?;
            Some((f.key.clone(), nodes(parse(d).ok()?)))
        })
        .collect();
    let hints = method
        .fields
        .iter()
        .filter_map(|f| {
            let h = f.hint.as_deref()?;
            Some((f.key.clone(), nodes(parse(h).ok()?)))
        })
        .collect();
    Ok(GuideView {
        warning: text(&guide.warning)?,
        sections,
        limits,
        descriptions,
        hints,
    })
}

fn section_view(
    locale: Locale,
    method: &AuthMethod,
    section: &Section,
    sel: Selection<'_>,
) -> Result<Option<SectionView>, String> {
    if !keeps_in(method, sel, &section.scopes) {
        return Ok(None);
    }
    let mut steps = Vec::new();
    for step in &section.steps {
        if keeps_in(method, sel, &step.scopes) {
            steps.push(step_view(locale, method, step, sel)?);
        }
    }
    if !section.steps.is_empty() && steps.is_empty() && section.bullets.is_empty() {
        return Ok(None);
    }
    Ok(Some(SectionView {
        title: section.title.clone(),
        intro: text(&section.intro)?,
        steps,
        bullets: bullets(locale, method, &section.bullets)?,
        scopes: section.scopes.clone(),
    }))
}

fn step_view(
    locale: Locale,
    method: &AuthMethod,
    step: &Step,
    sel: Selection<'_>,
) -> Result<StepView, String> {
    // On a page rendered for a scope set, a step lists only the scopes of that set.
    let shown = if step.display_scopes {
        displayed_scopes(method, sel, &step.scopes)
    } else {
        Vec::new()
    };
    let scope_labels = shown
        .iter()
        .map(|id| {
            method
                .scope(id)
                .map_or((*id).to_owned(), |s| s.label.clone())
        })
        .collect();
    Ok(StepView {
        title: step.title.clone(),
        text: text(&step.text)?,
        bullets: bullets(locale, method, &step.bullets)?,
        scope_labels,
        scopes: step.scopes.clone(),
        display_scopes: step.display_scopes,
        scope_ids: shown.into_iter().map(str::to_owned).collect(),
    })
}
