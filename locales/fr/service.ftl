## Messages du service (français, vouvoiement). Source : locales/en/service.ftl.
## Les titres de problème s'appellent `problem-<code>` ; les autres identifiants commencent par leur usage.
## Les arguments ne sont jamais des secrets : identifiants, nombres, nom du fournisseur et textes de spec.

list-separator = {", "}

## Titres de problème, un par code.

problem-bad-path = Chemin de requête invalide
problem-bad-request = Corps de requête invalide
problem-body-timeout = Corps de requête trop lent
problem-body-too-large = Corps de requête trop volumineux
problem-connection-test-failed = Échec du test de connexion
problem-different-account = Autre compte
problem-exchange-refused = Identifiants refusés par le point de terminaison de jeton
problem-internal = Erreur interne
problem-invalid-fields = Formulaire d'identifiants invalide
problem-invalid-session-request = Demande de session invalide
problem-link-result-invalid = Résultat de liaison invalide
problem-method-not-allowed = Méthode non autorisée
problem-not-found = Introuvable
problem-not-offered = Non proposé dans cette session de liaison
problem-oauth-access-denied = Accès non accordé
problem-oauth-authorization-error = Échec de la connexion
problem-oauth-bad-state = Lien de connexion invalide
problem-oauth-client-rejected = Client OAuth refusé
problem-oauth-discovery-refused = Métadonnées OAuth du fournisseur refusées
problem-oauth-invalid-grant = La connexion n'a pas pu aboutir
problem-oauth-invalid-scope = Autorisations refusées
problem-oauth-not-configured = OAuth non configuré
problem-oauth-provider-unavailable = Fournisseur indisponible
problem-oauth-registration-failed = Échec de l'enregistrement du client
problem-oauth-registration-invalid = Enregistrement invalide
problem-oauth-sign-in-required = Connexion non terminée
problem-oauth-token-error = Le fournisseur a refusé la demande de jeton
problem-oauth-unbound = Connexion non commencée ici
problem-provider-bad-answer = Réponse inattendue du fournisseur
problem-provider-error = Erreur du fournisseur
problem-provider-timeout = Le fournisseur n'a pas répondu à temps
problem-provider-unreachable = Fournisseur injoignable
problem-refused-host = Adresse du fournisseur refusée
problem-session-expired = Session de liaison expirée
problem-session-required = Session de liaison requise
problem-too-many-tests = Trop de tentatives
problem-unauthorized = Identifiant d'opérateur requis
problem-unknown-actions = Actions inconnues
problem-unsupported-media-type = Type de média non pris en charge
problem-values-too-long = Valeurs trop longues

## Détails : chemin et appelant.

problem-bad-path-utf8 = l'identifiant du fournisseur ou de la méthode dans le chemin n'est pas un texte UTF-8 valide
problem-not-found-provider = fournisseur inconnu `{ $provider }`
problem-not-found-provider-unnamed = fournisseur inconnu dans le chemin
problem-not-found-method = { $provider } n'a pas de méthode d'authentification `{ $method }` (méthodes : { $methods })
problem-not-found-method-unnamed = { $provider } n'a pas la méthode d'authentification nommée dans le chemin (méthodes : { $methods })
problem-not-found-endpoint = point de terminaison inexistant ; voir GET /v1/providers
problem-method-not-allowed-detail = ce point de terminaison n'accepte pas cette méthode HTTP
problem-unauthorized-no-keys = ce point de terminaison est destiné au back-end du hub, et ce service n'a aucune clé d'API : configurez CONNECTSPEC_API_KEYS ou --api-key-file
problem-unauthorized-send-key = ce point de terminaison est destiné au back-end du hub : envoyez `Authorization: Bearer <API key>` avec l'une des clés d'opérateur du service

## Détails : corps de requête.

