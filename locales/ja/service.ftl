## サービスのメッセージ（日本語、です・ます調）。原文: locales/en/service.ftl。
## 問題のタイトルは `problem-<code>`、その他の ID は用途で始まります。
## 引数が秘密情報になることはありません（ID、件数、プロバイダー名、スペックのテキスト）。

list-separator = 、

## 問題のタイトル（問題コードごとに 1 つ）。

problem-bad-path = リクエストのパスが正しくありません
problem-bad-request = リクエスト本文が正しくありません
problem-body-timeout = リクエスト本文の送信が遅すぎます
problem-body-too-large = リクエスト本文が大きすぎます
problem-connection-test-failed = 接続テストに失敗しました
problem-different-account = 別のアカウントです
problem-exchange-refused = トークンエンドポイントが認証情報を拒否しました
problem-internal = 内部エラー
problem-invalid-fields = 認証情報フォームが正しくありません
problem-invalid-session-request = セッションのリクエストが正しくありません
problem-link-result-invalid = 連携結果が無効です
problem-method-not-allowed = 許可されていないメソッドです
problem-not-found = 見つかりません
problem-not-offered = この連携セッションでは提供されていません
problem-oauth-access-denied = アクセスが許可されませんでした
problem-oauth-authorization-error = サインインに失敗しました
problem-oauth-bad-state = サインインのリンクが無効です
problem-oauth-client-rejected = OAuth クライアントが拒否されました
problem-oauth-discovery-refused = プロバイダーの OAuth メタデータを拒否しました
problem-oauth-invalid-grant = サインインを完了できませんでした
problem-oauth-invalid-scope = 権限が拒否されました
problem-oauth-not-configured = OAuth が設定されていません
problem-oauth-provider-unavailable = プロバイダーを利用できません
problem-oauth-registration-failed = クライアントの登録に失敗しました
problem-oauth-registration-invalid = 登録情報が無効です
problem-oauth-sign-in-required = サインインが完了していません
problem-oauth-token-error = プロバイダーがトークンのリクエストを拒否しました
problem-oauth-unbound = このブラウザーで開始されたサインインではありません
problem-provider-bad-answer = プロバイダーから予期しない応答がありました
problem-provider-error = プロバイダーのエラー
problem-provider-timeout = プロバイダーが時間内に応答しませんでした
problem-provider-unreachable = プロバイダーに接続できません
problem-refused-host = プロバイダーのアドレスを拒否しました
problem-session-expired = 連携セッションの有効期限が切れました
problem-session-required = 連携セッションが必要です
problem-too-many-tests = 試行回数が多すぎます
problem-unauthorized = オペレーターの認証情報が必要です
problem-unknown-actions = 不明なアクション
problem-unsupported-media-type = サポートされていないメディアタイプです
problem-values-too-long = 値が長すぎます

## 問題の詳細: パスと呼び出し元。

problem-bad-path-utf8 = パス内のプロバイダー ID またはメソッド ID が有効な UTF-8 テキストではありません
problem-not-found-provider = 不明なプロバイダーです: `{ $provider }`
problem-not-found-provider-unnamed = パスで指定されたプロバイダーは不明です
problem-not-found-method = { $provider } に認証方式 `{ $method }` はありません（認証方式: { $methods }）
problem-not-found-method-unnamed = { $provider } にパスで指定された認証方式はありません（認証方式: { $methods }）
problem-not-found-endpoint = そのエンドポイントはありません。GET /v1/providers を参照してください
problem-method-not-allowed-detail = このエンドポイントはその HTTP メソッドを受け付けません
problem-unauthorized-no-keys = このエンドポイントはハブのバックエンド用ですが、このサービスには API キーがありません。CONNECTSPEC_API_KEYS または --api-key-file を設定してください
problem-unauthorized-send-key = このエンドポイントはハブのバックエンド用です。サービスのオペレーターキーのいずれかを `Authorization: Bearer <API key>` で送信してください

## 問題の詳細: リクエスト本文。

problem-body-timeout-detail = リクエスト本文が { $ms } ms 以内に届きませんでした
problem-bad-request-unreadable = リクエスト本文を読み取れませんでした
problem-body-too-large-detail = リクエスト本文は { $kib } KiB 以下にしてください
problem-unsupported-media-type-detail = { $why ->
        [missing] リクエストに Content-Type がありません
        [unreadable] Content-Type ヘッダーを読み取れません
       *[not-json] Content-Type が JSON ではありません
    }。本文は `Content-Type: application/json` で送信してください
