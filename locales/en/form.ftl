## form messages (en). See docs/translation.md.
