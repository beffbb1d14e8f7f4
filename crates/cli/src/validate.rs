//! `connectspec validate <provider> <method> --field key=value …`.
//!
//! Secrets need not appear on the command line (and so in shell history or `ps`):
//! `--field-stdin KEY` reads the value from a line of standard input and
//! `--field-env KEY=VAR` from an environment variable. Output never contains a secret
//! value: only the normalised values of non-secret fields are printed.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::process::ExitCode;

use connectspec_providers::ValidateError;
use serde_json::json;

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
}

/// A usage problem: exit 2.
struct Usage {
    code: &'static str,
    message: String,
    known: Vec<String>,
}

fn usage(code: &'static str, message: String) -> Usage {
    Usage {
        code,
        message,
        known: Vec::new(),
    }
}

/// Collects the field map from every source; a key given twice is a usage error.
fn collect_fields(args: &Args) -> Result<BTreeMap<String, String>, Usage> {
    let mut map = BTreeMap::new();
    let mut put = |key: &str, value: String, how: &str| -> Result<(), Usage> {
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
        let (k, var) = spec.split_once('=').ok_or_else(|| {
            usage(
                "bad_argument",
                format!("--field-env takes KEY=VAR, got `{spec}`"),
            )
        })?;
        let v = std::env::var(var).map_err(|_| {
            usage(
                "bad_argument",
                format!("environment variable `{var}` (for field `{k}`) is not set or not UTF-8"),
            )
        })?;
        put(k, v, "--field-env")?;
    }
    let stdin = std::io::stdin();
    let mut lines = stdin.lock();
    for k in &args.stdin_fields {
        let mut line = String::new();
        let n = lines.read_line(&mut line).map_err(|e| {
            usage(
                "bad_argument",
                format!("cannot read field `{k}` from standard input: {e}"),
            )
        })?;
        if n == 0 {
            return Err(usage(
                "bad_argument",
                format!("standard input ended before the value of field `{k}`"),
            ));
        }
        let v = line
            .strip_suffix('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .unwrap_or(&line);
        put(k, v.to_owned(), "--field-stdin")?;
    }
    Ok(map)
}

/// Unknown provider or method: the message and the ids the user could have meant.
fn unknown(provider: &str, method: &str, err: &ValidateError) -> Usage {
    match err {
        ValidateError::UnknownMethod => {
            let known = connectspec_providers::provider(provider)
                .map(|p| p.methods.iter().map(|m| m.id.to_owned()).collect())
                .unwrap_or_default();
            Usage {
                code: "unknown_method",
                message: format!("provider `{provider}` has no auth method `{method}`"),
                known,
            }
        }
        _ => Usage {
            code: "unknown_provider",
            message: format!("no provider `{provider}`"),
            known: connectspec_providers::providers()
                .iter()
                .map(|p| p.id.to_owned())
                .collect(),
        },
    }
}

pub fn run(args: &Args) -> ExitCode {
    let result = collect_fields(args).and_then(|fields| {
        match connectspec_providers::validate(&args.provider, &args.method, &fields) {
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
                println!(
                    "{}",
                    serde_json::to_string_pretty(&out).expect("JSON values serialize")
                );
            } else {
                println!("valid: {} {}", meta.provider_name, meta.label);
                for f in meta.fields {
                    if f.secret {
                        println!("  {}: [secret, not shown]", f.key);
                    } else if let Some(v) = values.get(f.key) {
                        println!("  {}: {v}", f.key);
                    }
                }
                for k in meta.derived_keys {
                    if let Some(v) = values.get(*k) {
                        println!("  {k}: {v} (derived)");
                    }
                }
                if !normalized.is_empty() {
                    println!("normalised: {}", normalized.join(", "));
                }
            }
            ExitCode::SUCCESS
        }
        Ok(Err(ValidateError::Invalid(errors))) => {
            if args.json {
                let out = json!({
                    "valid": false,
                    "provider": args.provider,
                    "method": args.method,
                    "errors": errors,
                });
                println!(
                    "{}",
                    serde_json::to_string_pretty(&out).expect("JSON values serialize")
                );
            } else {
                let n = errors.errors().len();
                eprintln!("invalid: {n} error{}", if n == 1 { "" } else { "s" });
                for e in errors.errors() {
                    eprintln!(
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

fn report_usage(json_out: bool, u: &Usage) -> ExitCode {
    if json_out {
        let out = json!({ "error": u.code, "message": u.message, "known": u.known });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).expect("JSON values serialize")
        );
    } else {
        eprintln!("error: {}", u.message);
        if !u.known.is_empty() {
            eprintln!("known: {}", u.known.join(", "));
        }
    }
    ExitCode::from(2)
}