problem-bad-request-shape = リクエスト本文は { $shape } である必要があります（{ $line } 行目、{ $column } 列目）
problem-bad-request-empty = リクエスト本文が空です。{"{"}"fields": {"{"}…{"}"}{"}"} が必要です
problem-bad-request-json-at = リクエスト本文が有効な JSON ではありません（{ $line } 行目、{ $column } 列目）
problem-bad-request-json = リクエスト本文が有効な JSON ではありません
problem-bad-request-not-object = リクエスト本文は JSON オブジェクト {"{"}"fields": {"{"}…{"}"}{"}"} である必要があります（{ $kind ->
        [null] null
        [boolean] 真偽値
        [number] 数値
        [string] 文字列
        [array] 配列
       *[object] オブジェクト
    }は使えません）
problem-bad-request-members = リクエスト本文に使えるメンバーは `fields`、`actions`、`lang` だけです
problem-bad-request-actions = `actions` はアクション ID の配列にしてください
problem-bad-request-lang = `lang` は `de` や `ja-JP` のような言語タグにしてください
problem-bad-request-fields = `fields` はフィールドキーと文字列値のオブジェクトにしてください（{ $kind ->
        [null] null
        [boolean] 真偽値
        [number] 数値
        [string] 文字列
        [array] 配列
       *[object] オブジェクト
    }は使えません）
problem-bad-request-no-fields = リクエスト本文に `fields` オブジェクトがありません

## リクエスト本文の形（「リクエスト本文は … である必要があります」）。

shape-exchange = JSON オブジェクト {"{"}"result": "…"{"}"}
shape-connect = JSON オブジェクト {"{"}"provider": …, "method": …, "fields": {"{"}…{"}"}{"}"}
shape-session = `end_user`、`offers` と任意のセッションのメンバーを持つ JSON オブジェクト

## 問題の詳細: 連携セッションと結果。

problem-internal-unsealable = { $what ->
        [result] 結果
        [session] セッション
        [state] state
        [flow] フロー
       *[registration] 登録情報
    }を封印できませんでした
problem-values-too-long-result = アカウントの値が長すぎて引き渡せません。短くしてください
problem-link-result-invalid-detail = この結果はこのサービスが発行したものではないか、変更されたか、有効期限が切れています（結果の有効期間は { $minutes } 分です）。アカウントをもう一度連携してください
problem-different-account-detail = 以前に連携したものとは別の { $provider } アカウントです。連携済みのアカウントでサインインするか、このアカウントを新しい接続として連携してください。
problem-too-many-tests-detail = 短時間に入力内容の確認が多すぎました（1 分あたり { $count } 回まで）。1 分待ってからもう一度お試しください。
problem-bad-request-connect-operator = バックエンドは …/validate と …/test で認証情報を確認します。/v1/link/connect は連携セッション内の連携フォーム用です
problem-bad-request-connect-sign-in = { $provider } の { $method } はプロバイダーでのサインインで連携します: POST …/authorize
problem-bad-request-no-client = { $provider } の { $method } には OAuth クライアントがありません。`client` は送信しないでください
problem-not-offered-detail = この連携セッションでは { $provider } の { $method } は提供されていません
problem-session-expired-detail = このリンクの有効期限が切れています。前の画面に戻り、アカウントの連携を最初からやり直してください。
problem-session-required-detail = このエンドポイントは連携セッション内の連携フォームが呼び出します。`Connectspec-Session: <session token>` を送信してください（ハブのバックエンドが POST /v1/link/sessions でセッションを開きます）
problem-bad-request-session-view = このエンドポイントは連携セッションの内容を返します。セッションのトークンを `Connectspec-Session` で送信してください
problem-session-reference = `{ $member }` は制御文字を含まない 1〜{ $max } 文字にしてください
problem-session-no-offers = `offers` にプロバイダーがありません。少なくとも 1 つ指定してください
problem-session-too-many-offers = `offers` のエントリーが { $max } 件を超えています
problem-session-offer-provider = オファー { $offer } にプロバイダーがありません
problem-session-offer-method = オファー { $offer }: { $provider } にそのような認証方式はありません
problem-session-reconnect-method = `reconnect` がカタログの認証方式を指していません
problem-session-reconnect-identity = `reconnect.identity`: { $provider } の { $method } の接続テストはアカウントを特定しません（スペックに `connection_test.identity` がありません）。そのためアカウントを比較できません。`identity` を省いてください
problem-session-value-key = `values` に、提供するどの認証方式にもないキーがあります: `{ $key }`
problem-session-value-key-unnamed = `values` に、提供するどの認証方式にもないキーがあります（表示しません）
problem-session-value-secret = `values.{ $key }` は秘密のフィールドです。セッションが秘密情報を持つことはありません。エンドユーザーが入力します
problem-session-value-long = `values.{ $key }` が { $max } 文字を超えています
problem-session-scope = `scopes` のスコープが、提供するどの認証方式のスコープでもありません
problem-session-action = `actions` のアクションが、提供するどの認証方式のアクションでもありません
problem-session-locale = `locale` は `en` や `de-CH` のような BCP 47 言語タグにしてください
problem-session-locale-pseudo = `locale` が疑似ロケールを指しています。このサービスは --pseudo-locales で起動した場合にだけ疑似ロケールを提供します
problem-session-origin = `origin` はサービスの埋め込みオリジン（--embed-origin）にしてください。フォームを埋め込み、結果を受け取れるのはそのオリジンだけです
problem-session-return-url = `return_url` は、埋め込みオリジンまたはサービス自身のオリジン上の、フラグメントのない URL にしてください
problem-session-expires-in = `expires_in` は 60 秒から { $max } 秒の間にしてください
problem-session-too-large = セッションが大きすぎます。提供するプロバイダーを減らすか、値を短くしてください
shape-fields = JSON オブジェクト {"{"}"fields": {"{"}…{"}"}{"}"}

