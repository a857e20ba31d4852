<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ApiOptions</name>
    <message>
        <source>The Graph API base URL (default: config api.base, else %1).</source>
        <translation>Die Basis-URL der Graph API (Standard: config api.base, sonst %1).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>The Graph API version (default: config api.version, else %1).</source>
        <translation>Die Version der Graph API (Standard: config api.version, sonst %1).</translation>
    </message>
    <message>
        <source>version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>The WhatsApp Business phone number ID (default: config api.phone_number_id).</source>
        <translation>Die Telefonnummern-ID von WhatsApp Business (Standard: config api.phone_number_id).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID (default: config api.waba_id).</source>
        <translation>Die WhatsApp-Business-Konto-ID (Standard: config api.waba_id).</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request (default: config api.request_timeout_ms, else %1). The access token comes from HERALD_ACCESS_TOKEN, else from the keychain (&apos;token set&apos;); never from the command line.</source>
        <translation>Millisekunden, die auf jede API-Anfrage gewartet wird (Standard: config api.request_timeout_ms, sonst %1). Das Zugriffstoken kommt aus HERALD_ACCESS_TOKEN, sonst aus dem Schlüsselbund (&apos;token set&apos;); nie von der Befehlszeile.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s, PEM or DER (default: config api.ca_file): a TLS-inspecting proxy&apos;s. Certificate errors are never ignored.</source>
        <translation>Eine zusätzlich zu denen des Systems vertrauenswürdige Zertifizierungsstelle, PEM oder DER (Standard: config api.ca_file): die eines TLS-prüfenden Proxys. Zertifikatsfehler werden nie ignoriert.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>the stored setting %1: %2 Change it with &apos;config set %1 VALUE&apos;.</source>
        <translation>die gespeicherte Einstellung %1: %2 Ändern Sie sie mit &apos;config set %1 WERT&apos;.</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1 (it is never read from the command line or stored in a file). %2</source>
        <translation>kein Zugriffstoken: Setzen Sie die Umgebungsvariable %1 (es wird nie von der Befehlszeile gelesen oder in einer Datei gespeichert). %2</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1, or store the token in the keychain with &apos;herald-cli token set&apos; (it is never read from the command line or stored in a file)</source>
        <translation>kein Zugriffstoken: Setzen Sie die Umgebungsvariable %1 oder speichern Sie das Token mit &apos;herald-cli token set&apos; im Schlüsselbund (es wird nie von der Befehlszeile gelesen oder in einer Datei gespeichert)</translation>
    </message>
    <message>
        <source>no access token: %1 is not set and the keychain could not be read. %2</source>
        <translation>kein Zugriffstoken: %1 ist nicht gesetzt und der Schlüsselbund konnte nicht gelesen werden. %2</translation>
    </message>
