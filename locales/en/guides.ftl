### The guide pages' own words: every sentence, heading and label the page engine
### (crates/guides) and its templates (templates/*.jinja) write. See docs/translation.md.
###
### Markup: a message may hold `**bold**` (a label of a screen the reader sees, such as
### the Hub's own buttons), `code` and [text](target), which the engine renders for each
### page flavour. Arguments are plain text and never markup: a `{ $label }` inside
### `**…**` is a bold label. Link targets and code are arguments, so a translation cannot
### change them. Numbers (`$n`) select a plural variant; give every category your
### locale has (CLDR).

## Titles and descriptions: page titles, front matter, the index.

# $provider: the provider's name; $method: the auth method's label.
guide-page-title = Connect { $provider } with { $method }
guide-page-description = Step by step: create your { $method } in { $provider } and link your { $provider } account with it.
guide-page-description-authorization-code = Step by step: link your { $provider } account by signing in at { $provider } and approving access.
guide-page-description-client-credentials = Step by step: link your { $provider } account with the { $method } connector's app credentials.
# The title of an OAuth method's one-time set-up page, for the integrator.
guide-setup-title = Set up { $provider } { $method }
guide-setup-description = One-time set-up of the { $provider } { $method } connector: the OAuth app, its redirect URI, its scopes and its credentials.
guide-index-title = Connection guides
guide-index-description = Every provider you can link from the Hub, with one guide per way of signing in.

## The index's headings: one per provider category.

guide-category-hr = HR and payroll
guide-category-ats = Applicant tracking
guide-category-crm = CRM and sales
guide-category-accounting = Accounting and finance
guide-category-payments = Payments and billing
guide-category-ticketing = Ticketing and support
guide-category-project_management = Projects and work
guide-category-learning = Learning
guide-category-identity = Identity and access
guide-category-documents = Documents, files and e-signature
guide-category-knowledge = Knowledge and documentation
guide-category-productivity = Productivity and scheduling
guide-category-communication = Messaging and communication
guide-category-marketing = Marketing and email
guide-category-commerce = Commerce
guide-category-cms = Websites and CMS
guide-category-analytics = Analytics and data
guide-category-monitoring = Monitoring and incidents
guide-category-developer_tools = Developer tools
guide-category-ai = AI
# Providers without a category.
guide-category-other = Other

## The guide: the spec's sections and steps, and the engine's labels around them.

# The label in front of the guide's warning (Markdown pages).
guide-warning-label = Warning:
# A numbered step's heading (Markdown pages; MDX numbers its steps itself).
guide-step-title = Step { $n }: { $title }
# Above the list of the permissions a step grants.
guide-step-permissions = Permissions this step grants:
# $hint: the field's format, with its own markup.
guide-format = Format: { $hint }.

## What the integration will do: a method's actions and the permissions each needs.

guide-actions-heading = What the integration will do
guide-actions-chosen = This guide is written for these actions:
guide-actions-each = Each action needs the permissions listed with it:
guide-actions-each-choose = Each action needs the permissions listed with it. Choose the actions the integration needs to see only the steps and permissions they need.
guide-actions-exact = Grant exactly these permissions:

## Linking the account from the Hub: the closing section of every link page.

guide-hub-heading = Linking the Account from the Hub
guide-hub-navigate = Navigate to the Hub
# $href: the Hub documentation's page on linking accounts.
guide-hub-navigate-text = Open the Hub with one of the three [account linking methods]({ $href }).
guide-hub-fields = Fill out the fields
guide-hub-fields-text = Enter what you gathered above into these fields:
guide-hub-fields-oauth = Enter these fields:
# After a field's label in the list of fields. Markers after a label begin with the space
# the language puts before them (none in Japanese).
guide-field-optional = {" "}(Optional)
# $option: the label of the option the field has when left alone.
guide-field-default = {" "}(Default: { $option })
guide-field-paste-json = paste the contents of the JSON key file, or choose the file
guide-field-paste-pem = paste the PEM private key, or choose its file
# The step's title.
guide-hub-connect = Connect
# The label of the Hub form's button: the same word as the form's own (`form-connect` in form.ftl).
guide-connect-button = Connect
# $button: the form button's label.
guide-hub-click = Click **{ $button }**.
guide-hub-provider-flow = If { $provider } asks you to sign in or to approve access, complete that flow.
guide-hub-confirmation = A confirmation appears once the account is linked.
# $href: the Hub's Accounts page; "Accounts" is that page's name in the Hub.
guide-hub-accounts = The linked account then appears on your [Accounts]({ $href }) page.

## OAuth 2.0: what the end user sees at the provider.

guide-oauth-sent = You are sent to { $provider }. Sign in there if you are not signed in already.
guide-oauth-approve = { $provider } shows what the integration asks for. Approve it to link the account; if you cancel, nothing is linked.
guide-oauth-client-credentials = The Hub gets an access token from { $provider } with the connector's app credentials; nobody signs in.
guide-oauth-asks = What { $provider } asks you to approve:
# $href: the Hub's Accounts page; $title and $setup: the set-up page's title and link.
guide-oauth-accounts-setup = The linked account then appears on your [Accounts]({ $href }) page. The connector itself is set up once by an administrator: see [{ $title }]({ $setup }).

## The OAuth set-up page: the integrator's one-time registration of the app.

