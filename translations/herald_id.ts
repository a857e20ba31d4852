<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>ApiOptions</name>
    <message>
        <source>The Graph API base URL (default: config api.base, else %1).</source>
        <translation>URL dasar Graph API (bawaan: config api.base, selain itu %1).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>The Graph API version (default: config api.version, else %1).</source>
        <translation>Versi Graph API (bawaan: config api.version, selain itu %1).</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versi</translation>
    </message>
    <message>
        <source>The WhatsApp Business phone number ID (default: config api.phone_number_id).</source>
        <translation>ID nomor telepon WhatsApp Business (bawaan: config api.phone_number_id).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID (default: config api.waba_id).</source>
        <translation>ID Akun WhatsApp Business (bawaan: config api.waba_id).</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request (default: config api.request_timeout_ms, else %1). The access token comes from HERALD_ACCESS_TOKEN, else from the keychain (&apos;token set&apos;); never from the command line.</source>
        <translation>Milidetik menunggu setiap permintaan API (bawaan: config api.request_timeout_ms, selain itu %1). Token akses diambil dari HERALD_ACCESS_TOKEN, selain itu dari keychain (&apos;token set&apos;); tidak pernah dari baris perintah.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s, PEM or DER (default: config api.ca_file): a TLS-inspecting proxy&apos;s. Certificate errors are never ignored.</source>
        <translation>Otoritas sertifikat yang dipercaya selain milik sistem, PEM atau DER (bawaan: config api.ca_file): milik proxy yang memeriksa TLS. Kesalahan sertifikat tidak pernah diabaikan.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>the stored setting %1: %2 Change it with &apos;config set %1 VALUE&apos;.</source>
        <translation>pengaturan tersimpan %1: %2 Ubah dengan &apos;config set %1 VALUE&apos;.</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1 (it is never read from the command line or stored in a file). %2</source>
        <translation>tidak ada token akses: tetapkan variabel lingkungan %1 (token tidak pernah dibaca dari baris perintah atau disimpan dalam file). %2</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1, or store the token in the keychain with &apos;herald-cli token set&apos; (it is never read from the command line or stored in a file)</source>
        <translation>tidak ada token akses: tetapkan variabel lingkungan %1, atau simpan token di keychain dengan &apos;herald-cli token set&apos; (token tidak pernah dibaca dari baris perintah atau disimpan dalam file)</translation>
    </message>
    <message>
        <source>no access token: %1 is not set and the keychain could not be read. %2</source>
        <translation>tidak ada token akses: %1 belum ditetapkan dan keychain tidak dapat dibaca. %2</translation>
    </message>
