//! Credentials of a method that has no generated type: its tables were built at run time
//! (a spec loaded from disk by `connectspec-loader`), so they are checked by the generic
//! checker the generated constructors call and kept in one wiped buffer per value.

use std::borrow::Cow;
use std::fmt;

use connectspec_i18n::Lang;
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
    spans: Spans,
    normalized: u64,
}

/// How many values a credential holds without a second allocation: forms are short.
const INLINE: usize = 12;

/// The spans of the values: inline for short forms (as a generated type's fixed array),
/// else on the heap.
enum Spans {
    Inline([Option<(u32, u32)>; INLINE]),
    Heap(Box<[Option<(u32, u32)>]>),
}

impl Spans {
    fn get(&self, i: usize) -> Option<(u32, u32)> {
        match self {
            Spans::Inline(a) => *a.get(i)?,
            Spans::Heap(b) => *b.get(i)?,
        }
    }
}

impl TableCredential {
    /// Checks `source` against `meta`'s tables.
    pub fn validate(
        meta: &'static MethodMeta,
        source: &dyn FieldSource,
    ) -> Result<TableCredential, ValidationErrors> {
        TableCredential::validate_in(meta, source, &Lang::ENGLISH)
    }

    /// [`TableCredential::validate`] with messages in `lang`.
    pub fn validate_in(
        meta: &'static MethodMeta,
        source: &dyn FieldSource,
        lang: &Lang<'_>,
    ) -> Result<TableCredential, ValidationErrors> {
        let n = meta.rules.fields.len();
        // The values are checked into a stack array when the form is short, as the
        // generated constructors check into their frame.
        let mut inline: [Value<'_>; INLINE] = Default::default();
        let mut heap: Vec<Value<'_>> = Vec::new();
        let values: &mut [Value<'_>] = if n <= INLINE {
            &mut inline[..n]
        } else {
            heap.resize(n, None);
            &mut heap
        };
        let mut derived = Vec::new();
        let mut normalized = 0;
        validate_values(
            meta.rules,
            source,
            values,
            &mut derived,
            &mut normalized,
            lang,
        )?;
        let len = values.iter().flatten().map(|v| v.len()).sum::<usize>()
            + derived.iter().flatten().map(String::len).sum::<usize>();
        let mut text = String::with_capacity(len);
        let count = n + derived.len();
        let mut spans = if count <= INLINE {
            Spans::Inline([None; INLINE])
        } else {
            Spans::Heap(vec![None; count].into_boxed_slice())
        };
        let slots: &mut [Option<(u32, u32)>] = match &mut spans {
            Spans::Inline(a) => a,
            Spans::Heap(b) => b,
        };
        let all = values
            .iter()
            .map(|v| v.as_deref())
            .chain(derived.iter().map(|d| d.as_deref()));
        for (slot, v) in slots.iter_mut().zip(all) {
            *slot = v.map(|v| {
                let start = text.len();
                text.push_str(v);
                (start as u32, text.len() as u32)
            });
        }
        // The normalised copies and the derived values (which may come from a secret)
        // are wiped now that they are in the buffer.
        for v in values.iter_mut().filter_map(Option::take) {
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
            spans,
            normalized,
        })
    }
}

impl Credential for TableCredential {
    fn meta(&self) -> &'static MethodMeta {
        self.meta
    }

    fn expose_value(&self, index: usize) -> Option<&str> {
        let (start, end) = self.spans.get(index)?;
        self.text.get(start as usize..end as usize)
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
