//! The values an OAuth endpoint's or a token exchange's templates may name.

use std::collections::BTreeMap;

use connectspec_runtime::{Credential, CredentialExt, MethodMeta};

/// The values templates may name: the end user's fields and derived values, then the
/// setup values (the non-secret ones only, unless `secrets`), and the members of the
/// JSON key files among the fields (`{key_file.client_email}`). Zeroed when dropped.
pub(crate) struct Values(BTreeMap<String, String>, &'static MethodMeta);

impl Drop for Values {
    fn drop(&mut self) {
        self.0.values_mut().for_each(zeroize::Zeroize::zeroize);
    }
}

impl Values {
    pub(crate) fn new(
        m: &'static MethodMeta,
        user: &dyn Fn(&str) -> Option<String>,
        setup: &dyn Credential,
        secrets: bool,
    ) -> Values {
        let mut out = BTreeMap::new();
        for f in setup.meta().fields {
            if (secrets || !f.secret)
                && let Some(v) = setup.expose_key(f.key)
            {
                out.insert(f.key.to_owned(), v.to_owned());
            }
        }
        for k in m
            .fields
            .iter()
            .map(|f| f.key)
            .chain(m.derived_keys.iter().copied())
        {
            if let Some(v) = user(k) {
                out.insert(k.to_owned(), v);
            }
        }
        key_file_members(m, &mut out);
        Values(out, m)
    }

    /// The end user's fields and derived values only (a token exchange has no setup).
    pub(crate) fn of_fields(m: &'static MethodMeta, creds: &dyn Credential) -> Values {
        let mut out = BTreeMap::new();
        for k in m
            .fields
            .iter()
            .map(|f| f.key)
            .chain(m.derived_keys.iter().copied())
        {
            if let Some(v) = creds.expose_key(k) {
                out.insert(k.to_owned(), v.to_owned());
            }
        }
        key_file_members(m, &mut out);
        Values(out, m)
    }

    /// Adds (or replaces) a value the request learned on the way (`assertion`).
    pub(crate) fn insert(&mut self, key: &str, value: String) {
        if let Some(mut old) = self.0.insert(key.to_owned(), value) {
            zeroize::Zeroize::zeroize(&mut old);
        }
    }

    /// A value by key; `field.param` is a parameter of the option chosen in a choice
    /// field (`{region.api_host}`), as in every other template.
    /// A key file's member (`{key_file.client_email}`) is looked up as its own key.
    pub(crate) fn get(&self, k: &str) -> Option<&str> {
        if let Some(v) = self.0.get(k) {
            return Some(v);
        }
        if let Some((field, param)) = k.split_once('.') {
            let chosen = self.0.get(field)?;
            let i = self.1.fields.iter().position(|f| f.key == field)?;
            return self
                .1
                .rules
                .fields
                .get(i)?
                .options
                .iter()
                .find(|o| o.value == chosen.as_str())?
                .param(param);
        }
        None
    }
}

/// The members of each JSON key-file field (a field with `private_key: {container:
/// json}`) that the spec names, as `field.member`. A validated field holds a JSON object
/// whose named members are strings; anything else adds nothing (the template that
/// names it then fails to render, as with an absent value).
fn key_file_members(m: &MethodMeta, out: &mut BTreeMap<String, String>) {
    for (f, rules) in m.fields.iter().zip(m.rules.fields.iter()) {
        let Some(k) = rules.private_key.filter(|k| k.json) else {
            continue;
        };
        let Some(text) = out.get(f.key) else {
            continue;
        };
        let Ok(mut parsed) = serde_json::from_str::<serde_json::Value>(text) else {
            continue;
        };
        for member in k.members {
            if let Some(v) = parsed.get(*member).and_then(serde_json::Value::as_str) {
                out.insert(format!("{}.{member}", f.key), v.to_owned());
            }
        }
        crate::body::wipe(&mut parsed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectspec_runtime::Endpoint;

    /// An OAuth endpoint may name a parameter of the chosen option (`{environment.api_host}`),
    /// as every other template may: the values give it.
    #[test]
    fn values_give_the_chosen_option_s_parameters() {
        let m = connectspec_providers::method("paylocity", "weblink").expect("in the catalogue");
        let o = m.oauth.expect("an OAuth method");
        for (env, host) in [
            ("production", "api.paylocity.com"),
            ("testing", "dc1demogw.paylocity.com"),
        ] {
            let values = Values(
                BTreeMap::from([("environment".to_owned(), env.to_owned())]),
                m,
            );
            assert_eq!(values.get("environment.api_host"), Some(host));
            assert_eq!(values.get("environment.nothing"), None);
            let url = o
                .endpoint(Endpoint::Token, &|k| values.get(k))
                .expect("renders");
            assert_eq!(
                url.as_deref(),
                Some(format!("https://{host}/IdentityServer/connect/token").as_str())
            );
        }
        let none = Values(BTreeMap::new(), m);
        assert_eq!(none.get("environment.api_host"), None);
    }

    /// A fresh P-256 key (PKCS#8 PEM) from the `openssl` CLI, the stand-in's ES256: keys
    /// are made by the tests, never checked in.
    fn ec_key() -> String {
        let out = std::process::Command::new("openssl")
            .args([
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ])
            .output()
            .expect("openssl must be installed to run this test");
        assert!(out.status.success(), "openssl genpkey failed");
        String::from_utf8(out.stdout).expect("PEM is ASCII")
    }

    /// A JSON key file's members are values of their own (`{key_file.client_email}`),
    /// wiped with the rest; a member the spec does not name is not one.
    #[test]
    fn values_give_the_members_of_a_key_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/exchange_specs");
        let cat = crate::catalogue::Catalogue::load(&dir).expect("the stand-in specs load");
        let m = cat
            .method("acme_robot", "service_account")
            .expect("in the catalogue");
        let file = serde_json::json!({
            "type": "service_account",
            "client_email": "robot@acme-robot.example",
            "client_id": "1234",
            "private_key_id": "k1",
            "private_key": ec_key(),
            "project_id": "not named by the spec",
        });
        let fields = serde_json::json!({"key_file": file.to_string()});
        let creds = m.validate_json(&fields).expect("valid");
        let values = Values::of_fields(m, creds.as_ref());
        assert_eq!(
            values.get("key_file.client_email"),
            Some("robot@acme-robot.example")
        );
        assert_eq!(values.get("key_file.private_key_id"), Some("k1"));
        assert!(values.get("key_file.private_key").is_some());
        assert_eq!(values.get("key_file.project_id"), None);
        assert_eq!(values.get("subject"), None);
    }
}
