### Les mots propres des pages de guide (français). Source : locales/en/guides.ftl ;
### vouvoiement. Les libellés de la spec (méthodes, champs) ont un genre inconnu : ils
### sont cités entre guillemets ou placés là où aucun accord n'est nécessaire.

## Titres et descriptions

guide-page-title = Connecter { $provider } avec { $method }
guide-page-description = Pas à pas : créez votre { $method } dans { $provider } et liez ainsi votre compte { $provider }.
guide-page-description-authorization-code = Pas à pas : liez votre compte { $provider } en vous connectant à { $provider } et en approuvant l'accès.
guide-page-description-client-credentials = Pas à pas : liez votre compte { $provider } avec les identifiants d'application du connecteur { $method }.
guide-setup-title = Configurer { $provider } { $method }
guide-setup-description = Configuration unique du connecteur { $provider } { $method } : l'application OAuth, son URI de redirection, ses scopes et ses identifiants.
guide-index-title = Guides de connexion
guide-index-description = Tous les fournisseurs que vous pouvez lier depuis le Hub, avec un guide par méthode de connexion.

## Titres de l'index

guide-category-hr = RH et paie
guide-category-ats = Recrutement
guide-category-crm = CRM et ventes
guide-category-accounting = Comptabilité et finance
guide-category-payments = Paiements et facturation
guide-category-ticketing = Tickets et support
guide-category-project_management = Projets et travail
guide-category-learning = Formation
guide-category-identity = Identité et accès
guide-category-documents = Documents, fichiers et signature électronique
guide-category-knowledge = Connaissances et documentation
guide-category-productivity = Productivité et planification
guide-category-communication = Messagerie et communication
guide-category-marketing = Marketing et e-mail
guide-category-commerce = Commerce
guide-category-cms = Sites web et CMS
guide-category-analytics = Analyse et données
guide-category-monitoring = Surveillance et incidents
guide-category-developer_tools = Outils de développement
guide-category-ai = IA
guide-category-other = Autres

## Le guide

guide-warning-label = Avertissement :
guide-step-title = Étape { $n } : { $title }
guide-step-permissions = Autorisations accordées par cette étape :
guide-format = Format : { $hint }.

## Ce que fera l'intégration

guide-actions-heading = Ce que fera l'intégration
guide-actions-chosen = Ce guide est rédigé pour ces actions :
guide-actions-each = Chaque action nécessite les autorisations indiquées à côté d'elle :
guide-actions-each-choose = Chaque action nécessite les autorisations indiquées à côté d'elle. Choisissez les actions dont l'intégration a besoin pour ne voir que les étapes et les autorisations qu'elles exigent.
guide-actions-exact = Accordez exactement ces autorisations :

## Lier le compte depuis le Hub

guide-hub-heading = Lier le compte depuis le Hub
guide-hub-navigate = Accéder au Hub
guide-hub-navigate-text = Ouvrez le Hub avec l'une des trois [méthodes de liaison de compte]({ $href }).
guide-hub-fields = Remplir les champs
guide-hub-fields-text = Saisissez dans ces champs les informations recueillies ci-dessus :
guide-hub-fields-oauth = Remplissez ces champs :
guide-field-optional = {" "}(facultatif)
guide-field-default = {" "}(par défaut : { $option })
guide-field-paste-json = collez le contenu du fichier de clé JSON ou choisissez le fichier
guide-field-paste-pem = collez la clé privée PEM ou choisissez son fichier
guide-hub-connect = Connecter
# Le libellé du bouton du formulaire du Hub (form.ftl).
guide-connect-button = Connecter
guide-hub-click = Cliquez sur **{ $button }**.
guide-hub-provider-flow = Si { $provider } vous demande de vous connecter ou d'approuver l'accès, suivez cette procédure jusqu'au bout.
guide-hub-confirmation = Une confirmation s'affiche une fois le compte lié.
guide-hub-accounts = Le compte lié apparaît ensuite sur votre page [Comptes]({ $href }).

## OAuth 2.0

guide-oauth-sent = Vous êtes redirigé vers { $provider }. Connectez-vous-y si ce n'est pas déjà fait.
guide-oauth-approve = { $provider } affiche ce que demande l'intégration. Approuvez la demande pour lier le compte ; si vous annulez, rien n'est lié.
guide-oauth-client-credentials = Le Hub obtient un jeton d'accès auprès de { $provider } avec les identifiants d'application du connecteur ; personne n'a à se connecter.
guide-oauth-asks = Ce que { $provider } vous demande d'approuver :
guide-oauth-accounts-setup = Le compte lié apparaît ensuite sur votre page [Comptes]({ $href }). Le connecteur lui-même est configuré une seule fois par un administrateur : voir [{ $title }]({ $setup }).

## La page de configuration

