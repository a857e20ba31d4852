<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>ApiOptions</name>
    <message>
        <source>The Graph API base URL (default: config api.base, else %1).</source>
        <translation>La URL base de la Graph API (predeterminada: config api.base; si no, %1).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>The Graph API version (default: config api.version, else %1).</source>
        <translation>La versión de la Graph API (predeterminada: config api.version; si no, %1).</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versión</translation>
    </message>
    <message>
        <source>The WhatsApp Business phone number ID (default: config api.phone_number_id).</source>
        <translation>El ID del número de teléfono de WhatsApp Business (predeterminado: config api.phone_number_id).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID (default: config api.waba_id).</source>
        <translation>El ID de la cuenta de WhatsApp Business (predeterminado: config api.waba_id).</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request (default: config api.request_timeout_ms, else %1). The access token comes from HERALD_ACCESS_TOKEN, else from the keychain (&apos;token set&apos;); never from the command line.</source>
        <translation>Milisegundos de espera para cada solicitud a la API (predeterminado: config api.request_timeout_ms; si no, %1). El token de acceso se toma de HERALD_ACCESS_TOKEN o, si no, del llavero (&apos;token set&apos;); nunca de la línea de comandos.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s, PEM or DER (default: config api.ca_file): a TLS-inspecting proxy&apos;s. Certificate errors are never ignored.</source>
        <translation>Una autoridad de certificación en la que confiar además de las del sistema, en PEM o DER (predeterminada: config api.ca_file): la de un proxy que inspecciona TLS. Los errores de certificado nunca se ignoran.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>the stored setting %1: %2 Change it with &apos;config set %1 VALUE&apos;.</source>
        <translation>la configuración guardada %1: %2 Cámbiela con &apos;config set %1 VALOR&apos;.</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1 (it is never read from the command line or stored in a file). %2</source>
        <translation>no hay token de acceso: defina la variable de entorno %1 (nunca se lee de la línea de comandos ni se guarda en un archivo). %2</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1, or store the token in the keychain with &apos;herald-cli token set&apos; (it is never read from the command line or stored in a file)</source>
        <translation>no hay token de acceso: defina la variable de entorno %1 o guarde el token en el llavero con &apos;herald-cli token set&apos; (nunca se lee de la línea de comandos ni se guarda en un archivo)</translation>
    </message>
    <message>
        <source>no access token: %1 is not set and the keychain could not be read. %2</source>
        <translation>no hay token de acceso: %1 no está definida y no se pudo leer el llavero. %2</translation>
    </message>
