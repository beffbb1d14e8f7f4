//! Guides of realistic size: three or four sections, steps with bullets, scope-tagged
//! sections and steps, and limit / field-format bullets rendered from structured data.

use connectspec_lang::{AuthMethod, Bullet, Guide, LimitKind, Section, Step};

use crate::names::{self, Identity, SETTINGS_PATHS};
use crate::rng::Rng;

/// "a Site Token", "an API Token".
fn a(label: &str) -> String {
    let vowel = label.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']);
    format!("{} {label}", if vowel { "an" } else { "a" })
}

fn text(s: impl Into<String>) -> Bullet {
    Bullet::Text(s.into())
}

fn step(title: impl Into<String>, body: impl Into<String>, bullets: Vec<Bullet>) -> Step {
    Step {
        title: title.into(),
        text: Some(body.into()),
        bullets,
        scopes: Vec::new(),
        display_scopes: false,
    }
}

fn section(title: impl Into<String>, intro: impl Into<String>) -> Section {
    Section {
        title: title.into(),
        intro: Some(intro.into()),
        scopes: Vec::new(),
        steps: Vec::new(),
        bullets: Vec::new(),
    }
}

fn before(rng: &mut Rng, who: &Identity, m: &AuthMethod) -> Section {
    let role = *rng.pick(&["Administrator", "Owner", "Developer", "Account Admin"]);
    let mut s = section(
        "Before you begin",
        format!(
            "Check that you can create credentials in {} before you start.",
            who.name
        ),
    );
    s.bullets = vec![
        text(format!(
            "You need the **{role}** role in {} to create {}.",
            who.name,
            a(&m.label)
        )),
        text(format!(
            "The [{} API documentation](https://developers.{}/authentication) describes every permission.",
            who.name, who.domain
        )),
    ];
    if !m.scopes.is_empty() {
        s.bullets.push(text("Decide which resources the integration needs; you grant them when you create the token."));
    }
    s
}

/// A section for the first context field (where the account lives), when there is one.
fn context(m: &AuthMethod, who: &Identity) -> Option<Section> {
    let f = m.fields.iter().find(|f| {
        !f.secret
            && matches!(
                f.key.as_str(),
                "subdomain" | "region" | "instance_host" | "workspace_id" | "mode"
            )
    })?;
    let mut s = section(
        format!("Find your {}", f.label),
        format!(
            "The form asks for your **{}** so requests reach your own {} account.",
            f.label, who.name
        ),
    );
    let mut bullets = vec![text(format!(
        "Sign in to {} and look at the address bar or the account menu.",
        who.name
    ))];
    if f.hint.is_some() {
        bullets.push(Bullet::FieldFormat {
            field_format: f.key.clone(),
        });
    }
    if let Some(first) = f.options.first() {
        bullets.push(text(format!(
            "Choose **{}** if you are not sure; the others are listed in the form.",
            first.label
        )));
    }
    bullets.push(text(format!(
        "Example: `{}`.",
        f.examples
            .as_ref()
            .and_then(|e| e.valid.first())
            .map_or("acme", String::as_str)
    )));
    s.bullets = bullets;
    Some(s)
}

