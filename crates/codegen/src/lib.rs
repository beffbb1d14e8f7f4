//! Generates typed Rust validators (a TokenStream) from connectspec specs