</context>
<context>
    <name>ApiSettings</name>
    <message>
        <source>The CA certificate file %1 cannot be read: %2.</source>
        <translation>File sertifikat CA %1 tidak dapat dibaca: %2.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 holds no certificate in PEM or DER form.</source>
        <translation>File sertifikat CA %1 tidak berisi sertifikat dalam format PEM atau DER.</translation>
    </message>
    <message>
        <source>The API base URL &quot;%1&quot; is not a valid URL; the default is %2.</source>
        <translation>URL dasar API &quot;%1&quot; bukan URL yang valid; bawaannya adalah %2.</translation>
    </message>
    <message>
        <source>The API base URL must start with https://.</source>
        <translation>URL dasar API harus diawali dengan https://.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a user name or password; they would be sent with every request and shown in logs.</source>
        <translation>URL dasar API tidak boleh berisi nama pengguna atau kata sandi; keduanya akan dikirim bersama setiap permintaan dan ditampilkan di log.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a query (?…) or fragment (#…).</source>
        <translation>URL dasar API tidak boleh berisi kueri (?…) atau fragmen (#…).</translation>
    </message>
    <message>
        <source>Plain http:// is allowed only for this computer (localhost, 127.x.x.x, ::1). For %1 use https://: over http the access token and every message would travel unencrypted.</source>
        <translation>Protokol http:// biasa hanya diizinkan untuk komputer ini (localhost, 127.x.x.x, ::1). Untuk %1 gunakan https://: melalui http, token akses dan setiap pesan akan dikirim tanpa enkripsi.</translation>
    </message>
    <message>
        <source>The API version &quot;%1&quot; is not valid; it looks like v23.0.</source>
        <translation>Versi API &quot;%1&quot; tidak valid; seharusnya berbentuk seperti v23.0.</translation>
    </message>
    <message>
        <source>The phone number ID must be the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>ID nomor telepon harus berupa ID numerik yang ditampilkan di WhatsApp Manager milik Meta, bukan nomor teleponnya sendiri.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID must be numeric.</source>
        <translation>ID Akun WhatsApp Business harus berupa angka.</translation>
    </message>
    <message>
        <source>No access token is set.</source>
        <translation>Token akses belum ditetapkan.</translation>
    </message>
    <message>
        <source>The access token contains spaces or characters that cannot appear in a token; copy it again from Meta&apos;s developer portal.</source>
        <translation>Token akses berisi spasi atau karakter yang tidak mungkin ada dalam token; salin lagi dari portal pengembang Meta.</translation>
    </message>
    <message>
        <source>The request timeout must be at least one second.</source>
        <translation>Batas waktu permintaan minimal satu detik.</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>A setting needs a name.</source>
        <translation>Pengaturan memerlukan nama.</translation>
    </message>
    <message>
        <source>A setting name must not begin or end with spaces.</source>
        <translation>Nama pengaturan tidak boleh diawali atau diakhiri dengan spasi.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; looks like a credential, and credentials are never stored in the database (anyone who can read it could use them). Give the access token in the environment variable HERALD_ACCESS_TOKEN or the operating system&apos;s keychain.</source>
        <translation>&quot;%1&quot; tampak seperti kredensial, dan kredensial tidak pernah disimpan di basis data (siapa pun yang dapat membacanya dapat menggunakannya). Berikan token akses melalui variabel lingkungan HERALD_ACCESS_TOKEN atau keychain sistem operasi.</translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message>
        <source>Replace FILE if it exists.</source>
        <translation>Timpa FILE jika sudah ada.</translation>
    </message>
    <message>
        <source>Copies the SQLite database to FILE while Herald runs, and checks the copy (PostgreSQL: prints the pg_dump command).</source>
        <translation>Menyalin basis data SQLite ke FILE selagi Herald berjalan, lalu memeriksa salinannya (PostgreSQL: mencetak perintah pg_dump).</translation>
    </message>
    <message>
        <source>Where to write the copy.</source>
        <translation>Lokasi penulisan salinan.</translation>
    </message>
    <message>
        <source>backup needs a FILE to write the copy to</source>
        <translation>backup memerlukan FILE untuk menulis salinan</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: herald-cli backup copies SQLite files only. pg_dump takes a consistent copy while Herald runs (give the password with PGPASSWORD or ~/.pgpass):</source>
        <translation>Basis data ini PostgreSQL: herald-cli backup hanya menyalin file SQLite. pg_dump membuat salinan yang konsisten selagi Herald berjalan (berikan kata sandi dengan PGPASSWORD atau ~/.pgpass):</translation>
    </message>
    <message>
        <source>Restore it into an empty database with:</source>
        <translation>Pulihkan ke basis data kosong dengan:</translation>
    </message>
    <message>
        <source>Copied %1 to %2 (%3 bytes) in %4 ms.</source>
        <translation>%1 disalin ke %2 (%3 byte) dalam %4 ms.</translation>
    </message>
    <message>
        <source>Integrity check: %1</source>
        <translation>Pemeriksaan integritas: %1</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Penghitung setiap kampanye sama dengan hitung ulang barisnya.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Penghitung berbeda dari hitung ulang pada: %1</translation>
    </message>
    <message>
        <source>The copy at %1 did not pass its check.</source>
        <translation>Salinan di %1 tidak lolos pemeriksaan.</translation>
    </message>
</context>
<context>
    <name>CampaignActionRules</name>
    <message>
        <source>Select a campaign first.</source>
        <translation>Pilih kampanye terlebih dahulu.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Memulai…</translation>
    </message>
    <message>
        <source>This window is sending it.</source>
        <translation>Jendela ini sedang mengirimkannya.</translation>
    </message>
    <message>
        <source>It is being sent by %1.</source>
        <translation>Kampanye ini sedang dikirim oleh %1.</translation>
    </message>
    <message>
        <source>It is %1: use Resume.</source>
        <translation>Statusnya %1: gunakan Lanjutkan.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be started.</source>
        <translation>Kampanye yang berstatus %1 tidak dapat dimulai.</translation>
    </message>
    <message>
        <source>It has no recipients yet: import contacts first.</source>
        <translation>Kampanye ini belum memiliki penerima: impor kontak terlebih dahulu.</translation>
    </message>
    <message>
        <source>Only a running campaign can be paused.</source>
        <translation>Hanya kampanye yang berjalan yang dapat dijeda.</translation>
    </message>
    <message>
        <source>Only a paused or stopped campaign can be resumed.</source>
        <translation>Hanya kampanye yang dijeda atau dihentikan yang dapat dilanjutkan.</translation>
    </message>
    <message>
        <source>Nothing is left to send: resend failed messages first.</source>
        <translation>Tidak ada lagi yang perlu dikirim: kirim ulang pesan yang gagal terlebih dahulu.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be cancelled.</source>
        <translation>Kampanye yang berstatus %1 tidak dapat dibatalkan.</translation>
    </message>
    <message>
        <source>A cancelled campaign cannot send again.</source>
        <translation>Kampanye yang dibatalkan tidak dapat mengirim lagi.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Tidak ada pesan kampanye ini yang gagal.</translation>
    </message>
    <message>
        <source>It has no recipients yet.</source>
        <translation>Kampanye ini belum memiliki penerima.</translation>
    </message>
    <message>
        <source>It is scheduled: unschedule it first (Campaign ▸ Unschedule), which makes it a draft again.</source>
        <translation>Kampanye ini terjadwal: batalkan jadwalnya terlebih dahulu (Kampanye ▸ Batalkan Jadwal), sehingga menjadi draf lagi.</translation>
    </message>
    <message>
        <source>Only a draft can be edited; this one is %1.</source>
        <translation>Hanya draf yang dapat diedit; kampanye ini berstatus %1.</translation>
    </message>
    <message>
        <source>Only a draft can be deleted; this one is %1: cancel it instead.</source>
        <translation>Hanya draf yang dapat dihapus; kampanye ini berstatus %1: batalkan saja.</translation>
    </message>
    <message>
        <source>It is running: pause it first.</source>
        <translation>Kampanye ini sedang berjalan: jeda terlebih dahulu.</translation>
    </message>
    <message>
        <source>Contacts can be added to a draft or a paused campaign; this one is %1.</source>
        <translation>Kontak dapat ditambahkan ke draf atau kampanye yang dijeda; kampanye ini berstatus %1.</translation>
    </message>
    <message>
        <source>Only a scheduled campaign can be unscheduled; this one is %1.</source>
        <translation>Hanya kampanye terjadwal yang dapat dibatalkan jadwalnya; kampanye ini berstatus %1.</translation>
    </message>
</context>
<context>
    <name>CampaignCommand</name>
    <message>
        <source>create: the campaign&apos;s name (unique).</source>
        <translation>create: nama kampanye (unik).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>create: the approved WhatsApp template to send.</source>
        <translation>create: templat WhatsApp yang disetujui untuk dikirim.</translation>
    </message>
    <message>
        <source>template</source>
        <translation>templat</translation>
    </message>
    <message>
        <source>create: the template&apos;s language code, e.g. en_US.</source>
        <translation>create: kode bahasa templat, misalnya en_US.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>kode</translation>
    </message>
    <message>
        <source>create: the WhatsApp Business phone number id to send from.</source>
        <translation>create: ID nomor telepon WhatsApp Business pengirim.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>schedule: when to start, ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00; without an offset it is this computer&apos;s local time.</source>
        <translation>schedule: kapan dimulai, ISO 8601, misalnya 2026-12-07T09:30:00Z atau 2026-12-07T10:30+01:00; tanpa offset berarti waktu lokal komputer ini.</translation>
    </message>
    <message>
        <source>time</source>
        <translation>waktu</translation>
    </message>
    <message>
        <source>quiet-hours: the window in each recipient&apos;s local time, HH:MM-HH:MM, e.g. 09:00-20:00.</source>
        <translation>quiet-hours: rentang waktu dalam waktu lokal setiap penerima, HH:MM-HH:MM, misalnya 09:00-20:00.</translation>
    </message>
    <message>
        <source>from-until</source>
        <translation>dari-sampai</translation>
    </message>
    <message>
        <source>quiet-hours: send Monday to Friday only (recipient&apos;s local date).</source>
        <translation>quiet-hours: kirim hanya Senin sampai Jumat (tanggal lokal penerima).</translation>
    </message>
    <message>
        <source>quiet-hours: the time zone for one country instead of its main zone, e.g. BR=America/Manaus; repeatable.</source>
        <translation>quiet-hours: zona waktu untuk satu negara sebagai ganti zona utamanya, misalnya BR=America/Manaus; dapat diulang.</translation>
    </message>
    <message>
        <source>CC=zone</source>
        <translation>CC=zona</translation>
    </message>
    <message>
        <source>quiet-hours: send at any hour again.</source>
        <translation>quiet-hours: kirim lagi kapan saja.</translation>
    </message>
    <message>
        <source>estimate: price this category instead of the template&apos;s (e.g. MARKETING).</source>
        <translation>estimate: hitung harga dengan kategori ini, bukan kategori templat (misalnya MARKETING).</translation>
    </message>
    <message>
        <source>category</source>
        <translation>kategori</translation>
    </message>
    <message>
        <source>estimate: count only the recipients still to send.</source>
        <translation>estimate: hitung hanya penerima yang belum dikirimi.</translation>
    </message>
    <message>
        <source>creates a draft campaign and prints its id</source>
        <translation>membuat kampanye draf dan mencetak ID-nya</translation>
    </message>
    <message>
        <source>starts a draft campaign at a time (--at)</source>
        <translation>memulai kampanye draf pada waktu tertentu (--at)</translation>
    </message>
    <message>
        <source>turns a scheduled campaign back into a draft</source>
        <translation>mengembalikan kampanye terjadwal menjadi draf</translation>
    </message>
    <message>
        <source>sends only inside a window of each recipient&apos;s local time (--window)</source>
        <translation>mengirim hanya dalam rentang waktu lokal setiap penerima (--window)</translation>
    </message>
    <message>
        <source>prices the campaign&apos;s recipients from the rate card and stores the estimate</source>
        <translation>menghitung harga penerima kampanye dari kartu tarif dan menyimpan perkiraannya</translation>
    </message>
    <message>
        <source>Manages campaigns: %1.</source>
        <translation>Mengelola kampanye: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Yang dilakukan:</translation>
    </message>
    <message>
        <source>campaign needs an action: %1</source>
        <translation>campaign memerlukan tindakan: %1</translation>
    </message>
    <message>
        <source>unknown campaign action &quot;%1&quot; (known: %2)</source>
        <translation>tindakan campaign &quot;%1&quot; tidak dikenal (yang dikenal: %2)</translation>
    </message>
    <message>
        <source>--at &quot;%1&quot; is not a date and time; write it as ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00</source>
        <translation>--at &quot;%1&quot; bukan tanggal dan waktu; tulis dalam ISO 8601, misalnya 2026-12-07T09:30:00Z atau 2026-12-07T10:30+01:00</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time); a running console or `herald-cli run` starts it then.</source>
        <translation>Kampanye &quot;%1&quot; dijadwalkan pada %2 UTC (%3 waktu lokal); konsol yang berjalan atau `herald-cli run` akan memulainya saat itu.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is a draft again; it starts when you start or schedule it.</source>
        <translation>Kampanye &quot;%1&quot; menjadi draf lagi; kampanye dimulai saat Anda memulai atau menjadwalkannya.</translation>
    </message>
    <message>
        <source>--window &quot;%1&quot; is not a window; write it as HH:MM-HH:MM, e.g. 09:00-20:00</source>
        <translation>--window &quot;%1&quot; bukan rentang waktu; tulis sebagai HH:MM-HH:MM, misalnya 09:00-20:00</translation>
    </message>
    <message>
        <source>--zone &quot;%1&quot; must be a country code, = and a time zone, e.g. BR=America/Manaus</source>
        <translation>--zone &quot;%1&quot; harus berupa kode negara, = dan zona waktu, misalnya BR=America/Manaus</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends at any hour.</source>
        <translation>Kampanye &quot;%1&quot; mengirim kapan saja.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends from %2 to %3 in each recipient&apos;s local time%4.</source>
        <translation>Kampanye &quot;%1&quot; mengirim dari %2 sampai %3 dalam waktu lokal setiap penerima%4.</translation>
    </message>
    <message>
        <source>, Monday to Friday</source>
        <translation>, Senin sampai Jumat</translation>
    </message>
    <message>
        <source>%1 uses %2.</source>
        <translation>%1 menggunakan %2.</translation>
    </message>
    <message>
        <source>create: send from a pool of the account&apos;s phone numbers instead, comma-separated IDs; each recipient keeps one of them.</source>
        <translation>create: kirim dari kumpulan nomor telepon akun, ID dipisahkan koma; setiap penerima tetap memakai salah satunya.</translation>
    </message>
    <message>
        <source>id,id,…</source>
        <translation>id,id,…</translation>
    </message>
    <message>
        <source>reassign: only the recipients of this number (default: every number out of the pool).</source>
        <translation>reassign: hanya penerima nomor ini (bawaan: semua nomor yang dikeluarkan dari kumpulan).</translation>
    </message>
    <message>
        <source>schedule, unschedule, quiet-hours, estimate, reassign: the campaign&apos;s name.</source>
        <translation>schedule, unschedule, quiet-hours, estimate, reassign: nama kampanye.</translation>
    </message>
    <message>
        <source>moves the recipients of numbers taken out of the campaign&apos;s pool to its other numbers, and records it</source>
        <translation>memindahkan penerima dari nomor yang dikeluarkan dari kumpulan kampanye ke nomor lainnya, dan mencatatnya</translation>
    </message>
    <message>
        <source>give either --phone-number-id or --numbers, not both</source>
        <translation>berikan --phone-number-id atau --numbers, jangan keduanya</translation>
    </message>
    <message>
        <source>herald-cli on %1</source>
        <translation>herald-cli di %1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: no recipient waits for a number out of the pool.</source>
        <translation>Kampanye &quot;%1&quot;: tidak ada penerima yang menunggu nomor di luar kumpulan.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: moved %2 recipients of %3 to %4.</source>
        <translation>Kampanye &quot;%1&quot;: %2 penerima dari %3 dipindahkan ke %4.</translation>
    </message>
</context>
<context>
    <name>CampaignEstimate</name>
    <message>
        <source>Cost estimate for &quot;%1&quot;: %2 %3 (template %4, %5), made %6 UTC.</source>
        <translation>Perkiraan biaya untuk &quot;%1&quot;: %2 %3 (templat %4, %5), dibuat %6 UTC.</translation>
    </message>
    <message>
        <source>recipients still to send</source>
        <translation>penerima yang belum dikirimi</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>penerima</translation>
    </message>
    <message>
        <source>Rate card %1: %2.</source>
        <translation>Kartu tarif %1: %2.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: import Meta&apos;s current card for a real estimate (herald-cli ratecard import FILE --effective DATE).</source>
        <translation>Ini kartu contoh Herald: impor kartu terkini dari Meta untuk perkiraan sungguhan (herald-cli ratecard import FILE --effective DATE).</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Peringatan: %1</translation>
    </message>
    <message>
        <source>Total: %1 for %2 recipients.</source>
        <translation>Total: %1 untuk %2 penerima.</translation>
    </message>
    <message>
        <source>Not priced: %1 recipients in %2: %3.</source>
        <translation>Tanpa harga: %1 penerima di %2: %3.</translation>
    </message>
    <message>
        <source>Meta charges delivered messages only: this is the most these recipients cost at these prices.</source>
        <translation>Meta hanya menagih pesan yang tersampaikan: ini biaya maksimum penerima ini dengan harga tersebut.</translation>
    </message>
</context>
<context>
    <name>CampaignReadiness</name>
    <message>
        <source>template %1 is not in the synced list; run templates sync</source>
        <translation>templat %1 tidak ada dalam daftar yang disinkronkan; jalankan sinkronisasi templat</translation>
    </message>
    <message>
        <source>template %1 is %2: only APPROVED templates can be sent</source>
        <translation>templat %1 berstatus %2: hanya templat APPROVED yang dapat dikirim</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 on %4 (UTC); messages are charged as %3%5</source>
        <translation>Meta mengubah kategori templat %1 dari %2 menjadi %3 pada %4 (UTC); pesan dikenai biaya sebagai %3%5</translation>
    </message>
    <message>
        <source> and count towards the marketing limits</source>
        <translation> dan dihitung dalam batas pemasaran</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>templat %1: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no messages queued to send</source>
        <translation>kampanye &quot;%1&quot; tidak memiliki pesan dalam antrean untuk dikirim</translation>
    </message>
    <message numerus="yes">
        <source>%1 has no value for %Ln contact(s) and no campaign default</source>
        <translation>
            <numerusform>%1 tidak memiliki nilai untuk %Ln kontak dan tidak ada nilai bawaan kampanye</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignStatus</name>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Terjadwal</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Berjalan</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Dihentikan</translation>
    </message>
    <message>
        <source>draft</source>
        <comment>status inside a sentence</comment>
        <translation>draf</translation>
    </message>
    <message>
        <source>scheduled</source>
        <comment>status inside a sentence</comment>
        <translation>terjadwal</translation>
    </message>
    <message>
        <source>running</source>
        <comment>status inside a sentence</comment>
        <translation>berjalan</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>status inside a sentence</comment>
        <translation>dijeda</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>status inside a sentence</comment>
        <translation>selesai</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>status inside a sentence</comment>
        <translation>dibatalkan</translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>status inside a sentence</comment>
        <translation>dihentikan</translation>
    </message>
    <message>
        <source>the campaign is already %1</source>
        <translation>kampanye sudah berstatus %1</translation>
    </message>
    <message>
        <source>a campaign cannot go from %1 to %2</source>
        <translation>kampanye tidak dapat berubah dari %1 ke %2</translation>
    </message>
</context>
<context>
    <name>CliApplication</name>
    <message>
        <source>The database: a SQLite file path, or postgresql://user:password@host:port/database. Default: $HERALD_DB, else %1.</source>
        <translation>Basis data: path file SQLite, atau postgresql://user:password@host:port/database. Bawaan: $HERALD_DB, selain itu %1.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Shows this help.</source>
        <translation>Menampilkan bantuan ini.</translation>
    </message>
    <message>
        <source>Shows the version.</source>
        <translation>Menampilkan versi.</translation>
    </message>
    <message>
        <source>Prints the result as one JSON document instead of a table.</source>
        <translation>Mencetak hasil sebagai satu dokumen JSON, bukan tabel.</translation>
    </message>
    <message>
        <source>Run &apos;%1 --help&apos; for the commands.</source>
        <translation>Jalankan &apos;%1 --help&apos; untuk daftar perintah.</translation>
    </message>
    <message>
        <source>Run &apos;%1 %2 --help&apos; for its options.</source>
        <translation>Jalankan &apos;%1 %2 --help&apos; untuk opsinya.</translation>
    </message>
    <message>
        <source>Herald&apos;s headless console: sets up the database and inspects and repairs campaigns.</source>
        <translation>Konsol tanpa antarmuka Herald: menyiapkan basis data serta memeriksa dan memperbaiki kampanye.</translation>
    </message>
    <message>
        <source>The command to run (see Commands).</source>
        <translation>Perintah yang dijalankan (lihat Perintah).</translation>
    </message>
    <message>
        <source>&lt;command&gt;</source>
        <translation>&lt;perintah&gt;</translation>
    </message>
    <message>
        <source>The command&apos;s options; see herald-cli &lt;command&gt; --help.</source>
        <translation>Opsi perintah; lihat herald-cli &lt;perintah&gt; --help.</translation>
    </message>
    <message>
        <source>[command options]</source>
        <translation>[opsi perintah]</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>tidak ada perintah yang diberikan</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>perintah &quot;%1&quot; tidak dikenal</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>argumen &quot;%1&quot; tidak terduga</translation>
    </message>
    <message>
        <source>there is no Herald database at %1: run &apos;%2 init&apos; to create it</source>
        <translation>tidak ada basis data Herald di %1: jalankan &apos;%2 init&apos; untuk membuatnya</translation>
    </message>
    <message>
        <source>the database %1 is not usable by this program; nothing was done:</source>
        <translation>basis data %1 tidak dapat digunakan oleh program ini; tidak ada yang dilakukan:</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Perintah:</translation>
    </message>
    <message>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for a command&apos;s options.</source>
        <translation>Jalankan &apos;%1 &lt;perintah&gt; --help&apos; untuk opsi suatu perintah.</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>internal error: this command has no database connection</source>
        <translation>kesalahan internal: perintah ini tidak memiliki koneksi basis data</translation>
    </message>
    <message>
        <source>missing required option --%1</source>
        <translation>opsi wajib --%1 tidak ada</translation>
    </message>
    <message>
        <source>there is no campaign named &quot;%1&quot;</source>
        <translation>tidak ada kampanye bernama &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>ConfigCommand</name>
    <message>
        <source>usage: config %1</source>
        <translation>penggunaan: config %1</translation>
    </message>
    <message>
        <source>Settings stored with the database (set, get, list, unset), e.g. api.base and api.waba_id.</source>
        <translation>Pengaturan yang disimpan bersama basis data (set, get, list, unset), misalnya api.base dan api.waba_id.</translation>
    </message>
    <message>
        <source>What to do:
  set KEY VALUE - stores a setting
  get KEY - prints its value
  list - shows every setting
  unset KEY - removes it
API keys: %1. Access tokens are never stored: give them in %2.</source>
        <translation>Yang dilakukan:
  set KEY VALUE - menyimpan pengaturan
  get KEY - mencetak nilainya
  list - menampilkan semua pengaturan
  unset KEY - menghapusnya
Kunci API: %1. Token akses tidak pernah disimpan: berikan di %2.</translation>
    </message>
    <message>
        <source>config needs an action: set, get, list, unset</source>
        <translation>config memerlukan tindakan: set, get, list, unset</translation>
    </message>
    <message>
        <source>unknown config action &quot;%1&quot; (known: set, get, list, unset)</source>
        <translation>tindakan config &quot;%1&quot; tidak dikenal (yang dikenal: set, get, list, unset)</translation>
    </message>
    <message>
        <source>%1 is not set</source>
        <translation>%1 belum ditetapkan</translation>
    </message>
    <message>
        <source>No settings stored.</source>
        <translation>Tidak ada pengaturan tersimpan.</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>There is no database at %1 yet; Herald creates it there when it starts.</source>
        <translation>Belum ada basis data di %1; Herald membuatnya di sana saat dijalankan.</translation>
    </message>
    <message>
        <source>Connected to %1. It holds no Herald data yet; Herald creates its tables when it starts.</source>
        <translation>Terhubung ke %1. Belum ada data Herald di dalamnya; Herald membuat tabelnya saat dijalankan.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, which this Herald upgrades to %3 when it starts.</source>
        <translation>Terhubung ke %1: skema Herald versi %2, yang akan ditingkatkan oleh Herald ini ke %3 saat dijalankan.</translation>
    </message>
    <message>
        <source>Connected to %1, but its schema (version %2) is newer than this Herald knows (%3): update Herald before using it.</source>
        <translation>Terhubung ke %1, tetapi skemanya (versi %2) lebih baru daripada yang dikenal Herald ini (%3): perbarui Herald sebelum menggunakannya.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, up to date.</source>
        <translation>Terhubung ke %1: skema Herald versi %2, sudah terbaru.</translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message>
        <source>missing value for %1 (column %2)</source>
        <translation>nilai untuk %1 tidak ada (kolom %2)</translation>
    </message>
    <message>
        <source>The report of rows not imported could not be written to %1: %2</source>
        <translation>Laporan baris yang tidak diimpor tidak dapat ditulis ke %1: %2</translation>
    </message>
    <message>
        <source>line</source>
        <translation>baris</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>alasan</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>penjelasan</translation>
    </message>
    <message>
        <source>row</source>
        <translation>isi baris</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>kolom %1</translation>
    </message>
    <message>
        <source>%1: cannot be opened: %2</source>
        <translation>%1: tidak dapat dibuka: %2</translation>
    </message>
    <message>
        <source>%1: no column holds phone numbers; name it with --phone-column.</source>
        <translation>%1: tidak ada kolom yang berisi nomor telepon; sebutkan dengan --phone-column.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: parameter %2: %3</source>
        <translation>%1: parameter %2: %3</translation>
    </message>
    <message>
        <source>the same number (%1) as line %2</source>
        <translation>nomor yang sama (%1) dengan baris %2</translation>
    </message>
    <message numerus="yes">
        <source>a campaign sent to this number in the last %n day(s)</source>
        <translation>
            <numerusform>kampanye telah dikirim ke nomor ini dalam %n hari terakhir</numerusform>
        </translation>
    </message>
    <message>
        <source>the number is on the opt-out list</source>
        <translation>nomor ini ada dalam daftar opt-out</translation>
    </message>
    <message>
        <source>the number is already in the campaign</source>
        <translation>nomor ini sudah ada dalam kampanye</translation>
    </message>
</context>
<context>
    <name>CostEstimate</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, berlaku mulai %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (contoh: bukan harga Meta)</translation>
    </message>
</context>
<context>
    <name>CostEstimator</name>
    <message>
        <source>non-geographic numbers</source>
        <translation>nomor non-geografis</translation>
    </message>
    <message>
        <source>unknown country</source>
        <translation>negara tidak dikenal</translation>
    </message>
    <message>
        <source>the card has no market for %1 and no market for the rest of the world</source>
        <translation>kartu tarif tidak memiliki pasar untuk %1 maupun pasar untuk negara lainnya</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; has no %2 price</source>
        <translation>pasar &quot;%1&quot; tidak memiliki harga %2</translation>
    </message>
    <message>
        <source>The category of template %1 (%2) is not known: sync the templates first, or give the category.</source>
        <translation>Kategori templat %1 (%2) tidak diketahui: sinkronkan templat terlebih dahulu, atau tentukan kategorinya.</translation>
    </message>
    <message>
        <source>There is no rate card %1.</source>
        <translation>Tidak ada kartu tarif %1.</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>tanggal yang tidak diberikan Meta</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 (%2) from %3 to %4 on %5, after the estimate of %6: re-estimated, %7 → %8.</source>
        <translation>Meta mengubah kategori templat %1 (%2) dari %3 menjadi %4 pada %5, setelah perkiraan pada %6: diperkirakan ulang, %7 → %8.</translation>
    </message>
</context>
<context>
    <name>CountryNames</name>
    <message>
        <source>unknown country</source>
        <translation>negara tidak dikenal</translation>
    </message>
    <message>
        <source>non-geographic numbers</source>
        <translation>nomor non-geografis</translation>
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
        <translation>file kosong; tidak ada baris untuk diimpor</translation>
    </message>
    <message>
        <source>this is not a text file: it contains binary data (zero bytes); save the spreadsheet as CSV and import that file</source>
        <translation>ini bukan file teks: berisi data biner (byte nol); simpan lembar kerja sebagai CSV lalu impor file tersebut</translation>
    </message>
    <message>
        <source>UTF-8 with byte order mark</source>
        <translation>UTF-8 dengan byte order mark</translation>
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
        <translation>Windows-1252 (Eropa Barat)</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>first row is a header</source>
        <translation>baris pertama adalah baris judul</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>tanpa baris judul</translation>
    </message>
    <message>
        <source>the file cannot be opened (%1)</source>
        <translation>file tidak dapat dibuka (%1)</translation>
    </message>
    <message>
        <source>the file is not open for reading</source>
        <translation>file tidak terbuka untuk dibaca</translation>
    </message>
    <message>
        <source>%1, line %2: %3.</source>
        <translation>%1, baris %2: %3.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>“%1” cannot be used as the delimiter</source>
        <translation>“%1” tidak dapat digunakan sebagai pemisah</translation>
    </message>
    <message>
        <source>the file has a header row but no data rows below it</source>
        <translation>file memiliki baris judul tetapi tidak ada baris data di bawahnya</translation>
    </message>
    <message>
        <source>reading failed (%1)</source>
        <translation>pembacaan gagal (%1)</translation>
    </message>
    <message>
        <source>this is a spreadsheet workbook (such as .xlsx or .xls), not a CSV file; in the spreadsheet use “Save As” with the type “CSV UTF-8” and import that file</source>
        <translation>ini adalah buku kerja spreadsheet (seperti .xlsx atau .xls), bukan file CSV; di spreadsheet gunakan “Simpan Sebagai” dengan jenis “CSV UTF-8” lalu impor file tersebut</translation>
    </message>
    <message>
        <source>this is not a text file: it is full of control characters; save the spreadsheet as CSV and import that file</source>
        <translation>ini bukan file teks: penuh dengan karakter kontrol; simpan lembar kerja sebagai CSV lalu impor file tersebut</translation>
    </message>
    <message>
        <source>“%1” (columns %2)</source>
        <translation>“%1” (kolom %2)</translation>
    </message>
    <message>
        <source>the header names a column more than once: %1; every column needs a distinct name</source>
        <translation>baris judul menyebut satu kolom lebih dari sekali: %1; setiap kolom memerlukan nama yang berbeda</translation>
    </message>
    <message>
        <source>a quoted field starts on this line but its closing quote is missing</source>
        <translation>sebuah field bertanda kutip dimulai pada baris ini tetapi tanda kutip penutupnya tidak ada</translation>
    </message>
    <message>
        <source>a field starting on this line is longer than %1 characters, the limit for one field; this usually means a quote opened on this line is never closed</source>
        <translation>sebuah field yang dimulai pada baris ini lebih panjang dari %1 karakter, batas untuk satu field; ini biasanya berarti tanda kutip yang dibuka pada baris ini tidak pernah ditutup</translation>
    </message>
    <message>
        <source>a field on this line is longer than %1 characters, the limit for one field</source>
        <translation>sebuah field pada baris ini lebih panjang dari %1 karakter, batas untuk satu field</translation>
    </message>
    <message>
        <source>the row starting on this line is longer than %1 characters, the limit for one row</source>
        <translation>baris data yang dimulai pada baris ini lebih panjang dari %1 karakter, batas untuk satu baris data</translation>
    </message>
    <message>
        <source>the row has %1 fields but the header has %2 columns</source>
        <translation>baris ini memiliki %1 field tetapi baris judul memiliki %2 kolom</translation>
    </message>
    <message>
        <source>the row has %1 fields but the first row has %2</source>
        <translation>baris ini memiliki %1 field tetapi baris pertama memiliki %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, line %2: %n sequence(s) of bytes that are not valid %3 were replaced with “�”; if names look wrong, import the file again with the encoding windows-1252.</source>
        <translation>
            <numerusform>%1, baris %2: %n urutan byte yang bukan %3 yang valid diganti dengan “�”; jika nama tampak salah, impor ulang file dengan encoding windows-1252.</numerusform>
        </translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>dipisahkan koma</translation>
    </message>
    <message>
        <source>semicolon-separated</source>
        <translation>dipisahkan titik koma</translation>
    </message>
    <message>
        <source>tab-separated</source>
        <translation>dipisahkan tab</translation>
    </message>
    <message>
        <source>separated by vertical bars</source>
        <translation>dipisahkan garis vertikal</translation>
    </message>
    <message>
        <source>separated by “%1”</source>
        <translation>dipisahkan “%1”</translation>
    </message>
</context>
<context>
    <name>CsvWriter</name>
    <message>
        <source>writing failed (%1)</source>
        <translation>penulisan gagal (%1)</translation>
    </message>
</context>
<context>
    <name>DailyBuckets</name>
    <message>
        <source>per day</source>
        <translation>per hari</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>per minggu</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>per bulan</translation>
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
        <translation>Basis data yang dipilih di Pengaturan tidak dapat digunakan: %1 Jalankan Herald dengan --db untuk membuka basis data lain.</translation>
    </message>
    <message>
        <source>The password of %1 is no longer in the keychain. Enter it again in Settings.</source>
        <translation>Kata sandi %1 sudah tidak ada di keychain. Masukkan lagi di Pengaturan.</translation>
    </message>
    <message>
        <source>The password of %1 could not be read from the keychain: %2</source>
        <translation>Kata sandi %1 tidak dapat dibaca dari keychain: %2</translation>
    </message>
    <message>
        <source>The database password was not stored: %1 Herald never writes it to a file; start Herald with --db or HERALD_DB instead.</source>
        <translation>Kata sandi basis data tidak disimpan: %1 Herald tidak pernah menulisnya ke file; jalankan Herald dengan --db atau HERALD_DB sebagai gantinya.</translation>
    </message>
    <message>
        <source>chosen with --db</source>
        <translation>dipilih dengan --db</translation>
    </message>
    <message>
        <source>chosen with HERALD_DB</source>
        <translation>dipilih dengan HERALD_DB</translation>
    </message>
    <message>
        <source>chosen in Settings</source>
        <translation>dipilih di Pengaturan</translation>
    </message>
    <message>
        <source>the embedded default</source>
        <translation>bawaan tertanam</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <source>Recipients in the sample campaign (default 2000).</source>
        <translation>Jumlah penerima dalam kampanye contoh (bawaan 2000).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Messages per second at most (default 200; Meta allows 80 to 1,000).</source>
        <translation>Pesan per detik paling banyak (bawaan 200; Meta mengizinkan 80 sampai 1.000).</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>The simulator&apos;s median answer time in ms (default 150).</source>
        <translation>Waktu jawaban median simulator dalam ms (bawaan 150).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Sends a sample campaign to the built-in Cloud API simulator, with live progress.</source>
        <translation>Mengirim kampanye contoh ke simulator Cloud API bawaan, dengan kemajuan langsung.</translation>
    </message>
    <message>
        <source>--contacts must be a number from 1 to 1,000,000</source>
        <translation>--contacts harus berupa angka dari 1 sampai 1.000.000</translation>
    </message>
    <message>
        <source>--rate must be from 1 to 1,000 messages per second</source>
        <translation>--rate harus dari 1 sampai 1.000 pesan per detik</translation>
    </message>
    <message>
        <source>--latency must be from 0 to 10,000 ms</source>
        <translation>--latency harus dari 0 sampai 10.000 ms</translation>
    </message>
    <message>
        <source>the built-in simulator could not start: %1</source>
        <translation>simulator bawaan tidak dapat dimulai: %1</translation>
    </message>
    <message>
        <source>template sync with the simulator failed: %1</source>
        <translation>sinkronisasi templat dengan simulator gagal: %1</translation>
    </message>
    <message>
        <source>Demo %1</source>
        <translation>Demo %1</translation>
    </message>
    <message>
        <source>Synced %1 templates from the simulator. Created campaign &quot;%2&quot; (order_update, en_US) with %3 recipients; the simulator answers in ~%4 ms.</source>
        <translation>%1 templat disinkronkan dari simulator. Kampanye &quot;%2&quot; (order_update, en_US) dibuat dengan %3 penerima; simulator menjawab dalam ~%4 ms.</translation>
    </message>
    <message>
        <source>  failed with reason %1: %2</source>
        <translation>  gagal dengan alasan %1: %2</translation>
    </message>
    <message>
        <source>The simulator accepted %1 messages and received %2 send requests.</source>
        <translation>Simulator menerima %1 pesan dan mendapat %2 permintaan kirim.</translation>
    </message>
    <message>
        <source>the built-in webhook receiver could not start: %1</source>
        <translation>penerima webhook bawaan tidak dapat dimulai: %1</translation>
    </message>
    <message>
        <source>Waiting for the delivery reports (status webhooks)…</source>
        <translation>Menunggu laporan pengiriman (webhook status)…</translation>
    </message>
    <message>
        <source>Delivered %1 (%2), read %3 (%4), failed after sending %5: reported by the simulator&apos;s status webhooks to the built-in receiver.</source>
        <translation>Tersampaikan %1 (%2), dibaca %3 (%4), gagal setelah dikirim %5: dilaporkan oleh webhook status simulator ke penerima bawaan.</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <source>Checks the database schema and lists anything missing (exit code 4 if so).</source>
        <translation>Memeriksa skema basis data dan mencantumkan yang hilang (jika ada, kode keluar 4).</translation>
    </message>
    <message>
        <source>schema OK (version %1)</source>
        <translation>skema OK (versi %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n schema problem(s) found (database version %1, this program expects %2)</source>
        <translation>
            <numerusform>%n masalah skema ditemukan (versi basis data %1, program ini mengharapkan %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Basis data: %1</translation>
    </message>
</context>
<context>
    <name>EraseCommand</name>
    <message>
        <source>The person&apos;s phone number, written in any form the import reads.</source>
        <translation>Nomor telepon orang tersebut, dalam format apa pun yang dapat dibaca impor.</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telepon</translation>
    </message>
    <message>
        <source>Country of a number written without country code, e.g. DE (default: import.region).</source>
        <translation>Negara untuk nomor yang ditulis tanpa kode negara, misalnya DE (bawaan: import.region).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Also put the number on the opt-out list, so no later import messages it.</source>
        <translation>Tambahkan juga nomor ke daftar opt-out, agar impor berikutnya tidak mengirim pesan ke nomor ini.</translation>
    </message>
    <message>
        <source>Erases one person&apos;s number, name and parameters from every campaign, keeping the counts.</source>
        <translation>Menghapus nomor, nama, dan parameter satu orang dari semua kampanye, tanpa mengubah jumlahnya.</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Tidak ada yang dihapus.</translation>
    </message>
    <message>
        <source>%1 is in no campaign: nothing to erase.</source>
        <translation>%1 tidak ada di kampanye mana pun: tidak ada yang dihapus.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n kampanye</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased %1&apos;s number, name and parameters from %2 in %3; the campaigns&apos; counts are unchanged.</source>
        <translation>Nomor, nama, dan parameter %1 dihapus dari %2 di %3; jumlah pada kampanye tidak berubah.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n pesan yang masih menunggu tidak akan dikirim (gagal, alasan &quot;erased&quot;).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 kini ada di daftar opt-out.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list (herald-cli optout remove takes it off).</source>
        <translation>%1 tetap ada di daftar opt-out (herald-cli optout remove menghapusnya).</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <source>No phone number to erase.</source>
        <translation>Tidak ada nomor telepon untuk dihapus.</translation>
    </message>
    <message>
        <source>A message to %1 is being sent right now (campaign &quot;%2&quot;); nothing was erased. Try again once it is answered, or after herald-cli repair if no sender is running.</source>
        <translation>Pesan ke %1 sedang dikirim saat ini (kampanye &quot;%2&quot;); tidak ada yang dihapus. Coba lagi setelah ada jawaban, atau setelah herald-cli repair jika tidak ada pengirim yang berjalan.</translation>
    </message>
    <message>
        <source>Personal data erased on request</source>
        <translation>Data pribadi dihapus atas permintaan</translation>
    </message>
</context>
<context>
    <name>ErrorPolicy</name>
    <message>
        <source>The phone number&apos;s sending rate (messages per second) was reached.</source>
        <translation>Laju pengiriman nomor telepon (pesan per detik) telah tercapai.</translation>
    </message>
    <message>
        <source>Nothing: Herald slows down and sends the message again.</source>
        <translation>Tidak perlu tindakan: Herald memperlambat pengiriman dan mengirim pesan itu lagi.</translation>
    </message>
    <message>
        <source>Too many messages to this recipient in a short time (about one every 6 seconds is allowed).</source>
        <translation>Terlalu banyak pesan ke penerima ini dalam waktu singkat (yang diizinkan sekitar satu setiap 6 detik).</translation>
    </message>
    <message>
        <source>Nothing: Herald sends to this recipient a few seconds later and keeps sending to the others.</source>
        <translation>Tidak perlu tindakan: Herald mengirim ke penerima ini beberapa detik kemudian dan terus mengirim ke penerima lain.</translation>
    </message>
    <message>
        <source>The app made too many API calls (app call-rate limit).</source>
        <translation>Aplikasi melakukan terlalu banyak panggilan API (batas laju panggilan aplikasi).</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses sending for a minute and continues more slowly. If it keeps happening, lower the sending rate.</source>
        <translation>Tidak perlu tindakan: Herald menjeda pengiriman selama satu menit lalu melanjutkan lebih lambat. Jika terus terjadi, turunkan laju pengiriman.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account made too many API calls (account rate limit).</source>
        <translation>Akun WhatsApp Business melakukan terlalu banyak panggilan API (batas laju akun).</translation>
    </message>
    <message>
        <source>The business account is in maintenance, for example while its throughput is being upgraded.</source>
        <translation>Akun bisnis sedang dalam pemeliharaan, misalnya saat kapasitas pengirimannya sedang ditingkatkan.</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses for about a minute and tries again.</source>
        <translation>Tidak perlu tindakan: Herald menjeda sekitar satu menit lalu mencoba lagi.</translation>
    </message>
    <message>
        <source>A temporary problem or downtime at Meta.</source>
        <translation>Masalah sementara atau gangguan layanan di Meta.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times with growing pauses.</source>
        <translation>Tidak perlu tindakan: Herald mencoba lagi beberapa kali dengan jeda yang makin lama.</translation>
    </message>
    <message>
        <source>Something went wrong at Meta while sending.</source>
        <translation>Terjadi kesalahan di Meta saat mengirim.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times. If it keeps failing, give Meta support the fbtrace_id.</source>
        <translation>Tidak perlu tindakan: Herald mencoba lagi beberapa kali. Jika terus gagal, berikan fbtrace_id kepada dukungan Meta.</translation>
    </message>
    <message>
        <source>A Meta service is temporarily unavailable.</source>
        <translation>Salah satu layanan Meta untuk sementara tidak tersedia.</translation>
    </message>
    <message>
        <source>The message cannot be delivered: the number is not on WhatsApp, uses an old WhatsApp version, has not accepted the terms, or has blocked this business.</source>
        <translation>Pesan tidak dapat disampaikan: nomor tidak terdaftar di WhatsApp, menggunakan versi WhatsApp lama, belum menyetujui ketentuan, atau telah memblokir bisnis ini.</translation>
    </message>
    <message>
        <source>Check the number with the contact. Resending will fail the same way.</source>
        <translation>Periksa nomor tersebut bersama kontaknya. Mengirim ulang akan gagal dengan cara yang sama.</translation>
    </message>
    <message>
        <source>Meta held back this marketing message: the recipient has had enough marketing messages for now.</source>
        <translation>Meta menahan pesan pemasaran ini: penerima sudah cukup banyak menerima pesan pemasaran untuk saat ini.</translation>
    </message>
    <message>
        <source>Do not resend now; the contact can be included in a later campaign.</source>
        <translation>Jangan kirim ulang sekarang; kontak ini dapat disertakan dalam kampanye berikutnya.</translation>
    </message>
    <message>
        <source>More than 24 hours have passed since the recipient last wrote, so only a template message may be sent.</source>
        <translation>Sudah lebih dari 24 jam sejak penerima terakhir kali menulis pesan, sehingga hanya pesan templat yang boleh dikirim.</translation>
    </message>
    <message>
        <source>Send an approved template instead of a text message.</source>
        <translation>Kirim templat yang disetujui, bukan pesan teks.</translation>
    </message>
    <message>
        <source>A required parameter is missing.</source>
        <translation>Parameter wajib tidak ada.</translation>
    </message>
    <message>
        <source>Check the campaign&apos;s parameter mapping against the template.</source>
        <translation>Periksa pemetaan parameter kampanye terhadap templat.</translation>
    </message>
    <message>
        <source>A parameter value is not valid.</source>
        <translation>Nilai parameter tidak valid.</translation>
    </message>
    <message>
        <source>Check this contact&apos;s values and the campaign&apos;s parameter mapping.</source>
        <translation>Periksa nilai kontak ini dan pemetaan parameter kampanye.</translation>
    </message>
    <message>
        <source>The number of parameters does not match the template&apos;s placeholders.</source>
        <translation>Jumlah parameter tidak sesuai dengan placeholder templat.</translation>
    </message>
    <message>
        <source>Check the parameter mapping: every placeholder needs exactly one value.</source>
        <translation>Periksa pemetaan parameter: setiap placeholder memerlukan tepat satu nilai.</translation>
    </message>
    <message>
        <source>A parameter has the wrong format for the template (for example text where the header expects an image).</source>
        <translation>Format parameter tidak sesuai untuk templat (misalnya teks padahal header memerlukan gambar).</translation>
    </message>
    <message>
        <source>Check the parameter mapping against the template.</source>
        <translation>Periksa pemetaan parameter terhadap templat.</translation>
    </message>
    <message>
        <source>A template parameter has a problem (for example line breaks, tabs or many spaces in a row).</source>
        <translation>Ada masalah pada parameter templat (misalnya baris baru, tab, atau banyak spasi berturut-turut).</translation>
    </message>
    <message>
        <source>Correct this contact&apos;s value and resend.</source>
        <translation>Perbaiki nilai kontak ini lalu kirim ulang.</translation>
    </message>
    <message>
        <source>The request has an invalid parameter.</source>
        <translation>Permintaan berisi parameter yang tidak valid.</translation>
    </message>
    <message>
        <source>Read the details: often a wrong field, ID or value.</source>
        <translation>Baca detailnya: sering kali field, ID, atau nilai yang salah.</translation>
    </message>
    <message>
        <source>Meta rejected the request with a generic user error.</source>
        <translation>Meta menolak permintaan dengan kesalahan pengguna umum.</translation>
    </message>
    <message>
        <source>Read the details; if it repeats, give Meta support the fbtrace_id.</source>
        <translation>Baca detailnya; jika terulang, berikan fbtrace_id kepada dukungan Meta.</translation>
    </message>
    <message>
        <source>The recipient is the sending business number itself.</source>
        <translation>Penerima adalah nomor bisnis pengirim itu sendiri.</translation>
    </message>
    <message>
        <source>Remove the business&apos;s own number from the contact list.</source>
        <translation>Hapus nomor milik bisnis sendiri dari daftar kontak.</translation>
    </message>
    <message>
        <source>The recipient&apos;s number takes part in a Meta experiment and gets no marketing messages.</source>
        <translation>Nomor penerima ikut dalam eksperimen Meta dan tidak menerima pesan pemasaran.</translation>
    </message>
    <message>
        <source>Nothing can be done; the contact may be reached in a later campaign.</source>
        <translation>Tidak ada yang dapat dilakukan; kontak ini mungkin dapat dijangkau dalam kampanye berikutnya.</translation>
    </message>
    <message>
        <source>The header media could not be uploaded or downloaded (wrong link, unsupported type or size).</source>
        <translation>Media header tidak dapat diunggah atau diunduh (tautan salah, jenis atau ukuran tidak didukung).</translation>
    </message>
    <message>
        <source>Check that the media link opens from the internet and the file type fits the template.</source>
        <translation>Pastikan tautan media dapat dibuka dari internet dan jenis filenya sesuai dengan templat.</translation>
    </message>
    <message>
        <source>The recipient stopped marketing messages from this business.</source>
        <translation>Penerima telah menghentikan pesan pemasaran dari bisnis ini.</translation>
    </message>
    <message>
        <source>Nothing: Herald added the number to the opt-out list and will not message it again.</source>
        <translation>Tidak perlu tindakan: Herald telah menambahkan nomor ini ke daftar opt-out dan tidak akan mengirim pesan ke nomor ini lagi.</translation>
    </message>
    <message>
        <source>Meta paused the template because of low quality.</source>
        <translation>Meta menjeda templat karena kualitasnya rendah.</translation>
    </message>
    <message>
        <source>The campaign is paused. Improve the template or wait until Meta unpauses it, then resume.</source>
        <translation>Kampanye dijeda. Perbaiki templat atau tunggu hingga Meta mengaktifkannya kembali, lalu lanjutkan.</translation>
    </message>
    <message>
        <source>The template was paused too often and is now permanently disabled.</source>
        <translation>Templat terlalu sering dijeda dan kini dinonaktifkan secara permanen.</translation>
    </message>
    <message>
        <source>The campaign stopped. Create a new template and use it in a new campaign.</source>
        <translation>Kampanye dihentikan. Buat templat baru dan gunakan dalam kampanye baru.</translation>
    </message>
    <message>
        <source>The template does not exist in this language or is not approved.</source>
        <translation>Templat tidak tersedia dalam bahasa ini atau belum disetujui.</translation>
    </message>
    <message>
        <source>The campaign stopped. Check the template&apos;s name, language and status in WhatsApp Manager, then sync templates.</source>
        <translation>Kampanye dihentikan. Periksa nama, bahasa, dan status templat di WhatsApp Manager, lalu sinkronkan templat.</translation>
    </message>
    <message>
        <source>Meta limits this number because too many recipients blocked or reported its messages (spam rate limit).</source>
        <translation>Meta membatasi nomor ini karena terlalu banyak penerima memblokir atau melaporkan pesannya (batas laju spam).</translation>
    </message>
    <message>
        <source>The campaign stopped, because sending more makes it worse. Check the number&apos;s quality rating in WhatsApp Manager before sending again.</source>
        <translation>Kampanye dihentikan, karena mengirim lebih banyak akan memperburuk keadaan. Periksa peringkat kualitas nomor di WhatsApp Manager sebelum mengirim lagi.</translation>
    </message>
    <message>
        <source>The access token has expired or is not valid.</source>
        <translation>Token akses telah kedaluwarsa atau tidak valid.</translation>
    </message>
    <message>
        <source>Sending stopped. Enter a new access token in the settings, then resume.</source>
        <translation>Pengiriman dihentikan. Masukkan token akses baru di pengaturan, lalu lanjutkan.</translation>
    </message>
    <message>
        <source>Meta could not authenticate the request (the access token was refused).</source>
        <translation>Meta tidak dapat mengautentikasi permintaan (token akses ditolak).</translation>
    </message>
    <message>
        <source>The account is temporarily blocked for policy violations.</source>
        <translation>Akun diblokir sementara karena pelanggaran kebijakan.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager.</source>
        <translation>Pengiriman dihentikan. Periksa Kualitas Akun di Meta Business Manager.</translation>
    </message>
    <message>
        <source>The business account is locked or restricted.</source>
        <translation>Akun bisnis dikunci atau dibatasi.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager and contact Meta support.</source>
        <translation>Pengiriman dihentikan. Periksa Kualitas Akun di Meta Business Manager dan hubungi dukungan Meta.</translation>
    </message>
    <message>
        <source>The app is not allowed to use this API (missing capability).</source>
        <translation>Aplikasi tidak diizinkan menggunakan API ini (kemampuan tidak tersedia).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the app&apos;s WhatsApp product setup in Meta&apos;s developer portal.</source>
        <translation>Pengiriman dihentikan. Periksa pengaturan produk WhatsApp aplikasi di portal pengembang Meta.</translation>
    </message>
    <message>
        <source>Permission denied: the token lacks a permission or the phone number is not in this account.</source>
        <translation>Izin ditolak: token tidak memiliki izin tertentu atau nomor telepon tidak ada di akun ini.</translation>
    </message>
    <message>
        <source>Sending stopped. Give the token whatsapp_business_messaging permission and check the phone number ID.</source>
        <translation>Pengiriman dihentikan. Berikan izin whatsapp_business_messaging pada token dan periksa ID nomor telepon.</translation>
    </message>
    <message>
        <source>Permission denied for this API call.</source>
        <translation>Izin ditolak untuk panggilan API ini.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions in Meta&apos;s developer portal.</source>
        <translation>Pengiriman dihentikan. Periksa izin token di portal pengembang Meta.</translation>
    </message>
    <message>
        <source>Access denied to the phone number.</source>
        <translation>Akses ke nomor telepon ditolak.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions and the phone number ID.</source>
        <translation>Pengiriman dihentikan. Periksa izin token dan ID nomor telepon.</translation>
    </message>
    <message>
        <source>The business phone number is not registered with the Cloud API.</source>
        <translation>Nomor telepon bisnis tidak terdaftar di Cloud API.</translation>
    </message>
    <message>
        <source>Sending stopped. Register the phone number in WhatsApp Manager.</source>
        <translation>Pengiriman dihentikan. Daftarkan nomor telepon di WhatsApp Manager.</translation>
    </message>
    <message>
        <source>There is a problem with the account&apos;s payment method.</source>
        <translation>Ada masalah dengan metode pembayaran akun.</translation>
    </message>
    <message>
        <source>Sending stopped. Fix the payment method in Meta Business Manager.</source>
        <translation>Pengiriman dihentikan. Perbaiki metode pembayaran di Meta Business Manager.</translation>
    </message>
    <message>
        <source>Meta returned an error Herald does not know.</source>
        <translation>Meta mengembalikan kesalahan yang tidak dikenal Herald.</translation>
    </message>
    <message>
        <source>Read the details; if they are unclear, give Meta support the code and fbtrace_id. The message can be resent later.</source>
        <translation>Baca detailnya; jika kurang jelas, berikan kode dan fbtrace_id kepada dukungan Meta. Pesan dapat dikirim ulang nanti.</translation>
    </message>
    <message>
        <source>The server had a temporary problem (HTTP 5xx) and did not take the message.</source>
        <translation>Server mengalami masalah sementara (HTTP 5xx) dan tidak menerima pesan.</translation>
    </message>
    <message>
        <source>The server asked Herald to send more slowly (HTTP 429).</source>
        <translation>Server meminta Herald mengirim lebih lambat (HTTP 429).</translation>
    </message>
    <message>
        <source>The server refused the credentials (HTTP 401).</source>
        <translation>Server menolak kredensial (HTTP 401).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the access token and any proxy in between, then resume.</source>
        <translation>Pengiriman dihentikan. Periksa token akses dan proxy yang ada di antaranya, lalu lanjutkan.</translation>
    </message>
    <message>
        <source>The server answered with an unexpected HTTP status and no Graph API error, so it is probably not the Graph API (a proxy, or a wrong base URL, version or phone number ID).</source>
        <translation>Server menjawab dengan status HTTP yang tidak terduga tanpa kesalahan Graph API, jadi kemungkinan besar itu bukan Graph API (proxy, atau URL dasar, versi, atau ID nomor telepon yang salah).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the base URL, API version, phone number ID and proxy settings, then resume.</source>
        <translation>Pengiriman dihentikan. Periksa URL dasar, versi API, ID nomor telepon, dan pengaturan proxy, lalu lanjutkan.</translation>
    </message>
    <message>
        <source>The request could not be sent (connection refused, or the server was not found).</source>
        <translation>Permintaan tidak dapat dikirim (koneksi ditolak, atau server tidak ditemukan).</translation>
    </message>
    <message>
        <source>Check the internet connection and proxy; Herald tries again with growing pauses.</source>
        <translation>Periksa koneksi internet dan proxy; Herald mencoba lagi dengan jeda yang makin lama.</translation>
    </message>
    <message>
        <source>No secure connection could be made: the server&apos;s certificate was not accepted (an authority this computer does not trust, another host name, or expired).</source>
        <translation>Koneksi aman tidak dapat dibuat: sertifikat server tidak diterima (otoritas yang tidak dipercaya komputer ini, nama host lain, atau kedaluwarsa).</translation>
    </message>
    <message>
        <source>Sending stopped. If your network inspects secure connections, set the CA certificate file (api.ca_file) to its certificate authority; otherwise check the API base URL and this computer&apos;s clock, then resume.</source>
        <translation>Pengiriman dihentikan. Jika jaringan Anda memeriksa koneksi aman, atur file sertifikat CA (api.ca_file) ke otoritas sertifikatnya; jika tidak, periksa URL dasar API dan jam komputer ini, lalu lanjutkan.</translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so Meta may or may not have accepted the message.</source>
        <translation>Permintaan telah dikirim tetapi tidak ada jawaban, jadi belum pasti apakah Meta menerima pesan itu.</translation>
    </message>
    <message>
        <source>Resend it only if the recipient did not get it: the API cannot tell, and resending may deliver it twice.</source>
        <translation>Kirim ulang hanya jika penerima tidak mendapatkannya: API tidak dapat memastikannya, dan pengiriman ulang dapat menyampaikannya dua kali.</translation>
    </message>
    <message>
        <source>The server reported success but its answer had no message ID, so the message cannot be tracked.</source>
        <translation>Server melaporkan berhasil tetapi jawabannya tidak berisi ID pesan, sehingga pesan tidak dapat dilacak.</translation>
    </message>
    <message>
        <source>The message was probably accepted. Resend it only if the recipient did not get it.</source>
        <translation>Pesan kemungkinan besar telah diterima. Kirim ulang hanya jika penerima tidak mendapatkannya.</translation>
    </message>
    <message>
        <source>Herald did not send the message because its content breaks one of Meta&apos;s rules.</source>
        <translation>Herald tidak mengirim pesan karena isinya melanggar salah satu aturan Meta.</translation>
    </message>
    <message>
        <source>Read the details, correct the contact&apos;s values or the mapping, and resend.</source>
        <translation>Baca detailnya, perbaiki nilai kontak atau pemetaannya, lalu kirim ulang.</translation>
    </message>
    <message>
        <source>The sender ended (closed, crashed or lost its connection) while the message was on its way, so Meta may or may not have accepted it.</source>
        <translation>Pengirim berakhir (ditutup, mogok, atau kehilangan koneksi) saat pesan sedang dikirim, jadi belum pasti apakah Meta menerimanya.</translation>
    </message>
    <message>
        <source>The number was added to the opt-out list after it was queued, so Herald did not send to it.</source>
        <translation>Nomor ini ditambahkan ke daftar opt-out setelah masuk antrean, sehingga Herald tidak mengirim ke nomor ini.</translation>
    </message>
    <message>
        <source>Nothing: opted-out numbers are never messaged or resent. Remove the number from the opt-out list only if the contact asked for messages again.</source>
        <translation>Tidak perlu tindakan: nomor yang memilih opt-out tidak pernah dikirimi pesan atau dikirimi ulang. Hapus nomor dari daftar opt-out hanya jika kontak meminta pesan lagi.</translation>
    </message>
    <message>
        <source>Sending failed several times in a row with temporary errors.</source>
        <translation>Pengiriman gagal beberapa kali berturut-turut karena kesalahan sementara.</translation>
    </message>
    <message>
        <source>Resend later; the details show the last error.</source>
        <translation>Kirim ulang nanti; detailnya menunjukkan kesalahan terakhir.</translation>
    </message>
</context>
<context>
    <name>ExitCodes</name>
    <message>
        <source>success</source>
        <translation>berhasil</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>kesalahan tak terduga</translation>
    </message>
    <message>
        <source>usage error: unknown command or option, missing or malformed value</source>
        <translation>kesalahan penggunaan: perintah atau opsi tidak dikenal, nilai tidak ada atau salah bentuk</translation>
    </message>
    <message>
        <source>the database cannot be reached or opened</source>
        <translation>basis data tidak dapat dijangkau atau dibuka</translation>
    </message>
    <message>
        <source>schema problem: missing objects, not initialised, or newer than this program</source>
        <translation>masalah skema: objek hilang, belum diinisialisasi, atau lebih baru dari program ini</translation>
    </message>
    <message>
        <source>not found: no campaign with that name</source>
        <translation>tidak ditemukan: tidak ada kampanye dengan nama tersebut</translation>
    </message>
    <message>
        <source>refused: illegal status change, nothing to resend, name already taken</source>
        <translation>ditolak: perubahan status tidak sah, tidak ada yang dikirim ulang, nama sudah dipakai</translation>
    </message>
    <message>
        <source>bad file: an input that is not CSV, unreadable or has no phone column (nothing imported), or an output that cannot be written</source>
        <translation>file bermasalah: input yang bukan CSV, tidak terbaca atau tanpa kolom telepon (tidak ada yang diimpor), atau output yang tidak dapat ditulis</translation>
    </message>
    <message>
        <source>sending paused (Ctrl+C, error threshold, or template paused by Meta); resume to go on</source>
        <translation>pengiriman dijeda (Ctrl+C, ambang kesalahan, atau templat dijeda oleh Meta); lanjutkan untuk meneruskan</translation>
    </message>
    <message>
        <source>the campaign was stopped: every further message would fail the same way</source>
        <translation>kampanye dihentikan: setiap pesan berikutnya akan gagal dengan cara yang sama</translation>
    </message>
    <message>
        <source>the campaign was cancelled while sending</source>
        <translation>kampanye dibatalkan saat mengirim</translation>
    </message>
    <message>
        <source>sending stopped: the access token, account or connection is unusable</source>
        <translation>pengiriman dihentikan: token akses, akun, atau koneksi tidak dapat digunakan</translation>
    </message>
    <message>
        <source>Exit codes:</source>
        <translation>Kode keluar:</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>The campaign (by name) to export.</source>
        <translation>Kampanye (berdasarkan nama) yang diekspor.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>The CSV file to write.</source>
        <translation>File CSV yang ditulis.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Writes no UTF-8 byte order mark (Excel then misreads accents).</source>
        <translation>Tidak menulis byte order mark UTF-8 (Excel lalu salah membaca huruf beraksen).</translation>
    </message>
    <message>
        <source>Field delimiter (default ,; use ; for Excel in much of Europe).</source>
        <translation>Pemisah kolom (bawaan ,; gunakan ; untuk Excel di sebagian besar Eropa).</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>Writes every recipient&apos;s result (status, wamid, error) of a campaign as CSV.</source>
        <translation>Menulis hasil setiap penerima (status, wamid, kesalahan) suatu kampanye sebagai CSV.</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter menerima satu karakter (atau &apos;tab&apos;), bukan &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Exported %1 rows of campaign &quot;%2&quot; to %3.</source>
        <translation>%1 baris kampanye &quot;%2&quot; diekspor ke %3.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/dtk</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 j %2 mnt</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 j</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 hr %2 j</translation>
    </message>
</context>
<context>
    <name>HealthText</name>
    <message>
        <source>Not checked</source>
        <translation>Belum diperiksa</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Tidak terbaca</translation>
    </message>
    <message>
        <source>%1 people/24 h</source>
        <translation>%1 orang/24 jam</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>tanpa batas</translation>
    </message>
    <message>
        <source>Not checked yet: Check health in Settings ▸ Phone numbers or herald-cli numbers health asks Meta, and a campaign&apos;s start asks about its number.</source>
        <translation>Belum diperiksa: &quot;Periksa kondisi&quot; di Pengaturan ▸ Nomor telepon atau herald-cli numbers health bertanya ke Meta, dan memulai kampanye menanyakan nomornya.</translation>
    </message>
    <message>
        <source>%1 (%2), throughput %3.</source>
        <translation>%1 (%2), throughput %3.</translation>
    </message>
    <message>
        <source>Checked %1.</source>
        <translation>Diperiksa %1.</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>The campaign (by name) to queue the contacts in.</source>
        <translation>Kampanye (berdasarkan nama) tempat kontak dimasukkan ke antrean.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE.</source>
        <translation>Negara untuk nomor yang ditulis tanpa kode negara, misalnya DE.</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Field delimiter (default: detected among , ; tab |). &apos;tab&apos; for tab.</source>
        <translation>Pemisah kolom (bawaan: dideteksi di antara , ; tab |). &apos;tab&apos; untuk tab.</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>utf-8, utf-16le, utf-16be or windows-1252 (default: detected).</source>
        <translation>utf-8, utf-16le, utf-16be atau windows-1252 (bawaan: dideteksi).</translation>
    </message>
    <message>
        <source>The phone column by header name or 1-based number (default: detected).</source>
        <translation>Kolom telepon berdasarkan nama judul atau nomor mulai dari 1 (bawaan: dideteksi).</translation>
    </message>
    <message>
        <source>column</source>
        <translation>kolom</translation>
    </message>
    <message>
        <source>Maps a template parameter to a column, e.g. --param body.1=&quot;First Name&quot;. Repeatable. A row without a value for a mapped parameter is rejected.</source>
        <translation>Memetakan parameter templat ke kolom, misalnya --param body.1=&quot;First Name&quot;. Dapat diulang. Baris tanpa nilai untuk parameter yang dipetakan ditolak.</translation>
    </message>
    <message>
        <source>key=column</source>
        <translation>kunci=kolom</translation>
    </message>
    <message>
        <source>Rejects numbers that cannot be mobile (landlines).</source>
        <translation>Menolak nomor yang tidak mungkin nomor seluler (telepon rumah).</translation>
    </message>
    <message>
        <source>Does everything, reports, and then saves nothing.</source>
        <translation>Menjalankan semuanya, melaporkan, lalu tidak menyimpan apa pun.</translation>
    </message>
    <message>
        <source>Where to write the rows not imported (default: FILE.rejects.csv beside it).</source>
        <translation>Tempat menulis baris yang tidak diimpor (bawaan: FILE.rejects.csv di sebelahnya).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Frequency cap: leaves out numbers another campaign sent to in the last N days.</source>
        <translation>Batas frekuensi: mengecualikan nomor yang dikirimi kampanye lain dalam N hari terakhir.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Imports a CSV contact file into a campaign, reporting every row not imported.</source>
        <translation>Mengimpor file kontak CSV ke dalam kampanye, melaporkan setiap baris yang tidak diimpor.</translation>
    </message>
    <message>
        <source>The CSV file (Excel, Google Contacts, Outlook, CRM exports).</source>
        <translation>File CSV (ekspor Excel, Google Contacts, Outlook, CRM).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>missing FILE: the contact file to import</source>
        <translation>FILE tidak ada: file kontak yang akan diimpor</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter menerima satu karakter (atau &apos;tab&apos;), bukan &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown encoding &quot;%1&quot;: use utf-8, utf-16le, utf-16be or windows-1252</source>
        <translation>encoding &quot;%1&quot; tidak dikenal: gunakan utf-8, utf-16le, utf-16be atau windows-1252</translation>
    </message>
    <message>
        <source>--param takes key=column, e.g. body.1=&quot;First Name&quot;, not &quot;%1&quot;</source>
        <translation>--param menerima kunci=kolom, misalnya body.1=&quot;First Name&quot;, bukan &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--skip-recent-days takes a number of days from 1 to 3650, not &quot;%1&quot;</source>
        <translation>--skip-recent-days menerima jumlah hari dari 1 sampai 3650, bukan &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Tidak ada yang diimpor.</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>Imported %1 of %2 rows from %3.</source>
        <translation>%1 dari %2 baris dari %3 telah diimpor.</translation>
    </message>
    <message>
        <source>Dry run: %1 of %2 rows from %3 would be imported; nothing was saved.</source>
        <translation>Uji coba: %1 dari %2 baris dari %3 akan diimpor; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Import of %1 cancelled after %2 rows; nothing was saved.</source>
        <translation>Impor %1 dibatalkan setelah %2 baris; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Tidak ada yang diimpor.</translation>
    </message>
    <message>
        <source>File: %1.</source>
        <translation>File: %1.</translation>
    </message>
    <message>
        <source>Phone column: %1 (%2).</source>
        <translation>Kolom telepon: %1 (%2).</translation>
    </message>
    <message>
        <source>Contact name from: %1.</source>
        <translation>Nama kontak dari: %1.</translation>
    </message>
    <message>
        <source>Duplicates in the file: %1; already in the campaign: %2; opted out: %3; rejected: %4.</source>
        <translation>Duplikat dalam file: %1; sudah ada dalam kampanye: %2; opt-out: %3; ditolak: %4.</translation>
    </message>
    <message numerus="yes">
        <source>Messaged by a campaign in the last %n day(s), left out: %1.</source>
        <translation>
            <numerusform>Sudah dikirimi pesan oleh kampanye dalam %n hari terakhir, tidak disertakan: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row not imported is listed with its line and reason in %1.</source>
        <translation>Setiap baris yang tidak diimpor tercantum beserta baris dan alasannya di %1.</translation>
    </message>
    <message>
        <source>Took %1 ms.</source>
        <translation>Memakan waktu %1 md.</translation>
    </message>
</context>
<context>
    <name>ImportWriter</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>Kampanye &quot;%1&quot; berstatus %2: buat kampanye baru untuk kontak-kontak ini.</translation>
    </message>
</context>
<context>
    <name>InboundWriter</name>
    <message>
        <source>replied &quot;%1&quot; (delivery tracking)</source>
        <translation>membalas “%1” (pelacakan pengiriman)</translation>
    </message>
</context>
<context>
    <name>InitCommand</name>
    <message>
        <source>Creates the database schema or upgrades it to this version (safe to repeat).</source>
        <translation>Membuat skema basis data atau meningkatkannya ke versi ini (aman diulang).</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this program understands (up to %3): install a newer Herald; nothing was changed</source>
        <translation>basis data %1 memiliki skema versi %2, lebih baru dari yang dipahami program ini (sampai %3): pasang Herald yang lebih baru; tidak ada yang diubah</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Basis data: %1</translation>
    </message>
    <message numerus="yes">
        <source>Schema version %1 (%n migration(s) applied).</source>
        <translation>
            <numerusform>Skema versi %1 (%n migrasi diterapkan).</numerusform>
        </translation>
    </message>
    <message>
        <source>Schema version %1, already up to date.</source>
        <translation>Skema versi %1, sudah mutakhir.</translation>
    </message>
    <message>
        <source>the schema is at version %1 but still has problems that init does not repair:</source>
        <translation>skema berada di versi %1 tetapi masih memiliki masalah yang tidak diperbaiki oleh init:</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>System default</source>
        <translation>Bawaan sistem</translation>
    </message>
</context>
<context>
    <name>MessageBuilder</name>
    <message>
        <source>%1: the text is empty; Meta rejects empty parameters.</source>
        <translation>%1: teks kosong; Meta menolak parameter kosong.</translation>
    </message>
    <message>
        <source>%1: the text has %2 characters; at most %3 are allowed.</source>
        <translation>%1: teks memiliki %2 karakter; maksimal %3 yang diizinkan.</translation>
    </message>
    <message>
        <source>%1: the text contains a line break, a tab or more than 4 spaces in a row, which Meta does not accept in template parameters.</source>
        <translation>%1: teks berisi baris baru, tab, atau lebih dari 4 spasi berturut-turut, yang tidak diterima Meta dalam parameter templat.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a currency parameter.</source>
        <translation>%1: header tidak dapat menerima parameter mata uang.</translation>
    </message>
    <message>
        <source>%1: the currency needs a fallback value (the text shown as is).</source>
        <translation>%1: mata uang memerlukan nilai cadangan (teks yang ditampilkan apa adanya).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an ISO 4217 currency code such as EUR or USD.</source>
        <translation>%1: &quot;%2&quot; bukan kode mata uang ISO 4217 seperti EUR atau USD.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a date_time parameter.</source>
        <translation>%1: header tidak dapat menerima parameter date_time.</translation>
    </message>
    <message>
        <source>%1: the date_time needs a fallback value (the text shown as is).</source>
        <translation>%1: date_time memerlukan nilai cadangan (teks yang ditampilkan apa adanya).</translation>
    </message>
    <message>
        <source>%1: media (%2) can only be sent in the header.</source>
        <translation>%1: media (%2) hanya dapat dikirim di header.</translation>
    </message>
    <message>
        <source>%1: give either a media id or a link, not both and not neither.</source>
        <translation>%1: berikan ID media atau tautan, salah satu saja, dan keduanya tidak boleh kosong.</translation>
    </message>
    <message>
        <source>%1: the media link must start with https:// or http://.</source>
        <translation>%1: tautan media harus diawali dengan https:// atau http://.</translation>
    </message>
    <message>
        <source>%1: unknown parameter type.</source>
        <translation>%1: jenis parameter tidak dikenal.</translation>
    </message>
    <message>
        <source>%1: the index %2 is outside 0..9.</source>
        <translation>%1: indeks %2 berada di luar 0..9.</translation>
    </message>
    <message>
        <source>%1: a quick_reply button needs a payload.</source>
        <translation>%1: tombol quick_reply memerlukan payload.</translation>
    </message>
    <message>
        <source>%1: a url button needs the text appended to the template&apos;s URL.</source>
        <translation>%1: tombol url memerlukan teks yang ditambahkan ke URL templat.</translation>
    </message>
    <message>
        <source>The recipient &quot;%1&quot; is not an international number (E.164: country code and number, 7 to 15 digits).</source>
        <translation>Penerima &quot;%1&quot; bukan nomor internasional (E.164: kode negara dan nomor, 7 hingga 15 digit).</translation>
    </message>
    <message>
        <source>The template name &quot;%1&quot; is not valid: Meta uses lowercase letters, digits and underscores, at most 512 characters.</source>
        <translation>Nama templat &quot;%1&quot; tidak valid: Meta menggunakan huruf kecil, angka, dan garis bawah, maksimal 512 karakter.</translation>
    </message>
    <message>
        <source>The language code &quot;%1&quot; is not valid; use the template&apos;s code, such as en_US or de.</source>
        <translation>Kode bahasa &quot;%1&quot; tidak valid; gunakan kode templat, seperti en_US atau de.</translation>
    </message>
    <message>
        <source>The header takes one parameter, but %1 were given.</source>
        <translation>Header menerima satu parameter, tetapi %1 diberikan.</translation>
    </message>
    <message>
        <source>%1: a parameter name may contain only lowercase letters, digits and underscores.</source>
        <translation>%1: nama parameter hanya boleh berisi huruf kecil, angka, dan garis bawah.</translation>
    </message>
    <message>
        <source>Named and positional parameters are mixed; a template uses one kind only.</source>
        <translation>Parameter bernama dan parameter posisi tercampur; satu templat hanya menggunakan satu jenis.</translation>
    </message>
    <message>
        <source>%1: two buttons have the same index.</source>
        <translation>%1: dua tombol memiliki indeks yang sama.</translation>
    </message>
    <message>
        <source>The text message is empty.</source>
        <translation>Pesan teks kosong.</translation>
    </message>
    <message>
        <source>The text message has %1 characters; at most %2 are allowed.</source>
        <translation>Pesan teks memiliki %1 karakter; maksimal %2 yang diizinkan.</translation>
    </message>
    <message>
        <source>The callback data has %1 characters; Meta accepts at most %2.</source>
        <translation>Data callback memiliki %1 karakter; Meta menerima maksimal %2.</translation>
    </message>
</context>
<context>
    <name>MigrateCommand</name>
    <message>
        <source>The SQLite database to move (only read).</source>
        <translation>Basis data SQLite yang dipindahkan (hanya dibaca).</translation>
    </message>
    <message>
        <source>The empty PostgreSQL database to move it into.</source>
        <translation>Basis data PostgreSQL kosong tujuan pemindahan.</translation>
    </message>
    <message>
        <source>Moves a SQLite database into an empty PostgreSQL database for a team, in one transaction, and checks the copy.</source>
        <translation>Memindahkan basis data SQLite ke basis data PostgreSQL yang kosong untuk tim, dalam satu transaksi, lalu memeriksa salinannya.</translation>
    </message>
    <message>
        <source>migrate needs --%1</source>
        <translation>migrate memerlukan --%1</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabel</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>Moved %1 into %2: %3 rows in %4 ms, in one transaction.</source>
        <translation>%1 dipindahkan ke %2: %3 baris dalam %4 md, dalam satu transaksi.</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Penghitung setiap kampanye sama dengan hitungan ulang barisnya.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Penghitung berbeda dari hitungan ulang pada: %1</translation>
    </message>
    <message>
        <source>These differed in %1 already; herald-cli repair on the new database corrects them: %2</source>
        <translation>Ini sudah berbeda di %1; herald-cli repair pada basis data baru memperbaikinya: %2</translation>
    </message>
    <message>
        <source>%1 was left as it was. Point consoles and workers at the new database (--db or HERALD_DB), and stop using the file.</source>
        <translation>%1 dibiarkan seperti semula. Arahkan konsol dan worker ke basis data baru (--db atau HERALD_DB), dan berhenti memakai berkas itu.</translation>
    </message>
    <message>
        <source>The copy in %1 did not pass its check.</source>
        <translation>Salinan di %1 tidak lolos pemeriksaannya.</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>no price</source>
        <translation>tanpa harga</translation>
    </message>
    <message>
        <source>&quot;%1&quot; uses a comma: write prices with a decimal point, e.g. 0.0250</source>
        <translation>&quot;%1&quot; menggunakan koma: tulis harga dengan titik desimal, mis. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price: digits and one decimal point only, e.g. 0.0250</source>
        <translation>&quot;%1&quot; bukan harga: hanya angka dan satu titik desimal, mis. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than %2 decimals</source>
        <translation>&quot;%1&quot; memiliki lebih dari %2 desimal</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large a price</source>
        <translation>&quot;%1&quot; adalah harga yang terlalu besar</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price</source>
        <translation>&quot;%1&quot; bukan harga</translation>
    </message>
</context>
<context>
    <name>MoveToPostgres</name>
    <message>
        <source>The tables %1 refer to each other in a circle: no order copies them.</source>
        <translation>Tabel %1 saling merujuk secara melingkar: tidak ada urutan yang dapat menyalinnya.</translation>
    </message>
    <message>
        <source>Copying table %1 failed in the %2 rows from %3 on: %4</source>
        <translation>Penyalinan tabel %1 gagal pada %2 baris mulai dari %3: %4</translation>
    </message>
    <message>
        <source>The target must be a PostgreSQL database (postgresql://…), not %1.</source>
        <translation>Tujuan harus basis data PostgreSQL (postgresql://…), bukan %1.</translation>
    </message>
    <message>
        <source>The source must be a SQLite file, not %1.</source>
        <translation>Sumber harus berkas SQLite, bukan %1.</translation>
    </message>
    <message>
        <source>There is no SQLite database at %1.</source>
        <translation>Tidak ada basis data SQLite di %1.</translation>
    </message>
    <message>
        <source>No temporary folder for the snapshot of %1: %2</source>
        <translation>Tidak ada folder sementara untuk snapshot %1: %2</translation>
    </message>
    <message>
        <source>%1 is sending from %2: stop it first, or it would go on writing to the file after the copy.</source>
        <translation>%1 sedang mengirim dari %2: hentikan dulu, atau ia akan terus menulis ke berkas setelah penyalinan.</translation>
    </message>
    <message>
        <source>Table %1 of %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>Tabel %1 dari %2 tidak punya tempat dalam skema PostgreSQL: tidak ada yang dipindahkan.</translation>
    </message>
    <message>
        <source>%1 is not empty: %2. Move into a new, empty database.</source>
        <translation>%1 tidak kosong: %2. Pindahkan ke basis data baru yang kosong.</translation>
    </message>
    <message>
        <source>Column %1 of table %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>Kolom %1 dari tabel %2 tidak punya tempat dalam skema PostgreSQL: tidak ada yang dipindahkan.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows read but %3 in PostgreSQL; nothing was moved.</source>
        <translation>Tabel %1: %2 baris dibaca tetapi %3 di PostgreSQL; tidak ada yang dipindahkan.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows in %3 but %4 read; nothing was moved.</source>
        <translation>Tabel %1: %2 baris di %3 tetapi %4 dibaca; tidak ada yang dipindahkan.</translation>
    </message>
    <message>
        <source>Table %1 of the snapshot cannot be read: %2</source>
        <translation>Tabel %1 dari snapshot tidak dapat dibaca: %2</translation>
    </message>
</context>
<context>
    <name>NewCampaignWizard</name>
    <message>
        <source>No access token is set: add it in Settings.</source>
        <translation>Token akses belum ditetapkan: tambahkan di Pengaturan.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Kolom %1</translation>
    </message>
</context>
<context>
    <name>NumberHealth</name>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>jawabannya bukan objek JSON</translation>
    </message>
    <message>
        <source>the answer has no quality rating, messaging limit or status</source>
        <translation>jawabannya tidak memuat peringkat kualitas, batas pesan, maupun status</translation>
    </message>
</context>
<context>
    <name>NumberHealthStore</name>
    <message>
        <source>The health of phone number %1 could not be read from Meta, so its quality rating and messaging limit were not checked: %2</source>
        <translation>Kondisi nomor telepon %1 tidak dapat dibaca dari Meta, sehingga peringkat kualitas dan batas pesannya tidak diperiksa: %2</translation>
    </message>
    <message>
        <source>Phone number %1 has a %2 quality rating: recipients have been blocking or reporting its messages. Sending more marketing now can lower its messaging limit or get it restricted.</source>
        <translation>Nomor telepon %1 memiliki peringkat kualitas %2: penerima telah memblokir atau melaporkan pesannya. Mengirim lebih banyak pemasaran sekarang dapat menurunkan batas pesannya atau membuatnya dibatasi.</translation>
    </message>
    <message>
        <source>low (RED)</source>
        <translation>rendah (RED)</translation>
    </message>
    <message>
        <source>medium (YELLOW)</source>
        <translation>sedang (YELLOW)</translation>
    </message>
    <message>
        <source>Meta reports phone number %1 as %2, not CONNECTED: messages from it may be refused.</source>
        <translation>Meta melaporkan nomor telepon %1 sebagai %2, bukan CONNECTED: pesan darinya mungkin ditolak.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; would reach %2 people not messaged in the last 24 hours, but the messaging limit (%3: %4 people per 24 hours, for the whole business) leaves about %5 today (%6 already reached). Meta refuses the messages past the limit; send the rest tomorrow, or split the campaign.</source>
        <translation>&quot;%1&quot; akan menjangkau %2 orang yang tidak dikirimi pesan dalam 24 jam terakhir, tetapi batas pesan (%3: %4 orang per 24 jam, untuk seluruh bisnis) menyisakan sekitar %5 hari ini (%6 sudah dijangkau). Meta menolak pesan di atas batas; kirim sisanya besok, atau bagi kampanyenya.</translation>
    </message>
</context>
<context>
    <name>NumberPool</name>
    <message>
        <source>%1 is named twice in the pool.</source>
        <translation>%1 disebut dua kali dalam kumpulan.</translation>
    </message>
    <message>
        <source>A pool has at least two phone numbers; for one, give the campaign its phone number ID.</source>
        <translation>Kumpulan berisi sedikitnya dua nomor telepon; untuk satu nomor, berikan ID nomor telepon pada kampanye.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Tidak ada kampanye dengan id %1.</translation>
    </message>
    <message>
        <source>The phone numbers of a campaign are chosen before it sends; this one has started.</source>
        <translation>Nomor telepon kampanye dipilih sebelum mengirim; kampanye ini sudah dimulai.</translation>
    </message>
    <message>
        <source>This campaign sends from one phone number: nothing to move.</source>
        <translation>Kampanye ini mengirim dari satu nomor telepon: tidak ada yang dipindahkan.</translation>
    </message>
    <message>
        <source>%1 is still in the pool: only a number taken out of it gives its recipients away.</source>
        <translation>%1 masih dalam kumpulan: hanya nomor yang dikeluarkan yang menyerahkan penerimanya.</translation>
    </message>
    <message>
        <source>%1 is not one of this campaign&apos;s numbers.</source>
        <translation>%1 bukan salah satu nomor kampanye ini.</translation>
    </message>
    <message>
        <source>Every number of the pool is out: there is no number to move the recipients to.</source>
        <translation>Semua nomor kumpulan sudah dikeluarkan: tidak ada nomor untuk memindahkan penerima.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A campaign sends from at least one phone number.</source>
        <translation>Kampanye mengirim dari setidaknya satu nomor telepon.</translation>
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
        <translation>Nama untuk nomor tersebut (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>teks</translation>
    </message>
    <message>
        <source>The phone number ID (Meta&apos;s numeric ID, not the number).</source>
        <translation>ID nomor telepon (ID numerik dari Meta, bukan nomornya).</translation>
    </message>
    <message>
        <source>[ID]</source>
        <translation>[ID]</translation>
    </message>
    <message>
        <source>numbers %1 needs a phone number ID</source>
        <translation>numbers %1 memerlukan ID nomor telepon</translation>
    </message>
    <message>
        <source>Added %1: at most %2 messages per second.</source>
        <translation>%1 ditambahkan: paling banyak %2 pesan per detik.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 messages per second.</source>
        <translation>%1 diubah: paling banyak %2 pesan per detik.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 dihapus.</translation>
    </message>
    <message>
        <source>%1 was not listed.</source>
        <translation>%1 tidak ada dalam daftar.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Ceiling/s</source>
        <translation>Batas/dtk</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ditambahkan</translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s) listed.</source>
        <translation>
            <numerusform>%n nomor telepon terdaftar.</numerusform>
        </translation>
    </message>
    <message>
        <source>The default number (api.phone_number_id) is %1%2.</source>
        <translation>Nomor bawaan (api.phone_number_id) adalah %1%2.</translation>
    </message>
    <message>
        <source>, marked *</source>
        <translation>, bertanda *</translation>
    </message>
    <message>
        <source>A number not listed sends at api.rate_ceiling: %1 messages per second.</source>
        <translation>Nomor yang tidak terdaftar mengirim sesuai api.rate_ceiling: %1 pesan per detik.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number (add; default: api.rate_ceiling).</source>
        <translation>Pesan per detik paling banyak dari nomor ini (add; bawaan: api.rate_ceiling).</translation>
    </message>
    <message>
        <source>Adds, removes or lists the account&apos;s phone numbers and each one&apos;s ceiling, and checks their health with Meta.</source>
        <translation>Menambah, menghapus, atau menampilkan nomor telepon akun dan batas masing-masing, serta memeriksa kondisinya ke Meta.</translation>
    </message>
    <message>
        <source>add ID, remove ID, list, or health.</source>
        <translation>add ID, remove ID, list, atau health.</translation>
    </message>
    <message>
        <source>add|remove|list|health</source>
        <translation>add|remove|list|health</translation>
    </message>
    <message>
        <source>numbers needs an action: add, remove, list or health</source>
        <translation>numbers memerlukan tindakan: add, remove, list, atau health</translation>
    </message>
    <message>
        <source>unknown numbers action &quot;%1&quot;: use add, remove, list or health</source>
        <translation>tindakan numbers tidak dikenal &quot;%1&quot;: gunakan add, remove, list, atau health</translation>
    </message>
    <message>
        <source>No phone number to check: add one with herald-cli numbers add ID, or set api.phone_number_id.</source>
        <translation>Tidak ada nomor telepon untuk diperiksa: tambahkan dengan herald-cli numbers add ID, atau atur api.phone_number_id.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Kualitas</translation>
    </message>
    <message>
        <source>Messaging limit</source>
        <translation>Batas pesan</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Throughput</translation>
    </message>
    <message>
        <source>(not read)</source>
        <translation>(tidak terbaca)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Peringatan: %1</translation>
    </message>
</context>
<context>
    <name>OptOutCommand</name>
    <message>
        <source>Why the number opted out (add).</source>
        <translation>Alasan nomor memilih opt-out (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>teks</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE (add, import, remove).</source>
        <translation>Negara untuk nomor yang ditulis tanpa kode negara, misalnya DE (add, import, remove).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>How many to list (default 100).</source>
        <translation>Berapa banyak yang dicantumkan (bawaan 100).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>How many to skip when listing (default 0).</source>
        <translation>Berapa banyak yang dilewati saat mencantumkan (bawaan 0).</translation>
    </message>
    <message>
        <source>Where to write the rows not added (import; default FILE.rejects.csv).</source>
        <translation>Tempat menulis baris yang tidak ditambahkan (import; bawaan FILE.rejects.csv).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Adds, removes, imports or lists phones that must never be messaged.</source>
        <translation>Menambahkan, menghapus, mengimpor, atau mencantumkan nomor telepon yang tidak boleh dikirimi pesan.</translation>
    </message>
    <message>
        <source>add PHONE, remove PHONE, import FILE, or list.</source>
        <translation>add PHONE, remove PHONE, import FILE, atau list.</translation>
    </message>
    <message>
        <source>add|remove|import|list</source>
        <translation>add|remove|import|list</translation>
    </message>
    <message>
        <source>The phone number or file.</source>
        <translation>Nomor telepon atau file.</translation>
    </message>
    <message>
        <source>[PHONE|FILE]</source>
        <translation>[PHONE|FILE]</translation>
    </message>
    <message>
        <source>optout %1 needs %2</source>
        <translation>optout %1 memerlukan %2</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>nomor telepon</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 kini ada di daftar opt-out.</translation>
    </message>
    <message>
        <source>%1 was already on the opt-out list.</source>
        <translation>%1 sudah ada di daftar opt-out.</translation>
    </message>
    <message>
        <source>%1 was removed from the opt-out list.</source>
        <translation>%1 dihapus dari daftar opt-out.</translation>
    </message>
    <message>
        <source>%1 was not on the opt-out list.</source>
        <translation>%1 tidak ada di daftar opt-out.</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>Nothing was added.</source>
        <translation>Tidak ada yang ditambahkan.</translation>
    </message>
    <message>
        <source>Added %1 of %2 rows from %3 to the opt-out list; %4 were already on it; %5 rejected.</source>
        <translation>%1 dari %2 baris dari %3 ditambahkan ke daftar opt-out; %4 sudah ada di dalamnya; %5 ditolak.</translation>
    </message>
    <message>
        <source>The rows not added are listed with line and reason in %1.</source>
        <translation>Baris yang tidak ditambahkan dicantumkan beserta baris dan alasannya di %1.</translation>
    </message>
    <message>
        <source>--limit and --offset take whole numbers of 0 or more</source>
        <translation>--limit dan --offset menerima bilangan bulat 0 atau lebih</translation>
    </message>
    <message>
        <source>%1 phones on the opt-out list.</source>
        <translation>%1 nomor telepon di daftar opt-out.</translation>
    </message>
    <message>
        <source>optout needs an action: add, remove, import or list</source>
        <translation>optout memerlukan tindakan: add, remove, import atau list</translation>
    </message>
    <message>
        <source>unknown optout action &quot;%1&quot;: use add, remove, import or list</source>
        <translation>tindakan optout &quot;%1&quot; tidak dikenal: gunakan add, remove, import atau list</translation>
    </message>
</context>
<context>
    <name>OptOutImportText</name>
    <message>
        <source>line %1: %2</source>
        <translation>baris %1: %2</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Ditolak: %1</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Tidak ada yang ditambahkan: %1</translation>
    </message>
    <message>
        <source>Rows read from %1: %2. Added to the opt-out list: %3. Already on it: %4. Rejected: %5.</source>
        <translation>Baris yang dibaca dari %1: %2. Ditambahkan ke daftar opt-out: %3. Sudah ada: %4. Ditolak: %5.</translation>
    </message>
    <message>
        <source>Numbers were read from the column “%1”.</source>
        <translation>Nomor dibaca dari kolom “%1”.</translation>
    </message>
    <message>
        <source>Every rejected row is listed in %1.</source>
        <translation>Setiap baris yang ditolak tercantum di %1.</translation>
    </message>
</context>
<context>
    <name>OptOutStore</name>
    <message>
        <source>%1: no column holds phone numbers.</source>
        <translation>%1: tidak ada kolom yang berisi nomor telepon.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>kolom %1</translation>
    </message>
    <message>
        <source>imported from %1</source>
        <translation>diimpor dari %1</translation>
    </message>
    <message>
        <source>line</source>
        <translation>baris</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>alasan</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>penjelasan</translation>
    </message>
    <message>
        <source>row</source>
        <translation>isi baris</translation>
    </message>
</context>
<context>
    <name>ParameterMapping</name>
    <message>
        <source>No value for %1.</source>
        <translation>Tidak ada nilai untuk %1.</translation>
    </message>
    <message>
        <source>%1: a currency needs amount_1000 as a whole number (the amount × 1000).</source>
        <translation>%1: mata uang memerlukan amount_1000 sebagai bilangan bulat (jumlah × 1000).</translation>
    </message>
    <message>
        <source>%1: unknown value type &quot;%2&quot; (use text, currency or date_time).</source>
        <translation>%1: jenis nilai &quot;%2&quot; tidak dikenal (gunakan text, currency, atau date_time).</translation>
    </message>
    <message>
        <source>%1: a list is not a parameter value.</source>
        <translation>%1: daftar bukan nilai parameter.</translation>
    </message>
    <message>
        <source>%1: a media value needs an id or a link.</source>
        <translation>%1: nilai media memerlukan ID atau tautan.</translation>
    </message>
    <message>
        <source>%1: a button takes a plain text value.</source>
        <translation>%1: tombol menerima nilai teks biasa.</translation>
    </message>
</context>
<context>
    <name>PhoneColumnDetector</name>
    <message>
        <source>column %1</source>
        <translation>kolom %1</translation>
    </message>
    <message>
        <source>column %1 “%2”</source>
        <translation>kolom %1 “%2”</translation>
    </message>
    <message>
        <source>there is no column %1: the file has %2 columns</source>
        <translation>tidak ada kolom %1: file memiliki %2 kolom</translation>
    </message>
    <message>
        <source>there is no column named “%1”: the file has no header row, so choose the column by its number (1 to %2)</source>
        <translation>tidak ada kolom bernama “%1”: file tidak memiliki baris judul, jadi pilih kolom berdasarkan nomornya (1 sampai %2)</translation>
    </message>
    <message>
        <source>there is no column named “%1”; the columns are %2</source>
        <translation>tidak ada kolom bernama “%1”; kolom yang ada adalah %2</translation>
    </message>
    <message>
        <source>%1, as chosen</source>
        <translation>%1, sesuai pilihan</translation>
    </message>
    <message>
        <source>%1, recognised by its name</source>
        <translation>%1, dikenali dari namanya</translation>
    </message>
    <message>
        <source>%1, where %2 of %3 sampled values look like phone numbers</source>
        <translation>%1, dengan %2 dari %3 nilai sampel tampak seperti nomor telepon</translation>
    </message>
    <message>
        <source>no column looks like it holds phone numbers; choose the phone column by its name or number</source>
        <translation>tidak ada kolom yang tampak berisi nomor telepon; pilih kolom telepon berdasarkan nama atau nomornya</translation>
    </message>
</context>
<context>
    <name>PhoneNormalizer</name>
    <message>
        <source>%1 is a tel: link with parameters after its number (an extension such as ;ext=12, a phone-context, …): only the number itself can receive WhatsApp messages, so write it without them</source>
        <translation>%1 adalah tautan tel: dengan parameter setelah nomornya (ekstensi seperti ;ext=12, phone-context, …): hanya nomornya sendiri yang dapat menerima pesan WhatsApp, jadi tulis tanpa parameter tersebut</translation>
    </message>
    <message>
        <source>%1 has decimal places: the phone number was stored as a number rather than as text, so a leading 0 or + may have been lost. Format the phone column as Text (or export the file again from its original source), then import it again</source>
        <translation>%1 memiliki angka desimal: nomor telepon disimpan sebagai angka, bukan teks, sehingga 0 atau + di depan mungkin hilang. Format kolom telepon sebagai Teks (atau ekspor ulang file dari sumber aslinya), lalu impor lagi</translation>
    </message>
    <message>
        <source>the phone number is empty</source>
        <translation>nomor telepon kosong</translation>
    </message>
    <message>
        <source>%1 is in scientific notation: the spreadsheet stored the phone number as a number and shows it rounded, so its last digits are lost and cannot be recovered. Format the phone column as Text before pasting or importing the numbers (or export the file again from its original source), then import it again</source>
        <translation>%1 ditulis dalam notasi ilmiah: spreadsheet menyimpan nomor telepon sebagai angka dan menampilkannya dibulatkan, sehingga digit terakhirnya hilang dan tidak dapat dipulihkan. Format kolom telepon sebagai Teks sebelum menempelkan atau mengimpor nomor (atau ekspor ulang file dari sumber aslinya), lalu impor lagi</translation>
    </message>
    <message>
        <source>%1 contains letters: a phone number may hold only digits, a leading + and separators such as spaces, dashes, dots and parentheses (extensions, labels and vanity numbers cannot receive WhatsApp messages)</source>
        <translation>%1 berisi huruf: nomor telepon hanya boleh berisi angka, + di depan, dan pemisah seperti spasi, tanda hubung, titik, dan tanda kurung (ekstensi, label, dan nomor cantik tidak dapat menerima pesan WhatsApp)</translation>
    </message>
    <message>
        <source>%1 contains characters that do not belong in a phone number: only digits, a leading + and spaces, dashes, dots, slashes and parentheses are allowed</source>
        <translation>%1 berisi karakter yang bukan bagian dari nomor telepon: hanya angka, + di depan, serta spasi, tanda hubung, titik, garis miring, dan tanda kurung yang diizinkan</translation>
    </message>
    <message>
        <source>%1 has a + that is not at the start: + may only stand before the country code, and a cell may hold only one number</source>
        <translation>%1 memiliki + yang tidak berada di awal: + hanya boleh berada di depan kode negara, dan satu sel hanya boleh berisi satu nomor</translation>
    </message>
    <message>
        <source>%1 has no digits</source>
        <translation>%1 tidak memiliki angka</translation>
    </message>
    <message>
        <source>%1 has %2 digits, far more than any phone number (at most 15)</source>
        <translation>%1 memiliki %2 digit, jauh lebih banyak daripada nomor telepon mana pun (maksimal 15)</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix (+ or 00) and country code: the number itself is missing</source>
        <translation>%1 berakhir tepat setelah awalan internasional (+ atau 00) dan kode negara: nomornya sendiri tidak ada</translation>
    </message>
    <message>
        <source>%1 can be read two ways: with 00 as the international prefix it is %2, with the international dialling prefix of %3 it is %4; write it with + instead of the prefix to say which one is meant</source>
        <translation>%1 dapat dibaca dengan dua cara: dengan 00 sebagai awalan internasional nomornya %2, dengan awalan panggilan internasional %3 nomornya %4; tulis dengan + sebagai ganti awalan untuk menyatakan mana yang dimaksud</translation>
    </message>
    <message>
        <source>%1 has no country code and no default region is set: write it in international form, with + or 00 and the country code (+49 30 1234567 or 0049 30 1234567), or choose the region its national numbers belong to</source>
        <translation>%1 tidak memiliki kode negara dan wilayah bawaan belum ditetapkan: tulis dalam bentuk internasional, dengan + atau 00 dan kode negara (+49 30 1234567 atau 0049 30 1234567), atau pilih wilayah tempat nomor nasionalnya berasal</translation>
    </message>
    <message>
        <source>%1 has no country code, and the default region %2 is not a region code libphonenumber knows, so it cannot be read as a national number</source>
        <translation>%1 tidak memiliki kode negara, dan wilayah bawaan %2 bukan kode wilayah yang dikenal libphonenumber, sehingga tidak dapat dibaca sebagai nomor nasional</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use after its + or 00</source>
        <translation>%1 tidak diawali dengan kode panggilan negara yang digunakan setelah + atau 00</translation>
    </message>
    <message>
        <source>%1 has too few digits to be a phone number</source>
        <translation>%1 memiliki terlalu sedikit digit untuk sebuah nomor telepon</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix: the country code and number are missing</source>
        <translation>%1 berakhir tepat setelah awalan internasional: kode negara dan nomornya tidak ada</translation>
    </message>
    <message>
        <source>%1 is too short to be a phone number</source>
        <translation>%1 terlalu pendek untuk sebuah nomor telepon</translation>
    </message>
    <message>
        <source>%1 is too long to be a phone number</source>
        <translation>%1 terlalu panjang untuk sebuah nomor telepon</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use (+%2)</source>
        <translation>%1 tidak diawali dengan kode panggilan negara yang digunakan (+%2)</translation>
    </message>
    <message>
        <source>%1 is too short for a phone number of %2</source>
        <translation>%1 terlalu pendek untuk nomor telepon %2</translation>
    </message>
    <message>
        <source>%1 is too long for a phone number of %2</source>
        <translation>%1 terlalu panjang untuk nomor telepon %2</translation>
    </message>
    <message>
        <source>%1 has a length that phone numbers of %2 never have</source>
        <translation>%1 memiliki panjang yang tidak pernah dimiliki nomor telepon %2</translation>
    </message>
    <message>
        <source>%1 is only a local number of %2: the area code is missing</source>
        <translation>%1 hanyalah nomor lokal %2: kode areanya tidak ada</translation>
    </message>
    <message>
        <source>%1 is not a valid number for %2: its length is possible, but no number there starts like this (unknown area code or mobile prefix)</source>
        <translation>%1 bukan nomor yang valid untuk %2: panjangnya mungkin, tetapi tidak ada nomor di sana yang diawali seperti ini (kode area atau awalan seluler tidak dikenal)</translation>
    </message>
    <message>
        <source>if it is an international number, it lacks its + or 00: %1 would be valid</source>
        <translation>jika ini nomor internasional, nomor ini tidak memiliki + atau 00: %1 akan valid</translation>
    </message>
    <message>
        <source>%1 (%2) is %3, not a mobile number, and only mobile numbers are accepted</source>
        <translation>%1 (%2) adalah %3, bukan nomor seluler, dan hanya nomor seluler yang diterima</translation>
    </message>
    <message>
        <source>The region is empty. %1</source>
        <translation>Wilayah kosong. %1</translation>
    </message>
    <message>
        <source>%1 is a country calling code, not a region; for +%2 write %3. %4</source>
        <translation>%1 adalah kode panggilan negara, bukan wilayah; untuk +%2 tulis %3. %4</translation>
    </message>
    <message>
        <source>%1 is a number, not a region. %2</source>
        <translation>%1 adalah angka, bukan wilayah. %2</translation>
    </message>
    <message>
        <source>%1 is not a two-letter region code. %2</source>
        <translation>%1 bukan kode wilayah dua huruf. %2</translation>
    </message>
    <message>
        <source>%1 is not an ISO 3166 code; the United Kingdom is GB. %2</source>
        <translation>%1 bukan kode ISO 3166; kode Britania Raya adalah GB. %2</translation>
    </message>
    <message>
        <source>%1 is not a region code libphonenumber has numbering data for. %2</source>
        <translation>%1 bukan kode wilayah yang memiliki data penomoran di libphonenumber. %2</translation>
    </message>
    <message>
        <source>Write the region as its two-letter ISO 3166-1 country code, for example DE (Germany), GB (United Kingdom), US, BR, IN, ID, MX or ES; upper or lower case. It is the country assumed for numbers written without + or 00 and a country code.</source>
        <translation>Tulis wilayah sebagai kode negara ISO 3166-1 dua huruf, misalnya DE (Jerman), GB (Britania Raya), US, BR, IN, ID, MX, atau ES; huruf besar atau kecil. Ini adalah negara yang diasumsikan untuk nomor yang ditulis tanpa + atau 00 dan kode negara.</translation>
    </message>
    <message>
        <source>a fixed-line number</source>
        <translation>nomor telepon tetap</translation>
    </message>
    <message>
        <source>a mobile number</source>
        <translation>nomor seluler</translation>
    </message>
    <message>
        <source>a fixed-line or mobile number</source>
        <translation>nomor telepon tetap atau seluler</translation>
    </message>
    <message>
        <source>a toll-free number</source>
        <translation>nomor bebas pulsa</translation>
    </message>
    <message>
        <source>a premium-rate number</source>
        <translation>nomor bertarif premium</translation>
    </message>
    <message>
        <source>a shared-cost number</source>
        <translation>nomor berbagi biaya</translation>
    </message>
    <message>
        <source>a VoIP number</source>
        <translation>nomor VoIP</translation>
    </message>
    <message>
        <source>a personal number</source>
        <translation>nomor pribadi</translation>
    </message>
    <message>
        <source>a pager number</source>
        <translation>nomor pager</translation>
    </message>
    <message>
        <source>a company (UAN) number</source>
        <translation>nomor perusahaan (UAN)</translation>
    </message>
    <message>
        <source>a voicemail number</source>
        <translation>nomor kotak suara</translation>
    </message>
    <message>
        <source>a number of unknown type</source>
        <translation>nomor dengan jenis tidak dikenal</translation>
    </message>
</context>
<context>
    <name>PhoneNumberStore</name>
    <message>
        <source>&quot;%1&quot; is not a phone number ID: use the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>&quot;%1&quot; bukan ID nomor telepon: gunakan ID numerik yang ditampilkan di WhatsApp Manager Meta, bukan nomor teleponnya.</translation>
    </message>
    <message>
        <source>A number&apos;s ceiling must be a whole number of messages per second from 1 to %1 (Meta: 80, up to 1,000 for upgraded numbers).</source>
        <translation>Batas sebuah nomor harus bilangan bulat pesan per detik dari 1 sampai %1 (Meta: 80, hingga 1.000 untuk nomor yang ditingkatkan).</translation>
    </message>
    <message>
        <source>A number&apos;s label may have 200 characters at most.</source>
        <translation>Label sebuah nomor paling banyak 200 karakter.</translation>
    </message>
    <message>
        <source>%1 sends campaigns that are not finished: %2. Finish or cancel them first.</source>
        <translation>%1 mengirim kampanye yang belum selesai: %2. Selesaikan atau batalkan dulu.</translation>
    </message>
</context>
<context>
    <name>PurgeCommand</name>
    <message>
        <source>Purge campaigns finished more than this many days ago (default: the setting privacy.retention_days).</source>
        <translation>Bersihkan kampanye yang selesai lebih dari sekian hari lalu (bawaan: pengaturan privacy.retention_days).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Erases the recipient details of campaigns finished longer ago than the retention setting.</source>
        <translation>Menghapus detail penerima dari kampanye yang selesai lebih lama dari pengaturan retensi.</translation>
    </message>
    <message>
        <source>--days: %1</source>
        <translation>--days: %1</translation>
    </message>
    <message>
        <source>--days must be 1 or more: 0 would keep everything.</source>
        <translation>--days harus 1 atau lebih: 0 berarti menyimpan semuanya.</translation>
    </message>
    <message>
        <source>Retention is off (privacy.retention_days is 0): recipient details are kept. Set a number of days with herald-cli config set privacy.retention_days N.</source>
        <translation>Retensi nonaktif (privacy.retention_days bernilai 0): detail penerima disimpan. Atur jumlah hari dengan herald-cli config set privacy.retention_days N.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n kampanye</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the recipient details of %1 in %2 that finished before %3 UTC (%4 days); their counts are unchanged.</source>
        <translation>Detail penerima dari %1 di %2 yang selesai sebelum %3 UTC (%4 hari) telah dihapus; jumlahnya tidak berubah.</translation>
    </message>
</context>
<context>
    <name>QueueEngine</name>
    <message numerus="yes">
        <source>%n message(s) queued again for resending</source>
        <translation>
            <numerusform>%n pesan dimasukkan kembali ke antrean untuk dikirim ulang</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuietHours</name>
    <message>
        <source>The quiet-hours window needs a start and an end written as HH:MM, e.g. 09:00 and 20:00.</source>
        <translation>Rentang jam tenang memerlukan waktu mulai dan selesai yang ditulis sebagai JJ:MM, mis. 09:00 dan 20:00.</translation>
    </message>
    <message>
        <source>The quiet-hours window must end after it starts on the same day (%1–%2 does not); windows across midnight are not supported.</source>
        <translation>Rentang jam tenang harus berakhir setelah dimulai pada hari yang sama (%1–%2 tidak demikian); rentang yang melewati tengah malam tidak didukung.</translation>
    </message>
    <message>
        <source>The time zone &quot;%1&quot; chosen for %2 is unknown; use an IANA name such as America/Chicago.</source>
        <translation>Zona waktu &quot;%1&quot; yang dipilih untuk %2 tidak dikenal; gunakan nama IANA seperti Asia/Jakarta.</translation>
    </message>
    <message>
        <source>The fallback time zone &quot;%1&quot; is unknown.</source>
        <translation>Zona waktu cadangan &quot;%1&quot; tidak dikenal.</translation>
    </message>
</context>
<context>
    <name>RateCard</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, berlaku mulai %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (contoh: bukan harga Meta)</translation>
    </message>
</context>
<context>
    <name>RateCardCommand</name>
    <message>
        <source>a rate card is named by its number (see ratecard list), not &quot;%1&quot;</source>
        <translation>kartu tarif disebut dengan nomornya (lihat ratecard list), bukan &quot;%1&quot;</translation>
    </message>
    <message>
        <source>import: the card&apos;s name (default: the file&apos;s name).</source>
        <translation>import: nama kartu (bawaan: nama file).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>import: the date from which the card&apos;s prices apply, e.g. 2026-10-01.</source>
        <translation>import: tanggal mulai berlakunya harga kartu, misalnya 2026-10-01.</translation>
    </message>
    <message>
        <source>date</source>
        <translation>tanggal</translation>
    </message>
    <message>
        <source>show: the card&apos;s number (default: the card estimates use now).</source>
        <translation>show: nomor kartu (bawaan: kartu yang kini dipakai perkiraan).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>Imports, shows, lists or removes the rate cards cost estimates are priced from.</source>
        <translation>Mengimpor, menampilkan, mencantumkan, atau menghapus kartu tarif yang menjadi dasar harga perkiraan biaya.</translation>
    </message>
    <message>
        <source>import FILE, show, list, or remove ID. The CSV format is in docs/CLI.md.</source>
        <translation>import FILE, show, list, atau remove ID. Format CSV ada di docs/CLI.md.</translation>
    </message>
    <message>
        <source>import|show|list|remove</source>
        <translation>import|show|list|remove</translation>
    </message>
    <message>
        <source>The file (import) or card number (remove).</source>
        <translation>File (import) atau nomor kartu (remove).</translation>
    </message>
    <message>
        <source>[FILE|ID]</source>
        <translation>[FILE|ID]</translation>
    </message>
    <message>
        <source>ratecard %1 needs %2</source>
        <translation>ratecard %1 memerlukan %2</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>a card number</source>
        <translation>nomor kartu</translation>
    </message>
    <message>
        <source>ratecard needs an action: import, show, list or remove</source>
        <translation>ratecard memerlukan tindakan: import, show, list atau remove</translation>
    </message>
    <message>
        <source>unknown ratecard action &quot;%1&quot;: use import, show, list or remove</source>
        <translation>tindakan ratecard &quot;%1&quot; tidak dikenal: gunakan import, show, list atau remove</translation>
    </message>
    <message>
        <source>--effective takes a date as YYYY-MM-DD, not &quot;%1&quot;</source>
        <translation>--effective menerima tanggal sebagai YYYY-MM-DD, bukan &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Nothing was stored.</source>
        <translation>Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Stored rate card %1: %2, %3 markets, %4 countries named, categories %5.</source>
        <translation>Kartu tarif %1 disimpan: %2, %3 pasar, %4 negara disebutkan, kategori %5.</translation>
    </message>
    <message>
        <source>Estimates use card %1 (%2) until this one takes effect.</source>
        <translation>Perkiraan memakai kartu %1 (%2) sampai kartu ini berlaku.</translation>
    </message>
    <message>
        <source>there is no rate card %1 (see ratecard list)</source>
        <translation>tidak ada kartu tarif %1 (lihat ratecard list)</translation>
    </message>
    <message>
        <source>Rate card %1: %2, prices in %3 per delivered template message.</source>
        <translation>Kartu tarif %1: %2, harga dalam %3 per pesan templat yang tersampaikan.</translation>
    </message>
    <message>
        <source>Import Meta&apos;s current card for real estimates: herald-cli ratecard import FILE --effective DATE.</source>
        <translation>Impor kartu terkini dari Meta untuk perkiraan sungguhan: herald-cli ratecard import FILE --effective DATE.</translation>
    </message>
    <message>
        <source>Rate card %1 was removed; estimates made with it keep their figures.</source>
        <translation>Kartu tarif %1 dihapus; perkiraan yang dibuat dengannya tetap menyimpan angkanya.</translation>
    </message>
</context>
<context>
    <name>RateCardCsv</name>
    <message>
        <source>cannot be opened: %1</source>
        <translation>tidak dapat dibuka: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, baris %2: %3</translation>
    </message>
    <message>
        <source>the rate card needs a name</source>
        <translation>kartu tarif memerlukan nama</translation>
    </message>
    <message>
        <source>the rate card needs the date from which its prices apply</source>
        <translation>kartu tarif memerlukan tanggal mulai berlakunya harga</translation>
    </message>
    <message>
        <source>column &quot;%1&quot; is not a category name (letters, digits, spaces, hyphens)</source>
        <translation>kolom &quot;%1&quot; bukan nama kategori (huruf, angka, spasi, tanda hubung)</translation>
    </message>
    <message>
        <source>category %1 has two columns</source>
        <translation>kategori %1 memiliki dua kolom</translation>
    </message>
    <message>
        <source>the header lacks the column(s) %1 (a rate card&apos;s header is market,countries,currency, then one column per category)</source>
        <translation>baris judul tidak memiliki kolom %1 (baris judul kartu tarif adalah market,countries,currency, lalu satu kolom per kategori)</translation>
    </message>
    <message>
        <source>no category columns (e.g. MARKETING, UTILITY, AUTHENTICATION)</source>
        <translation>tidak ada kolom kategori (mis. MARKETING, UTILITY, AUTHENTICATION)</translation>
    </message>
    <message>
        <source>the market has no name</source>
        <translation>pasar tidak memiliki nama</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; is already on line %2</source>
        <translation>pasar &quot;%1&quot; sudah ada di baris %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency code (three letters, e.g. USD)</source>
        <translation>&quot;%1&quot; bukan kode mata uang (tiga huruf, mis. USD)</translation>
    </message>
    <message>
        <source>the currency %1 differs from %2 above: a rate card has one currency</source>
        <translation>mata uang %1 berbeda dari %2 di atas: satu kartu tarif hanya memiliki satu mata uang</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; lists no countries (ISO codes such as DE, or * for every country no other market names)</source>
        <translation>pasar &quot;%1&quot; tidak mencantumkan negara (kode ISO seperti DE, atau * untuk setiap negara yang tidak disebut pasar lain)</translation>
    </message>
    <message>
        <source>only one market may be * (the rest of the world); line %1 is already</source>
        <translation>hanya satu pasar yang boleh berupa * (negara lainnya); baris %1 sudah demikian</translation>
    </message>
    <message>
        <source>* stands alone: it means every country no other market names</source>
        <translation>* harus berdiri sendiri: artinya setiap negara yang tidak disebut pasar lain</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 3166 country code (two letters, e.g. DE; the United Kingdom is GB)</source>
        <translation>&quot;%1&quot; bukan kode negara ISO 3166 (dua huruf, mis. DE; kode Britania Raya adalah GB)</translation>
    </message>
    <message>
        <source>%1 is already in market &quot;%2&quot; (line %3): a country belongs to one market</source>
        <translation>%1 sudah ada di pasar &quot;%2&quot; (baris %3): satu negara hanya termasuk dalam satu pasar</translation>
    </message>
    <message>
        <source>%1 price of &quot;%2&quot;: %3</source>
        <translation>harga %1 dari &quot;%2&quot;: %3</translation>
    </message>
    <message>
        <source>the file has a header but no markets</source>
        <translation>file memiliki baris judul tetapi tidak ada pasar</translation>
    </message>
</context>
<context>
    <name>RateCardStore</name>
    <message>
        <source>Herald example card</source>
        <translation>Kartu contoh Herald</translation>
    </message>
    <message>
        <source>The rate card &quot;%1&quot; was not stored.</source>
        <translation>Kartu tarif &quot;%1&quot; tidak disimpan.</translation>
    </message>
    <message>
        <source>The rate card %1 disappeared while it was read.</source>
        <translation>Kartu tarif %1 hilang saat sedang dibaca.</translation>
    </message>
    <message>
        <source>The example rate card is missing from this build (%1).</source>
        <translation>Kartu tarif contoh tidak ada dalam build ini (%1).</translation>
    </message>
    <message>
        <source>The example rate card is broken: %1</source>
        <translation>Kartu tarif contoh rusak: %1</translation>
    </message>
</context>
<context>
    <name>Repair</name>
    <message>
        <source>reopened by repair: messages were still queued</source>
        <translation>dibuka kembali oleh perbaikan: masih ada pesan dalam antrean</translation>
    </message>
</context>
<context>
    <name>RepairCommand</name>
    <message>
        <source>Checks only the campaign with this name.</source>
        <translation>Hanya memeriksa kampanye dengan nama ini.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>Shows what would be repaired without changing anything.</source>
        <translation>Menampilkan apa yang akan diperbaiki tanpa mengubah apa pun.</translation>
    </message>
    <message>
        <source>Recounts campaign counters from the queue and fixes them and stuck statuses.</source>
        <translation>Menghitung ulang penghitung kampanye dari antrean serta memperbaikinya dan status yang macet.</translation>
    </message>
    <message>
        <source>No campaigns to check.</source>
        <translation>Tidak ada kampanye untuk diperiksa.</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) are consistent; nothing to repair.</source>
        <translation>
            <numerusform>Semua %n kampanye konsisten; tidak ada yang perlu diperbaiki.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n campaign(s) need repair. Dry run: nothing was changed; run without --dry-run to fix them.</source>
        <translation>
            <numerusform>%1 dari %n kampanye perlu diperbaiki. Uji coba: tidak ada yang diubah; jalankan tanpa --dry-run untuk memperbaikinya.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Repaired %1 of %n campaign(s).</source>
        <translation>
            <numerusform>%1 dari %n kampanye diperbaiki.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResendCommand</name>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>Nama kampanye (wajib).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>Which failures to resend (required): an error code such as 131026, &quot;interrupted&quot;, &quot;no response&quot;, or &quot;all&quot;.</source>
        <translation>Kegagalan yang dikirim ulang (wajib): kode kesalahan seperti 131026, &quot;interrupted&quot;, &quot;no response&quot;, atau &quot;all&quot;.</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>alasan</translation>
    </message>
    <message>
        <source>Queues a campaign&apos;s failed messages again, by failure reason.</source>
        <translation>Memasukkan lagi pesan gagal suatu kampanye ke antrean, berdasarkan alasan kegagalan.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages to resend</source>
        <translation>kampanye &quot;%1&quot; tidak memiliki pesan gagal untuk dikirim ulang</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages with reason &quot;%2&quot; to resend</source>
        <translation>kampanye &quot;%1&quot; tidak memiliki pesan gagal dengan alasan &quot;%2&quot; untuk dikirim ulang</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed message(s) of campaign &quot;%1&quot; again.</source>
        <translation>
            <numerusform>%n pesan gagal kampanye &quot;%1&quot; dimasukkan lagi ke antrean.</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign was %1 and is now %2: run &apos;herald-cli resume --campaign &quot;%3&quot;&apos; to send them.</source>
        <translation>Kampanye sebelumnya %1 dan kini %2: jalankan &apos;herald-cli resume --campaign &quot;%3&quot;&apos; untuk mengirimnya.</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>The sender stopped while the message was in flight.</source>
        <translation>Pengirim berhenti saat pesan sedang dikirim.</translation>
    </message>
</context>
<context>
    <name>ResultExporter</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 tidak dapat ditulis: %2</translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <source>The campaign to send (required).</source>
        <translation>Kampanye yang dikirim (wajib).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>Messages per second at most, to lower the phone number&apos;s ceiling for this run (the setting api.rate_ceiling: 80 by default, Meta&apos;s standard, up to 1,000 for upgraded numbers). The sender slows down by itself when Meta says so.</source>
        <translation>Pesan per detik paling banyak, untuk menurunkan batas atas nomor telepon pada proses ini (pengaturan api.rate_ceiling: bawaan 80, standar Meta, sampai 1.000 untuk nomor yang ditingkatkan). Pengirim melambat sendiri bila Meta memintanya.</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>Requests in flight at most (default: enough for the rate at 250 ms).</source>
        <translation>Permintaan yang sedang berjalan paling banyak (bawaan: cukup untuk laju pada 250 ms).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer. Off by default: Meta may have accepted them, so they fail &quot;no response&quot; and wait for an explicit resend. Also set by the campaign setting retry_no_response.</source>
        <translation>Coba ulang pesan yang permintaannya tidak mendapat jawaban. Mati secara bawaan: Meta mungkin sudah menerimanya, jadi pesan gagal &quot;no response&quot; dan menunggu pengiriman ulang yang eksplisit. Juga diatur oleh pengaturan kampanye retry_no_response.</translation>
    </message>
    <message>
        <source>Sends a campaign through the Cloud API until it completes, pauses or stops.</source>
        <translation>Mengirim kampanye melalui Cloud API sampai selesai, dijeda, atau dihentikan.</translation>
    </message>
    <message>
        <source>--rate must be more than 0 and at most 1,000 messages per second</source>
        <translation>--rate harus lebih dari 0 dan paling banyak 1.000 pesan per detik</translation>
    </message>
    <message>
        <source>--concurrency must be from 1 to 2,000</source>
        <translation>--concurrency harus dari 1 sampai 2.000</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:
  %2</source>
        <translation>kampanye &quot;%1&quot; tidak dapat dimulai:
  %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; is no longer scheduled (it is %2 now)</source>
        <translation>kampanye &quot;%1&quot; tidak lagi terjadwal (kini %2)</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time, in %4); waiting to start it then. Ctrl+C leaves it scheduled.</source>
        <translation>Kampanye &quot;%1&quot; dijadwalkan pada %2 UTC (%3 waktu lokal, dalam %4); menunggu untuk memulainya saat itu. Ctrl+C membiarkannya tetap terjadwal.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; stays scheduled for %2 UTC (interrupted while waiting)</source>
        <translation>kampanye &quot;%1&quot; tetap terjadwal pada %2 UTC (terputus saat menunggu)</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>peringatan: %1</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>A schedule needs a valid date and time.</source>
        <translation>Jadwal memerlukan tanggal dan waktu yang valid.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 has already passed (it is %3 now); start it instead.</source>
        <translation>Kampanye &quot;%1&quot;: %2 sudah lewat (sekarang %3); mulai saja kampanyenya.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>Kampanye &quot;%1&quot; tidak memiliki penerima: impor kontak terlebih dahulu.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>Kampanye &quot;%1&quot; tidak memiliki sisa pesan untuk dikirim.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started %2 late: it was due at %3 UTC, when no Herald was running.</source>
        <translation>Kampanye &quot;%1&quot; dimulai terlambat %2: seharusnya dimulai pada %3 UTC, saat tidak ada Herald yang berjalan.</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 dtk</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 mnt</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 j</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 j %2 mnt</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 hr</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 hr %2 j</translation>
    </message>
</context>
<context>
    <name>SendPlanner</name>
    <message>
        <source>Every phone number of the campaign&apos;s pool was taken out: %1. Nothing can be sent until a number is back in it.</source>
        <translation>Semua nomor telepon dalam kumpulan kampanye sudah dikeluarkan: %1. Tidak ada yang dapat dikirim sampai ada nomor yang kembali.</translation>
    </message>
    <message>
        <source>Taken out of the campaign&apos;s pool: %1. Their recipients wait until you move them to the other numbers (herald-cli campaign reassign).</source>
        <translation>Dikeluarkan dari kumpulan kampanye: %1. Penerimanya menunggu sampai Anda memindahkannya ke nomor lain (herald-cli campaign reassign).</translation>
    </message>
    <message>
        <source>%1 messages per second is above the ceiling of %2 for phone number %3 (%4); a run may only lower it.</source>
        <translation>%1 pesan per detik melebihi batas %2 untuk nomor telepon %3 (%4); sebuah proses hanya boleh menurunkannya.</translation>
    </message>
</context>
<context>
    <name>SendSession</name>
    <message>
        <source>sent %1  failed %2  of %3 (%4%)  %5 msg/s  %6 in flight  ETA %7</source>
        <translation>terkirim %1  gagal %2  dari %3 (%4%)  %5 pesan/dtk  %6 sedang berjalan  sisa waktu %7</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1 UTC (%2 local time, in %3).</source>
        <translation>
            <numerusform>Menahan: %Ln penerima di luar jam tenang; rentang berikutnya dibuka pada %1 UTC (%2 waktu lokal, dalam %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Pausing: the requests in flight finish and are recorded (Ctrl+C again to be told again; nothing is lost either way)…</source>
        <translation>Menjeda: permintaan yang sedang berjalan diselesaikan dan dicatat (Ctrl+C lagi untuk diberi tahu lagi; tidak ada yang hilang)…</translation>
    </message>
    <message>
        <source>paused from the command line (Ctrl+C)</source>
        <translation>dijeda dari baris perintah (Ctrl+C)</translation>
    </message>
    <message>
        <source>Sending campaign &quot;%1&quot; to %2 (API %3, up to %4 msg/s).</source>
        <translation>Mengirim kampanye &quot;%1&quot; ke %2 (API %3, sampai %4 pesan/dtk).</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2. This run: %3 sent, %4 failed in %5 s (%6 msg/s). Campaign: %7 sent, %8 failed, %9 pending of %10.</source>
        <translation>Kampanye &quot;%1&quot;: %2. Proses ini: %3 terkirim, %4 gagal dalam %5 dtk (%6 pesan/dtk). Kampanye: %7 terkirim, %8 gagal, %9 tertunda dari %10.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Alasan: %1</translation>
    </message>
</context>
<context>
    <name>SenderPresence</name>
    <message>
        <source>the Herald console</source>
        <translation>konsol Herald</translation>
    </message>
    <message>
        <source>herald-cli run</source>
        <translation>herald-cli run</translation>
    </message>
    <message>
        <source>a Herald worker</source>
        <translation>worker Herald</translation>
    </message>
    <message>
        <source>%1 on %2 (process %3), last heard %4 s ago</source>
        <translation>%1 di %2 (proses %3), terakhir aktif %4 dtk yang lalu</translation>
    </message>
    <message>
        <source>This sender is not registered, so it cannot hold campaign %1.</source>
        <translation>Pengirim ini belum terdaftar, jadi tidak dapat memegang kampanye %1.</translation>
    </message>
</context>
<context>
    <name>SettingKeys</name>
    <message>
        <source>%1 must be a whole number from %2 to %3 (%4).</source>
        <translation>%1 harus berupa bilangan bulat dari %2 sampai %3 (%4).</translation>
    </message>
    <message>
        <source>Graph API base URL</source>
        <translation>URL dasar Graph API</translation>
    </message>
    <message>
        <source>Graph API version</source>
        <translation>Versi Graph API</translation>
    </message>
    <message>
        <source>WhatsApp Business phone number ID</source>
        <translation>ID nomor telepon WhatsApp Business</translation>
    </message>
    <message>
        <source>WhatsApp Business Account ID</source>
        <translation>ID Akun WhatsApp Business</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request</source>
        <translation>Milidetik waktu tunggu untuk setiap permintaan API</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s (a TLS-inspecting proxy&apos;s)</source>
        <translation>Otoritas sertifikat yang dipercaya selain milik sistem (milik proxy yang memeriksa TLS)</translation>
    </message>
    <message>
        <source>Messages per second at most for the phone number, all campaigns together (Meta: 80, up to 1,000 for upgraded numbers)</source>
        <translation>Pesan per detik maksimal untuk nomor telepon, semua kampanye digabung (Meta: 80, hingga 1.000 untuk nomor yang ditingkatkan)</translation>
    </message>
    <message>
        <source>Requests in flight at most; 0 chooses by the rate</source>
        <translation>Permintaan yang sedang berjalan maksimal; 0 memilih berdasarkan laju</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer (Meta may have accepted them)</source>
        <translation>Coba ulang pesan tanpa jawaban (Meta mungkin menerimanya)</translation>
    </message>
    <message>
        <source>Country assumed for numbers written without a country code</source>
        <translation>Negara yang diasumsikan untuk nomor yang ditulis tanpa kode negara</translation>
    </message>
    <message>
        <source>%1 must be the numeric ID shown in Meta&apos;s WhatsApp Manager.</source>
        <translation>%1 harus berupa ID numerik yang ditampilkan di WhatsApp Manager milik Meta.</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>milidetik</translation>
    </message>
    <message>
        <source>messages per second</source>
        <translation>pesan per detik</translation>
    </message>
    <message>
        <source>requests; 0 is automatic</source>
        <translation>permintaan; 0 berarti otomatis</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 harus bernilai true atau false.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a setting Herald knows; known: %2.</source>
        <translation>&quot;%1&quot; bukan pengaturan yang dikenal Herald; yang dikenal: %2.</translation>
    </message>
    <message>
        <source>The stored setting %1 cannot be used: %2</source>
        <translation>Pengaturan tersimpan %1 tidak dapat digunakan: %2</translation>
    </message>
    <message>
        <source>Days to keep the recipient details of finished campaigns; 0 keeps them forever</source>
        <translation>Jumlah hari penyimpanan detail penerima dari kampanye yang selesai; 0 menyimpannya selamanya</translation>
    </message>
    <message>
        <source>days; 0 keeps forever</source>
        <translation>hari; 0 menyimpan selamanya</translation>
    </message>
    <message>
        <source>Replies that put their sender on the opt-out list (comma-separated, any case)</source>
        <translation>Balasan yang memasukkan pengirimnya ke daftar opt-out (dipisahkan koma, huruf besar atau kecil sama saja)</translation>
    </message>
    <message>
        <source>%1 must be a comma-separated list of words, such as STOP, UNSUBSCRIBE.</source>
        <translation>%1 harus berupa daftar kata yang dipisahkan koma, seperti STOP, UNSUBSCRIBE.</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Runs the built-in Cloud API simulator on 127.0.0.1 until Ctrl+C.</source>
        <translation>Menjalankan simulator Cloud API bawaan di 127.0.0.1 sampai Ctrl+C.</translation>
    </message>
    <message>
        <source>the simulator could not start: %1</source>
        <translation>simulator tidak dapat dimulai: %1</translation>
    </message>
    <message>
        <source>Cloud API simulator listening on %1 (%2 server threads).</source>
        <translation>Simulator Cloud API mendengarkan di %1 (%2 thread server).</translation>
    </message>
    <message>
        <source>  API version %1, phone number id %2, WABA id %3</source>
        <translation>  Versi API %1, ID nomor telepon %2, ID WABA %3</translation>
    </message>
    <message>
        <source>  Its access token (a demo value, not a secret): export HERALD_ACCESS_TOKEN=%1</source>
        <translation>  Token aksesnya (nilai demo, bukan rahasia): export HERALD_ACCESS_TOKEN=%1</translation>
    </message>
    <message>
        <source>  Try: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2</source>
        <translation>  Coba: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2</translation>
    </message>
    <message>
        <source>Ctrl+C stops it.</source>
        <translation>Ctrl+C menghentikannya.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 send requests, %3 accepted.</source>
        <translation>Dihentikan. %1 permintaan, %2 permintaan kirim, %3 diterima.</translation>
    </message>
</context>
<context>
    <name>SqliteBackup</name>
    <message>
        <source>Cannot open %1</source>
        <translation>Tidak dapat membuka %1</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>Tidak dapat membuat %1</translation>
    </message>
    <message>
        <source>Cannot start the backup</source>
        <translation>Tidak dapat memulai pencadangan</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Pencadangan gagal: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Tidak dapat menulis %1</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: back it up with pg_dump:
%1</source>
        <translation>Basis data ini PostgreSQL: cadangkan dengan pg_dump:
%1</translation>
    </message>
    <message>
        <source>No file to write the backup to.</source>
        <translation>Tidak ada file untuk menulis cadangan.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>Tidak ada basis data di %1.</translation>
    </message>
    <message>
        <source>%1 is the database itself; choose another file.</source>
        <translation>%1 adalah basis data itu sendiri; pilih file lain.</translation>
    </message>
    <message>
        <source>%1 exists already; choose another name, or --force to replace it.</source>
        <translation>%1 sudah ada; pilih nama lain, atau --force untuk menimpanya.</translation>
    </message>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation>%1 adalah folder; berikan nama file.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Folder %1 tidak ada.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Tidak dapat menulis %1.</translation>
    </message>
</context>
<context>
    <name>SqliteStatement</name>
    <message>
        <source>Direct SQLite access is not available on this connection</source>
        <translation>Akses SQLite langsung tidak tersedia pada koneksi ini</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Perintah basis data gagal: %1
Perintah: %2</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <source>Shows only the campaign with this name.</source>
        <translation>Hanya menampilkan kampanye dengan nama ini.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>Shows campaigns with their sent, failed and pending messages.</source>
        <translation>Menampilkan kampanye beserta pesan terkirim, gagal, dan tertundanya.</translation>
    </message>
    <message>
        <source>No campaigns yet. Create one with: herald-cli campaign create --name NAME --template TEMPLATE --lang LANGUAGE</source>
        <translation>Belum ada kampanye. Buat dengan: herald-cli campaign create --name NAME --template TEMPLATE --lang LANGUAGE</translation>
    </message>
    <message>
        <source>out of the pool since %1 UTC: %2</source>
        <translation>di luar kumpulan sejak %1 UTC: %2</translation>
    </message>
    <message>
        <source>%1 from %2: %3 sent, %4 failed, %5 waiting, %6 msg/s in the last minute</source>
        <translation>%1 dari %2: %3 terkirim, %4 gagal, %5 menunggu, %6 pesan/dtk dalam menit terakhir</translation>
    </message>
</context>
<context>
    <name>SummaryCommand</name>
    <message>
        <source>How many days back, today included (default %1; 0 = all history).</source>
        <translation>Berapa hari ke belakang, termasuk hari ini (bawaan %1; 0 = seluruh riwayat).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>--days needs a whole number of days, 0 or more (got &quot;%1&quot;)</source>
        <translation>--days memerlukan jumlah hari berupa bilangan bulat, 0 atau lebih (diterima &quot;%1&quot;)</translation>
    </message>
    <message numerus="yes">
        <source>No messages sent or failed in the last %n day(s).</source>
        <translation>
            <numerusform>Tidak ada pesan terkirim atau gagal dalam %n hari terakhir.</numerusform>
        </translation>
    </message>
    <message>
        <source>No messages sent or failed yet.</source>
        <translation>Belum ada pesan terkirim atau gagal.</translation>
    </message>
    <message>
        <source>Shows messages sent, failed, delivered and read per day and campaign.</source>
        <translation>Menampilkan pesan terkirim, gagal, tersampaikan, dan dibaca per hari dan kampanye.</translation>
    </message>
</context>
<context>
    <name>SystemKeychain</name>
    <message>
        <source>Access to the keychain was not allowed.</source>
        <translation>Akses ke keychain tidak diizinkan.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>Keychain menolak akses: %1</translation>
    </message>
    <message>
        <source>No keychain is available (%1). On Linux, start GNOME Keyring, KWallet or another Secret Service.</source>
        <translation>Tidak ada keychain yang tersedia (%1). Di Linux, jalankan GNOME Keyring, KWallet, atau Secret Service lainnya.</translation>
    </message>
    <message>
        <source>The keychain could not be used: %1</source>
        <translation>Keychain tidak dapat digunakan: %1</translation>
    </message>
    <message>
        <source>An empty secret is not stored.</source>
        <translation>Rahasia kosong tidak disimpan.</translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>Keychain tidak menjawab dalam %n detik.</numerusform>
        </translation>
    </message>
    <message>
        <source>No keychain can be reached: this session has no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), and Linux keychains (GNOME Keyring, KWallet, KeePassXC) are reached through it.</source>
        <translation>Tidak ada keychain yang dapat dijangkau: sesi ini tidak memiliki D-Bus session bus (DBUS_SESSION_BUS_ADDRESS tidak ditetapkan), dan keychain Linux (GNOME Keyring, KWallet, KeePassXC) dijangkau melaluinya.</translation>
    </message>
</context>
<context>
    <name>TemplatesCommand</name>
    <message>
        <source>check: the campaign whose template and values are checked.</source>
        <translation>check: kampanye yang templat dan nilainya diperiksa.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>sync: templates per request (default %1).</source>
        <translation>sync: templat per permintaan (bawaan %1).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>reads the approved and other templates from Meta and stores them</source>
        <translation>membaca templat yang disetujui dan lainnya dari Meta lalu menyimpannya</translation>
    </message>
    <message>
        <source>shows the stored templates with their variables</source>
        <translation>menampilkan templat tersimpan beserta variabelnya</translation>
    </message>
    <message>
        <source>tells whether a campaign&apos;s template and values allow it to start</source>
        <translation>memberi tahu apakah templat dan nilai kampanye memungkinkan kampanye dimulai</translation>
    </message>
    <message>
        <source>Message templates: %1.</source>
        <translation>Templat pesan: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Yang dilakukan:</translation>
    </message>
    <message>
        <source>templates needs an action: %1</source>
        <translation>templates memerlukan tindakan: %1</translation>
    </message>
    <message>
        <source>unknown templates action &quot;%1&quot; (known: %2)</source>
        <translation>tindakan templates &quot;%1&quot; tidak dikenal (yang dikenal: %2)</translation>
    </message>
    <message>
        <source>--page-size must be a number from 1 to 1000</source>
        <translation>--page-size harus berupa angka dari 1 sampai 1000</translation>
    </message>
    <message>
        <source>%1 templates listed: %2 new, %3 updated, %4 unchanged.</source>
        <translation>%1 templat tercantum: %2 baru, %3 diperbarui, %4 tidak berubah.</translation>
    </message>
    <message>
        <source>Category changed: %1 (%2) %3 -&gt; %4</source>
        <translation>Kategori berubah: %1 (%2) %3 -&gt; %4</translation>
    </message>
    <message>
        <source>No longer listed by Meta (kept): %1</source>
        <translation>Tidak lagi dicantumkan oleh Meta (disimpan): %1</translation>
    </message>
    <message>
        <source>No templates stored yet. Fetch them with: herald-cli templates sync</source>
        <translation>Belum ada templat tersimpan. Ambil dengan: herald-cli templates sync</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>peringatan: %1</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:</source>
        <translation>kampanye &quot;%1&quot; tidak dapat dimulai:</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is ready: template %2 is approved and every variable (%3) has a value for all %4 queued contacts.</source>
        <translation>Kampanye &quot;%1&quot; siap: templat %2 disetujui dan setiap variabel (%3) memiliki nilai untuk semua %4 kontak dalam antrean.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
</context>
<context>
    <name>TokenCommand</name>
    <message>
        <source>Access token (not shown): </source>
        <translation>Token akses (tidak ditampilkan): </translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of the programs that send instead.</source>
        <translation>%1 Sebagai gantinya, tetapkan %2 di lingkungan program yang mengirim.</translation>
    </message>
    <message>
        <source>The access token in the operating system&apos;s keychain (set reads it from standard input, clear, status).</source>
        <translation>Token akses di keychain sistem operasi (set membacanya dari input standar, clear, status).</translation>
    </message>
    <message>
        <source>What to do:
  set - reads the token from standard input and stores it in the keychain
  clear - removes it from the keychain
  status - says where the token of a run would come from (%1 wins over the keychain)
The token is never taken from the command line, printed, or written to a file.</source>
        <translation>Yang dilakukan:
  set - membaca token dari input standar dan menyimpannya di keychain
  clear - menghapusnya dari keychain
  status - menyebutkan dari mana token suatu proses akan diambil (%1 didahulukan atas keychain)
Token tidak pernah diambil dari baris perintah, dicetak, atau ditulis ke file.</translation>
    </message>
    <message>
        <source>token needs an action: set, clear, status</source>
        <translation>token memerlukan tindakan: set, clear, status</translation>
    </message>
    <message>
        <source>unknown token action &quot;%1&quot; (known: set, clear, status)</source>
        <translation>tindakan token &quot;%1&quot; tidak dikenal (yang dikenal: set, clear, status)</translation>
    </message>
    <message>
        <source>no token on standard input: type it when asked, or pipe it in, e.g. &apos;herald-cli token set &lt; token.txt&apos;</source>
        <translation>tidak ada token di input standar: ketikkan saat diminta, atau salurkan, misalnya &apos;herald-cli token set &lt; token.txt&apos;</translation>
    </message>
    <message>
        <source>the token on standard input contains spaces: an access token is one word; nothing was stored</source>
        <translation>token di input standar berisi spasi: token akses adalah satu kata; tidak ada yang disimpan</translation>
    </message>
    <message>
        <source>the token was not stored: %1</source>
        <translation>token tidak disimpan: %1</translation>
    </message>
    <message>
        <source>The access token is stored in the keychain.</source>
        <translation>Token akses disimpan di keychain.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 ditetapkan di lingkungan ini dan didahulukan atas keychain.</translation>
    </message>
    <message>
        <source>the token was not removed: %1</source>
        <translation>token tidak dihapus: %1</translation>
    </message>
    <message>
        <source>No access token is stored in the keychain now.</source>
        <translation>Kini tidak ada token akses yang disimpan di keychain.</translation>
    </message>
    <message>
        <source>Runs use the token in %1 (it wins over the keychain).</source>
        <translation>Proses memakai token di %1 (didahulukan atas keychain).</translation>
    </message>
    <message>
        <source>The keychain holds an access token.</source>
        <translation>Keychain menyimpan token akses.</translation>
    </message>
    <message>
        <source>The keychain holds no access token.</source>
        <translation>Keychain tidak menyimpan token akses.</translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <source>A transaction cannot begin inside another one on %1.</source>
        <translation>Transaksi tidak dapat dimulai di dalam transaksi lain pada %1.</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>Tidak dapat memulai transaksi: %1</translation>
    </message>
    <message>
        <source>a statement failed inside it, so PostgreSQL rolled it back</source>
        <translation>sebuah perintah di dalamnya gagal, sehingga PostgreSQL membatalkannya</translation>
    </message>
    <message>
        <source>Cannot commit a transaction: %1</source>
        <translation>Tidak dapat menyelesaikan (commit) transaksi: %1</translation>
    </message>
</context>
<context>
    <name>TransitionCommand</name>
    <message>
        <source>Pauses a running campaign.</source>
        <translation>Menjeda kampanye yang sedang berjalan.</translation>
    </message>
    <message>
        <source>Sets a campaign running (again) so that senders pick up its messages.</source>
        <translation>Menjalankan kampanye (lagi) agar pengirim mengambil pesannya.</translation>
    </message>
    <message>
        <source>Cancels a campaign for good.</source>
        <translation>Membatalkan kampanye secara permanen.</translation>
    </message>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>Nama kampanye (wajib).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>Why, shown with the campaign&apos;s status (kept for paused and cancelled campaigns; a running campaign shows none).</source>
        <translation>Alasannya, ditampilkan bersama status kampanye (disimpan untuk kampanye yang dijeda dan dibatalkan; kampanye yang berjalan tidak menampilkannya).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>teks</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 → %3.</source>
        <translation>Kampanye &quot;%1&quot;: %2 → %3.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Alasan: %1</translation>
    </message>
</context>
<context>
    <name>WebhookSignature</name>
    <message>
        <source>No app secret is configured (HERALD_APP_SECRET), so no callback can be checked; nothing is accepted.</source>
        <translation>Kunci rahasia aplikasi belum dikonfigurasi (HERALD_APP_SECRET), sehingga tidak ada callback yang dapat diperiksa; tidak ada yang diterima.</translation>
    </message>
    <message>
        <source>The request has no X-Hub-Signature-256 header.</source>
        <translation>Permintaan tidak memiliki header X-Hub-Signature-256.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header is not &quot;sha256=&quot; followed by 64 hex digits.</source>
        <translation>Header X-Hub-Signature-256 bukan &quot;sha256=&quot; yang diikuti 64 digit heksadesimal.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header does not match the body under the configured app secret (a forged or altered request, or another app&apos;s secret).</source>
        <translation>Header X-Hub-Signature-256 tidak cocok dengan isi permintaan menurut kunci rahasia aplikasi yang dikonfigurasi (permintaan palsu atau diubah, atau kunci rahasia aplikasi lain).</translation>
    </message>
</context>
<context>
    <name>WebhooksCommand</name>
    <message>
        <source>no %1: set the environment variable %2 (or store it in the keychain as &quot;%3&quot; of service &quot;%4&quot;); it is never read from the command line, the settings or the database</source>
        <translation>tidak ada %1: tetapkan variabel lingkungan %2 (atau simpan di keychain sebagai &quot;%3&quot; dari layanan &quot;%4&quot;); nilai ini tidak pernah dibaca dari baris perintah, pengaturan, atau basis data</translation>
    </message>
    <message>
        <source>--listen takes ADDRESS:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), not &quot;%1&quot;</source>
        <translation>--listen menerima ADDRESS:PORT (misalnya 127.0.0.1:8080 atau [::1]:8080), bukan &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 tidak dapat dibaca: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 tidak berisi sertifikat PEM</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA or EC)</source>
        <translation>%1 tidak berisi kunci privat PEM yang tidak terenkripsi (RSA atau EC)</translation>
    </message>
    <message>
        <source>serve: the address and port to listen on (default 127.0.0.1:8080, loopback only; give an explicit address such as 0.0.0.0:8080 to expose it).</source>
        <translation>serve: alamat dan port untuk mendengarkan (bawaan 127.0.0.1:8080, hanya loopback; berikan alamat eksplisit seperti 0.0.0.0:8080 untuk membukanya ke jaringan).</translation>
    </message>
    <message>
        <source>address:port</source>
        <translation>alamat:port</translation>
    </message>
    <message>
        <source>serve: a PEM certificate (chain) to speak HTTPS with, with --tls-key.</source>
        <translation>serve: sertifikat PEM (rantai) untuk melayani HTTPS, bersama --tls-key.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <source>serve: the PEM private key of --tls-cert.</source>
        <translation>serve: kunci privat PEM dari --tls-cert.</translation>
    </message>
    <message>
        <source>Receives Meta&apos;s delivery callbacks (serve), or shows whether they arrive (status).</source>
        <translation>Menerima callback pengiriman dari Meta (serve), atau menampilkan apakah callback tersebut masuk (status).</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert dan --tls-key harus digunakan bersama</translation>
    </message>
    <message>
        <source>app secret</source>
        <translation>kunci rahasia aplikasi</translation>
    </message>
    <message>
        <source>webhook verify token</source>
        <translation>token verifikasi webhook</translation>
    </message>
    <message>
        <source>Receiving Meta&apos;s webhook callbacks at %1 (Ctrl+C or SIGTERM stops).</source>
        <translation>Menerima callback webhook dari Meta di %1 (Ctrl+C atau SIGTERM menghentikannya).</translation>
    </message>
    <message>
        <source>herald-cli: webhooks: answered %1 to %2: %3</source>
        <translation>herald-cli: webhooks: menjawab %1 kepada %2: %3</translation>
    </message>
    <message>
        <source>a client that left</source>
        <translation>klien yang sudah terputus</translation>
    </message>
    <message>
        <source>Stopping: no new connections; finishing the requests in flight.</source>
        <translation>Menghentikan: tidak menerima koneksi baru; menyelesaikan permintaan yang sedang berjalan.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 accepted, %3 refused, %4 failed; %5 status callbacks stored.</source>
        <translation>Dihentikan. %1 permintaan, %2 diterima, %3 ditolak, %4 gagal; %5 callback status disimpan.</translation>
    </message>
    <message>
        <source>No webhook callback has arrived yet: delivery is not tracked until &apos;herald-cli webhooks serve&apos; runs and Meta&apos;s callback URL points at it.</source>
        <translation>Belum ada callback webhook yang masuk: pengiriman tidak dilacak sampai &apos;herald-cli webhooks serve&apos; berjalan dan URL callback Meta mengarah ke sana.</translation>
    </message>
    <message>
        <source>Last callback: %1 UTC</source>
        <translation>Callback terakhir: %1 UTC</translation>
    </message>
    <message>
        <source>Business number</source>
        <translation>Nomor bisnis</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Akun</translation>
    </message>
    <message>
        <source>Last callback (UTC)</source>
        <translation>Callback terakhir (UTC)</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Diterapkan</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Ditahan</translation>
    </message>
    <message>
        <source>Parked callbacks waiting for their message: %1</source>
        <translation>Callback yang ditahan menunggu pesannya: %1</translation>
    </message>
    <message>
        <source>Running campaign</source>
        <translation>Kampanye berjalan</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Tersampaikan</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Dibaca</translation>
    </message>
    <message>
        <source>Failed after send</source>
        <translation>Gagal setelah dikirim</translation>
    </message>
    <message>
        <source>What to do:
  serve - runs the receiver at /webhook until SIGTERM or Ctrl+C
  status - the last callback and counts per business number, parked callbacks and the running campaigns&apos; delivered and read
  secret set|clear app-secret|verify-token - stores the secret read from standard input in the keychain, or removes it
serve needs the app secret in %1 and the verify token in %2 (or in the keychain).</source>
        <translation>Yang dilakukan:
  serve - menjalankan penerima webhook di /webhook sampai SIGTERM atau Ctrl+C
  status - callback terakhir dan jumlahnya per nomor bisnis, callback yang ditahan, serta jumlah tersampaikan dan dibaca dari kampanye yang berjalan
  secret set|clear app-secret|verify-token - menyimpan rahasia yang dibaca dari input standar ke keychain, atau menghapusnya
serve memerlukan kunci rahasia aplikasi di %1 dan token verifikasi di %2 (atau di keychain).</translation>
    </message>
    <message>
        <source>webhooks needs an action: serve, status, secret</source>
        <translation>webhooks memerlukan tindakan: serve, status, secret</translation>
    </message>
    <message>
        <source>unknown webhooks action &quot;%1&quot; (known: serve, status, secret)</source>
        <translation>tindakan webhooks &quot;%1&quot; tidak dikenal (yang dikenal: serve, status, secret)</translation>
    </message>
    <message>
        <source>usage: webhooks secret set|clear app-secret|verify-token</source>
        <translation>penggunaan: webhooks secret set|clear app-secret|verify-token</translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of webhooks serve instead.</source>
        <translation>%1 Sebagai gantinya, tetapkan %2 di lingkungan webhooks serve.</translation>
    </message>
    <message>
        <source>the %1 was not removed: %2</source>
        <translation>%1 tidak dihapus: %2</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain now.</source>
        <translation>Kini tidak ada %1 yang disimpan di keychain.</translation>
    </message>
    <message>
        <source>%1 (not shown): </source>
        <translation>%1 (tidak ditampilkan): </translation>
    </message>
    <message>
        <source>no %1 on standard input (one word, typed when asked or piped in, e.g. &apos;herald-cli webhooks secret set %2 &lt; file&apos;); nothing was stored</source>
        <translation>tidak ada %1 di input standar (satu kata, diketik saat diminta atau lewat pipe, mis. &quot;herald-cli webhooks secret set %2 &lt; berkas&quot;); tidak ada yang disimpan</translation>
    </message>
    <message>
        <source>the %1 was not stored: %2</source>
        <translation>%1 tidak disimpan: %2</translation>
    </message>
    <message>
        <source>The %1 is stored in the keychain; webhooks serve reads it there.</source>
        <translation>%1 disimpan di keychain; webhooks serve membacanya dari sana.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 ditetapkan di lingkungan ini dan didahulukan atas keychain.</translation>
    </message>
</context>
<context>
    <name>WizardPreset</name>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (salinan)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (salinan %2)</translation>
    </message>
    <message>
        <source>The column “%1”, as in the campaign “%2”.</source>
        <translation>Kolom “%1”, seperti pada kampanye “%2”.</translation>
    </message>
    <message>
        <source>This file has no column “%1”, which held the numbers in “%2”.</source>
        <translation>File ini tidak memiliki kolom “%1”, yang berisi nomor di “%2”.</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Tidak ada kolom yang tampak berisi nomor telepon: pilih kolom yang berisi nomor.</translation>
    </message>
    <message>
        <source>Choose the column that holds them.</source>
        <translation>Pilih kolom yang berisi nomor tersebut.</translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message>
        <source>How the consoles list this worker (default: the host&apos;s name).</source>
        <translation>Nama worker ini di daftar konsol (bawaan: nama komputer).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nama</translation>
    </message>
    <message>
        <source>A campaign this worker may send, by name; repeat it for several. &quot;all&quot; (the default) takes every campaign, those created later included.</source>
        <translation>Kampanye yang boleh dikirim worker ini, menurut nama; ulangi untuk beberapa. &quot;all&quot; (bawaan) mengambil semua kampanye, termasuk yang dibuat kemudian.</translation>
    </message>
    <message>
        <source>all|name</source>
        <translation>all|nama</translation>
    </message>
    <message>
        <source>Sends every running campaign until stopped, with other workers on the same database; SIGTERM drains and leaves every campaign as it was.</source>
        <translation>Mengirim setiap kampanye yang berjalan sampai dihentikan, bersama worker lain pada basis data yang sama; SIGTERM menuntaskannya dan membiarkan setiap kampanye seperti semula.</translation>
    </message>
    <message>
        <source>--name must be 1 to %1 printable characters</source>
        <translation>--name harus 1 sampai %1 karakter yang dapat dicetak</translation>
    </message>
    <message>
        <source>--campaigns needs a campaign&apos;s name, or all</source>
        <translation>--campaigns memerlukan nama kampanye, atau all</translation>
    </message>
    <message>
        <source>--campaigns all takes every campaign; name no others with it</source>
        <translation>--campaigns all mengambil semua kampanye; jangan sebut kampanye lain bersamanya</translation>
    </message>
</context>
<context>
    <name>herald</name>
    <message>
        <source>The template has a location header, which Herald cannot fill yet.</source>
        <translation>Templat memiliki header lokasi, yang belum dapat diisi Herald.</translation>
    </message>
    <message>
        <source>The template&apos;s header has the unknown format &quot;%1&quot;.</source>
        <translation>Header templat memiliki format tidak dikenal &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The template&apos;s text header has %1 variables; Meta allows one.</source>
        <translation>Header teks templat memiliki %1 variabel; Meta hanya mengizinkan satu.</translation>
    </message>
    <message>
        <source>Button %1 is a copy-code (coupon) button, which Herald cannot fill yet.</source>
        <translation>Tombol %1 adalah tombol salin kode (kupon), yang belum dapat diisi Herald.</translation>
    </message>
    <message>
        <source>%1 is %2 characters long; Herald reads templates with texts of at most %3 characters.</source>
        <translation>%1 sepanjang %2 karakter; Herald membaca templat dengan teks paling banyak %3 karakter.</translation>
    </message>
    <message>
        <source>The template&apos;s header</source>
        <translation>Header templat</translation>
    </message>
    <message>
        <source>The template has %1 buttons; Meta allows at most %2.</source>
        <translation>Templat memiliki %1 tombol; Meta mengizinkan paling banyak %2.</translation>
    </message>
    <message>
        <source>The text of button %1</source>
        <translation>Teks tombol %1</translation>
    </message>
    <message>
        <source>The URL of button %1</source>
        <translation>URL tombol %1</translation>
    </message>
</context>
<context>
    <name>herald::CampaignStore</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Kampanye memerlukan nama.</translation>
    </message>
    <message>
        <source>A campaign needs a template name and a language code (for example en_US).</source>
        <translation>Kampanye memerlukan nama templat dan kode bahasa (misalnya en_US).</translation>
    </message>
    <message>
        <source>A campaign named &quot;%1&quot; already exists.</source>
        <translation>Kampanye bernama &quot;%1&quot; sudah ada.</translation>
    </message>
    <message>
        <source>There is no campaign named &quot;%1&quot;.</source>
        <translation>Tidak ada kampanye bernama &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Tidak ada kampanye dengan ID %1.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2.</source>
        <translation>Kampanye &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>Kampanye &quot;%1&quot; tidak memiliki penerima: impor kontak terlebih dahulu.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>Kampanye &quot;%1&quot; tidak memiliki sisa pesan untuk dikirim.</translation>
    </message>
    <message>
        <source>The rate ceiling must be more than 0 messages per second; leave it empty for the phone number&apos;s own limit.</source>
        <translation>Batas laju harus lebih dari 0 pesan per detik; biarkan kosong untuk memakai batas nomor telepon itu sendiri.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be edited.</source>
        <translation>Kampanye &quot;%1&quot; berstatus %2: hanya draf yang dapat diedit.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be replaced.</source>
        <translation>Kampanye &quot;%1&quot; berstatus %2: hanya draf yang dapat diganti.</translation>
    </message>
    <message>
        <source>A campaign name must be valid Unicode text; this one contains a broken character (an unpaired UTF-16 surrogate).</source>
        <translation>Nama kampanye harus berupa teks Unicode yang valid; nama ini berisi karakter rusak (surrogate UTF-16 tanpa pasangan).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain a NUL character (U+0000).</source>
        <translation>Nama kampanye tidak boleh berisi karakter NUL (U+0000).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain control characters such as line breaks or tabs (found %1).</source>
        <translation>Nama kampanye tidak boleh berisi karakter kontrol seperti baris baru atau tab (ditemukan %1).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain U+FFFD (�): it stands for bytes that were not valid UTF-8, so the name was not what was typed. Type it again in UTF-8.</source>
        <translation>Nama kampanye tidak boleh berisi U+FFFD (�): karakter ini mewakili byte UTF-8 yang tidak valid, jadi nama ini bukan yang diketik. Ketik ulang dalam UTF-8.</translation>
    </message>
    <message>
        <source>A campaign name can have at most %1 characters; this one has %2.</source>
        <translation>Nama kampanye paling banyak %1 karakter; nama ini memiliki %2.</translation>
    </message>
    <message>
        <source>A campaign sends from one phone number or from a pool, not both.</source>
        <translation>Kampanye mengirim dari satu nomor telepon atau dari kumpulan nomor, tidak keduanya.</translation>
    </message>
</context>
<context>
    <name>herald::Database</name>
    <message>
        <source>open the database</source>
        <translation>membuka basis data</translation>
    </message>
    <message>
        <source>SQLite is not available</source>
        <translation>SQLite tidak tersedia</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>driver SQLite Qt (QSQLITE) tidak terpasang</translation>
    </message>
    <message>
        <source>Cannot create the database folder</source>
        <translation>Tidak dapat membuat folder basis data</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Tidak dapat membuka basis data</translation>
    </message>
    <message>
        <source>This file is not a usable Herald database</source>
        <translation>File ini bukan basis data Herald yang dapat digunakan</translation>
    </message>
    <message>
        <source>The database file or its folder is read-only</source>
        <translation>File basis data atau foldernya hanya-baca</translation>
    </message>
    <message>
        <source>Cannot configure the database</source>
        <translation>Tidak dapat mengonfigurasi basis data</translation>
    </message>
    <message>
        <source>PostgreSQL is not available</source>
        <translation>PostgreSQL tidak tersedia</translation>
    </message>
    <message>
        <source>the Qt PostgreSQL driver (QPSQL) is not installed; on Debian/Ubuntu install libqt6sql6-psql</source>
        <translation>driver PostgreSQL Qt (QPSQL) tidak terpasang; di Debian/Ubuntu pasang libqt6sql6-psql</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL</source>
        <translation>Tidak dapat terhubung ke PostgreSQL</translation>
    </message>
    <message>
        <source>Cannot configure the PostgreSQL session</source>
        <translation>Tidak dapat mengonfigurasi sesi PostgreSQL</translation>
    </message>
    <message>
        <source>Refused to %1 on the user-interface thread: the console runs every database statement on its data thread, so that the window never waits.</source>
        <translation>Menolak %1 di thread antarmuka pengguna: konsol menjalankan setiap perintah basis data di thread datanya, agar jendela tidak pernah menunggu.</translation>
    </message>
    <message>
        <source>run a statement</source>
        <translation>menjalankan perintah</translation>
    </message>
    <message>
        <source>Database statement could not be prepared: %1
Statement: %2</source>
        <translation>Perintah basis data tidak dapat disiapkan: %1
Perintah: %2</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Perintah basis data gagal: %1
Perintah: %2</translation>
    </message>
    <message>
        <source>Database statement returned no row: %1</source>
        <translation>Perintah basis data tidak mengembalikan baris: %1</translation>
    </message>
    <message>
        <source>another program holds the database&apos;s write lock</source>
        <translation>program lain memegang kunci tulis basis data</translation>
    </message>
    <message>
        <source>the disk holding the database is full</source>
        <translation>disk tempat basis data penuh</translation>
    </message>
    <message>
        <source>the connection to the database server was lost</source>
        <translation>koneksi ke server basis data terputus</translation>
    </message>
    <message>
        <source>the database failed</source>
        <translation>basis data gagal</translation>
    </message>
    <message>
        <source>the database server is out of memory</source>
        <translation>server basis data kehabisan memori</translation>
    </message>
    <message>
        <source>another transaction conflicted with the sender&apos;s (a deadlock or serialization failure)</source>
        <translation>transaksi lain berbenturan dengan transaksi pengirim (deadlock atau kegagalan serialisasi)</translation>
    </message>
</context>
<context>
    <name>herald::DatabaseConfig</name>
    <message>
        <source>Unsupported database address &quot;%1&quot;: use a file path for SQLite or postgresql://user:password@host:port/database for PostgreSQL.</source>
        <translation>Alamat basis data &quot;%1&quot; tidak didukung: gunakan path file untuk SQLite atau postgresql://user:password@host:port/database untuk PostgreSQL.</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: expected postgresql://user:password@host:port/database.</source>
        <translation>URL PostgreSQL salah bentuk: seharusnya postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database: add /database after host:port.</source>
        <translation>URL PostgreSQL tidak menyebut basis data: tambahkan /database setelah host:port.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no user: write postgresql://user:password@host:port/database.</source>
        <translation>URL PostgreSQL tidak menyebut pengguna: tulis postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL has an option that is not a libpq option name: &quot;%1&quot;.</source>
        <translation>URL PostgreSQL memiliki opsi yang bukan nama opsi libpq: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL option %1 cannot contain &quot;;&quot;.</source>
        <translation>Opsi URL PostgreSQL %1 tidak boleh berisi &quot;;&quot;.</translation>
    </message>
</context>
<context>
    <name>herald::Migrator</name>
    <message>
        <source>Migration %1 is missing from this build</source>
        <translation>Migrasi %1 tidak ada dalam build ini</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3
Statement: %4</source>
        <translation>Migrasi %1 (%2) gagal: %3
Perintah: %4</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this Herald understands (up to %3). Install a newer Herald; nothing was changed.</source>
        <translation>Basis data %1 memiliki skema versi %2, lebih baru daripada yang dipahami Herald ini (hingga %3). Pasang Herald yang lebih baru; tidak ada yang diubah.</translation>
    </message>
</context>
<context>
    <name>herald::NumberHealthCheck</name>
    <message>
        <source>The answer about %1 was larger than %2 bytes; it is not Graph API&apos;s.</source>
        <translation>Jawaban tentang %1 lebih besar dari %2 byte; itu bukan dari Graph API.</translation>
    </message>
    <message>
        <source>Graph API&apos;s answer about %1 cannot be read: %2.</source>
        <translation>Jawaban Graph API tentang %1 tidak dapat dibaca: %2.</translation>
    </message>
    <message>
        <source>Graph API could not be reached at %1: %2</source>
        <translation>Graph API tidak dapat dijangkau di %1: %2</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1).</source>
        <translation>Meta menolak token akses (%1).</translation>
    </message>
    <message>
        <source>Meta did not tell the health of %1 (%2): the token may lack the whatsapp_business_management permission, the ID may belong to another account, or the API version may not offer these fields.</source>
        <translation>Meta tidak memberi tahu kondisi %1 (%2): token mungkin tidak memiliki izin whatsapp_business_management, ID-nya milik akun lain, atau versi API tidak menyediakan kolom ini.</translation>
    </message>
</context>
<context>
    <name>herald::PhoneNumberHealth</name>
    <message>
        <source>Meta rates this number&apos;s quality low (red): a campaign now risks the template being paused and the number&apos;s limit lowered.</source>
        <translation>Meta menilai kualitas nomor ini rendah (merah): kampanye kini berisiko membuat templat dijeda dan batas nomor diturunkan.</translation>
    </message>
    <message>
        <source>Meta rates this number&apos;s quality medium (yellow): watch the blocks and reports of this campaign.</source>
        <translation>Meta menilai kualitas nomor ini sedang (kuning): pantau pemblokiran dan laporan dari kampanye ini.</translation>
    </message>
    <message>
        <source>Meta reports the number as %1: messages may be refused.</source>
        <translation>Meta melaporkan nomor ini sebagai %1: pesan mungkin ditolak.</translation>
    </message>
    <message>
        <source>The account may message %1 different customers in 24 hours (%2), fewer than this campaign&apos;s %3: the rest will fail until the limit renews.</source>
        <translation>Akun ini dapat mengirim pesan ke %1 pelanggan berbeda dalam 24 jam (%2), lebih sedikit daripada %3 pada kampanye ini: sisanya akan gagal hingga batasnya diperbarui.</translation>
    </message>
</context>
<context>
    <name>herald::QueueEngine</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>Kampanye &quot;%1&quot; berstatus %2: buat kampanye baru untuk kontak-kontak ini.</translation>
    </message>
    <message>
        <source>Queueing recipients returned no result.</source>
        <translation>Memasukkan penerima ke antrean tidak memberikan hasil.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Tidak ada kampanye dengan ID %1.</translation>
    </message>
    <message>
        <source>The recipient is on the opt-out list; the message was not sent.</source>
        <translation>Penerima ada dalam daftar opt-out; pesan tidak dikirim.</translation>
    </message>
    <message>
        <source>its lease expired (the sender stopped answering)</source>
        <translation>klaimnya kedaluwarsa (pengirim berhenti merespons)</translation>
    </message>
    <message>
        <source>sender %1 stopped</source>
        <translation>pengirim %1 berhenti</translation>
    </message>
    <message>
        <source>The message was in flight when %1; Meta may or may not have received it. Resend it if it did not arrive.</source>
        <translation>Pesan sedang dikirim ketika %1; belum pasti apakah Meta menerimanya. Kirim ulang jika pesan tidak sampai.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is cancelled: nothing can be resent.</source>
        <translation>Kampanye &quot;%1&quot; dibatalkan: tidak ada yang dapat dikirim ulang.</translation>
    </message>
</context>
<context>
    <name>herald::Reader</name>
    <message>
        <source>&quot;%1&quot; is not a string</source>
        <translation>&quot;%1&quot; bukan string</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters</source>
        <translation>&quot;%1&quot; lebih panjang dari %2 karakter</translation>
    </message>
    <message>
        <source>a status that is not an object</source>
        <translation>status yang bukan objek</translation>
    </message>
    <message>
        <source>a status without a message id</source>
        <translation>status tanpa ID pesan</translation>
    </message>
    <message>
        <source>the status &quot;%1&quot; is none of sent, delivered, read and failed</source>
        <translation>status &quot;%1&quot; bukan salah satu dari sent, delivered, read, dan failed</translation>
    </message>
    <message>
        <source>a status without a valid timestamp (Unix seconds)</source>
        <translation>status tanpa stempel waktu yang valid (detik Unix)</translation>
    </message>
    <message>
        <source>a status containing a NUL character (\u0000)</source>
        <translation>status yang berisi karakter NUL (\u0000)</translation>
    </message>
    <message>
        <source>a message without a sender or an id</source>
        <translation>pesan tanpa pengirim atau ID</translation>
    </message>
    <message>
        <source>a message that is not an object</source>
        <translation>pesan yang bukan objek</translation>
    </message>
</context>
<context>
    <name>herald::SchemaDoctor</name>
    <message>
        <source>version</source>
        <translation>versi</translation>
    </message>
    <message>
        <source>table</source>
        <translation>tabel</translation>
    </message>
    <message>
        <source>column</source>
        <translation>kolom</translation>
    </message>
    <message>
        <source>index</source>
        <translation>indeks</translation>
    </message>
    <message>
        <source>trigger</source>
        <translation>trigger</translation>
    </message>
    <message>
        <source>function</source>
        <translation>fungsi</translation>
    </message>
    <message>
        <source>privilege</source>
        <translation>hak akses</translation>
    </message>
    <message>
        <source>the database has no Herald schema; run herald-cli init</source>
        <translation>basis data tidak memiliki skema Herald; jalankan herald-cli init</translation>
    </message>
    <message>
        <source>schema version %1 is older than this Herald&apos;s %2; run herald-cli init to upgrade</source>
        <translation>skema versi %1 lebih lama daripada versi %2 milik Herald ini; jalankan herald-cli init untuk meningkatkannya</translation>
    </message>
    <message>
        <source>schema version %1 is newer than this Herald&apos;s %2; install a newer Herald</source>
        <translation>skema versi %1 lebih baru daripada versi %2 milik Herald ini; pasang Herald yang lebih baru</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>missing: %1(%2) is needed for %3</source>
        <translation>tidak ada: %1(%2) diperlukan untuk %3</translation>
    </message>
    <message>
        <source>uniqueness</source>
        <translation>keunikan</translation>
    </message>
    <message>
        <source>claiming and counting</source>
        <translation>pengambilan dan penghitungan</translation>
    </message>
    <message>
        <source>missing or disabled: template category changes go unrecorded</source>
        <translation>tidak ada atau dinonaktifkan: perubahan kategori templat tidak tercatat</translation>
    </message>
    <message>
        <source>executable by PUBLIC or an anonymous role; revoke it</source>
        <translation>dapat dieksekusi oleh PUBLIC atau peran anonim; cabut haknya</translation>
    </message>
    <message>
        <source>not executable by the application&apos;s role</source>
        <translation>tidak dapat dieksekusi oleh peran aplikasi</translation>
    </message>
    <message>
        <source>wrong signature: found (%1)</source>
        <translation>signature salah: ditemukan (%1)</translation>
    </message>
</context>
<context>
    <name>herald::SendWorker</name>
    <message>
        <source>The database schema is incomplete; Herald will not send until it is repaired:
%1</source>
        <translation>Skema basis data tidak lengkap; Herald tidak akan mengirim sampai skema diperbaiki:
%1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is already completed.</source>
        <translation>Kampanye &quot;%1&quot; sudah selesai.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is being sent by %2. Herald sends a campaign from one place at a time; it takes over once that sender has been silent for %3 s.</source>
        <translation>Kampanye &quot;%1&quot; sedang dikirim oleh %2. Herald mengirim satu kampanye dari satu tempat pada satu waktu; Herald mengambil alih setelah pengirim itu diam selama %3 dtk.</translation>
    </message>
    <message>
        <source>The database failed: %1</source>
        <translation>Basis data gagal: %1</translation>
    </message>
    <message>
        <source>%1 of the last %2 messages failed permanently (most often: %3). Check the template and the contact list before resuming.</source>
        <translation>%1 dari %2 pesan terakhir gagal secara permanen (paling sering: %3). Periksa templat dan daftar kontak sebelum melanjutkan.</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>dijeda oleh pengguna</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>dibatalkan oleh pengguna</translation>
    </message>
    <message>
        <source>The campaign&apos;s status could not be saved: %1</source>
        <translation>Status kampanye tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <source>Sending stopped: %1 (for %2 s; the sender waits up to %3 s). Send the campaign again once the database is usable: recipients already messaged are not messaged again.
Last error: %4</source>
        <translation>Pengiriman dihentikan: %1 (selama %2 dtk; pengirim menunggu hingga %3 dtk). Kirim ulang kampanye setelah basis data dapat digunakan: penerima yang sudah dikirimi pesan tidak akan dikirimi lagi.
Kesalahan terakhir: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) from Meta could not be recorded: those recipients end failed &quot;interrupted&quot; when the campaign is sent again, and are never sent to automatically.</source>
        <translation>
            <numerusform>%n jawaban dari Meta tidak dapat dicatat: penerima tersebut berakhir gagal &quot;interrupted&quot; saat kampanye dikirim ulang, dan tidak pernah dikirimi secara otomatis.</numerusform>
        </translation>
    </message>
    <message>
        <source>Another sender took the campaign over while the database was unreachable.</source>
        <translation>Pengirim lain mengambil alih kampanye saat basis data tidak dapat dijangkau.</translation>
    </message>
    <message>
        <source>The sender lost track of this message while the database was unreachable; it may have been sent.</source>
        <translation>Pengirim kehilangan jejak pesan ini saat basis data tidak dapat dijangkau; pesan mungkin sudah terkirim.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2, not running.</source>
        <translation>Kampanye &quot;%1&quot; berstatus %2, tidak berjalan.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for phone numbers taken out of the campaign&apos;s pool: %1. Move them to the other numbers (herald-cli campaign reassign), then resume.</source>
        <translation>
            <numerusform>%Ln penerima menunggu nomor telepon yang dikeluarkan dari kumpulan kampanye: %1. Pindahkan ke nomor lain (herald-cli campaign reassign), lalu lanjutkan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports the number as %1 (health checked %2 UTC).</source>
        <translation>Meta melaporkan nomor ini sebagai %1 (kondisi diperiksa %2 UTC).</translation>
    </message>
