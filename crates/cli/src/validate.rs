//! `connectspec validate <provider> <method> --field key=value …`.
//!
//! Secrets need not appear on the command line (and so in shell history or `ps`):
//! `--field-stdin KEY` reads the value from a line of standard input and
//! `--field-env KEY=VAR` from an environment variable. Output never contains a secret
//! value: only the normalised values of non-secret fields are printed. A secret field
//! given with `--field` is accepted with a warning on stderr.
//!
//! Nothing given where it does not belong is echoed: an unknown provider or method, a
//! field key that is not an id, a `--field-stdin` key that is not one of the method's
//! fields (checked before standard input is read), or a `--field-env` argument whose
//! variable part is not a variable name may be a secret typed in the wrong place, so the
//! message says which argument is wrong (by flag and position) and suggests the closest
//! ids without repeating it.

use connectspec_providers::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;
use std::process::ExitCode;

use connectspec_providers::ValidateError;
use serde_json::json;

use crate::out::{closest, emit, is_env_name, is_id_like};

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Provider id, e.g. `oneflow`.
    provider: String,
    /// Auth method id, e.g. `api_token`.
    method: String,
    /// A field value as `key=value` (repeatable).
    #[arg(long = "field", value_name = "KEY=VALUE")]
    fields: Vec<String>,
    /// Read field KEY from one line of standard input (repeatable; one line each, in order).
    #[arg(long = "field-stdin", value_name = "KEY")]
    stdin_fields: Vec<String>,
    /// Read field KEY from environment variable VAR (repeatable).
    #[arg(long = "field-env", value_name = "KEY=VAR")]
    env_fields: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Use the specs of DIR, loaded and checked now, instead of the compiled catalogue
    /// (for trying a spec while writing it; any problem is reported and stops the command).
    #[arg(long, value_name = "DIR")]
    specs: Option<std::path::PathBuf>,
}

/// A usage problem: exit 2.
pub(crate) struct Usage {
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// Ids the user may have meant (never the argument itself).
    pub(crate) suggestions: Vec<String>,
    /// Further advice, one line.
    pub(crate) hint: Option<String>,
}

fn usage(code: &'static str, message: String) -> Usage {
    Usage {
        code,
        message,
        suggestions: Vec::new(),
        hint: None,
    }
}

/// Collects the field map from every source; a key given twice is a usage error.
fn collect_fields(args: &Args) -> Result<BTreeMap<String, String>, Usage> {
    let mut map = BTreeMap::new();
    let mut put = |key: &str, value: String, how: &str| -> Result<(), Usage> {
        if !is_id_like(key) {
            return Err(usage(
                "bad_argument",
                format!(
                    "{how} takes a field key such as `api_token` before `=`; this one is not a field key (not shown, it may be a secret)"
                ),
            ));
        }
        if map.insert(key.to_owned(), value).is_some() {
            return Err(usage(
                "duplicate_field",
                format!("field `{key}` is given more than once (last via {how})"),
            ));
        }
        Ok(())
    };
    for f in &args.fields {
        let (k, v) = f.split_once('=').ok_or_else(|| {
            usage(
                "bad_argument",
                "--field takes KEY=VALUE (no `=` found)".to_owned(),
            )
        })?;
        put(k, v.to_owned(), "--field")?;
    }
    for spec in &args.env_fields {
        // The argument is never echoed: a value typed here instead of a variable name
        // is likely the secret itself.
        let Some((k, var)) = spec.split_once('=') else {
            return Err(Usage {
                hint: Some(env_hint("KEY")),
                ..usage(
                    "bad_argument",
                    "--field-env takes KEY=VAR, the field key and the name of an environment variable; no `=` found (the argument is not shown)".to_owned(),
                )
            });
        };
        let shown_key = if is_id_like(k) { k } else { "KEY" };
        if !is_env_name(var) {
            return Err(Usage {
                hint: Some(env_hint(shown_key)),
                ..usage(
                    "bad_argument",
                    format!(
                        "--field-env for field `{shown_key}`: the part after `=` is not an environment variable name (letters, digits and `_`); it is not shown, in case it is the value itself"
                    ),
                )
            });
        }
        // Not even a well-formed name is repeated: `sk_live_…` is one.
        let v = std::env::var(var).map_err(|_| Usage {
            hint: Some(env_hint(shown_key)),
            ..usage(
                "bad_argument",
                format!(
                    "the environment variable named for field `{shown_key}` (--field-env {shown_key}=…) is not set or not UTF-8; its name is not shown, in case it is the value itself"
                ),
            )
        })?;
        put(k, v, "--field-env")?;
    }
    read_stdin_fields(args, &mut put)?;
    Ok(map)
}

