## form messages (ja). See docs/translation.md.