guide-setup-register-heading = Enregistrer l'application OAuth
guide-setup-register-at = Enregistrez une application dans les [paramètres développeur de { $provider }]({ $href }), en étant connecté en tant qu'administrateur du compte qui en sera propriétaire.
guide-setup-register = Enregistrez une application auprès de { $provider }, en étant connecté en tant qu'administrateur du compte qui en sera propriétaire.
guide-setup-redirect = Comme URI de redirection (URL de rappel), saisissez le rappel du service de connexion : son adresse publique suivie de `{ $path }`, par exemple `{ $example }`. { $provider } ne renvoie les utilisateurs finaux que vers une adresse qui correspond exactement.
guide-setup-scopes-heading = Activer les scopes
guide-setup-scopes-text = Accordez ces autorisations à l'application ; le connecteur demande les premières à chaque liaison.
guide-setup-scope-required = {" "}(toujours demandé)
guide-setup-scope-default = {" "}(demandé par défaut)
guide-setup-scope-optional = {" "}(facultatif)
guide-setup-credentials-heading = Copier les identifiants
guide-setup-secret = {" "}(secret)
guide-setup-end-user = Chaque utilisateur final enregistre ainsi sa propre application et en saisit les identifiants dans le formulaire de liaison au moment de lier son compte ; rien n'est configuré dans le service de connexion, et l'application d'un utilisateur ne sert jamais à un autre.
guide-setup-give = Fournissez-les une seule fois au service de connexion : dans son fichier `{ $option }` sous { $provider } et { $method }, ou via les variables { $variables }. Les utilisateurs finaux ne les voient jamais.
guide-setup-give-either = Fournissez-les une seule fois au service de connexion : dans son fichier `{ $option }` sous { $provider } et { $method }, ou via les variables { $variables }. Un utilisateur final peut aussi apporter sa propre application et en saisir les identifiants dans le formulaire de liaison ; cette liaison utilise alors son application.
guide-setup-then = Les utilisateurs finaux lient ensuite leurs comptes comme l'explique [{ $title }]({ $href }).

## Ce que fait le Hub lors de « Connecter »

guide-check-discovery = Le Hub lit les métadonnées de `{ $resource }` pour trouver son serveur d'autorisation.
guide-check-discovery-dynamic = Le Hub lit les métadonnées de `{ $resource }` pour trouver son serveur d'autorisation et y enregistre un client pour cette connexion : aucune application n'est à enregistrer au préalable.
guide-check-exchange = Le Hub échange d'abord { $fields } contre un jeton d'accès de courte durée auprès de `{ $host }`.
guide-exchange-values = les valeurs que vous saisissez
guide-exchange-fields = les champs { $fields }
guide-check-assertion = Pour cela, il signe une assertion { $algorithm } de courte durée avec la clé privée saisie dans **{ $field }** ; la clé elle-même n'est jamais envoyée.
guide-check-test = Le test de connexion envoie `{ $request }` à { $provider } et réussit si la réponse est { $status }.
guide-check-identity = Il lit la valeur « { $identity } », de sorte qu'une nouvelle liaison du même compte met celui-ci à jour au lieu d'en ajouter un autre.
guide-identity-default = identifiant du compte
guide-learns-token = le jeton d'accès
guide-learns-method = « { $method } »
guide-learns-scopes = Le test de connexion lit aussi les scopes valables pour { $credential }.
guide-learns-expiry = Le test de connexion lit aussi la date d'expiration valable pour { $credential }.
guide-learns-scopes-expiry = Le test de connexion lit aussi les scopes et la date d'expiration valables pour { $credential }.
guide-learns-lifetime = Le Hub déduit la date d'expiration valable pour { $credential } de **{ $field }**, à compter de la liaison.
guide-learns-scopes-lifetime = Le test de connexion lit aussi les scopes valables pour { $credential }. Le Hub déduit la date d'expiration valable pour { $credential } de **{ $field }**, à compter de la liaison.

## Limites d'un identifiant

guide-limit-shown-once = La valeur de « { $credential } » n'est affichée qu'une seule fois, lors de sa création.
guide-limit-max-count =
    { $n ->
        [one] Il ne peut exister qu'un seul exemplaire de « { $credential } » à la fois.
        [many] Il peut exister au plus { $n } exemplaires de « { $credential } » à la fois.
       *[other] Il peut exister au plus { $n } exemplaires de « { $credential } » à la fois.
    }
guide-limit-max-count-per =
    { $n ->
        [one] Il ne peut exister qu'un seul exemplaire de « { $credential } » par { $per }.
        [many] Il peut exister au plus { $n } exemplaires de « { $credential } » par { $per }.
       *[other] Il peut exister au plus { $n } exemplaires de « { $credential } » par { $per }.
    }
guide-limit-expires-after = « { $credential } » expire { $n } { $unit } après sa création.
guide-limit-expires-inactive = « { $credential } » expire après { $n } { $unit } d'affilée sans utilisation.
guide-limit-expires-choices = Lorsque vous créez « { $credential } », vous choisissez sa date d'expiration : { $options }.
guide-limit-choice-after = après { $numbers } { $unit }
guide-limit-choice-date = à une date de votre choix
guide-limit-choice-never = jamais
guide-limit-rate = Les requêtes sont limitées à { $n } { $unit }.
guide-unit =
    { $unit ->
        [seconds]
            { $n ->
                [one] seconde
                [many] secondes
               *[other] secondes
            }
        [minutes]
            { $n ->
                [one] minute
                [many] minutes
               *[other] minutes
            }
        [hours]
            { $n ->
                [one] heure
                [many] heures
               *[other] heures
            }
       *[days]
            { $n ->
                [one] jour
                [many] jours
               *[other] jours
            }
        [requests_per_second]
            { $n ->
                [one] requête par seconde
                [many] requêtes par seconde
               *[other] requêtes par seconde
            }
        [requests_per_minute]
            { $n ->
                [one] requête par minute
                [many] requêtes par minute
               *[other] requêtes par minute
            }
        [requests_per_hour]
            { $n ->
                [one] requête par heure
                [many] requêtes par heure
               *[other] requêtes par heure
            }
    }

## Ponctuation et énumérations

guide-label-separator = {" : "}
guide-list-separator = {", "}
guide-list-or = { $init } ou { $last }
guide-list-and = { $init } et { $last }
