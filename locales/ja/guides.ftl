## guides messages (ja). See docs/translation.md.