</context>
<context>
    <name>ApiSettings</name>
    <message>
        <source>The CA certificate file %1 cannot be read: %2.</source>
        <translation>Die CA-Zertifikatsdatei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 holds no certificate in PEM or DER form.</source>
        <translation>Die CA-Zertifikatsdatei %1 enthält kein Zertifikat im PEM- oder DER-Format.</translation>
    </message>
    <message>
        <source>The API base URL &quot;%1&quot; is not a valid URL; the default is %2.</source>
        <translation>Die API-Basis-URL „%1“ ist keine gültige URL; Standard ist %2.</translation>
    </message>
    <message>
        <source>The API base URL must start with https://.</source>
        <translation>Die API-Basis-URL muss mit https:// beginnen.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a user name or password; they would be sent with every request and shown in logs.</source>
        <translation>Die API-Basis-URL darf keinen Benutzernamen und kein Passwort enthalten; sie würden mit jeder Anfrage gesendet und in Protokollen angezeigt.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a query (?…) or fragment (#…).</source>
        <translation>Die API-Basis-URL darf keine Abfrage (?…) und kein Fragment (#…) enthalten.</translation>
    </message>
    <message>
        <source>Plain http:// is allowed only for this computer (localhost, 127.x.x.x, ::1). For %1 use https://: over http the access token and every message would travel unencrypted.</source>
        <translation>Einfaches http:// ist nur für diesen Computer erlaubt (localhost, 127.x.x.x, ::1). Verwenden Sie für %1 https://: Über http würden das Zugriffstoken und jede Nachricht unverschlüsselt übertragen.</translation>
    </message>
    <message>
        <source>The API version &quot;%1&quot; is not valid; it looks like v23.0.</source>
        <translation>Die API-Version „%1“ ist ungültig; sie sieht etwa so aus: v23.0.</translation>
    </message>
    <message>
        <source>The phone number ID must be the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>Die Telefonnummern-ID muss die numerische ID aus Metas WhatsApp Manager sein, nicht die Telefonnummer selbst.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID must be numeric.</source>
        <translation>Die WhatsApp-Business-Konto-ID muss numerisch sein.</translation>
    </message>
    <message>
        <source>No access token is set.</source>
        <translation>Es ist kein Zugriffstoken festgelegt.</translation>
    </message>
    <message>
        <source>The access token contains spaces or characters that cannot appear in a token; copy it again from Meta&apos;s developer portal.</source>
        <translation>Das Zugriffstoken enthält Leerzeichen oder Zeichen, die in einem Token nicht vorkommen können; kopieren Sie es erneut aus Metas Entwicklerportal.</translation>
    </message>
    <message>
        <source>The request timeout must be at least one second.</source>
        <translation>Das Zeitlimit für Anfragen muss mindestens eine Sekunde betragen.</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>A setting needs a name.</source>
        <translation>Eine Einstellung braucht einen Namen.</translation>
    </message>
    <message>
        <source>A setting name must not begin or end with spaces.</source>
        <translation>Der Name einer Einstellung darf nicht mit Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; looks like a credential, and credentials are never stored in the database (anyone who can read it could use them). Give the access token in the environment variable HERALD_ACCESS_TOKEN or the operating system&apos;s keychain.</source>
        <translation>„%1“ sieht wie eine Zugangsinformation aus, und Zugangsdaten werden nie in der Datenbank gespeichert (wer sie lesen kann, könnte sie verwenden). Geben Sie das Zugriffstoken in der Umgebungsvariablen HERALD_ACCESS_TOKEN oder im Schlüsselbund des Betriebssystems an.</translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message>
        <source>Replace FILE if it exists.</source>
        <translation>DATEI ersetzen, falls sie existiert.</translation>
    </message>
    <message>
        <source>Copies the SQLite database to FILE while Herald runs, and checks the copy (PostgreSQL: prints the pg_dump command).</source>
        <translation>Kopiert die SQLite-Datenbank nach DATEI, während Herald läuft, und prüft die Kopie (PostgreSQL: gibt den pg_dump-Befehl aus).</translation>
    </message>
    <message>
        <source>Where to write the copy.</source>
        <translation>Wohin die Kopie geschrieben wird.</translation>
    </message>
    <message>
        <source>backup needs a FILE to write the copy to</source>
        <translation>backup braucht eine DATEI, in die die Kopie geschrieben wird</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: herald-cli backup copies SQLite files only. pg_dump takes a consistent copy while Herald runs (give the password with PGPASSWORD or ~/.pgpass):</source>
        <translation>Die Datenbank ist PostgreSQL: herald-cli backup kopiert nur SQLite-Dateien. pg_dump erstellt eine konsistente Kopie, während Herald läuft (Passwort über PGPASSWORD oder ~/.pgpass angeben):</translation>
    </message>
    <message>
        <source>Restore it into an empty database with:</source>
        <translation>Stellen Sie sie in einer leeren Datenbank wieder her mit:</translation>
    </message>
    <message>
        <source>Copied %1 to %2 (%3 bytes) in %4 ms.</source>
        <translation>%1 nach %2 kopiert (%3 Bytes) in %4 ms.</translation>
    </message>
    <message>
        <source>Integrity check: %1</source>
        <translation>Integritätsprüfung: %1</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Die Zähler jeder Kampagne stimmen mit einer Neuzählung ihrer Zeilen überein.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Zähler weichen von einer Neuzählung ab in: %1</translation>
    </message>
    <message>
        <source>The copy at %1 did not pass its check.</source>
        <translation>Die Kopie unter %1 hat ihre Prüfung nicht bestanden.</translation>
    </message>
</context>
<context>
    <name>CampaignActionRules</name>
    <message>
        <source>Select a campaign first.</source>
        <translation>Wählen Sie zuerst eine Kampagne aus.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <source>This window is sending it.</source>
        <translation>Dieses Fenster sendet sie.</translation>
    </message>
    <message>
        <source>It is being sent by %1.</source>
        <translation>Sie wird von %1 gesendet.</translation>
    </message>
    <message>
        <source>It is %1: use Resume.</source>
        <translation>Sie ist %1: Verwenden Sie „Fortsetzen“.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be started.</source>
        <translation>Eine Kampagne im Status „%1“ kann nicht gestartet werden.</translation>
    </message>
    <message>
        <source>It has no recipients yet: import contacts first.</source>
        <translation>Sie hat noch keine Empfänger: Importieren Sie zuerst Kontakte.</translation>
    </message>
    <message>
        <source>Only a running campaign can be paused.</source>
        <translation>Nur eine laufende Kampagne kann pausiert werden.</translation>
    </message>
    <message>
        <source>Only a paused or stopped campaign can be resumed.</source>
        <translation>Nur eine pausierte oder angehaltene Kampagne kann fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Nothing is left to send: resend failed messages first.</source>
        <translation>Es ist nichts mehr zu senden: Senden Sie zuerst fehlgeschlagene Nachrichten erneut.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be cancelled.</source>
        <translation>Eine Kampagne im Status „%1“ kann nicht abgebrochen werden.</translation>
    </message>
    <message>
        <source>A cancelled campaign cannot send again.</source>
        <translation>Eine abgebrochene Kampagne kann nicht mehr senden.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Keine Nachricht dieser Kampagne ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>It has no recipients yet.</source>
        <translation>Sie hat noch keine Empfänger.</translation>
    </message>
    <message>
        <source>Only a draft can be edited; this one is %1.</source>
        <translation>Nur ein Entwurf kann bearbeitet werden; diese Kampagne hat den Status „%1“.</translation>
    </message>
    <message>
        <source>Only a draft can be deleted; this one is %1: cancel it instead.</source>
        <translation>Nur ein Entwurf kann gelöscht werden; diese Kampagne hat den Status „%1“: Brechen Sie sie stattdessen ab.</translation>
    </message>
    <message>
        <source>It is running: pause it first.</source>
        <translation>Sie läuft: Pausieren Sie sie zuerst.</translation>
    </message>
    <message>
        <source>Contacts can be added to a draft or a paused campaign; this one is %1.</source>
        <translation>Kontakte können nur einem Entwurf oder einer pausierten Kampagne hinzugefügt werden; diese Kampagne hat den Status „%1“.</translation>
    </message>
    <message>
        <source>It is scheduled: unschedule it first (Campaign ▸ Unschedule), which makes it a draft again.</source>
        <translation>Sie ist geplant: Heben Sie zuerst die Planung auf (Kampagne ▸ Planung aufheben); dadurch wird sie wieder zum Entwurf.</translation>
    </message>
    <message>
        <source>Only a scheduled campaign can be unscheduled; this one is %1.</source>
        <translation>Die Planung kann nur bei einer geplanten Kampagne aufgehoben werden; diese Kampagne hat den Status „%1“.</translation>
    </message>
</context>
<context>
    <name>CampaignCommand</name>
    <message>
        <source>create: the campaign&apos;s name (unique).</source>
        <translation>create: der Name der Kampagne (eindeutig).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>create: the approved WhatsApp template to send.</source>
        <translation>create: die genehmigte WhatsApp-Vorlage, die gesendet wird.</translation>
    </message>
    <message>
        <source>template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>create: the template&apos;s language code, e.g. en_US.</source>
        <translation>create: der Sprachcode der Vorlage, z. B. de_DE.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>create: the WhatsApp Business phone number id to send from.</source>
        <translation>create: die Telefonnummern-ID von WhatsApp Business, von der gesendet wird.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>schedule: when to start, ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00; without an offset it is this computer&apos;s local time.</source>
        <translation>schedule: wann gestartet wird, ISO 8601, z. B. 2026-12-07T09:30:00Z oder 2026-12-07T10:30+01:00; ohne Zeitzonenversatz gilt die Ortszeit dieses Computers.</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>quiet-hours: the window in each recipient&apos;s local time, HH:MM-HH:MM, e.g. 09:00-20:00.</source>
        <translation>quiet-hours: das Zeitfenster in der Ortszeit des jeweiligen Empfängers, HH:MM-HH:MM, z. B. 09:00-20:00.</translation>
    </message>
    <message>
        <source>from-until</source>
        <translation>von-bis</translation>
    </message>
    <message>
        <source>quiet-hours: send Monday to Friday only (recipient&apos;s local date).</source>
        <translation>quiet-hours: nur Montag bis Freitag senden (Ortsdatum des Empfängers).</translation>
    </message>
    <message>
        <source>quiet-hours: the time zone for one country instead of its main zone, e.g. BR=America/Manaus; repeatable.</source>
        <translation>quiet-hours: die Zeitzone für ein Land statt seiner Hauptzone, z. B. BR=America/Manaus; wiederholbar.</translation>
    </message>
    <message>
        <source>CC=zone</source>
        <translation>CC=Zone</translation>
    </message>
    <message>
        <source>quiet-hours: send at any hour again.</source>
        <translation>quiet-hours: wieder zu jeder Uhrzeit senden.</translation>
    </message>
    <message>
        <source>estimate: price this category instead of the template&apos;s (e.g. MARKETING).</source>
        <translation>estimate: diese Kategorie statt der der Vorlage berechnen (z. B. MARKETING).</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>estimate: count only the recipients still to send.</source>
        <translation>estimate: nur die Empfänger zählen, an die noch gesendet wird.</translation>
    </message>
    <message>
        <source>creates a draft campaign and prints its id</source>
        <translation>erstellt einen Kampagnenentwurf und gibt seine ID aus</translation>
    </message>
    <message>
        <source>starts a draft campaign at a time (--at)</source>
        <translation>startet einen Kampagnenentwurf zu einem Zeitpunkt (--at)</translation>
    </message>
    <message>
        <source>turns a scheduled campaign back into a draft</source>
        <translation>macht eine geplante Kampagne wieder zum Entwurf</translation>
    </message>
    <message>
        <source>sends only inside a window of each recipient&apos;s local time (--window)</source>
        <translation>sendet nur innerhalb eines Zeitfensters in der Ortszeit des jeweiligen Empfängers (--window)</translation>
    </message>
    <message>
        <source>prices the campaign&apos;s recipients from the rate card and stores the estimate</source>
        <translation>berechnet die Empfänger der Kampagne nach der Preisliste und speichert die Schätzung</translation>
    </message>
    <message>
        <source>Manages campaigns: %1.</source>
        <translation>Verwaltet Kampagnen: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Aktionen:</translation>
    </message>
    <message>
        <source>campaign needs an action: %1</source>
        <translation>campaign braucht eine Aktion: %1</translation>
    </message>
    <message>
        <source>unknown campaign action &quot;%1&quot; (known: %2)</source>
        <translation>unbekannte campaign-Aktion „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>--at &quot;%1&quot; is not a date and time; write it as ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00</source>
        <translation>--at „%1“ ist kein Datum mit Uhrzeit; schreiben Sie es als ISO 8601, z. B. 2026-12-07T09:30:00Z oder 2026-12-07T10:30+01:00</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time); a running console or `herald-cli run` starts it then.</source>
        <translation>Kampagne „%1“ ist für %2 UTC (%3 Ortszeit) geplant; eine laufende Konsole oder `herald-cli run` startet sie dann.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is a draft again; it starts when you start or schedule it.</source>
        <translation>Kampagne „%1“ ist wieder ein Entwurf; sie startet, wenn Sie sie starten oder planen.</translation>
    </message>
    <message>
        <source>--window &quot;%1&quot; is not a window; write it as HH:MM-HH:MM, e.g. 09:00-20:00</source>
        <translation>--window „%1“ ist kein Zeitfenster; schreiben Sie es als HH:MM-HH:MM, z. B. 09:00-20:00</translation>
    </message>
    <message>
        <source>--zone &quot;%1&quot; must be a country code, = and a time zone, e.g. BR=America/Manaus</source>
        <translation>--zone „%1“ muss ein Ländercode, = und eine Zeitzone sein, z. B. BR=America/Manaus</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends at any hour.</source>
        <translation>Kampagne „%1“ sendet zu jeder Uhrzeit.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends from %2 to %3 in each recipient&apos;s local time%4.</source>
        <translation>Kampagne „%1“ sendet von %2 bis %3 in der Ortszeit des jeweiligen Empfängers%4.</translation>
    </message>
    <message>
        <source>, Monday to Friday</source>
        <translation>, Montag bis Freitag</translation>
    </message>
    <message>
        <source>%1 uses %2.</source>
        <translation>%1 verwendet %2.</translation>
    </message>
    <message>
        <source>create: send from a pool of the account&apos;s phone numbers instead, comma-separated IDs; each recipient keeps one of them.</source>
        <translation>create: stattdessen aus einem Pool von Telefonnummern des Kontos senden, IDs durch Kommas getrennt; jeder Empfänger behält eine davon.</translation>
    </message>
    <message>
        <source>id,id,…</source>
        <translation>ID,ID,…</translation>
    </message>
    <message>
        <source>reassign: only the recipients of this number (default: every number out of the pool).</source>
        <translation>reassign: nur die Empfänger dieser Nummer (Standard: jede aus dem Pool genommene Nummer).</translation>
    </message>
    <message>
        <source>schedule, unschedule, quiet-hours, estimate, reassign: the campaign&apos;s name.</source>
        <translation>schedule, unschedule, quiet-hours, estimate, reassign: der Name der Kampagne.</translation>
    </message>
    <message>
        <source>moves the recipients of numbers taken out of the campaign&apos;s pool to its other numbers, and records it</source>
        <translation>verschiebt die Empfänger von aus dem Pool genommenen Nummern auf die anderen Nummern der Kampagne und hält das fest</translation>
    </message>
    <message>
        <source>give either --phone-number-id or --numbers, not both</source>
        <translation>geben Sie entweder --phone-number-id oder --numbers an, nicht beides</translation>
    </message>
    <message>
        <source>herald-cli on %1</source>
        <translation>herald-cli auf %1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: no recipient waits for a number out of the pool.</source>
        <translation>Kampagne „%1“: kein Empfänger wartet auf eine aus dem Pool genommene Nummer.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: moved %2 recipients of %3 to %4.</source>
        <translation>Kampagne „%1“: %2 Empfänger von %3 auf %4 verschoben.</translation>
    </message>
</context>
<context>
    <name>CampaignEstimate</name>
    <message>
        <source>Cost estimate for &quot;%1&quot;: %2 %3 (template %4, %5), made %6 UTC.</source>
        <translation>Kostenschätzung für „%1“: %2 %3 (Vorlage %4, %5), erstellt %6 UTC.</translation>
    </message>
    <message>
        <source>recipients still to send</source>
        <translation>Empfänger, an die noch gesendet wird</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Rate card %1: %2.</source>
        <translation>Preisliste %1: %2.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: import Meta&apos;s current card for a real estimate (herald-cli ratecard import FILE --effective DATE).</source>
        <translation>Dies ist die Beispielpreisliste von Herald: Importieren Sie Metas aktuelle Preisliste für eine echte Schätzung (herald-cli ratecard import DATEI --effective DATUM).</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Total: %1 for %2 recipients.</source>
        <translation>Gesamt: %1 für %2 Empfänger.</translation>
    </message>
    <message>
        <source>Not priced: %1 recipients in %2: %3.</source>
        <translation>Nicht berechnet: %1 Empfänger in %2: %3.</translation>
    </message>
    <message>
        <source>Meta charges delivered messages only: this is the most these recipients cost at these prices.</source>
        <translation>Meta berechnet nur zugestellte Nachrichten: Mehr als diesen Betrag kosten diese Empfänger zu diesen Preisen nicht.</translation>
    </message>
</context>
<context>
    <name>CampaignReadiness</name>
    <message>
        <source>template %1 is not in the synced list; run templates sync</source>
        <translation>Vorlage %1 ist nicht in der synchronisierten Liste; synchronisieren Sie die Vorlagen</translation>
    </message>
    <message>
        <source>template %1 is %2: only APPROVED templates can be sent</source>
        <translation>Vorlage %1 ist %2: Nur genehmigte (APPROVED) Vorlagen können gesendet werden</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 on %4 (UTC); messages are charged as %3%5</source>
        <translation>Meta hat die Kategorie der Vorlage %1 am %4 (UTC) von %2 auf %3 geändert; Nachrichten werden als %3 berechnet%5</translation>
    </message>
    <message>
        <source> and count towards the marketing limits</source>
        <translation> und zählen zu den Marketing-Limits</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>Vorlage %1: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no messages queued to send</source>
        <translation>Kampagne „%1“ hat keine Nachrichten in der Warteschlange</translation>
    </message>
    <message numerus="yes">
        <source>%1 has no value for %Ln contact(s) and no campaign default</source>
        <translation>
            <numerusform>%1 hat für %Ln Kontakt keinen Wert und keinen Kampagnen-Standardwert</numerusform>
            <numerusform>%1 hat für %Ln Kontakte keinen Wert und keinen Kampagnen-Standardwert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignStatus</name>
    <message>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>the campaign is already %1</source>
        <translation>Die Kampagne ist bereits %1</translation>
    </message>
    <message>
        <source>a campaign cannot go from %1 to %2</source>
        <translation>Eine Kampagne kann nicht von %1 zu %2 wechseln</translation>
    </message>
    <message>
        <source>draft</source>
        <comment>status inside a sentence</comment>
        <translation>Entwurf</translation>
    </message>
    <message>
        <source>scheduled</source>
        <comment>status inside a sentence</comment>
        <translation>geplant</translation>
    </message>
    <message>
        <source>running</source>
        <comment>status inside a sentence</comment>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>status inside a sentence</comment>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>status inside a sentence</comment>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>status inside a sentence</comment>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>status inside a sentence</comment>
        <translation>angehalten</translation>
    </message>
</context>
<context>
    <name>CliApplication</name>
    <message>
        <source>The database: a SQLite file path, or postgresql://user:password@host:port/database. Default: $HERALD_DB, else %1.</source>
        <translation>Die Datenbank: ein SQLite-Dateipfad oder postgresql://user:password@host:port/database. Standard: $HERALD_DB, sonst %1.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Shows this help.</source>
        <translation>Zeigt diese Hilfe.</translation>
    </message>
    <message>
        <source>Shows the version.</source>
        <translation>Zeigt die Version.</translation>
    </message>
    <message>
        <source>Prints the result as one JSON document instead of a table.</source>
        <translation>Gibt das Ergebnis als ein JSON-Dokument statt als Tabelle aus.</translation>
    </message>
    <message>
        <source>Run &apos;%1 --help&apos; for the commands.</source>
        <translation>Führen Sie &apos;%1 --help&apos; aus, um die Befehle zu sehen.</translation>
    </message>
    <message>
        <source>Run &apos;%1 %2 --help&apos; for its options.</source>
        <translation>Führen Sie &apos;%1 %2 --help&apos; aus, um seine Optionen zu sehen.</translation>
    </message>
    <message>
        <source>Herald&apos;s headless console: sets up the database and inspects and repairs campaigns.</source>
        <translation>Die Konsole von Herald ohne Oberfläche: richtet die Datenbank ein, prüft und repariert Kampagnen.</translation>
    </message>
    <message>
        <source>The command to run (see Commands).</source>
        <translation>Der auszuführende Befehl (siehe Befehle).</translation>
    </message>
    <message>
        <source>&lt;command&gt;</source>
        <translation>&lt;Befehl&gt;</translation>
    </message>
    <message>
        <source>The command&apos;s options; see herald-cli &lt;command&gt; --help.</source>
        <translation>Die Optionen des Befehls; siehe herald-cli &lt;Befehl&gt; --help.</translation>
    </message>
    <message>
        <source>[command options]</source>
        <translation>[Befehlsoptionen]</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>kein Befehl angegeben</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>unbekannter Befehl „%1“</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>there is no Herald database at %1: run &apos;%2 init&apos; to create it</source>
        <translation>unter %1 gibt es keine Herald-Datenbank: Führen Sie &apos;%2 init&apos; aus, um sie zu erstellen</translation>
    </message>
    <message>
        <source>the database %1 is not usable by this program; nothing was done:</source>
        <translation>die Datenbank %1 ist für dieses Programm nicht verwendbar; nichts wurde getan:</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for a command&apos;s options.</source>
        <translation>Führen Sie &apos;%1 &lt;Befehl&gt; --help&apos; aus, um die Optionen eines Befehls zu sehen.</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>internal error: this command has no database connection</source>
        <translation>interner Fehler: Dieser Befehl hat keine Datenbankverbindung</translation>
    </message>
    <message>
        <source>missing required option --%1</source>
        <translation>erforderliche Option --%1 fehlt</translation>
    </message>
    <message>
        <source>there is no campaign named &quot;%1&quot;</source>
        <translation>es gibt keine Kampagne namens „%1“</translation>
    </message>
</context>
<context>
    <name>ConfigCommand</name>
    <message>
        <source>usage: config %1</source>
        <translation>Aufruf: config %1</translation>
    </message>
    <message>
        <source>Settings stored with the database (set, get, list, unset), e.g. api.base and api.waba_id.</source>
        <translation>Mit der Datenbank gespeicherte Einstellungen (set, get, list, unset), z. B. api.base und api.waba_id.</translation>
    </message>
    <message>
        <source>What to do:
  set KEY VALUE - stores a setting
  get KEY - prints its value
  list - shows every setting
  unset KEY - removes it
API keys: %1. Access tokens are never stored: give them in %2.</source>
        <translation>Aktionen:
  set SCHLÜSSEL WERT - speichert eine Einstellung
  get SCHLÜSSEL - gibt ihren Wert aus
  list - zeigt alle Einstellungen
  unset SCHLÜSSEL - entfernt sie
API-Schlüssel: %1. Zugriffstoken werden nie gespeichert: Geben Sie sie in %2 an.</translation>
    </message>
    <message>
        <source>config needs an action: set, get, list, unset</source>
        <translation>config braucht eine Aktion: set, get, list, unset</translation>
    </message>
    <message>
        <source>unknown config action &quot;%1&quot; (known: set, get, list, unset)</source>
        <translation>unbekannte config-Aktion „%1“ (bekannt: set, get, list, unset)</translation>
    </message>
    <message>
        <source>%1 is not set</source>
        <translation>%1 ist nicht gesetzt</translation>
    </message>
    <message>
        <source>No settings stored.</source>
        <translation>Keine Einstellungen gespeichert.</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>There is no database at %1 yet; Herald creates it there when it starts.</source>
        <translation>Unter %1 gibt es noch keine Datenbank; Herald legt sie dort beim Start an.</translation>
    </message>
    <message>
        <source>Connected to %1. It holds no Herald data yet; Herald creates its tables when it starts.</source>
        <translation>Verbunden mit %1. Sie enthält noch keine Herald-Daten; Herald legt seine Tabellen beim Start an.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, which this Herald upgrades to %3 when it starts.</source>
        <translation>Verbunden mit %1: Herald-Schemaversion %2, die dieses Herald beim Start auf %3 aktualisiert.</translation>
    </message>
    <message>
        <source>Connected to %1, but its schema (version %2) is newer than this Herald knows (%3): update Herald before using it.</source>
        <translation>Verbunden mit %1, aber das Schema (Version %2) ist neuer, als dieses Herald kennt (%3): Aktualisieren Sie Herald, bevor Sie sie verwenden.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, up to date.</source>
        <translation>Verbunden mit %1: Herald-Schemaversion %2, aktuell.</translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message>
        <source>missing value for %1 (column %2)</source>
        <translation>fehlender Wert für %1 (Spalte %2)</translation>
    </message>
    <message>
        <source>The report of rows not imported could not be written to %1: %2</source>
        <translation>Der Bericht über nicht importierte Zeilen konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <source>line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>%1: cannot be opened: %2</source>
        <translation>%1: kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1: no column holds phone numbers; name it with --phone-column.</source>
        <translation>%1: Keine Spalte enthält Telefonnummern; benennen Sie sie mit --phone-column.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: parameter %2: %3</source>
        <translation>%1: Parameter %2: %3</translation>
    </message>
    <message>
        <source>the same number (%1) as line %2</source>
        <translation>dieselbe Nummer (%1) wie Zeile %2</translation>
    </message>
    <message numerus="yes">
        <source>a campaign sent to this number in the last %n day(s)</source>
        <translation>
            <numerusform>eine Kampagne hat diese Nummer innerhalb von %n Tag angeschrieben</numerusform>
            <numerusform>eine Kampagne hat diese Nummer innerhalb der letzten %n Tage angeschrieben</numerusform>
        </translation>
    </message>
    <message>
        <source>the number is on the opt-out list</source>
        <translation>die Nummer steht auf der Abmeldeliste</translation>
    </message>
    <message>
        <source>the number is already in the campaign</source>
        <translation>die Nummer ist bereits in der Kampagne</translation>
    </message>
</context>
<context>
    <name>CostEstimate</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, gültig ab %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (Beispiel: nicht Metas Preise)</translation>
    </message>
</context>
<context>
    <name>CostEstimator</name>
    <message>
        <source>non-geographic numbers</source>
        <translation>nicht geografische Nummern</translation>
    </message>
    <message>
        <source>unknown country</source>
        <translation>unbekanntes Land</translation>
    </message>
    <message>
        <source>the card has no market for %1 and no market for the rest of the world</source>
        <translation>Die Preisliste hat keinen Markt für %1 und keinen für den Rest der Welt</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; has no %2 price</source>
        <translation>Markt „%1“ hat keinen Preis für %2</translation>
    </message>
    <message>
        <source>The category of template %1 (%2) is not known: sync the templates first, or give the category.</source>
        <translation>Die Kategorie der Vorlage %1 (%2) ist unbekannt: Synchronisieren Sie zuerst die Vorlagen oder geben Sie die Kategorie an.</translation>
    </message>
    <message>
        <source>There is no rate card %1.</source>
        <translation>Es gibt keine Preisliste %1.</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>ein Datum, das Meta nicht angegeben hat</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 (%2) from %3 to %4 on %5, after the estimate of %6: re-estimated, %7 → %8.</source>
        <translation>Meta hat die Kategorie der Vorlage %1 (%2) am %5 von %3 auf %4 geändert, nach der Schätzung vom %6: neu geschätzt, %7 → %8.</translation>
    </message>
</context>
<context>
    <name>CountryNames</name>
    <message>
        <source>unknown country</source>
        <translation>unbekanntes Land</translation>
    </message>
    <message>
        <source>non-geographic numbers</source>
        <translation>nicht geografische Nummern</translation>
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
        <translation>Die Datei ist leer; es gibt keine Zeilen zu importieren</translation>
    </message>
    <message>
        <source>this is not a text file: it contains binary data (zero bytes); save the spreadsheet as CSV and import that file</source>
        <translation>Dies ist keine Textdatei: Sie enthält Binärdaten (Null-Bytes); speichern Sie die Tabelle als CSV und importieren Sie diese Datei</translation>
    </message>
    <message>
        <source>UTF-8 with byte order mark</source>
        <translation>UTF-8 mit Byte-Order-Mark</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-16 little-endian</source>
        <translation>UTF-16 Little Endian</translation>
    </message>
    <message>
        <source>UTF-16 big-endian</source>
        <translation>UTF-16 Big Endian</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252 (Westeuropäisch)</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>first row is a header</source>
        <translation>erste Zeile ist eine Kopfzeile</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>keine Kopfzeile</translation>
    </message>
    <message>
        <source>the file cannot be opened (%1)</source>
        <translation>Die Datei kann nicht geöffnet werden (%1)</translation>
    </message>
    <message>
        <source>the file is not open for reading</source>
        <translation>Die Datei ist nicht zum Lesen geöffnet</translation>
    </message>
    <message>
        <source>%1, line %2: %3.</source>
        <translation>%1, Zeile %2: %3.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>“%1” cannot be used as the delimiter</source>
        <translation>„%1“ kann nicht als Trennzeichen verwendet werden</translation>
    </message>
    <message>
        <source>the file has a header row but no data rows below it</source>
        <translation>Die Datei hat eine Kopfzeile, aber keine Datenzeilen darunter</translation>
    </message>
    <message>
        <source>reading failed (%1)</source>
        <translation>Lesen fehlgeschlagen (%1)</translation>
    </message>
    <message>
        <source>this is a spreadsheet workbook (such as .xlsx or .xls), not a CSV file; in the spreadsheet use “Save As” with the type “CSV UTF-8” and import that file</source>
        <translation>Dies ist eine Tabellenkalkulations-Arbeitsmappe (etwa .xlsx oder .xls), keine CSV-Datei; verwenden Sie in der Tabellenkalkulation „Speichern unter“ mit dem Typ „CSV UTF-8“ und importieren Sie diese Datei</translation>
    </message>
    <message>
        <source>this is not a text file: it is full of control characters; save the spreadsheet as CSV and import that file</source>
        <translation>Dies ist keine Textdatei: Sie ist voller Steuerzeichen; speichern Sie die Tabelle als CSV und importieren Sie diese Datei</translation>
    </message>
    <message>
        <source>“%1” (columns %2)</source>
        <translation>„%1“ (Spalten %2)</translation>
    </message>
    <message>
        <source>the header names a column more than once: %1; every column needs a distinct name</source>
        <translation>Die Kopfzeile nennt eine Spalte mehrfach: %1; jede Spalte braucht einen eigenen Namen</translation>
    </message>
    <message>
        <source>a quoted field starts on this line but its closing quote is missing</source>
        <translation>In dieser Zeile beginnt ein Feld in Anführungszeichen, aber das schließende Anführungszeichen fehlt</translation>
    </message>
    <message>
        <source>a field starting on this line is longer than %1 characters, the limit for one field; this usually means a quote opened on this line is never closed</source>
        <translation>Ein Feld, das in dieser Zeile beginnt, ist länger als %1 Zeichen, die Grenze für ein Feld; meist bedeutet das, dass ein in dieser Zeile geöffnetes Anführungszeichen nie geschlossen wird</translation>
    </message>
    <message>
        <source>a field on this line is longer than %1 characters, the limit for one field</source>
        <translation>Ein Feld in dieser Zeile ist länger als %1 Zeichen, die Grenze für ein Feld</translation>
    </message>
    <message>
        <source>the row starting on this line is longer than %1 characters, the limit for one row</source>
        <translation>Die Zeile, die hier beginnt, ist länger als %1 Zeichen, die Grenze für eine Zeile</translation>
    </message>
    <message>
        <source>the row has %1 fields but the header has %2 columns</source>
        <translation>Die Zeile hat %1 Felder, die Kopfzeile aber %2 Spalten</translation>
    </message>
    <message>
        <source>the row has %1 fields but the first row has %2</source>
        <translation>Die Zeile hat %1 Felder, die erste Zeile aber %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, line %2: %n sequence(s) of bytes that are not valid %3 were replaced with “�”; if names look wrong, import the file again with the encoding windows-1252.</source>
        <translation>
            <numerusform>%1, Zeile %2: %n Bytefolge, die kein gültiges %3 ist, wurde durch „�“ ersetzt; wenn Namen falsch aussehen, importieren Sie die Datei erneut mit der Kodierung windows-1252.</numerusform>
            <numerusform>%1, Zeile %2: %n Bytefolgen, die kein gültiges %3 sind, wurden durch „�“ ersetzt; wenn Namen falsch aussehen, importieren Sie die Datei erneut mit der Kodierung windows-1252.</numerusform>
        </translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>kommagetrennt</translation>
    </message>
    <message>
        <source>semicolon-separated</source>
        <translation>semikolongetrennt</translation>
    </message>
    <message>
        <source>tab-separated</source>
        <translation>tabulatorgetrennt</translation>
    </message>
    <message>
        <source>separated by vertical bars</source>
        <translation>durch senkrechte Striche getrennt</translation>
    </message>
    <message>
        <source>separated by “%1”</source>
        <translation>getrennt durch „%1“</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>writing failed (%1)</source>
        <translation>Schreiben fehlgeschlagen (%1)</translation>
    </message>
</context>
<context>
    <name>DailyBuckets</name>
    <message>
        <source>per day</source>
        <translation>pro Tag</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>pro Woche</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>pro Monat</translation>
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
        <translation>Die in den Einstellungen gewählte Datenbank kann nicht verwendet werden: %1 Starten Sie Herald mit --db, um eine andere zu öffnen.</translation>
    </message>
    <message>
        <source>The password of %1 is no longer in the keychain. Enter it again in Settings.</source>
        <translation>Das Passwort für %1 ist nicht mehr im Schlüsselbund. Geben Sie es in den Einstellungen erneut ein.</translation>
    </message>
    <message>
        <source>The password of %1 could not be read from the keychain: %2</source>
        <translation>Das Passwort für %1 konnte nicht aus dem Schlüsselbund gelesen werden: %2</translation>
    </message>
    <message>
        <source>The database password was not stored: %1 Herald never writes it to a file; start Herald with --db or HERALD_DB instead.</source>
        <translation>Das Datenbankpasswort wurde nicht gespeichert: %1 Herald schreibt es nie in eine Datei; starten Sie Herald stattdessen mit --db oder HERALD_DB.</translation>
    </message>
    <message>
        <source>chosen with --db</source>
        <translation>mit --db gewählt</translation>
    </message>
    <message>
        <source>chosen with HERALD_DB</source>
        <translation>mit HERALD_DB gewählt</translation>
    </message>
    <message>
        <source>chosen in Settings</source>
        <translation>in den Einstellungen gewählt</translation>
    </message>
    <message>
        <source>the embedded default</source>
        <translation>die eingebettete Standarddatenbank</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <source>Recipients in the sample campaign (default 2000).</source>
        <translation>Empfänger in der Beispielkampagne (Standard 2000).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Messages per second at most (default 200; Meta allows 80 to 1,000).</source>
        <translation>Höchstens so viele Nachrichten pro Sekunde (Standard 200; Meta erlaubt 80 bis 1.000).</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>The simulator&apos;s median answer time in ms (default 150).</source>
        <translation>Die mittlere Antwortzeit (Median) des Simulators in ms (Standard 150).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Sends a sample campaign to the built-in Cloud API simulator, with live progress.</source>
        <translation>Sendet eine Beispielkampagne an den eingebauten Cloud-API-Simulator, mit Live-Fortschritt.</translation>
    </message>
    <message>
        <source>--contacts must be a number from 1 to 1,000,000</source>
        <translation>--contacts muss eine Zahl von 1 bis 1.000.000 sein</translation>
    </message>
    <message>
        <source>--rate must be from 1 to 1,000 messages per second</source>
        <translation>--rate muss zwischen 1 und 1.000 Nachrichten pro Sekunde liegen</translation>
    </message>
    <message>
        <source>--latency must be from 0 to 10,000 ms</source>
        <translation>--latency muss zwischen 0 und 10.000 ms liegen</translation>
    </message>
    <message>
        <source>the built-in simulator could not start: %1</source>
        <translation>der eingebaute Simulator konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>template sync with the simulator failed: %1</source>
        <translation>die Vorlagensynchronisierung mit dem Simulator ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Demo %1</source>
        <translation>Demo %1</translation>
    </message>
    <message>
        <source>Synced %1 templates from the simulator. Created campaign &quot;%2&quot; (order_update, en_US) with %3 recipients; the simulator answers in ~%4 ms.</source>
        <translation>%1 Vorlagen vom Simulator synchronisiert. Kampagne „%2“ (order_update, en_US) mit %3 Empfängern erstellt; der Simulator antwortet in ~%4 ms.</translation>
    </message>
    <message>
        <source>  failed with reason %1: %2</source>
        <translation>  fehlgeschlagen mit Grund %1: %2</translation>
    </message>
    <message>
        <source>The simulator accepted %1 messages and received %2 send requests.</source>
        <translation>Der Simulator hat %1 Nachrichten angenommen und %2 Sendeanfragen erhalten.</translation>
    </message>
    <message>
        <source>the built-in webhook receiver could not start: %1</source>
        <translation>der eingebaute Webhook-Empfänger konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Waiting for the delivery reports (status webhooks)…</source>
        <translation>Warte auf die Zustellberichte (Status-Webhooks)…</translation>
    </message>
    <message>
        <source>Delivered %1 (%2), read %3 (%4), failed after sending %5: reported by the simulator&apos;s status webhooks to the built-in receiver.</source>
        <translation>Zugestellt %1 (%2), gelesen %3 (%4), nach dem Senden fehlgeschlagen %5: gemeldet von den Status-Webhooks des Simulators an den eingebauten Empfänger.</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <source>Checks the database schema and lists anything missing (exit code 4 if so).</source>
        <translation>Prüft das Datenbankschema und listet alles Fehlende auf (in dem Fall Exit-Code 4).</translation>
    </message>
    <message>
        <source>schema OK (version %1)</source>
        <translation>Schema OK (Version %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n schema problem(s) found (database version %1, this program expects %2)</source>
        <translation>
            <numerusform>%n Schemaproblem gefunden (Datenbankversion %1, dieses Programm erwartet %2)</numerusform>
            <numerusform>%n Schemaprobleme gefunden (Datenbankversion %1, dieses Programm erwartet %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
</context>
<context>
    <name>EraseCommand</name>
    <message>
        <source>The person&apos;s phone number, written in any form the import reads.</source>
        <translation>Die Telefonnummer der Person, in jeder Form, die der Import liest.</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Country of a number written without country code, e.g. DE (default: import.region).</source>
        <translation>Land einer Nummer ohne Ländervorwahl, z. B. DE (Standard: import.region).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Also put the number on the opt-out list, so no later import messages it.</source>
        <translation>Die Nummer auch auf die Abmeldeliste setzen, damit kein späterer Import sie anschreibt.</translation>
    </message>
    <message>
        <source>Erases one person&apos;s number, name and parameters from every campaign, keeping the counts.</source>
        <translation>Löscht Nummer, Name und Parameter einer Person aus jeder Kampagne; die Zähler bleiben.</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Nichts wurde gelöscht.</translation>
    </message>
    <message>
        <source>%1 is in no campaign: nothing to erase.</source>
        <translation>%1 ist in keiner Kampagne: nichts zu löschen.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n Kampagne</numerusform>
            <numerusform>%n Kampagnen</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased %1&apos;s number, name and parameters from %2 in %3; the campaigns&apos; counts are unchanged.</source>
        <translation>Nummer, Name und Parameter von %1 aus %2 in %3 gelöscht; die Zähler der Kampagnen bleiben unverändert.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n noch wartende Nachricht wird nicht gesendet (fehlgeschlagen, Grund „erased“).</numerusform>
            <numerusform>%n noch wartende Nachrichten werden nicht gesendet (fehlgeschlagen, Grund „erased“).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 steht jetzt auf der Abmeldeliste.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list (herald-cli optout remove takes it off).</source>
        <translation>%1 bleibt auf der Abmeldeliste (herald-cli optout remove entfernt sie).</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <source>No phone number to erase.</source>
        <translation>Keine Telefonnummer zum Löschen.</translation>
    </message>
    <message>
        <source>A message to %1 is being sent right now (campaign &quot;%2&quot;); nothing was erased. Try again once it is answered, or after herald-cli repair if no sender is running.</source>
        <translation>Eine Nachricht an %1 wird gerade gesendet (Kampagne „%2“); nichts wurde gelöscht. Versuchen Sie es erneut, sobald sie beantwortet ist, oder nach herald-cli repair, wenn kein Sender läuft.</translation>
    </message>
    <message>
        <source>Personal data erased on request</source>
        <translation>Personenbezogene Daten auf Anfrage gelöscht</translation>
    </message>
</context>
<context>
    <name>ErrorPolicy</name>
    <message>
        <source>The phone number&apos;s sending rate (messages per second) was reached.</source>
        <translation>Die Senderate der Telefonnummer (Nachrichten pro Sekunde) wurde erreicht.</translation>
    </message>
    <message>
        <source>Nothing: Herald slows down and sends the message again.</source>
        <translation>Nichts: Herald sendet langsamer und schickt die Nachricht erneut.</translation>
    </message>
    <message>
        <source>Too many messages to this recipient in a short time (about one every 6 seconds is allowed).</source>
        <translation>Zu viele Nachrichten an diesen Empfänger in kurzer Zeit (erlaubt ist etwa eine alle 6 Sekunden).</translation>
    </message>
    <message>
        <source>Nothing: Herald sends to this recipient a few seconds later and keeps sending to the others.</source>
        <translation>Nichts: Herald sendet an diesen Empfänger einige Sekunden später und sendet an die anderen weiter.</translation>
    </message>
    <message>
        <source>The app made too many API calls (app call-rate limit).</source>
        <translation>Die App hat zu viele API-Aufrufe gemacht (Aufruflimit der App).</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses sending for a minute and continues more slowly. If it keeps happening, lower the sending rate.</source>
        <translation>Nichts: Herald pausiert das Senden für eine Minute und macht langsamer weiter. Wenn das immer wieder passiert, senken Sie die Senderate.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account made too many API calls (account rate limit).</source>
        <translation>Das WhatsApp-Business-Konto hat zu viele API-Aufrufe gemacht (Kontolimit).</translation>
    </message>
    <message>
        <source>The business account is in maintenance, for example while its throughput is being upgraded.</source>
        <translation>Das Business-Konto wird gewartet, zum Beispiel während sein Durchsatz erhöht wird.</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses for about a minute and tries again.</source>
        <translation>Nichts: Herald pausiert etwa eine Minute und versucht es erneut.</translation>
    </message>
    <message>
        <source>A temporary problem or downtime at Meta.</source>
        <translation>Ein vorübergehendes Problem oder ein Ausfall bei Meta.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times with growing pauses.</source>
        <translation>Nichts: Herald versucht es einige Male mit wachsenden Pausen erneut.</translation>
    </message>
    <message>
        <source>Something went wrong at Meta while sending.</source>
        <translation>Bei Meta ist beim Senden etwas schiefgegangen.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times. If it keeps failing, give Meta support the fbtrace_id.</source>
        <translation>Nichts: Herald versucht es einige Male erneut. Schlägt es weiter fehl, geben Sie dem Meta-Support die fbtrace_id.</translation>
    </message>
    <message>
        <source>A Meta service is temporarily unavailable.</source>
        <translation>Ein Meta-Dienst ist vorübergehend nicht verfügbar.</translation>
    </message>
    <message>
        <source>The message cannot be delivered: the number is not on WhatsApp, uses an old WhatsApp version, has not accepted the terms, or has blocked this business.</source>
        <translation>Die Nachricht kann nicht zugestellt werden: Die Nummer ist nicht bei WhatsApp, nutzt eine alte WhatsApp-Version, hat die Nutzungsbedingungen nicht akzeptiert oder hat dieses Unternehmen blockiert.</translation>
    </message>
    <message>
        <source>Check the number with the contact. Resending will fail the same way.</source>
        <translation>Prüfen Sie die Nummer mit dem Kontakt. Erneutes Senden schlägt genauso fehl.</translation>
    </message>
    <message>
        <source>Meta held back this marketing message: the recipient has had enough marketing messages for now.</source>
        <translation>Meta hat diese Marketing-Nachricht zurückgehalten: Der Empfänger hat vorerst genug Marketing-Nachrichten erhalten.</translation>
    </message>
    <message>
        <source>Do not resend now; the contact can be included in a later campaign.</source>
        <translation>Jetzt nicht erneut senden; der Kontakt kann in eine spätere Kampagne aufgenommen werden.</translation>
    </message>
    <message>
        <source>More than 24 hours have passed since the recipient last wrote, so only a template message may be sent.</source>
        <translation>Seit der letzten Nachricht des Empfängers sind mehr als 24 Stunden vergangen, daher darf nur eine Vorlagennachricht gesendet werden.</translation>
    </message>
    <message>
        <source>Send an approved template instead of a text message.</source>
        <translation>Senden Sie statt einer Textnachricht eine genehmigte Vorlage.</translation>
    </message>
    <message>
        <source>A required parameter is missing.</source>
        <translation>Ein erforderlicher Parameter fehlt.</translation>
    </message>
    <message>
        <source>Check the campaign&apos;s parameter mapping against the template.</source>
        <translation>Prüfen Sie die Parameterzuordnung der Kampagne anhand der Vorlage.</translation>
    </message>
    <message>
        <source>A parameter value is not valid.</source>
        <translation>Ein Parameterwert ist ungültig.</translation>
    </message>
    <message>
        <source>Check this contact&apos;s values and the campaign&apos;s parameter mapping.</source>
        <translation>Prüfen Sie die Werte dieses Kontakts und die Parameterzuordnung der Kampagne.</translation>
    </message>
    <message>
        <source>The number of parameters does not match the template&apos;s placeholders.</source>
        <translation>Die Anzahl der Parameter passt nicht zu den Platzhaltern der Vorlage.</translation>
    </message>
    <message>
        <source>Check the parameter mapping: every placeholder needs exactly one value.</source>
        <translation>Prüfen Sie die Parameterzuordnung: Jeder Platzhalter braucht genau einen Wert.</translation>
    </message>
    <message>
        <source>A parameter has the wrong format for the template (for example text where the header expects an image).</source>
        <translation>Ein Parameter hat das falsche Format für die Vorlage (zum Beispiel Text, wo die Kopfzeile ein Bild erwartet).</translation>
    </message>
    <message>
        <source>Check the parameter mapping against the template.</source>
        <translation>Prüfen Sie die Parameterzuordnung anhand der Vorlage.</translation>
    </message>
    <message>
        <source>A template parameter has a problem (for example line breaks, tabs or many spaces in a row).</source>
        <translation>Ein Vorlagenparameter hat ein Problem (zum Beispiel Zeilenumbrüche, Tabulatoren oder viele Leerzeichen hintereinander).</translation>
    </message>
    <message>
        <source>Correct this contact&apos;s value and resend.</source>
        <translation>Korrigieren Sie den Wert dieses Kontakts und senden Sie erneut.</translation>
    </message>
    <message>
        <source>The request has an invalid parameter.</source>
        <translation>Die Anfrage enthält einen ungültigen Parameter.</translation>
    </message>
    <message>
        <source>Read the details: often a wrong field, ID or value.</source>
        <translation>Lesen Sie die Details: oft ein falsches Feld, eine falsche ID oder ein falscher Wert.</translation>
    </message>
    <message>
        <source>Meta rejected the request with a generic user error.</source>
        <translation>Meta hat die Anfrage mit einem allgemeinen Benutzerfehler abgelehnt.</translation>
    </message>
    <message>
        <source>Read the details; if it repeats, give Meta support the fbtrace_id.</source>
        <translation>Lesen Sie die Details; tritt es wieder auf, geben Sie dem Meta-Support die fbtrace_id.</translation>
    </message>
    <message>
        <source>The recipient is the sending business number itself.</source>
        <translation>Der Empfänger ist die sendende Unternehmensnummer selbst.</translation>
    </message>
    <message>
        <source>Remove the business&apos;s own number from the contact list.</source>
        <translation>Entfernen Sie die eigene Nummer des Unternehmens aus der Kontaktliste.</translation>
    </message>
    <message>
        <source>The recipient&apos;s number takes part in a Meta experiment and gets no marketing messages.</source>
        <translation>Die Nummer des Empfängers nimmt an einem Meta-Experiment teil und erhält keine Marketing-Nachrichten.</translation>
    </message>
    <message>
        <source>Nothing can be done; the contact may be reached in a later campaign.</source>
        <translation>Nichts zu tun; der Kontakt ist vielleicht in einer späteren Kampagne erreichbar.</translation>
    </message>
    <message>
        <source>The header media could not be uploaded or downloaded (wrong link, unsupported type or size).</source>
        <translation>Die Medien der Kopfzeile konnten nicht hoch- oder heruntergeladen werden (falscher Link, nicht unterstützter Typ oder Größe).</translation>
    </message>
    <message>
        <source>Check that the media link opens from the internet and the file type fits the template.</source>
        <translation>Prüfen Sie, ob sich der Medienlink aus dem Internet öffnen lässt und der Dateityp zur Vorlage passt.</translation>
    </message>
    <message>
        <source>The recipient stopped marketing messages from this business.</source>
        <translation>Der Empfänger hat Marketing-Nachrichten dieses Unternehmens abbestellt.</translation>
    </message>
    <message>
        <source>Nothing: Herald added the number to the opt-out list and will not message it again.</source>
        <translation>Nichts: Herald hat die Nummer auf die Abmeldeliste gesetzt und schreibt sie nicht mehr an.</translation>
    </message>
    <message>
        <source>Meta paused the template because of low quality.</source>
        <translation>Meta hat die Vorlage wegen geringer Qualität pausiert.</translation>
    </message>
    <message>
        <source>The campaign is paused. Improve the template or wait until Meta unpauses it, then resume.</source>
        <translation>Die Kampagne ist pausiert. Verbessern Sie die Vorlage oder warten Sie, bis Meta sie wieder freigibt, und setzen Sie dann fort.</translation>
    </message>
    <message>
        <source>The template was paused too often and is now permanently disabled.</source>
        <translation>Die Vorlage wurde zu oft pausiert und ist nun dauerhaft deaktiviert.</translation>
    </message>
    <message>
        <source>The campaign stopped. Create a new template and use it in a new campaign.</source>
        <translation>Die Kampagne wurde angehalten. Erstellen Sie eine neue Vorlage und verwenden Sie sie in einer neuen Kampagne.</translation>
    </message>
    <message>
        <source>The template does not exist in this language or is not approved.</source>
        <translation>Die Vorlage gibt es in dieser Sprache nicht, oder sie ist nicht genehmigt.</translation>
    </message>
    <message>
        <source>The campaign stopped. Check the template&apos;s name, language and status in WhatsApp Manager, then sync templates.</source>
        <translation>Die Kampagne wurde angehalten. Prüfen Sie Name, Sprache und Status der Vorlage im WhatsApp Manager und synchronisieren Sie dann die Vorlagen.</translation>
    </message>
    <message>
        <source>Meta limits this number because too many recipients blocked or reported its messages (spam rate limit).</source>
        <translation>Meta beschränkt diese Nummer, weil zu viele Empfänger ihre Nachrichten blockiert oder gemeldet haben (Spam-Limit).</translation>
    </message>
    <message>
        <source>The campaign stopped, because sending more makes it worse. Check the number&apos;s quality rating in WhatsApp Manager before sending again.</source>
        <translation>Die Kampagne wurde angehalten, weil weiteres Senden es verschlimmert. Prüfen Sie die Qualitätsbewertung der Nummer im WhatsApp Manager, bevor Sie wieder senden.</translation>
    </message>
    <message>
        <source>The access token has expired or is not valid.</source>
        <translation>Das Zugriffstoken ist abgelaufen oder ungültig.</translation>
    </message>
    <message>
        <source>Sending stopped. Enter a new access token in the settings, then resume.</source>
        <translation>Das Senden wurde angehalten. Geben Sie in den Einstellungen ein neues Zugriffstoken ein und setzen Sie dann fort.</translation>
    </message>
    <message>
        <source>Meta could not authenticate the request (the access token was refused).</source>
        <translation>Meta konnte die Anfrage nicht authentifizieren (das Zugriffstoken wurde abgelehnt).</translation>
    </message>
    <message>
        <source>The account is temporarily blocked for policy violations.</source>
        <translation>Das Konto ist wegen Richtlinienverstößen vorübergehend gesperrt.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager.</source>
        <translation>Das Senden wurde angehalten. Prüfen Sie die Kontoqualität im Meta Business Manager.</translation>
    </message>
    <message>
        <source>The business account is locked or restricted.</source>
        <translation>Das Business-Konto ist gesperrt oder eingeschränkt.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager and contact Meta support.</source>
        <translation>Das Senden wurde angehalten. Prüfen Sie die Kontoqualität im Meta Business Manager und wenden Sie sich an den Meta-Support.</translation>
    </message>
    <message>
        <source>The app is not allowed to use this API (missing capability).</source>
        <translation>Die App darf diese API nicht verwenden (fehlende Berechtigung).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the app&apos;s WhatsApp product setup in Meta&apos;s developer portal.</source>
        <translation>Das Senden wurde angehalten. Prüfen Sie die Einrichtung des WhatsApp-Produkts der App in Metas Entwicklerportal.</translation>
    </message>
    <message>
        <source>Permission denied: the token lacks a permission or the phone number is not in this account.</source>
        <translation>Zugriff verweigert: Dem Token fehlt eine Berechtigung, oder die Telefonnummer gehört nicht zu diesem Konto.</translation>
    </message>
    <message>
        <source>Sending stopped. Give the token whatsapp_business_messaging permission and check the phone number ID.</source>
        <translation>Das Senden wurde angehalten. Geben Sie dem Token die Berechtigung whatsapp_business_messaging und prüfen Sie die Telefonnummern-ID.</translation>
    </message>
    <message>
        <source>Permission denied for this API call.</source>
        <translation>Zugriff für diesen API-Aufruf verweigert.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions in Meta&apos;s developer portal.</source>
        <translation>Das Senden wurde angehalten. Prüfen Sie die Berechtigungen des Tokens in Metas Entwicklerportal.</translation>
    </message>
    <message>
        <source>Access denied to the phone number.</source>
        <translation>Zugriff auf die Telefonnummer verweigert.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions and the phone number ID.</source>
        <translation>Das Senden wurde angehalten. Prüfen Sie die Berechtigungen des Tokens und die Telefonnummern-ID.</translation>
    </message>
    <message>
        <source>The business phone number is not registered with the Cloud API.</source>
        <translation>Die Unternehmensnummer ist nicht bei der Cloud API registriert.</translation>
    </message>
    <message>
        <source>Sending stopped. Register the phone number in WhatsApp Manager.</source>
        <translation>Das Senden wurde angehalten. Registrieren Sie die Telefonnummer im WhatsApp Manager.</translation>
    </message>
    <message>
        <source>There is a problem with the account&apos;s payment method.</source>
        <translation>Es gibt ein Problem mit der Zahlungsmethode des Kontos.</translation>
    </message>
    <message>
        <source>Sending stopped. Fix the payment method in Meta Business Manager.</source>
        <translation>Das Senden wurde angehalten. Korrigieren Sie die Zahlungsmethode im Meta Business Manager.</translation>
    </message>
    <message>
        <source>Meta returned an error Herald does not know.</source>
        <translation>Meta hat einen Fehler gemeldet, den Herald nicht kennt.</translation>
    </message>
    <message>
        <source>Read the details; if they are unclear, give Meta support the code and fbtrace_id. The message can be resent later.</source>
        <translation>Lesen Sie die Details; sind sie unklar, geben Sie dem Meta-Support den Code und die fbtrace_id. Die Nachricht kann später erneut gesendet werden.</translation>
    </message>
    <message>
        <source>The server had a temporary problem (HTTP 5xx) and did not take the message.</source>
        <translation>Der Server hatte ein vorübergehendes Problem (HTTP 5xx) und hat die Nachricht nicht angenommen.</translation>
    </message>
    <message>
        <source>The server asked Herald to send more slowly (HTTP 429).</source>
        <translation>Der Server hat Herald gebeten, langsamer zu senden (HTTP 429).</translation>
    </message>
    <message>
        <source>The server refused the credentials (HTTP 401).</source>
        <translation>Der Server hat die Zugangsdaten abgelehnt (HTTP 401).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the access token and any proxy in between, then resume.</source>
        <translation>Das Senden wurde angehalten. Prüfen Sie das Zugriffstoken und einen eventuellen Proxy dazwischen und setzen Sie dann fort.</translation>
    </message>
    <message>
        <source>The server answered with an unexpected HTTP status and no Graph API error, so it is probably not the Graph API (a proxy, or a wrong base URL, version or phone number ID).</source>
        <translation>Der Server hat mit einem unerwarteten HTTP-Status und ohne Graph-API-Fehler geantwortet, es ist also vermutlich nicht die Graph API (ein Proxy oder eine falsche Basis-URL, Version oder Telefonnummern-ID).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the base URL, API version, phone number ID and proxy settings, then resume.</source>
        <translation>Das Senden wurde angehalten. Prüfen Sie Basis-URL, API-Version, Telefonnummern-ID und Proxy-Einstellungen und setzen Sie dann fort.</translation>
    </message>
    <message>
        <source>The request could not be sent (connection refused, or the server was not found).</source>
        <translation>Die Anfrage konnte nicht gesendet werden (Verbindung abgelehnt oder Server nicht gefunden).</translation>
    </message>
    <message>
        <source>Check the internet connection and proxy; Herald tries again with growing pauses.</source>
        <translation>Prüfen Sie die Internetverbindung und den Proxy; Herald versucht es mit wachsenden Pausen erneut.</translation>
    </message>
    <message>
        <source>No secure connection could be made: the server&apos;s certificate was not accepted (an authority this computer does not trust, another host name, or expired).</source>
        <translation>Es konnte keine sichere Verbindung aufgebaut werden: Das Zertifikat des Servers wurde nicht akzeptiert (eine Stelle, der dieser Computer nicht vertraut, ein anderer Hostname oder abgelaufen).</translation>
    </message>
    <message>
        <source>Sending stopped. If your network inspects secure connections, set the CA certificate file (api.ca_file) to its certificate authority; otherwise check the API base URL and this computer&apos;s clock, then resume.</source>
        <translation>Das Senden wurde angehalten. Prüft Ihr Netzwerk sichere Verbindungen, setzen Sie die CA-Zertifikatsdatei (api.ca_file) auf dessen Zertifizierungsstelle; andernfalls prüfen Sie die API-Basis-URL und die Uhr dieses Computers und setzen Sie dann fort.</translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so Meta may or may not have accepted the message.</source>
        <translation>Die Anfrage wurde gesendet, aber es kam keine Antwort zurück; Meta hat die Nachricht also vielleicht angenommen, vielleicht auch nicht.</translation>
    </message>
    <message>
        <source>Resend it only if the recipient did not get it: the API cannot tell, and resending may deliver it twice.</source>
        <translation>Senden Sie sie nur erneut, wenn der Empfänger sie nicht erhalten hat: Die API kann es nicht sagen, und erneutes Senden kann sie doppelt zustellen.</translation>
    </message>
    <message>
        <source>The server reported success but its answer had no message ID, so the message cannot be tracked.</source>
        <translation>Der Server meldete Erfolg, aber seine Antwort enthielt keine Nachrichten-ID, daher kann die Nachricht nicht verfolgt werden.</translation>
    </message>
    <message>
        <source>The message was probably accepted. Resend it only if the recipient did not get it.</source>
        <translation>Die Nachricht wurde wahrscheinlich angenommen. Senden Sie sie nur erneut, wenn der Empfänger sie nicht erhalten hat.</translation>
    </message>
    <message>
        <source>Herald did not send the message because its content breaks one of Meta&apos;s rules.</source>
        <translation>Herald hat die Nachricht nicht gesendet, weil ihr Inhalt gegen eine Regel von Meta verstößt.</translation>
    </message>
    <message>
        <source>Read the details, correct the contact&apos;s values or the mapping, and resend.</source>
        <translation>Lesen Sie die Details, korrigieren Sie die Werte des Kontakts oder die Zuordnung und senden Sie erneut.</translation>
    </message>
    <message>
        <source>The sender ended (closed, crashed or lost its connection) while the message was on its way, so Meta may or may not have accepted it.</source>
        <translation>Der Sender endete (geschlossen, abgestürzt oder Verbindung verloren), während die Nachricht unterwegs war; Meta hat sie also vielleicht angenommen, vielleicht auch nicht.</translation>
    </message>
    <message>
        <source>The number was added to the opt-out list after it was queued, so Herald did not send to it.</source>
        <translation>Die Nummer wurde auf die Abmeldeliste gesetzt, nachdem sie eingereiht war, daher hat Herald nicht an sie gesendet.</translation>
    </message>
    <message>
        <source>Nothing: opted-out numbers are never messaged or resent. Remove the number from the opt-out list only if the contact asked for messages again.</source>
        <translation>Nichts: Abgemeldete Nummern werden nie angeschrieben und nie erneut beschickt. Entfernen Sie die Nummer nur von der Abmeldeliste, wenn der Kontakt wieder Nachrichten wünscht.</translation>
    </message>
    <message>
        <source>Sending failed several times in a row with temporary errors.</source>
        <translation>Das Senden ist mehrmals hintereinander mit vorübergehenden Fehlern fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Resend later; the details show the last error.</source>
        <translation>Später erneut senden; die Details zeigen den letzten Fehler.</translation>
    </message>
</context>
<context>
    <name>ExitCodes</name>
    <message>
        <source>success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>unerwarteter Fehler</translation>
    </message>
    <message>
        <source>usage error: unknown command or option, missing or malformed value</source>
        <translation>Aufruffehler: unbekannter Befehl oder unbekannte Option, fehlender oder fehlerhafter Wert</translation>
    </message>
    <message>
        <source>the database cannot be reached or opened</source>
        <translation>die Datenbank ist nicht erreichbar oder kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>schema problem: missing objects, not initialised, or newer than this program</source>
        <translation>Schemaproblem: fehlende Objekte, nicht initialisiert oder neuer als dieses Programm</translation>
    </message>
    <message>
        <source>not found: no campaign with that name</source>
        <translation>nicht gefunden: keine Kampagne mit diesem Namen</translation>
    </message>
    <message>
        <source>refused: illegal status change, nothing to resend, name already taken</source>
        <translation>abgelehnt: unzulässiger Statuswechsel, nichts erneut zu senden, Name bereits vergeben</translation>
    </message>
    <message>
        <source>bad file: an input that is not CSV, unreadable or has no phone column (nothing imported), or an output that cannot be written</source>
        <translation>ungültige Datei: eine Eingabe, die kein CSV ist, nicht lesbar ist oder keine Telefonspalte hat (nichts importiert), oder eine Ausgabe, die nicht geschrieben werden kann</translation>
    </message>
    <message>
        <source>sending paused (Ctrl+C, error threshold, or template paused by Meta); resume to go on</source>
        <translation>Senden pausiert (Strg+C, Fehlerschwelle oder Vorlage von Meta pausiert); setzen Sie fort, um weiterzumachen</translation>
    </message>
    <message>
        <source>the campaign was stopped: every further message would fail the same way</source>
        <translation>die Kampagne wurde angehalten: Jede weitere Nachricht würde genauso fehlschlagen</translation>
    </message>
    <message>
        <source>the campaign was cancelled while sending</source>
        <translation>die Kampagne wurde während des Sendens abgebrochen</translation>
    </message>
    <message>
        <source>sending stopped: the access token, account or connection is unusable</source>
        <translation>Senden angehalten: Zugriffstoken, Konto oder Verbindung sind nicht verwendbar</translation>
    </message>
    <message>
        <source>Exit codes:</source>
        <translation>Exit-Codes:</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>The campaign (by name) to export.</source>
        <translation>Die zu exportierende Kampagne (nach Name).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>The CSV file to write.</source>
        <translation>Die zu schreibende CSV-Datei.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Writes no UTF-8 byte order mark (Excel then misreads accents).</source>
        <translation>Schreibt keine UTF-8-Bytereihenfolgemarke (BOM); Excel liest Umlaute und Akzente dann falsch.</translation>
    </message>
    <message>
        <source>Field delimiter (default ,; use ; for Excel in much of Europe).</source>
        <translation>Feldtrennzeichen (Standard ,; verwenden Sie ; für Excel in weiten Teilen Europas).</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>Writes every recipient&apos;s result (status, wamid, error) of a campaign as CSV.</source>
        <translation>Schreibt das Ergebnis jedes Empfängers (Status, wamid, Fehler) einer Kampagne als CSV.</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter nimmt ein Zeichen (oder &apos;tab&apos;), nicht „%1“</translation>
    </message>
    <message>
        <source>Exported %1 rows of campaign &quot;%2&quot; to %3.</source>
        <translation>%1 Zeilen der Kampagne „%2“ nach %3 exportiert.</translation>
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
        <translation>%1 T. %2 h</translation>
    </message>
</context>
<context>
    <name>HealthText</name>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Nicht gelesen</translation>
    </message>
    <message>
        <source>%1 people/24 h</source>
        <translation>%1 Personen/24 h</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>Not checked yet: Check health in Settings ▸ Phone numbers or herald-cli numbers health asks Meta, and a campaign&apos;s start asks about its number.</source>
        <translation>Noch nicht geprüft: „Zustand prüfen“ unter Einstellungen ▸ Telefonnummern oder herald-cli numbers health fragt bei Meta nach, und der Start einer Kampagne fragt nach ihrer Nummer.</translation>
    </message>
    <message>
        <source>%1 (%2), throughput %3.</source>
        <translation>%1 (%2), Durchsatz %3.</translation>
    </message>
    <message>
        <source>Checked %1.</source>
        <translation>Geprüft %1.</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>The campaign (by name) to queue the contacts in.</source>
        <translation>Die Kampagne (nach Name), in die die Kontakte eingereiht werden.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE.</source>
        <translation>Land für Nummern ohne Ländervorwahl, z. B. DE.</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Field delimiter (default: detected among , ; tab |). &apos;tab&apos; for tab.</source>
        <translation>Feldtrennzeichen (Standard: erkannt unter , ; Tab |). &apos;tab&apos; für Tab.</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>utf-8, utf-16le, utf-16be or windows-1252 (default: detected).</source>
        <translation>utf-8, utf-16le, utf-16be oder windows-1252 (Standard: erkannt).</translation>
    </message>
    <message>
        <source>The phone column by header name or 1-based number (default: detected).</source>
        <translation>Die Telefonspalte nach Überschrift oder Nummer ab 1 (Standard: erkannt).</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Maps a template parameter to a column, e.g. --param body.1=&quot;First Name&quot;. Repeatable. A row without a value for a mapped parameter is rejected.</source>
        <translation>Ordnet einen Vorlagenparameter einer Spalte zu, z. B. --param body.1=&quot;Vorname&quot;. Wiederholbar. Eine Zeile ohne Wert für einen zugeordneten Parameter wird abgelehnt.</translation>
    </message>
    <message>
        <source>key=column</source>
        <translation>Schlüssel=Spalte</translation>
    </message>
    <message>
        <source>Rejects numbers that cannot be mobile (landlines).</source>
        <translation>Lehnt Nummern ab, die keine Mobilnummern sein können (Festnetz).</translation>
    </message>
    <message>
        <source>Does everything, reports, and then saves nothing.</source>
        <translation>Führt alles aus, berichtet und speichert dann nichts.</translation>
    </message>
    <message>
        <source>Where to write the rows not imported (default: FILE.rejects.csv beside it).</source>
        <translation>Wohin die nicht importierten Zeilen geschrieben werden (Standard: DATEI.rejects.csv daneben).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Frequency cap: leaves out numbers another campaign sent to in the last N days.</source>
        <translation>Kontakthäufigkeit begrenzen: lässt Nummern aus, an die eine andere Kampagne in den letzten N Tagen gesendet hat.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Imports a CSV contact file into a campaign, reporting every row not imported.</source>
        <translation>Importiert eine CSV-Kontaktdatei in eine Kampagne und meldet jede nicht importierte Zeile.</translation>
    </message>
    <message>
        <source>The CSV file (Excel, Google Contacts, Outlook, CRM exports).</source>
        <translation>Die CSV-Datei (Exporte aus Excel, Google Kontakte, Outlook, CRM).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>DATEI</translation>
    </message>
    <message>
        <source>missing FILE: the contact file to import</source>
        <translation>DATEI fehlt: die zu importierende Kontaktdatei</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter nimmt ein Zeichen (oder &apos;tab&apos;), nicht „%1“</translation>
    </message>
    <message>
        <source>unknown encoding &quot;%1&quot;: use utf-8, utf-16le, utf-16be or windows-1252</source>
        <translation>unbekannte Kodierung „%1“: Verwenden Sie utf-8, utf-16le, utf-16be oder windows-1252</translation>
    </message>
    <message>
        <source>--param takes key=column, e.g. body.1=&quot;First Name&quot;, not &quot;%1&quot;</source>
        <translation>--param nimmt Schlüssel=Spalte, z. B. body.1=&quot;Vorname&quot;, nicht „%1“</translation>
    </message>
    <message>
        <source>--skip-recent-days takes a number of days from 1 to 3650, not &quot;%1&quot;</source>
        <translation>--skip-recent-days nimmt eine Anzahl Tage von 1 bis 3650, nicht „%1“</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nichts wurde importiert.</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>Imported %1 of %2 rows from %3.</source>
        <translation>%1 von %2 Zeilen aus %3 importiert.</translation>
    </message>
    <message>
        <source>Dry run: %1 of %2 rows from %3 would be imported; nothing was saved.</source>
        <translation>Probelauf: %1 von %2 Zeilen aus %3 würden importiert; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Import of %1 cancelled after %2 rows; nothing was saved.</source>
        <translation>Import von %1 nach %2 Zeilen abgebrochen; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nichts wurde importiert.</translation>
    </message>
    <message>
        <source>File: %1.</source>
        <translation>Datei: %1.</translation>
    </message>
    <message>
        <source>Phone column: %1 (%2).</source>
        <translation>Telefonspalte: %1 (%2).</translation>
    </message>
    <message>
        <source>Contact name from: %1.</source>
        <translation>Kontaktname aus: %1.</translation>
    </message>
    <message>
        <source>Duplicates in the file: %1; already in the campaign: %2; opted out: %3; rejected: %4.</source>
        <translation>Doppelt in der Datei: %1; bereits in der Kampagne: %2; abgemeldet: %3; abgelehnt: %4.</translation>
    </message>
    <message numerus="yes">
        <source>Messaged by a campaign in the last %n day(s), left out: %1.</source>
        <translation>
            <numerusform>Innerhalb von %n Tag von einer Kampagne angeschrieben, ausgelassen: %1.</numerusform>
            <numerusform>In den letzten %n Tagen von einer Kampagne angeschrieben, ausgelassen: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row not imported is listed with its line and reason in %1.</source>
        <translation>Jede nicht importierte Zeile steht mit Zeilennummer und Grund in %1.</translation>
    </message>
    <message>
        <source>Took %1 ms.</source>
        <translation>Dauer: %1 ms.</translation>
    </message>
</context>
<context>
    <name>ImportWriter</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>Kampagne „%1“ ist %2: Erstellen Sie für diese Kontakte eine neue Kampagne.</translation>
    </message>
</context>
<context>
    <name>InboundWriter</name>
    <message>
        <source>replied &quot;%1&quot; (delivery tracking)</source>
        <translation>hat mit „%1“ geantwortet (Zustellverfolgung)</translation>
    </message>
</context>
<context>
    <name>InitCommand</name>
    <message>
        <source>Creates the database schema or upgrades it to this version (safe to repeat).</source>
        <translation>Erstellt das Datenbankschema oder aktualisiert es auf diese Version (kann gefahrlos wiederholt werden).</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this program understands (up to %3): install a newer Herald; nothing was changed</source>
        <translation>die Datenbank %1 hat die Schemaversion %2, neuer als dieses Programm versteht (bis %3): Installieren Sie ein neueres Herald; nichts wurde geändert</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message numerus="yes">
        <source>Schema version %1 (%n migration(s) applied).</source>
        <translation>
            <numerusform>Schemaversion %1 (%n Migration angewendet).</numerusform>
            <numerusform>Schemaversion %1 (%n Migrationen angewendet).</numerusform>
        </translation>
    </message>
    <message>
        <source>Schema version %1, already up to date.</source>
        <translation>Schemaversion %1, bereits aktuell.</translation>
    </message>
    <message>
        <source>the schema is at version %1 but still has problems that init does not repair:</source>
        <translation>das Schema hat Version %1, aber noch Probleme, die init nicht repariert:</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
</context>
<context>
    <name>MessageBuilder</name>
    <message>
        <source>%1: the text is empty; Meta rejects empty parameters.</source>
        <translation>%1: Der Text ist leer; Meta lehnt leere Parameter ab.</translation>
    </message>
    <message>
        <source>%1: the text has %2 characters; at most %3 are allowed.</source>
        <translation>%1: Der Text hat %2 Zeichen; erlaubt sind höchstens %3.</translation>
    </message>
    <message>
        <source>%1: the text contains a line break, a tab or more than 4 spaces in a row, which Meta does not accept in template parameters.</source>
        <translation>%1: Der Text enthält einen Zeilenumbruch, einen Tabulator oder mehr als 4 Leerzeichen hintereinander, was Meta in Vorlagenparametern nicht akzeptiert.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a currency parameter.</source>
        <translation>%1: Eine Kopfzeile kann keinen Währungsparameter aufnehmen.</translation>
    </message>
    <message>
        <source>%1: the currency needs a fallback value (the text shown as is).</source>
        <translation>%1: Die Währung braucht einen Ersatzwert (den Text, wie er angezeigt wird).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an ISO 4217 currency code such as EUR or USD.</source>
        <translation>%1: „%2“ ist kein ISO-4217-Währungscode wie EUR oder USD.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a date_time parameter.</source>
        <translation>%1: Eine Kopfzeile kann keinen date_time-Parameter aufnehmen.</translation>
    </message>
    <message>
        <source>%1: the date_time needs a fallback value (the text shown as is).</source>
        <translation>%1: Das date_time braucht einen Ersatzwert (den Text, wie er angezeigt wird).</translation>
    </message>
    <message>
        <source>%1: media (%2) can only be sent in the header.</source>
        <translation>%1: Medien (%2) können nur in der Kopfzeile gesendet werden.</translation>
    </message>
    <message>
        <source>%1: give either a media id or a link, not both and not neither.</source>
        <translation>%1: Geben Sie entweder eine Medien-ID oder einen Link an, nicht beides und nicht keins.</translation>
    </message>
    <message>
        <source>%1: the media link must start with https:// or http://.</source>
        <translation>%1: Der Medienlink muss mit https:// oder http:// beginnen.</translation>
    </message>
    <message>
        <source>%1: unknown parameter type.</source>
        <translation>%1: unbekannter Parametertyp.</translation>
    </message>
    <message>
        <source>%1: the index %2 is outside 0..9.</source>
        <translation>%1: Der Index %2 liegt außerhalb von 0..9.</translation>
    </message>
    <message>
        <source>%1: a quick_reply button needs a payload.</source>
        <translation>%1: Eine quick_reply-Schaltfläche braucht eine Payload.</translation>
    </message>
    <message>
        <source>%1: a url button needs the text appended to the template&apos;s URL.</source>
        <translation>%1: Eine URL-Schaltfläche braucht den Text, der an die URL der Vorlage angehängt wird.</translation>
    </message>
    <message>
        <source>The recipient &quot;%1&quot; is not an international number (E.164: country code and number, 7 to 15 digits).</source>
        <translation>Der Empfänger „%1“ ist keine internationale Nummer (E.164: Ländervorwahl und Nummer, 7 bis 15 Ziffern).</translation>
    </message>
    <message>
        <source>The template name &quot;%1&quot; is not valid: Meta uses lowercase letters, digits and underscores, at most 512 characters.</source>
        <translation>Der Vorlagenname „%1“ ist ungültig: Meta verwendet Kleinbuchstaben, Ziffern und Unterstriche, höchstens 512 Zeichen.</translation>
    </message>
    <message>
        <source>The language code &quot;%1&quot; is not valid; use the template&apos;s code, such as en_US or de.</source>
        <translation>Der Sprachcode „%1“ ist ungültig; verwenden Sie den Code der Vorlage, etwa en_US oder de.</translation>
    </message>
    <message>
        <source>The header takes one parameter, but %1 were given.</source>
        <translation>Die Kopfzeile nimmt einen Parameter auf, angegeben wurden aber %1.</translation>
    </message>
    <message>
        <source>%1: a parameter name may contain only lowercase letters, digits and underscores.</source>
        <translation>%1: Ein Parametername darf nur Kleinbuchstaben, Ziffern und Unterstriche enthalten.</translation>
    </message>
    <message>
        <source>Named and positional parameters are mixed; a template uses one kind only.</source>
        <translation>Benannte und positionelle Parameter sind gemischt; eine Vorlage verwendet nur eine Art.</translation>
    </message>
    <message>
        <source>%1: two buttons have the same index.</source>
        <translation>%1: Zwei Schaltflächen haben denselben Index.</translation>
    </message>
    <message>
        <source>The text message is empty.</source>
        <translation>Die Textnachricht ist leer.</translation>
    </message>
    <message>
        <source>The text message has %1 characters; at most %2 are allowed.</source>
        <translation>Die Textnachricht hat %1 Zeichen; erlaubt sind höchstens %2.</translation>
    </message>
    <message>
        <source>The callback data has %1 characters; Meta accepts at most %2.</source>
        <translation>Die Callback-Daten haben %1 Zeichen; Meta akzeptiert höchstens %2.</translation>
    </message>
</context>
<context>
    <name>MigrateCommand</name>
    <message>
        <source>The SQLite database to move (only read).</source>
        <translation>Die SQLite-Datenbank, die umziehen soll (wird nur gelesen).</translation>
    </message>
    <message>
        <source>The empty PostgreSQL database to move it into.</source>
        <translation>Die leere PostgreSQL-Datenbank, in die sie umzieht.</translation>
    </message>
    <message>
        <source>Moves a SQLite database into an empty PostgreSQL database for a team, in one transaction, and checks the copy.</source>
        <translation>Überträgt eine SQLite-Datenbank für ein Team in eine leere PostgreSQL-Datenbank, in einer Transaktion, und prüft die Kopie.</translation>
    </message>
    <message>
        <source>migrate needs --%1</source>
        <translation>migrate braucht --%1</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Moved %1 into %2: %3 rows in %4 ms, in one transaction.</source>
        <translation>%1 nach %2 übertragen: %3 Zeilen in %4 ms, in einer Transaktion.</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Die Zähler jeder Kampagne stimmen mit einer Neuzählung ihrer Zeilen überein.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Die Zähler weichen von einer Neuzählung ab in: %1</translation>
    </message>
    <message>
        <source>These differed in %1 already; herald-cli repair on the new database corrects them: %2</source>
        <translation>Diese wichen schon in %1 ab; herald-cli repair auf der neuen Datenbank korrigiert sie: %2</translation>
    </message>
    <message>
        <source>%1 was left as it was. Point consoles and workers at the new database (--db or HERALD_DB), and stop using the file.</source>
        <translation>%1 blieb unverändert. Richten Sie Konsolen und Worker auf die neue Datenbank (--db oder HERALD_DB) und verwenden Sie die Datei nicht mehr.</translation>
    </message>
    <message>
        <source>The copy in %1 did not pass its check.</source>
        <translation>Die Kopie in %1 hat ihre Prüfung nicht bestanden.</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>no price</source>
        <translation>kein Preis</translation>
    </message>
    <message>
        <source>&quot;%1&quot; uses a comma: write prices with a decimal point, e.g. 0.0250</source>
        <translation>„%1“ enthält ein Komma: Schreiben Sie Preise mit Dezimalpunkt, z. B. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price: digits and one decimal point only, e.g. 0.0250</source>
        <translation>„%1“ ist kein Preis: nur Ziffern und ein Dezimalpunkt, z. B. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than %2 decimals</source>
        <translation>„%1“ hat mehr als %2 Nachkommastellen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large a price</source>
        <translation>„%1“ ist als Preis zu groß</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price</source>
        <translation>„%1“ ist kein Preis</translation>
    </message>
</context>
<context>
    <name>MoveToPostgres</name>
    <message>
        <source>The tables %1 refer to each other in a circle: no order copies them.</source>
        <translation>Die Tabellen %1 verweisen im Kreis aufeinander: keine Reihenfolge kann sie kopieren.</translation>
    </message>
    <message>
        <source>Copying table %1 failed in the %2 rows from %3 on: %4</source>
        <translation>Das Kopieren der Tabelle %1 schlug in den %2 Zeilen ab %3 fehl: %4</translation>
    </message>
    <message>
        <source>The target must be a PostgreSQL database (postgresql://…), not %1.</source>
        <translation>Das Ziel muss eine PostgreSQL-Datenbank sein (postgresql://…), nicht %1.</translation>
    </message>
    <message>
        <source>The source must be a SQLite file, not %1.</source>
        <translation>Die Quelle muss eine SQLite-Datei sein, nicht %1.</translation>
    </message>
    <message>
        <source>There is no SQLite database at %1.</source>
        <translation>Unter %1 gibt es keine SQLite-Datenbank.</translation>
    </message>
    <message>
        <source>No temporary folder for the snapshot of %1: %2</source>
        <translation>Kein temporärer Ordner für den Schnappschuss von %1: %2</translation>
    </message>
    <message>
        <source>%1 is sending from %2: stop it first, or it would go on writing to the file after the copy.</source>
        <translation>%1 sendet aus %2: Beenden Sie es zuerst, sonst schriebe es nach der Kopie weiter in die Datei.</translation>
    </message>
    <message>
        <source>Table %1 of %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>Die Tabelle %1 von %2 hat im Schema von PostgreSQL keinen Platz: nichts wurde übertragen.</translation>
    </message>
    <message>
        <source>%1 is not empty: %2. Move into a new, empty database.</source>
        <translation>%1 ist nicht leer: %2. Übertragen Sie in eine neue, leere Datenbank.</translation>
    </message>
    <message>
        <source>Column %1 of table %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>Die Spalte %1 der Tabelle %2 hat im Schema von PostgreSQL keinen Platz: nichts wurde übertragen.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows read but %3 in PostgreSQL; nothing was moved.</source>
        <translation>Tabelle %1: %2 Zeilen gelesen, aber %3 in PostgreSQL; nichts wurde übertragen.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows in %3 but %4 read; nothing was moved.</source>
        <translation>Tabelle %1: %2 Zeilen in %3, aber %4 gelesen; nichts wurde übertragen.</translation>
    </message>
    <message>
        <source>Table %1 of the snapshot cannot be read: %2</source>
        <translation>Die Tabelle %1 des Schnappschusses kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>NewCampaignWizard</name>
    <message>
        <source>No access token is set: add it in Settings.</source>
        <translation>Es ist kein Zugriffstoken festgelegt: Tragen Sie es in den Einstellungen ein.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
</context>
<context>
    <name>NumberHealth</name>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>die Antwort ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>the answer has no quality rating, messaging limit or status</source>
        <translation>die Antwort enthält weder Qualitätsbewertung noch Nachrichtenlimit noch Status</translation>
    </message>
</context>
<context>
    <name>NumberHealthStore</name>
    <message>
        <source>The health of phone number %1 could not be read from Meta, so its quality rating and messaging limit were not checked: %2</source>
        <translation>Der Zustand der Telefonnummer %1 konnte nicht bei Meta abgefragt werden, daher wurden Qualitätsbewertung und Nachrichtenlimit nicht geprüft: %2</translation>
    </message>
    <message>
        <source>Phone number %1 has a %2 quality rating: recipients have been blocking or reporting its messages. Sending more marketing now can lower its messaging limit or get it restricted.</source>
        <translation>Die Telefonnummer %1 hat eine %2 Qualitätsbewertung: Empfänger haben ihre Nachrichten blockiert oder gemeldet. Jetzt mehr Marketing zu senden kann ihr Nachrichtenlimit senken oder sie sperren lassen.</translation>
    </message>
    <message>
        <source>low (RED)</source>
        <translation>niedrige (RED)</translation>
    </message>
    <message>
        <source>medium (YELLOW)</source>
        <translation>mittlere (YELLOW)</translation>
    </message>
    <message>
        <source>Meta reports phone number %1 as %2, not CONNECTED: messages from it may be refused.</source>
        <translation>Meta meldet die Telefonnummer %1 als %2, nicht CONNECTED: Nachrichten von ihr werden möglicherweise abgelehnt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; would reach %2 people not messaged in the last 24 hours, but the messaging limit (%3: %4 people per 24 hours, for the whole business) leaves about %5 today (%6 already reached). Meta refuses the messages past the limit; send the rest tomorrow, or split the campaign.</source>
        <translation>„%1“ würde %2 Personen erreichen, denen in den letzten 24 Stunden nicht geschrieben wurde, aber das Nachrichtenlimit (%3: %4 Personen je 24 Stunden, für das ganze Unternehmen) lässt heute etwa %5 übrig (%6 bereits erreicht). Meta lehnt die Nachrichten über dem Limit ab; senden Sie den Rest morgen oder teilen Sie die Kampagne.</translation>
    </message>
</context>
<context>
    <name>NumberPool</name>
    <message>
        <source>%1 is named twice in the pool.</source>
        <translation>%1 ist im Pool doppelt genannt.</translation>
    </message>
    <message>
        <source>A pool has at least two phone numbers; for one, give the campaign its phone number ID.</source>
        <translation>Ein Pool hat mindestens zwei Telefonnummern; für eine geben Sie der Kampagne ihre Telefonnummern-ID.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Es gibt keine Kampagne mit der ID %1.</translation>
    </message>
    <message>
        <source>The phone numbers of a campaign are chosen before it sends; this one has started.</source>
        <translation>Die Telefonnummern einer Kampagne werden vor dem Senden gewählt; diese hat schon begonnen.</translation>
    </message>
    <message>
        <source>This campaign sends from one phone number: nothing to move.</source>
        <translation>Diese Kampagne sendet von einer Telefonnummer: nichts zu verschieben.</translation>
    </message>
    <message>
        <source>%1 is still in the pool: only a number taken out of it gives its recipients away.</source>
        <translation>%1 ist noch im Pool: nur eine herausgenommene Nummer gibt ihre Empfänger ab.</translation>
    </message>
    <message>
        <source>%1 is not one of this campaign&apos;s numbers.</source>
        <translation>%1 ist keine Nummer dieser Kampagne.</translation>
    </message>
    <message>
        <source>Every number of the pool is out: there is no number to move the recipients to.</source>
        <translation>Jede Nummer des Pools ist herausgenommen: es gibt keine Nummer, auf die die Empfänger verschoben werden können.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A campaign sends from at least one phone number.</source>
        <translation>Eine Kampagne sendet von mindestens einer Telefonnummer.</translation>
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
        <translation>Ein Name für die Nummer (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>The phone number ID (Meta&apos;s numeric ID, not the number).</source>
        <translation>Die ID der Telefonnummer (Metas numerische ID, nicht die Nummer).</translation>
    </message>
    <message>
        <source>[ID]</source>
        <translation>[ID]</translation>
    </message>
    <message>
        <source>numbers %1 needs a phone number ID</source>
        <translation>numbers %1 braucht eine Telefonnummern-ID</translation>
    </message>
    <message>
        <source>Added %1: at most %2 messages per second.</source>
        <translation>%1 hinzugefügt: höchstens %2 Nachrichten pro Sekunde.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 messages per second.</source>
        <translation>%1 geändert: höchstens %2 Nachrichten pro Sekunde.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>%1 was not listed.</source>
        <translation>%1 war nicht aufgeführt.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Ceiling/s</source>
        <translation>Obergrenze/s</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s) listed.</source>
        <translation>
            <numerusform>%n Telefonnummer aufgeführt.</numerusform>
            <numerusform>%n Telefonnummern aufgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The default number (api.phone_number_id) is %1%2.</source>
        <translation>Die Standardnummer (api.phone_number_id) ist %1%2.</translation>
    </message>
    <message>
        <source>, marked *</source>
        <translation>, mit * markiert</translation>
    </message>
    <message>
        <source>A number not listed sends at api.rate_ceiling: %1 messages per second.</source>
        <translation>Eine nicht aufgeführte Nummer sendet mit api.rate_ceiling: %1 Nachrichten pro Sekunde.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number (add; default: api.rate_ceiling).</source>
        <translation>Höchstens so viele Nachrichten pro Sekunde von dieser Nummer (add; Standard: api.rate_ceiling).</translation>
    </message>
    <message>
        <source>Adds, removes or lists the account&apos;s phone numbers and each one&apos;s ceiling, and checks their health with Meta.</source>
        <translation>Fügt die Telefonnummern des Kontos und die Obergrenze jeder einzelnen hinzu, entfernt oder listet sie und prüft ihren Zustand bei Meta.</translation>
    </message>
    <message>
        <source>add ID, remove ID, list, or health.</source>
        <translation>add ID, remove ID, list oder health.</translation>
    </message>
    <message>
        <source>add|remove|list|health</source>
        <translation>add|remove|list|health</translation>
    </message>
    <message>
        <source>numbers needs an action: add, remove, list or health</source>
        <translation>numbers braucht eine Aktion: add, remove, list oder health</translation>
    </message>
    <message>
        <source>unknown numbers action &quot;%1&quot;: use add, remove, list or health</source>
        <translation>unbekannte numbers-Aktion „%1“: verwenden Sie add, remove, list oder health</translation>
    </message>
    <message>
        <source>No phone number to check: add one with herald-cli numbers add ID, or set api.phone_number_id.</source>
        <translation>Keine Telefonnummer zu prüfen: Fügen Sie eine mit herald-cli numbers add ID hinzu oder setzen Sie api.phone_number_id.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>Messaging limit</source>
        <translation>Nachrichtenlimit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>(not read)</source>
        <translation>(nicht gelesen)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>OptOutCommand</name>
    <message>
        <source>Why the number opted out (add).</source>
        <translation>Warum sich die Nummer abgemeldet hat (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE (add, import, remove).</source>
        <translation>Land für Nummern ohne Ländervorwahl, z. B. DE (add, import, remove).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>How many to list (default 100).</source>
        <translation>Wie viele aufgelistet werden (Standard 100).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>How many to skip when listing (default 0).</source>
        <translation>Wie viele beim Auflisten übersprungen werden (Standard 0).</translation>
    </message>
    <message>
        <source>Where to write the rows not added (import; default FILE.rejects.csv).</source>
        <translation>Wohin die nicht hinzugefügten Zeilen geschrieben werden (import; Standard DATEI.rejects.csv).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Adds, removes, imports or lists phones that must never be messaged.</source>
        <translation>Fügt Telefonnummern, die nie angeschrieben werden dürfen, hinzu, entfernt, importiert oder listet sie.</translation>
    </message>
    <message>
        <source>add PHONE, remove PHONE, import FILE, or list.</source>
        <translation>add TELEFON, remove TELEFON, import DATEI oder list.</translation>
    </message>
    <message>
        <source>add|remove|import|list</source>
        <translation>add|remove|import|list</translation>
    </message>
    <message>
        <source>The phone number or file.</source>
        <translation>Die Telefonnummer oder Datei.</translation>
    </message>
    <message>
        <source>[PHONE|FILE]</source>
        <translation>[TELEFON|DATEI]</translation>
    </message>
    <message>
        <source>optout %1 needs %2</source>
        <translation>optout %1 braucht %2</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>eine Telefonnummer</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 steht jetzt auf der Abmeldeliste.</translation>
    </message>
    <message>
        <source>%1 was already on the opt-out list.</source>
        <translation>%1 stand bereits auf der Abmeldeliste.</translation>
    </message>
    <message>
        <source>%1 was removed from the opt-out list.</source>
        <translation>%1 wurde von der Abmeldeliste entfernt.</translation>
    </message>
    <message>
        <source>%1 was not on the opt-out list.</source>
        <translation>%1 stand nicht auf der Abmeldeliste.</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>eine Datei</translation>
    </message>
    <message>
        <source>Nothing was added.</source>
        <translation>Nichts wurde hinzugefügt.</translation>
    </message>
    <message>
        <source>Added %1 of %2 rows from %3 to the opt-out list; %4 were already on it; %5 rejected.</source>
        <translation>%1 von %2 Zeilen aus %3 zur Abmeldeliste hinzugefügt; %4 standen bereits darauf; %5 abgelehnt.</translation>
    </message>
    <message>
        <source>The rows not added are listed with line and reason in %1.</source>
        <translation>Die nicht hinzugefügten Zeilen sind mit Zeile und Grund in %1 aufgeführt.</translation>
    </message>
    <message>
        <source>--limit and --offset take whole numbers of 0 or more</source>
        <translation>--limit und --offset nehmen ganze Zahlen ab 0</translation>
    </message>
    <message>
        <source>%1 phones on the opt-out list.</source>
        <translation>%1 Telefonnummern auf der Abmeldeliste.</translation>
    </message>
    <message>
        <source>optout needs an action: add, remove, import or list</source>
        <translation>optout braucht eine Aktion: add, remove, import oder list</translation>
    </message>
    <message>
        <source>unknown optout action &quot;%1&quot;: use add, remove, import or list</source>
        <translation>unbekannte optout-Aktion „%1“: Verwenden Sie add, remove, import oder list</translation>
    </message>
</context>
<context>
    <name>OptOutImportText</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Nichts wurde hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Rows read from %1: %2. Added to the opt-out list: %3. Already on it: %4. Rejected: %5.</source>
        <translation>Gelesene Zeilen aus %1: %2. Zur Abmeldeliste hinzugefügt: %3. Bereits darauf: %4. Abgelehnt: %5.</translation>
    </message>
    <message>
        <source>Numbers were read from the column “%1”.</source>
        <translation>Die Nummern wurden aus der Spalte „%1“ gelesen.</translation>
    </message>
    <message>
        <source>Every rejected row is listed in %1.</source>
        <translation>Jede abgelehnte Zeile steht in %1.</translation>
    </message>
</context>
<context>
    <name>OptOutStore</name>
    <message>
        <source>%1: no column holds phone numbers.</source>
        <translation>%1: Keine Spalte enthält Telefonnummern.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>imported from %1</source>
        <translation>importiert aus %1</translation>
    </message>
    <message>
        <source>line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>Erklärung</translation>
    </message>
    <message>
        <source>row</source>
        <translation>Zeile</translation>
    </message>
</context>
<context>
    <name>ParameterMapping</name>
    <message>
        <source>No value for %1.</source>
        <translation>Kein Wert für %1.</translation>
    </message>
    <message>
        <source>%1: a currency needs amount_1000 as a whole number (the amount × 1000).</source>
        <translation>%1: Eine Währung braucht amount_1000 als ganze Zahl (den Betrag × 1000).</translation>
    </message>
    <message>
        <source>%1: unknown value type &quot;%2&quot; (use text, currency or date_time).</source>
        <translation>%1: unbekannter Werttyp „%2“ (verwenden Sie text, currency oder date_time).</translation>
    </message>
    <message>
        <source>%1: a list is not a parameter value.</source>
        <translation>%1: Eine Liste ist kein Parameterwert.</translation>
    </message>
    <message>
        <source>%1: a media value needs an id or a link.</source>
        <translation>%1: Ein Medienwert braucht eine ID oder einen Link.</translation>
    </message>
    <message>
        <source>%1: a button takes a plain text value.</source>
        <translation>%1: Eine Schaltfläche nimmt einen einfachen Textwert auf.</translation>
    </message>
</context>
<context>
    <name>PhoneColumnDetector</name>
    <message>
        <source>column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <source>column %1 “%2”</source>
        <translation>Spalte %1 „%2“</translation>
    </message>
    <message>
        <source>there is no column %1: the file has %2 columns</source>
        <translation>Es gibt keine Spalte %1: Die Datei hat %2 Spalten</translation>
    </message>
    <message>
        <source>there is no column named “%1”: the file has no header row, so choose the column by its number (1 to %2)</source>
        <translation>Es gibt keine Spalte namens „%1“: Die Datei hat keine Kopfzeile, wählen Sie die Spalte daher über ihre Nummer (1 bis %2)</translation>
    </message>
    <message>
        <source>there is no column named “%1”; the columns are %2</source>
        <translation>Es gibt keine Spalte namens „%1“; die Spalten sind %2</translation>
    </message>
    <message>
        <source>%1, as chosen</source>
        <translation>%1, wie gewählt</translation>
    </message>
    <message>
        <source>%1, recognised by its name</source>
        <translation>%1, am Namen erkannt</translation>
    </message>
    <message>
        <source>%1, where %2 of %3 sampled values look like phone numbers</source>
        <translation>%1, wo %2 von %3 Stichprobenwerten wie Telefonnummern aussehen</translation>
    </message>
    <message>
        <source>no column looks like it holds phone numbers; choose the phone column by its name or number</source>
        <translation>Keine Spalte scheint Telefonnummern zu enthalten; wählen Sie die Telefonspalte über ihren Namen oder ihre Nummer</translation>
    </message>
</context>
<context>
    <name>PhoneNormalizer</name>
    <message>
        <source>%1 is a tel: link with parameters after its number (an extension such as ;ext=12, a phone-context, …): only the number itself can receive WhatsApp messages, so write it without them</source>
        <translation>%1 ist ein tel:-Link mit Parametern hinter der Nummer (eine Durchwahl wie ;ext=12, ein phone-context, …): Nur die Nummer selbst kann WhatsApp-Nachrichten empfangen, schreiben Sie sie also ohne diese</translation>
    </message>
    <message>
        <source>%1 has decimal places: the phone number was stored as a number rather than as text, so a leading 0 or + may have been lost. Format the phone column as Text (or export the file again from its original source), then import it again</source>
        <translation>%1 hat Nachkommastellen: Die Telefonnummer wurde als Zahl statt als Text gespeichert, daher ist eine führende 0 oder ein + vielleicht verloren gegangen. Formatieren Sie die Telefonspalte als Text (oder exportieren Sie die Datei erneut aus ihrer Quelle) und importieren Sie sie dann erneut</translation>
    </message>
    <message>
        <source>the phone number is empty</source>
        <translation>Die Telefonnummer ist leer</translation>
    </message>
    <message>
        <source>%1 is in scientific notation: the spreadsheet stored the phone number as a number and shows it rounded, so its last digits are lost and cannot be recovered. Format the phone column as Text before pasting or importing the numbers (or export the file again from its original source), then import it again</source>
        <translation>%1 steht in wissenschaftlicher Schreibweise: Die Tabelle hat die Telefonnummer als Zahl gespeichert und zeigt sie gerundet, daher sind die letzten Ziffern verloren und nicht wiederherstellbar. Formatieren Sie die Telefonspalte als Text, bevor Sie die Nummern einfügen oder importieren (oder exportieren Sie die Datei erneut aus ihrer Quelle), und importieren Sie sie dann erneut</translation>
    </message>
    <message>
        <source>%1 contains letters: a phone number may hold only digits, a leading + and separators such as spaces, dashes, dots and parentheses (extensions, labels and vanity numbers cannot receive WhatsApp messages)</source>
        <translation>%1 enthält Buchstaben: Eine Telefonnummer darf nur Ziffern, ein führendes + und Trennzeichen wie Leerzeichen, Bindestriche, Punkte und Klammern enthalten (Durchwahlen, Bezeichnungen und Vanity-Nummern können keine WhatsApp-Nachrichten empfangen)</translation>
    </message>
    <message>
        <source>%1 contains characters that do not belong in a phone number: only digits, a leading + and spaces, dashes, dots, slashes and parentheses are allowed</source>
        <translation>%1 enthält Zeichen, die nicht in eine Telefonnummer gehören: Erlaubt sind nur Ziffern, ein führendes + sowie Leerzeichen, Bindestriche, Punkte, Schrägstriche und Klammern</translation>
    </message>
    <message>
        <source>%1 has a + that is not at the start: + may only stand before the country code, and a cell may hold only one number</source>
        <translation>%1 hat ein + nicht am Anfang: + darf nur vor der Ländervorwahl stehen, und eine Zelle darf nur eine Nummer enthalten</translation>
    </message>
    <message>
        <source>%1 has no digits</source>
        <translation>%1 hat keine Ziffern</translation>
    </message>
    <message>
        <source>%1 has %2 digits, far more than any phone number (at most 15)</source>
        <translation>%1 hat %2 Ziffern, weit mehr als jede Telefonnummer (höchstens 15)</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix (+ or 00) and country code: the number itself is missing</source>
        <translation>%1 endet direkt nach der internationalen Vorwahl (+ oder 00) und der Ländervorwahl: Die eigentliche Nummer fehlt</translation>
    </message>
    <message>
        <source>%1 can be read two ways: with 00 as the international prefix it is %2, with the international dialling prefix of %3 it is %4; write it with + instead of the prefix to say which one is meant</source>
        <translation>%1 ist zweideutig: Mit 00 als internationaler Vorwahl ist es %2, mit der internationalen Vorwahl von %3 ist es %4; schreiben Sie + statt der Vorwahl, um zu sagen, welche gemeint ist</translation>
    </message>
    <message>
        <source>%1 has no country code and no default region is set: write it in international form, with + or 00 and the country code (+49 30 1234567 or 0049 30 1234567), or choose the region its national numbers belong to</source>
        <translation>%1 hat keine Ländervorwahl, und keine Standardregion ist festgelegt: Schreiben Sie die Nummer international, mit + oder 00 und der Ländervorwahl (+49 30 1234567 oder 0049 30 1234567), oder wählen Sie die Region, zu der ihre nationalen Nummern gehören</translation>
    </message>
    <message>
        <source>%1 has no country code, and the default region %2 is not a region code libphonenumber knows, so it cannot be read as a national number</source>
        <translation>%1 hat keine Ländervorwahl, und die Standardregion %2 ist kein Regionscode, den libphonenumber kennt, daher kann sie nicht als nationale Nummer gelesen werden</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use after its + or 00</source>
        <translation>%1 beginnt nach + oder 00 nicht mit einer vergebenen Ländervorwahl</translation>
    </message>
    <message>
        <source>%1 has too few digits to be a phone number</source>
        <translation>%1 hat zu wenige Ziffern für eine Telefonnummer</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix: the country code and number are missing</source>
        <translation>%1 endet direkt nach der internationalen Vorwahl: Ländervorwahl und Nummer fehlen</translation>
    </message>
    <message>
        <source>%1 is too short to be a phone number</source>
        <translation>%1 ist zu kurz für eine Telefonnummer</translation>
    </message>
    <message>
        <source>%1 is too long to be a phone number</source>
        <translation>%1 ist zu lang für eine Telefonnummer</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use (+%2)</source>
        <translation>%1 beginnt nicht mit einer vergebenen Ländervorwahl (+%2)</translation>
    </message>
    <message>
        <source>%1 is too short for a phone number of %2</source>
        <translation>%1 ist zu kurz für eine Telefonnummer aus %2</translation>
    </message>
    <message>
        <source>%1 is too long for a phone number of %2</source>
        <translation>%1 ist zu lang für eine Telefonnummer aus %2</translation>
    </message>
    <message>
        <source>%1 has a length that phone numbers of %2 never have</source>
        <translation>%1 hat eine Länge, die Telefonnummern aus %2 nie haben</translation>
    </message>
    <message>
        <source>%1 is only a local number of %2: the area code is missing</source>
        <translation>%1 ist nur eine Ortsnummer aus %2: Die Vorwahl fehlt</translation>
    </message>
    <message>
        <source>%1 is not a valid number for %2: its length is possible, but no number there starts like this (unknown area code or mobile prefix)</source>
        <translation>%1 ist keine gültige Nummer für %2: Die Länge ist möglich, aber dort beginnt keine Nummer so (unbekannte Vorwahl oder Mobilfunkvorwahl)</translation>
    </message>
    <message>
        <source>if it is an international number, it lacks its + or 00: %1 would be valid</source>
        <translation>falls es eine internationale Nummer ist, fehlt ihr + oder 00: %1 wäre gültig</translation>
    </message>
    <message>
        <source>%1 (%2) is %3, not a mobile number, and only mobile numbers are accepted</source>
        <translation>%1 (%2) ist %3, keine Mobilnummer, und nur Mobilnummern werden angenommen</translation>
    </message>
    <message>
        <source>The region is empty. %1</source>
        <translation>Die Region ist leer. %1</translation>
    </message>
    <message>
        <source>%1 is a country calling code, not a region; for +%2 write %3. %4</source>
        <translation>%1 ist eine Ländervorwahl, keine Region; für +%2 schreiben Sie %3. %4</translation>
    </message>
    <message>
        <source>%1 is a number, not a region. %2</source>
        <translation>%1 ist eine Nummer, keine Region. %2</translation>
    </message>
    <message>
        <source>%1 is not a two-letter region code. %2</source>
        <translation>%1 ist kein zweibuchstabiger Regionscode. %2</translation>
    </message>
    <message>
        <source>%1 is not an ISO 3166 code; the United Kingdom is GB. %2</source>
        <translation>%1 ist kein ISO-3166-Code; das Vereinigte Königreich ist GB. %2</translation>
    </message>
    <message>
        <source>%1 is not a region code libphonenumber has numbering data for. %2</source>
        <translation>%1 ist kein Regionscode, für den libphonenumber Nummerndaten hat. %2</translation>
    </message>
    <message>
        <source>Write the region as its two-letter ISO 3166-1 country code, for example DE (Germany), GB (United Kingdom), US, BR, IN, ID, MX or ES; upper or lower case. It is the country assumed for numbers written without + or 00 and a country code.</source>
        <translation>Schreiben Sie die Region als zweibuchstabigen Ländercode nach ISO 3166-1, zum Beispiel DE (Deutschland), GB (Vereinigtes Königreich), US, BR, IN, ID, MX oder ES; Groß- oder Kleinschreibung. Es ist das Land, das für Nummern ohne + oder 00 und Ländervorwahl angenommen wird.</translation>
    </message>
    <message>
        <source>a fixed-line number</source>
        <translation>eine Festnetznummer</translation>
    </message>
    <message>
        <source>a mobile number</source>
        <translation>eine Mobilnummer</translation>
    </message>
    <message>
        <source>a fixed-line or mobile number</source>
        <translation>eine Festnetz- oder Mobilnummer</translation>
    </message>
    <message>
        <source>a toll-free number</source>
        <translation>eine gebührenfreie Nummer</translation>
    </message>
    <message>
        <source>a premium-rate number</source>
        <translation>eine Premium-Nummer</translation>
    </message>
    <message>
        <source>a shared-cost number</source>
        <translation>eine Shared-Cost-Nummer</translation>
    </message>
    <message>
        <source>a VoIP number</source>
        <translation>eine VoIP-Nummer</translation>
    </message>
    <message>
        <source>a personal number</source>
        <translation>eine persönliche Nummer</translation>
    </message>
    <message>
        <source>a pager number</source>
        <translation>eine Pager-Nummer</translation>
    </message>
    <message>
        <source>a company (UAN) number</source>
        <translation>eine Unternehmensnummer (UAN)</translation>
    </message>
    <message>
        <source>a voicemail number</source>
        <translation>eine Mailbox-Nummer</translation>
    </message>
    <message>
        <source>a number of unknown type</source>
        <translation>eine Nummer unbekannten Typs</translation>
    </message>
</context>
<context>
    <name>PhoneNumberStore</name>
    <message>
        <source>&quot;%1&quot; is not a phone number ID: use the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>„%1“ ist keine Telefonnummern-ID: Verwenden Sie die numerische ID aus Metas WhatsApp Manager, nicht die Telefonnummer selbst.</translation>
    </message>
    <message>
        <source>A number&apos;s ceiling must be a whole number of messages per second from 1 to %1 (Meta: 80, up to 1,000 for upgraded numbers).</source>
        <translation>Die Obergrenze einer Nummer muss eine ganze Zahl von Nachrichten pro Sekunde von 1 bis %1 sein (Meta: 80, bis 1.000 für hochgestufte Nummern).</translation>
    </message>
    <message>
        <source>A number&apos;s label may have 200 characters at most.</source>
        <translation>Die Bezeichnung einer Nummer darf höchstens 200 Zeichen haben.</translation>
    </message>
    <message>
        <source>%1 sends campaigns that are not finished: %2. Finish or cancel them first.</source>
        <translation>%1 sendet Kampagnen, die nicht abgeschlossen sind: %2. Schließen Sie sie zuerst ab oder brechen Sie sie ab.</translation>
    </message>
</context>
<context>
    <name>PurgeCommand</name>
    <message>
        <source>Purge campaigns finished more than this many days ago (default: the setting privacy.retention_days).</source>
        <translation>Kampagnen bereinigen, die vor mehr als so vielen Tagen beendet wurden (Standard: die Einstellung privacy.retention_days).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Erases the recipient details of campaigns finished longer ago than the retention setting.</source>
        <translation>Löscht die Empfängerdaten von Kampagnen, die länger als die Aufbewahrungsfrist beendet sind.</translation>
    </message>
    <message>
        <source>--days: %1</source>
        <translation>--days: %1</translation>
    </message>
    <message>
        <source>--days must be 1 or more: 0 would keep everything.</source>
        <translation>--days muss 1 oder mehr sein: 0 würde alles behalten.</translation>
    </message>
    <message>
        <source>Retention is off (privacy.retention_days is 0): recipient details are kept. Set a number of days with herald-cli config set privacy.retention_days N.</source>
        <translation>Aufbewahrungsfrist ist aus (privacy.retention_days ist 0): Empfängerdaten werden behalten. Legen Sie Tage fest mit herald-cli config set privacy.retention_days N.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n Kampagne</numerusform>
            <numerusform>%n Kampagnen</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the recipient details of %1 in %2 that finished before %3 UTC (%4 days); their counts are unchanged.</source>
        <translation>Empfängerdaten von %1 in %2 gelöscht, die vor %3 UTC beendet wurden (%4 Tage); ihre Zähler bleiben unverändert.</translation>
    </message>
</context>
<context>
    <name>QueueEngine</name>
    <message numerus="yes">
        <source>%n message(s) queued again for resending</source>
        <translation>
            <numerusform>%n Nachricht zum erneuten Senden eingereiht</numerusform>
            <numerusform>%n Nachrichten zum erneuten Senden eingereiht</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuietHours</name>
    <message>
        <source>The quiet-hours window needs a start and an end written as HH:MM, e.g. 09:00 and 20:00.</source>
        <translation>Das Zeitfenster für Ruhezeiten braucht einen Anfang und ein Ende im Format HH:MM, z. B. 09:00 und 20:00.</translation>
    </message>
    <message>
        <source>The quiet-hours window must end after it starts on the same day (%1–%2 does not); windows across midnight are not supported.</source>
        <translation>Das Zeitfenster muss am selben Tag enden, an dem es beginnt (%1–%2 tut das nicht); Zeitfenster über Mitternacht werden nicht unterstützt.</translation>
    </message>
    <message>
        <source>The time zone &quot;%1&quot; chosen for %2 is unknown; use an IANA name such as America/Chicago.</source>
        <translation>Die für %2 gewählte Zeitzone „%1“ ist unbekannt; verwenden Sie einen IANA-Namen wie Europe/Berlin.</translation>
    </message>
    <message>
        <source>The fallback time zone &quot;%1&quot; is unknown.</source>
        <translation>Die Ersatz-Zeitzone „%1“ ist unbekannt.</translation>
    </message>
</context>
<context>
    <name>RateCard</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, gültig ab %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (Beispiel: nicht Metas Preise)</translation>
    </message>
</context>
<context>
    <name>RateCardCommand</name>
    <message>
        <source>a rate card is named by its number (see ratecard list), not &quot;%1&quot;</source>
        <translation>eine Preisliste wird mit ihrer Nummer angegeben (siehe ratecard list), nicht „%1“</translation>
    </message>
    <message>
        <source>import: the card&apos;s name (default: the file&apos;s name).</source>
        <translation>import: der Name der Preisliste (Standard: der Name der Datei).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>import: the date from which the card&apos;s prices apply, e.g. 2026-10-01.</source>
        <translation>import: das Datum, ab dem die Preise der Liste gelten, z. B. 2026-10-01.</translation>
    </message>
    <message>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>show: the card&apos;s number (default: the card estimates use now).</source>
        <translation>show: die Nummer der Preisliste (Standard: die Liste, mit der Schätzungen jetzt rechnen).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Imports, shows, lists or removes the rate cards cost estimates are priced from.</source>
        <translation>Importiert, zeigt, listet oder entfernt die Preislisten, nach denen Kostenschätzungen berechnet werden.</translation>
    </message>
    <message>
        <source>import FILE, show, list, or remove ID. The CSV format is in docs/CLI.md.</source>
        <translation>import DATEI, show, list oder remove ID. Das CSV-Format steht in docs/CLI.md.</translation>
    </message>
    <message>
        <source>import|show|list|remove</source>
        <translation>import|show|list|remove</translation>
    </message>
    <message>
        <source>The file (import) or card number (remove).</source>
        <translation>Die Datei (import) oder Nummer der Preisliste (remove).</translation>
    </message>
    <message>
        <source>[FILE|ID]</source>
        <translation>[DATEI|ID]</translation>
    </message>
    <message>
        <source>ratecard %1 needs %2</source>
        <translation>ratecard %1 braucht %2</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>eine Datei</translation>
    </message>
    <message>
        <source>a card number</source>
        <translation>eine Preislistennummer</translation>
    </message>
    <message>
        <source>ratecard needs an action: import, show, list or remove</source>
        <translation>ratecard braucht eine Aktion: import, show, list oder remove</translation>
    </message>
    <message>
        <source>unknown ratecard action &quot;%1&quot;: use import, show, list or remove</source>
        <translation>unbekannte ratecard-Aktion „%1“: Verwenden Sie import, show, list oder remove</translation>
    </message>
    <message>
        <source>--effective takes a date as YYYY-MM-DD, not &quot;%1&quot;</source>
        <translation>--effective nimmt ein Datum als JJJJ-MM-TT, nicht „%1“</translation>
    </message>
    <message>
        <source>Nothing was stored.</source>
        <translation>Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Stored rate card %1: %2, %3 markets, %4 countries named, categories %5.</source>
        <translation>Preisliste %1 gespeichert: %2, %3 Märkte, %4 Länder genannt, Kategorien %5.</translation>
    </message>
    <message>
        <source>Estimates use card %1 (%2) until this one takes effect.</source>
        <translation>Schätzungen verwenden Preisliste %1 (%2), bis diese gilt.</translation>
    </message>
    <message>
        <source>there is no rate card %1 (see ratecard list)</source>
        <translation>es gibt keine Preisliste %1 (siehe ratecard list)</translation>
    </message>
    <message>
        <source>Rate card %1: %2, prices in %3 per delivered template message.</source>
        <translation>Preisliste %1: %2, Preise in %3 pro zugestellter Vorlagennachricht.</translation>
    </message>
    <message>
        <source>Import Meta&apos;s current card for real estimates: herald-cli ratecard import FILE --effective DATE.</source>
        <translation>Importieren Sie Metas aktuelle Preisliste für echte Schätzungen: herald-cli ratecard import DATEI --effective DATUM.</translation>
    </message>
    <message>
        <source>Rate card %1 was removed; estimates made with it keep their figures.</source>
        <translation>Preisliste %1 wurde entfernt; damit erstellte Schätzungen behalten ihre Zahlen.</translation>
    </message>
</context>
<context>
    <name>RateCardCsv</name>
    <message>
        <source>cannot be opened: %1</source>
        <translation>kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>the rate card needs a name</source>
        <translation>Die Preisliste braucht einen Namen</translation>
    </message>
    <message>
        <source>the rate card needs the date from which its prices apply</source>
        <translation>Die Preisliste braucht das Datum, ab dem ihre Preise gelten</translation>
    </message>
    <message>
        <source>column &quot;%1&quot; is not a category name (letters, digits, spaces, hyphens)</source>
        <translation>Spalte „%1“ ist kein Kategoriename (Buchstaben, Ziffern, Leerzeichen, Bindestriche)</translation>
    </message>
    <message>
        <source>category %1 has two columns</source>
        <translation>Kategorie %1 hat zwei Spalten</translation>
    </message>
    <message>
        <source>the header lacks the column(s) %1 (a rate card&apos;s header is market,countries,currency, then one column per category)</source>
        <translation>Der Kopfzeile fehlen die Spalten %1 (die Kopfzeile einer Preisliste ist market,countries,currency, dann eine Spalte pro Kategorie)</translation>
    </message>
    <message>
        <source>no category columns (e.g. MARKETING, UTILITY, AUTHENTICATION)</source>
        <translation>keine Kategoriespalten (z. B. MARKETING, UTILITY, AUTHENTICATION)</translation>
    </message>
    <message>
        <source>the market has no name</source>
        <translation>Der Markt hat keinen Namen</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; is already on line %2</source>
        <translation>Markt „%1“ steht bereits in Zeile %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency code (three letters, e.g. USD)</source>
        <translation>„%1“ ist kein Währungscode (drei Buchstaben, z. B. EUR)</translation>
    </message>
    <message>
        <source>the currency %1 differs from %2 above: a rate card has one currency</source>
        <translation>Die Währung %1 weicht von %2 oben ab: Eine Preisliste hat eine Währung</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; lists no countries (ISO codes such as DE, or * for every country no other market names)</source>
        <translation>Markt „%1“ nennt keine Länder (ISO-Codes wie DE, oder * für jedes Land, das kein anderer Markt nennt)</translation>
    </message>
    <message>
        <source>only one market may be * (the rest of the world); line %1 is already</source>
        <translation>Nur ein Markt darf * sein (der Rest der Welt); Zeile %1 ist es bereits</translation>
    </message>
    <message>
        <source>* stands alone: it means every country no other market names</source>
        <translation>* steht allein: Es bedeutet jedes Land, das kein anderer Markt nennt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 3166 country code (two letters, e.g. DE; the United Kingdom is GB)</source>
        <translation>„%1“ ist kein ISO-3166-Ländercode (zwei Buchstaben, z. B. DE; das Vereinigte Königreich ist GB)</translation>
    </message>
    <message>
        <source>%1 is already in market &quot;%2&quot; (line %3): a country belongs to one market</source>
        <translation>%1 ist bereits im Markt „%2“ (Zeile %3): Ein Land gehört zu einem Markt</translation>
    </message>
    <message>
        <source>%1 price of &quot;%2&quot;: %3</source>
        <translation>%1-Preis von „%2“: %3</translation>
    </message>
    <message>
        <source>the file has a header but no markets</source>
        <translation>Die Datei hat eine Kopfzeile, aber keine Märkte</translation>
    </message>
</context>
<context>
    <name>RateCardStore</name>
    <message>
        <source>Herald example card</source>
        <translation>Herald-Beispielpreisliste</translation>
    </message>
    <message>
        <source>The rate card &quot;%1&quot; was not stored.</source>
        <translation>Die Preisliste „%1“ wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>The rate card %1 disappeared while it was read.</source>
        <translation>Die Preisliste %1 ist beim Lesen verschwunden.</translation>
    </message>
    <message>
        <source>The example rate card is missing from this build (%1).</source>
        <translation>Die Beispielpreisliste fehlt in diesem Build (%1).</translation>
    </message>
    <message>
        <source>The example rate card is broken: %1</source>
        <translation>Die Beispielpreisliste ist fehlerhaft: %1</translation>
    </message>
</context>
<context>
    <name>Repair</name>
    <message>
        <source>reopened by repair: messages were still queued</source>
        <translation>durch Reparatur wieder geöffnet: Es waren noch Nachrichten eingereiht</translation>
    </message>
</context>
<context>
    <name>RepairCommand</name>
    <message>
        <source>Checks only the campaign with this name.</source>
        <translation>Prüft nur die Kampagne mit diesem Namen.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Shows what would be repaired without changing anything.</source>
        <translation>Zeigt, was repariert würde, ohne etwas zu ändern.</translation>
    </message>
    <message>
        <source>Recounts campaign counters from the queue and fixes them and stuck statuses.</source>
        <translation>Zählt die Zähler der Kampagnen aus der Warteschlange neu und korrigiert sie sowie hängende Status.</translation>
    </message>
    <message>
        <source>No campaigns to check.</source>
        <translation>Keine Kampagnen zu prüfen.</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) are consistent; nothing to repair.</source>
        <translation>
            <numerusform>%n Kampagne geprüft und konsistent; nichts zu reparieren.</numerusform>
            <numerusform>Alle %n Kampagnen sind konsistent; nichts zu reparieren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n campaign(s) need repair. Dry run: nothing was changed; run without --dry-run to fix them.</source>
        <translation>
            <numerusform>%1 von %n Kampagne muss repariert werden. Probelauf: Nichts wurde geändert; führen Sie den Befehl ohne --dry-run aus, um sie zu korrigieren.</numerusform>
            <numerusform>%1 von %n Kampagnen müssen repariert werden. Probelauf: Nichts wurde geändert; führen Sie den Befehl ohne --dry-run aus, um sie zu korrigieren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Repaired %1 of %n campaign(s).</source>
        <translation>
            <numerusform>%1 von %n Kampagne repariert.</numerusform>
            <numerusform>%1 von %n Kampagnen repariert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResendCommand</name>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>Der Name der Kampagne (erforderlich).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Which failures to resend (required): an error code such as 131026, &quot;interrupted&quot;, &quot;no response&quot;, or &quot;all&quot;.</source>
        <translation>Welche Fehler erneut gesendet werden (erforderlich): ein Fehlercode wie 131026, &quot;interrupted&quot;, &quot;no response&quot; oder &quot;all&quot;.</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Queues a campaign&apos;s failed messages again, by failure reason.</source>
        <translation>Reiht die fehlgeschlagenen Nachrichten einer Kampagne nach Fehlergrund erneut ein.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages to resend</source>
        <translation>Kampagne „%1“ hat keine fehlgeschlagenen Nachrichten, die erneut gesendet werden können</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages with reason &quot;%2&quot; to resend</source>
        <translation>Kampagne „%1“ hat keine fehlgeschlagenen Nachrichten mit dem Grund „%2“, die erneut gesendet werden können</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed message(s) of campaign &quot;%1&quot; again.</source>
        <translation>
            <numerusform>%n fehlgeschlagene Nachricht der Kampagne „%1“ erneut eingereiht.</numerusform>
            <numerusform>%n fehlgeschlagene Nachrichten der Kampagne „%1“ erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign was %1 and is now %2: run &apos;herald-cli resume --campaign &quot;%3&quot;&apos; to send them.</source>
        <translation>Die Kampagne hatte den Status „%1“ und hat jetzt „%2“: Führen Sie &apos;herald-cli resume --campaign &quot;%3&quot;&apos; aus, um sie zu senden.</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>The sender stopped while the message was in flight.</source>
        <translation>Der Sender wurde beendet, während die Nachricht unterwegs war.</translation>
    </message>
</context>
<context>
    <name>ResultExporter</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <source>The campaign to send (required).</source>
        <translation>Die zu sendende Kampagne (erforderlich).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Messages per second at most, to lower the phone number&apos;s ceiling for this run (the setting api.rate_ceiling: 80 by default, Meta&apos;s standard, up to 1,000 for upgraded numbers). The sender slows down by itself when Meta says so.</source>
        <translation>Höchstens so viele Nachrichten pro Sekunde, um die Obergrenze der Telefonnummer für diesen Lauf zu senken (die Einstellung api.rate_ceiling: standardmäßig 80, Metas Standard, bis 1.000 für hochgestufte Nummern). Der Sender wird von selbst langsamer, wenn Meta es verlangt.</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>Requests in flight at most (default: enough for the rate at 250 ms).</source>
        <translation>Höchstens so viele gleichzeitige Anfragen (Standard: genug für die Rate bei 250 ms).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer. Off by default: Meta may have accepted them, so they fail &quot;no response&quot; and wait for an explicit resend. Also set by the campaign setting retry_no_response.</source>
        <translation>Nachrichten erneut versuchen, deren Anfrage keine Antwort bekam. Standardmäßig aus: Meta hat sie vielleicht angenommen, daher schlagen sie mit &quot;no response&quot; fehl und warten auf ausdrückliches erneutes Senden. Auch über die Kampagneneinstellung retry_no_response festzulegen.</translation>
    </message>
    <message>
        <source>Sends a campaign through the Cloud API until it completes, pauses or stops.</source>
        <translation>Sendet eine Kampagne über die Cloud API, bis sie abgeschlossen, pausiert oder angehalten ist.</translation>
    </message>
    <message>
        <source>--rate must be more than 0 and at most 1,000 messages per second</source>
        <translation>--rate muss größer als 0 und höchstens 1.000 Nachrichten pro Sekunde sein</translation>
    </message>
    <message>
        <source>--concurrency must be from 1 to 2,000</source>
        <translation>--concurrency muss zwischen 1 und 2.000 liegen</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:
  %2</source>
        <translation>Kampagne „%1“ kann nicht starten:
  %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; is no longer scheduled (it is %2 now)</source>
        <translation>Kampagne „%1“ ist nicht mehr geplant (Status jetzt: %2)</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time, in %4); waiting to start it then. Ctrl+C leaves it scheduled.</source>
        <translation>Kampagne „%1“ ist für %2 UTC (%3 Ortszeit, in %4) geplant; es wird gewartet, um sie dann zu starten. Mit Strg+C bleibt sie geplant.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; stays scheduled for %2 UTC (interrupted while waiting)</source>
        <translation>Kampagne „%1“ bleibt für %2 UTC geplant (beim Warten unterbrochen)</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>A schedule needs a valid date and time.</source>
        <translation>Ein Zeitplan braucht ein gültiges Datum und eine gültige Uhrzeit.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 has already passed (it is %3 now); start it instead.</source>
        <translation>Kampagne „%1“: %2 ist bereits vorbei (jetzt ist es %3); starten Sie sie stattdessen.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>Kampagne „%1“ hat keine Empfänger: Importieren Sie zuerst Kontakte.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>Kampagne „%1“ hat nichts mehr zu senden.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started %2 late: it was due at %3 UTC, when no Herald was running.</source>
        <translation>Kampagne „%1“ wurde %2 zu spät gestartet: Sie war um %3 UTC fällig, als kein Herald lief.</translation>
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
        <translation>%1 T.</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 T. %2 h</translation>
    </message>
</context>
<context>
    <name>SendPlanner</name>
    <message>
        <source>Every phone number of the campaign&apos;s pool was taken out: %1. Nothing can be sent until a number is back in it.</source>
        <translation>Jede Telefonnummer aus dem Pool der Kampagne wurde herausgenommen: %1. Nichts kann gesendet werden, bis eine Nummer wieder darin ist.</translation>
    </message>
    <message>
        <source>Taken out of the campaign&apos;s pool: %1. Their recipients wait until you move them to the other numbers (herald-cli campaign reassign).</source>
        <translation>Aus dem Pool der Kampagne genommen: %1. Ihre Empfänger warten, bis Sie sie auf die anderen Nummern verschieben (herald-cli campaign reassign).</translation>
    </message>
    <message>
        <source>%1 messages per second is above the ceiling of %2 for phone number %3 (%4); a run may only lower it.</source>
        <translation>%1 Nachrichten pro Sekunde liegen über der Obergrenze von %2 für die Telefonnummer %3 (%4); ein Lauf darf sie nur senken.</translation>
    </message>
</context>
<context>
    <name>SendSession</name>
    <message>
        <source>sent %1  failed %2  of %3 (%4%)  %5 msg/s  %6 in flight  ETA %7</source>
        <translation>gesendet %1  fehlgeschlagen %2  von %3 (%4 %)  %5 Nachr./s  %6 unterwegs  Restzeit %7</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1 UTC (%2 local time, in %3).</source>
        <translation>
            <numerusform>Wartend: %Ln Empfänger außerhalb seines Zeitfensters; das nächste Zeitfenster öffnet um %1 UTC (%2 Ortszeit, in %3).</numerusform>
            <numerusform>Wartend: %Ln Empfänger außerhalb ihres Zeitfensters; das nächste Zeitfenster öffnet um %1 UTC (%2 Ortszeit, in %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Pausing: the requests in flight finish and are recorded (Ctrl+C again to be told again; nothing is lost either way)…</source>
        <translation>Wird pausiert: Die laufenden Anfragen werden abgeschlossen und gespeichert (erneut Strg+C für eine weitere Meldung; so oder so geht nichts verloren)…</translation>
    </message>
    <message>
        <source>paused from the command line (Ctrl+C)</source>
        <translation>von der Befehlszeile pausiert (Strg+C)</translation>
    </message>
    <message>
        <source>Sending campaign &quot;%1&quot; to %2 (API %3, up to %4 msg/s).</source>
        <translation>Kampagne „%1“ wird an %2 gesendet (API %3, bis zu %4 Nachr./s).</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2. This run: %3 sent, %4 failed in %5 s (%6 msg/s). Campaign: %7 sent, %8 failed, %9 pending of %10.</source>
        <translation>Kampagne „%1“: %2. Dieser Lauf: %3 gesendet, %4 fehlgeschlagen in %5 s (%6 Nachr./s). Kampagne: %7 gesendet, %8 fehlgeschlagen, %9 ausstehend von %10.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
</context>
<context>
    <name>SenderPresence</name>
    <message>
        <source>the Herald console</source>
        <translation>die Herald-Konsole</translation>
    </message>
    <message>
        <source>herald-cli run</source>
        <translation>herald-cli run</translation>
    </message>
    <message>
        <source>a Herald worker</source>
        <translation>ein Herald-Worker</translation>
    </message>
    <message>
        <source>%1 on %2 (process %3), last heard %4 s ago</source>
        <translation>%1 auf %2 (Prozess %3), zuletzt vor %4 s gemeldet</translation>
    </message>
    <message>
        <source>This sender is not registered, so it cannot hold campaign %1.</source>
        <translation>Dieser Sender ist nicht angemeldet und kann Kampagne %1 daher nicht halten.</translation>
    </message>
</context>
<context>
    <name>SettingKeys</name>
    <message>
        <source>%1 must be a whole number from %2 to %3 (%4).</source>
        <translation>%1 muss eine ganze Zahl von %2 bis %3 sein (%4).</translation>
    </message>
    <message>
        <source>Graph API base URL</source>
        <translation>Basis-URL der Graph API</translation>
    </message>
    <message>
        <source>Graph API version</source>
        <translation>Version der Graph API</translation>
    </message>
    <message>
        <source>WhatsApp Business phone number ID</source>
        <translation>Telefonnummern-ID (WhatsApp Business)</translation>
    </message>
    <message>
        <source>WhatsApp Business Account ID</source>
        <translation>WhatsApp-Business-Konto-ID</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request</source>
        <translation>Millisekunden Wartezeit pro API-Anfrage</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s (a TLS-inspecting proxy&apos;s)</source>
        <translation>Weitere vertrauenswürdige Stelle (z. B. eines TLS-Proxys)</translation>
    </message>
    <message>
        <source>Messages per second at most for the phone number, all campaigns together (Meta: 80, up to 1,000 for upgraded numbers)</source>
        <translation>Höchstens so viele Nachrichten pro Sekunde für die Telefonnummer, alle Kampagnen zusammen (Meta: 80, bis zu 1.000 für hochgestufte Nummern)</translation>
    </message>
    <message>
        <source>Requests in flight at most; 0 chooses by the rate</source>
        <translation>Höchstens so viele gleichzeitige Anfragen; 0 wählt nach der Rate</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer (Meta may have accepted them)</source>
        <translation>Unbeantwortete Anfragen wiederholen (evtl. schon angenommen)</translation>
    </message>
    <message>
        <source>Country assumed for numbers written without a country code</source>
        <translation>Land, das für Nummern ohne Ländervorwahl angenommen wird</translation>
    </message>
    <message>
        <source>%1 must be the numeric ID shown in Meta&apos;s WhatsApp Manager.</source>
        <translation>%1 muss die numerische ID aus Metas WhatsApp Manager sein.</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>Millisekunden</translation>
    </message>
    <message>
        <source>messages per second</source>
        <translation>Nachrichten pro Sekunde</translation>
    </message>
    <message>
        <source>requests; 0 is automatic</source>
        <translation>Anfragen; 0 ist automatisch</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 muss true oder false sein.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a setting Herald knows; known: %2.</source>
        <translation>„%1“ ist keine Einstellung, die Herald kennt; bekannt sind: %2.</translation>
    </message>
    <message>
        <source>The stored setting %1 cannot be used: %2</source>
        <translation>Die gespeicherte Einstellung %1 kann nicht verwendet werden: %2</translation>
    </message>
    <message>
        <source>Days to keep the recipient details of finished campaigns; 0 keeps them forever</source>
        <translation>Tage, die Empfängerdaten beendeter Kampagnen aufbewahrt werden; 0 bewahrt sie für immer</translation>
    </message>
    <message>
        <source>days; 0 keeps forever</source>
        <translation>Tage; 0 = für immer</translation>
    </message>
    <message>
        <source>Replies that put their sender on the opt-out list (comma-separated, any case)</source>
        <translation>Antworten, die ihren Absender auf die Abmeldeliste setzen (durch Kommas getrennt, Groß- und Kleinschreibung egal)</translation>
    </message>
    <message>
        <source>%1 must be a comma-separated list of words, such as STOP, UNSUBSCRIBE.</source>
        <translation>%1 muss eine durch Kommas getrennte Liste von Wörtern sein, etwa STOP, UNSUBSCRIBE.</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Runs the built-in Cloud API simulator on 127.0.0.1 until Ctrl+C.</source>
        <translation>Startet den eingebauten Cloud-API-Simulator auf 127.0.0.1 bis Strg+C.</translation>
    </message>
    <message>
        <source>the simulator could not start: %1</source>
        <translation>der Simulator konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>Cloud API simulator listening on %1 (%2 server threads).</source>
        <translation>Cloud-API-Simulator lauscht auf %1 (%2 Server-Threads).</translation>
    </message>
    <message>
        <source>  API version %1, phone number id %2, WABA id %3</source>
        <translation>  API-Version %1, Telefonnummern-ID %2, WABA-ID %3</translation>
    </message>
    <message>
        <source>  Its access token (a demo value, not a secret): export HERALD_ACCESS_TOKEN=%1</source>
        <translation>  Sein Zugriffstoken (ein Demowert, kein Geheimnis): export HERALD_ACCESS_TOKEN=%1</translation>
    </message>
    <message>
        <source>  Try: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2</source>
        <translation>  Probieren Sie: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2</translation>
    </message>
    <message>
        <source>Ctrl+C stops it.</source>
        <translation>Strg+C beendet ihn.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 send requests, %3 accepted.</source>
        <translation>Beendet. %1 Anfragen, %2 Sendeanfragen, %3 angenommen.</translation>
    </message>
</context>
<context>
    <name>SqliteBackup</name>
    <message>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot start the backup</source>
        <translation>Die Sicherung kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: back it up with pg_dump:
%1</source>
        <translation>Die Datenbank ist PostgreSQL: Sichern Sie sie mit pg_dump:
%1</translation>
    </message>
    <message>
        <source>No file to write the backup to.</source>
        <translation>Keine Datei, in die die Sicherung geschrieben wird.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>Unter %1 gibt es keine Datenbank.</translation>
    </message>
    <message>
        <source>%1 is the database itself; choose another file.</source>
        <translation>%1 ist die Datenbank selbst; wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>%1 exists already; choose another name, or --force to replace it.</source>
        <translation>%1 existiert bereits; wählen Sie einen anderen Namen oder --force, um sie zu ersetzen.</translation>
    </message>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation>%1 ist ein Ordner; geben Sie einen Dateinamen an.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>SqliteStatement</name>
    <message>
        <source>Direct SQLite access is not available on this connection</source>
        <translation>Direkter SQLite-Zugriff ist auf dieser Verbindung nicht verfügbar</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Datenbankanweisung fehlgeschlagen: %1
Anweisung: %2</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <source>Shows only the campaign with this name.</source>
        <translation>Zeigt nur die Kampagne mit diesem Namen.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Shows campaigns with their sent, failed and pending messages.</source>
        <translation>Zeigt Kampagnen mit ihren gesendeten, fehlgeschlagenen und ausstehenden Nachrichten.</translation>
    </message>
    <message>
        <source>No campaigns yet. Create one with: herald-cli campaign create --name NAME --template TEMPLATE --lang LANGUAGE</source>
        <translation>Noch keine Kampagnen. Erstellen Sie eine mit: herald-cli campaign create --name NAME --template VORLAGE --lang SPRACHE</translation>
    </message>
    <message>
        <source>out of the pool since %1 UTC: %2</source>
        <translation>seit %1 UTC aus dem Pool: %2</translation>
    </message>
    <message>
        <source>%1 from %2: %3 sent, %4 failed, %5 waiting, %6 msg/s in the last minute</source>
        <translation>%1 von %2: %3 gesendet, %4 fehlgeschlagen, %5 wartend, %6 Nachr./s in der letzten Minute</translation>
    </message>
</context>
<context>
    <name>SummaryCommand</name>
    <message>
        <source>How many days back, today included (default %1; 0 = all history).</source>
        <translation>Wie viele Tage zurück, einschließlich heute (Standard %1; 0 = gesamter Verlauf).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>--days needs a whole number of days, 0 or more (got &quot;%1&quot;)</source>
        <translation>--days braucht eine ganze Zahl von Tagen, 0 oder mehr (erhalten: „%1“)</translation>
    </message>
    <message numerus="yes">
        <source>No messages sent or failed in the last %n day(s).</source>
        <translation>
            <numerusform>Keine gesendeten oder fehlgeschlagenen Nachrichten am letzten %n Tag.</numerusform>
            <numerusform>Keine gesendeten oder fehlgeschlagenen Nachrichten in den letzten %n Tagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>No messages sent or failed yet.</source>
        <translation>Noch keine gesendeten oder fehlgeschlagenen Nachrichten.</translation>
    </message>
    <message>
        <source>Shows messages sent, failed, delivered and read per day and campaign.</source>
        <translation>Zeigt gesendete, fehlgeschlagene, zugestellte und gelesene Nachrichten pro Tag und Kampagne.</translation>
    </message>
</context>
<context>
    <name>SystemKeychain</name>
    <message>
        <source>Access to the keychain was not allowed.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde nicht erlaubt.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Der Schlüsselbund hat den Zugriff verweigert: %1</translation>
    </message>
    <message>
        <source>No keychain is available (%1). On Linux, start GNOME Keyring, KWallet or another Secret Service.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Starten Sie unter Linux GNOME Keyring, KWallet oder einen anderen Secret Service.</translation>
    </message>
    <message>
        <source>The keychain could not be used: %1</source>
        <translation>Der Schlüsselbund konnte nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>An empty secret is not stored.</source>
        <translation>Ein leeres Geheimnis wird nicht gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>Der Schlüsselbund hat nicht innerhalb von %n Sekunde geantwortet.</numerusform>
            <numerusform>Der Schlüsselbund hat nicht innerhalb von %n Sekunden geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No keychain can be reached: this session has no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), and Linux keychains (GNOME Keyring, KWallet, KeePassXC) are reached through it.</source>
        <translation>Kein Schlüsselbund erreichbar: Diese Sitzung hat keinen D-Bus-Sitzungsbus (DBUS_SESSION_BUS_ADDRESS ist nicht gesetzt), und Linux-Schlüsselbunde (GNOME Keyring, KWallet, KeePassXC) werden darüber erreicht.</translation>
    </message>
</context>
<context>
    <name>TemplatesCommand</name>
    <message>
        <source>check: the campaign whose template and values are checked.</source>
        <translation>check: die Kampagne, deren Vorlage und Werte geprüft werden.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>sync: templates per request (default %1).</source>
        <translation>sync: Vorlagen pro Anfrage (Standard %1).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>reads the approved and other templates from Meta and stores them</source>
        <translation>liest die genehmigten und übrigen Vorlagen von Meta und speichert sie</translation>
    </message>
    <message>
        <source>shows the stored templates with their variables</source>
        <translation>zeigt die gespeicherten Vorlagen mit ihren Variablen</translation>
    </message>
    <message>
        <source>tells whether a campaign&apos;s template and values allow it to start</source>
        <translation>sagt, ob Vorlage und Werte einer Kampagne ihren Start erlauben</translation>
    </message>
    <message>
        <source>Message templates: %1.</source>
        <translation>Nachrichtenvorlagen: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Aktionen:</translation>
    </message>
    <message>
        <source>templates needs an action: %1</source>
        <translation>templates braucht eine Aktion: %1</translation>
    </message>
    <message>
        <source>unknown templates action &quot;%1&quot; (known: %2)</source>
        <translation>unbekannte templates-Aktion „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <source>--page-size must be a number from 1 to 1000</source>
        <translation>--page-size muss eine Zahl von 1 bis 1000 sein</translation>
    </message>
    <message>
        <source>%1 templates listed: %2 new, %3 updated, %4 unchanged.</source>
        <translation>%1 Vorlagen aufgelistet: %2 neu, %3 aktualisiert, %4 unverändert.</translation>
    </message>
    <message>
        <source>Category changed: %1 (%2) %3 -&gt; %4</source>
        <translation>Kategorie geändert: %1 (%2) %3 -&gt; %4</translation>
    </message>
    <message>
        <source>No longer listed by Meta (kept): %1</source>
        <translation>Nicht mehr von Meta aufgelistet (behalten): %1</translation>
    </message>
    <message>
        <source>No templates stored yet. Fetch them with: herald-cli templates sync</source>
        <translation>Noch keine Vorlagen gespeichert. Holen Sie sie mit: herald-cli templates sync</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:</source>
        <translation>Kampagne „%1“ kann nicht starten:</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is ready: template %2 is approved and every variable (%3) has a value for all %4 queued contacts.</source>
        <translation>Kampagne „%1“ ist bereit: Vorlage %2 ist genehmigt und jede Variable (%3) hat einen Wert für alle %4 eingereihten Kontakte.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>TokenCommand</name>
    <message>
        <source>Access token (not shown): </source>
        <translation>Zugriffstoken (wird nicht angezeigt): </translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of the programs that send instead.</source>
        <translation>%1 Setzen Sie stattdessen %2 in der Umgebung der Programme, die senden.</translation>
    </message>
    <message>
        <source>The access token in the operating system&apos;s keychain (set reads it from standard input, clear, status).</source>
        <translation>Das Zugriffstoken im Schlüsselbund des Betriebssystems (set liest es von der Standardeingabe, clear, status).</translation>
    </message>
    <message>
        <source>What to do:
  set - reads the token from standard input and stores it in the keychain
  clear - removes it from the keychain
  status - says where the token of a run would come from (%1 wins over the keychain)
The token is never taken from the command line, printed, or written to a file.</source>
        <translation>Aktionen:
  set - liest das Token von der Standardeingabe und speichert es im Schlüsselbund
  clear - entfernt es aus dem Schlüsselbund
  status - sagt, woher das Token eines Laufs käme (%1 hat Vorrang vor dem Schlüsselbund)
Das Token wird nie von der Befehlszeile übernommen, ausgegeben oder in eine Datei geschrieben.</translation>
    </message>
    <message>
        <source>token needs an action: set, clear, status</source>
        <translation>token braucht eine Aktion: set, clear, status</translation>
    </message>
    <message>
        <source>unknown token action &quot;%1&quot; (known: set, clear, status)</source>
        <translation>unbekannte token-Aktion „%1“ (bekannt: set, clear, status)</translation>
    </message>
    <message>
        <source>no token on standard input: type it when asked, or pipe it in, e.g. &apos;herald-cli token set &lt; token.txt&apos;</source>
        <translation>kein Token auf der Standardeingabe: Tippen Sie es bei der Abfrage ein oder leiten Sie es weiter, z. B. &apos;herald-cli token set &lt; token.txt&apos;</translation>
    </message>
    <message>
        <source>the token on standard input contains spaces: an access token is one word; nothing was stored</source>
        <translation>das Token auf der Standardeingabe enthält Leerzeichen: Ein Zugriffstoken ist ein Wort; nichts wurde gespeichert</translation>
    </message>
    <message>
        <source>the token was not stored: %1</source>
        <translation>das Token wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The access token is stored in the keychain.</source>
        <translation>Das Zugriffstoken ist im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 ist in dieser Umgebung gesetzt und hat Vorrang vor dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>the token was not removed: %1</source>
        <translation>das Token wurde nicht entfernt: %1</translation>
    </message>
    <message>
        <source>No access token is stored in the keychain now.</source>
        <translation>Im Schlüsselbund ist jetzt kein Zugriffstoken gespeichert.</translation>
    </message>
    <message>
        <source>Runs use the token in %1 (it wins over the keychain).</source>
        <translation>Läufe verwenden das Token in %1 (es hat Vorrang vor dem Schlüsselbund).</translation>
    </message>
    <message>
        <source>The keychain holds an access token.</source>
        <translation>Der Schlüsselbund enthält ein Zugriffstoken.</translation>
    </message>
    <message>
        <source>The keychain holds no access token.</source>
        <translation>Der Schlüsselbund enthält kein Zugriffstoken.</translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <source>A transaction cannot begin inside another one on %1.</source>
        <translation>Eine Transaktion kann auf %1 nicht innerhalb einer anderen beginnen.</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>Transaktion kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>a statement failed inside it, so PostgreSQL rolled it back</source>
        <translation>Darin ist eine Anweisung fehlgeschlagen, daher hat PostgreSQL sie zurückgerollt</translation>
    </message>
    <message>
        <source>Cannot commit a transaction: %1</source>
        <translation>Transaktion kann nicht abgeschlossen werden: %1</translation>
    </message>
</context>
<context>
    <name>TransitionCommand</name>
    <message>
        <source>Pauses a running campaign.</source>
        <translation>Pausiert eine laufende Kampagne.</translation>
    </message>
    <message>
        <source>Sets a campaign running (again) so that senders pick up its messages.</source>
        <translation>Setzt eine Kampagne (wieder) auf „läuft“, damit Sender ihre Nachrichten aufnehmen.</translation>
    </message>
    <message>
        <source>Cancels a campaign for good.</source>
        <translation>Bricht eine Kampagne endgültig ab.</translation>
    </message>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>Der Name der Kampagne (erforderlich).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Why, shown with the campaign&apos;s status (kept for paused and cancelled campaigns; a running campaign shows none).</source>
        <translation>Warum; wird mit dem Status der Kampagne angezeigt (bleibt bei pausierten und abgebrochenen Kampagnen; eine laufende Kampagne zeigt keinen).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 → %3.</source>
        <translation>Kampagne „%1“: %2 → %3.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
</context>
<context>
    <name>WebhookSignature</name>
    <message>
        <source>No app secret is configured (HERALD_APP_SECRET), so no callback can be checked; nothing is accepted.</source>
        <translation>Es ist kein App-Secret konfiguriert (HERALD_APP_SECRET), daher kann kein Callback geprüft werden; nichts wird angenommen.</translation>
    </message>
    <message>
        <source>The request has no X-Hub-Signature-256 header.</source>
        <translation>Die Anfrage hat keinen X-Hub-Signature-256-Header.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header is not &quot;sha256=&quot; followed by 64 hex digits.</source>
        <translation>Der X-Hub-Signature-256-Header ist nicht „sha256=“ gefolgt von 64 Hexadezimalziffern.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header does not match the body under the configured app secret (a forged or altered request, or another app&apos;s secret).</source>
        <translation>Der X-Hub-Signature-256-Header passt nicht zum Anfragetext unter dem konfigurierten App-Secret (eine gefälschte oder veränderte Anfrage oder das Secret einer anderen App).</translation>
    </message>
</context>
<context>
    <name>WebhooksCommand</name>
    <message>
        <source>no %1: set the environment variable %2 (or store it in the keychain as &quot;%3&quot; of service &quot;%4&quot;); it is never read from the command line, the settings or the database</source>
        <translation>kein %1: Setzen Sie die Umgebungsvariable %2 (oder speichern Sie es im Schlüsselbund als „%3“ des Dienstes „%4“); es wird nie von der Befehlszeile, aus den Einstellungen oder aus der Datenbank gelesen</translation>
    </message>
    <message>
        <source>--listen takes ADDRESS:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), not &quot;%1&quot;</source>
        <translation>--listen nimmt ADRESSE:PORT (z. B. 127.0.0.1:8080 oder [::1]:8080), nicht „%1“</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA or EC)</source>
        <translation>%1 enthält keinen unverschlüsselten privaten PEM-Schlüssel (RSA oder EC)</translation>
    </message>
    <message>
        <source>serve: the address and port to listen on (default 127.0.0.1:8080, loopback only; give an explicit address such as 0.0.0.0:8080 to expose it).</source>
        <translation>serve: Adresse und Port, auf denen gelauscht wird (Standard 127.0.0.1:8080, nur Loopback; geben Sie eine ausdrückliche Adresse wie 0.0.0.0:8080 an, um den Dienst von außen erreichbar zu machen).</translation>
    </message>
    <message>
        <source>address:port</source>
        <translation>Adresse:Port</translation>
    </message>
    <message>
        <source>serve: a PEM certificate (chain) to speak HTTPS with, with --tls-key.</source>
        <translation>serve: ein PEM-Zertifikat (oder eine Zertifikatskette) für HTTPS, zusammen mit --tls-key.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>serve: the PEM private key of --tls-cert.</source>
        <translation>serve: der private PEM-Schlüssel zu --tls-cert.</translation>
    </message>
    <message>
        <source>Receives Meta&apos;s delivery callbacks (serve), or shows whether they arrive (status).</source>
        <translation>Empfängt Metas Zustell-Callbacks (serve) oder zeigt, ob sie ankommen (status).</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert und --tls-key gehören zusammen</translation>
    </message>
    <message>
        <source>app secret</source>
        <translation>App-Secret</translation>
    </message>
    <message>
        <source>webhook verify token</source>
        <translation>Webhook-Verifizierungstoken</translation>
    </message>
    <message>
        <source>Receiving Meta&apos;s webhook callbacks at %1 (Ctrl+C or SIGTERM stops).</source>
        <translation>Metas Webhook-Callbacks werden unter %1 empfangen (Strg+C oder SIGTERM beendet).</translation>
    </message>
    <message>
        <source>herald-cli: webhooks: answered %1 to %2: %3</source>
        <translation>herald-cli: webhooks: %1 an %2 geantwortet: %3</translation>
    </message>
    <message>
        <source>a client that left</source>
        <translation>einen Client, der nicht mehr verbunden ist</translation>
    </message>
    <message>
        <source>Stopping: no new connections; finishing the requests in flight.</source>
        <translation>Wird beendet: Keine neuen Verbindungen; die laufenden Anfragen werden abgeschlossen.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 accepted, %3 refused, %4 failed; %5 status callbacks stored.</source>
        <translation>Beendet. %1 Anfragen, %2 angenommen, %3 abgelehnt, %4 fehlgeschlagen; %5 Status-Callbacks gespeichert.</translation>
    </message>
    <message>
        <source>No webhook callback has arrived yet: delivery is not tracked until &apos;herald-cli webhooks serve&apos; runs and Meta&apos;s callback URL points at it.</source>
        <translation>Noch ist kein Webhook-Callback eingegangen: Die Zustellung wird erst verfolgt, wenn &apos;herald-cli webhooks serve&apos; läuft und Metas Callback-URL darauf zeigt.</translation>
    </message>
    <message>
        <source>Last callback: %1 UTC</source>
        <translation>Letzter Callback: %1 UTC</translation>
    </message>
    <message>
        <source>Business number</source>
        <translation>Unternehmensnummer</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Last callback (UTC)</source>
        <translation>Letzter Callback (UTC)</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Statusmeldungen</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Angewendet</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Parked callbacks waiting for their message: %1</source>
        <translation>Zurückgestellte Callbacks, die auf ihre Nachricht warten: %1</translation>
    </message>
    <message>
        <source>Running campaign</source>
        <translation>Laufende Kampagne</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>Failed after send</source>
        <translation>Nach dem Senden fehlgeschlagen</translation>
    </message>
    <message>
        <source>What to do:
  serve - runs the receiver at /webhook until SIGTERM or Ctrl+C
  status - the last callback and counts per business number, parked callbacks and the running campaigns&apos; delivered and read
  secret set|clear app-secret|verify-token - stores the secret read from standard input in the keychain, or removes it
serve needs the app secret in %1 and the verify token in %2 (or in the keychain).</source>
        <translation>Aktionen:
  serve - startet den Webhook-Dienst unter /webhook bis SIGTERM oder Strg+C
  status - der letzte Callback und Zähler pro Unternehmensnummer, zurückgestellte Callbacks sowie Zugestellt und Gelesen der laufenden Kampagnen
  secret set|clear app-secret|verify-token - speichert das von der Standardeingabe gelesene Geheimnis im Schlüsselbund oder entfernt es
serve braucht das App-Secret in %1 und das Verifizierungstoken in %2 (oder im Schlüsselbund).</translation>
    </message>
    <message>
        <source>webhooks needs an action: serve, status, secret</source>
        <translation>webhooks braucht eine Aktion: serve, status, secret</translation>
    </message>
    <message>
        <source>unknown webhooks action &quot;%1&quot; (known: serve, status, secret)</source>
        <translation>unbekannte webhooks-Aktion „%1“ (bekannt: serve, status, secret)</translation>
    </message>
    <message>
        <source>usage: webhooks secret set|clear app-secret|verify-token</source>
        <translation>Aufruf: webhooks secret set|clear app-secret|verify-token</translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of webhooks serve instead.</source>
        <translation>%1 Setzen Sie stattdessen %2 in der Umgebung von webhooks serve.</translation>
    </message>
    <message>
        <source>the %1 was not removed: %2</source>
        <translation>%1: wurde nicht entfernt: %2</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain now.</source>
        <translation>%1: ist jetzt nicht im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>%1 (not shown): </source>
        <translation>%1 (wird nicht angezeigt): </translation>
    </message>
    <message>
        <source>no %1 on standard input (one word, typed when asked or piped in, e.g. &apos;herald-cli webhooks secret set %2 &lt; file&apos;); nothing was stored</source>
        <translation>%1: nichts auf der Standardeingabe (ein Wort, bei Aufforderung eingegeben oder per Pipe, z. B. „herald-cli webhooks secret set %2 &lt; Datei“); nichts wurde gespeichert</translation>
    </message>
    <message>
        <source>the %1 was not stored: %2</source>
        <translation>%1: wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>The %1 is stored in the keychain; webhooks serve reads it there.</source>
        <translation>%1: ist im Schlüsselbund gespeichert; webhooks serve liest es dort.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 ist in dieser Umgebung gesetzt und hat Vorrang vor dem Schlüsselbund.</translation>
    </message>
</context>
<context>
    <name>WizardPreset</name>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (Kopie %2)</translation>
    </message>
    <message>
        <source>The column “%1”, as in the campaign “%2”.</source>
        <translation>Die Spalte „%1“, wie in der Kampagne „%2“.</translation>
    </message>
    <message>
        <source>This file has no column “%1”, which held the numbers in “%2”.</source>
        <translation>Diese Datei hat keine Spalte „%1“, die in „%2“ die Nummern enthielt.</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Keine Spalte scheint Telefonnummern zu enthalten: Wählen Sie die Spalte, in der sie stehen.</translation>
    </message>
    <message>
        <source>Choose the column that holds them.</source>
        <translation>Wählen Sie die Spalte, in der sie stehen.</translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message>
        <source>How the consoles list this worker (default: the host&apos;s name).</source>
        <translation>Wie die Konsolen diesen Worker anzeigen (Standard: der Name des Rechners).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>A campaign this worker may send, by name; repeat it for several. &quot;all&quot; (the default) takes every campaign, those created later included.</source>
        <translation>Eine Kampagne, die dieser Worker senden darf, nach Namen; für mehrere wiederholen. „all“ (Standard) nimmt jede Kampagne, auch später angelegte.</translation>
    </message>
    <message>
        <source>all|name</source>
        <translation>all|Name</translation>
    </message>
    <message>
        <source>Sends every running campaign until stopped, with other workers on the same database; SIGTERM drains and leaves every campaign as it was.</source>
        <translation>Sendet jede laufende Kampagne, bis er beendet wird, gemeinsam mit anderen Workern an derselben Datenbank; SIGTERM lässt ihn auslaufen und jede Kampagne bleibt, wie sie war.</translation>
    </message>
    <message>
        <source>--name must be 1 to %1 printable characters</source>
        <translation>--name muss aus 1 bis %1 druckbaren Zeichen bestehen</translation>
    </message>
    <message>
        <source>--campaigns needs a campaign&apos;s name, or all</source>
        <translation>--campaigns braucht den Namen einer Kampagne oder all</translation>
    </message>
    <message>
        <source>--campaigns all takes every campaign; name no others with it</source>
        <translation>--campaigns all nimmt jede Kampagne; nennen Sie keine weiteren dazu</translation>
    </message>
</context>
<context>
    <name>herald</name>
    <message>
        <source>The template has a location header, which Herald cannot fill yet.</source>
        <translation>Die Vorlage hat eine Standort-Kopfzeile, die Herald noch nicht füllen kann.</translation>
    </message>
    <message>
        <source>The template&apos;s header has the unknown format &quot;%1&quot;.</source>
        <translation>Die Kopfzeile der Vorlage hat das unbekannte Format „%1“.</translation>
    </message>
    <message>
        <source>The template&apos;s text header has %1 variables; Meta allows one.</source>
        <translation>Die Text-Kopfzeile der Vorlage hat %1 Variablen; Meta erlaubt eine.</translation>
    </message>
    <message>
        <source>Button %1 is a copy-code (coupon) button, which Herald cannot fill yet.</source>
        <translation>Schaltfläche %1 ist eine Code-kopieren-Schaltfläche (Gutschein), die Herald noch nicht füllen kann.</translation>
    </message>
    <message>
        <source>%1 is %2 characters long; Herald reads templates with texts of at most %3 characters.</source>
        <translation>%1 ist %2 Zeichen lang; Herald liest Vorlagen mit Texten von höchstens %3 Zeichen.</translation>
    </message>
    <message>
        <source>The template&apos;s header</source>
        <translation>Die Kopfzeile der Vorlage</translation>
    </message>
    <message>
        <source>The template has %1 buttons; Meta allows at most %2.</source>
        <translation>Die Vorlage hat %1 Schaltflächen; Meta erlaubt höchstens %2.</translation>
    </message>
    <message>
        <source>The text of button %1</source>
        <translation>Der Text von Schaltfläche %1</translation>
    </message>
    <message>
        <source>The URL of button %1</source>
        <translation>Die URL von Schaltfläche %1</translation>
    </message>
</context>
<context>
    <name>herald::CampaignStore</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Eine Kampagne braucht einen Namen.</translation>
    </message>
    <message>
        <source>A campaign needs a template name and a language code (for example en_US).</source>
        <translation>Eine Kampagne braucht einen Vorlagennamen und einen Sprachcode (zum Beispiel en_US).</translation>
    </message>
    <message>
        <source>A campaign named &quot;%1&quot; already exists.</source>
        <translation>Eine Kampagne namens „%1“ gibt es bereits.</translation>
    </message>
    <message>
        <source>There is no campaign named &quot;%1&quot;.</source>
        <translation>Es gibt keine Kampagne namens „%1“.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Es gibt keine Kampagne mit der ID %1.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2.</source>
        <translation>Kampagne „%1“: %2.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>Kampagne „%1“ hat keine Empfänger: Importieren Sie zuerst Kontakte.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>Kampagne „%1“ hat nichts mehr zu senden.</translation>
    </message>
    <message>
        <source>The rate ceiling must be more than 0 messages per second; leave it empty for the phone number&apos;s own limit.</source>
        <translation>Die Obergrenze muss über 0 Nachrichten pro Sekunde liegen; lassen Sie das Feld leer, um das eigene Limit der Telefonnummer zu verwenden.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be edited.</source>
        <translation>Kampagne „%1“ hat den Status „%2“: Nur ein Entwurf kann bearbeitet werden.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be replaced.</source>
        <translation>Kampagne „%1“ hat den Status „%2“: Nur ein Entwurf kann ersetzt werden.</translation>
    </message>
    <message>
        <source>A campaign name must be valid Unicode text; this one contains a broken character (an unpaired UTF-16 surrogate).</source>
        <translation>Ein Kampagnenname muss gültiger Unicode-Text sein; dieser enthält ein defektes Zeichen (ein ungepaartes UTF-16-Surrogat).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain a NUL character (U+0000).</source>
        <translation>Ein Kampagnenname darf kein NUL-Zeichen (U+0000) enthalten.</translation>
    </message>
    <message>
        <source>A campaign name cannot contain control characters such as line breaks or tabs (found %1).</source>
        <translation>Ein Kampagnenname darf keine Steuerzeichen wie Zeilenumbrüche oder Tabs enthalten (gefunden: %1).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain U+FFFD (�): it stands for bytes that were not valid UTF-8, so the name was not what was typed. Type it again in UTF-8.</source>
        <translation>Ein Kampagnenname darf kein U+FFFD (�) enthalten: Es steht für Bytes, die kein gültiges UTF-8 waren, der Name ist also nicht der eingegebene. Geben Sie ihn erneut in UTF-8 ein.</translation>
    </message>
    <message>
        <source>A campaign name can have at most %1 characters; this one has %2.</source>
        <translation>Ein Kampagnenname darf höchstens %1 Zeichen haben; dieser hat %2.</translation>
    </message>
    <message>
        <source>A campaign sends from one phone number or from a pool, not both.</source>
        <translation>Eine Kampagne sendet von einer Telefonnummer oder aus einem Pool, nicht beides.</translation>
    </message>
</context>
<context>
    <name>herald::Database</name>
    <message>
        <source>open the database</source>
        <translation>die Datenbank öffnen</translation>
    </message>
    <message>
        <source>SQLite is not available</source>
        <translation>SQLite ist nicht verfügbar</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>Der Qt-SQLite-Treiber (QSQLITE) ist nicht installiert</translation>
    </message>
    <message>
        <source>Cannot create the database folder</source>
        <translation>Der Datenbankordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Die Datenbank kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>This file is not a usable Herald database</source>
        <translation>Diese Datei ist keine verwendbare Herald-Datenbank</translation>
    </message>
    <message>
        <source>The database file or its folder is read-only</source>
        <translation>Die Datenbankdatei oder ihr Ordner ist schreibgeschützt</translation>
    </message>
    <message>
        <source>Cannot configure the database</source>
        <translation>Die Datenbank kann nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>PostgreSQL is not available</source>
        <translation>PostgreSQL ist nicht verfügbar</translation>
    </message>
    <message>
        <source>the Qt PostgreSQL driver (QPSQL) is not installed; on Debian/Ubuntu install libqt6sql6-psql</source>
        <translation>Der Qt-PostgreSQL-Treiber (QPSQL) ist nicht installiert; installieren Sie unter Debian/Ubuntu libqt6sql6-psql</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL</source>
        <translation>Keine Verbindung zu PostgreSQL möglich</translation>
    </message>
    <message>
        <source>Cannot configure the PostgreSQL session</source>
        <translation>Die PostgreSQL-Sitzung kann nicht eingerichtet werden</translation>
    </message>
    <message>
        <source>Refused to %1 on the user-interface thread: the console runs every database statement on its data thread, so that the window never waits.</source>
        <translation>Abgelehnt: %1 im Thread der Benutzeroberfläche. Die Konsole führt jede Datenbankanweisung in ihrem Daten-Thread aus, damit das Fenster nie warten muss.</translation>
    </message>
    <message>
        <source>run a statement</source>
        <translation>eine Anweisung ausführen</translation>
    </message>
    <message>
        <source>Database statement could not be prepared: %1
Statement: %2</source>
        <translation>Datenbankanweisung konnte nicht vorbereitet werden: %1
Anweisung: %2</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Datenbankanweisung fehlgeschlagen: %1
Anweisung: %2</translation>
    </message>
    <message>
        <source>Database statement returned no row: %1</source>
        <translation>Datenbankanweisung lieferte keine Zeile: %1</translation>
    </message>
    <message>
        <source>another program holds the database&apos;s write lock</source>
        <translation>ein anderes Programm hält die Schreibsperre der Datenbank</translation>
    </message>
    <message>
        <source>the disk holding the database is full</source>
        <translation>der Datenträger der Datenbank ist voll</translation>
    </message>
    <message>
        <source>the connection to the database server was lost</source>
        <translation>die Verbindung zum Datenbankserver ist abgebrochen</translation>
    </message>
    <message>
        <source>the database failed</source>
        <translation>die Datenbank ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the database server is out of memory</source>
        <translation>der Datenbankserver hat keinen Speicher mehr</translation>
    </message>
    <message>
        <source>another transaction conflicted with the sender&apos;s (a deadlock or serialization failure)</source>
        <translation>eine andere Transaktion kollidierte mit der des Senders (Deadlock oder Serialisierungsfehler)</translation>
    </message>
</context>
<context>
    <name>herald::DatabaseConfig</name>
    <message>
        <source>Unsupported database address &quot;%1&quot;: use a file path for SQLite or postgresql://user:password@host:port/database for PostgreSQL.</source>
        <translation>Nicht unterstützte Datenbankadresse „%1“: Verwenden Sie einen Dateipfad für SQLite oder postgresql://benutzer:passwort@host:port/datenbank für PostgreSQL.</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: expected postgresql://user:password@host:port/database.</source>
        <translation>Fehlerhafte PostgreSQL-URL: erwartet wird postgresql://benutzer:passwort@host:port/datenbank.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database: add /database after host:port.</source>
        <translation>Die PostgreSQL-URL nennt keine Datenbank: Ergänzen Sie /datenbank nach host:port.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no user: write postgresql://user:password@host:port/database.</source>
        <translation>Die PostgreSQL-URL nennt keinen Benutzer: Schreiben Sie postgresql://benutzer:passwort@host:port/datenbank.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL has an option that is not a libpq option name: &quot;%1&quot;.</source>
        <translation>Die PostgreSQL-URL hat eine Option, die kein libpq-Optionsname ist: „%1“.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL option %1 cannot contain &quot;;&quot;.</source>
        <translation>Die PostgreSQL-URL-Option %1 darf kein „;“ enthalten.</translation>
    </message>
</context>
<context>
    <name>herald::Migrator</name>
    <message>
        <source>Migration %1 is missing from this build</source>
        <translation>Migration %1 fehlt in diesem Build</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3
Statement: %4</source>
        <translation>Migration %1 (%2) fehlgeschlagen: %3
Anweisung: %4</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this Herald understands (up to %3). Install a newer Herald; nothing was changed.</source>
        <translation>Die Datenbank %1 hat die Schemaversion %2, neuer als dieses Herald versteht (bis %3). Installieren Sie ein neueres Herald; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>herald::NumberHealthCheck</name>
    <message>
        <source>The answer about %1 was larger than %2 bytes; it is not Graph API&apos;s.</source>
        <translation>Die Antwort zu %1 war größer als %2 Bytes; sie stammt nicht von der Graph API.</translation>
    </message>
    <message>
        <source>Graph API&apos;s answer about %1 cannot be read: %2.</source>
        <translation>Die Antwort der Graph API zu %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>Graph API could not be reached at %1: %2</source>
        <translation>Die Graph API war unter %1 nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1).</source>
        <translation>Meta hat das Zugriffstoken abgelehnt (%1).</translation>
    </message>
    <message>
        <source>Meta did not tell the health of %1 (%2): the token may lack the whatsapp_business_management permission, the ID may belong to another account, or the API version may not offer these fields.</source>
        <translation>Meta hat den Zustand von %1 nicht mitgeteilt (%2): Dem Token fehlt vielleicht die Berechtigung whatsapp_business_management, die ID gehört zu einem anderen Konto, oder die API-Version bietet diese Felder nicht.</translation>
    </message>
</context>
<context>
    <name>herald::PhoneNumberHealth</name>
    <message>
        <source>Meta rates this number&apos;s quality low (red): a campaign now risks the template being paused and the number&apos;s limit lowered.</source>
        <translation>Meta bewertet die Qualität dieser Nummer als niedrig (rot): Eine Kampagne riskiert jetzt, dass die Vorlage pausiert und das Limit der Nummer gesenkt wird.</translation>
    </message>
    <message>
        <source>Meta rates this number&apos;s quality medium (yellow): watch the blocks and reports of this campaign.</source>
        <translation>Meta bewertet die Qualität dieser Nummer als mittel (gelb): Achten Sie auf Blockierungen und Meldungen bei dieser Kampagne.</translation>
    </message>
    <message>
        <source>Meta reports the number as %1: messages may be refused.</source>
        <translation>Meta meldet die Nummer als %1: Nachrichten werden möglicherweise abgelehnt.</translation>
    </message>
    <message>
        <source>The account may message %1 different customers in 24 hours (%2), fewer than this campaign&apos;s %3: the rest will fail until the limit renews.</source>
        <translation>Das Konto darf in 24 Stunden %1 verschiedene Kunden anschreiben (%2), weniger als die %3 dieser Kampagne: Der Rest schlägt fehl, bis sich das Limit erneuert.</translation>
    </message>
</context>
<context>
    <name>herald::QueueEngine</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>Kampagne „%1“ ist %2: Erstellen Sie für diese Kontakte eine neue Kampagne.</translation>
    </message>
    <message>
        <source>Queueing recipients returned no result.</source>
        <translation>Das Einreihen der Empfänger lieferte kein Ergebnis.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Es gibt keine Kampagne mit der ID %1.</translation>
    </message>
    <message>
        <source>The recipient is on the opt-out list; the message was not sent.</source>
        <translation>Der Empfänger steht auf der Abmeldeliste; die Nachricht wurde nicht gesendet.</translation>
    </message>
    <message>
        <source>its lease expired (the sender stopped answering)</source>
        <translation>ihre Reservierung ist abgelaufen (der Sender antwortete nicht mehr)</translation>
    </message>
    <message>
        <source>sender %1 stopped</source>
        <translation>Sender %1 wurde beendet</translation>
    </message>
    <message>
        <source>The message was in flight when %1; Meta may or may not have received it. Resend it if it did not arrive.</source>
        <translation>Die Nachricht war unterwegs, als %1; Meta hat sie vielleicht erhalten, vielleicht auch nicht. Senden Sie sie erneut, falls sie nicht angekommen ist.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is cancelled: nothing can be resent.</source>
        <translation>Kampagne „%1“ ist abgebrochen: Nichts kann erneut gesendet werden.</translation>
    </message>
</context>
<context>
    <name>herald::Reader</name>
    <message>
        <source>&quot;%1&quot; is not a string</source>
        <translation>„%1“ ist keine Zeichenkette</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters</source>
        <translation>„%1“ ist länger als %2 Zeichen</translation>
    </message>
    <message>
        <source>a status that is not an object</source>
        <translation>ein Status, der kein Objekt ist</translation>
    </message>
    <message>
        <source>a status without a message id</source>
        <translation>ein Status ohne Nachrichten-ID</translation>
    </message>
    <message>
        <source>the status &quot;%1&quot; is none of sent, delivered, read and failed</source>
        <translation>der Status „%1“ ist weder sent, delivered, read noch failed</translation>
    </message>
    <message>
        <source>a status without a valid timestamp (Unix seconds)</source>
        <translation>ein Status ohne gültigen Zeitstempel (Unix-Sekunden)</translation>
    </message>
    <message>
        <source>a status containing a NUL character (\u0000)</source>
        <translation>ein Status mit einem NUL-Zeichen (\u0000)</translation>
    </message>
    <message>
        <source>a message without a sender or an id</source>
        <translation>eine Nachricht ohne Sender oder ID</translation>
    </message>
    <message>
        <source>a message that is not an object</source>
        <translation>eine Nachricht, die kein Objekt ist</translation>
    </message>
</context>
<context>
    <name>herald::SchemaDoctor</name>
    <message>
        <source>version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>privilege</source>
        <translation>Berechtigung</translation>
    </message>
    <message>
        <source>the database has no Herald schema; run herald-cli init</source>
        <translation>Die Datenbank hat kein Herald-Schema; führen Sie herald-cli init aus</translation>
    </message>
    <message>
        <source>schema version %1 is older than this Herald&apos;s %2; run herald-cli init to upgrade</source>
        <translation>Schemaversion %1 ist älter als die dieses Herald (%2); führen Sie herald-cli init zum Aktualisieren aus</translation>
    </message>
    <message>
        <source>schema version %1 is newer than this Herald&apos;s %2; install a newer Herald</source>
        <translation>Schemaversion %1 ist neuer als die dieses Herald (%2); installieren Sie ein neueres Herald</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>missing: %1(%2) is needed for %3</source>
        <translation>fehlt: %1(%2) wird für %3 gebraucht</translation>
    </message>
    <message>
        <source>uniqueness</source>
        <translation>Eindeutigkeit</translation>
    </message>
    <message>
        <source>claiming and counting</source>
        <translation>Zuteilen und Zählen</translation>
    </message>
    <message>
        <source>missing or disabled: template category changes go unrecorded</source>
        <translation>fehlt oder ist deaktiviert: Kategorieänderungen von Vorlagen werden nicht aufgezeichnet</translation>
    </message>
    <message>
        <source>executable by PUBLIC or an anonymous role; revoke it</source>
        <translation>ausführbar durch PUBLIC oder eine anonyme Rolle; entziehen Sie das Recht</translation>
    </message>
    <message>
        <source>not executable by the application&apos;s role</source>
        <translation>nicht ausführbar durch die Rolle der Anwendung</translation>
    </message>
    <message>
        <source>wrong signature: found (%1)</source>
        <translation>falsche Signatur: gefunden (%1)</translation>
    </message>
</context>
<context>
    <name>herald::SendWorker</name>
    <message>
        <source>The database schema is incomplete; Herald will not send until it is repaired:
%1</source>
        <translation>Das Datenbankschema ist unvollständig; Herald sendet erst, wenn es repariert ist:
%1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is already completed.</source>
        <translation>Kampagne „%1“ ist bereits abgeschlossen.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is being sent by %2. Herald sends a campaign from one place at a time; it takes over once that sender has been silent for %3 s.</source>
        <translation>Kampagne „%1“ wird von %2 gesendet. Herald sendet eine Kampagne immer nur von einer Stelle aus; es übernimmt, sobald dieser Sender %3 s lang still war.</translation>
    </message>
    <message>
        <source>The database failed: %1</source>
        <translation>Die Datenbank ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 of the last %2 messages failed permanently (most often: %3). Check the template and the contact list before resuming.</source>
        <translation>%1 der letzten %2 Nachrichten sind endgültig fehlgeschlagen (meist: %3). Prüfen Sie die Vorlage und die Kontaktliste, bevor Sie fortsetzen.</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>vom Benutzer pausiert</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>vom Benutzer abgebrochen</translation>
    </message>
    <message>
        <source>The campaign&apos;s status could not be saved: %1</source>
        <translation>Der Status der Kampagne konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Sending stopped: %1 (for %2 s; the sender waits up to %3 s). Send the campaign again once the database is usable: recipients already messaged are not messaged again.
Last error: %4</source>
        <translation>Senden angehalten: %1 (seit %2 s; der Sender wartet bis zu %3 s). Senden Sie die Kampagne erneut, sobald die Datenbank verwendbar ist: Bereits angeschriebene Empfänger werden nicht erneut angeschrieben.
Letzter Fehler: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) from Meta could not be recorded: those recipients end failed &quot;interrupted&quot; when the campaign is sent again, and are never sent to automatically.</source>
        <translation>
            <numerusform>%n Antwort von Meta konnte nicht gespeichert werden: Diese Empfänger enden beim erneuten Senden der Kampagne als fehlgeschlagen „unterbrochen“ und werden nie automatisch erneut beschickt.</numerusform>
            <numerusform>%n Antworten von Meta konnten nicht gespeichert werden: Diese Empfänger enden beim erneuten Senden der Kampagne als fehlgeschlagen „unterbrochen“ und werden nie automatisch erneut beschickt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Another sender took the campaign over while the database was unreachable.</source>
        <translation>Ein anderer Sender hat die Kampagne übernommen, während die Datenbank nicht erreichbar war.</translation>
    </message>
    <message>
        <source>The sender lost track of this message while the database was unreachable; it may have been sent.</source>
        <translation>Der Sender hat diese Nachricht aus den Augen verloren, während die Datenbank nicht erreichbar war; sie wurde möglicherweise gesendet.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2, not running.</source>
        <translation>Kampagne „%1“ ist %2, nicht laufend.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for phone numbers taken out of the campaign&apos;s pool: %1. Move them to the other numbers (herald-cli campaign reassign), then resume.</source>
        <translation>
            <numerusform>%Ln Empfänger wartet auf aus dem Pool der Kampagne genommene Telefonnummern: %1. Verschieben Sie ihn auf die anderen Nummern (herald-cli campaign reassign) und setzen Sie dann fort.</numerusform>
            <numerusform>%Ln Empfänger warten auf aus dem Pool der Kampagne genommene Telefonnummern: %1. Verschieben Sie sie auf die anderen Nummern (herald-cli campaign reassign) und setzen Sie dann fort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports the number as %1 (health checked %2 UTC).</source>
        <translation>Meta meldet die Nummer als %1 (Zustand geprüft %2 UTC).</translation>
    </message>
