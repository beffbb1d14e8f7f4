//! The end-user guide of a method: sections of steps, with bullets that are either guide
//! text or facts drawn from the method's data.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::LimitKind;

/// The end-user guide of a method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Shown above everything else (inline Markdown subset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// Sections, in page order. At least one.
    pub sections: Vec<Section>,
}

/// A guide section: a heading, an intro, then steps or a plain list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Heading.
    pub title: String,
    /// Paragraph under the heading (inline Markdown subset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Scope ids this section concerns; empty means it always applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Numbered steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// A plain list, for sections without steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bullets: Vec<Bullet>,
}

/// One step of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Step title.
    pub title: String,
    /// Paragraph (inline Markdown subset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// List under the paragraph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bullets: Vec<Bullet>,
    /// Scope ids this step concerns; empty means it always applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
    /// Show the labels of `scopes` in the step.
    #[serde(default)]
    pub display_scopes: bool,
}

/// A list item: inline text, or a fact rendered from the spec's structured data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Bullet {
    /// Inline Markdown subset.
    Text(String),
    /// The sentence of one of the method's limits, by kind.
    Limit {
        /// The limit's kind; the method must declare it.
        limit: LimitKind,
    },
    /// The format of one of the method's fields ("Format: …"), from its hint.
    FieldFormat {
        /// The field's key; the field must have a hint.
        field_format: String,
    },
}
