## 連携フォームの画面表示（日本語、です・ます調）。原文: locales/en/form.ftl。

form-loading = フォームを読み込んでいます…
form-load-failed = フォームを読み込めませんでした。
form-no-method = { $provider } に認証方式「{ $method }」はありません。
form-optional = （任意）
form-hint = 形式: { $hint }
form-show = 表示
form-hide = 非表示
form-show-label = { $label }を表示
form-hide-label = { $label }を非表示
form-choose = 選択してください…
form-choose-key-file = { $label }の鍵ファイルを選択
form-pem-placeholder = -----BEGIN PRIVATE KEY-----
form-key-file-placeholder = JSON の鍵ファイルを貼り付けるか、下で選択してください
form-client-legend = お使いの { $provider } アプリ
form-client-optional = ご自身の { $provider } アプリ（任意）
form-connect = 接続
form-connect-with = { $provider } で接続
form-checking = 入力内容を確認しています…
form-testing = { $provider } との接続をテストしています…
form-connected = 接続しました。{ $provider } が { $method }を受け付けました。
form-fix-errors = 強調表示された { $count } 件の項目を修正してください。
form-grant = 次の権限を付与してから、もう一度お試しください:
form-timeout = { $provider } が時間内に応答しませんでした。しばらくしてからもう一度お試しください。
form-unreachable = { $provider } に接続できませんでした。しばらくしてからもう一度お試しください。
form-failed = 接続を確認できませんでした（{ $status }）。しばらくしてからもう一度お試しください。
form-network = 接続サービスに接続できませんでした。ネットワークを確認して、もう一度お試しください。
form-signing-in = 開いたウィンドウで { $provider } にサインインしてください…
form-redirecting = { $provider } のサインインを開いています…
form-popup-closed = アカウントを連携する前にサインインのウィンドウが閉じられました。ボタンを押してやり直してください。
form-guide = { $method }の取得方法
form-limits = 知っておくと便利なこと
form-permissions = この手順で付与される権限:
form-new-tab = （新しいタブで開きます）

## ホスト型の連携ページ（/link）と連携ページ（/connect/…）。

form-hosted-title = アカウントの連携
form-choose-provider = 連携するアカウントを選んでください
form-search-providers = プロバイダーを検索
form-no-match = 検索に一致するプロバイダーはありません。
form-back = 一覧に戻る
form-offer = { $provider }（{ $method }）
form-hosted-done = アカウントを連携しました。このウィンドウは閉じてかまいません。
form-hosted-sent = アカウントを連携し、このフォームを開いたページに引き渡しました。
form-reconnect-title = { $provider } アカウントの再接続
form-reconnect-note = 以前に連携したものと同じ { $provider } アカウントの新しい認証情報を入力してください。
form-hosted-no-session = このリンクは不完全です。サービスから受け取ったリンクをもう一度開いてください。
