//! Prepares what the link form needs besides the compiled validators:
//!
//! - `OUT_DIR/guides.json`: the guide of every method (`"provider/method"` → guide), built
//!   from the same specs as the validators (`connectspec_lang::build_support`: `CONNECTSPEC_SPECS`
//!   or the workspace's `specs/`)
//!   by the guides crate, so the form's guide and the generated pages say the same;
//! - `OUT_DIR/translations.json`: every spec's translated texts and guides by locale,
//!   from `specs/i18n/<locale>/<id>.yaml` beside those specs (`src/i18n/localised.rs`,
//!   shared with a service that loads `--specs DIR`);
//! - `OUT_DIR/validators_assets.rs`: the files of the generated browser validators package
//!   (`packages/validators/`, from `cargo xtask gen-js`), embedded so the service can
//!   serve them to the form. A checkout without the package embeds none; the form then
//!   validates through the service alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use connectspec_lang::build_support::{catalogue_for_build, fail, specs_dir, write_output};

#[allow(dead_code)]
#[path = "src/i18n/localised.rs"]
mod localised;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let root = manifest.join("../..");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    guides(&root, &out);
    validators(&root, &out);
}

fn guides(root: &Path, out: &Path) {
    let catalogue = catalogue_for_build(&root.join("specs"));
    translations(&specs_dir(&root.join("specs")), &catalogue, out);
    let mut guides = BTreeMap::new();
    for spec in catalogue.iter() {
        for method in &spec.auth_methods {
            let guide = connectspec_guides::guide::method_guide(method, None)
                .unwrap_or_else(|e| fail(&format!("guide of {} {}: {e}", spec.id, method.id)));
            guides.insert(format!("{}/{}", spec.id, method.id), guide);
        }
    }
    let json = serde_json::to_string(&guides).expect("guides serialize");
    write_output(&out.join("guides.json"), &json);
}

/// The translations beside the specs, checked as `cargo xtask check` checks them: a file
/// with problems is left out (with a warning), a stale entry shows the English.
fn translations(specs: &Path, catalogue: &connectspec_lang::Catalogue, out: &Path) {
    let i18n = specs.join(connectspec_lang::translate::I18N_DIR);
    rerun_tree(&i18n);
    let loaded = connectspec_lang::translate::load(specs, catalogue);
    let built = localised::build(catalogue, &loaded);
    for s in &built.skipped {
        println!("cargo::warning={s}");
    }
    let json = serde_json::json!({"texts": built.texts, "guides": built.guides});
    write_output(&out.join("translations.json"), &json.to_string());
}

/// Reruns the build when `dir` or anything under it changes (a missing directory: its
/// parent, since a path that does not exist reruns the script every time).
fn rerun_tree(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        if let Some(parent) = dir.parent() {
            println!("cargo::rerun-if-changed={}", parent.display());
        }
        return;
    };
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            rerun_tree(&p);
        } else {
            println!("cargo::rerun-if-changed={}", p.display());
        }
    }
}

fn validators(root: &Path, out: &Path) {
    let dir = root.join("packages/validators");
    // A path that does not exist would rerun this script on every build.
    if dir.exists() {
        println!("cargo:rerun-if-changed={}", dir.display());
    } else {
        println!("cargo:rerun-if-changed={}", root.join("packages").display());
    }
    let mut files = Vec::new();
    collect(&dir, &dir, &mut files);
    files.sort();
    let mut src =
        String::from("/// Files of the browser validators package: path inside it, content.\n");
    src.push_str("pub static VALIDATOR_ASSETS: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={}", abs.display());
        src.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    src.push_str("];\n");
    write_output(&out.join("validators_assets.rs"), &src);
}

/// Every `.js` and `.json` file under `dir`, by path relative to `base` with `/`.
fn collect(base: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(base, &path, files);
        } else if name.ends_with(".js") || name.ends_with(".mjs") || name.ends_with(".json") {
            let rel = path
                .strip_prefix(base)
                .expect("under base")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let abs = path.canonicalize().unwrap_or(path);
            files.push((rel, abs));
        }
    }
}
