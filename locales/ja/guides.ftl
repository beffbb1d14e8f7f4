### ガイドページのエンジン側の文言（日本語）。原文：locales/en/guides.ftl。
### です・ます調。英字の語の前後には、既存の翻訳と同じく半角スペースを入れます。
### 日本語の複数形カテゴリは other だけです。

## タイトルと説明

guide-page-title = { $provider }を{ $method }で接続する
guide-page-description = 手順に沿って、{ $provider }で{ $method }を作成し、それを使って{ $provider }アカウントを連携します。
guide-page-description-authorization-code = 手順に沿って、{ $provider }にサインインしてアクセスを承認し、{ $provider }アカウントを連携します。
guide-page-description-client-credentials = 手順に沿って、{ $method }コネクタのアプリ認証情報で{ $provider }アカウントを連携します。
guide-setup-title = { $provider } { $method }を設定する
guide-setup-description = { $provider } { $method }コネクタの初回設定：OAuth アプリ、そのリダイレクト URI、スコープ、認証情報。
guide-index-title = 接続ガイド
guide-index-description = Hub から連携できるすべてのプロバイダーと、サインイン方法ごとのガイドです。

## 索引の見出し

guide-category-hr = 人事・給与
guide-category-ats = 採用管理
guide-category-crm = CRM・営業
guide-category-accounting = 会計・財務
guide-category-payments = 決済・請求
guide-category-ticketing = チケット管理・サポート
guide-category-project_management = プロジェクト・業務管理
guide-category-learning = 学習
guide-category-identity = ID・アクセス管理
guide-category-documents = 文書・ファイル・電子署名
guide-category-knowledge = ナレッジ・ドキュメント
guide-category-productivity = 生産性・スケジュール
guide-category-communication = メッセージ・コミュニケーション
guide-category-marketing = マーケティング・メール
guide-category-commerce = コマース
guide-category-cms = Web サイト・CMS
guide-category-analytics = 分析・データ
guide-category-monitoring = 監視・インシデント
guide-category-developer_tools = 開発者ツール
guide-category-ai = AI
guide-category-other = その他

## ガイド

guide-warning-label = 警告：
guide-step-title = ステップ { $n }：{ $title }
guide-step-permissions = この手順で付与される権限：
guide-format = 形式：{ $hint }。

## インテグレーションが行うこと

guide-actions-heading = インテグレーションが行うこと
guide-actions-chosen = このガイドは次のアクションを対象としています：
guide-actions-each = 各アクションには、併記された権限が必要です：
guide-actions-each-choose = 各アクションには、併記された権限が必要です。インテグレーションに必要なアクションを選ぶと、それに必要な手順と権限だけが表示されます。
guide-actions-exact = 次の権限を過不足なく付与してください：

## Hub からアカウントを連携する

guide-hub-heading = Hub からアカウントを連携する
guide-hub-navigate = Hub を開く
guide-hub-navigate-text = 3 つの[アカウント連携方法]({ $href })のいずれかで Hub を開きます。
guide-hub-fields = フィールドに入力する
guide-hub-fields-text = 上で集めた情報を次のフィールドに入力します：
guide-hub-fields-oauth = 次のフィールドに入力します：
guide-field-optional = （任意）
guide-field-default = （既定値：{ $option }）
guide-field-paste-json = JSON キーファイルの内容を貼り付けるか、ファイルを選択します
guide-field-paste-pem = PEM 形式の秘密鍵を貼り付けるか、そのファイルを選択します
guide-hub-connect = 接続
# Hub のフォームのボタンのラベル（form.ftl）。
guide-connect-button = 接続
guide-hub-click =**{ $button }**をクリックします。
guide-hub-provider-flow = { $provider }からサインインやアクセスの承認を求められた場合は、その手続きを完了します。
guide-hub-confirmation = アカウントが連携されると、確認メッセージが表示されます。
guide-hub-accounts = 連携したアカウントは、その後[アカウント]({ $href })ページに表示されます。

## OAuth 2.0

guide-oauth-sent = { $provider }に移動します。まだサインインしていない場合は、そこでサインインします。
guide-oauth-approve = { $provider }に、インテグレーションが求める内容が表示されます。承認するとアカウントが連携されます。キャンセルした場合は何も連携されません。
guide-oauth-client-credentials = Hub がコネクタのアプリ認証情報を使って{ $provider }からアクセストークンを取得します。サインインは不要です。
guide-oauth-asks = { $provider }で承認を求められる内容：
guide-oauth-accounts-setup = 連携したアカウントは、その後[アカウント]({ $href })ページに表示されます。コネクタ自体は管理者が一度だけ設定します。[{ $title }]({ $setup })を参照してください。

## 設定ページ