</context>
<context>
    <name>ApiSettings</name>
    <message>
        <source>The CA certificate file %1 cannot be read: %2.</source>
        <translation>No se puede leer el archivo de certificado CA %1: %2.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 holds no certificate in PEM or DER form.</source>
        <translation>El archivo de certificado CA %1 no contiene ningún certificado en formato PEM o DER.</translation>
    </message>
    <message>
        <source>The API base URL &quot;%1&quot; is not a valid URL; the default is %2.</source>
        <translation>La URL base de la API “%1” no es una URL válida; la predeterminada es %2.</translation>
    </message>
    <message>
        <source>The API base URL must start with https://.</source>
        <translation>La URL base de la API debe empezar por https://.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a user name or password; they would be sent with every request and shown in logs.</source>
        <translation>La URL base de la API no debe contener un nombre de usuario ni una contraseña; se enviarían con cada solicitud y se mostrarían en los registros.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a query (?…) or fragment (#…).</source>
        <translation>La URL base de la API no debe contener una consulta (?…) ni un fragmento (#…).</translation>
    </message>
    <message>
        <source>Plain http:// is allowed only for this computer (localhost, 127.x.x.x, ::1). For %1 use https://: over http the access token and every message would travel unencrypted.</source>
        <translation>El http:// simple solo se permite para este equipo (localhost, 127.x.x.x, ::1). Para %1 use https://: por http el token de acceso y cada mensaje viajarían sin cifrar.</translation>
    </message>
    <message>
        <source>The API version &quot;%1&quot; is not valid; it looks like v23.0.</source>
        <translation>La versión de la API “%1” no es válida; tiene el formato v23.0.</translation>
    </message>
    <message>
        <source>The phone number ID must be the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>El ID del número de teléfono debe ser el ID numérico que muestra el WhatsApp Manager de Meta, no el propio número de teléfono.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID must be numeric.</source>
        <translation>El ID de la cuenta de WhatsApp Business debe ser numérico.</translation>
    </message>
    <message>
        <source>No access token is set.</source>
        <translation>No hay ningún token de acceso definido.</translation>
    </message>
    <message>
        <source>The access token contains spaces or characters that cannot appear in a token; copy it again from Meta&apos;s developer portal.</source>
        <translation>El token de acceso contiene espacios o caracteres que no pueden aparecer en un token; cópielo de nuevo desde el portal para desarrolladores de Meta.</translation>
    </message>
    <message>
        <source>The request timeout must be at least one second.</source>
        <translation>El tiempo de espera de las solicitudes debe ser de al menos un segundo.</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>A setting needs a name.</source>
        <translation>Una configuración necesita un nombre.</translation>
    </message>
    <message>
        <source>A setting name must not begin or end with spaces.</source>
        <translation>El nombre de una configuración no debe empezar ni terminar con espacios.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; looks like a credential, and credentials are never stored in the database (anyone who can read it could use them). Give the access token in the environment variable HERALD_ACCESS_TOKEN or the operating system&apos;s keychain.</source>
        <translation>“%1” parece una credencial, y las credenciales nunca se guardan en la base de datos (cualquiera que pueda leerla podría usarlas). Indique el token de acceso en la variable de entorno HERALD_ACCESS_TOKEN o en el llavero del sistema operativo.</translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message>
        <source>Replace FILE if it exists.</source>
        <translation>Reemplazar FILE si existe.</translation>
    </message>
    <message>
        <source>Copies the SQLite database to FILE while Herald runs, and checks the copy (PostgreSQL: prints the pg_dump command).</source>
        <translation>Copia la base de datos SQLite en FILE mientras Herald se ejecuta y comprueba la copia (PostgreSQL: muestra el comando pg_dump).</translation>
    </message>
    <message>
        <source>Where to write the copy.</source>
        <translation>Dónde escribir la copia.</translation>
    </message>
    <message>
        <source>backup needs a FILE to write the copy to</source>
        <translation>backup necesita un FILE en el que escribir la copia</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: herald-cli backup copies SQLite files only. pg_dump takes a consistent copy while Herald runs (give the password with PGPASSWORD or ~/.pgpass):</source>
        <translation>La base de datos es PostgreSQL: herald-cli backup solo copia archivos SQLite. pg_dump hace una copia coherente mientras Herald se ejecuta (indique la contraseña con PGPASSWORD o ~/.pgpass):</translation>
    </message>
    <message>
        <source>Restore it into an empty database with:</source>
        <translation>Restáurela en una base de datos vacía con:</translation>
    </message>
    <message>
        <source>Copied %1 to %2 (%3 bytes) in %4 ms.</source>
        <translation>Se copió %1 en %2 (%3 bytes) en %4 ms.</translation>
    </message>
    <message>
        <source>Integrity check: %1</source>
        <translation>Comprobación de integridad: %1</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Los contadores de cada campaña coinciden con un recuento de sus filas.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Los contadores difieren de un recuento en: %1</translation>
    </message>
    <message>
        <source>The copy at %1 did not pass its check.</source>
        <translation>La copia en %1 no superó la comprobación.</translation>
    </message>
</context>
<context>
    <name>CampaignActionRules</name>
    <message>
        <source>Select a campaign first.</source>
        <translation>Seleccione primero una campaña.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>This window is sending it.</source>
        <translation>Esta ventana la está enviando.</translation>
    </message>
    <message>
        <source>It is being sent by %1.</source>
        <translation>La está enviando %1.</translation>
    </message>
    <message>
        <source>It is %1: use Resume.</source>
        <translation>Está %1: use Reanudar.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be started.</source>
        <translation>No se puede iniciar una campaña en estado “%1”.</translation>
    </message>
    <message>
        <source>It has no recipients yet: import contacts first.</source>
        <translation>Todavía no tiene destinatarios: importe contactos primero.</translation>
    </message>
    <message>
        <source>Only a running campaign can be paused.</source>
        <translation>Solo se puede pausar una campaña en curso.</translation>
    </message>
    <message>
        <source>Only a paused or stopped campaign can be resumed.</source>
        <translation>Solo se puede reanudar una campaña en pausa o detenida.</translation>
    </message>
    <message>
        <source>Nothing is left to send: resend failed messages first.</source>
        <translation>No queda nada por enviar: reenvíe primero los mensajes fallidos.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be cancelled.</source>
        <translation>No se puede cancelar una campaña en estado “%1”.</translation>
    </message>
    <message>
        <source>A cancelled campaign cannot send again.</source>
        <translation>Una campaña cancelada no puede volver a enviar.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Ningún mensaje de esta campaña ha fallado.</translation>
    </message>
    <message>
        <source>It has no recipients yet.</source>
        <translation>Todavía no tiene destinatarios.</translation>
    </message>
    <message>
        <source>It is scheduled: unschedule it first (Campaign ▸ Unschedule), which makes it a draft again.</source>
        <translation>Está programada: desprográmela primero (Campaña ▸ Desprogramar), con lo que vuelve a ser un borrador.</translation>
    </message>
    <message>
        <source>Only a draft can be edited; this one is %1.</source>
        <translation>Solo se puede editar un borrador; esta campaña está en estado “%1”.</translation>
    </message>
    <message>
        <source>Only a draft can be deleted; this one is %1: cancel it instead.</source>
        <translation>Solo se puede eliminar un borrador; esta campaña está en estado “%1”: cancélela en su lugar.</translation>
    </message>
    <message>
        <source>It is running: pause it first.</source>
        <translation>Está en curso: páusela primero.</translation>
    </message>
    <message>
        <source>Contacts can be added to a draft or a paused campaign; this one is %1.</source>
        <translation>Solo se pueden añadir contactos a un borrador o a una campaña en pausa; esta está en estado “%1”.</translation>
    </message>
    <message>
        <source>Only a scheduled campaign can be unscheduled; this one is %1.</source>
        <translation>Solo se puede desprogramar una campaña programada; esta está en estado “%1”.</translation>
    </message>
</context>
<context>
    <name>CampaignCommand</name>
    <message>
        <source>create: the campaign&apos;s name (unique).</source>
        <translation>create: el nombre de la campaña (único).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>create: the approved WhatsApp template to send.</source>
        <translation>create: la plantilla de WhatsApp aprobada que se enviará.</translation>
    </message>
    <message>
        <source>template</source>
        <translation>plantilla</translation>
    </message>
    <message>
        <source>create: the template&apos;s language code, e.g. en_US.</source>
        <translation>create: el código de idioma de la plantilla, p. ej., en_US.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>create: the WhatsApp Business phone number id to send from.</source>
        <translation>create: el ID del número de teléfono de WhatsApp Business desde el que se envía.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>schedule: when to start, ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00; without an offset it is this computer&apos;s local time.</source>
        <translation>schedule: cuándo empezar, en ISO 8601, p. ej., 2026-12-07T09:30:00Z o 2026-12-07T10:30+01:00; sin desfase es la hora local de este equipo.</translation>
    </message>
    <message>
        <source>time</source>
        <translation>hora</translation>
    </message>
    <message>
        <source>quiet-hours: the window in each recipient&apos;s local time, HH:MM-HH:MM, e.g. 09:00-20:00.</source>
        <translation>quiet-hours: la franja en la hora local de cada destinatario, HH:MM-HH:MM, p. ej., 09:00-20:00.</translation>
    </message>
    <message>
        <source>from-until</source>
        <translation>desde-hasta</translation>
    </message>
    <message>
        <source>quiet-hours: send Monday to Friday only (recipient&apos;s local date).</source>
        <translation>quiet-hours: enviar solo de lunes a viernes (fecha local del destinatario).</translation>
    </message>
    <message>
        <source>quiet-hours: the time zone for one country instead of its main zone, e.g. BR=America/Manaus; repeatable.</source>
        <translation>quiet-hours: la zona horaria de un país en lugar de su zona principal, p. ej., BR=America/Manaus; se puede repetir.</translation>
    </message>
    <message>
        <source>CC=zone</source>
        <translation>CC=zona</translation>
    </message>
    <message>
        <source>quiet-hours: send at any hour again.</source>
        <translation>quiet-hours: volver a enviar a cualquier hora.</translation>
    </message>
    <message>
        <source>estimate: price this category instead of the template&apos;s (e.g. MARKETING).</source>
        <translation>estimate: calcular el precio con esta categoría en lugar de la de la plantilla (p. ej., MARKETING).</translation>
    </message>
    <message>
        <source>category</source>
        <translation>categoría</translation>
    </message>
    <message>
        <source>estimate: count only the recipients still to send.</source>
        <translation>estimate: contar solo los destinatarios que faltan por enviar.</translation>
    </message>
    <message>
        <source>creates a draft campaign and prints its id</source>
        <translation>crea una campaña en borrador y muestra su id</translation>
    </message>
    <message>
        <source>starts a draft campaign at a time (--at)</source>
        <translation>inicia una campaña en borrador a una hora dada (--at)</translation>
    </message>
    <message>
        <source>turns a scheduled campaign back into a draft</source>
        <translation>convierte de nuevo una campaña programada en borrador</translation>
    </message>
    <message>
        <source>sends only inside a window of each recipient&apos;s local time (--window)</source>
        <translation>envía solo dentro de una franja de la hora local de cada destinatario (--window)</translation>
    </message>
    <message>
        <source>prices the campaign&apos;s recipients from the rate card and stores the estimate</source>
        <translation>calcula el precio de los destinatarios de la campaña con la tarifa y guarda la estimación</translation>
    </message>
    <message>
        <source>Manages campaigns: %1.</source>
        <translation>Gestiona campañas: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Qué hacer:</translation>
    </message>
    <message>
        <source>campaign needs an action: %1</source>
        <translation>campaign necesita una acción: %1</translation>
    </message>
    <message>
        <source>unknown campaign action &quot;%1&quot; (known: %2)</source>
        <translation>acción de campaign desconocida “%1” (conocidas: %2)</translation>
    </message>
    <message>
        <source>--at &quot;%1&quot; is not a date and time; write it as ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00</source>
        <translation>--at “%1” no es una fecha y hora; escríbala en ISO 8601, p. ej., 2026-12-07T09:30:00Z o 2026-12-07T10:30+01:00</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time); a running console or `herald-cli run` starts it then.</source>
        <translation>La campaña “%1” está programada para el %2 UTC (%3 hora local); una consola abierta o `herald-cli run` la iniciará entonces.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is a draft again; it starts when you start or schedule it.</source>
        <translation>La campaña “%1” vuelve a ser un borrador; empezará cuando la inicie o la programe.</translation>
    </message>
    <message>
        <source>--window &quot;%1&quot; is not a window; write it as HH:MM-HH:MM, e.g. 09:00-20:00</source>
        <translation>--window “%1” no es una franja; escríbala como HH:MM-HH:MM, p. ej., 09:00-20:00</translation>
    </message>
    <message>
        <source>--zone &quot;%1&quot; must be a country code, = and a time zone, e.g. BR=America/Manaus</source>
        <translation>--zone “%1” debe ser un código de país, = y una zona horaria, p. ej., BR=America/Manaus</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends at any hour.</source>
        <translation>La campaña “%1” envía a cualquier hora.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends from %2 to %3 in each recipient&apos;s local time%4.</source>
        <translation>La campaña “%1” envía de %2 a %3 en la hora local de cada destinatario%4.</translation>
    </message>
    <message>
        <source>, Monday to Friday</source>
        <translation>, de lunes a viernes</translation>
    </message>
    <message>
        <source>%1 uses %2.</source>
        <translation>%1 usa %2.</translation>
    </message>
    <message>
        <source>create: send from a pool of the account&apos;s phone numbers instead, comma-separated IDs; each recipient keeps one of them.</source>
        <translation>create: enviar en su lugar desde un grupo de números de teléfono de la cuenta, ID separados por comas; cada destinatario conserva uno de ellos.</translation>
    </message>
    <message>
        <source>id,id,…</source>
        <translation>id,id,…</translation>
    </message>
    <message>
        <source>reassign: only the recipients of this number (default: every number out of the pool).</source>
        <translation>reassign: solo los destinatarios de este número (por defecto: todos los números fuera del grupo).</translation>
    </message>
    <message>
        <source>schedule, unschedule, quiet-hours, estimate, reassign: the campaign&apos;s name.</source>
        <translation>schedule, unschedule, quiet-hours, estimate, reassign: el nombre de la campaña.</translation>
    </message>
    <message>
        <source>moves the recipients of numbers taken out of the campaign&apos;s pool to its other numbers, and records it</source>
        <translation>mueve los destinatarios de los números sacados del grupo de la campaña a sus otros números y lo registra</translation>
    </message>
    <message>
        <source>give either --phone-number-id or --numbers, not both</source>
        <translation>indique --phone-number-id o --numbers, no ambos</translation>
    </message>
    <message>
        <source>herald-cli on %1</source>
        <translation>herald-cli en %1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: no recipient waits for a number out of the pool.</source>
        <translation>Campaña «%1»: ningún destinatario espera a un número fuera del grupo.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: moved %2 recipients of %3 to %4.</source>
        <translation>Campaña «%1»: se movieron %2 destinatarios de %3 a %4.</translation>
    </message>
</context>
<context>
    <name>CampaignEstimate</name>
    <message>
        <source>Cost estimate for &quot;%1&quot;: %2 %3 (template %4, %5), made %6 UTC.</source>
        <translation>Estimación de costo de “%1”: %2 %3 (plantilla %4, %5), hecha el %6 UTC.</translation>
    </message>
    <message>
        <source>recipients still to send</source>
        <translation>destinatarios que faltan por enviar</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>destinatarios</translation>
    </message>
    <message>
        <source>Rate card %1: %2.</source>
        <translation>Tarifa %1: %2.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: import Meta&apos;s current card for a real estimate (herald-cli ratecard import FILE --effective DATE).</source>
        <translation>Esta es la tarifa de ejemplo de Herald: importe la tarifa actual de Meta para una estimación real (herald-cli ratecard import FILE --effective DATE).</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Advertencia: %1</translation>
    </message>
    <message>
        <source>Total: %1 for %2 recipients.</source>
        <translation>Total: %1 para %2 destinatarios.</translation>
    </message>
    <message>
        <source>Not priced: %1 recipients in %2: %3.</source>
        <translation>Sin precio: %1 destinatarios en %2: %3.</translation>
    </message>
    <message>
        <source>Meta charges delivered messages only: this is the most these recipients cost at these prices.</source>
        <translation>Meta solo cobra los mensajes entregados: esto es lo máximo que cuestan estos destinatarios con estos precios.</translation>
    </message>
</context>
<context>
    <name>CampaignReadiness</name>
    <message>
        <source>template %1 is not in the synced list; run templates sync</source>
        <translation>la plantilla %1 no está en la lista sincronizada; sincronice las plantillas</translation>
    </message>
    <message>
        <source>template %1 is %2: only APPROVED templates can be sent</source>
        <translation>la plantilla %1 está en estado %2: solo se pueden enviar plantillas aprobadas (APPROVED)</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 on %4 (UTC); messages are charged as %3%5</source>
        <translation>Meta cambió la categoría de la plantilla %1 de %2 a %3 el %4 (UTC); los mensajes se cobran como %3%5</translation>
    </message>
    <message>
        <source> and count towards the marketing limits</source>
        <translation> y cuentan para los límites de marketing</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>plantilla %1: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no messages queued to send</source>
        <translation>la campaña “%1” no tiene mensajes en cola para enviar</translation>
    </message>
    <message numerus="yes">
        <source>%1 has no value for %Ln contact(s) and no campaign default</source>
        <translation>
            <numerusform>%1 no tiene valor para %Ln contacto y no hay valor predeterminado de la campaña</numerusform>
            <numerusform>%1 no tiene valor para %Ln contactos y no hay valor predeterminado de la campaña</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignStatus</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenida</translation>
    </message>
    <message>
        <source>draft</source>
        <comment>status inside a sentence</comment>
        <translation>borrador</translation>
    </message>
    <message>
        <source>scheduled</source>
        <comment>status inside a sentence</comment>
        <translation>programada</translation>
    </message>
    <message>
        <source>running</source>
        <comment>status inside a sentence</comment>
        <translation>en curso</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>status inside a sentence</comment>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>status inside a sentence</comment>
        <translation>completada</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>status inside a sentence</comment>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>status inside a sentence</comment>
        <translation>detenida</translation>
    </message>
    <message>
        <source>the campaign is already %1</source>
        <translation>la campaña ya está en estado “%1”</translation>
    </message>
    <message>
        <source>a campaign cannot go from %1 to %2</source>
        <translation>una campaña no puede pasar de %1 a %2</translation>
    </message>
</context>
<context>
    <name>CliApplication</name>
    <message>
        <source>The database: a SQLite file path, or postgresql://user:password@host:port/database. Default: $HERALD_DB, else %1.</source>
        <translation>La base de datos: una ruta de archivo SQLite o postgresql://usuario:contraseña@host:puerto/base_de_datos. Predeterminada: $HERALD_DB; si no, %1.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Shows this help.</source>
        <translation>Muestra esta ayuda.</translation>
    </message>
    <message>
        <source>Shows the version.</source>
        <translation>Muestra la versión.</translation>
    </message>
    <message>
        <source>Prints the result as one JSON document instead of a table.</source>
        <translation>Imprime el resultado como un único documento JSON en lugar de una tabla.</translation>
    </message>
    <message>
        <source>Run &apos;%1 --help&apos; for the commands.</source>
        <translation>Ejecute &apos;%1 --help&apos; para ver los comandos.</translation>
    </message>
    <message>
        <source>Run &apos;%1 %2 --help&apos; for its options.</source>
        <translation>Ejecute &apos;%1 %2 --help&apos; para ver sus opciones.</translation>
    </message>
    <message>
        <source>Herald&apos;s headless console: sets up the database and inspects and repairs campaigns.</source>
        <translation>La consola sin interfaz de Herald: prepara la base de datos, e inspecciona y repara campañas.</translation>
    </message>
    <message>
        <source>The command to run (see Commands).</source>
        <translation>El comando que se ejecutará (véase Comandos).</translation>
    </message>
    <message>
        <source>&lt;command&gt;</source>
        <translation>&lt;comando&gt;</translation>
    </message>
    <message>
        <source>The command&apos;s options; see herald-cli &lt;command&gt; --help.</source>
        <translation>Las opciones del comando; véase herald-cli &lt;comando&gt; --help.</translation>
    </message>
    <message>
        <source>[command options]</source>
        <translation>[opciones del comando]</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>no se indicó ningún comando</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>comando desconocido “%1”</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>argumento inesperado “%1”</translation>
    </message>
    <message>
        <source>there is no Herald database at %1: run &apos;%2 init&apos; to create it</source>
        <translation>no hay ninguna base de datos de Herald en %1: ejecute &apos;%2 init&apos; para crearla</translation>
    </message>
    <message>
        <source>the database %1 is not usable by this program; nothing was done:</source>
        <translation>este programa no puede usar la base de datos %1; no se hizo nada:</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Comandos:</translation>
    </message>
    <message>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for a command&apos;s options.</source>
        <translation>Ejecute &apos;%1 &lt;comando&gt; --help&apos; para ver las opciones de un comando.</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>internal error: this command has no database connection</source>
        <translation>error interno: este comando no tiene conexión con la base de datos</translation>
    </message>
    <message>
        <source>missing required option --%1</source>
        <translation>falta la opción obligatoria --%1</translation>
    </message>
    <message>
        <source>there is no campaign named &quot;%1&quot;</source>
        <translation>no hay ninguna campaña llamada “%1”</translation>
    </message>
</context>
<context>
    <name>ConfigCommand</name>
    <message>
        <source>usage: config %1</source>
        <translation>uso: config %1</translation>
    </message>
    <message>
        <source>Settings stored with the database (set, get, list, unset), e.g. api.base and api.waba_id.</source>
        <translation>Configuración guardada con la base de datos (set, get, list, unset), p. ej., api.base y api.waba_id.</translation>
    </message>
    <message>
        <source>What to do:
  set KEY VALUE - stores a setting
  get KEY - prints its value
  list - shows every setting
  unset KEY - removes it
API keys: %1. Access tokens are never stored: give them in %2.</source>
        <translation>Qué hacer:
  set CLAVE VALOR - guarda una configuración
  get CLAVE - muestra su valor
  list - muestra todas las configuraciones
  unset CLAVE - la elimina
Claves de la API: %1. Los tokens de acceso nunca se guardan: indíquelos en %2.</translation>
    </message>
    <message>
        <source>config needs an action: set, get, list, unset</source>
        <translation>config necesita una acción: set, get, list, unset</translation>
    </message>
    <message>
        <source>unknown config action &quot;%1&quot; (known: set, get, list, unset)</source>
        <translation>acción de config desconocida “%1” (conocidas: set, get, list, unset)</translation>
    </message>
    <message>
        <source>%1 is not set</source>
        <translation>%1 no está definida</translation>
    </message>
    <message>
        <source>No settings stored.</source>
        <translation>No hay configuraciones guardadas.</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>There is no database at %1 yet; Herald creates it there when it starts.</source>
        <translation>Todavía no hay ninguna base de datos en %1; Herald la crea allí al iniciarse.</translation>
    </message>
    <message>
        <source>Connected to %1. It holds no Herald data yet; Herald creates its tables when it starts.</source>
        <translation>Conectado a %1. Todavía no contiene datos de Herald; Herald crea sus tablas al iniciarse.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, which this Herald upgrades to %3 when it starts.</source>
        <translation>Conectado a %1: versión de esquema de Herald %2, que este Herald actualiza a %3 al iniciarse.</translation>
    </message>
    <message>
        <source>Connected to %1, but its schema (version %2) is newer than this Herald knows (%3): update Herald before using it.</source>
        <translation>Conectado a %1, pero su esquema (versión %2) es más reciente que el que conoce este Herald (%3): actualice Herald antes de usarla.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, up to date.</source>
        <translation>Conectado a %1: versión de esquema de Herald %2, actualizada.</translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message>
        <source>missing value for %1 (column %2)</source>
        <translation>falta el valor de %1 (columna %2)</translation>
    </message>
    <message>
        <source>The report of rows not imported could not be written to %1: %2</source>
        <translation>No se pudo escribir en %1 el informe de filas no importadas: %2</translation>
    </message>
    <message>
        <source>line</source>
        <translation>línea</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>explicación</translation>
    </message>
    <message>
        <source>row</source>
        <translation>fila</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>columna %1</translation>
    </message>
    <message>
        <source>%1: cannot be opened: %2</source>
        <translation>%1: no se puede abrir: %2</translation>
    </message>
    <message>
        <source>%1: no column holds phone numbers; name it with --phone-column.</source>
        <translation>%1: ninguna columna contiene números de teléfono; indíquela con --phone-column.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: parameter %2: %3</source>
        <translation>%1: parámetro %2: %3</translation>
    </message>
    <message>
        <source>the same number (%1) as line %2</source>
        <translation>el mismo número (%1) que la línea %2</translation>
    </message>
    <message numerus="yes">
        <source>a campaign sent to this number in the last %n day(s)</source>
        <translation>
            <numerusform>una campaña envió a este número en el plazo de %n día</numerusform>
            <numerusform>una campaña envió a este número en los últimos %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>the number is on the opt-out list</source>
        <translation>el número está en la lista de bajas</translation>
    </message>
    <message>
        <source>the number is already in the campaign</source>
        <translation>el número ya está en la campaña</translation>
    </message>
</context>
<context>
    <name>CostEstimate</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, vigente desde %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (ejemplo: no son los precios de Meta)</translation>
    </message>
</context>
<context>
    <name>CostEstimator</name>
    <message>
        <source>non-geographic numbers</source>
        <translation>números no geográficos</translation>
    </message>
    <message>
        <source>unknown country</source>
        <translation>país desconocido</translation>
    </message>
    <message>
        <source>the card has no market for %1 and no market for the rest of the world</source>
        <translation>la tarifa no tiene mercado para %1 ni para el resto del mundo</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; has no %2 price</source>
        <translation>el mercado “%1” no tiene precio de %2</translation>
    </message>
    <message>
        <source>The category of template %1 (%2) is not known: sync the templates first, or give the category.</source>
        <translation>La categoría de la plantilla %1 (%2) es desconocida: sincronice primero las plantillas o indique la categoría.</translation>
    </message>
    <message>
        <source>There is no rate card %1.</source>
        <translation>No existe la tarifa %1.</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>una fecha que Meta no indicó</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 (%2) from %3 to %4 on %5, after the estimate of %6: re-estimated, %7 → %8.</source>
        <translation>Meta cambió la categoría de la plantilla %1 (%2) de %3 a %4 el %5, después de la estimación (%6): estimada de nuevo, %7 → %8.</translation>
    </message>
</context>
<context>
    <name>CountryNames</name>
    <message>
        <source>unknown country</source>
        <translation>país desconocido</translation>
    </message>
    <message>
        <source>non-geographic numbers</source>
        <translation>números no geográficos</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>CsvReader</name>
    <message>
        <source>the file is empty; there are no rows to import</source>
        <translation>el archivo está vacío; no hay filas que importar</translation>
    </message>
    <message>
        <source>this is not a text file: it contains binary data (zero bytes); save the spreadsheet as CSV and import that file</source>
        <translation>esto no es un archivo de texto: contiene datos binarios (bytes nulos); guarde la hoja de cálculo como CSV e importe ese archivo</translation>
    </message>
    <message>
        <source>UTF-8 with byte order mark</source>
        <translation>UTF-8 con marca de orden de bytes</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-16 little-endian</source>
        <translation>UTF-16 little-endian</translation>
    </message>
    <message>
        <source>UTF-16 big-endian</source>
        <translation>UTF-16 big-endian</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252 (Europa occidental)</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>first row is a header</source>
        <translation>la primera fila es un encabezado</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>sin fila de encabezado</translation>
    </message>
    <message>
        <source>the file cannot be opened (%1)</source>
        <translation>no se puede abrir el archivo (%1)</translation>
    </message>
    <message>
        <source>the file is not open for reading</source>
        <translation>el archivo no está abierto para lectura</translation>
    </message>
    <message>
        <source>%1, line %2: %3.</source>
        <translation>%1, línea %2: %3.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>“%1” cannot be used as the delimiter</source>
        <translation>“%1” no se puede usar como separador</translation>
    </message>
    <message>
        <source>the file has a header row but no data rows below it</source>
        <translation>el archivo tiene una fila de encabezado, pero ninguna fila de datos debajo</translation>
    </message>
    <message>
        <source>reading failed (%1)</source>
        <translation>error de lectura (%1)</translation>
    </message>
    <message>
        <source>this is a spreadsheet workbook (such as .xlsx or .xls), not a CSV file; in the spreadsheet use “Save As” with the type “CSV UTF-8” and import that file</source>
        <translation>esto es un libro de hoja de cálculo (como .xlsx o .xls), no un archivo CSV; en la hoja de cálculo use “Guardar como” con el tipo “CSV UTF-8” e importe ese archivo</translation>
    </message>
    <message>
        <source>this is not a text file: it is full of control characters; save the spreadsheet as CSV and import that file</source>
        <translation>esto no es un archivo de texto: está lleno de caracteres de control; guarde la hoja de cálculo como CSV e importe ese archivo</translation>
    </message>
    <message>
        <source>“%1” (columns %2)</source>
        <translation>“%1” (columnas %2)</translation>
    </message>
    <message>
        <source>the header names a column more than once: %1; every column needs a distinct name</source>
        <translation>el encabezado nombra una columna más de una vez: %1; cada columna necesita un nombre distinto</translation>
    </message>
    <message>
        <source>a quoted field starts on this line but its closing quote is missing</source>
        <translation>un campo entre comillas empieza en esta línea, pero falta la comilla de cierre</translation>
    </message>
    <message>
        <source>a field starting on this line is longer than %1 characters, the limit for one field; this usually means a quote opened on this line is never closed</source>
        <translation>un campo que empieza en esta línea tiene más de %1 caracteres, el límite para un campo; normalmente significa que una comilla abierta en esta línea nunca se cierra</translation>
    </message>
    <message>
        <source>a field on this line is longer than %1 characters, the limit for one field</source>
        <translation>un campo de esta línea tiene más de %1 caracteres, el límite para un campo</translation>
    </message>
    <message>
        <source>the row starting on this line is longer than %1 characters, the limit for one row</source>
        <translation>la fila que empieza en esta línea tiene más de %1 caracteres, el límite para una fila</translation>
    </message>
    <message>
        <source>the row has %1 fields but the header has %2 columns</source>
        <translation>la fila tiene %1 campos, pero el encabezado tiene %2 columnas</translation>
    </message>
    <message>
        <source>the row has %1 fields but the first row has %2</source>
        <translation>la fila tiene %1 campos, pero la primera fila tiene %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, line %2: %n sequence(s) of bytes that are not valid %3 were replaced with “�”; if names look wrong, import the file again with the encoding windows-1252.</source>
        <translation>
            <numerusform>%1, línea %2: %n secuencia de bytes no válida en %3 se sustituyó por “�”; si los nombres se ven mal, importe de nuevo el archivo con la codificación windows-1252.</numerusform>
            <numerusform>%1, línea %2: %n secuencias de bytes no válidas en %3 se sustituyeron por “�”; si los nombres se ven mal, importe de nuevo el archivo con la codificación windows-1252.</numerusform>
        </translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>separado por comas</translation>
    </message>
    <message>
        <source>semicolon-separated</source>
        <translation>separado por punto y coma</translation>
    </message>
    <message>
        <source>tab-separated</source>
        <translation>separado por tabuladores</translation>
    </message>
    <message>
        <source>separated by vertical bars</source>
        <translation>separado por barras verticales</translation>
    </message>
    <message>
        <source>separated by “%1”</source>
        <translation>separado por “%1”</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>writing failed (%1)</source>
        <translation>error de escritura (%1)</translation>
    </message>
</context>
<context>
    <name>DailyBuckets</name>
    <message>
        <source>per day</source>
        <translation>por día</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>por semana</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>por mes</translation>
    </message>
</context>
<context>
    <name>DatabaseChoice</name>
    <message>
        <source>--db: %1</source>
        <translation>--db: %1</translation>
    </message>
    <message>
        <source>HERALD_DB: %1</source>
        <translation>HERALD_DB: %1</translation>
    </message>
    <message>
        <source>The database chosen in Settings cannot be used: %1 Start Herald with --db to open another one.</source>
        <translation>No se puede usar la base de datos elegida en Configuración: %1 Inicie Herald con --db para abrir otra.</translation>
    </message>
    <message>
        <source>The password of %1 is no longer in the keychain. Enter it again in Settings.</source>
        <translation>La contraseña de %1 ya no está en el llavero. Introdúzcala de nuevo en Configuración.</translation>
    </message>
    <message>
        <source>The password of %1 could not be read from the keychain: %2</source>
        <translation>No se pudo leer del llavero la contraseña de %1: %2</translation>
    </message>
    <message>
        <source>The database password was not stored: %1 Herald never writes it to a file; start Herald with --db or HERALD_DB instead.</source>
        <translation>La contraseña de la base de datos no se guardó: %1 Herald nunca la escribe en un archivo; inicie Herald con --db o HERALD_DB en su lugar.</translation>
    </message>
    <message>
        <source>chosen with --db</source>
        <translation>elegida con --db</translation>
    </message>
    <message>
        <source>chosen with HERALD_DB</source>
        <translation>elegida con HERALD_DB</translation>
    </message>
    <message>
        <source>chosen in Settings</source>
        <translation>elegida en Configuración</translation>
    </message>
    <message>
        <source>the embedded default</source>
        <translation>la predeterminada integrada</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <source>Recipients in the sample campaign (default 2000).</source>
        <translation>Destinatarios de la campaña de ejemplo (predeterminado: 2000).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Messages per second at most (default 200; Meta allows 80 to 1,000).</source>
        <translation>Mensajes por segundo como máximo (predeterminado: 200; Meta permite de 80 a 1000).</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>The simulator&apos;s median answer time in ms (default 150).</source>
        <translation>Tiempo de respuesta mediano del simulador en ms (predeterminado: 150).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Sends a sample campaign to the built-in Cloud API simulator, with live progress.</source>
        <translation>Envía una campaña de ejemplo al simulador integrado de la Cloud API, con progreso en directo.</translation>
    </message>
    <message>
        <source>--contacts must be a number from 1 to 1,000,000</source>
        <translation>--contacts debe ser un número de 1 a 1.000.000</translation>
    </message>
    <message>
        <source>--rate must be from 1 to 1,000 messages per second</source>
        <translation>--rate debe estar entre 1 y 1000 mensajes por segundo</translation>
    </message>
    <message>
        <source>--latency must be from 0 to 10,000 ms</source>
        <translation>--latency debe estar entre 0 y 10.000 ms</translation>
    </message>
    <message>
        <source>the built-in simulator could not start: %1</source>
        <translation>no se pudo iniciar el simulador integrado: %1</translation>
    </message>
    <message>
        <source>template sync with the simulator failed: %1</source>
        <translation>falló la sincronización de plantillas con el simulador: %1</translation>
    </message>
    <message>
        <source>Demo %1</source>
        <translation>Demo %1</translation>
    </message>
    <message>
        <source>Synced %1 templates from the simulator. Created campaign &quot;%2&quot; (order_update, en_US) with %3 recipients; the simulator answers in ~%4 ms.</source>
        <translation>Se sincronizaron %1 plantillas desde el simulador. Se creó la campaña “%2” (order_update, en_US) con %3 destinatarios; el simulador responde en ~%4 ms.</translation>
    </message>
    <message>
        <source>  failed with reason %1: %2</source>
        <translation>  falló con el motivo %1: %2</translation>
    </message>
    <message>
        <source>The simulator accepted %1 messages and received %2 send requests.</source>
        <translation>El simulador aceptó %1 mensajes y recibió %2 solicitudes de envío.</translation>
    </message>
    <message>
        <source>the built-in webhook receiver could not start: %1</source>
        <translation>no se pudo iniciar el receptor de webhooks integrado: %1</translation>
    </message>
    <message>
        <source>Waiting for the delivery reports (status webhooks)…</source>
        <translation>Esperando los informes de entrega (webhooks de estado)…</translation>
    </message>
    <message>
        <source>Delivered %1 (%2), read %3 (%4), failed after sending %5: reported by the simulator&apos;s status webhooks to the built-in receiver.</source>
        <translation>Entregados %1 (%2), leídos %3 (%4), fallidos tras el envío %5: según los webhooks de estado del simulador al receptor integrado.</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <source>Checks the database schema and lists anything missing (exit code 4 if so).</source>
        <translation>Comprueba el esquema de la base de datos y enumera lo que falte (en ese caso, código de salida 4).</translation>
    </message>
    <message>
        <source>schema OK (version %1)</source>
        <translation>esquema correcto (versión %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n schema problem(s) found (database version %1, this program expects %2)</source>
        <translation>
            <numerusform>%n problema de esquema encontrado (versión de la base de datos %1, este programa espera la %2)</numerusform>
            <numerusform>%n problemas de esquema encontrados (versión de la base de datos %1, este programa espera la %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
</context>
<context>
    <name>EraseCommand</name>
    <message>
        <source>The person&apos;s phone number, written in any form the import reads.</source>
        <translation>El número de teléfono de la persona, escrito en cualquier forma que lea la importación.</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>teléfono</translation>
    </message>
    <message>
        <source>Country of a number written without country code, e.g. DE (default: import.region).</source>
        <translation>País de un número escrito sin código de país, p. ej., DE (predeterminado: import.region).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Also put the number on the opt-out list, so no later import messages it.</source>
        <translation>Poner también el número en la lista de bajas, para que ninguna importación posterior le envíe mensajes.</translation>
    </message>
    <message>
        <source>Erases one person&apos;s number, name and parameters from every campaign, keeping the counts.</source>
        <translation>Borra el número, el nombre y los parámetros de una persona de todas las campañas, conservando los recuentos.</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>No se borró nada.</translation>
    </message>
    <message>
        <source>%1 is in no campaign: nothing to erase.</source>
        <translation>%1 no está en ninguna campaña: no hay nada que borrar.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaña</numerusform>
            <numerusform>%n campañas</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased %1&apos;s number, name and parameters from %2 in %3; the campaigns&apos; counts are unchanged.</source>
        <translation>Se borraron el número, el nombre y los parámetros de %1 de %2 en %3; los recuentos de las campañas no cambian.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n mensaje en espera no se enviará (fallido, motivo &quot;erased&quot;).</numerusform>
            <numerusform>%n mensajes en espera no se enviarán (fallidos, motivo &quot;erased&quot;).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 está ahora en la lista de bajas.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list (herald-cli optout remove takes it off).</source>
        <translation>%1 sigue en la lista de bajas (herald-cli optout remove lo quita).</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <source>No phone number to erase.</source>
        <translation>No hay número de teléfono que borrar.</translation>
    </message>
    <message>
        <source>A message to %1 is being sent right now (campaign &quot;%2&quot;); nothing was erased. Try again once it is answered, or after herald-cli repair if no sender is running.</source>
        <translation>Se está enviando ahora un mensaje a %1 (campaña “%2”); no se borró nada. Inténtelo de nuevo cuando haya respuesta, o tras herald-cli repair si no hay ningún emisor en marcha.</translation>
    </message>
    <message>
        <source>Personal data erased on request</source>
        <translation>Datos personales borrados a petición</translation>
    </message>
</context>
<context>
    <name>ErrorPolicy</name>
    <message>
        <source>The phone number&apos;s sending rate (messages per second) was reached.</source>
        <translation>Se alcanzó la velocidad de envío del número de teléfono (mensajes por segundo).</translation>
    </message>
    <message>
        <source>Nothing: Herald slows down and sends the message again.</source>
        <translation>Nada: Herald reduce la velocidad y vuelve a enviar el mensaje.</translation>
    </message>
    <message>
        <source>Too many messages to this recipient in a short time (about one every 6 seconds is allowed).</source>
        <translation>Demasiados mensajes a este destinatario en poco tiempo (se permite aproximadamente uno cada 6 segundos).</translation>
    </message>
    <message>
        <source>Nothing: Herald sends to this recipient a few seconds later and keeps sending to the others.</source>
        <translation>Nada: Herald envía a este destinatario unos segundos más tarde y sigue enviando a los demás.</translation>
    </message>
    <message>
        <source>The app made too many API calls (app call-rate limit).</source>
        <translation>La aplicación hizo demasiadas llamadas a la API (límite de llamadas de la aplicación).</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses sending for a minute and continues more slowly. If it keeps happening, lower the sending rate.</source>
        <translation>Nada: Herald pausa el envío durante un minuto y continúa más despacio. Si sigue ocurriendo, reduzca la velocidad de envío.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account made too many API calls (account rate limit).</source>
        <translation>La cuenta de WhatsApp Business hizo demasiadas llamadas a la API (límite de la cuenta).</translation>
    </message>
    <message>
        <source>The business account is in maintenance, for example while its throughput is being upgraded.</source>
        <translation>La cuenta empresarial está en mantenimiento, por ejemplo mientras se amplía su capacidad de envío.</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses for about a minute and tries again.</source>
        <translation>Nada: Herald hace una pausa de aproximadamente un minuto y lo vuelve a intentar.</translation>
    </message>
    <message>
        <source>A temporary problem or downtime at Meta.</source>
        <translation>Un problema temporal o una interrupción del servicio en Meta.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times with growing pauses.</source>
        <translation>Nada: Herald lo vuelve a intentar varias veces con pausas cada vez más largas.</translation>
    </message>
    <message>
        <source>Something went wrong at Meta while sending.</source>
        <translation>Algo falló en Meta durante el envío.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times. If it keeps failing, give Meta support the fbtrace_id.</source>
        <translation>Nada: Herald lo vuelve a intentar varias veces. Si sigue fallando, facilite el fbtrace_id al soporte de Meta.</translation>
    </message>
    <message>
        <source>A Meta service is temporarily unavailable.</source>
        <translation>Un servicio de Meta no está disponible temporalmente.</translation>
    </message>
    <message>
        <source>The message cannot be delivered: the number is not on WhatsApp, uses an old WhatsApp version, has not accepted the terms, or has blocked this business.</source>
        <translation>No se puede entregar el mensaje: el número no está en WhatsApp, usa una versión antigua de WhatsApp, no ha aceptado las condiciones o ha bloqueado a esta empresa.</translation>
    </message>
    <message>
        <source>Check the number with the contact. Resending will fail the same way.</source>
        <translation>Compruebe el número con el contacto. Reenviar fallará de la misma manera.</translation>
    </message>
    <message>
        <source>Meta held back this marketing message: the recipient has had enough marketing messages for now.</source>
        <translation>Meta retuvo este mensaje de marketing: el destinatario ya ha recibido suficientes mensajes de marketing por ahora.</translation>
    </message>
    <message>
        <source>Do not resend now; the contact can be included in a later campaign.</source>
        <translation>No lo reenvíe ahora; el contacto puede incluirse en una campaña posterior.</translation>
    </message>
    <message>
        <source>More than 24 hours have passed since the recipient last wrote, so only a template message may be sent.</source>
        <translation>Han pasado más de 24 horas desde que el destinatario escribió por última vez, así que solo se puede enviar un mensaje de plantilla.</translation>
    </message>
    <message>
        <source>Send an approved template instead of a text message.</source>
        <translation>Envíe una plantilla aprobada en lugar de un mensaje de texto.</translation>
    </message>
    <message>
        <source>A required parameter is missing.</source>
        <translation>Falta un parámetro obligatorio.</translation>
    </message>
    <message>
        <source>Check the campaign&apos;s parameter mapping against the template.</source>
        <translation>Compruebe la asignación de parámetros de la campaña con la plantilla.</translation>
    </message>
    <message>
        <source>A parameter value is not valid.</source>
        <translation>Un valor de parámetro no es válido.</translation>
    </message>
    <message>
        <source>Check this contact&apos;s values and the campaign&apos;s parameter mapping.</source>
        <translation>Compruebe los valores de este contacto y la asignación de parámetros de la campaña.</translation>
    </message>
    <message>
        <source>The number of parameters does not match the template&apos;s placeholders.</source>
        <translation>El número de parámetros no coincide con los marcadores de la plantilla.</translation>
    </message>
    <message>
        <source>Check the parameter mapping: every placeholder needs exactly one value.</source>
        <translation>Compruebe la asignación de parámetros: cada marcador necesita exactamente un valor.</translation>
    </message>
    <message>
        <source>A parameter has the wrong format for the template (for example text where the header expects an image).</source>
        <translation>Un parámetro tiene un formato incorrecto para la plantilla (por ejemplo, texto donde el encabezado espera una imagen).</translation>
    </message>
    <message>
        <source>Check the parameter mapping against the template.</source>
        <translation>Compruebe la asignación de parámetros con la plantilla.</translation>
    </message>
    <message>
        <source>A template parameter has a problem (for example line breaks, tabs or many spaces in a row).</source>
        <translation>Un parámetro de la plantilla tiene un problema (por ejemplo, saltos de línea, tabulaciones o muchos espacios seguidos).</translation>
    </message>
    <message>
        <source>Correct this contact&apos;s value and resend.</source>
        <translation>Corrija el valor de este contacto y reenvíe.</translation>
    </message>
    <message>
        <source>The request has an invalid parameter.</source>
        <translation>La solicitud tiene un parámetro no válido.</translation>
    </message>
    <message>
        <source>Read the details: often a wrong field, ID or value.</source>
        <translation>Lea los detalles: a menudo es un campo, un ID o un valor incorrecto.</translation>
    </message>
    <message>
        <source>Meta rejected the request with a generic user error.</source>
        <translation>Meta rechazó la solicitud con un error de usuario genérico.</translation>
    </message>
    <message>
        <source>Read the details; if it repeats, give Meta support the fbtrace_id.</source>
        <translation>Lea los detalles; si se repite, facilite el fbtrace_id al soporte de Meta.</translation>
    </message>
    <message>
        <source>The recipient is the sending business number itself.</source>
        <translation>El destinatario es el propio número empresarial que envía.</translation>
    </message>
    <message>
        <source>Remove the business&apos;s own number from the contact list.</source>
        <translation>Quite de la lista de contactos el número propio de la empresa.</translation>
    </message>
    <message>
        <source>The recipient&apos;s number takes part in a Meta experiment and gets no marketing messages.</source>
        <translation>El número del destinatario participa en un experimento de Meta y no recibe mensajes de marketing.</translation>
    </message>
    <message>
        <source>Nothing can be done; the contact may be reached in a later campaign.</source>
        <translation>No se puede hacer nada; quizá se pueda llegar al contacto en una campaña posterior.</translation>
    </message>
    <message>
        <source>The header media could not be uploaded or downloaded (wrong link, unsupported type or size).</source>
        <translation>No se pudo subir o descargar el archivo multimedia del encabezado (enlace incorrecto, tipo o tamaño no admitido).</translation>
    </message>
    <message>
        <source>Check that the media link opens from the internet and the file type fits the template.</source>
        <translation>Compruebe que el enlace multimedia se abre desde internet y que el tipo de archivo corresponde a la plantilla.</translation>
    </message>
    <message>
        <source>The recipient stopped marketing messages from this business.</source>
        <translation>El destinatario dejó de recibir mensajes de marketing de esta empresa.</translation>
    </message>
    <message>
        <source>Nothing: Herald added the number to the opt-out list and will not message it again.</source>
        <translation>Nada: Herald añadió el número a la lista de bajas y no volverá a enviarle mensajes.</translation>
    </message>
    <message>
        <source>Meta paused the template because of low quality.</source>
        <translation>Meta pausó la plantilla por su baja calidad.</translation>
    </message>
    <message>
        <source>The campaign is paused. Improve the template or wait until Meta unpauses it, then resume.</source>
        <translation>La campaña está en pausa. Mejore la plantilla o espere a que Meta la reactive y luego reanude.</translation>
    </message>
    <message>
        <source>The template was paused too often and is now permanently disabled.</source>
        <translation>La plantilla se pausó demasiadas veces y ahora está desactivada de forma permanente.</translation>
    </message>
    <message>
        <source>The campaign stopped. Create a new template and use it in a new campaign.</source>
        <translation>La campaña se detuvo. Cree una plantilla nueva y úsela en una campaña nueva.</translation>
    </message>
    <message>
        <source>The template does not exist in this language or is not approved.</source>
        <translation>La plantilla no existe en este idioma o no está aprobada.</translation>
    </message>
    <message>
        <source>The campaign stopped. Check the template&apos;s name, language and status in WhatsApp Manager, then sync templates.</source>
        <translation>La campaña se detuvo. Compruebe el nombre, el idioma y el estado de la plantilla en WhatsApp Manager y luego sincronice las plantillas.</translation>
    </message>
    <message>
        <source>Meta limits this number because too many recipients blocked or reported its messages (spam rate limit).</source>
        <translation>Meta limita este número porque demasiados destinatarios bloquearon o denunciaron sus mensajes (límite por spam).</translation>
    </message>
    <message>
        <source>The campaign stopped, because sending more makes it worse. Check the number&apos;s quality rating in WhatsApp Manager before sending again.</source>
        <translation>La campaña se detuvo, porque enviar más lo empeora. Compruebe la calificación de calidad del número en WhatsApp Manager antes de volver a enviar.</translation>
    </message>
    <message>
        <source>The access token has expired or is not valid.</source>
        <translation>El token de acceso caducó o no es válido.</translation>
    </message>
    <message>
        <source>Sending stopped. Enter a new access token in the settings, then resume.</source>
        <translation>El envío se detuvo. Introduzca un token de acceso nuevo en Configuración y luego reanude.</translation>
    </message>
    <message>
        <source>Meta could not authenticate the request (the access token was refused).</source>
        <translation>Meta no pudo autenticar la solicitud (se rechazó el token de acceso).</translation>
    </message>
    <message>
        <source>The account is temporarily blocked for policy violations.</source>
        <translation>La cuenta está bloqueada temporalmente por infringir las políticas.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager.</source>
        <translation>El envío se detuvo. Compruebe la calidad de la cuenta en Meta Business Manager.</translation>
    </message>
    <message>
        <source>The business account is locked or restricted.</source>
        <translation>La cuenta empresarial está bloqueada o restringida.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager and contact Meta support.</source>
        <translation>El envío se detuvo. Compruebe la calidad de la cuenta en Meta Business Manager y contacte con el soporte de Meta.</translation>
    </message>
    <message>
        <source>The app is not allowed to use this API (missing capability).</source>
        <translation>La aplicación no tiene permiso para usar esta API (falta una capacidad).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the app&apos;s WhatsApp product setup in Meta&apos;s developer portal.</source>
        <translation>El envío se detuvo. Compruebe la configuración del producto WhatsApp de la aplicación en el portal para desarrolladores de Meta.</translation>
    </message>
    <message>
        <source>Permission denied: the token lacks a permission or the phone number is not in this account.</source>
        <translation>Permiso denegado: al token le falta un permiso o el número de teléfono no pertenece a esta cuenta.</translation>
    </message>
    <message>
        <source>Sending stopped. Give the token whatsapp_business_messaging permission and check the phone number ID.</source>
        <translation>El envío se detuvo. Conceda al token el permiso whatsapp_business_messaging y compruebe el ID del número de teléfono.</translation>
    </message>
    <message>
        <source>Permission denied for this API call.</source>
        <translation>Permiso denegado para esta llamada a la API.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions in Meta&apos;s developer portal.</source>
        <translation>El envío se detuvo. Compruebe los permisos del token en el portal para desarrolladores de Meta.</translation>
    </message>
    <message>
        <source>Access denied to the phone number.</source>
        <translation>Acceso denegado al número de teléfono.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions and the phone number ID.</source>
        <translation>El envío se detuvo. Compruebe los permisos del token y el ID del número de teléfono.</translation>
    </message>
    <message>
        <source>The business phone number is not registered with the Cloud API.</source>
        <translation>El número de teléfono empresarial no está registrado en la Cloud API.</translation>
    </message>
    <message>
        <source>Sending stopped. Register the phone number in WhatsApp Manager.</source>
        <translation>El envío se detuvo. Registre el número de teléfono en WhatsApp Manager.</translation>
    </message>
    <message>
        <source>There is a problem with the account&apos;s payment method.</source>
        <translation>Hay un problema con el método de pago de la cuenta.</translation>
    </message>
    <message>
        <source>Sending stopped. Fix the payment method in Meta Business Manager.</source>
        <translation>El envío se detuvo. Corrija el método de pago en Meta Business Manager.</translation>
    </message>
    <message>
        <source>Meta returned an error Herald does not know.</source>
        <translation>Meta devolvió un error que Herald no conoce.</translation>
    </message>
    <message>
        <source>Read the details; if they are unclear, give Meta support the code and fbtrace_id. The message can be resent later.</source>
        <translation>Lea los detalles; si no son claros, facilite el código y el fbtrace_id al soporte de Meta. El mensaje se puede reenviar más tarde.</translation>
    </message>
    <message>
        <source>The server had a temporary problem (HTTP 5xx) and did not take the message.</source>
        <translation>El servidor tuvo un problema temporal (HTTP 5xx) y no aceptó el mensaje.</translation>
    </message>
    <message>
        <source>The server asked Herald to send more slowly (HTTP 429).</source>
        <translation>El servidor pidió a Herald que enviara más despacio (HTTP 429).</translation>
    </message>
    <message>
        <source>The server refused the credentials (HTTP 401).</source>
        <translation>El servidor rechazó las credenciales (HTTP 401).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the access token and any proxy in between, then resume.</source>
        <translation>El envío se detuvo. Compruebe el token de acceso y cualquier proxy intermedio y luego reanude.</translation>
    </message>
    <message>
        <source>The server answered with an unexpected HTTP status and no Graph API error, so it is probably not the Graph API (a proxy, or a wrong base URL, version or phone number ID).</source>
        <translation>El servidor respondió con un estado HTTP inesperado y sin error de la Graph API, así que probablemente no es la Graph API (un proxy, o una URL base, versión o ID del número de teléfono incorrectos).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the base URL, API version, phone number ID and proxy settings, then resume.</source>
        <translation>El envío se detuvo. Compruebe la URL base, la versión de la API, el ID del número de teléfono y la configuración del proxy y luego reanude.</translation>
    </message>
    <message>
        <source>The request could not be sent (connection refused, or the server was not found).</source>
        <translation>No se pudo enviar la solicitud (conexión rechazada o no se encontró el servidor).</translation>
    </message>
    <message>
        <source>Check the internet connection and proxy; Herald tries again with growing pauses.</source>
        <translation>Compruebe la conexión a internet y el proxy; Herald lo vuelve a intentar con pausas cada vez más largas.</translation>
    </message>
    <message>
        <source>No secure connection could be made: the server&apos;s certificate was not accepted (an authority this computer does not trust, another host name, or expired).</source>
        <translation>No se pudo establecer una conexión segura: no se aceptó el certificado del servidor (una autoridad en la que este equipo no confía, otro nombre de host o caducado).</translation>
    </message>
    <message>
        <source>Sending stopped. If your network inspects secure connections, set the CA certificate file (api.ca_file) to its certificate authority; otherwise check the API base URL and this computer&apos;s clock, then resume.</source>
        <translation>El envío se detuvo. Si su red inspecciona las conexiones seguras, defina como archivo de certificado CA (api.ca_file) el de su autoridad de certificación; si no, compruebe la URL base de la API y el reloj de este equipo y luego reanude.</translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so Meta may or may not have accepted the message.</source>
        <translation>La solicitud se envió, pero no llegó ninguna respuesta, así que Meta puede haber aceptado el mensaje o no.</translation>
    </message>
    <message>
        <source>Resend it only if the recipient did not get it: the API cannot tell, and resending may deliver it twice.</source>
        <translation>Reenvíelo solo si el destinatario no lo recibió: la API no puede saberlo y reenviarlo puede entregarlo dos veces.</translation>
    </message>
    <message>
        <source>The server reported success but its answer had no message ID, so the message cannot be tracked.</source>
        <translation>El servidor indicó éxito, pero su respuesta no tenía ID de mensaje, así que no se puede hacer el seguimiento del mensaje.</translation>
    </message>
    <message>
        <source>The message was probably accepted. Resend it only if the recipient did not get it.</source>
        <translation>Probablemente el mensaje se aceptó. Reenvíelo solo si el destinatario no lo recibió.</translation>
    </message>
    <message>
        <source>Herald did not send the message because its content breaks one of Meta&apos;s rules.</source>
        <translation>Herald no envió el mensaje porque su contenido infringe una de las reglas de Meta.</translation>
    </message>
    <message>
        <source>Read the details, correct the contact&apos;s values or the mapping, and resend.</source>
        <translation>Lea los detalles, corrija los valores del contacto o la asignación y reenvíe.</translation>
    </message>
    <message>
        <source>The sender ended (closed, crashed or lost its connection) while the message was on its way, so Meta may or may not have accepted it.</source>
        <translation>El emisor terminó (se cerró, falló o perdió la conexión) mientras el mensaje estaba en camino, así que Meta puede haberlo aceptado o no.</translation>
    </message>
    <message>
        <source>The number was added to the opt-out list after it was queued, so Herald did not send to it.</source>
        <translation>El número se añadió a la lista de bajas después de ponerse en cola, así que Herald no le envió nada.</translation>
    </message>
    <message>
        <source>Nothing: opted-out numbers are never messaged or resent. Remove the number from the opt-out list only if the contact asked for messages again.</source>
        <translation>Nada: a los números dados de baja nunca se les envían ni reenvían mensajes. Quite el número de la lista de bajas solo si el contacto volvió a pedir mensajes.</translation>
    </message>
    <message>
        <source>Sending failed several times in a row with temporary errors.</source>
        <translation>El envío falló varias veces seguidas con errores temporales.</translation>
    </message>
    <message>
        <source>Resend later; the details show the last error.</source>
        <translation>Reenvíe más tarde; los detalles muestran el último error.</translation>
    </message>
</context>
<context>
    <name>ExitCodes</name>
    <message>
        <source>success</source>
        <translation>correcto</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>error inesperado</translation>
    </message>
    <message>
        <source>usage error: unknown command or option, missing or malformed value</source>
        <translation>error de uso: comando u opción desconocidos, valor ausente o mal formado</translation>
    </message>
    <message>
        <source>the database cannot be reached or opened</source>
        <translation>no se puede acceder a la base de datos ni abrirla</translation>
    </message>
    <message>
        <source>schema problem: missing objects, not initialised, or newer than this program</source>
        <translation>problema de esquema: faltan objetos, no está inicializado o es más reciente que este programa</translation>
    </message>
    <message>
        <source>not found: no campaign with that name</source>
        <translation>no encontrado: no hay ninguna campaña con ese nombre</translation>
    </message>
    <message>
        <source>refused: illegal status change, nothing to resend, name already taken</source>
        <translation>rechazado: cambio de estado no permitido, nada que reenviar, nombre ya en uso</translation>
    </message>
    <message>
        <source>bad file: an input that is not CSV, unreadable or has no phone column (nothing imported), or an output that cannot be written</source>
        <translation>archivo incorrecto: una entrada que no es CSV, ilegible o sin columna de teléfono (no se importó nada), o una salida que no se puede escribir</translation>
    </message>
    <message>
        <source>sending paused (Ctrl+C, error threshold, or template paused by Meta); resume to go on</source>
        <translation>envío en pausa (Ctrl+C, umbral de errores o plantilla pausada por Meta); reanude para continuar</translation>
    </message>
    <message>
        <source>the campaign was stopped: every further message would fail the same way</source>
        <translation>la campaña se detuvo: todos los mensajes siguientes fallarían del mismo modo</translation>
    </message>
    <message>
        <source>the campaign was cancelled while sending</source>
        <translation>la campaña se canceló durante el envío</translation>
    </message>
    <message>
        <source>sending stopped: the access token, account or connection is unusable</source>
        <translation>envío detenido: el token de acceso, la cuenta o la conexión no se pueden usar</translation>
    </message>
    <message>
        <source>Exit codes:</source>
        <translation>Códigos de salida:</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>The campaign (by name) to export.</source>
        <translation>La campaña (por nombre) que se exportará.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>The CSV file to write.</source>
        <translation>El archivo CSV que se escribirá.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>Writes no UTF-8 byte order mark (Excel then misreads accents).</source>
        <translation>No escribe la marca de orden de bytes UTF-8 (Excel leerá mal los acentos).</translation>
    </message>
    <message>
        <source>Field delimiter (default ,; use ; for Excel in much of Europe).</source>
        <translation>Separador de campos (predeterminado ,; use ; para Excel en gran parte de Europa).</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>Writes every recipient&apos;s result (status, wamid, error) of a campaign as CSV.</source>
        <translation>Escribe como CSV el resultado de cada destinatario de una campaña (estado, wamid, error).</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter admite un solo carácter (o &apos;tab&apos;), no “%1”</translation>
    </message>
    <message>
        <source>Exported %1 rows of campaign &quot;%2&quot; to %3.</source>
        <translation>Se exportaron %1 filas de la campaña “%2” a %3.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
</context>
<context>
    <name>HealthText</name>
    <message>
        <source>Not checked</source>
        <translation>Sin comprobar</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>No leído</translation>
    </message>
    <message>
        <source>%1 people/24 h</source>
        <translation>%1 personas/24 h</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>ilimitado</translation>
    </message>
    <message>
        <source>Not checked yet: Check health in Settings ▸ Phone numbers or herald-cli numbers health asks Meta, and a campaign&apos;s start asks about its number.</source>
        <translation>Aún sin comprobar: «Comprobar estado» en Ajustes ▸ Números de teléfono o herald-cli numbers health pregunta a Meta, y el inicio de una campaña pregunta por su número.</translation>
    </message>
    <message>
        <source>%1 (%2), throughput %3.</source>
        <translation>%1 (%2), rendimiento %3.</translation>
    </message>
    <message>
        <source>Checked %1.</source>
        <translation>Comprobado %1.</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>The campaign (by name) to queue the contacts in.</source>
        <translation>La campaña (por nombre) en cuya cola se ponen los contactos.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE.</source>
        <translation>País de los números escritos sin código de país, p. ej., DE.</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Field delimiter (default: detected among , ; tab |). &apos;tab&apos; for tab.</source>
        <translation>Separador de campos (predeterminado: se detecta entre , ; tab |). &apos;tab&apos; para tabulador.</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>utf-8, utf-16le, utf-16be or windows-1252 (default: detected).</source>
        <translation>utf-8, utf-16le, utf-16be o windows-1252 (predeterminada: se detecta).</translation>
    </message>
    <message>
        <source>The phone column by header name or 1-based number (default: detected).</source>
        <translation>La columna del teléfono, por nombre de encabezado o por número empezando en 1 (predeterminada: se detecta).</translation>
    </message>
    <message>
        <source>column</source>
        <translation>columna</translation>
    </message>
    <message>
        <source>Maps a template parameter to a column, e.g. --param body.1=&quot;First Name&quot;. Repeatable. A row without a value for a mapped parameter is rejected.</source>
        <translation>Asigna un parámetro de la plantilla a una columna, p. ej., --param body.1=&quot;First Name&quot;. Se puede repetir. Se rechaza una fila sin valor para un parámetro asignado.</translation>
    </message>
    <message>
        <source>key=column</source>
        <translation>clave=columna</translation>
    </message>
    <message>
        <source>Rejects numbers that cannot be mobile (landlines).</source>
        <translation>Rechaza los números que no pueden ser móviles (fijos).</translation>
    </message>
    <message>
        <source>Does everything, reports, and then saves nothing.</source>
        <translation>Hace todo, informa y después no guarda nada.</translation>
    </message>
    <message>
        <source>Where to write the rows not imported (default: FILE.rejects.csv beside it).</source>
        <translation>Dónde escribir las filas no importadas (predeterminado: FILE.rejects.csv junto al archivo).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>Frequency cap: leaves out numbers another campaign sent to in the last N days.</source>
        <translation>Límite de frecuencia: omite los números a los que otra campaña envió en los últimos N días.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Imports a CSV contact file into a campaign, reporting every row not imported.</source>
        <translation>Importa un archivo CSV de contactos a una campaña e informa de cada fila no importada.</translation>
    </message>
    <message>
        <source>The CSV file (Excel, Google Contacts, Outlook, CRM exports).</source>
        <translation>El archivo CSV (exportaciones de Excel, Google Contacts, Outlook o CRM).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>missing FILE: the contact file to import</source>
        <translation>falta FILE: el archivo de contactos que se importará</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter admite un solo carácter (o &apos;tab&apos;), no “%1”</translation>
    </message>
    <message>
        <source>unknown encoding &quot;%1&quot;: use utf-8, utf-16le, utf-16be or windows-1252</source>
        <translation>codificación desconocida “%1”: use utf-8, utf-16le, utf-16be o windows-1252</translation>
    </message>
    <message>
        <source>--param takes key=column, e.g. body.1=&quot;First Name&quot;, not &quot;%1&quot;</source>
        <translation>--param admite clave=columna, p. ej., body.1=&quot;First Name&quot;, no “%1”</translation>
    </message>
    <message>
        <source>--skip-recent-days takes a number of days from 1 to 3650, not &quot;%1&quot;</source>
        <translation>--skip-recent-days admite un número de días de 1 a 3650, no “%1”</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>Imported %1 of %2 rows from %3.</source>
        <translation>Se importaron %1 de %2 filas de %3.</translation>
    </message>
    <message>
        <source>Dry run: %1 of %2 rows from %3 would be imported; nothing was saved.</source>
        <translation>Simulación: se importarían %1 de %2 filas de %3; no se guardó nada.</translation>
    </message>
    <message>
        <source>Import of %1 cancelled after %2 rows; nothing was saved.</source>
        <translation>Importación de %1 cancelada tras %2 filas; no se guardó nada.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>No se importó nada.</translation>
    </message>
    <message>
        <source>File: %1.</source>
        <translation>Archivo: %1.</translation>
    </message>
    <message>
        <source>Phone column: %1 (%2).</source>
        <translation>Columna de teléfono: %1 (%2).</translation>
    </message>
    <message>
        <source>Contact name from: %1.</source>
        <translation>Nombre del contacto de: %1.</translation>
    </message>
    <message>
        <source>Duplicates in the file: %1; already in the campaign: %2; opted out: %3; rejected: %4.</source>
        <translation>Duplicados en el archivo: %1; ya en la campaña: %2; dados de baja: %3; rechazados: %4.</translation>
    </message>
    <message numerus="yes">
        <source>Messaged by a campaign in the last %n day(s), left out: %1.</source>
        <translation>
            <numerusform>Con mensajes de una campaña en el plazo de %n día, omitidos: %1.</numerusform>
            <numerusform>Con mensajes de una campaña en los últimos %n días, omitidos: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row not imported is listed with its line and reason in %1.</source>
        <translation>Todas las filas no importadas se enumeran con su línea y motivo en %1.</translation>
    </message>
    <message>
        <source>Took %1 ms.</source>
        <translation>Duración: %1 ms.</translation>
    </message>
</context>
<context>
    <name>ImportWriter</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>La campaña “%1” está en estado “%2”: cree una campaña nueva para estos contactos.</translation>
    </message>
</context>
<context>
    <name>InboundWriter</name>
    <message>
        <source>replied &quot;%1&quot; (delivery tracking)</source>
        <translation>respondió «%1» (seguimiento de entregas)</translation>
    </message>
</context>
<context>
    <name>InitCommand</name>
    <message>
        <source>Creates the database schema or upgrades it to this version (safe to repeat).</source>
        <translation>Crea el esquema de la base de datos o lo actualiza a esta versión (se puede repetir sin riesgo).</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this program understands (up to %3): install a newer Herald; nothing was changed</source>
        <translation>la base de datos %1 tiene la versión de esquema %2, más reciente de lo que entiende este programa (hasta %3): instale un Herald más reciente; no se cambió nada</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message numerus="yes">
        <source>Schema version %1 (%n migration(s) applied).</source>
        <translation>
            <numerusform>Versión de esquema %1 (%n migración aplicada).</numerusform>
            <numerusform>Versión de esquema %1 (%n migraciones aplicadas).</numerusform>
        </translation>
    </message>
    <message>
        <source>Schema version %1, already up to date.</source>
        <translation>Versión de esquema %1, ya actualizada.</translation>
    </message>
    <message>
        <source>the schema is at version %1 but still has problems that init does not repair:</source>
        <translation>el esquema está en la versión %1, pero aún tiene problemas que init no repara:</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
</context>
<context>
    <name>MessageBuilder</name>
    <message>
        <source>%1: the text is empty; Meta rejects empty parameters.</source>
        <translation>%1: el texto está vacío; Meta rechaza los parámetros vacíos.</translation>
    </message>
    <message>
        <source>%1: the text has %2 characters; at most %3 are allowed.</source>
        <translation>%1: el texto tiene %2 caracteres; se permiten como máximo %3.</translation>
    </message>
    <message>
        <source>%1: the text contains a line break, a tab or more than 4 spaces in a row, which Meta does not accept in template parameters.</source>
        <translation>%1: el texto contiene un salto de línea, una tabulación o más de 4 espacios seguidos, que Meta no acepta en los parámetros de plantilla.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a currency parameter.</source>
        <translation>%1: un encabezado no admite un parámetro de moneda.</translation>
    </message>
    <message>
        <source>%1: the currency needs a fallback value (the text shown as is).</source>
        <translation>%1: la moneda necesita un valor alternativo (el texto mostrado tal cual).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an ISO 4217 currency code such as EUR or USD.</source>
        <translation>%1: “%2” no es un código de moneda ISO 4217 como EUR o USD.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a date_time parameter.</source>
        <translation>%1: un encabezado no admite un parámetro date_time.</translation>
    </message>
    <message>
        <source>%1: the date_time needs a fallback value (the text shown as is).</source>
        <translation>%1: el date_time necesita un valor alternativo (el texto mostrado tal cual).</translation>
    </message>
    <message>
        <source>%1: media (%2) can only be sent in the header.</source>
        <translation>%1: el contenido multimedia (%2) solo se puede enviar en el encabezado.</translation>
    </message>
    <message>
        <source>%1: give either a media id or a link, not both and not neither.</source>
        <translation>%1: indique un ID multimedia o un enlace, no ambos ni ninguno.</translation>
    </message>
    <message>
        <source>%1: the media link must start with https:// or http://.</source>
        <translation>%1: el enlace multimedia debe empezar por https:// o http://.</translation>
    </message>
    <message>
        <source>%1: unknown parameter type.</source>
        <translation>%1: tipo de parámetro desconocido.</translation>
    </message>
    <message>
        <source>%1: the index %2 is outside 0..9.</source>
        <translation>%1: el índice %2 está fuera de 0..9.</translation>
    </message>
    <message>
        <source>%1: a quick_reply button needs a payload.</source>
        <translation>%1: un botón quick_reply necesita un payload.</translation>
    </message>
    <message>
        <source>%1: a url button needs the text appended to the template&apos;s URL.</source>
        <translation>%1: un botón url necesita el texto que se añade a la URL de la plantilla.</translation>
    </message>
    <message>
        <source>The recipient &quot;%1&quot; is not an international number (E.164: country code and number, 7 to 15 digits).</source>
        <translation>El destinatario “%1” no es un número internacional (E.164: código de país y número, de 7 a 15 dígitos).</translation>
    </message>
    <message>
        <source>The template name &quot;%1&quot; is not valid: Meta uses lowercase letters, digits and underscores, at most 512 characters.</source>
        <translation>El nombre de plantilla “%1” no es válido: Meta usa letras minúsculas, dígitos y guiones bajos, como máximo 512 caracteres.</translation>
    </message>
    <message>
        <source>The language code &quot;%1&quot; is not valid; use the template&apos;s code, such as en_US or de.</source>
        <translation>El código de idioma “%1” no es válido; use el código de la plantilla, como en_US o es.</translation>
    </message>
    <message>
        <source>The header takes one parameter, but %1 were given.</source>
        <translation>El encabezado admite un parámetro, pero se indicaron %1.</translation>
    </message>
    <message>
        <source>%1: a parameter name may contain only lowercase letters, digits and underscores.</source>
        <translation>%1: un nombre de parámetro solo puede contener letras minúsculas, dígitos y guiones bajos.</translation>
    </message>
    <message>
        <source>Named and positional parameters are mixed; a template uses one kind only.</source>
        <translation>Se mezclan parámetros con nombre y posicionales; una plantilla usa un solo tipo.</translation>
    </message>
    <message>
        <source>%1: two buttons have the same index.</source>
        <translation>%1: dos botones tienen el mismo índice.</translation>
    </message>
    <message>
        <source>The text message is empty.</source>
        <translation>El mensaje de texto está vacío.</translation>
    </message>
    <message>
        <source>The text message has %1 characters; at most %2 are allowed.</source>
        <translation>El mensaje de texto tiene %1 caracteres; se permiten como máximo %2.</translation>
    </message>
    <message>
        <source>The callback data has %1 characters; Meta accepts at most %2.</source>
        <translation>Los datos de callback tienen %1 caracteres; Meta acepta como máximo %2.</translation>
    </message>
</context>
<context>
    <name>MigrateCommand</name>
    <message>
        <source>The SQLite database to move (only read).</source>
        <translation>La base de datos SQLite que se traslada (solo se lee).</translation>
    </message>
    <message>
        <source>The empty PostgreSQL database to move it into.</source>
        <translation>La base de datos PostgreSQL vacía a la que se traslada.</translation>
    </message>
    <message>
        <source>Moves a SQLite database into an empty PostgreSQL database for a team, in one transaction, and checks the copy.</source>
        <translation>Traslada una base de datos SQLite a una base de datos PostgreSQL vacía para un equipo, en una transacción, y comprueba la copia.</translation>
    </message>
    <message>
        <source>migrate needs --%1</source>
        <translation>migrate necesita --%1</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Filas</translation>
    </message>
    <message>
        <source>Moved %1 into %2: %3 rows in %4 ms, in one transaction.</source>
        <translation>%1 trasladada a %2: %3 filas en %4 ms, en una transacción.</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Los contadores de cada campaña coinciden con un recuento de sus filas.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Los contadores difieren de un recuento en: %1</translation>
    </message>
    <message>
        <source>These differed in %1 already; herald-cli repair on the new database corrects them: %2</source>
        <translation>Ya diferían en %1; herald-cli repair en la nueva base de datos los corrige: %2</translation>
    </message>
    <message>
        <source>%1 was left as it was. Point consoles and workers at the new database (--db or HERALD_DB), and stop using the file.</source>
        <translation>%1 quedó como estaba. Apunte las consolas y los workers a la nueva base de datos (--db o HERALD_DB) y deje de usar el archivo.</translation>
    </message>
    <message>
        <source>The copy in %1 did not pass its check.</source>
        <translation>La copia en %1 no superó su comprobación.</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>no price</source>
        <translation>sin precio</translation>
    </message>
    <message>
        <source>&quot;%1&quot; uses a comma: write prices with a decimal point, e.g. 0.0250</source>
        <translation>“%1” usa una coma: escriba los precios con punto decimal, p. ej. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price: digits and one decimal point only, e.g. 0.0250</source>
        <translation>“%1” no es un precio: solo dígitos y un punto decimal, p. ej. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than %2 decimals</source>
        <translation>“%1” tiene más de %2 decimales</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large a price</source>
        <translation>“%1” es un precio demasiado alto</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price</source>
        <translation>“%1” no es un precio</translation>
    </message>
</context>
<context>
    <name>MoveToPostgres</name>
    <message>
        <source>The tables %1 refer to each other in a circle: no order copies them.</source>
        <translation>Las tablas %1 se refieren unas a otras en círculo: ningún orden puede copiarlas.</translation>
    </message>
    <message>
        <source>Copying table %1 failed in the %2 rows from %3 on: %4</source>
        <translation>La copia de la tabla %1 falló en las %2 filas a partir de %3: %4</translation>
    </message>
    <message>
        <source>The target must be a PostgreSQL database (postgresql://…), not %1.</source>
        <translation>El destino debe ser una base de datos PostgreSQL (postgresql://…), no %1.</translation>
    </message>
    <message>
        <source>The source must be a SQLite file, not %1.</source>
        <translation>El origen debe ser un archivo SQLite, no %1.</translation>
    </message>
    <message>
        <source>There is no SQLite database at %1.</source>
        <translation>No hay ninguna base de datos SQLite en %1.</translation>
    </message>
    <message>
        <source>No temporary folder for the snapshot of %1: %2</source>
        <translation>No hay carpeta temporal para la instantánea de %1: %2</translation>
    </message>
    <message>
        <source>%1 is sending from %2: stop it first, or it would go on writing to the file after the copy.</source>
        <translation>%1 está enviando desde %2: deténgalo primero, o seguiría escribiendo en el archivo después de la copia.</translation>
    </message>
    <message>
        <source>Table %1 of %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>La tabla %1 de %2 no tiene lugar en el esquema de PostgreSQL: no se trasladó nada.</translation>
    </message>
    <message>
        <source>%1 is not empty: %2. Move into a new, empty database.</source>
        <translation>%1 no está vacía: %2. Traslade a una base de datos nueva y vacía.</translation>
    </message>
    <message>
        <source>Column %1 of table %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>La columna %1 de la tabla %2 no tiene lugar en el esquema de PostgreSQL: no se trasladó nada.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows read but %3 in PostgreSQL; nothing was moved.</source>
        <translation>Tabla %1: %2 filas leídas pero %3 en PostgreSQL; no se trasladó nada.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows in %3 but %4 read; nothing was moved.</source>
        <translation>Tabla %1: %2 filas en %3 pero %4 leídas; no se trasladó nada.</translation>
    </message>
    <message>
        <source>Table %1 of the snapshot cannot be read: %2</source>
        <translation>No se puede leer la tabla %1 de la instantánea: %2</translation>
    </message>
</context>
<context>
    <name>NewCampaignWizard</name>
    <message>
        <source>No access token is set: add it in Settings.</source>
        <translation>No hay ningún token de acceso definido: añádalo en Configuración.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Columna %1</translation>
    </message>
</context>
<context>
    <name>NumberHealth</name>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>la respuesta no es un objeto JSON</translation>
    </message>
    <message>
        <source>the answer has no quality rating, messaging limit or status</source>
        <translation>la respuesta no tiene calificación de calidad, límite de mensajes ni estado</translation>
    </message>
</context>
<context>
    <name>NumberHealthStore</name>
    <message>
        <source>The health of phone number %1 could not be read from Meta, so its quality rating and messaging limit were not checked: %2</source>
        <translation>No se pudo leer de Meta el estado del número de teléfono %1, así que no se comprobaron su calificación de calidad ni su límite de mensajes: %2</translation>
    </message>
    <message>
        <source>Phone number %1 has a %2 quality rating: recipients have been blocking or reporting its messages. Sending more marketing now can lower its messaging limit or get it restricted.</source>
        <translation>El número de teléfono %1 tiene una calificación de calidad %2: los destinatarios han bloqueado o denunciado sus mensajes. Enviar más marketing ahora puede reducir su límite de mensajes o hacer que lo restrinjan.</translation>
    </message>
    <message>
        <source>low (RED)</source>
        <translation>baja (RED)</translation>
    </message>
    <message>
        <source>medium (YELLOW)</source>
        <translation>media (YELLOW)</translation>
    </message>
    <message>
        <source>Meta reports phone number %1 as %2, not CONNECTED: messages from it may be refused.</source>
        <translation>Meta indica que el número de teléfono %1 está %2, no CONNECTED: sus mensajes pueden ser rechazados.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; would reach %2 people not messaged in the last 24 hours, but the messaging limit (%3: %4 people per 24 hours, for the whole business) leaves about %5 today (%6 already reached). Meta refuses the messages past the limit; send the rest tomorrow, or split the campaign.</source>
        <translation>«%1» llegaría a %2 personas a las que no se escribió en las últimas 24 horas, pero el límite de mensajes (%3: %4 personas cada 24 horas, para toda la empresa) deja unas %5 hoy (%6 ya alcanzadas). Meta rechaza los mensajes que superan el límite; envíe el resto mañana o divida la campaña.</translation>
    </message>
</context>
<context>
    <name>NumberPool</name>
    <message>
        <source>%1 is named twice in the pool.</source>
        <translation>%1 aparece dos veces en el grupo.</translation>
    </message>
    <message>
        <source>A pool has at least two phone numbers; for one, give the campaign its phone number ID.</source>
        <translation>Un grupo tiene al menos dos números de teléfono; para uno, indique a la campaña el ID de su número.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>No hay ninguna campaña con el id %1.</translation>
    </message>
    <message>
        <source>The phone numbers of a campaign are chosen before it sends; this one has started.</source>
        <translation>Los números de teléfono de una campaña se eligen antes de enviar; esta ya empezó.</translation>
    </message>
    <message>
        <source>This campaign sends from one phone number: nothing to move.</source>
        <translation>Esta campaña envía desde un solo número de teléfono: no hay nada que mover.</translation>
    </message>
    <message>
        <source>%1 is still in the pool: only a number taken out of it gives its recipients away.</source>
        <translation>%1 sigue en el grupo: solo un número sacado de él cede sus destinatarios.</translation>
    </message>
    <message>
        <source>%1 is not one of this campaign&apos;s numbers.</source>
        <translation>%1 no es uno de los números de esta campaña.</translation>
    </message>
    <message>
        <source>Every number of the pool is out: there is no number to move the recipients to.</source>
        <translation>Todos los números del grupo están fuera: no hay ningún número al que mover los destinatarios.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A campaign sends from at least one phone number.</source>
        <translation>Una campaña envía desde al menos un número de teléfono.</translation>
    </message>
</context>
<context>
    <name>NumbersCommand</name>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>A name for the number (add).</source>
        <translation>Un nombre para el número (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>The phone number ID (Meta&apos;s numeric ID, not the number).</source>
        <translation>El ID del número de teléfono (el ID numérico de Meta, no el número).</translation>
    </message>
    <message>
        <source>[ID]</source>
        <translation>[ID]</translation>
    </message>
    <message>
        <source>numbers %1 needs a phone number ID</source>
        <translation>numbers %1 necesita un ID de número de teléfono</translation>
    </message>
    <message>
        <source>Added %1: at most %2 messages per second.</source>
        <translation>%1 añadido: como máximo %2 mensajes por segundo.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 messages per second.</source>
        <translation>%1 cambiado: como máximo %2 mensajes por segundo.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 eliminado.</translation>
    </message>
    <message>
        <source>%1 was not listed.</source>
        <translation>%1 no estaba en la lista.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Ceiling/s</source>
        <translation>Límite/s</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s) listed.</source>
        <translation>
            <numerusform>%n número de teléfono en la lista.</numerusform>
            <numerusform>%n números de teléfono en la lista.</numerusform>
        </translation>
    </message>
    <message>
        <source>The default number (api.phone_number_id) is %1%2.</source>
        <translation>El número predeterminado (api.phone_number_id) es %1%2.</translation>
    </message>
    <message>
        <source>, marked *</source>
        <translation>, marcado con *</translation>
    </message>
    <message>
        <source>A number not listed sends at api.rate_ceiling: %1 messages per second.</source>
        <translation>Un número que no está en la lista envía según api.rate_ceiling: %1 mensajes por segundo.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number (add; default: api.rate_ceiling).</source>
        <translation>Mensajes por segundo como máximo desde este número (add; predeterminado: api.rate_ceiling).</translation>
    </message>
    <message>
        <source>Adds, removes or lists the account&apos;s phone numbers and each one&apos;s ceiling, and checks their health with Meta.</source>
        <translation>Añade, elimina o lista los números de teléfono de la cuenta y el límite de cada uno, y comprueba su estado con Meta.</translation>
    </message>
    <message>
        <source>add ID, remove ID, list, or health.</source>
        <translation>add ID, remove ID, list o health.</translation>
    </message>
    <message>
        <source>add|remove|list|health</source>
        <translation>add|remove|list|health</translation>
    </message>
    <message>
        <source>numbers needs an action: add, remove, list or health</source>
        <translation>numbers necesita una acción: add, remove, list o health</translation>
    </message>
    <message>
        <source>unknown numbers action &quot;%1&quot;: use add, remove, list or health</source>
        <translation>acción de numbers desconocida «%1»: use add, remove, list o health</translation>
    </message>
    <message>
        <source>No phone number to check: add one with herald-cli numbers add ID, or set api.phone_number_id.</source>
        <translation>Ningún número de teléfono que comprobar: añada uno con herald-cli numbers add ID o configure api.phone_number_id.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Calidad</translation>
    </message>
    <message>
        <source>Messaging limit</source>
        <translation>Límite de mensajes</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>(not read)</source>
        <translation>(no leído)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Advertencia: %1</translation>
    </message>
</context>
<context>
    <name>OptOutCommand</name>
    <message>
        <source>Why the number opted out (add).</source>
        <translation>Por qué se dio de baja el número (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE (add, import, remove).</source>
        <translation>País de los números escritos sin código de país, p. ej., DE (add, import, remove).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>How many to list (default 100).</source>
        <translation>Cuántos enumerar (predeterminado: 100).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>How many to skip when listing (default 0).</source>
        <translation>Cuántos omitir al enumerar (predeterminado: 0).</translation>
    </message>
    <message>
        <source>Where to write the rows not added (import; default FILE.rejects.csv).</source>
        <translation>Dónde escribir las filas no añadidas (import; predeterminado: FILE.rejects.csv).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>Adds, removes, imports or lists phones that must never be messaged.</source>
        <translation>Añade, quita, importa o enumera teléfonos a los que nunca se debe enviar mensajes.</translation>
    </message>
    <message>
        <source>add PHONE, remove PHONE, import FILE, or list.</source>
        <translation>add PHONE, remove PHONE, import FILE o list.</translation>
    </message>
    <message>
        <source>add|remove|import|list</source>
        <translation>add|remove|import|list</translation>
    </message>
    <message>
        <source>The phone number or file.</source>
        <translation>El número de teléfono o el archivo.</translation>
    </message>
    <message>
        <source>[PHONE|FILE]</source>
        <translation>[PHONE|FILE]</translation>
    </message>
    <message>
        <source>optout %1 needs %2</source>
        <translation>optout %1 necesita %2</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>un número de teléfono</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 está ahora en la lista de bajas.</translation>
    </message>
    <message>
        <source>%1 was already on the opt-out list.</source>
        <translation>%1 ya estaba en la lista de bajas.</translation>
    </message>
    <message>
        <source>%1 was removed from the opt-out list.</source>
        <translation>%1 se quitó de la lista de bajas.</translation>
    </message>
    <message>
        <source>%1 was not on the opt-out list.</source>
        <translation>%1 no estaba en la lista de bajas.</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>un archivo</translation>
    </message>
    <message>
        <source>Nothing was added.</source>
        <translation>No se añadió nada.</translation>
    </message>
    <message>
        <source>Added %1 of %2 rows from %3 to the opt-out list; %4 were already on it; %5 rejected.</source>
        <translation>Se añadieron %1 de %2 filas de %3 a la lista de bajas; %4 ya estaban en ella; %5 rechazadas.</translation>
    </message>
    <message>
        <source>The rows not added are listed with line and reason in %1.</source>
        <translation>Las filas no añadidas se enumeran con su línea y motivo en %1.</translation>
    </message>
    <message>
        <source>--limit and --offset take whole numbers of 0 or more</source>
        <translation>--limit y --offset admiten números enteros de 0 o más</translation>
    </message>
    <message>
        <source>%1 phones on the opt-out list.</source>
        <translation>%1 teléfonos en la lista de bajas.</translation>
    </message>
    <message>
        <source>optout needs an action: add, remove, import or list</source>
        <translation>optout necesita una acción: add, remove, import o list</translation>
    </message>
    <message>
        <source>unknown optout action &quot;%1&quot;: use add, remove, import or list</source>
        <translation>acción de optout desconocida “%1”: use add, remove, import o list</translation>
    </message>
</context>
<context>
    <name>OptOutImportText</name>
    <message>
        <source>line %1: %2</source>
        <translation>línea %1: %2</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rechazadas: %1</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>No se añadió nada: %1</translation>
    </message>
    <message>
        <source>Rows read from %1: %2. Added to the opt-out list: %3. Already on it: %4. Rejected: %5.</source>
        <translation>Filas leídas de %1: %2. Añadidas a la lista de bajas: %3. Ya estaban: %4. Rechazadas: %5.</translation>
    </message>
    <message>
        <source>Numbers were read from the column “%1”.</source>
        <translation>Los números se leyeron de la columna “%1”.</translation>
    </message>
    <message>
        <source>Every rejected row is listed in %1.</source>
        <translation>Todas las filas rechazadas se enumeran en %1.</translation>
    </message>
</context>
<context>
    <name>OptOutStore</name>
    <message>
        <source>%1: no column holds phone numbers.</source>
        <translation>%1: ninguna columna contiene números de teléfono.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>columna %1</translation>
    </message>
    <message>
        <source>imported from %1</source>
        <translation>importado de %1</translation>
    </message>
    <message>
        <source>line</source>
        <translation>línea</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>explicación</translation>
    </message>
    <message>
        <source>row</source>
        <translation>fila</translation>
    </message>
</context>
<context>
    <name>ParameterMapping</name>
    <message>
        <source>No value for %1.</source>
        <translation>No hay valor para %1.</translation>
    </message>
    <message>
        <source>%1: a currency needs amount_1000 as a whole number (the amount × 1000).</source>
        <translation>%1: una moneda necesita amount_1000 como número entero (el importe × 1000).</translation>
    </message>
    <message>
        <source>%1: unknown value type &quot;%2&quot; (use text, currency or date_time).</source>
        <translation>%1: tipo de valor desconocido “%2” (use text, currency o date_time).</translation>
    </message>
    <message>
        <source>%1: a list is not a parameter value.</source>
        <translation>%1: una lista no es un valor de parámetro.</translation>
    </message>
    <message>
        <source>%1: a media value needs an id or a link.</source>
        <translation>%1: un valor multimedia necesita un ID o un enlace.</translation>
    </message>
    <message>
        <source>%1: a button takes a plain text value.</source>
        <translation>%1: un botón admite un valor de texto simple.</translation>
    </message>
</context>
<context>
    <name>PhoneColumnDetector</name>
    <message>
        <source>column %1</source>
        <translation>columna %1</translation>
    </message>
    <message>
        <source>column %1 “%2”</source>
        <translation>columna %1 “%2”</translation>
    </message>
    <message>
        <source>there is no column %1: the file has %2 columns</source>
        <translation>no existe la columna %1: el archivo tiene %2 columnas</translation>
    </message>
    <message>
        <source>there is no column named “%1”: the file has no header row, so choose the column by its number (1 to %2)</source>
        <translation>no hay ninguna columna llamada “%1”: el archivo no tiene fila de encabezado, así que elija la columna por su número (1 a %2)</translation>
    </message>
    <message>
        <source>there is no column named “%1”; the columns are %2</source>
        <translation>no hay ninguna columna llamada “%1”; las columnas son %2</translation>
    </message>
    <message>
        <source>%1, as chosen</source>
        <translation>%1, según lo elegido</translation>
    </message>
    <message>
        <source>%1, recognised by its name</source>
        <translation>%1, reconocida por su nombre</translation>
    </message>
    <message>
        <source>%1, where %2 of %3 sampled values look like phone numbers</source>
        <translation>%1, donde %2 de %3 valores de muestra parecen números de teléfono</translation>
    </message>
    <message>
        <source>no column looks like it holds phone numbers; choose the phone column by its name or number</source>
        <translation>ninguna columna parece contener números de teléfono; elija la columna de teléfono por su nombre o número</translation>
    </message>
</context>
<context>
    <name>PhoneNormalizer</name>
    <message>
        <source>%1 is a tel: link with parameters after its number (an extension such as ;ext=12, a phone-context, …): only the number itself can receive WhatsApp messages, so write it without them</source>
        <translation>%1 es un enlace tel: con parámetros después del número (una extensión como ;ext=12, un phone-context, …): solo el número en sí puede recibir mensajes de WhatsApp, así que escríbalo sin ellos</translation>
    </message>
    <message>
        <source>%1 has decimal places: the phone number was stored as a number rather than as text, so a leading 0 or + may have been lost. Format the phone column as Text (or export the file again from its original source), then import it again</source>
        <translation>%1 tiene decimales: el número de teléfono se guardó como número y no como texto, así que puede haberse perdido un 0 o un + inicial. Dé formato de Texto a la columna de teléfono (o exporte de nuevo el archivo desde su origen) y luego vuelva a importarlo</translation>
    </message>
    <message>
        <source>the phone number is empty</source>
        <translation>el número de teléfono está vacío</translation>
    </message>
    <message>
        <source>%1 is in scientific notation: the spreadsheet stored the phone number as a number and shows it rounded, so its last digits are lost and cannot be recovered. Format the phone column as Text before pasting or importing the numbers (or export the file again from its original source), then import it again</source>
        <translation>%1 está en notación científica: la hoja de cálculo guardó el número de teléfono como número y lo muestra redondeado, así que sus últimos dígitos se perdieron y no se pueden recuperar. Dé formato de Texto a la columna de teléfono antes de pegar o importar los números (o exporte de nuevo el archivo desde su origen) y luego vuelva a importarlo</translation>
    </message>
    <message>
        <source>%1 contains letters: a phone number may hold only digits, a leading + and separators such as spaces, dashes, dots and parentheses (extensions, labels and vanity numbers cannot receive WhatsApp messages)</source>
        <translation>%1 contiene letras: un número de teléfono solo puede contener dígitos, un + inicial y separadores como espacios, guiones, puntos y paréntesis (las extensiones, etiquetas y números alfanuméricos no pueden recibir mensajes de WhatsApp)</translation>
    </message>
    <message>
        <source>%1 contains characters that do not belong in a phone number: only digits, a leading + and spaces, dashes, dots, slashes and parentheses are allowed</source>
        <translation>%1 contiene caracteres que no corresponden a un número de teléfono: solo se permiten dígitos, un + inicial y espacios, guiones, puntos, barras y paréntesis</translation>
    </message>
    <message>
        <source>%1 has a + that is not at the start: + may only stand before the country code, and a cell may hold only one number</source>
        <translation>%1 tiene un + que no está al principio: el + solo puede ir antes del código de país, y una celda solo puede contener un número</translation>
    </message>
    <message>
        <source>%1 has no digits</source>
        <translation>%1 no tiene dígitos</translation>
    </message>
    <message>
        <source>%1 has %2 digits, far more than any phone number (at most 15)</source>
        <translation>%1 tiene %2 dígitos, muchos más que cualquier número de teléfono (15 como máximo)</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix (+ or 00) and country code: the number itself is missing</source>
        <translation>%1 termina justo después del prefijo internacional (+ o 00) y el código de país: falta el número en sí</translation>
    </message>
    <message>
        <source>%1 can be read two ways: with 00 as the international prefix it is %2, with the international dialling prefix of %3 it is %4; write it with + instead of the prefix to say which one is meant</source>
        <translation>%1 se puede leer de dos maneras: con 00 como prefijo internacional es %2, con el prefijo de marcación internacional de %3 es %4; escríbalo con + en lugar del prefijo para indicar cuál es</translation>
    </message>
    <message>
        <source>%1 has no country code and no default region is set: write it in international form, with + or 00 and the country code (+49 30 1234567 or 0049 30 1234567), or choose the region its national numbers belong to</source>
        <translation>%1 no tiene código de país y no hay región predeterminada definida: escríbalo en formato internacional, con + o 00 y el código de país (+34 91 1234567 o 0034 91 1234567), o elija la región a la que pertenecen sus números nacionales</translation>
    </message>
    <message>
        <source>%1 has no country code, and the default region %2 is not a region code libphonenumber knows, so it cannot be read as a national number</source>
        <translation>%1 no tiene código de país, y la región predeterminada %2 no es un código de región que libphonenumber conozca, así que no se puede leer como número nacional</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use after its + or 00</source>
        <translation>%1 no empieza con un código de país en uso después de su + o 00</translation>
    </message>
    <message>
        <source>%1 has too few digits to be a phone number</source>
        <translation>%1 tiene muy pocos dígitos para ser un número de teléfono</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix: the country code and number are missing</source>
        <translation>%1 termina justo después del prefijo internacional: faltan el código de país y el número</translation>
    </message>
    <message>
        <source>%1 is too short to be a phone number</source>
        <translation>%1 es demasiado corto para ser un número de teléfono</translation>
    </message>
    <message>
        <source>%1 is too long to be a phone number</source>
        <translation>%1 es demasiado largo para ser un número de teléfono</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use (+%2)</source>
        <translation>%1 no empieza con un código de país en uso (+%2)</translation>
    </message>
    <message>
        <source>%1 is too short for a phone number of %2</source>
        <translation>%1 es demasiado corto para un número de teléfono de %2</translation>
    </message>
    <message>
        <source>%1 is too long for a phone number of %2</source>
        <translation>%1 es demasiado largo para un número de teléfono de %2</translation>
    </message>
    <message>
        <source>%1 has a length that phone numbers of %2 never have</source>
        <translation>%1 tiene una longitud que los números de teléfono de %2 nunca tienen</translation>
    </message>
    <message>
        <source>%1 is only a local number of %2: the area code is missing</source>
        <translation>%1 es solo un número local de %2: falta el prefijo de zona</translation>
    </message>
    <message>
        <source>%1 is not a valid number for %2: its length is possible, but no number there starts like this (unknown area code or mobile prefix)</source>
        <translation>%1 no es un número válido para %2: su longitud es posible, pero allí ningún número empieza así (prefijo de zona o de móvil desconocido)</translation>
    </message>
    <message>
        <source>if it is an international number, it lacks its + or 00: %1 would be valid</source>
        <translation>si es un número internacional, le falta el + o el 00: %1 sería válido</translation>
    </message>
    <message>
        <source>%1 (%2) is %3, not a mobile number, and only mobile numbers are accepted</source>
        <translation>%1 (%2) es %3, no un número móvil, y solo se aceptan números móviles</translation>
    </message>
    <message>
        <source>The region is empty. %1</source>
        <translation>La región está vacía. %1</translation>
    </message>
    <message>
        <source>%1 is a country calling code, not a region; for +%2 write %3. %4</source>
        <translation>%1 es un código de país telefónico, no una región; para +%2 escriba %3. %4</translation>
    </message>
    <message>
        <source>%1 is a number, not a region. %2</source>
        <translation>%1 es un número, no una región. %2</translation>
    </message>
    <message>
        <source>%1 is not a two-letter region code. %2</source>
        <translation>%1 no es un código de región de dos letras. %2</translation>
    </message>
    <message>
        <source>%1 is not an ISO 3166 code; the United Kingdom is GB. %2</source>
        <translation>%1 no es un código ISO 3166; el Reino Unido es GB. %2</translation>
    </message>
    <message>
        <source>%1 is not a region code libphonenumber has numbering data for. %2</source>
        <translation>%1 no es un código de región para el que libphonenumber tenga datos de numeración. %2</translation>
    </message>
    <message>
        <source>Write the region as its two-letter ISO 3166-1 country code, for example DE (Germany), GB (United Kingdom), US, BR, IN, ID, MX or ES; upper or lower case. It is the country assumed for numbers written without + or 00 and a country code.</source>
        <translation>Escriba la región con su código de país ISO 3166-1 de dos letras, por ejemplo DE (Alemania), GB (Reino Unido), US, BR, IN, ID, MX o ES; en mayúsculas o minúsculas. Es el país que se supone para los números escritos sin + o 00 y un código de país.</translation>
    </message>
    <message>
        <source>a fixed-line number</source>
        <translation>un número fijo</translation>
    </message>
    <message>
        <source>a mobile number</source>
        <translation>un número móvil</translation>
    </message>
    <message>
        <source>a fixed-line or mobile number</source>
        <translation>un número fijo o móvil</translation>
    </message>
    <message>
        <source>a toll-free number</source>
        <translation>un número gratuito</translation>
    </message>
    <message>
        <source>a premium-rate number</source>
        <translation>un número de tarificación adicional</translation>
    </message>
    <message>
        <source>a shared-cost number</source>
        <translation>un número de costo compartido</translation>
    </message>
    <message>
        <source>a VoIP number</source>
        <translation>un número VoIP</translation>
    </message>
    <message>
        <source>a personal number</source>
        <translation>un número personal</translation>
    </message>
    <message>
        <source>a pager number</source>
        <translation>un número de buscapersonas</translation>
    </message>
    <message>
        <source>a company (UAN) number</source>
        <translation>un número de empresa (UAN)</translation>
    </message>
    <message>
        <source>a voicemail number</source>
        <translation>un número de buzón de voz</translation>
    </message>
    <message>
        <source>a number of unknown type</source>
        <translation>un número de tipo desconocido</translation>
    </message>
</context>
<context>
    <name>PhoneNumberStore</name>
    <message>
        <source>&quot;%1&quot; is not a phone number ID: use the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>«%1» no es un ID de número de teléfono: use el ID numérico que muestra WhatsApp Manager de Meta, no el número de teléfono.</translation>
    </message>
    <message>
        <source>A number&apos;s ceiling must be a whole number of messages per second from 1 to %1 (Meta: 80, up to 1,000 for upgraded numbers).</source>
        <translation>El límite de un número debe ser un número entero de mensajes por segundo de 1 a %1 (Meta: 80, hasta 1.000 para números mejorados).</translation>
    </message>
    <message>
        <source>A number&apos;s label may have 200 characters at most.</source>
        <translation>La etiqueta de un número puede tener 200 caracteres como máximo.</translation>
    </message>
    <message>
        <source>%1 sends campaigns that are not finished: %2. Finish or cancel them first.</source>
        <translation>%1 envía campañas que no han terminado: %2. Termínelas o cancélelas primero.</translation>
    </message>
</context>
<context>
    <name>PurgeCommand</name>
    <message>
        <source>Purge campaigns finished more than this many days ago (default: the setting privacy.retention_days).</source>
        <translation>Depurar las campañas terminadas hace más de estos días (predeterminado: la opción privacy.retention_days).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Erases the recipient details of campaigns finished longer ago than the retention setting.</source>
        <translation>Borra los datos de los destinatarios de las campañas terminadas hace más tiempo del que fija la retención.</translation>
    </message>
    <message>
        <source>--days: %1</source>
        <translation>--days: %1</translation>
    </message>
    <message>
        <source>--days must be 1 or more: 0 would keep everything.</source>
        <translation>--days debe ser 1 o más: 0 lo conservaría todo.</translation>
    </message>
    <message>
        <source>Retention is off (privacy.retention_days is 0): recipient details are kept. Set a number of days with herald-cli config set privacy.retention_days N.</source>
        <translation>La retención está desactivada (privacy.retention_days es 0): se conservan los datos de los destinatarios. Fije un número de días con herald-cli config set privacy.retention_days N.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaña</numerusform>
            <numerusform>%n campañas</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the recipient details of %1 in %2 that finished before %3 UTC (%4 days); their counts are unchanged.</source>
        <translation>Se borraron los datos de los destinatarios de %1 en %2 terminadas antes del %3 UTC (%4 días); sus recuentos no cambian.</translation>
    </message>
</context>
<context>
    <name>QueueEngine</name>
    <message numerus="yes">
        <source>%n message(s) queued again for resending</source>
        <translation>
            <numerusform>%n mensaje puesto de nuevo en cola para reenviar</numerusform>
            <numerusform>%n mensajes puestos de nuevo en cola para reenviar</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuietHours</name>
    <message>
        <source>The quiet-hours window needs a start and an end written as HH:MM, e.g. 09:00 and 20:00.</source>
        <translation>El horario de silencio necesita un inicio y un fin escritos como HH:MM, p. ej. 09:00 y 20:00.</translation>
    </message>
    <message>
        <source>The quiet-hours window must end after it starts on the same day (%1–%2 does not); windows across midnight are not supported.</source>
        <translation>El horario de silencio debe terminar después de empezar, el mismo día (%1–%2 no lo hace); no se admiten franjas que pasen la medianoche.</translation>
    </message>
    <message>
        <source>The time zone &quot;%1&quot; chosen for %2 is unknown; use an IANA name such as America/Chicago.</source>
        <translation>La zona horaria “%1” elegida para %2 es desconocida; use un nombre IANA como America/Mexico_City.</translation>
    </message>
    <message>
        <source>The fallback time zone &quot;%1&quot; is unknown.</source>
        <translation>La zona horaria alternativa “%1” es desconocida.</translation>
    </message>
</context>
<context>
    <name>RateCard</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, vigente desde %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (ejemplo: no son los precios de Meta)</translation>
    </message>
</context>
<context>
    <name>RateCardCommand</name>
    <message>
        <source>a rate card is named by its number (see ratecard list), not &quot;%1&quot;</source>
        <translation>una tarifa se indica por su número (véase ratecard list), no “%1”</translation>
    </message>
    <message>
        <source>import: the card&apos;s name (default: the file&apos;s name).</source>
        <translation>import: el nombre de la tarifa (predeterminado: el nombre del archivo).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>import: the date from which the card&apos;s prices apply, e.g. 2026-10-01.</source>
        <translation>import: la fecha desde la que se aplican los precios de la tarifa, p. ej., 2026-10-01.</translation>
    </message>
    <message>
        <source>date</source>
        <translation>fecha</translation>
    </message>
    <message>
        <source>show: the card&apos;s number (default: the card estimates use now).</source>
        <translation>show: el número de la tarifa (predeterminado: la tarifa que usan ahora las estimaciones).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>Imports, shows, lists or removes the rate cards cost estimates are priced from.</source>
        <translation>Importa, muestra, enumera o quita las tarifas con las que se calculan las estimaciones de costo.</translation>
    </message>
    <message>
        <source>import FILE, show, list, or remove ID. The CSV format is in docs/CLI.md.</source>
        <translation>import FILE, show, list o remove ID. El formato CSV se describe en docs/CLI.md.</translation>
    </message>
    <message>
        <source>import|show|list|remove</source>
        <translation>import|show|list|remove</translation>
    </message>
    <message>
        <source>The file (import) or card number (remove).</source>
        <translation>El archivo (import) o el número de tarifa (remove).</translation>
    </message>
    <message>
        <source>[FILE|ID]</source>
        <translation>[FILE|ID]</translation>
    </message>
    <message>
        <source>ratecard %1 needs %2</source>
        <translation>ratecard %1 necesita %2</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>un archivo</translation>
    </message>
    <message>
        <source>a card number</source>
        <translation>un número de tarifa</translation>
    </message>
    <message>
        <source>ratecard needs an action: import, show, list or remove</source>
        <translation>ratecard necesita una acción: import, show, list o remove</translation>
    </message>
    <message>
        <source>unknown ratecard action &quot;%1&quot;: use import, show, list or remove</source>
        <translation>acción de ratecard desconocida “%1”: use import, show, list o remove</translation>
    </message>
    <message>
        <source>--effective takes a date as YYYY-MM-DD, not &quot;%1&quot;</source>
        <translation>--effective admite una fecha con el formato AAAA-MM-DD, no “%1”</translation>
    </message>
    <message>
        <source>Nothing was stored.</source>
        <translation>No se guardó nada.</translation>
    </message>
    <message>
        <source>Stored rate card %1: %2, %3 markets, %4 countries named, categories %5.</source>
        <translation>Tarifa %1 guardada: %2, %3 mercados, %4 países nombrados, categorías %5.</translation>
    </message>
    <message>
        <source>Estimates use card %1 (%2) until this one takes effect.</source>
        <translation>Las estimaciones usan la tarifa %1 (%2) hasta que esta entre en vigor.</translation>
    </message>
    <message>
        <source>there is no rate card %1 (see ratecard list)</source>
        <translation>no hay ninguna tarifa %1 (véase ratecard list)</translation>
    </message>
    <message>
        <source>Rate card %1: %2, prices in %3 per delivered template message.</source>
        <translation>Tarifa %1: %2, precios en %3 por mensaje de plantilla entregado.</translation>
    </message>
    <message>
        <source>Import Meta&apos;s current card for real estimates: herald-cli ratecard import FILE --effective DATE.</source>
        <translation>Importe la tarifa actual de Meta para estimaciones reales: herald-cli ratecard import FILE --effective DATE.</translation>
    </message>
    <message>
        <source>Rate card %1 was removed; estimates made with it keep their figures.</source>
        <translation>Se quitó la tarifa %1; las estimaciones hechas con ella conservan sus cifras.</translation>
    </message>
</context>
<context>
    <name>RateCardCsv</name>
    <message>
        <source>cannot be opened: %1</source>
        <translation>no se puede abrir: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, línea %2: %3</translation>
    </message>
    <message>
        <source>the rate card needs a name</source>
        <translation>la tarifa necesita un nombre</translation>
    </message>
    <message>
        <source>the rate card needs the date from which its prices apply</source>
        <translation>la tarifa necesita la fecha desde la que se aplican sus precios</translation>
    </message>
    <message>
        <source>column &quot;%1&quot; is not a category name (letters, digits, spaces, hyphens)</source>
        <translation>la columna “%1” no es un nombre de categoría (letras, dígitos, espacios, guiones)</translation>
    </message>
    <message>
        <source>category %1 has two columns</source>
        <translation>la categoría %1 tiene dos columnas</translation>
    </message>
    <message>
        <source>the header lacks the column(s) %1 (a rate card&apos;s header is market,countries,currency, then one column per category)</source>
        <translation>al encabezado le faltan las columnas %1 (el encabezado de una tarifa es market,countries,currency y luego una columna por categoría)</translation>
    </message>
    <message>
        <source>no category columns (e.g. MARKETING, UTILITY, AUTHENTICATION)</source>
        <translation>no hay columnas de categoría (p. ej. MARKETING, UTILITY, AUTHENTICATION)</translation>
    </message>
    <message>
        <source>the market has no name</source>
        <translation>el mercado no tiene nombre</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; is already on line %2</source>
        <translation>el mercado “%1” ya está en la línea %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency code (three letters, e.g. USD)</source>
        <translation>“%1” no es un código de moneda (tres letras, p. ej. USD)</translation>
    </message>
    <message>
        <source>the currency %1 differs from %2 above: a rate card has one currency</source>
        <translation>la moneda %1 es distinta de %2 indicada arriba: una tarifa tiene una sola moneda</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; lists no countries (ISO codes such as DE, or * for every country no other market names)</source>
        <translation>el mercado “%1” no indica países (códigos ISO como ES, o * para todos los países que ningún otro mercado nombra)</translation>
    </message>
    <message>
        <source>only one market may be * (the rest of the world); line %1 is already</source>
        <translation>solo un mercado puede ser * (el resto del mundo); la línea %1 ya lo es</translation>
    </message>
    <message>
        <source>* stands alone: it means every country no other market names</source>
        <translation>* va solo: significa todos los países que ningún otro mercado nombra</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 3166 country code (two letters, e.g. DE; the United Kingdom is GB)</source>
        <translation>“%1” no es un código de país ISO 3166 (dos letras, p. ej. ES; el Reino Unido es GB)</translation>
    </message>
    <message>
        <source>%1 is already in market &quot;%2&quot; (line %3): a country belongs to one market</source>
        <translation>%1 ya está en el mercado “%2” (línea %3): un país pertenece a un solo mercado</translation>
    </message>
    <message>
        <source>%1 price of &quot;%2&quot;: %3</source>
        <translation>precio de %1 de “%2”: %3</translation>
    </message>
    <message>
        <source>the file has a header but no markets</source>
        <translation>el archivo tiene encabezado, pero ningún mercado</translation>
    </message>
</context>
<context>
    <name>RateCardStore</name>
    <message>
        <source>Herald example card</source>
        <translation>Tarifa de ejemplo de Herald</translation>
    </message>
    <message>
        <source>The rate card &quot;%1&quot; was not stored.</source>
        <translation>No se guardó la tarifa “%1”.</translation>
    </message>
    <message>
        <source>The rate card %1 disappeared while it was read.</source>
        <translation>La tarifa %1 desapareció mientras se leía.</translation>
    </message>
    <message>
        <source>The example rate card is missing from this build (%1).</source>
        <translation>Falta la tarifa de ejemplo en esta compilación (%1).</translation>
    </message>
    <message>
        <source>The example rate card is broken: %1</source>
        <translation>La tarifa de ejemplo está dañada: %1</translation>
    </message>
</context>
<context>
    <name>Repair</name>
    <message>
        <source>reopened by repair: messages were still queued</source>
        <translation>reabierta por la reparación: aún había mensajes en cola</translation>
    </message>
</context>
<context>
    <name>RepairCommand</name>
    <message>
        <source>Checks only the campaign with this name.</source>
        <translation>Comprueba solo la campaña con este nombre.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Shows what would be repaired without changing anything.</source>
        <translation>Muestra lo que se repararía sin cambiar nada.</translation>
    </message>
    <message>
        <source>Recounts campaign counters from the queue and fixes them and stuck statuses.</source>
        <translation>Vuelve a contar los contadores de las campañas a partir de la cola y los corrige, junto con los estados atascados.</translation>
    </message>
    <message>
        <source>No campaigns to check.</source>
        <translation>No hay campañas que comprobar.</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) are consistent; nothing to repair.</source>
        <translation>
            <numerusform>%n campaña comprobada: es coherente; no hay nada que reparar.</numerusform>
            <numerusform>%n campañas comprobadas: todas son coherentes; no hay nada que reparar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n campaign(s) need repair. Dry run: nothing was changed; run without --dry-run to fix them.</source>
        <translation>
            <numerusform>%1 de %n campaña necesita reparación. Simulación: no se cambió nada; ejecute sin --dry-run para corregirlas.</numerusform>
            <numerusform>%1 de %n campañas necesitan reparación. Simulación: no se cambió nada; ejecute sin --dry-run para corregirlas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Repaired %1 of %n campaign(s).</source>
        <translation>
            <numerusform>Se reparó %1 de %n campaña.</numerusform>
            <numerusform>Se repararon %1 de %n campañas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResendCommand</name>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>El nombre de la campaña (obligatorio).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Which failures to resend (required): an error code such as 131026, &quot;interrupted&quot;, &quot;no response&quot;, or &quot;all&quot;.</source>
        <translation>Qué fallos reenviar (obligatorio): un código de error como 131026, &quot;interrupted&quot;, &quot;no response&quot; o &quot;all&quot;.</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>Queues a campaign&apos;s failed messages again, by failure reason.</source>
        <translation>Vuelve a poner en cola los mensajes fallidos de una campaña, según el motivo del fallo.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages to resend</source>
        <translation>la campaña “%1” no tiene mensajes fallidos que reenviar</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages with reason &quot;%2&quot; to resend</source>
        <translation>la campaña “%1” no tiene mensajes fallidos con el motivo “%2” que reenviar</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed message(s) of campaign &quot;%1&quot; again.</source>
        <translation>
            <numerusform>Se volvió a poner en cola %n mensaje fallido de la campaña “%1”.</numerusform>
            <numerusform>Se volvieron a poner en cola %n mensajes fallidos de la campaña “%1”.</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign was %1 and is now %2: run &apos;herald-cli resume --campaign &quot;%3&quot;&apos; to send them.</source>
        <translation>La campaña estaba en estado “%1” y ahora está en estado “%2”: ejecute &apos;herald-cli resume --campaign &quot;%3&quot;&apos; para enviarlos.</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>The sender stopped while the message was in flight.</source>
        <translation>El emisor se detuvo mientras el mensaje estaba en tránsito.</translation>
    </message>
</context>
<context>
    <name>ResultExporter</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <source>The campaign to send (required).</source>
        <translation>La campaña que se enviará (obligatorio).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Messages per second at most, to lower the phone number&apos;s ceiling for this run (the setting api.rate_ceiling: 80 by default, Meta&apos;s standard, up to 1,000 for upgraded numbers). The sender slows down by itself when Meta says so.</source>
        <translation>Mensajes por segundo como máximo, para bajar el límite del número de teléfono en esta ejecución (la configuración api.rate_ceiling: 80 por defecto, el estándar de Meta, hasta 1000 para números ampliados). El emisor reduce la velocidad por sí solo cuando Meta lo indica.</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>Requests in flight at most (default: enough for the rate at 250 ms).</source>
        <translation>Máximo de solicitudes en tránsito (predeterminado: las suficientes para la velocidad a 250 ms).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer. Off by default: Meta may have accepted them, so they fail &quot;no response&quot; and wait for an explicit resend. Also set by the campaign setting retry_no_response.</source>
        <translation>Reintenta los mensajes cuya solicitud no obtuvo respuesta. Desactivado por defecto: Meta puede haberlos aceptado, así que fallan con &quot;no response&quot; y esperan un reenvío explícito. También lo activa la configuración de campaña retry_no_response.</translation>
    </message>
    <message>
        <source>Sends a campaign through the Cloud API until it completes, pauses or stops.</source>
        <translation>Envía una campaña a través de la Cloud API hasta que se completa, se pausa o se detiene.</translation>
    </message>
    <message>
        <source>--rate must be more than 0 and at most 1,000 messages per second</source>
        <translation>--rate debe ser mayor que 0 y como máximo 1000 mensajes por segundo</translation>
    </message>
    <message>
        <source>--concurrency must be from 1 to 2,000</source>
        <translation>--concurrency debe estar entre 1 y 2000</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:
  %2</source>
        <translation>la campaña “%1” no puede iniciarse:
  %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; is no longer scheduled (it is %2 now)</source>
        <translation>la campaña “%1” ya no está programada (ahora está en estado “%2”)</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time, in %4); waiting to start it then. Ctrl+C leaves it scheduled.</source>
        <translation>La campaña “%1” está programada para el %2 UTC (%3 hora local, dentro de %4); se espera para iniciarla entonces. Ctrl+C la deja programada.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; stays scheduled for %2 UTC (interrupted while waiting)</source>
        <translation>la campaña “%1” sigue programada para el %2 UTC (interrumpido durante la espera)</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>advertencia: %1</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>A schedule needs a valid date and time.</source>
        <translation>Una programación necesita una fecha y una hora válidas.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 has already passed (it is %3 now); start it instead.</source>
        <translation>Campaña “%1”: %2 ya pasó (ahora es %3); iníciela en su lugar.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>La campaña “%1” no tiene destinatarios: importe contactos primero.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>A la campaña “%1” no le queda nada por enviar.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started %2 late: it was due at %3 UTC, when no Herald was running.</source>
        <translation>La campaña “%1” se inició con %2 de retraso: estaba prevista para %3 UTC, cuando no había ningún Herald en ejecución.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
</context>
<context>
    <name>SendPlanner</name>
    <message>
        <source>Every phone number of the campaign&apos;s pool was taken out: %1. Nothing can be sent until a number is back in it.</source>
        <translation>Todos los números de teléfono del grupo de la campaña se sacaron: %1. No se puede enviar nada hasta que vuelva un número.</translation>
    </message>
    <message>
        <source>Taken out of the campaign&apos;s pool: %1. Their recipients wait until you move them to the other numbers (herald-cli campaign reassign).</source>
        <translation>Sacados del grupo de la campaña: %1. Sus destinatarios esperan hasta que los mueva a los otros números (herald-cli campaign reassign).</translation>
    </message>
    <message>
        <source>%1 messages per second is above the ceiling of %2 for phone number %3 (%4); a run may only lower it.</source>
        <translation>%1 mensajes por segundo supera el límite de %2 del número de teléfono %3 (%4); una ejecución solo puede bajarlo.</translation>
    </message>
</context>
<context>
    <name>SendSession</name>
    <message>
        <source>sent %1  failed %2  of %3 (%4%)  %5 msg/s  %6 in flight  ETA %7</source>
        <translation>enviados %1  fallidos %2  de %3 (%4%)  %5 msj/s  %6 en tránsito  tiempo restante %7</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1 UTC (%2 local time, in %3).</source>
        <translation>
            <numerusform>En espera: %Ln destinatario fuera de su franja; la próxima franja se abre a las %1 UTC (%2 hora local, dentro de %3).</numerusform>
            <numerusform>En espera: %Ln destinatarios fuera de su franja; la próxima franja se abre a las %1 UTC (%2 hora local, dentro de %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Pausing: the requests in flight finish and are recorded (Ctrl+C again to be told again; nothing is lost either way)…</source>
        <translation>Pausando: las solicitudes en tránsito terminan y se registran (pulse Ctrl+C otra vez para volver a verlo; no se pierde nada en ningún caso)…</translation>
    </message>
    <message>
        <source>paused from the command line (Ctrl+C)</source>
        <translation>pausada desde la línea de comandos (Ctrl+C)</translation>
    </message>
    <message>
        <source>Sending campaign &quot;%1&quot; to %2 (API %3, up to %4 msg/s).</source>
        <translation>Enviando la campaña “%1” a %2 (API %3, hasta %4 msj/s).</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2. This run: %3 sent, %4 failed in %5 s (%6 msg/s). Campaign: %7 sent, %8 failed, %9 pending of %10.</source>
        <translation>Campaña “%1”: %2. Esta ejecución: %3 enviados, %4 fallidos en %5 s (%6 msj/s). Campaña: %7 enviados, %8 fallidos, %9 pendientes de %10.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
</context>
<context>
    <name>SenderPresence</name>
    <message>
        <source>the Herald console</source>
        <translation>la consola de Herald</translation>
    </message>
    <message>
        <source>herald-cli run</source>
        <translation>herald-cli run</translation>
    </message>
    <message>
        <source>a Herald worker</source>
        <translation>un proceso de trabajo de Herald</translation>
    </message>
    <message>
        <source>%1 on %2 (process %3), last heard %4 s ago</source>
        <translation>%1 en %2 (proceso %3), última señal hace %4 s</translation>
    </message>
    <message>
        <source>This sender is not registered, so it cannot hold campaign %1.</source>
        <translation>Este remitente no está registrado, así que no puede tomar la campaña %1.</translation>
    </message>
</context>
<context>
    <name>SettingKeys</name>
    <message>
        <source>%1 must be a whole number from %2 to %3 (%4).</source>
        <translation>%1 debe ser un número entero de %2 a %3 (%4).</translation>
    </message>
    <message>
        <source>Graph API base URL</source>
        <translation>URL base de la Graph API</translation>
    </message>
    <message>
        <source>Graph API version</source>
        <translation>Versión de la Graph API</translation>
    </message>
    <message>
        <source>WhatsApp Business phone number ID</source>
        <translation>ID del número de teléfono de WhatsApp Business</translation>
    </message>
    <message>
        <source>WhatsApp Business Account ID</source>
        <translation>ID de la cuenta de WhatsApp Business</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request</source>
        <translation>Milisegundos de espera por solicitud a la API</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s (a TLS-inspecting proxy&apos;s)</source>
        <translation>Autoridad de certificación adicional de confianza (p. ej. de un proxy TLS)</translation>
    </message>
    <message>
        <source>Messages per second at most for the phone number, all campaigns together (Meta: 80, up to 1,000 for upgraded numbers)</source>
        <translation>Máximo de mensajes por segundo del número de teléfono, todas las campañas juntas (Meta: 80, hasta 1000 en números ampliados)</translation>
    </message>
    <message>
        <source>Requests in flight at most; 0 chooses by the rate</source>
        <translation>Máximo de solicitudes simultáneas; 0 elige según la velocidad</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer (Meta may have accepted them)</source>
        <translation>Reintentar solicitudes sin respuesta (quizá ya aceptadas)</translation>
    </message>
    <message>
        <source>Country assumed for numbers written without a country code</source>
        <translation>País que se supone para los números sin código de país</translation>
    </message>
    <message>
        <source>%1 must be the numeric ID shown in Meta&apos;s WhatsApp Manager.</source>
        <translation>%1 debe ser el ID numérico que muestra el WhatsApp Manager de Meta.</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>milisegundos</translation>
    </message>
    <message>
        <source>messages per second</source>
        <translation>mensajes por segundo</translation>
    </message>
    <message>
        <source>requests; 0 is automatic</source>
        <translation>solicitudes; 0 es automático</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 debe ser true o false.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a setting Herald knows; known: %2.</source>
        <translation>“%1” no es una configuración que Herald conozca; conocidas: %2.</translation>
    </message>
    <message>
        <source>The stored setting %1 cannot be used: %2</source>
        <translation>No se puede usar la configuración guardada %1: %2</translation>
    </message>
    <message>
        <source>Days to keep the recipient details of finished campaigns; 0 keeps them forever</source>
        <translation>Días que se conservan los datos de los destinatarios de las campañas terminadas; 0 los conserva siempre</translation>
    </message>
    <message>
        <source>days; 0 keeps forever</source>
        <translation>días; 0 conserva siempre</translation>
    </message>
    <message>
        <source>Replies that put their sender on the opt-out list (comma-separated, any case)</source>
        <translation>Respuestas que ponen a su remitente en la lista de bajas (separadas por comas, sin distinguir mayúsculas)</translation>
    </message>
    <message>
        <source>%1 must be a comma-separated list of words, such as STOP, UNSUBSCRIBE.</source>
        <translation>%1 debe ser una lista de palabras separadas por comas, como STOP, UNSUBSCRIBE.</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Runs the built-in Cloud API simulator on 127.0.0.1 until Ctrl+C.</source>
        <translation>Ejecuta el simulador integrado de la Cloud API en 127.0.0.1 hasta pulsar Ctrl+C.</translation>
    </message>
    <message>
        <source>the simulator could not start: %1</source>
        <translation>no se pudo iniciar el simulador: %1</translation>
    </message>
    <message>
        <source>Cloud API simulator listening on %1 (%2 server threads).</source>
        <translation>Simulador de la Cloud API escuchando en %1 (%2 hilos de servidor).</translation>
    </message>
    <message>
        <source>  API version %1, phone number id %2, WABA id %3</source>
        <translation>  Versión de la API %1, id del número de teléfono %2, id de la WABA %3</translation>
    </message>
    <message>
        <source>  Its access token (a demo value, not a secret): export HERALD_ACCESS_TOKEN=%1</source>
        <translation>  Su token de acceso (un valor de demostración, no un secreto): export HERALD_ACCESS_TOKEN=%1</translation>
    </message>
    <message>
        <source>  Try: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2</source>
        <translation>  Pruebe: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2</translation>
    </message>
    <message>
        <source>Ctrl+C stops it.</source>
        <translation>Ctrl+C lo detiene.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 send requests, %3 accepted.</source>
        <translation>Detenido. %1 solicitudes, %2 solicitudes de envío, %3 aceptadas.</translation>
    </message>
</context>
<context>
    <name>SqliteBackup</name>
    <message>
        <source>Cannot open %1</source>
        <translation>No se puede abrir %1</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>No se puede crear %1</translation>
    </message>
    <message>
        <source>Cannot start the backup</source>
        <translation>No se puede iniciar la copia de seguridad</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>La copia de seguridad falló: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>No se puede escribir %1</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: back it up with pg_dump:
%1</source>
        <translation>La base de datos es PostgreSQL: haga la copia de seguridad con pg_dump:
%1</translation>
    </message>
    <message>
        <source>No file to write the backup to.</source>
        <translation>No hay archivo en el que escribir la copia de seguridad.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>No hay ninguna base de datos en %1.</translation>
    </message>
    <message>
        <source>%1 is the database itself; choose another file.</source>
        <translation>%1 es la propia base de datos; elija otro archivo.</translation>
    </message>
    <message>
        <source>%1 exists already; choose another name, or --force to replace it.</source>
        <translation>%1 ya existe; elija otro nombre, o --force para reemplazarlo.</translation>
    </message>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation>%1 es una carpeta; indique un nombre de archivo.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La carpeta %1 no existe.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
</context>
<context>
    <name>SqliteStatement</name>
    <message>
        <source>Direct SQLite access is not available on this connection</source>
        <translation>El acceso directo a SQLite no está disponible en esta conexión</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Error en la instrucción de base de datos: %1
Instrucción: %2</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <source>Shows only the campaign with this name.</source>
        <translation>Muestra solo la campaña con este nombre.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Shows campaigns with their sent, failed and pending messages.</source>
        <translation>Muestra las campañas con sus mensajes enviados, fallidos y pendientes.</translation>
    </message>
    <message>
        <source>No campaigns yet. Create one with: herald-cli campaign create --name NAME --template TEMPLATE --lang LANGUAGE</source>
        <translation>Aún no hay campañas. Cree una con: herald-cli campaign create --name NAME --template TEMPLATE --lang LANGUAGE</translation>
    </message>
    <message>
        <source>out of the pool since %1 UTC: %2</source>
        <translation>fuera del grupo desde %1 UTC: %2</translation>
    </message>
    <message>
        <source>%1 from %2: %3 sent, %4 failed, %5 waiting, %6 msg/s in the last minute</source>
        <translation>%1 desde %2: %3 enviados, %4 fallidos, %5 en espera, %6 msj/s en el último minuto</translation>
    </message>
</context>
<context>
    <name>SummaryCommand</name>
    <message>
        <source>How many days back, today included (default %1; 0 = all history).</source>
        <translation>Cuántos días hacia atrás, hoy incluido (predeterminado: %1; 0 = todo el historial).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>--days needs a whole number of days, 0 or more (got &quot;%1&quot;)</source>
        <translation>--days necesita un número entero de días, 0 o más (se recibió “%1”)</translation>
    </message>
    <message numerus="yes">
        <source>No messages sent or failed in the last %n day(s).</source>
        <translation>
            <numerusform>No hay mensajes enviados ni fallidos en %n día.</numerusform>
            <numerusform>No hay mensajes enviados ni fallidos en los últimos %n días.</numerusform>
        </translation>
    </message>
    <message>
        <source>No messages sent or failed yet.</source>
        <translation>Aún no hay mensajes enviados ni fallidos.</translation>
    </message>
    <message>
        <source>Shows messages sent, failed, delivered and read per day and campaign.</source>
        <translation>Muestra los mensajes enviados, fallidos, entregados y leídos por día y campaña.</translation>
    </message>
</context>
<context>
    <name>SystemKeychain</name>
    <message>
        <source>Access to the keychain was not allowed.</source>
        <translation>No se permitió el acceso al llavero.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>El llavero denegó el acceso: %1</translation>
    </message>
    <message>
        <source>No keychain is available (%1). On Linux, start GNOME Keyring, KWallet or another Secret Service.</source>
        <translation>No hay ningún llavero disponible (%1). En Linux, inicie GNOME Keyring, KWallet u otro Secret Service.</translation>
    </message>
    <message>
        <source>The keychain could not be used: %1</source>
        <translation>No se pudo usar el llavero: %1</translation>
    </message>
    <message>
        <source>An empty secret is not stored.</source>
        <translation>No se guarda un secreto vacío.</translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>El llavero no respondió en %n segundo.</numerusform>
            <numerusform>El llavero no respondió en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>No keychain can be reached: this session has no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), and Linux keychains (GNOME Keyring, KWallet, KeePassXC) are reached through it.</source>
        <translation>No se puede acceder a ningún llavero: esta sesión no tiene bus de sesión D-Bus (DBUS_SESSION_BUS_ADDRESS no está definido), y los llaveros de Linux (GNOME Keyring, KWallet, KeePassXC) se alcanzan a través de él.</translation>
    </message>
</context>
<context>
    <name>TemplatesCommand</name>
    <message>
        <source>check: the campaign whose template and values are checked.</source>
        <translation>check: la campaña cuya plantilla y valores se comprueban.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>sync: templates per request (default %1).</source>
        <translation>sync: plantillas por solicitud (predeterminado: %1).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>reads the approved and other templates from Meta and stores them</source>
        <translation>lee de Meta las plantillas aprobadas y las demás, y las guarda</translation>
    </message>
    <message>
        <source>shows the stored templates with their variables</source>
        <translation>muestra las plantillas guardadas con sus variables</translation>
    </message>
    <message>
        <source>tells whether a campaign&apos;s template and values allow it to start</source>
        <translation>indica si la plantilla y los valores de una campaña permiten iniciarla</translation>
    </message>
    <message>
        <source>Message templates: %1.</source>
        <translation>Plantillas de mensaje: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Qué hacer:</translation>
    </message>
    <message>
        <source>templates needs an action: %1</source>
        <translation>templates necesita una acción: %1</translation>
    </message>
    <message>
        <source>unknown templates action &quot;%1&quot; (known: %2)</source>
        <translation>acción de templates desconocida “%1” (conocidas: %2)</translation>
    </message>
    <message>
        <source>--page-size must be a number from 1 to 1000</source>
        <translation>--page-size debe ser un número de 1 a 1000</translation>
    </message>
    <message>
        <source>%1 templates listed: %2 new, %3 updated, %4 unchanged.</source>
        <translation>%1 plantillas en la lista: %2 nuevas, %3 actualizadas, %4 sin cambios.</translation>
    </message>
    <message>
        <source>Category changed: %1 (%2) %3 -&gt; %4</source>
        <translation>Categoría cambiada: %1 (%2) %3 -&gt; %4</translation>
    </message>
    <message>
        <source>No longer listed by Meta (kept): %1</source>
        <translation>Meta ya no la incluye en la lista (se conserva): %1</translation>
    </message>
    <message>
        <source>No templates stored yet. Fetch them with: herald-cli templates sync</source>
        <translation>Aún no hay plantillas guardadas. Descárguelas con: herald-cli templates sync</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>advertencia: %1</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:</source>
        <translation>la campaña “%1” no puede iniciarse:</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is ready: template %2 is approved and every variable (%3) has a value for all %4 queued contacts.</source>
        <translation>La campaña “%1” está lista: la plantilla %2 está aprobada y cada variable (%3) tiene valor para los %4 contactos en cola.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
</context>
<context>
    <name>TokenCommand</name>
    <message>
        <source>Access token (not shown): </source>
        <translation>Token de acceso (no se muestra): </translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of the programs that send instead.</source>
        <translation>%1 Defina %2 en el entorno de los programas que envían.</translation>
    </message>
    <message>
        <source>The access token in the operating system&apos;s keychain (set reads it from standard input, clear, status).</source>
        <translation>El token de acceso en el llavero del sistema operativo (set lo lee de la entrada estándar, clear, status).</translation>
    </message>
    <message>
        <source>What to do:
  set - reads the token from standard input and stores it in the keychain
  clear - removes it from the keychain
  status - says where the token of a run would come from (%1 wins over the keychain)
The token is never taken from the command line, printed, or written to a file.</source>
        <translation>Qué hacer:
  set - lee el token de la entrada estándar y lo guarda en el llavero
  clear - lo quita del llavero
  status - indica de dónde tomaría el token una ejecución (%1 tiene prioridad sobre el llavero)
El token nunca se toma de la línea de comandos, ni se imprime, ni se escribe en un archivo.</translation>
    </message>
    <message>
        <source>token needs an action: set, clear, status</source>
        <translation>token necesita una acción: set, clear, status</translation>
    </message>
    <message>
        <source>unknown token action &quot;%1&quot; (known: set, clear, status)</source>
        <translation>acción de token desconocida “%1” (conocidas: set, clear, status)</translation>
    </message>
    <message>
        <source>no token on standard input: type it when asked, or pipe it in, e.g. &apos;herald-cli token set &lt; token.txt&apos;</source>
        <translation>no hay token en la entrada estándar: escríbalo cuando se le pida o páselo por una tubería, p. ej., &apos;herald-cli token set &lt; token.txt&apos;</translation>
    </message>
    <message>
        <source>the token on standard input contains spaces: an access token is one word; nothing was stored</source>
        <translation>el token de la entrada estándar contiene espacios: un token de acceso es una sola palabra; no se guardó nada</translation>
    </message>
    <message>
        <source>the token was not stored: %1</source>
        <translation>no se guardó el token: %1</translation>
    </message>
    <message>
        <source>The access token is stored in the keychain.</source>
        <translation>El token de acceso está guardado en el llavero.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 está definida en este entorno y tiene prioridad sobre el llavero.</translation>
    </message>
    <message>
        <source>the token was not removed: %1</source>
        <translation>no se quitó el token: %1</translation>
    </message>
    <message>
        <source>No access token is stored in the keychain now.</source>
        <translation>Ahora no hay ningún token de acceso guardado en el llavero.</translation>
    </message>
    <message>
        <source>Runs use the token in %1 (it wins over the keychain).</source>
        <translation>Las ejecuciones usan el token de %1 (tiene prioridad sobre el llavero).</translation>
    </message>
    <message>
        <source>The keychain holds an access token.</source>
        <translation>El llavero contiene un token de acceso.</translation>
    </message>
    <message>
        <source>The keychain holds no access token.</source>
        <translation>El llavero no contiene ningún token de acceso.</translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <source>A transaction cannot begin inside another one on %1.</source>
        <translation>Una transacción no puede empezar dentro de otra en %1.</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>No se puede iniciar una transacción: %1</translation>
    </message>
    <message>
        <source>a statement failed inside it, so PostgreSQL rolled it back</source>
        <translation>una instrucción falló dentro de ella, así que PostgreSQL la revirtió</translation>
    </message>
    <message>
        <source>Cannot commit a transaction: %1</source>
        <translation>No se puede confirmar una transacción: %1</translation>
    </message>
</context>
<context>
    <name>TransitionCommand</name>
    <message>
        <source>Pauses a running campaign.</source>
        <translation>Pausa una campaña en curso.</translation>
    </message>
    <message>
        <source>Sets a campaign running (again) so that senders pick up its messages.</source>
        <translation>Pone (de nuevo) una campaña en curso para que los emisores recojan sus mensajes.</translation>
    </message>
    <message>
        <source>Cancels a campaign for good.</source>
        <translation>Cancela una campaña definitivamente.</translation>
    </message>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>El nombre de la campaña (obligatorio).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>Why, shown with the campaign&apos;s status (kept for paused and cancelled campaigns; a running campaign shows none).</source>
        <translation>Por qué; se muestra con el estado de la campaña (se conserva en campañas pausadas y canceladas; una campaña en curso no muestra ninguno).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 → %3.</source>
        <translation>Campaña “%1”: %2 → %3.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
</context>
<context>
    <name>WebhookSignature</name>
    <message>
        <source>No app secret is configured (HERALD_APP_SECRET), so no callback can be checked; nothing is accepted.</source>
        <translation>No hay ningún secreto de la aplicación configurado (HERALD_APP_SECRET), así que no se puede comprobar ninguna notificación; no se acepta nada.</translation>
    </message>
    <message>
        <source>The request has no X-Hub-Signature-256 header.</source>
        <translation>La solicitud no tiene encabezado X-Hub-Signature-256.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header is not &quot;sha256=&quot; followed by 64 hex digits.</source>
        <translation>El encabezado X-Hub-Signature-256 no es &quot;sha256=&quot; seguido de 64 dígitos hexadecimales.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header does not match the body under the configured app secret (a forged or altered request, or another app&apos;s secret).</source>
        <translation>El encabezado X-Hub-Signature-256 no coincide con el cuerpo según el secreto de la aplicación configurado (una solicitud falsificada o alterada, o el secreto de otra aplicación).</translation>
    </message>
</context>
<context>
    <name>WebhooksCommand</name>
    <message>
        <source>no %1: set the environment variable %2 (or store it in the keychain as &quot;%3&quot; of service &quot;%4&quot;); it is never read from the command line, the settings or the database</source>
        <translation>no hay %1: defina la variable de entorno %2 (o guárdelo en el llavero como “%3” del servicio “%4”); nunca se lee de la línea de comandos, de la configuración ni de la base de datos</translation>
    </message>
    <message>
        <source>--listen takes ADDRESS:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), not &quot;%1&quot;</source>
        <translation>--listen admite DIRECCIÓN:PUERTO (p. ej., 127.0.0.1:8080 o [::1]:8080), no “%1”</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 no contiene ningún certificado PEM</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA or EC)</source>
        <translation>%1 no contiene ninguna clave privada PEM sin cifrar (RSA o EC)</translation>
    </message>
    <message>
        <source>serve: the address and port to listen on (default 127.0.0.1:8080, loopback only; give an explicit address such as 0.0.0.0:8080 to expose it).</source>
        <translation>serve: la dirección y el puerto en los que escuchar (predeterminado: 127.0.0.1:8080, solo local; indique una dirección explícita como 0.0.0.0:8080 para exponerlo).</translation>
    </message>
    <message>
        <source>address:port</source>
        <translation>dirección:puerto</translation>
    </message>
    <message>
        <source>serve: a PEM certificate (chain) to speak HTTPS with, with --tls-key.</source>
        <translation>serve: un certificado PEM (o cadena) para usar HTTPS, junto con --tls-key.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>serve: the PEM private key of --tls-cert.</source>
        <translation>serve: la clave privada PEM de --tls-cert.</translation>
    </message>
    <message>
        <source>Receives Meta&apos;s delivery callbacks (serve), or shows whether they arrive (status).</source>
        <translation>Recibe las notificaciones de entrega de Meta (serve) o muestra si llegan (status).</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert y --tls-key se usan juntos</translation>
    </message>
    <message>
        <source>app secret</source>
        <translation>secreto de la aplicación</translation>
    </message>
    <message>
        <source>webhook verify token</source>
        <translation>token de verificación del webhook</translation>
    </message>
    <message>
        <source>Receiving Meta&apos;s webhook callbacks at %1 (Ctrl+C or SIGTERM stops).</source>
        <translation>Recibiendo las notificaciones de webhook de Meta en %1 (Ctrl+C o SIGTERM lo detiene).</translation>
    </message>
    <message>
        <source>herald-cli: webhooks: answered %1 to %2: %3</source>
        <translation>herald-cli: webhooks: se respondió %1 a %2: %3</translation>
    </message>
    <message>
        <source>a client that left</source>
        <translation>un cliente que se desconectó</translation>
    </message>
    <message>
        <source>Stopping: no new connections; finishing the requests in flight.</source>
        <translation>Deteniendo: no se aceptan conexiones nuevas; terminando las solicitudes en tránsito.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 accepted, %3 refused, %4 failed; %5 status callbacks stored.</source>
        <translation>Detenido. %1 solicitudes, %2 aceptadas, %3 rechazadas, %4 fallidas; %5 notificaciones de estado guardadas.</translation>
    </message>
    <message>
        <source>No webhook callback has arrived yet: delivery is not tracked until &apos;herald-cli webhooks serve&apos; runs and Meta&apos;s callback URL points at it.</source>
        <translation>Todavía no ha llegado ninguna notificación de webhook: no se hace seguimiento de la entrega hasta que se ejecute &apos;herald-cli webhooks serve&apos; y la URL de devolución de llamada de Meta apunte a él.</translation>
    </message>
    <message>
        <source>Last callback: %1 UTC</source>
        <translation>Última notificación: %1 UTC</translation>
    </message>
    <message>
        <source>Business number</source>
        <translation>Número empresarial</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Last callback (UTC)</source>
        <translation>Última notificación (UTC)</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Estados</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Aplicados</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Retenidos</translation>
    </message>
    <message>
        <source>Parked callbacks waiting for their message: %1</source>
        <translation>Notificaciones retenidas a la espera de su mensaje: %1</translation>
    </message>
    <message>
        <source>Running campaign</source>
        <translation>Campaña en curso</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregados</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leídos</translation>
    </message>
    <message>
        <source>Failed after send</source>
        <translation>Fallidos tras el envío</translation>
    </message>
    <message>
        <source>What to do:
  serve - runs the receiver at /webhook until SIGTERM or Ctrl+C
  status - the last callback and counts per business number, parked callbacks and the running campaigns&apos; delivered and read
  secret set|clear app-secret|verify-token - stores the secret read from standard input in the keychain, or removes it
serve needs the app secret in %1 and the verify token in %2 (or in the keychain).</source>
        <translation>Qué hacer:
  serve - ejecuta el receptor en /webhook hasta SIGTERM o Ctrl+C
  status - la última notificación y los recuentos por número empresarial, las notificaciones retenidas y los entregados y leídos de las campañas en curso
  secret set|clear app-secret|verify-token - guarda en el llavero el secreto leído de la entrada estándar, o lo quita
serve necesita el secreto de la aplicación en %1 y el token de verificación en %2 (o en el llavero).</translation>
    </message>
    <message>
        <source>webhooks needs an action: serve, status, secret</source>
        <translation>webhooks necesita una acción: serve, status, secret</translation>
    </message>
    <message>
        <source>unknown webhooks action &quot;%1&quot; (known: serve, status, secret)</source>
        <translation>acción de webhooks desconocida “%1” (conocidas: serve, status, secret)</translation>
    </message>
    <message>
        <source>usage: webhooks secret set|clear app-secret|verify-token</source>
        <translation>uso: webhooks secret set|clear app-secret|verify-token</translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of webhooks serve instead.</source>
        <translation>%1 Defina %2 en el entorno de webhooks serve.</translation>
    </message>
    <message>
        <source>the %1 was not removed: %2</source>
        <translation>%1: no se quitó: %2</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain now.</source>
        <translation>%1: ahora no está guardado en el llavero.</translation>
    </message>
    <message>
        <source>%1 (not shown): </source>
        <translation>%1 (no se muestra): </translation>
    </message>
    <message>
        <source>no %1 on standard input (one word, typed when asked or piped in, e.g. &apos;herald-cli webhooks secret set %2 &lt; file&apos;); nothing was stored</source>
        <translation>%1: nada en la entrada estándar (una palabra, escrita cuando se pide o por una tubería, p. ej. «herald-cli webhooks secret set %2 &lt; archivo»); no se guardó nada</translation>
    </message>
    <message>
        <source>the %1 was not stored: %2</source>
        <translation>%1: no se guardó: %2</translation>
    </message>
    <message>
        <source>The %1 is stored in the keychain; webhooks serve reads it there.</source>
        <translation>%1: guardado en el llavero; webhooks serve lo lee allí.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 está definida en este entorno y tiene prioridad sobre el llavero.</translation>
    </message>
</context>
<context>
    <name>WizardPreset</name>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copia)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (copia %2)</translation>
    </message>
    <message>
        <source>The column “%1”, as in the campaign “%2”.</source>
        <translation>La columna “%1”, como en la campaña “%2”.</translation>
    </message>
    <message>
        <source>This file has no column “%1”, which held the numbers in “%2”.</source>
        <translation>Este archivo no tiene la columna “%1”, que contenía los números en “%2”.</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Ninguna columna parece contener números de teléfono: elija la que los contiene.</translation>
    </message>
    <message>
        <source>Choose the column that holds them.</source>
        <translation>Elija la columna que los contiene.</translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message>
        <source>How the consoles list this worker (default: the host&apos;s name).</source>
        <translation>Cómo muestran las consolas este worker (por defecto: el nombre del equipo).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>A campaign this worker may send, by name; repeat it for several. &quot;all&quot; (the default) takes every campaign, those created later included.</source>
        <translation>Una campaña que este worker puede enviar, por nombre; repítalo para varias. «all» (por defecto) toma todas las campañas, también las creadas después.</translation>
    </message>
    <message>
        <source>all|name</source>
        <translation>all|nombre</translation>
    </message>
    <message>
        <source>Sends every running campaign until stopped, with other workers on the same database; SIGTERM drains and leaves every campaign as it was.</source>
        <translation>Envía cada campaña en curso hasta que se detiene, junto con otros workers de la misma base de datos; SIGTERM lo vacía y deja cada campaña como estaba.</translation>
    </message>
    <message>
        <source>--name must be 1 to %1 printable characters</source>
        <translation>--name debe tener de 1 a %1 caracteres imprimibles</translation>
    </message>
    <message>
        <source>--campaigns needs a campaign&apos;s name, or all</source>
        <translation>--campaigns necesita el nombre de una campaña, o all</translation>
    </message>
    <message>
        <source>--campaigns all takes every campaign; name no others with it</source>
        <translation>--campaigns all toma todas las campañas; no nombre otras junto a él</translation>
    </message>
</context>
<context>
    <name>herald</name>
    <message>
        <source>The template has a location header, which Herald cannot fill yet.</source>
        <translation>La plantilla tiene un encabezado de ubicación, que Herald aún no puede rellenar.</translation>
    </message>
    <message>
        <source>The template&apos;s header has the unknown format &quot;%1&quot;.</source>
        <translation>El encabezado de la plantilla tiene el formato desconocido “%1”.</translation>
    </message>
    <message>
        <source>The template&apos;s text header has %1 variables; Meta allows one.</source>
        <translation>El encabezado de texto de la plantilla tiene %1 variables; Meta permite una.</translation>
    </message>
    <message>
        <source>Button %1 is a copy-code (coupon) button, which Herald cannot fill yet.</source>
        <translation>El botón %1 es un botón de copiar código (cupón), que Herald aún no puede rellenar.</translation>
    </message>
    <message>
        <source>%1 is %2 characters long; Herald reads templates with texts of at most %3 characters.</source>
        <translation>%1 tiene %2 caracteres; Herald lee plantillas con textos de %3 caracteres como máximo.</translation>
    </message>
    <message>
        <source>The template&apos;s header</source>
        <translation>El encabezado de la plantilla</translation>
    </message>
    <message>
        <source>The template has %1 buttons; Meta allows at most %2.</source>
        <translation>La plantilla tiene %1 botones; Meta permite %2 como máximo.</translation>
    </message>
    <message>
        <source>The text of button %1</source>
        <translation>El texto del botón %1</translation>
    </message>
    <message>
        <source>The URL of button %1</source>
        <translation>La URL del botón %1</translation>
    </message>
</context>
<context>
    <name>herald::CampaignStore</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Una campaña necesita un nombre.</translation>
    </message>
    <message>
        <source>A campaign needs a template name and a language code (for example en_US).</source>
        <translation>Una campaña necesita un nombre de plantilla y un código de idioma (por ejemplo en_US).</translation>
    </message>
    <message>
        <source>A campaign named &quot;%1&quot; already exists.</source>
        <translation>Ya existe una campaña llamada “%1”.</translation>
    </message>
    <message>
        <source>There is no campaign named &quot;%1&quot;.</source>
        <translation>No hay ninguna campaña llamada “%1”.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>No hay ninguna campaña con el ID %1.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2.</source>
        <translation>Campaña “%1”: %2.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>La campaña “%1” no tiene destinatarios: importe contactos primero.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>A la campaña “%1” no le queda nada por enviar.</translation>
    </message>
    <message>
        <source>The rate ceiling must be more than 0 messages per second; leave it empty for the phone number&apos;s own limit.</source>
        <translation>El máximo de velocidad debe ser mayor que 0 mensajes por segundo; déjelo vacío para usar el límite propio del número de teléfono.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be edited.</source>
        <translation>La campaña “%1” está en estado “%2”: solo se puede editar un borrador.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be replaced.</source>
        <translation>La campaña “%1” está en estado “%2”: solo se puede reemplazar un borrador.</translation>
    </message>
    <message>
        <source>A campaign name must be valid Unicode text; this one contains a broken character (an unpaired UTF-16 surrogate).</source>
        <translation>El nombre de una campaña debe ser texto Unicode válido; este contiene un carácter dañado (un sustituto UTF-16 sin pareja).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain a NUL character (U+0000).</source>
        <translation>El nombre de una campaña no puede contener un carácter NUL (U+0000).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain control characters such as line breaks or tabs (found %1).</source>
        <translation>El nombre de una campaña no puede contener caracteres de control como saltos de línea o tabulaciones (se encontró %1).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain U+FFFD (�): it stands for bytes that were not valid UTF-8, so the name was not what was typed. Type it again in UTF-8.</source>
        <translation>El nombre de una campaña no puede contener U+FFFD (�): representa bytes que no eran UTF-8 válido, así que el nombre no es el que se escribió. Escríbalo de nuevo en UTF-8.</translation>
    </message>
    <message>
        <source>A campaign name can have at most %1 characters; this one has %2.</source>
        <translation>El nombre de una campaña puede tener %1 caracteres como máximo; este tiene %2.</translation>
    </message>
    <message>
        <source>A campaign sends from one phone number or from a pool, not both.</source>
        <translation>Una campaña envía desde un número de teléfono o desde un grupo, no ambos.</translation>
    </message>
</context>
<context>
    <name>herald::Database</name>
    <message>
        <source>open the database</source>
        <translation>abrir la base de datos</translation>
    </message>
    <message>
        <source>SQLite is not available</source>
        <translation>SQLite no está disponible</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>el controlador SQLite de Qt (QSQLITE) no está instalado</translation>
    </message>
    <message>
        <source>Cannot create the database folder</source>
        <translation>No se puede crear la carpeta de la base de datos</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>No se puede abrir la base de datos</translation>
    </message>
    <message>
        <source>This file is not a usable Herald database</source>
        <translation>Este archivo no es una base de datos de Herald utilizable</translation>
    </message>
    <message>
        <source>The database file or its folder is read-only</source>
        <translation>El archivo de la base de datos o su carpeta es de solo lectura</translation>
    </message>
    <message>
        <source>Cannot configure the database</source>
        <translation>No se puede configurar la base de datos</translation>
    </message>
    <message>
        <source>PostgreSQL is not available</source>
        <translation>PostgreSQL no está disponible</translation>
    </message>
    <message>
        <source>the Qt PostgreSQL driver (QPSQL) is not installed; on Debian/Ubuntu install libqt6sql6-psql</source>
        <translation>el controlador PostgreSQL de Qt (QPSQL) no está instalado; en Debian/Ubuntu instale libqt6sql6-psql</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL</source>
        <translation>No se puede conectar con PostgreSQL</translation>
    </message>
    <message>
        <source>Cannot configure the PostgreSQL session</source>
        <translation>No se puede configurar la sesión de PostgreSQL</translation>
    </message>
    <message>
        <source>Refused to %1 on the user-interface thread: the console runs every database statement on its data thread, so that the window never waits.</source>
        <translation>Se rechazó %1 en el hilo de la interfaz de usuario: la consola ejecuta cada instrucción de base de datos en su hilo de datos, para que la ventana nunca espere.</translation>
    </message>
    <message>
        <source>run a statement</source>
        <translation>ejecutar una instrucción</translation>
    </message>
    <message>
        <source>Database statement could not be prepared: %1
Statement: %2</source>
        <translation>No se pudo preparar la instrucción de base de datos: %1
Instrucción: %2</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Error en la instrucción de base de datos: %1
Instrucción: %2</translation>
    </message>
    <message>
        <source>Database statement returned no row: %1</source>
        <translation>La instrucción de base de datos no devolvió ninguna fila: %1</translation>
    </message>
    <message>
        <source>another program holds the database&apos;s write lock</source>
        <translation>otro programa tiene el bloqueo de escritura de la base de datos</translation>
    </message>
    <message>
        <source>the disk holding the database is full</source>
        <translation>el disco de la base de datos está lleno</translation>
    </message>
    <message>
        <source>the connection to the database server was lost</source>
        <translation>se perdió la conexión con el servidor de base de datos</translation>
    </message>
    <message>
        <source>the database failed</source>
        <translation>la base de datos falló</translation>
    </message>
    <message>
        <source>the database server is out of memory</source>
        <translation>el servidor de base de datos se quedó sin memoria</translation>
    </message>
    <message>
        <source>another transaction conflicted with the sender&apos;s (a deadlock or serialization failure)</source>
        <translation>otra transacción entró en conflicto con la del emisor (un interbloqueo o un fallo de serialización)</translation>
    </message>
</context>
<context>
    <name>herald::DatabaseConfig</name>
    <message>
        <source>Unsupported database address &quot;%1&quot;: use a file path for SQLite or postgresql://user:password@host:port/database for PostgreSQL.</source>
        <translation>Dirección de base de datos no admitida “%1”: use una ruta de archivo para SQLite o postgresql://usuario:contraseña@host:puerto/basededatos para PostgreSQL.</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: expected postgresql://user:password@host:port/database.</source>
        <translation>URL de PostgreSQL mal formada: se esperaba postgresql://usuario:contraseña@host:puerto/basededatos.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database: add /database after host:port.</source>
        <translation>La URL de PostgreSQL no indica ninguna base de datos: añada /basededatos después de host:puerto.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no user: write postgresql://user:password@host:port/database.</source>
        <translation>La URL de PostgreSQL no indica ningún usuario: escriba postgresql://usuario:contraseña@host:puerto/basededatos.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL has an option that is not a libpq option name: &quot;%1&quot;.</source>
        <translation>La URL de PostgreSQL tiene una opción que no es un nombre de opción de libpq: “%1”.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL option %1 cannot contain &quot;;&quot;.</source>
        <translation>La opción %1 de la URL de PostgreSQL no puede contener “;”.</translation>
    </message>
</context>
<context>
    <name>herald::Migrator</name>
    <message>
        <source>Migration %1 is missing from this build</source>
        <translation>Falta la migración %1 en esta compilación</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3
Statement: %4</source>
        <translation>Error en la migración %1 (%2): %3
Instrucción: %4</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this Herald understands (up to %3). Install a newer Herald; nothing was changed.</source>
        <translation>La base de datos %1 tiene la versión de esquema %2, más reciente que la que entiende este Herald (hasta %3). Instale un Herald más reciente; no se cambió nada.</translation>
    </message>
</context>
<context>
    <name>herald::NumberHealthCheck</name>
    <message>
        <source>The answer about %1 was larger than %2 bytes; it is not Graph API&apos;s.</source>
        <translation>La respuesta sobre %1 superó los %2 bytes; no es de la Graph API.</translation>
    </message>
    <message>
        <source>Graph API&apos;s answer about %1 cannot be read: %2.</source>
        <translation>La respuesta de la Graph API sobre %1 no se puede leer: %2.</translation>
    </message>
    <message>
        <source>Graph API could not be reached at %1: %2</source>
        <translation>No se pudo conectar con la Graph API en %1: %2</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1).</source>
        <translation>Meta rechazó el token de acceso (%1).</translation>
    </message>
    <message>
        <source>Meta did not tell the health of %1 (%2): the token may lack the whatsapp_business_management permission, the ID may belong to another account, or the API version may not offer these fields.</source>
        <translation>Meta no informó del estado de %1 (%2): puede que al token le falte el permiso whatsapp_business_management, que el ID pertenezca a otra cuenta o que la versión de la API no ofrezca estos campos.</translation>
    </message>
