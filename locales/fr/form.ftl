## L'interface du formulaire de liaison (français, vouvoiement). Source : locales/en/form.ftl.

form-loading = Chargement du formulaire…
form-load-failed = Le formulaire n'a pas pu être chargé.
form-no-method = { $provider } n'a pas de méthode d'authentification « { $method } ».
form-optional = (facultatif)
form-hint = Format : { $hint }
form-show = Afficher
form-hide = Masquer
form-show-label = Afficher { $label }
form-hide-label = Masquer { $label }
form-choose = Choisissez…
form-choose-key-file = Choisir le fichier de clé pour { $label }
form-pem-placeholder = -----BEGIN PRIVATE KEY-----
form-key-file-placeholder = Collez le fichier de clé JSON ou choisissez-le ci-dessous
form-client-legend = Votre application { $provider }
form-client-optional = Votre propre application { $provider } (facultatif)
form-connect = Connecter
form-connect-with = Se connecter avec { $provider }
form-checking = Vérification de vos informations…
form-testing = Test de la connexion avec { $provider }…
form-connected = Connecté. { $provider } a accepté : { $method }.
form-fix-errors = { $count ->
        [one] Veuillez corriger le champ signalé.
        [many] Veuillez corriger les champs signalés.
       *[other] Veuillez corriger les champs signalés.
    }
form-grant = Accordez ces autorisations, puis réessayez :
form-timeout = { $provider } n'a pas répondu à temps. Réessayez dans un instant.
form-unreachable = { $provider } est injoignable. Réessayez dans un instant.
form-failed = La connexion n'a pas pu être vérifiée ({ $status }). Réessayez dans un instant.
form-network = Le service de connexion est injoignable. Vérifiez votre réseau et réessayez.
form-signing-in = Connectez-vous à { $provider } dans la fenêtre qui s'est ouverte…
form-redirecting = Ouverture de la connexion à { $provider }…
form-popup-closed = La fenêtre de connexion a été fermée avant que le compte soit lié. Appuyez sur le bouton pour recommencer.
form-guide = Comment obtenir votre accès : { $method }
form-limits = Bon à savoir
form-permissions = Autorisations accordées par cette étape :
form-new-tab = (s'ouvre dans un nouvel onglet)

## La page de liaison hébergée (/link) et la page de liaison (/connect/…).

form-hosted-title = Lier un compte
form-choose-provider = Choisissez le compte à lier
form-search-providers = Rechercher un fournisseur
form-no-match = Aucun fournisseur ne correspond à votre recherche.
form-back = Retour à la liste
form-offer = { $provider } ({ $method })
form-hosted-done = Le compte est lié. Vous pouvez fermer cette fenêtre.
form-hosted-sent = Le compte est lié et a été transmis à la page qui a ouvert ce formulaire.
form-reconnect-title = Reconnecter votre compte { $provider }
form-reconnect-note = Saisissez de nouveaux identifiants du même compte { $provider } que celui lié auparavant.
form-hosted-no-session = Ce lien est incomplet : ouvrez à nouveau le lien fourni par votre service.
