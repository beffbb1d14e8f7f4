## Validator messages (fr). Same ids as locales/en/validator.ftl; see the notes there.

validator-missing = { $label } est obligatoire
validator-control-character = { $label } ne doit contenir ni saut de ligne ni autre caractère de contrôle
validator-not-a-string = { $label } doit être une chaîne de caractères
validator-not-an-object = les identifiants doivent être un objet JSON de clés de champ et de valeurs de type chaîne
validator-unknown-field = `{ $key }` n’est pas un champ de ce formulaire
validator-unknown-provider = fournisseur inconnu
validator-unknown-method = méthode d’authentification inconnue pour ce fournisseur
validator-forbidden-prefix = { $label } ne doit pas commencer par `{ $prefix }`
validator-forbidden-prefix-hint = { $label } ne doit pas commencer par `{ $prefix }` ; format attendu : { $hint }
validator-prefix = { $label } doit commencer par { $prefixes }
validator-length-hint = { $label } doit respecter ce format : { $hint } (longueur actuelle : { $n })
validator-length-exact =
    { $label } doit comporter exactement { $min ->
        [one] { $min } caractère
        [many] { $min } caractères
       *[other] { $min } caractères
    } (longueur actuelle : { $n })
validator-length-min =
    { $label } doit comporter au moins { $min ->
        [one] { $min } caractère
        [many] { $min } caractères
       *[other] { $min } caractères
    } (longueur actuelle : { $n })
validator-length-max =
    { $label } doit comporter au plus { $max ->
        [one] { $max } caractère
        [many] { $max } caractères
       *[other] { $max } caractères
    } (longueur actuelle : { $n })
validator-format =
    { $label } doit être { $format ->
        [email] une adresse e-mail
        [url] une URL http ou https
        [https_url] une URL https
        [hostname] un nom d’hôte comme example.com
        [uuid] un UUID comme 123e4567-e89b-12d3-a456-426614174000
       *[integer] un nombre entier (chiffres uniquement)
    }
validator-pattern = { $label } n’est pas au format attendu
validator-pattern-hint = { $label } doit respecter ce format : { $hint }
validator-pattern-hint-length =
    { $label } doit respecter ce format : { $hint } (saisie : { $n ->
        [one] { $n } caractère
        [many] { $n } caractères
       *[other] { $n } caractères
    })
validator-not-an-option = { $label } doit être l’une de ces valeurs : { $options }
validator-code = `{ $value }`
validator-option-labelled = `{ $value }` ({ $label })
validator-rule = { $message }
validator-derive = impossible de lire { $derived } à partir de { $label }

validator-list-or-two = { $first } ou { $second }
validator-list-or-start = { $first }, { $second }
validator-list-or-middle = { $first }, { $second }
validator-list-or-end = { $first } ou { $second }
validator-list = { $first }, { $second }

validator-key-not-json = { $label } doit être un fichier de clé JSON (ce n’est pas du JSON valide)
validator-key-not-an-object = { $label } doit être un fichier de clé JSON : un objet de membres nommés
validator-key-member-missing = { $label } n’a pas de membre `{ $member }`
validator-key-member-not-a-string = `{ $member }` dans { $label } doit être une chaîne non vide
validator-key-member-value = `{ $member }` dans { $label } doit valoir `{ $value }`
validator-key-in-file = `{ $member }` dans { $label }
validator-key-not-pem = { $subject } doit être une clé privée au format PEM (de -----BEGIN PRIVATE KEY----- à -----END PRIVATE KEY-----)
validator-key-not-private =
    { $subject } doit être une clé privée, et non { $found ->
        [certificate] un certificat
       *[public_key] une clé publique
    }
validator-key-encrypted = { $subject } : la clé est chiffrée, exportez la clé privée sans phrase secrète
validator-key-malformed = { $subject } : la clé est endommagée ou incomplète et ne peut pas être lue comme une clé privée
validator-key-wrong-algorithm =
    { $subject } doit être { $algorithm ->
        [ES256] une clé EC P-256 (ES256)
       *[RS256] une clé RSA (RS256)
    } ; il s’agit { $found ->
        [rsa] d’une clé RSA
        [rsa_pss] d’une clé RSA-PSS
        [ec_p256] d’une clé EC P-256
        [ec_p384] d’une clé EC P-384
        [ec_p521] d’une clé EC P-521
        [ec_secp256k1] d’une clé EC secp256k1
        [ec_other] d’une clé EC sur une autre courbe
        [ec_unnamed] d’une clé EC qui ne nomme pas sa courbe
        [ed25519] d’une clé Ed25519
        [ed448] d’une clé Ed448
        [x25519] d’une clé X25519
        [x448] d’une clé X448
        [dsa] d’une clé DSA
       *[other] d’une clé d’un autre type
    }
validator-key-too-small =
    { $subject } doit être une clé RSA d’au moins { $min ->
        [one] { $min } bit
        [many] { $min } bits
       *[other] { $min } bits
    } (taille actuelle : { $bits })

validator-expecting-string = une chaîne de caractères
validator-expecting-fields = un objet de clés de champ et de valeurs de type chaîne
