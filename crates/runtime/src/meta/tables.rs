//! Credentials of a method that has no generated type: its tables were built at run time
//! (a spec loaded from disk by `connectspec-loader`), so they are checked by the generic
//! checker the generated constructors call and kept in one wiped buffer per value.

use std::borrow::Cow;
use std::fmt;

use zeroize::Zeroize;

use super::MethodMeta;
use super::credential::{Credential, display_dyn};
use crate::check::{Value, validate_values};
use crate::error::ValidationErrors;
use crate::source::FieldSource;

/// Validated credentials of a method checked from its tables ([`super::Validator::Tables`]).
/// Behaves as a generated type behind `dyn Credential`: the same values, the same
/// public values and request auth, secrets only through `expose_value`. Like a generated
/// type's values, they live in one buffer (one allocation however many fields), wiped
/// when the credential is dropped.
pub struct TableCredential {
    meta: &'static MethodMeta,
    /// Every present value, one after the other.
    text: String,
    /// Where value `i` lies in `text`: field values in form order, then derived values
    /// in declaration order (`None`: absent).
    spans: Box<[Option<(usize, usize)>]>,
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
        let len = values.iter().flatten().map(|v| v.len()).sum::<usize>()
            + derived.iter().flatten().map(String::len).sum::<usize>();
        let mut text = String::with_capacity(len);
        let mut spans = Vec::with_capacity(values.len() + derived.len());
        let mut push = |v: Option<&str>| {
            spans.push(v.map(|v| {
                let start = text.len();
                text.push_str(v);
                (start, text.len())
            }));
        };
        for v in &values {
            push(v.as_deref());
        }
        for d in &derived {
            push(d.as_deref());
        }
        // The normalised copies and the derived values (which may come from a secret)
        // are wiped now that they are in the buffer.
        for v in values.into_iter().flatten() {
            if let Cow::Owned(mut copy) = v {
                copy.zeroize();
            }
        }
        for mut d in derived.into_iter().flatten() {
            d.zeroize();
        }
        Ok(TableCredential {
            meta,
            text,
            spans: spans.into_boxed_slice(),
            normalized,
        })
    }
}

impl Credential for TableCredential {
    fn meta(&self) -> &'static MethodMeta {
        self.meta
    }

    fn expose_value(&self, index: usize) -> Option<&str> {
        let (start, end) = (*self.spans.get(index)?)?;
        self.text.get(start..end)
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
        self.text.zeroize();
    }
}