</context>
<context>
    <name>herald::SenderHost</name>
    <message>
        <source>This campaign is already being sent.</source>
        <translation>Kampanye ini sudah sedang dikirim.</translation>
    </message>
    <message>
        <source>Another sender took this campaign over while this one was not heard from.</source>
        <translation>Pengirim lain mengambil alih kampanye ini saat pengirim ini tidak merespons.</translation>
    </message>
</context>
<context>
    <name>herald::TemplateParser</name>
    <message>
        <source>The template is positional but uses named variables.</source>
        <translation>Templat bersifat posisional tetapi menggunakan variabel bernama.</translation>
    </message>
    <message>
        <source>The template uses named parameters but has numbered variables.</source>
        <translation>Templat menggunakan parameter bernama tetapi memiliki variabel bernomor.</translation>
    </message>
    <message>
        <source>The template has %1 components; Herald reads at most %2.</source>
        <translation>Templat memiliki %1 komponen; Herald membaca paling banyak %2.</translation>
    </message>
    <message>
        <source>The template&apos;s body</source>
        <translation>Isi templat</translation>
    </message>
    <message>
        <source>The template&apos;s footer</source>
        <translation>Footer templat</translation>
    </message>
</context>
<context>
    <name>herald::TemplateSync</name>
    <message>
        <source>No WhatsApp Business Account ID is set; templates are listed per account. Set it with &apos;config set api.waba_id ID&apos; or --waba-id.</source>
        <translation>ID Akun WhatsApp Business belum ditetapkan; templat dicantumkan per akun. Tetapkan dengan &apos;config set api.waba_id ID&apos; atau --waba-id.</translation>
    </message>
    <message>
        <source>The template sync was cancelled; nothing was stored.</source>
        <translation>Sinkronisasi templat dibatalkan; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>The template list did not end after %1 pages; nothing was stored.</source>
        <translation>Daftar templat tidak berakhir setelah %1 halaman; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1): it is invalid or has expired. Set a valid token in HERALD_ACCESS_TOKEN and sync again; nothing was stored.</source>
        <translation>Meta menolak token akses (%1): token tidak valid atau sudah kedaluwarsa. Tetapkan token yang valid di HERALD_ACCESS_TOKEN lalu sinkronkan lagi; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Could not list the templates at %1: %2. Nothing was stored.</source>
        <translation>Tidak dapat mengambil daftar templat di %1: %2. Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Meta refused the template list (%1); nothing was stored.</source>
        <translation>Meta menolak daftar templat (%1); tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>The template list from %1 is not what Graph API sends (no &quot;data&quot; list); check the API base URL. Nothing was stored.</source>
        <translation>Daftar templat dari %1 tidak sesuai dengan yang dikirim Graph API (tidak ada daftar &quot;data&quot;); periksa URL dasar API. Tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>A listed template without name, language or status was skipped (id %1).</source>
        <translation>Templat dalam daftar tanpa nama, bahasa, atau status dilewati (ID %1).</translation>
    </message>
    <message>
        <source>The templates could not be stored: %1</source>
        <translation>Templat tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <source>A page of the template list was larger than %1 bytes (%2 bytes); it was not read and nothing was stored.</source>
        <translation>Satu halaman daftar templat lebih besar dari %1 byte (%2 byte); halaman ini tidak dibaca dan tidak ada yang disimpan.</translation>
    </message>