</context>
<context>
    <name>herald::PhoneNumberHealth</name>
    <message>
        <source>Meta rates this number&apos;s quality low (red): a campaign now risks the template being paused and the number&apos;s limit lowered.</source>
        <translation>Meta califica la calidad de este número como baja (rojo): ahora una campaña corre el riesgo de que se pause la plantilla y se reduzca el límite del número.</translation>
    </message>
    <message>
        <source>Meta rates this number&apos;s quality medium (yellow): watch the blocks and reports of this campaign.</source>
        <translation>Meta califica la calidad de este número como media (amarillo): vigile los bloqueos y denuncias de esta campaña.</translation>
    </message>
    <message>
        <source>Meta reports the number as %1: messages may be refused.</source>
        <translation>Meta indica el estado %1 para el número: es posible que se rechacen mensajes.</translation>
    </message>
    <message>
        <source>The account may message %1 different customers in 24 hours (%2), fewer than this campaign&apos;s %3: the rest will fail until the limit renews.</source>
        <translation>La cuenta puede enviar mensajes a %1 clientes distintos en 24 horas (%2), menos que los %3 de esta campaña: el resto fallará hasta que se renueve el límite.</translation>
    </message>
</context>
<context>
    <name>herald::QueueEngine</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>La campaña “%1” está en estado “%2”: cree una campaña nueva para estos contactos.</translation>
    </message>
    <message>
        <source>Queueing recipients returned no result.</source>
        <translation>Poner en cola a los destinatarios no devolvió ningún resultado.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>No hay ninguna campaña con el ID %1.</translation>
    </message>
    <message>
        <source>The recipient is on the opt-out list; the message was not sent.</source>
        <translation>El destinatario está en la lista de bajas; el mensaje no se envió.</translation>
    </message>
    <message>
        <source>its lease expired (the sender stopped answering)</source>
        <translation>caducó su reserva (el emisor dejó de responder)</translation>
    </message>
    <message>
        <source>sender %1 stopped</source>
        <translation>se detuvo el emisor %1</translation>
    </message>
    <message>
        <source>The message was in flight when %1; Meta may or may not have received it. Resend it if it did not arrive.</source>
        <translation>El mensaje estaba en tránsito cuando %1; Meta puede haberlo recibido o no. Reenvíelo si no llegó.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is cancelled: nothing can be resent.</source>
        <translation>La campaña “%1” está cancelada: no se puede reenviar nada.</translation>
    </message>
