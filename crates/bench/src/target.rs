//! Where cargo puts what it builds: `cargo metadata`'s `target_directory`, which
//! honours `CARGO_TARGET_DIR` and `build.target-dir`. Criterion's results and the
//! probe binary are read from there; `<workspace>/target` is only the default.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target directory of the workspace at `root`, as cargo resolves it for the
/// environment the runner was started in.
pub fn target_dir(root: &Path) -> Result<PathBuf, String> {
    target_dir_from(crate::cargo::cargo(root))
}

/// [`target_dir`] with `cargo`, a cargo command set up by the caller (directory,
/// environment), to which the metadata arguments are added.
pub fn target_dir_from(mut cargo: Command) -> Result<PathBuf, String> {
    cargo.args(["metadata", "--format-version", "1", "--no-deps"]);
    let (out, _) = crate::cargo::run(cargo)?;
    parse(&String::from_utf8_lossy(&out.stdout))
        .ok_or_else(|| "`cargo metadata` named no target directory".to_owned())
}

/// The `target_directory` of `cargo metadata`'s JSON.
fn parse(json: &str) -> Option<PathBuf> {
    let v: serde_json::Value = serde_json::from_str(json).ok()?;
    v["target_directory"].as_str().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A package of its own in `dir`, with `.cargo/config.toml` setting `target-dir`.
    fn package(dir: &Path) {
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::create_dir_all(dir.join(".cargo")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"probe\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
        )
        .unwrap();
        std::fs::write(dir.join("src/lib.rs"), "").unwrap();
        std::fs::write(
            dir.join(".cargo/config.toml"),
            "[build]\ntarget-dir = \"from-config\"\n",
        )
        .unwrap();
    }

    #[test]
    fn honours_cargo_target_dir_and_the_config() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("ws");
        package(&root);
        let elsewhere = tmp.path().join("elsewhere");
        let mut c = crate::cargo::cargo(&root);
        c.env("CARGO_TARGET_DIR", &elsewhere);
        assert_eq!(target_dir_from(c).unwrap(), elsewhere);
        let mut c = crate::cargo::cargo(&root);
        c.env_remove("CARGO_TARGET_DIR");
        let from_config = target_dir_from(c).unwrap();
        assert_eq!(
            from_config.canonicalize().unwrap_or(from_config.clone()),
            root.canonicalize().unwrap().join("from-config")
        );
    }

    #[test]
    fn parses_the_metadata() {
        assert_eq!(
            parse(r#"{"packages": [], "target_directory": "/t/x", "version": 1}"#),
            Some(PathBuf::from("/t/x"))
        );
        assert_eq!(parse("{}"), None);
        assert_eq!(parse("not json"), None);
    }
}
