## service messages (es). See docs/translation.md.