</context>
<context>
    <name>herald::Reader</name>
    <message>
        <source>&quot;%1&quot; is not a string</source>
        <translation>“%1” no es una cadena</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters</source>
        <translation>“%1” tiene más de %2 caracteres</translation>
    </message>
    <message>
        <source>a status that is not an object</source>
        <translation>un estado que no es un objeto</translation>
    </message>
    <message>
        <source>a status without a message id</source>
        <translation>un estado sin ID de mensaje</translation>
    </message>
    <message>
        <source>the status &quot;%1&quot; is none of sent, delivered, read and failed</source>
        <translation>el estado “%1” no es ninguno de sent, delivered, read y failed</translation>
    </message>
    <message>
        <source>a status without a valid timestamp (Unix seconds)</source>
        <translation>un estado sin una marca de tiempo válida (segundos Unix)</translation>
    </message>
    <message>
        <source>a status containing a NUL character (\u0000)</source>
        <translation>un estado que contiene un carácter NUL (\u0000)</translation>
    </message>
    <message>
        <source>a message without a sender or an id</source>
        <translation>un mensaje sin remitente o sin ID</translation>
    </message>
    <message>
        <source>a message that is not an object</source>
        <translation>un mensaje que no es un objeto</translation>
    </message>
</context>
<context>
    <name>herald::SchemaDoctor</name>
    <message>
        <source>version</source>
        <translation>versión</translation>
    </message>
    <message>
        <source>table</source>
        <translation>tabla</translation>
    </message>
    <message>
        <source>column</source>
        <translation>columna</translation>
    </message>
    <message>
        <source>index</source>
        <translation>índice</translation>
    </message>
    <message>
        <source>trigger</source>
        <translation>disparador</translation>
    </message>
    <message>
        <source>function</source>
        <translation>función</translation>
    </message>
    <message>
        <source>privilege</source>
        <translation>privilegio</translation>
    </message>
    <message>
        <source>the database has no Herald schema; run herald-cli init</source>
        <translation>la base de datos no tiene esquema de Herald; ejecute herald-cli init</translation>
    </message>
    <message>
        <source>schema version %1 is older than this Herald&apos;s %2; run herald-cli init to upgrade</source>
        <translation>la versión de esquema %1 es anterior a la %2 de este Herald; ejecute herald-cli init para actualizarla</translation>
    </message>
    <message>
        <source>schema version %1 is newer than this Herald&apos;s %2; install a newer Herald</source>
        <translation>la versión de esquema %1 es más reciente que la %2 de este Herald; instale un Herald más reciente</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>falta</translation>
    </message>
    <message>
        <source>missing: %1(%2) is needed for %3</source>
        <translation>falta: %1(%2) se necesita para %3</translation>
    </message>
    <message>
        <source>uniqueness</source>
        <translation>unicidad</translation>
    </message>
    <message>
        <source>claiming and counting</source>
        <translation>asignación y recuento</translation>
    </message>
    <message>
        <source>missing or disabled: template category changes go unrecorded</source>
        <translation>falta o está desactivado: los cambios de categoría de las plantillas no se registran</translation>
    </message>
    <message>
        <source>executable by PUBLIC or an anonymous role; revoke it</source>
        <translation>ejecutable por PUBLIC o por un rol anónimo; revoque el permiso</translation>
    </message>
    <message>
        <source>not executable by the application&apos;s role</source>
        <translation>no ejecutable por el rol de la aplicación</translation>
    </message>
    <message>
        <source>wrong signature: found (%1)</source>
        <translation>firma incorrecta: se encontró (%1)</translation>
    </message>
