## Mensajes del servicio (español, tratamiento de usted). Fuente: locales/en/service.ftl.
## Los títulos de problema se llaman `problem-<code>`; los demás identificadores empiezan por su uso.
## Los argumentos nunca son secretos: identificadores, cantidades, el nombre del proveedor y textos de la spec.

list-separator = {", "}

## Títulos de problema, uno por código.

problem-bad-path = Ruta de solicitud no válida
problem-bad-request = Cuerpo de solicitud no válido
problem-body-timeout = Cuerpo de solicitud demasiado lento
problem-body-too-large = Cuerpo de solicitud demasiado grande
problem-connection-test-failed = La prueba de conexión falló
problem-different-account = Otra cuenta
problem-exchange-refused = Credenciales rechazadas por el endpoint de tokens
problem-internal = Error interno
problem-invalid-fields = Formulario de credenciales no válido
problem-invalid-session-request = Solicitud de sesión no válida
problem-link-result-invalid = Resultado de vinculación no válido
problem-method-not-allowed = Método no permitido
problem-not-found = No encontrado
problem-not-offered = No se ofrece en esta sesión de vinculación
problem-oauth-access-denied = Acceso no concedido
problem-oauth-authorization-error = El inicio de sesión falló
problem-oauth-bad-state = Enlace de inicio de sesión no válido
problem-oauth-client-rejected = Cliente OAuth rechazado
problem-oauth-discovery-refused = Metadatos OAuth del proveedor rechazados
problem-oauth-invalid-grant = No se pudo completar el inicio de sesión
problem-oauth-invalid-scope = Permisos rechazados
problem-oauth-not-configured = OAuth no configurado
problem-oauth-provider-unavailable = Proveedor no disponible
problem-oauth-registration-failed = El registro del cliente falló
problem-oauth-registration-invalid = Registro no válido
problem-oauth-sign-in-required = Inicio de sesión no completado
problem-oauth-token-error = El proveedor rechazó la solicitud de token
problem-oauth-unbound = El inicio de sesión no empezó aquí
problem-provider-bad-answer = Respuesta inesperada del proveedor
problem-provider-error = Error del proveedor
problem-provider-timeout = El proveedor no respondió a tiempo
problem-provider-unreachable = Proveedor inaccesible
problem-refused-host = Dirección del proveedor rechazada
problem-session-expired = Sesión de vinculación caducada
problem-session-required = Se necesita una sesión de vinculación
problem-too-many-tests = Demasiados intentos
problem-unauthorized = Se necesita una credencial de operador
problem-unknown-actions = Acciones desconocidas
problem-unsupported-media-type = Tipo de medio no admitido
problem-values-too-long = Valores demasiado largos

## Detalles: ruta y llamador.

problem-bad-path-utf8 = el identificador del proveedor o del método en la ruta no es texto UTF-8 válido
problem-not-found-provider = proveedor desconocido `{ $provider }`
problem-not-found-provider-unnamed = proveedor desconocido en la ruta
problem-not-found-method = { $provider } no tiene el método de autenticación `{ $method }` (métodos: { $methods })
problem-not-found-method-unnamed = { $provider } no tiene el método de autenticación indicado en la ruta (métodos: { $methods })
problem-not-found-endpoint = no existe ese endpoint; consulte GET /v1/providers
problem-method-not-allowed-detail = este endpoint no acepta ese método HTTP
problem-unauthorized-no-keys = este endpoint es para el back-end del hub, y este servicio no tiene claves de API: configure CONNECTSPEC_API_KEYS o --api-key-file
problem-unauthorized-send-key = este endpoint es para el back-end del hub: envíe `Authorization: Bearer <API key>` con una de las claves de operador del servicio

## Detalles: cuerpos de solicitud.

problem-body-timeout-detail = el cuerpo de la solicitud no llegó en { $ms } ms
problem-bad-request-unreadable = no se pudo leer el cuerpo de la solicitud
problem-body-too-large-detail = el cuerpo de la solicitud debe tener como máximo { $kib } KiB
problem-unsupported-media-type-detail = { $why ->
        [missing] la solicitud no tiene Content-Type
        [unreadable] la cabecera Content-Type no se puede leer
       *[not-json] el Content-Type no es JSON
    }; envíe el cuerpo como `Content-Type: application/json`
