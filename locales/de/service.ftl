## Meldungen des Dienstes (Deutsch, Sie-Form). Quelle: locales/en/service.ftl.
## Problemtitel heißen `problem-<code>`; alle anderen IDs beginnen mit ihrem Zweck.
## Argumente sind nie Geheimnisse: IDs, Anzahlen, der Name des Anbieters und Spec-Texte.

list-separator = {", "}

## Problemtitel, einer je Problemcode.

problem-bad-path = Ungültiger Anfragepfad
problem-bad-request = Ungültiger Anfrageinhalt
problem-body-timeout = Anfrageinhalt zu langsam
problem-body-too-large = Anfrageinhalt zu groß
problem-connection-test-failed = Verbindungstest fehlgeschlagen
problem-different-account = Anderes Konto
problem-exchange-refused = Zugangsdaten vom Token-Endpunkt abgelehnt
problem-internal = Interner Fehler
problem-invalid-fields = Ungültiges Zugangsdatenformular
problem-invalid-session-request = Ungültige Sitzungsanfrage
problem-link-result-invalid = Verknüpfungsergebnis ungültig
problem-method-not-allowed = Methode nicht erlaubt
problem-not-found = Nicht gefunden
problem-not-offered = In dieser Verknüpfungssitzung nicht angeboten
problem-oauth-access-denied = Zugriff nicht gewährt
problem-oauth-authorization-error = Anmeldung fehlgeschlagen
problem-oauth-bad-state = Anmeldelink ungültig
problem-oauth-client-rejected = OAuth-Client abgelehnt
problem-oauth-discovery-refused = OAuth-Metadaten des Anbieters abgelehnt
problem-oauth-invalid-grant = Anmeldung konnte nicht abgeschlossen werden
problem-oauth-invalid-scope = Berechtigungen abgelehnt
problem-oauth-not-configured = OAuth nicht eingerichtet
problem-oauth-provider-unavailable = Anbieter nicht verfügbar
problem-oauth-registration-failed = Client-Registrierung fehlgeschlagen
problem-oauth-registration-invalid = Registrierung ungültig
problem-oauth-sign-in-required = Anmeldung nicht abgeschlossen
problem-oauth-token-error = Anbieter hat die Token-Anfrage abgelehnt
problem-oauth-unbound = Anmeldung nicht hier begonnen
problem-provider-bad-answer = Unerwartete Antwort des Anbieters
problem-provider-error = Fehler beim Anbieter
problem-provider-timeout = Anbieter hat nicht rechtzeitig geantwortet
problem-provider-unreachable = Anbieter nicht erreichbar
problem-refused-host = Anbieteradresse abgelehnt
problem-session-expired = Verknüpfungssitzung abgelaufen
problem-session-required = Verknüpfungssitzung erforderlich
problem-too-many-tests = Zu viele Versuche
problem-unauthorized = Betreiber-Zugangsdaten erforderlich
problem-unknown-actions = Unbekannte Aktionen
problem-unsupported-media-type = Nicht unterstützter Medientyp
problem-values-too-long = Werte zu lang

## Problemdetails: Pfad und Aufrufer.

problem-bad-path-utf8 = die Anbieter- oder Methoden-ID im Pfad ist kein gültiger UTF-8-Text
problem-not-found-provider = unbekannter Anbieter `{ $provider }`
problem-not-found-provider-unnamed = unbekannter Anbieter im Pfad
problem-not-found-method = { $provider } hat keine Authentifizierungsmethode `{ $method }` (Methoden: { $methods })
problem-not-found-method-unnamed = { $provider } hat keine Authentifizierungsmethode wie im Pfad genannt (Methoden: { $methods })
problem-not-found-endpoint = kein solcher Endpunkt; siehe GET /v1/providers
problem-method-not-allowed-detail = dieser Endpunkt akzeptiert diese HTTP-Methode nicht
problem-unauthorized-no-keys = dieser Endpunkt ist für das Back-End des Hubs bestimmt, und dieser Dienst hat keine API-Schlüssel: Konfigurieren Sie CONNECTSPEC_API_KEYS oder --api-key-file
problem-unauthorized-send-key = dieser Endpunkt ist für das Back-End des Hubs bestimmt: Senden Sie `Authorization: Bearer <API key>` mit einem der Betreiberschlüssel des Dienstes