problem-body-timeout-detail = le corps de la requête n'est pas arrivé dans les { $ms } ms
problem-bad-request-unreadable = le corps de la requête n'a pas pu être lu
problem-body-too-large-detail = le corps de la requête doit faire au plus { $kib } Kio
problem-unsupported-media-type-detail = { $why ->
        [missing] la requête n'a pas de Content-Type
        [unreadable] l'en-tête Content-Type est illisible
       *[not-json] le Content-Type n'est pas JSON
    } ; envoyez le corps avec `Content-Type: application/json`
problem-bad-request-shape = le corps de la requête doit être { $shape } (ligne { $line }, colonne { $column })
problem-bad-request-empty = le corps de la requête est vide ; attendu : {"{"}"fields": {"{"}…{"}"}{"}"}
problem-bad-request-json-at = le corps de la requête n'est pas du JSON valide (ligne { $line }, colonne { $column })
problem-bad-request-json = le corps de la requête n'est pas du JSON valide
problem-bad-request-not-object = le corps de la requête doit être un objet JSON {"{"}"fields": {"{"}…{"}"}{"}"}, et non { $kind ->
        [null] null
        [boolean] un booléen
        [number] un nombre
        [string] une chaîne
        [array] un tableau
       *[object] un objet
    }
problem-bad-request-members = le corps de la requête ne peut avoir que les membres `fields`, `actions` et `lang`
problem-bad-request-actions = `actions` doit être un tableau d'identifiants d'actions
problem-bad-request-lang = `lang` doit être une étiquette de langue comme `de` ou `ja-JP`
problem-bad-request-fields = `fields` doit être un objet associant des clés de champ à des chaînes, et non { $kind ->
        [null] null
        [boolean] un booléen
        [number] un nombre
        [string] une chaîne
        [array] un tableau
       *[object] un objet
    }
problem-bad-request-no-fields = le corps de la requête n'a pas d'objet `fields`

## Ce que doit être un corps de requête, dans « le corps de la requête doit être … ».

shape-exchange = un objet JSON {"{"}"result": "…"{"}"}
shape-connect = un objet JSON {"{"}"provider": …, "method": …, "fields": {"{"}…{"}"}{"}"}
shape-session = un objet JSON avec `end_user`, `offers` et les membres facultatifs d'une session

## Détails : sessions et résultats de liaison.

problem-internal-unsealable = { $what ->
        [result] le résultat n'a pas pu être scellé
        [session] la session n'a pas pu être scellée
        [state] le state n'a pas pu être scellé
        [flow] le flux n'a pas pu être scellé
       *[registration] l'enregistrement n'a pas pu être scellé
    }
