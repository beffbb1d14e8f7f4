//! `connectspec`: validate credentials against the compiled provider specs, list them,
//! and serve them over HTTP.
//!
//! Exit codes: 0 success, 1 invalid credentials, 2 usage errors (including an unknown
//! provider or method, which suggests the closest ids).
//!
//! An argument that is not a flag name and does not belong where it was given is never
//! echoed (it may be a secret typed in the wrong place): command-line errors that would
//! repeat a stray value say which argument is wrong instead.

mod list;
mod out;
mod scopes;
#[cfg(feature = "serve")]
mod serve;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Credential validators generated from provider specs.
#[derive(Debug, Parser)]
#[command(name = "connectspec", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate credentials: prints the normalised non-secret values (exit 0) or every error (exit 1).
    Validate(validate::Args),
    /// List providers and their auth methods.
    List(list::Args),
    /// The least-privilege scopes of a method's actions (`--action a --action b`), or
    /// its actions and their scopes.
    Scopes(scopes::Args),
    /// Run the HTTP service.
    #[cfg(feature = "serve")]
    Serve(serve::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return parse_error(&e),
    };
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::List(args) => list::run(&args),
        Command::Scopes(args) => scopes::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    }
}

/// Clap's error, unless it would repeat a stray value: then a message that names the
/// kind of mistake without the value. Help and version requests print as usual.
fn parse_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let stray = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let near = stray(ContextKind::InvalidSubcommand)
                .map(|a| out::closest(&a, ["validate", "list", "scopes", "serve"]))
                .unwrap_or_default();
            let mut m = "the first argument is not a command; the commands are `validate`, `list`, `scopes` and `serve`".to_owned();
            if let Some(c) = near.first() {
                m.push_str(&format!("\n  did you mean `{c}`?"));
            }
            Some(m)
        }

        ErrorKind::UnknownArgument => match stray(ContextKind::InvalidArg) {
            // A flag name is safe to repeat; a value (or `--flag=value`) is not.
            Some(a) if is_flag_name(&a) => None,
            _ => Some(
                "an argument was given that the command does not take (not shown, it may be a secret); put secret values in --field-stdin or --field-env"
                    .to_owned(),
            ),
        },
        _ => None,
    };
    match message {
        None => e.exit(),
        Some(m) => {
            eprintln!("error: {m}\n  `connectspec --help` lists the commands and their arguments");
            ExitCode::from(2)
        }
    }
}

/// `--name` or `-n`: letters, digits and hyphens only.
fn is_flag_name(a: &str) -> bool {
    let name = a.strip_prefix("--").or_else(|| a.strip_prefix('-'));
    name.is_some_and(|n| {
        !n.is_empty() && n.len() <= 32 && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}
