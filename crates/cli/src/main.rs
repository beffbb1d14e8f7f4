//! `connectspec`: validate credentials against the compiled provider specs, list them,
//! and serve them over HTTP.
//!
//! Exit codes: 0 success, 1 invalid credentials, 2 usage errors (including an unknown
//! provider or method, which suggests the closest ids).
//!
//! An argument that is not a flag name and does not belong where it was given is never
//! echoed (it may be a secret typed in the wrong place): command-line errors that would
//! repeat a stray value, or a value a flag refused (`--json=…`, `--listen …`), say which
//! argument is wrong instead.

mod catalogue;
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

        // A value given to a flag (`--listen X`, `--json=X`, or from the flag's
        // environment variable) that clap refuses: clap's message quotes it; ours names
        // the flag only. Flag names come from our definitions.
        _ if e.get(ContextKind::InvalidValue).is_some() => {
            // `--listen <LISTEN>`: the flag itself.
            let flag = stray(ContextKind::InvalidArg)
                .and_then(|a| a.split_whitespace().next().map(str::to_owned))
                .unwrap_or_else(|| "a flag".to_owned());
            Some(refused_value(e, &flag))
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
            crate::out::say!(
                "error: {m}\n  `connectspec --help` lists the commands and their arguments"
            );
            ExitCode::from(2)
        }
    }
}

/// The message for a value clap refused, which it does not repeat: which flag, and why
/// in clap's words where those hold no value (a parser's own error, the accepted
/// values).
fn refused_value(e: &clap::Error, flag: &str) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let why = match e.kind() {
        ErrorKind::TooManyValues => " (it takes no value)".to_owned(),
        ErrorKind::InvalidValue => match e.get(ContextKind::ValidValue) {
            Some(ContextValue::Strings(v)) => format!(" (it takes one of: {})", v.join(", ")),
            _ => String::new(),
        },
        // The value parsers used here (numbers, socket addresses) say what is wrong
        // without quoting the input.
        ErrorKind::ValueValidation => std::error::Error::source(e)
            .map(|s| format!(": {s}"))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let source = match env_of(flag) {
        Some(var) => format!("`{flag}` (or {var})"),
        None => format!("`{flag}`"),
    };
    format!(
        "the value given to {source} is not accepted{why}; it is not shown, in case it is a secret"
    )
}

/// The environment variable a flag is also read from, if any (the value clap refused
/// may have come from it).
fn env_of(flag: &str) -> Option<String> {
    let long = flag.strip_prefix("--")?;
    let cli = <Cli as clap::CommandFactory>::command();
    let arg = cli
        .get_subcommands()
        .flat_map(|c| c.get_arguments())
        .find(|a| a.get_long() == Some(long))?;
    arg.get_env().map(|v| v.to_string_lossy().into_owned())
}

/// `--name` or `-n`: letters, digits and hyphens only.
fn is_flag_name(a: &str) -> bool {
    let name = a.strip_prefix("--").or_else(|| a.strip_prefix('-'));
    name.is_some_and(|n| {
        !n.is_empty() && n.len() <= 32 && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}
