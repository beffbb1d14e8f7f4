//! The closed list of provider categories: what the catalogue index groups providers
//! by, and what a service selects them by at build time (`CONNECTSPEC_CATEGORIES`).
//! A closed list keeps one family under one name (`hr`, never also `hris` and
//! `human_resources`).

/// Every category: (id, the heading the catalogue index shows), in index order.
pub const CATEGORIES: &[(&str, &str)] = &[
    ("hr", "HR and payroll"),
    ("ats", "Applicant tracking"),
    ("crm", "CRM and sales"),
    ("accounting", "Accounting and finance"),
    ("payments", "Payments and billing"),
    ("ticketing", "Ticketing and support"),
    ("project_management", "Projects and work"),
    ("learning", "Learning"),
    ("identity", "Identity and access"),
    ("documents", "Documents, files and e-signature"),
    ("knowledge", "Knowledge and documentation"),
    ("productivity", "Productivity and scheduling"),
    ("communication", "Messaging and communication"),
    ("marketing", "Marketing and email"),
    ("commerce", "Commerce"),
    ("cms", "Websites and CMS"),
    ("analytics", "Analytics and data"),
    ("monitoring", "Monitoring and incidents"),
    ("developer_tools", "Developer tools"),
    ("ai", "AI"),
];

/// The index heading of a category id, if it is one.
pub fn category_label(id: &str) -> Option<&'static str> {
    CATEGORIES.iter().find(|(c, _)| *c == id).map(|(_, l)| *l)
}