</context>
<context>
    <name>herald::WebhookPayload</name>
    <message>
        <source>The body has %1 bytes; at most %2 are accepted.</source>
        <translation>Isi permintaan berukuran %1 byte; maksimal %2 yang diterima.</translation>
    </message>
    <message>
        <source>The body is not JSON (%1 at byte %2).</source>
        <translation>Isi permintaan bukan JSON (%1 pada byte %2).</translation>
    </message>
    <message>
        <source>The body is not a JSON object.</source>
        <translation>Isi permintaan bukan objek JSON.</translation>
    </message>
    <message>
        <source>The body is not a WhatsApp Business Account notification (&quot;object&quot; is &quot;%1&quot;).</source>
        <translation>Isi permintaan bukan notifikasi Akun WhatsApp Business (&quot;object&quot; bernilai &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>The body has no &quot;entry&quot; list.</source>
        <translation>Isi permintaan tidak memiliki daftar &quot;entry&quot;.</translation>
    </message>
    <message>
        <source>The body holds more than %1 items.</source>
        <translation>Isi permintaan berisi lebih dari %1 item.</translation>
    </message>
</context>
<context>
    <name>herald::cli::WorkerLoop</name>
    <message>
        <source>the worker could not announce itself: %1</source>
        <translation>worker tidak dapat mengumumkan dirinya: %1</translation>
    </message>
    <message>
        <source>every campaign</source>
        <translation>semua kampanye</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; (%2) started; it sends %3</source>
        <translation>worker &quot;%1&quot; (%2) dimulai; mengirim %3</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; stopped</source>
        <translation>worker &quot;%1&quot; berhenti</translation>
    </message>
    <message>
        <source>the database answers again</source>
        <translation>basis data menjawab lagi</translation>
    </message>
    <message>
        <source>the database failed; trying again: %1</source>
        <translation>basis data gagal; mencoba lagi: %1</translation>
    </message>
    <message>
        <source>no campaign is named &quot;%1&quot; yet; it is taken once it exists and runs</source>
        <translation>belum ada kampanye bernama &quot;%1&quot;; kampanye itu diambil setelah ada dan berjalan</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; was due and is now running</source>
        <translation>kampanye &quot;%1&quot; sudah jatuh tempo dan kini berjalan</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot be sent: %2</source>
        <translation>kampanye &quot;%1&quot; tidak dapat dikirim: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2</source>
        <translation>kampanye &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: sending, at most %2 messages/s</source>
        <translation>kampanye &quot;%1&quot;: mengirim, paling banyak %2 pesan/dtk</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 of %3 sent, %4 failed, %5 messages/s</source>
        <translation>kampanye &quot;%1&quot;: %2 dari %3 terkirim, %4 gagal, %5 pesan/dtk</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 after %3 sent and %4 failed here%5</source>
        <translation>kampanye &quot;%1&quot;: %2 setelah %3 terkirim dan %4 gagal di sini%5</translation>
    </message>
    <message>
        <source>stopping without waiting for the requests in flight</source>
        <translation>berhenti tanpa menunggu permintaan yang sedang berjalan</translation>
    </message>
    <message>
        <source>stopping: recording the answers in flight and releasing held recipients; every campaign keeps its status</source>
        <translation>berhenti: mencatat jawaban yang sedang berjalan dan melepas penerima yang ditahan; setiap kampanye mempertahankan statusnya</translation>
    </message>
    <message>
        <source>The worker was stopped; the campaign stays running for the next sender.</source>
        <translation>Worker dihentikan; kampanye tetap berjalan untuk pengirim berikutnya.</translation>
    </message>
</context>
<context>
    <name>herald::ui::AboutDialog</name>
    <message>
        <source>About Herald</source>
        <translation>Tentang Herald</translation>
    </message>
    <message>
        <source>Herald icon</source>
        <translation>Ikon Herald</translation>
    </message>
    <message>
        <source>A campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Konsol kampanye untuk WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>Built with Qt %1.</source>
        <translation>Dibangun dengan Qt %1.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Folder data</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Basis data</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Folder log</translation>
    </message>
    <message>
        <source>Herald is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with ABSOLUTELY NO WARRANTY.</source>
        <translation>Herald adalah perangkat lunak bebas: Anda dapat mendistribusikan ulang dan/atau mengubahnya menurut ketentuan GNU General Public License, versi 3 atau (sesuai pilihan Anda) versi yang lebih baru. Herald disediakan TANPA JAMINAN APA PUN.</translation>
    </message>
    <message>
        <source>Herald uses these libraries:</source>
        <translation>Herald menggunakan pustaka berikut:</translation>
    </message>
    <message>
        <source>Qt Charts and Qt HttpServer: GPL-3.0</source>
        <translation>Qt Charts dan Qt HttpServer: GPL-3.0</translation>
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
        <translation>Kampanye &amp;baru…</translation>
    </message>
    <message>
        <source>Create a campaign from a contact file</source>
        <translation>Buat kampanye dari file kontak</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Mulai</translation>
    </message>
    <message>
        <source>Start sending the selected campaign</source>
        <translation>Mulai mengirim kampanye yang dipilih</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Jeda</translation>
    </message>
    <message>
        <source>Pause the selected campaign</source>
        <translation>Jeda kampanye yang dipilih</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Lanjutkan</translation>
    </message>
    <message>
        <source>Resume the selected campaign</source>
        <translation>Lanjutkan kampanye yang dipilih</translation>
    </message>
    <message>
        <source>Start or pause</source>
        <translation>Mulai atau jeda</translation>
    </message>
    <message>
        <source>Start, pause or resume the selected campaign</source>
        <translation>Mulai, jeda, atau lanjutkan kampanye yang dipilih</translation>
    </message>
    <message>
        <source>&amp;Cancel campaign…</source>
        <translation>Batalkan &amp;kampanye…</translation>
    </message>
    <message>
        <source>Cancel the selected campaign for good</source>
        <translation>Batalkan kampanye yang dipilih untuk selamanya</translation>
    </message>
    <message>
        <source>Resend &amp;failed…</source>
        <translation>Kirim ulang yang &amp;gagal…</translation>
    </message>
    <message>
        <source>Queue failed messages of chosen reasons again</source>
        <translation>Masukkan kembali pesan gagal dengan alasan yang dipilih ke antrean</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>D&amp;uplikat…</translation>
    </message>
    <message>
        <source>A new campaign with this one&apos;s template, mapping and settings, from another file</source>
        <translation>Kampanye baru dengan templat, pemetaan, dan pengaturan kampanye ini, dari file lain</translation>
    </message>
    <message>
        <source>Edi&amp;t draft…</source>
        <translation>Ub&amp;ah draf…</translation>
    </message>
    <message>
        <source>Change the draft&apos;s name, rate ceiling or mapping</source>
        <translation>Ubah nama, batas laju, atau pemetaan draf</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>&amp;Hapus draf…</translation>
    </message>
    <message>
        <source>Delete the draft with its recipients</source>
        <translation>Hapus draf beserta penerimanya</translation>
    </message>
    <message>
        <source>U&amp;nschedule</source>
        <translation>Batalkan ja&amp;dwal</translation>
    </message>
    <message>
        <source>Forget the scheduled start: the campaign becomes a draft again</source>
        <translation>Lupakan waktu mulai terjadwal: kampanye menjadi draf lagi</translation>
    </message>
    <message>
        <source>&amp;Add contacts…</source>
        <translation>&amp;Tambah kontak…</translation>
    </message>
    <message>
        <source>Import more contacts into the draft or paused campaign</source>
        <translation>Impor kontak tambahan ke draf atau kampanye yang dijeda</translation>
    </message>
    <message>
        <source>&amp;Repair counters…</source>
        <translation>Pe&amp;rbaiki penghitung…</translation>
    </message>
    <message>
        <source>Compare every campaign&apos;s counters with a recount and fix them</source>
        <translation>Bandingkan penghitung setiap kampanye dengan hasil hitung ulang dan perbaiki</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>&amp;Ekspor hasil…</translation>
    </message>
    <message>
        <source>Save every recipient&apos;s result as a CSV file</source>
        <translation>Simpan hasil setiap penerima sebagai file CSV</translation>
    </message>
    <message>
        <source>S&amp;ync templates</source>
        <translation>&amp;Sinkronkan templat</translation>
    </message>
    <message>
        <source>Fetch the message templates from Meta</source>
        <translation>Ambil templat pesan dari Meta</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>API account, sending, database and language</source>
        <translation>Akun API, pengiriman, basis data, dan bahasa</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>Read everything again</source>
        <translation>Baca ulang semuanya</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>Close Herald</source>
        <translation>Tutup Herald</translation>
    </message>
    <message>
        <source>&amp;About Herald</source>
        <translation>&amp;Tentang Herald</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>Versi dan lisensi</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignDetail</name>
    <message>
        <source>Overview</source>
        <translation>Ikhtisar</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Kegagalan</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>dimulai %1</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>belum dimulai</translation>
    </message>
    <message>
        <source>sent by this window</source>
        <translation>dikirim oleh jendela ini</translation>
    </message>
    <message>
        <source>sent by %1</source>
        <translation>dikirim oleh %1</translation>
    </message>
    <message>
        <source>waiting for a sender</source>
        <translation>menunggu pengirim</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Dihentikan</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Buka Pengaturan…</translation>
    </message>
    <message>
        <source>Sync templates</source>
        <translation>Sinkronkan templat</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <source>Completed: %1 sent, %2 failed of %3</source>
        <translation>Selesai: %1 terkirim, %2 gagal dari %3</translation>
    </message>
    <message>
        <source> in %1 (%2 – %3)</source>
        <translation> dalam %1 (%2 – %3)</translation>
    </message>
    <message>
        <source>Resend failed…</source>
        <translation>Kirim ulang yang gagal…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Dibatalkan.</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Dibatalkan: %1</translation>
    </message>
    <message>
        <source>Select a campaign to see its progress, failures and recipients.</source>
        <translation>Pilih kampanye untuk melihat kemajuan, kegagalan, dan penerimanya.</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Nomor</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignManagement</name>
    <message>
        <source>Delete the draft &quot;%1&quot;?</source>
        <translation>Hapus draf &quot;%1&quot;?</translation>
    </message>
    <message numerus="yes">
        <source>The draft and its %n recipient(s) are deleted. Nothing has been sent from it.</source>
        <translation>
            <numerusform>Draf dan %n penerimanya dihapus. Belum ada yang dikirim dari draf ini.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Hapus draf</translation>
    </message>
    <message>
        <source>The draft was not deleted</source>
        <translation>Draf tidak dihapus</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer a draft (it was started, scheduled or deleted meanwhile).</source>
        <translation>&quot;%1&quot; bukan lagi draf (sementara itu telah dimulai, dijadwalkan, atau dihapus).</translation>
    </message>
    <message>
        <source>Deleted the draft &quot;%1&quot;.</source>
        <translation>Draf &quot;%1&quot; telah dihapus.</translation>
    </message>
    <message>
        <source>The campaign was not unscheduled</source>
        <translation>Jadwal kampanye tidak dibatalkan</translation>
    </message>
    <message>
        <source>Unscheduled &quot;%1&quot;: it is a draft again.</source>
        <translation>Jadwal &quot;%1&quot; dibatalkan: kampanye menjadi draf lagi.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Kemajuan</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Tertunda</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Laju</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Perkiraan selesai</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Dimulai</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Templat</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, waiting for a sender</source>
        <translation>%1, menunggu pengirim</translation>
    </message>
    <message>
        <source>%1 elsewhere</source>
        <translation>%1 di tempat lain</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sent by this window.</source>
        <translation>Dikirim oleh jendela ini.</translation>
    </message>
    <message>
        <source>Sender: %1</source>
        <translation>Pengirim: %1</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed, %3 pending of %4</source>
        <translation>%1 terkirim, %2 gagal, %3 tertunda dari %4</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Tersampaikan</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Dibaca</translation>
    </message>
    <message>
        <source>Delivery not tracked: no webhook receiver has reported a callback for this campaign&apos;s business number. Run herald-cli webhooks serve behind your web server and subscribe it to the app&apos;s &quot;messages&quot; webhook in Meta&apos;s App Dashboard (see the user guide, Delivery tracking).</source>
        <translation>Pengiriman tidak dilacak: belum ada penerima webhook yang melaporkan callback untuk nomor bisnis kampanye ini. Jalankan herald-cli webhooks serve di belakang server web Anda, lalu daftarkan ke webhook &quot;messages&quot; aplikasi di App Dashboard Meta (lihat panduan pengguna, bagian Pelacakan pengiriman).</translation>
    </message>
    <message>
        <source>%1 delivered, %2 read of %3 sent</source>
        <translation>%1 tersampaikan, %2 dibaca dari %3 terkirim</translation>
    </message>
    <message>
        <source>%1 failed after sending (see Failures)</source>
        <translation>%1 gagal setelah dikirim (lihat Kegagalan)</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignsPage</name>
    <message>
        <source>Filter campaigns by name…</source>
        <translation>Saring kampanye berdasarkan nama…</translation>
    </message>
    <message>
        <source>Filter campaigns</source>
        <translation>Saring kampanye</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampanye</translation>
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
        <translation>Kontak</translation>
    </message>
    <message>
        <source>Drop a contact file (CSV) here or choose it. Herald shows how it reads the file; correct the encoding or delimiter if names or columns look wrong.</source>
        <translation>Letakkan file kontak (CSV) di sini atau pilih file. Herald menampilkan cara membaca file tersebut; perbaiki encoding atau pemisah jika nama atau kolom tampak salah.</translation>
    </message>
    <message>
        <source>No file chosen: drop one here or click Browse…</source>
        <translation>Belum ada file yang dipilih: letakkan file di sini atau klik Telusuri…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Telusuri…</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Deteksi</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Koma ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Titik koma ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>Garis vertikal ( | )</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Encoding:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Pemisah:</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>koma</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>titik koma</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>tab</translation>
    </message>
    <message>
        <source>pipes</source>
        <translation>garis vertikal</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>%1 It is read as the campaign&apos;s file was: %2. Choose Detect above if this one differs.</source>
        <translation>%1 File dibaca seperti file kampanye tersebut: %2. Pilih Deteksi di atas jika file ini berbeda.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Choose a contact file</source>
        <translation>Pilih file kontak</translation>
    </message>
    <message>
        <source>Contact files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>File kontak (*.csv *.txt *.tsv);;Semua file (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Membaca %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n data row(s)</source>
        <translation>
            <numerusform>%n baris data</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 data rows</source>
        <translation>sekitar %1 baris data</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n column(s), %3 · showing the first %4</source>
        <translation>
            <numerusform>%1 · %2 · %n kolom, %3 · menampilkan %4 pertama</numerusform>
        </translation>
    </message>
    <message>
        <source>Contact file</source>
        <translation>File kontak</translation>
    </message>
    <message>
        <source>File preview</source>
        <translation>Pratinjau file</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostCountryModel</name>
    <message>
        <source>Not priced: %1</source>
        <translation>Tanpa harga: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>tanpa harga</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Negara</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Pasar</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Penerima</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Harga</translation>
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
        <translation>Perkirakan ulang</translation>
    </message>
    <message>
        <source>Per country</source>
        <translation>Per negara</translation>
    </message>
    <message>
        <source>Count the recipients and price them again with the card in use now; only those still to send while the campaign is running or paused.</source>
        <translation>Hitung penerima dan tentukan harganya lagi dengan kartu tarif yang kini digunakan; hanya penerima yang belum dikirimi selama kampanye berjalan atau dijeda.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Perkiraan biaya:</translation>
    </message>
    <message>
        <source>Reading the estimate…</source>
        <translation>Membaca perkiraan…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Select a campaign to see what sending it costs.</source>
        <translation>Pilih kampanye untuk melihat biaya pengirimannya.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Memperkirakan…</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>tanggal yang tidak diberikan Meta</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 (%4), after the estimate of %5: re-estimated, %6 → %7.</source>
        <translation>Meta mengubah kategori templat %1 dari %2 menjadi %3 (%4), setelah perkiraan pada %5: diperkirakan ulang, %6 → %7.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>%1: %2 × %3 = %4</source>
        <translation>%1: %2 × %3 = %4</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) still to send</source>
        <translation>
            <numerusform>%Ln penerima belum dikirimi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln penerima</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 — estimated %3 with %4 (effective %5)</source>
        <translation>%1, %2 — perkiraan %3 dengan %4 (berlaku mulai %5)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) not priced and left out of the total (%1).</source>
        <translation>
            <numerusform>%Ln penerima tanpa harga dan tidak dihitung dalam total (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Tidak ada perkiraan: %1</translation>
    </message>
    <message>
        <source>Herald&apos;s example card: its prices are illustrative, not Meta&apos;s. Import Meta&apos;s card in Settings ▸ Rate cards for a real estimate.</source>
        <translation>Kartu contoh Herald: harganya hanya ilustrasi, bukan harga Meta. Impor kartu tarif Meta di Pengaturan ▸ Kartu tarif untuk perkiraan yang nyata.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostSection</name>
    <message>
        <source>⚠ Example rate card — import your own in Settings for a real estimate.</source>
        <translation>⚠ Kartu tarif contoh — impor kartu Anda sendiri di Pengaturan untuk perkiraan yang nyata.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Perkiraan biaya:</translation>
    </message>
    <message>
        <source>Rate card:</source>
        <translation>Kartu tarif:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>The estimate follows the import.</source>
        <translation>Perkiraan mengikuti impor.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Memperkirakan…</translation>
    </message>
    <message>
        <source>No cost estimate: %1</source>
        <translation>Tidak ada perkiraan biaya: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 for %Ln recipient(s) (%2 messages)</source>
        <translation>
            <numerusform>%1 untuk %Ln penerima (pesan %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, berlaku mulai %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in countries this card does not price, left out of the total.</source>
        <translation>
            <numerusform>%Ln penerima di negara yang tidak diberi harga oleh kartu ini, tidak dihitung dalam total.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta charges delivered messages only, so this is the most these recipients cost.</source>
        <translation>Meta hanya menagih pesan yang tersampaikan, jadi ini adalah biaya maksimal untuk penerima ini.</translation>
    </message>
    <message>
        <source>Cost by country</source>
        <translation>Biaya per negara</translation>
    </message>
</context>
<context>
    <name>herald::ui::Credentials</name>
    <message>
        <source>No access token is set. Enter it in Settings; Herald keeps it in the operating system&apos;s keychain.</source>
        <translation>Token akses belum ditetapkan. Masukkan di Pengaturan; Herald menyimpannya di keychain sistem operasi.</translation>
    </message>
    <message>
        <source>No access token is available: %1 Enter the token in Settings and keep it for this session only, or set %2.</source>
        <translation>Token akses tidak tersedia: %1 Masukkan token di Pengaturan dan simpan hanya untuk sesi ini, atau tetapkan %2.</translation>
    </message>
    <message>
        <source>The token was not stored: %1</source>
        <translation>Token tidak disimpan: %1</translation>
    </message>
    <message>
        <source>The token was not removed: %1</source>
        <translation>Token tidak dihapus: %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryModel</name>
    <message>
        <source>%1 campaigns</source>
        <translation>%1 kampanye</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed</source>
        <translation>%1: %2 terkirim, %3 gagal</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Hari (UTC)</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampanye</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Failed share</source>
        <translation>Persentase gagal</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Tersampaikan</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Dibaca</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryPage</name>
    <message>
        <source>Messages per day</source>
        <translation>Pesan per hari</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Semua kampanye</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 hari terakhir</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 hari terakhir</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 hari terakhir</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>12 bulan terakhir</translation>
    </message>
    <message>
        <source>All history</source>
        <translation>Seluruh riwayat</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Kampanye:</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Rentang:</translation>
    </message>
    <message>
        <source>The daily summary cannot be read: %1</source>
        <translation>Ringkasan harian tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>all campaigns</source>
        <translation>semua kampanye</translation>
    </message>
    <message>
        <source>Messages %1, %2 (UTC days)</source>
        <translation>Pesan %1, %2 (hari UTC)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Membaca…</translation>
    </message>
    <message>
        <source>No messages were sent or failed in this range.</source>
        <translation>Tidak ada pesan yang terkirim atau gagal dalam rentang ini.</translation>
    </message>
    <message>
        <source>In this range: %1 sent, %2 failed (%3 of the messages finished).</source>
        <translation>Dalam rentang ini: %1 terkirim, %2 gagal (%3 pesan telah selesai).</translation>
    </message>
    <message>
        <source>Chart of the messages sent and failed each day; the table beside it holds the same figures.</source>
        <translation>Grafik pesan terkirim dan gagal setiap hari; tabel di sebelahnya memuat angka yang sama.</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Ringkasan harian</translation>
    </message>
</context>
<context>
    <name>herald::ui::DatabaseSection</name>
    <message>
        <source>Database</source>
        <translation>Basis data</translation>
    </message>
    <message>
        <source>Embedded (a SQLite file on this computer)</source>
        <translation>Tertanam (file SQLite di komputer ini)</translation>
    </message>
    <message>
        <source>PostgreSQL server (shared by several consoles and workers)</source>
        <translation>Server PostgreSQL (dipakai bersama oleh beberapa konsol dan worker)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Telusuri…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Uji koneksi</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in the settings file.</source>
        <translation>Disimpan di keychain sistem operasi, tidak pernah di file pengaturan.</translation>
    </message>
    <message>
        <source>Open now: %1. A change here takes effect when Herald is restarted.</source>
        <translation>Terbuka sekarang: %1. Perubahan di sini berlaku setelah Herald dimulai ulang.</translation>
    </message>
    <message>
        <source>HERALD_DB is set in this environment and wins over the choice here.</source>
        <translation>HERALD_DB ditetapkan di lingkungan ini dan mengesampingkan pilihan di sini.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Kata sandi:</translation>
    </message>
    <message>
        <source>Stored in the keychain; type to replace it</source>
        <translation>Tersimpan di keychain; ketik untuk menggantinya</translation>
    </message>
    <message>
        <source>None, or type it</source>
        <translation>Tidak ada, atau ketikkan</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address: postgresql://user@host:5432/database.</source>
        <translation>Masukkan alamat server: postgresql://user@host:5432/database.</translation>
    </message>
    <message>
        <source>A PostgreSQL address starts with postgresql://, e.g. postgresql://user@host:5432/database.</source>
        <translation>Alamat PostgreSQL diawali dengan postgresql://, mis. postgresql://user@host:5432/database.</translation>
    </message>
    <message>
        <source>%1 is a folder: name a file in it, e.g. %2.</source>
        <translation>%1 adalah folder: sebutkan file di dalamnya, mis. %2.</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>File basis data</translation>
    </message>
    <message>
        <source>Herald databases (*.db);;All files (*)</source>
        <translation>Basis data Herald (*.db);;Semua file (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Menghubungkan…</translation>
    </message>
</context>
<context>
    <name>herald::ui::DeliveryFunnel</name>
    <message>
        <source>Delivery</source>
        <translation>Pengiriman</translation>
    </message>
    <message>
        <source>Delivery funnel</source>
        <translation>Corong pengiriman</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Terkirim: %1</translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation>Tersampaikan: %1</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Dibaca: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Gagal: %1</translation>
    </message>
    <message>
        <source>Failed later: %1</source>
        <translation>Gagal kemudian: %1</translation>
    </message>
    <message>
        <source>Delivery not tracked</source>
        <translation>Pengiriman tidak dilacak</translation>
    </message>
    <message>
        <source>No delivery callback for this campaign&apos;s number since %1: is the webhook receiver running?</source>
        <translation>Tidak ada callback pengiriman untuk nomor kampanye ini sejak %1: apakah penerima webhook berjalan?</translation>
    </message>
    <message>
        <source>Delivery tracked — last callback %1</source>
        <translation>Pengiriman dilacak — callback terakhir %1</translation>
    </message>
    <message>
        <source>Meta reports delivered, read and late failures to the webhook receiver (herald-cli webhooks serve); herald-cli webhooks status shows what it received.</source>
        <translation>Meta melaporkan pesan tersampaikan, dibaca, dan kegagalan susulan ke penerima webhook (herald-cli webhooks serve); herald-cli webhooks status menampilkan apa yang diterimanya.</translation>
    </message>
</context>
<context>
    <name>herald::ui::DemoSession</name>
    <message>
        <source>The built-in simulator could not start: %1</source>
        <translation>Simulator bawaan tidak dapat dimulai: %1</translation>
    </message>
    <message>
        <source>The simulator&apos;s templates could not be synced: %1</source>
        <translation>Templat simulator tidak dapat disinkronkan: %1</translation>
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
        <translation>Ubah &amp;pemetaan…</translation>
    </message>
    <message>
        <source>Edit draft “%1”</source>
        <translation>Edit draf “%1”</translation>
    </message>
    <message>
        <source>the number&apos;s own limit</source>
        <translation>batas nomor itu sendiri</translation>
    </message>
    <message>
        <source>messages per second at most</source>
        <translation>pesan per detik maksimal</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) · %Ln recipient(s)</source>
        <translation>
            <numerusform>%1 (%2) · %Ln penerima</numerusform>
        </translation>
    </message>
    <message>
        <source>Fill the template&apos;s variables differently. Herald asks for the contact file again and imports it into a new draft, which replaces this one (same name) when you finish; until then this draft stays as it is.</source>
        <translation>Isi variabel templat dengan cara lain. Herald meminta file kontak lagi dan mengimpornya ke draf baru, yang menggantikan draf ini (dengan nama yang sama) setelah Anda selesai; sampai saat itu draf ini tetap seperti semula.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <source>&amp;Rate ceiling:</source>
        <translation>&amp;Batas laju:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Pesan:</translation>
    </message>
    <message>
        <source>The rate ceiling is a number of messages per second, e.g. 20 or 2.5; leave it empty for the phone number&apos;s own limit.</source>
        <translation>Batas laju adalah jumlah pesan per detik, mis. 20 atau 2.5; biarkan kosong untuk memakai batas nomor telepon itu sendiri.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ErasePersonAction</name>
    <message>
        <source>&amp;Erase a Person&apos;s Data…</source>
        <translation>&amp;Hapus Data Seseorang…</translation>
    </message>
    <message>
        <source>Removes one person&apos;s number, name and parameters from every campaign, keeping the counts</source>
        <translation>Menghapus nomor, nama, dan parameter satu orang dari semua kampanye, tanpa mengubah jumlahnya</translation>
    </message>
    <message>
        <source>Erase a Person&apos;s Data</source>
        <translation>Hapus Data Seseorang</translation>
    </message>
    <message>
        <source>The person&apos;s phone number, as written in your contact files.
With its country code, or as written in the default region of Settings ▸ Sending:</source>
        <translation>Nomor telepon orang tersebut, seperti tertulis di file kontak Anda.
Dengan kode negara, atau dalam format wilayah bawaan di Pengaturan ▸ Pengiriman:</translation>
    </message>
    <message>
        <source>Nothing Was Erased</source>
        <translation>Tidak Ada yang Dihapus</translation>
    </message>
    <message>
        <source>The database could not be read: %1</source>
        <translation>Basis data tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Write the number with its country code (+49 …), or set the default region in Settings ▸ Sending.</source>
        <translation>Tulis nomor dengan kode negaranya (+49 …), atau tetapkan wilayah bawaan di Pengaturan ▸ Pengiriman.</translation>
    </message>
    <message>
        <source>Not a Phone Number</source>
        <translation>Bukan Nomor Telepon</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Tidak ada yang dihapus.</translation>
    </message>
    <message>
        <source>Also put %1 on the opt-out list, so that no later import or campaign messages this person? The list keeps only the number.</source>
        <translation>Masukkan juga %1 ke daftar opt-out, agar impor atau kampanye berikutnya tidak mengirim pesan ke orang ini? Daftar hanya menyimpan nomornya.</translation>
    </message>
    <message>
        <source>Add to Opt-outs</source>
        <translation>Tambahkan ke Opt-out</translation>
    </message>
    <message>
        <source>Don&apos;t Add</source>
        <translation>Jangan Tambahkan</translation>
    </message>
    <message>
        <source>The number will be added to the opt-out list.</source>
        <translation>Nomor akan ditambahkan ke daftar opt-out.</translation>
    </message>
    <message>
        <source>The opt-out list will not be changed.</source>
        <translation>Daftar opt-out tidak akan diubah.</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>Hapus %1?</translation>
    </message>
    <message>
        <source>The number, name and template parameters of %1 will be removed from every campaign. The campaigns keep their counts; messages still waiting for this number will not be sent. %2</source>
        <translation>Nomor, nama, dan parameter templat %1 akan dihapus dari semua kampanye. Kampanye tetap menyimpan jumlahnya; pesan yang masih menunggu untuk nomor ini tidak akan dikirim. %2</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Tindakan ini tidak dapat dibatalkan.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>%1 is in no campaign: there was nothing to erase.</source>
        <translation>%1 tidak ada di kampanye mana pun: tidak ada yang perlu dihapus.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n baris</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n kampanye</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the number, name and parameters of %1 from %2 in %3. The campaigns&apos; counts are unchanged.</source>
        <translation>Nomor, nama, dan parameter %1 dihapus dari %2 di %3. Jumlah pada kampanye tidak berubah.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting for this number will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n pesan yang masih menunggu untuk nomor ini tidak akan dikirim (gagal, alasan &quot;erased&quot;).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 kini ada di daftar opt-out.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list.</source>
        <translation>%1 tetap ada di daftar opt-out.</translation>
    </message>
    <message>
        <source>Personal Data Erased</source>
        <translation>Data Pribadi Dihapus</translation>
    </message>
</context>
<context>
    <name>herald::ui::FailuresModel</name>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Artinya</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Yang harus dilakukan</translation>
    </message>
    <message>
        <source>(no reason)</source>
        <translation>(tanpa alasan)</translation>
    </message>
    <message>
        <source>Herald has no explanation for this reason.</source>
        <translation>Herald tidak memiliki penjelasan untuk alasan ini.</translation>
    </message>
    <message>
        <source>Read the error details of its recipients.</source>
        <translation>Baca detail kesalahan para penerimanya.</translation>
    </message>
    <message>
        <source>WhatsApp accepted these messages, then reported by webhook that they could not be delivered. They count as sent, and as failed after sending.</source>
        <translation>WhatsApp menerima pesan-pesan ini, lalu melaporkan melalui webhook bahwa pesan tidak dapat disampaikan. Pesan ini dihitung sebagai terkirim, dan sebagai gagal setelah dikirim.</translation>
    </message>
    <message>
        <source>%1, after sending</source>
        <translation>%1, setelah dikirim</translation>
    </message>
</context>
<context>
    <name>herald::ui::FailuresView</name>
    <message>
        <source>Resend…</source>
        <translation>Kirim ulang…</translation>
    </message>
    <message>
        <source>Queue the messages that failed for the selected reasons again.</source>
        <translation>Masukkan kembali pesan yang gagal karena alasan yang dipilih ke antrean.</translation>
    </message>
    <message>
        <source>The failures could not be read: %1</source>
        <translation>Kegagalan tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Membaca kegagalan…</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Tidak ada pesan kampanye ini yang gagal.</translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation>Kegagalan per alasan</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages: %1, for %n reason(s). Select a reason to list its recipients under Recipients, or reasons to resend.</source>
        <translation>
            <numerusform>Pesan gagal: %1, dengan %n alasan. Pilih alasan untuk mencantumkan penerimanya di bawah Penerima, atau pilih alasan untuk dikirim ulang.</numerusform>
        </translation>
    </message>
    <message>
        <source>No message of this campaign has failed when sent.</source>
        <translation>Tidak ada pesan kampanye ini yang gagal saat dikirim.</translation>
    </message>
    <message>
        <source>Failed after sending: %1 (WhatsApp accepted them, then reported by webhook that they could not be delivered).</source>
        <translation>Gagal setelah dikirim: %1 (WhatsApp menerimanya, lalu melaporkan melalui webhook bahwa pesan tidak dapat disampaikan).</translation>
    </message>
</context>
<context>
    <name>herald::ui::FrequencyCapSection</name>
    <message>
        <source>Skip recipients any campaign &amp;messaged in the last</source>
        <translation>&amp;Lewati penerima yang sudah dikirimi pesan oleh kampanye mana pun dalam</translation>
    </message>
    <message>
        <source>Messaged recently (skipped):</source>
        <translation>Baru dikirimi pesan (dilewati):</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n hari</numerusform>
        </translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>menghitung…</translation>
    </message>
    <message>
        <source>— (off)</source>
        <translation>— (nonaktif)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (messaged by another campaign in the last %n day(s))</source>
        <translation>
            <numerusform>%1 (dikirimi pesan oleh kampanye lain dalam %n hari terakhir)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::HelpMenu</name>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Panduan pengguna</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Pintasan &amp;keyboard</translation>
    </message>
    <message>
        <source>Show &amp;log folder</source>
        <translation>Tampilkan folder &amp;log</translation>
    </message>
    <message>
        <source>How to use Herald, step by step</source>
        <translation>Cara menggunakan Herald, langkah demi langkah</translation>
    </message>
    <message>
        <source>Every action and its shortcut</source>
        <translation>Setiap tindakan dan pintasannya</translation>
    </message>
    <message>
        <source>Open the folder with Herald&apos;s daily log files</source>
        <translation>Buka folder berisi file log harian Herald</translation>
    </message>
    <message>
        <source>User guide not installed</source>
        <translation>Panduan pengguna tidak terpasang</translation>
    </message>
    <message>
        <source>The user guide was not found on this computer, so it opens in your web browser instead:
%1</source>
        <translation>Panduan pengguna tidak ditemukan di komputer ini, jadi panduan dibuka di peramban web Anda:
%1</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Folder log</translation>
    </message>
    <message>
        <source>The log folder could not be opened. Herald writes its logs to:
%1</source>
        <translation>Folder log tidak dapat dibuka. Herald menulis log ke:
%1</translation>
    </message>
</context>
<context>
    <name>herald::ui::InterruptedNotice</name>
    <message>
        <source>Review interrupted…</source>
        <translation>Tinjau yang terputus…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Opens the Resend dialog with these messages; nothing is sent until you confirm.</source>
        <translation>Membuka dialog kirim ulang dengan pesan-pesan ini; tidak ada yang dikirim sampai Anda mengonfirmasi.</translation>
    </message>
    <message>
        <source>Interrupted messages</source>
        <translation>Pesan terputus</translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages of “%1” were in flight: %n message(s) became &quot;interrupted&quot;.</source>
        <translation>
            <numerusform>Herald atau pengirim lain berhenti saat pesan “%1” sedang dikirim: %n pesan menjadi &quot;interrupted&quot;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s)</source>
        <translation>
            <numerusform>“%1”: %n pesan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more campaign(s)</source>
        <translation>
            <numerusform>%n kampanye lainnya</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages were in flight. %n message(s) became &quot;interrupted&quot;: %1.</source>
        <translation>
            <numerusform>Herald atau pengirim lain berhenti saat pesan sedang dikirim. %n pesan menjadi &quot;interrupted&quot;: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta may have delivered some of them, so they are not resent by themselves. Review them and resend only if they did not arrive.</source>
        <translation>Meta mungkin sudah menyampaikan sebagian pesan, jadi pesan tidak dikirim ulang dengan sendirinya. Tinjau lalu kirim ulang hanya yang tidak sampai.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n interrupted)</source>
        <translation>
            <numerusform>%1 (%n terputus)</numerusform>
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
        <translation>Kampanye</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Templat</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Ringkasan harian</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Opt-out</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanye</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation>&amp;Kampanye</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Tampilan</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Alat</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ba&amp;ntuan</translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation>Basis data tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>The campaign could not start</source>
        <translation>Kampanye tidak dapat dimulai</translation>
    </message>
    <message>
        <source>Campaign completed</source>
        <translation>Kampanye selesai</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed.</source>
        <translation>%1: %2 terkirim, %3 gagal.</translation>
    </message>
    <message>
        <source>Campaign paused</source>
        <translation>Kampanye dijeda</translation>
    </message>
    <message>
        <source>Campaign stopped</source>
        <translation>Kampanye dihentikan</translation>
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
        <translation>Basis data tidak dapat digunakan</translation>
    </message>
    <message numerus="yes">
        <source>The counters of %n campaign(s) do not match their messages.</source>
        <translation>
            <numerusform>Penghitung %n kampanye tidak sesuai dengan pesannya.</numerusform>
        </translation>
    </message>
    <message>
        <source>Herald is not connected to a WhatsApp Business account yet. Try it now with the built-in simulator: a sample campaign is created and sent while you watch. To send for real, enter your account in Settings (File ▸ Settings…).</source>
        <translation>Herald belum terhubung ke akun WhatsApp Business. Coba sekarang dengan simulator bawaan: kampanye contoh dibuat dan dikirim sementara Anda menyaksikannya. Untuk mengirim sungguhan, masukkan akun Anda di Pengaturan (Berkas ▸ Pengaturan…).</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Coba demo</translation>
    </message>
    <message>
        <source>Starting the simulator and creating a sample campaign…</source>
        <translation>Memulai simulator dan membuat kampanye contoh…</translation>
    </message>
    <message>
        <source>The demo campaign is being sent to the built-in simulator, not to WhatsApp. Enter your account in Settings to send for real.</source>
        <translation>Kampanye demo sedang dikirim ke simulator bawaan, bukan ke WhatsApp. Masukkan akun Anda di Pengaturan untuk mengirim sungguhan.</translation>
    </message>
    <message>
        <source>The demo could not start</source>
        <translation>Demo tidak dapat dimulai</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued again.</source>
        <translation>
            <numerusform>%n pesan dimasukkan kembali ke antrean.</numerusform>
        </translation>
    </message>
    <message>
        <source> results</source>
        <translation> hasil</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Ekspor hasil</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>File CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Mengekspor ke %1…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Ekspor gagal</translation>
    </message>
    <message>
        <source>Cancel campaign &quot;%1&quot;?</source>
        <translation>Batalkan kampanye &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Batalkan kampanye</translation>
    </message>
    <message>
        <source>Finishing the messages in flight before closing…</source>
        <translation>Menyelesaikan pesan yang sedang dikirim sebelum menutup…</translation>
    </message>
    <message>
        <source>Close Herald?</source>
        <translation>Tutup Herald?</translation>
    </message>
    <message numerus="yes">
        <source>Herald is sending %n campaign(s). Messages in flight finish and are recorded; the campaigns stay running and continue the next time Herald (or another sender) opens this database.</source>
        <translation>
            <numerusform>Herald sedang mengirim %n kampanye. Pesan yang sedang dikirim akan diselesaikan dan dicatat; kampanye tetap berjalan dan dilanjutkan saat Herald (atau pengirim lain) membuka basis data ini lagi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Halaman</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln recipient(s) to %1.</source>
        <translation>
            <numerusform>%Ln penerima diekspor ke %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) not sent yet. A cancelled campaign cannot be resumed; messages already sent stay sent.</source>
        <translation>
            <numerusform>%Ln pesan belum terkirim. Kampanye yang dibatalkan tidak dapat dilanjutkan; pesan yang sudah terkirim tetap terkirim.</numerusform>
        </translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Pengirim</translation>
    </message>