</context>
<context>
    <name>herald::SenderHost</name>
    <message>
        <source>This campaign is already being sent.</source>
        <translation>Diese Kampagne wird bereits gesendet.</translation>
    </message>
    <message>
        <source>Another sender took this campaign over while this one was not heard from.</source>
        <translation>Ein anderer Sender hat diese Kampagne übernommen, während von diesem nichts zu hören war.</translation>
    </message>
</context>
<context>
    <name>herald::TemplateParser</name>
    <message>
        <source>The template is positional but uses named variables.</source>
        <translation>Die Vorlage ist positionell, verwendet aber benannte Variablen.</translation>
    </message>
    <message>
        <source>The template uses named parameters but has numbered variables.</source>
        <translation>Die Vorlage verwendet benannte Parameter, hat aber nummerierte Variablen.</translation>
    </message>
    <message>
        <source>The template has %1 components; Herald reads at most %2.</source>
        <translation>Die Vorlage hat %1 Komponenten; Herald liest höchstens %2.</translation>
    </message>
    <message>
        <source>The template&apos;s body</source>
        <translation>Der Textkörper der Vorlage</translation>
    </message>
    <message>
        <source>The template&apos;s footer</source>
        <translation>Die Fußzeile der Vorlage</translation>
    </message>
</context>
<context>
    <name>herald::TemplateSync</name>
    <message>
        <source>No WhatsApp Business Account ID is set; templates are listed per account. Set it with &apos;config set api.waba_id ID&apos; or --waba-id.</source>
        <translation>Es ist keine WhatsApp-Business-Konto-ID festgelegt; Vorlagen werden pro Konto aufgelistet. Legen Sie sie mit &apos;config set api.waba_id ID&apos; oder --waba-id fest.</translation>
    </message>
    <message>
        <source>The template sync was cancelled; nothing was stored.</source>
        <translation>Die Vorlagensynchronisierung wurde abgebrochen; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The template list did not end after %1 pages; nothing was stored.</source>
        <translation>Die Vorlagenliste endete nicht nach %1 Seiten; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1): it is invalid or has expired. Set a valid token in HERALD_ACCESS_TOKEN and sync again; nothing was stored.</source>
        <translation>Meta hat das Zugriffstoken abgelehnt (%1): Es ist ungültig oder abgelaufen. Legen Sie ein gültiges Token in HERALD_ACCESS_TOKEN fest und synchronisieren Sie erneut; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Could not list the templates at %1: %2. Nothing was stored.</source>
        <translation>Die Vorlagen konnten unter %1 nicht abgerufen werden: %2. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Meta refused the template list (%1); nothing was stored.</source>
        <translation>Meta hat die Vorlagenliste verweigert (%1); nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>The template list from %1 is not what Graph API sends (no &quot;data&quot; list); check the API base URL. Nothing was stored.</source>
        <translation>Die Vorlagenliste von %1 ist nicht das, was die Graph API sendet (keine „data“-Liste); prüfen Sie die API-Basis-URL. Nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>A listed template without name, language or status was skipped (id %1).</source>
        <translation>Eine aufgelistete Vorlage ohne Name, Sprache oder Status wurde übersprungen (ID %1).</translation>
    </message>
    <message>
        <source>The templates could not be stored: %1</source>
        <translation>Die Vorlagen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>A page of the template list was larger than %1 bytes (%2 bytes); it was not read and nothing was stored.</source>
        <translation>Eine Seite der Vorlagenliste war größer als %1 Bytes (%2 Bytes); sie wurde nicht gelesen und nichts wurde gespeichert.</translation>
    </message>