problem-bad-request-shape = el cuerpo de la solicitud debe ser { $shape } (línea { $line }, columna { $column })
problem-bad-request-empty = el cuerpo de la solicitud está vacío; se esperaba {"{"}"fields": {"{"}…{"}"}{"}"}
problem-bad-request-json-at = el cuerpo de la solicitud no es JSON válido (línea { $line }, columna { $column })
problem-bad-request-json = el cuerpo de la solicitud no es JSON válido
problem-bad-request-not-object = el cuerpo de la solicitud debe ser un objeto JSON {"{"}"fields": {"{"}…{"}"}{"}"}, no { $kind ->
        [null] null
        [boolean] un booleano
        [number] un número
        [string] una cadena
        [array] un array
       *[object] un objeto
    }
problem-bad-request-members = el cuerpo de la solicitud solo puede tener los miembros `fields`, `actions` y `lang`
problem-bad-request-actions = `actions` debe ser un array de identificadores de acción
problem-bad-request-lang = `lang` debe ser una etiqueta de idioma como `de` o `ja-JP`
problem-bad-request-fields = `fields` debe ser un objeto de claves de campo y valores de cadena, no { $kind ->
        [null] null
        [boolean] un booleano
        [number] un número
        [string] una cadena
        [array] un array
       *[object] un objeto
    }
problem-bad-request-no-fields = el cuerpo de la solicitud no tiene un objeto `fields`

## Qué debe ser un cuerpo de solicitud, en «el cuerpo de la solicitud debe ser …».

shape-exchange = un objeto JSON {"{"}"result": "…"{"}"}
shape-connect = un objeto JSON {"{"}"provider": …, "method": …, "fields": {"{"}…{"}"}{"}"}
shape-session = un objeto JSON con `end_user`, `offers` y los miembros opcionales de una sesión

## Detalles: sesiones y resultados de vinculación.

problem-internal-unsealable = { $what ->
        [result] no se pudo sellar el resultado
        [session] no se pudo sellar la sesión
        [state] no se pudo sellar el state
        [flow] no se pudo sellar el flujo
       *[registration] no se pudo sellar el registro
    }
problem-values-too-long-result = los valores de la cuenta son demasiado largos para entregarlos; acórtelos
problem-link-result-invalid-detail = el resultado no lo emitió este servicio, se modificó o caducó (los resultados valen { $minutes } minutos): vincule la cuenta de nuevo
problem-different-account-detail = Esta es otra cuenta de { $provider } distinta de la vinculada antes. Inicie sesión en la cuenta que estaba vinculada o vincule esta como una conexión nueva.
problem-too-many-tests-detail = Los datos se comprobaron demasiadas veces en poco tiempo ({ $count } por minuto). Espere un minuto y vuelva a intentarlo.
problem-bad-request-connect-operator = el back-end comprueba credenciales con …/validate y …/test; /v1/link/connect es del formulario de vinculación, dentro de una sesión de vinculación
problem-bad-request-connect-sign-in = { $provider } { $method } se vincula mediante el inicio de sesión en el proveedor: POST …/authorize
problem-bad-request-no-client = { $provider } { $method } no tiene cliente OAuth: no envíe `client`
problem-not-offered-detail = esta sesión de vinculación no ofrece { $provider } { $method }
problem-session-expired-detail = Este enlace ha caducado. Vuelva atrás y empiece de nuevo a vincular la cuenta.
problem-session-required-detail = este endpoint lo llama el formulario de vinculación dentro de una sesión de vinculación: envíe `Connectspec-Session: <session token>` (el back-end del hub abre una con POST /v1/link/sessions)
problem-bad-request-session-view = este endpoint describe una sesión de vinculación: envíe su token en `Connectspec-Session`
problem-session-reference = `{ $member }` debe tener de 1 a { $max } caracteres sin caracteres de control
problem-session-no-offers = `offers` no nombra ningún proveedor: ofrezca al menos uno
problem-session-too-many-offers = `offers` tiene más de { $max } entradas
problem-session-offer-provider = la oferta { $offer } no nombra ningún proveedor
problem-session-offer-method = oferta { $offer }: { $provider } no tiene ese método
problem-session-reconnect-method = `reconnect` no nombra ningún método del catálogo
problem-session-reconnect-identity = `reconnect.identity`: la prueba de conexión de { $provider } { $method } no nombra ninguna cuenta (su spec no tiene `connection_test.identity`), así que la cuenta no se puede comparar; omita `identity`
problem-session-value-key = `values` tiene una clave que no tiene ningún método ofrecido: `{ $key }`
problem-session-value-key-unnamed = `values` tiene una clave que no tiene ningún método ofrecido: (no se muestra)
problem-session-value-secret = `values.{ $key }` es un campo secreto: una sesión nunca lleva secretos; el usuario final los escribe
problem-session-value-long = `values.{ $key }` tiene más de { $max } caracteres
problem-session-scope = un scope de `scopes` no es un scope de ningún método ofrecido
problem-session-action = una acción de `actions` no es una acción de ningún método ofrecido
problem-session-locale = `locale` debe ser una etiqueta de idioma BCP 47 como `en` o `de-CH`
problem-session-locale-pseudo = `locale` nombra una pseudolocalización, que este servicio solo sirve si se inició con --pseudo-locales
problem-session-origin = `origin` debe ser el origen de inserción del servicio (--embed-origin): solo ese origen puede contener el formulario y recibir sus resultados
problem-session-return-url = `return_url` debe ser una URL sin fragmento en el origen de inserción o en el del servicio
problem-session-expires-in = `expires_in` debe estar entre 60 y { $max } segundos
problem-session-too-large = la sesión es demasiado grande: ofrezca menos proveedores o valores más cortos
shape-fields = un objeto JSON {"{"}"fields": {"{"}…{"}"}{"}"}

