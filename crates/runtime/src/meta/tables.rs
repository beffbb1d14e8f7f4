//! Credentials of a method that has no generated type: its tables were built at run time
//! (a spec loaded from disk by `connectspec-loader`), so they are checked by the generic
//! checker the generated constructors call and kept in one wiped buffer per value.

use std::fmt;

use zeroize::Zeroize;

use super::MethodMeta;
use super::credential::{Credential, display_dyn};
use crate::check::{Value, validate_values};
use crate::error::ValidationErrors;
use crate::source::FieldSource;

/// Validated credentials of a method checked from its tables ([`super::Validator::Tables`]).
/// Behaves as a generated type behind `dyn Credential`: the same values, the same
/// public values and request auth, secrets only through `expose_value`.
pub struct TableCredential {
    meta: &'static MethodMeta,
    /// Field values in form order, then derived values in declaration order.
    values: Vec<Option<String>>,
    normalized: u64,
}

impl TableCredential {
    /// Checks `source` against `meta`'s tables.
    pub fn validate(
        meta: &'static MethodMeta,
        source: &dyn FieldSource,
    ) -> Result<TableCredential, ValidationErrors> {
        let mut values: Vec<Value<'_>> = vec![None; meta.rules.fields.len()];
        let mut derived = Vec::new();
        let mut normalized = 0;
        validate_values(
            meta.rules,
            source,
            &mut values,
            &mut derived,
            &mut normalized,
        )?;
        let values = values
            .into_iter()
            // An owned (normalised) value is moved, not copied: no copy is left to wipe.
            .map(|v| v.map(std::borrow::Cow::into_owned))
            .chain(derived)
            .collect();
        Ok(TableCredential {
            meta,
            values,
            normalized,
        })
    }
}

impl Credential for TableCredential {
    fn meta(&self) -> &'static MethodMeta {
        self.meta
    }

    fn expose_value(&self, index: usize) -> Option<&str> {
        self.values.get(index)?.as_deref()
    }

    fn normalized_bits(&self) -> u64 {
        self.normalized
    }
}

impl fmt::Debug for TableCredential {
    /// The same redacted form as `Display`: public values, secrets as `[redacted]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display_dyn(self, f)
    }
}

impl Drop for TableCredential {
    fn drop(&mut self) {
        for v in self.values.iter_mut().flatten() {
            v.zeroize();
        }
    }
}