</context>
<context>
    <name>herald::WebhookPayload</name>
    <message>
        <source>The body has %1 bytes; at most %2 are accepted.</source>
        <translation>Der Anfragetext hat %1 Bytes; angenommen werden höchstens %2.</translation>
    </message>
    <message>
        <source>The body is not JSON (%1 at byte %2).</source>
        <translation>Der Anfragetext ist kein JSON (%1 bei Byte %2).</translation>
    </message>
    <message>
        <source>The body is not a JSON object.</source>
        <translation>Der Anfragetext ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The body is not a WhatsApp Business Account notification (&quot;object&quot; is &quot;%1&quot;).</source>
        <translation>Der Anfragetext ist keine Benachrichtigung eines WhatsApp-Business-Kontos („object“ ist „%1“).</translation>
    </message>
    <message>
        <source>The body has no &quot;entry&quot; list.</source>
        <translation>Der Anfragetext hat keine „entry“-Liste.</translation>
    </message>
    <message>
        <source>The body holds more than %1 items.</source>
        <translation>Der Anfragetext enthält mehr als %1 Einträge.</translation>
    </message>
</context>
<context>
    <name>herald::cli::WorkerLoop</name>
    <message>
        <source>the worker could not announce itself: %1</source>
        <translation>der Worker konnte sich nicht anmelden: %1</translation>
    </message>
    <message>
        <source>every campaign</source>
        <translation>jede Kampagne</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; (%2) started; it sends %3</source>
        <translation>Worker „%1“ (%2) gestartet; er sendet %3</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; stopped</source>
        <translation>Worker „%1“ beendet</translation>
    </message>
    <message>
        <source>the database answers again</source>
        <translation>die Datenbank antwortet wieder</translation>
    </message>
    <message>
        <source>the database failed; trying again: %1</source>
        <translation>die Datenbank ist fehlgeschlagen; neuer Versuch: %1</translation>
    </message>
    <message>
        <source>no campaign is named &quot;%1&quot; yet; it is taken once it exists and runs</source>
        <translation>noch heißt keine Kampagne „%1“; sie wird genommen, sobald es sie gibt und sie läuft</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; was due and is now running</source>
        <translation>Kampagne „%1“ war fällig und läuft jetzt</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot be sent: %2</source>
        <translation>Kampagne „%1“ kann nicht gesendet werden: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2</source>
        <translation>Kampagne „%1“: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: sending, at most %2 messages/s</source>
        <translation>Kampagne „%1“: wird gesendet, höchstens %2 Nachrichten/s</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 of %3 sent, %4 failed, %5 messages/s</source>
        <translation>Kampagne „%1“: %2 von %3 gesendet, %4 fehlgeschlagen, %5 Nachrichten/s</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 after %3 sent and %4 failed here%5</source>
        <translation>Kampagne „%1“: %2 nach %3 gesendeten und %4 fehlgeschlagenen hier%5</translation>
    </message>
    <message>
        <source>stopping without waiting for the requests in flight</source>
        <translation>wird beendet, ohne auf die laufenden Anfragen zu warten</translation>
    </message>
    <message>
        <source>stopping: recording the answers in flight and releasing held recipients; every campaign keeps its status</source>
        <translation>wird beendet: die laufenden Antworten werden gespeichert und gehaltene Empfänger freigegeben; jede Kampagne behält ihren Status</translation>
    </message>
    <message>
        <source>The worker was stopped; the campaign stays running for the next sender.</source>
        <translation>Der Worker wurde beendet; die Kampagne läuft für den nächsten Sender weiter.</translation>
    </message>
