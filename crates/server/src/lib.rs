//! HTTP validation service over the compiled validators