## 問題の詳細: フィールドのエラー。

problem-invalid-fields-detail = { $count } 件のフィールドが正しくありません: { $messages }
problem-invalid-fields-more = { $count } 件のフィールドが正しくありません: { $messages }。ほかに { $more } 件あります
field-control-character = { $label }に改行などの制御文字を含めることはできません
label-access-token = アクセストークン
field-key-unusable = { $label }{ $why ->
        [not-a-key] は、サービスが署名に使える秘密鍵ではありません
       *[unsigned] でアサーションに署名できませんでした
    }

## 問題の詳細: 拒否したプロバイダーのアドレス。

refused-host-field = { $label }{ $why ->
        [needed] は、プロバイダーのアドレスを組み立てるのに必要です
        [needed-token] は、プロバイダーのトークンアドレスを組み立てるのに必要です
        [invalid] からは有効なプロバイダーのアドレスになりません
        [invalid-token] からは有効なトークンアドレスになりません
        [not-https-token] からは https のトークンアドレスになりません
        [not-allowed] は、このプロバイダーのスペックが許可していないホストを指しています
        [internal] は内部アドレスです
        [internal-only-test] は内部アドレスにしか解決されません。接続テストが内部アドレスに接続することはありません
       *[internal-only] は内部アドレスにしか解決されません。サービスが内部アドレスに接続することはありません
    }
refused-value = { $label }{ $why ->
        [one-label] はここでは 1 つのホストラベル（英字、数字、ハイフン。ドットは不可）にしてください
        [empty-segment] からは空のパスセグメントや `.`、`..` は作れません
        [not-base-url] は、ユーザー名、パスワード、クエリ、フラグメントを含まない https URL ではありません
        [not-host] はホスト名ではありません（英字、数字、ハイフン、ドットのみ）
        [dot-segment] をパスセグメント `.` や `..` にすることはできません
       *[misplaced] は URL のこの部分に置くことはできません
    }
problem-refused-host-detail = { $message }
problem-refused-host-form = フォームから組み立てたプロバイダーのアドレスを拒否しました

## 問題の詳細: サービス自体。

problem-internal-test-method = スペックの接続テストのメソッド `{ $method }` は HTTP メソッドではありません
problem-internal-header-value = 認証情報のヘッダー値が有効な HTTP ヘッダー値ではありません
problem-internal-base-url = 上書きしたベース URL とテストのパスから URL を作れません
problem-internal-oauth-origin = 上書きした OAuth オリジンがプロバイダーの URL に合いません
problem-internal-authorization-url = プロバイダーの認可 URL が有効なヘッダー値ではありません
problem-internal-redirect-uri = リダイレクト URI が URL ではありません
problem-internal-no-discovery = この認証方式にはディスカバリーがありません
problem-internal-randomness = アサーション用の乱数を得られません
problem-internal-assertion-claim = { $provider } の { $method }: アサーションの `{ $claim }` が、フィールドにない値を指しています
problem-internal-exchange = { $what ->
        [body-not-json] スペックの交換リクエスト本文が JSON ではありません
        [body-unwritable] 交換リクエスト本文を書き出せませんでした
        [template] 交換リクエスト本文の文字列がテンプレートではありません
       *[request] 交換リクエストを組み立てられませんでした
    }