</context>
<context>
    <name>herald::ui::AboutDialog</name>
    <message>
        <source>About Herald</source>
        <translation>Über Herald</translation>
    </message>
    <message>
        <source>Herald icon</source>
        <translation>Herald-Symbol</translation>
    </message>
    <message>
        <source>A campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Eine Kampagnenkonsole für die WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>Built with Qt %1.</source>
        <translation>Erstellt mit Qt %1.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Protokollordner</translation>
    </message>
    <message>
        <source>Herald is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with ABSOLUTELY NO WARRANTY.</source>
        <translation>Herald ist freie Software: Sie können sie unter den Bedingungen der GNU General Public License, Version 3 oder (nach Ihrer Wahl) jeder späteren Version, weitergeben und/oder verändern. Sie wird OHNE JEDE GEWÄHRLEISTUNG bereitgestellt.</translation>
    </message>
    <message>
        <source>Herald uses these libraries:</source>
        <translation>Herald verwendet diese Bibliotheken:</translation>
    </message>
    <message>
        <source>Qt Charts and Qt HttpServer: GPL-3.0</source>
        <translation>Qt Charts und Qt HttpServer: GPL-3.0</translation>
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
        <translation>&amp;Neue Kampagne…</translation>
    </message>
    <message>
        <source>Create a campaign from a contact file</source>
        <translation>Eine Kampagne aus einer Kontaktdatei erstellen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start sending the selected campaign</source>
        <translation>Das Senden der gewählten Kampagne starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Pause the selected campaign</source>
        <translation>Die gewählte Kampagne pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the selected campaign</source>
        <translation>Die gewählte Kampagne fortsetzen</translation>
    </message>
    <message>
        <source>Start or pause</source>
        <translation>Starten oder pausieren</translation>
    </message>
    <message>
        <source>Start, pause or resume the selected campaign</source>
        <translation>Die gewählte Kampagne starten, pausieren oder fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel campaign…</source>
        <translation>A&amp;bbrechen…</translation>
    </message>
    <message>
        <source>Cancel the selected campaign for good</source>
        <translation>Die gewählte Kampagne endgültig abbrechen</translation>
    </message>
    <message>
        <source>Resend &amp;failed…</source>
        <translation>&amp;Erneut senden…</translation>
    </message>
    <message>
        <source>Queue failed messages of chosen reasons again</source>
        <translation>Fehlgeschlagene Nachrichten aus gewählten Gründen erneut einreihen</translation>
    </message>
    <message>
        <source>&amp;Repair counters…</source>
        <translation>Zähler &amp;reparieren…</translation>
    </message>
    <message>
        <source>Compare every campaign&apos;s counters with a recount and fix them</source>
        <translation>Die Zähler jeder Kampagne mit einer Neuzählung vergleichen und korrigieren</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>Ergebnisse e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Save every recipient&apos;s result as a CSV file</source>
        <translation>Das Ergebnis jedes Empfängers als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>S&amp;ync templates</source>
        <translation>&amp;Vorlagen synchronisieren</translation>
    </message>
    <message>
        <source>Fetch the message templates from Meta</source>
        <translation>Die Nachrichtenvorlagen von Meta abrufen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>API account, sending, database and language</source>
        <translation>API-Konto, Senden, Datenbank und Sprache</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Read everything again</source>
        <translation>Alles neu einlesen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close Herald</source>
        <translation>Herald schließen</translation>
    </message>
    <message>
        <source>&amp;About Herald</source>
        <translation>Ü&amp;ber Herald</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>Version und Lizenz</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>&amp;Duplizieren…</translation>
    </message>
    <message>
        <source>A new campaign with this one&apos;s template, mapping and settings, from another file</source>
        <translation>Eine neue Kampagne mit Vorlage, Zuordnung und Einstellungen dieser Kampagne, aus einer anderen Datei</translation>
    </message>
    <message>
        <source>Edi&amp;t draft…</source>
        <translation>Entwurf be&amp;arbeiten…</translation>
    </message>
    <message>
        <source>Change the draft&apos;s name, rate ceiling or mapping</source>
        <translation>Name, Obergrenze oder Zuordnung des Entwurfs ändern</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>Entwurf &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete the draft with its recipients</source>
        <translation>Den Entwurf mit seinen Empfängern löschen</translation>
    </message>
    <message>
        <source>&amp;Add contacts…</source>
        <translation>&amp;Kontakte hinzufügen…</translation>
    </message>
    <message>
        <source>Import more contacts into the draft or paused campaign</source>
        <translation>Weitere Kontakte in den Entwurf oder die pausierte Kampagne importieren</translation>
    </message>
    <message>
        <source>U&amp;nschedule</source>
        <translation>Planung a&amp;ufheben</translation>
    </message>
    <message>
        <source>Forget the scheduled start: the campaign becomes a draft again</source>
        <translation>Den geplanten Start verwerfen: Die Kampagne wird wieder zum Entwurf</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignDetail</name>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>gestartet %1</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>sent by this window</source>
        <translation>von diesem Fenster gesendet</translation>
    </message>
    <message>
        <source>sent by %1</source>
        <translation>gesendet von %1</translation>
    </message>
    <message>
        <source>waiting for a sender</source>
        <translation>wartet auf einen Sender</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <source>Sync templates</source>
        <translation>Vorlagen synchronisieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Completed: %1 sent, %2 failed of %3</source>
        <translation>Abgeschlossen: %1 gesendet, %2 fehlgeschlagen von %3</translation>
    </message>
    <message>
        <source> in %1 (%2 – %3)</source>
        <translation> in %1 (%2 – %3)</translation>
    </message>
    <message>
        <source>Resend failed…</source>
        <translation>Fehlgeschlagene erneut senden…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <source>Select a campaign to see its progress, failures and recipients.</source>
        <translation>Wählen Sie eine Kampagne, um Fortschritt, Fehler und Empfänger zu sehen.</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Nummern</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignManagement</name>
    <message>
        <source>Delete the draft &quot;%1&quot;?</source>
        <translation>Den Entwurf „%1“ löschen?</translation>
    </message>
    <message numerus="yes">
        <source>The draft and its %n recipient(s) are deleted. Nothing has been sent from it.</source>
        <translation>
            <numerusform>Der Entwurf wird mit seinem %n Empfänger gelöscht. Aus ihm wurde noch nichts gesendet.</numerusform>
            <numerusform>Der Entwurf wird mit seinen %n Empfängern gelöscht. Aus ihm wurde noch nichts gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Entwurf löschen</translation>
    </message>
    <message>
        <source>The draft was not deleted</source>
        <translation>Der Entwurf wurde nicht gelöscht</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer a draft (it was started, scheduled or deleted meanwhile).</source>
        <translation>„%1“ ist kein Entwurf mehr (er wurde inzwischen gestartet, geplant oder gelöscht).</translation>
    </message>
    <message>
        <source>Deleted the draft &quot;%1&quot;.</source>
        <translation>Der Entwurf „%1“ wurde gelöscht.</translation>
    </message>
    <message>
        <source>The campaign was not unscheduled</source>
        <translation>Die Planung der Kampagne wurde nicht aufgehoben</translation>
    </message>
    <message>
        <source>Unscheduled &quot;%1&quot;: it is a draft again.</source>
        <translation>Die Planung von „%1“ wurde aufgehoben: Die Kampagne ist wieder ein Entwurf.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, waiting for a sender</source>
        <translation>%1, wartet auf einen Sender</translation>
    </message>
    <message>
        <source>%1 elsewhere</source>
        <translation>%1 anderswo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sent by this window.</source>
        <translation>Von diesem Fenster gesendet.</translation>
    </message>
    <message>
        <source>Sender: %1</source>
        <translation>Sender: %1</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed, %3 pending of %4</source>
        <translation>%1 gesendet, %2 fehlgeschlagen, %3 ausstehend von %4</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>Delivery not tracked: no webhook receiver has reported a callback for this campaign&apos;s business number. Run herald-cli webhooks serve behind your web server and subscribe it to the app&apos;s &quot;messages&quot; webhook in Meta&apos;s App Dashboard (see the user guide, Delivery tracking).</source>
        <translation>Zustellung nicht verfolgt: Kein Webhook-Dienst hat einen Callback für die Unternehmensnummer dieser Kampagne gemeldet. Führen Sie herald-cli webhooks serve hinter Ihrem Webserver aus und abonnieren Sie damit den Webhook „messages“ der App im App-Dashboard von Meta (siehe Benutzerhandbuch, „Delivery tracking“).</translation>
    </message>
    <message>
        <source>%1 delivered, %2 read of %3 sent</source>
        <translation>%1 zugestellt, %2 gelesen von %3 gesendeten</translation>
    </message>
    <message>
        <source>%1 failed after sending (see Failures)</source>
        <translation>%1 nach dem Senden fehlgeschlagen (siehe „Fehler“)</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignsPage</name>
    <message>
        <source>Filter campaigns by name…</source>
        <translation>Kampagnen nach Namen filtern…</translation>
    </message>
    <message>
        <source>Filter campaigns</source>
        <translation>Kampagnen filtern</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
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
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Drop a contact file (CSV) here or choose it. Herald shows how it reads the file; correct the encoding or delimiter if names or columns look wrong.</source>
        <translation>Legen Sie eine Kontaktdatei (CSV) hier ab oder wählen Sie sie aus. Herald zeigt, wie es die Datei liest; korrigieren Sie Kodierung oder Trennzeichen, wenn Namen oder Spalten falsch aussehen.</translation>
    </message>
    <message>
        <source>No file chosen: drop one here or click Browse…</source>
        <translation>Keine Datei gewählt: Legen Sie eine hier ab oder klicken Sie auf Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Komma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Semikolon ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>Senkrechter Strich ( | )</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Kodierung:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Trennzeichen:</translation>
    </message>
    <message>
        <source>Choose a contact file</source>
        <translation>Kontaktdatei wählen</translation>
    </message>
    <message>
        <source>Contact files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Kontaktdateien (*.csv *.txt *.tsv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <source>%n data row(s)</source>
        <translation>
            <numerusform>%n Datenzeile</numerusform>
            <numerusform>%n Datenzeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 data rows</source>
        <translation>etwa %1 Datenzeilen</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>commas</source>
        <translation>Kommas</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>Semikolons</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>Tabulatoren</translation>
    </message>
    <message>
        <source>pipes</source>
        <translation>senkrechte Striche</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>%1 It is read as the campaign&apos;s file was: %2. Choose Detect above if this one differs.</source>
        <translation>%1 Sie wird so gelesen wie die Datei der Kampagne: %2. Wählen Sie oben „Erkennen“, falls diese Datei davon abweicht.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n column(s), %3 · showing the first %4</source>
        <translation>
            <numerusform>%1 · %2 · %n Spalte, %3 · die ersten %4 werden angezeigt</numerusform>
            <numerusform>%1 · %2 · %n Spalten, %3 · die ersten %4 werden angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Contact file</source>
        <translation>Kontaktdatei</translation>
    </message>
    <message>
        <source>File preview</source>
        <translation>Dateivorschau</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostCountryModel</name>
    <message>
        <source>Not priced: %1</source>
        <translation>Ohne Preis: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>ohne Preis</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Markt</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostEstimatePanel</name>
    <message>
        <source>Re-estimate</source>
        <translation>Neu schätzen</translation>
    </message>
    <message>
        <source>Per country</source>
        <translation>Nach Land</translation>
    </message>
    <message>
        <source>Count the recipients and price them again with the card in use now; only those still to send while the campaign is running or paused.</source>
        <translation>Die Empfänger neu zählen und mit der jetzt gültigen Preisliste neu bepreisen; solange die Kampagne läuft oder pausiert ist, nur die noch zu sendenden.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Geschätzte Kosten:</translation>
    </message>
    <message>
        <source>Reading the estimate…</source>
        <translation>Die Schätzung wird gelesen…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Select a campaign to see what sending it costs.</source>
        <translation>Wählen Sie eine Kampagne, um zu sehen, was ihr Versand kostet.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Wird geschätzt…</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>ein Datum, das Meta nicht angegeben hat</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 (%4), after the estimate of %5: re-estimated, %6 → %7.</source>
        <translation>Meta hat die Kategorie der Vorlage %1 von %2 auf %3 geändert (%4), nach der Schätzung vom %5: neu geschätzt, %6 → %7.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>%1: %2 × %3 = %4</source>
        <translation>%1: %2 × %3 = %4</translation>
    </message>
    <message>
        <source>%1, %2 — estimated %3 with %4 (effective %5)</source>
        <translation>%1, %2 — geschätzt am %3 mit %4 (gültig ab %5)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Keine Schätzung: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) still to send</source>
        <translation>
            <numerusform>%Ln ausstehender Empfänger</numerusform>
            <numerusform>%Ln ausstehende Empfänger</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln Empfänger</numerusform>
            <numerusform>%Ln Empfänger</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) not priced and left out of the total (%1).</source>
        <translation>
            <numerusform>%Ln Empfänger ohne Preis, nicht in der Summe enthalten (%1).</numerusform>
            <numerusform>%Ln Empfänger ohne Preis, nicht in der Summe enthalten (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Herald&apos;s example card: its prices are illustrative, not Meta&apos;s. Import Meta&apos;s card in Settings ▸ Rate cards for a real estimate.</source>
        <translation>Herald-Beispielpreisliste: Die Preise dienen nur der Veranschaulichung und sind nicht die von Meta. Importieren Sie Metas Preisliste unter Einstellungen ▸ Preislisten für eine echte Schätzung.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostSection</name>
    <message>
        <source>⚠ Example rate card — import your own in Settings for a real estimate.</source>
        <translation>⚠ Beispielpreisliste — importieren Sie Ihre eigene in den Einstellungen für eine echte Schätzung.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Geschätzte Kosten:</translation>
    </message>
    <message>
        <source>Rate card:</source>
        <translation>Preisliste:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>The estimate follows the import.</source>
        <translation>Die Schätzung folgt nach dem Import.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Wird geschätzt…</translation>
    </message>
    <message>
        <source>No cost estimate: %1</source>
        <translation>Keine Kostenschätzung: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 for %Ln recipient(s) (%2 messages)</source>
        <translation>
            <numerusform>%1 für %Ln Empfänger (%2-Nachrichten)</numerusform>
            <numerusform>%1 für %Ln Empfänger (%2-Nachrichten)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, gültig ab %2</translation>
    </message>
    <message>
        <source>Meta charges delivered messages only, so this is the most these recipients cost.</source>
        <translation>Meta berechnet nur zugestellte Nachrichten; mehr als diesen Betrag kosten diese Empfänger also nicht.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in countries this card does not price, left out of the total.</source>
        <translation>
            <numerusform>%Ln Empfänger in einem Land ohne Preis in dieser Preisliste ist in der Summe nicht enthalten.</numerusform>
            <numerusform>%Ln Empfänger in Ländern ohne Preis in dieser Preisliste sind in der Summe nicht enthalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cost by country</source>
        <translation>Kosten nach Land</translation>
    </message>
</context>
<context>
    <name>herald::ui::Credentials</name>
    <message>
        <source>No access token is set. Enter it in Settings; Herald keeps it in the operating system&apos;s keychain.</source>
        <translation>Es ist kein Zugriffstoken festgelegt. Tragen Sie es in den Einstellungen ein; Herald bewahrt es im Schlüsselbund des Betriebssystems auf.</translation>
    </message>
    <message>
        <source>No access token is available: %1 Enter the token in Settings and keep it for this session only, or set %2.</source>
        <translation>Kein Zugriffstoken verfügbar: %1 Tragen Sie das Token in den Einstellungen ein und behalten Sie es nur für diese Sitzung, oder setzen Sie %2.</translation>
    </message>
    <message>
        <source>The token was not stored: %1</source>
        <translation>Das Token wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The token was not removed: %1</source>
        <translation>Das Token wurde nicht entfernt: %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryModel</name>
    <message>
        <source>%1 campaigns</source>
        <translation>%1 Kampagnen</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed</source>
        <translation>%1: %2 gesendet, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Tag (UTC)</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Failed share</source>
        <translation>Anteil fehlgeschlagen</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryPage</name>
    <message>
        <source>Messages per day</source>
        <translation>Nachrichten pro Tag</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Alle Kampagnen</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <source>All history</source>
        <translation>Gesamter Verlauf</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Kampagne:</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>The daily summary cannot be read: %1</source>
        <translation>Die Tagesübersicht kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>all campaigns</source>
        <translation>alle Kampagnen</translation>
    </message>
    <message>
        <source>Messages %1, %2 (UTC days)</source>
        <translation>Nachrichten %1, %2 (UTC-Tage)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <source>No messages were sent or failed in this range.</source>
        <translation>Keine gesendeten oder fehlgeschlagenen Nachrichten in diesem Zeitraum.</translation>
    </message>
    <message>
        <source>In this range: %1 sent, %2 failed (%3 of the messages finished).</source>
        <translation>In diesem Zeitraum: %1 gesendet, %2 fehlgeschlagen (%3 der Nachrichten abgeschlossen).</translation>
    </message>
    <message>
        <source>Chart of the messages sent and failed each day; the table beside it holds the same figures.</source>
        <translation>Diagramm der pro Tag gesendeten und fehlgeschlagenen Nachrichten; die Tabelle daneben enthält dieselben Zahlen.</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Tagesübersicht</translation>
    </message>
</context>
<context>
    <name>herald::ui::DatabaseSection</name>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Embedded (a SQLite file on this computer)</source>
        <translation>Eingebettet (eine SQLite-Datei auf diesem Computer)</translation>
    </message>
    <message>
        <source>PostgreSQL server (shared by several consoles and workers)</source>
        <translation>PostgreSQL-Server (von mehreren Konsolen und Workern geteilt)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in the settings file.</source>
        <translation>Im Schlüsselbund des Betriebssystems aufbewahrt, nie in der Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Open now: %1. A change here takes effect when Herald is restarted.</source>
        <translation>Jetzt geöffnet: %1. Eine Änderung hier wirkt, wenn Herald neu gestartet wird.</translation>
    </message>
    <message>
        <source>HERALD_DB is set in this environment and wins over the choice here.</source>
        <translation>HERALD_DB ist in dieser Umgebung gesetzt und hat Vorrang vor der Wahl hier.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>Stored in the keychain; type to replace it</source>
        <translation>Im Schlüsselbund gespeichert; tippen, um es zu ersetzen</translation>
    </message>
    <message>
        <source>None, or type it</source>
        <translation>Keins, oder eintippen</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address: postgresql://user@host:5432/database.</source>
        <translation>Geben Sie die Adresse des Servers ein: postgresql://benutzer@host:5432/datenbank.</translation>
    </message>
    <message>
        <source>A PostgreSQL address starts with postgresql://, e.g. postgresql://user@host:5432/database.</source>
        <translation>Eine PostgreSQL-Adresse beginnt mit postgresql://, z. B. postgresql://benutzer@host:5432/datenbank.</translation>
    </message>
    <message>
        <source>%1 is a folder: name a file in it, e.g. %2.</source>
        <translation>%1 ist ein Ordner: Nennen Sie eine Datei darin, z. B. %2.</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <source>Herald databases (*.db);;All files (*)</source>
        <translation>Herald-Datenbanken (*.db);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
</context>
<context>
    <name>herald::ui::DeliveryFunnel</name>
    <message>
        <source>Delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>Delivery funnel</source>
        <translation>Zustelltrichter</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Gesendet: %1</translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation>Zugestellt: %1</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Gelesen: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Failed later: %1</source>
        <translation>Später fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Delivery not tracked</source>
        <translation>Zustellung nicht verfolgt</translation>
    </message>
    <message>
        <source>No delivery callback for this campaign&apos;s number since %1: is the webhook receiver running?</source>
        <translation>Kein Zustell-Callback für die Nummer dieser Kampagne seit %1: Läuft der Webhook-Dienst?</translation>
    </message>
    <message>
        <source>Delivery tracked — last callback %1</source>
        <translation>Zustellung verfolgt — letzter Callback %1</translation>
    </message>
    <message>
        <source>Meta reports delivered, read and late failures to the webhook receiver (herald-cli webhooks serve); herald-cli webhooks status shows what it received.</source>
        <translation>Meta meldet Zustellungen, Lesebestätigungen und nachträgliche Fehlschläge an den Webhook-Dienst (herald-cli webhooks serve); herald-cli webhooks status zeigt, was er empfangen hat.</translation>
    </message>
</context>
<context>
    <name>herald::ui::DemoSession</name>
    <message>
        <source>The built-in simulator could not start: %1</source>
        <translation>Der eingebaute Simulator konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The simulator&apos;s templates could not be synced: %1</source>
        <translation>Die Vorlagen des Simulators konnten nicht synchronisiert werden: %1</translation>
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
        <translation>&amp;Zuordnung ändern…</translation>
    </message>
    <message>
        <source>Edit draft “%1”</source>
        <translation>Entwurf „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>the number&apos;s own limit</source>
        <translation>das eigene Limit der Nummer</translation>
    </message>
    <message>
        <source>messages per second at most</source>
        <translation>Nachrichten pro Sekunde höchstens</translation>
    </message>
    <message>
        <source>Fill the template&apos;s variables differently. Herald asks for the contact file again and imports it into a new draft, which replaces this one (same name) when you finish; until then this draft stays as it is.</source>
        <translation>Die Variablen der Vorlage anders füllen. Herald fragt erneut nach der Kontaktdatei und importiert sie in einen neuen Entwurf, der diesen (mit demselben Namen) ersetzt, wenn Sie den Assistenten abschließen; bis dahin bleibt dieser Entwurf unverändert.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Rate ceiling:</source>
        <translation>&amp;Obergrenze:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Nachricht:</translation>
    </message>
    <message>
        <source>The rate ceiling is a number of messages per second, e.g. 20 or 2.5; leave it empty for the phone number&apos;s own limit.</source>
        <translation>Die Obergrenze ist eine Anzahl Nachrichten pro Sekunde, z. B. 20 oder 2,5; lassen Sie das Feld leer, um das eigene Limit der Telefonnummer zu verwenden.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) · %Ln recipient(s)</source>
        <translation>
            <numerusform>%1 (%2) · %Ln Empfänger</numerusform>
            <numerusform>%1 (%2) · %Ln Empfänger</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::ErasePersonAction</name>
    <message>
        <source>&amp;Erase a Person&apos;s Data…</source>
        <translation>Daten einer Person &amp;löschen…</translation>
    </message>
    <message>
        <source>Removes one person&apos;s number, name and parameters from every campaign, keeping the counts</source>
        <translation>Entfernt Nummer, Name und Parameter einer Person aus jeder Kampagne; die Zähler bleiben</translation>
    </message>
    <message>
        <source>Erase a Person&apos;s Data</source>
        <translation>Daten einer Person löschen</translation>
    </message>
    <message>
        <source>The person&apos;s phone number, as written in your contact files.
