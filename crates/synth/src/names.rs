//! Word banks for provider names, domains, resources and UI labels.
//!
//! Names are built from syllables so a thousand providers read like product names
//! without being anyone's real product.

use std::collections::BTreeSet;

use crate::rng::Rng;

const HEADS: &[&str] = &[
    "quill", "brava", "nimbo", "tesla", "corvo", "lumen", "pivo", "stra", "vela", "orbi", "kesto",
    "marlo", "fenn", "zephy", "tando", "rivo", "calyx", "dorra", "elmo", "graph", "hollo", "ivra",
    "jasp", "kilo", "mosa", "nexa", "opal", "prism", "quanta", "rune", "sola", "trell", "umbra",
    "vanta", "wisp", "yarro", "zinna", "amber", "birch", "cinder",
];
const TAILS: &[&str] = &[
    "point", "desk", "flow", "base", "stack", "ly", "hub", "forge", "mint", "wave", "grid", "nest",
    "loop", "yard", "sync", "works", "cast", "lane", "box", "field",
];
const TLDS: &[&str] = &["com", "io", "dev", "app", "co"];

/// Categories a provider may list (ids of the language's closed list).
pub const CATEGORIES: &[&str] = &[
    "crm",
    "marketing",
    "ticketing",
    "hr",
    "accounting",
    "analytics",
    "knowledge",
    "project_management",
    "communication",
    "commerce",
    "monitoring",
    "identity",
    "documents",
    "payments",
];

/// Resources that scopes are made of.
pub const RESOURCES: &[(&str, &str)] = &[
    ("contacts", "Contacts"),
    ("deals", "Deals"),
    ("invoices", "Invoices"),
    ("projects", "Projects"),
    ("tickets", "Tickets"),
    ("users", "Users"),
    ("files", "Files"),
    ("reports", "Reports"),
    ("webhooks", "Webhooks"),
    ("forms", "Forms"),
    ("orders", "Orders"),
    ("teams", "Teams"),
    ("calendars", "Calendars"),
    ("audit_logs", "Audit logs"),
];

/// Where a provider keeps its API settings, as its UI labels them.
pub const SETTINGS_PATHS: &[(&str, &str)] = &[
    ("Settings", "API Tokens"),
    ("Admin Center", "Apps and Integrations"),
    ("Account", "Developer Tools"),
    ("Workspace Settings", "API Access"),
    ("Organization Settings", "API Keys"),
    ("Profile", "Personal Access Tokens"),
    ("Marketplace", "Custom Integration"),
];

/// Scopes of what a count limit applies to.
pub const PER: &[&str] = &["account", "user", "workspace", "site", "organization"];

/// A provider's identity.
#[derive(Debug, Clone)]
pub struct Identity {
    /// snake_case id (also the file stem).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Registered domain, e.g. `quillpoint.io`.
    pub domain: String,
    /// Name as one capitalised word for header names, e.g. `Quillpoint`.
    pub pascal: String,
}

/// A fresh identity not in `taken`; records it there.
pub fn identity(rng: &mut Rng, taken: &mut BTreeSet<String>) -> Identity {
    let base = format!("{}{}", rng.pick(HEADS), rng.pick(TAILS));
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(id.clone());
    let word: String = id.split('_').collect::<Vec<_>>().join("");
    let mut pascal = String::new();
    for (i, c) in word.chars().enumerate() {
        pascal.push(if i == 0 { c.to_ascii_uppercase() } else { c });
    }
    let name = match id.split_once('_') {
        Some((_, n)) => format!("{} {n}", capitalise(&base)),
        None => capitalise(&base),
    };
    let domain = format!("{word}.{}", rng.pick(TLDS));
    Identity {
        id,
        name,
        domain,
        pascal,
    }
}

/// "quillpoint" → "Quillpoint".
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}