## Problemdetails: Anfrageinhalte.

problem-body-timeout-detail = der Anfrageinhalt ist nicht innerhalb von { $ms } ms eingetroffen
problem-bad-request-unreadable = der Anfrageinhalt konnte nicht gelesen werden
problem-body-too-large-detail = der Anfrageinhalt darf höchstens { $kib } KiB groß sein
problem-unsupported-media-type-detail = { $why ->
        [missing] die Anfrage hat keinen Content-Type
        [unreadable] der Content-Type-Header ist nicht lesbar
       *[not-json] der Content-Type ist nicht JSON
    }; senden Sie den Inhalt als `Content-Type: application/json`
problem-bad-request-shape = der Anfrageinhalt muss { $shape } sein (Zeile { $line }, Spalte { $column })
problem-bad-request-empty = der Anfrageinhalt ist leer; erwartet wird {"{"}"fields": {"{"}…{"}"}{"}"}
problem-bad-request-json-at = der Anfrageinhalt ist kein gültiges JSON (Zeile { $line }, Spalte { $column })
problem-bad-request-json = der Anfrageinhalt ist kein gültiges JSON
problem-bad-request-not-object = der Anfrageinhalt muss ein JSON-Objekt {"{"}"fields": {"{"}…{"}"}{"}"} sein, nicht { $kind ->
        [null] null
        [boolean] ein Boolean
        [number] eine Zahl
        [string] eine Zeichenkette
        [array] ein Array
       *[object] ein Objekt
    }
problem-bad-request-members = der Anfrageinhalt darf nur die Elemente `fields`, `actions` und `lang` haben
problem-bad-request-actions = `actions` muss ein Array von Aktions-IDs sein
problem-bad-request-lang = `lang` muss ein Sprach-Tag wie `de` oder `ja-JP` sein
problem-bad-request-fields = `fields` muss ein Objekt aus Feldschlüsseln und Zeichenkettenwerten sein, nicht { $kind ->
        [null] null
        [boolean] ein Boolean
        [number] eine Zahl
        [string] eine Zeichenkette
        [array] ein Array
       *[object] ein Objekt
    }
problem-bad-request-no-fields = der Anfrageinhalt hat kein Objekt `fields`

## Was ein Anfrageinhalt sein muss, in „der Anfrageinhalt muss … sein“.

shape-exchange = ein JSON-Objekt {"{"}"result": "…"{"}"}
shape-connect = ein JSON-Objekt {"{"}"provider": …, "method": …, "fields": {"{"}…{"}"}{"}"}
shape-session = ein JSON-Objekt mit `end_user`, `offers` und den optionalen Elementen einer Sitzung

## Problemdetails: Verknüpfungssitzungen und Ergebnisse.

problem-internal-unsealable = { $what ->
        [result] das Ergebnis
        [session] die Sitzung
        [state] der State
        [flow] der Ablauf
       *[registration] die Registrierung
    } konnte nicht versiegelt werden
