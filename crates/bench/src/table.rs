//! The one table `cargo xtask bench` prints: figure, goal and verdict per row, as
//! Markdown so it can be pasted into `docs/performance.md` unchanged.

use std::fmt;

/// Whether a row meets its goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The goal is met; the text says by how much.
    Met(String),
    /// The goal is missed; the text says by how much.
    Missed(String),
    /// A figure without a goal (context for the rows that have one).
    Info,
    /// The measurement could not be taken; the reason.
    NotRun(String),
}

/// One row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Section name, e.g. `docs`.
    pub section: &'static str,
    /// What is measured.
    pub what: String,
    /// The measured figure.
    pub figure: String,
    /// The goal, or `—`.
    pub goal: String,
    /// The verdict.
    pub verdict: Verdict,
}

impl Row {
    /// A row without a goal.
    pub fn info(section: &'static str, what: impl Into<String>, figure: impl Into<String>) -> Row {
        Row {
            section,
            what: what.into(),
            figure: figure.into(),
            goal: "—".into(),
            verdict: Verdict::Info,
        }
    }

    /// A row whose figure `value` must be at most `limit` (same unit).
    pub fn at_most(
        section: &'static str,
        what: impl Into<String>,
        figure: impl Into<String>,
        value: f64,
        limit: f64,
        goal: impl Into<String>,
    ) -> Row {
        let ratio = value / limit;
        let text = format!("{ratio:.2} of the limit");
        let verdict = if value <= limit {
            Verdict::Met(text)
        } else {
            Verdict::Missed(text)
        };
        Row {
            section,
            what: what.into(),
            figure: figure.into(),
            goal: goal.into(),
            verdict,
        }
    }

    /// A row whose figure `value` must be at least `floor` (same unit).
    pub fn at_least(
        section: &'static str,
        what: impl Into<String>,
        figure: impl Into<String>,
        value: f64,
        floor: f64,
        goal: impl Into<String>,
    ) -> Row {
        let ratio = value / floor;
        let text = format!("{ratio:.2}× the goal");
        let verdict = if value >= floor {
            Verdict::Met(text)
        } else {
            Verdict::Missed(text)
        };
        Row {
            section,
            what: what.into(),
            figure: figure.into(),
            goal: goal.into(),
            verdict,
        }
    }

    /// A section that could not run.
    pub fn not_run(
        section: &'static str,
        what: impl Into<String>,
        reason: impl Into<String>,
    ) -> Row {
        Row {
            section,
            what: what.into(),
            figure: "—".into(),
            goal: "—".into(),
            verdict: Verdict::NotRun(reason.into()),
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Met(t) => write!(f, "ok ({t})"),
            Verdict::Missed(t) => write!(f, "**MISSED** ({t})"),
            Verdict::Info => f.write_str("—"),
            Verdict::NotRun(r) => write!(f, "not run: {r}"),
        }
    }
}

/// Cells may not contain `|` or line breaks in a Markdown table.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The table as Markdown.
pub fn render(rows: &[Row]) -> String {
    let mut out = String::from(
        "| section | measurement | figure | goal | verdict |\n|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            r.section,
            cell(&r.what),
            cell(&r.figure),
            cell(&r.goal),
            cell(&r.verdict.to_string())
        ));
    }
    out
}

/// Milliseconds for humans: `0.84 ms`, `12.3 ms`, `1,234 ms`.
pub fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2} ms")
    } else if v < 1000.0 {
        format!("{v:.1} ms")
    } else {
        format!("{} ms", thousands(v.round() as u64))
    }
}

/// Nanoseconds for humans.
pub fn ns(v: f64) -> String {
    if v < 1000.0 {
        format!("{v:.1} ns")
    } else {
        format!("{:.2} µs", v / 1000.0)
    }
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bytes for humans (binary units).
pub fn bytes(n: u64) -> String {
    let n = n as f64;
    if n < 1024.0 * 1024.0 {
        format!("{:.1} KiB", n / 1024.0)
    } else {
        format!("{:.1} MiB", n / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_and_formatting() {
        assert!(matches!(
            Row::at_most("x", "t", "1", 0.5, 1.0, "≤ 1").verdict,
            Verdict::Met(_)
        ));
        assert!(matches!(
            Row::at_most("x", "t", "1", 1.5, 1.0, "≤ 1").verdict,
            Verdict::Missed(_)
        ));
        assert!(matches!(
            Row::at_least("x", "t", "1", 4.0, 5.0, "≥ 5").verdict,
            Verdict::Missed(_)
        ));
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(ms(1234.4), "1,234 ms");
        let t = render(&[Row::not_run("docs", "a|b", "missing")]);
        assert!(t.contains("a\\|b") && t.contains("not run: missing"), "{t}");
    }
}
