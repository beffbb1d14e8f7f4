## guides messages (de). See docs/translation.md.
