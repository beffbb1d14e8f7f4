//! The service load run: the server's load generator example, parsed.

use std::path::Path;

use crate::table::{self, Row};

/// Goal: requests per second on 2 cores.
pub const RPS: f64 = 50_000.0;
/// Goal: 99th percentile latency, milliseconds.
pub const P99_MS: f64 = 2.0;

/// What the load generator printed.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadRun {
    /// Requests sent.
    pub requests: u64,
    /// Failed requests.
    pub errors: u64,
    /// Concurrency.
    pub concurrency: u64,
    /// Throughput.
    pub rps: f64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
}

/// The number after `word` on the line that has it.
fn after(text: &str, word: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        let mut it = l.split_whitespace();
        while let Some(w) = it.next() {
            if w == word {
                return it.next()?.trim_end_matches(',').parse().ok();
            }
        }
        None
    })
}

/// The number before `word` (e.g. `12345 req/s`).
fn before(text: &str, word: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        let words: Vec<&str> = l.split_whitespace().collect();
        let i = words.iter().position(|w| *w == word)?;
        words
            .get(i.checked_sub(1)?)?
            .trim_end_matches(',')
            .parse()
            .ok()
    })
}

/// Parses the load generator's report.
pub fn parse(text: &str) -> Option<LoadRun> {
    Some(LoadRun {
        requests: after(text, "requests")? as u64,
        errors: after(text, "errors")? as u64,
        concurrency: after(text, "concurrency")? as u64,
        rps: before(text, "req/s")?,
        p50_ms: after(text, "p50")?,
        p99_ms: after(text, "p99")?,
    })
}

/// Runs the load generator and returns the rows.
pub fn run(root: &Path, requests: u64) -> Vec<Row> {
    let section = "service";
    let mut c = crate::cargo::cargo(root);
    c.args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "connectspec-server",
        "--example",
        "loadgen",
        "--",
    ])
    .args(["--requests", &requests.to_string(), "--concurrency", "64"]);
    let text = match c.output() {
        Ok(o) => {
            String::from_utf8_lossy(&o.stdout).into_owned()
                + "\n"
                + &String::from_utf8_lossy(&o.stderr)
        }
        Err(e) => {
            return vec![Row::not_run(
                section,
                "load run",
                format!("cannot start cargo: {e}"),
            )];
        }
    };
    let Some(r) = parse(&text) else {
        return vec![Row::not_run(
            section,
            "load run",
            crate::cargo::reason(&text),
        )];
    };
    let what = format!(
        "POST validate, {} requests, {} concurrent",
        table::thousands(r.requests),
        r.concurrency
    );
    vec![
        Row::at_least(
            section,
            format!("{what}: throughput"),
            format!("{} req/s", table::thousands(r.rps as u64)),
            r.rps,
            RPS,
            "≥ 50,000 req/s",
        ),
        Row::info(
            section,
            format!("{what}: p50 latency"),
            format!("{:.3} ms", r.p50_ms),
        ),
        Row::at_most(
            section,
            format!("{what}: p99 latency"),
            format!("{:.3} ms", r.p99_ms),
            r.p99_ms,
            P99_MS,
            "≤ 2 ms",
        ),
        if r.errors == 0 {
            Row {
                section,
                what: format!("{what}: errors"),
                figure: "0".into(),
                goal: "0".into(),
                verdict: crate::table::Verdict::Met("none".into()),
            }
        } else {
            Row {
                section,
                what: format!("{what}: errors"),
                figure: r.errors.to_string(),
                goal: "0".into(),
                verdict: crate::table::Verdict::Missed(format!("{} errors", r.errors)),
            }
        },
    ]
}

/// Goal: opening a sealed OAuth registration, nanoseconds (a refresh of a method found by
/// discovery does it before its token request, which takes milliseconds).
pub const OPEN_REGISTRATION_NS: f64 = 20_000.0;

/// Parses the registration bench's line: `(opens, ns/op, sealed bytes)`.
pub fn parse_registration(text: &str) -> Option<(u64, f64, u64)> {
    Some((
        after(text, "opens")? as u64,
        after(text, "ns/op")?,
        after(text, "sealed_bytes")? as u64,
    ))
}

/// Opens a sealed OAuth registration many times (the server's `registration_open`
/// example) and returns its row.
pub fn registration(root: &Path) -> Vec<Row> {
    let section = "service";
    let what = "open a sealed OAuth registration (refresh with discovery)";
    let mut c = crate::cargo::cargo(root);
    c.args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "connectspec-server",
        "--example",
        "registration_open",
    ]);
    let text = match c.output() {
        Ok(o) => {
            String::from_utf8_lossy(&o.stdout).into_owned()
                + "\n"
                + &String::from_utf8_lossy(&o.stderr)
        }
        Err(e) => {
            return vec![Row::not_run(
                section,
                what,
                format!("cannot start cargo: {e}"),
            )];
        }
    };
    let Some((opens, ns, bytes)) = parse_registration(&text) else {
        return vec![Row::not_run(section, what, crate::cargo::reason(&text))];
    };
    vec![Row::at_most(
        section,
        format!(
            "{what}, {} chars sealed, {} opens",
            bytes,
            table::thousands(opens)
        ),
        format!("{:.2} µs", ns / 1000.0),
        ns,
        OPEN_REGISTRATION_NS,
        "≤ 20 µs",
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_load_generator_report() {
        let text = "loadgen: POST /v1/providers/oneflow/methods/api_token/validate (120 bytes, expect 200) against 127.0.0.1:1\n\
                    requests 100000 ok 100000 errors 0 concurrency 64 threads 2 cores 2\n\
                    elapsed 1.650 s, 60606 req/s\n\
                    latency ms: p50 0.950  p90 1.400  p99 1.900  p99.9 3.000  max 9.000\n";
        let r = parse(text).unwrap();
        assert_eq!(
            r,
            LoadRun {
                requests: 100000,
                errors: 0,
                concurrency: 64,
                rps: 60606.0,
                p50_ms: 0.95,
                p99_ms: 1.9
            }
        );
        assert!(parse("error: no example target named `loadgen`").is_none());
    }

    #[test]
    fn parses_the_registration_bench_line() {
        let text = "registration_open: opens 200000, ns/op 1234, sealed_bytes 611\n";
        assert_eq!(parse_registration(text), Some((200_000, 1234.0, 611)));
        assert!(parse_registration("error: no example").is_none());
    }
}