## Detalles: errores de campo.

problem-invalid-fields-detail = { $count ->
        [one] { $count } campo no es válido: { $messages }
        [many] { $count } de campos no son válidos: { $messages }
       *[other] { $count } campos no son válidos: { $messages }
    }
problem-invalid-fields-more = { $count ->
        [one] { $count } campo no es válido: { $messages }; y { $more } más
        [many] { $count } de campos no son válidos: { $messages }; y { $more } más
       *[other] { $count } campos no son válidos: { $messages }; y { $more } más
    }
field-control-character = { $label } no debe contener saltos de línea ni otros caracteres de control
label-access-token = El token de acceso
field-key-unusable = { $label } { $why ->
        [not-a-key] no es una clave privada con la que el servicio pueda firmar
       *[unsigned] no permitió firmar la aserción
    }

## Detalles: dirección del proveedor rechazada.

refused-host-field = { $label } { $why ->
        [needed] es necesario para construir la dirección del proveedor
        [needed-token] es necesario para construir la dirección de tokens del proveedor
        [invalid] no forma una dirección de proveedor válida
        [invalid-token] no forma una dirección de tokens válida
        [not-https-token] no forma una dirección de tokens https
        [not-allowed] lleva a un host que la spec de este proveedor no permite
        [internal] es una dirección interna
        [internal-only-test] solo resuelve a direcciones internas, que las pruebas de conexión nunca alcanzan
       *[internal-only] solo resuelve a direcciones internas, que el servicio nunca alcanza
    }
refused-value = { $label } { $why ->
        [one-label] debe ser aquí una sola etiqueta de host (letras, dígitos y guiones, sin punto)
        [empty-segment] no puede formar un segmento de ruta vacío, `.` o `..`
        [not-base-url] no es una URL https sin usuario, contraseña, consulta ni fragmento
        [not-host] no es un nombre de host (solo letras, dígitos, guiones y puntos)
        [dot-segment] no puede ser un segmento de ruta `.` o `..`
       *[misplaced] no se puede colocar en esta parte de la URL
    }
problem-refused-host-detail = { $message }
problem-refused-host-form = se rechaza la dirección del proveedor construida con el formulario

## Detalles: el propio servicio.

problem-internal-test-method = el método `{ $method }` de la prueba de conexión de la spec no es un método HTTP
problem-internal-header-value = un valor de cabecera de las credenciales no es un valor de cabecera HTTP válido
problem-internal-base-url = la URL base sustituida y la ruta de la prueba no forman una URL
problem-internal-oauth-origin = el origen OAuth sustituido no encaja en la URL del proveedor
problem-internal-authorization-url = la URL de autorización del proveedor no es un valor de cabecera válido
problem-internal-redirect-uri = la URI de redirección no es una URL
problem-internal-no-discovery = el método no tiene descubrimiento
problem-internal-randomness = no hay aleatoriedad para la aserción
problem-internal-assertion-claim = { $provider } { $method }: `{ $claim }` de la aserción nombra un valor que los campos no dan
problem-internal-exchange = { $what ->
        [body-not-json] el cuerpo de intercambio de la spec no es JSON
        [body-unwritable] no se pudo escribir el cuerpo de intercambio
        [template] una cadena del cuerpo de intercambio no es una plantilla
       *[request] no se pudo construir la solicitud de intercambio
    }
