//! `cargo xtask new-provider <id>`: a commented spec to fill in.
//!
//! The scaffold parses and has the right shape, but every value the author must
//! supply starts with `TODO`, which `cargo xtask check` reports by line until it is
//! replaced, so an unfinished spec cannot slip through.

use std::path::Path;

const TEMPLATE: &str = r#"# yaml-language-server: $schema=../schema/provider-spec.schema.json
# Spec for {NAME}. Every value starting with TODO must be replaced; `cargo xtask check`
# lists the ones left. Facts come from the provider's public docs: list them in `sources`.
id: {ID}                          # snake_case, equals the file name
name: "TODO: display name, e.g. Oneflow"
homepage: https://TODO.example.com  # the provider's https home page
categories: []                    # e.g. [crm, documents]
sources:                          # public https pages the facts below come from
  - https://TODO.example.com/docs/authentication
auth_methods:
  - id: api_token                 # snake_case; one entry per way to link an account
    label: API Token              # page title becomes "Connect <name> with <label>"
    kind: api_key_header          # api_key_header | api_key_query | bearer | basic | custom
    fields:                       # form fields, in form order
      - key: api_token
        label: API Token
        description: "TODO: where the user finds this value"
        secret: true              # secret values are redacted and never echoed
        # Only constraints the provider documents. Every constrained field needs
        # examples: valid ones (fake but format-true) and invalid ones with a reason.
        # pattern: '^[A-Za-z0-9]{40}$'            # Rust regex, anchored
        # hint: "40 letters and digits"           # shown in errors instead of the pattern
        # min_length: 40
        # max_length: 40
        # prefixes: [tok_]                        # allowed prefixes
        # forbidden_prefixes: [pub_]              # e.g. a public key pasted by mistake
        # format: email                           # email | url | https_url | hostname | uuid | integer
        # options: [{value: eu, label: Europe}]   # a closed choice
        normalize: [trim]         # trim | lowercase | extract_host | {extract_subdomain: example.com}
        # examples:                               # or {derive: true}: built from the rules
        #   valid: [...]
        #   invalid: [{value: ..., reason: ...}]
    base_url: https://TODO.example.com/api   # may use {field} placeholders of non-secret fields
    allowed_hosts: [todo.example.com]        # every host requests may reach: the base_url host
    send:                         # how the credentials travel; values are {field} templates
      headers:
        Authorization: "Bearer {api_token}"
      # query: {api_key: "{api_token}"}
      # basic: {username: "{email}", password: "{api_token}"}
    connection_test:              # a cheap request that proves the credentials work
      method: GET
      path: /TODO/me
      expect_status: 200
      outcomes:
        - status: 401
          meaning: "TODO: what a 401 means to the end user"
      # identity: {pointer: /id, label: User id}   # where the answer names the account
    limits: []                    # e.g. [{kind: shown_once}, {kind: expires_after, value: 90, unit: days}]
    guide:
      # warning: Something the user must know first.
      sections:
        - title: "TODO: Generate your API token"
          intro: "TODO: one paragraph on what the user is about to do"
          steps:
            - title: "TODO: Open the settings"
              text: "TODO: where to click, with **UI labels** in bold"
              bullets:
                - "TODO: one action per bullet"
"#;

pub fn run(specs: &Path, id: &str) -> Result<(), String> {
    if !connectspec_lang::is_snake(id) {
        return Err(format!(
            "error: `{id}` is not a valid provider id\n  help: use snake_case (lower-case letters, digits, underscores), e.g. `acme_hr`"
        ));
    }
    let path = specs.join(format!("{id}.yaml"));
    if path.exists() {
        return Err(format!(
            "error: {} already exists; not overwriting it",
            path.display()
        ));
    }
    let name = id.replace('_', " ");
    let text = TEMPLATE.replace("{ID}", id).replace("{NAME}", &name);
    std::fs::create_dir_all(specs)
        .map_err(|e| format!("cannot create {}: {e}", specs.display()))?;
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!(
        "wrote {}: fill in every TODO, then run `cargo xtask check`",
        path.display()
    );
    Ok(())
}
