## guides messages (en). See docs/translation.md.
