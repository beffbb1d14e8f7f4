### Las palabras propias de las páginas de guía (español). Fuente: locales/en/guides.ftl;
### trato de usted. Las etiquetas de la spec (métodos, campos) tienen un género
### desconocido: se citan entre comillas o se colocan donde no hace falta concordancia.

## Títulos y descripciones

guide-page-title = Conectar { $provider } con { $method }
guide-page-description = Paso a paso: cree su { $method } en { $provider } y vincule con ello su cuenta de { $provider }.
guide-page-description-authorization-code = Paso a paso: vincule su cuenta de { $provider } iniciando sesión en { $provider } y aprobando el acceso.
guide-page-description-client-credentials = Paso a paso: vincule su cuenta de { $provider } con las credenciales de la aplicación del conector { $method }.
guide-setup-title = Configurar { $provider } { $method }
guide-setup-description = Configuración única del conector { $provider } { $method }: la aplicación OAuth, su URI de redirección, sus scopes y sus credenciales.
guide-index-title = Guías de conexión
guide-index-description = Todos los proveedores que puede vincular desde el Hub, con una guía por cada forma de iniciar sesión.

## Encabezados del índice

guide-category-hr = RR. HH. y nóminas
guide-category-ats = Selección de personal
guide-category-crm = CRM y ventas
guide-category-accounting = Contabilidad y finanzas
guide-category-payments = Pagos y facturación
guide-category-ticketing = Tickets y soporte
guide-category-project_management = Proyectos y trabajo
guide-category-learning = Formación
guide-category-identity = Identidad y acceso
guide-category-documents = Documentos, archivos y firma electrónica
guide-category-knowledge = Conocimiento y documentación
guide-category-productivity = Productividad y agenda
guide-category-communication = Mensajería y comunicación
guide-category-marketing = Marketing y correo electrónico
guide-category-commerce = Comercio
guide-category-cms = Sitios web y CMS
guide-category-analytics = Analítica y datos
guide-category-monitoring = Monitorización e incidentes
guide-category-developer_tools = Herramientas para desarrolladores
guide-category-ai = IA
guide-category-other = Otros

## La guía

guide-warning-label = Advertencia:
guide-step-title = Paso { $n }: { $title }
guide-step-permissions = Permisos que concede este paso:
guide-format = Formato: { $hint }.

## Qué hará la integración

guide-actions-heading = Qué hará la integración
guide-actions-chosen = Esta guía está escrita para estas acciones:
guide-actions-each = Cada acción necesita los permisos indicados junto a ella:
guide-actions-each-choose = Cada acción necesita los permisos indicados junto a ella. Elija las acciones que necesita la integración para ver solo los pasos y permisos que requieren.
guide-actions-exact = Conceda exactamente estos permisos:

## Vincular la cuenta desde el Hub

guide-hub-heading = Vincular la cuenta desde el Hub
guide-hub-navigate = Ir al Hub
guide-hub-navigate-text = Abra el Hub con uno de los tres [métodos para vincular cuentas]({ $href }).
guide-hub-fields = Rellenar los campos
guide-hub-fields-text = Introduzca en estos campos los datos que reunió arriba:
guide-hub-fields-oauth = Rellene estos campos:
guide-field-optional = {" "}(opcional)
guide-field-default = {" "}(predeterminado: { $option })
guide-field-paste-json = pegue el contenido del archivo de clave JSON o elija el archivo
guide-field-paste-pem = pegue la clave privada PEM o elija su archivo
guide-hub-connect = Conectar
# La etiqueta del botón del formulario del Hub (form.ftl).
guide-connect-button = Conectar
guide-hub-click = Haga clic en **{ $button }**.
guide-hub-provider-flow = Si { $provider } le pide que inicie sesión o que apruebe el acceso, complete ese proceso.
guide-hub-confirmation = Cuando la cuenta queda vinculada, aparece una confirmación.
guide-hub-accounts = Después, la cuenta vinculada aparece en su página [Cuentas]({ $href }).

## OAuth 2.0

guide-oauth-sent = Se le redirige a { $provider }. Inicie sesión allí si aún no lo ha hecho.
guide-oauth-approve = { $provider } muestra lo que solicita la integración. Apruébelo para vincular la cuenta; si cancela, no se vincula nada.
guide-oauth-client-credentials = El Hub obtiene un token de acceso de { $provider } con las credenciales de la aplicación del conector; nadie tiene que iniciar sesión.
guide-oauth-asks = Lo que { $provider } le pide aprobar:
guide-oauth-accounts-setup = Después, la cuenta vinculada aparece en su página [Cuentas]({ $href }). El conector en sí lo configura una sola vez un administrador: consulte [{ $title }]({ $setup }).

## La página de configuración