/// Reads the `--field-stdin` values, one line each, in order. Every key is checked
/// before anything is read: a value pasted where the key belongs is refused at once,
/// not after waiting for input, and no message repeats a key that is not one of the
/// method's fields. Messages name the argument by its position.
fn read_stdin_fields(
    args: &Args,
    put: &mut impl FnMut(&str, String, &str) -> Result<(), Usage>,
) -> Result<(), Usage> {
    // An unknown provider or method is what the command reports; nothing is read.
    let Some(meta) = crate::catalogue::method(&args.provider, &args.method) else {
        return Ok(());
    };
    let field_of = |k: &str| meta.fields.iter().find(|f| f.key == k);
    for (i, k) in args.stdin_fields.iter().enumerate() {
        if field_of(k).is_none() {
            let keys: Vec<&str> = meta.fields.iter().map(|f| f.key).collect();
            return Err(Usage {
                hint: Some(
                    "--field-stdin takes the field key; its value is read from standard input"
                        .to_owned(),
                ),
                ..usage(
                    "bad_argument",
                    format!(
                        "the {} --field-stdin does not name a field of {} {} (not shown, it may be a secret); its fields are {}",
                        ordinal(i + 1),
                        meta.provider_name,
                        meta.label,
                        keys.join(", ")
                    ),
                )
            });
        }
    }
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    for (i, k) in args.stdin_fields.iter().enumerate() {
        // Every key is one the spec declares by now, safe to name.
        let which = format!("the {} --field-stdin (`{k}`)", ordinal(i + 1));
        let mut line = String::new();
        let n = lines.read_line(&mut line).map_err(|e| {
            let why = if e.kind() == std::io::ErrorKind::InvalidData {
                "it is not UTF-8 text".to_owned()
            } else {
                e.to_string()
            };
            usage(
                "bad_argument",
                format!("cannot read the value of {which} from standard input: {why}"),
            )
        })?;
        if n == 0 {
            return Err(usage(
                "bad_argument",
                format!(
                    "standard input ended before the value of {which} (one line per --field-stdin, in order)"
                ),
            ));
        }
        let v = line
            .strip_suffix('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .unwrap_or(&line);
        put(k, v.to_owned(), "--field-stdin")?;
    }
    Ok(())
}

/// `1st`, `2nd`, `3rd`, `4th` … `11th`, `21st`.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn env_hint(key: &str) -> String {
    format!(
        "export the value first (`export VAR=…`) and pass `--field-env {key}=VAR`, or pass `--field-stdin {key}` and type it"
    )
}

/// Unknown provider or method: which argument is wrong and the closest ids. The
/// argument itself is never repeated (it may be a secret typed in the wrong place).
pub(crate) fn unknown(provider: &str, method: &str, err: &ValidateError) -> Usage {
    match (err, crate::catalogue::provider(provider)) {
        (ValidateError::UnknownMethod, Some(p)) => {
            let ids: Vec<&str> = p.methods.iter().map(|m| m.id).collect();
            let mut suggestions = closest(method, ids.iter().copied());
            // A provider has few methods: when none is close, offer them all.
            if suggestions.is_empty() {
                suggestions = ids.iter().map(|s| (*s).to_owned()).collect();
            }
            Usage {
                code: "unknown_method",
                message: format!(
                    "the second argument is not an auth method of provider `{}`",
                    p.id
                ),
                suggestions,
                hint: Some(format!(
                    "`connectspec list` shows the methods of `{}`",
                    p.id
                )),
            }
        }
        _ => Usage {
            code: "unknown_provider",
            message: "the first argument is not a provider id".to_owned(),
            suggestions: closest(provider, crate::catalogue::providers().iter().map(|p| p.id)),
            hint: Some("`connectspec list` shows every provider and its methods".to_owned()),
        },
    }
}

