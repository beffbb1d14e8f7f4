## Die Oberfläche des Verknüpfungsformulars (Deutsch, Sie-Form). Quelle: locales/en/form.ftl.

form-loading = Formular wird geladen …
form-load-failed = Das Formular konnte nicht geladen werden.
form-no-method = { $provider } hat keine Authentifizierungsmethode „{ $method }“.
form-optional = (optional)
form-hint = Format: { $hint }
form-show = Anzeigen
form-hide = Verbergen
form-show-label = { $label } anzeigen
form-hide-label = { $label } verbergen
form-choose = Bitte wählen …
form-choose-key-file = Schlüsseldatei für { $label } auswählen
form-pem-placeholder = -----BEGIN PRIVATE KEY-----
form-key-file-placeholder = Fügen Sie die JSON-Schlüsseldatei ein oder wählen Sie sie unten aus
form-client-legend = Ihre { $provider }-App
form-client-optional = Ihre eigene { $provider }-App (optional)
form-connect = Verbinden
form-connect-with = Mit { $provider } verbinden
form-checking = Ihre Angaben werden geprüft …
form-testing = Die Verbindung mit { $provider } wird getestet …
form-connected = Verbunden. { $provider } hat { $method } akzeptiert.
form-fix-errors = { $count ->
        [one] Bitte korrigieren Sie das markierte Feld.
       *[other] Bitte korrigieren Sie die markierten Felder.
    }
form-grant = Erteilen Sie diese Berechtigungen und versuchen Sie es dann erneut:
form-timeout = { $provider } hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.
form-unreachable = { $provider } war nicht erreichbar. Versuchen Sie es gleich noch einmal.
form-failed = Die Verbindung konnte nicht geprüft werden ({ $status }). Versuchen Sie es gleich noch einmal.
form-network = Der Verbindungsdienst war nicht erreichbar. Prüfen Sie Ihre Netzwerkverbindung und versuchen Sie es erneut.
form-signing-in = Melden Sie sich im geöffneten Fenster bei { $provider } an …
form-redirecting = Die Anmeldung bei { $provider } wird geöffnet …
form-popup-closed = Das Anmeldefenster wurde geschlossen, bevor das Konto verknüpft war. Klicken Sie auf die Schaltfläche, um erneut zu beginnen.
form-guide = So erhalten Sie Ihren Zugang: { $method }
form-limits = Gut zu wissen
form-permissions = Berechtigungen, die dieser Schritt erteilt:
form-new-tab = (öffnet in einem neuen Tab)

## Die gehostete Verknüpfungsseite (/link) und die Verknüpfungsseite (/connect/…).

form-hosted-title = Konto verknüpfen
form-choose-provider = Wählen Sie das zu verknüpfende Konto
form-search-providers = Anbieter suchen
form-no-match = Kein Anbieter passt zu Ihrer Suche.
form-back = Zurück zur Liste
form-offer = { $provider } ({ $method })
form-hosted-done = Das Konto ist verknüpft. Sie können dieses Fenster schließen.
form-hosted-sent = Das Konto ist verknüpft und wurde an die Seite übergeben, die dieses Formular geöffnet hat.
form-reconnect-title = Ihr { $provider }-Konto erneut verbinden
form-reconnect-note = Geben Sie neue Zugangsdaten desselben { $provider }-Kontos ein, das zuvor verknüpft war.
form-hosted-no-session = Dieser Link ist unvollständig: Öffnen Sie den Link, den Ihnen Ihr Dienst gegeben hat, erneut.
