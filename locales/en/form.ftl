## The link form's interface (English, the source): <connectspec-link>, the service's
## link pages. The spec's own texts (labels, descriptions, hints, the guide) and the
## service's sentences (validation, connection-test outcomes) come from the service.
## Every id starts with `form-`: one bundle holds every area's messages.

form-loading = Loading the form…
form-load-failed = The form could not be loaded.
# The provider's listing has no such method (a wrong `method` attribute).
form-no-method = { $provider } has no auth method “{ $method }”.
form-optional = (Optional)
# Before a field's format hint; $hint is the hint itself (it may hold code).
form-hint = Format: { $hint }
form-show = Show
form-hide = Hide
form-show-label = Show { $label }
form-hide-label = Hide { $label }
form-choose = Choose…
form-choose-key-file = Choose the key file for { $label }
form-pem-placeholder = -----BEGIN PRIVATE KEY-----
form-key-file-placeholder = Paste the JSON key file, or choose it below
form-client-legend = Your { $provider } app
form-client-optional = Your own { $provider } app (optional)
form-connect = Connect
form-connect-with = Connect with { $provider }
form-checking = Checking your details…
form-testing = Testing the connection with { $provider }…
form-connected = Connected. { $provider } accepted the { $method }.
form-fix-errors = { $count ->
        [one] Please correct the highlighted field.
       *[other] Please correct the highlighted fields.
    }
form-grant = Grant these permissions, then try again:
form-timeout = { $provider } did not answer in time. Try again in a moment.
form-unreachable = { $provider } could not be reached. Try again in a moment.
form-failed = The connection could not be checked ({ $status }). Try again in a moment.
form-network = The connection service could not be reached. Check your network and try again.
form-signing-in = Sign in at { $provider } in the window that opened…
form-redirecting = Opening the sign-in at { $provider }…
form-popup-closed = The sign-in window was closed before the account was linked. Press the button to start again.
form-guide = How to get your { $method }
form-limits = Good to know
form-permissions = Permissions this step grants:
form-new-tab = (opens in a new tab)

## The hosted link page (/link) and the link page (/connect/…).

form-hosted-title = Link an account
form-choose-provider = Choose the account to link
form-search-providers = Search providers
form-no-match = No provider matches your search.
form-back = Back to the list
# A provider with several methods in the picker.
form-offer = { $provider } ({ $method })
form-hosted-done = The account is linked. You can close this window.
form-hosted-sent = The account is linked and was handed to the page that opened this form.
form-reconnect-title = Reconnect your { $provider } account
form-reconnect-note = Enter new credentials of the same { $provider } account that was linked before.
form-hosted-no-session = This link is not complete: open the link your service gave you again.