problem-values-too-long-result = die Werte des Kontos sind zu lang für die Übergabe; kürzen Sie sie
problem-link-result-invalid-detail = das Ergebnis stammt nicht von diesem Dienst, wurde verändert oder ist abgelaufen (Ergebnisse gelten { $minutes } Minuten): Verknüpfen Sie das Konto erneut
problem-different-account-detail = Dies ist ein anderes { $provider }-Konto als das zuvor verknüpfte. Melden Sie sich bei dem verknüpften Konto an oder verknüpfen Sie dieses als neue Verbindung.
problem-too-many-tests-detail = Die Angaben wurden in kurzer Zeit zu oft geprüft ({ $count } pro Minute). Warten Sie eine Minute und versuchen Sie es erneut.
problem-bad-request-connect-operator = das Back-End prüft Zugangsdaten mit …/validate und …/test; /v1/link/connect gehört dem Verknüpfungsformular in einer Verknüpfungssitzung
problem-bad-request-connect-sign-in = { $provider } { $method } wird über die Anmeldung beim Anbieter verknüpft: POST …/authorize
problem-bad-request-no-client = { $provider } { $method } hat keinen OAuth-Client: Senden Sie kein `client`
problem-not-offered-detail = diese Verknüpfungssitzung bietet { $provider } { $method } nicht an
problem-session-expired-detail = Dieser Link ist abgelaufen. Gehen Sie zurück und beginnen Sie die Verknüpfung des Kontos erneut.
problem-session-required-detail = dieser Endpunkt wird vom Verknüpfungsformular innerhalb einer Verknüpfungssitzung aufgerufen: Senden Sie `Connectspec-Session: <session token>` (das Back-End des Hubs öffnet eine mit POST /v1/link/sessions)
problem-bad-request-session-view = dieser Endpunkt beschreibt eine Verknüpfungssitzung: Senden Sie ihr Token in `Connectspec-Session`
problem-session-reference = `{ $member }` muss 1 bis { $max } Zeichen ohne Steuerzeichen lang sein
problem-session-no-offers = `offers` nennt keinen Anbieter: Bieten Sie mindestens einen an
problem-session-too-many-offers = `offers` hat mehr als { $max } Einträge
problem-session-offer-provider = Angebot { $offer } nennt keinen Anbieter
problem-session-offer-method = Angebot { $offer }: { $provider } hat keine solche Methode
problem-session-reconnect-method = `reconnect` nennt keine Methode des Katalogs
problem-session-reconnect-identity = `reconnect.identity`: Der Verbindungstest von { $provider } { $method } nennt kein Konto (die Spec hat kein `connection_test.identity`), daher kann das Konto nicht verglichen werden; lassen Sie `identity` weg
problem-session-value-key = `values` hat einen Schlüssel, den keine angebotene Methode hat: `{ $key }`
problem-session-value-key-unnamed = `values` hat einen Schlüssel, den keine angebotene Methode hat: (nicht angezeigt)
problem-session-value-secret = `values.{ $key }` ist ein geheimes Feld: Eine Sitzung enthält nie Geheimnisse; die Endnutzerin oder der Endnutzer gibt sie ein
problem-session-value-long = `values.{ $key }` ist länger als { $max } Zeichen
problem-session-scope = ein Scope in `scopes` ist kein Scope einer angebotenen Methode
problem-session-action = eine Aktion in `actions` ist keine Aktion einer angebotenen Methode
problem-session-locale = `locale` muss ein BCP-47-Sprach-Tag wie `en` oder `de-CH` sein
problem-session-locale-pseudo = `locale` nennt eine Pseudo-Locale, die dieser Dienst nur bedient, wenn er mit --pseudo-locales gestartet wurde
problem-session-origin = `origin` muss der Einbettungs-Origin des Dienstes sein (--embed-origin): Nur dieser Origin darf das Formular enthalten und seine Ergebnisse empfangen
problem-session-return-url = `return_url` muss eine URL ohne Fragment auf dem Einbettungs-Origin oder dem des Dienstes sein
problem-session-expires-in = `expires_in` muss zwischen 60 und { $max } Sekunden liegen
problem-session-too-large = die Sitzung ist zu groß: Bieten Sie weniger Anbieter oder kürzere Werte an
shape-fields = ein JSON-Objekt {"{"}"fields": {"{"}…{"}"}{"}"}

## Problemdetails: Feldfehler.

problem-invalid-fields-detail = { $count ->
        [one] { $count } Feld ist ungültig: { $messages }
       *[other] { $count } Felder sind ungültig: { $messages }
    }
problem-invalid-fields-more = { $count ->
        [one] { $count } Feld ist ungültig: { $messages }; und { $more } weitere
       *[other] { $count } Felder sind ungültig: { $messages }; und { $more } weitere
    }
field-control-character = { $label } darf keine Zeilenumbrüche oder anderen Steuerzeichen enthalten
label-access-token = Das Zugriffstoken
field-key-unusable = { $label } { $why ->
        [not-a-key] ist kein privater Schlüssel, mit dem der Dienst signieren kann
       *[unsigned] konnte die Assertion nicht signieren
    }

## Problemdetails: abgelehnte Anbieteradresse.

refused-host-field = { $label } { $why ->
        [needed] wird benötigt, um die Adresse des Anbieters zu bilden
        [needed-token] wird benötigt, um die Token-Adresse des Anbieters zu bilden
        [invalid] ergibt keine gültige Anbieteradresse
        [invalid-token] ergibt keine gültige Token-Adresse des Anbieters
        [not-https-token] ergibt keine https-Token-Adresse
        [not-allowed] führt zu einem Host, den die Spec dieses Anbieters nicht erlaubt
        [internal] ist eine interne Adresse
        [internal-only-test] löst nur zu internen Adressen auf, die Verbindungstests nie erreichen
       *[internal-only] löst nur zu internen Adressen auf, die der Dienst nie erreicht
    }
