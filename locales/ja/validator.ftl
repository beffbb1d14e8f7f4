## Validator messages (ja). Same ids as locales/en/validator.ftl; see the notes there.
## Japanese has one plural form (CLDR: other), so counts need no select.

validator-missing = { $label }は必須です
validator-control-character = { $label }に改行やその他の制御文字を含めることはできません
validator-not-a-string = { $label }は文字列である必要があります
validator-not-an-object = 認証情報は、フィールドキーと文字列値からなる JSON オブジェクトである必要があります
validator-unknown-field = `{ $key }` はこのフォームのフィールドではありません
validator-unknown-provider = 不明なプロバイダーです
validator-unknown-method = このプロバイダーでは不明な認証方式です
validator-forbidden-prefix = { $label }は `{ $prefix }` で始めることはできません
validator-forbidden-prefix-hint = { $label }は `{ $prefix }` で始めることはできません。{ $hint }で入力してください
validator-prefix = { $label }は { $prefixes } で始まる必要があります
validator-length-hint = { $label }は{ $hint }で入力してください（現在 { $n } 文字）
validator-length-exact = { $label }はちょうど { $min } 文字で入力してください（現在 { $n } 文字）
validator-length-min = { $label }は { $min } 文字以上で入力してください（現在 { $n } 文字）
validator-length-max = { $label }は { $max } 文字以内で入力してください（現在 { $n } 文字）
validator-format =
    { $label }は{ $format ->
        [email] メールアドレス
        [url] http または https の URL
        [https_url] https の URL
        [hostname] ホスト名（例: example.com）
        [uuid] UUID（例: 123e4567-e89b-12d3-a456-426614174000）
       *[integer] 整数（数字のみ）
    }で入力してください
validator-pattern = { $label }の形式が正しくありません
validator-pattern-hint = { $label }は{ $hint }で入力してください
validator-pattern-hint-length = { $label }は{ $hint }で入力してください（現在 { $n } 文字）
validator-not-an-option = { $label }には次のいずれかを指定してください: { $options }
validator-code = `{ $value }`
validator-option-labelled = `{ $value }`（{ $label }）
validator-rule = { $message }
validator-derive = { $label }から{ $derived }を読み取れませんでした

validator-list-or-two = { $first }または{ $second }
validator-list-or-start = { $first }、{ $second }
validator-list-or-middle = { $first }、{ $second }
validator-list-or-end = { $first }、または{ $second }
validator-list = { $first }、{ $second }

validator-key-not-json = { $label }は JSON 形式のキーファイルである必要があります（有効な JSON ではありません）
validator-key-not-an-object = { $label }は JSON 形式のキーファイル（名前付きメンバーを持つ 1 つのオブジェクト）である必要があります
validator-key-member-missing = { $label }に `{ $member }` メンバーがありません
validator-key-member-not-a-string = { $label }の `{ $member }` は空でない文字列である必要があります
validator-key-member-value = { $label }の `{ $member }` は `{ $value }` である必要があります
validator-key-in-file = { $label }の `{ $member }`
validator-key-not-pem = { $subject }は PEM 形式の秘密鍵（-----BEGIN PRIVATE KEY----- から -----END PRIVATE KEY----- まで）である必要があります
validator-key-not-private =
    { $subject }には{ $found ->
        [certificate] 証明書
       *[public_key] 公開鍵
    }ではなく秘密鍵を指定してください
validator-key-encrypted = { $subject }は暗号化されています。パスフレーズなしで秘密鍵をエクスポートしてください
validator-key-malformed = { $subject }は破損しているか不完全なため、秘密鍵として読み取れません
validator-key-wrong-algorithm =
    { $subject }は{ $algorithm ->
        [ES256] EC P-256 鍵（ES256）
       *[RS256] RSA 鍵（RS256）
    }である必要がありますが、指定されたのは{ $found ->
        [rsa] RSA 鍵
        [rsa_pss] RSA-PSS 鍵
        [ec_p256] EC P-256 鍵
        [ec_p384] EC P-384 鍵
        [ec_p521] EC P-521 鍵
        [ec_secp256k1] EC secp256k1 鍵
        [ec_other] 別の曲線の EC 鍵
        [ec_unnamed] 曲線が指定されていない EC 鍵
        [ed25519] Ed25519 鍵
        [ed448] Ed448 鍵
        [x25519] X25519 鍵
        [x448] X448 鍵
        [dsa] DSA 鍵
       *[other] 別の種類の鍵
    }です
validator-key-too-small = { $subject }は { $min } ビット以上の RSA 鍵である必要があります（現在 { $bits } ビット）

validator-expecting-string = 文字列
validator-expecting-fields = フィールドキーと文字列値からなるオブジェクト
