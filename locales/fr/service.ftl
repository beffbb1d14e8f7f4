## service messages (fr). See docs/translation.md.