problem-internal-exchange-of = { $provider } { $method }: { $what ->
        [header] un valor de cabecera del intercambio no es un valor de cabecera HTTP válido
       *[basic-user] el usuario basic del intercambio nombra un valor que los campos no dan
    }
problem-not-found-link-asset = no existe ese archivo del formulario de vinculación
problem-not-found-validators-asset = no existe ese archivo en el paquete de validadores del navegador

## Pruebas de conexión.

method-title = Conectar { $provider } con { $method }
problem-not-found-test = { $provider } { $method } no declara ninguna prueba de conexión
test-connected = { $provider } aceptó: { $method }.
test-missing-scopes = { $meaning }: { $scopes }.
test-unexpected-status = { $provider } respondió a la prueba de conexión con HTTP { $status }, que su spec no describe.
test-unreadable = { $provider } respondió a la prueba de conexión con { $why ->
        [too-large] más de 1 MiB
       *[not-json] un cuerpo que no es JSON
    }, así que no se pudieron ejecutar las comprobaciones de la respuesta de la spec.
test-exchange-refused = { $provider } no aceptó: { $method }; su endpoint de tokens los rechazó. Compruébelos y vuelva a intentarlo.
test-note-token-only = Solo se consultó el endpoint de tokens: no se hizo ninguna solicitud a la API.
problem-provider-unreachable-test = la prueba de conexión no pudo alcanzar { $provider } ({ $what ->
        [connect] error de conexión
        [request] error de solicitud
       *[unknown] otro error
    })
problem-provider-timeout-test = { $provider } no respondió a la prueba de conexión en { $ms } ms
problem-unknown-actions-detail = { $count ->
        [one] { $count } de los identificadores de acción dados no es una acción de este método
        [many] { $count } de los identificadores de acción dados no son acciones de este método
       *[other] { $count } de los identificadores de acción dados no son acciones de este método
    }; las acciones de { $provider } { $method } son: { $actions }
problem-unknown-actions-none = { $count ->
        [one] { $count } de los identificadores de acción dados no es una acción de este método
        [many] { $count } de los identificadores de acción dados no son acciones de este método
       *[other] { $count } de los identificadores de acción dados no son acciones de este método
    }; { $provider } { $method } no tiene acciones

## Lo que la prueba de conexión supo de los scopes (un aviso para el hub).

learned-no-scopes = ningún scope
learned-missing = { $provider } aceptó: { $method }, pero le falta lo que la integración necesita: { $missing }. Mínimo privilegio: { $least }.
learned-excess = { $provider } aceptó: { $method }, pero { $count ->
        [one] tiene un scope
        [many] tiene { $count } de scopes
       *[other] tiene { $count } scopes
    } más de lo que la integración necesita. Mínimo privilegio: { $least }.
learned-missing-and-excess = { $provider } aceptó: { $method }, pero le falta lo que la integración necesita: { $missing }, y { $count ->
        [one] tiene un scope
        [many] tiene { $count } de scopes
       *[other] tiene { $count } scopes
    } más de lo necesario. Mínimo privilegio: { $least }.

## OAuth 2.0.

problem-not-found-oauth = { $provider } { $method } no es un método OAuth
problem-oauth-not-configured-detail = { $provider } { $method } aún no se puede vincular aquí: al servicio le falta { $what ->
        [client-id] el identificador de cliente
        [redirect-uri] la URI de redirección (--oauth-redirect-uri)
        [state-key] una clave de state (CONNECTSPEC_OAUTH_STATE_KEYS o --oauth-state-key-file)
       *[client] un cliente OAuth para él (identificador de cliente y secreto)
    }
problem-bad-request-members-of = el cuerpo de la solicitud debe ser un objeto JSON con los miembros { $members }
problem-bad-request-member-types = el cuerpo de la solicitud debe ser un objeto JSON con los miembros { $members }, con valores de cadena
problem-bad-request-no-member = el cuerpo de la solicitud no tiene `{ $member }`
problem-bad-request-empty-member = `{ $member }` está vacío
problem-bad-request-scopes = { $count ->
        [one] { $count } de los scopes pedidos no es un scope de { $provider } { $method } (scopes: { $scopes })
        [many] { $count } de los scopes pedidos no son scopes de { $provider } { $method } (scopes: { $scopes })
       *[other] { $count } de los scopes pedidos no son scopes de { $provider } { $method } (scopes: { $scopes })
    }
