## validator messages (fr). See docs/translation.md.
