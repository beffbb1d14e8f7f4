//! `cargo xtask gen-docs` and the docs freshness part of `check`; the work is in
//! connectspec-guides.

use connectspec_lang::Code;
use std::path::{Path, PathBuf};

use connectspec_guides::{Drift, MANIFEST, Options, parse_scopes};
use connectspec_lang::Catalogue;

/// Where the checked-in pages live, relative to the workspace root.
pub const DOCS_DIR: &str = "docs/providers";

/// Renders every page and prints the one-line summary; for the workspace's own specs
/// (the ones `check` compares the package with) also writes the browser validators
/// package, so one command brings every tree a spec feeds up to date.
pub fn generate(
    root: &Path,
    specs: &Path,
    out: &Path,
    templates: Option<PathBuf>,
    scopes: Option<&str>,
    actions: Option<&str>,
) -> Result<(), String> {
    let opts = Options {
        templates,
        scopes: scopes.map(parse_scopes),
        actions: actions.map(parse_scopes),
    };
    // One load feeds the pages and, for the workspace's specs, the browser package.
    let start = std::time::Instant::now();
    let catalogue = connectspec_lang::load_dir(specs)
        .map_err(|d| connectspec_guides::DocsError::Spec(d).to_string())?;
    // A translation that is not faithful stops the run before anything is written.
    let translations = connectspec_lang::translate::load(specs, &catalogue);
    if !translations.diagnostics.is_empty() {
        return Err(connectspec_guides::DocsError::Spec(translations.diagnostics).to_string());
    }
    let summary =
        connectspec_guides::write_all(&catalogue, &translations.translations, out, &opts, start)
            .map_err(|e| e.to_string())?;
    for removed in &summary.report.removed {
        println!("removed {}", out.join(removed).display());
    }
    println!("{summary}");
    if specs == root.join("specs") {
        crate::js::write_package(root, &catalogue)?;
    }
    crate::keep_until_exit(catalogue);
    Ok(())
}

/// One problem per stale, missing or extra page, each naming the command (with the
/// flags this check was given) that brings the pages up to date.
pub fn check(
    dir: &Path,
    catalogue: &Catalogue,
    req: &crate::problems::Request<'_>,
) -> Vec<crate::problems::Problem> {
    let mut command = "cargo xtask gen-docs".to_owned();
    if req.specs_given {
        command.push_str(&format!(" --specs {}", shell_word(req.specs)));
    }
    if req.docs_given {
        command.push_str(&format!(" --out {}", shell_word(dir)));
    }
    let problem = |what: String| {
        crate::problems::Problem::new(
            Code::StalePages.id(),
            format!("error[E091]: {what}\n  help: run `{command}`"),
        )
    };
    // Pages of translations with problems are not compared: those problems are reported.
    let translations = connectspec_lang::translate::load(req.specs, catalogue).translations;
    match connectspec_guides::drift_all(catalogue, &translations, dir) {
        Ok(drift) => {
            let pages: Vec<_> = drift
                .iter()
                .filter(|d| !matches!(d, Drift::Stale(p) | Drift::Missing(p) if p == MANIFEST))
                .map(|d| problem(format!("{}/{d}", dir.display())))
                .collect();
            // The manifest is the generator's own record of what it wrote: reported
            // only when no page is, and without its file name.
            if pages.is_empty() && !drift.is_empty() {
                vec![problem(format!(
                    "{}: the record of generated pages is out of date (pages were added or removed by hand)",
                    dir.display()
                ))]
            } else {
                pages
            }
        }
        Err(e) => vec![crate::problems::Problem::new(
            Code::StalePages.id(),
            e.to_string(),
        )],
    }
}

/// A path as a shell word: quoted when it holds anything but plain characters.
fn shell_word(p: &Path) -> String {
    let s = p.display().to_string();
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/._-+=:@".contains(&b))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::check::{Request, run as check};

    /// Copies the files of `from` (recursively) into `to`.
    fn copy_tree(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy_tree(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }

    /// The README's "Adding a provider" steps, on a copy of the workspace's generated
    /// trees: scaffold, fill in, one `gen-docs`, and `check` is green.
    #[test]
    fn the_readme_steps_for_a_new_provider_end_with_a_green_check() {
        let root = crate::workspace_root();
        let tmp = tempfile::tempdir().unwrap();
        let work = tmp.path();
        for tree in ["specs", super::DOCS_DIR, "packages/validators", "schema"] {
            copy_tree(&root.join(tree), &work.join(tree));
        }
        let specs = work.join("specs");
        let docs = work.join(super::DOCS_DIR);
        let check_all = || {
            check(
                work,
                &Request {
                    specs: &specs,
                    specs_given: false,
                    docs: Some(&docs),
                    docs_given: false,
                    max: None,
                },
            )
        };
        check_all().expect("the copied workspace starts green");

        // 1. The scaffold: `check` lists its TODOs and nothing else.
        crate::scaffold::run(&specs, "acme_hr").unwrap();
        let listing = check_all().unwrap_err();
        let errors: Vec<&str> = listing
            .lines()
            .filter(|l| l.starts_with("error["))
            .collect();
        assert!(!errors.is_empty(), "{listing}");
        for e in &errors {
            assert!(e.contains("unfinished scaffold value"), "{e}\n{listing}");
        }

        // 2. Filled in (the facts of a real spec under the new id); the generated trees
        //    are now behind.
        let filled = std::fs::read_to_string(root.join("specs/oneflow.yaml"))
            .unwrap()
            .replacen("id: oneflow", "id: acme_hr", 1)
            .replacen("name: Oneflow", "name: Acme HR", 1);
        std::fs::write(specs.join("acme_hr.yaml"), filled).unwrap();
        let listing = check_all().unwrap_err();
        assert!(
            listing.contains("E091") && listing.contains("E092"),
            "{listing}"
        );

        // 3. One command brings every generated tree up to date.
        super::generate(work, &specs, &docs, None, None, None).unwrap();
        assert!(docs.join("acme_hr/api-token.md").is_file());
        assert!(
            work.join("packages/validators/providers/acme_hr.js")
                .is_file()
        );
        check_all().unwrap_or_else(|e| panic!("check after gen-docs:\n{e}"));
    }
}
