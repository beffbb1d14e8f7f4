## La interfaz del formulario de vinculación (español, tratamiento de usted). Fuente: locales/en/form.ftl.

form-loading = Cargando el formulario…
form-load-failed = No se pudo cargar el formulario.
form-no-method = { $provider } no tiene el método de autenticación «{ $method }».
form-optional = (opcional)
form-hint = Formato: { $hint }
form-show = Mostrar
form-hide = Ocultar
form-show-label = Mostrar { $label }
form-hide-label = Ocultar { $label }
form-choose = Elija…
form-choose-key-file = Elegir el archivo de clave para { $label }
form-pem-placeholder = -----BEGIN PRIVATE KEY-----
form-key-file-placeholder = Pegue el archivo de clave JSON o elíjalo abajo
form-client-legend = Su aplicación de { $provider }
form-client-optional = Su propia aplicación de { $provider } (opcional)
form-connect = Conectar
form-connect-with = Conectar con { $provider }
form-checking = Comprobando sus datos…
form-testing = Probando la conexión con { $provider }…
form-connected = Conectado. { $provider } aceptó: { $method }.
form-fix-errors = { $count ->
        [one] Corrija el campo marcado.
        [many] Corrija los campos marcados.
       *[other] Corrija los campos marcados.
    }
form-grant = Conceda estos permisos y vuelva a intentarlo:
form-timeout = { $provider } no respondió a tiempo. Vuelva a intentarlo en un momento.
form-unreachable = No se pudo contactar con { $provider }. Vuelva a intentarlo en un momento.
form-failed = No se pudo comprobar la conexión ({ $status }). Vuelva a intentarlo en un momento.
form-network = No se pudo contactar con el servicio de conexión. Compruebe su red y vuelva a intentarlo.
form-signing-in = Inicie sesión en { $provider } en la ventana que se abrió…
form-redirecting = Abriendo el inicio de sesión en { $provider }…
form-popup-closed = La ventana de inicio de sesión se cerró antes de vincular la cuenta. Pulse el botón para empezar de nuevo.
form-guide = Cómo obtener su acceso: { $method }
form-limits = Conviene saber
form-permissions = Permisos que concede este paso:
form-new-tab = (se abre en una pestaña nueva)

## La página de vinculación alojada (/link) y la página de vinculación (/connect/…).

form-hosted-title = Vincular una cuenta
form-choose-provider = Elija la cuenta que desea vincular
form-search-providers = Buscar proveedores
form-no-match = Ningún proveedor coincide con su búsqueda.
form-back = Volver a la lista
form-offer = { $provider } ({ $method })
form-hosted-done = La cuenta está vinculada. Puede cerrar esta ventana.
form-hosted-sent = La cuenta está vinculada y se entregó a la página que abrió este formulario.
form-reconnect-title = Vuelva a conectar su cuenta de { $provider }
form-reconnect-note = Introduzca credenciales nuevas de la misma cuenta de { $provider } que se vinculó antes.
form-hosted-no-session = Este enlace está incompleto: vuelva a abrir el enlace que le dio su servicio.
