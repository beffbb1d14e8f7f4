## validator messages (en). See docs/translation.md.
