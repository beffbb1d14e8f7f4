//! Signing a token exchange's JWT assertion: the server's `sign_assertion` example
//! (the service's own signer, keys made in the run by the `openssl` CLI), parsed into
//! one row with both algorithms.

use std::path::Path;

use crate::table::Row;

/// Microseconds per signature after `label` (`RS256-2048 sign 1234.5 us …`).
pub fn per_signature(text: &str, label: &str) -> Option<f64> {
    text.lines().find_map(|l| {
        let rest = l.trim().strip_prefix(label)?.trim_start();
        let rest = rest.strip_prefix("sign")?.trim_start();
        rest.split_whitespace().next()?.parse().ok()
    })
}

/// Runs the example and returns the row.
pub fn run(root: &Path) -> Vec<Row> {
    let section = "assertion";
    let what = "sign a JWT assertion (key parse + sign): RS256 2048-bit / ES256 P-256";
    let mut c = crate::cargo::cargo(root);
    c.args([
        "run",
        "--quiet",
        "--release",
        "-p",
        "connectspec-server",
        "--example",
        "sign_assertion",
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
    match (
        per_signature(&text, "RS256-2048"),
        per_signature(&text, "ES256"),
    ) {
        (Some(rs), Some(es)) => vec![Row::info(
            section,
            what,
            format!("{:.3} ms / {:.3} ms", rs / 1000.0, es / 1000.0),
        )],
        _ => vec![Row::not_run(section, what, crate::cargo::reason(&text))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_example_s_lines() {
        let text =
            "RS256-2048 sign 1234.5 us (200 signatures)\nES256 sign 45.6 us (2000 signatures)\n";
        assert_eq!(per_signature(text, "RS256-2048"), Some(1234.5));
        assert_eq!(per_signature(text, "ES256"), Some(45.6));
        assert_eq!(per_signature("error: no", "ES256"), None);
    }
}