With its country code, or as written in the default region of Settings ▸ Sending:</source>
        <translation>Die Telefonnummer der Person, wie sie in Ihren Kontaktdateien steht.
Mit Ländervorwahl oder im Format der Standardregion (Einstellungen ▸ Senden):</translation>
    </message>
    <message>
        <source>Nothing Was Erased</source>
        <translation>Nichts wurde gelöscht</translation>
    </message>
    <message>
        <source>The database could not be read: %1</source>
        <translation>Die Datenbank konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Write the number with its country code (+49 …), or set the default region in Settings ▸ Sending.</source>
        <translation>Schreiben Sie die Nummer mit Ländervorwahl (+49 …) oder legen Sie die Standardregion unter Einstellungen ▸ Senden fest.</translation>
    </message>
    <message>
        <source>Not a Phone Number</source>
        <translation>Keine Telefonnummer</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Nichts wurde gelöscht.</translation>
    </message>
    <message>
        <source>Also put %1 on the opt-out list, so that no later import or campaign messages this person? The list keeps only the number.</source>
        <translation>%1 auch auf die Abmeldeliste setzen, damit kein späterer Import und keine Kampagne diese Person anschreibt? Die Liste speichert nur die Nummer.</translation>
    </message>
    <message>
        <source>Add to Opt-outs</source>
        <translation>Auf Abmeldeliste setzen</translation>
    </message>
    <message>
        <source>Don&apos;t Add</source>
        <translation>Nicht hinzufügen</translation>
    </message>
    <message>
        <source>The number will be added to the opt-out list.</source>
        <translation>Die Nummer wird auf die Abmeldeliste gesetzt.</translation>
    </message>
    <message>
        <source>The opt-out list will not be changed.</source>
        <translation>Die Abmeldeliste wird nicht geändert.</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>The number, name and template parameters of %1 will be removed from every campaign. The campaigns keep their counts; messages still waiting for this number will not be sent. %2</source>
        <translation>Nummer, Name und Vorlagenparameter von %1 werden aus jeder Kampagne entfernt. Die Kampagnen behalten ihre Zähler; noch wartende Nachrichten an diese Nummer werden nicht gesendet. %2</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>%1 is in no campaign: there was nothing to erase.</source>
        <translation>%1 ist in keiner Kampagne: Es gab nichts zu löschen.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n Zeile</numerusform>
            <numerusform>%n Zeilen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n Kampagne</numerusform>
            <numerusform>%n Kampagnen</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the number, name and parameters of %1 from %2 in %3. The campaigns&apos; counts are unchanged.</source>
        <translation>Nummer, Name und Parameter von %1 aus %2 in %3 gelöscht. Die Zähler der Kampagnen bleiben unverändert.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting for this number will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n noch wartende Nachricht an diese Nummer wird nicht gesendet (fehlgeschlagen, Grund „erased“).</numerusform>
            <numerusform>%n noch wartende Nachrichten an diese Nummer werden nicht gesendet (fehlgeschlagen, Grund „erased“).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 steht jetzt auf der Abmeldeliste.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list.</source>
        <translation>%1 bleibt auf der Abmeldeliste.</translation>
    </message>
    <message>
        <source>Personal Data Erased</source>
        <translation>Personenbezogene Daten gelöscht</translation>
    </message>
</context>
<context>
    <name>herald::ui::FailuresModel</name>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>(no reason)</source>
        <translation>(kein Grund)</translation>
    </message>
    <message>
        <source>Herald has no explanation for this reason.</source>
        <translation>Herald hat für diesen Grund keine Erklärung.</translation>
    </message>
    <message>
        <source>Read the error details of its recipients.</source>
        <translation>Lesen Sie die Fehlerdetails seiner Empfänger.</translation>
    </message>
    <message>
        <source>WhatsApp accepted these messages, then reported by webhook that they could not be delivered. They count as sent, and as failed after sending.</source>
        <translation>WhatsApp hat diese Nachrichten angenommen und dann per Webhook gemeldet, dass sie nicht zugestellt werden konnten. Sie zählen als gesendet und als nach dem Senden fehlgeschlagen.</translation>
    </message>
    <message>
        <source>%1, after sending</source>
        <translation>%1, nach dem Senden</translation>
    </message>
</context>
<context>
    <name>herald::ui::FailuresView</name>
    <message>
        <source>Resend…</source>
        <translation>Erneut senden…</translation>
    </message>
    <message>
        <source>Queue the messages that failed for the selected reasons again.</source>
        <translation>Die Nachrichten, die aus den gewählten Gründen fehlgeschlagen sind, erneut einreihen.</translation>
    </message>
    <message>
        <source>The failures could not be read: %1</source>
        <translation>Die Fehler können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Fehler werden gelesen…</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Keine Nachricht dieser Kampagne ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation>Fehler nach Grund</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages: %1, for %n reason(s). Select a reason to list its recipients under Recipients, or reasons to resend.</source>
        <translation>
            <numerusform>Fehlgeschlagene Nachrichten: %1, aus %n Grund. Wählen Sie einen Grund, um seine Empfänger unter „Empfänger“ aufzulisten, oder Gründe zum erneuten Senden.</numerusform>
            <numerusform>Fehlgeschlagene Nachrichten: %1, aus %n Gründen. Wählen Sie einen Grund, um seine Empfänger unter „Empfänger“ aufzulisten, oder Gründe zum erneuten Senden.</numerusform>
        </translation>
    </message>
    <message>
        <source>No message of this campaign has failed when sent.</source>
        <translation>Keine Nachricht dieser Kampagne ist beim Senden fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Failed after sending: %1 (WhatsApp accepted them, then reported by webhook that they could not be delivered).</source>
        <translation>Nach dem Senden fehlgeschlagen: %1 (WhatsApp hat sie angenommen und dann per Webhook gemeldet, dass sie nicht zugestellt werden konnten).</translation>
    </message>
</context>
<context>
    <name>herald::ui::FrequencyCapSection</name>
    <message>
        <source>Skip recipients any campaign &amp;messaged in the last</source>
        <translation>Empfänger &amp;überspringen, die eine Kampagne angeschrieben hat in den letzten</translation>
    </message>
    <message>
        <source>Messaged recently (skipped):</source>
        <translation>Kürzlich angeschrieben (übersprungen):</translation>
    </message>
    <message>
        <source>— (off)</source>
        <translation>— (aus)</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>wird gezählt…</translation>
    </message>
    <message numerus="yes">
        <source>%1 (messaged by another campaign in the last %n day(s))</source>
        <translation>
            <numerusform>%1 (innerhalb von %n Tag von einer anderen Kampagne angeschrieben)</numerusform>
            <numerusform>%1 (innerhalb von %n Tagen von einer anderen Kampagne angeschrieben)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::HelpMenu</name>
    <message>
        <source>&amp;User guide</source>
        <translation>Benutzer&amp;handbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Show &amp;log folder</source>
        <translation>&amp;Protokollordner anzeigen</translation>
    </message>
    <message>
        <source>How to use Herald, step by step</source>
        <translation>So verwenden Sie Herald, Schritt für Schritt</translation>
    </message>
    <message>
        <source>Every action and its shortcut</source>
        <translation>Alle Aktionen und ihre Tastenkürzel</translation>
    </message>
    <message>
        <source>Open the folder with Herald&apos;s daily log files</source>
        <translation>Den Ordner mit den täglichen Protokolldateien von Herald öffnen</translation>
    </message>
    <message>
        <source>User guide not installed</source>
        <translation>Benutzerhandbuch nicht installiert</translation>
    </message>
    <message>
        <source>The user guide was not found on this computer, so it opens in your web browser instead:
%1</source>
        <translation>Das Benutzerhandbuch wurde auf diesem Computer nicht gefunden, daher wird es stattdessen in Ihrem Webbrowser geöffnet:
%1</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Protokollordner</translation>
    </message>
    <message>
        <source>The log folder could not be opened. Herald writes its logs to:
%1</source>
        <translation>Der Protokollordner konnte nicht geöffnet werden. Herald schreibt seine Protokolle nach:
%1</translation>
    </message>
</context>
<context>
    <name>herald::ui::InterruptedNotice</name>
    <message>
        <source>Review interrupted…</source>
        <translation>Unterbrochene prüfen…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Opens the Resend dialog with these messages; nothing is sent until you confirm.</source>
        <translation>Öffnet den Dialog „Erneut senden“ mit diesen Nachrichten; nichts wird gesendet, bevor Sie bestätigen.</translation>
    </message>
    <message>
        <source>Interrupted messages</source>
        <translation>Unterbrochene Nachrichten</translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages of “%1” were in flight: %n message(s) became &quot;interrupted&quot;.</source>
        <translation>
            <numerusform>Herald oder ein anderer Sender wurde beendet, während Nachrichten von „%1“ unterwegs waren: %n Nachricht ist jetzt „unterbrochen“.</numerusform>
            <numerusform>Herald oder ein anderer Sender wurde beendet, während Nachrichten von „%1“ unterwegs waren: %n Nachrichten sind jetzt „unterbrochen“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s)</source>
        <translation>
            <numerusform>„%1“: %n Nachricht</numerusform>
            <numerusform>„%1“: %n Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more campaign(s)</source>
        <translation>
            <numerusform>%n weitere Kampagne</numerusform>
            <numerusform>%n weitere Kampagnen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages were in flight. %n message(s) became &quot;interrupted&quot;: %1.</source>
        <translation>
            <numerusform>Herald oder ein anderer Sender wurde beendet, während Nachrichten unterwegs waren. %n Nachricht ist jetzt „unterbrochen“: %1.</numerusform>
            <numerusform>Herald oder ein anderer Sender wurde beendet, während Nachrichten unterwegs waren. %n Nachrichten sind jetzt „unterbrochen“: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta may have delivered some of them, so they are not resent by themselves. Review them and resend only if they did not arrive.</source>
        <translation>Meta hat einige davon vielleicht zugestellt, daher werden sie nicht automatisch erneut gesendet. Prüfen Sie sie und senden Sie nur erneut, was nicht angekommen ist.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n interrupted)</source>
        <translation>
            <numerusform>%1 (%n unterbrochen)</numerusform>
            <numerusform>%1 (%n unterbrochen)</numerusform>
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
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Tagesübersicht</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Abmeldungen</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation>&amp;Kampagne</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation>Die Datenbank kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The campaign could not start</source>
        <translation>Die Kampagne konnte nicht starten</translation>
    </message>
    <message>
        <source>Campaign completed</source>
        <translation>Kampagne abgeschlossen</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed.</source>
        <translation>%1: %2 gesendet, %3 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Campaign paused</source>
        <translation>Kampagne pausiert</translation>
    </message>
    <message>
        <source>Campaign stopped</source>
        <translation>Kampagne angehalten</translation>
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
        <translation>Die Datenbank kann nicht verwendet werden</translation>
    </message>
    <message numerus="yes">
        <source>The counters of %n campaign(s) do not match their messages.</source>
        <translation>
            <numerusform>Die Zähler von %n Kampagne passen nicht zu ihren Nachrichten.</numerusform>
            <numerusform>Die Zähler von %n Kampagnen passen nicht zu ihren Nachrichten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Herald is not connected to a WhatsApp Business account yet. Try it now with the built-in simulator: a sample campaign is created and sent while you watch. To send for real, enter your account in Settings (File ▸ Settings…).</source>
        <translation>Herald ist noch mit keinem WhatsApp-Business-Konto verbunden. Probieren Sie es jetzt mit dem eingebauten Simulator aus: Eine Beispielkampagne wird erstellt und gesendet, während Sie zusehen. Um wirklich zu senden, tragen Sie Ihr Konto in den Einstellungen ein (Datei ▸ Einstellungen…).</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <source>Starting the simulator and creating a sample campaign…</source>
        <translation>Simulator wird gestartet und Beispielkampagne erstellt…</translation>
    </message>
    <message>
        <source>The demo campaign is being sent to the built-in simulator, not to WhatsApp. Enter your account in Settings to send for real.</source>
        <translation>Die Demokampagne wird an den eingebauten Simulator gesendet, nicht an WhatsApp. Tragen Sie Ihr Konto in den Einstellungen ein, um wirklich zu senden.</translation>
    </message>
    <message>
        <source>The demo could not start</source>
        <translation>Die Demo konnte nicht starten</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued again.</source>
        <translation>
            <numerusform>%n Nachricht erneut eingereiht.</numerusform>
            <numerusform>%n Nachrichten erneut eingereiht.</numerusform>
        </translation>
    </message>
    <message>
        <source> results</source>
        <translation> Ergebnisse</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancel campaign &quot;%1&quot;?</source>
        <translation>Kampagne „%1“ abbrechen?</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Kampagne abbrechen</translation>
    </message>
    <message>
        <source>Finishing the messages in flight before closing…</source>
        <translation>Nachrichten, die unterwegs sind, werden vor dem Schließen abgeschlossen…</translation>
    </message>
    <message>
        <source>Close Herald?</source>
        <translation>Herald schließen?</translation>
    </message>
    <message numerus="yes">
        <source>Herald is sending %n campaign(s). Messages in flight finish and are recorded; the campaigns stay running and continue the next time Herald (or another sender) opens this database.</source>
        <translation>
            <numerusform>Herald sendet %n Kampagne. Nachrichten, die unterwegs sind, werden abgeschlossen und gespeichert; die Kampagne läuft weiter und wird fortgesetzt, wenn Herald (oder ein anderer Sender) diese Datenbank das nächste Mal öffnet.</numerusform>
            <numerusform>Herald sendet %n Kampagnen. Nachrichten, die unterwegs sind, werden abgeschlossen und gespeichert; die Kampagnen laufen weiter und werden fortgesetzt, wenn Herald (oder ein anderer Sender) diese Datenbank das nächste Mal öffnet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln recipient(s) to %1.</source>
        <translation>
            <numerusform>%Ln Empfänger nach %1 exportiert.</numerusform>
            <numerusform>%Ln Empfänger nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) not sent yet. A cancelled campaign cannot be resumed; messages already sent stay sent.</source>
        <translation>
            <numerusform>%Ln Nachricht noch nicht gesendet. Eine abgebrochene Kampagne kann nicht fortgesetzt werden; bereits gesendete Nachrichten bleiben gesendet.</numerusform>
            <numerusform>%Ln Nachrichten noch nicht gesendet. Eine abgebrochene Kampagne kann nicht fortgesetzt werden; bereits gesendete Nachrichten bleiben gesendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Sender</translation>
    </message>
