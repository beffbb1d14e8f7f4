## The service's messages (English, the source). See docs/service.md#languages.
## Problem titles are `problem-<code>`; every other id starts with what it is for.
## Arguments are never secrets: ids, counts, the provider's name and spec texts.

# Between the items of a list in a sentence.
list-separator = {", "}

## Problem titles, one per problem code.

problem-bad-path = Malformed request path
problem-bad-request = Malformed request body
problem-body-timeout = Request body too slow
problem-body-too-large = Request body too large
problem-connection-test-failed = Connection test failed
problem-different-account = Different account
problem-exchange-refused = Credentials refused by the token endpoint
problem-internal = Internal error
problem-invalid-fields = Invalid credentials form
problem-invalid-session-request = Invalid session request
problem-link-result-invalid = Link result not valid
problem-method-not-allowed = Method not allowed
problem-not-found = Not found
problem-not-offered = Not offered in this link session
problem-oauth-access-denied = Access not granted
problem-oauth-authorization-error = Sign-in failed
problem-oauth-bad-state = Sign-in link not valid
problem-oauth-client-rejected = OAuth client rejected
problem-oauth-discovery-refused = Provider's OAuth metadata refused
problem-oauth-invalid-grant = Sign-in could not be completed
problem-oauth-invalid-scope = Permissions refused
problem-oauth-not-configured = OAuth not configured
problem-oauth-provider-unavailable = Provider unavailable
problem-oauth-registration-failed = Client registration failed
problem-oauth-registration-invalid = Registration not valid
problem-oauth-sign-in-required = Sign-in not completed
problem-oauth-token-error = Provider refused the token request
problem-oauth-unbound = Sign-in not started here
problem-provider-bad-answer = Unexpected answer from the provider
problem-provider-error = Provider error
problem-provider-timeout = Provider did not answer in time
problem-provider-unreachable = Provider unreachable
problem-refused-host = Provider address refused
problem-session-expired = Link session expired
problem-session-required = Link session required
problem-too-many-tests = Too many attempts
problem-unauthorized = Operator credential required
problem-unknown-actions = Unknown actions
problem-unsupported-media-type = Unsupported media type
problem-values-too-long = Values too long

## Problem details: the path and the caller.

problem-bad-path-utf8 = the provider or method id in the path is not valid UTF-8 text
problem-not-found-provider = unknown provider `{ $provider }`
problem-not-found-provider-unnamed = unknown provider named in the path
problem-not-found-method = { $provider } has no auth method `{ $method }` (methods: { $methods })
problem-not-found-method-unnamed = { $provider } has no auth method named in the path (methods: { $methods })
problem-not-found-endpoint = no such endpoint; see GET /v1/providers
problem-method-not-allowed-detail = this endpoint does not accept that HTTP method
problem-unauthorized-no-keys = this endpoint is for the hub's back end, and this service has no API keys: configure CONNECTSPEC_API_KEYS or --api-key-file
problem-unauthorized-send-key = this endpoint is for the hub's back end: send `Authorization: Bearer <API key>` with one of the service's operator keys

## Problem details: request bodies.

problem-body-timeout-detail = the request body did not arrive within { $ms } ms
problem-bad-request-unreadable = the request body could not be read
problem-body-too-large-detail = the request body must be at most { $kib } KiB
problem-unsupported-media-type-detail = { $why ->
        [missing] the request has no Content-Type
        [unreadable] the Content-Type header is not readable
       *[not-json] the Content-Type is not JSON
    }; send the body as `Content-Type: application/json`
problem-bad-request-shape = the request body must be { $shape } (line { $line }, column { $column })
problem-bad-request-empty = the request body is empty; expected {"{"}"fields": {"{"}…{"}"}{"}"}
problem-bad-request-json-at = the request body is not valid JSON (line { $line }, column { $column })
problem-bad-request-json = the request body is not valid JSON
problem-bad-request-not-object = the request body must be a JSON object {"{"}"fields": {"{"}…{"}"}{"}"}, not { $kind ->
        [null] null
        [boolean] a boolean
        [number] a number
        [string] a string
        [array] an array
       *[object] an object
    }