</context>
<context>
    <name>herald::ui::MessagePage</name>
    <message>
        <source>Message</source>
        <translation>Pesan</translation>
    </message>
    <message>
        <source>Choose the template and fill each of its variables from a column or with fixed text.</source>
        <translation>Pilih templat dan isi setiap variabelnya dari sebuah kolom atau dengan teks tetap.</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Templat:</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variabel</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pratinjau</translation>
    </message>
    <message>
        <source>Meta paused this template after recipients reported or blocked it; it cannot be sent until Meta lifts the pause.</source>
        <translation>Meta menjeda templat ini setelah penerima melaporkan atau memblokirnya; templat tidak dapat dikirim sampai Meta mencabut jedanya.</translation>
    </message>
    <message>
        <source>Meta disabled this template after repeated low quality; it can no longer be sent.</source>
        <translation>Meta menonaktifkan templat ini setelah kualitasnya berulang kali rendah; templat tidak dapat dikirim lagi.</translation>
    </message>
    <message>
        <source>Meta rejected this template at review; edit and resubmit it in WhatsApp Manager.</source>
        <translation>Meta menolak templat ini saat peninjauan; edit dan ajukan ulang di WhatsApp Manager.</translation>
    </message>
    <message>
        <source>Meta has not approved this template (%1).</source>
        <translation>Meta belum menyetujui templat ini (%1).</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>Herald tidak dapat mengirim templat ini: %1</translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation>Header {{%1}}</translation>
    </message>
    <message>
        <source>Header %1 (link)</source>
        <translation>Header %1 (tautan)</translation>
    </message>
    <message>
        <source>Button “%1”</source>
        <translation>Tombol “%1”</translation>
    </message>
    <message>
        <source>Button %1</source>
        <translation>Tombol %1</translation>
    </message>
    <message>
        <source>Body {{%1}}</source>
        <translation>Isi {{%1}}</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>Memuat templat…</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>Templat tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>%1 (%2) — %3, %4</source>
        <translation>%1 (%2) — %3, %4</translation>
    </message>
    <message>
        <source>No templates are known yet: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>Belum ada templat yang dikenal: sinkronkan dari Meta (Alat ▸ Sinkronkan templat) lalu kembali ke sini.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) is not among the templates: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>Templat kampanye %1 (%2) tidak ada di antara templat: sinkronkan dari Meta (Alat ▸ Sinkronkan templat) lalu kembali ke sini.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>⚠ Meta changed this template&apos;s category from %1 to %2 on %3. %4</source>
        <translation>⚠ Meta mengubah kategori templat ini dari %1 menjadi %2 pada %3. %4</translation>
    </message>
    <message>
        <source>Marketing messages cost more than utility ones.</source>
        <translation>Pesan pemasaran lebih mahal daripada pesan utilitas.</translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation>Teks tetap</translation>
    </message>
    <message>
        <source>Column: %1</source>
        <translation>Kolom: %1</translation>
    </message>
    <message>
        <source>This template has no variables.</source>
        <translation>Templat ini tidak memiliki variabel.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) cannot be used now: choose another.</source>
        <translation>Templat kampanye %1 (%2) tidak dapat digunakan sekarang: pilih templat lain.</translation>
    </message>
    <message>
        <source>%1 was filled from the column “%2”, which this file does not have: choose a column for it.</source>
        <translation>%1 diisi dari kolom “%2”, yang tidak ada di file ini: pilih kolom untuknya.</translation>
    </message>
    <message>
        <source>Type the text every recipient gets, or choose a column.</source>
        <translation>Ketik teks yang diterima setiap penerima, atau pilih kolom.</translation>
    </message>
    <message>
        <source>Empty in %1 of %2 rows: those rows will not be imported.</source>
        <translation>Kosong di %1 dari %2 baris: baris tersebut tidak akan diimpor.</translation>
    </message>
    <message>
        <source>Empty in %1 of the first %2 rows: those rows will not be imported.</source>
        <translation>Kosong di %1 dari %2 baris pertama: baris tersebut tidak akan diimpor.</translation>
    </message>
    <message>
        <source>&amp;Campaign name:</source>
        <translation>&amp;Nama kampanye:</translation>
    </message>
    <message>
        <source>Fixed text for %1</source>
        <translation>Teks tetap untuk %1</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Nilai %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::MessagePreview</name>
    <message>
        <source>Previous row</source>
        <translation>Baris sebelumnya</translation>
    </message>
    <message>
        <source>Next row</source>
        <translation>Baris berikutnya</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>Show the request body</source>
        <translation>Tampilkan isi permintaan</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>dari %1</translation>
    </message>
    <message>
        <source>of the first %1</source>
        <translation>dari %1 pertama</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>Kepada %1</translation>
    </message>
    <message>
        <source>Row %1 has no number Herald can send to: %2</source>
        <translation>Baris %1 tidak memiliki nomor yang dapat dikirimi Herald: %2</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Pilih templat.</translation>
    </message>
    <message>
        <source>This row is not imported: it has no number to send to.</source>
        <translation>Baris ini tidak diimpor: tidak memiliki nomor tujuan.</translation>
    </message>
    <message>
        <source>This row is sent as shown.</source>
        <translation>Baris ini dikirim seperti yang ditampilkan.</translation>
    </message>
    <message>
        <source>This row cannot be sent: %1</source>
        <translation>Baris ini tidak dapat dikirim: %1</translation>
    </message>
    <message>
        <source>Preview row</source>
        <translation>Baris pratinjau</translation>
    </message>
