//! `connectspec`: validate credentials against the compiled provider specs, list them,
//! and serve them over HTTP.
//!
//! Exit codes: 0 success, 1 invalid credentials, 2 usage errors (including an unknown
//! provider or method, which lists the known ones).

mod list;
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
    /// Run the HTTP service.
    Serve(connectspec_server::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::List(args) => list::run(&args),
        Command::Serve(args) => connectspec_server::serve_command(&args),
    }
}
