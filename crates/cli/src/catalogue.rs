//! The providers a command works on: the compiled catalogue, or the specs of a directory
//! given with `--specs DIR`, loaded and checked at start (`connectspec-loader`, the same
//! tables and checks as the compiled validators), so a spec being written can be tried
//! without a rebuild. One command runs per process, so the choice is made once.

use std::path::Path;
use std::sync::OnceLock;

use connectspec_runtime::{Credential, FieldSource, MethodMeta, ProviderMeta, ValidateError};

static PROVIDERS: OnceLock<Vec<&'static ProviderMeta>> = OnceLock::new();

/// Chooses the catalogue: `dir`'s specs, or the compiled ones. `Err` carries every
/// problem of the directory, rendered as `cargo xtask check` prints them.
pub fn init(dir: Option<&Path>) -> Result<(), String> {
    let providers = match dir {
        None => connectspec_providers::providers().to_vec(),
        Some(dir) => {
            connectspec_loader::Loader::load_strict(dir)
                .map_err(|e| format!("--specs {}:\n{e}", dir.display()))?
                .providers
        }
    };
    let _ = PROVIDERS.set(providers);
    Ok(())
}

/// [`init`], or the exit of a command whose `--specs` directory does not load: every
/// problem on stderr, exit 2 (a usage error).
pub fn init_or_exit(dir: Option<&Path>) -> Result<(), std::process::ExitCode> {
    init(dir).map_err(|problems| {
        crate::out::say!("{problems}");
        std::process::ExitCode::from(2)
    })
}

/// Every provider, sorted by id.
pub fn providers() -> &'static [&'static ProviderMeta] {
    PROVIDERS.get_or_init(|| connectspec_providers::providers().to_vec())
}

/// The provider with this id.
pub fn provider(id: &str) -> Option<&'static ProviderMeta> {
    ProviderMeta::find(providers(), id)
}

/// Auth method `method` of provider `provider`.
pub fn method(provider: &str, method: &str) -> Option<&'static MethodMeta> {
    self::provider(provider)?.method(method)
}

/// Validates `fields` as `provider`'s `method`.
pub fn validate(
    provider: &str,
    method: &str,
    fields: &(impl FieldSource + ?Sized),
) -> Result<Box<dyn Credential>, ValidateError> {
    let Some(p) = self::provider(provider) else {
        return Err(ValidateError::UnknownProvider);
    };
    let Some(m) = p.method(method) else {
        return Err(ValidateError::UnknownMethod);
    };
    Ok(m.validate(fields)?)
}
