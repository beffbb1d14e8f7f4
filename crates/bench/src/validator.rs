//! Validator speed, from the providers crate's criterion bench: compiled validator
//! vs `jsonschema` on the per-method schema vs a hand-written baseline.
//!
//! The bench is run with cargo (unless results are reused) and read back from
//! criterion's files in cargo's target directory ([`crate::target`]):
//! `<target>/criterion/<…>/new/{benchmark,estimates}.json` (or under
//! `<target>/tmp/criterion`). A result is classified by the path segment that names its
//! implementation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::table::{self, Row};

/// Goal: the compiled validator is at least this many times faster than jsonschema.
pub const VS_JSONSCHEMA: f64 = 5.0;
/// Goal: the compiled validator takes at most this many times the hand-written one.
pub const VS_HAND: f64 = 1.5;
/// Goal: validating into the typed struct takes at most this many times the
/// hand-written check.
pub const TYPED_VS_HAND: f64 = 1.0;
/// Goal: a spec loaded at run time validates in at most this many times the compiled
/// validator's time.
pub const LOADED_VS_COMPILED: f64 = 1.5;
/// Goal: valid input validated in another language (`validate_in`) takes the English
/// time, within the noise of a shared machine: messages are only made on failure.
pub const LOCALE_VS_ENGLISH_VALID: f64 = 1.1;
/// Goal: an invalid form's messages in another language cost at most this many times
/// the English ones: the same Fluent formatting of sentences a little longer, plus the
/// spec texts' lookups.
pub const LOCALE_VS_ENGLISH_MESSAGES: f64 = 1.15;
/// Goal: the lookups of a localised form's spec texts take at most this share of its
/// messages' time: a localised message costs what formatting it costs.
pub const LOOKUPS_OF_MESSAGES: f64 = 0.05;

/// Which implementation a criterion result measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The generated validator.
    Compiled,
    /// `jsonschema` on the per-method schema.
    JsonSchema,
    /// The hand-written baseline.
    Hand,
    /// A plain `regex` check, when the bench has one.
    Regex,
    /// The generated validator building its typed struct (owned values).
    CompiledTyped,
    /// The hand-written check copying its values into owned types.
    HandOwned,
    /// The generated validator behind `MethodMeta::validate` (a boxed credential).
    CompiledBoxed,
    /// The same check over the tables of a spec loaded at run time.
    Loaded,
    /// `MethodMeta::validate` of a spec loaded at run time (a boxed credential).
    LoadedBoxed,
    /// `MethodMeta::validate_in` with another language (a boxed credential).
    CompiledBoxedLocale,
    /// An invalid form's English messages (`MethodMeta::validate`).
    MessagesEnglish,
    /// The same form's messages in another language (`MethodMeta::validate_in`).
    MessagesLocale,
    /// The lookups of the spec texts those messages name, alone.
    LookupsLocale,
}

/// Classifies a criterion id segment.
pub fn kind_of(segment: &str) -> Option<Kind> {
    let s = segment.to_ascii_lowercase();
    if s.starts_with("lookups_") {
        Some(Kind::LookupsLocale)
    } else if s.starts_with("messages_") {
        Some(if s.contains("locale") {
            Kind::MessagesLocale
        } else {
            Kind::MessagesEnglish
        })
    } else if s.contains("jsonschema") || s.contains("json_schema") || s.contains("json-schema") {
        Some(Kind::JsonSchema)
    } else if s.contains("hand") || s.contains("baseline") {
        Some(if s.contains("owned") {
            Kind::HandOwned
        } else {
            Kind::Hand
        })
    } else if s.contains("loaded") {
        Some(if s.contains("boxed") {
            Kind::LoadedBoxed
        } else {
            Kind::Loaded
        })
    } else if s.contains("compiled") || s.contains("generated") || s.contains("codegen") {
        Some(if s.contains("boxed") && s.contains("locale") {
            Kind::CompiledBoxedLocale
        } else if s.contains("boxed") {
            Kind::CompiledBoxed
        } else if s.contains("typed") {
            Kind::CompiledTyped
        } else {
            Kind::Compiled
        })
    } else if s.contains("regex") {
        Some(Kind::Regex)
    } else {
        None
    }
}

