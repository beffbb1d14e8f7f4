## Validator messages (de). Same ids as locales/en/validator.ftl; see the notes there.

validator-missing = { $label } ist erforderlich
validator-control-character = { $label } darf keine Zeilenumbrüche oder anderen Steuerzeichen enthalten
validator-not-a-string = { $label } muss eine Zeichenkette sein
validator-not-an-object = die Zugangsdaten müssen ein JSON-Objekt aus Feldschlüsseln und Zeichenkettenwerten sein
validator-unknown-field = `{ $key }` ist kein Feld dieses Formulars
validator-unknown-provider = unbekannter Anbieter
validator-unknown-method = unbekannte Authentifizierungsmethode für diesen Anbieter
validator-forbidden-prefix = { $label } darf nicht mit `{ $prefix }` beginnen
validator-forbidden-prefix-hint = { $label } darf nicht mit `{ $prefix }` beginnen; erwartet wird: { $hint }
validator-prefix = { $label } muss mit { $prefixes } beginnen
validator-length-hint = { $label } muss folgendes Format haben: { $hint } (aktuelle Länge: { $n })
validator-length-exact =
    { $label } muss genau { $min ->
        [one] { $min } Zeichen
       *[other] { $min } Zeichen
    } lang sein (aktuelle Länge: { $n })
validator-length-min =
    { $label } muss mindestens { $min ->
        [one] { $min } Zeichen
       *[other] { $min } Zeichen
    } lang sein (aktuelle Länge: { $n })
validator-length-max =
    { $label } darf höchstens { $max ->
        [one] { $max } Zeichen
       *[other] { $max } Zeichen
    } lang sein (aktuelle Länge: { $n })
validator-format =
    { $label } muss { $format ->
        [email] eine E-Mail-Adresse
        [url] eine http- oder https-URL
        [https_url] eine https-URL
        [hostname] ein Hostname wie example.com
        [uuid] eine UUID wie 123e4567-e89b-12d3-a456-426614174000
       *[integer] eine ganze Zahl (nur Ziffern)
    } sein
validator-pattern = { $label } hat nicht das erwartete Format
validator-pattern-hint = { $label } muss folgendes Format haben: { $hint }
validator-pattern-hint-length =
    { $label } muss folgendes Format haben: { $hint } (eingegeben: { $n ->
        [one] { $n } Zeichen
       *[other] { $n } Zeichen
    })
validator-not-an-option = { $label } muss einer dieser Werte sein: { $options }
validator-code = `{ $value }`
validator-option-labelled = `{ $value }` ({ $label })
validator-rule = { $message }
validator-derive = { $derived } konnte nicht aus { $label } ermittelt werden

validator-list-or-two = { $first } oder { $second }
validator-list-or-start = { $first }, { $second }
validator-list-or-middle = { $first }, { $second }
validator-list-or-end = { $first } oder { $second }
validator-list = { $first }, { $second }

validator-key-not-json = { $label } muss eine JSON-Schlüsseldatei sein (dies ist kein gültiges JSON)
validator-key-not-an-object = { $label } muss eine JSON-Schlüsseldatei sein: ein Objekt mit benannten Einträgen
validator-key-member-missing = { $label } enthält keinen Eintrag `{ $member }`
validator-key-member-not-a-string = `{ $member }` in { $label } muss eine nicht leere Zeichenkette sein
validator-key-member-value = `{ $member }` in { $label } muss `{ $value }` sein
validator-key-in-file = `{ $member }` in { $label }
validator-key-not-pem = { $subject } muss ein privater Schlüssel im PEM-Format sein (von -----BEGIN PRIVATE KEY----- bis -----END PRIVATE KEY-----)
validator-key-not-private =
    { $subject } muss ein privater Schlüssel sein, kein { $found ->
        [certificate] Zertifikat
       *[public_key] öffentlicher Schlüssel
    }
validator-key-encrypted = { $subject } ist verschlüsselt: Exportieren Sie den privaten Schlüssel ohne Passphrase
validator-key-malformed = { $subject } ist beschädigt oder unvollständig: Der Inhalt lässt sich nicht als privater Schlüssel lesen
validator-key-wrong-algorithm =
    { $subject } muss { $algorithm ->
        [ES256] ein EC-P-256-Schlüssel (ES256)
       *[RS256] ein RSA-Schlüssel (RS256)
    } sein; angegeben wurde { $found ->
        [rsa] ein RSA-Schlüssel
        [rsa_pss] ein RSA-PSS-Schlüssel
        [ec_p256] ein EC-P-256-Schlüssel
        [ec_p384] ein EC-P-384-Schlüssel
        [ec_p521] ein EC-P-521-Schlüssel
        [ec_secp256k1] ein EC-secp256k1-Schlüssel
        [ec_other] ein EC-Schlüssel auf einer anderen Kurve
        [ec_unnamed] ein EC-Schlüssel ohne Angabe seiner Kurve
        [ed25519] ein Ed25519-Schlüssel
        [ed448] ein Ed448-Schlüssel
        [x25519] ein X25519-Schlüssel
        [x448] ein X448-Schlüssel
        [dsa] ein DSA-Schlüssel
       *[other] ein Schlüssel eines anderen Typs
    }
validator-key-too-small =
    { $subject } muss ein RSA-Schlüssel mit mindestens { $min ->
        [one] { $min } Bit
       *[other] { $min } Bit
    } sein (aktuell: { $bits } Bit)

validator-expecting-string = eine Zeichenkette
validator-expecting-fields = ein Objekt aus Feldschlüsseln und Zeichenkettenwerten
