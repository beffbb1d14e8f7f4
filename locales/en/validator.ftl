## Validator messages (en): every error the validators give about a field or a form, in
## the Rust runtime (crates/runtime) and in the browser module (packages/validators),
## formatted from this one catalogue so that both say the same thing byte for byte.
## See docs/validators.md; translations: docs/translation.md.
##
## Arguments. $label, $hint, $derived and $message are spec texts (a field's label, its
## format hint, a derived value's label, a rule's message), translated with the spec;
## $hint is a noun phrase ("40 characters: letters, digits and hyphens"). $prefix,
## $prefixes, $member, $value and $key are what the end user sees as is (code). $n, $min,
## $max and $bits are whole numbers. $subject is a field's label or
## validator-key-in-file. No message ever holds the value the end user typed.

validator-missing = { $label } is required
validator-control-character = { $label } must not contain line breaks or other control characters
validator-not-a-string = { $label } must be a string
validator-not-an-object = the credentials must be a JSON object of field keys and string values
validator-unknown-field = `{ $key }` is not a field of this form
validator-unknown-provider = unknown provider
validator-unknown-method = unknown auth method for this provider
validator-forbidden-prefix = { $label } must not start with `{ $prefix }`
validator-forbidden-prefix-hint = { $label } must not start with `{ $prefix }`; it must be { $hint }
# $prefixes: the allowed prefixes as a list (validator-list-or-*), each validator-code.
validator-prefix = { $label } must start with { $prefixes }
# The value's length $n is outside the field's limits, which the hint states.
validator-length-hint = { $label } must be { $hint } (it has { $n })
validator-length-exact =
    { $label } must be exactly { $min ->
        [one] { $min } character
       *[other] { $min } characters
    } (it has { $n })
validator-length-min =
    { $label } must be at least { $min ->
        [one] { $min } character
       *[other] { $min } characters
    } (it has { $n })
validator-length-max =
    { $label } must be at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    } (it has { $n })
# $format: email, url, https_url, hostname, uuid or integer.
validator-format =
    { $label } must be { $format ->
        [email] an email address
        [url] an http or https URL
        [https_url] an https URL
        [hostname] a host name such as example.com
        [uuid] a UUID such as 123e4567-e89b-12d3-a456-426614174000
       *[integer] a whole number (digits only)
    }
validator-pattern = { $label } is not in the expected format
validator-pattern-hint = { $label } must be { $hint }
# The pattern admits other lengths than the value's $n.
validator-pattern-hint-length =
    { $label } must be { $hint } (it has { $n ->
        [one] { $n } character
       *[other] { $n } characters
    })
# $options: the options as a list (validator-list), each validator-code or
# validator-option-labelled.
validator-not-an-option = { $label } must be one of: { $options }
validator-code = `{ $value }`
validator-option-labelled = `{ $value }` ({ $label })
# A cross-field rule failed: its message is the spec's.
validator-rule = { $message }
validator-derive = { $derived } could not be read from { $label }

## Lists, built from the right as CLDR list patterns are: two items, else the first and
## the rest (start), the middle ones, the last two (end).

validator-list-or-two = { $first } or { $second }
validator-list-or-start = { $first }, { $second }
validator-list-or-middle = { $first }, { $second }
validator-list-or-end = { $first } or { $second }
# Every position of a plain list (the options of a choice).
validator-list = { $first }, { $second }

## Private-key fields. $found: what the key is instead.

validator-key-not-json = { $label } must be a JSON key file (this is not valid JSON)
validator-key-not-an-object = { $label } must be a JSON key file: one object of named members
validator-key-member-missing = { $label } has no `{ $member }` member
validator-key-member-not-a-string = `{ $member }` in { $label } must be a non-empty string
validator-key-member-value = `{ $member }` in { $label } must be `{ $value }`
# The subject of the messages below when the key is a member of a JSON key file.
validator-key-in-file = `{ $member }` in { $label }
validator-key-not-pem = { $subject } must be a PEM private key (from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----)
validator-key-not-private =
    { $subject } must be a private key, not { $found ->
        [certificate] a certificate
       *[public_key] a public key
    }
validator-key-encrypted = { $subject } is encrypted: export the private key without a passphrase
validator-key-malformed = { $subject } is damaged or incomplete: it does not read as a private key
# $algorithm: RS256 or ES256.
validator-key-wrong-algorithm =
    { $subject } must be { $algorithm ->
        [ES256] an EC P-256 key (ES256)
       *[RS256] an RSA key (RS256)
    }; it is { $found ->
        [rsa] an RSA key
        [rsa_pss] an RSA-PSS key
        [ec_p256] an EC P-256 key
        [ec_p384] an EC P-384 key
        [ec_p521] an EC P-521 key
        [ec_secp256k1] an EC secp256k1 key
        [ec_other] an EC key on another curve
        [ec_unnamed] an EC key that does not name its curve
        [ed25519] an Ed25519 key
        [ed448] an Ed448 key
        [x25519] an X25519 key
        [x448] an X448 key
        [dsa] a DSA key
       *[other] a key of another type
    }
validator-key-too-small =
    { $subject } must be an RSA key of at least { $min ->
        [one] { $min } bit
       *[other] { $min } bits
    } (it has { $bits })

## What deserialising a form expects (serde's "invalid type: …, expected …").

validator-expecting-string = a string
validator-expecting-fields = an object of field keys and string values
