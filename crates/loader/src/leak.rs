//! Giving loaded data the `'static` lifetime the runtime's tables have.
//!
//! The runtime's metadata (`MethodMeta` and everything under it) is made of `'static`
//! references because compiled validators are statics. A spec loaded at run time gets
//! the same shape by leaking its tables: a credential or a request that borrowed them
//! stays valid however long it lives, even after the spec is reloaded. A load leaks
//! only the tables of the specs it (re)builds, kilobytes per method, which is why
//! [`crate::Loader`] rebuilds a spec only when its text changed.

/// A string for the lifetime of the process.
pub(crate) fn str(s: &str) -> &'static str {
    Box::leak(Box::from(s))
}

/// An optional string for the lifetime of the process.
pub(crate) fn opt(s: &Option<String>) -> Option<&'static str> {
    s.as_deref().map(str)
}

/// A slice for the lifetime of the process.
pub(crate) fn slice<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

/// A value for the lifetime of the process.
pub(crate) fn value<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

/// Strings for the lifetime of the process.
pub(crate) fn strs<'a>(items: impl IntoIterator<Item = &'a String>) -> &'static [&'static str] {
    slice(items.into_iter().map(|s| str(s)).collect())
}
