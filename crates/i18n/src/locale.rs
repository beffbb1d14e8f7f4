//! The locales.

/// A locale connectspec can speak. English is the source of every text; the others are
/// translations checked against it. The two pseudo-locales are generated from English
/// for tests (accented and longer; right to left) and never offered unless a caller
/// asks for them by name where pseudo-locales are enabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Locale {
    /// English, the source.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Japanese.
    Ja,
    /// Pseudo-locale `en-XA`: English accented and about 40% longer.
    Pseudo,
    /// Right-to-left pseudo-locale `ar-XB`: English, mirrored.
    PseudoRtl,
}

impl Locale {
    /// The locales connectspec ships, English first.
    pub const SHIPPED: [Locale; 5] = [Locale::En, Locale::De, Locale::Fr, Locale::Es, Locale::Ja];
    /// The locales translated from English.
    pub const TRANSLATED: [Locale; 4] = [Locale::De, Locale::Fr, Locale::Es, Locale::Ja];
    /// The pseudo-locales.
    pub const PSEUDO: [Locale; 2] = [Locale::Pseudo, Locale::PseudoRtl];
    /// Every locale, shipped then pseudo.
    pub const ALL: [Locale; 7] = [
        Locale::En,
        Locale::De,
        Locale::Fr,
        Locale::Es,
        Locale::Ja,
        Locale::Pseudo,
        Locale::PseudoRtl,
    ];

    /// The BCP 47 tag: `en`, `de`, …, `en-XA`, `ar-XB`.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::De => "de",
            Locale::Fr => "fr",
            Locale::Es => "es",
            Locale::Ja => "ja",
            Locale::Pseudo => "en-XA",
            Locale::PseudoRtl => "ar-XB",
        }
    }

    /// The language's name in itself, for a language menu.
    pub const fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::De => "Deutsch",
            Locale::Fr => "Français",
            Locale::Es => "Español",
            Locale::Ja => "日本語",
            Locale::Pseudo => "Ƥşęũđő",
            Locale::PseudoRtl => "Pseudo RTL",
        }
    }

    /// The locale whose plural rules (CLDR) the locale follows.
    pub const fn plural_tag(self) -> &'static str {
        match self {
            Locale::Pseudo | Locale::PseudoRtl => "en",
            other => other.tag(),
        }
    }

    /// The locale of exactly this tag (ASCII case-insensitive), shipped or pseudo.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|l| l.tag().eq_ignore_ascii_case(tag))
    }

    /// Whether text runs right to left.
    pub const fn is_rtl(self) -> bool {
        matches!(self, Locale::PseudoRtl)
    }

    /// The HTML `dir` value: `ltr` or `rtl`.
    pub const fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    /// Whether this is a pseudo-locale (generated for tests, never shipped).
    pub const fn is_pseudo(self) -> bool {
        matches!(self, Locale::Pseudo | Locale::PseudoRtl)
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}