problem-internal-exchange-of = { $provider } の { $method }: { $what ->
        [header] 交換のヘッダー値が有効な HTTP ヘッダー値ではありません
       *[basic-user] 交換の Basic ユーザーが、フィールドにない値を指しています
    }
problem-not-found-link-asset = 連携フォームにそのようなファイルはありません
problem-not-found-validators-asset = ブラウザー用バリデーターのパッケージにそのようなファイルはありません

## 接続テスト。

method-title = { $provider } を { $method }で接続
problem-not-found-test = { $provider } の { $method } には接続テストがありません
test-connected = { $provider } が { $method }を受け付けました。
test-missing-scopes = { $meaning }: { $scopes }。
test-unexpected-status = { $provider } は接続テストに HTTP { $status } で応答しました。これはスペックに記載されていない応答です。
test-unreadable = { $provider } は接続テストに{ $why ->
        [too-large] 1 MiB を超える本文
       *[not-json] JSON ではない本文
    }で応答したため、スペックの応答チェックを実行できませんでした。
test-exchange-refused = { $provider } は { $method }を受け付けませんでした。トークンエンドポイントが拒否しました。入力内容を確認して、もう一度お試しください。
test-note-token-only = 問い合わせたのはトークンエンドポイントだけです。API リクエストは送信していません。
problem-provider-unreachable-test = 接続テストで { $provider } に接続できませんでした（{ $what ->
        [connect] 接続エラー
        [request] リクエストエラー
       *[unknown] その他のエラー
    }）
problem-provider-timeout-test = { $provider } は接続テストに { $ms } ms 以内に応答しませんでした
problem-unknown-actions-detail = 指定されたアクション ID のうち { $count } 件はこの認証方式のアクションではありません。{ $provider } の { $method } のアクション: { $actions }
problem-unknown-actions-none = 指定されたアクション ID のうち { $count } 件はこの認証方式のアクションではありません。{ $provider } の { $method } にアクションはありません

## 接続テストでわかったスコープ（ハブへの警告）。

learned-no-scopes = スコープなし
learned-missing = { $provider } は { $method }を受け付けましたが、連携に必要な権限が不足しています: { $missing }。最小権限: { $least }。
learned-excess = { $provider } は { $method }を受け付けましたが、連携に必要な権限より { $count } 個多いスコープを持っています。最小権限: { $least }。
learned-missing-and-excess = { $provider } は { $method }を受け付けましたが、連携に必要な権限が不足しています: { $missing }。また、必要より { $count } 個多いスコープを持っています。最小権限: { $least }。

## OAuth 2.0。

problem-not-found-oauth = { $provider } の { $method } は OAuth の認証方式ではありません
problem-oauth-not-configured-detail = { $provider } の { $method } はまだここで連携できません。サービスに{ $what ->
        [client-id] クライアント ID
        [redirect-uri] リダイレクト URI（--oauth-redirect-uri）
        [state-key] state のキー（CONNECTSPEC_OAUTH_STATE_KEYS または --oauth-state-key-file）
       *[client] この認証方式の OAuth クライアント（クライアント ID とシークレット）
    }がありません