</context>
<context>
    <name>herald::ui::MessagePage</name>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Choose the template and fill each of its variables from a column or with fixed text.</source>
        <translation>Wählen Sie die Vorlage und füllen Sie jede ihrer Variablen aus einer Spalte oder mit festem Text.</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Meta paused this template after recipients reported or blocked it; it cannot be sent until Meta lifts the pause.</source>
        <translation>Meta hat diese Vorlage pausiert, nachdem Empfänger sie gemeldet oder blockiert haben; sie kann erst gesendet werden, wenn Meta die Pause aufhebt.</translation>
    </message>
    <message>
        <source>Meta disabled this template after repeated low quality; it can no longer be sent.</source>
        <translation>Meta hat diese Vorlage nach wiederholt geringer Qualität deaktiviert; sie kann nicht mehr gesendet werden.</translation>
    </message>
    <message>
        <source>Meta rejected this template at review; edit and resubmit it in WhatsApp Manager.</source>
        <translation>Meta hat diese Vorlage bei der Prüfung abgelehnt; bearbeiten Sie sie im WhatsApp Manager und reichen Sie sie erneut ein.</translation>
    </message>
    <message>
        <source>Meta has not approved this template (%1).</source>
        <translation>Meta hat diese Vorlage nicht genehmigt (%1).</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>Herald kann diese Vorlage nicht senden: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>Vorlagen werden geladen…</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>Die Vorlagen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2) — %3, %4</source>
        <translation>%1 (%2) — %3, %4</translation>
    </message>
    <message>
        <source>No templates are known yet: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>Noch sind keine Vorlagen bekannt: Synchronisieren Sie sie von Meta (Extras ▸ Vorlagen synchronisieren) und kommen Sie zurück.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>⚠ Meta changed this template&apos;s category from %1 to %2 on %3. %4</source>
        <translation>⚠ Meta hat die Kategorie dieser Vorlage am %3 von %1 auf %2 geändert. %4</translation>
    </message>
    <message>
        <source>Marketing messages cost more than utility ones.</source>
        <translation>Marketing-Nachrichten kosten mehr als Service-Nachrichten (Utility).</translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation>Fester Text</translation>
    </message>
    <message>
        <source>Column: %1</source>
        <translation>Spalte: %1</translation>
    </message>
    <message>
        <source>This template has no variables.</source>
        <translation>Diese Vorlage hat keine Variablen.</translation>
    </message>
    <message>
        <source>Type the text every recipient gets, or choose a column.</source>
        <translation>Tippen Sie den Text, den jeder Empfänger bekommt, oder wählen Sie eine Spalte.</translation>
    </message>
    <message>
        <source>Empty in %1 of %2 rows: those rows will not be imported.</source>
        <translation>Leer in %1 von %2 Zeilen: Diese Zeilen werden nicht importiert.</translation>
    </message>
    <message>
        <source>Empty in %1 of the first %2 rows: those rows will not be imported.</source>
        <translation>Leer in %1 der ersten %2 Zeilen: Diese Zeilen werden nicht importiert.</translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation>Kopfzeile {{%1}}</translation>
    </message>
    <message>
        <source>Header %1 (link)</source>
        <translation>Kopfzeile %1 (Link)</translation>
    </message>
    <message>
        <source>Button “%1”</source>
        <translation>Schaltfläche „%1“</translation>
    </message>
    <message>
        <source>Button %1</source>
        <translation>Schaltfläche %1</translation>
    </message>
    <message>
        <source>Body {{%1}}</source>
        <translation>Text {{%1}}</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) is not among the templates: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>Die Vorlage %1 (%2) der Kampagne ist nicht unter den Vorlagen: Synchronisieren Sie sie von Meta (Extras ▸ Vorlagen synchronisieren) und kommen Sie zurück.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) cannot be used now: choose another.</source>
        <translation>Die Vorlage %1 (%2) der Kampagne kann jetzt nicht verwendet werden: Wählen Sie eine andere.</translation>
    </message>
    <message>
        <source>%1 was filled from the column “%2”, which this file does not have: choose a column for it.</source>
        <translation>%1 wurde aus der Spalte „%2“ gefüllt, die diese Datei nicht hat: Wählen Sie eine Spalte dafür.</translation>
    </message>
    <message>
        <source>&amp;Campaign name:</source>
        <translation>&amp;Kampagnenname:</translation>
    </message>
    <message>
        <source>Fixed text for %1</source>
        <translation>Fester Text für %1</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Wert für %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::MessagePreview</name>
    <message>
        <source>Previous row</source>
        <translation>Vorherige Zeile</translation>
    </message>
    <message>
        <source>Next row</source>
        <translation>Nächste Zeile</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Show the request body</source>
        <translation>Anfragetext zeigen</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>of the first %1</source>
        <translation>der ersten %1</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>An %1</translation>
    </message>
    <message>
        <source>Row %1 has no number Herald can send to: %2</source>
        <translation>Zeile %1 hat keine Nummer, an die Herald senden kann: %2</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Wählen Sie eine Vorlage.</translation>
    </message>
    <message>
        <source>This row is not imported: it has no number to send to.</source>
        <translation>Diese Zeile wird nicht importiert: Sie hat keine Nummer, an die gesendet werden kann.</translation>
    </message>
    <message>
        <source>This row is sent as shown.</source>
        <translation>Diese Zeile wird wie gezeigt gesendet.</translation>
    </message>
    <message>
        <source>This row cannot be sent: %1</source>
        <translation>Diese Zeile kann nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>Preview row</source>
        <translation>Vorschauzeile</translation>
    </message>
</context>
<context>
    <name>herald::ui::NewCampaignWizard</name>
    <message>
        <source>New campaign</source>
        <translation>Neue Kampagne</translation>
    </message>
    <message>
        <source>&amp;Create campaign</source>
        <translation>Kampagne &amp;erstellen</translation>
    </message>
    <message>
        <source>The campaign could not be saved</source>
        <translation>Die Kampagne konnte nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Duplicate “%1”</source>
        <translation>„%1“ duplizieren</translation>
    </message>
    <message>
        <source>Choose the file for the copy of “%1”: its template, mapping and settings are taken over.</source>
        <translation>Wählen Sie die Datei für die Kopie von „%1“: Vorlage, Zuordnung und Einstellungen werden übernommen.</translation>
    </message>
    <message>
        <source>Change the mapping of “%1”</source>
        <translation>Zuordnung von „%1“ ändern</translation>
    </message>
    <message>
        <source>%1 (new mapping)</source>
        <translation>%1 (neue Zuordnung)</translation>
    </message>
    <message>
        <source>&amp;Replace the draft</source>
        <translation>Entwurf &amp;ersetzen</translation>
    </message>
    <message>
        <source>Add contacts to “%1”</source>
        <translation>Kontakte zu „%1“ hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Add the contacts</source>
        <translation>Kontakte &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Choose the file with more contacts for “%1”. Numbers already in the campaign are left out; leaving the wizard takes the added ones out again.</source>
        <translation>Wählen Sie die Datei mit weiteren Kontakten für „%1“. Nummern, die schon in der Kampagne sind, werden ausgelassen; wenn Sie den Assistenten verlassen, werden die hinzugefügten wieder entfernt.</translation>
    </message>
    <message>
        <source>Herald adds the file&apos;s contacts to “%1”: numbers already in it, opted out or rejected are left out. Nothing is sent until it is started or resumed.</source>
        <translation>Herald fügt die Kontakte der Datei zu „%1“ hinzu: Nummern, die schon darin, abgemeldet oder abgelehnt sind, werden ausgelassen. Nichts wird gesendet, bevor die Kampagne gestartet oder fortgesetzt wird.</translation>
    </message>
    <message>
        <source>The campaign cannot be scheduled</source>
        <translation>Die Kampagne kann nicht geplant werden</translation>
    </message>
    <message>
        <source>The campaign could not be scheduled</source>
        <translation>Die Kampagne konnte nicht geplant werden</translation>
    </message>
    <message>
        <source>The campaign&apos;s template and mapping: the new contacts get the same message. A column this file names differently can be chosen.</source>
        <translation>Vorlage und Zuordnung der Kampagne: Die neuen Kontakte erhalten dieselbe Nachricht. Eine Spalte, die in dieser Datei anders heißt, können Sie auswählen.</translation>
    </message>
    <message>
        <source>The template&apos;s category changed</source>
        <translation>Die Kategorie der Vorlage hat sich geändert</translation>
    </message>
    <message>
        <source>Choose the file again: Herald imports it with the new mapping into a new draft, which replaces “%1” when you click Replace the draft. Leaving keeps the old draft as it is.</source>
        <translation>Wählen Sie die Datei erneut: Herald importiert sie mit der neuen Zuordnung in einen neuen Entwurf, der „%1“ ersetzt, wenn Sie auf „Entwurf ersetzen“ klicken. Wenn Sie den Assistenten verlassen, bleibt der alte Entwurf unverändert.</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthLine</name>
    <message>
        <source>The phone number&apos;s health cannot be read: %1</source>
        <translation>Der Zustand der Telefonnummer kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No phone number is set: enter one in Settings (File ▸ Settings…).</source>
        <translation>Keine Telefonnummer festgelegt: Tragen Sie eine in den Einstellungen ein (Datei ▸ Einstellungen…).</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sends from %1: %2</source>
        <translation>Sendet von %1: %2</translation>
    </message>
    <message>
        <source>Phone number ID %1. %2</source>
        <translation>Telefonnummern-ID %1. %2</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthRunner</name>
    <message>
        <source>The phone numbers cannot be read from the database: %1</source>
        <translation>Die Telefonnummern können nicht aus der Datenbank gelesen werden: %1</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and check again.</source>
        <translation>Kein Zugriffstoken festgelegt. Tragen Sie es in den Einstellungen ein (Datei ▸ Einstellungen…) und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>The health check was cancelled; nothing was stored.</source>
        <translation>Die Zustandsprüfung wurde abgebrochen; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Meta answered, but the answers cannot be stored: %1</source>
        <translation>Meta hat geantwortet, aber die Antworten können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>No phone number is set. Add one under Settings ▸ Phone numbers, or enter the phone number ID on its Cloud API tab.</source>
        <translation>Keine Telefonnummer festgelegt. Fügen Sie unter Einstellungen ▸ Telefonnummern eine hinzu oder tragen Sie die Telefonnummern-ID auf dem Reiter Cloud API ein.</translation>
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
        <translation>keine Nummer</translation>
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
        <translation>Zeile</translation>
    </message>
    <message>
        <source>As read</source>
        <translation>Wie gelesen</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>Wie gesendet</translation>
    </message>
    <message>
        <source>Valid?</source>
        <translation>Gültig?</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutTableModel</name>
    <message>
        <source>Added by hand</source>
        <translation>Von Hand hinzugefügt</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Stopped marketing messages (WhatsApp)</source>
        <translation>Marketing-Nachrichten abbestellt (WhatsApp)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Wie</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutsPage</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>Aus CSV importieren…</translation>
    </message>
    <message>
        <source>Search by number or reason</source>
        <translation>Nach Nummer oder Grund suchen</translation>
    </message>
    <message>
        <source>Phone number, e.g. +49 151 23456789</source>
        <translation>Telefonnummer, z. B. +49 151 23456789</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Grund (optional)</translation>
    </message>
    <message>
        <source>Never message this number: it is not queued in new campaigns and not resent</source>
        <translation>Diese Nummer nie anschreiben: Sie wird in neuen Kampagnen nicht eingereiht und nicht erneut beschickt</translation>
    </message>
    <message>
        <source>Add every number of a CSV file; the phone column is found by itself</source>
        <translation>Jede Nummer einer CSV-Datei hinzufügen; die Telefonspalte wird automatisch gefunden</translation>
    </message>
    <message>
        <source>Add a number:</source>
        <translation>Nummer hinzufügen:</translation>
    </message>
    <message>
        <source>The opt-out list cannot be read: %1</source>
        <translation>Die Abmeldeliste kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>On the list: %1</source>
        <translation>Auf der Liste: %1</translation>
    </message>
    <message>
        <source>Matching: %1 of %2</source>
        <translation>Treffer: %1 von %2</translation>
    </message>
    <message>
        <source>Type the phone number to add first.</source>
        <translation>Tippen Sie zuerst die Telefonnummer ein, die hinzugefügt werden soll.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>%1 wird hinzugefügt…</translation>
    </message>
    <message>
        <source>The number was not added: %1</source>
        <translation>Die Nummer wurde nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Nicht hinzugefügt: %1</translation>
    </message>
    <message>
        <source>The country assumed for numbers without a country code is set in Settings (import.region).</source>
        <translation>Das Land, das für Nummern ohne Ländervorwahl angenommen wird, legen Sie in den Einstellungen fest (import.region).</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list: it is never queued in a campaign or resent.</source>
        <translation>%1 steht jetzt auf der Abmeldeliste: Die Nummer wird nie in eine Kampagne eingereiht oder erneut beschickt.</translation>
    </message>
    <message>
        <source>%1 was on the opt-out list already; it is unchanged.</source>
        <translation>%1 stand bereits auf der Abmeldeliste; nichts geändert.</translation>
    </message>
    <message>
        <source>Remove %1 from the opt-out list?</source>
        <translation>%1 von der Abmeldeliste entfernen?</translation>
    </message>
    <message>
        <source>Remove the %1 selected numbers from the opt-out list?</source>
        <translation>Die %1 gewählten Nummern von der Abmeldeliste entfernen?</translation>
    </message>
    <message>
        <source>Herald may then message them again: in campaigns they are imported into and when failed messages are resent. Remove only numbers that asked to hear from you again.</source>
        <translation>Herald darf sie dann wieder anschreiben: in Kampagnen, in die sie importiert werden, und wenn fehlgeschlagene Nachrichten erneut gesendet werden. Entfernen Sie nur Nummern, die wieder von Ihnen hören möchten.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Wird entfernt…</translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation>Nichts wurde entfernt: %1</translation>
    </message>
    <message>
        <source>Removed from the opt-out list: %1.</source>
        <translation>Von der Abmeldeliste entfernt: %1.</translation>
    </message>
    <message>
        <source>Import opt-outs</source>
        <translation>Abmeldungen importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing %1: reading, checking and adding every number…</source>
        <translation>%1 wird importiert: Jede Nummer wird gelesen, geprüft und hinzugefügt…</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Nichts wurde hinzugefügt: %1</translation>
    </message>
    <message>
        <source>Search opt-outs</source>
        <translation>Abmeldungen durchsuchen</translation>
    </message>
    <message>
        <source>Phone number to opt out</source>
        <translation>Abzumeldende Telefonnummer</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Abmeldungen</translation>
    </message>
</context>
<context>
    <name>herald::ui::OverviewCharts</name>
    <message>
        <source>Messages sent and failed</source>
        <translation>Gesendete und fehlgeschlagene Nachrichten</translation>
    </message>
    <message>
        <source>Throughput (messages per second)</source>
        <translation>Durchsatz (Nachrichten pro Sekunde)</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sent and failed per second</source>
        <translation>Gesendet und fehlgeschlagen pro Sekunde</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Verlauf wird gelesen…</translation>
    </message>
    <message>
        <source>Select a campaign to see how its sending went.</source>
        <translation>Wählen Sie eine Kampagne, um zu sehen, wie das Senden lief.</translation>
    </message>
    <message>
        <source>The campaign&apos;s history cannot be read: %1</source>
        <translation>Der Verlauf der Kampagne kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing sent yet: the charts begin with the first answer from WhatsApp.</source>
        <translation>Noch nichts gesendet: Die Diagramme beginnen mit der ersten Antwort von WhatsApp.</translation>
    </message>
    <message>
        <source>Not sent yet: the charts begin when the campaign starts sending.</source>
        <translation>Noch nicht gesendet: Die Diagramme beginnen, wenn die Kampagne zu senden beginnt.</translation>
    </message>
    <message>
        <source>Nothing was sent in this campaign.</source>
        <translation>In dieser Kampagne wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed</source>
        <translation>%1 gesendet, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source> — peak %1 messages/s, average %2 messages/s over %3 of sending</source>
        <translation> — Spitze %1 Nachrichten/s, Durchschnitt %2 Nachrichten/s über %3 Sendezeit</translation>
    </message>
    <message>
        <source>No per-minute history is stored for this campaign (%1 sent, %2 failed). Tools ▸ Repair counters… rebuilds it from the messages&apos; own times.</source>
        <translation>Für diese Kampagne ist kein Minutenverlauf gespeichert (%1 gesendet, %2 fehlgeschlagen). Extras ▸ Zähler reparieren… baut ihn aus den Zeiten der Nachrichten neu auf.</translation>
    </message>
    <message>
        <source>. The history does not add up to the campaign&apos;s counters (%1 sent, %2 failed); Tools ▸ Repair counters… rebuilds it.</source>
        <translation>. Der Verlauf passt nicht zu den Zählern der Kampagne (%1 gesendet, %2 fehlgeschlagen); Extras ▸ Zähler reparieren… baut ihn neu auf.</translation>
    </message>
</context>
<context>
    <name>herald::ui::PageMessage</name>
    <message>
        <source>Hide this message</source>
        <translation>Diese Meldung ausblenden</translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersModel</name>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 Nachr./s</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Campaigns without a number of their own send from this one (Cloud API → Phone number ID).</source>
        <translation>Kampagnen ohne eigene Nummer senden von dieser (Cloud API → Telefonnummern-ID).</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>Telefonnummern-ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <source>The most messages per second a console or herald-cli run sends from this number.</source>
        <translation>Die meisten Nachrichten pro Sekunde, die eine Konsole oder ein herald-cli-Lauf von dieser Nummer sendet.</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>Hinzugefügt %1</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersSection</name>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Telefonnummern</translation>
    </message>
    <message>
        <source>The account&apos;s numbers</source>
        <translation>Die Nummern des Kontos</translation>
    </message>
    <message>
        <source>Add or change a number</source>
        <translation>Nummer hinzufügen oder ändern</translation>
    </message>
    <message>
        <source>Digits, from WhatsApp Manager</source>
        <translation>Ziffern, aus dem WhatsApp Manager</translation>
    </message>
    <message>
        <source>Meta&apos;s numeric phone number ID, not the phone number itself.</source>
        <translation>Metas numerische ID der Telefonnummer, nicht die Telefonnummer selbst.</translation>
    </message>
    <message>
        <source>Optional, e.g. Sales</source>
        <translation>Optional, z. B. Vertrieb</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> Nachr./s</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>Telefonnummern-ID:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Bezeichnung:</translation>
    </message>
    <message>
        <source>Ceiling:</source>
        <translation>Obergrenze:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ändern</translation>
    </message>
    <message>
        <source>The phone numbers cannot be read: %1</source>
        <translation>Die Telefonnummern können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>A number not listed sends at the rate ceiling on the Sending tab: %1 msg/s.</source>
        <translation>Eine nicht aufgeführte Nummer sendet mit der Obergrenze im Reiter Senden: %1 Nachr./s.</translation>
    </message>
    <message>
        <source>%1 was not stored: %2</source>
        <translation>%1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Added %1: at most %2 msg/s.</source>
        <translation>%1 hinzugefügt: höchstens %2 Nachr./s.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 msg/s.</source>
        <translation>%1 geändert: höchstens %2 Nachr./s.</translation>
    </message>
    <message>
        <source>Remove phone number</source>
        <translation>Telefonnummer entfernen</translation>
    </message>
    <message>
        <source>Remove %1 from the account&apos;s numbers? Campaigns sending from it afterwards use the rate ceiling on the Sending tab.</source>
        <translation>%1 aus den Nummern des Kontos entfernen? Kampagnen, die danach von ihr senden, verwenden die Obergrenze im Reiter Senden.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation>%1 wurde nicht entfernt: %2</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>%1 was already removed.</source>
        <translation>%1 war bereits entfernt.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number. Meta allows 80, up to 1,000 for upgraded numbers.</source>
        <translation>Höchstens so viele Nachrichten pro Sekunde von dieser Nummer. Meta erlaubt 80, bis 1.000 für hochgestufte Nummern.</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker sending from a number keeps to its ceiling together with the others. Stored with the database and changed at once, like herald-cli numbers.</source>
        <translation>Jede Konsole, jedes herald-cli run und jeder Worker, die von einer Nummer senden, halten deren Obergrenze gemeinsam ein. In der Datenbank gespeichert und sofort geändert, wie herald-cli numbers.</translation>
    </message>
    <message>
        <source>Check health</source>
        <translation>Zustand prüfen</translation>
    </message>
    <message>
        <source>Asks Meta about each number&apos;s quality rating, messaging limit and status, as herald-cli numbers health does.</source>
        <translation>Fragt Meta nach Qualitätsbewertung, Nachrichtenlimit und Status jeder Nummer, wie herald-cli numbers health.</translation>
    </message>
    <message>
        <source>The default number %1 (Cloud API tab): %2.</source>
        <translation>Die Standardnummer %1 (Reiter Cloud API): %2.</translation>
    </message>
    <message>
        <source>Asking Meta about the numbers…</source>
        <translation>Meta wird zu den Nummern befragt…</translation>
    </message>
    <message>
        <source>No access token is set. Enter it on the Cloud API tab and check again.</source>
        <translation>Kein Zugriffstoken festgelegt. Tragen Sie es auf dem Reiter Cloud API ein und prüfen Sie erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Meta answered for %n number(s).</source>
        <translation>
            <numerusform>Meta hat für %n Nummer geantwortet.</numerusform>
            <numerusform>Meta hat für %n Nummern geantwortet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read: the Health column&apos;s tooltip says why.</source>
        <translation>
            <numerusform>%n konnte nicht gelesen werden: der Tooltip der Spalte Zustand sagt, warum.</numerusform>
            <numerusform>%n konnten nicht gelesen werden: der Tooltip der Spalte Zustand sagt, warum.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::PhonePage</name>
    <message>
        <source>Only &amp;mobile numbers (skip numbers that can only be landlines)</source>
        <translation>Nur &amp;Mobilnummern (Nummern überspringen, die nur Festnetz sein können)</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Telefonnummern</translation>
    </message>
    <message>
        <source>Check the column Herald reads the numbers from and how it will send them.</source>
        <translation>Prüfen Sie die Spalte, aus der Herald die Nummern liest, und wie es sie senden wird.</translation>
    </message>
    <message>
        <source>e.g. DE</source>
        <translation>z. B. DE</translation>
    </message>
    <message>
        <source>Phone &amp;column:</source>
        <translation>Telefon&amp;spalte:</translation>
    </message>
    <message>
        <source>for numbers written without a country code (+49 …)</source>
        <translation>für Nummern ohne Ländervorwahl (+49 …)</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Keine Spalte sieht nach Telefonnummern aus: Wählen Sie die Spalte, die sie enthält.</translation>
    </message>
    <message>
        <source>You chose this column.</source>
        <translation>Sie haben diese Spalte gewählt.</translation>
    </message>
    <message>
        <source>%1 of the file&apos;s %2 rows have a number Herald can send to.</source>
        <translation>%1 der %2 Zeilen der Datei haben eine Nummer, an die Herald senden kann.</translation>
    </message>
    <message>
        <source>%1 of the first %2 rows have a number Herald can send to; the import checks every row.</source>
        <translation>%1 der ersten %2 Zeilen haben eine Nummer, an die Herald senden kann; der Import prüft jede Zeile.</translation>
    </message>
    <message>
        <source>Sample of the numbers</source>
        <translation>Beispiel der Nummern</translation>
    </message>
    <message>
        <source>&amp;Default country:</source>
        <translation>Stan&amp;dardland:</translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersModel</name>
    <message>
        <source>Sending</source>
        <translation>Sendet</translation>
    </message>
    <message>
        <source>Out of the pool</source>
        <translation>Aus dem Pool</translation>
    </message>
    <message>
        <source>Out of the pool since %1: %2</source>
        <translation>Seit %1 aus dem Pool: %2</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>Telefonnummern-ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Why it left</source>
        <translation>Warum herausgenommen</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 Nachr./s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) sent from this number in the last minute</source>
        <translation>
            <numerusform>%Ln Nachricht in der letzten Minute von dieser Nummer gesendet</numerusform>
            <numerusform>%Ln Nachrichten in der letzten Minute von dieser Nummer gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tempo</translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersView</name>
    <message>
        <source>Move recipients…</source>
        <translation>Empfänger verschieben…</translation>
    </message>
    <message>
        <source>Phone numbers of the campaign</source>
        <translation>Telefonnummern der Kampagne</translation>
    </message>
    <message>
        <source>Send the recipients waiting for numbers out of the pool from the numbers still in it.</source>
        <translation>Die Empfänger, die auf aus dem Pool genommene Nummern warten, von den verbliebenen Nummern senden.</translation>
    </message>
    <message>
        <source>The campaign&apos;s numbers cannot be read: %1</source>
        <translation>Die Nummern der Kampagne können nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent from %Ln phone number(s) of the account; each recipient always from the same one.</source>
        <translation>
            <numerusform>Gesendet von %Ln Telefonnummer des Kontos; jeder Empfänger immer von derselben.</numerusform>
            <numerusform>Gesendet von %Ln Telefonnummern des Kontos; jeder Empfänger immer von derselben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for numbers taken out of the pool: move them to the others, then resume.</source>
        <translation>
            <numerusform>%Ln Empfänger wartet auf aus dem Pool genommene Nummern: verschieben Sie ihn auf die anderen und setzen Sie dann fort.</numerusform>
            <numerusform>%Ln Empfänger warten auf aus dem Pool genommene Nummern: verschieben Sie sie auf die anderen und setzen Sie dann fort.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move recipients</source>
        <translation>Empfänger verschieben</translation>
    </message>
    <message>
        <source>Move the %1 recipients waiting for %2 to %3? They will be sent from those numbers once you resume the campaign. The move is recorded.</source>
        <translation>Die %1 Empfänger, die auf %2 warten, auf %3 verschieben? Sie werden von diesen Nummern gesendet, sobald Sie die Kampagne fortsetzen. Das Verschieben wird festgehalten.</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>the console on %1</source>
        <translation>die Konsole auf %1</translation>
    </message>
    <message>
        <source>The recipients were not moved: %1</source>
        <translation>Die Empfänger wurden nicht verschoben: %1</translation>
    </message>
    <message>
        <source>Moved %1 recipients. Resume the campaign to send them.</source>
        <translation>%1 Empfänger verschoben. Setzen Sie die Kampagne fort, um sie zu senden.</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursPanel</name>
    <message>
        <source>Recipients outside their window wait: they are not failed and not counted, and are sent when their window opens.</source>
        <translation>Empfänger außerhalb ihres Zeitfensters warten. Sie gelten nicht als fehlgeschlagen, werden nicht gezählt und erhalten die Nachricht, sobald sich ihr Zeitfenster öffnet.</translation>
    </message>
    <message>
        <source>Counting who waits for their window…</source>
        <translation>Empfänger, die auf ihr Zeitfenster warten, werden gezählt…</translation>
    </message>
    <message>
        <source>Who waits for their window is not known: %1</source>
        <translation>Es ist nicht bekannt, welche Empfänger auf ihr Zeitfenster warten: %1</translation>
    </message>
    <message>
        <source>%1–%2 in each recipient&apos;s local time</source>
        <translation>%1–%2 in der Ortszeit des jeweiligen Empfängers</translation>
    </message>
    <message>
        <source>%1, weekdays only</source>
        <translation>%1, nur werktags</translation>
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
        <translation>✓ Alle verbleibenden Empfänger befinden sich jetzt in ihrem Zeitfenster</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for their window now</source>
        <translation>
            <numerusform>%Ln Empfänger wartet jetzt auf sein Zeitfenster</numerusform>
            <numerusform>%Ln Empfänger warten jetzt auf ihr Zeitfenster</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; the next opens %2 (your time) for %3</source>
        <translation>%1; das nächste öffnet sich am %2 (Ihre Zeit) für %3</translation>
    </message>
    <message>
        <source>Sends only %1</source>
        <translation>Sendet nur %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursSection</name>
    <message>
        <source>&amp;weekdays only (Monday to Friday)</source>
        <translation>nur werkta&amp;gs (Montag bis Freitag)</translation>
    </message>
    <message>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <source>in the recipient&apos;s local time</source>
        <translation>in der Ortszeit des Empfängers</translation>
    </message>
    <message>
        <source>The recipients&apos; countries could not be counted: %1</source>
        <translation>Die Länder der Empfänger konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The zone Herald uses for every recipient in %1.</source>
        <translation>Die Zeitzone, die Herald für jeden Empfänger in %1 verwendet.</translation>
    </message>
    <message>
        <source>Time zone for %1:</source>
        <translation>Zeitzone für %1:</translation>
    </message>
    <message>
        <source>Recipients by country: %1</source>
        <translation>Empfänger nach Land: %1</translation>
    </message>
    <message>
        <source>Counting who would wait…</source>
        <translation>Es wird gezählt, wer warten würde…</translation>
    </message>
    <message>
        <source>Who would wait could not be counted: %1</source>
        <translation>Es konnte nicht gezählt werden, wer warten würde: %1</translation>
    </message>
    <message>
        <source>✓ Right now every recipient is inside the window.</source>
        <translation>✓ Im Moment liegt jeder Empfänger im Zeitfenster.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait right now (outside their window, not failed); the next window opens %1 your time, for %2.</source>
        <translation>
            <numerusform>%Ln Empfänger würde im Moment warten (außerhalb seines Zeitfensters, nicht fehlgeschlagen); das nächste Zeitfenster öffnet sich am %1 (Ihre Zeit), für %2.</numerusform>
            <numerusform>%Ln Empfänger würden im Moment warten (außerhalb ihres Zeitfensters, nicht fehlgeschlagen); das nächste Zeitfenster öffnet sich am %1 (Ihre Zeit), für %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>✓ At the start (%1) every recipient is inside the window.</source>
        <translation>✓ Beim Start (%1) liegt jeder Empfänger im Zeitfenster.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait at the start (%1), outside their window (not failed); the next window opens %2 your time, for %3.</source>
        <translation>
            <numerusform>%Ln Empfänger würde beim Start (%1) warten, außerhalb seines Zeitfensters (nicht fehlgeschlagen); das nächste Zeitfenster öffnet sich am %2 (Ihre Zeit), für %3.</numerusform>
            <numerusform>%Ln Empfänger würden beim Start (%1) warten, außerhalb ihres Zeitfensters (nicht fehlgeschlagen); das nächste Zeitfenster öffnet sich am %2 (Ihre Zeit), für %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Only send between</source>
        <translation>&amp;Nur senden zwischen</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardDialog</name>
    <message>
        <source>Rate card</source>
        <translation>Preisliste</translation>
    </message>
    <message>
        <source>Reading the rate card…</source>
        <translation>Die Preisliste wird gelesen…</translation>
    </message>
    <message>
        <source>The rate card cannot be read: %1</source>
        <translation>Die Preisliste kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The rate card %1 is no longer stored.</source>
        <translation>Die Preisliste %1 ist nicht mehr gespeichert.</translation>
    </message>
    <message>
        <source>Rate card: %1</source>
        <translation>Preisliste: %1</translation>
    </message>
    <message>
        <source>%1, effective %2. Prices in %3 per delivered template message, by the recipient&apos;s market and the template&apos;s category.</source>
        <translation>%1, gültig ab %2. Preise in %3 pro zugestellter Vorlagennachricht, nach dem Markt des Empfängers und der Kategorie der Vorlage.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: its prices are illustrative, not Meta&apos;s.</source>
        <translation>Dies ist Heralds Beispielpreisliste: Ihre Preise dienen nur der Veranschaulichung und sind nicht die von Meta.</translation>
    </message>
    <message>
        <source>Imported from %1 on %2.</source>
        <translation>Importiert aus %1 am %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardPricesModel</name>
    <message>
        <source>every other country</source>
        <translation>alle übrigen Länder</translation>
    </message>
    <message>
        <source>%1 is not priced in this market</source>
        <translation>%1 hat in diesem Markt keinen Preis</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Markt</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Länder</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardSection</name>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>Anzeigen…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Stored rate cards</source>
        <translation>Gespeicherte Preislisten</translation>
    </message>
    <message>
        <source>Import Meta&apos;s rate card</source>
        <translation>Metas Preisliste importieren</translation>
    </message>
    <message>
        <source>The file&apos;s name</source>
        <translation>Der Name der Datei</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Effective from:</source>
        <translation>Gültig ab:</translation>
    </message>
    <message>
        <source>A CSV file with one row per market: market, countries (ISO codes, * for the rest of the world), currency, then a price column per category (MARKETING, UTILITY, …). Meta publishes one file per currency and date; name it and give its date here.</source>
        <translation>Eine CSV-Datei mit einer Zeile pro Markt: Markt, Länder (ISO-Codes, * für den Rest der Welt), Währung, dann eine Preisspalte pro Kategorie (MARKETING, UTILITY, …). Meta veröffentlicht eine Datei pro Währung und Datum; geben Sie hier ihren Namen und ihr Datum an.</translation>
    </message>
    <message>
        <source>Meta charges each delivered template message by the template&apos;s category and the recipient&apos;s market. Estimates use the imported card in effect today; with none, Herald&apos;s example card, whose prices are illustrative. Imports and removals are stored at once.</source>
        <translation>Meta berechnet jede zugestellte Vorlagennachricht nach der Kategorie der Vorlage und dem Markt des Empfängers. Schätzungen verwenden die importierte Preisliste, die heute gilt; gibt es keine, Heralds Beispielpreisliste, deren Preise nur der Veranschaulichung dienen. Importe und Entfernungen werden sofort gespeichert.</translation>
    </message>
    <message>
        <source>The rate cards cannot be read: %1</source>
        <translation>Die Preislisten können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No rate card is stored yet: estimates use Herald&apos;s example card until you import Meta&apos;s.</source>
        <translation>Noch ist keine Preisliste gespeichert: Schätzungen verwenden Heralds Beispielpreisliste, bis Sie die von Meta importieren.</translation>
    </message>
    <message>
        <source>Import a rate card</source>
        <translation>Eine Preisliste importieren</translation>
    </message>
    <message>
        <source>Rate cards (*.csv *.txt);;All files (*)</source>
        <translation>Preislisten (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <source>The rate card was not stored: %1</source>
        <translation>Die Preisliste wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>Nichts wurde importiert. %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported &quot;%1&quot;: %n market(s) in %2, effective %3.</source>
        <translation>
            <numerusform>„%1“ importiert: %n Markt in %2, gültig ab %3.</numerusform>
            <numerusform>„%1“ importiert: %n Märkte in %2, gültig ab %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the rate card &quot;%1&quot; (effective %2)? Estimates made with it keep their figures.</source>
        <translation>Die Preisliste „%1“ (gültig ab %2) entfernen? Schätzungen, die damit gemacht wurden, behalten ihre Zahlen.</translation>
    </message>
    <message>
        <source>Herald installs its example card again when an estimate needs a card and none is imported.</source>
        <translation>Herald richtet seine Beispielpreisliste wieder ein, wenn eine Schätzung eine Preisliste braucht und keine importiert ist.</translation>
    </message>
    <message>
        <source>Estimates use it now; afterwards they use the next card in effect.</source>
        <translation>Schätzungen verwenden sie derzeit; danach verwenden sie die nächste gültige Preisliste.</translation>
    </message>
    <message>
        <source>Remove rate card</source>
        <translation>Preisliste entfernen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>The rate card was not removed: %1</source>
        <translation>Die Preisliste wurde nicht entfernt: %1</translation>
    </message>
    <message>
        <source>Removed &quot;%1&quot;.</source>
        <translation>„%1“ wurde entfernt.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was already removed.</source>
        <translation>„%1“ war bereits entfernt.</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Preislisten</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardTableModel</name>
    <message>
        <source>Imported from %1 on %2</source>
        <translation>Importiert aus %1 am %2</translation>
    </message>
    <message>
        <source>Herald&apos;s example card: illustrative prices, not Meta&apos;s. It is used only while no imported card exists.</source>
        <translation>Heralds Beispielpreisliste: Preise zur Veranschaulichung, nicht die von Meta. Sie wird nur verwendet, solange keine importierte Preisliste existiert.</translation>
    </message>
    <message>
        <source>Example (not Meta&apos;s prices)</source>
        <translation>Beispiel (nicht Metas Preise)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In Verwendung</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Währung</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Märkte</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Estimates</source>
        <translation>Schätzungen</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsModel</name>
    <message>
        <source>The message&apos;s ID at WhatsApp (wamid), for Meta support and delivery reports.</source>
        <translation>Die ID der Nachricht bei WhatsApp (wamid), für den Meta-Support und Zustellberichte.</translation>
    </message>
    <message>
        <source>When the message was sent, or when it failed.</source>
        <translation>Wann die Nachricht gesendet wurde oder wann sie fehlschlug.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Message ID</source>
        <translation>Nachrichten-ID</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Wartet auf neuen Versuch</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n Versuch</numerusform>
            <numerusform>%n Versuche</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation>Fehlgeschlagen %1</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Gesendet %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsView</name>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Search phone…</source>
        <translation>Telefon suchen…</translation>
    </message>
    <message>
        <source>Numbers starting with what you type when it starts with + or 00, otherwise numbers containing it. Spaces and dashes are ignored.</source>
        <translation>Nummern, die mit dem Eingetippten beginnen, wenn es mit + oder 00 beginnt, sonst Nummern, die es enthalten. Leerzeichen und Bindestriche werden ignoriert.</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Wartet auf neuen Versuch</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>Jeder Grund</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Could not read the recipients: %1</source>
        <translation>Die Empfänger konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Wird gezählt…</translation>
    </message>
    <message>
        <source>Search recipients</source>
        <translation>Empfänger durchsuchen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s), showing %1–%2</source>
        <translation>
            <numerusform>%Ln Empfänger, angezeigt %1–%2</numerusform>
            <numerusform>%Ln Empfänger, angezeigt %1–%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln Empfänger</numerusform>
            <numerusform>%Ln Empfänger</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairDialog</name>
    <message>
        <source>Recount</source>
        <translation>Neu zählen</translation>
    </message>
    <message>
        <source>Apply repairs</source>
        <translation>Reparaturen anwenden</translation>
    </message>
    <message>
        <source>Upgrade the database</source>
        <translation>Datenbank aktualisieren</translation>
    </message>
    <message>
        <source>Repair counters</source>
        <translation>Zähler reparieren</translation>
    </message>
    <message>
        <source>The database is incomplete</source>
        <translation>Die Datenbank ist unvollständig</translation>
    </message>
    <message>
        <source>This database is older than Herald: upgrading it adds what is missing, in one transaction. Nothing is sent until the schema is whole.</source>
        <translation>Diese Datenbank ist älter als Herald: Die Aktualisierung ergänzt, was fehlt, in einer Transaktion. Nichts wird gesendet, bis das Schema vollständig ist.</translation>
    </message>
    <message>
        <source>Parts of the database&apos;s schema are missing or wrong, and upgrading will not bring them back. Herald sends nothing until they are restored: restore the database from a backup, or ask whoever administers it to recreate what is listed (`herald-cli doctor` prints the same list).</source>
        <translation>Teile des Datenbankschemas fehlen oder sind falsch, und eine Aktualisierung bringt sie nicht zurück. Herald sendet nichts, bis sie wiederhergestellt sind: Stellen Sie die Datenbank aus einer Sicherung wieder her oder bitten Sie die Person, die sie verwaltet, das Aufgelistete neu anzulegen (`herald-cli doctor` gibt dieselbe Liste aus).</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found by the schema check.</source>
        <translation>
            <numerusform>%n Problem bei der Schemaprüfung gefunden.</numerusform>
            <numerusform>%n Probleme bei der Schemaprüfung gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recounting every campaign&apos;s messages…</source>
        <translation>Die Nachrichten jeder Kampagne werden neu gezählt…</translation>
    </message>
    <message>
        <source>The recount failed: %1</source>
        <translation>Das Neuzählen ist fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) match their messages (recounted in %1).</source>
        <translation>
            <numerusform>Die %n Kampagne passt zu ihren Nachrichten (neu gezählt in %1).</numerusform>
            <numerusform>Alle %n Kampagnen passen zu ihren Nachrichten (neu gezählt in %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) do not match their messages. Apply repairs to set them to the recount, in one transaction.</source>
        <translation>
            <numerusform>%n Kampagne passt nicht zu ihren Nachrichten. „Reparaturen anwenden“ setzt sie in einer Transaktion auf die Neuzählung.</numerusform>
            <numerusform>%n Kampagnen passen nicht zu ihren Nachrichten. „Reparaturen anwenden“ setzt sie in einer Transaktion auf die Neuzählung.</numerusform>
        </translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>Wird repariert…</translation>
    </message>
    <message>
        <source>The repair failed and changed nothing: %1</source>
        <translation>Die Reparatur ist fehlgeschlagen und hat nichts geändert: %1</translation>
    </message>
    <message>
        <source>Repaired. Every campaign now matches its messages.</source>
        <translation>Repariert. Jede Kampagne passt jetzt zu ihren Nachrichten.</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) still differ: messages changed while repairing; recount and apply again.</source>
        <translation>
            <numerusform>%n Kampagne weicht noch ab: Nachrichten haben sich während der Reparatur geändert; zählen Sie neu und wenden Sie erneut an.</numerusform>
            <numerusform>%n Kampagnen weichen noch ab: Nachrichten haben sich während der Reparatur geändert; zählen Sie neu und wenden Sie erneut an.</numerusform>
        </translation>
    </message>
    <message>
        <source>Upgrading the database…</source>
        <translation>Datenbank wird aktualisiert…</translation>
    </message>
    <message>
        <source>The upgrade failed and changed nothing: %1</source>
        <translation>Die Aktualisierung ist fehlgeschlagen und hat nichts geändert: %1</translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)), but the schema is still incomplete.</source>
        <translation>
            <numerusform>Aktualisiert (%n Schritt), aber das Schema ist noch unvollständig.</numerusform>
            <numerusform>Aktualisiert (%n Schritte), aber das Schema ist noch unvollständig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)).</source>
        <translation>
            <numerusform>Aktualisiert (%n Schritt).</numerusform>
            <numerusform>Aktualisiert (%n Schritte).</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign counters</source>
        <translation>Kampagnenzähler</translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairModel</name>
    <message>
        <source>%1 / %2 of %3</source>
        <translation>%1 / %2 von %3</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampagne</translation>
    </message>
    <message>
        <source>Stored sent / failed</source>
        <translation>Gespeichert gesendet / fehlgeschlagen</translation>
    </message>
    <message>
        <source>Recounted sent / failed</source>
        <translation>Neu gezählt gesendet / fehlgeschlagen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Needs repair</source>
        <translation>Reparatur nötig</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>✓ correct</source>
        <translation>✓ korrekt</translation>
    </message>
    <message>
        <source>⚠ counters</source>
        <translation>⚠ Zähler</translation>
    </message>
    <message>
        <source>⚠ history</source>
        <translation>⚠ Verlauf</translation>
    </message>
    <message>
        <source>The counters are right, but the per-minute history the charts draw does not add up to them: repair rebuilds it from the messages&apos; own times.</source>
        <translation>Die Zähler stimmen, aber der Minutenverlauf, den die Diagramme zeichnen, passt nicht zu ihnen: Die Reparatur baut ihn aus den Zeiten der Nachrichten neu auf.</translation>
    </message>
    <message>
        <source>Repair sets the stored figures to the recount.</source>
        <translation>Die Reparatur setzt die gespeicherten Zahlen auf die Neuzählung.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ResendDialog</name>
    <message>
        <source>Resend failed messages — %1</source>
        <translation>Fehlgeschlagene Nachrichten erneut senden — %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Fehler werden gelesen…</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>These messages may have reached their recipients: resending may deliver them twice.</source>
        <translation>Diese Nachrichten haben ihre Empfänger vielleicht erreicht: Erneutes Senden kann sie doppelt zustellen.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Keine Nachricht dieser Kampagne ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Failure reasons to resend</source>
        <translation>Fehlergründe zum erneuten Senden</translation>
    </message>
    <message>
        <source>Some of the ticked messages may already have been delivered (the sender stopped or Meta did not answer): resending them may message those people twice.</source>
        <translation>Einige der angehakten Nachrichten wurden vielleicht schon zugestellt (der Sender wurde beendet oder Meta hat nicht geantwortet): Erneutes Senden kann diese Personen doppelt anschreiben.</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s)</source>
        <translation>
            <numerusform>%1 — %Ln Nachricht</numerusform>
            <numerusform>%1 — %Ln Nachrichten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s): %2</source>
        <translation>
            <numerusform>%1 — %Ln Nachricht: %2</numerusform>
            <numerusform>%1 — %Ln Nachrichten: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) failed. Tick the reasons to send again; opted-out numbers are never resent.</source>
        <translation>
            <numerusform>%Ln Nachricht ist fehlgeschlagen. Haken Sie die Gründe an, die erneut gesendet werden sollen; abgemeldete Nummern werden nie erneut beschickt.</numerusform>
            <numerusform>%Ln Nachrichten sind fehlgeschlagen. Haken Sie die Gründe an, die erneut gesendet werden sollen; abgemeldete Nummern werden nie erneut beschickt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resend messages that may have arrived?</source>
        <translation>Nachrichten erneut senden, die vielleicht angekommen sind?</translation>
    </message>
    <message>
        <source>Meta may already have delivered some of these messages; their recipients would get them twice. Resend them anyway?</source>
        <translation>Meta hat einige dieser Nachrichten vielleicht schon zugestellt; ihre Empfänger würden sie doppelt erhalten. Trotzdem erneut senden?</translation>
    </message>
    <message>
        <source>Resend anyway</source>
        <translation>Trotzdem senden</translation>
    </message>