/// Splits a criterion full id into (subject with the kind segment replaced by `*`, kind).
pub fn classify(full_id: &str) -> Option<(String, Kind)> {
    let segments: Vec<&str> = full_id.split('/').collect();
    let (i, kind) = segments
        .iter()
        .enumerate()
        .find_map(|(i, s)| kind_of(s).map(|k| (i, k)))?;
    let subject: Vec<&str> = segments
        .iter()
        .enumerate()
        .map(|(j, s)| if j == i { "*" } else { s })
        .collect();
    Some((subject.join("/"), kind))
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "new") && p.join("estimates.json").is_file() {
                found.push(p);
            } else {
                walk(&p, found);
            }
        }
    }
}

/// Median time in ns per subject and kind, from results newer than `since`.
pub fn read(criterion: &Path, since: Option<SystemTime>) -> BTreeMap<String, BTreeMap<Kind, f64>> {
    let mut found = Vec::new();
    walk(criterion, &mut found);
    found.sort();
    let mut out: BTreeMap<String, BTreeMap<Kind, f64>> = BTreeMap::new();
    for dir in found {
        let est = dir.join("estimates.json");
        if let Some(since) = since
            && std::fs::metadata(&est)
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < since)
        {
            continue;
        }
        let json = |f: &str| -> Option<serde_json::Value> {
            serde_json::from_str(&std::fs::read_to_string(dir.join(f)).ok()?).ok()
        };
        let (Some(bench), Some(est)) = (json("benchmark.json"), json("estimates.json")) else {
            continue;
        };
        let Some(full_id) = bench["full_id"].as_str() else {
            continue;
        };
        let Some(median) = est["median"]["point_estimate"].as_f64() else {
            continue;
        };
        if let Some((subject, kind)) = classify(full_id) {
            out.entry(subject).or_default().insert(kind, median);
        }
    }
    out
}

/// The bench targets of the providers crate (`crates/providers/benches/*.rs`).
pub fn bench_targets(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("crates/providers/benches"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension().is_some_and(|x| x == "rs"))
                .then(|| p.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.sort();
    names
}

/// Criterion's result folders under the target directory `target`: its default place,
/// and where a bench that sets `output_directory` to `CARGO_TARGET_TMPDIR/criterion`
/// (as the providers bench does) writes.
/// Ratios the bench measured in pairs (`paired.json` beside criterion's results:
/// `{provider: {measure: ratio}}`), written at or after `since`; a ratio taken within
/// one round of back-to-back timings is steadier than a ratio of two medians taken
/// minutes apart on a machine whose speed drifts.
pub fn read_paired(
    criterion: &Path,
    since: Option<SystemTime>,
) -> BTreeMap<String, BTreeMap<String, f64>> {
    let path = criterion.join("paired.json");
    let fresh = since.is_none_or(|since| {
        std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= since)
    });
    let json: Option<serde_json::Value> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let mut out = BTreeMap::new();
    if let (true, Some(serde_json::Value::Object(providers))) = (fresh, json) {
        for (provider, measures) in providers {
            let Some(measures) = measures.as_object() else {
                continue;
            };
            let ratios = measures
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
                .collect();
            out.insert(provider, ratios);
        }
    }
    out
}

pub fn criterion_dirs(target: &Path) -> [PathBuf; 2] {
    [target.join("criterion"), target.join("tmp/criterion")]
}

