## service messages (de). See docs/translation.md.