</context>
<context>
    <name>herald::SendWorker</name>
    <message>
        <source>The database schema is incomplete; Herald will not send until it is repaired:
%1</source>
        <translation>El esquema de la base de datos está incompleto; Herald no enviará hasta que se repare:
%1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is already completed.</source>
        <translation>La campaña “%1” ya está completada.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is being sent by %2. Herald sends a campaign from one place at a time; it takes over once that sender has been silent for %3 s.</source>
        <translation>La campaña “%1” la está enviando %2. Herald envía una campaña desde un solo lugar a la vez; toma el relevo cuando ese emisor lleva %3 s sin dar señales.</translation>
    </message>
    <message>
        <source>The database failed: %1</source>
        <translation>Error de la base de datos: %1</translation>
    </message>
    <message>
        <source>%1 of the last %2 messages failed permanently (most often: %3). Check the template and the contact list before resuming.</source>
        <translation>%1 de los últimos %2 mensajes fallaron de forma permanente (lo más frecuente: %3). Compruebe la plantilla y la lista de contactos antes de reanudar.</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>pausada por el usuario</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>cancelada por el usuario</translation>
    </message>
    <message>
        <source>The campaign&apos;s status could not be saved: %1</source>
        <translation>No se pudo guardar el estado de la campaña: %1</translation>
    </message>
    <message>
        <source>Sending stopped: %1 (for %2 s; the sender waits up to %3 s). Send the campaign again once the database is usable: recipients already messaged are not messaged again.
Last error: %4</source>
        <translation>Envío detenido: %1 (durante %2 s; el emisor espera hasta %3 s). Envíe de nuevo la campaña cuando la base de datos se pueda usar: los destinatarios que ya recibieron mensaje no lo reciben otra vez.
Último error: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) from Meta could not be recorded: those recipients end failed &quot;interrupted&quot; when the campaign is sent again, and are never sent to automatically.</source>
        <translation>
            <numerusform>%n respuesta de Meta no se pudo registrar: esos destinatarios quedan fallidos &quot;interrupted&quot; al enviar de nuevo la campaña, y nunca se les envía automáticamente.</numerusform>
            <numerusform>%n respuestas de Meta no se pudieron registrar: esos destinatarios quedan fallidos &quot;interrupted&quot; al enviar de nuevo la campaña, y nunca se les envía automáticamente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Another sender took the campaign over while the database was unreachable.</source>
        <translation>Otro emisor se hizo cargo de la campaña mientras la base de datos no estaba disponible.</translation>
    </message>
    <message>
        <source>The sender lost track of this message while the database was unreachable; it may have been sent.</source>
        <translation>El emisor perdió el rastro de este mensaje mientras la base de datos no estaba disponible; puede que se haya enviado.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2, not running.</source>
        <translation>La campaña «%1» está %2, no en curso.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for phone numbers taken out of the campaign&apos;s pool: %1. Move them to the other numbers (herald-cli campaign reassign), then resume.</source>
        <translation>
            <numerusform>%Ln destinatario espera a números de teléfono sacados del grupo de la campaña: %1. Muévalo a los otros números (herald-cli campaign reassign) y luego reanude.</numerusform>
            <numerusform>%Ln destinatarios esperan a números de teléfono sacados del grupo de la campaña: %1. Muévalos a los otros números (herald-cli campaign reassign) y luego reanude.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports the number as %1 (health checked %2 UTC).</source>
        <translation>Meta informa el número como %1 (estado comprobado %2 UTC).</translation>
    </message>
</context>
<context>
    <name>herald::SenderHost</name>
    <message>
        <source>This campaign is already being sent.</source>
        <translation>Esta campaña ya se está enviando.</translation>
    </message>
    <message>
        <source>Another sender took this campaign over while this one was not heard from.</source>
        <translation>Otro emisor tomó el relevo de esta campaña mientras este no daba señales.</translation>
    </message>
</context>
<context>
    <name>herald::TemplateParser</name>
    <message>
        <source>The template is positional but uses named variables.</source>
        <translation>La plantilla es posicional, pero usa variables con nombre.</translation>
    </message>
    <message>
        <source>The template uses named parameters but has numbered variables.</source>
        <translation>La plantilla usa parámetros con nombre, pero tiene variables numeradas.</translation>
    </message>
    <message>
        <source>The template has %1 components; Herald reads at most %2.</source>
        <translation>La plantilla tiene %1 componentes; Herald lee %2 como máximo.</translation>
    </message>
    <message>
        <source>The template&apos;s body</source>
        <translation>El cuerpo de la plantilla</translation>
    </message>
    <message>
        <source>The template&apos;s footer</source>
        <translation>El pie de la plantilla</translation>
    </message>
</context>
<context>
    <name>herald::TemplateSync</name>
    <message>
        <source>No WhatsApp Business Account ID is set; templates are listed per account. Set it with &apos;config set api.waba_id ID&apos; or --waba-id.</source>
        <translation>No hay ningún ID de cuenta de WhatsApp Business definido; las plantillas se enumeran por cuenta. Defínalo con &apos;config set api.waba_id ID&apos; o --waba-id.</translation>
    </message>
    <message>
        <source>The template sync was cancelled; nothing was stored.</source>
        <translation>Se canceló la sincronización de plantillas; no se guardó nada.</translation>
    </message>
    <message>
        <source>The template list did not end after %1 pages; nothing was stored.</source>
        <translation>La lista de plantillas no terminó después de %1 páginas; no se guardó nada.</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1): it is invalid or has expired. Set a valid token in HERALD_ACCESS_TOKEN and sync again; nothing was stored.</source>
        <translation>Meta rechazó el token de acceso (%1): no es válido o caducó. Defina un token válido en HERALD_ACCESS_TOKEN y vuelva a sincronizar; no se guardó nada.</translation>
    </message>
    <message>
        <source>Could not list the templates at %1: %2. Nothing was stored.</source>
        <translation>No se pudieron obtener las plantillas en %1: %2. No se guardó nada.</translation>
    </message>
    <message>
        <source>Meta refused the template list (%1); nothing was stored.</source>
        <translation>Meta rechazó la lista de plantillas (%1); no se guardó nada.</translation>
    </message>
    <message>
        <source>The template list from %1 is not what Graph API sends (no &quot;data&quot; list); check the API base URL. Nothing was stored.</source>
        <translation>La lista de plantillas de %1 no es lo que envía la Graph API (no hay lista “data”); compruebe la URL base de la API. No se guardó nada.</translation>
    </message>
    <message>
        <source>A listed template without name, language or status was skipped (id %1).</source>
        <translation>Se omitió una plantilla de la lista sin nombre, idioma o estado (ID %1).</translation>
    </message>
    <message>
        <source>The templates could not be stored: %1</source>
        <translation>No se pudieron guardar las plantillas: %1</translation>
    </message>
    <message>
        <source>A page of the template list was larger than %1 bytes (%2 bytes); it was not read and nothing was stored.</source>
        <translation>Una página de la lista de plantillas superaba los %1 bytes (%2 bytes); no se leyó y no se guardó nada.</translation>
    </message>
</context>
<context>
    <name>herald::WebhookPayload</name>
    <message>
        <source>The body has %1 bytes; at most %2 are accepted.</source>
        <translation>El cuerpo tiene %1 bytes; se aceptan como máximo %2.</translation>
    </message>
    <message>
        <source>The body is not JSON (%1 at byte %2).</source>
        <translation>El cuerpo no es JSON (%1 en el byte %2).</translation>
    </message>
    <message>
        <source>The body is not a JSON object.</source>
        <translation>El cuerpo no es un objeto JSON.</translation>
    </message>
    <message>
        <source>The body is not a WhatsApp Business Account notification (&quot;object&quot; is &quot;%1&quot;).</source>
        <translation>El cuerpo no es una notificación de una cuenta de WhatsApp Business (&quot;object&quot; es “%1”).</translation>
    </message>
    <message>
        <source>The body has no &quot;entry&quot; list.</source>
        <translation>El cuerpo no tiene ninguna lista &quot;entry&quot;.</translation>
    </message>
    <message>
        <source>The body holds more than %1 items.</source>
        <translation>El cuerpo contiene más de %1 elementos.</translation>
    </message>
