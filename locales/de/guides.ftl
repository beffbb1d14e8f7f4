### Die eigenen Wörter der Anleitungsseiten (Deutsch). Quelle: locales/en/guides.ftl;
### Sie-Form. Bezeichnungen aus der Spec (Methoden, Felder) stehen ohne Artikel, da ihr
### Genus unbekannt ist.

## Titel und Beschreibungen

guide-page-title = { $provider } mit { $method } verbinden
guide-page-description = Schritt für Schritt: { $method } in { $provider } erstellen und Ihr Konto bei { $provider } damit verknüpfen.
guide-page-description-authorization-code = Schritt für Schritt: Ihr Konto bei { $provider } verknüpfen, indem Sie sich bei { $provider } anmelden und den Zugriff genehmigen.
guide-page-description-client-credentials = Schritt für Schritt: Ihr Konto bei { $provider } mit den App-Zugangsdaten des Connectors { $method } verknüpfen.
guide-setup-title = { $provider } { $method } einrichten
guide-setup-description = Einmalige Einrichtung des Connectors { $provider } { $method }: die OAuth-App, ihre Weiterleitungs-URI, ihre Scopes und ihre Zugangsdaten.
guide-index-title = Verbindungsanleitungen
guide-index-description = Alle Anbieter, die Sie über den Hub verknüpfen können, mit einer Anleitung für jede Anmeldemethode.

## Überschriften des Index

guide-category-hr = Personalwesen und Lohnabrechnung
guide-category-ats = Bewerbermanagement
guide-category-crm = CRM und Vertrieb
guide-category-accounting = Buchhaltung und Finanzen
guide-category-payments = Zahlungen und Abrechnung
guide-category-ticketing = Tickets und Support
guide-category-project_management = Projekte und Arbeit
guide-category-learning = Lernen
guide-category-identity = Identität und Zugriff
guide-category-documents = Dokumente, Dateien und E-Signatur
guide-category-knowledge = Wissen und Dokumentation
guide-category-productivity = Produktivität und Terminplanung
guide-category-communication = Nachrichten und Kommunikation
guide-category-marketing = Marketing und E-Mail
guide-category-commerce = Handel
guide-category-cms = Websites und CMS
guide-category-analytics = Analyse und Daten
guide-category-monitoring = Monitoring und Störungen
guide-category-developer_tools = Entwicklerwerkzeuge
guide-category-ai = KI
guide-category-other = Sonstige

## Die Anleitung

guide-warning-label = Warnung:
guide-step-title = Schritt { $n }: { $title }
guide-step-permissions = Berechtigungen, die dieser Schritt erteilt:
guide-format = Format: { $hint }.

## Was die Integration tun wird

guide-actions-heading = Was die Integration tun wird
guide-actions-chosen = Diese Anleitung ist für folgende Aktionen geschrieben:
guide-actions-each = Jede Aktion benötigt die bei ihr aufgeführten Berechtigungen:
guide-actions-each-choose = Jede Aktion benötigt die bei ihr aufgeführten Berechtigungen. Wählen Sie die Aktionen, die die Integration braucht, um nur die dafür nötigen Schritte und Berechtigungen zu sehen.
guide-actions-exact = Erteilen Sie genau diese Berechtigungen:

## Das Konto im Hub verknüpfen

guide-hub-heading = Das Konto im Hub verknüpfen
guide-hub-navigate = Hub öffnen
guide-hub-navigate-text = Öffnen Sie den Hub über eine der drei [Methoden zum Verknüpfen von Konten]({ $href }).
guide-hub-fields = Felder ausfüllen
guide-hub-fields-text = Tragen Sie die oben gesammelten Angaben in diese Felder ein:
guide-hub-fields-oauth = Füllen Sie diese Felder aus:
guide-field-optional = {" "}(optional)
guide-field-default = {" "}(Standard: { $option })
guide-field-paste-json = Fügen Sie den Inhalt der JSON-Schlüsseldatei ein oder wählen Sie die Datei aus
guide-field-paste-pem = Fügen Sie den privaten PEM-Schlüssel ein oder wählen Sie seine Datei aus
guide-hub-connect = Verbinden
# Die Beschriftung der Schaltfläche des Hub-Formulars (form.ftl).
guide-connect-button = Verbinden
guide-hub-click = Klicken Sie auf **{ $button }**.
guide-hub-provider-flow = Wenn { $provider } Sie auffordert, sich anzumelden oder den Zugriff zu genehmigen, schließen Sie diesen Vorgang ab.
guide-hub-confirmation = Sobald das Konto verknüpft ist, erscheint eine Bestätigung.
guide-hub-accounts = Das verknüpfte Konto erscheint anschließend auf Ihrer Seite [Konten]({ $href }).