problem-bad-request-members = the request body may only have the members `fields`, `actions` and `lang`
problem-bad-request-actions = `actions` must be an array of action ids
problem-bad-request-lang = `lang` must be a language tag such as `de` or `ja-JP`
problem-bad-request-fields = `fields` must be an object of field key to string value, not { $kind ->
        [null] null
        [boolean] a boolean
        [number] a number
        [string] a string
        [array] an array
       *[object] an object
    }
problem-bad-request-no-fields = the request body has no `fields` object

## What a request body must be, in "the request body must be …".

shape-exchange = a JSON object {"{"}"result": "…"{"}"}
shape-connect = a JSON object {"{"}"provider": …, "method": …, "fields": {"{"}…{"}"}{"}"}
shape-session = a JSON object with `end_user`, `offers` and the optional members of a session

## Problem details: link sessions and results.

problem-internal-unsealable = the { $what ->
        [result] result
        [session] session
        [state] state
        [flow] flow
       *[registration] registration
    } could not be sealed
problem-values-too-long-result = the account's values are too long to hand over; shorten them
problem-link-result-invalid-detail = the result is not one this service issued, was changed, or has expired (results are good for { $minutes } minutes): link the account again
problem-different-account-detail = This is a different { $provider } account from the one linked before. Sign in to the account that was linked, or link this one as a new connection.
problem-too-many-tests-detail = The details were checked too many times in a short while ({ $count } a minute). Wait a minute and try again.
problem-bad-request-connect-operator = the back end checks credentials with …/validate and …/test; /v1/link/connect is the link form's, in a link session
problem-bad-request-connect-sign-in = { $provider } { $method } links through the provider's sign-in: POST …/authorize
problem-bad-request-no-client = { $provider } { $method } has no OAuth client: send no `client`
problem-not-offered-detail = this link session does not offer { $provider } { $method }
problem-session-expired-detail = This link has expired. Go back and start linking the account again.
problem-session-required-detail = this endpoint is called by the link form within a link session: send `Connectspec-Session: <session token>` (the hub's back end opens one with POST /v1/link/sessions)
problem-bad-request-session-view = this endpoint describes a link session: send its token in `Connectspec-Session`
problem-session-reference = `{ $member }` must be 1 to { $max } characters without control characters
problem-session-no-offers = `offers` names no provider: offer at least one
problem-session-too-many-offers = `offers` has more than { $max } entries
problem-session-offer-provider = offer { $offer } names no provider
problem-session-offer-method = offer { $offer }: { $provider } has no such method
problem-session-reconnect-method = `reconnect` names no method of the catalogue
problem-session-reconnect-identity = `reconnect.identity`: the connection test of { $provider } { $method } names no account (its spec has no `connection_test.identity`), so the account cannot be compared; leave `identity` out
problem-session-value-key = `values` has a key that no offered method has: `{ $key }`
problem-session-value-key-unnamed = `values` has a key that no offered method has: (not shown)
problem-session-value-secret = `values.{ $key }` is a secret field: a session never carries secrets; the end user types them
problem-session-value-long = `values.{ $key }` is longer than { $max } characters
problem-session-scope = a scope in `scopes` is not a scope of any offered method
problem-session-action = an action in `actions` is not an action of any offered method
problem-session-locale = `locale` must be a BCP 47 language tag such as `en` or `de-CH`
problem-session-locale-pseudo = `locale` names a pseudo-locale, which this service serves only when started with --pseudo-locales
problem-session-origin = `origin` must be the service's embed origin (--embed-origin): only that origin may hold the form and receive its results
problem-session-return-url = `return_url` must be a URL without a fragment on the embed origin or the service's own
problem-session-expires-in = `expires_in` must be between 60 and { $max } seconds
problem-session-too-large = the session is too large: offer fewer providers or shorter values
shape-fields = a JSON object {"{"}"fields": {"{"}…{"}"}{"}"}

## Problem details: field errors.

problem-invalid-fields-detail = { $count ->
        [one] { $count } field is invalid: { $messages }
       *[other] { $count } fields are invalid: { $messages }
    }
problem-invalid-fields-more = { $count ->
        [one] { $count } field is invalid: { $messages }; and { $more } more
       *[other] { $count } fields are invalid: { $messages }; and { $more } more
    }
# A value the service cannot send (a header line break); $label names it.
field-control-character = { $label } must not contain line breaks or other control characters
label-access-token = The access token
# A private-key field the service could not sign a JWT assertion with.
field-key-unusable = { $label } { $why ->
        [not-a-key] is not a private key the service can sign with
       *[unsigned] could not sign the assertion
    }

## Problem details: the provider's address, refused.

# $label is the field (or captured value) that decides the host.
refused-host-field = { $label } { $why ->
        [needed] is needed to build the provider's address
        [needed-token] is needed to build the provider's token address
        [invalid] does not make a valid provider address
        [invalid-token] does not make a valid provider token address
        [not-https-token] does not make an https token address
        [not-allowed] leads to a host this provider's spec does not allow
        [internal] is an internal address
        [internal-only-test] resolves only to internal addresses, which connection tests never reach
       *[internal-only] resolves only to internal addresses, which the service never reaches
    }
# A value that cannot go where the spec's URL template puts it.
refused-value = { $label } { $why ->
        [one-label] must be one host label here (letters, digits and hyphens, no dot)
        [empty-segment] cannot make an empty, `.` or `..` path segment
        [not-base-url] is not an https URL without user name, password, query or fragment
        [not-host] is not a host name (letters, digits, hyphens and dots only)
        [dot-segment] cannot be a `.` or `..` path segment
       *[misplaced] cannot be placed in this part of the URL
    }
# The first field error, as the problem's detail.
problem-refused-host-detail = { $message }
problem-refused-host-form = the provider address built from the form is refused

## Problem details: the service itself.

problem-internal-test-method = the spec's connection test method `{ $method }` is not an HTTP method
problem-internal-header-value = a credential header value is not a valid HTTP header value
problem-internal-base-url = the base URL override and the test path do not make a URL
problem-internal-oauth-origin = the OAuth origin override does not fit the provider's URL
problem-internal-authorization-url = the provider's authorization URL is not a valid header value
problem-internal-redirect-uri = the redirect URI is not a URL
problem-internal-no-discovery = the method has no discovery
problem-internal-randomness = no randomness for the assertion
problem-internal-assertion-claim = { $provider } { $method }: the assertion's `{ $claim }` names a value the fields do not give
problem-internal-exchange = { $what ->
        [body-not-json] the spec's exchange body is not JSON
        [body-unwritable] the exchange body could not be written
        [template] a string of the exchange body is not a template
       *[request] the exchange request could not be built
    }
problem-internal-exchange-of = { $provider } { $method }: { $what ->
        [header] an exchange header value is not a valid HTTP header value
       *[basic-user] the exchange's basic user names a value the fields do not give
    }
problem-not-found-link-asset = no such asset of the link form
problem-not-found-validators-asset = no such file in the browser validators package

## Connection tests.

# The method's title: pages, listings, the form's heading.
method-title = Connect { $provider } with { $method }
problem-not-found-test = { $provider } { $method } declares no connection test
test-connected = { $provider } accepted the { $method }.
# A status the spec says means missing scopes: its meaning, then the scopes to grant.
test-missing-scopes = { $meaning } { $scopes }.
test-unexpected-status = { $provider } answered the connection test with HTTP { $status }, which its spec does not describe.
test-unreadable = { $provider } answered the connection test with { $why ->
        [too-large] more than 1 MiB
       *[not-json] a body that is not JSON
    }, so the spec's checks of the answer could not run.
test-exchange-refused = { $provider } did not accept the { $method }: its token endpoint refused them. Check them and try again.
test-note-token-only = Only the token endpoint was asked: no API request was made.
problem-provider-unreachable-test = the connection test could not reach { $provider } ({ $what ->
        [connect] connect error
        [request] request error
       *[unknown] other error
    })
problem-provider-timeout-test = { $provider } did not answer the connection test within { $ms } ms
problem-unknown-actions-detail = { $count ->
        [one] { $count } of the given action ids is not an action of this method
       *[other] { $count } of the given action ids are not an action of this method
    }; the actions of { $provider } { $method } are: { $actions }
problem-unknown-actions-none = { $count ->
        [one] { $count } of the given action ids is not an action of this method
       *[other] { $count } of the given action ids are not an action of this method
    }; the actions of { $provider } { $method } are: none

## What the connection test learned about the scopes (a warning for the hub).

learned-no-scopes = no scopes
learned-missing = { $provider } accepted the { $method }, but it lacks what the integration needs: { $missing }. Least privilege: { $least }.
learned-excess = { $provider } accepted the { $method }, but it holds { $count ->
        [one] one scope
       *[other] { $count } scopes
    } more than the integration needs. Least privilege: { $least }.
learned-missing-and-excess = { $provider } accepted the { $method }, but it lacks what the integration needs: { $missing }, and it holds { $count ->
        [one] one scope
       *[other] { $count } scopes
    } more than the integration needs. Least privilege: { $least }.

## OAuth 2.0.

problem-not-found-oauth = { $provider } { $method } is not an OAuth method
problem-oauth-not-configured-detail = { $provider } { $method } cannot be linked here yet: the service has no { $what ->
        [client-id] client id
        [redirect-uri] redirect URI (--oauth-redirect-uri)
        [state-key] state key (CONNECTSPEC_OAUTH_STATE_KEYS or --oauth-state-key-file)
       *[client] OAuth client for it (client id and secret)
    }
problem-bad-request-members-of = the request body must be a JSON object with the members { $members }
problem-bad-request-member-types = the request body must be a JSON object with the members { $members }, with string values
problem-bad-request-no-member = the request body has no `{ $member }`
problem-bad-request-empty-member = `{ $member }` is empty
problem-bad-request-scopes = { $count ->
        [one] { $count } of the scopes asked for is not a scope of { $provider } { $method } (scopes: { $scopes })
       *[other] { $count } of the scopes asked for are not a scope of { $provider } { $method } (scopes: { $scopes })
    }
problem-bad-request-use-token = { $provider } { $method } uses the client credentials grant: POST …/token instead
problem-bad-request-use-authorize = { $provider } { $method } uses the authorization code grant: POST …/authorize instead
problem-not-found-refresh = { $provider } { $method } uses the client credentials grant, which has no refresh: POST …/token for a new access token
problem-bad-request-captured = `values` lacks `{ $key }` ({ $label }), which the token handoff returned
problem-bad-request-client-dynamic = { $provider } { $method } registers its OAuth client at the provider for each connection: send no `client`
problem-bad-request-client-integrator = { $provider } { $method } uses the integrator's OAuth client, configured in the service: send no `client`
problem-bad-request-client-end-user = { $provider } { $method } uses the end user's own OAuth app: send its values in `client` ({ $fields })
problem-values-too-long-flow = the form's values are too long to carry through the provider's sign-in; shorten them
problem-oauth-bad-state-detail = This sign-in link is not valid or has expired. Start linking the account again.
problem-oauth-unbound-detail = This sign-in was not started in this browser, or it was already used. Start linking the account again.
problem-bad-request-redirect-no-code = the provider's redirect has neither `code` nor `error`
problem-bad-request-redirect-empty-code = the provider's redirect has an empty `code`
problem-provider-bad-answer-redirect = { $provider }'s redirect lacked a value its spec describes, or had one of another form
problem-connection-test-failed-detail = { $message }
problem-oauth-access-denied-detail = You did not allow access at { $provider }, so the account was not linked. To link it, start again and approve the request at { $provider }.
problem-oauth-invalid-scope-detail = { $provider } refused the permissions that were asked for, so the account was not linked.
problem-oauth-sign-in-required-detail = The sign-in at { $provider } was not completed. Start linking the account again and finish signing in.
problem-oauth-provider-unavailable-detail = { $provider } could not complete the sign-in just now. Try again in a few minutes.
problem-oauth-authorization-error-detail = { $provider } did not complete the sign-in, so the account was not linked. Start linking it again.
problem-oauth-invalid-grant-detail = { $provider } did not accept the sign-in: it was already used, has expired or was revoked. Start linking the account again.
problem-oauth-client-rejected-detail = { $provider } did not accept this integration's OAuth app (client id or secret, or a grant it is not allowed). The integrator must check the app's settings at { $provider }.
problem-oauth-invalid-scope-token = { $provider } refused the permissions that were asked for.
problem-oauth-token-error-detail = { $provider } refused the token request.
problem-provider-timeout-token = { $provider } did not answer the token request in time
problem-provider-unreachable-token = the token request could not reach { $provider } ({ $what ->
        [timeout] timeout
        [refused] refused address
        [connect] connect error
        [too-large] answer too large
       *[request] request error
    })
problem-provider-bad-answer-tokens = { $provider }'s token endpoint answered something other than the tokens its spec describes

## OAuth discovery and dynamic client registration.

problem-oauth-discovery-refused-detail = { $provider }'s OAuth metadata { $why }, so the account cannot be linked
discovery-what = { $what ->
        [resource] protected resource
        [server] authorization server
        [authorization-endpoint] authorization endpoint
        [token-endpoint] token endpoint
        [registration-endpoint] registration endpoint
        [resource-metadata] protected-resource metadata
       *[server-metadata] authorization-server metadata
    }
discovery-a-what = { $what ->
        [resource] a protected resource
        [server] an authorization server
        [authorization-endpoint] an authorization endpoint
        [token-endpoint] a token endpoint
        [registration-endpoint] a registration endpoint
        [resource-metadata] protected-resource metadata
       *[server-metadata] authorization-server metadata
    }
discovery-not-https = names { $a_what } that is not a plain https address
discovery-host = names { $a_what } on a host this provider's spec does not allow
discovery-internal = names { $a_what } at an internal address
discovery-resolves-internal = names { $a_what } that resolves only to internal addresses
discovery-too-large = ({ $what }) is over 64 KiB
discovery-not-object = ({ $what }) is not a JSON object
discovery-no-url = names no { $what }
discovery-not-url = names { $a_what } that is not a URL
discovery-no-server = names no authorization server
discovery-server-query = names an authorization server whose identifier has a query or fragment
discovery-issuer = names an issuer other than the authorization server it was fetched for
discovery-no-pkce = does not offer PKCE with S256 (code_challenge_methods_supported)
discovery-not-rfc9728 = (protected resource) is not of the RFC 9728 form
discovery-other-resource = (protected resource) names another resource than the one asked about
discovery-no-resource-metadata = could not be found: the resource publishes no protected-resource metadata
discovery-not-rfc8414 = (authorization server) is not of the RFC 8414 form
discovery-no-server-metadata = could not be found: the authorization server publishes none
discovery-no-registration = names no registration endpoint (RFC 7591)
problem-provider-unreachable-discovery = the { $what } of { $provider } could not be fetched ({ $kind ->
        [timeout] no answer in time
        [connect] connect error
       *[request] request error
    })
problem-oauth-registration-invalid-detail = `registration` is not one this service issued for this provider and method, was changed, or its client has expired: link the account again
problem-provider-bad-answer-registration-long = the provider's client registration is too long to hand over
problem-oauth-registration-failed-detail = { $provider } { $why ->
        [unreached-timeout] could not be reached to register a client (no answer in time)
        [unreached-connect] could not be reached to register a client (connect error)
        [unreached-other] could not be reached to register a client (request error)
        [broke-off] broke off its registration answer
        [too-large] answered a registration over 64 KiB
        [timeout] did not answer the registration in time
        [not-rfc7591] answered a registration that is not RFC 7591 JSON
        [no-client-id] answered a registration without a usable client id
        [bad-secret] answered an unusable client secret
       *[refused] refused to register a client for this connection
    }
problem-bad-request-no-registration = { $provider } { $method } names its OAuth endpoints: send no `registration`
problem-bad-request-registration-needed = { $provider } { $method } finds its OAuth client by discovery: send the `registration` the link result gave
problem-bad-request-registration-resource = the fields name another { $provider } server than the one `registration` was made for

## Token exchanges.

problem-not-found-exchange = { $provider } { $method } is not a token-exchange method
problem-provider-error-token = { $provider }'s token endpoint answered HTTP { $status }, not a token
problem-provider-bad-answer-no-token = { $provider }'s token endpoint answered without the access token its spec describes
problem-provider-bad-answer-too-large = { $provider }'s token endpoint answered more than 64 KiB
problem-exchange-refused-detail = { $provider }'s token endpoint refused the { $method } (HTTP { $status }): they are wrong, revoked or not allowed this grant

## The service's pages.

page-hosted-title = Link an account
page-oauth-linked-title = Account linked
page-oauth-linked = The account is linked. This window closes by itself; if it does not, close it and go back.
# A spec that does not load (serve --specs DIR --watch), shown to its author.
page-problems-page-title = Spec { $provider }
page-problems-title = This spec does not load
page-problems-last-good = The form below is its last good version. Fix these problems and save; the page shows the new version on reload.
page-problems-none-good = Fix these problems and save; the form appears on reload.
