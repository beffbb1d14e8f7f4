## validator messages (ja). See docs/translation.md.