refused-value = { $label } { $why ->
        [one-label] muss hier ein einzelnes Host-Label sein (Buchstaben, Ziffern und Bindestriche, kein Punkt)
        [empty-segment] kann kein leeres Pfadsegment und kein `.` oder `..` ergeben
        [not-base-url] ist keine https-URL ohne Benutzername, Passwort, Query oder Fragment
        [not-host] ist kein Hostname (nur Buchstaben, Ziffern, Bindestriche und Punkte)
        [dot-segment] darf kein Pfadsegment `.` oder `..` sein
       *[misplaced] kann nicht in diesen Teil der URL gesetzt werden
    }
problem-refused-host-detail = { $message }
problem-refused-host-form = die aus dem Formular gebildete Anbieteradresse wird abgelehnt

## Problemdetails: der Dienst selbst.

problem-internal-test-method = die Methode `{ $method }` des Verbindungstests der Spec ist keine HTTP-Methode
problem-internal-header-value = ein Header-Wert der Zugangsdaten ist kein gültiger HTTP-Header-Wert
problem-internal-base-url = die überschriebene Basis-URL und der Testpfad ergeben keine URL
problem-internal-oauth-origin = der überschriebene OAuth-Origin passt nicht zur URL des Anbieters
problem-internal-authorization-url = die Autorisierungs-URL des Anbieters ist kein gültiger Header-Wert
problem-internal-redirect-uri = die Redirect-URI ist keine URL
problem-internal-no-discovery = die Methode hat keine Discovery
problem-internal-randomness = keine Zufallsdaten für die Assertion
problem-internal-assertion-claim = { $provider } { $method }: `{ $claim }` der Assertion nennt einen Wert, den die Felder nicht liefern
problem-internal-exchange = { $what ->
        [body-not-json] der Austausch-Inhalt der Spec ist kein JSON
        [body-unwritable] der Austausch-Inhalt konnte nicht geschrieben werden
        [template] eine Zeichenkette des Austausch-Inhalts ist keine Vorlage
       *[request] die Austausch-Anfrage konnte nicht gebildet werden
    }
problem-internal-exchange-of = { $provider } { $method }: { $what ->
        [header] ein Header-Wert des Austauschs ist kein gültiger HTTP-Header-Wert
       *[basic-user] der Basic-Benutzer des Austauschs nennt einen Wert, den die Felder nicht liefern
    }
problem-not-found-link-asset = keine solche Datei des Verknüpfungsformulars
problem-not-found-validators-asset = keine solche Datei im Paket der Browser-Validatoren

## Verbindungstests.

method-title = { $provider } mit { $method } verbinden
problem-not-found-test = { $provider } { $method } deklariert keinen Verbindungstest
test-connected = { $provider } hat { $method } akzeptiert.
test-missing-scopes = { $meaning }: { $scopes }.
test-unexpected-status = { $provider } hat den Verbindungstest mit HTTP { $status } beantwortet, was die Spec nicht beschreibt.
test-unreadable = { $provider } hat den Verbindungstest mit { $why ->
        [too-large] mehr als 1 MiB
       *[not-json] einem Inhalt, der kein JSON ist,
    } beantwortet, daher konnten die Prüfungen der Antwort aus der Spec nicht laufen.
test-exchange-refused = { $provider } hat { $method } nicht akzeptiert: Der Token-Endpunkt hat die Angaben abgelehnt. Prüfen Sie sie und versuchen Sie es erneut.
test-note-token-only = Nur der Token-Endpunkt wurde gefragt: Es wurde keine API-Anfrage gestellt.
problem-provider-unreachable-test = der Verbindungstest konnte { $provider } nicht erreichen ({ $what ->
        [connect] Verbindungsfehler
        [request] Anfragefehler
       *[unknown] anderer Fehler
    })
problem-provider-timeout-test = { $provider } hat den Verbindungstest nicht innerhalb von { $ms } ms beantwortet
problem-unknown-actions-detail = { $count ->
        [one] { $count } der angegebenen Aktions-IDs ist keine Aktion dieser Methode
       *[other] { $count } der angegebenen Aktions-IDs sind keine Aktionen dieser Methode
    }; die Aktionen von { $provider } { $method } sind: { $actions }