problem-bad-request-use-token = { $provider } { $method } usa la concesión client credentials: use POST …/token
problem-bad-request-use-authorize = { $provider } { $method } usa la concesión authorization code: use POST …/authorize
problem-not-found-refresh = { $provider } { $method } usa la concesión client credentials, que no tiene renovación: POST …/token para un token de acceso nuevo
problem-bad-request-captured = a `values` le falta `{ $key }` ({ $label }), que devolvió la entrega de tokens
problem-bad-request-client-dynamic = { $provider } { $method } registra su cliente OAuth en el proveedor para cada conexión: no envíe `client`
problem-bad-request-client-integrator = { $provider } { $method } usa el cliente OAuth del integrador, configurado en el servicio: no envíe `client`
problem-bad-request-client-end-user = { $provider } { $method } usa la aplicación OAuth propia del usuario final: envíe sus valores en `client` ({ $fields })
problem-values-too-long-flow = los valores del formulario son demasiado largos para pasar por el inicio de sesión del proveedor; acórtelos
problem-oauth-bad-state-detail = Este enlace de inicio de sesión no es válido o ha caducado. Empiece de nuevo a vincular la cuenta.
problem-oauth-unbound-detail = Este inicio de sesión no empezó en este navegador o ya se usó. Empiece de nuevo a vincular la cuenta.
problem-bad-request-redirect-no-code = la redirección del proveedor no tiene ni `code` ni `error`
problem-bad-request-redirect-empty-code = la redirección del proveedor tiene un `code` vacío
problem-provider-bad-answer-redirect = a la redirección de { $provider } le faltaba un valor que su spec describe, o tenía uno de otra forma
problem-connection-test-failed-detail = { $message }
problem-oauth-access-denied-detail = No permitió el acceso en { $provider }, así que la cuenta no se vinculó. Para vincularla, empiece de nuevo y apruebe la solicitud en { $provider }.
problem-oauth-invalid-scope-detail = { $provider } rechazó los permisos pedidos, así que la cuenta no se vinculó.
problem-oauth-sign-in-required-detail = El inicio de sesión en { $provider } no se completó. Empiece de nuevo a vincular la cuenta y termine de iniciar sesión.
problem-oauth-provider-unavailable-detail = { $provider } no pudo completar el inicio de sesión en este momento. Vuelva a intentarlo en unos minutos.
problem-oauth-authorization-error-detail = { $provider } no completó el inicio de sesión, así que la cuenta no se vinculó. Empiece de nuevo a vincularla.
problem-oauth-invalid-grant-detail = { $provider } no aceptó el inicio de sesión: ya se usó, caducó o se revocó. Empiece de nuevo a vincular la cuenta.
problem-oauth-client-rejected-detail = { $provider } no aceptó la aplicación OAuth de esta integración (identificador de cliente o secreto, o una concesión no permitida). El integrador debe revisar la configuración de la aplicación en { $provider }.
problem-oauth-invalid-scope-token = { $provider } rechazó los permisos pedidos.
problem-oauth-token-error-detail = { $provider } rechazó la solicitud de token.
problem-provider-timeout-token = { $provider } no respondió a tiempo a la solicitud de token
problem-provider-unreachable-token = la solicitud de token no pudo alcanzar { $provider } ({ $what ->
        [timeout] tiempo agotado
        [refused] dirección rechazada
        [connect] error de conexión
        [too-large] respuesta demasiado grande
       *[request] error de solicitud
    })
problem-provider-bad-answer-tokens = el endpoint de tokens de { $provider } respondió algo distinto de los tokens que su spec describe

## Descubrimiento OAuth y registro dinámico de clientes.

problem-oauth-discovery-refused-detail = los metadatos OAuth de { $provider } { $why }, así que la cuenta no se puede vincular
discovery-what = { $what ->
        [resource] recurso protegido
        [server] servidor de autorización
        [authorization-endpoint] endpoint de autorización
        [token-endpoint] endpoint de tokens
        [registration-endpoint] endpoint de registro
        [resource-metadata] metadatos del recurso protegido
       *[server-metadata] metadatos del servidor de autorización
    }
discovery-a-what = { $what ->
        [resource] un recurso protegido
        [server] un servidor de autorización
        [authorization-endpoint] un endpoint de autorización
        [token-endpoint] un endpoint de tokens
        [registration-endpoint] un endpoint de registro
        [resource-metadata] metadatos de recurso protegido
       *[server-metadata] metadatos de servidor de autorización
    }
