//! `cargo xtask check` and the schema file.

use std::path::Path;

use connectspec_spec::schema::{SCHEMA_PATH, spec_schema_text};

/// Every spec valid; schema fresh; the browser validators package fresh (for the
/// workspace's own specs); and, when `docs` is given, the pages there match the specs. All problems are printed before failing.
pub fn run(root: &Path, specs: &Path, docs: Option<&Path>) -> Result<(), String> {
    let mut problems: Vec<String> = Vec::new();
    match connectspec_spec::load_dir(specs) {
        Ok(cat) => {
            println!("checked {} spec(s) in {}", cat.specs.len(), specs.display());
            match docs {
                Some(dir) => problems.extend(crate::docs::check(dir, &cat)),
                None => println!("pages not compared (pass --docs DIR to compare them)"),
            }
            // The checked-in package is generated from the workspace's own specs.
            if specs == root.join("specs") {
                problems.extend(crate::js::check(root, &cat));
            } else {
                println!(
                    "{} not compared (generated from specs/)",
                    connectspec_codegen::js::PACKAGE_DIR
                );
            }
        }
        Err(diags) => problems.push(diags.to_string()),
    }
    let schema_path = root.join(SCHEMA_PATH);
    let fresh = spec_schema_text();
    match std::fs::read_to_string(&schema_path) {
        Ok(old) if old == fresh => {}
        Ok(_) => problems.push(format!(
            "error[E090]: {SCHEMA_PATH} is stale\n  help: run `cargo xtask gen-schema`"
        )),
        Err(e) => problems.push(format!(
            "error[E090]: cannot read {SCHEMA_PATH}: {e}\n  help: run `cargo xtask gen-schema`"
        )),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
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