problem-bad-request-members-of = リクエスト本文は、メンバー { $members } を持つ JSON オブジェクトにしてください
problem-bad-request-member-types = リクエスト本文は、メンバー { $members } を持ち値が文字列の JSON オブジェクトにしてください
problem-bad-request-no-member = リクエスト本文に `{ $member }` がありません
problem-bad-request-empty-member = `{ $member }` が空です
problem-bad-request-scopes = 要求されたスコープのうち { $count } 件は { $provider } の { $method } のスコープではありません（スコープ: { $scopes }）
problem-bad-request-use-token = { $provider } の { $method } はクライアントクレデンシャルグラントを使います。代わりに POST …/token を使ってください
problem-bad-request-use-authorize = { $provider } の { $method } は認可コードグラントを使います。代わりに POST …/authorize を使ってください
problem-not-found-refresh = { $provider } の { $method } はリフレッシュのないクライアントクレデンシャルグラントを使います。新しいアクセストークンは POST …/token で取得してください
problem-bad-request-captured = `values` に、トークンの引き渡しで返された `{ $key }`（{ $label }）がありません
problem-bad-request-client-dynamic = { $provider } の { $method } は接続ごとにプロバイダーで OAuth クライアントを登録します。`client` は送信しないでください
problem-bad-request-client-integrator = { $provider } の { $method } はサービスで設定したインテグレーターの OAuth クライアントを使います。`client` は送信しないでください
problem-bad-request-client-end-user = { $provider } の { $method } はエンドユーザー自身の OAuth アプリを使います。その値を `client` で送信してください（{ $fields }）
problem-values-too-long-flow = フォームの値が長すぎて、プロバイダーでのサインインを経由して引き渡せません。短くしてください
problem-oauth-bad-state-detail = このサインインのリンクは無効か、有効期限が切れています。アカウントの連携を最初からやり直してください。
problem-oauth-unbound-detail = このサインインはこのブラウザーで開始されたものではないか、すでに使用されています。アカウントの連携を最初からやり直してください。
problem-bad-request-redirect-no-code = プロバイダーのリダイレクトに `code` も `error` もありません
problem-bad-request-redirect-empty-code = プロバイダーのリダイレクトの `code` が空です
problem-provider-bad-answer-redirect = { $provider } のリダイレクトに、スペックに記載された値がないか、形式の異なる値がありました
problem-connection-test-failed-detail = { $message }
problem-oauth-access-denied-detail = { $provider } でアクセスを許可しなかったため、アカウントは連携されませんでした。連携するには、最初からやり直して { $provider } でリクエストを承認してください。
problem-oauth-invalid-scope-detail = { $provider } が要求した権限を拒否したため、アカウントは連携されませんでした。
problem-oauth-sign-in-required-detail = { $provider } でのサインインが完了しませんでした。アカウントの連携を最初からやり直し、サインインを完了してください。
problem-oauth-provider-unavailable-detail = { $provider } は現在サインインを完了できません。数分後にもう一度お試しください。
problem-oauth-authorization-error-detail = { $provider } がサインインを完了しなかったため、アカウントは連携されませんでした。連携を最初からやり直してください。
problem-oauth-invalid-grant-detail = { $provider } はサインインを受け付けませんでした。すでに使用済みか、有効期限切れか、取り消されています。アカウントの連携を最初からやり直してください。
problem-oauth-client-rejected-detail = { $provider } はこの連携の OAuth アプリ（クライアント ID、シークレット、または許可されていないグラント）を受け付けませんでした。インテグレーターが { $provider } でアプリの設定を確認する必要があります。
problem-oauth-invalid-scope-token = { $provider } が要求した権限を拒否しました。
problem-oauth-token-error-detail = { $provider } がトークンのリクエストを拒否しました。
problem-provider-timeout-token = { $provider } がトークンのリクエストに時間内に応答しませんでした
problem-provider-unreachable-token = トークンのリクエストで { $provider } に接続できませんでした（{ $what ->
        [timeout] タイムアウト
        [refused] 拒否したアドレス
        [connect] 接続エラー
        [too-large] 応答が大きすぎます
       *[request] リクエストエラー
    }）
problem-provider-bad-answer-tokens = { $provider } のトークンエンドポイントが、スペックに記載されたトークン以外のものを返しました

## OAuth ディスカバリーと動的クライアント登録。

problem-oauth-discovery-refused-detail = { $provider } の OAuth メタデータは{ $why }。そのためアカウントを連携できません
discovery-what = { $what ->
        [resource] 保護されたリソース
        [server] 認可サーバー
        [authorization-endpoint] 認可エンドポイント
        [token-endpoint] トークンエンドポイント
        [registration-endpoint] 登録エンドポイント
        [resource-metadata] 保護されたリソースのメタデータ
       *[server-metadata] 認可サーバーのメタデータ
    }
discovery-a-what = { $what ->
        [resource] 保護されたリソース
        [server] 認可サーバー
        [authorization-endpoint] 認可エンドポイント
        [token-endpoint] トークンエンドポイント
        [registration-endpoint] 登録エンドポイント
        [resource-metadata] 保護されたリソースのメタデータ
       *[server-metadata] 認可サーバーのメタデータ
    }
