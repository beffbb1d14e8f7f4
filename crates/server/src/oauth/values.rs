//! The values an OAuth endpoint's templates may name.

use std::collections::BTreeMap;

use connectspec_runtime::{Credential, CredentialExt, MethodMeta};

/// The values templates may name: the end user's fields and derived values, then the
/// setup values (the non-secret ones only, unless `secrets`). Zeroed when dropped.
pub(super) struct Values(BTreeMap<&'static str, String>, &'static MethodMeta);

impl Drop for Values {
    fn drop(&mut self) {
        self.0.values_mut().for_each(zeroize::Zeroize::zeroize);
    }
}

impl Values {
    pub(super) fn new(
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
                out.insert(f.key, v.to_owned());
            }
        }
        for k in m
            .fields
            .iter()
            .map(|f| f.key)
            .chain(m.derived_keys.iter().copied())
        {
            if let Some(v) = user(k) {
                out.insert(k, v);
            }
        }
        Values(out, m)
    }

    /// A value by key; `field.param` is a parameter of the option chosen in a choice
    /// field (`{region.api_host}`), as in every other template.
    pub(super) fn get(&self, k: &str) -> Option<&str> {
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
        self.0.get(k).map(String::as_str)
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
            let values = Values(BTreeMap::from([("environment", env.to_owned())]), m);
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
}
