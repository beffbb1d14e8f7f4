//! `connectspec scopes <provider> <method> [--action a …]`: the least-privilege scopes
//! of a set of actions, from the generated tables (the runtime's one computation, as
//! the service and the pages use it). Without `--action`, the method's actions and the
//! scopes each needs.

use std::process::ExitCode;

use connectspec_runtime::ValidateError;
use serde_json::json;

use crate::out::{closest, emit};
use crate::validate::{Usage, pretty, report_usage, unknown};

/// Arguments of `scopes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Provider id, e.g. `webflow`.
    pub provider: String,
    /// Auth method id, e.g. `site_token`.
    pub method: String,
    /// An action the integration performs (repeatable; `a,b` also works).
    #[arg(long = "action", value_name = "ACTION")]
    pub actions: Vec<String>,
    /// Print JSON: `{provider, method, actions, scopes: [{id, label}]}`.
    #[arg(long)]
    pub json: bool,
    /// Use the specs of DIR, loaded and checked now, instead of the compiled catalogue
    /// (for trying a spec while writing it; any problem is reported and stops the command).
    #[arg(long, value_name = "DIR")]
    pub specs: Option<std::path::PathBuf>,
}

/// Runs the command: exit 0 with the scopes, 2 for an unknown provider, method or action.
pub fn run(args: &Args) -> ExitCode {
    if let Err(exit) = crate::catalogue::init_or_exit(args.specs.as_deref()) {
        return exit;
    }
    let Some(m) = crate::catalogue::method(&args.provider, &args.method) else {
        let err = match crate::catalogue::provider(&args.provider) {
            Some(_) => ValidateError::UnknownMethod,
            None => ValidateError::UnknownProvider,
        };
        return report_usage(args.json, &unknown(&args.provider, &args.method, &err));
    };
    let asked: Vec<&str> = args
        .actions
        .iter()
        .flat_map(|a| a.split(','))
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    let known: Vec<&str> = m.actions.iter().map(|a| a.id).collect();
    let scopes = match m.least_privilege_scopes(&asked) {
        Ok(s) => s,
        Err(unknown) => {
            // Suggest close ids without repeating what was given.
            let mut suggestions: Vec<String> = unknown
                .0
                .iter()
                .flat_map(|u| closest(u, known.iter().copied()))
                .collect();
            suggestions.dedup();
            if suggestions.is_empty() {
                suggestions = known.iter().map(|s| (*s).to_owned()).collect();
            }
            return report_usage(
                args.json,
                &Usage {
                    code: "unknown_action",
                    message: format!("{unknown} `{}` of `{}`", m.id, m.provider_id),
                    suggestions,
                    hint: Some(format!(
                        "`connectspec scopes {} {}` lists its actions",
                        m.provider_id, m.id
                    )),
                },
            );
        }
    };
    if asked.is_empty() {
        return list_actions(m, args.json);
    }
    if args.json {
        let out = json!({
            "provider": m.provider_id,
            "method": m.id,
            "actions": m.actions.iter().map(|a| a.id).filter(|a| asked.contains(a)).collect::<Vec<_>>(),
            "scopes": scopes.iter().map(|(id, label)| json!({"id": id, "label": label})).collect::<Vec<_>>(),
        });
        return emit(&pretty(&out), ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for (id, label) in &scopes {
        text.push_str(&format!("{id}\t{label}\n"));
    }
    emit(&text, ExitCode::SUCCESS)
}

fn list_actions(m: &connectspec_runtime::MethodMeta, json_out: bool) -> ExitCode {
    if json_out {
        let out = json!({
            "provider": m.provider_id,
            "method": m.id,
            "available": m.actions.iter().map(|a| json!({"id": a.id, "label": a.label, "scopes": a.scopes})).collect::<Vec<_>>(),
        });
        return emit(&pretty(&out), ExitCode::SUCCESS);
    }
    if m.actions.is_empty() {
        // Without actions there is no least-privilege answer to give: the scopes the
        // method can be granted are the whole answer, listed as the answer is.
        if m.scopes.is_empty() {
            return emit(
                &format!(
                    "{} {} declares no actions and no scopes\n",
                    m.provider_name, m.label
                ),
                ExitCode::SUCCESS,
            );
        }
        let mut text = format!(
            "{} {} declares no actions; the scopes it can be granted:\n",
            m.provider_name, m.label
        );
        for (id, label) in m.scopes {
            text.push_str(&format!("{id}\t{label}\n"));
        }
        return emit(&text, ExitCode::SUCCESS);
    }
    let mut text = String::new();
    for a in m.actions {
        text.push_str(&format!("{}\t{}\t{}\n", a.id, a.label, a.scopes.join(" ")));
    }
    emit(&text, ExitCode::SUCCESS)
}
