## form messages (fr). See docs/translation.md.
