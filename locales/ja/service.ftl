## service messages (ja). See docs/translation.md.
