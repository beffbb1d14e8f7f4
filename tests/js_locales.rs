//! The browser module's locales (tests/js/locales.mjs: English by default, `loadLocale`
//! with RFC 4647 lookup, the provider's texts, fallbacks to English, a page loading only
//! the locale it asks for) and what a form ships per locale (tests/js/size.mjs): one
//! provider's module, one locale's catalogue and that provider's texts in it stay under
//! 4 KB gzip, for every provider and locale. The shared runtime, the private-key parser
//! and the vendored Fluent runtime are reported apart, and so is what a whole page
//! ships. Sizes are counted, never timed. Needs `node` and `npm` (esbuild).
#![cfg(workspace_catalogue)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// What one provider's module, one locale's catalogue and that provider's texts in it
/// may weigh together, gzipped.
const BUDGET: u64 = 4 * 1024;

fn harness() -> PathBuf {
    connectspec_tests::npm::ensure(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/js"),
        &[
            "node_modules/esbuild/package.json",
            "node_modules/ajv/package.json",
        ],
        "the browser module's locale tests",
    )
}

fn node(script: &str, args: &[&str]) -> String {
    let out = Command::new("node")
        .arg(script)
        .args(args)
        .current_dir(harness())
        .output()
        .expect("node must be installed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn the_browser_module_loads_a_locale_and_falls_back_to_english() {
    assert_eq!(node("locales.mjs", &[]).trim(), "ok");
}

#[test]
fn one_provider_in_one_locale_stays_under_4_kb_gzip() {
    let lines = node("size.mjs", &[]);
    let mut providers = 0;
    let mut worst = (0, String::new());
    for line in lines.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let p = v["provider"].as_str().unwrap();
        providers += 1;
        for (locale, f) in v["locales"].as_object().unwrap() {
            let total = f["total"].as_u64().unwrap();
            assert!(
                total < BUDGET,
                "{p} in {locale}: {total} B gzip (module {}, catalogue {}, texts {})",
                f["module"],
                f["catalogue"],
                f["texts"]
            );
            if total > worst.0 {
                worst = (total, format!("{p} in {locale}"));
            }
        }
        if ["oneflow", "webflow", "datadog", "google_workspace"].contains(&p) {
            println!("size {p}: {}", v["locales"]);
        }
        if providers == 1 {
            println!("size shared: {}", v["shared"]);
        }
    }
    assert!(providers > 50, "{providers} providers");
    println!("size: largest {} B gzip ({})", worst.0, worst.1);
}