discovery-not-https = nombran { $a_what } sin una dirección https simple
discovery-host = nombran { $a_what } en un host que la spec de este proveedor no permite
discovery-internal = nombran { $a_what } en una dirección interna
discovery-resolves-internal = nombran { $a_what } cuyo host solo resuelve a direcciones internas
discovery-too-large = ({ $what }) superan los 64 KiB
discovery-not-object = ({ $what }) no son un objeto JSON
discovery-no-url = no nombran ningún valor para: { $what }
discovery-not-url = nombran { $a_what } sin una URL válida
discovery-no-server = no nombran ningún servidor de autorización
discovery-server-query = nombran un servidor de autorización cuyo identificador tiene consulta o fragmento
discovery-issuer = nombran un emisor distinto del servidor de autorización para el que se obtuvieron
discovery-no-pkce = no ofrecen PKCE con S256 (code_challenge_methods_supported)
discovery-not-rfc9728 = (recurso protegido) no tienen la forma de la RFC 9728
discovery-other-resource = (recurso protegido) nombran otro recurso distinto del consultado
discovery-no-resource-metadata = no se encontraron: el recurso no publica metadatos de recurso protegido
discovery-not-rfc8414 = (servidor de autorización) no tienen la forma de la RFC 8414
discovery-no-server-metadata = no se encontraron: el servidor de autorización no publica ninguno
discovery-no-registration = no nombran ningún endpoint de registro (RFC 7591)
problem-provider-unreachable-discovery = no se pudo obtener { $what } de { $provider } ({ $kind ->
        [timeout] sin respuesta a tiempo
        [connect] error de conexión
       *[request] error de solicitud
    })
problem-oauth-registration-invalid-detail = `registration` no lo emitió este servicio para este proveedor y método, se modificó o su cliente caducó: vincule la cuenta de nuevo
problem-provider-bad-answer-registration-long = el registro de cliente del proveedor es demasiado largo para entregarlo
problem-oauth-registration-failed-detail = { $provider } { $why ->
        [unreached-timeout] no se pudo alcanzar para registrar un cliente (sin respuesta a tiempo)
        [unreached-connect] no se pudo alcanzar para registrar un cliente (error de conexión)
        [unreached-other] no se pudo alcanzar para registrar un cliente (error de solicitud)
        [broke-off] interrumpió su respuesta de registro
        [too-large] respondió un registro de más de 64 KiB
        [timeout] no respondió a tiempo al registro
        [not-rfc7591] respondió un registro que no es JSON según la RFC 7591
        [no-client-id] respondió un registro sin un identificador de cliente utilizable
        [bad-secret] respondió un secreto de cliente inutilizable
       *[refused] se negó a registrar un cliente para esta conexión
    }
problem-bad-request-no-registration = { $provider } { $method } nombra sus endpoints OAuth: no envíe `registration`
problem-bad-request-registration-needed = { $provider } { $method } encuentra su cliente OAuth por descubrimiento: envíe la `registration` que dio el resultado de vinculación
problem-bad-request-registration-resource = los campos nombran otro servidor de { $provider } distinto de aquel para el que se hizo `registration`

## Intercambios de tokens.

problem-not-found-exchange = { $provider } { $method } no es un método de intercambio de tokens
problem-provider-error-token = el endpoint de tokens de { $provider } respondió HTTP { $status }, no un token
problem-provider-bad-answer-no-token = el endpoint de tokens de { $provider } respondió sin el token de acceso que su spec describe
problem-provider-bad-answer-too-large = el endpoint de tokens de { $provider } respondió más de 64 KiB
problem-exchange-refused-detail = el endpoint de tokens de { $provider } rechazó: { $method } (HTTP { $status }); son incorrectos, están revocados o no se permiten para esta concesión

## Las páginas del servicio.

page-hosted-title = Vincular una cuenta
page-oauth-linked-title = Cuenta vinculada
page-oauth-linked = La cuenta está vinculada. Esta ventana se cierra sola; si no, ciérrela y vuelva atrás.
page-problems-page-title = Spec { $provider }
page-problems-title = Esta spec no se carga
page-problems-last-good = El formulario de abajo es su última versión correcta. Corrija estos problemas y guarde; la página muestra la versión nueva al recargar.
page-problems-none-good = Corrija estos problemas y guarde; el formulario aparece al recargar.