</context>
<context>
    <name>herald::ui::RetentionSchedule</name>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n Empfänger</numerusform>
            <numerusform>%n Empfängern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n Kampagne</numerusform>
            <numerusform>%n Kampagnen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention: erased the details of %1 in %2 finished more than %3 ago; the counts are kept.</source>
        <translation>Aufbewahrung: Daten von %1 in %2 gelöscht (beendet vor mehr als %3); die Zähler bleiben.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ReviewPage</name>
    <message>
        <source>Cancel import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Open rejected rows…</source>
        <translation>Abgelehnte Zeilen öffnen…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>&amp;Test senden</translation>
    </message>
    <message>
        <source>Retry messages whose answer was lost (a recipient may get one twice)</source>
        <translation>Nachrichten erneut senden, deren Antwort verloren ging (ein Empfänger bekommt eine vielleicht doppelt)</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>Herald imports the file into a draft campaign. Nothing is sent until you start it.</source>
        <translation>Herald importiert die Datei in einen Kampagnenentwurf. Nichts wird gesendet, bevor Sie ihn starten.</translation>
    </message>
    <message>
        <source>Imported:</source>
        <translation>Importiert:</translation>
    </message>
    <message>
        <source>Duplicates in the file:</source>
        <translation>Doppelt in der Datei:</translation>
    </message>
    <message>
        <source>Already in the campaign:</source>
        <translation>Bereits in der Kampagne:</translation>
    </message>
    <message>
        <source>Opted out:</source>
        <translation>Abgemeldet:</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>Abgelehnt:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>your own number, e.g. +49 151 23456789</source>
        <translation>Ihre eigene Nummer, z. B. +49 151 23456789</translation>
    </message>
    <message>
        <source>WhatsApp account</source>
        <translation>WhatsApp-Konto</translation>
    </message>
    <message>
        <source>Test message to:</source>
        <translation>Testnachricht an:</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> Nachr./s</translation>
    </message>
    <message>
        <source>the number&apos;s ceiling</source>
        <translation>die Obergrenze der Nummer</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>Höchstens:</translation>
    </message>
    <message>
        <source>Cancelling: the import is rolled back…</source>
        <translation>Wird abgebrochen: Der Import wird zurückgenommen…</translation>
    </message>
    <message>
        <source>%1 rows read…</source>
        <translation>%1 Zeilen gelesen…</translation>
    </message>
    <message>
        <source>The campaign could not be created: %1 Go back to change it.</source>
        <translation>Die Kampagne konnte nicht erstellt werden: %1 Gehen Sie zurück, um das zu ändern.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the draft campaign &quot;%2&quot; in %3.</source>
        <translation>Die %1 Zeilen der Datei wurden in %3 in den Kampagnenentwurf „%2“ gelesen.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The import was cancelled: nothing was kept. Go back, or close the wizard.</source>
        <translation>Der Import wurde abgebrochen: Nichts wurde behalten. Gehen Sie zurück oder schließen Sie den Assistenten.</translation>
    </message>
    <message>
        <source>The file cannot be imported: %1 Go back to change how it is read.</source>
        <translation>Die Datei kann nicht importiert werden: %1 Gehen Sie zurück, um zu ändern, wie sie gelesen wird.</translation>
    </message>
    <message>
        <source> — e.g. line %1: %2</source>
        <translation> — z. B. Zeile %1: %2</translation>
    </message>
    <message>
        <source>%1 × %2%3</source>
        <translation>%1 × %2%3</translation>
    </message>
    <message>
        <source>✓ Every message has a value for each of the template&apos;s variables.</source>
        <translation>✓ Jede Nachricht hat einen Wert für jede Variable der Vorlage.</translation>
    </message>
    <message>
        <source>Checking the access token and the phone number with WhatsApp…</source>
        <translation>Zugriffstoken und Telefonnummer werden bei WhatsApp geprüft…</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>✗ WhatsApp refused the check: %1</source>
        <translation>✗ WhatsApp hat die Prüfung abgelehnt: %1</translation>
    </message>
    <message>
        <source>✓ Token accepted; sending from %1 (%2), quality %3, limit %4.</source>
        <translation>✓ Token akzeptiert; gesendet wird von %1 (%2), Qualität %3, Limit %4.</translation>
    </message>
    <message>
        <source>✗ No row of the file can be sent, so there is nothing to test.</source>
        <translation>✗ Keine Zeile der Datei kann gesendet werden, es gibt also nichts zu testen.</translation>
    </message>
    <message>
        <source>Sending row %1&apos;s message to %2…</source>
        <translation>Die Nachricht von Zeile %1 wird an %2 gesendet…</translation>
    </message>
    <message>
        <source>✓ Accepted for %1 (%2). Check the phone.</source>
        <translation>✓ Angenommen für %1 (%2). Sehen Sie auf dem Telefon nach.</translation>
    </message>
    <message>
        <source>✗ Not sent: %1</source>
        <translation>✗ Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>When to send</source>
        <translation>Wann senden</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Ruhezeiten</translation>
    </message>
    <message>
        <source>Cost estimate</source>
        <translation>Kostenschätzung</translation>
    </message>
    <message>
        <source>No row was rejected.</source>
        <translation>Keine Zeile wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the campaign &quot;%2&quot; in %3.</source>
        <translation>Die %1 Zeilen der Datei wurden in %3 in die Kampagne „%2“ gelesen.</translation>
    </message>
    <message>
        <source>Send from:</source>
        <translation>Senden von:</translation>
    </message>
</context>
<context>
    <name>herald::ui::ScheduleSection</name>
    <message>
        <source>&amp;Keep it as a draft (start it later from the campaign list)</source>
        <translation>Als Entwurf &amp;behalten (später aus der Kampagnenliste starten)</translation>
    </message>
    <message>
        <source>Start &amp;at:</source>
        <translation>Starten &amp;um:</translation>
    </message>
    <message>
        <source>Your local time; Herald stores it in UTC.</source>
        <translation>Ihre Ortszeit; Herald speichert sie in UTC.</translation>
    </message>
    <message>
        <source>your local time</source>
        <translation>Ihre Ortszeit</translation>
    </message>
    <message>
        <source>%1 has passed: choose a later time, or start now.</source>
        <translation>%1 ist vorbei: Wählen Sie eine spätere Zeit oder starten Sie sofort.</translation>
    </message>
    <message>
        <source>&amp;Start sending as soon as the campaign is created</source>
        <translation>Senden &amp;starten, sobald die Kampagne erstellt ist</translation>
    </message>
    <message>
        <source>&amp;Leave the campaign as it is (start or resume it later from the list)</source>
        <translation>Kampagne unverändert &amp;lassen (später aus der Liste starten oder fortsetzen)</translation>
    </message>
    <message>
        <source>&amp;Start or resume sending once the contacts are added</source>
        <translation>Senden &amp;starten oder fortsetzen, sobald die Kontakte hinzugefügt sind</translation>
    </message>
</context>
<context>
    <name>herald::ui::SendController</name>
    <message>
        <source>Cannot send</source>
        <translation>Senden nicht möglich</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; cannot start</source>
        <translation>Kampagne „%1“ kann nicht starten</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: it was running with nobody sending it.</source>
        <translation>Kampagne „%1“ wird fortgesetzt: Sie lief, ohne dass jemand sie sendete.</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: %2 stopped sending it.</source>
        <translation>Kampagne „%1“ wird fortgesetzt: %2 hat aufgehört, sie zu senden.</translation>
    </message>
    <message>
        <source>Start campaign &quot;%1&quot;?</source>
        <translation>Kampagne „%1“ starten?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>vom Benutzer pausiert</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>vom Benutzer abgebrochen</translation>
    </message>
    <message>
        <source>The campaign could not be changed</source>
        <translation>Die Kampagne konnte nicht geändert werden</translation>
    </message>
    <message>
        <source>Herald was closed; the campaign continues when a sender picks it up.</source>
        <translation>Herald wurde geschlossen; die Kampagne wird fortgesetzt, sobald ein Sender sie übernimmt.</translation>
    </message>
    <message>
        <source>A scheduled campaign could not start</source>
        <translation>Eine geplante Kampagne konnte nicht starten</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started as scheduled.</source>
        <translation>Kampagne „%1“ wurde wie geplant gestartet.</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1.</source>
        <translation>
            <numerusform>Wartend: %Ln Empfänger außerhalb seines Zeitfensters; das nächste Zeitfenster öffnet um %1.</numerusform>
            <numerusform>Wartend: %Ln Empfänger außerhalb ihres Zeitfensters; das nächste Zeitfenster öffnet um %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendFromSection</name>
    <message>
        <source>Phone numbers to send from</source>
        <translation>Telefonnummern, von denen gesendet wird</translation>
    </message>
    <message>
        <source>(at most %1 msg/s; the default number)</source>
        <translation>(höchstens %1 Nachr./s; die Standardnummer)</translation>
    </message>
    <message>
        <source>(at most %1 msg/s)</source>
        <translation>(höchstens %1 Nachr./s)</translation>
    </message>
    <message>
        <source>The phone numbers could not be read: %1</source>
        <translation>Die Telefonnummern konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Tick at least one phone number to send from.</source>
        <translation>Haken Sie mindestens eine Telefonnummer an, von der gesendet wird.</translation>
    </message>
    <message numerus="yes">
        <source>Each recipient is sent from one of the %Ln numbers, always the same one; each number sends at its own ceiling. A number Meta limits leaves the pool and the others go on.</source>
        <translation>
            <numerusform>Jeder Empfänger bekommt die Nachricht von der %Ln Nummer; sie sendet bis zu ihrer eigenen Obergrenze.</numerusform>
            <numerusform>Jeder Empfänger bekommt die Nachricht von einer der %Ln Nummern, immer derselben; jede Nummer sendet bis zu ihrer eigenen Obergrenze. Eine Nummer, die Meta einschränkt, verlässt den Pool, und die anderen machen weiter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SenderStatusBar</name>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>The database this window reads and writes. Change it in Settings.</source>
        <translation>Die Datenbank, die dieses Fenster liest und schreibt. Ändern Sie sie in den Einstellungen.</translation>
    </message>
    <message>
        <source>Sender: idle</source>
        <translation>Sender: inaktiv</translation>
    </message>
    <message numerus="yes">
        <source>Sender: sending %n campaign(s)</source>
        <translation>
            <numerusform>Sender: sendet %n Kampagne</numerusform>
            <numerusform>Sender: sendet %n Kampagnen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n unterwegs</numerusform>
            <numerusform>%n unterwegs</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports delivered and read by webhook. Check that herald-cli webhooks serve is running and reachable; herald-cli webhooks status shows its last callback.</source>
        <translation>Meta meldet Zustellungen und Lesebestätigungen per Webhook. Prüfen Sie, ob herald-cli webhooks serve läuft und erreichbar ist; herald-cli webhooks status zeigt seinen letzten Callback.</translation>
    </message>
    <message>
        <source>No delivery callback for %1 in %2 min</source>
        <translation>Kein Zustell-Callback für %1 seit %2 min</translation>
    </message>
    <message numerus="yes">
        <source>No delivery callback for %n running campaign(s) in 10 min</source>
        <translation>
            <numerusform>Kein Zustell-Callback für %n laufende Kampagne seit 10 min</numerusform>
            <numerusform>Kein Zustell-Callback für %n laufende Kampagnen seit 10 min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersModel</name>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
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
        <translation>%1 (diese Konsole)</translation>
    </message>
    <message>
        <source>Silent since %1</source>
        <translation>Still seit %1</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Untätig</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sendet</translation>
    </message>
    <message>
        <source>%1 (process %2)</source>
        <translation>%1 (Prozess %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 Nachr./s</translation>
    </message>
    <message>
        <source>Not heard since %1. Its campaigns are taken over by the next sender, and the messages it had in flight end failed &quot;interrupted&quot;.</source>
        <translation>Seit %1 nicht gemeldet. Seine Kampagnen übernimmt der nächste Sender, und die Nachrichten, die er unterwegs hatte, enden als fehlgeschlagen „unterbrochen“.</translation>
    </message>
    <message>
        <source>Told to send: %1</source>
        <translation>Soll senden: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Rechner</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampagnen</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersPage</name>
    <message>
        <source>Senders</source>
        <translation>Sender</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker using this database, and the campaigns each sends. Workers may share a campaign; a console or a run sends one alone. One not heard for 10 s is silent: its campaigns go to the next sender.</source>
        <translation>Jede Konsole, jedes herald-cli run und jeder Worker an dieser Datenbank und die Kampagnen, die sie senden. Worker können sich eine Kampagne teilen; eine Konsole oder ein run sendet eine allein. Wer 10 s lang nicht gemeldet wird, ist still: seine Kampagnen gehen an den nächsten Sender.</translation>
    </message>
    <message>
        <source>Nothing is sending from this database now.</source>
        <translation>Gerade sendet nichts aus dieser Datenbank.</translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s), of them %1</source>
        <translation>
            <numerusform>%n Sender, davon %1</numerusform>
            <numerusform>%n Sender, davon %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n Worker</numerusform>
            <numerusform>%n Worker</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message numerus="yes">
        <source>%n silent</source>
        <translation>
            <numerusform>%n still</numerusform>
            <numerusform>%n still</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingField</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>%1
Stored with the database as %2.</source>
        <translation>%1
Mit der Datenbank gespeichert als %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Cloud API</source>
        <translation>Cloud API</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Graph API base URL:</source>
        <translation>Graph-API-Basis-URL:</translation>
    </message>
    <message>
        <source>Graph API version:</source>
        <translation>Graph-API-Version:</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>Telefonnummern-ID:</translation>
    </message>
    <message>
        <source>Business Account ID:</source>
        <translation>Business-Konto-ID:</translation>
    </message>
    <message>
        <source>Request timeout (ms):</source>
        <translation>Anfrage-Zeitlimit (ms):</translation>
    </message>
    <message>
        <source>Extra CA certificate:</source>
        <translation>Weiteres CA-Zertifikat:</translation>
    </message>
    <message>
        <source>None: the system&apos;s only</source>
        <translation>Keins: nur die des Systems</translation>
    </message>
    <message>
        <source>Rate ceiling (msg/s):</source>
        <translation>Obergrenze (Nachr./s):</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>Parallelität:</translation>
    </message>
    <message>
        <source>No response:</source>
        <translation>Keine Antwort:</translation>
    </message>
    <message>
        <source>Contact import</source>
        <translation>Kontaktimport</translation>
    </message>
    <message>
        <source>Default region:</source>
        <translation>Standardregion:</translation>
    </message>
    <message>
        <source>None, e.g. DE or US</source>
        <translation>Keine, z. B. DE oder US</translation>
    </message>
    <message>
        <source>These settings are stored with the database, shared by every console and herald-cli that use it (herald-cli config shows them).</source>
        <translation>Diese Einstellungen werden mit der Datenbank gespeichert und von jeder Konsole und jedem herald-cli geteilt, die sie verwenden (herald-cli config zeigt sie).</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Takes effect when Herald is restarted.</source>
        <translation>Wirkt, wenn Herald neu gestartet wird.</translation>
    </message>
    <message>
        <source>These settings belong to your user account on this computer, not to the database.</source>
        <translation>Diese Einstellungen gehören zu Ihrem Benutzerkonto auf diesem Computer, nicht zur Datenbank.</translation>
    </message>
    <message>
        <source>Reading the settings stored with the database…</source>
        <translation>Die mit der Datenbank gespeicherten Einstellungen werden gelesen…</translation>
    </message>
    <message>
        <source>The settings stored with the database cannot be read: %1</source>
        <translation>Die mit der Datenbank gespeicherten Einstellungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Correct the fields marked in red; nothing was saved.</source>
        <translation>Korrigieren Sie die rot markierten Felder; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>The settings were not stored with the database: %1</source>
        <translation>Die Einstellungen wurden nicht mit der Datenbank gespeichert: %1</translation>
    </message>
    <message>
        <source>Not everything was saved: see the messages in red.</source>
        <translation>Nicht alles wurde gespeichert: Siehe die roten Meldungen.</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Einstellungen gespeichert</translation>
    </message>
    <message>
        <source>Herald uses the database and language you chose when it is restarted.</source>
        <translation>Herald verwendet die gewählte Datenbank und Sprache nach einem Neustart.</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Preislisten</translation>
    </message>
    <message>
        <source>Keep recipients (days):</source>
        <translation>Aufbewahrung (Tage):</translation>
    </message>
    <message>
        <source>0: forever</source>
        <translation>0: unbegrenzt</translation>
    </message>
    <message>
        <source>Names, numbers and parameters of campaigns finished longer ago are erased by the console once a day and by herald-cli purge; the counts stay.</source>
        <translation>Bei länger beendeten Kampagnen löschen die Konsole (einmal täglich) und herald-cli purge Namen, Nummern und Parameter; die Zähler bleiben.</translation>
    </message>
    <message>
        <source>Opt-out replies:</source>
        <translation>Abmelde-Antworten:</translation>
    </message>
    <message>
        <source>A reply that is exactly one of these words, in any case, puts its sender on the opt-out list once the webhook receiver gets it.</source>
        <translation>Eine Antwort, die genau aus einem dieser Wörter besteht (Groß- und Kleinschreibung egal), setzt ihren Absender auf die Abmeldeliste, sobald der Webhook-Empfänger sie erhält.</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Telefonnummern</translation>
    </message>
</context>
<context>
    <name>herald::ui::ShortcutTableModel</name>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
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
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter by action, menu or key</source>
        <translation>Nach Aktion, Menü oder Taste filtern</translation>
    </message>
    <message>
        <source>Filter shortcuts</source>
        <translation>Tastenkürzel filtern</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateSyncRunner</name>
    <message>
        <source>The API settings cannot be read from the database: %1</source>
        <translation>Die API-Einstellungen können nicht aus der Datenbank gelesen werden: %1</translation>
    </message>
    <message>
        <source>No WhatsApp Business Account ID is set, and templates are listed per account. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Es ist keine WhatsApp-Business-Konto-ID festgelegt, und Vorlagen werden pro Konto aufgelistet. Tragen Sie sie in den Einstellungen ein (Datei ▸ Einstellungen…) und synchronisieren Sie erneut.</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Es ist kein Zugriffstoken festgelegt. Tragen Sie es in den Einstellungen ein (Datei ▸ Einstellungen…) und synchronisieren Sie erneut.</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateTableModel</name>
    <message>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <source>In appeal</source>
        <translation>Im Einspruch</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Utility</source>
        <translation>Service (Utility)</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>a recent sync</source>
        <translation>einer kürzlichen Synchronisierung</translation>
    </message>
    <message>
        <source>Meta changed this template&apos;s category from %1 to %2 (noticed %3). Meta prices and limits messages by category: check that the template still suits your campaigns.</source>
        <translation>Meta hat die Kategorie dieser Vorlage von %1 auf %2 geändert (bemerkt %3). Meta berechnet und begrenzt Nachrichten nach Kategorie: Prüfen Sie, ob die Vorlage noch zu Ihren Kampagnen passt.</translation>
    </message>
    <message>
        <source>Only approved templates can be sent.</source>
        <translation>Nur genehmigte Vorlagen können gesendet werden.</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>Herald kann diese Vorlage nicht senden: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Category before</source>
        <translation>Kategorie vorher</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variablen</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplatesPage</name>
    <message>
        <source>Sync with Meta</source>
        <translation>Mit Meta synchronisieren</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Nach Namen filtern</translation>
    </message>
    <message>
        <source>Fetch the message templates of the WhatsApp Business Account from Meta</source>
        <translation>Die Nachrichtenvorlagen des WhatsApp-Business-Kontos von Meta abrufen</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>Die Vorlagen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Getting the access token…</source>
        <translation>Zugriffstoken wird geholt…</translation>
    </message>
    <message>
        <source>Asking Meta for the template list…</source>
        <translation>Vorlagenliste wird bei Meta angefragt…</translation>
    </message>
    <message>
        <source>Reading the template list from Meta: %1 so far</source>
        <translation>Vorlagenliste wird von Meta gelesen: bisher %1</translation>
    </message>
    <message>
        <source> (page %1)</source>
        <translation> (Seite %1)</translation>
    </message>
    <message>
        <source>(Graph error %1)</source>
        <translation>(Graph-Fehler %1)</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Einstellungen öffnen…</translation>
    </message>
    <message>
        <source>Templates synced from Meta: %1 (%2 new, %3 changed, %4 unchanged).</source>
        <translation>Vorlagen von Meta synchronisiert: %1 (%2 neu, %3 geändert, %4 unverändert).</translation>
    </message>
    <message>
        <source>Meta changed the category of %1 (%2) from %3 to %4.</source>
        <translation>Meta hat die Kategorie von %1 (%2) von %3 auf %4 geändert.</translation>
    </message>
    <message>
        <source>No longer listed by Meta, kept for the campaigns that use them: %1.</source>
        <translation>Von Meta nicht mehr aufgelistet, behalten für die Kampagnen, die sie verwenden: %1.</translation>
    </message>
    <message>
        <source>No templates are stored yet: sync them from Meta.</source>
        <translation>Noch sind keine Vorlagen gespeichert: Synchronisieren Sie sie von Meta.</translation>
    </message>
    <message>
        <source>Select a template to read its text and the variables a campaign fills.</source>
        <translation>Wählen Sie eine Vorlage, um ihren Text und die Variablen zu lesen, die eine Kampagne füllt.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No variables.</source>
        <translation>Keine Variablen.</translation>
    </message>
    <message>
        <source>Variables a campaign fills: %1.</source>
        <translation>Variablen, die eine Kampagne füllt: %1.</translation>
    </message>
    <message>
        <source>Herald cannot send it: %1</source>
        <translation>Herald kann sie nicht senden: %1</translation>
    </message>
    <message>
        <source>Templates: %1</source>
        <translation>Vorlagen: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Angezeigt: %1 von %2</translation>
    </message>
    <message>
        <source> — category changed: %1</source>
        <translation> — Kategorie geändert: %1</translation>
    </message>
    <message>
        <source>Filter templates</source>
        <translation>Vorlagen filtern</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Es ist kein Zugriffstoken festgelegt. Tragen Sie es in den Einstellungen ein (Datei ▸ Einstellungen…) und synchronisieren Sie erneut.</translation>
    </message>
    <message>
        <source>Meta refused the access token: it is invalid or has expired. Enter a valid token in Settings (File ▸ Settings…) and sync again; nothing was stored.</source>
        <translation>Meta hat das Zugriffstoken abgelehnt: Es ist ungültig oder abgelaufen. Tragen Sie ein gültiges Token in den Einstellungen ein (Datei ▸ Einstellungen…) und synchronisieren Sie erneut; nichts wurde gespeichert.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ThemeMenu</name>
    <message>
        <source>T&amp;heme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>Light or dark as the desktop is</source>
        <translation>Hell oder dunkel wie der Desktop</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>Dark text on light backgrounds</source>
        <translation>Dunkler Text auf hellem Hintergrund</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Light text on dark backgrounds</source>
        <translation>Heller Text auf dunklem Hintergrund</translation>
    </message>
</context>
<context>
    <name>herald::ui::TokenSection</name>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>Nur für diese Sitzung behalten</translation>
    </message>
    <message>
        <source>Remove stored token</source>
        <translation>Gespeichertes Token entfernen</translation>
    </message>
    <message>
        <source>Paste the token from Meta&apos;s developer portal</source>
        <translation>Fügen Sie das Token aus Metas Entwicklerportal ein</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in a settings file, the database or a log.</source>
        <translation>Im Schlüsselbund des Betriebssystems aufbewahrt, nie in einer Einstellungsdatei, der Datenbank oder einem Protokoll.</translation>
    </message>
    <message>
        <source>Herald uses the token until it is closed and forgets it then.</source>
        <translation>Herald verwendet das Token, bis es geschlossen wird, und vergisst es dann.</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Jetzt:</translation>
    </message>
    <message>
        <source>New token:</source>
        <translation>Neues Token:</translation>
    </message>
    <message>
        <source>This window has no access to credentials.</source>
        <translation>Dieses Fenster hat keinen Zugriff auf Zugangsdaten.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Im Schlüsselbund wird nachgesehen…</translation>
    </message>
    <message>
        <source>From the environment variable %1, which wins over the keychain.</source>
        <translation>Aus der Umgebungsvariablen %1, die Vorrang vor dem Schlüsselbund hat.</translation>
    </message>
    <message>
        <source>Kept in memory for this session only; Herald forgets it when it closes.</source>
        <translation>Nur für diese Sitzung im Speicher; Herald vergisst es beim Schließen.</translation>
    </message>
    <message>
        <source>Stored in the operating system&apos;s keychain.</source>
        <translation>Im Schlüsselbund des Betriebssystems gespeichert.</translation>
    </message>
    <message>
        <source>%1 A token entered here can be kept in memory for this session only.</source>
        <translation>%1 Ein hier eingegebenes Token kann nur für diese Sitzung im Speicher behalten werden.</translation>
    </message>
    <message>
        <source>None is stored yet.</source>
        <translation>Noch ist keins gespeichert.</translation>
    </message>
    <message>
        <source>Paste a new token to replace the current one</source>
        <translation>Fügen Sie ein neues Token ein, um das aktuelle zu ersetzen</translation>
    </message>
    <message>
        <source>%1
Herald never writes the token to a file. You can keep it in memory for this session only.</source>
        <translation>%1
Herald schreibt das Token nie in eine Datei. Sie können es nur für diese Sitzung im Speicher behalten.</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Neues Token</translation>
    </message>
</context>
<context>
    <name>herald::ui::UserGuideWindow</name>
    <message>
        <source>Herald user guide</source>
        <translation>Herald-Benutzerhandbuch</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Benutzerhandbuch</translation>
    </message>
    <message>
        <source>Find in the guide</source>
        <translation>Im Handbuch suchen</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorheriges</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nächstes</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Suchleiste schließen</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Weitersuchen</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardImport</name>
    <message>
        <source>Contacts can only be added to a draft or paused campaign; &quot;%1&quot; is %2.</source>
        <translation>Kontakte können nur einem Entwurf oder einer pausierten Kampagne hinzugefügt werden; „%1“ hat den Status „%2“.</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardLauncher</name>
    <message>
        <source>The campaign could not be read</source>
        <translation>Die Kampagne konnte nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Herald: a campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Herald: eine Kampagnenkonsole für die WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>The database: a SQLite file or a postgresql:// URL (default: HERALD_DB, else the one chosen in Settings, else the embedded one).</source>
        <translation>Die Datenbank: eine SQLite-Datei oder eine postgresql://-URL (Standard: HERALD_DB, sonst die in den Einstellungen gewählte, sonst die eingebettete).</translation>
    </message>
    <message>
        <source>database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Herald cannot start</source>
        <translation>Herald kann nicht starten</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Datenbankpasswort</translation>
    </message>
</context>
</TS>