problem-unknown-actions-none = { $count ->
        [one] { $count } der angegebenen Aktions-IDs ist keine Aktion dieser Methode
       *[other] { $count } der angegebenen Aktions-IDs sind keine Aktionen dieser Methode
    }; { $provider } { $method } hat keine Aktionen

## Was der Verbindungstest über die Scopes erfahren hat (ein Hinweis für den Hub).

learned-no-scopes = keine Scopes
learned-missing = { $provider } hat { $method } akzeptiert, aber es fehlt, was die Integration braucht: { $missing }. Minimale Rechte: { $least }.
learned-excess = { $provider } hat { $method } akzeptiert, aber es { $count ->
        [one] hat einen Scope
       *[other] hat { $count } Scopes
    } mehr, als die Integration braucht. Minimale Rechte: { $least }.
learned-missing-and-excess = { $provider } hat { $method } akzeptiert, aber es fehlt, was die Integration braucht: { $missing }, und es { $count ->
        [one] hat einen Scope
       *[other] hat { $count } Scopes
    } mehr, als die Integration braucht. Minimale Rechte: { $least }.

## OAuth 2.0.

problem-not-found-oauth = { $provider } { $method } ist keine OAuth-Methode
problem-oauth-not-configured-detail = { $provider } { $method } kann hier noch nicht verknüpft werden: Dem Dienst fehlt { $what ->
        [client-id] die Client-ID
        [redirect-uri] die Redirect-URI (--oauth-redirect-uri)
        [state-key] ein State-Schlüssel (CONNECTSPEC_OAUTH_STATE_KEYS oder --oauth-state-key-file)
       *[client] ein OAuth-Client dafür (Client-ID und Secret)
    }
problem-bad-request-members-of = der Anfrageinhalt muss ein JSON-Objekt mit den Elementen { $members } sein
problem-bad-request-member-types = der Anfrageinhalt muss ein JSON-Objekt mit den Elementen { $members } und Zeichenkettenwerten sein
problem-bad-request-no-member = der Anfrageinhalt hat kein `{ $member }`
problem-bad-request-empty-member = `{ $member }` ist leer
problem-bad-request-scopes = { $count ->
        [one] { $count } der angefragten Scopes ist kein Scope von { $provider } { $method } (Scopes: { $scopes })
       *[other] { $count } der angefragten Scopes sind keine Scopes von { $provider } { $method } (Scopes: { $scopes })
    }