problem-values-too-long-result = les valeurs du compte sont trop longues pour être transmises ; raccourcissez-les
problem-link-result-invalid-detail = le résultat n'a pas été émis par ce service, a été modifié ou a expiré (un résultat est valable { $minutes } minutes) : liez à nouveau le compte
problem-different-account-detail = Il s'agit d'un autre compte { $provider } que celui lié auparavant. Connectez-vous au compte qui était lié, ou liez celui-ci comme nouvelle connexion.
problem-too-many-tests-detail = Les informations ont été vérifiées trop souvent en peu de temps ({ $count } par minute). Patientez une minute et réessayez.
problem-bad-request-connect-operator = le back-end vérifie les identifiants avec …/validate et …/test ; /v1/link/connect appartient au formulaire de liaison, dans une session de liaison
problem-bad-request-connect-sign-in = { $provider } { $method } se lie par la connexion chez le fournisseur : POST …/authorize
problem-bad-request-no-client = { $provider } { $method } n'a pas de client OAuth : n'envoyez pas de `client`
problem-not-offered-detail = cette session de liaison ne propose pas { $provider } { $method }
problem-session-expired-detail = Ce lien a expiré. Revenez en arrière et recommencez la liaison du compte.
problem-session-required-detail = ce point de terminaison est appelé par le formulaire de liaison dans une session de liaison : envoyez `Connectspec-Session: <session token>` (le back-end du hub en ouvre une avec POST /v1/link/sessions)
problem-bad-request-session-view = ce point de terminaison décrit une session de liaison : envoyez son jeton dans `Connectspec-Session`
problem-session-reference = `{ $member }` doit compter de 1 à { $max } caractères, sans caractère de contrôle
problem-session-no-offers = `offers` ne nomme aucun fournisseur : proposez-en au moins un
problem-session-too-many-offers = `offers` a plus de { $max } entrées
problem-session-offer-provider = l'offre { $offer } ne nomme aucun fournisseur
problem-session-offer-method = offre { $offer } : { $provider } n'a pas cette méthode
problem-session-reconnect-method = `reconnect` ne nomme aucune méthode du catalogue
problem-session-reconnect-identity = `reconnect.identity` : le test de connexion de { $provider } { $method } ne nomme aucun compte (sa spec n'a pas de `connection_test.identity`), le compte ne peut donc pas être comparé ; omettez `identity`
problem-session-value-key = `values` a une clé qu'aucune méthode proposée n'a : `{ $key }`
problem-session-value-key-unnamed = `values` a une clé qu'aucune méthode proposée n'a : (non affichée)
problem-session-value-secret = `values.{ $key }` est un champ secret : une session ne porte jamais de secret ; l'utilisateur final le saisit
problem-session-value-long = `values.{ $key }` dépasse { $max } caractères
problem-session-scope = une portée de `scopes` n'est une portée d'aucune méthode proposée
problem-session-action = une action de `actions` n'est une action d'aucune méthode proposée
problem-session-locale = `locale` doit être une étiquette de langue BCP 47 comme `en` ou `de-CH`
problem-session-locale-pseudo = `locale` nomme une pseudo-locale, que ce service ne sert que s'il a été démarré avec --pseudo-locales
problem-session-origin = `origin` doit être l'origine d'intégration du service (--embed-origin) : seule cette origine peut contenir le formulaire et recevoir ses résultats
problem-session-return-url = `return_url` doit être une URL sans fragment sur l'origine d'intégration ou sur celle du service
problem-session-expires-in = `expires_in` doit être compris entre 60 et { $max } secondes
problem-session-too-large = la session est trop volumineuse : proposez moins de fournisseurs ou des valeurs plus courtes
shape-fields = un objet JSON {"{"}"fields": {"{"}…{"}"}{"}"}

## Détails : erreurs de champ.

problem-invalid-fields-detail = { $count ->
        [one] { $count } champ est invalide : { $messages }
        [many] { $count } de champs sont invalides : { $messages }
       *[other] { $count } champs sont invalides : { $messages }
    }
problem-invalid-fields-more = { $count ->
        [one] { $count } champ est invalide : { $messages } ; et { $more } de plus
        [many] { $count } de champs sont invalides : { $messages } ; et { $more } de plus
       *[other] { $count } champs sont invalides : { $messages } ; et { $more } de plus
    }
field-control-character = { $label } ne doit contenir ni saut de ligne ni autre caractère de contrôle
label-access-token = Le jeton d'accès
field-key-unusable = { $label } { $why ->
        [not-a-key] n'est pas une clé privée avec laquelle le service peut signer
       *[unsigned] n'a pas permis de signer l'assertion
    }

## Détails : adresse du fournisseur refusée.

refused-host-field = { $label } { $why ->
        [needed] est nécessaire pour construire l'adresse du fournisseur
        [needed-token] est nécessaire pour construire l'adresse de jeton du fournisseur
        [invalid] ne donne pas une adresse de fournisseur valide
        [invalid-token] ne donne pas une adresse de jeton valide
        [not-https-token] ne donne pas une adresse de jeton https
        [not-allowed] mène à un hôte que la spec de ce fournisseur n'autorise pas
        [internal] est une adresse interne
        [internal-only-test] ne se résout qu'en adresses internes, que les tests de connexion n'atteignent jamais
       *[internal-only] ne se résout qu'en adresses internes, que le service n'atteint jamais
    }
refused-value = { $label } { $why ->
        [one-label] doit ici être un seul libellé d'hôte (lettres, chiffres et tirets, sans point)
        [empty-segment] ne peut pas former un segment de chemin vide, `.` ou `..`
        [not-base-url] n'est pas une URL https sans nom d'utilisateur, mot de passe, requête ni fragment
        [not-host] n'est pas un nom d'hôte (lettres, chiffres, tirets et points uniquement)
        [dot-segment] ne peut pas être un segment de chemin `.` ou `..`
       *[misplaced] ne peut pas être placé dans cette partie de l'URL
    }
problem-refused-host-detail = { $message }
problem-refused-host-form = l'adresse du fournisseur construite à partir du formulaire est refusée

## Détails : le service lui-même.

problem-internal-test-method = la méthode `{ $method }` du test de connexion de la spec n'est pas une méthode HTTP
problem-internal-header-value = une valeur d'en-tête des identifiants n'est pas une valeur d'en-tête HTTP valide
problem-internal-base-url = l'URL de base de substitution et le chemin du test ne forment pas une URL
problem-internal-oauth-origin = l'origine OAuth de substitution ne convient pas à l'URL du fournisseur
problem-internal-authorization-url = l'URL d'autorisation du fournisseur n'est pas une valeur d'en-tête valide
problem-internal-redirect-uri = l'URI de redirection n'est pas une URL
problem-internal-no-discovery = la méthode n'a pas de découverte
problem-internal-randomness = pas d'aléa disponible pour l'assertion
problem-internal-assertion-claim = { $provider } { $method } : `{ $claim }` de l'assertion nomme une valeur que les champs ne fournissent pas
problem-internal-exchange = { $what ->
        [body-not-json] le corps d'échange de la spec n'est pas du JSON
        [body-unwritable] le corps d'échange n'a pas pu être écrit
        [template] une chaîne du corps d'échange n'est pas un modèle
       *[request] la requête d'échange n'a pas pu être construite
    }
problem-internal-exchange-of = { $provider } { $method } : { $what ->
        [header] une valeur d'en-tête de l'échange n'est pas une valeur d'en-tête HTTP valide
       *[basic-user] l'utilisateur basic de l'échange nomme une valeur que les champs ne fournissent pas
    }
problem-not-found-link-asset = aucun fichier de ce nom dans le formulaire de liaison
problem-not-found-validators-asset = aucun fichier de ce nom dans le paquet des validateurs du navigateur

## Tests de connexion.

method-title = Connecter { $provider } avec { $method }
problem-not-found-test = { $provider } { $method } ne déclare aucun test de connexion
test-connected = { $provider } a accepté : { $method }.
test-missing-scopes = { $meaning } : { $scopes }.
test-unexpected-status = { $provider } a répondu au test de connexion par HTTP { $status }, ce que sa spec ne décrit pas.
test-unreadable = { $provider } a répondu au test de connexion par { $why ->
        [too-large] plus de 1 Mio
       *[not-json] un corps qui n'est pas du JSON
    } ; les vérifications de la réponse prévues par la spec n'ont donc pas pu être faites.
test-exchange-refused = { $provider } n'a pas accepté : { $method } ; son point de terminaison de jeton les a refusés. Vérifiez-les et réessayez.
test-note-token-only = Seul le point de terminaison de jeton a été interrogé : aucune requête d'API n'a été faite.
problem-provider-unreachable-test = le test de connexion n'a pas pu joindre { $provider } ({ $what ->
        [connect] erreur de connexion
        [request] erreur de requête
       *[unknown] autre erreur
    })