</context>
<context>
    <name>herald::cli::WorkerLoop</name>
    <message>
        <source>the worker could not announce itself: %1</source>
        <translation>el worker no pudo anunciarse: %1</translation>
    </message>
    <message>
        <source>every campaign</source>
        <translation>todas las campañas</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; (%2) started; it sends %3</source>
        <translation>worker «%1» (%2) iniciado; envía %3</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; stopped</source>
        <translation>worker «%1» detenido</translation>
    </message>
    <message>
        <source>the database answers again</source>
        <translation>la base de datos responde de nuevo</translation>
    </message>
    <message>
        <source>the database failed; trying again: %1</source>
        <translation>la base de datos falló; se reintenta: %1</translation>
    </message>
    <message>
        <source>no campaign is named &quot;%1&quot; yet; it is taken once it exists and runs</source>
        <translation>todavía no hay ninguna campaña llamada «%1»; se tomará cuando exista y esté en curso</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; was due and is now running</source>
        <translation>la campaña «%1» llegó a su hora y está en curso</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot be sent: %2</source>
        <translation>la campaña «%1» no se puede enviar: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2</source>
        <translation>campaña «%1»: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: sending, at most %2 messages/s</source>
        <translation>campaña «%1»: enviando, como máximo %2 mensajes/s</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 of %3 sent, %4 failed, %5 messages/s</source>
        <translation>campaña «%1»: %2 de %3 enviados, %4 fallidos, %5 mensajes/s</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 after %3 sent and %4 failed here%5</source>
        <translation>campaña «%1»: %2 tras %3 enviados y %4 fallidos aquí%5</translation>
    </message>
    <message>
        <source>stopping without waiting for the requests in flight</source>
        <translation>deteniendo sin esperar las solicitudes en curso</translation>
    </message>
    <message>
        <source>stopping: recording the answers in flight and releasing held recipients; every campaign keeps its status</source>
        <translation>deteniendo: se registran las respuestas en curso y se liberan los destinatarios retenidos; cada campaña conserva su estado</translation>
    </message>
    <message>
        <source>The worker was stopped; the campaign stays running for the next sender.</source>
        <translation>El worker se detuvo; la campaña sigue en curso para el siguiente remitente.</translation>
    </message>
</context>
<context>
    <name>herald::ui::AboutDialog</name>
    <message>
        <source>About Herald</source>
        <translation>Acerca de Herald</translation>
    </message>
    <message>
        <source>Herald icon</source>
        <translation>Icono de Herald</translation>
    </message>
    <message>
        <source>A campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Una consola de campañas para la WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>Built with Qt %1.</source>
        <translation>Creado con Qt %1.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Carpeta de datos</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Carpeta de registros</translation>
    </message>
    <message>
        <source>Herald is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with ABSOLUTELY NO WARRANTY.</source>
        <translation>Herald es software libre: puede redistribuirlo o modificarlo según los términos de la Licencia Pública General de GNU, versión 3 o (a su elección) cualquier versión posterior. Se distribuye SIN NINGUNA GARANTÍA.</translation>
    </message>
    <message>
        <source>Herald uses these libraries:</source>
        <translation>Herald usa estas bibliotecas:</translation>
    </message>
    <message>
        <source>Qt Charts and Qt HttpServer: GPL-3.0</source>
        <translation>Qt Charts y Qt HttpServer: GPL-3.0</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignActions</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>&amp;New campaign…</source>
        <translation>&amp;Nueva campaña…</translation>
    </message>
    <message>
        <source>Create a campaign from a contact file</source>
        <translation>Crear una campaña a partir de un archivo de contactos</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Start sending the selected campaign</source>
        <translation>Empezar a enviar la campaña seleccionada</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Pause the selected campaign</source>
        <translation>Pausar la campaña seleccionada</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Resume the selected campaign</source>
        <translation>Reanudar la campaña seleccionada</translation>
    </message>
    <message>
        <source>Start or pause</source>
        <translation>Iniciar o pausar</translation>
    </message>
    <message>
        <source>Start, pause or resume the selected campaign</source>
        <translation>Iniciar, pausar o reanudar la campaña seleccionada</translation>
    </message>
    <message>
        <source>&amp;Cancel campaign…</source>
        <translation>Ca&amp;ncelar campaña…</translation>
    </message>
    <message>
        <source>Cancel the selected campaign for good</source>
        <translation>Cancelar definitivamente la campaña seleccionada</translation>
    </message>
    <message>
        <source>Resend &amp;failed…</source>
        <translation>Reenviar &amp;fallidos…</translation>
    </message>
    <message>
        <source>Queue failed messages of chosen reasons again</source>
        <translation>Volver a poner en cola los mensajes fallidos por los motivos elegidos</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>D&amp;uplicar…</translation>
    </message>
    <message>
        <source>A new campaign with this one&apos;s template, mapping and settings, from another file</source>
        <translation>Una campaña nueva con la plantilla, la asignación y la configuración de esta, a partir de otro archivo</translation>
    </message>
    <message>
        <source>Edi&amp;t draft…</source>
        <translation>E&amp;ditar borrador…</translation>
    </message>
    <message>
        <source>Change the draft&apos;s name, rate ceiling or mapping</source>
        <translation>Cambiar el nombre, el máximo de velocidad o la asignación del borrador</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>&amp;Eliminar borrador…</translation>
    </message>
    <message>
        <source>Delete the draft with its recipients</source>
        <translation>Eliminar el borrador con sus destinatarios</translation>
    </message>
    <message>
        <source>U&amp;nschedule</source>
        <translation>Desprogra&amp;mar</translation>
    </message>
    <message>
        <source>Forget the scheduled start: the campaign becomes a draft again</source>
        <translation>Olvidar el inicio programado: la campaña vuelve a ser un borrador</translation>
    </message>
    <message>
        <source>&amp;Add contacts…</source>
        <translation>&amp;Añadir contactos…</translation>
    </message>
    <message>
        <source>Import more contacts into the draft or paused campaign</source>
        <translation>Importar más contactos al borrador o a la campaña en pausa</translation>
    </message>
    <message>
        <source>&amp;Repair counters…</source>
        <translation>Reparar &amp;contadores…</translation>
    </message>
    <message>
        <source>Compare every campaign&apos;s counters with a recount and fix them</source>
        <translation>Comparar los contadores de cada campaña con un nuevo recuento y corregirlos</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>E&amp;xportar resultados…</translation>
    </message>
    <message>
        <source>Save every recipient&apos;s result as a CSV file</source>
        <translation>Guardar el resultado de cada destinatario como archivo CSV</translation>
    </message>
    <message>
        <source>S&amp;ync templates</source>
        <translation>&amp;Sincronizar plantillas</translation>
    </message>
    <message>
        <source>Fetch the message templates from Meta</source>
        <translation>Obtener de Meta las plantillas de mensaje</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>C&amp;onfiguración…</translation>
    </message>
    <message>
        <source>API account, sending, database and language</source>
        <translation>Cuenta de la API, envío, base de datos e idioma</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Read everything again</source>
        <translation>Volver a leerlo todo</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Close Herald</source>
        <translation>Cerrar Herald</translation>
    </message>
    <message>
        <source>&amp;About Herald</source>
        <translation>Acerca &amp;de Herald</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>Versión y licencia</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignDetail</name>
    <message>
        <source>Overview</source>
        <translation>Vista general</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fallos</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>iniciada %1</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>sin iniciar</translation>
    </message>
    <message>
        <source>sent by this window</source>
        <translation>enviada por esta ventana</translation>
    </message>
    <message>
        <source>sent by %1</source>
        <translation>enviada por %1</translation>
    </message>
    <message>
        <source>waiting for a sender</source>
        <translation>esperando un emisor</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenida</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Abrir Configuración…</translation>
    </message>
    <message>
        <source>Sync templates</source>
        <translation>Sincronizar plantillas</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>Completed: %1 sent, %2 failed of %3</source>
        <translation>Completada: %1 enviados, %2 fallidos de %3</translation>
    </message>
    <message>
        <source> in %1 (%2 – %3)</source>
        <translation> en %1 (%2 – %3)</translation>
    </message>
    <message>
        <source>Resend failed…</source>
        <translation>Reenviar fallidos…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelada.</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Cancelada: %1</translation>
    </message>
    <message>
        <source>Select a campaign to see its progress, failures and recipients.</source>
        <translation>Seleccione una campaña para ver su progreso, fallos y destinatarios.</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Números</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignManagement</name>
    <message>
        <source>Delete the draft &quot;%1&quot;?</source>
        <translation>¿Eliminar el borrador “%1”?</translation>
    </message>
    <message numerus="yes">
        <source>The draft and its %n recipient(s) are deleted. Nothing has been sent from it.</source>
        <translation>
            <numerusform>Se eliminan el borrador y su %n destinatario. No se ha enviado nada desde él.</numerusform>
            <numerusform>Se eliminan el borrador y sus %n destinatarios. No se ha enviado nada desde él.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Eliminar borrador</translation>
    </message>
    <message>
        <source>The draft was not deleted</source>
        <translation>No se eliminó el borrador</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer a draft (it was started, scheduled or deleted meanwhile).</source>
        <translation>“%1” ya no es un borrador (mientras tanto se inició, se programó o se eliminó).</translation>
    </message>
    <message>
        <source>Deleted the draft &quot;%1&quot;.</source>
        <translation>Se eliminó el borrador “%1”.</translation>
    </message>
    <message>
        <source>The campaign was not unscheduled</source>
        <translation>No se desprogramó la campaña</translation>
    </message>
    <message>
        <source>Unscheduled &quot;%1&quot;: it is a draft again.</source>
        <translation>Se desprogramó “%1”: vuelve a ser un borrador.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendientes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restante</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Plantilla</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, waiting for a sender</source>
        <translation>%1, esperando un emisor</translation>
    </message>
    <message>
        <source>%1 elsewhere</source>
        <translation>%1 en otro lugar</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sent by this window.</source>
        <translation>Enviada por esta ventana.</translation>
    </message>
    <message>
        <source>Sender: %1</source>
        <translation>Emisor: %1</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed, %3 pending of %4</source>
        <translation>%1 enviados, %2 fallidos, %3 pendientes de %4</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregados</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leídos</translation>
    </message>
    <message>
        <source>Delivery not tracked: no webhook receiver has reported a callback for this campaign&apos;s business number. Run herald-cli webhooks serve behind your web server and subscribe it to the app&apos;s &quot;messages&quot; webhook in Meta&apos;s App Dashboard (see the user guide, Delivery tracking).</source>
        <translation>Entrega sin seguimiento: ningún receptor de webhooks ha informado de una notificación para el número empresarial de esta campaña. Ejecute herald-cli webhooks serve detrás de su servidor web y suscríbalo al webhook &quot;messages&quot; de la aplicación en el panel de aplicaciones de Meta (consulte la guía del usuario, Seguimiento de entregas).</translation>
    </message>
    <message>
        <source>%1 delivered, %2 read of %3 sent</source>
        <translation>%1 entregados, %2 leídos de %3 enviados</translation>
    </message>
    <message>
        <source>%1 failed after sending (see Failures)</source>
        <translation>%1 fallidos tras el envío (consulte Fallos)</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignsPage</name>
    <message>
        <source>Filter campaigns by name…</source>
        <translation>Filtrar campañas por nombre…</translation>
    </message>
    <message>
        <source>Filter campaigns</source>
        <translation>Filtrar campañas</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>herald::ui::ContactsPage</name>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Drop a contact file (CSV) here or choose it. Herald shows how it reads the file; correct the encoding or delimiter if names or columns look wrong.</source>
        <translation>Suelte aquí un archivo de contactos (CSV) o elíjalo. Herald muestra cómo lee el archivo; corrija la codificación o el separador si los nombres o las columnas se ven mal.</translation>
    </message>
    <message>
        <source>No file chosen: drop one here or click Browse…</source>
        <translation>Ningún archivo elegido: suelte uno aquí o haga clic en Examinar…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Detectar</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Coma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Punto y coma ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulador</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>Barra vertical ( | )</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Codificación:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>Se&amp;parador:</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>comas</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>puntos y coma</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>tabuladores</translation>
    </message>
    <message>
        <source>pipes</source>
        <translation>barras verticales</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>%1 It is read as the campaign&apos;s file was: %2. Choose Detect above if this one differs.</source>
        <translation>%1 Se lee igual que el archivo de la campaña: %2. Elija Detectar arriba si este es distinto.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Choose a contact file</source>
        <translation>Elegir un archivo de contactos</translation>
    </message>
    <message>
        <source>Contact files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Archivos de contactos (*.csv *.txt *.tsv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n data row(s)</source>
        <translation>
            <numerusform>%n fila de datos</numerusform>
            <numerusform>%n filas de datos</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 data rows</source>
        <translation>unas %1 filas de datos</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n column(s), %3 · showing the first %4</source>
        <translation>
            <numerusform>%1 · %2 · %n columna, %3 · se muestran las primeras %4</numerusform>
            <numerusform>%1 · %2 · %n columnas, %3 · se muestran las primeras %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Contact file</source>
        <translation>Archivo de contactos</translation>
    </message>
    <message>
        <source>File preview</source>
        <translation>Vista previa del archivo</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostCountryModel</name>
    <message>
        <source>Not priced: %1</source>
        <translation>Sin precio: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>sin precio</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostEstimatePanel</name>
    <message>
        <source>Re-estimate</source>
        <translation>Reestimar</translation>
    </message>
    <message>
        <source>Per country</source>
        <translation>Por país</translation>
    </message>
    <message>
        <source>Count the recipients and price them again with the card in use now; only those still to send while the campaign is running or paused.</source>
        <translation>Contar de nuevo los destinatarios y volver a calcular su precio con la tarifa vigente; mientras la campaña está en curso o en pausa, solo los que quedan por enviar.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Costo estimado:</translation>
    </message>
    <message>
        <source>Reading the estimate…</source>
        <translation>Leyendo la estimación…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Select a campaign to see what sending it costs.</source>
        <translation>Seleccione una campaña para ver cuánto cuesta enviarla.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Estimando…</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>una fecha que Meta no indicó</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 (%4), after the estimate of %5: re-estimated, %6 → %7.</source>
        <translation>Meta cambió la categoría de la plantilla %1 de %2 a %3 (%4), después de la estimación (%5): estimada de nuevo, %6 → %7.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>%1: %2 × %3 = %4</source>
        <translation>%1: %2 × %3 = %4</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) still to send</source>
        <translation>
            <numerusform>%Ln destinatario pendiente de envío</numerusform>
            <numerusform>%Ln destinatarios pendientes de envío</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln destinatario</numerusform>
            <numerusform>%Ln destinatarios</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 — estimated %3 with %4 (effective %5)</source>
        <translation>%1, %2 — estimado %3 con %4 (vigente desde %5)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) not priced and left out of the total (%1).</source>
        <translation>
            <numerusform>%Ln destinatario sin precio, excluido del total (%1).</numerusform>
            <numerusform>%Ln destinatarios sin precio, excluidos del total (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Sin estimación: %1</translation>
    </message>
    <message>
        <source>Herald&apos;s example card: its prices are illustrative, not Meta&apos;s. Import Meta&apos;s card in Settings ▸ Rate cards for a real estimate.</source>
        <translation>Tarifa de ejemplo de Herald: sus precios son ilustrativos, no los de Meta. Importe la tarifa de Meta en Configuración ▸ Tarifas para obtener una estimación real.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostSection</name>
    <message>
        <source>⚠ Example rate card — import your own in Settings for a real estimate.</source>
        <translation>⚠ Tarifa de ejemplo: importe la suya en Configuración para obtener una estimación real.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Costo estimado:</translation>
    </message>
    <message>
        <source>Rate card:</source>
        <translation>Tarifa:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>The estimate follows the import.</source>
        <translation>La estimación se hará después de la importación.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Estimando…</translation>
    </message>
    <message>
        <source>No cost estimate: %1</source>
        <translation>Sin estimación de costo: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 for %Ln recipient(s) (%2 messages)</source>
        <translation>
            <numerusform>%1 para %Ln destinatario (mensajes %2)</numerusform>
            <numerusform>%1 para %Ln destinatarios (mensajes %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, vigente desde %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in countries this card does not price, left out of the total.</source>
        <translation>
            <numerusform>%Ln destinatario en un país que esta tarifa no cubre, excluido del total.</numerusform>
            <numerusform>%Ln destinatarios en países que esta tarifa no cubre, excluidos del total.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta charges delivered messages only, so this is the most these recipients cost.</source>
        <translation>Meta solo cobra los mensajes entregados, así que esto es lo máximo que cuestan estos destinatarios.</translation>
    </message>
    <message>
        <source>Cost by country</source>
        <translation>Costo por país</translation>
    </message>
</context>
<context>
    <name>herald::ui::Credentials</name>
    <message>
        <source>No access token is set. Enter it in Settings; Herald keeps it in the operating system&apos;s keychain.</source>
        <translation>No hay ningún token de acceso definido. Introdúzcalo en Configuración; Herald lo guarda en el llavero del sistema operativo.</translation>
    </message>
    <message>
        <source>No access token is available: %1 Enter the token in Settings and keep it for this session only, or set %2.</source>
        <translation>No hay ningún token de acceso disponible: %1 Introduzca el token en Configuración y consérvelo solo para esta sesión, o defina %2.</translation>
    </message>
    <message>
        <source>The token was not stored: %1</source>
        <translation>No se guardó el token: %1</translation>
    </message>
    <message>
        <source>The token was not removed: %1</source>
        <translation>No se eliminó el token: %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryModel</name>
    <message>
        <source>%1 campaigns</source>
        <translation>%1 campañas</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed</source>
        <translation>%1: %2 enviados, %3 fallidos</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Día (UTC)</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Failed share</source>
        <translation>Tasa de fallos</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregados</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leídos</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryPage</name>
    <message>
        <source>Messages per day</source>
        <translation>Mensajes por día</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas las campañas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>All history</source>
        <translation>Todo el historial</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Campaña:</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>The daily summary cannot be read: %1</source>
        <translation>No se puede leer el resumen diario: %1</translation>
    </message>
    <message>
        <source>all campaigns</source>
        <translation>todas las campañas</translation>
    </message>
    <message>
        <source>Messages %1, %2 (UTC days)</source>
        <translation>Mensajes %1, %2 (días UTC)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
    <message>
        <source>No messages were sent or failed in this range.</source>
        <translation>No se enviaron ni fallaron mensajes en este periodo.</translation>
    </message>
    <message>
        <source>In this range: %1 sent, %2 failed (%3 of the messages finished).</source>
        <translation>En este periodo: %1 enviados, %2 fallidos (el %3 de los mensajes finalizados).</translation>
    </message>
    <message>
        <source>Chart of the messages sent and failed each day; the table beside it holds the same figures.</source>
        <translation>Gráfico de los mensajes enviados y fallidos de cada día; la tabla de al lado contiene las mismas cifras.</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Resumen diario</translation>
    </message>
</context>
<context>
    <name>herald::ui::DatabaseSection</name>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Embedded (a SQLite file on this computer)</source>
        <translation>Integrada (un archivo SQLite en este equipo)</translation>
    </message>
    <message>
        <source>PostgreSQL server (shared by several consoles and workers)</source>
        <translation>Servidor PostgreSQL (compartido por varias consolas y procesos de trabajo)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Probar conexión</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in the settings file.</source>
        <translation>Se guarda en el llavero del sistema operativo, nunca en el archivo de configuración.</translation>
    </message>
    <message>
        <source>Open now: %1. A change here takes effect when Herald is restarted.</source>
        <translation>Abierta ahora: %1. Un cambio aquí se aplica al reiniciar Herald.</translation>
    </message>
    <message>
        <source>HERALD_DB is set in this environment and wins over the choice here.</source>
        <translation>HERALD_DB está definida en este entorno y prevalece sobre la elección de aquí.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Archivo:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
    <message>
        <source>Stored in the keychain; type to replace it</source>
        <translation>Guardada en el llavero; escriba para reemplazarla</translation>
    </message>
    <message>
        <source>None, or type it</source>
        <translation>Ninguna, o escríbala</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address: postgresql://user@host:5432/database.</source>
        <translation>Introduzca la dirección del servidor: postgresql://usuario@host:5432/basededatos.</translation>
    </message>
    <message>
        <source>A PostgreSQL address starts with postgresql://, e.g. postgresql://user@host:5432/database.</source>
        <translation>Una dirección de PostgreSQL empieza por postgresql://, p. ej. postgresql://usuario@host:5432/basededatos.</translation>
    </message>
    <message>
        <source>%1 is a folder: name a file in it, e.g. %2.</source>
        <translation>%1 es una carpeta: indique un archivo dentro de ella, p. ej. %2.</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Archivo de base de datos</translation>
    </message>
    <message>
        <source>Herald databases (*.db);;All files (*)</source>
        <translation>Bases de datos de Herald (*.db);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
</context>
<context>
    <name>herald::ui::DeliveryFunnel</name>
    <message>
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <source>Delivery funnel</source>
        <translation>Embudo de entrega</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Enviados: %1</translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation>Entregados: %1</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Leídos: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fallidos: %1</translation>
    </message>
    <message>
        <source>Failed later: %1</source>
        <translation>Fallidos después: %1</translation>
    </message>
    <message>
        <source>Delivery not tracked</source>
        <translation>Entrega sin seguimiento</translation>
    </message>
    <message>
        <source>No delivery callback for this campaign&apos;s number since %1: is the webhook receiver running?</source>
        <translation>No hay notificaciones de entrega para el número de esta campaña desde %1: ¿está en ejecución el receptor de webhooks?</translation>
    </message>
    <message>
        <source>Delivery tracked — last callback %1</source>
        <translation>Entrega con seguimiento — última notificación %1</translation>
    </message>
    <message>
        <source>Meta reports delivered, read and late failures to the webhook receiver (herald-cli webhooks serve); herald-cli webhooks status shows what it received.</source>
        <translation>Meta comunica las entregas, las lecturas y los fallos posteriores al receptor de webhooks (herald-cli webhooks serve); herald-cli webhooks status muestra lo que ha recibido.</translation>
    </message>
</context>
<context>
    <name>herald::ui::DemoSession</name>
    <message>
        <source>The built-in simulator could not start: %1</source>
        <translation>No se pudo iniciar el simulador integrado: %1</translation>
    </message>
    <message>
        <source>The simulator&apos;s templates could not be synced: %1</source>
        <translation>No se pudieron sincronizar las plantillas del simulador: %1</translation>
    </message>
    <message>
        <source>Demo %1</source>
        <translation>Demo %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::EditDraftDialog</name>
    <message>
        <source>Change &amp;mapping…</source>
        <translation>Cambiar &amp;asignación…</translation>
    </message>
    <message>
        <source>Edit draft “%1”</source>
        <translation>Editar borrador “%1”</translation>
    </message>
    <message>
        <source>the number&apos;s own limit</source>
        <translation>límite del número</translation>
    </message>
    <message>
        <source>messages per second at most</source>
        <translation>mensajes por segundo como máximo</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) · %Ln recipient(s)</source>
        <translation>
            <numerusform>%1 (%2) · %Ln destinatario</numerusform>
            <numerusform>%1 (%2) · %Ln destinatarios</numerusform>
        </translation>
    </message>
    <message>
        <source>Fill the template&apos;s variables differently. Herald asks for the contact file again and imports it into a new draft, which replaces this one (same name) when you finish; until then this draft stays as it is.</source>
        <translation>Rellenar las variables de la plantilla de otra manera. Herald vuelve a pedir el archivo de contactos y lo importa en un borrador nuevo, que reemplaza a este (con el mismo nombre) al terminar; hasta entonces este borrador se queda como está.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Rate ceiling:</source>
        <translation>&amp;Velocidad máxima:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Mensaje:</translation>
    </message>
    <message>
        <source>The rate ceiling is a number of messages per second, e.g. 20 or 2.5; leave it empty for the phone number&apos;s own limit.</source>
        <translation>La velocidad máxima es un número de mensajes por segundo, p. ej. 20 o 2.5; déjela vacía para usar el límite propio del número de teléfono.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ErasePersonAction</name>
    <message>
        <source>&amp;Erase a Person&apos;s Data…</source>
        <translation>&amp;Borrar los datos de una persona…</translation>
    </message>
    <message>
        <source>Removes one person&apos;s number, name and parameters from every campaign, keeping the counts</source>
        <translation>Borra el número, el nombre y los parámetros de una persona de todas las campañas, conservando los recuentos</translation>
    </message>
    <message>
        <source>Erase a Person&apos;s Data</source>
        <translation>Borrar los datos de una persona</translation>
    </message>
    <message>
        <source>The person&apos;s phone number, as written in your contact files.
With its country code, or as written in the default region of Settings ▸ Sending:</source>
        <translation>El teléfono de la persona, como figura en sus archivos de contactos.
Con código de país, o como se escribe en la región predeterminada de Configuración ▸ Envío:</translation>
    </message>
    <message>
        <source>Nothing Was Erased</source>
        <translation>No se borró nada</translation>
    </message>
    <message>
        <source>The database could not be read: %1</source>
        <translation>No se pudo leer la base de datos: %1</translation>
    </message>
    <message>
        <source>Write the number with its country code (+49 …), or set the default region in Settings ▸ Sending.</source>
        <translation>Escriba el número con su código de país (+34 …) o defina la región predeterminada en Configuración ▸ Envío.</translation>
    </message>
    <message>
        <source>Not a Phone Number</source>
        <translation>No es un número de teléfono</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>No se borró nada.</translation>
    </message>
    <message>
        <source>Also put %1 on the opt-out list, so that no later import or campaign messages this person? The list keeps only the number.</source>
        <translation>¿Poner también %1 en la lista de bajas, para que ninguna importación o campaña posterior le envíe mensajes? La lista solo guarda el número.</translation>
    </message>
    <message>
        <source>Add to Opt-outs</source>
        <translation>Añadir a bajas</translation>
    </message>
    <message>
        <source>Don&apos;t Add</source>
        <translation>No añadir</translation>
    </message>
    <message>
        <source>The number will be added to the opt-out list.</source>
        <translation>El número se añadirá a la lista de bajas.</translation>
    </message>
    <message>
        <source>The opt-out list will not be changed.</source>
        <translation>La lista de bajas no cambiará.</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>¿Borrar %1?</translation>
    </message>
    <message>
        <source>The number, name and template parameters of %1 will be removed from every campaign. The campaigns keep their counts; messages still waiting for this number will not be sent. %2</source>
        <translation>El número, el nombre y los parámetros de plantilla de %1 se borrarán de todas las campañas. Las campañas conservan sus recuentos; los mensajes aún en espera para este número no se enviarán. %2</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Esto no se puede deshacer.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>%1 is in no campaign: there was nothing to erase.</source>
        <translation>%1 no está en ninguna campaña: no había nada que borrar.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaña</numerusform>
            <numerusform>%n campañas</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the number, name and parameters of %1 from %2 in %3. The campaigns&apos; counts are unchanged.</source>
        <translation>Se borraron el número, el nombre y los parámetros de %1 de %2 en %3. Los recuentos de las campañas no cambian.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting for this number will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n mensaje en espera para este número no se enviará (fallido, motivo &quot;erased&quot;).</numerusform>
            <numerusform>%n mensajes en espera para este número no se enviarán (fallidos, motivo &quot;erased&quot;).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 está ahora en la lista de bajas.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list.</source>
        <translation>%1 sigue en la lista de bajas.</translation>
    </message>
    <message>
        <source>Personal Data Erased</source>
        <translation>Datos personales borrados</translation>
    </message>
</context>
<context>
    <name>herald::ui::FailuresModel</name>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Qué significa</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>(no reason)</source>
        <translation>(sin motivo)</translation>
    </message>
    <message>
        <source>Herald has no explanation for this reason.</source>
        <translation>Herald no tiene ninguna explicación para este motivo.</translation>
    </message>
    <message>
        <source>Read the error details of its recipients.</source>
        <translation>Lea los detalles del error de sus destinatarios.</translation>
    </message>
    <message>
        <source>WhatsApp accepted these messages, then reported by webhook that they could not be delivered. They count as sent, and as failed after sending.</source>
        <translation>WhatsApp aceptó estos mensajes y luego informó por webhook de que no se pudieron entregar. Cuentan como enviados y como fallidos tras el envío.</translation>
    </message>
    <message>
        <source>%1, after sending</source>
        <translation>%1, tras el envío</translation>
    </message>
</context>
<context>
    <name>herald::ui::FailuresView</name>
    <message>
        <source>Resend…</source>
        <translation>Reenviar…</translation>
    </message>
    <message>
        <source>Queue the messages that failed for the selected reasons again.</source>
        <translation>Volver a poner en cola los mensajes que fallaron por los motivos seleccionados.</translation>
    </message>
    <message>
        <source>The failures could not be read: %1</source>
        <translation>No se pudieron leer los fallos: %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Leyendo los fallos…</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Ningún mensaje de esta campaña ha fallado.</translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation>Fallos por motivo</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages: %1, for %n reason(s). Select a reason to list its recipients under Recipients, or reasons to resend.</source>
        <translation>
            <numerusform>Mensajes fallidos: %1, por %n motivo. Seleccione un motivo para ver sus destinatarios en Destinatarios, o motivos para reenviar.</numerusform>
            <numerusform>Mensajes fallidos: %1, por %n motivos. Seleccione un motivo para ver sus destinatarios en Destinatarios, o motivos para reenviar.</numerusform>
        </translation>
    </message>
    <message>
        <source>No message of this campaign has failed when sent.</source>
        <translation>Ningún mensaje de esta campaña falló al enviarse.</translation>
    </message>
    <message>
        <source>Failed after sending: %1 (WhatsApp accepted them, then reported by webhook that they could not be delivered).</source>
        <translation>Fallidos tras el envío: %1 (WhatsApp los aceptó y luego informó por webhook de que no se pudieron entregar).</translation>
    </message>
</context>
<context>
    <name>herald::ui::FrequencyCapSection</name>
    <message>
        <source>Skip recipients any campaign &amp;messaged in the last</source>
        <translation>Omitir destinatarios a los que una campaña envió &amp;mensajes en los últimos</translation>
    </message>
    <message>
        <source>Messaged recently (skipped):</source>
        <translation>Con mensajes recientes (omitidos):</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>contando…</translation>
    </message>
    <message>
        <source>— (off)</source>
        <translation>— (desactivado)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (messaged by another campaign in the last %n day(s))</source>
        <translation>
            <numerusform>%1 (con mensajes de otra campaña en el plazo de %n día)</numerusform>
            <numerusform>%1 (con mensajes de otra campaña en los últimos %n días)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::HelpMenu</name>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guía del usuario</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <source>Show &amp;log folder</source>
        <translation>Mostrar carpeta de &amp;registros</translation>
    </message>
    <message>
        <source>How to use Herald, step by step</source>
        <translation>Cómo usar Herald, paso a paso</translation>
    </message>
    <message>
        <source>Every action and its shortcut</source>
        <translation>Cada acción y su atajo</translation>
    </message>
    <message>
        <source>Open the folder with Herald&apos;s daily log files</source>
        <translation>Abrir la carpeta con los archivos de registro diarios de Herald</translation>
    </message>
    <message>
        <source>User guide not installed</source>
        <translation>Guía del usuario no instalada</translation>
    </message>
    <message>
        <source>The user guide was not found on this computer, so it opens in your web browser instead:
%1</source>
        <translation>No se encontró la guía del usuario en este equipo, así que se abre en su navegador web:
%1</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Carpeta de registros</translation>
    </message>
    <message>
        <source>The log folder could not be opened. Herald writes its logs to:
%1</source>
        <translation>No se pudo abrir la carpeta de registros. Herald escribe sus registros en:
%1</translation>
    </message>
</context>
<context>
    <name>herald::ui::InterruptedNotice</name>
    <message>
        <source>Review interrupted…</source>
        <translation>Revisar interrumpidos…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Opens the Resend dialog with these messages; nothing is sent until you confirm.</source>
        <translation>Abre el cuadro de diálogo Reenviar con estos mensajes; no se envía nada hasta que usted confirme.</translation>
    </message>
    <message>
        <source>Interrupted messages</source>
        <translation>Mensajes interrumpidos</translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages of “%1” were in flight: %n message(s) became &quot;interrupted&quot;.</source>
        <translation>
            <numerusform>Herald u otro emisor se detuvo mientras había mensajes de “%1” en tránsito: %n mensaje pasó a estar &quot;interrumpido&quot;.</numerusform>
            <numerusform>Herald u otro emisor se detuvo mientras había mensajes de “%1” en tránsito: %n mensajes pasaron a estar &quot;interrumpidos&quot;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s)</source>
        <translation>
            <numerusform>“%1”: %n mensaje</numerusform>
            <numerusform>“%1”: %n mensajes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more campaign(s)</source>
        <translation>
            <numerusform>%n campaña más</numerusform>
            <numerusform>%n campañas más</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages were in flight. %n message(s) became &quot;interrupted&quot;: %1.</source>
        <translation>
            <numerusform>Herald u otro emisor se detuvo mientras había mensajes en tránsito. %n mensaje pasó a estar &quot;interrumpido&quot;: %1.</numerusform>
            <numerusform>Herald u otro emisor se detuvo mientras había mensajes en tránsito. %n mensajes pasaron a estar &quot;interrumpidos&quot;: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta may have delivered some of them, so they are not resent by themselves. Review them and resend only if they did not arrive.</source>
        <translation>Meta puede haber entregado algunos, así que no se reenvían solos. Revíselos y reenvíe solo los que no hayan llegado.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n interrupted)</source>
        <translation>
            <numerusform>%1 (%n interrumpido)</numerusform>
            <numerusform>%1 (%n interrumpidos)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::MainWindow</name>
    <message>
        <source>Herald</source>
        <translation>Herald</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Resumen diario</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Bajas</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation>&amp;Campaña</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation>No se puede leer la base de datos: %1</translation>
    </message>
    <message>
        <source>The campaign could not start</source>
        <translation>No se pudo iniciar la campaña</translation>
    </message>
    <message>
        <source>Campaign completed</source>
        <translation>Campaña completada</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed.</source>
        <translation>%1: %2 enviados, %3 fallidos.</translation>
    </message>
    <message>
        <source>Campaign paused</source>
        <translation>Campaña en pausa</translation>
    </message>
    <message>
        <source>Campaign stopped</source>
        <translation>Campaña detenida</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Herald — %1 %2</source>
        <translation>Herald — %1 %2</translation>
    </message>
    <message>
        <source>The database cannot be used</source>
        <translation>No se puede usar la base de datos</translation>
    </message>
    <message numerus="yes">
        <source>The counters of %n campaign(s) do not match their messages.</source>
        <translation>
            <numerusform>Los contadores de %n campaña no coinciden con sus mensajes.</numerusform>
            <numerusform>Los contadores de %n campañas no coinciden con sus mensajes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Herald is not connected to a WhatsApp Business account yet. Try it now with the built-in simulator: a sample campaign is created and sent while you watch. To send for real, enter your account in Settings (File ▸ Settings…).</source>
        <translation>Herald aún no está conectado a una cuenta de WhatsApp Business. Pruébelo ahora con el simulador integrado: se crea una campaña de ejemplo y se envía mientras usted mira. Para enviar de verdad, introduzca su cuenta en Configuración (Archivo ▸ Configuración…).</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Probar la demo</translation>
    </message>
    <message>
        <source>Starting the simulator and creating a sample campaign…</source>
        <translation>Iniciando el simulador y creando una campaña de ejemplo…</translation>
    </message>
    <message>
        <source>The demo campaign is being sent to the built-in simulator, not to WhatsApp. Enter your account in Settings to send for real.</source>
        <translation>La campaña de demostración se envía al simulador integrado, no a WhatsApp. Introduzca su cuenta en Configuración para enviar de verdad.</translation>
    </message>
    <message>
        <source>The demo could not start</source>
        <translation>No se pudo iniciar la demo</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued again.</source>
        <translation>
            <numerusform>%n mensaje puesto de nuevo en cola.</numerusform>
            <numerusform>%n mensajes puestos de nuevo en cola.</numerusform>
        </translation>
    </message>
    <message>
        <source> results</source>
        <translation> resultados</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportar resultados</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportando a %1…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Error al exportar</translation>
    </message>
    <message>
        <source>Cancel campaign &quot;%1&quot;?</source>
        <translation>¿Cancelar la campaña “%1”?</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Cancelar campaña</translation>
    </message>
    <message>
        <source>Finishing the messages in flight before closing…</source>
        <translation>Terminando los mensajes en tránsito antes de cerrar…</translation>
    </message>
    <message>
        <source>Close Herald?</source>
        <translation>¿Cerrar Herald?</translation>
    </message>
    <message numerus="yes">
        <source>Herald is sending %n campaign(s). Messages in flight finish and are recorded; the campaigns stay running and continue the next time Herald (or another sender) opens this database.</source>
        <translation>
            <numerusform>Herald está enviando %n campaña. Los mensajes en tránsito terminan y se registran; la campaña sigue en curso y continúa la próxima vez que Herald (u otro emisor) abra esta base de datos.</numerusform>
            <numerusform>Herald está enviando %n campañas. Los mensajes en tránsito terminan y se registran; las campañas siguen en curso y continúan la próxima vez que Herald (u otro emisor) abra esta base de datos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln recipient(s) to %1.</source>
        <translation>
            <numerusform>Se exportó %Ln destinatario a %1.</numerusform>
            <numerusform>Se exportaron %Ln destinatarios a %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) not sent yet. A cancelled campaign cannot be resumed; messages already sent stay sent.</source>
        <translation>
            <numerusform>%Ln mensaje aún no enviado. Una campaña cancelada no se puede reanudar; los mensajes ya enviados siguen enviados.</numerusform>
            <numerusform>%Ln mensajes aún no enviados. Una campaña cancelada no se puede reanudar; los mensajes ya enviados siguen enviados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Remitentes</translation>
    </message>
