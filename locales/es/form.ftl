## form messages (es). See docs/translation.md.