problem-provider-timeout-test = { $provider } n'a pas répondu au test de connexion dans les { $ms } ms
problem-unknown-actions-detail = { $count ->
        [one] { $count } des identifiants d'action donnés n'est pas une action de cette méthode
        [many] { $count } des identifiants d'action donnés ne sont pas des actions de cette méthode
       *[other] { $count } des identifiants d'action donnés ne sont pas des actions de cette méthode
    } ; les actions de { $provider } { $method } sont : { $actions }
problem-unknown-actions-none = { $count ->
        [one] { $count } des identifiants d'action donnés n'est pas une action de cette méthode
        [many] { $count } des identifiants d'action donnés ne sont pas des actions de cette méthode
       *[other] { $count } des identifiants d'action donnés ne sont pas des actions de cette méthode
    } ; { $provider } { $method } n'a aucune action

## Ce que le test de connexion a appris des portées (un avertissement pour le hub).

learned-no-scopes = aucune portée
learned-missing = { $provider } a accepté : { $method }, mais il manque ce dont l'intégration a besoin : { $missing }. Moindre privilège : { $least }.
learned-excess = { $provider } a accepté : { $method }, mais { $count ->
        [one] il détient une portée
        [many] il détient { $count } de portées
       *[other] il détient { $count } portées
    } de plus que ce dont l'intégration a besoin. Moindre privilège : { $least }.