guide-setup-register-heading = Registrar la aplicación OAuth
guide-setup-register-at = Registre una aplicación en la [configuración para desarrolladores de { $provider }]({ $href }), con la sesión iniciada como administrador de la cuenta que será su propietaria.
guide-setup-register = Registre una aplicación en { $provider }, con la sesión iniciada como administrador de la cuenta que será su propietaria.
guide-setup-redirect = Como URI de redirección (URL de callback), introduzca el callback del servicio de conexión: su dirección pública seguida de `{ $path }`, por ejemplo `{ $example }`. { $provider } solo devuelve a los usuarios finales a una dirección que coincida exactamente.
guide-setup-scopes-heading = Activar los scopes
guide-setup-scopes-text = Conceda estos permisos a la aplicación; el conector solicita los primeros en cada vinculación.
guide-setup-scope-required = {" "}(se solicita siempre)
guide-setup-scope-default = {" "}(se solicita de forma predeterminada)
guide-setup-scope-optional = {" "}(opcional)
guide-setup-credentials-heading = Copiar las credenciales
guide-setup-secret = {" "}(secreto)
guide-setup-end-user = Cada usuario final registra así su propia aplicación e introduce sus credenciales en el formulario de vinculación al vincular la cuenta; no se configura nada en el servicio de conexión, y la aplicación de un usuario nunca sirve a otro.
guide-setup-give = Entrégueselas una sola vez al servicio de conexión: en su archivo `{ $option }` bajo { $provider } y { $method }, o como las variables { $variables }. Los usuarios finales nunca las ven.
guide-setup-give-either = Entrégueselas una sola vez al servicio de conexión: en su archivo `{ $option }` bajo { $provider } y { $method }, o como las variables { $variables }. En su lugar, un usuario final puede traer su propia aplicación e introducir sus credenciales en el formulario de vinculación; esa vinculación usa entonces su aplicación.
guide-setup-then = Después, los usuarios finales vinculan sus cuentas como se describe en [{ $title }]({ $href }).

## Lo que hace el Hub al pulsar «Conectar»

guide-check-discovery = El Hub lee los metadatos de `{ $resource }` para encontrar su servidor de autorización.
guide-check-discovery-dynamic = El Hub lee los metadatos de `{ $resource }` para encontrar su servidor de autorización y registra allí un cliente para esta conexión: no hay ninguna aplicación que registrar de antemano.
guide-check-exchange = Primero, el Hub intercambia { $fields } por un token de acceso de corta duración en `{ $host }`.
guide-exchange-values = los valores que introduce
guide-exchange-fields = los campos { $fields }
guide-check-assertion = Para ello firma una aserción { $algorithm } de corta duración con la clave privada introducida en **{ $field }**; la clave en sí nunca se envía.
guide-check-test = La prueba de conexión envía `{ $request }` a { $provider } y se supera cuando la respuesta es { $status }.
guide-check-identity = Lee el valor «{ $identity }», de modo que volver a vincular la misma cuenta la actualiza en lugar de añadir otra.
guide-identity-default = id de la cuenta
guide-learns-token = el token de acceso
guide-learns-method = «{ $method }»
guide-learns-scopes = La prueba de conexión también lee los scopes válidos para { $credential }.
guide-learns-expiry = La prueba de conexión también lee la fecha de caducidad válida para { $credential }.
guide-learns-scopes-expiry = La prueba de conexión también lee los scopes y la fecha de caducidad válidos para { $credential }.
guide-learns-lifetime = El Hub toma la fecha de caducidad válida para { $credential } de **{ $field }**, contada desde el momento en que lo vincula.
guide-learns-scopes-lifetime = La prueba de conexión también lee los scopes válidos para { $credential }. El Hub toma la fecha de caducidad válida para { $credential } de **{ $field }**, contada desde el momento en que lo vincula.

## Límites de una credencial

guide-limit-shown-once = El valor de «{ $credential }» solo se muestra una vez, al generarse.
guide-limit-max-count =
    { $n ->
        [one] Solo puede existir un ejemplar de «{ $credential }» a la vez.
        [many] Pueden existir como máximo { $n } ejemplares de «{ $credential }» a la vez.
       *[other] Pueden existir como máximo { $n } ejemplares de «{ $credential }» a la vez.
    }
guide-limit-max-count-per =
    { $n ->
        [one] Solo puede existir un ejemplar de «{ $credential }» por { $per }.
        [many] Pueden existir como máximo { $n } ejemplares de «{ $credential }» por { $per }.
       *[other] Pueden existir como máximo { $n } ejemplares de «{ $credential }» por { $per }.
    }
guide-limit-expires-after = «{ $credential }» caduca { $n } { $unit } después de generarse.
guide-limit-expires-inactive = «{ $credential }» caduca si no se usa durante { $n } { $unit } de forma consecutiva.
guide-limit-expires-choices = Al crear «{ $credential }», usted elige cuándo caduca: { $options }.
guide-limit-choice-after = tras { $numbers } { $unit }
guide-limit-choice-date = en una fecha que usted elija
guide-limit-choice-never = nunca
guide-limit-rate = Las solicitudes están limitadas a { $n } { $unit }.
guide-unit =
    { $unit ->
        [seconds]
            { $n ->
                [one] segundo
                [many] segundos
               *[other] segundos
            }
        [minutes]
            { $n ->
                [one] minuto
                [many] minutos
               *[other] minutos
            }
        [hours]
            { $n ->
                [one] hora
                [many] horas
               *[other] horas
            }
       *[days]
            { $n ->
                [one] día
                [many] días
               *[other] días
            }
        [requests_per_second]
            { $n ->
                [one] solicitud por segundo
                [many] solicitudes por segundo
               *[other] solicitudes por segundo
            }
        [requests_per_minute]
            { $n ->
                [one] solicitud por minuto
                [many] solicitudes por minuto
               *[other] solicitudes por minuto
            }
        [requests_per_hour]
            { $n ->
                [one] solicitud por hora
                [many] solicitudes por hora
               *[other] solicitudes por hora
            }
    }

## Puntuación y enumeraciones

guide-label-separator = {": "}
guide-list-separator = {", "}
guide-list-or = { $init } o { $last }
guide-list-and = { $init } y { $last }
