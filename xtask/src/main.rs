//! `cargo xtask`: thin front over the connectspec crates.
//!
//! Generated files are checked in; `check` regenerates them in memory and fails,
//! naming the command that fixes it, when a checked-in copy is stale.

mod check;
mod ci;
mod docs;
mod examples;
mod js;
mod problems;
mod scaffold;
mod synth;
#[cfg(test)]
mod tidy;
mod translate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "connectspec repository tasks")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Check every spec, and that the checked-in schema, generated docs and browser
    /// validators are fresh.
    Check {
        /// Directory of provider specs.
        #[arg(long)]
        specs: Option<PathBuf>,
        /// Generated pages to compare with the specs. Defaults to docs/providers when the
        /// workspace's own specs are checked; with another --specs, pages are only
        /// compared when this is given.
        #[arg(long)]
        docs: Option<PathBuf>,
        /// List at most N problems; every problem is still counted in the summary
        /// (total and count per error code) that ends the output.
        #[arg(long, value_name = "N")]
        max_diagnostics: Option<usize>,
    },
    /// Write schema/provider-spec.schema.json from the spec model.
    GenSchema,
    /// Write the browser-side validators package (packages/validators/) from the specs.
    GenJs {
        /// Directory of provider specs.
        #[arg(long)]
        specs: Option<PathBuf>,
    },
    /// The full test command: fmt check, clippy (warnings denied), check, all tests.
    Ci,
    /// Render the guide pages (MDX and Markdown) of every spec and, for the workspace's
    /// own specs, the browser validators package: every tree a new or edited spec
    /// changes, so `check` is green afterwards.
    GenDocs {
        /// Directory of provider specs.
        #[arg(long)]
        specs: Option<PathBuf>,
        /// Output directory; pages land at DIR/<provider id>/<method slug>.{mdx,md}.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Directory of templates replacing the defaults of the same file name.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Render for this scope set only (comma-separated scope ids).
        #[arg(long, value_name = "a,b")]
        scopes: Option<String>,
        /// Render for these actions (comma-separated action ids): each method that
        /// declares some of them shows only what their least-privilege scopes need and
        /// lists exactly those scopes.
        #[arg(long, value_name = "a,b", conflicts_with = "scopes")]
        actions: Option<String>,
    },
    /// Write N deterministic synthetic specs (scale tests, benchmarks) into DIR:
    /// `--count N --out DIR [--seed S]` (runs the connectspec-synth binary).
    #[command(disable_help_flag = true)]
    SynthSpecs {
        /// Flags of connectspec-synth (`--help` for its own help).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run the benchmarks and print one table of figures, goals and verdicts:
    /// `[--only a,b] [--sizes n,n] …` (runs the connectspec-bench binary). Fails when a
    /// requested measurement could not be taken; missed goals do not fail it.
    #[command(disable_help_flag = true)]
    Bench {
        /// Flags of connectspec-bench (`--help` for its own help).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print the validators generated for the specs, formatted for reading (the build
    /// script compiles the same code unformatted).
    Expand {
        /// Directory of provider specs.
        #[arg(long)]
        specs: Option<PathBuf>,
        /// Write to this file instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// List every field's test vectors, written and derived (`examples: {derive:
    /// true}`), with the verdict of the field's checker; fails when a derived vector
    /// disagrees with it.
    Examples {
        /// Only this provider.
        provider: Option<String>,
        /// Directory of provider specs.
        #[arg(long)]
        specs: Option<PathBuf>,
        /// Derive for every field with a rule, as if each said `derive: true` (to see
        /// what derive would give before adopting it).
        #[arg(long)]
        derive_all: bool,
    },
    /// Print the translation file of a spec in a locale (specs/i18n/<locale>/<id>.yaml):
    /// every text's key, English and fingerprint; current translations kept.
    Translate {
        /// The spec id.
        spec: String,
        /// The locale (de, fr, es, ja).
        locale: String,
        /// Directory of provider specs.
        #[arg(long)]
        specs: Option<PathBuf>,
    },
    /// Scaffold a commented spec for a new provider in specs/<id>.yaml.
    NewProvider {
        /// snake_case provider id (the file stem).
        id: String,
        /// Directory of provider specs.
        #[arg(long)]
        specs: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    let result = match cli.cmd {
        Cmd::Check {
            specs,
            docs,
            max_diagnostics,
        } => {
            let docs_given = docs.is_some();
            let specs_given = specs.is_some();
            let docs = match (&specs, docs) {
                (_, Some(d)) => Some(d),
                (None, None) => Some(root.join(docs::DOCS_DIR)),
                (Some(_), None) => None,
            };
            let specs = specs_dir(&root, specs);
            check::run(
                &root,
                &check::Request {
                    specs: &specs,
                    specs_given,
                    docs: docs.as_deref(),
                    docs_given,
                    max: max_diagnostics,
                },
            )
        }
        Cmd::GenSchema => check::write_schema(&root),
        Cmd::GenJs { specs } => js::generate(&root, &specs_dir(&root, specs)),
        Cmd::Ci => ci::run(&root),
        Cmd::GenDocs {
            specs,
            out,
            templates,
            scopes,
            actions,
        } => {
            let out = out.unwrap_or_else(|| root.join(docs::DOCS_DIR));
            docs::generate(
                &root,
                &specs_dir(&root, specs),
                &out,
                templates,
                scopes.as_deref(),
                actions.as_deref(),
            )
        }
        Cmd::SynthSpecs { args } => synth::forward(
            &root,
            "connectspec-synth",
            "connectspec-synth",
            false,
            &args,
        ),
        Cmd::Bench { args } => synth::forward(
            &root,
            "connectspec-bench",
            "connectspec-bench",
            false,
            &args,
        ),
        Cmd::Translate {
            spec,
            locale,
            specs,
        } => translate::run(&specs_dir(&root, specs), &spec, &locale),
        Cmd::NewProvider { id, specs } => scaffold::run(&specs_dir(&root, specs), &id),
        Cmd::Expand { specs, out } => expand(&specs_dir(&root, specs), out.as_deref()),
        Cmd::Examples {
            provider,
            specs,
            derive_all,
        } => examples::run(&examples::Request {
            specs: &specs_dir(&root, specs),
            provider: provider.as_deref(),
            derive_all,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask expand`: the generated validators, formatted with prettyplease.
fn expand(specs: &std::path::Path, out: Option<&std::path::Path>) -> Result<(), String> {
    let catalogue = connectspec_lang::load_dir(specs)
        .map_err(|d| format!("the specs in {} have errors:\n{d}", specs.display()))?;
    let source = connectspec_codegen::generate_source(&catalogue)
        .map_err(|problems| format!("cannot generate validators:\n{}", problems.join("\n")))?;
    match out {
        Some(path) => {
            write_if_changed(path, &source)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
            Ok(())
        }
        None => {
            use std::io::Write as _;
            match std::io::stdout().write_all(source.as_bytes()) {
                // A reader that stops early (`| head`) is not an error.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write to standard output: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
}

/// The workspace root: xtask lives one level below it.
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .expect("xtask sits in the workspace")
        .to_owned()
}

/// `--specs DIR` as given (relative to the caller's directory), else `<root>/specs`.
fn specs_dir(root: &std::path::Path, given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| root.join("specs"))
}

/// Leaves `catalogue` to the operating system instead of freeing it: `check` and
/// `gen-docs` exit right after its last use. Freeing a catalogue is one thread walking
/// every string of every model (10,000 specs: about 0.2 s, after the parallel work is
/// done); the process's exit returns the memory at once. (Under `ci` and the tests,
/// which go on running, this keeps the workspace's few dozen specs: a few MB.)
fn keep_until_exit(catalogue: connectspec_lang::Catalogue) {
    std::mem::forget(catalogue);
}

/// The workspace's one write-if-changed (see [`connectspec_lang::files::write_if_changed`]).
pub use connectspec_lang::files::write_if_changed;
