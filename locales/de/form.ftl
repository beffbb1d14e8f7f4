## form messages (de). See docs/translation.md.
