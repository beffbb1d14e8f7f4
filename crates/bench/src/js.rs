//! The browser validators against Ajv: `tests/js/bench.mjs` times the generated module
//! and Ajv's compiled form schema on the same inputs in one Node run, and measures what
//! a page ships for a provider (bundled with esbuild, minified, gzipped).

use std::path::Path;
use std::process::Command;

use crate::table::{self, Row};

/// Goal: the module takes at most this many times Ajv's time.
const VS_AJV: f64 = 1.0;
/// Goal: the Oneflow bundle, gzipped, in bytes.
const ONEFLOW_GZIP: f64 = 3.0 * 1024.0;
/// Goal: valid input validated in German takes the English time (± noise).
const LOCALE_VS_ENGLISH: f64 = 1.1;
/// Goal: an invalid form's German messages cost at most this many times the English.
const MESSAGES_VS_ENGLISH: f64 = 1.25;

/// Installs the harness's npm packages from its lockfile when one is missing.
fn ensure_packages(dir: &Path) -> Result<(), String> {
    let ready = ["ajv", "ajv-formats", "esbuild"].iter().all(|p| {
        dir.join("node_modules")
            .join(p)
            .join("package.json")
            .exists()
    });
    if ready {
        return Ok(());
    }
    let out = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(crate::cargo::reason(&String::from_utf8_lossy(&out.stderr)))
    }
}

/// Runs the Node bench and returns its rows.
pub fn run(root: &Path) -> Vec<Row> {
    let section = "js";
    let dir = root.join("tests/js");
    if let Err(e) = ensure_packages(&dir) {
        return vec![Row::not_run(section, "JS module vs Ajv", e)];
    }
    let out = match Command::new("node")
        .arg("bench.mjs")
        .current_dir(&dir)
        .output()
    {
        Ok(o) if o.status.success() => o,
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stderr);
            return vec![Row::not_run(
                section,
                "JS module vs Ajv",
                crate::cargo::reason(&text),
            )];
        }
        Err(e) => {
            return vec![Row::not_run(
                section,
                "JS module vs Ajv",
                format!("cannot run node: {e}"),
            )];
        }
    };
    let mut rows = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(p), Some(m)) = (v["provider"].as_str(), v["method"].as_str()) else {
            continue;
        };
        let num = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        let (js, ajv) = (num("js_ns"), num("ajv_ns"));
        rows.push(Row::at_most(
            section,
            format!("{p}.{m}: module vs Ajv compiled schema, per valid form"),
            format!("{js:.0} ns vs {ajv:.0} ns ({:.2}×)", js / ajv),
            js / ajv,
            VS_AJV,
            "≤ 1.0× Ajv",
        ));
        let locale = num("locale_ns");
        if locale.is_finite() {
            rows.push(Row::at_most(
                section,
                format!("{p}.{m}: valid input in German vs English"),
                format!("{locale:.0} ns vs {js:.0} ns ({:.2}×)", locale / js),
                locale / js,
                LOCALE_VS_ENGLISH,
                "≤ 1.1× (unchanged ± noise)",
            ));
        }
        let (en, de) = (num("messages_en_ns"), num("messages_de_ns"));
        if en.is_finite() && de.is_finite() {
            rows.push(Row::at_most(
                section,
                format!("{p}.{m}: an invalid form's messages, German vs English"),
                format!("{de:.0} ns vs {en:.0} ns ({:.2}×)", de / en),
                de / en,
                MESSAGES_VS_ENGLISH,
                "≤ 1.25× the English",
            ));
        }
        let (shipped, plain) = (num("gzip_min_bytes"), num("gzip_bytes"));
        let what =
            format!("{p}: bundle shipped in English (esbuild, minified, gzip -9; Fluent apart)");
        let figure = format!(
            "{} B ({} B as checked in)",
            table::thousands(shipped as u64),
            table::thousands(plain as u64)
        );
        rows.push(if p == "oneflow" {
            Row::at_most(section, what, figure, shipped, ONEFLOW_GZIP, "≤ 3 KB")
        } else {
            Row::info(section, what, figure)
        });
        let fluent = num("fluent_gzip_bytes");
        if p == "oneflow" && fluent.is_finite() {
            rows.push(Row::info(
                section,
                "the vendored Fluent runtime (@fluent/bundle, shared by every provider and the form), gzip -9",
                format!("{} B", table::thousands(fluent as u64)),
            ));
        }
    }
    if rows.is_empty() {
        rows.push(Row::not_run(
            section,
            "JS module vs Ajv",
            "bench.mjs printed no results",
        ));
    }
    rows
}