## OAuth 2.0

guide-oauth-sent = Sie werden zu { $provider } weitergeleitet. Melden Sie sich dort an, falls Sie noch nicht angemeldet sind.
guide-oauth-approve = { $provider } zeigt an, was die Integration anfordert. Genehmigen Sie die Anfrage, um das Konto zu verknüpfen; wenn Sie abbrechen, wird nichts verknüpft.
guide-oauth-client-credentials = Der Hub erhält mit den App-Zugangsdaten des Connectors ein Zugriffstoken von { $provider }; niemand muss sich anmelden.
guide-oauth-asks = Was { $provider } Sie genehmigen lässt:
guide-oauth-accounts-setup = Das verknüpfte Konto erscheint anschließend auf Ihrer Seite [Konten]({ $href }). Der Connector selbst wird einmalig von einem Administrator eingerichtet: siehe [{ $title }]({ $setup }).

## Die Einrichtungsseite

guide-setup-register-heading = OAuth-App registrieren
guide-setup-register-at = Registrieren Sie eine App in den [Entwicklereinstellungen von { $provider }]({ $href }), angemeldet als Administrator des Kontos, dem die App gehören soll.
guide-setup-register = Registrieren Sie eine App bei { $provider }, angemeldet als Administrator des Kontos, dem die App gehören soll.
guide-setup-redirect = Geben Sie als Weiterleitungs-URI (Callback-URL) den Callback des Verbindungsdienstes ein: seine öffentliche Adresse, gefolgt von `{ $path }`, zum Beispiel `{ $example }`. { $provider } leitet Endnutzer nur an eine Adresse zurück, die genau übereinstimmt.
guide-setup-scopes-heading = Scopes aktivieren
guide-setup-scopes-text = Erteilen Sie der App diese Berechtigungen; der Connector fordert die ersten davon bei jeder Verknüpfung an.
guide-setup-scope-required = {" "}(wird immer angefordert)
guide-setup-scope-default = {" "}(wird standardmäßig angefordert)
guide-setup-scope-optional = {" "}(optional)
guide-setup-credentials-heading = Zugangsdaten kopieren
guide-setup-secret = {" "}(geheim)
guide-setup-end-user = Jeder Endnutzer registriert auf diese Weise eine eigene App und gibt deren Zugangsdaten beim Verknüpfen im Verknüpfungsformular ein; im Verbindungsdienst wird nichts konfiguriert, und die App eines Nutzers dient nie einem anderen.
guide-setup-give = Übergeben Sie sie dem Verbindungsdienst einmalig: in seiner Datei `{ $option }` unter { $provider } und { $method } oder als die Variablen { $variables }. Endnutzer sehen sie nie.
guide-setup-give-either = Übergeben Sie sie dem Verbindungsdienst einmalig: in seiner Datei `{ $option }` unter { $provider } und { $method } oder als die Variablen { $variables }. Ein Endnutzer kann stattdessen eine eigene App mitbringen und deren Zugangsdaten im Verknüpfungsformular eingeben; diese Verknüpfung verwendet dann seine App.
guide-setup-then = Endnutzer verknüpfen ihre Konten anschließend so, wie es [{ $title }]({ $href }) beschreibt.

## Was der Hub bei „Verbinden“ tut