learned-missing-and-excess = { $provider } a accepté : { $method }, mais il manque ce dont l'intégration a besoin : { $missing }, et { $count ->
        [one] il détient une portée
        [many] il détient { $count } de portées
       *[other] il détient { $count } portées
    } de plus que nécessaire. Moindre privilège : { $least }.

## OAuth 2.0.

problem-not-found-oauth = { $provider } { $method } n'est pas une méthode OAuth
problem-oauth-not-configured-detail = { $provider } { $method } ne peut pas encore être lié ici : il manque au service { $what ->
        [client-id] l'identifiant client
        [redirect-uri] l'URI de redirection (--oauth-redirect-uri)
        [state-key] une clé de state (CONNECTSPEC_OAUTH_STATE_KEYS ou --oauth-state-key-file)
       *[client] un client OAuth pour cette méthode (identifiant client et secret)
    }
problem-bad-request-members-of = le corps de la requête doit être un objet JSON avec les membres { $members }
problem-bad-request-member-types = le corps de la requête doit être un objet JSON avec les membres { $members }, aux valeurs de type chaîne
problem-bad-request-no-member = le corps de la requête n'a pas de `{ $member }`
problem-bad-request-empty-member = `{ $member }` est vide
problem-bad-request-scopes = { $count ->
        [one] { $count } des portées demandées n'est pas une portée de { $provider } { $method } (portées : { $scopes })
        [many] { $count } des portées demandées ne sont pas des portées de { $provider } { $method } (portées : { $scopes })
       *[other] { $count } des portées demandées ne sont pas des portées de { $provider } { $method } (portées : { $scopes })
    }