</context>
<context>
    <name>herald::ui::NewCampaignWizard</name>
    <message>
        <source>New campaign</source>
        <translation>Kampanye baru</translation>
    </message>
    <message>
        <source>&amp;Create campaign</source>
        <translation>&amp;Buat kampanye</translation>
    </message>
    <message>
        <source>Duplicate “%1”</source>
        <translation>Duplikat “%1”</translation>
    </message>
    <message>
        <source>Choose the file for the copy of “%1”: its template, mapping and settings are taken over.</source>
        <translation>Pilih file untuk salinan “%1”: templat, pemetaan, dan pengaturannya diambil alih.</translation>
    </message>
    <message>
        <source>Change the mapping of “%1”</source>
        <translation>Ubah pemetaan “%1”</translation>
    </message>
    <message>
        <source>%1 (new mapping)</source>
        <translation>%1 (pemetaan baru)</translation>
    </message>
    <message>
        <source>&amp;Replace the draft</source>
        <translation>&amp;Ganti draf</translation>
    </message>
    <message>
        <source>Add contacts to “%1”</source>
        <translation>Tambah kontak ke “%1”</translation>
    </message>
    <message>
        <source>&amp;Add the contacts</source>
        <translation>&amp;Tambahkan kontak</translation>
    </message>
    <message>
        <source>Choose the file with more contacts for “%1”. Numbers already in the campaign are left out; leaving the wizard takes the added ones out again.</source>
        <translation>Pilih file berisi kontak tambahan untuk “%1”. Nomor yang sudah ada dalam kampanye tidak disertakan; keluar dari wizard akan mengeluarkan kembali kontak yang ditambahkan.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template and mapping: the new contacts get the same message. A column this file names differently can be chosen.</source>
        <translation>Templat dan pemetaan kampanye: kontak baru menerima pesan yang sama. Kolom yang namanya berbeda di file ini dapat dipilih.</translation>
    </message>
    <message>
        <source>Herald adds the file&apos;s contacts to “%1”: numbers already in it, opted out or rejected are left out. Nothing is sent until it is started or resumed.</source>
        <translation>Herald menambahkan kontak dari file ke “%1”: nomor yang sudah ada, memilih opt-out, atau ditolak tidak disertakan. Tidak ada yang dikirim sampai kampanye dimulai atau dilanjutkan.</translation>
    </message>
    <message>
        <source>The template&apos;s category changed</source>
        <translation>Kategori templat berubah</translation>
    </message>
    <message>
        <source>The campaign cannot be scheduled</source>
        <translation>Kampanye tidak dapat dijadwalkan</translation>
    </message>
    <message>
        <source>The campaign could not be saved</source>
        <translation>Kampanye tidak dapat disimpan</translation>
    </message>
    <message>
        <source>The campaign could not be scheduled</source>
        <translation>Kampanye tidak dapat dijadwalkan</translation>
    </message>
    <message>
        <source>Choose the file again: Herald imports it with the new mapping into a new draft, which replaces “%1” when you click Replace the draft. Leaving keeps the old draft as it is.</source>
        <translation>Pilih file lagi: Herald mengimpornya dengan pemetaan baru ke dalam draf baru, yang menggantikan “%1” saat Anda mengeklik Ganti draf. Jika Anda keluar, draf lama tetap seperti semula.</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthLine</name>
    <message>
        <source>The phone number&apos;s health cannot be read: %1</source>
        <translation>Kondisi nomor telepon tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>No phone number is set: enter one in Settings (File ▸ Settings…).</source>
        <translation>Belum ada nomor telepon: masukkan satu di Pengaturan (Berkas ▸ Pengaturan…).</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sends from %1: %2</source>
        <translation>Mengirim dari %1: %2</translation>
    </message>
    <message>
        <source>Phone number ID %1. %2</source>
        <translation>ID nomor telepon %1. %2</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthRunner</name>
    <message>
        <source>The phone numbers cannot be read from the database: %1</source>
        <translation>Nomor telepon tidak dapat dibaca dari basis data: %1</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and check again.</source>
        <translation>Belum ada token akses. Masukkan di Pengaturan (Berkas ▸ Pengaturan…) lalu periksa lagi.</translation>
    </message>
    <message>
        <source>The health check was cancelled; nothing was stored.</source>
        <translation>Pemeriksaan kondisi dibatalkan; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Meta answered, but the answers cannot be stored: %1</source>
        <translation>Meta menjawab, tetapi jawabannya tidak dapat disimpan: %1</translation>
    </message>
    <message>
        <source>No phone number is set. Add one under Settings ▸ Phone numbers, or enter the phone number ID on its Cloud API tab.</source>
        <translation>Belum ada nomor telepon. Tambahkan di Pengaturan ▸ Nomor telepon, atau masukkan ID nomor telepon di tab Cloud API.</translation>
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
        <translation>tanpa nomor</translation>
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
        <translation>Baris</translation>
    </message>
    <message>
        <source>As read</source>
        <translation>Dibaca</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>Dikirim sebagai</translation>
    </message>
    <message>
        <source>Valid?</source>
        <translation>Valid?</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutTableModel</name>
    <message>
        <source>Added by hand</source>
        <translation>Ditambahkan manual</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Diimpor</translation>
    </message>
    <message>
        <source>Stopped marketing messages (WhatsApp)</source>
        <translation>Menghentikan pesan pemasaran (WhatsApp)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Cara</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ditambahkan</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutsPage</name>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Hapus…</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>Impor dari CSV…</translation>
    </message>
    <message>
        <source>Search by number or reason</source>
        <translation>Cari berdasarkan nomor atau alasan</translation>
    </message>
    <message>
        <source>Phone number, e.g. +49 151 23456789</source>
        <translation>Nomor telepon, mis. +62 812 34567890</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Alasan (opsional)</translation>
    </message>
    <message>
        <source>Never message this number: it is not queued in new campaigns and not resent</source>
        <translation>Jangan pernah kirim pesan ke nomor ini: nomor tidak dimasukkan ke antrean kampanye baru dan tidak dikirimi ulang</translation>
    </message>
    <message>
        <source>Add every number of a CSV file; the phone column is found by itself</source>
        <translation>Tambahkan setiap nomor dari file CSV; kolom telepon ditemukan secara otomatis</translation>
    </message>
    <message>
        <source>Add a number:</source>
        <translation>Tambah nomor:</translation>
    </message>
    <message>
        <source>The opt-out list cannot be read: %1</source>
        <translation>Daftar opt-out tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>On the list: %1</source>
        <translation>Dalam daftar: %1</translation>
    </message>
    <message>
        <source>Matching: %1 of %2</source>
        <translation>Cocok: %1 dari %2</translation>
    </message>
    <message>
        <source>Type the phone number to add first.</source>
        <translation>Ketik nomor telepon yang akan ditambahkan terlebih dahulu.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Menambahkan %1…</translation>
    </message>
    <message>
        <source>The number was not added: %1</source>
        <translation>Nomor tidak ditambahkan: %1</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Tidak ditambahkan: %1</translation>
    </message>
    <message>
        <source>The country assumed for numbers without a country code is set in Settings (import.region).</source>
        <translation>Negara yang diasumsikan untuk nomor tanpa kode negara ditetapkan di Pengaturan (import.region).</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list: it is never queued in a campaign or resent.</source>
        <translation>%1 kini ada dalam daftar opt-out: nomor ini tidak pernah dimasukkan ke antrean kampanye atau dikirimi ulang.</translation>
    </message>
    <message>
        <source>%1 was on the opt-out list already; it is unchanged.</source>
        <translation>%1 sudah ada dalam daftar opt-out; tidak ada perubahan.</translation>
    </message>
    <message>
        <source>Remove %1 from the opt-out list?</source>
        <translation>Hapus %1 dari daftar opt-out?</translation>
    </message>
    <message>
        <source>Remove the %1 selected numbers from the opt-out list?</source>
        <translation>Hapus %1 nomor yang dipilih dari daftar opt-out?</translation>
    </message>
    <message>
        <source>Herald may then message them again: in campaigns they are imported into and when failed messages are resent. Remove only numbers that asked to hear from you again.</source>
        <translation>Herald kemudian dapat mengirimi pesan lagi ke nomor tersebut: dalam kampanye tempat nomor itu diimpor dan saat pesan gagal dikirim ulang. Hapus hanya nomor yang meminta untuk dihubungi lagi.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Menghapus…</translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation>Tidak ada yang dihapus: %1</translation>
    </message>
    <message>
        <source>Removed from the opt-out list: %1.</source>
        <translation>Dihapus dari daftar opt-out: %1.</translation>
    </message>
    <message>
        <source>Import opt-outs</source>
        <translation>Impor opt-out</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>File CSV (*.csv *.txt);;Semua file (*)</translation>
    </message>
    <message>
        <source>Importing %1: reading, checking and adding every number…</source>
        <translation>Mengimpor %1: membaca, memeriksa, dan menambahkan setiap nomor…</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Tidak ada yang ditambahkan: %1</translation>
    </message>
    <message>
        <source>Search opt-outs</source>
        <translation>Cari opt-out</translation>
    </message>
    <message>
        <source>Phone number to opt out</source>
        <translation>Nomor telepon untuk opt-out</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Opt-out</translation>
    </message>