</context>
<context>
    <name>herald::ui::MessagePage</name>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Choose the template and fill each of its variables from a column or with fixed text.</source>
        <translation>Elija la plantilla y rellene cada una de sus variables desde una columna o con un texto fijo.</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Plantilla:</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Meta paused this template after recipients reported or blocked it; it cannot be sent until Meta lifts the pause.</source>
        <translation>Meta pausó esta plantilla después de que los destinatarios la denunciaran o bloquearan; no se puede enviar hasta que Meta levante la pausa.</translation>
    </message>
    <message>
        <source>Meta disabled this template after repeated low quality; it can no longer be sent.</source>
        <translation>Meta desactivó esta plantilla tras repetidos problemas de baja calidad; ya no se puede enviar.</translation>
    </message>
    <message>
        <source>Meta rejected this template at review; edit and resubmit it in WhatsApp Manager.</source>
        <translation>Meta rechazó esta plantilla en la revisión; edítela y vuelva a enviarla a revisión en WhatsApp Manager.</translation>
    </message>
    <message>
        <source>Meta has not approved this template (%1).</source>
        <translation>Meta no ha aprobado esta plantilla (%1).</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>Herald no puede enviar esta plantilla: %1</translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation>Encabezado {{%1}}</translation>
    </message>
    <message>
        <source>Header %1 (link)</source>
        <translation>Encabezado %1 (enlace)</translation>
    </message>
    <message>
        <source>Button “%1”</source>
        <translation>Botón “%1”</translation>
    </message>
    <message>
        <source>Button %1</source>
        <translation>Botón %1</translation>
    </message>
    <message>
        <source>Body {{%1}}</source>
        <translation>Cuerpo {{%1}}</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>Cargando las plantillas…</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>No se pueden leer las plantillas: %1</translation>
    </message>
    <message>
        <source>%1 (%2) — %3, %4</source>
        <translation>%1 (%2) — %3, %4</translation>
    </message>
    <message>
        <source>No templates are known yet: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>Todavía no se conoce ninguna plantilla: sincronícelas desde Meta (Herramientas ▸ Sincronizar plantillas) y vuelva.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) is not among the templates: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>La plantilla %1 (%2) de la campaña no está entre las plantillas: sincronícelas desde Meta (Herramientas ▸ Sincronizar plantillas) y vuelva.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>⚠ Meta changed this template&apos;s category from %1 to %2 on %3. %4</source>
        <translation>⚠ Meta cambió la categoría de esta plantilla de %1 a %2 el %3. %4</translation>
    </message>
    <message>
        <source>Marketing messages cost more than utility ones.</source>
        <translation>Los mensajes de marketing cuestan más que los de utilidad.</translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation>Texto fijo</translation>
    </message>
    <message>
        <source>Column: %1</source>
        <translation>Columna: %1</translation>
    </message>
    <message>
        <source>This template has no variables.</source>
        <translation>Esta plantilla no tiene variables.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) cannot be used now: choose another.</source>
        <translation>La plantilla %1 (%2) de la campaña no se puede usar ahora: elija otra.</translation>
    </message>
    <message>
        <source>%1 was filled from the column “%2”, which this file does not have: choose a column for it.</source>
        <translation>%1 se rellenaba desde la columna “%2”, que este archivo no tiene: elija otra columna.</translation>
    </message>
    <message>
        <source>Type the text every recipient gets, or choose a column.</source>
        <translation>Escriba el texto que recibe cada destinatario, o elija una columna.</translation>
    </message>
    <message>
        <source>Empty in %1 of %2 rows: those rows will not be imported.</source>
        <translation>Vacío en %1 de %2 filas: esas filas no se importarán.</translation>
    </message>
    <message>
        <source>Empty in %1 of the first %2 rows: those rows will not be imported.</source>
        <translation>Vacío en %1 de las primeras %2 filas: esas filas no se importarán.</translation>
    </message>
    <message>
        <source>&amp;Campaign name:</source>
        <translation>&amp;Nombre de la campaña:</translation>
    </message>
    <message>
        <source>Fixed text for %1</source>
        <translation>Texto fijo para %1</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Valor de %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::MessagePreview</name>
    <message>
        <source>Previous row</source>
        <translation>Fila anterior</translation>
    </message>
    <message>
        <source>Next row</source>
        <translation>Fila siguiente</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Show the request body</source>
        <translation>Mostrar el cuerpo de la solicitud</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>of the first %1</source>
        <translation>de las primeras %1</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>Para %1</translation>
    </message>
    <message>
        <source>Row %1 has no number Herald can send to: %2</source>
        <translation>La fila %1 no tiene ningún número al que Herald pueda enviar: %2</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Elija una plantilla.</translation>
    </message>
    <message>
        <source>This row is not imported: it has no number to send to.</source>
        <translation>Esta fila no se importa: no tiene ningún número al que enviar.</translation>
    </message>
    <message>
        <source>This row is sent as shown.</source>
        <translation>Esta fila se envía tal como se muestra.</translation>
    </message>
    <message>
        <source>This row cannot be sent: %1</source>
        <translation>Esta fila no se puede enviar: %1</translation>
    </message>
    <message>
        <source>Preview row</source>
        <translation>Fila de la vista previa</translation>
    </message>
</context>
<context>
    <name>herald::ui::NewCampaignWizard</name>
    <message>
        <source>New campaign</source>
        <translation>Nueva campaña</translation>
    </message>
    <message>
        <source>&amp;Create campaign</source>
        <translation>&amp;Crear campaña</translation>
    </message>
    <message>
        <source>Duplicate “%1”</source>
        <translation>Duplicar “%1”</translation>
    </message>
    <message>
        <source>Choose the file for the copy of “%1”: its template, mapping and settings are taken over.</source>
        <translation>Elija el archivo para la copia de “%1”: se conservan su plantilla, asignación y configuración.</translation>
    </message>
    <message>
        <source>Change the mapping of “%1”</source>
        <translation>Cambiar la asignación de “%1”</translation>
    </message>
    <message>
        <source>%1 (new mapping)</source>
        <translation>%1 (nueva asignación)</translation>
    </message>
    <message>
        <source>&amp;Replace the draft</source>
        <translation>&amp;Reemplazar el borrador</translation>
    </message>
    <message>
        <source>Add contacts to “%1”</source>
        <translation>Añadir contactos a “%1”</translation>
    </message>
    <message>
        <source>&amp;Add the contacts</source>
        <translation>Añadir los &amp;contactos</translation>
    </message>
    <message>
        <source>Choose the file with more contacts for “%1”. Numbers already in the campaign are left out; leaving the wizard takes the added ones out again.</source>
        <translation>Elija el archivo con más contactos para “%1”. Los números que ya están en la campaña se omiten; si sale del asistente, se vuelven a quitar los añadidos.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template and mapping: the new contacts get the same message. A column this file names differently can be chosen.</source>
        <translation>La plantilla y la asignación de la campaña: los contactos nuevos reciben el mismo mensaje. Se puede elegir una columna que en este archivo tenga otro nombre.</translation>
    </message>
    <message>
        <source>Herald adds the file&apos;s contacts to “%1”: numbers already in it, opted out or rejected are left out. Nothing is sent until it is started or resumed.</source>
        <translation>Herald añade los contactos del archivo a “%1”: se omiten los números que ya están, los dados de baja y los rechazados. No se envía nada hasta que se inicie o reanude.</translation>
    </message>
    <message>
        <source>The template&apos;s category changed</source>
        <translation>La categoría de la plantilla cambió</translation>
    </message>
    <message>
        <source>The campaign cannot be scheduled</source>
        <translation>No se puede programar la campaña</translation>
    </message>
    <message>
        <source>The campaign could not be saved</source>
        <translation>No se pudo guardar la campaña</translation>
    </message>
    <message>
        <source>The campaign could not be scheduled</source>
        <translation>No se pudo programar la campaña</translation>
    </message>
    <message>
        <source>Choose the file again: Herald imports it with the new mapping into a new draft, which replaces “%1” when you click Replace the draft. Leaving keeps the old draft as it is.</source>
        <translation>Elija de nuevo el archivo: Herald lo importa con la nueva asignación en un nuevo borrador, que reemplaza a “%1” al hacer clic en Reemplazar el borrador. Si sale, el borrador anterior se queda como está.</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthLine</name>
    <message>
        <source>The phone number&apos;s health cannot be read: %1</source>
        <translation>No se puede leer el estado del número de teléfono: %1</translation>
    </message>
    <message>
        <source>No phone number is set: enter one in Settings (File ▸ Settings…).</source>
        <translation>No hay ningún número de teléfono: introduzca uno en Ajustes (Archivo ▸ Ajustes…).</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sends from %1: %2</source>
        <translation>Envía desde %1: %2</translation>
    </message>
    <message>
        <source>Phone number ID %1. %2</source>
        <translation>ID del número de teléfono %1. %2</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthRunner</name>
    <message>
        <source>The phone numbers cannot be read from the database: %1</source>
        <translation>No se pueden leer los números de teléfono de la base de datos: %1</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and check again.</source>
        <translation>No hay ningún token de acceso. Introdúzcalo en Ajustes (Archivo ▸ Ajustes…) y vuelva a comprobar.</translation>
    </message>
    <message>
        <source>The health check was cancelled; nothing was stored.</source>
        <translation>Se canceló la comprobación del estado; no se guardó nada.</translation>
    </message>
    <message>
        <source>Meta answered, but the answers cannot be stored: %1</source>
        <translation>Meta respondió, pero las respuestas no se pueden guardar: %1</translation>
    </message>
    <message>
        <source>No phone number is set. Add one under Settings ▸ Phone numbers, or enter the phone number ID on its Cloud API tab.</source>
        <translation>No hay ningún número de teléfono. Añada uno en Ajustes ▸ Números de teléfono o introduzca el ID del número en la pestaña Cloud API.</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberSampleModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no number</source>
        <translation>sin número</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>As read</source>
        <translation>Como se leyó</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>Como se envía</translation>
    </message>
    <message>
        <source>Valid?</source>
        <translation>¿Válido?</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutTableModel</name>
    <message>
        <source>Added by hand</source>
        <translation>Añadido a mano</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Stopped marketing messages (WhatsApp)</source>
        <translation>Dejó los mensajes de marketing (WhatsApp)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cómo</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutsPage</name>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Quitar…</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>Importar desde CSV…</translation>
    </message>
    <message>
        <source>Search by number or reason</source>
        <translation>Buscar por número o motivo</translation>
    </message>
    <message>
        <source>Phone number, e.g. +49 151 23456789</source>
        <translation>Número de teléfono, p. ej. +34 612 345 678</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Motivo (opcional)</translation>
    </message>
    <message>
        <source>Never message this number: it is not queued in new campaigns and not resent</source>
        <translation>No enviar nunca mensajes a este número: no se pone en cola en campañas nuevas ni se reenvía</translation>
    </message>
    <message>
        <source>Add every number of a CSV file; the phone column is found by itself</source>
        <translation>Añadir todos los números de un archivo CSV; la columna de teléfono se detecta sola</translation>
    </message>
    <message>
        <source>Add a number:</source>
        <translation>Añadir un número:</translation>
    </message>
    <message>
        <source>The opt-out list cannot be read: %1</source>
        <translation>No se puede leer la lista de bajas: %1</translation>
    </message>
    <message>
        <source>On the list: %1</source>
        <translation>En la lista: %1</translation>
    </message>
    <message>
        <source>Matching: %1 of %2</source>
        <translation>Coincidencias: %1 de %2</translation>
    </message>
    <message>
        <source>Type the phone number to add first.</source>
        <translation>Escriba primero el número de teléfono que desea añadir.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Añadiendo %1…</translation>
    </message>
    <message>
        <source>The number was not added: %1</source>
        <translation>No se añadió el número: %1</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>No añadido: %1</translation>
    </message>
    <message>
        <source>The country assumed for numbers without a country code is set in Settings (import.region).</source>
        <translation>El país que se supone para los números sin código de país se define en Configuración (import.region).</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list: it is never queued in a campaign or resent.</source>
        <translation>%1 está ahora en la lista de bajas: nunca se pone en cola en una campaña ni se reenvía.</translation>
    </message>
    <message>
        <source>%1 was on the opt-out list already; it is unchanged.</source>
        <translation>%1 ya estaba en la lista de bajas; no cambia nada.</translation>
    </message>
    <message>
        <source>Remove %1 from the opt-out list?</source>
        <translation>¿Quitar %1 de la lista de bajas?</translation>
    </message>
    <message>
        <source>Remove the %1 selected numbers from the opt-out list?</source>
        <translation>¿Quitar de la lista de bajas los %1 números seleccionados?</translation>
    </message>
    <message>
        <source>Herald may then message them again: in campaigns they are imported into and when failed messages are resent. Remove only numbers that asked to hear from you again.</source>
        <translation>Herald podrá volver a enviarles mensajes: en las campañas a las que se importen y cuando se reenvíen mensajes fallidos. Quite solo los números que pidieron volver a recibir noticias suyas.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Quitando…</translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation>No se quitó nada: %1</translation>
    </message>
    <message>
        <source>Removed from the opt-out list: %1.</source>
        <translation>Quitados de la lista de bajas: %1.</translation>
    </message>
    <message>
        <source>Import opt-outs</source>
        <translation>Importar bajas</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Archivos CSV (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Importing %1: reading, checking and adding every number…</source>
        <translation>Importando %1: leyendo, comprobando y añadiendo cada número…</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>No se añadió nada: %1</translation>
    </message>
    <message>
        <source>Search opt-outs</source>
        <translation>Buscar bajas</translation>
    </message>
    <message>
        <source>Phone number to opt out</source>
        <translation>Número de teléfono que dar de baja</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Bajas</translation>
    </message>
</context>
<context>
    <name>herald::ui::OverviewCharts</name>
    <message>
        <source>Messages sent and failed</source>
        <translation>Mensajes enviados y fallidos</translation>
    </message>
    <message>
        <source>Throughput (messages per second)</source>
        <translation>Rendimiento (mensajes por segundo)</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Sent and failed per second</source>
        <translation>Enviados y fallidos por segundo</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Leyendo el historial…</translation>
    </message>
    <message>
        <source>Select a campaign to see how its sending went.</source>
        <translation>Seleccione una campaña para ver cómo fue su envío.</translation>
    </message>
    <message>
        <source>The campaign&apos;s history cannot be read: %1</source>
        <translation>No se puede leer el historial de la campaña: %1</translation>
    </message>
    <message>
        <source>Nothing sent yet: the charts begin with the first answer from WhatsApp.</source>
        <translation>Aún no se ha enviado nada: los gráficos empiezan con la primera respuesta de WhatsApp.</translation>
    </message>
    <message>
        <source>Not sent yet: the charts begin when the campaign starts sending.</source>
        <translation>Aún no se ha enviado: los gráficos empiezan cuando la campaña empieza a enviar.</translation>
    </message>
    <message>
        <source>Nothing was sent in this campaign.</source>
        <translation>No se envió nada en esta campaña.</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed</source>
        <translation>%1 enviados, %2 fallidos</translation>
    </message>
    <message>
        <source> — peak %1 messages/s, average %2 messages/s over %3 of sending</source>
        <translation> — pico de %1 mensajes/s, media de %2 mensajes/s en %3 de envío</translation>
    </message>
    <message>
        <source>No per-minute history is stored for this campaign (%1 sent, %2 failed). Tools ▸ Repair counters… rebuilds it from the messages&apos; own times.</source>
        <translation>No hay historial por minuto guardado para esta campaña (%1 enviados, %2 fallidos). Herramientas ▸ Reparar contadores… lo reconstruye a partir de las horas de los propios mensajes.</translation>
    </message>
    <message>
        <source>. The history does not add up to the campaign&apos;s counters (%1 sent, %2 failed); Tools ▸ Repair counters… rebuilds it.</source>
        <translation>. El historial no cuadra con los contadores de la campaña (%1 enviados, %2 fallidos); Herramientas ▸ Reparar contadores… lo reconstruye.</translation>
    </message>
</context>
<context>
    <name>herald::ui::PageMessage</name>
    <message>
        <source>Hide this message</source>
        <translation>Ocultar este mensaje</translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersModel</name>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msj/s</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminado</translation>
    </message>
    <message>
        <source>Campaigns without a number of their own send from this one (Cloud API → Phone number ID).</source>
        <translation>Las campañas sin número propio envían desde este (Cloud API → ID del número de teléfono).</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>ID del número de teléfono</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>Límite</translation>
    </message>
    <message>
        <source>The most messages per second a console or herald-cli run sends from this number.</source>
        <translation>Los mensajes por segundo que como máximo envía una consola o una ejecución de herald-cli desde este número.</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>Añadido %1</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersSection</name>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Eliminar…</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de teléfono</translation>
    </message>
    <message>
        <source>The account&apos;s numbers</source>
        <translation>Los números de la cuenta</translation>
    </message>
    <message>
        <source>Add or change a number</source>
        <translation>Añadir o cambiar un número</translation>
    </message>
    <message>
        <source>Digits, from WhatsApp Manager</source>
        <translation>Dígitos, de WhatsApp Manager</translation>
    </message>
    <message>
        <source>Meta&apos;s numeric phone number ID, not the phone number itself.</source>
        <translation>El ID numérico del número de teléfono de Meta, no el número de teléfono.</translation>
    </message>
    <message>
        <source>Optional, e.g. Sales</source>
        <translation>Opcional, p. ej. Ventas</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> msj/s</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID del número:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Etiqueta:</translation>
    </message>
    <message>
        <source>Ceiling:</source>
        <translation>Límite:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambiar</translation>
    </message>
    <message>
        <source>The phone numbers cannot be read: %1</source>
        <translation>No se pueden leer los números de teléfono: %1</translation>
    </message>
    <message>
        <source>A number not listed sends at the rate ceiling on the Sending tab: %1 msg/s.</source>
        <translation>Un número que no está en la lista envía al límite de la pestaña Envío: %1 msj/s.</translation>
    </message>
    <message>
        <source>%1 was not stored: %2</source>
        <translation>%1 no se guardó: %2</translation>
    </message>
    <message>
        <source>Added %1: at most %2 msg/s.</source>
        <translation>%1 añadido: como máximo %2 msj/s.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 msg/s.</source>
        <translation>%1 cambiado: como máximo %2 msj/s.</translation>
    </message>
    <message>
        <source>Remove phone number</source>
        <translation>Eliminar número de teléfono</translation>
    </message>
    <message>
        <source>Remove %1 from the account&apos;s numbers? Campaigns sending from it afterwards use the rate ceiling on the Sending tab.</source>
        <translation>¿Eliminar %1 de los números de la cuenta? Las campañas que envíen desde él después usarán el límite de la pestaña Envío.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Eliminar</translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation>%1 no se eliminó: %2</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 eliminado.</translation>
    </message>
    <message>
        <source>%1 was already removed.</source>
        <translation>%1 ya estaba eliminado.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number. Meta allows 80, up to 1,000 for upgraded numbers.</source>
        <translation>Mensajes por segundo como máximo desde este número. Meta permite 80, hasta 1.000 para números mejorados.</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker sending from a number keeps to its ceiling together with the others. Stored with the database and changed at once, like herald-cli numbers.</source>
        <translation>Cada consola, herald-cli run y worker que envía desde un número respeta su límite junto con los demás. Se guarda con la base de datos y cambia al instante, como herald-cli numbers.</translation>
    </message>
    <message>
        <source>Check health</source>
        <translation>Comprobar estado</translation>
    </message>
    <message>
        <source>Asks Meta about each number&apos;s quality rating, messaging limit and status, as herald-cli numbers health does.</source>
        <translation>Pregunta a Meta por la calificación de calidad, el límite de mensajes y el estado de cada número, como herald-cli numbers health.</translation>
    </message>
    <message>
        <source>The default number %1 (Cloud API tab): %2.</source>
        <translation>El número predeterminado %1 (pestaña Cloud API): %2.</translation>
    </message>
    <message>
        <source>Asking Meta about the numbers…</source>
        <translation>Preguntando a Meta por los números…</translation>
    </message>
    <message>
        <source>No access token is set. Enter it on the Cloud API tab and check again.</source>
        <translation>No hay ningún token de acceso. Introdúzcalo en la pestaña Cloud API y vuelva a comprobar.</translation>
    </message>
    <message numerus="yes">
        <source>Meta answered for %n number(s).</source>
        <translation>
            <numerusform>Meta respondió por %n número.</numerusform>
            <numerusform>Meta respondió por %n números.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read: the Health column&apos;s tooltip says why.</source>
        <translation>
            <numerusform>%n no se pudo leer: la descripción de la columna Estado dice por qué.</numerusform>
            <numerusform>%n no se pudieron leer: la descripción de la columna Estado dice por qué.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::PhonePage</name>
    <message>
        <source>Only &amp;mobile numbers (skip numbers that can only be landlines)</source>
        <translation>Solo números &amp;móviles (omitir los números que solo pueden ser fijos)</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de teléfono</translation>
    </message>
    <message>
        <source>Check the column Herald reads the numbers from and how it will send them.</source>
        <translation>Compruebe la columna de la que Herald lee los números y cómo los enviará.</translation>
    </message>
    <message>
        <source>e.g. DE</source>
        <translation>p. ej. ES</translation>
    </message>
    <message>
        <source>Phone &amp;column:</source>
        <translation>&amp;Columna de teléfono:</translation>
    </message>
    <message>
        <source>for numbers written without a country code (+49 …)</source>
        <translation>para números escritos sin código de país (+34 …)</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Ninguna columna parece contener números de teléfono: elija la que los contiene.</translation>
    </message>
    <message>
        <source>You chose this column.</source>
        <translation>Usted eligió esta columna.</translation>
    </message>
    <message>
        <source>%1 of the file&apos;s %2 rows have a number Herald can send to.</source>
        <translation>%1 de las %2 filas del archivo tienen un número al que Herald puede enviar.</translation>
    </message>
    <message>
        <source>%1 of the first %2 rows have a number Herald can send to; the import checks every row.</source>
        <translation>%1 de las primeras %2 filas tienen un número al que Herald puede enviar; la importación comprueba todas las filas.</translation>
    </message>
    <message>
        <source>Sample of the numbers</source>
        <translation>Muestra de los números</translation>
    </message>
    <message>
        <source>&amp;Default country:</source>
        <translation>País &amp;predeterminado:</translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersModel</name>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Out of the pool</source>
        <translation>Fuera del grupo</translation>
    </message>
    <message>
        <source>Out of the pool since %1: %2</source>
        <translation>Fuera del grupo desde %1: %2</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>ID del número de teléfono</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Why it left</source>
        <translation>Por qué salió</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msj/s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) sent from this number in the last minute</source>
        <translation>
            <numerusform>%Ln mensaje enviado desde este número en el último minuto</numerusform>
            <numerusform>%Ln mensajes enviados desde este número en el último minuto</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Ritmo</translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersView</name>
    <message>
        <source>Move recipients…</source>
        <translation>Mover destinatarios…</translation>
    </message>
    <message>
        <source>Phone numbers of the campaign</source>
        <translation>Números de teléfono de la campaña</translation>
    </message>
    <message>
        <source>Send the recipients waiting for numbers out of the pool from the numbers still in it.</source>
        <translation>Enviar a los destinatarios que esperan a números fuera del grupo desde los números que siguen en él.</translation>
    </message>
    <message>
        <source>The campaign&apos;s numbers cannot be read: %1</source>
        <translation>No se pueden leer los números de la campaña: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent from %Ln phone number(s) of the account; each recipient always from the same one.</source>
        <translation>
            <numerusform>Enviada desde %Ln número de teléfono de la cuenta; cada destinatario siempre desde el mismo.</numerusform>
            <numerusform>Enviada desde %Ln números de teléfono de la cuenta; cada destinatario siempre desde el mismo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for numbers taken out of the pool: move them to the others, then resume.</source>
        <translation>
            <numerusform>%Ln destinatario espera a números sacados del grupo: muévalo a los otros y luego reanude.</numerusform>
            <numerusform>%Ln destinatarios esperan a números sacados del grupo: muévalos a los otros y luego reanude.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move recipients</source>
        <translation>Mover destinatarios</translation>
    </message>
    <message>
        <source>Move the %1 recipients waiting for %2 to %3? They will be sent from those numbers once you resume the campaign. The move is recorded.</source>
        <translation>¿Mover los %1 destinatarios que esperan a %2 a %3? Se enviarán desde esos números cuando reanude la campaña. El cambio queda registrado.</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
    <message>
        <source>the console on %1</source>
        <translation>la consola en %1</translation>
    </message>
    <message>
        <source>The recipients were not moved: %1</source>
        <translation>Los destinatarios no se movieron: %1</translation>
    </message>
    <message>
        <source>Moved %1 recipients. Resume the campaign to send them.</source>
        <translation>Se movieron %1 destinatarios. Reanude la campaña para enviarlos.</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursPanel</name>
    <message>
        <source>Recipients outside their window wait: they are not failed and not counted, and are sent when their window opens.</source>
        <translation>Los destinatarios fuera de su franja esperan: no cuentan como fallidos ni se contabilizan, y se envían cuando se abre su franja.</translation>
    </message>
    <message>
        <source>Counting who waits for their window…</source>
        <translation>Contando quién espera a que se abra su franja…</translation>
    </message>
    <message>
        <source>Who waits for their window is not known: %1</source>
        <translation>No se sabe quién espera a que se abra su franja: %1</translation>
    </message>
    <message>
        <source>%1–%2 in each recipient&apos;s local time</source>
        <translation>%1–%2 en la hora local de cada destinatario</translation>
    </message>
    <message>
        <source>%1, weekdays only</source>
        <translation>%1, solo días laborables</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>✓ Every remaining recipient is inside their window now</source>
        <translation>✓ Todos los destinatarios restantes están ahora dentro de su franja</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for their window now</source>
        <translation>
            <numerusform>%Ln destinatario espera ahora a que se abra su franja</numerusform>
            <numerusform>%Ln destinatarios esperan ahora a que se abra su franja</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; the next opens %2 (your time) for %3</source>
        <translation>%1; la siguiente se abre %2 (su hora local) para %3</translation>
    </message>
    <message>
        <source>Sends only %1</source>
        <translation>Envía solo %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursSection</name>
    <message>
        <source>&amp;weekdays only (Monday to Friday)</source>
        <translation>solo días &amp;laborables (de lunes a viernes)</translation>
    </message>
    <message>
        <source>and</source>
        <translation>y las</translation>
    </message>
    <message>
        <source>in the recipient&apos;s local time</source>
        <translation>en la hora local del destinatario</translation>
    </message>
    <message>
        <source>The recipients&apos; countries could not be counted: %1</source>
        <translation>No se pudieron contar los países de los destinatarios: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The zone Herald uses for every recipient in %1.</source>
        <translation>La zona horaria que Herald usa para cada destinatario en %1.</translation>
    </message>
    <message>
        <source>Time zone for %1:</source>
        <translation>Zona horaria para %1:</translation>
    </message>
    <message>
        <source>Recipients by country: %1</source>
        <translation>Destinatarios por país: %1</translation>
    </message>
    <message>
        <source>Counting who would wait…</source>
        <translation>Contando quién tendría que esperar…</translation>
    </message>
    <message>
        <source>Who would wait could not be counted: %1</source>
        <translation>No se pudo contar quién tendría que esperar: %1</translation>
    </message>
    <message>
        <source>✓ At the start (%1) every recipient is inside the window.</source>
        <translation>✓ Al inicio (%1) todos los destinatarios están dentro de la franja.</translation>
    </message>
    <message>
        <source>✓ Right now every recipient is inside the window.</source>
        <translation>✓ Ahora mismo todos los destinatarios están dentro de la franja.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait at the start (%1), outside their window (not failed); the next window opens %2 your time, for %3.</source>
        <translation>
            <numerusform>%Ln destinatario esperaría al inicio (%1), fuera de su franja (no fallido); la siguiente franja se abre %2 (su hora local), para %3.</numerusform>
            <numerusform>%Ln destinatarios esperarían al inicio (%1), fuera de su franja (no fallidos); la siguiente franja se abre %2 (su hora local), para %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait right now (outside their window, not failed); the next window opens %1 your time, for %2.</source>
        <translation>
            <numerusform>%Ln destinatario esperaría ahora mismo (fuera de su franja, no fallido); la siguiente franja se abre %1 (su hora local), para %2.</numerusform>
            <numerusform>%Ln destinatarios esperarían ahora mismo (fuera de su franja, no fallidos); la siguiente franja se abre %1 (su hora local), para %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Only send between</source>
        <translation>Enviar s&amp;olo entre</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardDialog</name>
    <message>
        <source>Rate card</source>
        <translation>Tarifa</translation>
    </message>
    <message>
        <source>Reading the rate card…</source>
        <translation>Leyendo la tarifa…</translation>
    </message>
    <message>
        <source>The rate card cannot be read: %1</source>
        <translation>No se puede leer la tarifa: %1</translation>
    </message>
    <message>
        <source>The rate card %1 is no longer stored.</source>
        <translation>La tarifa %1 ya no está guardada.</translation>
    </message>
    <message>
        <source>Rate card: %1</source>
        <translation>Tarifa: %1</translation>
    </message>
    <message>
        <source>%1, effective %2. Prices in %3 per delivered template message, by the recipient&apos;s market and the template&apos;s category.</source>
        <translation>%1, vigente desde %2. Precios en %3 por mensaje de plantilla entregado, según el mercado del destinatario y la categoría de la plantilla.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: its prices are illustrative, not Meta&apos;s.</source>
        <translation>Esta es la tarifa de ejemplo de Herald: sus precios son ilustrativos, no los de Meta.</translation>
    </message>
    <message>
        <source>Imported from %1 on %2.</source>
        <translation>Importada de %1 (%2).</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardPricesModel</name>
    <message>
        <source>every other country</source>
        <translation>todos los demás países</translation>
    </message>
    <message>
        <source>%1 is not priced in this market</source>
        <translation>%1 no tiene precio en este mercado</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Mercado</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Países</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardSection</name>
    <message>
        <source>Import…</source>
        <translation>Importar…</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>Ver…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Quitar…</translation>
    </message>
    <message>
        <source>Stored rate cards</source>
        <translation>Tarifas guardadas</translation>
    </message>
    <message>
        <source>Import Meta&apos;s rate card</source>
        <translation>Importar la tarifa de Meta</translation>
    </message>
    <message>
        <source>The file&apos;s name</source>
        <translation>El nombre del archivo</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nombre:</translation>
    </message>
    <message>
        <source>Effective from:</source>
        <translation>Vigente desde:</translation>
    </message>
    <message>
        <source>A CSV file with one row per market: market, countries (ISO codes, * for the rest of the world), currency, then a price column per category (MARKETING, UTILITY, …). Meta publishes one file per currency and date; name it and give its date here.</source>
        <translation>Un archivo CSV con una fila por mercado: mercado, países (códigos ISO, * para el resto del mundo), moneda y luego una columna de precio por categoría (MARKETING, UTILITY, …). Meta publica un archivo por moneda y fecha; indique aquí su nombre y su fecha.</translation>
    </message>
    <message>
        <source>Meta charges each delivered template message by the template&apos;s category and the recipient&apos;s market. Estimates use the imported card in effect today; with none, Herald&apos;s example card, whose prices are illustrative. Imports and removals are stored at once.</source>
        <translation>Meta cobra cada mensaje de plantilla entregado según la categoría de la plantilla y el mercado del destinatario. Las estimaciones usan la tarifa importada vigente hoy; si no hay ninguna, la tarifa de ejemplo de Herald, cuyos precios son ilustrativos. Las importaciones y eliminaciones se guardan de inmediato.</translation>
    </message>
    <message>
        <source>The rate cards cannot be read: %1</source>
        <translation>No se pueden leer las tarifas: %1</translation>
    </message>
    <message>
        <source>No rate card is stored yet: estimates use Herald&apos;s example card until you import Meta&apos;s.</source>
        <translation>Aún no hay ninguna tarifa guardada: las estimaciones usan la tarifa de ejemplo de Herald hasta que importe la de Meta.</translation>
    </message>
    <message>
        <source>Import a rate card</source>
        <translation>Importar una tarifa</translation>
    </message>
    <message>
        <source>Rate cards (*.csv *.txt);;All files (*)</source>
        <translation>Tarifas (*.csv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>The rate card was not stored: %1</source>
        <translation>No se guardó la tarifa: %1</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>No se importó nada. %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported &quot;%1&quot;: %n market(s) in %2, effective %3.</source>
        <translation>
            <numerusform>Se importó “%1”: %n mercado en %2, vigente desde %3.</numerusform>
            <numerusform>Se importó “%1”: %n mercados en %2, vigente desde %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the rate card &quot;%1&quot; (effective %2)? Estimates made with it keep their figures.</source>
        <translation>¿Quitar la tarifa “%1” (vigente desde %2)? Las estimaciones hechas con ella conservan sus cifras.</translation>
    </message>
    <message>
        <source>Herald installs its example card again when an estimate needs a card and none is imported.</source>
        <translation>Herald vuelve a instalar su tarifa de ejemplo cuando una estimación necesita una tarifa y no hay ninguna importada.</translation>
    </message>
    <message>
        <source>Estimates use it now; afterwards they use the next card in effect.</source>
        <translation>Las estimaciones la usan ahora; después usarán la siguiente tarifa vigente.</translation>
    </message>
    <message>
        <source>Remove rate card</source>
        <translation>Quitar tarifa</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>The rate card was not removed: %1</source>
        <translation>No se quitó la tarifa: %1</translation>
    </message>
    <message>
        <source>Removed &quot;%1&quot;.</source>
        <translation>Se quitó “%1”.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was already removed.</source>
        <translation>“%1” ya se había quitado.</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Tarifas</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardTableModel</name>
    <message>
        <source>Imported from %1 on %2</source>
        <translation>Importada de %1 (%2)</translation>
    </message>
    <message>
        <source>Herald&apos;s example card: illustrative prices, not Meta&apos;s. It is used only while no imported card exists.</source>
        <translation>Tarifa de ejemplo de Herald: precios ilustrativos, no los de Meta. Solo se usa mientras no exista ninguna tarifa importada.</translation>
    </message>
    <message>
        <source>Example (not Meta&apos;s prices)</source>
        <translation>Ejemplo (no son precios de Meta)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importada</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>En uso</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Vigente desde</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Moneda</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Mercados</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Precios</translation>
    </message>
    <message>
        <source>Estimates</source>
        <translation>Estimaciones</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsModel</name>
    <message>
        <source>The message&apos;s ID at WhatsApp (wamid), for Meta support and delivery reports.</source>
        <translation>El ID del mensaje en WhatsApp (wamid), para el soporte de Meta y los informes de entrega.</translation>
    </message>
    <message>
        <source>When the message was sent, or when it failed.</source>
        <translation>Cuándo se envió el mensaje, o cuándo falló.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Message ID</source>
        <translation>ID de mensaje</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Esperando reintento</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n intento</numerusform>
            <numerusform>%n intentos</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation>Falló %1</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Enviado %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsView</name>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendientes</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallidos</translation>
    </message>
    <message>
        <source>Search phone…</source>
        <translation>Buscar teléfono…</translation>
    </message>
    <message>
        <source>Numbers starting with what you type when it starts with + or 00, otherwise numbers containing it. Spaces and dashes are ignored.</source>
        <translation>Números que empiezan por lo escrito si empieza por + o 00; si no, números que lo contienen. Se ignoran los espacios y guiones.</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Esperando reintento</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>Cualquier motivo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Could not read the recipients: %1</source>
        <translation>No se pudieron leer los destinatarios: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>Search recipients</source>
        <translation>Buscar destinatarios</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s), showing %1–%2</source>
        <translation>
            <numerusform>%Ln destinatario, se muestran %1–%2</numerusform>
            <numerusform>%Ln destinatarios, se muestran %1–%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln destinatario</numerusform>
            <numerusform>%Ln destinatarios</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairDialog</name>
    <message>
        <source>Recount</source>
        <translation>Volver a contar</translation>
    </message>
    <message>
        <source>Apply repairs</source>
        <translation>Aplicar reparaciones</translation>
    </message>
    <message>
        <source>Upgrade the database</source>
        <translation>Actualizar la base de datos</translation>
    </message>
    <message>
        <source>Repair counters</source>
        <translation>Reparar contadores</translation>
    </message>
    <message>
        <source>The database is incomplete</source>
        <translation>La base de datos está incompleta</translation>
    </message>
    <message>
        <source>This database is older than Herald: upgrading it adds what is missing, in one transaction. Nothing is sent until the schema is whole.</source>
        <translation>Esta base de datos es anterior a Herald: actualizarla añade lo que falta, en una sola transacción. No se envía nada hasta que el esquema esté completo.</translation>
    </message>
    <message>
        <source>Parts of the database&apos;s schema are missing or wrong, and upgrading will not bring them back. Herald sends nothing until they are restored: restore the database from a backup, or ask whoever administers it to recreate what is listed (`herald-cli doctor` prints the same list).</source>
        <translation>Faltan partes del esquema de la base de datos o son incorrectas, y actualizarla no las recuperará. Herald no envía nada hasta que se restauren: restaure la base de datos desde una copia de seguridad o pida a quien la administra que vuelva a crear lo que se enumera (`herald-cli doctor` muestra la misma lista).</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found by the schema check.</source>
        <translation>
            <numerusform>%n problema encontrado por la comprobación del esquema.</numerusform>
            <numerusform>%n problemas encontrados por la comprobación del esquema.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recounting every campaign&apos;s messages…</source>
        <translation>Volviendo a contar los mensajes de cada campaña…</translation>
    </message>
    <message>
        <source>The recount failed: %1</source>
        <translation>Error en el recuento: %1</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) match their messages (recounted in %1).</source>
        <translation>
            <numerusform>%n campaña coincide con sus mensajes (recontada en %1).</numerusform>
            <numerusform>Las %n campañas coinciden con sus mensajes (recontadas en %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) do not match their messages. Apply repairs to set them to the recount, in one transaction.</source>
        <translation>
            <numerusform>%n campaña no coincide con sus mensajes. Aplicar reparaciones la ajusta al recuento, en una sola transacción.</numerusform>
            <numerusform>%n campañas no coinciden con sus mensajes. Aplicar reparaciones las ajusta al recuento, en una sola transacción.</numerusform>
        </translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>Reparando…</translation>
    </message>
    <message>
        <source>The repair failed and changed nothing: %1</source>
        <translation>La reparación falló y no cambió nada: %1</translation>
    </message>
    <message>
        <source>Repaired. Every campaign now matches its messages.</source>
        <translation>Reparado. Ahora todas las campañas coinciden con sus mensajes.</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) still differ: messages changed while repairing; recount and apply again.</source>
        <translation>
            <numerusform>%n campaña aún no coincide: los mensajes cambiaron durante la reparación; vuelva a contar y aplique de nuevo.</numerusform>
            <numerusform>%n campañas aún no coinciden: los mensajes cambiaron durante la reparación; vuelva a contar y aplique de nuevo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Upgrading the database…</source>
        <translation>Actualizando la base de datos…</translation>
    </message>
    <message>
        <source>The upgrade failed and changed nothing: %1</source>
        <translation>La actualización falló y no cambió nada: %1</translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)), but the schema is still incomplete.</source>
        <translation>
            <numerusform>Actualizada (%n paso), pero el esquema sigue incompleto.</numerusform>
            <numerusform>Actualizada (%n pasos), pero el esquema sigue incompleto.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)).</source>
        <translation>
            <numerusform>Actualizada (%n paso).</numerusform>
            <numerusform>Actualizada (%n pasos).</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign counters</source>
        <translation>Contadores de la campaña</translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairModel</name>
    <message>
        <source>%1 / %2 of %3</source>
        <translation>%1 / %2 de %3</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Stored sent / failed</source>
        <translation>Enviados / fallidos guardados</translation>
    </message>
    <message>
        <source>Recounted sent / failed</source>
        <translation>Enviados / fallidos recontados</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Needs repair</source>
        <translation>Necesita reparación</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>✓ correct</source>
        <translation>✓ correcto</translation>
    </message>
    <message>
        <source>⚠ counters</source>
        <translation>⚠ contadores</translation>
    </message>
    <message>
        <source>⚠ history</source>
        <translation>⚠ historial</translation>
    </message>
    <message>
        <source>The counters are right, but the per-minute history the charts draw does not add up to them: repair rebuilds it from the messages&apos; own times.</source>
        <translation>Los contadores son correctos, pero el historial por minuto que dibujan los gráficos no cuadra con ellos: la reparación lo reconstruye a partir de las horas de los propios mensajes.</translation>
    </message>
    <message>
        <source>Repair sets the stored figures to the recount.</source>
        <translation>La reparación ajusta las cifras guardadas al recuento.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ResendDialog</name>
    <message>
        <source>Resend failed messages — %1</source>
        <translation>Reenviar mensajes fallidos — %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Leyendo los fallos…</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>These messages may have reached their recipients: resending may deliver them twice.</source>
        <translation>Puede que estos mensajes hayan llegado a sus destinatarios: reenviarlos puede entregarlos dos veces.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Ningún mensaje de esta campaña ha fallado.</translation>
    </message>
    <message>
        <source>Failure reasons to resend</source>
        <translation>Motivos de fallo que reenviar</translation>
    </message>
    <message>
        <source>Some of the ticked messages may already have been delivered (the sender stopped or Meta did not answer): resending them may message those people twice.</source>
        <translation>Puede que algunos de los mensajes marcados ya se hayan entregado (el emisor se detuvo o Meta no respondió): reenviarlos puede hacer que esas personas reciban el mensaje dos veces.</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s)</source>
        <translation>
            <numerusform>%1 — %Ln mensaje</numerusform>
            <numerusform>%1 — %Ln mensajes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s): %2</source>
        <translation>
            <numerusform>%1 — %Ln mensaje: %2</numerusform>
            <numerusform>%1 — %Ln mensajes: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) failed. Tick the reasons to send again; opted-out numbers are never resent.</source>
        <translation>
            <numerusform>%Ln mensaje fallido. Marque los motivos que desea volver a enviar; los números dados de baja nunca se reenvían.</numerusform>
            <numerusform>%Ln mensajes fallidos. Marque los motivos que desea volver a enviar; los números dados de baja nunca se reenvían.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resend messages that may have arrived?</source>
        <translation>¿Reenviar mensajes que pueden haber llegado?</translation>
    </message>
    <message>
        <source>Meta may already have delivered some of these messages; their recipients would get them twice. Resend them anyway?</source>
        <translation>Puede que Meta ya haya entregado algunos de estos mensajes; sus destinatarios los recibirían dos veces. ¿Reenviarlos de todos modos?</translation>
    </message>
    <message>
        <source>Resend anyway</source>
        <translation>Reenviar de todos modos</translation>
    </message>
