//! The text values of a validated credential, in one allocation wiped on drop.
//!
//! A typed credential used to hold one `String` or `SecretString` per text field: one
//! allocation, copy and free each, which on most forms cost more than all the checks
//! together. [`TextValues`] copies every kept value into a single buffer instead. The
//! whole buffer is wiped on drop, the public values with the secrets, and a normalised
//! copy is wiped as soon as it has been moved in, so no copy of a secret outlives the
//! credential unwiped.

use std::borrow::Cow;
use std::fmt;

use zeroize::Zeroize;

use crate::check::Value;

/// The text and secret values of one credential of `N` fields. Field `i`'s value is
/// [`TextValues::get`]`(i)`; fields not kept (closed choices, held as enums) and absent
/// optional fields read as `None`.
pub struct TextValues<const N: usize> {
    /// Every kept value, one after the other.
    text: Box<str>,
    /// Where value `i` lies in `text` (`None`: not kept, or absent).
    spans: [Option<(usize, usize)>; N],
}

impl<const N: usize> TextValues<N> {
    /// Moves the values of the fields marked in `keep` out of `values` (each left `None`)
    /// into one buffer: one allocation, however many fields there are. Always inlined in
    /// optimised builds, so the result is built in the credential rather than copied into
    /// it (a copy read back with wider loads than its stores stalls on store forwarding);
    /// in debug builds only on the compiler's judgement, since every generated credential
    /// type would otherwise compile a copy of it.
    #[cfg_attr(debug_assertions, inline)]
    #[cfg_attr(not(debug_assertions), inline(always))]
    pub fn take(values: &mut [Value<'_>; N], keep: &[bool; N]) -> TextValues<N> {
        let len = values
            .iter()
            .zip(keep)
            .filter(|(_, keep)| **keep)
            .map(|(v, _)| v.as_deref().map_or(0, str::len))
            .sum();
        let mut text = String::with_capacity(len);
        let mut spans = [None; N];
        for ((v, keep), span) in values.iter_mut().zip(keep).zip(&mut spans) {
            if !*keep {
                continue;
            }
            let Some(v) = v.take() else {
                continue;
            };
            let start = text.len();
            text.push_str(&v);
            *span = Some((start, text.len()));
            if let Cow::Owned(mut copy) = v {
                copy.zeroize();
            }
        }
        TextValues {
            text: text.into_boxed_str(),
            spans,
        }
    }

    /// The value of field `i`, if it is kept and present.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&str> {
        let (start, end) = (*self.spans.get(i)?)?;
        self.text.get(start..end)
    }

    /// The value of required field `i` (empty if it is not kept, which the generator
    /// rules out).
    #[inline]
    pub fn text(&self, i: usize) -> &str {
        self.get(i).unwrap_or_default()
    }
}

impl<const N: usize> Drop for TextValues<N> {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

/// Values may be secrets: only which fields are present is shown.
impl<const N: usize> fmt::Debug for TextValues<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let present: Vec<bool> = self.spans.iter().map(Option::is_some).collect();
        f.debug_struct("TextValues")
            .field("present", &present)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_in_one_buffer() {
        let normalised = String::from("ops@acme.example");
        let mut values: [Value<'_>; 4] = [
            Some(Cow::Borrowed("tok_123")),
            Some(Cow::Owned(normalised)),
            Some(Cow::Borrowed("eu")),
            None,
        ];
        let v = TextValues::take(&mut values, &[true, true, false, true]);
        assert_eq!(v.get(0), Some("tok_123"));
        assert_eq!(v.text(1), "ops@acme.example");
        assert_eq!(v.get(2), None, "not kept");
        assert_eq!(v.get(3), None, "absent");
        assert_eq!(v.get(9), None);
        assert!(values[0].is_none() && values[1].is_none());
        assert_eq!(values[2].as_deref(), Some("eu"), "a value not kept stays");
        assert_eq!(
            format!("{v:?}"),
            "TextValues { present: [true, true, false, false], .. }"
        );
    }
}