</context>
<context>
    <name>herald::ui::OverviewCharts</name>
    <message>
        <source>Messages sent and failed</source>
        <translation>Pesan terkirim dan gagal</translation>
    </message>
    <message>
        <source>Throughput (messages per second)</source>
        <translation>Throughput (pesan per detik)</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Sent and failed per second</source>
        <translation>Terkirim dan gagal per detik</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Membaca riwayat…</translation>
    </message>
    <message>
        <source>Select a campaign to see how its sending went.</source>
        <translation>Pilih kampanye untuk melihat jalannya pengiriman.</translation>
    </message>
    <message>
        <source>The campaign&apos;s history cannot be read: %1</source>
        <translation>Riwayat kampanye tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Nothing sent yet: the charts begin with the first answer from WhatsApp.</source>
        <translation>Belum ada yang terkirim: grafik dimulai dengan jawaban pertama dari WhatsApp.</translation>
    </message>
    <message>
        <source>Not sent yet: the charts begin when the campaign starts sending.</source>
        <translation>Belum dikirim: grafik dimulai saat kampanye mulai mengirim.</translation>
    </message>
    <message>
        <source>Nothing was sent in this campaign.</source>
        <translation>Tidak ada yang dikirim dalam kampanye ini.</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed</source>
        <translation>%1 terkirim, %2 gagal</translation>
    </message>
    <message>
        <source> — peak %1 messages/s, average %2 messages/s over %3 of sending</source>
        <translation> — puncak %1 pesan/dtk, rata-rata %2 pesan/dtk selama %3 pengiriman</translation>
    </message>
    <message>
        <source>No per-minute history is stored for this campaign (%1 sent, %2 failed). Tools ▸ Repair counters… rebuilds it from the messages&apos; own times.</source>
        <translation>Tidak ada riwayat per menit yang tersimpan untuk kampanye ini (%1 terkirim, %2 gagal). Alat ▸ Perbaiki penghitung… membangunnya kembali dari waktu pesan itu sendiri.</translation>
    </message>
    <message>
        <source>. The history does not add up to the campaign&apos;s counters (%1 sent, %2 failed); Tools ▸ Repair counters… rebuilds it.</source>
        <translation>. Riwayat tidak cocok dengan penghitung kampanye (%1 terkirim, %2 gagal); Alat ▸ Perbaiki penghitung… membangunnya kembali.</translation>
    </message>
</context>
<context>
    <name>herald::ui::PageMessage</name>
    <message>
        <source>Hide this message</source>
        <translation>Sembunyikan pesan ini</translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersModel</name>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 pesan/dtk</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Bawaan</translation>
    </message>
    <message>
        <source>Campaigns without a number of their own send from this one (Cloud API → Phone number ID).</source>
        <translation>Kampanye tanpa nomor sendiri mengirim dari nomor ini (Cloud API → ID nomor telepon).</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>ID nomor telepon</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>Batas</translation>
    </message>
    <message>
        <source>The most messages per second a console or herald-cli run sends from this number.</source>
        <translation>Pesan per detik paling banyak yang dikirim sebuah konsol atau run herald-cli dari nomor ini.</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>Ditambahkan %1</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Kondisi</translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersSection</name>
    <message>
        <source>Add</source>
        <translation>Tambah</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Hapus…</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Nomor telepon</translation>
    </message>
    <message>
        <source>The account&apos;s numbers</source>
        <translation>Nomor-nomor akun</translation>
    </message>
    <message>
        <source>Add or change a number</source>
        <translation>Tambah atau ubah nomor</translation>
    </message>
    <message>
        <source>Digits, from WhatsApp Manager</source>
        <translation>Angka, dari WhatsApp Manager</translation>
    </message>
    <message>
        <source>Meta&apos;s numeric phone number ID, not the phone number itself.</source>
        <translation>ID numerik nomor telepon dari Meta, bukan nomor teleponnya.</translation>
    </message>
    <message>
        <source>Optional, e.g. Sales</source>
        <translation>Opsional, mis. Penjualan</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> pesan/dtk</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID nomor telepon:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <source>Ceiling:</source>
        <translation>Batas:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Ubah</translation>
    </message>
    <message>
        <source>The phone numbers cannot be read: %1</source>
        <translation>Nomor telepon tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>A number not listed sends at the rate ceiling on the Sending tab: %1 msg/s.</source>
        <translation>Nomor yang tidak terdaftar mengirim sesuai batas di tab Pengiriman: %1 pesan/dtk.</translation>
    </message>
    <message>
        <source>%1 was not stored: %2</source>
        <translation>%1 tidak disimpan: %2</translation>
    </message>
    <message>
        <source>Added %1: at most %2 msg/s.</source>
        <translation>%1 ditambahkan: paling banyak %2 pesan/dtk.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 msg/s.</source>
        <translation>%1 diubah: paling banyak %2 pesan/dtk.</translation>
    </message>
    <message>
        <source>Remove phone number</source>
        <translation>Hapus nomor telepon</translation>
    </message>
    <message>
        <source>Remove %1 from the account&apos;s numbers? Campaigns sending from it afterwards use the rate ceiling on the Sending tab.</source>
        <translation>Hapus %1 dari nomor-nomor akun? Kampanye yang mengirim darinya setelah itu memakai batas di tab Pengiriman.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation>%1 tidak dihapus: %2</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 dihapus.</translation>
    </message>
    <message>
        <source>%1 was already removed.</source>
        <translation>%1 sudah dihapus.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number. Meta allows 80, up to 1,000 for upgraded numbers.</source>
        <translation>Pesan per detik paling banyak dari nomor ini. Meta mengizinkan 80, hingga 1.000 untuk nomor yang ditingkatkan.</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker sending from a number keeps to its ceiling together with the others. Stored with the database and changed at once, like herald-cli numbers.</source>
        <translation>Setiap konsol, herald-cli run, dan worker yang mengirim dari sebuah nomor bersama-sama mematuhi batasnya. Disimpan bersama basis data dan langsung berubah, seperti herald-cli numbers.</translation>
    </message>
    <message>
        <source>Check health</source>
        <translation>Periksa kondisi</translation>
    </message>
    <message>
        <source>Asks Meta about each number&apos;s quality rating, messaging limit and status, as herald-cli numbers health does.</source>
        <translation>Menanyakan ke Meta peringkat kualitas, batas pesan, dan status setiap nomor, seperti herald-cli numbers health.</translation>
    </message>
    <message>
        <source>The default number %1 (Cloud API tab): %2.</source>
        <translation>Nomor bawaan %1 (tab Cloud API): %2.</translation>
    </message>
    <message>
        <source>Asking Meta about the numbers…</source>
        <translation>Menanyakan nomor-nomor ke Meta…</translation>
    </message>
    <message>
        <source>No access token is set. Enter it on the Cloud API tab and check again.</source>
        <translation>Belum ada token akses. Masukkan di tab Cloud API lalu periksa lagi.</translation>
    </message>
    <message numerus="yes">
        <source>Meta answered for %n number(s).</source>
        <translation>
            <numerusform>Meta menjawab untuk %n nomor.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read: the Health column&apos;s tooltip says why.</source>
        <translation>
            <numerusform>%n tidak dapat dibaca: keterangan kolom Kondisi menjelaskan alasannya.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::PhonePage</name>
    <message>
        <source>Only &amp;mobile numbers (skip numbers that can only be landlines)</source>
        <translation>Hanya nomor &amp;seluler (lewati nomor yang hanya bisa berupa telepon tetap)</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Nomor telepon</translation>
    </message>
    <message>
        <source>Check the column Herald reads the numbers from and how it will send them.</source>
        <translation>Periksa kolom tempat Herald membaca nomor dan cara Herald akan mengirimnya.</translation>
    </message>
    <message>
        <source>e.g. DE</source>
        <translation>mis. ID</translation>
    </message>
    <message>
        <source>Phone &amp;column:</source>
        <translation>&amp;Kolom telepon:</translation>
    </message>
    <message>
        <source>for numbers written without a country code (+49 …)</source>
        <translation>untuk nomor yang ditulis tanpa kode negara (+62 …)</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Tidak ada kolom yang tampak berisi nomor telepon: pilih kolom yang berisi nomor.</translation>
    </message>
    <message>
        <source>You chose this column.</source>
        <translation>Anda memilih kolom ini.</translation>
    </message>
    <message>
        <source>%1 of the file&apos;s %2 rows have a number Herald can send to.</source>
        <translation>%1 dari %2 baris file memiliki nomor yang dapat dikirimi Herald.</translation>
    </message>
    <message>
        <source>%1 of the first %2 rows have a number Herald can send to; the import checks every row.</source>
        <translation>%1 dari %2 baris pertama memiliki nomor yang dapat dikirimi Herald; impor memeriksa setiap baris.</translation>
    </message>
    <message>
        <source>Sample of the numbers</source>
        <translation>Contoh nomor</translation>
    </message>
    <message>
        <source>&amp;Default country:</source>
        <translation>Negara &amp;bawaan:</translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersModel</name>
    <message>
        <source>Sending</source>
        <translation>Mengirim</translation>
    </message>
    <message>
        <source>Out of the pool</source>
        <translation>Di luar kumpulan</translation>
    </message>
    <message>
        <source>Out of the pool since %1: %2</source>
        <translation>Di luar kumpulan sejak %1: %2</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>ID nomor telepon</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>Why it left</source>
        <translation>Alasan dikeluarkan</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 pesan/dtk</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) sent from this number in the last minute</source>
        <translation>
            <numerusform>%Ln pesan terkirim dari nomor ini dalam menit terakhir</numerusform>
        </translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Laju</translation>
    </message>
</context>
<context>
    <name>herald::ui::PoolNumbersView</name>
    <message>
        <source>Move recipients…</source>
        <translation>Pindahkan penerima…</translation>
    </message>
    <message>
        <source>Phone numbers of the campaign</source>
        <translation>Nomor telepon kampanye</translation>
    </message>
    <message>
        <source>Send the recipients waiting for numbers out of the pool from the numbers still in it.</source>
        <translation>Kirim ke penerima yang menunggu nomor di luar kumpulan dari nomor yang masih ada di dalamnya.</translation>
    </message>
    <message>
        <source>The campaign&apos;s numbers cannot be read: %1</source>
        <translation>Nomor kampanye tidak dapat dibaca: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent from %Ln phone number(s) of the account; each recipient always from the same one.</source>
        <translation>
            <numerusform>Dikirim dari %Ln nomor telepon akun; setiap penerima selalu dari nomor yang sama.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for numbers taken out of the pool: move them to the others, then resume.</source>
        <translation>
            <numerusform>%Ln penerima menunggu nomor yang dikeluarkan dari kumpulan: pindahkan ke nomor lain, lalu lanjutkan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move recipients</source>
        <translation>Pindahkan penerima</translation>
    </message>
    <message>
        <source>Move the %1 recipients waiting for %2 to %3? They will be sent from those numbers once you resume the campaign. The move is recorded.</source>
        <translation>Pindahkan %1 penerima yang menunggu %2 ke %3? Mereka akan dikirimi dari nomor itu setelah Anda melanjutkan kampanye. Pemindahan ini dicatat.</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Pindahkan</translation>
    </message>
    <message>
        <source>the console on %1</source>
        <translation>konsol di %1</translation>
    </message>
    <message>
        <source>The recipients were not moved: %1</source>
        <translation>Penerima tidak dipindahkan: %1</translation>
    </message>
    <message>
        <source>Moved %1 recipients. Resume the campaign to send them.</source>
        <translation>%1 penerima dipindahkan. Lanjutkan kampanye untuk mengirimnya.</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursPanel</name>
    <message>
        <source>Recipients outside their window wait: they are not failed and not counted, and are sent when their window opens.</source>
        <translation>Penerima di luar rentang waktunya menunggu: mereka tidak dianggap gagal dan tidak dihitung, dan dikirimi saat rentang waktunya dibuka.</translation>
    </message>
    <message>
        <source>Counting who waits for their window…</source>
        <translation>Menghitung siapa yang menunggu rentang waktunya…</translation>
    </message>
    <message>
        <source>Who waits for their window is not known: %1</source>
        <translation>Tidak diketahui siapa yang menunggu rentang waktunya: %1</translation>
    </message>
    <message>
        <source>%1–%2 in each recipient&apos;s local time</source>
        <translation>%1–%2 dalam waktu setempat setiap penerima</translation>
    </message>
    <message>
        <source>%1, weekdays only</source>
        <translation>%1, hanya hari kerja</translation>
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
        <translation>✓ Setiap penerima yang tersisa kini berada dalam rentang waktunya</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for their window now</source>
        <translation>
            <numerusform>%Ln penerima kini menunggu rentang waktunya</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; the next opens %2 (your time) for %3</source>
        <translation>%1; rentang berikutnya dibuka %2 (waktu Anda) selama %3</translation>
    </message>
    <message>
        <source>Sends only %1</source>
        <translation>Hanya mengirim %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursSection</name>
    <message>
        <source>&amp;weekdays only (Monday to Friday)</source>
        <translation>&amp;hari kerja saja (Senin sampai Jumat)</translation>
    </message>
    <message>
        <source>and</source>
        <translation>dan</translation>
    </message>
    <message>
        <source>in the recipient&apos;s local time</source>
        <translation>dalam waktu setempat penerima</translation>
    </message>
    <message>
        <source>The recipients&apos; countries could not be counted: %1</source>
        <translation>Negara penerima tidak dapat dihitung: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The zone Herald uses for every recipient in %1.</source>
        <translation>Zona yang digunakan Herald untuk setiap penerima di %1.</translation>
    </message>
    <message>
        <source>Time zone for %1:</source>
        <translation>Zona waktu untuk %1:</translation>
    </message>
    <message>
        <source>Recipients by country: %1</source>
        <translation>Penerima per negara: %1</translation>
    </message>
    <message>
        <source>Counting who would wait…</source>
        <translation>Menghitung siapa yang akan menunggu…</translation>
    </message>
    <message>
        <source>Who would wait could not be counted: %1</source>
        <translation>Siapa yang akan menunggu tidak dapat dihitung: %1</translation>
    </message>
    <message>
        <source>✓ At the start (%1) every recipient is inside the window.</source>
        <translation>✓ Saat mulai (%1) setiap penerima berada dalam rentang waktunya.</translation>
    </message>
    <message>
        <source>✓ Right now every recipient is inside the window.</source>
        <translation>✓ Saat ini setiap penerima berada dalam rentang waktunya.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait at the start (%1), outside their window (not failed); the next window opens %2 your time, for %3.</source>
        <translation>
            <numerusform>%Ln penerima akan menunggu saat mulai (%1), di luar rentang waktunya (tidak gagal); rentang berikutnya dibuka %2 waktu Anda, selama %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait right now (outside their window, not failed); the next window opens %1 your time, for %2.</source>
        <translation>
            <numerusform>%Ln penerima akan menunggu saat ini (di luar rentang waktunya, tidak gagal); rentang berikutnya dibuka %1 waktu Anda, selama %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Only send between</source>
        <translation>Hanya kirim an&amp;tara</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardDialog</name>
    <message>
        <source>Rate card</source>
        <translation>Kartu tarif</translation>
    </message>
    <message>
        <source>Reading the rate card…</source>
        <translation>Membaca kartu tarif…</translation>
    </message>
    <message>
        <source>The rate card cannot be read: %1</source>
        <translation>Kartu tarif tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>The rate card %1 is no longer stored.</source>
        <translation>Kartu tarif %1 sudah tidak tersimpan.</translation>
    </message>
    <message>
        <source>Rate card: %1</source>
        <translation>Kartu tarif: %1</translation>
    </message>
    <message>
        <source>%1, effective %2. Prices in %3 per delivered template message, by the recipient&apos;s market and the template&apos;s category.</source>
        <translation>%1, berlaku mulai %2. Harga dalam %3 per pesan templat yang tersampaikan, menurut pasar penerima dan kategori templat.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: its prices are illustrative, not Meta&apos;s.</source>
        <translation>Ini adalah kartu contoh Herald: harganya hanya ilustrasi, bukan harga Meta.</translation>
    </message>
    <message>
        <source>Imported from %1 on %2.</source>
        <translation>Diimpor dari %1 pada %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardPricesModel</name>
    <message>
        <source>every other country</source>
        <translation>setiap negara lainnya</translation>
    </message>
    <message>
        <source>%1 is not priced in this market</source>
        <translation>%1 tidak diberi harga di pasar ini</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Pasar</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Negara</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardSection</name>
    <message>
        <source>Import…</source>
        <translation>Impor…</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>Lihat…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Hapus…</translation>
    </message>
    <message>
        <source>Stored rate cards</source>
        <translation>Kartu tarif tersimpan</translation>
    </message>
    <message>
        <source>Import Meta&apos;s rate card</source>
        <translation>Impor kartu tarif Meta</translation>
    </message>
    <message>
        <source>The file&apos;s name</source>
        <translation>Nama file</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nama:</translation>
    </message>
    <message>
        <source>Effective from:</source>
        <translation>Berlaku mulai:</translation>
    </message>
    <message>
        <source>A CSV file with one row per market: market, countries (ISO codes, * for the rest of the world), currency, then a price column per category (MARKETING, UTILITY, …). Meta publishes one file per currency and date; name it and give its date here.</source>
        <translation>File CSV dengan satu baris per pasar: market, countries (kode ISO, * untuk negara lainnya), currency, lalu satu kolom harga per kategori (MARKETING, UTILITY, …). Meta menerbitkan satu file per mata uang dan tanggal; beri nama dan tentukan tanggalnya di sini.</translation>
    </message>
    <message>
        <source>Meta charges each delivered template message by the template&apos;s category and the recipient&apos;s market. Estimates use the imported card in effect today; with none, Herald&apos;s example card, whose prices are illustrative. Imports and removals are stored at once.</source>
        <translation>Meta menagih setiap pesan templat yang tersampaikan menurut kategori templat dan pasar penerima. Perkiraan menggunakan kartu impor yang berlaku hari ini; jika tidak ada, kartu contoh Herald, yang harganya hanya ilustrasi. Impor dan penghapusan langsung disimpan.</translation>
    </message>
    <message>
        <source>The rate cards cannot be read: %1</source>
        <translation>Kartu tarif tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>No rate card is stored yet: estimates use Herald&apos;s example card until you import Meta&apos;s.</source>
        <translation>Belum ada kartu tarif yang tersimpan: perkiraan menggunakan kartu contoh Herald sampai Anda mengimpor kartu Meta.</translation>
    </message>
    <message>
        <source>Import a rate card</source>
        <translation>Impor kartu tarif</translation>
    </message>
    <message>
        <source>Rate cards (*.csv *.txt);;All files (*)</source>
        <translation>Kartu tarif (*.csv *.txt);;Semua file (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Membaca %1…</translation>
    </message>
    <message>
        <source>The rate card was not stored: %1</source>
        <translation>Kartu tarif tidak disimpan: %1</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>Tidak ada yang diimpor. %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported &quot;%1&quot;: %n market(s) in %2, effective %3.</source>
        <translation>
            <numerusform>&quot;%1&quot; diimpor: %n pasar dalam %2, berlaku mulai %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the rate card &quot;%1&quot; (effective %2)? Estimates made with it keep their figures.</source>
        <translation>Hapus kartu tarif &quot;%1&quot; (berlaku mulai %2)? Perkiraan yang dibuat dengannya tetap mempertahankan angkanya.</translation>
    </message>
    <message>
        <source>Herald installs its example card again when an estimate needs a card and none is imported.</source>
        <translation>Herald memasang kartu contohnya lagi saat perkiraan memerlukan kartu dan tidak ada kartu yang diimpor.</translation>
    </message>
    <message>
        <source>Estimates use it now; afterwards they use the next card in effect.</source>
        <translation>Perkiraan menggunakannya sekarang; setelah itu perkiraan menggunakan kartu berikutnya yang berlaku.</translation>
    </message>
    <message>
        <source>Remove rate card</source>
        <translation>Hapus kartu tarif</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <source>The rate card was not removed: %1</source>
        <translation>Kartu tarif tidak dihapus: %1</translation>
    </message>
    <message>
        <source>Removed &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; dihapus.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was already removed.</source>
        <translation>&quot;%1&quot; sudah dihapus sebelumnya.</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Kartu tarif</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardTableModel</name>
    <message>
        <source>Imported from %1 on %2</source>
        <translation>Diimpor dari %1 pada %2</translation>
    </message>
    <message>
        <source>Herald&apos;s example card: illustrative prices, not Meta&apos;s. It is used only while no imported card exists.</source>
        <translation>Kartu contoh Herald: harga ilustrasi, bukan harga Meta. Hanya digunakan selama belum ada kartu yang diimpor.</translation>
    </message>
    <message>
        <source>Example (not Meta&apos;s prices)</source>
        <translation>Contoh (bukan harga Meta)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Diimpor</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Digunakan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Berlaku</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Mata uang</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Pasar</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Harga</translation>
    </message>
    <message>
        <source>Estimates</source>
        <translation>Perkiraan</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsModel</name>
    <message>
        <source>The message&apos;s ID at WhatsApp (wamid), for Meta support and delivery reports.</source>
        <translation>ID pesan di WhatsApp (wamid), untuk dukungan Meta dan laporan pengiriman.</translation>
    </message>
    <message>
        <source>When the message was sent, or when it failed.</source>
        <translation>Waktu pesan dikirim, atau waktu pesan gagal.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telepon</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>Message ID</source>
        <translation>ID pesan</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Kesalahan</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Menunggu coba ulang</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Mengirim</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n percobaan</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation>Gagal %1</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Terkirim %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsView</name>
    <message>
        <source>Any status</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Tertunda</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Terkirim</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <source>Search phone…</source>
        <translation>Cari telepon…</translation>
    </message>
    <message>
        <source>Numbers starting with what you type when it starts with + or 00, otherwise numbers containing it. Spaces and dashes are ignored.</source>
        <translation>Nomor yang diawali dengan teks yang Anda ketik jika diawali + atau 00, selain itu nomor yang memuatnya. Spasi dan tanda hubung diabaikan.</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Menunggu coba ulang</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>Semua alasan</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Could not read the recipients: %1</source>
        <translation>Tidak dapat membaca penerima: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Menghitung…</translation>
    </message>
    <message>
        <source>Search recipients</source>
        <translation>Cari penerima</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s), showing %1–%2</source>
        <translation>
            <numerusform>%Ln penerima, menampilkan %1–%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Penerima</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln penerima</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairDialog</name>
    <message>
        <source>Recount</source>
        <translation>Hitung ulang</translation>
    </message>
    <message>
        <source>Apply repairs</source>
        <translation>Terapkan perbaikan</translation>
    </message>
    <message>
        <source>Upgrade the database</source>
        <translation>Tingkatkan basis data</translation>
    </message>
    <message>
        <source>Repair counters</source>
        <translation>Perbaiki penghitung</translation>
    </message>
    <message>
        <source>The database is incomplete</source>
        <translation>Basis data tidak lengkap</translation>
    </message>
    <message>
        <source>This database is older than Herald: upgrading it adds what is missing, in one transaction. Nothing is sent until the schema is whole.</source>
        <translation>Basis data ini dibuat oleh Herald versi lama: peningkatan menambahkan bagian yang kurang, dalam satu transaksi. Tidak ada yang dikirim sampai skema lengkap.</translation>
    </message>
    <message>
        <source>Parts of the database&apos;s schema are missing or wrong, and upgrading will not bring them back. Herald sends nothing until they are restored: restore the database from a backup, or ask whoever administers it to recreate what is listed (`herald-cli doctor` prints the same list).</source>
        <translation>Sebagian skema basis data hilang atau salah, dan peningkatan tidak akan mengembalikannya. Herald tidak mengirim apa pun sampai bagian itu dipulihkan: pulihkan basis data dari cadangan, atau minta administratornya membuat ulang yang tercantum (`herald-cli doctor` mencetak daftar yang sama).</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found by the schema check.</source>
        <translation>
            <numerusform>%n masalah ditemukan oleh pemeriksaan skema.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recounting every campaign&apos;s messages…</source>
        <translation>Menghitung ulang pesan setiap kampanye…</translation>
    </message>
    <message>
        <source>The recount failed: %1</source>
        <translation>Penghitungan ulang gagal: %1</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) match their messages (recounted in %1).</source>
        <translation>
            <numerusform>Semua %n kampanye sesuai dengan pesannya (dihitung ulang dalam %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) do not match their messages. Apply repairs to set them to the recount, in one transaction.</source>
        <translation>
            <numerusform>%n kampanye tidak sesuai dengan pesannya. Terapkan perbaikan untuk menyesuaikannya dengan hasil hitung ulang, dalam satu transaksi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>Memperbaiki…</translation>
    </message>
    <message>
        <source>The repair failed and changed nothing: %1</source>
        <translation>Perbaikan gagal dan tidak mengubah apa pun: %1</translation>
    </message>
    <message>
        <source>Repaired. Every campaign now matches its messages.</source>
        <translation>Diperbaiki. Setiap kampanye kini sesuai dengan pesannya.</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) still differ: messages changed while repairing; recount and apply again.</source>
        <translation>
            <numerusform>%n kampanye masih berbeda: pesan berubah selama perbaikan; hitung ulang lalu terapkan lagi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Upgrading the database…</source>
        <translation>Meningkatkan basis data…</translation>
    </message>
    <message>
        <source>The upgrade failed and changed nothing: %1</source>
        <translation>Peningkatan gagal dan tidak mengubah apa pun: %1</translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)), but the schema is still incomplete.</source>
        <translation>
            <numerusform>Ditingkatkan (%n langkah), tetapi skema masih belum lengkap.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)).</source>
        <translation>
            <numerusform>Ditingkatkan (%n langkah).</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign counters</source>
        <translation>Penghitung kampanye</translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairModel</name>
    <message>
        <source>%1 / %2 of %3</source>
        <translation>%1 / %2 dari %3</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanye</translation>
    </message>
    <message>
        <source>Stored sent / failed</source>
        <translation>Terkirim / gagal tersimpan</translation>
    </message>
    <message>
        <source>Recounted sent / failed</source>
        <translation>Terkirim / gagal dihitung ulang</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Needs repair</source>
        <translation>Perlu perbaikan</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>✓ correct</source>
        <translation>✓ benar</translation>
    </message>
    <message>
        <source>⚠ counters</source>
        <translation>⚠ penghitung</translation>
    </message>
    <message>
        <source>⚠ history</source>
        <translation>⚠ riwayat</translation>
    </message>
    <message>
        <source>The counters are right, but the per-minute history the charts draw does not add up to them: repair rebuilds it from the messages&apos; own times.</source>
        <translation>Penghitungnya benar, tetapi riwayat per menit yang digambar grafik tidak sesuai dengannya: perbaikan membangunnya kembali dari waktu pesan itu sendiri.</translation>
    </message>
    <message>
        <source>Repair sets the stored figures to the recount.</source>
        <translation>Perbaikan menetapkan angka tersimpan sesuai hasil hitung ulang.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ResendDialog</name>
    <message>
        <source>Resend failed messages — %1</source>
        <translation>Kirim ulang pesan yang gagal — %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Membaca kegagalan…</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Kirim ulang</translation>
    </message>
    <message>
        <source>These messages may have reached their recipients: resending may deliver them twice.</source>
        <translation>Pesan-pesan ini mungkin sudah sampai ke penerimanya: pengiriman ulang dapat menyampaikannya dua kali.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Tidak ada pesan kampanye ini yang gagal.</translation>
    </message>
    <message>
        <source>Failure reasons to resend</source>
        <translation>Alasan kegagalan yang dikirim ulang</translation>
    </message>
    <message>
        <source>Some of the ticked messages may already have been delivered (the sender stopped or Meta did not answer): resending them may message those people twice.</source>
        <translation>Sebagian pesan yang dicentang mungkin sudah tersampaikan (pengirim berhenti atau Meta tidak menjawab): mengirim ulang dapat membuat orang tersebut menerima pesan dua kali.</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s)</source>
        <translation>
            <numerusform>%1 — %Ln pesan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s): %2</source>
        <translation>
            <numerusform>%1 — %Ln pesan: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) failed. Tick the reasons to send again; opted-out numbers are never resent.</source>
        <translation>
            <numerusform>%Ln pesan gagal. Centang alasan yang akan dikirim lagi; nomor yang memilih opt-out tidak pernah dikirimi ulang.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resend messages that may have arrived?</source>
        <translation>Kirim ulang pesan yang mungkin sudah sampai?</translation>
    </message>
    <message>
        <source>Meta may already have delivered some of these messages; their recipients would get them twice. Resend them anyway?</source>
        <translation>Meta mungkin sudah menyampaikan sebagian pesan ini; penerimanya akan menerimanya dua kali. Tetap kirim ulang?</translation>
    </message>
    <message>
        <source>Resend anyway</source>
        <translation>Tetap kirim ulang</translation>
    </message>
