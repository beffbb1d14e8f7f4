//! Renders connectspec guide pages (MDX and Markdown) from specs.
//!
//! Each auth method of each provider becomes `<provider id>/<method slug>.mdx` and
//! `.md` under the output directory, plus `index.mdx` / `index.md` listing them all.
//! Pages come from minijinja templates (`templates/`, overridable by file name) fed a
//! context built from the spec model ([`view`]); the engine escapes every printed
//! value for the page's flavour ([`escape`]), so templates hold markup only. The
//! engine's own words are messages of `locales/<locale>/guides.ftl` ([`messages`]), so a
//! page renders in any locale ([`render_catalogue_in`], [`locales`]).
//!
//! Rendering is pure and deterministic; all pages are rendered in memory (in
//! parallel) before anything is written, so a spec or template error writes nothing.

pub mod checks;
pub mod engine;
pub mod error;
pub mod escape;
pub mod guide;
pub mod inline;
pub mod locales;
pub mod messages;
pub mod oauth;
pub mod output;
pub mod selection;
pub mod sentences;
pub mod view;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use connectspec_i18n::Locale;
use connectspec_lang::Catalogue;
use rayon::prelude::*;

pub use engine::Engine;
pub use error::{DocsError, TemplateError};
pub use locales::{drift_all, render_all, write_all};
pub use output::{Drift, MANIFEST, Page, WriteReport};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Flavor {
    /// MDX with the `Steps`, `Step` and `Warning` components and scope attributes.
    Mdx,
    /// Plain CommonMark: no HTML, no components.
    Markdown,
}

impl Flavor {
    /// Both flavours, in output order.
    pub const ALL: [Flavor; 2] = [Flavor::Mdx, Flavor::Markdown];

    /// The file extension, which is also the escaping name of its templates.
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Mdx => "mdx",
            Flavor::Markdown => "md",
        }
    }

    /// The flavour named `name` (`mdx` or `md`).
    pub fn from_name(name: &str) -> Option<Flavor> {
        Flavor::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The flavour of a template file name `<name>.<flavour>.jinja`.
    pub fn of_template(template: &str) -> Option<Flavor> {
        let stem = template.strip_suffix(".jinja")?;
        Flavor::from_name(stem.rsplit_once('.')?.1)
    }

    /// The template of a method page.
    pub fn page_template(self) -> String {
        format!("page.{}.jinja", self.name())
    }

    /// The template of an OAuth method's link-account page.
    pub fn oauth_template(self) -> String {
        format!("oauth.{}.jinja", self.name())
    }

    /// The template of an OAuth method's connector-profile (set-up) page.
    pub fn oauth_setup_template(self) -> String {
        format!("oauth-setup.{}.jinja", self.name())
    }

    /// The template of the index page.
    pub fn index_template(self) -> String {
        format!("index.{}.jinja", self.name())
    }
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A directory whose `*.jinja` files replace the default templates of the same name.
    pub templates: Option<PathBuf>,
    /// Render for this scope set: scoped sections and steps that share no scope with it
    /// are left out (unscoped content always stays). `None` renders everything.
    pub scopes: Option<BTreeSet<String>>,
    /// Render for these actions: each method that declares some of them is rendered for
    /// their least-privilege scopes (and lists exactly those); a method that declares
    /// none of them is rendered in full. `None` renders everything.
    pub actions: Option<BTreeSet<String>>,
}

/// What a generation did, for the one-line summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Pages rendered (both flavours, index pages included).
    pub pages: usize,
    /// Providers rendered.
    pub providers: usize,
    /// Wall time in milliseconds (loading, rendering and writing).
    pub millis: u128,
    /// What was written and removed.
    pub report: WriteReport,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "rendered {} pages for {} providers in {} ms",
            self.pages, self.providers, self.millis
        )
    }
}

/// `a,b , c` → {a, b, c}; empty items are ignored.
pub fn parse_scopes(list: &str) -> BTreeSet<String> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The relative output path of a method page.
pub fn page_path(provider_id: &str, slug: &str, flavor: Flavor) -> String {
    format!("{provider_id}/{slug}.{}", flavor.name())
}

/// Renders every page of `catalogue` in memory, sorted by path.
pub fn render_catalogue(catalogue: &Catalogue, opts: &Options) -> Result<Vec<Page>, DocsError> {
    render_catalogue_in(catalogue, opts, Locale::En)
}