/// Runs the bench (unless `reuse`) and returns the rows; results are read under
/// `target`, cargo's target directory for the workspace at `root`.
pub fn run(root: &Path, target: &Path, reuse: bool) -> Vec<Row> {
    let section = "validator";
    let targets = bench_targets(root);
    if targets.is_empty() {
        return vec![Row::not_run(
            section,
            "compiled vs jsonschema vs hand-written",
            "crates/providers has no criterion bench (benches/*.rs) yet",
        )];
    }
    let since = if reuse { None } else { Some(SystemTime::now()) };
    if !reuse {
        for t in &targets {
            let mut c = crate::cargo::cargo(root);
            c.args(["bench", "-p", "connectspec-providers", "--bench", t]);
            if let Err(e) = crate::cargo::run(c) {
                return vec![Row::not_run(section, format!("cargo bench --bench {t}"), e)];
            }
        }
    }
    let mut results = BTreeMap::new();
    let mut paired = BTreeMap::new();
    for dir in criterion_dirs(target) {
        paired.extend(read_paired(&dir, since));
        for (subject, kinds) in read(&dir, since) {
            results
                .entry(subject)
                .or_insert_with(BTreeMap::new)
                .extend(kinds);
        }
    }
    let mut rows = Vec::new();
    for (subject, by_kind) in &results {
        locale_rows(&mut rows, subject, by_kind, &paired);
        let Some(&compiled) = by_kind.get(&Kind::Compiled) else {
            continue;
        };
        let name = subject.replace("/*", "").replace("*/", "");
        let mut figure = format!("compiled {}", table::ns(compiled));
        for (k, label) in [
            (Kind::CompiledTyped, "compiled into the typed struct"),
            (Kind::Hand, "hand-written"),
            (Kind::HandOwned, "hand-written into owned values"),
            (Kind::Loaded, "runtime-loaded"),
            (Kind::CompiledBoxed, "compiled, boxed"),
            (Kind::LoadedBoxed, "runtime-loaded, boxed"),
            (Kind::Regex, "regex"),
            (Kind::JsonSchema, "jsonschema"),
        ] {
            if let Some(v) = by_kind.get(&k) {
                figure.push_str(&format!(", {label} {}", table::ns(*v)));
            }
        }
        rows.push(Row::info(
            section,
            format!("{name}: median per validation"),
            figure,
        ));
        if let Some(&js) = by_kind.get(&Kind::JsonSchema) {
            let speedup = js / compiled;
            rows.push(Row::at_least(
                section,
                format!("{name}: compiled vs jsonschema"),
                format!("{speedup:.1}× faster"),
                speedup,
                VS_JSONSCHEMA,
                "≥ 5× faster",
            ));
        }
        if let Some(&hand) = by_kind.get(&Kind::Hand) {
            let ratio = compiled / hand;
            rows.push(Row::at_most(
                section,
                format!("{name}: compiled vs hand-written"),
                format!("{ratio:.2}× the time"),
                ratio,
                VS_HAND,
                "≤ 1.5× the time",
            ));
        }
        if let (Some(&typed), Some(&hand)) =
            (by_kind.get(&Kind::CompiledTyped), by_kind.get(&Kind::Hand))
        {
            let pair = |k: &str| paired.get(&name).and_then(|m| m.get(k)).copied();
            let (ratio, mut figure) = match pair("typed_vs_hand") {
                Some(r) => (
                    r,
                    format!("{r:.2}× the time, paired ({:.2}× by medians)", typed / hand),
                ),
                None => (typed / hand, format!("{:.2}× the time", typed / hand)),
            };
            match (pair("typed_vs_hand_owned"), by_kind.get(&Kind::HandOwned)) {
                (Some(r), _) => figure.push_str(&format!(
                    "; {r:.2}× the hand-written check into owned values, paired"
                )),
                (None, Some(&owned)) => figure.push_str(&format!(
                    " ({:.2}× the hand-written check into owned values)",
                    typed / owned
                )),
                (None, None) => {}
            }
            rows.push(Row::at_most(
                section,
                format!("{name}: typed struct vs hand-written"),
                figure,
                ratio,
                TYPED_VS_HAND,
                "≤ 1.0× the time",
            ));
        }
    }
    for (subject, by_kind) in &results {
        let name = subject.replace("/*", "").replace("*/", "");
        for (loaded, compiled, what) in [
            (Kind::Loaded, Kind::Compiled, "check"),
            (
                Kind::LoadedBoxed,
                Kind::CompiledBoxed,
                "into a boxed credential",
            ),
        ] {
            if let (Some(&l), Some(&c)) = (by_kind.get(&loaded), by_kind.get(&compiled)) {
                let ratio = l / c;
                rows.push(Row::at_most(
                    section,
                    format!("{name}: runtime-loaded vs compiled, {what}"),
                    format!("{ratio:.2}× the time"),
                    ratio,
                    LOADED_VS_COMPILED,
                    "≤ 1.5× the time",
                ));
            }
        }
    }
    if rows.is_empty() {
        rows.push(Row::not_run(
            section,
            "compiled vs jsonschema vs hand-written",
            "no criterion result names a compiled validator",
        ));
    }
    rows
}

