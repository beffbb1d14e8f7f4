## Validator messages (es). Same ids as locales/en/validator.ftl; see the notes there.

validator-missing = Se requiere { $label }
validator-control-character = { $label } no debe contener saltos de línea ni otros caracteres de control
validator-not-a-string = { $label } debe ser una cadena de texto
validator-not-an-object = las credenciales deben ser un objeto JSON de claves de campo y valores de cadena
validator-unknown-field = `{ $key }` no es un campo de este formulario
validator-unknown-provider = proveedor desconocido
validator-unknown-method = método de autenticación desconocido para este proveedor
validator-forbidden-prefix = { $label } no debe empezar por `{ $prefix }`
validator-forbidden-prefix-hint = { $label } no debe empezar por `{ $prefix }`; el formato esperado es: { $hint }
validator-prefix = { $label } debe empezar por { $prefixes }
validator-length-hint = { $label } debe tener este formato: { $hint } (longitud actual: { $n })
validator-length-exact =
    { $label } debe tener exactamente { $min ->
        [one] { $min } carácter
        [many] { $min } caracteres
       *[other] { $min } caracteres
    } (longitud actual: { $n })
validator-length-min =
    { $label } debe tener al menos { $min ->
        [one] { $min } carácter
        [many] { $min } caracteres
       *[other] { $min } caracteres
    } (longitud actual: { $n })
validator-length-max =
    { $label } debe tener como máximo { $max ->
        [one] { $max } carácter
        [many] { $max } caracteres
       *[other] { $max } caracteres
    } (longitud actual: { $n })
validator-format =
    { $label } debe ser { $format ->
        [email] una dirección de correo electrónico
        [url] una URL http o https
        [https_url] una URL https
        [hostname] un nombre de host como example.com
        [uuid] un UUID como 123e4567-e89b-12d3-a456-426614174000
       *[integer] un número entero (solo dígitos)
    }
validator-pattern = { $label } no tiene el formato esperado
validator-pattern-hint = { $label } debe tener este formato: { $hint }
validator-pattern-hint-length =
    { $label } debe tener este formato: { $hint } (introducido: { $n ->
        [one] { $n } carácter
        [many] { $n } caracteres
       *[other] { $n } caracteres
    })
validator-not-an-option = { $label } debe ser uno de estos valores: { $options }
validator-code = `{ $value }`
validator-option-labelled = `{ $value }` ({ $label })
validator-rule = { $message }
validator-derive = no se pudo obtener { $derived } a partir de { $label }

validator-list-or-two = { $first } o { $second }
validator-list-or-start = { $first }, { $second }
validator-list-or-middle = { $first }, { $second }
validator-list-or-end = { $first } o { $second }
validator-list = { $first }, { $second }

validator-key-not-json = { $label } debe ser un archivo de clave JSON (esto no es JSON válido)
validator-key-not-an-object = { $label } debe ser un archivo de clave JSON: un objeto con miembros con nombre
validator-key-member-missing = { $label } no tiene el miembro `{ $member }`
validator-key-member-not-a-string = `{ $member }` en { $label } debe ser una cadena no vacía
validator-key-member-value = `{ $member }` en { $label } debe ser `{ $value }`
validator-key-in-file = `{ $member }` en { $label }
validator-key-not-pem = { $subject } debe ser una clave privada en formato PEM (de -----BEGIN PRIVATE KEY----- a -----END PRIVATE KEY-----)
validator-key-not-private =
    { $subject } debe ser una clave privada, no { $found ->
        [certificate] un certificado
       *[public_key] una clave pública
    }
validator-key-encrypted = { $subject }: la clave está cifrada; exporte la clave privada sin frase de contraseña
validator-key-malformed = { $subject }: la clave está dañada o incompleta y no se puede leer como clave privada
validator-key-wrong-algorithm =
    { $subject } debe ser { $algorithm ->
        [ES256] una clave EC P-256 (ES256)
       *[RS256] una clave RSA (RS256)
    }; se trata de { $found ->
        [rsa] una clave RSA
        [rsa_pss] una clave RSA-PSS
        [ec_p256] una clave EC P-256
        [ec_p384] una clave EC P-384
        [ec_p521] una clave EC P-521
        [ec_secp256k1] una clave EC secp256k1
        [ec_other] una clave EC de otra curva
        [ec_unnamed] una clave EC que no indica su curva
        [ed25519] una clave Ed25519
        [ed448] una clave Ed448
        [x25519] una clave X25519
        [x448] una clave X448
        [dsa] una clave DSA
       *[other] una clave de otro tipo
    }
validator-key-too-small =
    { $subject } debe ser una clave RSA de al menos { $min ->
        [one] { $min } bit
        [many] { $min } bits
       *[other] { $min } bits
    } (tamaño actual: { $bits })

validator-expecting-string = una cadena de texto
validator-expecting-fields = un objeto de claves de campo y valores de cadena
