//! `cargo xtask check` and the schema file.

use connectspec_lang::Code;
use connectspec_lang::files::compare;
use std::path::Path;

use connectspec_lang::schema::{SCHEMA_PATH, spec_schema_text};

pub use crate::problems::{Problem, Request, report};

/// Every spec valid; schema fresh; the browser validators package fresh (for the
/// workspace's own specs); and, when `docs` is given, the pages there match the specs.
/// All problems are counted; the listing may be capped; the output ends with a count
/// per error code.
pub fn run(root: &Path, req: &Request<'_>) -> Result<(), String> {
    let specs = req.specs;
    let mut problems: Vec<Problem> = Vec::new();
    let mut spec_files = 0;
    let mut coverage = String::new();
    match connectspec_lang::load_dir(specs) {
        Ok(cat) => {
            println!("checked {} spec(s) in {}", cat.specs.len(), specs.display());
            // Translations are checked against the specs they translate.
            let loaded = connectspec_lang::translate::load(specs, &cat);
            spec_files += loaded
                .diagnostics
                .0
                .iter()
                .map(|d| d.file.as_path())
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            problems.extend(
                loaded
                    .diagnostics
                    .0
                    .iter()
                    .map(|d| Problem::new(d.code.id(), d.render())),
            );
            coverage = crate::translate::coverage_lines(&cat, &loaded.translations);
            match req.docs {
                Some(dir) => problems.extend(crate::docs::check(dir, &cat, req)),
                None => println!("pages not compared (pass --docs DIR to compare them)"),
            }
            // The checked-in package is generated from the workspace's own specs.
            if specs == root.join("specs") {
                problems.extend(
                    crate::js::check(root, &cat, &loaded.translations)
                        .into_iter()
                        .map(|t| Problem::new(Code::StalePackage.id(), t)),
                );
            } else {
                println!(
                    "{} not compared (generated from specs/)",
                    connectspec_codegen::js::PACKAGE_DIR
                );
            }
            crate::keep_until_exit(cat);
        }
        Err(diags) => {
            spec_files = diags
                .0
                .iter()
                .map(|d| d.file.as_path())
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            problems.extend(
                diags
                    .0
                    .iter()
                    .map(|d| Problem::new(d.code.id(), d.render())),
            );
        }
    }
    // The engine's message catalogues belong to the workspace, whatever specs are checked.
    let locales = root.join(connectspec_lang::catalogues::LOCALES_DIR);
    let translated = connectspec_i18n::Locale::TRANSLATED;
    let diags = connectspec_lang::catalogues::check(&locales, &translated);
    problems.extend(
        diags
            .0
            .iter()
            .map(|d| Problem::new(d.code.id(), d.render())),
    );
    for (locale, done, total) in connectspec_lang::catalogues::coverage(&locales, &translated) {
        if !coverage.is_empty() {
            coverage.push('\n');
        }
        coverage.push_str(&format!(
            "messages {}: {done} of {total} engine messages ({:.1}%)",
            locale.tag(),
            if total == 0 {
                100.0
            } else {
                done as f64 * 100.0 / total as f64
            }
        ));
    }
    let help = "help: run `cargo xtask gen-schema`";
    match compare(root, SCHEMA_PATH, &spec_schema_text()) {
        Ok(None) => {}
        Ok(Some(d)) => problems.push(Problem::new(
            Code::Stale.id(),
            format!("error[E090]: {d}\n  {help}"),
        )),
        Err(e) => problems.push(Problem::new(
            Code::Stale.id(),
            format!("error[E090]: cannot read {SCHEMA_PATH}: {e}\n  {help}"),
        )),
    }
    // The coverage per locale ends the output, after the count per code.
    if problems.is_empty() {
        if !coverage.is_empty() {
            println!("{coverage}");
        }
        Ok(())
    } else if coverage.is_empty() {
        Err(report(&problems, spec_files, req.max))
    } else {
        Err(format!(
            "{}
{coverage}",
            report(&problems, spec_files, req.max)
        ))
    }
}

/// Writes the schema file from the model.
pub fn write_schema(root: &Path) -> Result<(), String> {
    let path = root.join(SCHEMA_PATH);
    let changed = crate::write_if_changed(&path, &spec_schema_text())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "{} {}",
        if changed { "wrote" } else { "unchanged" },
        SCHEMA_PATH
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_is_capped_and_every_problem_counted() {
        let problems: Vec<Problem> = (0..5)
            .map(|i| {
                let code = if i < 3 { "E022" } else { "E030" };
                Problem::new(code, format!("error[{code}]: problem {i}"))
            })
            .collect();
        let text = report(&problems, 2, Some(2));
        assert!(
            text.contains("problem 1") && !text.contains("problem 2"),
            "{text}"
        );
        assert!(text.contains("3 more problems not listed"), "{text}");
        assert!(
            text.ends_with(
                "error: 5 problems (2 spec files with errors); by code:\n  E022  3\n  E030  2"
            ),
            "{text}"
        );
    }
}