discovery-not-https = 、単純な https アドレスではない{ $a_what }を示しています
discovery-host = 、このプロバイダーのスペックが許可していないホスト上の{ $a_what }を示しています
discovery-internal = 、内部アドレスにある{ $a_what }を示しています
discovery-resolves-internal = 、内部アドレスにしか解決されない{ $a_what }を示しています
discovery-too-large = （{ $what }）が 64 KiB を超えています
discovery-not-object = （{ $what }）が JSON オブジェクトではありません
discovery-no-url = に{ $what }がありません
discovery-not-url = 、URL ではない{ $a_what }を示しています
discovery-no-server = に認可サーバーがありません
discovery-server-query = 、識別子にクエリまたはフラグメントを含む認可サーバーを示しています
discovery-issuer = 、取得元の認可サーバーとは別の発行者を示しています
discovery-no-pkce = は S256 の PKCE に対応していません（code_challenge_methods_supported）
discovery-not-rfc9728 = （保護されたリソース）が RFC 9728 の形式ではありません
discovery-other-resource = （保護されたリソース）が、問い合わせたものとは別のリソースを示しています
discovery-no-resource-metadata = が見つかりませんでした。リソースが保護されたリソースのメタデータを公開していません
discovery-not-rfc8414 = （認可サーバー）が RFC 8414 の形式ではありません
discovery-no-server-metadata = が見つかりませんでした。認可サーバーがメタデータを公開していません
discovery-no-registration = に登録エンドポイントがありません（RFC 7591）
problem-provider-unreachable-discovery = { $provider } の{ $what }を取得できませんでした（{ $kind ->
        [timeout] 時間内に応答がありません
        [connect] 接続エラー
       *[request] リクエストエラー
    }）
problem-oauth-registration-invalid-detail = `registration` は、このサービスがこのプロバイダーと認証方式に発行したものではないか、変更されたか、クライアントの有効期限が切れています。アカウントをもう一度連携してください
problem-provider-bad-answer-registration-long = プロバイダーのクライアント登録が長すぎて引き渡せません
problem-oauth-registration-failed-detail = { $provider } { $why ->
        [unreached-timeout] にクライアントを登録するために接続できませんでした（時間内に応答がありません）
        [unreached-connect] にクライアントを登録するために接続できませんでした（接続エラー）
        [unreached-other] にクライアントを登録するために接続できませんでした（リクエストエラー）
        [broke-off] が登録の応答を途中で打ち切りました
        [too-large] が 64 KiB を超える登録を返しました
        [timeout] が登録に時間内に応答しませんでした
        [not-rfc7591] が RFC 7591 の JSON ではない登録を返しました
        [no-client-id] が使えるクライアント ID のない登録を返しました
        [bad-secret] が使えないクライアントシークレットを返しました
       *[refused] がこの接続のクライアント登録を拒否しました
    }
problem-bad-request-no-registration = { $provider } の { $method } は OAuth エンドポイントをスペックに記載しています。`registration` は送信しないでください
problem-bad-request-registration-needed = { $provider } の { $method } はディスカバリーで OAuth クライアントを見つけます。連携結果で渡された `registration` を送信してください
problem-bad-request-registration-resource = フィールドが、`registration` の作成時とは別の { $provider } サーバーを示しています

## トークン交換。

problem-not-found-exchange = { $provider } の { $method } はトークン交換の認証方式ではありません
problem-provider-error-token = { $provider } のトークンエンドポイントがトークンではなく HTTP { $status } を返しました
problem-provider-bad-answer-no-token = { $provider } のトークンエンドポイントが、スペックに記載されたアクセストークンを含まない応答を返しました
problem-provider-bad-answer-too-large = { $provider } のトークンエンドポイントが 64 KiB を超える応答を返しました
problem-exchange-refused-detail = { $provider } のトークンエンドポイントが { $method }を拒否しました（HTTP { $status }）。誤っているか、取り消されているか、このグラントで許可されていません

## サービスのページ。

page-hosted-title = アカウントの連携
page-oauth-linked-title = アカウントを連携しました
page-oauth-linked = アカウントを連携しました。このウィンドウは自動的に閉じます。閉じない場合は、閉じて元の画面に戻ってください。
page-problems-page-title = スペック { $provider }
page-problems-title = このスペックは読み込めません
page-problems-last-good = 下のフォームは最後に読み込めたバージョンです。これらの問題を修正して保存すると、再読み込み後に新しいバージョンが表示されます。
page-problems-none-good = これらの問題を修正して保存すると、再読み込み後にフォームが表示されます。