</context>
<context>
    <name>herald::ui::RetentionSchedule</name>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n destinatario</numerusform>
            <numerusform>%n destinatarios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campaña terminada</numerusform>
            <numerusform>%n campañas terminadas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention: erased the details of %1 in %2 finished more than %3 ago; the counts are kept.</source>
        <translation>Retención: se borraron los datos de %1 en %2 hace más de %3; se conservan los recuentos.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ReviewPage</name>
    <message>
        <source>Cancel import</source>
        <translation>Cancelar importación</translation>
    </message>
    <message>
        <source>Open rejected rows…</source>
        <translation>Abrir filas rechazadas…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Volver a comprobar</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Enviar &amp;prueba</translation>
    </message>
    <message>
        <source>Retry messages whose answer was lost (a recipient may get one twice)</source>
        <translation>Reintentar los mensajes cuya respuesta se perdió (un destinatario puede recibir uno dos veces)</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Herald imports the file into a draft campaign. Nothing is sent until you start it.</source>
        <translation>Herald importa el archivo en un borrador de campaña. No se envía nada hasta que usted lo inicie.</translation>
    </message>
    <message>
        <source>Imported:</source>
        <translation>Importados:</translation>
    </message>
    <message>
        <source>Duplicates in the file:</source>
        <translation>Duplicados en el archivo:</translation>
    </message>
    <message>
        <source>Already in the campaign:</source>
        <translation>Ya en la campaña:</translation>
    </message>
    <message>
        <source>Opted out:</source>
        <translation>Dados de baja:</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>Rechazados:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importación</translation>
    </message>
    <message>
        <source>your own number, e.g. +49 151 23456789</source>
        <translation>su propio número, p. ej. +34 612 345 678</translation>
    </message>
    <message>
        <source>WhatsApp account</source>
        <translation>Cuenta de WhatsApp</translation>
    </message>
    <message>
        <source>Test message to:</source>
        <translation>Mensaje de prueba a:</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> msj/s</translation>
    </message>
    <message>
        <source>the number&apos;s ceiling</source>
        <translation>el máximo del número</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envío</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>Como máximo:</translation>
    </message>
    <message>
        <source>When to send</source>
        <translation>Cuándo enviar</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Horario de silencio</translation>
    </message>
    <message>
        <source>Cost estimate</source>
        <translation>Estimación de costo</translation>
    </message>
    <message>
        <source>Cancelling: the import is rolled back…</source>
        <translation>Cancelando: se deshace la importación…</translation>
    </message>
    <message>
        <source>%1 rows read…</source>
        <translation>%1 filas leídas…</translation>
    </message>
    <message>
        <source>The campaign could not be created: %1 Go back to change it.</source>
        <translation>No se pudo crear la campaña: %1 Vuelva atrás para cambiarlo.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importando %1…</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the campaign &quot;%2&quot; in %3.</source>
        <translation>Se leyeron las %1 filas del archivo en la campaña “%2” en %3.</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the draft campaign &quot;%2&quot; in %3.</source>
        <translation>Se leyeron las %1 filas del archivo en el borrador de campaña “%2” en %3.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The import was cancelled: nothing was kept. Go back, or close the wizard.</source>
        <translation>Se canceló la importación: no se conservó nada. Vuelva atrás o cierre el asistente.</translation>
    </message>
    <message>
        <source>The file cannot be imported: %1 Go back to change how it is read.</source>
        <translation>No se puede importar el archivo: %1 Vuelva atrás para cambiar cómo se lee.</translation>
    </message>
    <message>
        <source> — e.g. line %1: %2</source>
        <translation> — p. ej. línea %1: %2</translation>
    </message>
    <message>
        <source>%1 × %2%3</source>
        <translation>%1 × %2%3</translation>
    </message>
    <message>
        <source>No row was rejected.</source>
        <translation>No se rechazó ninguna fila.</translation>
    </message>
    <message>
        <source>✓ Every message has a value for each of the template&apos;s variables.</source>
        <translation>✓ Todos los mensajes tienen un valor para cada variable de la plantilla.</translation>
    </message>
    <message>
        <source>Checking the access token and the phone number with WhatsApp…</source>
        <translation>Comprobando con WhatsApp el token de acceso y el número de teléfono…</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>✗ WhatsApp refused the check: %1</source>
        <translation>✗ WhatsApp rechazó la comprobación: %1</translation>
    </message>
    <message>
        <source>✓ Token accepted; sending from %1 (%2), quality %3, limit %4.</source>
        <translation>✓ Token aceptado; se envía desde %1 (%2), calidad %3, límite %4.</translation>
    </message>
    <message>
        <source>✗ No row of the file can be sent, so there is nothing to test.</source>
        <translation>✗ Ninguna fila del archivo se puede enviar, así que no hay nada que probar.</translation>
    </message>
    <message>
        <source>Sending row %1&apos;s message to %2…</source>
        <translation>Enviando el mensaje de la fila %1 a %2…</translation>
    </message>
    <message>
        <source>✓ Accepted for %1 (%2). Check the phone.</source>
        <translation>✓ Aceptado para %1 (%2). Revise el teléfono.</translation>
    </message>
    <message>
        <source>✗ Not sent: %1</source>
        <translation>✗ No enviado: %1</translation>
    </message>
    <message>
        <source>Send from:</source>
        <translation>Enviar desde:</translation>
    </message>
</context>
<context>
    <name>herald::ui::ScheduleSection</name>
    <message>
        <source>&amp;Keep it as a draft (start it later from the campaign list)</source>
        <translation>&amp;Dejarla como borrador (iniciarla más tarde desde la lista de campañas)</translation>
    </message>
    <message>
        <source>&amp;Start sending as soon as the campaign is created</source>
        <translation>&amp;Empezar a enviar en cuanto se cree la campaña</translation>
    </message>
    <message>
        <source>Start &amp;at:</source>
        <translation>&amp;Iniciar a las:</translation>
    </message>
    <message>
        <source>Your local time; Herald stores it in UTC.</source>
        <translation>Su hora local; Herald la guarda en UTC.</translation>
    </message>
    <message>
        <source>your local time</source>
        <translation>su hora local</translation>
    </message>
    <message>
        <source>%1 has passed: choose a later time, or start now.</source>
        <translation>%1 ya pasó: elija una hora posterior o inicie ahora.</translation>
    </message>
    <message>
        <source>&amp;Leave the campaign as it is (start or resume it later from the list)</source>
        <translation>De&amp;jar la campaña como está (iniciarla o reanudarla más tarde desde la lista)</translation>
    </message>
    <message>
        <source>&amp;Start or resume sending once the contacts are added</source>
        <translation>&amp;Empezar o reanudar el envío en cuanto se añadan los contactos</translation>
    </message>
</context>
<context>
    <name>herald::ui::SendController</name>
    <message>
        <source>Cannot send</source>
        <translation>No se puede enviar</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; cannot start</source>
        <translation>No se puede iniciar la campaña “%1”</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: it was running with nobody sending it.</source>
        <translation>Continuando la campaña “%1”: estaba en curso sin que nadie la enviara.</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: %2 stopped sending it.</source>
        <translation>Continuando la campaña “%1”: %2 dejó de enviarla.</translation>
    </message>
    <message>
        <source>Start campaign &quot;%1&quot;?</source>
        <translation>¿Iniciar la campaña “%1”?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>pausada por el usuario</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>cancelada por el usuario</translation>
    </message>
    <message>
        <source>The campaign could not be changed</source>
        <translation>No se pudo cambiar la campaña</translation>
    </message>
    <message>
        <source>Herald was closed; the campaign continues when a sender picks it up.</source>
        <translation>Herald se cerró; la campaña continúa cuando un emisor la retome.</translation>
    </message>
    <message>
        <source>A scheduled campaign could not start</source>
        <translation>No se pudo iniciar una campaña programada</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started as scheduled.</source>
        <translation>La campaña “%1” se inició según lo programado.</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1.</source>
        <translation>
            <numerusform>En espera: %Ln destinatario fuera de su franja; la próxima franja se abre a las %1.</numerusform>
            <numerusform>En espera: %Ln destinatarios fuera de su franja; la próxima franja se abre a las %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendFromSection</name>
    <message>
        <source>Phone numbers to send from</source>
        <translation>Números de teléfono desde los que enviar</translation>
    </message>
    <message>
        <source>(at most %1 msg/s; the default number)</source>
        <translation>(como máximo %1 msj/s; el número predeterminado)</translation>
    </message>
    <message>
        <source>(at most %1 msg/s)</source>
        <translation>(como máximo %1 msj/s)</translation>
    </message>
    <message>
        <source>The phone numbers could not be read: %1</source>
        <translation>No se pudieron leer los números de teléfono: %1</translation>
    </message>
    <message>
        <source>Tick at least one phone number to send from.</source>
        <translation>Marque al menos un número de teléfono desde el que enviar.</translation>
    </message>
    <message numerus="yes">
        <source>Each recipient is sent from one of the %Ln numbers, always the same one; each number sends at its own ceiling. A number Meta limits leaves the pool and the others go on.</source>
        <translation>
            <numerusform>Cada destinatario recibe el mensaje desde el %Ln número; envía a su propio límite.</numerusform>
            <numerusform>Cada destinatario recibe el mensaje desde uno de los %Ln números, siempre el mismo; cada número envía a su propio límite. Un número que Meta limita sale del grupo y los demás continúan.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SenderStatusBar</name>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <source>The database this window reads and writes. Change it in Settings.</source>
        <translation>La base de datos que esta ventana lee y escribe. Cámbiela en Configuración.</translation>
    </message>
    <message>
        <source>Sender: idle</source>
        <translation>Emisor: inactivo</translation>
    </message>
    <message numerus="yes">
        <source>Sender: sending %n campaign(s)</source>
        <translation>
            <numerusform>Emisor: enviando %n campaña</numerusform>
            <numerusform>Emisor: enviando %n campañas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n en tránsito</numerusform>
            <numerusform>%n en tránsito</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports delivered and read by webhook. Check that herald-cli webhooks serve is running and reachable; herald-cli webhooks status shows its last callback.</source>
        <translation>Meta comunica por webhook las entregas y las lecturas. Compruebe que herald-cli webhooks serve está en ejecución y es accesible; herald-cli webhooks status muestra su última notificación.</translation>
    </message>
    <message>
        <source>No delivery callback for %1 in %2 min</source>
        <translation>Sin notificaciones de entrega para %1 en %2 min</translation>
    </message>
    <message numerus="yes">
        <source>No delivery callback for %n running campaign(s) in 10 min</source>
        <translation>
            <numerusform>Sin notificaciones de entrega para %n campaña en curso en 10 min</numerusform>
            <numerusform>Sin notificaciones de entrega para %n campañas en curso en 10 min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersModel</name>
    <message>
        <source>Console</source>
        <translation>Consola</translation>
    </message>
    <message>
        <source>herald-cli run</source>
        <translation>herald-cli run</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Worker</translation>
    </message>
    <message>
        <source>%1 (this console)</source>
        <translation>%1 (esta consola)</translation>
    </message>
    <message>
        <source>Silent since %1</source>
        <translation>En silencio desde %1</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>%1 (process %2)</source>
        <translation>%1 (proceso %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msj/s</translation>
    </message>
    <message>
        <source>Not heard since %1. Its campaigns are taken over by the next sender, and the messages it had in flight end failed &quot;interrupted&quot;.</source>
        <translation>Sin noticias desde %1. El siguiente remitente toma sus campañas, y los mensajes que tenía en curso terminan fallidos «interrumpido».</translation>
    </message>
    <message>
        <source>Told to send: %1</source>
        <translation>Encargado de enviar: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Ritmo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersPage</name>
    <message>
        <source>Senders</source>
        <translation>Remitentes</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker using this database, and the campaigns each sends. Workers may share a campaign; a console or a run sends one alone. One not heard for 10 s is silent: its campaigns go to the next sender.</source>
        <translation>Cada consola, herald-cli run y worker que usa esta base de datos, y las campañas que envía cada uno. Los workers pueden compartir una campaña; una consola o un run la envía solo. Quien no da noticias durante 10 s queda en silencio: sus campañas pasan al siguiente remitente.</translation>
    </message>
    <message>
        <source>Nothing is sending from this database now.</source>
        <translation>Ahora no se envía nada desde esta base de datos.</translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s), of them %1</source>
        <translation>
            <numerusform>%n remitente, de ellos %1</numerusform>
            <numerusform>%n remitentes, de ellos %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message numerus="yes">
        <source>%n silent</source>
        <translation>
            <numerusform>%n en silencio</numerusform>
            <numerusform>%n en silencio</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingField</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (predeterminado)</translation>
    </message>
    <message>
        <source>%1
Stored with the database as %2.</source>
        <translation>%1
Guardado con la base de datos como %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Cloud API</source>
        <translation>Cloud API</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envío</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este equipo</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Tarifas</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Graph API base URL:</source>
        <translation>URL base de la Graph API:</translation>
    </message>
    <message>
        <source>Graph API version:</source>
        <translation>Versión de la Graph API:</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID del número de teléfono:</translation>
    </message>
    <message>
        <source>Business Account ID:</source>
        <translation>ID de la cuenta empresarial:</translation>
    </message>
    <message>
        <source>Request timeout (ms):</source>
        <translation>Tiempo de espera (ms):</translation>
    </message>
    <message>
        <source>Extra CA certificate:</source>
        <translation>Certificado CA adicional:</translation>
    </message>
    <message>
        <source>None: the system&apos;s only</source>
        <translation>Ninguno: solo los del sistema</translation>
    </message>
    <message>
        <source>Rate ceiling (msg/s):</source>
        <translation>Velocidad máxima (msj/s):</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>Solicitudes simultáneas:</translation>
    </message>
    <message>
        <source>No response:</source>
        <translation>Sin respuesta:</translation>
    </message>
    <message>
        <source>Contact import</source>
        <translation>Importación de contactos</translation>
    </message>
    <message>
        <source>Default region:</source>
        <translation>Región predeterminada:</translation>
    </message>
    <message>
        <source>None, e.g. DE or US</source>
        <translation>Ninguna, p. ej. ES o US</translation>
    </message>
    <message>
        <source>These settings are stored with the database, shared by every console and herald-cli that use it (herald-cli config shows them).</source>
        <translation>Esta configuración se guarda con la base de datos y la comparten todas las consolas y herald-cli que la usan (herald-cli config la muestra).</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <source>Takes effect when Herald is restarted.</source>
        <translation>Se aplica al reiniciar Herald.</translation>
    </message>
    <message>
        <source>These settings belong to your user account on this computer, not to the database.</source>
        <translation>Esta configuración pertenece a su cuenta de usuario en este equipo, no a la base de datos.</translation>
    </message>
    <message>
        <source>Reading the settings stored with the database…</source>
        <translation>Leyendo la configuración guardada con la base de datos…</translation>
    </message>
    <message>
        <source>The settings stored with the database cannot be read: %1</source>
        <translation>No se puede leer la configuración guardada con la base de datos: %1</translation>
    </message>
    <message>
        <source>Correct the fields marked in red; nothing was saved.</source>
        <translation>Corrija los campos marcados en rojo; no se guardó nada.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>The settings were not stored with the database: %1</source>
        <translation>La configuración no se guardó con la base de datos: %1</translation>
    </message>
    <message>
        <source>Not everything was saved: see the messages in red.</source>
        <translation>No se guardó todo: vea los mensajes en rojo.</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Configuración guardada</translation>
    </message>
    <message>
        <source>Herald uses the database and language you chose when it is restarted.</source>
        <translation>Herald usará la base de datos y el idioma elegidos cuando se reinicie.</translation>
    </message>
    <message>
        <source>Keep recipients (days):</source>
        <translation>Conservación (días):</translation>
    </message>
    <message>
        <source>0: forever</source>
        <translation>0: siempre</translation>
    </message>
    <message>
        <source>Names, numbers and parameters of campaigns finished longer ago are erased by the console once a day and by herald-cli purge; the counts stay.</source>
        <translation>La consola (una vez al día) y herald-cli purge borran los nombres, números y parámetros de las campañas terminadas hace más tiempo; los recuentos se conservan.</translation>
    </message>
    <message>
        <source>Opt-out replies:</source>
        <translation>Respuestas de baja:</translation>
    </message>
    <message>
        <source>A reply that is exactly one of these words, in any case, puts its sender on the opt-out list once the webhook receiver gets it.</source>
        <translation>Una respuesta que sea exactamente una de estas palabras, en mayúsculas o minúsculas, pone a su remitente en la lista de bajas en cuanto la recibe el receptor de webhooks.</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de teléfono</translation>
    </message>
</context>
<context>
    <name>herald::ui::ShortcutTableModel</name>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menú</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atajo</translation>
    </message>
</context>
<context>
    <name>herald::ui::ShortcutTips</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>herald::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Filter by action, menu or key</source>
        <translation>Filtrar por acción, menú o tecla</translation>
    </message>
    <message>
        <source>Filter shortcuts</source>
        <translation>Filtrar atajos</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateSyncRunner</name>
    <message>
        <source>The API settings cannot be read from the database: %1</source>
        <translation>No se puede leer de la base de datos la configuración de la API: %1</translation>
    </message>
    <message>
        <source>No WhatsApp Business Account ID is set, and templates are listed per account. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>No hay ningún ID de cuenta de WhatsApp Business definido, y las plantillas se enumeran por cuenta. Introdúzcalo en Configuración (Archivo ▸ Configuración…) y vuelva a sincronizar.</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>No hay ningún token de acceso definido. Introdúzcalo en Configuración (Archivo ▸ Configuración…) y vuelva a sincronizar.</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateTableModel</name>
    <message>
        <source>Approved</source>
        <translation>Aprobada</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>En revisión</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>In appeal</source>
        <translation>En apelación</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Utility</source>
        <translation>Utilidad</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticación</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 hasta %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>a recent sync</source>
        <translation>una sincronización reciente</translation>
    </message>
    <message>
        <source>Meta changed this template&apos;s category from %1 to %2 (noticed %3). Meta prices and limits messages by category: check that the template still suits your campaigns.</source>
        <translation>Meta cambió la categoría de esta plantilla de %1 a %2 (detectado en %3). Meta fija precios y límites de los mensajes según la categoría: compruebe que la plantilla sigue siendo adecuada para sus campañas.</translation>
    </message>
    <message>
        <source>Only approved templates can be sent.</source>
        <translation>Solo se pueden enviar plantillas aprobadas.</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>Herald no puede enviar esta plantilla: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Category before</source>
        <translation>Categoría anterior</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variables</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizada</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplatesPage</name>
    <message>
        <source>Sync with Meta</source>
        <translation>Sincronizar con Meta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Filtrar por nombre</translation>
    </message>
    <message>
        <source>Fetch the message templates of the WhatsApp Business Account from Meta</source>
        <translation>Obtener de Meta las plantillas de mensaje de la cuenta de WhatsApp Business</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>No se pueden leer las plantillas: %1</translation>
    </message>
    <message>
        <source>Getting the access token…</source>
        <translation>Obteniendo el token de acceso…</translation>
    </message>
    <message>
        <source>Asking Meta for the template list…</source>
        <translation>Pidiendo a Meta la lista de plantillas…</translation>
    </message>
    <message>
        <source>Reading the template list from Meta: %1 so far</source>
        <translation>Leyendo la lista de plantillas de Meta: %1 hasta ahora</translation>
    </message>
    <message>
        <source> (page %1)</source>
        <translation> (página %1)</translation>
    </message>
    <message>
        <source>(Graph error %1)</source>
        <translation>(error de Graph %1)</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Abrir Configuración…</translation>
    </message>
    <message>
        <source>Templates synced from Meta: %1 (%2 new, %3 changed, %4 unchanged).</source>
        <translation>Plantillas sincronizadas desde Meta: %1 (%2 nuevas, %3 modificadas, %4 sin cambios).</translation>
    </message>
    <message>
        <source>Meta changed the category of %1 (%2) from %3 to %4.</source>
        <translation>Meta cambió la categoría de %1 (%2) de %3 a %4.</translation>
    </message>
    <message>
        <source>No longer listed by Meta, kept for the campaigns that use them: %1.</source>
        <translation>Meta ya no las enumera; se conservan para las campañas que las usan: %1.</translation>
    </message>
    <message>
        <source>No templates are stored yet: sync them from Meta.</source>
        <translation>Aún no hay plantillas guardadas: sincronícelas desde Meta.</translation>
    </message>
    <message>
        <source>Select a template to read its text and the variables a campaign fills.</source>
        <translation>Seleccione una plantilla para leer su texto y las variables que rellena una campaña.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No variables.</source>
        <translation>Sin variables.</translation>
    </message>
    <message>
        <source>Variables a campaign fills: %1.</source>
        <translation>Variables que rellena una campaña: %1.</translation>
    </message>
    <message>
        <source>Herald cannot send it: %1</source>
        <translation>Herald no puede enviarla: %1</translation>
    </message>
    <message>
        <source>Templates: %1</source>
        <translation>Plantillas: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Mostradas: %1 de %2</translation>
    </message>
    <message>
        <source> — category changed: %1</source>
        <translation> — categoría cambiada: %1</translation>
    </message>
    <message>
        <source>Filter templates</source>
        <translation>Filtrar plantillas</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Plantillas</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>No hay ningún token de acceso definido. Introdúzcalo en Configuración (Archivo ▸ Configuración…) y vuelva a sincronizar.</translation>
    </message>
    <message>
        <source>Meta refused the access token: it is invalid or has expired. Enter a valid token in Settings (File ▸ Settings…) and sync again; nothing was stored.</source>
        <translation>Meta rechazó el token de acceso: no es válido o ha caducado. Introduzca un token válido en Configuración (Archivo ▸ Configuración…) y vuelva a sincronizar; no se guardó nada.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ThemeMenu</name>
    <message>
        <source>T&amp;heme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Sistema</translation>
    </message>
    <message>
        <source>Light or dark as the desktop is</source>
        <translation>Claro u oscuro, según el escritorio</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>Dark text on light backgrounds</source>
        <translation>Texto oscuro sobre fondo claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>Light text on dark backgrounds</source>
        <translation>Texto claro sobre fondo oscuro</translation>
    </message>
</context>
<context>
    <name>herald::ui::TokenSection</name>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>Conservar solo para esta sesión</translation>
    </message>
    <message>
        <source>Remove stored token</source>
        <translation>Quitar el token guardado</translation>
    </message>
    <message>
        <source>Paste the token from Meta&apos;s developer portal</source>
        <translation>Pegue el token del portal para desarrolladores de Meta</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in a settings file, the database or a log.</source>
        <translation>Se guarda en el llavero del sistema operativo, nunca en un archivo de configuración, en la base de datos ni en un registro.</translation>
    </message>
    <message>
        <source>Herald uses the token until it is closed and forgets it then.</source>
        <translation>Herald usa el token hasta que se cierra, y después lo olvida.</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Ahora:</translation>
    </message>
    <message>
        <source>New token:</source>
        <translation>Token nuevo:</translation>
    </message>
    <message>
        <source>This window has no access to credentials.</source>
        <translation>Esta ventana no tiene acceso a las credenciales.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Buscando en el llavero…</translation>
    </message>
    <message>
        <source>From the environment variable %1, which wins over the keychain.</source>
        <translation>De la variable de entorno %1, que prevalece sobre el llavero.</translation>
    </message>
    <message>
        <source>Kept in memory for this session only; Herald forgets it when it closes.</source>
        <translation>Guardado en memoria solo para esta sesión; Herald lo olvida al cerrarse.</translation>
    </message>
    <message>
        <source>Stored in the operating system&apos;s keychain.</source>
        <translation>Guardado en el llavero del sistema operativo.</translation>
    </message>
    <message>
        <source>%1 A token entered here can be kept in memory for this session only.</source>
        <translation>%1 Un token introducido aquí se puede conservar en memoria solo para esta sesión.</translation>
    </message>
    <message>
        <source>None is stored yet.</source>
        <translation>Todavía no hay ninguno guardado.</translation>
    </message>
    <message>
        <source>Paste a new token to replace the current one</source>
        <translation>Pegue un token nuevo para reemplazar el actual</translation>
    </message>
    <message>
        <source>%1
Herald never writes the token to a file. You can keep it in memory for this session only.</source>
        <translation>%1
Herald nunca escribe el token en un archivo. Puede conservarlo en memoria solo para esta sesión.</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Token nuevo</translation>
    </message>
</context>
<context>
    <name>herald::ui::UserGuideWindow</name>
    <message>
        <source>Herald user guide</source>
        <translation>Guía del usuario de Herald</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Guía del usuario</translation>
    </message>
    <message>
        <source>Find in the guide</source>
        <translation>Buscar en la guía</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Cerrar la barra de búsqueda</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Buscar siguiente</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>No encontrado</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardImport</name>
    <message>
        <source>Contacts can only be added to a draft or paused campaign; &quot;%1&quot; is %2.</source>
        <translation>Solo se pueden añadir contactos a un borrador o a una campaña en pausa; “%1” está en estado “%2”.</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardLauncher</name>
    <message>
        <source>The campaign could not be read</source>
        <translation>No se pudo leer la campaña</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Herald: a campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Herald: una consola de campañas para la WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>The database: a SQLite file or a postgresql:// URL (default: HERALD_DB, else the one chosen in Settings, else the embedded one).</source>
        <translation>La base de datos: un archivo SQLite o una URL postgresql:// (predeterminada: HERALD_DB; si no, la elegida en Configuración; si no, la integrada).</translation>
    </message>
    <message>
        <source>database</source>
        <translation>basededatos</translation>
    </message>
    <message>
        <source>Herald cannot start</source>
        <translation>Herald no puede iniciarse</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Contraseña de la base de datos</translation>
    </message>
</context>
</TS>
