## guides messages (fr). See docs/translation.md.