problem-bad-request-use-token = { $provider } { $method } utilise l'octroi client credentials : utilisez plutôt POST …/token
problem-bad-request-use-authorize = { $provider } { $method } utilise l'octroi authorization code : utilisez plutôt POST …/authorize
problem-not-found-refresh = { $provider } { $method } utilise l'octroi client credentials, sans rafraîchissement : POST …/token pour un nouveau jeton d'accès
problem-bad-request-captured = il manque `{ $key }` ({ $label }) dans `values`, que la remise des jetons a renvoyé
problem-bad-request-client-dynamic = { $provider } { $method } enregistre son client OAuth auprès du fournisseur pour chaque connexion : n'envoyez pas de `client`
problem-bad-request-client-integrator = { $provider } { $method } utilise le client OAuth de l'intégrateur, configuré dans le service : n'envoyez pas de `client`
problem-bad-request-client-end-user = { $provider } { $method } utilise l'application OAuth propre de l'utilisateur final : envoyez ses valeurs dans `client` ({ $fields })
problem-values-too-long-flow = les valeurs du formulaire sont trop longues pour traverser la connexion chez le fournisseur ; raccourcissez-les
problem-oauth-bad-state-detail = Ce lien de connexion n'est pas valide ou a expiré. Recommencez la liaison du compte.
problem-oauth-unbound-detail = Cette connexion n'a pas été commencée dans ce navigateur, ou a déjà été utilisée. Recommencez la liaison du compte.
problem-bad-request-redirect-no-code = la redirection du fournisseur n'a ni `code` ni `error`
problem-bad-request-redirect-empty-code = la redirection du fournisseur a un `code` vide
problem-provider-bad-answer-redirect = il manquait à la redirection de { $provider } une valeur que sa spec décrit, ou elle en avait une d'une autre forme
problem-connection-test-failed-detail = { $message }
problem-oauth-access-denied-detail = Vous n'avez pas autorisé l'accès chez { $provider } : le compte n'a donc pas été lié. Pour le lier, recommencez et approuvez la demande chez { $provider }.
problem-oauth-invalid-scope-detail = { $provider } a refusé les autorisations demandées : le compte n'a donc pas été lié.
problem-oauth-sign-in-required-detail = La connexion chez { $provider } n'a pas été terminée. Recommencez la liaison du compte et terminez la connexion.
problem-oauth-provider-unavailable-detail = { $provider } n'a pas pu terminer la connexion pour le moment. Réessayez dans quelques minutes.
problem-oauth-authorization-error-detail = { $provider } n'a pas terminé la connexion : le compte n'a donc pas été lié. Recommencez la liaison.
problem-oauth-invalid-grant-detail = { $provider } n'a pas accepté la connexion : elle a déjà été utilisée, a expiré ou a été révoquée. Recommencez la liaison du compte.
problem-oauth-client-rejected-detail = { $provider } n'a pas accepté l'application OAuth de cette intégration (identifiant client ou secret, ou un octroi non autorisé). L'intégrateur doit vérifier les réglages de l'application chez { $provider }.
problem-oauth-invalid-scope-token = { $provider } a refusé les autorisations demandées.
problem-oauth-token-error-detail = { $provider } a refusé la demande de jeton.
problem-provider-timeout-token = { $provider } n'a pas répondu à temps à la demande de jeton
problem-provider-unreachable-token = la demande de jeton n'a pas pu joindre { $provider } ({ $what ->
        [timeout] délai dépassé
        [refused] adresse refusée
        [connect] erreur de connexion
        [too-large] réponse trop volumineuse
       *[request] erreur de requête
    })
problem-provider-bad-answer-tokens = le point de terminaison de jeton de { $provider } a répondu autre chose que les jetons que sa spec décrit

## Découverte OAuth et enregistrement dynamique de client.

problem-oauth-discovery-refused-detail = les métadonnées OAuth de { $provider } { $why } ; le compte ne peut donc pas être lié
discovery-what = { $what ->
        [resource] ressource protégée
        [server] serveur d'autorisation
        [authorization-endpoint] point de terminaison d'autorisation
        [token-endpoint] point de terminaison de jeton
        [registration-endpoint] point de terminaison d'enregistrement
        [resource-metadata] métadonnées de ressource protégée
       *[server-metadata] métadonnées du serveur d'autorisation
    }
discovery-a-what = { $what ->
        [resource] une ressource protégée
        [server] un serveur d'autorisation
        [authorization-endpoint] un point de terminaison d'autorisation
        [token-endpoint] un point de terminaison de jeton
        [registration-endpoint] un point de terminaison d'enregistrement
        [resource-metadata] des métadonnées de ressource protégée
       *[server-metadata] des métadonnées de serveur d'autorisation
    }
