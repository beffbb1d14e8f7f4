## validator messages (de). See docs/translation.md.