/// The rows of languages: valid input in another language against English (the same
/// time), and an invalid form's messages in another language against English.
fn locale_rows(
    rows: &mut Vec<Row>,
    subject: &str,
    by_kind: &BTreeMap<Kind, f64>,
    paired: &BTreeMap<String, BTreeMap<String, f64>>,
) {
    let section = "validator";
    let name = subject
        .replace("/*", "")
        .replace("*/", "")
        .replace("_messages", "");
    // The verdict from the paired ratio where the bench measured one, else from the
    // medians; the figure shows both.
    let ratio = |measure: &str, locale: f64, english: f64| {
        let medians = locale / english;
        match paired.get(&name).and_then(|m| m.get(measure)) {
            Some(&r) => (
                r,
                format!(
                    "{r:.2}× paired; medians {} vs {} ({medians:.2}×)",
                    table::ns(locale),
                    table::ns(english)
                ),
            ),
            None => (
                medians,
                format!(
                    "{} vs {} ({medians:.2}×)",
                    table::ns(locale),
                    table::ns(english)
                ),
            ),
        }
    };
    if let (Some(&locale), Some(&english)) = (
        by_kind.get(&Kind::CompiledBoxedLocale),
        by_kind.get(&Kind::CompiledBoxed),
    ) {
        let (ratio, figure) = ratio("locale_valid", locale, english);
        rows.push(Row::at_most(
            section,
            format!("{name}: valid input in German vs English (`validate_in` vs `validate`)"),
            figure,
            ratio,
            LOCALE_VS_ENGLISH_VALID,
            "≤ 1.1× (unchanged ± noise)",
        ));
    }
    if let (Some(&locale), Some(&english)) = (
        by_kind.get(&Kind::MessagesLocale),
        by_kind.get(&Kind::MessagesEnglish),
    ) {
        let (ratio, figure) = ratio("locale_messages", locale, english);
        rows.push(Row::at_most(
            section,
            format!("{name}: an invalid form's messages, German vs English"),
            figure,
            ratio,
            LOCALE_VS_ENGLISH_MESSAGES,
            "≤ 1.15× the English",
        ));
    }
    if let (Some(&lookups), Some(&messages)) = (
        by_kind.get(&Kind::LookupsLocale),
        by_kind.get(&Kind::MessagesLocale),
    ) {
        let share = lookups / messages;
        rows.push(Row::at_most(
            section,
            format!("{name}: the German form's spec-text lookups, of its messages' time"),
            format!(
                "{} of {} ({:.1}%)",
                table::ns(lookups),
                table::ns(messages),
                share * 100.0
            ),
            share,
            LOOKUPS_OF_MESSAGES,
            "≤ 5% (the rest is formatting)",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_either_id_layout() {
        assert_eq!(
            classify("oneflow/compiled"),
            Some(("oneflow/*".into(), Kind::Compiled))
        );
        assert_eq!(
            classify("jsonschema/webflow"),
            Some(("*/webflow".into(), Kind::JsonSchema))
        );
        assert_eq!(
            classify("validate/oneflow/hand_written"),
            Some(("validate/oneflow/*".into(), Kind::Hand))
        );
        assert_eq!(
            classify("oneflow/compiled_typed"),
            Some(("oneflow/*".into(), Kind::CompiledTyped))
        );
        assert_eq!(
            classify("oneflow/hand_written_owned"),
            Some(("oneflow/*".into(), Kind::HandOwned))
        );
        assert_eq!(
            classify("oneflow/compiled_boxed_locale"),
            Some(("oneflow/*".into(), Kind::CompiledBoxedLocale))
        );
        assert_eq!(
            classify("oneflow_messages/messages_locale"),
            Some(("oneflow_messages/*".into(), Kind::MessagesLocale))
        );
        assert_eq!(
            classify("oneflow_messages/lookups_locale"),
            Some(("oneflow_messages/*".into(), Kind::LookupsLocale))
        );
        assert_eq!(classify("oneflow/other"), None);
    }

    #[test]
    fn reads_paired_ratios_and_skips_an_old_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("paired.json"),
            r#"{"oneflow":{"locale_messages":1.04,"typed_vs_hand":0.9,"bad":"x"}}"#,
        )
        .unwrap();
        let paired = read_paired(dir.path(), None);
        assert_eq!(paired["oneflow"]["locale_messages"], 1.04);
        assert_eq!(paired["oneflow"]["typed_vs_hand"], 0.9);
        assert!(!paired["oneflow"].contains_key("bad"));
        let later = SystemTime::now() + std::time::Duration::from_secs(3600);
        assert!(read_paired(dir.path(), Some(later)).is_empty());
        assert!(read_paired(&dir.path().join("none"), None).is_empty());
    }

    #[test]
    fn a_paired_ratio_decides_the_verdict() {
        let by_kind = BTreeMap::from([
            (Kind::MessagesLocale, 700.0),
            (Kind::MessagesEnglish, 500.0),
        ]);
        let mut rows = Vec::new();
        locale_rows(&mut rows, "oneflow_messages/*", &by_kind, &BTreeMap::new());
        assert!(
            matches!(rows[0].verdict, table::Verdict::Missed(_)),
            "{:?}",
            rows[0]
        );
        let paired = BTreeMap::from([(
            "oneflow".to_owned(),
            BTreeMap::from([("locale_messages".to_owned(), 1.05)]),
        )]);
        let mut rows = Vec::new();
        locale_rows(&mut rows, "oneflow_messages/*", &by_kind, &paired);
        assert!(
            matches!(rows[0].verdict, table::Verdict::Met(_)),
            "{:?}",
            rows[0]
        );
        assert!(
            rows[0].figure.contains("1.05× paired"),
            "{}",
            rows[0].figure
        );
    }

    #[test]
    fn reads_criterion_files() {
        let dir = tempfile::tempdir().unwrap();
        for (id, ns) in [
            ("oneflow/compiled", 40.0),
            ("oneflow/jsonschema", 300.0),
            ("oneflow/hand", 35.0),
        ] {
            let d = dir.path().join(id.replace('/', "_")).join("new");
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(
                d.join("benchmark.json"),
                serde_json::json!({"full_id": id}).to_string(),
            )
            .unwrap();
            std::fs::write(
                d.join("estimates.json"),
                serde_json::json!({"median": {"point_estimate": ns}}).to_string(),
            )
            .unwrap();
        }
        let r = read(dir.path(), None);
        assert_eq!(r["oneflow/*"][&Kind::JsonSchema], 300.0);
        assert_eq!(r["oneflow/*"].len(), 3);
    }

    /// Results are read under the target directory given (cargo's, which need not be
    /// `<workspace>/target`), and nothing under `<workspace>/target` is looked at.
    #[test]
    fn reads_results_under_the_given_target_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("ws");
        std::fs::create_dir_all(root.join("crates/providers/benches")).unwrap();
        std::fs::write(root.join("crates/providers/benches/validators.rs"), "").unwrap();
        let target = tmp.path().join("elsewhere");
        let write = |base: &Path, id: &str, ns: f64| {
            let d = base.join(id.replace('/', "_")).join("new");
            std::fs::create_dir_all(&d).unwrap();
            let bench = serde_json::json!({"full_id": id}).to_string();
            std::fs::write(d.join("benchmark.json"), bench).unwrap();
            let est = serde_json::json!({"median": {"point_estimate": ns}}).to_string();
            std::fs::write(d.join("estimates.json"), est).unwrap();
        };
        let [default_dir, tmp_dir] = criterion_dirs(&target);
        write(&tmp_dir, "oneflow/compiled", 40.0);
        write(&tmp_dir, "oneflow/jsonschema", 400.0);
        write(&default_dir, "webflow/compiled", 50.0);
        // A stale result in the workspace's own `target` is not read.
        write(&root.join("target/criterion"), "stale/compiled", 1.0);
        let rows = run(&root, &target, true);
        let whats: Vec<&str> = rows.iter().map(|r| r.what.as_str()).collect();
        assert!(
            whats.contains(&"oneflow: compiled vs jsonschema"),
            "{whats:?}"
        );
        assert!(
            whats.contains(&"webflow: median per validation"),
            "{whats:?}"
        );
        assert!(!whats.iter().any(|w| w.starts_with("stale")), "{whats:?}");
        assert!(
            rows.iter()
                .all(|r| !matches!(r.verdict, crate::Verdict::NotRun(_))),
            "{rows:?}"
        );
    }
}