problem-bad-request-use-token = { $provider } { $method } verwendet den Client-Credentials-Grant: stattdessen POST …/token
problem-bad-request-use-authorize = { $provider } { $method } verwendet den Authorization-Code-Grant: stattdessen POST …/authorize
problem-not-found-refresh = { $provider } { $method } verwendet den Client-Credentials-Grant, der kein Refresh kennt: POST …/token für ein neues Zugriffstoken
problem-bad-request-captured = `values` fehlt `{ $key }` ({ $label }), das die Token-Übergabe geliefert hat
problem-bad-request-client-dynamic = { $provider } { $method } registriert seinen OAuth-Client für jede Verbindung beim Anbieter: Senden Sie kein `client`
problem-bad-request-client-integrator = { $provider } { $method } verwendet den OAuth-Client des Integrators, der im Dienst eingerichtet ist: Senden Sie kein `client`
problem-bad-request-client-end-user = { $provider } { $method } verwendet die eigene OAuth-App der Endnutzerin oder des Endnutzers: Senden Sie ihre Werte in `client` ({ $fields })
problem-values-too-long-flow = die Werte des Formulars sind zu lang, um sie durch die Anmeldung beim Anbieter zu tragen; kürzen Sie sie
problem-oauth-bad-state-detail = Dieser Anmeldelink ist ungültig oder abgelaufen. Beginnen Sie die Verknüpfung des Kontos erneut.
problem-oauth-unbound-detail = Diese Anmeldung wurde nicht in diesem Browser begonnen oder schon verwendet. Beginnen Sie die Verknüpfung des Kontos erneut.
problem-bad-request-redirect-no-code = die Weiterleitung des Anbieters hat weder `code` noch `error`
problem-bad-request-redirect-empty-code = die Weiterleitung des Anbieters hat einen leeren `code`
problem-provider-bad-answer-redirect = der Weiterleitung von { $provider } fehlte ein Wert, den die Spec beschreibt, oder er hatte eine andere Form
problem-connection-test-failed-detail = { $message }
problem-oauth-access-denied-detail = Sie haben den Zugriff bei { $provider } nicht erlaubt, daher wurde das Konto nicht verknüpft. Um es zu verknüpfen, beginnen Sie erneut und bestätigen Sie die Anfrage bei { $provider }.
problem-oauth-invalid-scope-detail = { $provider } hat die angefragten Berechtigungen abgelehnt, daher wurde das Konto nicht verknüpft.
problem-oauth-sign-in-required-detail = Die Anmeldung bei { $provider } wurde nicht abgeschlossen. Beginnen Sie die Verknüpfung des Kontos erneut und schließen Sie die Anmeldung ab.
problem-oauth-provider-unavailable-detail = { $provider } konnte die Anmeldung gerade nicht abschließen. Versuchen Sie es in einigen Minuten erneut.
problem-oauth-authorization-error-detail = { $provider } hat die Anmeldung nicht abgeschlossen, daher wurde das Konto nicht verknüpft. Beginnen Sie die Verknüpfung erneut.
problem-oauth-invalid-grant-detail = { $provider } hat die Anmeldung nicht akzeptiert: Sie wurde schon verwendet, ist abgelaufen oder wurde widerrufen. Beginnen Sie die Verknüpfung des Kontos erneut.
problem-oauth-client-rejected-detail = { $provider } hat die OAuth-App dieser Integration nicht akzeptiert (Client-ID oder Secret, oder ein nicht erlaubter Grant). Der Integrator muss die Einstellungen der App bei { $provider } prüfen.
problem-oauth-invalid-scope-token = { $provider } hat die angefragten Berechtigungen abgelehnt.
problem-oauth-token-error-detail = { $provider } hat die Token-Anfrage abgelehnt.
problem-provider-timeout-token = { $provider } hat die Token-Anfrage nicht rechtzeitig beantwortet
problem-provider-unreachable-token = die Token-Anfrage konnte { $provider } nicht erreichen ({ $what ->
        [timeout] Zeitüberschreitung
        [refused] abgelehnte Adresse
        [connect] Verbindungsfehler
        [too-large] Antwort zu groß
       *[request] Anfragefehler
    })
problem-provider-bad-answer-tokens = der Token-Endpunkt von { $provider } hat etwas anderes geantwortet als die Tokens, die die Spec beschreibt

## OAuth-Discovery und dynamische Client-Registrierung.

problem-oauth-discovery-refused-detail = die OAuth-Metadaten von { $provider } { $why }, daher kann das Konto nicht verknüpft werden
discovery-what = { $what ->
        [resource] geschützte Ressource
        [server] Autorisierungsserver
        [authorization-endpoint] Autorisierungsendpunkt
        [token-endpoint] Token-Endpunkt
        [registration-endpoint] Registrierungsendpunkt
        [resource-metadata] Metadaten der geschützten Ressource
       *[server-metadata] Metadaten des Autorisierungsservers
    }
discovery-a-what = { $what ->
        [resource] eine geschützte Ressource
        [server] einen Autorisierungsserver
        [authorization-endpoint] einen Autorisierungsendpunkt
        [token-endpoint] einen Token-Endpunkt
        [registration-endpoint] einen Registrierungsendpunkt
        [resource-metadata] Metadaten der geschützten Ressource
       *[server-metadata] Metadaten des Autorisierungsservers
    }