guide-setup-register-heading = Register the OAuth app
# $href: the provider's developer settings.
guide-setup-register-at = Register an app in [{ $provider }'s developer settings]({ $href }), signed in as an administrator of the account that will own it.
guide-setup-register = Register an app with { $provider }, signed in as an administrator of the account that will own it.
# $path: the callback's path; $example: a whole callback URL.
guide-setup-redirect = As its redirect URI (callback URL), enter the connect service's callback: its public address followed by `{ $path }`, for example `{ $example }`. { $provider } only sends end users back to an address that matches exactly.
guide-setup-scopes-heading = Enable the scopes
guide-setup-scopes-text = Give the app these permissions; the connector asks for the first ones on every link.
guide-setup-scope-required = {" "}(always asked for)
guide-setup-scope-default = {" "}(asked for by default)
guide-setup-scope-optional = {" "}(optional)
guide-setup-credentials-heading = Copy the credentials
guide-setup-secret = {" "}(secret)
guide-setup-end-user = Each end user registers an app of their own this way and enters its credentials in the link form when linking; nothing is configured in the connect service, and one user's app never serves another.
# $option: the service's option; $provider, $method: the ids the file uses (code);
# $variables: the environment variables, a list.
guide-setup-give = Give them to the connect service once, in its `{ $option }` file under { $provider } and { $method }, or as the variables { $variables }. End users never see them.
guide-setup-give-either = Give them to the connect service once, in its `{ $option }` file under { $provider } and { $method }, or as the variables { $variables }. An end user may instead bring an app of their own and enter its credentials in the link form; that link then uses their app.
# $title, $href: the title of the page end users follow, and its link.
guide-setup-then = End users then link their accounts as [{ $title }]({ $href }) describes.

## What the Hub does on Connect, derived from the spec.

# $resource: the MCP server's URL (code).
guide-check-discovery = The Hub reads the metadata of `{ $resource }` to find its authorization server.
guide-check-discovery-dynamic = The Hub reads the metadata of `{ $resource }` to find its authorization server and registers a client there for this connection: there is no app to register beforehand.
# $fields: what the exchange sends (guide-exchange-values or guide-exchange-fields);
# $host: where (code).
guide-check-exchange = The Hub first trades { $fields } for a short-lived access token at `{ $host }`.
guide-exchange-values = the values you enter
# $fields: the labels of the fields, a list.
guide-exchange-fields = the { $fields }
# $algorithm: the JWT algorithm (RS256, ES256); $field: the key field's label.
guide-check-assertion = To do so it signs a short-lived { $algorithm } assertion with the private key in **{ $field }**; the key itself is never sent.
# $request: method and path (code); $status: the HTTP status it expects.
guide-check-test = The connection test sends `{ $request }` to { $provider } and passes when it answers { $status }.
# $identity: what identifies the account (the spec's label, in running text).
guide-check-identity = It reads the { $identity }, so linking the same account again updates it instead of adding another.
guide-identity-default = account id
# What the connection test learns: $credential is guide-learns-token or guide-learns-method.
guide-learns-token = the access token
guide-learns-method = the { $method }
guide-learns-scopes = The connection test also reads which scopes { $credential } holds.
guide-learns-expiry = The connection test also reads when { $credential } expires.
guide-learns-scopes-expiry = The connection test also reads which scopes { $credential } holds and when it expires.
# $field: the label of the field that gives the lifetime.
guide-learns-lifetime = The Hub takes { $credential }'s expiry from **{ $field }**, counted from when you link it.
guide-learns-scopes-lifetime = The connection test also reads which scopes { $credential } holds. The Hub takes { $credential }'s expiry from **{ $field }**, counted from when you link it.

## Limits of a credential, from the spec's data.
##
## $credential: the label of what the limit is about ("API Key"). In the count sentences
## English writes it in the plural the count needs ("API Keys"); other locales get
## the label as the spec's translation writes it, and phrase around it.

guide-limit-shown-once = The { $credential } is displayed only once, when it is generated.
guide-limit-max-count =
    { $n ->
        [one] Only one { $credential } can exist at a time.
       *[other] At most { $n } { $credential } can exist at a time.
    }
# $per: what the count applies to (the spec's word: site, account, user).
guide-limit-max-count-per =
    { $n ->
        [one] Only one { $credential } can exist per { $per }.
       *[other] At most { $n } { $credential } can exist per { $per }.
    }
# $unit: guide-unit for $n.
guide-limit-expires-after = The { $credential } expires { $n } { $unit } after it is generated.
guide-limit-expires-inactive = The { $credential } expires after { $n } consecutive { $unit } without use.
# $options: the choices, a list joined by guide-list-or.
guide-limit-expires-choices = When you create the { $credential }, you choose when it expires: { $options }.
# $numbers: the durations offered, a list; $unit: guide-unit for the last of them.
guide-limit-choice-after = after { $numbers } { $unit }
guide-limit-choice-date = on a date you pick
guide-limit-choice-never = never
guide-limit-rate = Requests are limited to { $n } { $unit }.
# The unit of a limit, for the number $n.
guide-unit =
    { $unit ->
        [seconds]
            { $n ->
                [one] second
               *[other] seconds
            }
        [minutes]
            { $n ->
                [one] minute
               *[other] minutes
            }
        [hours]
            { $n ->
                [one] hour
               *[other] hours
            }
       *[days]
            { $n ->
                [one] day
               *[other] days
            }
        [requests_per_second]
            { $n ->
                [one] request per second
               *[other] requests per second
            }
        [requests_per_minute]
            { $n ->
                [one] request per minute
               *[other] requests per minute
            }
        [requests_per_hour]
            { $n ->
                [one] request per hour
               *[other] requests per hour
            }
    }

## Punctuation: a label and its text; lists in sentences ("a, b or c", "a, b and c").

# Between a label and what follows it: "**Client ID**: where to find it".
guide-label-separator = {": "}
guide-list-separator = {", "}
# $init: every item but the last, joined by guide-list-separator.
guide-list-or = { $init } or { $last }
guide-list-and = { $init } and { $last }