fn create(rng: &mut Rng, who: &Identity, m: &AuthMethod, credential: &str) -> Section {
    let (area, page) = *rng.pick(SETTINGS_PATHS);
    let label = &m.label;
    let mut s = section(
        format!("Create {}", a(label)),
        format!(
            "{} is created in **{area}** and lets the hub act on your {} account.",
            names::capitalise(&a(label)),
            who.name
        ),
    );
    let mut open = step(
        format!("Open {area}"),
        format!(
            "Sign in to [{}](https://app.{}) and open **{area}**.",
            who.name, who.domain
        ),
        vec![
            text("Click your avatar in the top-right corner."),
            text(format!("Choose **{area}** from the menu.")),
        ],
    );
    if rng.chance(50) {
        open.bullets.truncate(1);
    }
    let go = step(
        format!("Go to {page}"),
        format!("In the left sidebar, click **{page}**."),
        if rng.chance(50) {
            vec![text(format!(
                "If you do not see **{page}**, ask an administrator to enable API access."
            ))]
        } else {
            Vec::new()
        },
    );
    let mut generate = step(
        format!("Generate a new {label}"),
        "Click **Generate new token** and give it a name such as `Integration Hub`.",
        vec![text("Click **Create** to confirm.")],
    );
    if !m.scopes.is_empty() {
        let writes: Vec<&str> = m
            .scopes
            .iter()
            .map(|s| s.id.as_str())
            .filter(|id| id.ends_with(":write"))
            .collect();
        let mut chosen: Vec<String> = rng
            .sample(&writes, 3)
            .into_iter()
            .map(|s| (*s).to_owned())
            .collect();
        chosen.push("account:read".into());
        generate.scopes = chosen;
        generate.display_scopes = true;
        generate.bullets.insert(
            0,
            text(
                "Under **Permissions**, choose the access of each resource the integration needs.",
            ),
        );
        generate.bullets.insert(1, text("**Important:** give **Account** at least read-only access; the connection test needs it."));
    }
    let mut copy = step(
        format!("Copy the {label}"),
        "Copy it right away and keep it somewhere safe until you paste it into the form.",
        Vec::new(),
    );
    for kind in [
        LimitKind::ShownOnce,
        LimitKind::MaxCount,
        LimitKind::ExpiresAfter,
        LimitKind::ExpiresAfterInactivity,
        LimitKind::RateLimit,
    ] {
        if m.limit(kind).is_some() {
            copy.bullets.push(Bullet::Limit { limit: kind });
        }
    }
    if m.field(credential).is_some_and(|f| f.hint.is_some()) {
        copy.bullets.push(Bullet::FieldFormat {
            field_format: credential.into(),
        });
    }
    copy.bullets.push(text(
        "If you lose it, generate a new one and revoke the old one.",
    ));
    s.steps = vec![open, go, generate, copy];
    s
}

fn scoped(rng: &mut Rng, m: &AuthMethod) -> Option<Section> {
    let writes: Vec<&str> = m
        .scopes
        .iter()
        .map(|s| s.id.as_str())
        .filter(|id| id.ends_with(":write"))
        .collect();
    let first = *writes.first()?;
    let mut s = section(
        "Allow changes",
        "Grant write access only if the integration must change data, not just read it.",
    );
    s.scopes = vec![first.to_owned()];
    let mut st = step(
        "Edit the permissions",
        "Open the token again and switch the resource to **Read and write**.",
        vec![text("Save the token; its value does not change.")],
    );
    if rng.chance(50) {
        st.scopes = vec![first.to_owned()];
        st.display_scopes = true;
    }
    s.steps = vec![st];
    Some(s)
}

fn rotate(who: &Identity, m: &AuthMethod) -> Section {
    let mut s = section(
        "Rotate or revoke",
        format!(
            "Replace the {} whenever someone who knew it leaves the team.",
            m.label
        ),
    );
    s.bullets = vec![
        text(format!(
            "Create a new {} as above and paste it into the form.",
            m.label
        )),
        text(format!(
            "Then delete the old one in {}; requests made with it fail from then on.",
            who.name
        )),
    ];
    s
}

/// Writes the guide of `m`, whose fields, scopes and limits are already final.
pub fn write(rng: &mut Rng, who: &Identity, m: &AuthMethod, credential: &str) -> Guide {
    let mut sections = vec![before(rng, who, m)];
    sections.extend(context(m, who));
    sections.push(create(rng, who, m, credential));
    if sections.len() < 4 {
        match scoped(rng, m) {
            Some(s) if rng.chance(70) => sections.push(s),
            _ => sections.push(rotate(who, m)),
        }
    }
    let warning = rng.chance(30).then(|| {
        format!("{} acts with the permissions of the user who creates it. Use a dedicated **integration user**, not a personal account.", names::capitalise(&a(&m.label)))
    });
    Guide { warning, sections }
}