discovery-not-https = nennen { $a_what } ohne einfache https-Adresse
discovery-host = nennen { $a_what } auf einem Host, den die Spec dieses Anbieters nicht erlaubt
discovery-internal = nennen { $a_what } an einer internen Adresse
discovery-resolves-internal = nennen { $a_what } mit einem Host, der nur zu internen Adressen auflöst
discovery-too-large = ({ $what }) sind größer als 64 KiB
discovery-not-object = ({ $what }) sind kein JSON-Objekt
discovery-no-url = nennen keinen Wert für: { $what }
discovery-not-url = nennen { $a_what } ohne gültige URL
discovery-no-server = nennen keinen Autorisierungsserver
discovery-server-query = nennen einen Autorisierungsserver, dessen Kennung eine Query oder ein Fragment hat
discovery-issuer = nennen einen anderen Aussteller als den Autorisierungsserver, für den sie abgerufen wurden
discovery-no-pkce = bieten kein PKCE mit S256 an (code_challenge_methods_supported)
discovery-not-rfc9728 = (geschützte Ressource) haben nicht die Form nach RFC 9728
discovery-other-resource = (geschützte Ressource) nennen eine andere Ressource als die angefragte
discovery-no-resource-metadata = wurden nicht gefunden: Die Ressource veröffentlicht keine Metadaten einer geschützten Ressource
discovery-not-rfc8414 = (Autorisierungsserver) haben nicht die Form nach RFC 8414
discovery-no-server-metadata = wurden nicht gefunden: Der Autorisierungsserver veröffentlicht keine
discovery-no-registration = nennen keinen Registrierungsendpunkt (RFC 7591)
problem-provider-unreachable-discovery = { $what } von { $provider } konnte nicht abgerufen werden ({ $kind ->
        [timeout] keine rechtzeitige Antwort
        [connect] Verbindungsfehler
       *[request] Anfragefehler
    })
problem-oauth-registration-invalid-detail = `registration` stammt nicht von diesem Dienst für diesen Anbieter und diese Methode, wurde verändert oder ihr Client ist abgelaufen: Verknüpfen Sie das Konto erneut
problem-provider-bad-answer-registration-long = die Client-Registrierung des Anbieters ist zu lang für die Übergabe
problem-oauth-registration-failed-detail = { $provider } { $why ->
        [unreached-timeout] war nicht erreichbar, um einen Client zu registrieren (keine rechtzeitige Antwort)
        [unreached-connect] war nicht erreichbar, um einen Client zu registrieren (Verbindungsfehler)
        [unreached-other] war nicht erreichbar, um einen Client zu registrieren (Anfragefehler)
        [broke-off] hat die Antwort auf die Registrierung abgebrochen
        [too-large] hat eine Registrierung über 64 KiB geantwortet
        [timeout] hat die Registrierung nicht rechtzeitig beantwortet
        [not-rfc7591] hat eine Registrierung geantwortet, die kein JSON nach RFC 7591 ist
        [no-client-id] hat eine Registrierung ohne brauchbare Client-ID geantwortet
        [bad-secret] hat ein unbrauchbares Client-Secret geantwortet
       *[refused] hat die Registrierung eines Clients für diese Verbindung abgelehnt
    }
problem-bad-request-no-registration = { $provider } { $method } nennt seine OAuth-Endpunkte: Senden Sie kein `registration`
problem-bad-request-registration-needed = { $provider } { $method } findet seinen OAuth-Client per Discovery: Senden Sie die `registration` aus dem Verknüpfungsergebnis
problem-bad-request-registration-resource = die Felder nennen einen anderen { $provider }-Server als den, für den `registration` erstellt wurde

## Token-Austausch.

problem-not-found-exchange = { $provider } { $method } ist keine Token-Austausch-Methode
problem-provider-error-token = der Token-Endpunkt von { $provider } hat mit HTTP { $status } geantwortet, nicht mit einem Token
problem-provider-bad-answer-no-token = der Token-Endpunkt von { $provider } hat ohne das Zugriffstoken geantwortet, das die Spec beschreibt
problem-provider-bad-answer-too-large = der Token-Endpunkt von { $provider } hat mehr als 64 KiB geantwortet
problem-exchange-refused-detail = der Token-Endpunkt von { $provider } hat { $method } abgelehnt (HTTP { $status }): Die Angaben sind falsch, widerrufen oder für diesen Grant nicht zugelassen

## Die Seiten des Dienstes.

page-hosted-title = Konto verknüpfen
page-oauth-linked-title = Konto verknüpft
page-oauth-linked = Das Konto ist verknüpft. Dieses Fenster schließt sich selbst; falls nicht, schließen Sie es und kehren Sie zurück.
page-problems-page-title = Spec { $provider }
page-problems-title = Diese Spec lädt nicht
page-problems-last-good = Das Formular unten ist ihre letzte funktionierende Version. Beheben Sie diese Probleme und speichern Sie; die Seite zeigt die neue Version nach dem Neuladen.
page-problems-none-good = Beheben Sie diese Probleme und speichern Sie; das Formular erscheint nach dem Neuladen.
