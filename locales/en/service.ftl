## service messages (en). See docs/translation.md.