guide-setup-register-heading = OAuth アプリを登録する
guide-setup-register-at = アプリを所有するアカウントの管理者としてサインインし、[{ $provider }の開発者設定]({ $href })でアプリを登録します。
guide-setup-register = アプリを所有するアカウントの管理者としてサインインし、{ $provider }でアプリを登録します。
guide-setup-redirect = リダイレクト URI（コールバック URL）には、接続サービスのコールバックを入力します。これは公開アドレスの後に`{ $path }`を付けたもので、例えば`{ $example }`です。{ $provider }は、完全に一致するアドレスにしかエンドユーザーを戻しません。
guide-setup-scopes-heading = スコープを有効にする
guide-setup-scopes-text = アプリにこれらの権限を付与します。コネクタは連携のたびに、最初に挙げたものを要求します。
guide-setup-scope-required = （常に要求）
guide-setup-scope-default = （既定で要求）
guide-setup-scope-optional = （任意）
guide-setup-credentials-heading = 認証情報をコピーする
guide-setup-secret = （秘密情報）
guide-setup-end-user = 各エンドユーザーはこの方法で自分のアプリを登録し、連携時にその認証情報を連携フォームに入力します。接続サービスでは何も設定せず、あるユーザーのアプリが別のユーザーに使われることはありません。
guide-setup-give = これらを一度だけ接続サービスに渡します。`{ $option }`ファイルの{ $provider }と{ $method }の下に記述するか、環境変数{ $variables }として設定します。エンドユーザーがこれらを目にすることはありません。
guide-setup-give-either = これらを一度だけ接続サービスに渡します。`{ $option }`ファイルの{ $provider }と{ $method }の下に記述するか、環境変数{ $variables }として設定します。エンドユーザーは代わりに自分のアプリを用意し、その認証情報を連携フォームに入力することもできます。その場合、その連携ではそのユーザーのアプリが使われます。
guide-setup-then = その後、エンドユーザーは [{ $title }]({ $href }) の説明に従ってアカウントを連携します。

## 「接続」で Hub が行うこと

guide-check-discovery = Hub は`{ $resource }`のメタデータを読み取り、その認可サーバーを見つけます。
guide-check-discovery-dynamic = Hub は`{ $resource }`のメタデータを読み取ってその認可サーバーを見つけ、この接続用のクライアントをそこに登録します。事前に登録するアプリはありません。
guide-check-exchange = Hub はまず、{ $fields }を`{ $host }`で有効期間の短いアクセストークンと交換します。
guide-exchange-values = 入力された値
guide-exchange-fields = { $fields }
guide-check-assertion = そのために、**{ $field }**に入力された秘密鍵で有効期間の短い{ $algorithm }アサーションに署名します。鍵そのものが送信されることはありません。
guide-check-test = 接続テストは`{ $request }`を{ $provider }に送信し、応答が { $status } であれば成功です。
guide-check-identity = 「{ $identity }」を読み取るため、同じアカウントをもう一度連携すると、別のアカウントが追加されるのではなく既存のものが更新されます。
guide-identity-default = アカウント ID
guide-learns-token = アクセストークン
guide-learns-method = { $method }
guide-learns-scopes = 接続テストでは、{ $credential }が持つスコープも読み取ります。
guide-learns-expiry = 接続テストでは、{ $credential }の有効期限も読み取ります。
guide-learns-scopes-expiry = 接続テストでは、{ $credential }が持つスコープと有効期限も読み取ります。
guide-learns-lifetime = Hub は、{ $credential }の有効期限を**{ $field }**から、連携した時点を起点として算出します。
guide-learns-scopes-lifetime = 接続テストでは、{ $credential }が持つスコープも読み取ります。Hub は、{ $credential }の有効期限を**{ $field }**から、連携した時点を起点として算出します。

## 認証情報の制限

guide-limit-shown-once = { $credential }は生成時に一度だけ表示されます。
guide-limit-max-count =
    { $n ->
       *[other] { $credential }は同時に最大 { $n } 個まで存在できます。
    }
guide-limit-max-count-per =
    { $n ->
       *[other] { $credential }は{ $per }ごとに最大 { $n } 個まで存在できます。
    }
guide-limit-expires-after = { $credential }は生成から { $n }{ $unit }後に失効します。
guide-limit-expires-inactive = { $credential }は { $n }{ $unit }連続で使用されないと失効します。
guide-limit-expires-choices = { $credential }を作成するときに、有効期限を次から選びます：{ $options }。
guide-limit-choice-after = { $numbers }{ $unit }後
guide-limit-choice-date = 任意の日付
guide-limit-choice-never = 無期限
guide-limit-rate = リクエスト数は{ $unit }{ $n } 件までに制限されています。
guide-unit =
    { $unit ->
        [seconds]
            { $n ->
               *[other] 秒
            }
        [minutes]
            { $n ->
               *[other] 分
            }
        [hours]
            { $n ->
               *[other] 時間
            }
       *[days]
            { $n ->
               *[other] 日
            }
        [requests_per_second]
            { $n ->
               *[other] 毎秒
            }
        [requests_per_minute]
            { $n ->
               *[other] 毎分
            }
        [requests_per_hour]
            { $n ->
               *[other] 毎時
            }
    }

## 句読点と列挙

guide-label-separator = ：
guide-list-separator = 、
guide-list-or = { $init }または{ $last }
guide-list-and = { $init }と{ $last }
