## guides messages (es). See docs/translation.md.
