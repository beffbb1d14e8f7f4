//! `connectspec list`: providers and their auth methods, from the compiled registry (or
//! `--specs DIR`).

use std::fmt::Write;
use std::process::ExitCode;

use serde_json::json;

/// Arguments of `list`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Use the specs of DIR, loaded and checked now, instead of the compiled catalogue
    /// (for trying a spec while writing it; any problem is reported and stops the command).
    #[arg(long, value_name = "DIR")]
    specs: Option<std::path::PathBuf>,
}

pub fn run(args: &Args) -> ExitCode {
    if let Err(exit) = crate::catalogue::init_or_exit(args.specs.as_deref()) {
        return exit;
    }
    crate::out::emit(&render(args), ExitCode::SUCCESS)
}

/// The whole listing (written at once, so a closed pipe is one write error to handle).
fn render(args: &Args) -> String {
    let providers = crate::catalogue::providers();
    let mut out = String::new();
    if args.json {
        let list: Vec<_> = providers
            .iter()
            .map(|p| {
                let methods: Vec<_> = p
                    .methods
                    .iter()
                    .map(|m| {
                        let fields: Vec<_> = m
                            .fields
                            .iter()
                            .map(|f| json!({"key": f.key, "label": f.label, "secret": f.secret, "optional": f.optional}))
                            .collect();
                        json!({"id": m.id, "label": m.label, "fields": fields})
                    })
                    .collect();
                json!({"id": p.id, "name": p.name, "methods": methods})
            })
            .collect();
        out.push_str(&serde_json::to_string_pretty(&list).expect("JSON values serialize"));
        out.push('\n');
    } else {
        for p in providers {
            let _ = writeln!(out, "{} ({})", p.id, p.name);
            for m in p.methods {
                let fields: Vec<String> = m
                    .fields
                    .iter()
                    .map(|f| {
                        let mut s = f.key.to_owned();
                        if f.secret {
                            s.push_str(" [secret]");
                        }
                        if f.optional {
                            s.push_str(" [optional]");
                        }
                        s
                    })
                    .collect();
                let _ = writeln!(out, "  {}  {}: {}", m.id, m.label, fields.join(", "));
            }
        }
    }
    out
}
