//! Compiled credential validators for every provider spec (generated at build time)
