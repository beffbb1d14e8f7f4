// Types shared by every provider module of the validators package.

/** What is wrong with a field (the Rust runtime's `ErrorKind` codes). */
export type ErrorKind =
  | "missing"
  | "control_character"
  | "unknown"
  | "not_a_string"
  | "not_an_object"
  | "too_short"
  | "too_long"
  | "prefix"
  | "forbidden_prefix"
  | "pattern"
  | "format"
  | "not_an_option"
  | "rule"
  | "derive"
  | "private_key"
  | "unknown_provider"
  | "unknown_method";

/** What is wrong with a private-key field (`private_key` errors; the Rust `KeyFault` codes). */
export type KeyFault =
  | "not_json"
  | "not_a_json_object"
  | "member_missing"
  | "member_not_a_string"
  | "member_value"
  | "not_pem"
  | "not_a_private_key"
  | "encrypted"
  | "malformed"
  | "wrong_algorithm"
  | "too_small";

/** A built-in format. */
export type FormatName = "email" | "url" | "https_url" | "hostname" | "uuid" | "integer";

/** One field's error; the message never contains the value. */
export interface FieldError<K extends string = string> {
  /** The field key (for `unknown`, the key sent; empty when the whole input is wrong). */
  field: K | (string & {});
  kind: ErrorKind;
  /** End-user message in the locale asked for, identical to the Rust validators' and the service's. */
  message: string;
  /** The id of `message` in the validator catalogue (`locales/<locale>/validator.ftl`), e.g. `validator-length-hint`. */
  message_id: string;
  /** The arguments `message` was formatted with, as they appear in it (never the value typed). */
  args?: Readonly<Record<string, string | number>>;
  /** `too_short`: the minimum length in characters. */
  min?: number;
  /** `too_long`: the maximum length in characters. */
  max?: number;
  /** `too_short`, `too_long`: the value's length in characters. */
  actual?: number;
  /** `format`: the expected format. */
  format?: FormatName;
  /** `private_key`: what is wrong with the key. */
  fault?: KeyFault;
}

/**
 * The answer of `validate`: on success the normalised non-secret values by key and the
 * keys of the fields normalisation changed; on failure every error at once.
 */
export interface ValidationResult<K extends string = string, V extends object = Record<string, string>> {
  ok: boolean;
  values: V;
  normalized: K[];
  errors: FieldError<K>[];
}

/** Raw input: field key → value as typed or pasted (`null`/`undefined`: absent). */
export type RawFields<K extends string = string> = Partial<Record<K, string | null | undefined>> &
  Record<string, unknown>;

/**
 * A language to validate in: a locale's messages and one provider's texts in it, from a
 * provider module's `loadLocale(locale)`. Opaque: pass it on as `{ locale }`.
 */
export interface Lang {
  /** The shipped locale chosen (`de` for `de-CH`; `en` when none matches). */
  readonly locale: string;
}

/** Options of `validate`. */
export interface ValidateOptions {
  /** The language of the messages (what `loadLocale` resolved to); English when absent. */
  locale?: Lang;
}

/** A normalisation step of a generated table: `trim`, `asciiLower`, `extractHost` or a subdomain extraction. */
export type NormalizeStep = (value: string) => string;

/** A generated checking table of one auth method. */
export interface MethodRules {
  readonly fields: readonly {
    readonly key: string;
    readonly label: string;
    readonly hint?: string;
    readonly optional?: boolean;
    /** The option value an absent field takes. */
    readonly default?: string;
    readonly min?: number;
    readonly max?: number;
    readonly prefixes?: readonly string[];
    readonly forbidden?: readonly string[];
    readonly format?: FormatName;
    /** The check of `format` (imported by the provider module, so unused ones are left out of a bundle). */
    readonly formatCheck?: (value: string) => boolean;
    readonly pattern?: RegExp;
    /** The pattern admits no control character (so a match needs no control scan). */
    readonly clean?: boolean;
    /** The character counts the pattern admits, `[min, max]`: a pattern failure names the length only outside them. */
    readonly patternLengths?: readonly [number, number];
    readonly options?: readonly (readonly [string, string])[];
    readonly normalize?: readonly NormalizeStep[];
  }[];
  readonly rules: readonly (readonly [number, readonly string[], number, readonly string[], string])[];
  readonly derived: readonly (readonly [string, string, number, RegExp])[];
  readonly values: readonly (readonly [string, number])[];
}

/** The built-in format checks, as the validators define them (register them with a JSON Schema validator to agree exactly). */
export declare const formats: Readonly<Record<FormatName, (value: string) => boolean>>;
/** `local@domain.tld`. */
export declare function isEmail(value: string): boolean;
/** An absolute http or https URL with a host name and no user-info. */
export declare function isHttpUrl(value: string): boolean;
/** An absolute https URL with a host name and no user-info. */
export declare function isHttpsUrl(value: string): boolean;
/** A DNS host name. */
export declare function isHostname(value: string): boolean;
/** A hyphenated UUID. */
export declare function isUuid(value: string): boolean;
/** Decimal digits only. */
export declare function isInteger(value: string): boolean;

/** Rust's `str::trim` (Unicode White_Space; unlike `String.prototype.trim`, keeps U+FEFF and trims U+0085). */
export declare function trim(value: string): string;
/** Lower-cases ASCII letters only. */
export declare function asciiLower(value: string): string;
/** The host of a pasted URL (`https://acme.example.com/x` → `acme.example.com`). */
export declare function extractHost(value: string): string;
/** `https://acme.example.com/x` → `acme` for parent `example.com`; otherwise the value unchanged. */
export declare function extractSubdomain(value: string, parent: string): string;
/** The `{value}` part of a pasted URL shaped like `template` (`https://dev.azure.com/{value}`); otherwise the value unchanged. */
export declare function extractFromUrl(value: string, template: string): string;
/** Applies a table's normalisation steps. */
export declare function normalize(value: string, steps: readonly NormalizeStep[]): string;
/** Orders strings as Rust orders `String`s (by code point). */
export declare function compareCodePoints(a: string, b: string): number;
/** The result for an unknown provider or method id. */
export declare function unknownId(kind: "unknown_provider" | "unknown_method", options?: ValidateOptions): ValidationResult;
/** Validates raw fields against one generated table. */
export declare function validateFields(rules: MethodRules, fields: unknown, options?: ValidateOptions): ValidationResult;
/** Prepares a generated table of method `id` (used by the provider modules). */
export declare function method<T extends MethodRules>(id: string, rules: T): T;
/** The shipped locale of a language tag by RFC 4647 lookup (`de-CH` → `de`); `en` when none matches. */
export declare function shippedLocale(tag: string): string;
/**
 * Loads a locale's catalogue (once per page) and one provider's texts in it; a provider
 * module's `loadLocale` calls it with its texts (`keys`: it has a private-key field,
 * whose messages are a catalogue of their own).
 */
export declare function loadLang(
  locale: string,
  providerTexts?: Readonly<Record<string, () => Promise<{ texts: Readonly<Record<string, string>> }>>>,
  keys?: boolean,
): Promise<Lang>;
/**
 * A language from a catalogue's Fluent source and a provider's texts by text key: for
 * catalogues the package does not ship (the tests' pseudo-locales). `pluralLocale`
 * decides plural categories and digits.
 */
export declare function langFrom(
  locale: string,
  ftl: string,
  texts?: Readonly<Record<string, string>>,
  pluralLocale?: string,
): Lang;
/** Message `id` of the validator catalogue with `args`, in `lang` (English where it lacks the message). */
export declare function formatMessage(lang: Lang, id: string, args: Readonly<Record<string, string | number>>): string;