/// [`render_catalogue`] in `locale`: the specs' texts as `catalogue` holds them (localized
/// by the caller, as [`locales::render_all`] does), the engine's words from `locale`'s
/// catalogue.
pub fn render_catalogue_in(
    catalogue: &Catalogue,
    opts: &Options,
    locale: Locale,
) -> Result<Vec<Page>, DocsError> {
    if let Some(sel) = &opts.scopes {
        let declared: BTreeSet<&str> = catalogue
            .iter()
            .flat_map(|s| &s.auth_methods)
            .flat_map(|m| &m.scopes)
            .map(|s| s.id.as_str())
            .collect();
        let unknown: Vec<String> = sel
            .iter()
            .filter(|s| !declared.contains(s.as_str()))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(DocsError::UnknownScopes(unknown));
        }
    }
    if let Some(sel) = &opts.actions {
        if opts.scopes.is_some() {
            return Err(DocsError::ScopesAndActions);
        }
        let declared: BTreeSet<&str> = catalogue
            .iter()
            .flat_map(|s| &s.auth_methods)
            .flat_map(|m| &m.actions)
            .map(|a| a.id.as_str())
            .collect();
        let unknown: Vec<String> = sel
            .iter()
            .filter(|a| !declared.contains(a.as_str()))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(DocsError::UnknownActions(unknown));
        }
    }
    let engine = Engine::new(opts.templates.as_deref())?;
    // One job per method: its guide is walked once for all its pages, and an OAuth
    // method's guide and set-up pages share one context per flavour.
    let jobs: Vec<_> = catalogue
        .iter()
        .flat_map(|spec| spec.auth_methods.iter().map(move |m| (spec, m)))
        .collect();
    // The index pages list the whole catalogue: one thread renders them while the
    // others render the method pages, instead of every thread waiting for them after.
    let (methods, index) = rayon::join(
        || {
            jobs.par_iter()
                .map(|&(spec, method)| method_pages(&engine, opts, locale, spec, method))
                .collect::<Vec<Result<Vec<Page>, DocsError>>>()
        },
        || {
            Flavor::ALL.map(|flavor| {
                let path = format!("index.{}", flavor.name());
                let ctx = view::index_page(flavor, locale, catalogue);
                engine
                    .render(&flavor.index_template(), ctx, &path)
                    .map(|contents| Page { path, contents })
            })
        },
    );
    let mut pages = methods
        // In job order, so the error reported is the same on every run.
        .into_iter()
        .collect::<Result<Vec<Vec<Page>>, DocsError>>()?
        .into_iter()
        .flatten()
        .collect::<Vec<Page>>();
    for page in index {
        pages.push(page?);
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = pages.windows(2).find(|w| w[0].path == w[1].path) {
        return Err(DocsError::Model {
            page: w[0].path.clone(),
            message: "two auth methods of one provider have the same slug".into(),
        });
    }
    Ok(pages)
}

/// The pages of one method, in the order: for each flavour, the guide page, then (for
/// OAuth) the set-up page. An error names the first page it stops.
fn method_pages(
    engine: &Engine,
    opts: &Options,
    locale: Locale,
    spec: &connectspec_lang::ProviderSpec,
    method: &connectspec_lang::AuthMethod,
) -> Result<Vec<Page>, DocsError> {
    let choice = view::Choice::new(method, opts.scopes.as_ref(), opts.actions.as_ref());
    let guide = guide::method_guide_localized(locale, method, choice.selection());
    let mut pages = Vec::new();
    for flavor in Flavor::ALL {
        let path = page_path(&spec.id, &method.slug(), flavor);
        let model_error = |message| DocsError::Model {
            page: path.clone(),
            message,
        };
        let guide = guide.as_ref().map_err(|m| model_error(m.clone()))?;
        let ctx =
            view::method_page(flavor, locale, spec, method, &choice, guide).map_err(model_error)?;
        if method.is_oauth() {
            let contents = engine.render(&flavor.oauth_template(), ctx.clone(), &path)?;
            pages.push(Page { path, contents });
            // A client registered for each connection has nothing to set up.
            let dynamic = method
                .oauth
                .as_ref()
                .is_some_and(|o| o.client == connectspec_lang::ClientOwner::Dynamic);
            if !dynamic {
                let path = page_path(&spec.id, &oauth::setup_slug(method), flavor);
                let contents = engine.render(&flavor.oauth_setup_template(), ctx, &path)?;
                pages.push(Page { path, contents });
            }
        } else {
            let contents = engine.render(&flavor.page_template(), ctx, &path)?;
            pages.push(Page { path, contents });
        }
    }
    Ok(pages)
}

/// Loads `specs`, renders every page and writes them under `out`.
/// A spec or template error writes nothing.
pub fn generate(specs: &Path, out: &Path, opts: &Options) -> Result<Summary, DocsError> {
    let start = Instant::now();
    let catalogue = connectspec_lang::load_dir(specs).map_err(DocsError::Spec)?;
    write_catalogue(&catalogue, out, opts, start)
}

/// [`generate`] for a catalogue the caller has loaded already (`cargo xtask gen-docs`
/// feeds the same catalogue to the browser package); `start` is when the work began.
pub fn write_catalogue(
    catalogue: &Catalogue,
    out: &Path,
    opts: &Options,
    start: Instant,
) -> Result<Summary, DocsError> {
    let pages = render_catalogue(catalogue, opts)?;
    let report = output::write(out, &pages)?;
    Ok(Summary {
        pages: pages.len(),
        providers: catalogue.specs.len(),
        millis: start.elapsed().as_millis(),
        report,
    })
}

/// How `out` differs from what [`generate`] would write for `catalogue` with the
/// default templates and no scope selection (the checked-in pages).
pub fn drift(catalogue: &Catalogue, out: &Path) -> Result<Vec<Drift>, DocsError> {
    let pages = render_catalogue(catalogue, &Options::default())?;
    output::drift(out, &pages)
}