/// Warns about each secret field given with `--field`: the value is now in the shell's
/// history and, while the command runs, in the process list.
fn warn_secret_on_command_line(args: &Args) {
    let Some(meta) =
        crate::catalogue::provider(&args.provider).and_then(|p| p.method(&args.method))
    else {
        return;
    };
    for f in &args.fields {
        let Some((k, _)) = f.split_once('=') else {
            continue;
        };
        if meta.fields.iter().any(|m| m.secret && m.key == k) {
            crate::out::say!(
                "warning: field `{k}` is secret, and a value given with --field stays in shell history and is visible in the process list; use --field-stdin {k} (reads one line of standard input) or --field-env {k}=VAR (reads environment variable VAR)"
            );
        }
    }
}

pub fn run(args: &Args) -> ExitCode {
    if let Err(exit) = crate::catalogue::init_or_exit(args.specs.as_deref()) {
        return exit;
    }
    warn_secret_on_command_line(args);
    let result = collect_fields(args).and_then(|fields| {
        match crate::catalogue::validate(&args.provider, &args.method, &fields) {
            Err(e @ (ValidateError::UnknownProvider | ValidateError::UnknownMethod)) => {
                Err(unknown(&args.provider, &args.method, &e))
            }
            other => Ok(other),
        }
    });
    match result {
        Err(u) => report_usage(args.json, &u),
        Ok(Ok(creds)) => {
            let values = creds.public_values();
            let normalized = creds.normalized_fields();
            let meta = creds.meta();
            if args.json {
                let out = json!({
                    "valid": true,
                    "provider": meta.provider_id,
                    "method": meta.id,
                    "values": values,
                    "normalized": normalized,
                });
                emit(&pretty(&out), ExitCode::SUCCESS)
            } else {
                let mut text = String::new();
                let _ = writeln!(text, "valid: {} {}", meta.provider_name, meta.label);
                for f in meta.fields {
                    if f.secret {
                        let _ = writeln!(text, "  {}: [secret, not shown]", f.key);
                    } else if let Some(v) = values.get(f.key) {
                        let _ = writeln!(text, "  {}: {v}", f.key);
                    }
                }
                for k in meta.derived_keys {
                    if let Some(v) = values.get(*k) {
                        let _ = writeln!(text, "  {k}: {v} (derived)");
                    }
                }
                if !normalized.is_empty() {
                    let _ = writeln!(text, "normalised: {}", normalized.join(", "));
                }
                emit(&text, ExitCode::SUCCESS)
            }
        }
        Ok(Err(ValidateError::Invalid(errors))) => {
            if args.json {
                let out = json!({
                    "valid": false,
                    "provider": args.provider,
                    "method": args.method,
                    "errors": errors,
                });
                return emit(&pretty(&out), ExitCode::from(1));
            } else {
                let n = errors.errors().len();
                crate::out::say!("invalid: {n} error{}", if n == 1 { "" } else { "s" });
                for e in errors.errors() {
                    crate::out::say!(
                        "  {}: {}",
                        if e.field.is_empty() {
                            "(input)"
                        } else {
                            &e.field
                        },
                        e.message
                    );
                }
            }
            ExitCode::from(1)
        }
        Ok(Err(e)) => report_usage(args.json, &unknown(&args.provider, &args.method, &e)),
    }
}

pub(crate) fn pretty(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values serialize");
    s.push('\n');
    s
}

pub(crate) fn report_usage(json_out: bool, u: &Usage) -> ExitCode {
    if json_out {
        let out = json!({
            "error": u.code,
            "message": u.message,
            "suggestions": u.suggestions,
            "hint": u.hint,
        });
        return emit(&pretty(&out), ExitCode::from(2));
    }
    crate::out::say!("error: {}", u.message);
    if !u.suggestions.is_empty() {
        let ids: Vec<String> = u.suggestions.iter().map(|s| format!("`{s}`")).collect();
        crate::out::say!("  did you mean {}?", ids.join(" or "));
    }
    if let Some(h) = &u.hint {
        crate::out::say!("  {h}");
    }
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .into_iter()
            .map(super::ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