guide-check-discovery = Der Hub liest die Metadaten von `{ $resource }`, um den zugehörigen Autorisierungsserver zu finden.
guide-check-discovery-dynamic = Der Hub liest die Metadaten von `{ $resource }`, um den zugehörigen Autorisierungsserver zu finden, und registriert dort einen Client für diese Verbindung: Vorab muss keine App registriert werden.
guide-check-exchange = Der Hub tauscht zuerst { $fields } bei `{ $host }` gegen ein kurzlebiges Zugriffstoken.
guide-exchange-values = die eingegebenen Werte
guide-exchange-fields = die Angaben aus { $fields }
guide-check-assertion = Dazu signiert er eine kurzlebige { $algorithm }-Assertion mit dem privaten Schlüssel aus dem Feld **{ $field }**; der Schlüssel selbst wird nie gesendet.
guide-check-test = Der Verbindungstest sendet `{ $request }` an { $provider } und ist erfolgreich, wenn die Antwort { $status } lautet.
guide-check-identity = Er liest die Angabe „{ $identity }“ aus, damit ein erneutes Verknüpfen desselben Kontos dieses aktualisiert, statt ein weiteres hinzuzufügen.
guide-identity-default = Konto-ID
guide-learns-token = das Zugriffstoken
guide-learns-method = { $method }
guide-learns-scopes = Der Verbindungstest liest außerdem die Scopes für { $credential } aus.
guide-learns-expiry = Der Verbindungstest liest außerdem das Ablaufdatum für { $credential } aus.
guide-learns-scopes-expiry = Der Verbindungstest liest außerdem die Scopes und das Ablaufdatum für { $credential } aus.
guide-learns-lifetime = Der Hub übernimmt das Ablaufdatum für { $credential } aus **{ $field }**, gerechnet ab dem Zeitpunkt der Verknüpfung.
guide-learns-scopes-lifetime = Der Verbindungstest liest außerdem die Scopes für { $credential } aus. Der Hub übernimmt das Ablaufdatum für { $credential } aus **{ $field }**, gerechnet ab dem Zeitpunkt der Verknüpfung.

## Grenzen eines Zugangs

guide-limit-shown-once = { $credential } wird nur einmal angezeigt, beim Erzeugen.
guide-limit-max-count =
    { $n ->
        [one] Es kann jeweils nur { $n } { $credential } geben.
       *[other] Es kann höchstens { $n } { $credential } gleichzeitig geben.
    }
guide-limit-max-count-per =
    { $n ->
        [one] Pro { $per } kann es nur { $n } { $credential } geben.
       *[other] Pro { $per } kann es höchstens { $n } { $credential } geben.
    }
guide-limit-expires-after = { $credential } läuft { $n } { $unit } nach dem Erzeugen ab.
guide-limit-expires-inactive = { $credential } läuft ab, sobald { $n } { $unit } in Folge keine Nutzung erfolgt.
guide-limit-expires-choices = Beim Erstellen von { $credential } wählen Sie, wann die Gültigkeit endet: { $options }.
guide-limit-choice-after = { $numbers } { $unit } nach dem Erstellen
guide-limit-choice-date = an einem selbst gewählten Datum
guide-limit-choice-never = nie
guide-limit-rate = Anfragen sind auf { $n } { $unit } begrenzt.
guide-unit =
    { $unit ->
        [seconds]
            { $n ->
                [one] Sekunde
               *[other] Sekunden
            }
        [minutes]
            { $n ->
                [one] Minute
               *[other] Minuten
            }
        [hours]
            { $n ->
                [one] Stunde
               *[other] Stunden
            }
       *[days]
            { $n ->
                [one] Tag
               *[other] Tage
            }
        [requests_per_second]
            { $n ->
                [one] Anfrage pro Sekunde
               *[other] Anfragen pro Sekunde
            }
        [requests_per_minute]
            { $n ->
                [one] Anfrage pro Minute
               *[other] Anfragen pro Minute
            }
        [requests_per_hour]
            { $n ->
                [one] Anfrage pro Stunde
               *[other] Anfragen pro Stunde
            }
    }

## Satzzeichen und Aufzählungen

guide-label-separator = {": "}
guide-list-separator = {", "}
guide-list-or = { $init } oder { $last }
guide-list-and = { $init } und { $last }
