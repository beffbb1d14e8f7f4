## validator messages (es). See docs/translation.md.