discovery-not-https = nomment { $a_what } sans adresse https simple
discovery-host = nomment { $a_what } sur un hôte que la spec de ce fournisseur n'autorise pas
discovery-internal = nomment { $a_what } à une adresse interne
discovery-resolves-internal = nomment { $a_what } dont l'hôte ne se résout qu'en adresses internes
discovery-too-large = ({ $what }) dépassent 64 Kio
discovery-not-object = ({ $what }) ne sont pas un objet JSON
discovery-no-url = ne nomment aucune valeur pour : { $what }
discovery-not-url = nomment { $a_what } sans URL valide
discovery-no-server = ne nomment aucun serveur d'autorisation
discovery-server-query = nomment un serveur d'autorisation dont l'identifiant a une requête ou un fragment
discovery-issuer = nomment un émetteur autre que le serveur d'autorisation pour lequel elles ont été récupérées
discovery-no-pkce = ne proposent pas PKCE avec S256 (code_challenge_methods_supported)
discovery-not-rfc9728 = (ressource protégée) n'ont pas la forme de la RFC 9728
discovery-other-resource = (ressource protégée) nomment une autre ressource que celle demandée
discovery-no-resource-metadata = sont introuvables : la ressource ne publie pas de métadonnées de ressource protégée
discovery-not-rfc8414 = (serveur d'autorisation) n'ont pas la forme de la RFC 8414
discovery-no-server-metadata = sont introuvables : le serveur d'autorisation n'en publie pas
discovery-no-registration = ne nomment aucun point de terminaison d'enregistrement (RFC 7591)
problem-provider-unreachable-discovery = { $what } de { $provider } n'a pas pu être récupéré ({ $kind ->
        [timeout] pas de réponse à temps
        [connect] erreur de connexion
       *[request] erreur de requête
    })
problem-oauth-registration-invalid-detail = `registration` n'a pas été émis par ce service pour ce fournisseur et cette méthode, a été modifié, ou son client a expiré : liez à nouveau le compte
problem-provider-bad-answer-registration-long = l'enregistrement de client du fournisseur est trop long pour être transmis
problem-oauth-registration-failed-detail = { $provider } { $why ->
        [unreached-timeout] n'a pas pu être joint pour enregistrer un client (pas de réponse à temps)
        [unreached-connect] n'a pas pu être joint pour enregistrer un client (erreur de connexion)
        [unreached-other] n'a pas pu être joint pour enregistrer un client (erreur de requête)
        [broke-off] a interrompu sa réponse d'enregistrement
        [too-large] a répondu par un enregistrement de plus de 64 Kio
        [timeout] n'a pas répondu à temps à l'enregistrement
        [not-rfc7591] a répondu par un enregistrement qui n'est pas du JSON selon la RFC 7591
        [no-client-id] a répondu par un enregistrement sans identifiant client utilisable
        [bad-secret] a répondu par un secret client inutilisable
       *[refused] a refusé d'enregistrer un client pour cette connexion
    }
problem-bad-request-no-registration = { $provider } { $method } nomme ses points de terminaison OAuth : n'envoyez pas de `registration`
problem-bad-request-registration-needed = { $provider } { $method } trouve son client OAuth par découverte : envoyez la `registration` donnée par le résultat de liaison
problem-bad-request-registration-resource = les champs nomment un autre serveur { $provider } que celui pour lequel `registration` a été créé

## Échanges de jetons.

problem-not-found-exchange = { $provider } { $method } n'est pas une méthode d'échange de jeton
problem-provider-error-token = le point de terminaison de jeton de { $provider } a répondu HTTP { $status }, et non un jeton
problem-provider-bad-answer-no-token = le point de terminaison de jeton de { $provider } a répondu sans le jeton d'accès que sa spec décrit
problem-provider-bad-answer-too-large = le point de terminaison de jeton de { $provider } a répondu plus de 64 Kio
problem-exchange-refused-detail = le point de terminaison de jeton de { $provider } a refusé : { $method } (HTTP { $status }) ; les informations sont fausses, révoquées ou non autorisées pour cet octroi

## Les pages du service.

page-hosted-title = Lier un compte
page-oauth-linked-title = Compte lié
page-oauth-linked = Le compte est lié. Cette fenêtre se ferme d'elle-même ; sinon, fermez-la et revenez en arrière.
page-problems-page-title = Spec { $provider }
page-problems-title = Cette spec ne se charge pas
page-problems-last-good = Le formulaire ci-dessous est sa dernière version valide. Corrigez ces problèmes et enregistrez ; la page affiche la nouvelle version après rechargement.
page-problems-none-good = Corrigez ces problèmes et enregistrez ; le formulaire apparaît après rechargement.