</context>
<context>
    <name>herald::ui::RetentionSchedule</name>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n penerima</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n kampanye</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n hari</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention: erased the details of %1 in %2 finished more than %3 ago; the counts are kept.</source>
        <translation>Retensi: detail %1 di %2 yang selesai lebih dari %3 lalu telah dihapus; jumlahnya tetap.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ReviewPage</name>
    <message>
        <source>Cancel import</source>
        <translation>Batalkan impor</translation>
    </message>
    <message>
        <source>Open rejected rows…</source>
        <translation>Buka baris yang ditolak…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Periksa lagi</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Kirim &amp;uji</translation>
    </message>
    <message>
        <source>Retry messages whose answer was lost (a recipient may get one twice)</source>
        <translation>Coba ulang pesan yang jawabannya hilang (penerima mungkin menerimanya dua kali)</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Tinjauan</translation>
    </message>
    <message>
        <source>Herald imports the file into a draft campaign. Nothing is sent until you start it.</source>
        <translation>Herald mengimpor file ke kampanye draf. Tidak ada yang dikirim sampai Anda memulainya.</translation>
    </message>
    <message>
        <source>Imported:</source>
        <translation>Diimpor:</translation>
    </message>
    <message>
        <source>Duplicates in the file:</source>
        <translation>Duplikat dalam file:</translation>
    </message>
    <message>
        <source>Already in the campaign:</source>
        <translation>Sudah ada dalam kampanye:</translation>
    </message>
    <message>
        <source>Opted out:</source>
        <translation>Opt-out:</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>Ditolak:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>your own number, e.g. +49 151 23456789</source>
        <translation>nomor Anda sendiri, mis. +62 812 34567890</translation>
    </message>
    <message>
        <source>WhatsApp account</source>
        <translation>Akun WhatsApp</translation>
    </message>
    <message>
        <source>Test message to:</source>
        <translation>Pesan uji ke:</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> pesan/dtk</translation>
    </message>
    <message>
        <source>the number&apos;s ceiling</source>
        <translation>batas atas nomor</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Pengiriman</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>Maksimal:</translation>
    </message>
    <message>
        <source>When to send</source>
        <translation>Waktu pengiriman</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Jam tenang</translation>
    </message>
    <message>
        <source>Cost estimate</source>
        <translation>Perkiraan biaya</translation>
    </message>
    <message>
        <source>Cancelling: the import is rolled back…</source>
        <translation>Membatalkan: impor sedang dikembalikan…</translation>
    </message>
    <message>
        <source>%1 rows read…</source>
        <translation>%1 baris dibaca…</translation>
    </message>
    <message>
        <source>The campaign could not be created: %1 Go back to change it.</source>
        <translation>Kampanye tidak dapat dibuat: %1 Kembali untuk mengubahnya.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Mengimpor %1…</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the campaign &quot;%2&quot; in %3.</source>
        <translation>%1 baris file dibaca ke kampanye &quot;%2&quot; dalam %3.</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the draft campaign &quot;%2&quot; in %3.</source>
        <translation>%1 baris file dibaca ke kampanye draf &quot;%2&quot; dalam %3.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 md</translation>
    </message>
    <message>
        <source>The import was cancelled: nothing was kept. Go back, or close the wizard.</source>
        <translation>Impor dibatalkan: tidak ada yang disimpan. Kembali, atau tutup wizard.</translation>
    </message>
    <message>
        <source>The file cannot be imported: %1 Go back to change how it is read.</source>
        <translation>File tidak dapat diimpor: %1 Kembali untuk mengubah cara membacanya.</translation>
    </message>
    <message>
        <source> — e.g. line %1: %2</source>
        <translation> — mis. baris %1: %2</translation>
    </message>
    <message>
        <source>%1 × %2%3</source>
        <translation>%1 × %2%3</translation>
    </message>
    <message>
        <source>No row was rejected.</source>
        <translation>Tidak ada baris yang ditolak.</translation>
    </message>
    <message>
        <source>✓ Every message has a value for each of the template&apos;s variables.</source>
        <translation>✓ Setiap pesan memiliki nilai untuk setiap variabel templat.</translation>
    </message>
    <message>
        <source>Checking the access token and the phone number with WhatsApp…</source>
        <translation>Memeriksa token akses dan nomor telepon dengan WhatsApp…</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>✗ WhatsApp refused the check: %1</source>
        <translation>✗ WhatsApp menolak pemeriksaan: %1</translation>
    </message>
    <message>
        <source>✓ Token accepted; sending from %1 (%2), quality %3, limit %4.</source>
        <translation>✓ Token diterima; mengirim dari %1 (%2), kualitas %3, batas %4.</translation>
    </message>
    <message>
        <source>✗ No row of the file can be sent, so there is nothing to test.</source>
        <translation>✗ Tidak ada baris file yang dapat dikirim, jadi tidak ada yang dapat diuji.</translation>
    </message>
    <message>
        <source>Sending row %1&apos;s message to %2…</source>
        <translation>Mengirim pesan baris %1 ke %2…</translation>
    </message>
    <message>
        <source>✓ Accepted for %1 (%2). Check the phone.</source>
        <translation>✓ Diterima untuk %1 (%2). Periksa ponselnya.</translation>
    </message>
    <message>
        <source>✗ Not sent: %1</source>
        <translation>✗ Tidak terkirim: %1</translation>
    </message>
    <message>
        <source>Send from:</source>
        <translation>Kirim dari:</translation>
    </message>
</context>
<context>
    <name>herald::ui::ScheduleSection</name>
    <message>
        <source>&amp;Keep it as a draft (start it later from the campaign list)</source>
        <translation>&amp;Simpan sebagai draf (mulai nanti dari daftar kampanye)</translation>
    </message>
    <message>
        <source>&amp;Start sending as soon as the campaign is created</source>
        <translation>&amp;Mulai mengirim segera setelah kampanye dibuat</translation>
    </message>
    <message>
        <source>Start &amp;at:</source>
        <translation>Mulai pa&amp;da:</translation>
    </message>
    <message>
        <source>Your local time; Herald stores it in UTC.</source>
        <translation>Waktu setempat Anda; Herald menyimpannya dalam UTC.</translation>
    </message>
    <message>
        <source>your local time</source>
        <translation>waktu setempat Anda</translation>
    </message>
    <message>
        <source>%1 has passed: choose a later time, or start now.</source>
        <translation>%1 sudah lewat: pilih waktu yang lebih lambat, atau mulai sekarang.</translation>
    </message>
    <message>
        <source>&amp;Leave the campaign as it is (start or resume it later from the list)</source>
        <translation>&amp;Biarkan kampanye apa adanya (mulai atau lanjutkan nanti dari daftar)</translation>
    </message>
    <message>
        <source>&amp;Start or resume sending once the contacts are added</source>
        <translation>&amp;Mulai atau lanjutkan pengiriman setelah kontak ditambahkan</translation>
    </message>
</context>
<context>
    <name>herald::ui::SendController</name>
    <message>
        <source>Cannot send</source>
        <translation>Tidak dapat mengirim</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; cannot start</source>
        <translation>Kampanye &quot;%1&quot; tidak dapat dimulai</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: it was running with nobody sending it.</source>
        <translation>Melanjutkan kampanye &quot;%1&quot;: kampanye berjalan tanpa ada yang mengirimnya.</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: %2 stopped sending it.</source>
        <translation>Melanjutkan kampanye &quot;%1&quot;: %2 berhenti mengirimnya.</translation>
    </message>
    <message>
        <source>Start campaign &quot;%1&quot;?</source>
        <translation>Mulai kampanye &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Mulai</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>dijeda oleh pengguna</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>dibatalkan oleh pengguna</translation>
    </message>
    <message>
        <source>The campaign could not be changed</source>
        <translation>Kampanye tidak dapat diubah</translation>
    </message>
    <message>
        <source>Herald was closed; the campaign continues when a sender picks it up.</source>
        <translation>Herald ditutup; kampanye berlanjut saat ada pengirim yang mengambilnya.</translation>
    </message>
    <message>
        <source>A scheduled campaign could not start</source>
        <translation>Kampanye terjadwal tidak dapat dimulai</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started as scheduled.</source>
        <translation>Kampanye &quot;%1&quot; dimulai sesuai jadwal.</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1.</source>
        <translation>
            <numerusform>Menahan: %Ln penerima di luar jam tenang; rentang berikutnya dibuka pada %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendFromSection</name>
    <message>
        <source>Phone numbers to send from</source>
        <translation>Nomor telepon untuk mengirim</translation>
    </message>
    <message>
        <source>(at most %1 msg/s; the default number)</source>
        <translation>(paling banyak %1 pesan/dtk; nomor bawaan)</translation>
    </message>
    <message>
        <source>(at most %1 msg/s)</source>
        <translation>(paling banyak %1 pesan/dtk)</translation>
    </message>
    <message>
        <source>The phone numbers could not be read: %1</source>
        <translation>Nomor telepon tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Tick at least one phone number to send from.</source>
        <translation>Centang setidaknya satu nomor telepon untuk mengirim.</translation>
    </message>
    <message numerus="yes">
        <source>Each recipient is sent from one of the %Ln numbers, always the same one; each number sends at its own ceiling. A number Meta limits leaves the pool and the others go on.</source>
        <translation>
            <numerusform>Setiap penerima dikirimi dari salah satu dari %Ln nomor, selalu yang sama; setiap nomor mengirim pada batasnya sendiri. Nomor yang dibatasi Meta keluar dari kumpulan dan yang lain tetap berjalan.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SenderStatusBar</name>
    <message>
        <source>Database: %1</source>
        <translation>Basis data: %1</translation>
    </message>
    <message>
        <source>The database this window reads and writes. Change it in Settings.</source>
        <translation>Basis data yang dibaca dan ditulis jendela ini. Ubah di Pengaturan.</translation>
    </message>
    <message>
        <source>Sender: idle</source>
        <translation>Pengirim: siaga</translation>
    </message>
    <message numerus="yes">
        <source>Sender: sending %n campaign(s)</source>
        <translation>
            <numerusform>Pengirim: mengirim %n kampanye</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n sedang dikirim</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports delivered and read by webhook. Check that herald-cli webhooks serve is running and reachable; herald-cli webhooks status shows its last callback.</source>
        <translation>Meta melaporkan status tersampaikan dan dibaca melalui webhook. Pastikan herald-cli webhooks serve berjalan dan dapat dijangkau; herald-cli webhooks status menampilkan callback terakhirnya.</translation>
    </message>
    <message>
        <source>No delivery callback for %1 in %2 min</source>
        <translation>Tidak ada callback pengiriman untuk %1 dalam %2 mnt</translation>
    </message>
    <message numerus="yes">
        <source>No delivery callback for %n running campaign(s) in 10 min</source>
        <translation>
            <numerusform>Tidak ada callback pengiriman untuk %n kampanye yang berjalan dalam 10 mnt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersModel</name>
    <message>
        <source>Console</source>
        <translation>Konsol</translation>
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
        <translation>%1 (konsol ini)</translation>
    </message>
    <message>
        <source>Silent since %1</source>
        <translation>Diam sejak %1</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Menganggur</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Mengirim</translation>
    </message>
    <message>
        <source>%1 (process %2)</source>
        <translation>%1 (proses %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 pesan/dtk</translation>
    </message>
    <message>
        <source>Not heard since %1. Its campaigns are taken over by the next sender, and the messages it had in flight end failed &quot;interrupted&quot;.</source>
        <translation>Tidak terdengar sejak %1. Kampanyenya diambil alih pengirim berikutnya, dan pesan yang sedang dikirimnya berakhir gagal &quot;terputus&quot;.</translation>
    </message>
    <message>
        <source>Told to send: %1</source>
        <translation>Ditugaskan mengirim: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Komputer</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Kampanye</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Laju</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Keadaan</translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersPage</name>
    <message>
        <source>Senders</source>
        <translation>Pengirim</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker using this database, and the campaigns each sends. Workers may share a campaign; a console or a run sends one alone. One not heard for 10 s is silent: its campaigns go to the next sender.</source>
        <translation>Setiap konsol, herald-cli run, dan worker yang memakai basis data ini, serta kampanye yang dikirim masing-masing. Worker boleh berbagi kampanye; konsol atau run mengirim sendirian. Yang tidak terdengar selama 10 dtk dianggap diam: kampanyenya pindah ke pengirim berikutnya.</translation>
    </message>
    <message>
        <source>Nothing is sending from this database now.</source>
        <translation>Saat ini tidak ada yang mengirim dari basis data ini.</translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s), of them %1</source>
        <translation>
            <numerusform>%n pengirim, di antaranya %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message numerus="yes">
        <source>%n silent</source>
        <translation>
            <numerusform>%n diam</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingField</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (bawaan)</translation>
    </message>
    <message>
        <source>%1
Stored with the database as %2.</source>
        <translation>%1
Disimpan bersama basis data sebagai %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
    <message>
        <source>Cloud API</source>
        <translation>Cloud API</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Pengiriman</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Komputer ini</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Kartu tarif</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Koneksi</translation>
    </message>
    <message>
        <source>Graph API base URL:</source>
        <translation>URL dasar Graph API:</translation>
    </message>
    <message>
        <source>Graph API version:</source>
        <translation>Versi Graph API:</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID nomor telepon:</translation>
    </message>
    <message>
        <source>Business Account ID:</source>
        <translation>ID Akun Business:</translation>
    </message>
    <message>
        <source>Request timeout (ms):</source>
        <translation>Batas waktu permintaan (md):</translation>
    </message>
    <message>
        <source>Extra CA certificate:</source>
        <translation>Sertifikat CA tambahan:</translation>
    </message>
    <message>
        <source>None: the system&apos;s only</source>
        <translation>Tidak ada: hanya milik sistem</translation>
    </message>
    <message>
        <source>Rate ceiling (msg/s):</source>
        <translation>Batas laju (pesan/dtk):</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>Konkurensi:</translation>
    </message>
    <message>
        <source>No response:</source>
        <translation>Tanpa jawaban:</translation>
    </message>
    <message>
        <source>Contact import</source>
        <translation>Impor kontak</translation>
    </message>
    <message>
        <source>Default region:</source>
        <translation>Wilayah bawaan:</translation>
    </message>
    <message>
        <source>None, e.g. DE or US</source>
        <translation>Tidak ada, mis. ID atau US</translation>
    </message>
    <message>
        <source>These settings are stored with the database, shared by every console and herald-cli that use it (herald-cli config shows them).</source>
        <translation>Pengaturan ini disimpan bersama basis data, dipakai bersama oleh setiap konsol dan herald-cli yang menggunakannya (herald-cli config menampilkannya).</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Bahasa:</translation>
    </message>
    <message>
        <source>Takes effect when Herald is restarted.</source>
        <translation>Berlaku setelah Herald dimulai ulang.</translation>
    </message>
    <message>
        <source>These settings belong to your user account on this computer, not to the database.</source>
        <translation>Pengaturan ini milik akun pengguna Anda di komputer ini, bukan milik basis data.</translation>
    </message>
    <message>
        <source>Reading the settings stored with the database…</source>
        <translation>Membaca pengaturan yang disimpan bersama basis data…</translation>
    </message>
    <message>
        <source>The settings stored with the database cannot be read: %1</source>
        <translation>Pengaturan yang disimpan bersama basis data tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Correct the fields marked in red; nothing was saved.</source>
        <translation>Perbaiki field yang ditandai merah; tidak ada yang disimpan.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Menyimpan…</translation>
    </message>
    <message>
        <source>The settings were not stored with the database: %1</source>
        <translation>Pengaturan tidak disimpan bersama basis data: %1</translation>
    </message>
    <message>
        <source>Not everything was saved: see the messages in red.</source>
        <translation>Tidak semuanya tersimpan: lihat pesan berwarna merah.</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Pengaturan disimpan</translation>
    </message>
    <message>
        <source>Herald uses the database and language you chose when it is restarted.</source>
        <translation>Herald menggunakan basis data dan bahasa yang Anda pilih setelah dimulai ulang.</translation>
    </message>
    <message>
        <source>Keep recipients (days):</source>
        <translation>Retensi (hari):</translation>
    </message>
    <message>
        <source>0: forever</source>
        <translation>0: selamanya</translation>
    </message>
    <message>
        <source>Names, numbers and parameters of campaigns finished longer ago are erased by the console once a day and by herald-cli purge; the counts stay.</source>
        <translation>Nama, nomor, dan parameter kampanye yang selesai lebih lama dari itu dihapus oleh konsol sekali sehari dan oleh herald-cli purge; jumlahnya tetap.</translation>
    </message>
    <message>
        <source>Opt-out replies:</source>
        <translation>Balasan opt-out:</translation>
    </message>
    <message>
        <source>A reply that is exactly one of these words, in any case, puts its sender on the opt-out list once the webhook receiver gets it.</source>
        <translation>Balasan yang persis salah satu kata ini, huruf besar atau kecil, memasukkan pengirimnya ke daftar opt-out begitu penerima webhook menerimanya.</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Nomor telepon</translation>
    </message>
</context>
<context>
    <name>herald::ui::ShortcutTableModel</name>
    <message>
        <source>Window</source>
        <translation>Jendela</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Pintasan</translation>
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
        <translation>Pintasan keyboard</translation>
    </message>
    <message>
        <source>Filter by action, menu or key</source>
        <translation>Saring menurut tindakan, menu, atau tombol</translation>
    </message>
    <message>
        <source>Filter shortcuts</source>
        <translation>Saring pintasan</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateSyncRunner</name>
    <message>
        <source>The API settings cannot be read from the database: %1</source>
        <translation>Pengaturan API tidak dapat dibaca dari basis data: %1</translation>
    </message>
    <message>
        <source>No WhatsApp Business Account ID is set, and templates are listed per account. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>ID Akun WhatsApp Business belum ditetapkan, padahal templat dicantumkan per akun. Masukkan di Pengaturan (Berkas ▸ Pengaturan…) lalu sinkronkan lagi.</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Token akses belum ditetapkan. Masukkan di Pengaturan (Berkas ▸ Pengaturan…) lalu sinkronkan lagi.</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateTableModel</name>
    <message>
        <source>Approved</source>
        <translation>Disetujui</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>Menunggu peninjauan</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Dijeda</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Dinonaktifkan</translation>
    </message>
    <message>
        <source>In appeal</source>
        <translation>Dalam banding</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Pemasaran</translation>
    </message>
    <message>
        <source>Utility</source>
        <translation>Utilitas</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autentikasi</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 hingga %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <source>a recent sync</source>
        <translation>sinkronisasi baru-baru ini</translation>
    </message>
    <message>
        <source>Meta changed this template&apos;s category from %1 to %2 (noticed %3). Meta prices and limits messages by category: check that the template still suits your campaigns.</source>
        <translation>Meta mengubah kategori templat ini dari %1 menjadi %2 (terdeteksi pada %3). Meta menentukan harga dan batas pesan menurut kategori: pastikan templat masih sesuai untuk kampanye Anda.</translation>
    </message>
    <message>
        <source>Only approved templates can be sent.</source>
        <translation>Hanya templat yang disetujui yang dapat dikirim.</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>Herald tidak dapat mengirim templat ini: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>Category before</source>
        <translation>Kategori sebelumnya</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variabel</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Disinkronkan</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplatesPage</name>
    <message>
        <source>Sync with Meta</source>
        <translation>Sinkronkan dengan Meta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Saring berdasarkan nama</translation>
    </message>
    <message>
        <source>Fetch the message templates of the WhatsApp Business Account from Meta</source>
        <translation>Ambil templat pesan Akun WhatsApp Business dari Meta</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>Templat tidak dapat dibaca: %1</translation>
    </message>
    <message>
        <source>Getting the access token…</source>
        <translation>Mengambil token akses…</translation>
    </message>
    <message>
        <source>Asking Meta for the template list…</source>
        <translation>Meminta daftar templat dari Meta…</translation>
    </message>
    <message>
        <source>Reading the template list from Meta: %1 so far</source>
        <translation>Membaca daftar templat dari Meta: %1 sejauh ini</translation>
    </message>
    <message>
        <source> (page %1)</source>
        <translation> (halaman %1)</translation>
    </message>
    <message>
        <source>(Graph error %1)</source>
        <translation>(Kesalahan Graph %1)</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Buka Pengaturan…</translation>
    </message>
    <message>
        <source>Templates synced from Meta: %1 (%2 new, %3 changed, %4 unchanged).</source>
        <translation>Templat disinkronkan dari Meta: %1 (%2 baru, %3 berubah, %4 tidak berubah).</translation>
    </message>
    <message>
        <source>Meta changed the category of %1 (%2) from %3 to %4.</source>
        <translation>Meta mengubah kategori %1 (%2) dari %3 menjadi %4.</translation>
    </message>
    <message>
        <source>No longer listed by Meta, kept for the campaigns that use them: %1.</source>
        <translation>Tidak lagi dicantumkan oleh Meta, tetap disimpan untuk kampanye yang menggunakannya: %1.</translation>
    </message>
    <message>
        <source>No templates are stored yet: sync them from Meta.</source>
        <translation>Belum ada templat yang tersimpan: sinkronkan dari Meta.</translation>
    </message>
    <message>
        <source>Select a template to read its text and the variables a campaign fills.</source>
        <translation>Pilih templat untuk membaca teksnya dan variabel yang diisi kampanye.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No variables.</source>
        <translation>Tidak ada variabel.</translation>
    </message>
    <message>
        <source>Variables a campaign fills: %1.</source>
        <translation>Variabel yang diisi kampanye: %1.</translation>
    </message>
    <message>
        <source>Herald cannot send it: %1</source>
        <translation>Herald tidak dapat mengirimnya: %1</translation>
    </message>
    <message>
        <source>Templates: %1</source>
        <translation>Templat: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Ditampilkan: %1 dari %2</translation>
    </message>
    <message>
        <source> — category changed: %1</source>
        <translation> — kategori berubah: %1</translation>
    </message>
    <message>
        <source>Filter templates</source>
        <translation>Saring templat</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Templat</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Token akses belum ditetapkan. Masukkan di Pengaturan (Berkas ▸ Pengaturan…) lalu sinkronkan lagi.</translation>
    </message>
    <message>
        <source>Meta refused the access token: it is invalid or has expired. Enter a valid token in Settings (File ▸ Settings…) and sync again; nothing was stored.</source>
        <translation>Meta menolak token akses: token tidak valid atau sudah kedaluwarsa. Masukkan token yang valid di Pengaturan (Berkas ▸ Pengaturan…) lalu sinkronkan lagi; tidak ada yang disimpan.</translation>
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
        <translation>&amp;Sistem</translation>
    </message>
    <message>
        <source>Light or dark as the desktop is</source>
        <translation>Terang atau gelap mengikuti desktop</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Terang</translation>
    </message>
    <message>
        <source>Dark text on light backgrounds</source>
        <translation>Teks gelap di latar terang</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Gelap</translation>
    </message>
    <message>
        <source>Light text on dark backgrounds</source>
        <translation>Teks terang di latar gelap</translation>
    </message>
</context>
<context>
    <name>herald::ui::TokenSection</name>
    <message>
        <source>Access token</source>
        <translation>Token akses</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>Simpan untuk sesi ini saja</translation>
    </message>
    <message>
        <source>Remove stored token</source>
        <translation>Hapus token tersimpan</translation>
    </message>
    <message>
        <source>Paste the token from Meta&apos;s developer portal</source>
        <translation>Tempel token dari portal pengembang Meta</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in a settings file, the database or a log.</source>
        <translation>Disimpan di keychain sistem operasi, tidak pernah di file pengaturan, basis data, atau log.</translation>
    </message>
    <message>
        <source>Herald uses the token until it is closed and forgets it then.</source>
        <translation>Herald menggunakan token ini sampai ditutup, lalu melupakannya.</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Saat ini:</translation>
    </message>
    <message>
        <source>New token:</source>
        <translation>Token baru:</translation>
    </message>
    <message>
        <source>This window has no access to credentials.</source>
        <translation>Jendela ini tidak memiliki akses ke kredensial.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Mencari di keychain…</translation>
    </message>
    <message>
        <source>From the environment variable %1, which wins over the keychain.</source>
        <translation>Dari variabel lingkungan %1, yang mengesampingkan keychain.</translation>
    </message>
    <message>
        <source>Kept in memory for this session only; Herald forgets it when it closes.</source>
        <translation>Disimpan di memori untuk sesi ini saja; Herald melupakannya saat ditutup.</translation>
    </message>
    <message>
        <source>Stored in the operating system&apos;s keychain.</source>
        <translation>Disimpan di keychain sistem operasi.</translation>
    </message>
    <message>
        <source>%1 A token entered here can be kept in memory for this session only.</source>
        <translation>%1 Token yang dimasukkan di sini dapat disimpan di memori untuk sesi ini saja.</translation>
    </message>
    <message>
        <source>None is stored yet.</source>
        <translation>Belum ada yang disimpan.</translation>
    </message>
    <message>
        <source>Paste a new token to replace the current one</source>
        <translation>Tempel token baru untuk mengganti token saat ini</translation>
    </message>
    <message>
        <source>%1
Herald never writes the token to a file. You can keep it in memory for this session only.</source>
        <translation>%1
Herald tidak pernah menulis token ke file. Anda dapat menyimpannya di memori untuk sesi ini saja.</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Token baru</translation>
    </message>
</context>
<context>
    <name>herald::ui::UserGuideWindow</name>
    <message>
        <source>Herald user guide</source>
        <translation>Panduan pengguna Herald</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Panduan pengguna</translation>
    </message>
    <message>
        <source>Find in the guide</source>
        <translation>Cari di panduan</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Sebelumnya</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Berikutnya</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Tutup bilah pencarian</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Cari</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Cari berikutnya</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Tidak ditemukan</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardImport</name>
    <message>
        <source>Contacts can only be added to a draft or paused campaign; &quot;%1&quot; is %2.</source>
        <translation>Kontak hanya dapat ditambahkan ke draf atau kampanye yang dijeda; &quot;%1&quot; berstatus %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardLauncher</name>
    <message>
        <source>The campaign could not be read</source>
        <translation>Kampanye tidak dapat dibaca</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Herald: a campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Herald: konsol kampanye untuk WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>The database: a SQLite file or a postgresql:// URL (default: HERALD_DB, else the one chosen in Settings, else the embedded one).</source>
        <translation>Basis data: file SQLite atau URL postgresql:// (bawaan: HERALD_DB, jika tidak ada, yang dipilih di Pengaturan, jika tidak ada, yang tertanam).</translation>
    </message>
    <message>
        <source>database</source>
        <translation>basis data</translation>
    </message>
    <message>
        <source>Herald cannot start</source>
        <translation>Herald tidak dapat dimulai</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Kata sandi basis data</translation>
    </message>
</context>
</TS>
