//! Code for OAuth 2.0 methods (`kind: oauth2`).
//!
//! Each OAuth method gets, besides the tables of its end-user fields:
//!
//! - a sibling module `<method>_setup` with the tables and typed struct of its
//!   `setup_fields` (client id, client secret, …), generated like any form so setup
//!   values are validated, typed and redacted the same way (`OauthSetup::from_fields`);
//! - an `OAUTH` static ([`connectspec_runtime::OAuthMeta`]) in the method's module:
//!   the endpoint templates the authorization-URL and token-request builders render,
//!   the scopes, PKCE, client authentication, request encoding and the token response
//!   mapping with its compiled captures.

use connectspec_lang::{
    AuthKind, AuthMethod, CaptureSource, ClientAuth, ClientOwner, Grant, Send, TokenRequestFormat,
};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::generate::template;
use crate::names::{snake_ident, upper_ident};

/// The id of the setup form of an OAuth method.
pub(crate) fn setup_id(m: &AuthMethod) -> String {
    format!("{}_setup", m.id)
}

/// The setup form of an OAuth method as a method of its own (tables, typed struct),
/// not listed among the provider's methods.
pub fn setup_method(m: &AuthMethod) -> AuthMethod {
    AuthMethod {
        id: setup_id(m),
        label: format!("{} setup", m.label),
        slug: Some(format!("{}-setup", m.slug())),
        kind: AuthKind::Custom,
        grant: None,
        setup_fields: Vec::new(),
        fields: m.setup_fields.clone(),
        derived: Vec::new(),
        rules: Vec::new(),
        base_url: m.base_url.clone(),
        allowed_hosts: m.allowed_hosts.clone(),
        send: Send::default(),
        connection_test: None,
        oauth: None,
        exchange: None,
        scopes: Vec::new(),
        actions: Vec::new(),
        limits: Vec::new(),
        guide: m.guide.clone(),
    }
}

/// The `OAUTH` static of an OAuth method and the `oauth:` value of its `META`
/// (`None` for other methods).
pub(crate) fn oauth_items(m: &AuthMethod) -> Result<(TokenStream, TokenStream), Vec<String>> {
    let (Some(o), Some(grant)) = (&m.oauth, m.grant) else {
        return Ok((TokenStream::new(), quote!(None)));
    };
    let mut problems = Vec::new();
    let mut tpl = |t: &str| {
        template(t).unwrap_or_else(|e| {
            problems.push(e);
            TokenStream::new()
        })
    };
    let opt_tpl = |t: &Option<String>, tpl: &mut dyn FnMut(&str) -> TokenStream| match t {
        Some(t) => {
            let t = tpl(t);
            quote!(Some(#t))
        }
        None => quote!(None),
    };
    let authorization_url = opt_tpl(&o.authorization_url, &mut tpl);
    let refresh_url = opt_tpl(&o.refresh_url, &mut tpl);
    let token_url = opt_tpl(&o.token_url, &mut tpl);
    let discovery = match &o.discovery {
        Some(d) => {
            let r = tpl(&d.resource);
            quote!(Some(rt_::DiscoveryMeta { resource: #r }))
        }
        None => quote!(None),
    };
    let mut params = |map: &std::collections::BTreeMap<String, String>| {
        let items: Vec<TokenStream> = map
            .iter()
            .map(|(k, v)| {
                let t = tpl(v);
                quote!((#k, #t))
            })
            .collect();
        quote!(&[#(#items),*])
    };
    let authorization_params = params(&o.authorization_params);
    let token_params = params(&o.token_params);
    let mut statics = Vec::new();
    let mut captures = Vec::new();
    for c in &o.token_response.capture {
        if let Err(e) = regex::Regex::new(&c.pattern) {
            problems.push(format!(
                "capture `{}`: pattern does not compile: {e}",
                c.key
            ));
        }
        let name = upper_ident("CAPTURE_", &c.key);
        let (key, label, from, pat) = (&c.key, &c.label, &c.from, &c.pattern);
        let doc = format!(" Checks the token response's `{from}` (compiled on first use).");
        statics.push(quote! {
            #[doc = #doc]
            static #name: rt_::__private::LazyRegex = rt_::__private::LazyRegex::new(#pat);
        });
        let source = match c.source {
            CaptureSource::TokenResponse => quote!(rt_::CaptureSource::TokenResponse),
            CaptureSource::Callback => quote!(rt_::CaptureSource::Callback),
        };
        captures.push(quote!(rt_::CaptureMeta {
            key: #key,
            label: #label,
            from: #from,
            pattern: &#name,
            source: #source,
        }));
    }
    let setup_mod: Ident = match snake_ident(&setup_id(m)) {
        Ok(i) => i,
        Err(e) => {
            problems.push(e);
            return Err(problems);
        }
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let grant = match grant {
        Grant::AuthorizationCode => quote!(rt_::GrantKind::AuthorizationCode),
        Grant::ClientCredentials => quote!(rt_::GrantKind::ClientCredentials),
    };
    let (default_scopes, required_scopes, sep) =
        (&o.scopes.default, &o.scopes.required, &o.scopes.separator);
    let pkce = o.pkce;
    let grant_type = match &o.grant_type {
        Some(g) => quote!(Some(#g)),
        None => quote!(None),
    };
    let client_secret_post = o.client_auth == ClientAuth::ClientSecretPost;
    let json_requests = o.token_request == TokenRequestFormat::Json;
    let client = match o.client {
        ClientOwner::Integrator => quote!(rt_::ClientOwner::Integrator),
        ClientOwner::EndUser => quote!(rt_::ClientOwner::EndUser),
        ClientOwner::Either => quote!(rt_::ClientOwner::Either),
        ClientOwner::Dynamic => quote!(rt_::ClientOwner::Dynamic),
    };
    let tr = &o.token_response;
    let access = &tr.access_token;
    let opt = |v: &Option<String>| match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    };
    let (refresh, expires_in, expires_at) = (
        opt(&tr.refresh_token),
        opt(&tr.expires_in),
        opt(&tr.expires_at),
    );
    let items = quote! {
        #(#statics)*

        /// The method's OAuth 2.0 endpoints, scopes and token handling.
        pub static OAUTH: rt_::OAuthMeta = rt_::OAuthMeta {
            grant: #grant,
            setup: &super::#setup_mod::META,
            authorization_url: #authorization_url,
            token_url: #token_url,
            refresh_url: #refresh_url,
            default_scopes: &[#(#default_scopes),*],
            required_scopes: &[#(#required_scopes),*],
            scope_separator: #sep,
            pkce: #pkce,
            authorization_params: #authorization_params,
            token_params: #token_params,
            grant_type: #grant_type,
            client_secret_post: #client_secret_post,
            json_requests: #json_requests,
            token_response: rt_::TokenResponseMeta {
                access_token: #access,
                refresh_token: #refresh,
                expires_in: #expires_in,
                expires_at: #expires_at,
            },
            captures: &[#(#captures),*],
            client: #client,
            discovery: #discovery,
        };
    };
    Ok((items, quote!(Some(&OAUTH))))
}
