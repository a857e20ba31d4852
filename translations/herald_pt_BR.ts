<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>ApiOptions</name>
    <message>
        <source>The Graph API base URL (default: config api.base, else %1).</source>
        <translation>A URL base da Graph API (padrão: configuração api.base, senão %1).</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>The Graph API version (default: config api.version, else %1).</source>
        <translation>A versão da Graph API (padrão: configuração api.version, senão %1).</translation>
    </message>
    <message>
        <source>version</source>
        <translation>versão</translation>
    </message>
    <message>
        <source>The WhatsApp Business phone number ID (default: config api.phone_number_id).</source>
        <translation>O ID do número de telefone do WhatsApp Business (padrão: configuração api.phone_number_id).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID (default: config api.waba_id).</source>
        <translation>O ID da conta do WhatsApp Business (padrão: configuração api.waba_id).</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request (default: config api.request_timeout_ms, else %1). The access token comes from HERALD_ACCESS_TOKEN, else from the keychain (&apos;token set&apos;); never from the command line.</source>
        <translation>Milissegundos de espera por requisição à API (padrão: configuração api.request_timeout_ms, senão %1). O token de acesso vem de HERALD_ACCESS_TOKEN, senão do chaveiro (&apos;token set&apos;); nunca da linha de comando.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s, PEM or DER (default: config api.ca_file): a TLS-inspecting proxy&apos;s. Certificate errors are never ignored.</source>
        <translation>Uma autoridade certificadora confiável além das do sistema, PEM ou DER (padrão: configuração api.ca_file): a de um proxy que inspeciona TLS. Erros de certificado nunca são ignorados.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>arquivo</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>the stored setting %1: %2 Change it with &apos;config set %1 VALUE&apos;.</source>
        <translation>a configuração armazenada %1: %2 Altere-a com &apos;config set %1 VALOR&apos;.</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1 (it is never read from the command line or stored in a file). %2</source>
        <translation>sem token de acesso: defina a variável de ambiente %1 (ele nunca é lido da linha de comando nem armazenado em arquivo). %2</translation>
    </message>
    <message>
        <source>no access token: set the environment variable %1, or store the token in the keychain with &apos;herald-cli token set&apos; (it is never read from the command line or stored in a file)</source>
        <translation>sem token de acesso: defina a variável de ambiente %1 ou armazene o token no chaveiro com &apos;herald-cli token set&apos; (ele nunca é lido da linha de comando nem armazenado em arquivo)</translation>
    </message>
    <message>
        <source>no access token: %1 is not set and the keychain could not be read. %2</source>
        <translation>sem token de acesso: %1 não está definida e não foi possível ler o chaveiro. %2</translation>
    </message>
</context>
<context>
    <name>ApiSettings</name>
    <message>
        <source>The CA certificate file %1 cannot be read: %2.</source>
        <translation>Não é possível ler o arquivo de certificado de CA %1: %2.</translation>
    </message>
    <message>
        <source>The CA certificate file %1 holds no certificate in PEM or DER form.</source>
        <translation>O arquivo de certificado de CA %1 não contém nenhum certificado em formato PEM ou DER.</translation>
    </message>
    <message>
        <source>The API base URL &quot;%1&quot; is not a valid URL; the default is %2.</source>
        <translation>A URL base da API &quot;%1&quot; não é uma URL válida; o padrão é %2.</translation>
    </message>
    <message>
        <source>The API base URL must start with https://.</source>
        <translation>A URL base da API deve começar com https://.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a user name or password; they would be sent with every request and shown in logs.</source>
        <translation>A URL base da API não pode conter nome de usuário nem senha; eles seriam enviados em cada requisição e exibidos nos logs.</translation>
    </message>
    <message>
        <source>The API base URL must not contain a query (?…) or fragment (#…).</source>
        <translation>A URL base da API não pode conter uma consulta (?…) nem um fragmento (#…).</translation>
    </message>
    <message>
        <source>Plain http:// is allowed only for this computer (localhost, 127.x.x.x, ::1). For %1 use https://: over http the access token and every message would travel unencrypted.</source>
        <translation>http:// simples só é permitido para este computador (localhost, 127.x.x.x, ::1). Para %1 use https://: via http o token de acesso e cada mensagem trafegariam sem criptografia.</translation>
    </message>
    <message>
        <source>The API version &quot;%1&quot; is not valid; it looks like v23.0.</source>
        <translation>A versão da API &quot;%1&quot; não é válida; ela deve ter o formato v23.0.</translation>
    </message>
    <message>
        <source>The phone number ID must be the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>O ID do número de telefone deve ser o ID numérico exibido no WhatsApp Manager da Meta, não o próprio número de telefone.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account ID must be numeric.</source>
        <translation>O ID da conta do WhatsApp Business deve ser numérico.</translation>
    </message>
    <message>
        <source>No access token is set.</source>
        <translation>Nenhum token de acesso foi definido.</translation>
    </message>
    <message>
        <source>The access token contains spaces or characters that cannot appear in a token; copy it again from Meta&apos;s developer portal.</source>
        <translation>O token de acesso contém espaços ou caracteres que não podem aparecer em um token; copie-o novamente do portal de desenvolvedores da Meta.</translation>
    </message>
    <message>
        <source>The request timeout must be at least one second.</source>
        <translation>O tempo limite da requisição deve ser de pelo menos um segundo.</translation>
    </message>
</context>
<context>
    <name>AppSettings</name>
    <message>
        <source>A setting needs a name.</source>
        <translation>Uma configuração precisa de um nome.</translation>
    </message>
    <message>
        <source>A setting name must not begin or end with spaces.</source>
        <translation>O nome de uma configuração não pode começar nem terminar com espaços.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; looks like a credential, and credentials are never stored in the database (anyone who can read it could use them). Give the access token in the environment variable HERALD_ACCESS_TOKEN or the operating system&apos;s keychain.</source>
        <translation>&quot;%1&quot; parece uma credencial, e credenciais nunca são armazenadas no banco de dados (qualquer pessoa que possa lê-lo poderia usá-las). Informe o token de acesso na variável de ambiente HERALD_ACCESS_TOKEN ou no chaveiro do sistema operacional.</translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message>
        <source>Replace FILE if it exists.</source>
        <translation>Substituir ARQUIVO se ele existir.</translation>
    </message>
    <message>
        <source>Copies the SQLite database to FILE while Herald runs, and checks the copy (PostgreSQL: prints the pg_dump command).</source>
        <translation>Copia o banco de dados SQLite para ARQUIVO com o Herald em execução e verifica a cópia (PostgreSQL: mostra o comando pg_dump).</translation>
    </message>
    <message>
        <source>Where to write the copy.</source>
        <translation>Onde gravar a cópia.</translation>
    </message>
    <message>
        <source>backup needs a FILE to write the copy to</source>
        <translation>backup precisa de um ARQUIVO onde gravar a cópia</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: herald-cli backup copies SQLite files only. pg_dump takes a consistent copy while Herald runs (give the password with PGPASSWORD or ~/.pgpass):</source>
        <translation>O banco de dados é PostgreSQL: herald-cli backup copia apenas arquivos SQLite. O pg_dump faz uma cópia consistente com o Herald em execução (informe a senha com PGPASSWORD ou ~/.pgpass):</translation>
    </message>
    <message>
        <source>Restore it into an empty database with:</source>
        <translation>Restaure-a em um banco de dados vazio com:</translation>
    </message>
    <message>
        <source>Copied %1 to %2 (%3 bytes) in %4 ms.</source>
        <translation>%1 copiado para %2 (%3 bytes) em %4 ms.</translation>
    </message>
    <message>
        <source>Integrity check: %1</source>
        <translation>Verificação de integridade: %1</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Os contadores de cada campanha coincidem com uma recontagem de suas linhas.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Contadores diferentes da recontagem em: %1</translation>
    </message>
    <message>
        <source>The copy at %1 did not pass its check.</source>
        <translation>A cópia em %1 não passou na verificação.</translation>
    </message>
</context>
<context>
    <name>CampaignActionRules</name>
    <message>
        <source>Select a campaign first.</source>
        <translation>Selecione uma campanha primeiro.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>This window is sending it.</source>
        <translation>Esta janela está enviando a campanha.</translation>
    </message>
    <message>
        <source>It is being sent by %1.</source>
        <translation>Ela está sendo enviada por %1.</translation>
    </message>
    <message>
        <source>It is %1: use Resume.</source>
        <translation>Ela está %1: use Retomar.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be started.</source>
        <translation>Uma campanha %1 não pode ser iniciada.</translation>
    </message>
    <message>
        <source>It has no recipients yet: import contacts first.</source>
        <translation>Ela ainda não tem destinatários: importe contatos primeiro.</translation>
    </message>
    <message>
        <source>Only a running campaign can be paused.</source>
        <translation>Somente uma campanha em execução pode ser pausada.</translation>
    </message>
    <message>
        <source>Only a paused or stopped campaign can be resumed.</source>
        <translation>Somente uma campanha pausada ou interrompida pode ser retomada.</translation>
    </message>
    <message>
        <source>Nothing is left to send: resend failed messages first.</source>
        <translation>Não há mais nada a enviar: reenvie primeiro as mensagens com falha.</translation>
    </message>
    <message>
        <source>A campaign that is %1 cannot be cancelled.</source>
        <translation>Uma campanha %1 não pode ser cancelada.</translation>
    </message>
    <message>
        <source>A cancelled campaign cannot send again.</source>
        <translation>Uma campanha cancelada não pode enviar novamente.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Nenhuma mensagem desta campanha falhou.</translation>
    </message>
    <message>
        <source>It has no recipients yet.</source>
        <translation>Ela ainda não tem destinatários.</translation>
    </message>
    <message>
        <source>It is scheduled: unschedule it first (Campaign ▸ Unschedule), which makes it a draft again.</source>
        <translation>Ela está agendada: cancele o agendamento primeiro (Campanha ▸ Desagendar), o que a torna um rascunho novamente.</translation>
    </message>
    <message>
        <source>Only a draft can be edited; this one is %1.</source>
        <translation>Somente um rascunho pode ser editado; esta campanha está %1.</translation>
    </message>
    <message>
        <source>Only a draft can be deleted; this one is %1: cancel it instead.</source>
        <translation>Somente um rascunho pode ser excluído; esta campanha está %1: cancele-a em vez disso.</translation>
    </message>
    <message>
        <source>It is running: pause it first.</source>
        <translation>Ela está em execução: pause-a primeiro.</translation>
    </message>
    <message>
        <source>Contacts can be added to a draft or a paused campaign; this one is %1.</source>
        <translation>Contatos podem ser adicionados a um rascunho ou a uma campanha pausada; esta está %1.</translation>
    </message>
    <message>
        <source>Only a scheduled campaign can be unscheduled; this one is %1.</source>
        <translation>Somente uma campanha agendada pode ter o agendamento cancelado; esta está %1.</translation>
    </message>
</context>
<context>
    <name>CampaignCommand</name>
    <message>
        <source>create: the campaign&apos;s name (unique).</source>
        <translation>create: o nome da campanha (único).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>create: the approved WhatsApp template to send.</source>
        <translation>create: o modelo aprovado do WhatsApp a enviar.</translation>
    </message>
    <message>
        <source>template</source>
        <translation>modelo</translation>
    </message>
    <message>
        <source>create: the template&apos;s language code, e.g. en_US.</source>
        <translation>create: o código de idioma do modelo, p. ex. pt_BR.</translation>
    </message>
    <message>
        <source>code</source>
        <translation>código</translation>
    </message>
    <message>
        <source>create: the WhatsApp Business phone number id to send from.</source>
        <translation>create: o ID do número de telefone do WhatsApp Business de onde enviar.</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>schedule: when to start, ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00; without an offset it is this computer&apos;s local time.</source>
        <translation>schedule: quando iniciar, em ISO 8601, p. ex. 2026-12-07T09:30:00Z ou 2026-12-07T10:30-03:00; sem deslocamento, vale o horário local deste computador.</translation>
    </message>
    <message>
        <source>time</source>
        <translation>data-hora</translation>
    </message>
    <message>
        <source>quiet-hours: the window in each recipient&apos;s local time, HH:MM-HH:MM, e.g. 09:00-20:00.</source>
        <translation>quiet-hours: a janela no horário local de cada destinatário, HH:MM-HH:MM, p. ex. 09:00-20:00.</translation>
    </message>
    <message>
        <source>from-until</source>
        <translation>início-fim</translation>
    </message>
    <message>
        <source>quiet-hours: send Monday to Friday only (recipient&apos;s local date).</source>
        <translation>quiet-hours: enviar somente de segunda a sexta (data local do destinatário).</translation>
    </message>
    <message>
        <source>quiet-hours: the time zone for one country instead of its main zone, e.g. BR=America/Manaus; repeatable.</source>
        <translation>quiet-hours: o fuso horário de um país em vez do fuso principal dele, p. ex. BR=America/Manaus; pode ser repetida.</translation>
    </message>
    <message>
        <source>CC=zone</source>
        <translation>CC=fuso</translation>
    </message>
    <message>
        <source>quiet-hours: send at any hour again.</source>
        <translation>quiet-hours: voltar a enviar a qualquer hora.</translation>
    </message>
    <message>
        <source>estimate: price this category instead of the template&apos;s (e.g. MARKETING).</source>
        <translation>estimate: precificar por esta categoria em vez da do modelo (p. ex. MARKETING).</translation>
    </message>
    <message>
        <source>category</source>
        <translation>categoria</translation>
    </message>
    <message>
        <source>estimate: count only the recipients still to send.</source>
        <translation>estimate: contar somente os destinatários ainda pendentes.</translation>
    </message>
    <message>
        <source>creates a draft campaign and prints its id</source>
        <translation>cria uma campanha em rascunho e exibe o ID dela</translation>
    </message>
    <message>
        <source>starts a draft campaign at a time (--at)</source>
        <translation>inicia uma campanha em rascunho em um horário (--at)</translation>
    </message>
    <message>
        <source>turns a scheduled campaign back into a draft</source>
        <translation>torna uma campanha agendada um rascunho novamente</translation>
    </message>
    <message>
        <source>sends only inside a window of each recipient&apos;s local time (--window)</source>
        <translation>envia somente dentro de uma janela do horário local de cada destinatário (--window)</translation>
    </message>
    <message>
        <source>prices the campaign&apos;s recipients from the rate card and stores the estimate</source>
        <translation>precifica os destinatários da campanha pela tabela de preços e armazena a estimativa</translation>
    </message>
    <message>
        <source>Manages campaigns: %1.</source>
        <translation>Gerencia campanhas: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>O que fazer:</translation>
    </message>
    <message>
        <source>campaign needs an action: %1</source>
        <translation>campaign precisa de uma ação: %1</translation>
    </message>
    <message>
        <source>unknown campaign action &quot;%1&quot; (known: %2)</source>
        <translation>ação de campaign desconhecida &quot;%1&quot; (conhecidas: %2)</translation>
    </message>
    <message>
        <source>--at &quot;%1&quot; is not a date and time; write it as ISO 8601, e.g. 2026-12-07T09:30:00Z or 2026-12-07T10:30+01:00</source>
        <translation>--at &quot;%1&quot; não é uma data e hora; escreva em ISO 8601, p. ex. 2026-12-07T09:30:00Z ou 2026-12-07T10:30-03:00</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time); a running console or `herald-cli run` starts it then.</source>
        <translation>A campanha &quot;%1&quot; está agendada para %2 UTC (%3 no horário local); um console aberto ou `herald-cli run` a inicia nesse momento.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is a draft again; it starts when you start or schedule it.</source>
        <translation>A campanha &quot;%1&quot; é um rascunho novamente; ela começa quando você a iniciar ou agendar.</translation>
    </message>
    <message>
        <source>--window &quot;%1&quot; is not a window; write it as HH:MM-HH:MM, e.g. 09:00-20:00</source>
        <translation>--window &quot;%1&quot; não é uma janela; escreva como HH:MM-HH:MM, p. ex. 09:00-20:00</translation>
    </message>
    <message>
        <source>--zone &quot;%1&quot; must be a country code, = and a time zone, e.g. BR=America/Manaus</source>
        <translation>--zone &quot;%1&quot; deve ser um código de país, = e um fuso horário, p. ex. BR=America/Manaus</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends at any hour.</source>
        <translation>A campanha &quot;%1&quot; envia a qualquer hora.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; sends from %2 to %3 in each recipient&apos;s local time%4.</source>
        <translation>A campanha &quot;%1&quot; envia das %2 às %3 no horário local de cada destinatário%4.</translation>
    </message>
    <message>
        <source>, Monday to Friday</source>
        <translation>, de segunda a sexta</translation>
    </message>
    <message>
        <source>%1 uses %2.</source>
        <translation>%1 usa %2.</translation>
    </message>
    <message>
        <source>create: send from a pool of the account&apos;s phone numbers instead, comma-separated IDs; each recipient keeps one of them.</source>
        <translation>create: enviar de um grupo de números de telefone da conta, IDs separados por vírgula; cada destinatário mantém um deles.</translation>
    </message>
    <message>
        <source>id,id,…</source>
        <translation>id,id,…</translation>
    </message>
    <message>
        <source>reassign: only the recipients of this number (default: every number out of the pool).</source>
        <translation>reassign: só os destinatários deste número (padrão: todos os números fora do grupo).</translation>
    </message>
    <message>
        <source>schedule, unschedule, quiet-hours, estimate, reassign: the campaign&apos;s name.</source>
        <translation>schedule, unschedule, quiet-hours, estimate, reassign: o nome da campanha.</translation>
    </message>
    <message>
        <source>moves the recipients of numbers taken out of the campaign&apos;s pool to its other numbers, and records it</source>
        <translation>move os destinatários dos números retirados do grupo da campanha para os outros números dela e registra isso</translation>
    </message>
    <message>
        <source>give either --phone-number-id or --numbers, not both</source>
        <translation>informe --phone-number-id ou --numbers, não ambos</translation>
    </message>
    <message>
        <source>herald-cli on %1</source>
        <translation>herald-cli em %1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: no recipient waits for a number out of the pool.</source>
        <translation>Campanha &quot;%1&quot;: nenhum destinatário espera por um número fora do grupo.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: moved %2 recipients of %3 to %4.</source>
        <translation>Campanha &quot;%1&quot;: %2 destinatários de %3 movidos para %4.</translation>
    </message>
</context>
<context>
    <name>CampaignEstimate</name>
    <message>
        <source>Cost estimate for &quot;%1&quot;: %2 %3 (template %4, %5), made %6 UTC.</source>
        <translation>Estimativa de custo para &quot;%1&quot;: %2 %3 (modelo %4, %5), feita em %6 UTC.</translation>
    </message>
    <message>
        <source>recipients still to send</source>
        <translation>destinatários ainda pendentes</translation>
    </message>
    <message>
        <source>recipients</source>
        <translation>destinatários</translation>
    </message>
    <message>
        <source>Rate card %1: %2.</source>
        <translation>Tabela de preços %1: %2.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: import Meta&apos;s current card for a real estimate (herald-cli ratecard import FILE --effective DATE).</source>
        <translation>Esta é a tabela de exemplo do Herald: importe a tabela atual da Meta para uma estimativa real (herald-cli ratecard import ARQUIVO --effective DATA).</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Aviso: %1</translation>
    </message>
    <message>
        <source>Total: %1 for %2 recipients.</source>
        <translation>Total: %1 para %2 destinatários.</translation>
    </message>
    <message>
        <source>Not priced: %1 recipients in %2: %3.</source>
        <translation>Sem preço: %1 destinatários em %2: %3.</translation>
    </message>
    <message>
        <source>Meta charges delivered messages only: this is the most these recipients cost at these prices.</source>
        <translation>A Meta cobra somente mensagens entregues: este é o máximo que esses destinatários custam a esses preços.</translation>
    </message>
</context>
<context>
    <name>CampaignReadiness</name>
    <message>
        <source>template %1 is not in the synced list; run templates sync</source>
        <translation>o modelo %1 não está na lista sincronizada; sincronize os modelos</translation>
    </message>
    <message>
        <source>template %1 is %2: only APPROVED templates can be sent</source>
        <translation>o modelo %1 está %2: somente modelos APPROVED podem ser enviados</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 on %4 (UTC); messages are charged as %3%5</source>
        <translation>a Meta alterou a categoria do modelo %1 de %2 para %3 em %4 (UTC); as mensagens são cobradas como %3%5</translation>
    </message>
    <message>
        <source> and count towards the marketing limits</source>
        <translation> e contam para os limites de marketing</translation>
    </message>
    <message>
        <source>template %1: %2</source>
        <translation>modelo %1: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no messages queued to send</source>
        <translation>a campanha &quot;%1&quot; não tem mensagens na fila para envio</translation>
    </message>
    <message numerus="yes">
        <source>%1 has no value for %Ln contact(s) and no campaign default</source>
        <translation>
            <numerusform>%1 não tem valor para %Ln contato e não há padrão da campanha</numerusform>
            <numerusform>%1 não tem valor para %Ln contatos e não há padrão da campanha</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignStatus</name>
    <message>
        <source>Draft</source>
        <translation>Rascunho</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Agendada</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Em execução</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausada</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Concluída</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Interrompida</translation>
    </message>
    <message>
        <source>draft</source>
        <comment>status inside a sentence</comment>
        <translation>em rascunho</translation>
    </message>
    <message>
        <source>scheduled</source>
        <comment>status inside a sentence</comment>
        <translation>agendada</translation>
    </message>
    <message>
        <source>running</source>
        <comment>status inside a sentence</comment>
        <translation>em execução</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>status inside a sentence</comment>
        <translation>pausada</translation>
    </message>
    <message>
        <source>completed</source>
        <comment>status inside a sentence</comment>
        <translation>concluída</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>status inside a sentence</comment>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>status inside a sentence</comment>
        <translation>interrompida</translation>
    </message>
    <message>
        <source>the campaign is already %1</source>
        <translation>a campanha já está %1</translation>
    </message>
    <message>
        <source>a campaign cannot go from %1 to %2</source>
        <translation>uma campanha não pode passar de “%1” para “%2”</translation>
    </message>
</context>
<context>
    <name>CliApplication</name>
    <message>
        <source>The database: a SQLite file path, or postgresql://user:password@host:port/database. Default: $HERALD_DB, else %1.</source>
        <translation>O banco de dados: um caminho de arquivo SQLite ou postgresql://usuário:senha@host:porta/banco. Padrão: $HERALD_DB, senão %1.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Shows this help.</source>
        <translation>Mostra esta ajuda.</translation>
    </message>
    <message>
        <source>Shows the version.</source>
        <translation>Mostra a versão.</translation>
    </message>
    <message>
        <source>Prints the result as one JSON document instead of a table.</source>
        <translation>Exibe o resultado como um único documento JSON em vez de uma tabela.</translation>
    </message>
    <message>
        <source>Run &apos;%1 --help&apos; for the commands.</source>
        <translation>Execute &apos;%1 --help&apos; para ver os comandos.</translation>
    </message>
    <message>
        <source>Run &apos;%1 %2 --help&apos; for its options.</source>
        <translation>Execute &apos;%1 %2 --help&apos; para ver as opções dele.</translation>
    </message>
    <message>
        <source>Herald&apos;s headless console: sets up the database and inspects and repairs campaigns.</source>
        <translation>Console sem interface gráfica do Herald: prepara o banco de dados e inspeciona e repara campanhas.</translation>
    </message>
    <message>
        <source>The command to run (see Commands).</source>
        <translation>O comando a executar (veja Comandos).</translation>
    </message>
    <message>
        <source>&lt;command&gt;</source>
        <translation>&lt;comando&gt;</translation>
    </message>
    <message>
        <source>The command&apos;s options; see herald-cli &lt;command&gt; --help.</source>
        <translation>As opções do comando; veja herald-cli &lt;comando&gt; --help.</translation>
    </message>
    <message>
        <source>[command options]</source>
        <translation>[opções do comando]</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>nenhum comando informado</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>comando desconhecido &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation>argumento inesperado &quot;%1&quot;</translation>
    </message>
    <message>
        <source>there is no Herald database at %1: run &apos;%2 init&apos; to create it</source>
        <translation>não há banco de dados do Herald em %1: execute &apos;%2 init&apos; para criá-lo</translation>
    </message>
    <message>
        <source>the database %1 is not usable by this program; nothing was done:</source>
        <translation>o banco de dados %1 não pode ser usado por este programa; nada foi feito:</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Comandos:</translation>
    </message>
    <message>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for a command&apos;s options.</source>
        <translation>Execute &apos;%1 &lt;comando&gt; --help&apos; para ver as opções de um comando.</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>internal error: this command has no database connection</source>
        <translation>erro interno: este comando não tem conexão com o banco de dados</translation>
    </message>
    <message>
        <source>missing required option --%1</source>
        <translation>falta a opção obrigatória --%1</translation>
    </message>
    <message>
        <source>there is no campaign named &quot;%1&quot;</source>
        <translation>não há campanha chamada &quot;%1&quot;</translation>
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
        <translation>Configurações armazenadas com o banco de dados (set, get, list, unset), p. ex. api.base e api.waba_id.</translation>
    </message>
    <message>
        <source>What to do:
  set KEY VALUE - stores a setting
  get KEY - prints its value
  list - shows every setting
  unset KEY - removes it
API keys: %1. Access tokens are never stored: give them in %2.</source>
        <translation>O que fazer:
  set CHAVE VALOR - armazena uma configuração
  get CHAVE - exibe o valor dela
  list - mostra todas as configurações
  unset CHAVE - remove-a
Chaves da API: %1. Tokens de acesso nunca são armazenados: informe-os em %2.</translation>
    </message>
    <message>
        <source>config needs an action: set, get, list, unset</source>
        <translation>config precisa de uma ação: set, get, list, unset</translation>
    </message>
    <message>
        <source>unknown config action &quot;%1&quot; (known: set, get, list, unset)</source>
        <translation>ação de config desconhecida &quot;%1&quot; (conhecidas: set, get, list, unset)</translation>
    </message>
    <message>
        <source>%1 is not set</source>
        <translation>%1 não está definida</translation>
    </message>
    <message>
        <source>No settings stored.</source>
        <translation>Nenhuma configuração armazenada.</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <source>There is no database at %1 yet; Herald creates it there when it starts.</source>
        <translation>Ainda não há banco de dados em %1; o Herald o cria ali ao iniciar.</translation>
    </message>
    <message>
        <source>Connected to %1. It holds no Herald data yet; Herald creates its tables when it starts.</source>
        <translation>Conectado a %1. Ainda não contém dados do Herald; o Herald cria as tabelas ao iniciar.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, which this Herald upgrades to %3 when it starts.</source>
        <translation>Conectado a %1: esquema do Herald versão %2, que este Herald atualiza para %3 ao iniciar.</translation>
    </message>
    <message>
        <source>Connected to %1, but its schema (version %2) is newer than this Herald knows (%3): update Herald before using it.</source>
        <translation>Conectado a %1, mas o esquema (versão %2) é mais novo do que este Herald conhece (%3): atualize o Herald antes de usá-lo.</translation>
    </message>
    <message>
        <source>Connected to %1: Herald&apos;s schema version %2, up to date.</source>
        <translation>Conectado a %1: esquema do Herald versão %2, atualizado.</translation>
    </message>
</context>
<context>
    <name>ContactImporter</name>
    <message>
        <source>missing value for %1 (column %2)</source>
        <translation>valor ausente para %1 (coluna %2)</translation>
    </message>
    <message>
        <source>The report of rows not imported could not be written to %1: %2</source>
        <translation>Não foi possível gravar em %1 o relatório de linhas não importadas: %2</translation>
    </message>
    <message>
        <source>line</source>
        <translation>linha</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>explicação</translation>
    </message>
    <message>
        <source>row</source>
        <translation>registro</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>coluna %1</translation>
    </message>
    <message>
        <source>%1: cannot be opened: %2</source>
        <translation>%1: não pode ser aberto: %2</translation>
    </message>
    <message>
        <source>%1: no column holds phone numbers; name it with --phone-column.</source>
        <translation>%1: nenhuma coluna contém números de telefone; indique-a com --phone-column.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: parameter %2: %3</source>
        <translation>%1: parâmetro %2: %3</translation>
    </message>
    <message>
        <source>the same number (%1) as line %2</source>
        <translation>o mesmo número (%1) da linha %2</translation>
    </message>
    <message numerus="yes">
        <source>a campaign sent to this number in the last %n day(s)</source>
        <translation>
            <numerusform>uma campanha foi enviada a este número no último %n dia</numerusform>
            <numerusform>uma campanha foi enviada a este número nos últimos %n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>the number is on the opt-out list</source>
        <translation>o número está na lista de opt-out</translation>
    </message>
    <message>
        <source>the number is already in the campaign</source>
        <translation>o número já está na campanha</translation>
    </message>
</context>
<context>
    <name>CostEstimate</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, vigente a partir de %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (exemplo: não são preços da Meta)</translation>
    </message>
</context>
<context>
    <name>CostEstimator</name>
    <message>
        <source>non-geographic numbers</source>
        <translation>números não geográficos</translation>
    </message>
    <message>
        <source>unknown country</source>
        <translation>país desconhecido</translation>
    </message>
    <message>
        <source>the card has no market for %1 and no market for the rest of the world</source>
        <translation>a tabela não tem mercado para %1 nem para o resto do mundo</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; has no %2 price</source>
        <translation>o mercado &quot;%1&quot; não tem preço %2</translation>
    </message>
    <message>
        <source>The category of template %1 (%2) is not known: sync the templates first, or give the category.</source>
        <translation>A categoria do modelo %1 (%2) é desconhecida: sincronize os modelos primeiro ou informe a categoria.</translation>
    </message>
    <message>
        <source>There is no rate card %1.</source>
        <translation>Não existe a tabela de preços %1.</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>uma data não informada pela Meta</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 (%2) from %3 to %4 on %5, after the estimate of %6: re-estimated, %7 → %8.</source>
        <translation>A Meta alterou a categoria do modelo %1 (%2) de %3 para %4 em %5, após a estimativa de %6: reestimado, %7 → %8.</translation>
    </message>
</context>
<context>
    <name>CountryNames</name>
    <message>
        <source>unknown country</source>
        <translation>país desconhecido</translation>
    </message>
    <message>
        <source>non-geographic numbers</source>
        <translation>números não geográficos</translation>
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
        <translation>o arquivo está vazio; não há linhas para importar</translation>
    </message>
    <message>
        <source>this is not a text file: it contains binary data (zero bytes); save the spreadsheet as CSV and import that file</source>
        <translation>este não é um arquivo de texto: contém dados binários (bytes zero); salve a planilha como CSV e importe esse arquivo</translation>
    </message>
    <message>
        <source>UTF-8 with byte order mark</source>
        <translation>UTF-8 com BOM</translation>
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
        <translation>Windows-1252 (Europa Ocidental)</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <source>first row is a header</source>
        <translation>a primeira linha é um cabeçalho</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>sem linha de cabeçalho</translation>
    </message>
    <message>
        <source>the file cannot be opened (%1)</source>
        <translation>o arquivo não pode ser aberto (%1)</translation>
    </message>
    <message>
        <source>the file is not open for reading</source>
        <translation>o arquivo não está aberto para leitura</translation>
    </message>
    <message>
        <source>%1, line %2: %3.</source>
        <translation>%1, linha %2: %3.</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message>
        <source>“%1” cannot be used as the delimiter</source>
        <translation>“%1” não pode ser usado como delimitador</translation>
    </message>
    <message>
        <source>the file has a header row but no data rows below it</source>
        <translation>o arquivo tem uma linha de cabeçalho, mas nenhuma linha de dados abaixo dela</translation>
    </message>
    <message>
        <source>reading failed (%1)</source>
        <translation>falha na leitura (%1)</translation>
    </message>
    <message>
        <source>this is a spreadsheet workbook (such as .xlsx or .xls), not a CSV file; in the spreadsheet use “Save As” with the type “CSV UTF-8” and import that file</source>
        <translation>esta é uma pasta de trabalho de planilha (como .xlsx ou .xls), não um arquivo CSV; na planilha use “Salvar como” com o tipo “CSV UTF-8” e importe esse arquivo</translation>
    </message>
    <message>
        <source>this is not a text file: it is full of control characters; save the spreadsheet as CSV and import that file</source>
        <translation>este não é um arquivo de texto: está cheio de caracteres de controle; salve a planilha como CSV e importe esse arquivo</translation>
    </message>
    <message>
        <source>“%1” (columns %2)</source>
        <translation>“%1” (colunas %2)</translation>
    </message>
    <message>
        <source>the header names a column more than once: %1; every column needs a distinct name</source>
        <translation>o cabeçalho repete o nome de uma coluna: %1; cada coluna precisa de um nome distinto</translation>
    </message>
    <message>
        <source>a quoted field starts on this line but its closing quote is missing</source>
        <translation>um campo entre aspas começa nesta linha, mas falta a aspa de fechamento</translation>
    </message>
    <message>
        <source>a field starting on this line is longer than %1 characters, the limit for one field; this usually means a quote opened on this line is never closed</source>
        <translation>um campo que começa nesta linha tem mais de %1 caracteres, o limite para um campo; isso geralmente significa que uma aspa aberta nesta linha nunca é fechada</translation>
    </message>
    <message>
        <source>a field on this line is longer than %1 characters, the limit for one field</source>
        <translation>um campo nesta linha tem mais de %1 caracteres, o limite para um campo</translation>
    </message>
    <message>
        <source>the row starting on this line is longer than %1 characters, the limit for one row</source>
        <translation>o registro que começa nesta linha tem mais de %1 caracteres, o limite para um registro</translation>
    </message>
    <message>
        <source>the row has %1 fields but the header has %2 columns</source>
        <translation>o registro tem %1 campos, mas o cabeçalho tem %2 colunas</translation>
    </message>
    <message>
        <source>the row has %1 fields but the first row has %2</source>
        <translation>o registro tem %1 campos, mas a primeira linha tem %2</translation>
    </message>
    <message numerus="yes">
        <source>%1, line %2: %n sequence(s) of bytes that are not valid %3 were replaced with “�”; if names look wrong, import the file again with the encoding windows-1252.</source>
        <translation>
            <numerusform>%1, linha %2: %n sequência de bytes que não é %3 válido foi substituída por “�”; se os nomes parecerem errados, importe o arquivo novamente com a codificação windows-1252.</numerusform>
            <numerusform>%1, linha %2: %n sequências de bytes que não são %3 válido foram substituídas por “�”; se os nomes parecerem errados, importe o arquivo novamente com a codificação windows-1252.</numerusform>
        </translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>separado por vírgulas</translation>
    </message>
    <message>
        <source>semicolon-separated</source>
        <translation>separado por ponto e vírgula</translation>
    </message>
    <message>
        <source>tab-separated</source>
        <translation>separado por tabulações</translation>
    </message>
    <message>
        <source>separated by vertical bars</source>
        <translation>separado por barras verticais</translation>
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
        <translation>falha na gravação (%1)</translation>
    </message>
</context>
<context>
    <name>DailyBuckets</name>
    <message>
        <source>per day</source>
        <translation>por dia</translation>
    </message>
    <message>
        <source>per week</source>
        <translation>por semana</translation>
    </message>
    <message>
        <source>per month</source>
        <translation>por mês</translation>
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
        <translation>O banco de dados escolhido nas Configurações não pode ser usado: %1 Inicie o Herald com --db para abrir outro.</translation>
    </message>
    <message>
        <source>The password of %1 is no longer in the keychain. Enter it again in Settings.</source>
        <translation>A senha de %1 não está mais no chaveiro. Informe-a novamente nas Configurações.</translation>
    </message>
    <message>
        <source>The password of %1 could not be read from the keychain: %2</source>
        <translation>Não foi possível ler do chaveiro a senha de %1: %2</translation>
    </message>
    <message>
        <source>The database password was not stored: %1 Herald never writes it to a file; start Herald with --db or HERALD_DB instead.</source>
        <translation>A senha do banco de dados não foi armazenada: %1 O Herald nunca a grava em um arquivo; inicie o Herald com --db ou HERALD_DB.</translation>
    </message>
    <message>
        <source>chosen with --db</source>
        <translation>escolhido com --db</translation>
    </message>
    <message>
        <source>chosen with HERALD_DB</source>
        <translation>escolhido com HERALD_DB</translation>
    </message>
    <message>
        <source>chosen in Settings</source>
        <translation>escolhido nas Configurações</translation>
    </message>
    <message>
        <source>the embedded default</source>
        <translation>o padrão embutido</translation>
    </message>
</context>
<context>
    <name>DemoCommand</name>
    <message>
        <source>Recipients in the sample campaign (default 2000).</source>
        <translation>Destinatários da campanha de exemplo (padrão 2000).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Messages per second at most (default 200; Meta allows 80 to 1,000).</source>
        <translation>Máximo de mensagens por segundo (padrão 200; a Meta permite de 80 a 1.000).</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>The simulator&apos;s median answer time in ms (default 150).</source>
        <translation>Tempo mediano de resposta do simulador em ms (padrão 150).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Sends a sample campaign to the built-in Cloud API simulator, with live progress.</source>
        <translation>Envia uma campanha de exemplo ao simulador da Cloud API embutido, com o progresso ao vivo.</translation>
    </message>
    <message>
        <source>--contacts must be a number from 1 to 1,000,000</source>
        <translation>--contacts deve ser um número de 1 a 1.000.000</translation>
    </message>
    <message>
        <source>--rate must be from 1 to 1,000 messages per second</source>
        <translation>--rate deve ser de 1 a 1.000 mensagens por segundo</translation>
    </message>
    <message>
        <source>--latency must be from 0 to 10,000 ms</source>
        <translation>--latency deve ser de 0 a 10.000 ms</translation>
    </message>
    <message>
        <source>the built-in simulator could not start: %1</source>
        <translation>não foi possível iniciar o simulador embutido: %1</translation>
    </message>
    <message>
        <source>template sync with the simulator failed: %1</source>
        <translation>a sincronização de modelos com o simulador falhou: %1</translation>
    </message>
    <message>
        <source>Demo %1</source>
        <translation>Demonstração %1</translation>
    </message>
    <message>
        <source>Synced %1 templates from the simulator. Created campaign &quot;%2&quot; (order_update, en_US) with %3 recipients; the simulator answers in ~%4 ms.</source>
        <translation>%1 modelos sincronizados do simulador. Campanha &quot;%2&quot; criada (order_update, en_US) com %3 destinatários; o simulador responde em ~%4 ms.</translation>
    </message>
    <message>
        <source>  failed with reason %1: %2</source>
        <translation>  falharam com o motivo %1: %2</translation>
    </message>
    <message>
        <source>The simulator accepted %1 messages and received %2 send requests.</source>
        <translation>O simulador aceitou %1 mensagens e recebeu %2 requisições de envio.</translation>
    </message>
    <message>
        <source>the built-in webhook receiver could not start: %1</source>
        <translation>não foi possível iniciar o receptor de webhooks integrado: %1</translation>
    </message>
    <message>
        <source>Waiting for the delivery reports (status webhooks)…</source>
        <translation>Aguardando os relatórios de entrega (webhooks de status)…</translation>
    </message>
    <message>
        <source>Delivered %1 (%2), read %3 (%4), failed after sending %5: reported by the simulator&apos;s status webhooks to the built-in receiver.</source>
        <translation>Entregues %1 (%2), lidas %3 (%4), com falha após o envio %5: informado pelos webhooks de status do simulador ao receptor integrado.</translation>
    </message>
</context>
<context>
    <name>DoctorCommand</name>
    <message>
        <source>Checks the database schema and lists anything missing (exit code 4 if so).</source>
        <translation>Verifica o esquema do banco de dados e lista o que falta (código de saída 4 nesse caso).</translation>
    </message>
    <message>
        <source>schema OK (version %1)</source>
        <translation>esquema OK (versão %1)</translation>
    </message>
    <message numerus="yes">
        <source>%n schema problem(s) found (database version %1, this program expects %2)</source>
        <translation>
            <numerusform>%n problema de esquema encontrado (versão do banco de dados %1, este programa espera %2)</numerusform>
            <numerusform>%n problemas de esquema encontrados (versão do banco de dados %1, este programa espera %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Banco de dados: %1</translation>
    </message>
</context>
<context>
    <name>EraseCommand</name>
    <message>
        <source>The person&apos;s phone number, written in any form the import reads.</source>
        <translation>O número de telefone da pessoa, escrito em qualquer formato aceito pela importação.</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefone</translation>
    </message>
    <message>
        <source>Country of a number written without country code, e.g. DE (default: import.region).</source>
        <translation>País de um número escrito sem código do país, p. ex. DE (padrão: import.region).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Also put the number on the opt-out list, so no later import messages it.</source>
        <translation>Também colocar o número na lista de opt-out, para que nenhuma importação futura envie mensagens a ele.</translation>
    </message>
    <message>
        <source>Erases one person&apos;s number, name and parameters from every campaign, keeping the counts.</source>
        <translation>Apaga o número, o nome e os parâmetros de uma pessoa de todas as campanhas, mantendo as contagens.</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Nada foi apagado.</translation>
    </message>
    <message>
        <source>%1 is in no campaign: nothing to erase.</source>
        <translation>%1 não está em nenhuma campanha: nada a apagar.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n linha</numerusform>
            <numerusform>%n linhas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campanha</numerusform>
            <numerusform>%n campanhas</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased %1&apos;s number, name and parameters from %2 in %3; the campaigns&apos; counts are unchanged.</source>
        <translation>Número, nome e parâmetros de %1 apagados de %2 em %3; as contagens das campanhas não mudaram.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n mensagem ainda em espera não será enviada (com falha, motivo &quot;erased&quot;).</numerusform>
            <numerusform>%n mensagens ainda em espera não serão enviadas (com falha, motivo &quot;erased&quot;).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 agora está na lista de opt-out.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list (herald-cli optout remove takes it off).</source>
        <translation>%1 continua na lista de opt-out (herald-cli optout remove o retira).</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <source>No phone number to erase.</source>
        <translation>Nenhum número de telefone a apagar.</translation>
    </message>
    <message>
        <source>A message to %1 is being sent right now (campaign &quot;%2&quot;); nothing was erased. Try again once it is answered, or after herald-cli repair if no sender is running.</source>
        <translation>Uma mensagem para %1 está sendo enviada agora (campanha &quot;%2&quot;); nada foi apagado. Tente novamente quando ela for respondida, ou após herald-cli repair se nenhum emissor estiver em execução.</translation>
    </message>
    <message>
        <source>Personal data erased on request</source>
        <translation>Dados pessoais apagados a pedido</translation>
    </message>
</context>
<context>
    <name>ErrorPolicy</name>
    <message>
        <source>The phone number&apos;s sending rate (messages per second) was reached.</source>
        <translation>A taxa de envio do número de telefone (mensagens por segundo) foi atingida.</translation>
    </message>
    <message>
        <source>Nothing: Herald slows down and sends the message again.</source>
        <translation>Nada: o Herald reduz o ritmo e envia a mensagem novamente.</translation>
    </message>
    <message>
        <source>Too many messages to this recipient in a short time (about one every 6 seconds is allowed).</source>
        <translation>Mensagens demais para este destinatário em pouco tempo (é permitida cerca de uma a cada 6 segundos).</translation>
    </message>
    <message>
        <source>Nothing: Herald sends to this recipient a few seconds later and keeps sending to the others.</source>
        <translation>Nada: o Herald envia para este destinatário alguns segundos depois e continua enviando para os demais.</translation>
    </message>
    <message>
        <source>The app made too many API calls (app call-rate limit).</source>
        <translation>O app fez chamadas demais à API (limite de chamadas do app).</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses sending for a minute and continues more slowly. If it keeps happening, lower the sending rate.</source>
        <translation>Nada: o Herald pausa o envio por um minuto e continua mais devagar. Se isso continuar acontecendo, reduza a taxa de envio.</translation>
    </message>
    <message>
        <source>The WhatsApp Business Account made too many API calls (account rate limit).</source>
        <translation>A conta do WhatsApp Business fez chamadas demais à API (limite de taxa da conta).</translation>
    </message>
    <message>
        <source>The business account is in maintenance, for example while its throughput is being upgraded.</source>
        <translation>A conta comercial está em manutenção, por exemplo enquanto sua capacidade de envio é ampliada.</translation>
    </message>
    <message>
        <source>Nothing: Herald pauses for about a minute and tries again.</source>
        <translation>Nada: o Herald pausa por cerca de um minuto e tenta novamente.</translation>
    </message>
    <message>
        <source>A temporary problem or downtime at Meta.</source>
        <translation>Um problema temporário ou indisponibilidade na Meta.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times with growing pauses.</source>
        <translation>Nada: o Herald tenta novamente algumas vezes, com pausas crescentes.</translation>
    </message>
    <message>
        <source>Something went wrong at Meta while sending.</source>
        <translation>Algo deu errado na Meta durante o envio.</translation>
    </message>
    <message>
        <source>Nothing: Herald tries again a few times. If it keeps failing, give Meta support the fbtrace_id.</source>
        <translation>Nada: o Herald tenta novamente algumas vezes. Se continuar falhando, informe o fbtrace_id ao suporte da Meta.</translation>
    </message>
    <message>
        <source>A Meta service is temporarily unavailable.</source>
        <translation>Um serviço da Meta está temporariamente indisponível.</translation>
    </message>
    <message>
        <source>The message cannot be delivered: the number is not on WhatsApp, uses an old WhatsApp version, has not accepted the terms, or has blocked this business.</source>
        <translation>A mensagem não pode ser entregue: o número não está no WhatsApp, usa uma versão antiga do WhatsApp, não aceitou os termos ou bloqueou esta empresa.</translation>
    </message>
    <message>
        <source>Check the number with the contact. Resending will fail the same way.</source>
        <translation>Confirme o número com o contato. Reenviar falhará da mesma forma.</translation>
    </message>
    <message>
        <source>Meta held back this marketing message: the recipient has had enough marketing messages for now.</source>
        <translation>A Meta reteve esta mensagem de marketing: o destinatário já recebeu mensagens de marketing suficientes por enquanto.</translation>
    </message>
    <message>
        <source>Do not resend now; the contact can be included in a later campaign.</source>
        <translation>Não reenvie agora; o contato pode ser incluído em uma campanha posterior.</translation>
    </message>
    <message>
        <source>More than 24 hours have passed since the recipient last wrote, so only a template message may be sent.</source>
        <translation>Passaram-se mais de 24 horas desde a última mensagem do destinatário, então só é possível enviar uma mensagem de modelo.</translation>
    </message>
    <message>
        <source>Send an approved template instead of a text message.</source>
        <translation>Envie um modelo aprovado em vez de uma mensagem de texto.</translation>
    </message>
    <message>
        <source>A required parameter is missing.</source>
        <translation>Falta um parâmetro obrigatório.</translation>
    </message>
    <message>
        <source>Check the campaign&apos;s parameter mapping against the template.</source>
        <translation>Confira o mapeamento de parâmetros da campanha com o modelo.</translation>
    </message>
    <message>
        <source>A parameter value is not valid.</source>
        <translation>O valor de um parâmetro não é válido.</translation>
    </message>
    <message>
        <source>Check this contact&apos;s values and the campaign&apos;s parameter mapping.</source>
        <translation>Confira os valores deste contato e o mapeamento de parâmetros da campanha.</translation>
    </message>
    <message>
        <source>The number of parameters does not match the template&apos;s placeholders.</source>
        <translation>O número de parâmetros não corresponde aos espaços reservados do modelo.</translation>
    </message>
    <message>
        <source>Check the parameter mapping: every placeholder needs exactly one value.</source>
        <translation>Confira o mapeamento de parâmetros: cada espaço reservado precisa de exatamente um valor.</translation>
    </message>
    <message>
        <source>A parameter has the wrong format for the template (for example text where the header expects an image).</source>
        <translation>Um parâmetro tem o formato errado para o modelo (por exemplo, texto onde o cabeçalho espera uma imagem).</translation>
    </message>
    <message>
        <source>Check the parameter mapping against the template.</source>
        <translation>Confira o mapeamento de parâmetros com o modelo.</translation>
    </message>
    <message>
        <source>A template parameter has a problem (for example line breaks, tabs or many spaces in a row).</source>
        <translation>Um parâmetro do modelo tem um problema (por exemplo, quebras de linha, tabulações ou muitos espaços seguidos).</translation>
    </message>
    <message>
        <source>Correct this contact&apos;s value and resend.</source>
        <translation>Corrija o valor deste contato e reenvie.</translation>
    </message>
    <message>
        <source>The request has an invalid parameter.</source>
        <translation>A requisição tem um parâmetro inválido.</translation>
    </message>
    <message>
        <source>Read the details: often a wrong field, ID or value.</source>
        <translation>Leia os detalhes: geralmente é um campo, ID ou valor errado.</translation>
    </message>
    <message>
        <source>Meta rejected the request with a generic user error.</source>
        <translation>A Meta rejeitou a requisição com um erro genérico de usuário.</translation>
    </message>
    <message>
        <source>Read the details; if it repeats, give Meta support the fbtrace_id.</source>
        <translation>Leia os detalhes; se isso se repetir, informe o fbtrace_id ao suporte da Meta.</translation>
    </message>
    <message>
        <source>The recipient is the sending business number itself.</source>
        <translation>O destinatário é o próprio número comercial que está enviando.</translation>
    </message>
    <message>
        <source>Remove the business&apos;s own number from the contact list.</source>
        <translation>Remova o próprio número da empresa da lista de contatos.</translation>
    </message>
    <message>
        <source>The recipient&apos;s number takes part in a Meta experiment and gets no marketing messages.</source>
        <translation>O número do destinatário participa de um experimento da Meta e não recebe mensagens de marketing.</translation>
    </message>
    <message>
        <source>Nothing can be done; the contact may be reached in a later campaign.</source>
        <translation>Não há nada a fazer; o contato poderá ser alcançado em uma campanha posterior.</translation>
    </message>
    <message>
        <source>The header media could not be uploaded or downloaded (wrong link, unsupported type or size).</source>
        <translation>Não foi possível enviar ou baixar a mídia do cabeçalho (link errado, tipo ou tamanho não suportado).</translation>
    </message>
    <message>
        <source>Check that the media link opens from the internet and the file type fits the template.</source>
        <translation>Verifique se o link da mídia abre pela internet e se o tipo de arquivo combina com o modelo.</translation>
    </message>
    <message>
        <source>The recipient stopped marketing messages from this business.</source>
        <translation>O destinatário bloqueou as mensagens de marketing desta empresa.</translation>
    </message>
    <message>
        <source>Nothing: Herald added the number to the opt-out list and will not message it again.</source>
        <translation>Nada: o Herald adicionou o número à lista de opt-out e não enviará mais mensagens a ele.</translation>
    </message>
    <message>
        <source>Meta paused the template because of low quality.</source>
        <translation>A Meta pausou o modelo por baixa qualidade.</translation>
    </message>
    <message>
        <source>The campaign is paused. Improve the template or wait until Meta unpauses it, then resume.</source>
        <translation>A campanha está pausada. Melhore o modelo ou aguarde até que a Meta o reative e, então, retome.</translation>
    </message>
    <message>
        <source>The template was paused too often and is now permanently disabled.</source>
        <translation>O modelo foi pausado vezes demais e agora está desativado permanentemente.</translation>
    </message>
    <message>
        <source>The campaign stopped. Create a new template and use it in a new campaign.</source>
        <translation>A campanha foi interrompida. Crie um novo modelo e use-o em uma nova campanha.</translation>
    </message>
    <message>
        <source>The template does not exist in this language or is not approved.</source>
        <translation>O modelo não existe neste idioma ou não está aprovado.</translation>
    </message>
    <message>
        <source>The campaign stopped. Check the template&apos;s name, language and status in WhatsApp Manager, then sync templates.</source>
        <translation>A campanha foi interrompida. Confira o nome, o idioma e o status do modelo no WhatsApp Manager e sincronize os modelos.</translation>
    </message>
    <message>
        <source>Meta limits this number because too many recipients blocked or reported its messages (spam rate limit).</source>
        <translation>A Meta limita este número porque muitos destinatários bloquearam ou denunciaram as mensagens dele (limite por spam).</translation>
    </message>
    <message>
        <source>The campaign stopped, because sending more makes it worse. Check the number&apos;s quality rating in WhatsApp Manager before sending again.</source>
        <translation>A campanha foi interrompida, pois enviar mais só piora a situação. Confira a classificação de qualidade do número no WhatsApp Manager antes de enviar novamente.</translation>
    </message>
    <message>
        <source>The access token has expired or is not valid.</source>
        <translation>O token de acesso expirou ou não é válido.</translation>
    </message>
    <message>
        <source>Sending stopped. Enter a new access token in the settings, then resume.</source>
        <translation>O envio foi interrompido. Informe um novo token de acesso nas configurações e retome.</translation>
    </message>
    <message>
        <source>Meta could not authenticate the request (the access token was refused).</source>
        <translation>A Meta não conseguiu autenticar a requisição (o token de acesso foi recusado).</translation>
    </message>
    <message>
        <source>The account is temporarily blocked for policy violations.</source>
        <translation>A conta está bloqueada temporariamente por violações de política.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager.</source>
        <translation>O envio foi interrompido. Confira a Qualidade da conta no Meta Business Manager.</translation>
    </message>
    <message>
        <source>The business account is locked or restricted.</source>
        <translation>A conta comercial está bloqueada ou restrita.</translation>
    </message>
    <message>
        <source>Sending stopped. Check Account Quality in Meta Business Manager and contact Meta support.</source>
        <translation>O envio foi interrompido. Confira a Qualidade da conta no Meta Business Manager e entre em contato com o suporte da Meta.</translation>
    </message>
    <message>
        <source>The app is not allowed to use this API (missing capability).</source>
        <translation>O app não tem permissão para usar esta API (falta uma capacidade).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the app&apos;s WhatsApp product setup in Meta&apos;s developer portal.</source>
        <translation>O envio foi interrompido. Confira a configuração do produto WhatsApp do app no portal de desenvolvedores da Meta.</translation>
    </message>
    <message>
        <source>Permission denied: the token lacks a permission or the phone number is not in this account.</source>
        <translation>Permissão negada: falta uma permissão ao token ou o número de telefone não pertence a esta conta.</translation>
    </message>
    <message>
        <source>Sending stopped. Give the token whatsapp_business_messaging permission and check the phone number ID.</source>
        <translation>O envio foi interrompido. Dê ao token a permissão whatsapp_business_messaging e confira o ID do número de telefone.</translation>
    </message>
    <message>
        <source>Permission denied for this API call.</source>
        <translation>Permissão negada para esta chamada de API.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions in Meta&apos;s developer portal.</source>
        <translation>O envio foi interrompido. Confira as permissões do token no portal de desenvolvedores da Meta.</translation>
    </message>
    <message>
        <source>Access denied to the phone number.</source>
        <translation>Acesso negado ao número de telefone.</translation>
    </message>
    <message>
        <source>Sending stopped. Check the token&apos;s permissions and the phone number ID.</source>
        <translation>O envio foi interrompido. Confira as permissões do token e o ID do número de telefone.</translation>
    </message>
    <message>
        <source>The business phone number is not registered with the Cloud API.</source>
        <translation>O número de telefone comercial não está registrado na Cloud API.</translation>
    </message>
    <message>
        <source>Sending stopped. Register the phone number in WhatsApp Manager.</source>
        <translation>O envio foi interrompido. Registre o número de telefone no WhatsApp Manager.</translation>
    </message>
    <message>
        <source>There is a problem with the account&apos;s payment method.</source>
        <translation>Há um problema com a forma de pagamento da conta.</translation>
    </message>
    <message>
        <source>Sending stopped. Fix the payment method in Meta Business Manager.</source>
        <translation>O envio foi interrompido. Corrija a forma de pagamento no Meta Business Manager.</translation>
    </message>
    <message>
        <source>Meta returned an error Herald does not know.</source>
        <translation>A Meta retornou um erro que o Herald não conhece.</translation>
    </message>
    <message>
        <source>Read the details; if they are unclear, give Meta support the code and fbtrace_id. The message can be resent later.</source>
        <translation>Leia os detalhes; se não estiverem claros, informe o código e o fbtrace_id ao suporte da Meta. A mensagem pode ser reenviada mais tarde.</translation>
    </message>
    <message>
        <source>The server had a temporary problem (HTTP 5xx) and did not take the message.</source>
        <translation>O servidor teve um problema temporário (HTTP 5xx) e não aceitou a mensagem.</translation>
    </message>
    <message>
        <source>The server asked Herald to send more slowly (HTTP 429).</source>
        <translation>O servidor pediu ao Herald que enviasse mais devagar (HTTP 429).</translation>
    </message>
    <message>
        <source>The server refused the credentials (HTTP 401).</source>
        <translation>O servidor recusou as credenciais (HTTP 401).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the access token and any proxy in between, then resume.</source>
        <translation>O envio foi interrompido. Confira o token de acesso e qualquer proxy intermediário e retome.</translation>
    </message>
    <message>
        <source>The server answered with an unexpected HTTP status and no Graph API error, so it is probably not the Graph API (a proxy, or a wrong base URL, version or phone number ID).</source>
        <translation>O servidor respondeu com um status HTTP inesperado e sem erro da Graph API, então provavelmente não é a Graph API (um proxy ou URL base, versão ou ID do número de telefone errados).</translation>
    </message>
    <message>
        <source>Sending stopped. Check the base URL, API version, phone number ID and proxy settings, then resume.</source>
        <translation>O envio foi interrompido. Confira a URL base, a versão da API, o ID do número de telefone e as configurações de proxy e retome.</translation>
    </message>
    <message>
        <source>The request could not be sent (connection refused, or the server was not found).</source>
        <translation>Não foi possível enviar a requisição (conexão recusada ou servidor não encontrado).</translation>
    </message>
    <message>
        <source>Check the internet connection and proxy; Herald tries again with growing pauses.</source>
        <translation>Verifique a conexão com a internet e o proxy; o Herald tenta novamente com pausas crescentes.</translation>
    </message>
    <message>
        <source>No secure connection could be made: the server&apos;s certificate was not accepted (an authority this computer does not trust, another host name, or expired).</source>
        <translation>Não foi possível estabelecer uma conexão segura: o certificado do servidor não foi aceito (autoridade não confiável para este computador, outro nome de host ou expirado).</translation>
    </message>
    <message>
        <source>Sending stopped. If your network inspects secure connections, set the CA certificate file (api.ca_file) to its certificate authority; otherwise check the API base URL and this computer&apos;s clock, then resume.</source>
        <translation>O envio foi interrompido. Se a sua rede inspeciona conexões seguras, defina o arquivo de certificado de CA (api.ca_file) com a autoridade certificadora dela; caso contrário, confira a URL base da API e o relógio deste computador e retome.</translation>
    </message>
    <message>
        <source>The request was sent but no answer came back, so Meta may or may not have accepted the message.</source>
        <translation>A requisição foi enviada, mas nenhuma resposta voltou, então a Meta pode ou não ter aceitado a mensagem.</translation>
    </message>
    <message>
        <source>Resend it only if the recipient did not get it: the API cannot tell, and resending may deliver it twice.</source>
        <translation>Reenvie somente se o destinatário não a recebeu: a API não consegue saber, e o reenvio pode entregá-la duas vezes.</translation>
    </message>
    <message>
        <source>The server reported success but its answer had no message ID, so the message cannot be tracked.</source>
        <translation>O servidor informou sucesso, mas a resposta não tinha ID de mensagem, então a mensagem não pode ser acompanhada.</translation>
    </message>
    <message>
        <source>The message was probably accepted. Resend it only if the recipient did not get it.</source>
        <translation>A mensagem provavelmente foi aceita. Reenvie somente se o destinatário não a recebeu.</translation>
    </message>
    <message>
        <source>Herald did not send the message because its content breaks one of Meta&apos;s rules.</source>
        <translation>O Herald não enviou a mensagem porque o conteúdo viola uma das regras da Meta.</translation>
    </message>
    <message>
        <source>Read the details, correct the contact&apos;s values or the mapping, and resend.</source>
        <translation>Leia os detalhes, corrija os valores do contato ou o mapeamento e reenvie.</translation>
    </message>
    <message>
        <source>The sender ended (closed, crashed or lost its connection) while the message was on its way, so Meta may or may not have accepted it.</source>
        <translation>O emissor terminou (foi fechado, travou ou perdeu a conexão) enquanto a mensagem estava a caminho, então a Meta pode ou não tê-la aceitado.</translation>
    </message>
    <message>
        <source>The number was added to the opt-out list after it was queued, so Herald did not send to it.</source>
        <translation>O número foi adicionado à lista de opt-out depois de entrar na fila, então o Herald não enviou para ele.</translation>
    </message>
    <message>
        <source>Nothing: opted-out numbers are never messaged or resent. Remove the number from the opt-out list only if the contact asked for messages again.</source>
        <translation>Nada: números com opt-out nunca recebem mensagens nem reenvios. Remova o número da lista de opt-out somente se o contato voltou a pedir mensagens.</translation>
    </message>
    <message>
        <source>Sending failed several times in a row with temporary errors.</source>
        <translation>O envio falhou várias vezes seguidas com erros temporários.</translation>
    </message>
    <message>
        <source>Resend later; the details show the last error.</source>
        <translation>Reenvie mais tarde; os detalhes mostram o último erro.</translation>
    </message>
</context>
<context>
    <name>ExitCodes</name>
    <message>
        <source>success</source>
        <translation>sucesso</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>erro inesperado</translation>
    </message>
    <message>
        <source>usage error: unknown command or option, missing or malformed value</source>
        <translation>erro de uso: comando ou opção desconhecida, valor ausente ou malformado</translation>
    </message>
    <message>
        <source>the database cannot be reached or opened</source>
        <translation>o banco de dados não pode ser acessado nem aberto</translation>
    </message>
    <message>
        <source>schema problem: missing objects, not initialised, or newer than this program</source>
        <translation>problema de esquema: objetos ausentes, não inicializado ou mais novo que este programa</translation>
    </message>
    <message>
        <source>not found: no campaign with that name</source>
        <translation>não encontrado: nenhuma campanha com esse nome</translation>
    </message>
    <message>
        <source>refused: illegal status change, nothing to resend, name already taken</source>
        <translation>recusado: mudança de status não permitida, nada a reenviar, nome já em uso</translation>
    </message>
    <message>
        <source>bad file: an input that is not CSV, unreadable or has no phone column (nothing imported), or an output that cannot be written</source>
        <translation>arquivo inválido: uma entrada que não é CSV, ilegível ou sem coluna de telefone (nada importado), ou uma saída que não pode ser gravada</translation>
    </message>
    <message>
        <source>sending paused (Ctrl+C, error threshold, or template paused by Meta); resume to go on</source>
        <translation>envio pausado (Ctrl+C, limite de erros ou modelo pausado pela Meta); retome para continuar</translation>
    </message>
    <message>
        <source>the campaign was stopped: every further message would fail the same way</source>
        <translation>a campanha foi interrompida: todas as próximas mensagens falhariam da mesma forma</translation>
    </message>
    <message>
        <source>the campaign was cancelled while sending</source>
        <translation>a campanha foi cancelada durante o envio</translation>
    </message>
    <message>
        <source>sending stopped: the access token, account or connection is unusable</source>
        <translation>envio interrompido: o token de acesso, a conta ou a conexão não pode ser usada</translation>
    </message>
    <message>
        <source>Exit codes:</source>
        <translation>Códigos de saída:</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>The campaign (by name) to export.</source>
        <translation>A campanha (pelo nome) a exportar.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>The CSV file to write.</source>
        <translation>O arquivo CSV a gravar.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>arquivo</translation>
    </message>
    <message>
        <source>Writes no UTF-8 byte order mark (Excel then misreads accents).</source>
        <translation>Não grava a marca de ordem de bytes UTF-8 (o Excel então lê acentos errado).</translation>
    </message>
    <message>
        <source>Field delimiter (default ,; use ; for Excel in much of Europe).</source>
        <translation>Delimitador de campos (padrão ,; use ; para o Excel no Brasil e em boa parte da Europa).</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>Writes every recipient&apos;s result (status, wamid, error) of a campaign as CSV.</source>
        <translation>Grava como CSV o resultado de cada destinatário (status, wamid, erro) de uma campanha.</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter aceita um caractere (ou &apos;tab&apos;), não &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Exported %1 rows of campaign &quot;%2&quot; to %3.</source>
        <translation>%1 linhas da campanha &quot;%2&quot; exportadas para %3.</translation>
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
        <translation>Não verificado</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Não lido</translation>
    </message>
    <message>
        <source>%1 people/24 h</source>
        <translation>%1 pessoas/24 h</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>ilimitado</translation>
    </message>
    <message>
        <source>Not checked yet: Check health in Settings ▸ Phone numbers or herald-cli numbers health asks Meta, and a campaign&apos;s start asks about its number.</source>
        <translation>Ainda não verificado: &quot;Verificar estado&quot; em Configurações ▸ Números de telefone ou herald-cli numbers health pergunta à Meta, e o início de uma campanha pergunta pelo número dela.</translation>
    </message>
    <message>
        <source>%1 (%2), throughput %3.</source>
        <translation>%1 (%2), vazão %3.</translation>
    </message>
    <message>
        <source>Checked %1.</source>
        <translation>Verificado %1.</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>The campaign (by name) to queue the contacts in.</source>
        <translation>A campanha (pelo nome) em cuja fila os contatos entram.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE.</source>
        <translation>País dos números escritos sem código do país, p. ex. BR.</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>Field delimiter (default: detected among , ; tab |). &apos;tab&apos; for tab.</source>
        <translation>Delimitador de campos (padrão: detectado entre , ; tab |). &apos;tab&apos; para tabulação.</translation>
    </message>
    <message>
        <source>c</source>
        <translation>c</translation>
    </message>
    <message>
        <source>utf-8, utf-16le, utf-16be or windows-1252 (default: detected).</source>
        <translation>utf-8, utf-16le, utf-16be ou windows-1252 (padrão: detectada).</translation>
    </message>
    <message>
        <source>The phone column by header name or 1-based number (default: detected).</source>
        <translation>A coluna de telefone pelo nome do cabeçalho ou pelo número (a partir de 1) (padrão: detectada).</translation>
    </message>
    <message>
        <source>column</source>
        <translation>coluna</translation>
    </message>
    <message>
        <source>Maps a template parameter to a column, e.g. --param body.1=&quot;First Name&quot;. Repeatable. A row without a value for a mapped parameter is rejected.</source>
        <translation>Mapeia um parâmetro do modelo para uma coluna, p. ex. --param body.1=&quot;Nome&quot;. Pode ser repetida. Uma linha sem valor para um parâmetro mapeado é rejeitada.</translation>
    </message>
    <message>
        <source>key=column</source>
        <translation>chave=coluna</translation>
    </message>
    <message>
        <source>Rejects numbers that cannot be mobile (landlines).</source>
        <translation>Rejeita números que não podem ser de celular (fixos).</translation>
    </message>
    <message>
        <source>Does everything, reports, and then saves nothing.</source>
        <translation>Faz tudo, relata e depois não salva nada.</translation>
    </message>
    <message>
        <source>Where to write the rows not imported (default: FILE.rejects.csv beside it).</source>
        <translation>Onde gravar as linhas não importadas (padrão: ARQUIVO.rejects.csv ao lado dele).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>arquivo</translation>
    </message>
    <message>
        <source>Frequency cap: leaves out numbers another campaign sent to in the last N days.</source>
        <translation>Limite de frequência: deixa de fora números aos quais outra campanha enviou nos últimos N dias.</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Imports a CSV contact file into a campaign, reporting every row not imported.</source>
        <translation>Importa um arquivo CSV de contatos para uma campanha, relatando cada linha não importada.</translation>
    </message>
    <message>
        <source>The CSV file (Excel, Google Contacts, Outlook, CRM exports).</source>
        <translation>O arquivo CSV (exportações do Excel, Google Contatos, Outlook, CRM).</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>ARQUIVO</translation>
    </message>
    <message>
        <source>missing FILE: the contact file to import</source>
        <translation>falta ARQUIVO: o arquivo de contatos a importar</translation>
    </message>
    <message>
        <source>--delimiter takes one character (or &apos;tab&apos;), not &quot;%1&quot;</source>
        <translation>--delimiter aceita um caractere (ou &apos;tab&apos;), não &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown encoding &quot;%1&quot;: use utf-8, utf-16le, utf-16be or windows-1252</source>
        <translation>codificação desconhecida &quot;%1&quot;: use utf-8, utf-16le, utf-16be ou windows-1252</translation>
    </message>
    <message>
        <source>--param takes key=column, e.g. body.1=&quot;First Name&quot;, not &quot;%1&quot;</source>
        <translation>--param aceita chave=coluna, p. ex. body.1=&quot;Nome&quot;, não &quot;%1&quot;</translation>
    </message>
    <message>
        <source>--skip-recent-days takes a number of days from 1 to 3650, not &quot;%1&quot;</source>
        <translation>--skip-recent-days aceita um número de dias de 1 a 3650, não &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nada foi importado.</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>Imported %1 of %2 rows from %3.</source>
        <translation>Importadas %1 de %2 linhas de %3.</translation>
    </message>
    <message>
        <source>Dry run: %1 of %2 rows from %3 would be imported; nothing was saved.</source>
        <translation>Simulação: %1 de %2 linhas de %3 seriam importadas; nada foi salvo.</translation>
    </message>
    <message>
        <source>Import of %1 cancelled after %2 rows; nothing was saved.</source>
        <translation>Importação de %1 cancelada após %2 linhas; nada foi salvo.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Nada foi importado.</translation>
    </message>
    <message>
        <source>File: %1.</source>
        <translation>Arquivo: %1.</translation>
    </message>
    <message>
        <source>Phone column: %1 (%2).</source>
        <translation>Coluna de telefone: %1 (%2).</translation>
    </message>
    <message>
        <source>Contact name from: %1.</source>
        <translation>Nome do contato de: %1.</translation>
    </message>
    <message>
        <source>Duplicates in the file: %1; already in the campaign: %2; opted out: %3; rejected: %4.</source>
        <translation>Duplicados no arquivo: %1; já na campanha: %2; com opt-out: %3; rejeitados: %4.</translation>
    </message>
    <message numerus="yes">
        <source>Messaged by a campaign in the last %n day(s), left out: %1.</source>
        <translation>
            <numerusform>Receberam mensagem de uma campanha no último %n dia, deixados de fora: %1.</numerusform>
            <numerusform>Receberam mensagem de uma campanha nos últimos %n dias, deixados de fora: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row not imported is listed with its line and reason in %1.</source>
        <translation>Cada linha não importada está listada com a linha e o motivo em %1.</translation>
    </message>
    <message>
        <source>Took %1 ms.</source>
        <translation>Levou %1 ms.</translation>
    </message>
</context>
<context>
    <name>ImportWriter</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>A campanha &quot;%1&quot; está %2: crie uma nova campanha para estes contatos.</translation>
    </message>
</context>
<context>
    <name>InboundWriter</name>
    <message>
        <source>replied &quot;%1&quot; (delivery tracking)</source>
        <translation>respondeu “%1” (rastreamento de entrega)</translation>
    </message>
</context>
<context>
    <name>InitCommand</name>
    <message>
        <source>Creates the database schema or upgrades it to this version (safe to repeat).</source>
        <translation>Cria o esquema do banco de dados ou o atualiza para esta versão (pode ser repetido com segurança).</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this program understands (up to %3): install a newer Herald; nothing was changed</source>
        <translation>o banco de dados %1 tem a versão de esquema %2, mais nova do que este programa entende (até %3): instale um Herald mais novo; nada foi alterado</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Banco de dados: %1</translation>
    </message>
    <message numerus="yes">
        <source>Schema version %1 (%n migration(s) applied).</source>
        <translation>
            <numerusform>Versão do esquema %1 (%n migração aplicada).</numerusform>
            <numerusform>Versão do esquema %1 (%n migrações aplicadas).</numerusform>
        </translation>
    </message>
    <message>
        <source>Schema version %1, already up to date.</source>
        <translation>Versão do esquema %1, já atualizada.</translation>
    </message>
    <message>
        <source>the schema is at version %1 but still has problems that init does not repair:</source>
        <translation>o esquema está na versão %1, mas ainda tem problemas que o init não repara:</translation>
    </message>
</context>
<context>
    <name>LanguageChoice</name>
    <message>
        <source>System default</source>
        <translation>Padrão do sistema</translation>
    </message>
</context>
<context>
    <name>MessageBuilder</name>
    <message>
        <source>%1: the text is empty; Meta rejects empty parameters.</source>
        <translation>%1: o texto está vazio; a Meta rejeita parâmetros vazios.</translation>
    </message>
    <message>
        <source>%1: the text has %2 characters; at most %3 are allowed.</source>
        <translation>%1: o texto tem %2 caracteres; são permitidos no máximo %3.</translation>
    </message>
    <message>
        <source>%1: the text contains a line break, a tab or more than 4 spaces in a row, which Meta does not accept in template parameters.</source>
        <translation>%1: o texto contém uma quebra de linha, uma tabulação ou mais de 4 espaços seguidos, o que a Meta não aceita em parâmetros de modelo.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a currency parameter.</source>
        <translation>%1: um cabeçalho não aceita parâmetro de moeda.</translation>
    </message>
    <message>
        <source>%1: the currency needs a fallback value (the text shown as is).</source>
        <translation>%1: a moeda precisa de um valor alternativo (o texto exibido como está).</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an ISO 4217 currency code such as EUR or USD.</source>
        <translation>%1: &quot;%2&quot; não é um código de moeda ISO 4217, como BRL ou USD.</translation>
    </message>
    <message>
        <source>%1: a header cannot take a date_time parameter.</source>
        <translation>%1: um cabeçalho não aceita parâmetro date_time.</translation>
    </message>
    <message>
        <source>%1: the date_time needs a fallback value (the text shown as is).</source>
        <translation>%1: o date_time precisa de um valor alternativo (o texto exibido como está).</translation>
    </message>
    <message>
        <source>%1: media (%2) can only be sent in the header.</source>
        <translation>%1: a mídia (%2) só pode ser enviada no cabeçalho.</translation>
    </message>
    <message>
        <source>%1: give either a media id or a link, not both and not neither.</source>
        <translation>%1: informe um ID de mídia ou um link, não ambos nem nenhum.</translation>
    </message>
    <message>
        <source>%1: the media link must start with https:// or http://.</source>
        <translation>%1: o link da mídia deve começar com https:// ou http://.</translation>
    </message>
    <message>
        <source>%1: unknown parameter type.</source>
        <translation>%1: tipo de parâmetro desconhecido.</translation>
    </message>
    <message>
        <source>%1: the index %2 is outside 0..9.</source>
        <translation>%1: o índice %2 está fora de 0..9.</translation>
    </message>
    <message>
        <source>%1: a quick_reply button needs a payload.</source>
        <translation>%1: um botão quick_reply precisa de um payload.</translation>
    </message>
    <message>
        <source>%1: a url button needs the text appended to the template&apos;s URL.</source>
        <translation>%1: um botão url precisa do texto acrescentado à URL do modelo.</translation>
    </message>
    <message>
        <source>The recipient &quot;%1&quot; is not an international number (E.164: country code and number, 7 to 15 digits).</source>
        <translation>O destinatário &quot;%1&quot; não é um número internacional (E.164: código do país e número, de 7 a 15 dígitos).</translation>
    </message>
    <message>
        <source>The template name &quot;%1&quot; is not valid: Meta uses lowercase letters, digits and underscores, at most 512 characters.</source>
        <translation>O nome de modelo &quot;%1&quot; não é válido: a Meta usa letras minúsculas, dígitos e sublinhados, no máximo 512 caracteres.</translation>
    </message>
    <message>
        <source>The language code &quot;%1&quot; is not valid; use the template&apos;s code, such as en_US or de.</source>
        <translation>O código de idioma &quot;%1&quot; não é válido; use o código do modelo, como pt_BR ou en_US.</translation>
    </message>
    <message>
        <source>The header takes one parameter, but %1 were given.</source>
        <translation>O cabeçalho aceita um parâmetro, mas foram informados %1.</translation>
    </message>
    <message>
        <source>%1: a parameter name may contain only lowercase letters, digits and underscores.</source>
        <translation>%1: o nome de um parâmetro só pode conter letras minúsculas, dígitos e sublinhados.</translation>
    </message>
    <message>
        <source>Named and positional parameters are mixed; a template uses one kind only.</source>
        <translation>Parâmetros nomeados e posicionais estão misturados; um modelo usa apenas um tipo.</translation>
    </message>
    <message>
        <source>%1: two buttons have the same index.</source>
        <translation>%1: dois botões têm o mesmo índice.</translation>
    </message>
    <message>
        <source>The text message is empty.</source>
        <translation>A mensagem de texto está vazia.</translation>
    </message>
    <message>
        <source>The text message has %1 characters; at most %2 are allowed.</source>
        <translation>A mensagem de texto tem %1 caracteres; são permitidos no máximo %2.</translation>
    </message>
    <message>
        <source>The callback data has %1 characters; Meta accepts at most %2.</source>
        <translation>Os dados de callback têm %1 caracteres; a Meta aceita no máximo %2.</translation>
    </message>
</context>
<context>
    <name>MigrateCommand</name>
    <message>
        <source>The SQLite database to move (only read).</source>
        <translation>O banco de dados SQLite a mover (apenas lido).</translation>
    </message>
    <message>
        <source>The empty PostgreSQL database to move it into.</source>
        <translation>O banco de dados PostgreSQL vazio para onde movê-lo.</translation>
    </message>
    <message>
        <source>Moves a SQLite database into an empty PostgreSQL database for a team, in one transaction, and checks the copy.</source>
        <translation>Move um banco de dados SQLite para um banco de dados PostgreSQL vazio para uma equipe, em uma transação, e verifica a cópia.</translation>
    </message>
    <message>
        <source>migrate needs --%1</source>
        <translation>migrate precisa de --%1</translation>
    </message>
    <message>
        <source>--%1: %2</source>
        <translation>--%1: %2</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabela</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Linhas</translation>
    </message>
    <message>
        <source>Moved %1 into %2: %3 rows in %4 ms, in one transaction.</source>
        <translation>%1 movido para %2: %3 linhas em %4 ms, em uma transação.</translation>
    </message>
    <message>
        <source>Every campaign&apos;s counters equal a recount of its rows.</source>
        <translation>Os contadores de cada campanha são iguais a uma recontagem de suas linhas.</translation>
    </message>
    <message>
        <source>Counters differ from a recount in: %1</source>
        <translation>Os contadores diferem de uma recontagem em: %1</translation>
    </message>
    <message>
        <source>These differed in %1 already; herald-cli repair on the new database corrects them: %2</source>
        <translation>Estes já diferiam em %1; herald-cli repair no novo banco de dados os corrige: %2</translation>
    </message>
    <message>
        <source>%1 was left as it was. Point consoles and workers at the new database (--db or HERALD_DB), and stop using the file.</source>
        <translation>%1 ficou como estava. Aponte os consoles e workers para o novo banco de dados (--db ou HERALD_DB) e pare de usar o arquivo.</translation>
    </message>
    <message>
        <source>The copy in %1 did not pass its check.</source>
        <translation>A cópia em %1 não passou na verificação.</translation>
    </message>
</context>
<context>
    <name>Money</name>
    <message>
        <source>no price</source>
        <translation>sem preço</translation>
    </message>
    <message>
        <source>&quot;%1&quot; uses a comma: write prices with a decimal point, e.g. 0.0250</source>
        <translation>&quot;%1&quot; usa vírgula: escreva preços com ponto decimal, p. ex. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price: digits and one decimal point only, e.g. 0.0250</source>
        <translation>&quot;%1&quot; não é um preço: apenas dígitos e um ponto decimal, p. ex. 0.0250</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than %2 decimals</source>
        <translation>&quot;%1&quot; tem mais de %2 casas decimais</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large a price</source>
        <translation>&quot;%1&quot; é um preço grande demais</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a price</source>
        <translation>&quot;%1&quot; não é um preço</translation>
    </message>
</context>
<context>
    <name>MoveToPostgres</name>
    <message>
        <source>The tables %1 refer to each other in a circle: no order copies them.</source>
        <translation>As tabelas %1 referem-se umas às outras em círculo: nenhuma ordem consegue copiá-las.</translation>
    </message>
    <message>
        <source>Copying table %1 failed in the %2 rows from %3 on: %4</source>
        <translation>A cópia da tabela %1 falhou nas %2 linhas a partir de %3: %4</translation>
    </message>
    <message>
        <source>The target must be a PostgreSQL database (postgresql://…), not %1.</source>
        <translation>O destino deve ser um banco de dados PostgreSQL (postgresql://…), não %1.</translation>
    </message>
    <message>
        <source>The source must be a SQLite file, not %1.</source>
        <translation>A origem deve ser um arquivo SQLite, não %1.</translation>
    </message>
    <message>
        <source>There is no SQLite database at %1.</source>
        <translation>Não há banco de dados SQLite em %1.</translation>
    </message>
    <message>
        <source>No temporary folder for the snapshot of %1: %2</source>
        <translation>Nenhuma pasta temporária para o instantâneo de %1: %2</translation>
    </message>
    <message>
        <source>%1 is sending from %2: stop it first, or it would go on writing to the file after the copy.</source>
        <translation>%1 está enviando de %2: pare-o primeiro, ou ele continuaria escrevendo no arquivo após a cópia.</translation>
    </message>
    <message>
        <source>Table %1 of %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>A tabela %1 de %2 não tem lugar no esquema do PostgreSQL: nada foi movido.</translation>
    </message>
    <message>
        <source>%1 is not empty: %2. Move into a new, empty database.</source>
        <translation>%1 não está vazio: %2. Mova para um banco de dados novo e vazio.</translation>
    </message>
    <message>
        <source>Column %1 of table %2 has no place in PostgreSQL&apos;s schema: nothing was moved.</source>
        <translation>A coluna %1 da tabela %2 não tem lugar no esquema do PostgreSQL: nada foi movido.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows read but %3 in PostgreSQL; nothing was moved.</source>
        <translation>Tabela %1: %2 linhas lidas, mas %3 no PostgreSQL; nada foi movido.</translation>
    </message>
    <message>
        <source>Table %1: %2 rows in %3 but %4 read; nothing was moved.</source>
        <translation>Tabela %1: %2 linhas em %3, mas %4 lidas; nada foi movido.</translation>
    </message>
    <message>
        <source>Table %1 of the snapshot cannot be read: %2</source>
        <translation>Não é possível ler a tabela %1 do instantâneo: %2</translation>
    </message>
</context>
<context>
    <name>NewCampaignWizard</name>
    <message>
        <source>No access token is set: add it in Settings.</source>
        <translation>Nenhum token de acesso definido: adicione-o nas Configurações.</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>Coluna %1</translation>
    </message>
</context>
<context>
    <name>NumberHealth</name>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>a resposta não é um objeto JSON</translation>
    </message>
    <message>
        <source>the answer has no quality rating, messaging limit or status</source>
        <translation>a resposta não tem classificação de qualidade, limite de mensagens nem status</translation>
    </message>
</context>
<context>
    <name>NumberHealthStore</name>
    <message>
        <source>The health of phone number %1 could not be read from Meta, so its quality rating and messaging limit were not checked: %2</source>
        <translation>Não foi possível ler da Meta o estado do número de telefone %1, então a classificação de qualidade e o limite de mensagens não foram verificados: %2</translation>
    </message>
    <message>
        <source>Phone number %1 has a %2 quality rating: recipients have been blocking or reporting its messages. Sending more marketing now can lower its messaging limit or get it restricted.</source>
        <translation>O número de telefone %1 tem classificação de qualidade %2: destinatários têm bloqueado ou denunciado suas mensagens. Enviar mais marketing agora pode reduzir seu limite de mensagens ou fazê-lo ser restringido.</translation>
    </message>
    <message>
        <source>low (RED)</source>
        <translation>baixa (RED)</translation>
    </message>
    <message>
        <source>medium (YELLOW)</source>
        <translation>média (YELLOW)</translation>
    </message>
    <message>
        <source>Meta reports phone number %1 as %2, not CONNECTED: messages from it may be refused.</source>
        <translation>A Meta informa o número de telefone %1 como %2, não CONNECTED: mensagens dele podem ser recusadas.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; would reach %2 people not messaged in the last 24 hours, but the messaging limit (%3: %4 people per 24 hours, for the whole business) leaves about %5 today (%6 already reached). Meta refuses the messages past the limit; send the rest tomorrow, or split the campaign.</source>
        <translation>&quot;%1&quot; alcançaria %2 pessoas que não receberam mensagens nas últimas 24 horas, mas o limite de mensagens (%3: %4 pessoas a cada 24 horas, para toda a empresa) deixa cerca de %5 hoje (%6 já alcançadas). A Meta recusa as mensagens além do limite; envie o resto amanhã ou divida a campanha.</translation>
    </message>
</context>
<context>
    <name>NumberPool</name>
    <message>
        <source>%1 is named twice in the pool.</source>
        <translation>%1 aparece duas vezes no grupo.</translation>
    </message>
    <message>
        <source>A pool has at least two phone numbers; for one, give the campaign its phone number ID.</source>
        <translation>Um grupo tem pelo menos dois números de telefone; para um só, informe à campanha o ID do número.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Não há campanha com o id %1.</translation>
    </message>
    <message>
        <source>The phone numbers of a campaign are chosen before it sends; this one has started.</source>
        <translation>Os números de telefone de uma campanha são escolhidos antes do envio; esta já começou.</translation>
    </message>
    <message>
        <source>This campaign sends from one phone number: nothing to move.</source>
        <translation>Esta campanha envia de um único número de telefone: nada a mover.</translation>
    </message>
    <message>
        <source>%1 is still in the pool: only a number taken out of it gives its recipients away.</source>
        <translation>%1 ainda está no grupo: só um número retirado dele cede seus destinatários.</translation>
    </message>
    <message>
        <source>%1 is not one of this campaign&apos;s numbers.</source>
        <translation>%1 não é um dos números desta campanha.</translation>
    </message>
    <message>
        <source>Every number of the pool is out: there is no number to move the recipients to.</source>
        <translation>Todos os números do grupo estão fora: não há número para onde mover os destinatários.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A campaign sends from at least one phone number.</source>
        <translation>Uma campanha envia de pelo menos um número de telefone.</translation>
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
        <translation>Um nome para o número (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>The phone number ID (Meta&apos;s numeric ID, not the number).</source>
        <translation>O ID do número de telefone (o ID numérico da Meta, não o número).</translation>
    </message>
    <message>
        <source>[ID]</source>
        <translation>[ID]</translation>
    </message>
    <message>
        <source>numbers %1 needs a phone number ID</source>
        <translation>numbers %1 precisa de um ID de número de telefone</translation>
    </message>
    <message>
        <source>Added %1: at most %2 messages per second.</source>
        <translation>%1 adicionado: no máximo %2 mensagens por segundo.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 messages per second.</source>
        <translation>%1 alterado: no máximo %2 mensagens por segundo.</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 removido.</translation>
    </message>
    <message>
        <source>%1 was not listed.</source>
        <translation>%1 não estava na lista.</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Ceiling/s</source>
        <translation>Limite/s</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Adicionado</translation>
    </message>
    <message numerus="yes">
        <source>%n phone number(s) listed.</source>
        <translation>
            <numerusform>%n número de telefone na lista.</numerusform>
            <numerusform>%n números de telefone na lista.</numerusform>
        </translation>
    </message>
    <message>
        <source>The default number (api.phone_number_id) is %1%2.</source>
        <translation>O número padrão (api.phone_number_id) é %1%2.</translation>
    </message>
    <message>
        <source>, marked *</source>
        <translation>, marcado com *</translation>
    </message>
    <message>
        <source>A number not listed sends at api.rate_ceiling: %1 messages per second.</source>
        <translation>Um número fora da lista envia conforme api.rate_ceiling: %1 mensagens por segundo.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number (add; default: api.rate_ceiling).</source>
        <translation>Mensagens por segundo no máximo a partir deste número (add; padrão: api.rate_ceiling).</translation>
    </message>
    <message>
        <source>Adds, removes or lists the account&apos;s phone numbers and each one&apos;s ceiling, and checks their health with Meta.</source>
        <translation>Adiciona, remove ou lista os números de telefone da conta e o limite de cada um, e verifica o estado deles com a Meta.</translation>
    </message>
    <message>
        <source>add ID, remove ID, list, or health.</source>
        <translation>add ID, remove ID, list ou health.</translation>
    </message>
    <message>
        <source>add|remove|list|health</source>
        <translation>add|remove|list|health</translation>
    </message>
    <message>
        <source>numbers needs an action: add, remove, list or health</source>
        <translation>numbers precisa de uma ação: add, remove, list ou health</translation>
    </message>
    <message>
        <source>unknown numbers action &quot;%1&quot;: use add, remove, list or health</source>
        <translation>ação de numbers desconhecida &quot;%1&quot;: use add, remove, list ou health</translation>
    </message>
    <message>
        <source>No phone number to check: add one with herald-cli numbers add ID, or set api.phone_number_id.</source>
        <translation>Nenhum número de telefone para verificar: adicione um com herald-cli numbers add ID ou defina api.phone_number_id.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualidade</translation>
    </message>
    <message>
        <source>Messaging limit</source>
        <translation>Limite de mensagens</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Vazão</translation>
    </message>
    <message>
        <source>(not read)</source>
        <translation>(não lido)</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Aviso: %1</translation>
    </message>
</context>
<context>
    <name>OptOutCommand</name>
    <message>
        <source>Why the number opted out (add).</source>
        <translation>Por que o número fez opt-out (add).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>Country of numbers written without country code, e.g. DE (add, import, remove).</source>
        <translation>País dos números escritos sem código do país, p. ex. BR (add, import, remove).</translation>
    </message>
    <message>
        <source>cc</source>
        <translation>cc</translation>
    </message>
    <message>
        <source>How many to list (default 100).</source>
        <translation>Quantos listar (padrão 100).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>How many to skip when listing (default 0).</source>
        <translation>Quantos pular ao listar (padrão 0).</translation>
    </message>
    <message>
        <source>Where to write the rows not added (import; default FILE.rejects.csv).</source>
        <translation>Onde gravar as linhas não adicionadas (import; padrão ARQUIVO.rejects.csv).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>arquivo</translation>
    </message>
    <message>
        <source>Adds, removes, imports or lists phones that must never be messaged.</source>
        <translation>Adiciona, remove, importa ou lista telefones que nunca devem receber mensagens.</translation>
    </message>
    <message>
        <source>add PHONE, remove PHONE, import FILE, or list.</source>
        <translation>add TELEFONE, remove TELEFONE, import ARQUIVO ou list.</translation>
    </message>
    <message>
        <source>add|remove|import|list</source>
        <translation>add|remove|import|list</translation>
    </message>
    <message>
        <source>The phone number or file.</source>
        <translation>O número de telefone ou o arquivo.</translation>
    </message>
    <message>
        <source>[PHONE|FILE]</source>
        <translation>[TELEFONE|ARQUIVO]</translation>
    </message>
    <message>
        <source>optout %1 needs %2</source>
        <translation>optout %1 precisa de %2</translation>
    </message>
    <message>
        <source>a phone number</source>
        <translation>um número de telefone</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 agora está na lista de opt-out.</translation>
    </message>
    <message>
        <source>%1 was already on the opt-out list.</source>
        <translation>%1 já estava na lista de opt-out.</translation>
    </message>
    <message>
        <source>%1 was removed from the opt-out list.</source>
        <translation>%1 foi removido da lista de opt-out.</translation>
    </message>
    <message>
        <source>%1 was not on the opt-out list.</source>
        <translation>%1 não estava na lista de opt-out.</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>um arquivo</translation>
    </message>
    <message>
        <source>Nothing was added.</source>
        <translation>Nada foi adicionado.</translation>
    </message>
    <message>
        <source>Added %1 of %2 rows from %3 to the opt-out list; %4 were already on it; %5 rejected.</source>
        <translation>%1 de %2 linhas de %3 adicionadas à lista de opt-out; %4 já estavam nela; %5 rejeitadas.</translation>
    </message>
    <message>
        <source>The rows not added are listed with line and reason in %1.</source>
        <translation>As linhas não adicionadas estão listadas com linha e motivo em %1.</translation>
    </message>
    <message>
        <source>--limit and --offset take whole numbers of 0 or more</source>
        <translation>--limit e --offset aceitam números inteiros a partir de 0</translation>
    </message>
    <message>
        <source>%1 phones on the opt-out list.</source>
        <translation>%1 telefones na lista de opt-out.</translation>
    </message>
    <message>
        <source>optout needs an action: add, remove, import or list</source>
        <translation>optout precisa de uma ação: add, remove, import ou list</translation>
    </message>
    <message>
        <source>unknown optout action &quot;%1&quot;: use add, remove, import or list</source>
        <translation>ação de optout desconhecida &quot;%1&quot;: use add, remove, import ou list</translation>
    </message>
</context>
<context>
    <name>OptOutImportText</name>
    <message>
        <source>line %1: %2</source>
        <translation>linha %1: %2</translation>
    </message>
    <message>
        <source>Rejected: %1</source>
        <translation>Rejeitado: %1</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Nada foi adicionado: %1</translation>
    </message>
    <message>
        <source>Rows read from %1: %2. Added to the opt-out list: %3. Already on it: %4. Rejected: %5.</source>
        <translation>Linhas lidas de %1: %2. Adicionados à lista de opt-out: %3. Já estavam nela: %4. Rejeitados: %5.</translation>
    </message>
    <message>
        <source>Numbers were read from the column “%1”.</source>
        <translation>Os números foram lidos da coluna “%1”.</translation>
    </message>
    <message>
        <source>Every rejected row is listed in %1.</source>
        <translation>Cada linha rejeitada está listada em %1.</translation>
    </message>
</context>
<context>
    <name>OptOutStore</name>
    <message>
        <source>%1: no column holds phone numbers.</source>
        <translation>%1: nenhuma coluna contém números de telefone.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>column %1</source>
        <translation>coluna %1</translation>
    </message>
    <message>
        <source>imported from %1</source>
        <translation>importado de %1</translation>
    </message>
    <message>
        <source>line</source>
        <translation>linha</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>explanation</source>
        <translation>explicação</translation>
    </message>
    <message>
        <source>row</source>
        <translation>registro</translation>
    </message>
</context>
<context>
    <name>ParameterMapping</name>
    <message>
        <source>No value for %1.</source>
        <translation>Sem valor para %1.</translation>
    </message>
    <message>
        <source>%1: a currency needs amount_1000 as a whole number (the amount × 1000).</source>
        <translation>%1: uma moeda precisa de amount_1000 como número inteiro (o valor × 1000).</translation>
    </message>
    <message>
        <source>%1: unknown value type &quot;%2&quot; (use text, currency or date_time).</source>
        <translation>%1: tipo de valor desconhecido &quot;%2&quot; (use text, currency ou date_time).</translation>
    </message>
    <message>
        <source>%1: a list is not a parameter value.</source>
        <translation>%1: uma lista não é um valor de parâmetro.</translation>
    </message>
    <message>
        <source>%1: a media value needs an id or a link.</source>
        <translation>%1: um valor de mídia precisa de um ID ou de um link.</translation>
    </message>
    <message>
        <source>%1: a button takes a plain text value.</source>
        <translation>%1: um botão aceita um valor de texto simples.</translation>
    </message>
</context>
<context>
    <name>PhoneColumnDetector</name>
    <message>
        <source>column %1</source>
        <translation>coluna %1</translation>
    </message>
    <message>
        <source>column %1 “%2”</source>
        <translation>coluna %1 “%2”</translation>
    </message>
    <message>
        <source>there is no column %1: the file has %2 columns</source>
        <translation>não existe a coluna %1: o arquivo tem %2 colunas</translation>
    </message>
    <message>
        <source>there is no column named “%1”: the file has no header row, so choose the column by its number (1 to %2)</source>
        <translation>não existe coluna chamada “%1”: o arquivo não tem linha de cabeçalho, então escolha a coluna pelo número (1 a %2)</translation>
    </message>
    <message>
        <source>there is no column named “%1”; the columns are %2</source>
        <translation>não existe coluna chamada “%1”; as colunas são %2</translation>
    </message>
    <message>
        <source>%1, as chosen</source>
        <translation>%1, conforme escolhido</translation>
    </message>
    <message>
        <source>%1, recognised by its name</source>
        <translation>%1, reconhecida pelo nome</translation>
    </message>
    <message>
        <source>%1, where %2 of %3 sampled values look like phone numbers</source>
        <translation>%1, onde %2 de %3 valores de amostra parecem números de telefone</translation>
    </message>
    <message>
        <source>no column looks like it holds phone numbers; choose the phone column by its name or number</source>
        <translation>nenhuma coluna parece conter números de telefone; escolha a coluna de telefone pelo nome ou pelo número</translation>
    </message>
</context>
<context>
    <name>PhoneNormalizer</name>
    <message>
        <source>%1 is a tel: link with parameters after its number (an extension such as ;ext=12, a phone-context, …): only the number itself can receive WhatsApp messages, so write it without them</source>
        <translation>%1 é um link tel: com parâmetros após o número (um ramal como ;ext=12, um phone-context, …): só o próprio número pode receber mensagens do WhatsApp, então escreva-o sem eles</translation>
    </message>
    <message>
        <source>%1 has decimal places: the phone number was stored as a number rather than as text, so a leading 0 or + may have been lost. Format the phone column as Text (or export the file again from its original source), then import it again</source>
        <translation>%1 tem casas decimais: o número de telefone foi armazenado como número e não como texto, então um 0 ou + inicial pode ter se perdido. Formate a coluna de telefone como Texto (ou exporte o arquivo novamente da origem) e importe-o de novo</translation>
    </message>
    <message>
        <source>the phone number is empty</source>
        <translation>o número de telefone está vazio</translation>
    </message>
    <message>
        <source>%1 is in scientific notation: the spreadsheet stored the phone number as a number and shows it rounded, so its last digits are lost and cannot be recovered. Format the phone column as Text before pasting or importing the numbers (or export the file again from its original source), then import it again</source>
        <translation>%1 está em notação científica: a planilha armazenou o número de telefone como número e o exibe arredondado, então os últimos dígitos se perderam e não podem ser recuperados. Formate a coluna de telefone como Texto antes de colar ou importar os números (ou exporte o arquivo novamente da origem) e importe-o de novo</translation>
    </message>
    <message>
        <source>%1 contains letters: a phone number may hold only digits, a leading + and separators such as spaces, dashes, dots and parentheses (extensions, labels and vanity numbers cannot receive WhatsApp messages)</source>
        <translation>%1 contém letras: um número de telefone só pode ter dígitos, um + inicial e separadores como espaços, hífens, pontos e parênteses (ramais, rótulos e números com letras não podem receber mensagens do WhatsApp)</translation>
    </message>
    <message>
        <source>%1 contains characters that do not belong in a phone number: only digits, a leading + and spaces, dashes, dots, slashes and parentheses are allowed</source>
        <translation>%1 contém caracteres que não fazem parte de um número de telefone: só são permitidos dígitos, um + inicial e espaços, hífens, pontos, barras e parênteses</translation>
    </message>
    <message>
        <source>%1 has a + that is not at the start: + may only stand before the country code, and a cell may hold only one number</source>
        <translation>%1 tem um + que não está no início: o + só pode vir antes do código do país, e uma célula só pode conter um número</translation>
    </message>
    <message>
        <source>%1 has no digits</source>
        <translation>%1 não tem dígitos</translation>
    </message>
    <message>
        <source>%1 has %2 digits, far more than any phone number (at most 15)</source>
        <translation>%1 tem %2 dígitos, muito mais do que qualquer número de telefone (no máximo 15)</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix (+ or 00) and country code: the number itself is missing</source>
        <translation>%1 termina logo após o prefixo internacional (+ ou 00) e o código do país: falta o próprio número</translation>
    </message>
    <message>
        <source>%1 can be read two ways: with 00 as the international prefix it is %2, with the international dialling prefix of %3 it is %4; write it with + instead of the prefix to say which one is meant</source>
        <translation>%1 pode ser lido de duas formas: com 00 como prefixo internacional é %2, com o prefixo de discagem internacional de %3 é %4; escreva-o com + em vez do prefixo para indicar qual é o correto</translation>
    </message>
    <message>
        <source>%1 has no country code and no default region is set: write it in international form, with + or 00 and the country code (+49 30 1234567 or 0049 30 1234567), or choose the region its national numbers belong to</source>
        <translation>%1 não tem código do país e nenhuma região padrão foi definida: escreva-o no formato internacional, com + ou 00 e o código do país (+55 11 912345678 ou 0055 11 912345678), ou escolha a região a que pertencem os números nacionais</translation>
    </message>
    <message>
        <source>%1 has no country code, and the default region %2 is not a region code libphonenumber knows, so it cannot be read as a national number</source>
        <translation>%1 não tem código do país, e a região padrão %2 não é um código de região que a libphonenumber conheça, então não pode ser lido como número nacional</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use after its + or 00</source>
        <translation>%1 não começa com um código de país em uso após o + ou 00</translation>
    </message>
    <message>
        <source>%1 has too few digits to be a phone number</source>
        <translation>%1 tem poucos dígitos para ser um número de telefone</translation>
    </message>
    <message>
        <source>%1 ends right after the international prefix: the country code and number are missing</source>
        <translation>%1 termina logo após o prefixo internacional: faltam o código do país e o número</translation>
    </message>
    <message>
        <source>%1 is too short to be a phone number</source>
        <translation>%1 é curto demais para ser um número de telefone</translation>
    </message>
    <message>
        <source>%1 is too long to be a phone number</source>
        <translation>%1 é longo demais para ser um número de telefone</translation>
    </message>
    <message>
        <source>%1 does not start with a country calling code in use (+%2)</source>
        <translation>%1 não começa com um código de país em uso (+%2)</translation>
    </message>
    <message>
        <source>%1 is too short for a phone number of %2</source>
        <translation>%1 é curto demais para um número de telefone de %2</translation>
    </message>
    <message>
        <source>%1 is too long for a phone number of %2</source>
        <translation>%1 é longo demais para um número de telefone de %2</translation>
    </message>
    <message>
        <source>%1 has a length that phone numbers of %2 never have</source>
        <translation>%1 tem um comprimento que os números de telefone de %2 nunca têm</translation>
    </message>
    <message>
        <source>%1 is only a local number of %2: the area code is missing</source>
        <translation>%1 é apenas um número local de %2: falta o código de área</translation>
    </message>
    <message>
        <source>%1 is not a valid number for %2: its length is possible, but no number there starts like this (unknown area code or mobile prefix)</source>
        <translation>%1 não é um número válido para %2: o comprimento é possível, mas nenhum número de lá começa assim (código de área ou prefixo de celular desconhecido)</translation>
    </message>
    <message>
        <source>if it is an international number, it lacks its + or 00: %1 would be valid</source>
        <translation>se for um número internacional, falta o + ou 00: %1 seria válido</translation>
    </message>
    <message>
        <source>%1 (%2) is %3, not a mobile number, and only mobile numbers are accepted</source>
        <translation>%1 (%2) é %3, não um número de celular, e só números de celular são aceitos</translation>
    </message>
    <message>
        <source>The region is empty. %1</source>
        <translation>A região está vazia. %1</translation>
    </message>
    <message>
        <source>%1 is a country calling code, not a region; for +%2 write %3. %4</source>
        <translation>%1 é um código de discagem de país, não uma região; para +%2 escreva %3. %4</translation>
    </message>
    <message>
        <source>%1 is a number, not a region. %2</source>
        <translation>%1 é um número, não uma região. %2</translation>
    </message>
    <message>
        <source>%1 is not a two-letter region code. %2</source>
        <translation>%1 não é um código de região de duas letras. %2</translation>
    </message>
    <message>
        <source>%1 is not an ISO 3166 code; the United Kingdom is GB. %2</source>
        <translation>%1 não é um código ISO 3166; o Reino Unido é GB. %2</translation>
    </message>
    <message>
        <source>%1 is not a region code libphonenumber has numbering data for. %2</source>
        <translation>%1 não é um código de região para o qual a libphonenumber tenha dados de numeração. %2</translation>
    </message>
    <message>
        <source>Write the region as its two-letter ISO 3166-1 country code, for example DE (Germany), GB (United Kingdom), US, BR, IN, ID, MX or ES; upper or lower case. It is the country assumed for numbers written without + or 00 and a country code.</source>
        <translation>Escreva a região com o código de país ISO 3166-1 de duas letras, por exemplo BR (Brasil), PT (Portugal), US, DE, GB, IN, ID, MX ou ES; maiúsculas ou minúsculas. É o país assumido para números escritos sem + ou 00 e código do país.</translation>
    </message>
    <message>
        <source>a fixed-line number</source>
        <translation>um número de telefone fixo</translation>
    </message>
    <message>
        <source>a mobile number</source>
        <translation>um número de celular</translation>
    </message>
    <message>
        <source>a fixed-line or mobile number</source>
        <translation>um número fixo ou de celular</translation>
    </message>
    <message>
        <source>a toll-free number</source>
        <translation>um número gratuito (0800)</translation>
    </message>
    <message>
        <source>a premium-rate number</source>
        <translation>um número de tarifa especial</translation>
    </message>
    <message>
        <source>a shared-cost number</source>
        <translation>um número de custo compartilhado</translation>
    </message>
    <message>
        <source>a VoIP number</source>
        <translation>um número VoIP</translation>
    </message>
    <message>
        <source>a personal number</source>
        <translation>um número pessoal</translation>
    </message>
    <message>
        <source>a pager number</source>
        <translation>um número de pager</translation>
    </message>
    <message>
        <source>a company (UAN) number</source>
        <translation>um número corporativo (UAN)</translation>
    </message>
    <message>
        <source>a voicemail number</source>
        <translation>um número de correio de voz</translation>
    </message>
    <message>
        <source>a number of unknown type</source>
        <translation>um número de tipo desconhecido</translation>
    </message>
</context>
<context>
    <name>PhoneNumberStore</name>
    <message>
        <source>&quot;%1&quot; is not a phone number ID: use the numeric ID shown in Meta&apos;s WhatsApp Manager, not the phone number itself.</source>
        <translation>&quot;%1&quot; não é um ID de número de telefone: use o ID numérico mostrado no WhatsApp Manager da Meta, não o próprio número de telefone.</translation>
    </message>
    <message>
        <source>A number&apos;s ceiling must be a whole number of messages per second from 1 to %1 (Meta: 80, up to 1,000 for upgraded numbers).</source>
        <translation>O limite de um número deve ser um número inteiro de mensagens por segundo de 1 a %1 (Meta: 80, até 1.000 para números promovidos).</translation>
    </message>
    <message>
        <source>A number&apos;s label may have 200 characters at most.</source>
        <translation>O rótulo de um número pode ter no máximo 200 caracteres.</translation>
    </message>
    <message>
        <source>%1 sends campaigns that are not finished: %2. Finish or cancel them first.</source>
        <translation>%1 envia campanhas que não terminaram: %2. Termine-as ou cancele-as primeiro.</translation>
    </message>
</context>
<context>
    <name>PurgeCommand</name>
    <message>
        <source>Purge campaigns finished more than this many days ago (default: the setting privacy.retention_days).</source>
        <translation>Expurgar campanhas concluídas há mais do que este número de dias (padrão: a configuração privacy.retention_days).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Erases the recipient details of campaigns finished longer ago than the retention setting.</source>
        <translation>Apaga os dados dos destinatários de campanhas concluídas há mais tempo que a configuração de retenção.</translation>
    </message>
    <message>
        <source>--days: %1</source>
        <translation>--days: %1</translation>
    </message>
    <message>
        <source>--days must be 1 or more: 0 would keep everything.</source>
        <translation>--days deve ser 1 ou mais: 0 manteria tudo.</translation>
    </message>
    <message>
        <source>Retention is off (privacy.retention_days is 0): recipient details are kept. Set a number of days with herald-cli config set privacy.retention_days N.</source>
        <translation>A retenção está desativada (privacy.retention_days é 0): os dados dos destinatários são mantidos. Defina um número de dias com herald-cli config set privacy.retention_days N.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n linha</numerusform>
            <numerusform>%n linhas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campanha</numerusform>
            <numerusform>%n campanhas</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the recipient details of %1 in %2 that finished before %3 UTC (%4 days); their counts are unchanged.</source>
        <translation>Dados dos destinatários apagados de %1 em %2 concluídas antes de %3 UTC (%4 dias); as contagens não mudaram.</translation>
    </message>
</context>
<context>
    <name>QueueEngine</name>
    <message numerus="yes">
        <source>%n message(s) queued again for resending</source>
        <translation>
            <numerusform>%n mensagem colocada novamente na fila para reenvio</numerusform>
            <numerusform>%n mensagens colocadas novamente na fila para reenvio</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuietHours</name>
    <message>
        <source>The quiet-hours window needs a start and an end written as HH:MM, e.g. 09:00 and 20:00.</source>
        <translation>O horário de silêncio precisa de início e fim no formato HH:MM, p. ex. 09:00 e 20:00.</translation>
    </message>
    <message>
        <source>The quiet-hours window must end after it starts on the same day (%1–%2 does not); windows across midnight are not supported.</source>
        <translation>O horário de silêncio deve terminar depois de começar no mesmo dia (%1–%2 não termina); intervalos que passam da meia-noite não são suportados.</translation>
    </message>
    <message>
        <source>The time zone &quot;%1&quot; chosen for %2 is unknown; use an IANA name such as America/Chicago.</source>
        <translation>O fuso horário &quot;%1&quot; escolhido para %2 é desconhecido; use um nome IANA como America/Sao_Paulo.</translation>
    </message>
    <message>
        <source>The fallback time zone &quot;%1&quot; is unknown.</source>
        <translation>O fuso horário alternativo &quot;%1&quot; é desconhecido.</translation>
    </message>
</context>
<context>
    <name>RateCard</name>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, vigente a partir de %2</translation>
    </message>
    <message>
        <source> (example: not Meta&apos;s prices)</source>
        <translation> (exemplo: não são preços da Meta)</translation>
    </message>
</context>
<context>
    <name>RateCardCommand</name>
    <message>
        <source>a rate card is named by its number (see ratecard list), not &quot;%1&quot;</source>
        <translation>uma tabela de preços é indicada pelo número dela (veja ratecard list), não &quot;%1&quot;</translation>
    </message>
    <message>
        <source>import: the card&apos;s name (default: the file&apos;s name).</source>
        <translation>import: o nome da tabela (padrão: o nome do arquivo).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>import: the date from which the card&apos;s prices apply, e.g. 2026-10-01.</source>
        <translation>import: a data a partir da qual os preços da tabela valem, p. ex. 2026-10-01.</translation>
    </message>
    <message>
        <source>date</source>
        <translation>data</translation>
    </message>
    <message>
        <source>show: the card&apos;s number (default: the card estimates use now).</source>
        <translation>show: o número da tabela (padrão: a tabela que as estimativas usam agora).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>Imports, shows, lists or removes the rate cards cost estimates are priced from.</source>
        <translation>Importa, mostra, lista ou remove as tabelas de preços usadas nas estimativas de custo.</translation>
    </message>
    <message>
        <source>import FILE, show, list, or remove ID. The CSV format is in docs/CLI.md.</source>
        <translation>import ARQUIVO, show, list ou remove ID. O formato CSV está em docs/CLI.md.</translation>
    </message>
    <message>
        <source>import|show|list|remove</source>
        <translation>import|show|list|remove</translation>
    </message>
    <message>
        <source>The file (import) or card number (remove).</source>
        <translation>O arquivo (import) ou o número da tabela (remove).</translation>
    </message>
    <message>
        <source>[FILE|ID]</source>
        <translation>[ARQUIVO|ID]</translation>
    </message>
    <message>
        <source>ratecard %1 needs %2</source>
        <translation>ratecard %1 precisa de %2</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>um arquivo</translation>
    </message>
    <message>
        <source>a card number</source>
        <translation>um número de tabela</translation>
    </message>
    <message>
        <source>ratecard needs an action: import, show, list or remove</source>
        <translation>ratecard precisa de uma ação: import, show, list ou remove</translation>
    </message>
    <message>
        <source>unknown ratecard action &quot;%1&quot;: use import, show, list or remove</source>
        <translation>ação de ratecard desconhecida &quot;%1&quot;: use import, show, list ou remove</translation>
    </message>
    <message>
        <source>--effective takes a date as YYYY-MM-DD, not &quot;%1&quot;</source>
        <translation>--effective aceita uma data no formato AAAA-MM-DD, não &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Nothing was stored.</source>
        <translation>Nada foi armazenado.</translation>
    </message>
    <message>
        <source>Stored rate card %1: %2, %3 markets, %4 countries named, categories %5.</source>
        <translation>Tabela de preços %1 armazenada: %2, %3 mercados, %4 países nomeados, categorias %5.</translation>
    </message>
    <message>
        <source>Estimates use card %1 (%2) until this one takes effect.</source>
        <translation>As estimativas usam a tabela %1 (%2) até esta entrar em vigor.</translation>
    </message>
    <message>
        <source>there is no rate card %1 (see ratecard list)</source>
        <translation>não há tabela de preços %1 (veja ratecard list)</translation>
    </message>
    <message>
        <source>Rate card %1: %2, prices in %3 per delivered template message.</source>
        <translation>Tabela de preços %1: %2, preços em %3 por mensagem de modelo entregue.</translation>
    </message>
    <message>
        <source>Import Meta&apos;s current card for real estimates: herald-cli ratecard import FILE --effective DATE.</source>
        <translation>Importe a tabela atual da Meta para estimativas reais: herald-cli ratecard import ARQUIVO --effective DATA.</translation>
    </message>
    <message>
        <source>Rate card %1 was removed; estimates made with it keep their figures.</source>
        <translation>A tabela de preços %1 foi removida; as estimativas feitas com ela mantêm os valores.</translation>
    </message>
</context>
<context>
    <name>RateCardCsv</name>
    <message>
        <source>cannot be opened: %1</source>
        <translation>não pode ser aberto: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, linha %2: %3</translation>
    </message>
    <message>
        <source>the rate card needs a name</source>
        <translation>a tabela de preços precisa de um nome</translation>
    </message>
    <message>
        <source>the rate card needs the date from which its prices apply</source>
        <translation>a tabela de preços precisa da data a partir da qual os preços valem</translation>
    </message>
    <message>
        <source>column &quot;%1&quot; is not a category name (letters, digits, spaces, hyphens)</source>
        <translation>a coluna &quot;%1&quot; não é um nome de categoria (letras, dígitos, espaços, hifens)</translation>
    </message>
    <message>
        <source>category %1 has two columns</source>
        <translation>a categoria %1 tem duas colunas</translation>
    </message>
    <message>
        <source>the header lacks the column(s) %1 (a rate card&apos;s header is market,countries,currency, then one column per category)</source>
        <translation>falta(m) no cabeçalho a(s) coluna(s) %1 (o cabeçalho de uma tabela de preços é market,countries,currency e depois uma coluna por categoria)</translation>
    </message>
    <message>
        <source>no category columns (e.g. MARKETING, UTILITY, AUTHENTICATION)</source>
        <translation>nenhuma coluna de categoria (p. ex. MARKETING, UTILITY, AUTHENTICATION)</translation>
    </message>
    <message>
        <source>the market has no name</source>
        <translation>o mercado não tem nome</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; is already on line %2</source>
        <translation>o mercado &quot;%1&quot; já está na linha %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a currency code (three letters, e.g. USD)</source>
        <translation>&quot;%1&quot; não é um código de moeda (três letras, p. ex. USD)</translation>
    </message>
    <message>
        <source>the currency %1 differs from %2 above: a rate card has one currency</source>
        <translation>a moeda %1 é diferente de %2 acima: uma tabela de preços tem uma só moeda</translation>
    </message>
    <message>
        <source>market &quot;%1&quot; lists no countries (ISO codes such as DE, or * for every country no other market names)</source>
        <translation>o mercado &quot;%1&quot; não lista países (códigos ISO como BR, ou * para todos os países que nenhum outro mercado cita)</translation>
    </message>
    <message>
        <source>only one market may be * (the rest of the world); line %1 is already</source>
        <translation>só um mercado pode ser * (o resto do mundo); a linha %1 já é</translation>
    </message>
    <message>
        <source>* stands alone: it means every country no other market names</source>
        <translation>* fica sozinho: significa todos os países que nenhum outro mercado cita</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an ISO 3166 country code (two letters, e.g. DE; the United Kingdom is GB)</source>
        <translation>&quot;%1&quot; não é um código de país ISO 3166 (duas letras, p. ex. BR; o Reino Unido é GB)</translation>
    </message>
    <message>
        <source>%1 is already in market &quot;%2&quot; (line %3): a country belongs to one market</source>
        <translation>%1 já está no mercado &quot;%2&quot; (linha %3): um país pertence a um só mercado</translation>
    </message>
    <message>
        <source>%1 price of &quot;%2&quot;: %3</source>
        <translation>preço %1 de &quot;%2&quot;: %3</translation>
    </message>
    <message>
        <source>the file has a header but no markets</source>
        <translation>o arquivo tem cabeçalho, mas nenhum mercado</translation>
    </message>
</context>
<context>
    <name>RateCardStore</name>
    <message>
        <source>Herald example card</source>
        <translation>Tabela de exemplo do Herald</translation>
    </message>
    <message>
        <source>The rate card &quot;%1&quot; was not stored.</source>
        <translation>A tabela de preços &quot;%1&quot; não foi armazenada.</translation>
    </message>
    <message>
        <source>The rate card %1 disappeared while it was read.</source>
        <translation>A tabela de preços %1 desapareceu durante a leitura.</translation>
    </message>
    <message>
        <source>The example rate card is missing from this build (%1).</source>
        <translation>A tabela de preços de exemplo está ausente nesta compilação (%1).</translation>
    </message>
    <message>
        <source>The example rate card is broken: %1</source>
        <translation>A tabela de preços de exemplo está corrompida: %1</translation>
    </message>
</context>
<context>
    <name>Repair</name>
    <message>
        <source>reopened by repair: messages were still queued</source>
        <translation>reaberta pelo reparo: ainda havia mensagens na fila</translation>
    </message>
</context>
<context>
    <name>RepairCommand</name>
    <message>
        <source>Checks only the campaign with this name.</source>
        <translation>Verifica somente a campanha com este nome.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>Shows what would be repaired without changing anything.</source>
        <translation>Mostra o que seria reparado sem alterar nada.</translation>
    </message>
    <message>
        <source>Recounts campaign counters from the queue and fixes them and stuck statuses.</source>
        <translation>Recalcula os contadores das campanhas a partir da fila e corrige-os e os status travados.</translation>
    </message>
    <message>
        <source>No campaigns to check.</source>
        <translation>Nenhuma campanha a verificar.</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) are consistent; nothing to repair.</source>
        <translation>
            <numerusform>%n campanha verificada: consistente; nada a reparar.</numerusform>
            <numerusform>Todas as %n campanhas estão consistentes; nada a reparar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n campaign(s) need repair. Dry run: nothing was changed; run without --dry-run to fix them.</source>
        <translation>
            <numerusform>%1 de %n campanha precisa de reparo. Simulação: nada foi alterado; execute sem --dry-run para corrigir.</numerusform>
            <numerusform>%1 de %n campanhas precisam de reparo. Simulação: nada foi alterado; execute sem --dry-run para corrigi-las.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Repaired %1 of %n campaign(s).</source>
        <translation>
            <numerusform>%1 de %n campanha reparada.</numerusform>
            <numerusform>%1 de %n campanhas reparadas.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResendCommand</name>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>O nome da campanha (obrigatório).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>Which failures to resend (required): an error code such as 131026, &quot;interrupted&quot;, &quot;no response&quot;, or &quot;all&quot;.</source>
        <translation>Quais falhas reenviar (obrigatório): um código de erro como 131026, &quot;interrupted&quot;, &quot;no response&quot; ou &quot;all&quot;.</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>motivo</translation>
    </message>
    <message>
        <source>Queues a campaign&apos;s failed messages again, by failure reason.</source>
        <translation>Coloca de novo na fila as mensagens com falha de uma campanha, por motivo da falha.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages to resend</source>
        <translation>a campanha &quot;%1&quot; não tem mensagens com falha a reenviar</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; has no failed messages with reason &quot;%2&quot; to resend</source>
        <translation>a campanha &quot;%1&quot; não tem mensagens com falha pelo motivo &quot;%2&quot; a reenviar</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n failed message(s) of campaign &quot;%1&quot; again.</source>
        <translation>
            <numerusform>%n mensagem com falha da campanha &quot;%1&quot; colocada novamente na fila.</numerusform>
            <numerusform>%n mensagens com falha da campanha &quot;%1&quot; colocadas novamente na fila.</numerusform>
        </translation>
    </message>
    <message>
        <source>The campaign was %1 and is now %2: run &apos;herald-cli resume --campaign &quot;%3&quot;&apos; to send them.</source>
        <translation>O status da campanha era %1 e agora é %2: execute &apos;herald-cli resume --campaign &quot;%3&quot;&apos; para enviá-las.</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>The sender stopped while the message was in flight.</source>
        <translation>O emissor parou enquanto a mensagem estava em trânsito.</translation>
    </message>
</context>
<context>
    <name>ResultExporter</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 não pode ser gravado: %2</translation>
    </message>
</context>
<context>
    <name>RunCommand</name>
    <message>
        <source>The campaign to send (required).</source>
        <translation>A campanha a enviar (obrigatório).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>Messages per second at most, to lower the phone number&apos;s ceiling for this run (the setting api.rate_ceiling: 80 by default, Meta&apos;s standard, up to 1,000 for upgraded numbers). The sender slows down by itself when Meta says so.</source>
        <translation>Máximo de mensagens por segundo, para reduzir o teto do número de telefone nesta execução (a configuração api.rate_ceiling: 80 por padrão, o padrão da Meta, até 1.000 para números com limite ampliado). O emissor desacelera sozinho quando a Meta pede.</translation>
    </message>
    <message>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <source>Requests in flight at most (default: enough for the rate at 250 ms).</source>
        <translation>Máximo de requisições em trânsito (padrão: o suficiente para a taxa a 250 ms).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer. Off by default: Meta may have accepted them, so they fail &quot;no response&quot; and wait for an explicit resend. Also set by the campaign setting retry_no_response.</source>
        <translation>Tentar novamente mensagens cuja requisição não teve resposta. Desativado por padrão: a Meta pode tê-las aceitado, então elas falham com &quot;no response&quot; e aguardam um reenvio explícito. Também definido pela configuração da campanha retry_no_response.</translation>
    </message>
    <message>
        <source>Sends a campaign through the Cloud API until it completes, pauses or stops.</source>
        <translation>Envia uma campanha pela Cloud API até ela ser concluída, pausada ou interrompida.</translation>
    </message>
    <message>
        <source>--rate must be more than 0 and at most 1,000 messages per second</source>
        <translation>--rate deve ser maior que 0 e no máximo 1.000 mensagens por segundo</translation>
    </message>
    <message>
        <source>--concurrency must be from 1 to 2,000</source>
        <translation>--concurrency deve ser de 1 a 2.000</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:
  %2</source>
        <translation>a campanha &quot;%1&quot; não pode iniciar:
  %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; is no longer scheduled (it is %2 now)</source>
        <translation>a campanha &quot;%1&quot; não está mais agendada (o status agora é %2)</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is scheduled for %2 UTC (%3 local time, in %4); waiting to start it then. Ctrl+C leaves it scheduled.</source>
        <translation>A campanha &quot;%1&quot; está agendada para %2 UTC (%3 no horário local, em %4); aguardando para iniciá-la nesse momento. Ctrl+C a mantém agendada.</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; stays scheduled for %2 UTC (interrupted while waiting)</source>
        <translation>a campanha &quot;%1&quot; continua agendada para %2 UTC (interrompido durante a espera)</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>aviso: %1</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>A schedule needs a valid date and time.</source>
        <translation>Um agendamento precisa de data e hora válidas.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 has already passed (it is %3 now); start it instead.</source>
        <translation>Campanha &quot;%1&quot;: %2 já passou (agora são %3); inicie-a em vez disso.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>A campanha &quot;%1&quot; não tem destinatários: importe contatos primeiro.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>A campanha &quot;%1&quot; não tem mais nada a enviar.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started %2 late: it was due at %3 UTC, when no Herald was running.</source>
        <translation>A campanha &quot;%1&quot; começou com %2 de atraso: estava prevista para %3 UTC, quando nenhum Herald estava em execução.</translation>
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
        <translation>Todos os números de telefone do grupo da campanha foram retirados: %1. Nada pode ser enviado até um número voltar.</translation>
    </message>
    <message>
        <source>Taken out of the campaign&apos;s pool: %1. Their recipients wait until you move them to the other numbers (herald-cli campaign reassign).</source>
        <translation>Retirados do grupo da campanha: %1. Os destinatários deles esperam até você movê-los para os outros números (herald-cli campaign reassign).</translation>
    </message>
    <message>
        <source>%1 messages per second is above the ceiling of %2 for phone number %3 (%4); a run may only lower it.</source>
        <translation>%1 mensagens por segundo está acima do limite de %2 do número de telefone %3 (%4); uma execução só pode reduzi-lo.</translation>
    </message>
</context>
<context>
    <name>SendSession</name>
    <message>
        <source>sent %1  failed %2  of %3 (%4%)  %5 msg/s  %6 in flight  ETA %7</source>
        <translation>enviadas %1  com falha %2  de %3 (%4%)  %5 msg/s  %6 em trânsito  restante %7</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1 UTC (%2 local time, in %3).</source>
        <translation>
            <numerusform>Em espera: %Ln destinatário fora da janela de envio; a próxima janela abre às %1 UTC (%2 no horário local, em %3).</numerusform>
            <numerusform>Em espera: %Ln destinatários fora da janela de envio; a próxima janela abre às %1 UTC (%2 no horário local, em %3).</numerusform>
        </translation>
    </message>
    <message>
        <source>Pausing: the requests in flight finish and are recorded (Ctrl+C again to be told again; nothing is lost either way)…</source>
        <translation>Pausando: as requisições em trânsito terminam e são registradas (Ctrl+C de novo para ser avisado de novo; nada se perde em nenhum caso)…</translation>
    </message>
    <message>
        <source>paused from the command line (Ctrl+C)</source>
        <translation>pausada pela linha de comando (Ctrl+C)</translation>
    </message>
    <message>
        <source>Sending campaign &quot;%1&quot; to %2 (API %3, up to %4 msg/s).</source>
        <translation>Enviando a campanha &quot;%1&quot; para %2 (API %3, até %4 msg/s).</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2. This run: %3 sent, %4 failed in %5 s (%6 msg/s). Campaign: %7 sent, %8 failed, %9 pending of %10.</source>
        <translation>Campanha &quot;%1&quot;: %2. Nesta execução: %3 enviadas, %4 com falha em %5 s (%6 msg/s). Campanha: %7 enviadas, %8 com falha, %9 pendentes de %10.</translation>
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
        <translation>console do Herald</translation>
    </message>
    <message>
        <source>herald-cli run</source>
        <translation>herald-cli run</translation>
    </message>
    <message>
        <source>a Herald worker</source>
        <translation>worker do Herald</translation>
    </message>
    <message>
        <source>%1 on %2 (process %3), last heard %4 s ago</source>
        <translation>%1 em %2 (processo %3), último sinal há %4 s</translation>
    </message>
    <message>
        <source>This sender is not registered, so it cannot hold campaign %1.</source>
        <translation>Este remetente não está registrado, portanto não pode assumir a campanha %1.</translation>
    </message>
</context>
<context>
    <name>SettingKeys</name>
    <message>
        <source>%1 must be a whole number from %2 to %3 (%4).</source>
        <translation>%1 deve ser um número inteiro de %2 a %3 (%4).</translation>
    </message>
    <message>
        <source>Graph API base URL</source>
        <translation>URL base da Graph API</translation>
    </message>
    <message>
        <source>Graph API version</source>
        <translation>Versão da Graph API</translation>
    </message>
    <message>
        <source>WhatsApp Business phone number ID</source>
        <translation>ID do número de telefone do WhatsApp Business</translation>
    </message>
    <message>
        <source>WhatsApp Business Account ID</source>
        <translation>ID da conta do WhatsApp Business</translation>
    </message>
    <message>
        <source>Milliseconds to wait for each API request</source>
        <translation>Milissegundos de espera por requisição da API</translation>
    </message>
    <message>
        <source>A certificate authority to trust beside the system&apos;s (a TLS-inspecting proxy&apos;s)</source>
        <translation>Uma autoridade certificadora confiável além das do sistema (a de um proxy que inspeciona TLS)</translation>
    </message>
    <message>
        <source>Messages per second at most for the phone number, all campaigns together (Meta: 80, up to 1,000 for upgraded numbers)</source>
        <translation>Máximo de mensagens por segundo para o número de telefone, somando todas as campanhas (Meta: 80, até 1.000 para números ampliados)</translation>
    </message>
    <message>
        <source>Requests in flight at most; 0 chooses by the rate</source>
        <translation>Máximo de requisições em trânsito; 0 escolhe pela taxa</translation>
    </message>
    <message>
        <source>Retry messages whose request got no answer (Meta may have accepted them)</source>
        <translation>Repetir requisições sem resposta (talvez já aceitas pela Meta)</translation>
    </message>
    <message>
        <source>Country assumed for numbers written without a country code</source>
        <translation>País assumido para números escritos sem código do país</translation>
    </message>
    <message>
        <source>%1 must be the numeric ID shown in Meta&apos;s WhatsApp Manager.</source>
        <translation>%1 deve ser o ID numérico exibido no WhatsApp Manager da Meta.</translation>
    </message>
    <message>
        <source>milliseconds</source>
        <translation>milissegundos</translation>
    </message>
    <message>
        <source>messages per second</source>
        <translation>mensagens por segundo</translation>
    </message>
    <message>
        <source>requests; 0 is automatic</source>
        <translation>requisições; 0 é automático</translation>
    </message>
    <message>
        <source>%1 must be true or false.</source>
        <translation>%1 deve ser true ou false.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a setting Herald knows; known: %2.</source>
        <translation>&quot;%1&quot; não é uma configuração que o Herald conheça; conhecidas: %2.</translation>
    </message>
    <message>
        <source>The stored setting %1 cannot be used: %2</source>
        <translation>A configuração armazenada %1 não pode ser usada: %2</translation>
    </message>
    <message>
        <source>Days to keep the recipient details of finished campaigns; 0 keeps them forever</source>
        <translation>Dias para manter os dados dos destinatários de campanhas concluídas; 0 os mantém para sempre</translation>
    </message>
    <message>
        <source>days; 0 keeps forever</source>
        <translation>dias; 0 mantém para sempre</translation>
    </message>
    <message>
        <source>Replies that put their sender on the opt-out list (comma-separated, any case)</source>
        <translation>Respostas que colocam o remetente na lista de opt-out (separadas por vírgulas, sem diferenciar maiúsculas)</translation>
    </message>
    <message>
        <source>%1 must be a comma-separated list of words, such as STOP, UNSUBSCRIBE.</source>
        <translation>%1 deve ser uma lista de palavras separadas por vírgulas, como STOP, UNSUBSCRIBE.</translation>
    </message>
</context>
<context>
    <name>SimulateCommand</name>
    <message>
        <source>Runs the built-in Cloud API simulator on 127.0.0.1 until Ctrl+C.</source>
        <translation>Executa o simulador da Cloud API embutido em 127.0.0.1 até Ctrl+C.</translation>
    </message>
    <message>
        <source>the simulator could not start: %1</source>
        <translation>não foi possível iniciar o simulador: %1</translation>
    </message>
    <message>
        <source>Cloud API simulator listening on %1 (%2 server threads).</source>
        <translation>Simulador da Cloud API ouvindo em %1 (%2 threads de servidor).</translation>
    </message>
    <message>
        <source>  API version %1, phone number id %2, WABA id %3</source>
        <translation>  Versão da API %1, ID do número de telefone %2, ID da WABA %3</translation>
    </message>
    <message>
        <source>  Its access token (a demo value, not a secret): export HERALD_ACCESS_TOKEN=%1</source>
        <translation>  Token de acesso dele (um valor de demonstração, não um segredo): export HERALD_ACCESS_TOKEN=%1</translation>
    </message>
    <message>
        <source>  Try: herald-cli run --campaign NAME --api-base %1 --phone-number-id %2</source>
        <translation>  Experimente: herald-cli run --campaign NOME --api-base %1 --phone-number-id %2</translation>
    </message>
    <message>
        <source>Ctrl+C stops it.</source>
        <translation>Ctrl+C o interrompe.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 send requests, %3 accepted.</source>
        <translation>Interrompido. %1 requisições, %2 requisições de envio, %3 aceitas.</translation>
    </message>
</context>
<context>
    <name>SqliteBackup</name>
    <message>
        <source>Cannot open %1</source>
        <translation>Não é possível abrir %1</translation>
    </message>
    <message>
        <source>Cannot create %1</source>
        <translation>Não é possível criar %1</translation>
    </message>
    <message>
        <source>Cannot start the backup</source>
        <translation>Não é possível iniciar o backup</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>O backup falhou: %1</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Não é possível gravar %1</translation>
    </message>
    <message>
        <source>The database is PostgreSQL: back it up with pg_dump:
%1</source>
        <translation>O banco de dados é PostgreSQL: faça o backup com pg_dump:
%1</translation>
    </message>
    <message>
        <source>No file to write the backup to.</source>
        <translation>Nenhum arquivo onde gravar o backup.</translation>
    </message>
    <message>
        <source>There is no database at %1.</source>
        <translation>Não há banco de dados em %1.</translation>
    </message>
    <message>
        <source>%1 is the database itself; choose another file.</source>
        <translation>%1 é o próprio banco de dados; escolha outro arquivo.</translation>
    </message>
    <message>
        <source>%1 exists already; choose another name, or --force to replace it.</source>
        <translation>%1 já existe; escolha outro nome, ou --force para substituí-lo.</translation>
    </message>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation>%1 é uma pasta; informe um nome de arquivo.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>A pasta %1 não existe.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Não é possível gravar %1.</translation>
    </message>
</context>
<context>
    <name>SqliteStatement</name>
    <message>
        <source>Direct SQLite access is not available on this connection</source>
        <translation>O acesso direto ao SQLite não está disponível nesta conexão</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Falha na instrução do banco de dados: %1
Instrução: %2</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <source>Shows only the campaign with this name.</source>
        <translation>Mostra somente a campanha com este nome.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>Shows campaigns with their sent, failed and pending messages.</source>
        <translation>Mostra as campanhas com as mensagens enviadas, com falha e pendentes.</translation>
    </message>
    <message>
        <source>No campaigns yet. Create one with: herald-cli campaign create --name NAME --template TEMPLATE --lang LANGUAGE</source>
        <translation>Nenhuma campanha ainda. Crie uma com: herald-cli campaign create --name NOME --template MODELO --lang IDIOMA</translation>
    </message>
    <message>
        <source>out of the pool since %1 UTC: %2</source>
        <translation>fora do grupo desde %1 UTC: %2</translation>
    </message>
    <message>
        <source>%1 from %2: %3 sent, %4 failed, %5 waiting, %6 msg/s in the last minute</source>
        <translation>%1 de %2: %3 enviadas, %4 com falha, %5 aguardando, %6 msg/s no último minuto</translation>
    </message>
</context>
<context>
    <name>SummaryCommand</name>
    <message>
        <source>How many days back, today included (default %1; 0 = all history).</source>
        <translation>Quantos dias para trás, hoje incluído (padrão %1; 0 = todo o histórico).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>--days needs a whole number of days, 0 or more (got &quot;%1&quot;)</source>
        <translation>--days precisa de um número inteiro de dias, 0 ou mais (recebido: &quot;%1&quot;)</translation>
    </message>
    <message numerus="yes">
        <source>No messages sent or failed in the last %n day(s).</source>
        <translation>
            <numerusform>Nenhuma mensagem enviada ou com falha no último %n dia.</numerusform>
            <numerusform>Nenhuma mensagem enviada ou com falha nos últimos %n dias.</numerusform>
        </translation>
    </message>
    <message>
        <source>No messages sent or failed yet.</source>
        <translation>Nenhuma mensagem enviada ou com falha ainda.</translation>
    </message>
    <message>
        <source>Shows messages sent, failed, delivered and read per day and campaign.</source>
        <translation>Mostra as mensagens enviadas, com falha, entregues e lidas por dia e campanha.</translation>
    </message>
</context>
<context>
    <name>SystemKeychain</name>
    <message>
        <source>Access to the keychain was not allowed.</source>
        <translation>O acesso ao chaveiro não foi permitido.</translation>
    </message>
    <message>
        <source>The keychain refused access: %1</source>
        <translation>O chaveiro recusou o acesso: %1</translation>
    </message>
    <message>
        <source>No keychain is available (%1). On Linux, start GNOME Keyring, KWallet or another Secret Service.</source>
        <translation>Nenhum chaveiro disponível (%1). No Linux, inicie o GNOME Keyring, o KWallet ou outro Secret Service.</translation>
    </message>
    <message>
        <source>The keychain could not be used: %1</source>
        <translation>Não foi possível usar o chaveiro: %1</translation>
    </message>
    <message>
        <source>An empty secret is not stored.</source>
        <translation>Um segredo vazio não é armazenado.</translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>O chaveiro não respondeu em %n segundo.</numerusform>
            <numerusform>O chaveiro não respondeu em %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>No keychain can be reached: this session has no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), and Linux keychains (GNOME Keyring, KWallet, KeePassXC) are reached through it.</source>
        <translation>Nenhum chaveiro pode ser alcançado: esta sessão não tem barramento de sessão D-Bus (DBUS_SESSION_BUS_ADDRESS não está definida), e os chaveiros do Linux (GNOME Keyring, KWallet, KeePassXC) são alcançados por ele.</translation>
    </message>
</context>
<context>
    <name>TemplatesCommand</name>
    <message>
        <source>check: the campaign whose template and values are checked.</source>
        <translation>check: a campanha cujo modelo e valores são verificados.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>sync: templates per request (default %1).</source>
        <translation>sync: modelos por requisição (padrão %1).</translation>
    </message>
    <message>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <source>reads the approved and other templates from Meta and stores them</source>
        <translation>lê da Meta os modelos aprovados e os demais e os armazena</translation>
    </message>
    <message>
        <source>shows the stored templates with their variables</source>
        <translation>mostra os modelos armazenados com as variáveis deles</translation>
    </message>
    <message>
        <source>tells whether a campaign&apos;s template and values allow it to start</source>
        <translation>informa se o modelo e os valores de uma campanha permitem iniciá-la</translation>
    </message>
    <message>
        <source>Message templates: %1.</source>
        <translation>Modelos de mensagem: %1.</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>O que fazer:</translation>
    </message>
    <message>
        <source>templates needs an action: %1</source>
        <translation>templates precisa de uma ação: %1</translation>
    </message>
    <message>
        <source>unknown templates action &quot;%1&quot; (known: %2)</source>
        <translation>ação de templates desconhecida &quot;%1&quot; (conhecidas: %2)</translation>
    </message>
    <message>
        <source>--page-size must be a number from 1 to 1000</source>
        <translation>--page-size deve ser um número de 1 a 1000</translation>
    </message>
    <message>
        <source>%1 templates listed: %2 new, %3 updated, %4 unchanged.</source>
        <translation>%1 modelos listados: %2 novos, %3 atualizados, %4 inalterados.</translation>
    </message>
    <message>
        <source>Category changed: %1 (%2) %3 -&gt; %4</source>
        <translation>Categoria alterada: %1 (%2) %3 -&gt; %4</translation>
    </message>
    <message>
        <source>No longer listed by Meta (kept): %1</source>
        <translation>Não listado mais pela Meta (mantido): %1</translation>
    </message>
    <message>
        <source>No templates stored yet. Fetch them with: herald-cli templates sync</source>
        <translation>Nenhum modelo armazenado ainda. Busque-os com: herald-cli templates sync</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>aviso: %1</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot start:</source>
        <translation>a campanha &quot;%1&quot; não pode iniciar:</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is ready: template %2 is approved and every variable (%3) has a value for all %4 queued contacts.</source>
        <translation>A campanha &quot;%1&quot; está pronta: o modelo %2 está aprovado e cada variável (%3) tem valor para todos os %4 contatos na fila.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
</context>
<context>
    <name>TokenCommand</name>
    <message>
        <source>Access token (not shown): </source>
        <translation>Token de acesso (não exibido): </translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of the programs that send instead.</source>
        <translation>%1 Em vez disso, defina %2 no ambiente dos programas que enviam.</translation>
    </message>
    <message>
        <source>The access token in the operating system&apos;s keychain (set reads it from standard input, clear, status).</source>
        <translation>O token de acesso no chaveiro do sistema operacional (set o lê da entrada padrão, clear, status).</translation>
    </message>
    <message>
        <source>What to do:
  set - reads the token from standard input and stores it in the keychain
  clear - removes it from the keychain
  status - says where the token of a run would come from (%1 wins over the keychain)
The token is never taken from the command line, printed, or written to a file.</source>
        <translation>O que fazer:
  set - lê o token da entrada padrão e o armazena no chaveiro
  clear - remove-o do chaveiro
  status - informa de onde viria o token de uma execução (%1 tem prioridade sobre o chaveiro)
O token nunca é obtido da linha de comando, exibido nem gravado em arquivo.</translation>
    </message>
    <message>
        <source>token needs an action: set, clear, status</source>
        <translation>token precisa de uma ação: set, clear, status</translation>
    </message>
    <message>
        <source>unknown token action &quot;%1&quot; (known: set, clear, status)</source>
        <translation>ação de token desconhecida &quot;%1&quot; (conhecidas: set, clear, status)</translation>
    </message>
    <message>
        <source>no token on standard input: type it when asked, or pipe it in, e.g. &apos;herald-cli token set &lt; token.txt&apos;</source>
        <translation>nenhum token na entrada padrão: digite-o quando solicitado ou redirecione-o, p. ex. &apos;herald-cli token set &lt; token.txt&apos;</translation>
    </message>
    <message>
        <source>the token on standard input contains spaces: an access token is one word; nothing was stored</source>
        <translation>o token na entrada padrão contém espaços: um token de acesso é uma só palavra; nada foi armazenado</translation>
    </message>
    <message>
        <source>the token was not stored: %1</source>
        <translation>o token não foi armazenado: %1</translation>
    </message>
    <message>
        <source>The access token is stored in the keychain.</source>
        <translation>O token de acesso está armazenado no chaveiro.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 está definida neste ambiente e tem prioridade sobre o chaveiro.</translation>
    </message>
    <message>
        <source>the token was not removed: %1</source>
        <translation>o token não foi removido: %1</translation>
    </message>
    <message>
        <source>No access token is stored in the keychain now.</source>
        <translation>Nenhum token de acesso está armazenado no chaveiro agora.</translation>
    </message>
    <message>
        <source>Runs use the token in %1 (it wins over the keychain).</source>
        <translation>As execuções usam o token em %1 (ele tem prioridade sobre o chaveiro).</translation>
    </message>
    <message>
        <source>The keychain holds an access token.</source>
        <translation>O chaveiro contém um token de acesso.</translation>
    </message>
    <message>
        <source>The keychain holds no access token.</source>
        <translation>O chaveiro não contém token de acesso.</translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <source>A transaction cannot begin inside another one on %1.</source>
        <translation>Uma transação não pode começar dentro de outra em %1.</translation>
    </message>
    <message>
        <source>Cannot start a transaction: %1</source>
        <translation>Não foi possível iniciar uma transação: %1</translation>
    </message>
    <message>
        <source>a statement failed inside it, so PostgreSQL rolled it back</source>
        <translation>uma instrução falhou dentro dela, então o PostgreSQL a desfez</translation>
    </message>
    <message>
        <source>Cannot commit a transaction: %1</source>
        <translation>Não foi possível confirmar uma transação: %1</translation>
    </message>
</context>
<context>
    <name>TransitionCommand</name>
    <message>
        <source>Pauses a running campaign.</source>
        <translation>Pausa uma campanha em execução.</translation>
    </message>
    <message>
        <source>Sets a campaign running (again) so that senders pick up its messages.</source>
        <translation>Coloca uma campanha em execução (de novo) para que os emissores peguem as mensagens dela.</translation>
    </message>
    <message>
        <source>Cancels a campaign for good.</source>
        <translation>Cancela uma campanha definitivamente.</translation>
    </message>
    <message>
        <source>The campaign&apos;s name (required).</source>
        <translation>O nome da campanha (obrigatório).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>Why, shown with the campaign&apos;s status (kept for paused and cancelled campaigns; a running campaign shows none).</source>
        <translation>Por quê, exibido com o status da campanha (mantido para campanhas pausadas e canceladas; uma campanha em execução não mostra nenhum).</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2 → %3.</source>
        <translation>Campanha &quot;%1&quot;: %2 → %3.</translation>
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
        <translation>Nenhuma chave secreta do app está configurada (HERALD_APP_SECRET), então nenhum callback pode ser verificado; nada é aceito.</translation>
    </message>
    <message>
        <source>The request has no X-Hub-Signature-256 header.</source>
        <translation>A requisição não tem o cabeçalho X-Hub-Signature-256.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header is not &quot;sha256=&quot; followed by 64 hex digits.</source>
        <translation>O cabeçalho X-Hub-Signature-256 não é &quot;sha256=&quot; seguido de 64 dígitos hexadecimais.</translation>
    </message>
    <message>
        <source>The X-Hub-Signature-256 header does not match the body under the configured app secret (a forged or altered request, or another app&apos;s secret).</source>
        <translation>O cabeçalho X-Hub-Signature-256 não corresponde ao corpo com a chave secreta do app configurada (uma requisição forjada ou alterada, ou a chave secreta de outro app).</translation>
    </message>
</context>
<context>
    <name>WebhooksCommand</name>
    <message>
        <source>no %1: set the environment variable %2 (or store it in the keychain as &quot;%3&quot; of service &quot;%4&quot;); it is never read from the command line, the settings or the database</source>
        <translation>sem %1: defina a variável de ambiente %2 (ou armazene o valor no chaveiro como &quot;%3&quot; do serviço &quot;%4&quot;); o valor nunca é lido da linha de comando, das configurações nem do banco de dados</translation>
    </message>
    <message>
        <source>--listen takes ADDRESS:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), not &quot;%1&quot;</source>
        <translation>--listen aceita ENDEREÇO:PORTA (p. ex. 127.0.0.1:8080 ou [::1]:8080), não &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 não pode ser lido: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 não contém nenhum certificado PEM</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (RSA or EC)</source>
        <translation>%1 não contém nenhuma chave privada PEM não criptografada (RSA ou EC)</translation>
    </message>
    <message>
        <source>serve: the address and port to listen on (default 127.0.0.1:8080, loopback only; give an explicit address such as 0.0.0.0:8080 to expose it).</source>
        <translation>serve: o endereço e a porta em que ouvir (padrão 127.0.0.1:8080, somente loopback; informe um endereço explícito, como 0.0.0.0:8080, para expô-lo).</translation>
    </message>
    <message>
        <source>address:port</source>
        <translation>endereço:porta</translation>
    </message>
    <message>
        <source>serve: a PEM certificate (chain) to speak HTTPS with, with --tls-key.</source>
        <translation>serve: um certificado PEM (ou cadeia) para usar HTTPS, junto com --tls-key.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>arquivo</translation>
    </message>
    <message>
        <source>serve: the PEM private key of --tls-cert.</source>
        <translation>serve: a chave privada PEM de --tls-cert.</translation>
    </message>
    <message>
        <source>Receives Meta&apos;s delivery callbacks (serve), or shows whether they arrive (status).</source>
        <translation>Recebe os callbacks de entrega da Meta (serve) ou mostra se eles estão chegando (status).</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert e --tls-key devem ser usados juntos</translation>
    </message>
    <message>
        <source>app secret</source>
        <translation>chave secreta do app</translation>
    </message>
    <message>
        <source>webhook verify token</source>
        <translation>token de verificação do webhook</translation>
    </message>
    <message>
        <source>Receiving Meta&apos;s webhook callbacks at %1 (Ctrl+C or SIGTERM stops).</source>
        <translation>Recebendo os callbacks de webhook da Meta em %1 (Ctrl+C ou SIGTERM interrompe).</translation>
    </message>
    <message>
        <source>herald-cli: webhooks: answered %1 to %2: %3</source>
        <translation>herald-cli: webhooks: respondeu %1 a %2: %3</translation>
    </message>
    <message>
        <source>a client that left</source>
        <translation>um cliente que se desconectou</translation>
    </message>
    <message>
        <source>Stopping: no new connections; finishing the requests in flight.</source>
        <translation>Encerrando: nenhuma conexão nova; concluindo as requisições em trânsito.</translation>
    </message>
    <message>
        <source>Stopped. %1 requests, %2 accepted, %3 refused, %4 failed; %5 status callbacks stored.</source>
        <translation>Interrompido. %1 requisições, %2 aceitas, %3 recusadas, %4 com falha; %5 callbacks de status armazenados.</translation>
    </message>
    <message>
        <source>No webhook callback has arrived yet: delivery is not tracked until &apos;herald-cli webhooks serve&apos; runs and Meta&apos;s callback URL points at it.</source>
        <translation>Nenhum callback de webhook chegou ainda: a entrega não é acompanhada até que &apos;herald-cli webhooks serve&apos; esteja em execução e a URL de callback da Meta aponte para ele.</translation>
    </message>
    <message>
        <source>Last callback: %1 UTC</source>
        <translation>Último callback: %1 UTC</translation>
    </message>
    <message>
        <source>Business number</source>
        <translation>Número comercial</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Conta</translation>
    </message>
    <message>
        <source>Last callback (UTC)</source>
        <translation>Último callback (UTC)</translation>
    </message>
    <message>
        <source>Statuses</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Aplicados</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Retidos</translation>
    </message>
    <message>
        <source>Parked callbacks waiting for their message: %1</source>
        <translation>Callbacks retidos aguardando a mensagem: %1</translation>
    </message>
    <message>
        <source>Running campaign</source>
        <translation>Campanha em execução</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregues</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lidas</translation>
    </message>
    <message>
        <source>Failed after send</source>
        <translation>Com falha após o envio</translation>
    </message>
    <message>
        <source>What to do:
  serve - runs the receiver at /webhook until SIGTERM or Ctrl+C
  status - the last callback and counts per business number, parked callbacks and the running campaigns&apos; delivered and read
  secret set|clear app-secret|verify-token - stores the secret read from standard input in the keychain, or removes it
serve needs the app secret in %1 and the verify token in %2 (or in the keychain).</source>
        <translation>O que fazer:
  serve - executa o receptor em /webhook até SIGTERM ou Ctrl+C
  status - o último callback e as contagens por número comercial, os callbacks retidos e as mensagens entregues e lidas das campanhas em execução
  secret set|clear app-secret|verify-token - armazena no chaveiro o segredo lido da entrada padrão, ou o remove
serve precisa da chave secreta do app em %1 e do token de verificação em %2 (ou no chaveiro).</translation>
    </message>
    <message>
        <source>webhooks needs an action: serve, status, secret</source>
        <translation>webhooks precisa de uma ação: serve, status, secret</translation>
    </message>
    <message>
        <source>unknown webhooks action &quot;%1&quot; (known: serve, status, secret)</source>
        <translation>ação de webhooks desconhecida &quot;%1&quot; (conhecidas: serve, status, secret)</translation>
    </message>
    <message>
        <source>usage: webhooks secret set|clear app-secret|verify-token</source>
        <translation>uso: webhooks secret set|clear app-secret|verify-token</translation>
    </message>
    <message>
        <source>%1 Set %2 in the environment of webhooks serve instead.</source>
        <translation>%1 Em vez disso, defina %2 no ambiente de webhooks serve.</translation>
    </message>
    <message>
        <source>the %1 was not removed: %2</source>
        <translation>%1: não foi removido: %2</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain now.</source>
        <translation>%1: nada armazenado no chaveiro agora.</translation>
    </message>
    <message>
        <source>%1 (not shown): </source>
        <translation>%1 (não exibido): </translation>
    </message>
    <message>
        <source>no %1 on standard input (one word, typed when asked or piped in, e.g. &apos;herald-cli webhooks secret set %2 &lt; file&apos;); nothing was stored</source>
        <translation>%1: nada na entrada padrão (uma palavra, digitada quando pedida ou por pipe, por exemplo &quot;herald-cli webhooks secret set %2 &lt; arquivo&quot;); nada foi armazenado</translation>
    </message>
    <message>
        <source>the %1 was not stored: %2</source>
        <translation>%1: não foi armazenado: %2</translation>
    </message>
    <message>
        <source>The %1 is stored in the keychain; webhooks serve reads it there.</source>
        <translation>%1: armazenado no chaveiro; webhooks serve o lê de lá.</translation>
    </message>
    <message>
        <source>%1 is set in this environment and wins over the keychain.</source>
        <translation>%1 está definida neste ambiente e tem prioridade sobre o chaveiro.</translation>
    </message>
</context>
<context>
    <name>WizardPreset</name>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (cópia)</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1 (cópia %2)</translation>
    </message>
    <message>
        <source>The column “%1”, as in the campaign “%2”.</source>
        <translation>A coluna “%1”, como na campanha “%2”.</translation>
    </message>
    <message>
        <source>This file has no column “%1”, which held the numbers in “%2”.</source>
        <translation>Este arquivo não tem a coluna “%1”, que continha os números em “%2”.</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Nenhuma coluna parece conter números de telefone: escolha a que os contém.</translation>
    </message>
    <message>
        <source>Choose the column that holds them.</source>
        <translation>Escolha a coluna que os contém.</translation>
    </message>
</context>
<context>
    <name>WorkerCommand</name>
    <message>
        <source>How the consoles list this worker (default: the host&apos;s name).</source>
        <translation>Como os consoles mostram este worker (padrão: o nome do computador).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>A campaign this worker may send, by name; repeat it for several. &quot;all&quot; (the default) takes every campaign, those created later included.</source>
        <translation>Uma campanha que este worker pode enviar, pelo nome; repita para várias. &quot;all&quot; (o padrão) pega todas as campanhas, inclusive as criadas depois.</translation>
    </message>
    <message>
        <source>all|name</source>
        <translation>all|nome</translation>
    </message>
    <message>
        <source>Sends every running campaign until stopped, with other workers on the same database; SIGTERM drains and leaves every campaign as it was.</source>
        <translation>Envia cada campanha em andamento até ser parado, junto com outros workers do mesmo banco de dados; SIGTERM o esvazia e deixa cada campanha como estava.</translation>
    </message>
    <message>
        <source>--name must be 1 to %1 printable characters</source>
        <translation>--name deve ter de 1 a %1 caracteres imprimíveis</translation>
    </message>
    <message>
        <source>--campaigns needs a campaign&apos;s name, or all</source>
        <translation>--campaigns precisa do nome de uma campanha, ou all</translation>
    </message>
    <message>
        <source>--campaigns all takes every campaign; name no others with it</source>
        <translation>--campaigns all pega todas as campanhas; não indique outras junto</translation>
    </message>
</context>
<context>
    <name>herald</name>
    <message>
        <source>The template has a location header, which Herald cannot fill yet.</source>
        <translation>O modelo tem um cabeçalho de localização, que o Herald ainda não sabe preencher.</translation>
    </message>
    <message>
        <source>The template&apos;s header has the unknown format &quot;%1&quot;.</source>
        <translation>O cabeçalho do modelo tem o formato desconhecido &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The template&apos;s text header has %1 variables; Meta allows one.</source>
        <translation>O cabeçalho de texto do modelo tem %1 variáveis; a Meta permite uma.</translation>
    </message>
    <message>
        <source>Button %1 is a copy-code (coupon) button, which Herald cannot fill yet.</source>
        <translation>O botão %1 é um botão de copiar código (cupom), que o Herald ainda não sabe preencher.</translation>
    </message>
    <message>
        <source>%1 is %2 characters long; Herald reads templates with texts of at most %3 characters.</source>
        <translation>%1 tem %2 caracteres; o Herald lê modelos com textos de no máximo %3 caracteres.</translation>
    </message>
    <message>
        <source>The template&apos;s header</source>
        <translation>O cabeçalho do modelo</translation>
    </message>
    <message>
        <source>The template has %1 buttons; Meta allows at most %2.</source>
        <translation>O modelo tem %1 botões; a Meta permite no máximo %2.</translation>
    </message>
    <message>
        <source>The text of button %1</source>
        <translation>O texto do botão %1</translation>
    </message>
    <message>
        <source>The URL of button %1</source>
        <translation>A URL do botão %1</translation>
    </message>
</context>
<context>
    <name>herald::CampaignStore</name>
    <message>
        <source>A campaign needs a name.</source>
        <translation>Uma campanha precisa de um nome.</translation>
    </message>
    <message>
        <source>A campaign needs a template name and a language code (for example en_US).</source>
        <translation>Uma campanha precisa de um nome de modelo e de um código de idioma (por exemplo pt_BR).</translation>
    </message>
    <message>
        <source>A campaign named &quot;%1&quot; already exists.</source>
        <translation>Já existe uma campanha chamada &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no campaign named &quot;%1&quot;.</source>
        <translation>Não existe campanha chamada &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Não existe campanha com o ID %1.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot;: %2.</source>
        <translation>Campanha &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has no recipients: import contacts first.</source>
        <translation>A campanha &quot;%1&quot; não tem destinatários: importe contatos primeiro.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; has nothing left to send.</source>
        <translation>A campanha &quot;%1&quot; não tem mais nada a enviar.</translation>
    </message>
    <message>
        <source>The rate ceiling must be more than 0 messages per second; leave it empty for the phone number&apos;s own limit.</source>
        <translation>O teto de taxa deve ser maior que 0 mensagens por segundo; deixe-o vazio para usar o limite do próprio número de telefone.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be edited.</source>
        <translation>A campanha &quot;%1&quot; está %2: somente um rascunho pode ser editado.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2: only a draft can be replaced.</source>
        <translation>A campanha &quot;%1&quot; está %2: somente um rascunho pode ser substituído.</translation>
    </message>
    <message>
        <source>A campaign name must be valid Unicode text; this one contains a broken character (an unpaired UTF-16 surrogate).</source>
        <translation>O nome de uma campanha deve ser texto Unicode válido; este contém um caractere corrompido (um substituto UTF-16 sem par).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain a NUL character (U+0000).</source>
        <translation>O nome de uma campanha não pode conter o caractere NUL (U+0000).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain control characters such as line breaks or tabs (found %1).</source>
        <translation>O nome de uma campanha não pode conter caracteres de controle, como quebras de linha ou tabulações (encontrado: %1).</translation>
    </message>
    <message>
        <source>A campaign name cannot contain U+FFFD (�): it stands for bytes that were not valid UTF-8, so the name was not what was typed. Type it again in UTF-8.</source>
        <translation>O nome de uma campanha não pode conter U+FFFD (�): ele representa bytes que não eram UTF-8 válido, então o nome não é o que foi digitado. Digite-o novamente em UTF-8.</translation>
    </message>
    <message>
        <source>A campaign name can have at most %1 characters; this one has %2.</source>
        <translation>O nome de uma campanha pode ter no máximo %1 caracteres; este tem %2.</translation>
    </message>
    <message>
        <source>A campaign sends from one phone number or from a pool, not both.</source>
        <translation>Uma campanha envia de um número de telefone ou de um grupo, não de ambos.</translation>
    </message>
</context>
<context>
    <name>herald::Database</name>
    <message>
        <source>open the database</source>
        <translation>abrir o banco de dados</translation>
    </message>
    <message>
        <source>SQLite is not available</source>
        <translation>O SQLite não está disponível</translation>
    </message>
    <message>
        <source>the Qt SQLite driver (QSQLITE) is not installed</source>
        <translation>o driver SQLite do Qt (QSQLITE) não está instalado</translation>
    </message>
    <message>
        <source>Cannot create the database folder</source>
        <translation>Não foi possível criar a pasta do banco de dados</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>Não foi possível abrir o banco de dados</translation>
    </message>
    <message>
        <source>This file is not a usable Herald database</source>
        <translation>Este arquivo não é um banco de dados do Herald utilizável</translation>
    </message>
    <message>
        <source>The database file or its folder is read-only</source>
        <translation>O arquivo do banco de dados ou a pasta dele é somente leitura</translation>
    </message>
    <message>
        <source>Cannot configure the database</source>
        <translation>Não foi possível configurar o banco de dados</translation>
    </message>
    <message>
        <source>PostgreSQL is not available</source>
        <translation>O PostgreSQL não está disponível</translation>
    </message>
    <message>
        <source>the Qt PostgreSQL driver (QPSQL) is not installed; on Debian/Ubuntu install libqt6sql6-psql</source>
        <translation>o driver PostgreSQL do Qt (QPSQL) não está instalado; no Debian/Ubuntu instale libqt6sql6-psql</translation>
    </message>
    <message>
        <source>Cannot connect to PostgreSQL</source>
        <translation>Não foi possível conectar ao PostgreSQL</translation>
    </message>
    <message>
        <source>Cannot configure the PostgreSQL session</source>
        <translation>Não foi possível configurar a sessão do PostgreSQL</translation>
    </message>
    <message>
        <source>Refused to %1 on the user-interface thread: the console runs every database statement on its data thread, so that the window never waits.</source>
        <translation>Recusou-se a %1 na thread da interface: o console executa cada instrução do banco de dados na thread de dados, para que a janela nunca fique esperando.</translation>
    </message>
    <message>
        <source>run a statement</source>
        <translation>executar uma instrução</translation>
    </message>
    <message>
        <source>Database statement could not be prepared: %1
Statement: %2</source>
        <translation>Não foi possível preparar a instrução do banco de dados: %1
Instrução: %2</translation>
    </message>
    <message>
        <source>Database statement failed: %1
Statement: %2</source>
        <translation>Falha na instrução do banco de dados: %1
Instrução: %2</translation>
    </message>
    <message>
        <source>Database statement returned no row: %1</source>
        <translation>A instrução do banco de dados não retornou nenhuma linha: %1</translation>
    </message>
    <message>
        <source>another program holds the database&apos;s write lock</source>
        <translation>outro programa detém o bloqueio de gravação do banco de dados</translation>
    </message>
    <message>
        <source>the disk holding the database is full</source>
        <translation>o disco do banco de dados está cheio</translation>
    </message>
    <message>
        <source>the connection to the database server was lost</source>
        <translation>a conexão com o servidor do banco de dados foi perdida</translation>
    </message>
    <message>
        <source>the database failed</source>
        <translation>o banco de dados falhou</translation>
    </message>
    <message>
        <source>the database server is out of memory</source>
        <translation>o servidor do banco de dados está sem memória</translation>
    </message>
    <message>
        <source>another transaction conflicted with the sender&apos;s (a deadlock or serialization failure)</source>
        <translation>outra transação entrou em conflito com a do emissor (deadlock ou falha de serialização)</translation>
    </message>
</context>
<context>
    <name>herald::DatabaseConfig</name>
    <message>
        <source>Unsupported database address &quot;%1&quot;: use a file path for SQLite or postgresql://user:password@host:port/database for PostgreSQL.</source>
        <translation>Endereço de banco de dados não suportado &quot;%1&quot;: use um caminho de arquivo para SQLite ou postgresql://usuário:senha@host:porta/banco para PostgreSQL.</translation>
    </message>
    <message>
        <source>Malformed PostgreSQL URL: expected postgresql://user:password@host:port/database.</source>
        <translation>URL do PostgreSQL malformada: esperado postgresql://usuário:senha@host:porta/banco.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database: add /database after host:port.</source>
        <translation>A URL do PostgreSQL não indica banco de dados: acrescente /banco após host:porta.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no user: write postgresql://user:password@host:port/database.</source>
        <translation>A URL do PostgreSQL não indica usuário: escreva postgresql://usuário:senha@host:porta/banco.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL has an option that is not a libpq option name: &quot;%1&quot;.</source>
        <translation>A URL do PostgreSQL tem uma opção que não é um nome de opção da libpq: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The PostgreSQL URL option %1 cannot contain &quot;;&quot;.</source>
        <translation>A opção %1 da URL do PostgreSQL não pode conter &quot;;&quot;.</translation>
    </message>
</context>
<context>
    <name>herald::Migrator</name>
    <message>
        <source>Migration %1 is missing from this build</source>
        <translation>A migração %1 está ausente nesta compilação</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3
Statement: %4</source>
        <translation>A migração %1 (%2) falhou: %3
Instrução: %4</translation>
    </message>
    <message>
        <source>The database %1 has schema version %2, newer than this Herald understands (up to %3). Install a newer Herald; nothing was changed.</source>
        <translation>O banco de dados %1 tem a versão de esquema %2, mais nova do que este Herald entende (até %3). Instale um Herald mais novo; nada foi alterado.</translation>
    </message>
</context>
<context>
    <name>herald::NumberHealthCheck</name>
    <message>
        <source>The answer about %1 was larger than %2 bytes; it is not Graph API&apos;s.</source>
        <translation>A resposta sobre %1 passou de %2 bytes; não é da Graph API.</translation>
    </message>
    <message>
        <source>Graph API&apos;s answer about %1 cannot be read: %2.</source>
        <translation>A resposta da Graph API sobre %1 não pode ser lida: %2.</translation>
    </message>
    <message>
        <source>Graph API could not be reached at %1: %2</source>
        <translation>Não foi possível acessar a Graph API em %1: %2</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1).</source>
        <translation>A Meta recusou o token de acesso (%1).</translation>
    </message>
    <message>
        <source>Meta did not tell the health of %1 (%2): the token may lack the whatsapp_business_management permission, the ID may belong to another account, or the API version may not offer these fields.</source>
        <translation>A Meta não informou o estado de %1 (%2): talvez falte ao token a permissão whatsapp_business_management, o ID pertença a outra conta ou a versão da API não ofereça esses campos.</translation>
    </message>
</context>
<context>
    <name>herald::PhoneNumberHealth</name>
    <message>
        <source>Meta rates this number&apos;s quality low (red): a campaign now risks the template being paused and the number&apos;s limit lowered.</source>
        <translation>A Meta classifica a qualidade deste número como baixa (vermelho): agora uma campanha corre o risco de ter o modelo pausado e o limite do número reduzido.</translation>
    </message>
    <message>
        <source>Meta rates this number&apos;s quality medium (yellow): watch the blocks and reports of this campaign.</source>
        <translation>A Meta classifica a qualidade deste número como média (amarelo): acompanhe os bloqueios e denúncias desta campanha.</translation>
    </message>
    <message>
        <source>Meta reports the number as %1: messages may be refused.</source>
        <translation>A Meta informa o número como %1: mensagens podem ser recusadas.</translation>
    </message>
    <message>
        <source>The account may message %1 different customers in 24 hours (%2), fewer than this campaign&apos;s %3: the rest will fail until the limit renews.</source>
        <translation>A conta pode enviar mensagens para %1 clientes diferentes em 24 horas (%2), menos que os %3 desta campanha: o restante falhará até o limite ser renovado.</translation>
    </message>
</context>
<context>
    <name>herald::QueueEngine</name>
    <message>
        <source>Campaign &quot;%1&quot; is %2: create a new campaign for these contacts.</source>
        <translation>A campanha &quot;%1&quot; está %2: crie uma nova campanha para estes contatos.</translation>
    </message>
    <message>
        <source>Queueing recipients returned no result.</source>
        <translation>Colocar os destinatários na fila não retornou resultado.</translation>
    </message>
    <message>
        <source>There is no campaign with id %1.</source>
        <translation>Não existe campanha com o ID %1.</translation>
    </message>
    <message>
        <source>The recipient is on the opt-out list; the message was not sent.</source>
        <translation>O destinatário está na lista de opt-out; a mensagem não foi enviada.</translation>
    </message>
    <message>
        <source>its lease expired (the sender stopped answering)</source>
        <translation>a concessão expirou (o emissor parou de responder)</translation>
    </message>
    <message>
        <source>sender %1 stopped</source>
        <translation>o emissor %1 parou</translation>
    </message>
    <message>
        <source>The message was in flight when %1; Meta may or may not have received it. Resend it if it did not arrive.</source>
        <translation>A mensagem estava em trânsito quando %1; a Meta pode ou não tê-la recebido. Reenvie-a se ela não chegou.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is cancelled: nothing can be resent.</source>
        <translation>A campanha &quot;%1&quot; está cancelada: nada pode ser reenviado.</translation>
    </message>
</context>
<context>
    <name>herald::Reader</name>
    <message>
        <source>&quot;%1&quot; is not a string</source>
        <translation>&quot;%1&quot; não é uma string</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters</source>
        <translation>&quot;%1&quot; tem mais de %2 caracteres</translation>
    </message>
    <message>
        <source>a status that is not an object</source>
        <translation>um status que não é um objeto</translation>
    </message>
    <message>
        <source>a status without a message id</source>
        <translation>um status sem ID de mensagem</translation>
    </message>
    <message>
        <source>the status &quot;%1&quot; is none of sent, delivered, read and failed</source>
        <translation>o status &quot;%1&quot; não é sent, delivered, read nem failed</translation>
    </message>
    <message>
        <source>a status without a valid timestamp (Unix seconds)</source>
        <translation>um status sem data e hora válidas (segundos Unix)</translation>
    </message>
    <message>
        <source>a status containing a NUL character (\u0000)</source>
        <translation>um status que contém um caractere NUL (\u0000)</translation>
    </message>
    <message>
        <source>a message without a sender or an id</source>
        <translation>uma mensagem sem remetente ou sem ID</translation>
    </message>
    <message>
        <source>a message that is not an object</source>
        <translation>uma mensagem que não é um objeto</translation>
    </message>
</context>
<context>
    <name>herald::SchemaDoctor</name>
    <message>
        <source>version</source>
        <translation>versão</translation>
    </message>
    <message>
        <source>table</source>
        <translation>tabela</translation>
    </message>
    <message>
        <source>column</source>
        <translation>coluna</translation>
    </message>
    <message>
        <source>index</source>
        <translation>índice</translation>
    </message>
    <message>
        <source>trigger</source>
        <translation>gatilho</translation>
    </message>
    <message>
        <source>function</source>
        <translation>função</translation>
    </message>
    <message>
        <source>privilege</source>
        <translation>privilégio</translation>
    </message>
    <message>
        <source>the database has no Herald schema; run herald-cli init</source>
        <translation>o banco de dados não tem esquema do Herald; execute herald-cli init</translation>
    </message>
    <message>
        <source>schema version %1 is older than this Herald&apos;s %2; run herald-cli init to upgrade</source>
        <translation>a versão de esquema %1 é mais antiga que a %2 deste Herald; execute herald-cli init para atualizar</translation>
    </message>
    <message>
        <source>schema version %1 is newer than this Herald&apos;s %2; install a newer Herald</source>
        <translation>a versão de esquema %1 é mais nova que a %2 deste Herald; instale um Herald mais novo</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ausente</translation>
    </message>
    <message>
        <source>missing: %1(%2) is needed for %3</source>
        <translation>ausente: %1(%2) é necessário para %3</translation>
    </message>
    <message>
        <source>uniqueness</source>
        <translation>unicidade</translation>
    </message>
    <message>
        <source>claiming and counting</source>
        <translation>reserva e contagem</translation>
    </message>
    <message>
        <source>missing or disabled: template category changes go unrecorded</source>
        <translation>ausente ou desativado: mudanças de categoria de modelo não são registradas</translation>
    </message>
    <message>
        <source>executable by PUBLIC or an anonymous role; revoke it</source>
        <translation>executável por PUBLIC ou por uma função anônima; revogue</translation>
    </message>
    <message>
        <source>not executable by the application&apos;s role</source>
        <translation>não executável pela função da aplicação</translation>
    </message>
    <message>
        <source>wrong signature: found (%1)</source>
        <translation>assinatura errada: encontrado (%1)</translation>
    </message>
</context>
<context>
    <name>herald::SendWorker</name>
    <message>
        <source>The database schema is incomplete; Herald will not send until it is repaired:
%1</source>
        <translation>O esquema do banco de dados está incompleto; o Herald não enviará até que seja reparado:
%1</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is already completed.</source>
        <translation>A campanha &quot;%1&quot; já está concluída.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is being sent by %2. Herald sends a campaign from one place at a time; it takes over once that sender has been silent for %3 s.</source>
        <translation>A campanha &quot;%1&quot; está sendo enviada por %2. O Herald envia uma campanha de um só lugar por vez; ele assume depois que esse emissor ficar em silêncio por %3 s.</translation>
    </message>
    <message>
        <source>The database failed: %1</source>
        <translation>Falha no banco de dados: %1</translation>
    </message>
    <message>
        <source>%1 of the last %2 messages failed permanently (most often: %3). Check the template and the contact list before resuming.</source>
        <translation>%1 das últimas %2 mensagens falharam definitivamente (motivo mais comum: %3). Confira o modelo e a lista de contatos antes de retomar.</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>pausada pelo usuário</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>cancelada pelo usuário</translation>
    </message>
    <message>
        <source>The campaign&apos;s status could not be saved: %1</source>
        <translation>Não foi possível salvar o status da campanha: %1</translation>
    </message>
    <message>
        <source>Sending stopped: %1 (for %2 s; the sender waits up to %3 s). Send the campaign again once the database is usable: recipients already messaged are not messaged again.
Last error: %4</source>
        <translation>Envio interrompido: %1 (há %2 s; o emissor espera até %3 s). Envie a campanha novamente quando o banco de dados estiver utilizável: destinatários que já receberam mensagens não as recebem de novo.
Último erro: %4</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s) from Meta could not be recorded: those recipients end failed &quot;interrupted&quot; when the campaign is sent again, and are never sent to automatically.</source>
        <translation>
            <numerusform>%n resposta da Meta não pôde ser registrada: esse destinatário termina com falha &quot;interrupted&quot; quando a campanha for enviada novamente e nunca recebe envios automáticos.</numerusform>
            <numerusform>%n respostas da Meta não puderam ser registradas: esses destinatários terminam com falha &quot;interrupted&quot; quando a campanha for enviada novamente e nunca recebem envios automáticos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Another sender took the campaign over while the database was unreachable.</source>
        <translation>Outro emissor assumiu a campanha enquanto o banco de dados estava inacessível.</translation>
    </message>
    <message>
        <source>The sender lost track of this message while the database was unreachable; it may have been sent.</source>
        <translation>O emissor perdeu o controle desta mensagem enquanto o banco de dados estava inacessível; ela pode ter sido enviada.</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; is %2, not running.</source>
        <translation>A campanha &quot;%1&quot; está %2, não em andamento.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for phone numbers taken out of the campaign&apos;s pool: %1. Move them to the other numbers (herald-cli campaign reassign), then resume.</source>
        <translation>
            <numerusform>%Ln destinatário espera por números de telefone retirados do grupo da campanha: %1. Mova-o para os outros números (herald-cli campaign reassign) e depois retome.</numerusform>
            <numerusform>%Ln destinatários esperam por números de telefone retirados do grupo da campanha: %1. Mova-os para os outros números (herald-cli campaign reassign) e depois retome.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports the number as %1 (health checked %2 UTC).</source>
        <translation>A Meta informa o número como %1 (estado verificado %2 UTC).</translation>
    </message>
</context>
<context>
    <name>herald::SenderHost</name>
    <message>
        <source>This campaign is already being sent.</source>
        <translation>Esta campanha já está sendo enviada.</translation>
    </message>
    <message>
        <source>Another sender took this campaign over while this one was not heard from.</source>
        <translation>Outro emissor assumiu esta campanha enquanto este estava sem dar sinal.</translation>
    </message>
</context>
<context>
    <name>herald::TemplateParser</name>
    <message>
        <source>The template is positional but uses named variables.</source>
        <translation>O modelo é posicional, mas usa variáveis nomeadas.</translation>
    </message>
    <message>
        <source>The template uses named parameters but has numbered variables.</source>
        <translation>O modelo usa parâmetros nomeados, mas tem variáveis numeradas.</translation>
    </message>
    <message>
        <source>The template has %1 components; Herald reads at most %2.</source>
        <translation>O modelo tem %1 componentes; o Herald lê no máximo %2.</translation>
    </message>
    <message>
        <source>The template&apos;s body</source>
        <translation>O corpo do modelo</translation>
    </message>
    <message>
        <source>The template&apos;s footer</source>
        <translation>O rodapé do modelo</translation>
    </message>
</context>
<context>
    <name>herald::TemplateSync</name>
    <message>
        <source>No WhatsApp Business Account ID is set; templates are listed per account. Set it with &apos;config set api.waba_id ID&apos; or --waba-id.</source>
        <translation>Nenhum ID de conta do WhatsApp Business definido; os modelos são listados por conta. Defina-o com &apos;config set api.waba_id ID&apos; ou --waba-id.</translation>
    </message>
    <message>
        <source>The template sync was cancelled; nothing was stored.</source>
        <translation>A sincronização de modelos foi cancelada; nada foi armazenado.</translation>
    </message>
    <message>
        <source>The template list did not end after %1 pages; nothing was stored.</source>
        <translation>A lista de modelos não terminou após %1 páginas; nada foi armazenado.</translation>
    </message>
    <message>
        <source>Meta refused the access token (%1): it is invalid or has expired. Set a valid token in HERALD_ACCESS_TOKEN and sync again; nothing was stored.</source>
        <translation>A Meta recusou o token de acesso (%1): ele é inválido ou expirou. Defina um token válido em HERALD_ACCESS_TOKEN e sincronize novamente; nada foi armazenado.</translation>
    </message>
    <message>
        <source>Could not list the templates at %1: %2. Nothing was stored.</source>
        <translation>Não foi possível listar os modelos em %1: %2. Nada foi armazenado.</translation>
    </message>
    <message>
        <source>Meta refused the template list (%1); nothing was stored.</source>
        <translation>A Meta recusou a lista de modelos (%1); nada foi armazenado.</translation>
    </message>
    <message>
        <source>The template list from %1 is not what Graph API sends (no &quot;data&quot; list); check the API base URL. Nothing was stored.</source>
        <translation>A lista de modelos de %1 não é o que a Graph API envia (sem lista &quot;data&quot;); confira a URL base da API. Nada foi armazenado.</translation>
    </message>
    <message>
        <source>A listed template without name, language or status was skipped (id %1).</source>
        <translation>Um modelo listado sem nome, idioma ou status foi ignorado (ID %1).</translation>
    </message>
    <message>
        <source>The templates could not be stored: %1</source>
        <translation>Não foi possível armazenar os modelos: %1</translation>
    </message>
    <message>
        <source>A page of the template list was larger than %1 bytes (%2 bytes); it was not read and nothing was stored.</source>
        <translation>Uma página da lista de modelos era maior que %1 bytes (%2 bytes); ela não foi lida e nada foi armazenado.</translation>
    </message>
</context>
<context>
    <name>herald::WebhookPayload</name>
    <message>
        <source>The body has %1 bytes; at most %2 are accepted.</source>
        <translation>O corpo tem %1 bytes; são aceitos no máximo %2.</translation>
    </message>
    <message>
        <source>The body is not JSON (%1 at byte %2).</source>
        <translation>O corpo não é JSON (%1 no byte %2).</translation>
    </message>
    <message>
        <source>The body is not a JSON object.</source>
        <translation>O corpo não é um objeto JSON.</translation>
    </message>
    <message>
        <source>The body is not a WhatsApp Business Account notification (&quot;object&quot; is &quot;%1&quot;).</source>
        <translation>O corpo não é uma notificação de conta do WhatsApp Business (&quot;object&quot; é &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>The body has no &quot;entry&quot; list.</source>
        <translation>O corpo não tem a lista &quot;entry&quot;.</translation>
    </message>
    <message>
        <source>The body holds more than %1 items.</source>
        <translation>O corpo contém mais de %1 itens.</translation>
    </message>
</context>
<context>
    <name>herald::cli::WorkerLoop</name>
    <message>
        <source>the worker could not announce itself: %1</source>
        <translation>o worker não conseguiu se anunciar: %1</translation>
    </message>
    <message>
        <source>every campaign</source>
        <translation>todas as campanhas</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; (%2) started; it sends %3</source>
        <translation>worker &quot;%1&quot; (%2) iniciado; envia %3</translation>
    </message>
    <message>
        <source>worker &quot;%1&quot; stopped</source>
        <translation>worker &quot;%1&quot; parado</translation>
    </message>
    <message>
        <source>the database answers again</source>
        <translation>o banco de dados responde novamente</translation>
    </message>
    <message>
        <source>the database failed; trying again: %1</source>
        <translation>o banco de dados falhou; tentando novamente: %1</translation>
    </message>
    <message>
        <source>no campaign is named &quot;%1&quot; yet; it is taken once it exists and runs</source>
        <translation>ainda não há campanha chamada &quot;%1&quot;; ela será pega quando existir e estiver em andamento</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; was due and is now running</source>
        <translation>a campanha &quot;%1&quot; chegou ao horário e está em andamento</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot; cannot be sent: %2</source>
        <translation>a campanha &quot;%1&quot; não pode ser enviada: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2</source>
        <translation>campanha &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: sending, at most %2 messages/s</source>
        <translation>campanha &quot;%1&quot;: enviando, no máximo %2 mensagens/s</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 of %3 sent, %4 failed, %5 messages/s</source>
        <translation>campanha &quot;%1&quot;: %2 de %3 enviadas, %4 com falha, %5 mensagens/s</translation>
    </message>
    <message>
        <source>campaign &quot;%1&quot;: %2 after %3 sent and %4 failed here%5</source>
        <translation>campanha &quot;%1&quot;: %2 após %3 enviadas e %4 com falha aqui%5</translation>
    </message>
    <message>
        <source>stopping without waiting for the requests in flight</source>
        <translation>parando sem esperar as solicitações em andamento</translation>
    </message>
    <message>
        <source>stopping: recording the answers in flight and releasing held recipients; every campaign keeps its status</source>
        <translation>parando: registrando as respostas em andamento e liberando os destinatários retidos; cada campanha mantém seu status</translation>
    </message>
    <message>
        <source>The worker was stopped; the campaign stays running for the next sender.</source>
        <translation>O worker foi parado; a campanha continua em andamento para o próximo remetente.</translation>
    </message>
</context>
<context>
    <name>herald::ui::AboutDialog</name>
    <message>
        <source>About Herald</source>
        <translation>Sobre o Herald</translation>
    </message>
    <message>
        <source>Herald icon</source>
        <translation>Ícone do Herald</translation>
    </message>
    <message>
        <source>A campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Um console de campanhas para a WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>Built with Qt %1.</source>
        <translation>Feito com Qt %1.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Pasta de dados</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Banco de dados</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Pasta de logs</translation>
    </message>
    <message>
        <source>Herald is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 3 or (at your option) any later version. It comes with ABSOLUTELY NO WARRANTY.</source>
        <translation>O Herald é software livre: você pode redistribuí-lo e/ou modificá-lo sob os termos da GNU General Public License (Licença Pública Geral GNU), versão 3 ou (a seu critério) qualquer versão posterior. Ele é distribuído SEM NENHUMA GARANTIA.</translation>
    </message>
    <message>
        <source>Herald uses these libraries:</source>
        <translation>O Herald usa estas bibliotecas:</translation>
    </message>
    <message>
        <source>Qt Charts and Qt HttpServer: GPL-3.0</source>
        <translation>Qt Charts e Qt HttpServer: GPL-3.0</translation>
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
        <translation>&amp;Nova campanha…</translation>
    </message>
    <message>
        <source>Create a campaign from a contact file</source>
        <translation>Criar uma campanha a partir de um arquivo de contatos</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Start sending the selected campaign</source>
        <translation>Começar a enviar a campanha selecionada</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Pause the selected campaign</source>
        <translation>Pausar a campanha selecionada</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Retomar</translation>
    </message>
    <message>
        <source>Resume the selected campaign</source>
        <translation>Retomar a campanha selecionada</translation>
    </message>
    <message>
        <source>Start or pause</source>
        <translation>Iniciar ou pausar</translation>
    </message>
    <message>
        <source>Start, pause or resume the selected campaign</source>
        <translation>Iniciar, pausar ou retomar a campanha selecionada</translation>
    </message>
    <message>
        <source>&amp;Cancel campaign…</source>
        <translation>&amp;Cancelar campanha…</translation>
    </message>
    <message>
        <source>Cancel the selected campaign for good</source>
        <translation>Cancelar definitivamente a campanha selecionada</translation>
    </message>
    <message>
        <source>Resend &amp;failed…</source>
        <translation>Reenviar com &amp;falha…</translation>
    </message>
    <message>
        <source>Queue failed messages of chosen reasons again</source>
        <translation>Colocar novamente na fila as mensagens com falha dos motivos escolhidos</translation>
    </message>
    <message>
        <source>D&amp;uplicate…</source>
        <translation>D&amp;uplicar…</translation>
    </message>
    <message>
        <source>A new campaign with this one&apos;s template, mapping and settings, from another file</source>
        <translation>Uma nova campanha com o modelo, o mapeamento e as configurações desta, a partir de outro arquivo</translation>
    </message>
    <message>
        <source>Edi&amp;t draft…</source>
        <translation>&amp;Editar rascunho…</translation>
    </message>
    <message>
        <source>Change the draft&apos;s name, rate ceiling or mapping</source>
        <translation>Alterar o nome, o teto de taxa ou o mapeamento do rascunho</translation>
    </message>
    <message>
        <source>&amp;Delete draft…</source>
        <translation>E&amp;xcluir rascunho…</translation>
    </message>
    <message>
        <source>Delete the draft with its recipients</source>
        <translation>Excluir o rascunho com seus destinatários</translation>
    </message>
    <message>
        <source>U&amp;nschedule</source>
        <translation>Desa&amp;gendar</translation>
    </message>
    <message>
        <source>Forget the scheduled start: the campaign becomes a draft again</source>
        <translation>Esquecer o início agendado: a campanha volta a ser um rascunho</translation>
    </message>
    <message>
        <source>&amp;Add contacts…</source>
        <translation>Adicionar c&amp;ontatos…</translation>
    </message>
    <message>
        <source>Import more contacts into the draft or paused campaign</source>
        <translation>Importar mais contatos para o rascunho ou a campanha pausada</translation>
    </message>
    <message>
        <source>&amp;Repair counters…</source>
        <translation>Reparar co&amp;ntadores…</translation>
    </message>
    <message>
        <source>Compare every campaign&apos;s counters with a recount and fix them</source>
        <translation>Comparar os contadores de cada campanha com uma recontagem e corrigi-los</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>Expor&amp;tar resultados…</translation>
    </message>
    <message>
        <source>Save every recipient&apos;s result as a CSV file</source>
        <translation>Salvar o resultado de cada destinatário em um arquivo CSV</translation>
    </message>
    <message>
        <source>S&amp;ync templates</source>
        <translation>&amp;Sincronizar modelos</translation>
    </message>
    <message>
        <source>Fetch the message templates from Meta</source>
        <translation>Buscar os modelos de mensagem na Meta</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <source>API account, sending, database and language</source>
        <translation>Conta da API, envio, banco de dados e idioma</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Atualizar</translation>
    </message>
    <message>
        <source>Read everything again</source>
        <translation>Ler tudo novamente</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>Close Herald</source>
        <translation>Fechar o Herald</translation>
    </message>
    <message>
        <source>&amp;About Herald</source>
        <translation>&amp;Sobre o Herald</translation>
    </message>
    <message>
        <source>Version and licence</source>
        <translation>Versão e licença</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignDetail</name>
    <message>
        <source>Overview</source>
        <translation>Visão geral</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Falhas</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatários</translation>
    </message>
    <message>
        <source>started %1</source>
        <translation>iniciada em %1</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>não iniciada</translation>
    </message>
    <message>
        <source>sent by this window</source>
        <translation>enviada por esta janela</translation>
    </message>
    <message>
        <source>sent by %1</source>
        <translation>enviada por %1</translation>
    </message>
    <message>
        <source>waiting for a sender</source>
        <translation>aguardando um emissor</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausada</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Interrompida</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Abrir Configurações…</translation>
    </message>
    <message>
        <source>Sync templates</source>
        <translation>Sincronizar modelos</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <source>Completed: %1 sent, %2 failed of %3</source>
        <translation>Concluída: %1 enviadas, %2 com falha de %3</translation>
    </message>
    <message>
        <source> in %1 (%2 – %3)</source>
        <translation> em %1 (%2 – %3)</translation>
    </message>
    <message>
        <source>Resend failed…</source>
        <translation>Reenviar com falha…</translation>
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
        <translation>Selecione uma campanha para ver o progresso, as falhas e os destinatários.</translation>
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
        <translation>Excluir o rascunho &quot;%1&quot;?</translation>
    </message>
    <message numerus="yes">
        <source>The draft and its %n recipient(s) are deleted. Nothing has been sent from it.</source>
        <translation>
            <numerusform>O rascunho e seu %n destinatário são excluídos. Nada foi enviado a partir dele.</numerusform>
            <numerusform>O rascunho e seus %n destinatários são excluídos. Nada foi enviado a partir dele.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Excluir rascunho</translation>
    </message>
    <message>
        <source>The draft was not deleted</source>
        <translation>O rascunho não foi excluído</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no longer a draft (it was started, scheduled or deleted meanwhile).</source>
        <translation>&quot;%1&quot; não é mais um rascunho (foi iniciado, agendado ou excluído nesse meio-tempo).</translation>
    </message>
    <message>
        <source>Deleted the draft &quot;%1&quot;.</source>
        <translation>Rascunho &quot;%1&quot; excluído.</translation>
    </message>
    <message>
        <source>The campaign was not unscheduled</source>
        <translation>O agendamento da campanha não foi cancelado</translation>
    </message>
    <message>
        <source>Unscheduled &quot;%1&quot;: it is a draft again.</source>
        <translation>&quot;%1&quot; desagendada: voltou a ser um rascunho.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendentes</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taxa</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restante</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Início</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Término</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1, waiting for a sender</source>
        <translation>%1, aguardando um emissor</translation>
    </message>
    <message>
        <source>%1 elsewhere</source>
        <translation>%1 em outro lugar</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sent by this window.</source>
        <translation>Enviada por esta janela.</translation>
    </message>
    <message>
        <source>Sender: %1</source>
        <translation>Emissor: %1</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed, %3 pending of %4</source>
        <translation>%1 enviadas, %2 com falha, %3 pendentes de %4</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregues</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lidas</translation>
    </message>
    <message>
        <source>Delivery not tracked: no webhook receiver has reported a callback for this campaign&apos;s business number. Run herald-cli webhooks serve behind your web server and subscribe it to the app&apos;s &quot;messages&quot; webhook in Meta&apos;s App Dashboard (see the user guide, Delivery tracking).</source>
        <translation>Entrega não acompanhada: nenhum receptor de webhooks informou um callback para o número comercial desta campanha. Execute herald-cli webhooks serve atrás do seu servidor web e inscreva-o no webhook &quot;messages&quot; do app no Painel de Apps da Meta (veja o guia do usuário, Acompanhamento de entrega).</translation>
    </message>
    <message>
        <source>%1 delivered, %2 read of %3 sent</source>
        <translation>%1 entregues, %2 lidas de %3 enviadas</translation>
    </message>
    <message>
        <source>%1 failed after sending (see Failures)</source>
        <translation>%1 com falha após o envio (veja Falhas)</translation>
    </message>
</context>
<context>
    <name>herald::ui::CampaignsPage</name>
    <message>
        <source>Filter campaigns by name…</source>
        <translation>Filtrar campanhas por nome…</translation>
    </message>
    <message>
        <source>Filter campaigns</source>
        <translation>Filtrar campanhas</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campanhas</translation>
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
        <translation>Contatos</translation>
    </message>
    <message>
        <source>Drop a contact file (CSV) here or choose it. Herald shows how it reads the file; correct the encoding or delimiter if names or columns look wrong.</source>
        <translation>Solte aqui um arquivo de contatos (CSV) ou escolha-o. O Herald mostra como lê o arquivo; corrija a codificação ou o delimitador se os nomes ou as colunas parecerem errados.</translation>
    </message>
    <message>
        <source>No file chosen: drop one here or click Browse…</source>
        <translation>Nenhum arquivo escolhido: solte um aqui ou clique em Procurar…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Detectar</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>Vírgula ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>Ponto e vírgula ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulação</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>Barra vertical ( | )</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Codificação:</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Delimitador:</translation>
    </message>
    <message>
        <source>commas</source>
        <translation>vírgulas</translation>
    </message>
    <message>
        <source>semicolons</source>
        <translation>pontos e vírgulas</translation>
    </message>
    <message>
        <source>tabs</source>
        <translation>tabulações</translation>
    </message>
    <message>
        <source>pipes</source>
        <translation>barras verticais</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>%1 It is read as the campaign&apos;s file was: %2. Choose Detect above if this one differs.</source>
        <translation>%1 Ele é lido como o arquivo da campanha foi: %2. Escolha Detectar acima se este for diferente.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Choose a contact file</source>
        <translation>Escolha um arquivo de contatos</translation>
    </message>
    <message>
        <source>Contact files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Arquivos de contatos (*.csv *.txt *.tsv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lendo %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n data row(s)</source>
        <translation>
            <numerusform>%n linha de dados</numerusform>
            <numerusform>%n linhas de dados</numerusform>
        </translation>
    </message>
    <message>
        <source>about %1 data rows</source>
        <translation>cerca de %1 linhas de dados</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · %n column(s), %3 · showing the first %4</source>
        <translation>
            <numerusform>%1 · %2 · %n coluna, %3 · mostrando as primeiras %4</numerusform>
            <numerusform>%1 · %2 · %n colunas, %3 · mostrando as primeiras %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Contact file</source>
        <translation>Arquivo de contatos</translation>
    </message>
    <message>
        <source>File preview</source>
        <translation>Pré-visualização do arquivo</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostCountryModel</name>
    <message>
        <source>Not priced: %1</source>
        <translation>Sem preço: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>not priced</source>
        <translation>sem preço</translation>
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
        <translation>Destinatários</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preço</translation>
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
        <translation>Contar os destinatários e precificá-los novamente com a tabela em uso agora; apenas os que ainda faltam enviar enquanto a campanha está em execução ou pausada.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Custo estimado:</translation>
    </message>
    <message>
        <source>Reading the estimate…</source>
        <translation>Lendo a estimativa…</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Select a campaign to see what sending it costs.</source>
        <translation>Selecione uma campanha para ver quanto custa enviá-la.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Estimando…</translation>
    </message>
    <message>
        <source>a date Meta did not give</source>
        <translation>uma data não informada pela Meta</translation>
    </message>
    <message>
        <source>Meta changed the category of template %1 from %2 to %3 (%4), after the estimate of %5: re-estimated, %6 → %7.</source>
        <translation>A Meta alterou a categoria do modelo %1 de %2 para %3 (%4), após a estimativa de %5: reestimado, %6 → %7.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <source>%1: %2 × %3 = %4</source>
        <translation>%1: %2 × %3 = %4</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) still to send</source>
        <translation>
            <numerusform>%Ln destinatário ainda a enviar</numerusform>
            <numerusform>%Ln destinatários ainda a enviar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln destinatário</numerusform>
            <numerusform>%Ln destinatários</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2 — estimated %3 with %4 (effective %5)</source>
        <translation>%1, %2 — estimado em %3 com %4 (vigente a partir de %5)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) not priced and left out of the total (%1).</source>
        <translation>
            <numerusform>%Ln destinatário sem preço e fora do total (%1).</numerusform>
            <numerusform>%Ln destinatários sem preço e fora do total (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <source>No estimate: %1</source>
        <translation>Sem estimativa: %1</translation>
    </message>
    <message>
        <source>Herald&apos;s example card: its prices are illustrative, not Meta&apos;s. Import Meta&apos;s card in Settings ▸ Rate cards for a real estimate.</source>
        <translation>Tabela de exemplo do Herald: os preços são ilustrativos, não da Meta. Importe a tabela da Meta em Configurações ▸ Tabelas de preços para uma estimativa real.</translation>
    </message>
</context>
<context>
    <name>herald::ui::CostSection</name>
    <message>
        <source>⚠ Example rate card — import your own in Settings for a real estimate.</source>
        <translation>⚠ Tabela de preços de exemplo — importe a sua nas Configurações para uma estimativa real.</translation>
    </message>
    <message>
        <source>Estimated cost:</source>
        <translation>Custo estimado:</translation>
    </message>
    <message>
        <source>Rate card:</source>
        <translation>Tabela de preços:</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>The estimate follows the import.</source>
        <translation>A estimativa acompanha a importação.</translation>
    </message>
    <message>
        <source>Estimating…</source>
        <translation>Estimando…</translation>
    </message>
    <message>
        <source>No cost estimate: %1</source>
        <translation>Sem estimativa de custo: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 for %Ln recipient(s) (%2 messages)</source>
        <translation>
            <numerusform>%1 para %Ln destinatário (mensagens %2)</numerusform>
            <numerusform>%1 para %Ln destinatários (mensagens %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, effective %2</source>
        <translation>%1, vigente a partir de %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) in countries this card does not price, left out of the total.</source>
        <translation>
            <numerusform>%Ln destinatário em países que esta tabela não precifica, fora do total.</numerusform>
            <numerusform>%Ln destinatários em países que esta tabela não precifica, fora do total.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta charges delivered messages only, so this is the most these recipients cost.</source>
        <translation>A Meta cobra apenas mensagens entregues, então este é o máximo que esses destinatários custam.</translation>
    </message>
    <message>
        <source>Cost by country</source>
        <translation>Custo por país</translation>
    </message>
</context>
<context>
    <name>herald::ui::Credentials</name>
    <message>
        <source>No access token is set. Enter it in Settings; Herald keeps it in the operating system&apos;s keychain.</source>
        <translation>Nenhum token de acesso definido. Informe-o nas Configurações; o Herald o guarda no chaveiro do sistema operacional.</translation>
    </message>
    <message>
        <source>No access token is available: %1 Enter the token in Settings and keep it for this session only, or set %2.</source>
        <translation>Nenhum token de acesso disponível: %1 Informe o token nas Configurações e guarde-o somente para esta sessão, ou defina %2.</translation>
    </message>
    <message>
        <source>The token was not stored: %1</source>
        <translation>O token não foi armazenado: %1</translation>
    </message>
    <message>
        <source>The token was not removed: %1</source>
        <translation>O token não foi removido: %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryModel</name>
    <message>
        <source>%1 campaigns</source>
        <translation>%1 campanhas</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed</source>
        <translation>%1: %2 enviadas, %3 com falha</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Dia (UTC)</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campanhas</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Failed share</source>
        <translation>Taxa de falha</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregues</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lidas</translation>
    </message>
</context>
<context>
    <name>herald::ui::DailySummaryPage</name>
    <message>
        <source>Messages per day</source>
        <translation>Mensagens por dia</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>Todas as campanhas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 dias</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 dias</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 dias</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>All history</source>
        <translation>Todo o histórico</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Campanha:</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Período:</translation>
    </message>
    <message>
        <source>The daily summary cannot be read: %1</source>
        <translation>Não foi possível ler o resumo diário: %1</translation>
    </message>
    <message>
        <source>all campaigns</source>
        <translation>todas as campanhas</translation>
    </message>
    <message>
        <source>Messages %1, %2 (UTC days)</source>
        <translation>Mensagens %1, %2 (dias UTC)</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lendo…</translation>
    </message>
    <message>
        <source>No messages were sent or failed in this range.</source>
        <translation>Nenhuma mensagem foi enviada ou falhou neste período.</translation>
    </message>
    <message>
        <source>In this range: %1 sent, %2 failed (%3 of the messages finished).</source>
        <translation>Neste período: %1 enviadas, %2 com falha (%3 das mensagens finalizadas).</translation>
    </message>
    <message>
        <source>Chart of the messages sent and failed each day; the table beside it holds the same figures.</source>
        <translation>Gráfico das mensagens enviadas e com falha a cada dia; a tabela ao lado contém os mesmos números.</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Resumo diário</translation>
    </message>
</context>
<context>
    <name>herald::ui::DatabaseSection</name>
    <message>
        <source>Database</source>
        <translation>Banco de dados</translation>
    </message>
    <message>
        <source>Embedded (a SQLite file on this computer)</source>
        <translation>Embutido (um arquivo SQLite neste computador)</translation>
    </message>
    <message>
        <source>PostgreSQL server (shared by several consoles and workers)</source>
        <translation>Servidor PostgreSQL (compartilhado por vários consoles e workers)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testar conexão</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in the settings file.</source>
        <translation>Guardada no chaveiro do sistema operacional, nunca no arquivo de configurações.</translation>
    </message>
    <message>
        <source>Open now: %1. A change here takes effect when Herald is restarted.</source>
        <translation>Aberto agora: %1. Uma alteração aqui vale quando o Herald for reiniciado.</translation>
    </message>
    <message>
        <source>HERALD_DB is set in this environment and wins over the choice here.</source>
        <translation>HERALD_DB está definida neste ambiente e prevalece sobre a escolha feita aqui.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Arquivo:</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <source>Stored in the keychain; type to replace it</source>
        <translation>Guardada no chaveiro; digite para substituí-la</translation>
    </message>
    <message>
        <source>None, or type it</source>
        <translation>Nenhuma, ou digite-a</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address: postgresql://user@host:5432/database.</source>
        <translation>Informe o endereço do servidor: postgresql://usuário@host:5432/banco.</translation>
    </message>
    <message>
        <source>A PostgreSQL address starts with postgresql://, e.g. postgresql://user@host:5432/database.</source>
        <translation>Um endereço PostgreSQL começa com postgresql://, p. ex. postgresql://usuário@host:5432/banco.</translation>
    </message>
    <message>
        <source>%1 is a folder: name a file in it, e.g. %2.</source>
        <translation>%1 é uma pasta: indique um arquivo dentro dela, p. ex. %2.</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Arquivo do banco de dados</translation>
    </message>
    <message>
        <source>Herald databases (*.db);;All files (*)</source>
        <translation>Bancos de dados do Herald (*.db);;Todos os arquivos (*)</translation>
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
        <translation>Funil de entrega</translation>
    </message>
    <message>
        <source>Sent: %1</source>
        <translation>Enviadas: %1</translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation>Entregues: %1</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Lidas: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Com falha: %1</translation>
    </message>
    <message>
        <source>Failed later: %1</source>
        <translation>Falharam depois: %1</translation>
    </message>
    <message>
        <source>Delivery not tracked</source>
        <translation>Entrega não acompanhada</translation>
    </message>
    <message>
        <source>No delivery callback for this campaign&apos;s number since %1: is the webhook receiver running?</source>
        <translation>Nenhum callback de entrega para o número desta campanha desde %1: o receptor de webhooks está em execução?</translation>
    </message>
    <message>
        <source>Delivery tracked — last callback %1</source>
        <translation>Entrega acompanhada — último callback %1</translation>
    </message>
    <message>
        <source>Meta reports delivered, read and late failures to the webhook receiver (herald-cli webhooks serve); herald-cli webhooks status shows what it received.</source>
        <translation>A Meta informa entregas, leituras e falhas tardias ao receptor de webhooks (herald-cli webhooks serve); herald-cli webhooks status mostra o que ele recebeu.</translation>
    </message>
</context>
<context>
    <name>herald::ui::DemoSession</name>
    <message>
        <source>The built-in simulator could not start: %1</source>
        <translation>Não foi possível iniciar o simulador embutido: %1</translation>
    </message>
    <message>
        <source>The simulator&apos;s templates could not be synced: %1</source>
        <translation>Não foi possível sincronizar os modelos do simulador: %1</translation>
    </message>
    <message>
        <source>Demo %1</source>
        <translation>Demonstração %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::EditDraftDialog</name>
    <message>
        <source>Change &amp;mapping…</source>
        <translation>Alterar &amp;mapeamento…</translation>
    </message>
    <message>
        <source>Edit draft “%1”</source>
        <translation>Editar rascunho “%1”</translation>
    </message>
    <message>
        <source>the number&apos;s own limit</source>
        <translation>limite do número</translation>
    </message>
    <message>
        <source>messages per second at most</source>
        <translation>mensagens por segundo no máximo</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2) · %Ln recipient(s)</source>
        <translation>
            <numerusform>%1 (%2) · %Ln destinatário</numerusform>
            <numerusform>%1 (%2) · %Ln destinatários</numerusform>
        </translation>
    </message>
    <message>
        <source>Fill the template&apos;s variables differently. Herald asks for the contact file again and imports it into a new draft, which replaces this one (same name) when you finish; until then this draft stays as it is.</source>
        <translation>Preencha as variáveis do modelo de outra forma. O Herald pede o arquivo de contatos novamente e o importa em um novo rascunho, que substitui este (mesmo nome) quando você concluir; até lá, este rascunho fica como está.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Rate ceiling:</source>
        <translation>&amp;Teto de taxa:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Mensagem:</translation>
    </message>
    <message>
        <source>The rate ceiling is a number of messages per second, e.g. 20 or 2.5; leave it empty for the phone number&apos;s own limit.</source>
        <translation>O teto de taxa é um número de mensagens por segundo, p. ex. 20 ou 2.5; deixe-o vazio para usar o limite do próprio número de telefone.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ErasePersonAction</name>
    <message>
        <source>&amp;Erase a Person&apos;s Data…</source>
        <translation>&amp;Apagar dados de uma pessoa…</translation>
    </message>
    <message>
        <source>Removes one person&apos;s number, name and parameters from every campaign, keeping the counts</source>
        <translation>Remove o número, o nome e os parâmetros de uma pessoa de todas as campanhas, mantendo as contagens</translation>
    </message>
    <message>
        <source>Erase a Person&apos;s Data</source>
        <translation>Apagar dados de uma pessoa</translation>
    </message>
    <message>
        <source>The person&apos;s phone number, as written in your contact files.
With its country code, or as written in the default region of Settings ▸ Sending:</source>
        <translation>O número de telefone da pessoa, como está nos seus arquivos de contatos.
Com o código do país, ou no formato da região padrão de Configurações ▸ Envio:</translation>
    </message>
    <message>
        <source>Nothing Was Erased</source>
        <translation>Nada foi apagado</translation>
    </message>
    <message>
        <source>The database could not be read: %1</source>
        <translation>Não foi possível ler o banco de dados: %1</translation>
    </message>
    <message>
        <source>Write the number with its country code (+49 …), or set the default region in Settings ▸ Sending.</source>
        <translation>Escreva o número com o código do país (+55 …) ou defina a região padrão em Configurações ▸ Envio.</translation>
    </message>
    <message>
        <source>Not a Phone Number</source>
        <translation>Não é um número de telefone</translation>
    </message>
    <message>
        <source>Nothing was erased.</source>
        <translation>Nada foi apagado.</translation>
    </message>
    <message>
        <source>Also put %1 on the opt-out list, so that no later import or campaign messages this person? The list keeps only the number.</source>
        <translation>Também colocar %1 na lista de opt-out, para que nenhuma importação ou campanha futura lhe envie mensagens? A lista guarda só o número.</translation>
    </message>
    <message>
        <source>Add to Opt-outs</source>
        <translation>Adicionar aos opt-outs</translation>
    </message>
    <message>
        <source>Don&apos;t Add</source>
        <translation>Não adicionar</translation>
    </message>
    <message>
        <source>The number will be added to the opt-out list.</source>
        <translation>O número será adicionado à lista de opt-out.</translation>
    </message>
    <message>
        <source>The opt-out list will not be changed.</source>
        <translation>A lista de opt-out não será alterada.</translation>
    </message>
    <message>
        <source>Erase %1?</source>
        <translation>Apagar %1?</translation>
    </message>
    <message>
        <source>The number, name and template parameters of %1 will be removed from every campaign. The campaigns keep their counts; messages still waiting for this number will not be sent. %2</source>
        <translation>O número, o nome e os parâmetros de modelo de %1 serão removidos de todas as campanhas. As campanhas mantêm as contagens; mensagens ainda em espera para este número não serão enviadas. %2</translation>
    </message>
    <message>
        <source>This cannot be undone.</source>
        <translation>Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Apagar</translation>
    </message>
    <message>
        <source>%1 is in no campaign: there was nothing to erase.</source>
        <translation>%1 não está em nenhuma campanha: não havia nada a apagar.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n linha</numerusform>
            <numerusform>%n linhas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campanha</numerusform>
            <numerusform>%n campanhas</numerusform>
        </translation>
    </message>
    <message>
        <source>Erased the number, name and parameters of %1 from %2 in %3. The campaigns&apos; counts are unchanged.</source>
        <translation>Número, nome e parâmetros de %1 apagados de %2 em %3. As contagens das campanhas não mudaram.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) still waiting for this number will not be sent (failed, reason &quot;erased&quot;).</source>
        <translation>
            <numerusform>%n mensagem ainda em espera para este número não será enviada (com falha, motivo &quot;erased&quot;).</numerusform>
            <numerusform>%n mensagens ainda em espera para este número não serão enviadas (com falha, motivo &quot;erased&quot;).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list.</source>
        <translation>%1 agora está na lista de opt-out.</translation>
    </message>
    <message>
        <source>%1 stays on the opt-out list.</source>
        <translation>%1 continua na lista de opt-out.</translation>
    </message>
    <message>
        <source>Personal Data Erased</source>
        <translation>Dados pessoais apagados</translation>
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
        <translation>Mensagens</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>O que significa</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>O que fazer</translation>
    </message>
    <message>
        <source>(no reason)</source>
        <translation>(sem motivo)</translation>
    </message>
    <message>
        <source>Herald has no explanation for this reason.</source>
        <translation>O Herald não tem explicação para este motivo.</translation>
    </message>
    <message>
        <source>Read the error details of its recipients.</source>
        <translation>Leia os detalhes do erro dos destinatários.</translation>
    </message>
    <message>
        <source>WhatsApp accepted these messages, then reported by webhook that they could not be delivered. They count as sent, and as failed after sending.</source>
        <translation>O WhatsApp aceitou estas mensagens e depois informou por webhook que elas não puderam ser entregues. Elas contam como enviadas e também como falhas após o envio.</translation>
    </message>
    <message>
        <source>%1, after sending</source>
        <translation>%1, após o envio</translation>
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
        <translation>Colocar novamente na fila as mensagens que falharam pelos motivos selecionados.</translation>
    </message>
    <message>
        <source>The failures could not be read: %1</source>
        <translation>Não foi possível ler as falhas: %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Lendo as falhas…</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Nenhuma mensagem desta campanha falhou.</translation>
    </message>
    <message>
        <source>Failures by reason</source>
        <translation>Falhas por motivo</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages: %1, for %n reason(s). Select a reason to list its recipients under Recipients, or reasons to resend.</source>
        <translation>
            <numerusform>Mensagens com falha: %1, por %n motivo. Selecione um motivo para listar os destinatários dele em Destinatários, ou motivos para reenviar.</numerusform>
            <numerusform>Mensagens com falha: %1, por %n motivos. Selecione um motivo para listar os destinatários dele em Destinatários, ou motivos para reenviar.</numerusform>
        </translation>
    </message>
    <message>
        <source>No message of this campaign has failed when sent.</source>
        <translation>Nenhuma mensagem desta campanha falhou no envio.</translation>
    </message>
    <message>
        <source>Failed after sending: %1 (WhatsApp accepted them, then reported by webhook that they could not be delivered).</source>
        <translation>Com falha após o envio: %1 (o WhatsApp as aceitou e depois informou por webhook que elas não puderam ser entregues).</translation>
    </message>
</context>
<context>
    <name>herald::ui::FrequencyCapSection</name>
    <message>
        <source>Skip recipients any campaign &amp;messaged in the last</source>
        <translation>Pular destinatários que alguma campanha contatou nos ú&amp;ltimos</translation>
    </message>
    <message>
        <source>Messaged recently (skipped):</source>
        <translation>Contatados recentemente (pulados):</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dia</numerusform>
            <numerusform>%n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>contando…</translation>
    </message>
    <message>
        <source>— (off)</source>
        <translation>— (desativado)</translation>
    </message>
    <message numerus="yes">
        <source>%1 (messaged by another campaign in the last %n day(s))</source>
        <translation>
            <numerusform>%1 (contatados por outra campanha no último %n dia)</numerusform>
            <numerusform>%1 (contatados por outra campanha nos últimos %n dias)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::HelpMenu</name>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Guia do usuário</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Atalhos de teclado</translation>
    </message>
    <message>
        <source>Show &amp;log folder</source>
        <translation>Mostrar pasta de &amp;logs</translation>
    </message>
    <message>
        <source>How to use Herald, step by step</source>
        <translation>Como usar o Herald, passo a passo</translation>
    </message>
    <message>
        <source>Every action and its shortcut</source>
        <translation>Todas as ações e seus atalhos</translation>
    </message>
    <message>
        <source>Open the folder with Herald&apos;s daily log files</source>
        <translation>Abrir a pasta com os arquivos de log diários do Herald</translation>
    </message>
    <message>
        <source>User guide not installed</source>
        <translation>Guia do usuário não instalado</translation>
    </message>
    <message>
        <source>The user guide was not found on this computer, so it opens in your web browser instead:
%1</source>
        <translation>O guia do usuário não foi encontrado neste computador, então ele será aberto no seu navegador:
%1</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Pasta de logs</translation>
    </message>
    <message>
        <source>The log folder could not be opened. Herald writes its logs to:
%1</source>
        <translation>Não foi possível abrir a pasta de logs. O Herald grava os logs em:
%1</translation>
    </message>
</context>
<context>
    <name>herald::ui::InterruptedNotice</name>
    <message>
        <source>Review interrupted…</source>
        <translation>Revisar interrompidas…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <source>Opens the Resend dialog with these messages; nothing is sent until you confirm.</source>
        <translation>Abre a janela Reenviar com estas mensagens; nada é enviado até você confirmar.</translation>
    </message>
    <message>
        <source>Interrupted messages</source>
        <translation>Mensagens interrompidas</translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages of “%1” were in flight: %n message(s) became &quot;interrupted&quot;.</source>
        <translation>
            <numerusform>O Herald ou outro emissor parou enquanto mensagens de “%1” estavam em trânsito: %n mensagem ficou como &quot;interrupted&quot;.</numerusform>
            <numerusform>O Herald ou outro emissor parou enquanto mensagens de “%1” estavam em trânsito: %n mensagens ficaram como &quot;interrupted&quot;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n message(s)</source>
        <translation>
            <numerusform>“%1”: %n mensagem</numerusform>
            <numerusform>“%1”: %n mensagens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more campaign(s)</source>
        <translation>
            <numerusform>mais %n campanha</numerusform>
            <numerusform>mais %n campanhas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Herald or another sender stopped while messages were in flight. %n message(s) became &quot;interrupted&quot;: %1.</source>
        <translation>
            <numerusform>O Herald ou outro emissor parou enquanto havia mensagens em trânsito. %n mensagem ficou como &quot;interrupted&quot;: %1.</numerusform>
            <numerusform>O Herald ou outro emissor parou enquanto havia mensagens em trânsito. %n mensagens ficaram como &quot;interrupted&quot;: %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta may have delivered some of them, so they are not resent by themselves. Review them and resend only if they did not arrive.</source>
        <translation>A Meta pode ter entregado algumas delas, por isso elas não são reenviadas automaticamente. Revise-as e reenvie somente as que não chegaram.</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n interrupted)</source>
        <translation>
            <numerusform>%1 (%n interrompida)</numerusform>
            <numerusform>%1 (%n interrompidas)</numerusform>
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
        <translation>Campanhas</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>Daily summary</source>
        <translation>Resumo diário</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Opt-outs</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campanha</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>&amp;Campaign</source>
        <translation>&amp;Campanha</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Ferramentas</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation>Não foi possível ler o banco de dados: %1</translation>
    </message>
    <message>
        <source>The campaign could not start</source>
        <translation>Não foi possível iniciar a campanha</translation>
    </message>
    <message>
        <source>Campaign completed</source>
        <translation>Campanha concluída</translation>
    </message>
    <message>
        <source>%1: %2 sent, %3 failed.</source>
        <translation>%1: %2 enviadas, %3 com falha.</translation>
    </message>
    <message>
        <source>Campaign paused</source>
        <translation>Campanha pausada</translation>
    </message>
    <message>
        <source>Campaign stopped</source>
        <translation>Campanha interrompida</translation>
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
        <translation>O banco de dados não pode ser usado</translation>
    </message>
    <message numerus="yes">
        <source>The counters of %n campaign(s) do not match their messages.</source>
        <translation>
            <numerusform>Os contadores de %n campanha não correspondem às mensagens.</numerusform>
            <numerusform>Os contadores de %n campanhas não correspondem às mensagens.</numerusform>
        </translation>
    </message>
    <message>
        <source>Herald is not connected to a WhatsApp Business account yet. Try it now with the built-in simulator: a sample campaign is created and sent while you watch. To send for real, enter your account in Settings (File ▸ Settings…).</source>
        <translation>O Herald ainda não está conectado a uma conta do WhatsApp Business. Experimente agora com o simulador embutido: uma campanha de exemplo é criada e enviada enquanto você acompanha. Para enviar de verdade, informe sua conta nas Configurações (Arquivo ▸ Configurações…).</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Experimentar a demonstração</translation>
    </message>
    <message>
        <source>Starting the simulator and creating a sample campaign…</source>
        <translation>Iniciando o simulador e criando uma campanha de exemplo…</translation>
    </message>
    <message>
        <source>The demo campaign is being sent to the built-in simulator, not to WhatsApp. Enter your account in Settings to send for real.</source>
        <translation>A campanha de demonstração está sendo enviada ao simulador embutido, não ao WhatsApp. Informe sua conta nas Configurações para enviar de verdade.</translation>
    </message>
    <message>
        <source>The demo could not start</source>
        <translation>Não foi possível iniciar a demonstração</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) queued again.</source>
        <translation>
            <numerusform>%n mensagem colocada novamente na fila.</numerusform>
            <numerusform>%n mensagens colocadas novamente na fila.</numerusform>
        </translation>
    </message>
    <message>
        <source> results</source>
        <translation> – resultados</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Exportar resultados</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Exportando para %1…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Falha na exportação</translation>
    </message>
    <message>
        <source>Cancel campaign &quot;%1&quot;?</source>
        <translation>Cancelar a campanha &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>Cancelar campanha</translation>
    </message>
    <message>
        <source>Finishing the messages in flight before closing…</source>
        <translation>Concluindo as mensagens em trânsito antes de fechar…</translation>
    </message>
    <message>
        <source>Close Herald?</source>
        <translation>Fechar o Herald?</translation>
    </message>
    <message numerus="yes">
        <source>Herald is sending %n campaign(s). Messages in flight finish and are recorded; the campaigns stay running and continue the next time Herald (or another sender) opens this database.</source>
        <translation>
            <numerusform>O Herald está enviando %n campanha. As mensagens em trânsito são concluídas e registradas; a campanha continua em execução e prossegue na próxima vez que o Herald (ou outro emissor) abrir este banco de dados.</numerusform>
            <numerusform>O Herald está enviando %n campanhas. As mensagens em trânsito são concluídas e registradas; as campanhas continuam em execução e prosseguem na próxima vez que o Herald (ou outro emissor) abrir este banco de dados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln recipient(s) to %1.</source>
        <translation>
            <numerusform>%Ln destinatário exportado para %1.</numerusform>
            <numerusform>%Ln destinatários exportados para %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) not sent yet. A cancelled campaign cannot be resumed; messages already sent stay sent.</source>
        <translation>
            <numerusform>%Ln mensagem ainda não foi enviada. Uma campanha cancelada não pode ser retomada; as mensagens já enviadas continuam enviadas.</numerusform>
            <numerusform>%Ln mensagens ainda não foram enviadas. Uma campanha cancelada não pode ser retomada; as mensagens já enviadas continuam enviadas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Senders</source>
        <translation>Remetentes</translation>
    </message>
</context>
<context>
    <name>herald::ui::MessagePage</name>
    <message>
        <source>Message</source>
        <translation>Mensagem</translation>
    </message>
    <message>
        <source>Choose the template and fill each of its variables from a column or with fixed text.</source>
        <translation>Escolha o modelo e preencha cada variável a partir de uma coluna ou com um texto fixo.</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pré-visualização</translation>
    </message>
    <message>
        <source>Meta paused this template after recipients reported or blocked it; it cannot be sent until Meta lifts the pause.</source>
        <translation>A Meta pausou este modelo depois que destinatários o denunciaram ou bloquearam; ele não pode ser enviado até que a Meta suspenda a pausa.</translation>
    </message>
    <message>
        <source>Meta disabled this template after repeated low quality; it can no longer be sent.</source>
        <translation>A Meta desativou este modelo após baixa qualidade repetida; ele não pode mais ser enviado.</translation>
    </message>
    <message>
        <source>Meta rejected this template at review; edit and resubmit it in WhatsApp Manager.</source>
        <translation>A Meta rejeitou este modelo na análise; edite-o e envie-o novamente no WhatsApp Manager.</translation>
    </message>
    <message>
        <source>Meta has not approved this template (%1).</source>
        <translation>A Meta não aprovou este modelo (%1).</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>O Herald não pode enviar este modelo: %1</translation>
    </message>
    <message>
        <source>Header {{%1}}</source>
        <translation>Cabeçalho {{%1}}</translation>
    </message>
    <message>
        <source>Header %1 (link)</source>
        <translation>Cabeçalho %1 (link)</translation>
    </message>
    <message>
        <source>Button “%1”</source>
        <translation>Botão “%1”</translation>
    </message>
    <message>
        <source>Button %1</source>
        <translation>Botão %1</translation>
    </message>
    <message>
        <source>Body {{%1}}</source>
        <translation>Corpo {{%1}}</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Loading the templates…</source>
        <translation>Carregando os modelos…</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>Não foi possível ler os modelos: %1</translation>
    </message>
    <message>
        <source>%1 (%2) — %3, %4</source>
        <translation>%1 (%2) — %3, %4</translation>
    </message>
    <message>
        <source>No templates are known yet: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>Nenhum modelo conhecido ainda: sincronize-os com a Meta (Ferramentas ▸ Sincronizar modelos) e volte.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) is not among the templates: sync them from Meta (Tools ▸ Sync templates) and come back.</source>
        <translation>O modelo %1 (%2) da campanha não está entre os modelos: sincronize-os com a Meta (Ferramentas ▸ Sincronizar modelos) e volte.</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>⚠ Meta changed this template&apos;s category from %1 to %2 on %3. %4</source>
        <translation>⚠ A Meta alterou a categoria deste modelo de %1 para %2 em %3. %4</translation>
    </message>
    <message>
        <source>Marketing messages cost more than utility ones.</source>
        <translation>Mensagens de marketing custam mais do que as de utilidade.</translation>
    </message>
    <message>
        <source>Fixed text</source>
        <translation>Texto fixo</translation>
    </message>
    <message>
        <source>Column: %1</source>
        <translation>Coluna: %1</translation>
    </message>
    <message>
        <source>This template has no variables.</source>
        <translation>Este modelo não tem variáveis.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template %1 (%2) cannot be used now: choose another.</source>
        <translation>O modelo %1 (%2) da campanha não pode ser usado agora: escolha outro.</translation>
    </message>
    <message>
        <source>%1 was filled from the column “%2”, which this file does not have: choose a column for it.</source>
        <translation>%1 era preenchida pela coluna “%2”, que este arquivo não tem: escolha uma coluna para ela.</translation>
    </message>
    <message>
        <source>Type the text every recipient gets, or choose a column.</source>
        <translation>Digite o texto que todo destinatário recebe ou escolha uma coluna.</translation>
    </message>
    <message>
        <source>Empty in %1 of %2 rows: those rows will not be imported.</source>
        <translation>Vazia em %1 de %2 linhas: essas linhas não serão importadas.</translation>
    </message>
    <message>
        <source>Empty in %1 of the first %2 rows: those rows will not be imported.</source>
        <translation>Vazia em %1 das primeiras %2 linhas: essas linhas não serão importadas.</translation>
    </message>
    <message>
        <source>&amp;Campaign name:</source>
        <translation>&amp;Nome da campanha:</translation>
    </message>
    <message>
        <source>Fixed text for %1</source>
        <translation>Texto fixo para %1</translation>
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
        <translation>Linha anterior</translation>
    </message>
    <message>
        <source>Next row</source>
        <translation>Próxima linha</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Linha</translation>
    </message>
    <message>
        <source>Show the request body</source>
        <translation>Mostrar o corpo da requisição</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>of the first %1</source>
        <translation>das primeiras %1</translation>
    </message>
    <message>
        <source>To %1</source>
        <translation>Para %1</translation>
    </message>
    <message>
        <source>Row %1 has no number Herald can send to: %2</source>
        <translation>A linha %1 não tem número para o qual o Herald possa enviar: %2</translation>
    </message>
    <message>
        <source>Choose a template.</source>
        <translation>Escolha um modelo.</translation>
    </message>
    <message>
        <source>This row is not imported: it has no number to send to.</source>
        <translation>Esta linha não é importada: não tem número para envio.</translation>
    </message>
    <message>
        <source>This row is sent as shown.</source>
        <translation>Esta linha é enviada como mostrado.</translation>
    </message>
    <message>
        <source>This row cannot be sent: %1</source>
        <translation>Esta linha não pode ser enviada: %1</translation>
    </message>
    <message>
        <source>Preview row</source>
        <translation>Linha da pré-visualização</translation>
    </message>
</context>
<context>
    <name>herald::ui::NewCampaignWizard</name>
    <message>
        <source>New campaign</source>
        <translation>Nova campanha</translation>
    </message>
    <message>
        <source>&amp;Create campaign</source>
        <translation>&amp;Criar campanha</translation>
    </message>
    <message>
        <source>Duplicate “%1”</source>
        <translation>Duplicar “%1”</translation>
    </message>
    <message>
        <source>Choose the file for the copy of “%1”: its template, mapping and settings are taken over.</source>
        <translation>Escolha o arquivo para a cópia de “%1”: o modelo, o mapeamento e as configurações dela são reaproveitados.</translation>
    </message>
    <message>
        <source>Change the mapping of “%1”</source>
        <translation>Alterar o mapeamento de “%1”</translation>
    </message>
    <message>
        <source>%1 (new mapping)</source>
        <translation>%1 (novo mapeamento)</translation>
    </message>
    <message>
        <source>&amp;Replace the draft</source>
        <translation>&amp;Substituir o rascunho</translation>
    </message>
    <message>
        <source>Add contacts to “%1”</source>
        <translation>Adicionar contatos a “%1”</translation>
    </message>
    <message>
        <source>&amp;Add the contacts</source>
        <translation>&amp;Adicionar os contatos</translation>
    </message>
    <message>
        <source>Choose the file with more contacts for “%1”. Numbers already in the campaign are left out; leaving the wizard takes the added ones out again.</source>
        <translation>Escolha o arquivo com mais contatos para “%1”. Números que já estão na campanha ficam de fora; sair do assistente remove novamente os adicionados.</translation>
    </message>
    <message>
        <source>The campaign&apos;s template and mapping: the new contacts get the same message. A column this file names differently can be chosen.</source>
        <translation>O modelo e o mapeamento da campanha: os novos contatos recebem a mesma mensagem. Uma coluna que este arquivo nomeia de outra forma pode ser escolhida.</translation>
    </message>
    <message>
        <source>Herald adds the file&apos;s contacts to “%1”: numbers already in it, opted out or rejected are left out. Nothing is sent until it is started or resumed.</source>
        <translation>O Herald adiciona os contatos do arquivo a “%1”: números que já estão nela, com opt-out ou rejeitados ficam de fora. Nada é enviado até que ela seja iniciada ou retomada.</translation>
    </message>
    <message>
        <source>The template&apos;s category changed</source>
        <translation>A categoria do modelo mudou</translation>
    </message>
    <message>
        <source>The campaign cannot be scheduled</source>
        <translation>A campanha não pode ser agendada</translation>
    </message>
    <message>
        <source>The campaign could not be saved</source>
        <translation>Não foi possível salvar a campanha</translation>
    </message>
    <message>
        <source>The campaign could not be scheduled</source>
        <translation>Não foi possível agendar a campanha</translation>
    </message>
    <message>
        <source>Choose the file again: Herald imports it with the new mapping into a new draft, which replaces “%1” when you click Replace the draft. Leaving keeps the old draft as it is.</source>
        <translation>Escolha o arquivo novamente: o Herald o importa com o novo mapeamento em um novo rascunho, que substitui “%1” quando você clicar em Substituir o rascunho. Sair mantém o rascunho antigo como está.</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthLine</name>
    <message>
        <source>The phone number&apos;s health cannot be read: %1</source>
        <translation>Não é possível ler o estado do número de telefone: %1</translation>
    </message>
    <message>
        <source>No phone number is set: enter one in Settings (File ▸ Settings…).</source>
        <translation>Nenhum número de telefone definido: informe um em Configurações (Arquivo ▸ Configurações…).</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Sends from %1: %2</source>
        <translation>Envia de %1: %2</translation>
    </message>
    <message>
        <source>Phone number ID %1. %2</source>
        <translation>ID do número de telefone %1. %2</translation>
    </message>
</context>
<context>
    <name>herald::ui::NumberHealthRunner</name>
    <message>
        <source>The phone numbers cannot be read from the database: %1</source>
        <translation>Não é possível ler os números de telefone do banco de dados: %1</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and check again.</source>
        <translation>Nenhum token de acesso definido. Informe-o em Configurações (Arquivo ▸ Configurações…) e verifique novamente.</translation>
    </message>
    <message>
        <source>The health check was cancelled; nothing was stored.</source>
        <translation>A verificação de estado foi cancelada; nada foi salvo.</translation>
    </message>
    <message>
        <source>Meta answered, but the answers cannot be stored: %1</source>
        <translation>A Meta respondeu, mas as respostas não podem ser salvas: %1</translation>
    </message>
    <message>
        <source>No phone number is set. Add one under Settings ▸ Phone numbers, or enter the phone number ID on its Cloud API tab.</source>
        <translation>Nenhum número de telefone definido. Adicione um em Configurações ▸ Números de telefone ou informe o ID do número na aba Cloud API.</translation>
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
        <translation>sem número</translation>
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
        <translation>Linha</translation>
    </message>
    <message>
        <source>As read</source>
        <translation>Como lido</translation>
    </message>
    <message>
        <source>As sent</source>
        <translation>Como enviado</translation>
    </message>
    <message>
        <source>Valid?</source>
        <translation>Válido?</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutTableModel</name>
    <message>
        <source>Added by hand</source>
        <translation>Adicionado manualmente</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Stopped marketing messages (WhatsApp)</source>
        <translation>Bloqueou mensagens de marketing (WhatsApp)</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>How</source>
        <translation>Como</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Adicionado em</translation>
    </message>
</context>
<context>
    <name>herald::ui::OptOutsPage</name>
    <message>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>Importar de CSV…</translation>
    </message>
    <message>
        <source>Search by number or reason</source>
        <translation>Pesquisar por número ou motivo</translation>
    </message>
    <message>
        <source>Phone number, e.g. +49 151 23456789</source>
        <translation>Número de telefone, p. ex. +55 11 91234-5678</translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation>Motivo (opcional)</translation>
    </message>
    <message>
        <source>Never message this number: it is not queued in new campaigns and not resent</source>
        <translation>Nunca enviar mensagens a este número: ele não entra na fila de novas campanhas nem é reenviado</translation>
    </message>
    <message>
        <source>Add every number of a CSV file; the phone column is found by itself</source>
        <translation>Adicionar todos os números de um arquivo CSV; a coluna de telefone é encontrada automaticamente</translation>
    </message>
    <message>
        <source>Add a number:</source>
        <translation>Adicionar um número:</translation>
    </message>
    <message>
        <source>The opt-out list cannot be read: %1</source>
        <translation>Não foi possível ler a lista de opt-out: %1</translation>
    </message>
    <message>
        <source>On the list: %1</source>
        <translation>Na lista: %1</translation>
    </message>
    <message>
        <source>Matching: %1 of %2</source>
        <translation>Correspondentes: %1 de %2</translation>
    </message>
    <message>
        <source>Type the phone number to add first.</source>
        <translation>Digite primeiro o número de telefone a adicionar.</translation>
    </message>
    <message>
        <source>Adding %1…</source>
        <translation>Adicionando %1…</translation>
    </message>
    <message>
        <source>The number was not added: %1</source>
        <translation>O número não foi adicionado: %1</translation>
    </message>
    <message>
        <source>Not added: %1</source>
        <translation>Não adicionado: %1</translation>
    </message>
    <message>
        <source>The country assumed for numbers without a country code is set in Settings (import.region).</source>
        <translation>O país assumido para números sem código do país é definido nas Configurações (import.region).</translation>
    </message>
    <message>
        <source>%1 is now on the opt-out list: it is never queued in a campaign or resent.</source>
        <translation>%1 agora está na lista de opt-out: nunca entra na fila de uma campanha nem é reenviado.</translation>
    </message>
    <message>
        <source>%1 was on the opt-out list already; it is unchanged.</source>
        <translation>%1 já estava na lista de opt-out; nada mudou.</translation>
    </message>
    <message>
        <source>Remove %1 from the opt-out list?</source>
        <translation>Remover %1 da lista de opt-out?</translation>
    </message>
    <message>
        <source>Remove the %1 selected numbers from the opt-out list?</source>
        <translation>Remover os %1 números selecionados da lista de opt-out?</translation>
    </message>
    <message>
        <source>Herald may then message them again: in campaigns they are imported into and when failed messages are resent. Remove only numbers that asked to hear from you again.</source>
        <translation>O Herald poderá então enviar mensagens a eles novamente: nas campanhas em que forem importados e quando mensagens com falha forem reenviadas. Remova somente números que pediram para voltar a receber mensagens.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Removendo…</translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation>Nada foi removido: %1</translation>
    </message>
    <message>
        <source>Removed from the opt-out list: %1.</source>
        <translation>Removidos da lista de opt-out: %1.</translation>
    </message>
    <message>
        <source>Import opt-outs</source>
        <translation>Importar opt-outs</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Arquivos CSV (*.csv *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Importing %1: reading, checking and adding every number…</source>
        <translation>Importando %1: lendo, verificando e adicionando cada número…</translation>
    </message>
    <message>
        <source>Nothing was added: %1</source>
        <translation>Nada foi adicionado: %1</translation>
    </message>
    <message>
        <source>Search opt-outs</source>
        <translation>Pesquisar opt-outs</translation>
    </message>
    <message>
        <source>Phone number to opt out</source>
        <translation>Número de telefone para opt-out</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Opt-outs</source>
        <translation>Opt-outs</translation>
    </message>
</context>
<context>
    <name>herald::ui::OverviewCharts</name>
    <message>
        <source>Messages sent and failed</source>
        <translation>Mensagens enviadas e com falha</translation>
    </message>
    <message>
        <source>Throughput (messages per second)</source>
        <translation>Vazão (mensagens por segundo)</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Sent and failed per second</source>
        <translation>Enviadas e com falha por segundo</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Lendo o histórico…</translation>
    </message>
    <message>
        <source>Select a campaign to see how its sending went.</source>
        <translation>Selecione uma campanha para ver como foi o envio.</translation>
    </message>
    <message>
        <source>The campaign&apos;s history cannot be read: %1</source>
        <translation>Não foi possível ler o histórico da campanha: %1</translation>
    </message>
    <message>
        <source>Nothing sent yet: the charts begin with the first answer from WhatsApp.</source>
        <translation>Nada enviado ainda: os gráficos começam com a primeira resposta do WhatsApp.</translation>
    </message>
    <message>
        <source>Not sent yet: the charts begin when the campaign starts sending.</source>
        <translation>Ainda não enviada: os gráficos começam quando a campanha começar a enviar.</translation>
    </message>
    <message>
        <source>Nothing was sent in this campaign.</source>
        <translation>Nada foi enviado nesta campanha.</translation>
    </message>
    <message>
        <source>%1 sent, %2 failed</source>
        <translation>%1 enviadas, %2 com falha</translation>
    </message>
    <message>
        <source> — peak %1 messages/s, average %2 messages/s over %3 of sending</source>
        <translation> — pico de %1 mensagens/s, média de %2 mensagens/s em %3 de envio</translation>
    </message>
    <message>
        <source>No per-minute history is stored for this campaign (%1 sent, %2 failed). Tools ▸ Repair counters… rebuilds it from the messages&apos; own times.</source>
        <translation>Nenhum histórico por minuto está armazenado para esta campanha (%1 enviadas, %2 com falha). Ferramentas ▸ Reparar contadores… o reconstrói a partir dos horários das próprias mensagens.</translation>
    </message>
    <message>
        <source>. The history does not add up to the campaign&apos;s counters (%1 sent, %2 failed); Tools ▸ Repair counters… rebuilds it.</source>
        <translation>. O histórico não bate com os contadores da campanha (%1 enviadas, %2 com falha); Ferramentas ▸ Reparar contadores… o reconstrói.</translation>
    </message>
</context>
<context>
    <name>herald::ui::PageMessage</name>
    <message>
        <source>Hide this message</source>
        <translation>Ocultar esta mensagem</translation>
    </message>
</context>
<context>
    <name>herald::ui::PhoneNumbersModel</name>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msg/s</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Padrão</translation>
    </message>
    <message>
        <source>Campaigns without a number of their own send from this one (Cloud API → Phone number ID).</source>
        <translation>Campanhas sem número próprio enviam deste (Cloud API → ID do número de telefone).</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>ID do número de telefone</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Rótulo</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>Limite</translation>
    </message>
    <message>
        <source>The most messages per second a console or herald-cli run sends from this number.</source>
        <translation>O máximo de mensagens por segundo que um console ou uma execução do herald-cli envia deste número.</translation>
    </message>
    <message>
        <source>Added %1</source>
        <translation>Adicionado %1</translation>
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
        <translation>Adicionar</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Remover…</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de telefone</translation>
    </message>
    <message>
        <source>The account&apos;s numbers</source>
        <translation>Os números da conta</translation>
    </message>
    <message>
        <source>Add or change a number</source>
        <translation>Adicionar ou alterar um número</translation>
    </message>
    <message>
        <source>Digits, from WhatsApp Manager</source>
        <translation>Dígitos, do WhatsApp Manager</translation>
    </message>
    <message>
        <source>Meta&apos;s numeric phone number ID, not the phone number itself.</source>
        <translation>O ID numérico do número de telefone na Meta, não o próprio número.</translation>
    </message>
    <message>
        <source>Optional, e.g. Sales</source>
        <translation>Opcional, por ex. Vendas</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> msg/s</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID do número:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Rótulo:</translation>
    </message>
    <message>
        <source>Ceiling:</source>
        <translation>Limite:</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Alterar</translation>
    </message>
    <message>
        <source>The phone numbers cannot be read: %1</source>
        <translation>Não é possível ler os números de telefone: %1</translation>
    </message>
    <message>
        <source>A number not listed sends at the rate ceiling on the Sending tab: %1 msg/s.</source>
        <translation>Um número fora da lista envia no limite da aba Envio: %1 msg/s.</translation>
    </message>
    <message>
        <source>%1 was not stored: %2</source>
        <translation>%1 não foi guardado: %2</translation>
    </message>
    <message>
        <source>Added %1: at most %2 msg/s.</source>
        <translation>%1 adicionado: no máximo %2 msg/s.</translation>
    </message>
    <message>
        <source>Changed %1: at most %2 msg/s.</source>
        <translation>%1 alterado: no máximo %2 msg/s.</translation>
    </message>
    <message>
        <source>Remove phone number</source>
        <translation>Remover número de telefone</translation>
    </message>
    <message>
        <source>Remove %1 from the account&apos;s numbers? Campaigns sending from it afterwards use the rate ceiling on the Sending tab.</source>
        <translation>Remover %1 dos números da conta? Campanhas que enviarem dele depois usam o limite da aba Envio.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>%1 was not removed: %2</source>
        <translation>%1 não foi removido: %2</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 removido.</translation>
    </message>
    <message>
        <source>%1 was already removed.</source>
        <translation>%1 já tinha sido removido.</translation>
    </message>
    <message>
        <source>Messages per second at most from this number. Meta allows 80, up to 1,000 for upgraded numbers.</source>
        <translation>Mensagens por segundo no máximo a partir deste número. A Meta permite 80, até 1.000 para números promovidos.</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker sending from a number keeps to its ceiling together with the others. Stored with the database and changed at once, like herald-cli numbers.</source>
        <translation>Cada console, herald-cli run e worker que envia de um número respeita o limite dele junto com os demais. Salvo com o banco de dados e alterado na hora, como herald-cli numbers.</translation>
    </message>
    <message>
        <source>Check health</source>
        <translation>Verificar estado</translation>
    </message>
    <message>
        <source>Asks Meta about each number&apos;s quality rating, messaging limit and status, as herald-cli numbers health does.</source>
        <translation>Pergunta à Meta a classificação de qualidade, o limite de mensagens e o status de cada número, como herald-cli numbers health.</translation>
    </message>
    <message>
        <source>The default number %1 (Cloud API tab): %2.</source>
        <translation>O número padrão %1 (aba Cloud API): %2.</translation>
    </message>
    <message>
        <source>Asking Meta about the numbers…</source>
        <translation>Perguntando à Meta sobre os números…</translation>
    </message>
    <message>
        <source>No access token is set. Enter it on the Cloud API tab and check again.</source>
        <translation>Nenhum token de acesso definido. Informe-o na aba Cloud API e verifique novamente.</translation>
    </message>
    <message numerus="yes">
        <source>Meta answered for %n number(s).</source>
        <translation>
            <numerusform>A Meta respondeu por %n número.</numerusform>
            <numerusform>A Meta respondeu por %n números.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read: the Health column&apos;s tooltip says why.</source>
        <translation>
            <numerusform>%n não pôde ser lido: a dica da coluna Estado diz por quê.</numerusform>
            <numerusform>%n não puderam ser lidos: a dica da coluna Estado diz por quê.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::PhonePage</name>
    <message>
        <source>Only &amp;mobile numbers (skip numbers that can only be landlines)</source>
        <translation>Somente números de ce&amp;lular (pular números que só podem ser fixos)</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de telefone</translation>
    </message>
    <message>
        <source>Check the column Herald reads the numbers from and how it will send them.</source>
        <translation>Confira a coluna da qual o Herald lê os números e como ele os enviará.</translation>
    </message>
    <message>
        <source>e.g. DE</source>
        <translation>p. ex. BR</translation>
    </message>
    <message>
        <source>Phone &amp;column:</source>
        <translation>&amp;Coluna de telefone:</translation>
    </message>
    <message>
        <source>for numbers written without a country code (+49 …)</source>
        <translation>para números escritos sem código do país (+55 …)</translation>
    </message>
    <message>
        <source>No column looks like phone numbers: choose the one that holds them.</source>
        <translation>Nenhuma coluna parece conter números de telefone: escolha a que os contém.</translation>
    </message>
    <message>
        <source>You chose this column.</source>
        <translation>Você escolheu esta coluna.</translation>
    </message>
    <message>
        <source>%1 of the file&apos;s %2 rows have a number Herald can send to.</source>
        <translation>%1 das %2 linhas do arquivo têm um número para o qual o Herald pode enviar.</translation>
    </message>
    <message>
        <source>%1 of the first %2 rows have a number Herald can send to; the import checks every row.</source>
        <translation>%1 das primeiras %2 linhas têm um número para o qual o Herald pode enviar; a importação verifica todas as linhas.</translation>
    </message>
    <message>
        <source>Sample of the numbers</source>
        <translation>Amostra dos números</translation>
    </message>
    <message>
        <source>&amp;Default country:</source>
        <translation>&amp;País padrão:</translation>
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
        <translation>Fora do grupo</translation>
    </message>
    <message>
        <source>Out of the pool since %1: %2</source>
        <translation>Fora do grupo desde %1: %2</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>ID do número de telefone</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Why it left</source>
        <translation>Por que saiu</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msg/s</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) sent from this number in the last minute</source>
        <translation>
            <numerusform>%Ln mensagem enviada deste número no último minuto</numerusform>
            <numerusform>%Ln mensagens enviadas deste número no último minuto</numerusform>
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
        <translation>Mover destinatários…</translation>
    </message>
    <message>
        <source>Phone numbers of the campaign</source>
        <translation>Números de telefone da campanha</translation>
    </message>
    <message>
        <source>Send the recipients waiting for numbers out of the pool from the numbers still in it.</source>
        <translation>Enviar aos destinatários que esperam por números fora do grupo a partir dos números que continuam nele.</translation>
    </message>
    <message>
        <source>The campaign&apos;s numbers cannot be read: %1</source>
        <translation>Não é possível ler os números da campanha: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent from %Ln phone number(s) of the account; each recipient always from the same one.</source>
        <translation>
            <numerusform>Enviada de %Ln número de telefone da conta; cada destinatário sempre do mesmo.</numerusform>
            <numerusform>Enviada de %Ln números de telefone da conta; cada destinatário sempre do mesmo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for numbers taken out of the pool: move them to the others, then resume.</source>
        <translation>
            <numerusform>%Ln destinatário espera por números retirados do grupo: mova-o para os outros e depois retome.</numerusform>
            <numerusform>%Ln destinatários esperam por números retirados do grupo: mova-os para os outros e depois retome.</numerusform>
        </translation>
    </message>
    <message>
        <source>Move recipients</source>
        <translation>Mover destinatários</translation>
    </message>
    <message>
        <source>Move the %1 recipients waiting for %2 to %3? They will be sent from those numbers once you resume the campaign. The move is recorded.</source>
        <translation>Mover os %1 destinatários que esperam por %2 para %3? Eles serão enviados desses números quando você retomar a campanha. A mudança é registrada.</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
    <message>
        <source>the console on %1</source>
        <translation>o console em %1</translation>
    </message>
    <message>
        <source>The recipients were not moved: %1</source>
        <translation>Os destinatários não foram movidos: %1</translation>
    </message>
    <message>
        <source>Moved %1 recipients. Resume the campaign to send them.</source>
        <translation>%1 destinatários movidos. Retome a campanha para enviá-los.</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursPanel</name>
    <message>
        <source>Recipients outside their window wait: they are not failed and not counted, and are sent when their window opens.</source>
        <translation>Destinatários fora da janela deles aguardam: não contam como falha nem são contados, e são enviados quando a janela deles abre.</translation>
    </message>
    <message>
        <source>Counting who waits for their window…</source>
        <translation>Contando quem aguarda a própria janela…</translation>
    </message>
    <message>
        <source>Who waits for their window is not known: %1</source>
        <translation>Não se sabe quem aguarda a própria janela: %1</translation>
    </message>
    <message>
        <source>%1–%2 in each recipient&apos;s local time</source>
        <translation>%1–%2 no horário local de cada destinatário</translation>
    </message>
    <message>
        <source>%1, weekdays only</source>
        <translation>%1, somente em dias úteis</translation>
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
        <translation>✓ Todos os destinatários restantes estão dentro da janela agora</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) wait for their window now</source>
        <translation>
            <numerusform>%Ln destinatário aguarda a própria janela agora</numerusform>
            <numerusform>%Ln destinatários aguardam a própria janela agora</numerusform>
        </translation>
    </message>
    <message>
        <source>%1; the next opens %2 (your time) for %3</source>
        <translation>%1; a próxima abre em %2 (seu horário) para %3</translation>
    </message>
    <message>
        <source>Sends only %1</source>
        <translation>Envia somente %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::QuietHoursSection</name>
    <message>
        <source>&amp;weekdays only (Monday to Friday)</source>
        <translation>somente em &amp;dias úteis (segunda a sexta)</translation>
    </message>
    <message>
        <source>and</source>
        <translation>e</translation>
    </message>
    <message>
        <source>in the recipient&apos;s local time</source>
        <translation>no horário local do destinatário</translation>
    </message>
    <message>
        <source>The recipients&apos; countries could not be counted: %1</source>
        <translation>Não foi possível contar os países dos destinatários: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The zone Herald uses for every recipient in %1.</source>
        <translation>O fuso que o Herald usa para todos os destinatários em %1.</translation>
    </message>
    <message>
        <source>Time zone for %1:</source>
        <translation>Fuso horário para %1:</translation>
    </message>
    <message>
        <source>Recipients by country: %1</source>
        <translation>Destinatários por país: %1</translation>
    </message>
    <message>
        <source>Counting who would wait…</source>
        <translation>Contando quem aguardaria…</translation>
    </message>
    <message>
        <source>Who would wait could not be counted: %1</source>
        <translation>Não foi possível contar quem aguardaria: %1</translation>
    </message>
    <message>
        <source>✓ At the start (%1) every recipient is inside the window.</source>
        <translation>✓ No início (%1) todos os destinatários estão dentro da janela.</translation>
    </message>
    <message>
        <source>✓ Right now every recipient is inside the window.</source>
        <translation>✓ Neste momento todos os destinatários estão dentro da janela.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait at the start (%1), outside their window (not failed); the next window opens %2 your time, for %3.</source>
        <translation>
            <numerusform>%Ln destinatário aguardaria no início (%1), fora da janela (sem falha); a próxima janela abre em %2 no seu horário, para %3.</numerusform>
            <numerusform>%Ln destinatários aguardariam no início (%1), fora da janela (sem falha); a próxima janela abre em %2 no seu horário, para %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) would wait right now (outside their window, not failed); the next window opens %1 your time, for %2.</source>
        <translation>
            <numerusform>%Ln destinatário aguardaria neste momento (fora da janela, sem falha); a próxima janela abre em %1 no seu horário, para %2.</numerusform>
            <numerusform>%Ln destinatários aguardariam neste momento (fora da janela, sem falha); a próxima janela abre em %1 no seu horário, para %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Only send between</source>
        <translation>Enviar s&amp;omente entre</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardDialog</name>
    <message>
        <source>Rate card</source>
        <translation>Tabela de preços</translation>
    </message>
    <message>
        <source>Reading the rate card…</source>
        <translation>Lendo a tabela de preços…</translation>
    </message>
    <message>
        <source>The rate card cannot be read: %1</source>
        <translation>Não foi possível ler a tabela de preços: %1</translation>
    </message>
    <message>
        <source>The rate card %1 is no longer stored.</source>
        <translation>A tabela de preços %1 não está mais armazenada.</translation>
    </message>
    <message>
        <source>Rate card: %1</source>
        <translation>Tabela de preços: %1</translation>
    </message>
    <message>
        <source>%1, effective %2. Prices in %3 per delivered template message, by the recipient&apos;s market and the template&apos;s category.</source>
        <translation>%1, vigente a partir de %2. Preços em %3 por mensagem de modelo entregue, conforme o mercado do destinatário e a categoria do modelo.</translation>
    </message>
    <message>
        <source>This is Herald&apos;s example card: its prices are illustrative, not Meta&apos;s.</source>
        <translation>Esta é a tabela de exemplo do Herald: os preços são ilustrativos, não da Meta.</translation>
    </message>
    <message>
        <source>Imported from %1 on %2.</source>
        <translation>Importada de %1 em %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardPricesModel</name>
    <message>
        <source>every other country</source>
        <translation>todos os outros países</translation>
    </message>
    <message>
        <source>%1 is not priced in this market</source>
        <translation>%1 não tem preço neste mercado</translation>
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
        <translation>Remover…</translation>
    </message>
    <message>
        <source>Stored rate cards</source>
        <translation>Tabelas de preços armazenadas</translation>
    </message>
    <message>
        <source>Import Meta&apos;s rate card</source>
        <translation>Importar a tabela de preços da Meta</translation>
    </message>
    <message>
        <source>The file&apos;s name</source>
        <translation>O nome do arquivo</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Effective from:</source>
        <translation>Vigente a partir de:</translation>
    </message>
    <message>
        <source>A CSV file with one row per market: market, countries (ISO codes, * for the rest of the world), currency, then a price column per category (MARKETING, UTILITY, …). Meta publishes one file per currency and date; name it and give its date here.</source>
        <translation>Um arquivo CSV com uma linha por mercado: mercado, países (códigos ISO, * para o resto do mundo), moeda e uma coluna de preço por categoria (MARKETING, UTILITY, …). A Meta publica um arquivo por moeda e data; dê um nome a ele e informe a data aqui.</translation>
    </message>
    <message>
        <source>Meta charges each delivered template message by the template&apos;s category and the recipient&apos;s market. Estimates use the imported card in effect today; with none, Herald&apos;s example card, whose prices are illustrative. Imports and removals are stored at once.</source>
        <translation>A Meta cobra cada mensagem de modelo entregue conforme a categoria do modelo e o mercado do destinatário. As estimativas usam a tabela importada vigente hoje; sem nenhuma, a tabela de exemplo do Herald, cujos preços são ilustrativos. Importações e remoções são armazenadas na hora.</translation>
    </message>
    <message>
        <source>The rate cards cannot be read: %1</source>
        <translation>Não foi possível ler as tabelas de preços: %1</translation>
    </message>
    <message>
        <source>No rate card is stored yet: estimates use Herald&apos;s example card until you import Meta&apos;s.</source>
        <translation>Nenhuma tabela de preços armazenada ainda: as estimativas usam a tabela de exemplo do Herald até você importar a da Meta.</translation>
    </message>
    <message>
        <source>Import a rate card</source>
        <translation>Importar uma tabela de preços</translation>
    </message>
    <message>
        <source>Rate cards (*.csv *.txt);;All files (*)</source>
        <translation>Tabelas de preços (*.csv *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lendo %1…</translation>
    </message>
    <message>
        <source>The rate card was not stored: %1</source>
        <translation>A tabela de preços não foi armazenada: %1</translation>
    </message>
    <message>
        <source>Nothing was imported. %1</source>
        <translation>Nada foi importado. %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported &quot;%1&quot;: %n market(s) in %2, effective %3.</source>
        <translation>
            <numerusform>&quot;%1&quot; importada: %n mercado em %2, vigente a partir de %3.</numerusform>
            <numerusform>&quot;%1&quot; importada: %n mercados em %2, vigente a partir de %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the rate card &quot;%1&quot; (effective %2)? Estimates made with it keep their figures.</source>
        <translation>Remover a tabela de preços &quot;%1&quot; (vigente a partir de %2)? As estimativas feitas com ela mantêm seus valores.</translation>
    </message>
    <message>
        <source>Herald installs its example card again when an estimate needs a card and none is imported.</source>
        <translation>O Herald instala novamente a tabela de exemplo quando uma estimativa precisar de uma tabela e nenhuma tiver sido importada.</translation>
    </message>
    <message>
        <source>Estimates use it now; afterwards they use the next card in effect.</source>
        <translation>As estimativas a usam agora; depois, usarão a próxima tabela vigente.</translation>
    </message>
    <message>
        <source>Remove rate card</source>
        <translation>Remover tabela de preços</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <source>The rate card was not removed: %1</source>
        <translation>A tabela de preços não foi removida: %1</translation>
    </message>
    <message>
        <source>Removed &quot;%1&quot;.</source>
        <translation>&quot;%1&quot; removida.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was already removed.</source>
        <translation>&quot;%1&quot; já tinha sido removida.</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Tabelas de preços</translation>
    </message>
</context>
<context>
    <name>herald::ui::RateCardTableModel</name>
    <message>
        <source>Imported from %1 on %2</source>
        <translation>Importada de %1 em %2</translation>
    </message>
    <message>
        <source>Herald&apos;s example card: illustrative prices, not Meta&apos;s. It is used only while no imported card exists.</source>
        <translation>Tabela de exemplo do Herald: preços ilustrativos, não da Meta. Só é usada enquanto não existir tabela importada.</translation>
    </message>
    <message>
        <source>Example (not Meta&apos;s prices)</source>
        <translation>Exemplo (não da Meta)</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importada</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>Em uso</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>Vigência</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Moeda</translation>
    </message>
    <message>
        <source>Markets</source>
        <translation>Mercados</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preços</translation>
    </message>
    <message>
        <source>Estimates</source>
        <translation>Estimativas</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsModel</name>
    <message>
        <source>The message&apos;s ID at WhatsApp (wamid), for Meta support and delivery reports.</source>
        <translation>O ID da mensagem no WhatsApp (wamid), para o suporte da Meta e relatórios de entrega.</translation>
    </message>
    <message>
        <source>When the message was sent, or when it failed.</source>
        <translation>Quando a mensagem foi enviada ou quando falhou.</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Horário</translation>
    </message>
    <message>
        <source>Message ID</source>
        <translation>ID da mensagem</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Aguardando nova tentativa</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n tentativa</numerusform>
            <numerusform>%n tentativas</numerusform>
        </translation>
    </message>
    <message>
        <source>Failed %1</source>
        <translation>Falhou em %1</translation>
    </message>
    <message>
        <source>Sent %1</source>
        <translation>Enviada em %1</translation>
    </message>
</context>
<context>
    <name>herald::ui::RecipientsView</name>
    <message>
        <source>Any status</source>
        <translation>Qualquer status</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendentes</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviadas</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <source>Search phone…</source>
        <translation>Pesquisar telefone…</translation>
    </message>
    <message>
        <source>Numbers starting with what you type when it starts with + or 00, otherwise numbers containing it. Spaces and dashes are ignored.</source>
        <translation>Números que começam com o que você digitar, quando começar com + ou 00; caso contrário, números que o contêm. Espaços e hifens são ignorados.</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Aguardando nova tentativa</translation>
    </message>
    <message>
        <source>Any reason</source>
        <translation>Qualquer motivo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Could not read the recipients: %1</source>
        <translation>Não foi possível ler os destinatários: %1</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <source>Search recipients</source>
        <translation>Pesquisar destinatários</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s), showing %1–%2</source>
        <translation>
            <numerusform>%Ln destinatário, mostrando %1–%2</numerusform>
            <numerusform>%Ln destinatários, mostrando %1–%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinatários</translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s)</source>
        <translation>
            <numerusform>%Ln destinatário</numerusform>
            <numerusform>%Ln destinatários</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::RepairDialog</name>
    <message>
        <source>Recount</source>
        <translation>Recontar</translation>
    </message>
    <message>
        <source>Apply repairs</source>
        <translation>Aplicar reparos</translation>
    </message>
    <message>
        <source>Upgrade the database</source>
        <translation>Atualizar o banco de dados</translation>
    </message>
    <message>
        <source>Repair counters</source>
        <translation>Reparar contadores</translation>
    </message>
    <message>
        <source>The database is incomplete</source>
        <translation>O banco de dados está incompleto</translation>
    </message>
    <message>
        <source>This database is older than Herald: upgrading it adds what is missing, in one transaction. Nothing is sent until the schema is whole.</source>
        <translation>Este banco de dados é mais antigo que o Herald: atualizá-lo adiciona o que falta, em uma única transação. Nada é enviado até que o esquema esteja completo.</translation>
    </message>
    <message>
        <source>Parts of the database&apos;s schema are missing or wrong, and upgrading will not bring them back. Herald sends nothing until they are restored: restore the database from a backup, or ask whoever administers it to recreate what is listed (`herald-cli doctor` prints the same list).</source>
        <translation>Partes do esquema do banco de dados estão ausentes ou erradas, e a atualização não as trará de volta. O Herald não envia nada até que sejam restauradas: restaure o banco de dados a partir de um backup ou peça a quem o administra para recriar o que está listado (`herald-cli doctor` mostra a mesma lista).</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found by the schema check.</source>
        <translation>
            <numerusform>%n problema encontrado pela verificação do esquema.</numerusform>
            <numerusform>%n problemas encontrados pela verificação do esquema.</numerusform>
        </translation>
    </message>
    <message>
        <source>Recounting every campaign&apos;s messages…</source>
        <translation>Recontando as mensagens de cada campanha…</translation>
    </message>
    <message>
        <source>The recount failed: %1</source>
        <translation>A recontagem falhou: %1</translation>
    </message>
    <message numerus="yes">
        <source>All %n campaign(s) match their messages (recounted in %1).</source>
        <translation>
            <numerusform>A %n campanha corresponde às mensagens (recontado em %1).</numerusform>
            <numerusform>Todas as %n campanhas correspondem às mensagens (recontado em %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) do not match their messages. Apply repairs to set them to the recount, in one transaction.</source>
        <translation>
            <numerusform>%n campanha não corresponde às mensagens. Aplique os reparos para ajustá-la à recontagem, em uma única transação.</numerusform>
            <numerusform>%n campanhas não correspondem às mensagens. Aplique os reparos para ajustá-las à recontagem, em uma única transação.</numerusform>
        </translation>
    </message>
    <message>
        <source>Repairing…</source>
        <translation>Reparando…</translation>
    </message>
    <message>
        <source>The repair failed and changed nothing: %1</source>
        <translation>O reparo falhou e não alterou nada: %1</translation>
    </message>
    <message>
        <source>Repaired. Every campaign now matches its messages.</source>
        <translation>Reparado. Todas as campanhas agora correspondem às mensagens.</translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s) still differ: messages changed while repairing; recount and apply again.</source>
        <translation>
            <numerusform>%n campanha ainda difere: mensagens mudaram durante o reparo; reconte e aplique novamente.</numerusform>
            <numerusform>%n campanhas ainda diferem: mensagens mudaram durante o reparo; reconte e aplique novamente.</numerusform>
        </translation>
    </message>
    <message>
        <source>Upgrading the database…</source>
        <translation>Atualizando o banco de dados…</translation>
    </message>
    <message>
        <source>The upgrade failed and changed nothing: %1</source>
        <translation>A atualização falhou e não alterou nada: %1</translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)), but the schema is still incomplete.</source>
        <translation>
            <numerusform>Atualizado (%n etapa), mas o esquema ainda está incompleto.</numerusform>
            <numerusform>Atualizado (%n etapas), mas o esquema ainda está incompleto.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Upgraded (%n step(s)).</source>
        <translation>
            <numerusform>Atualizado (%n etapa).</numerusform>
            <numerusform>Atualizado (%n etapas).</numerusform>
        </translation>
    </message>
    <message>
        <source>Campaign counters</source>
        <translation>Contadores das campanhas</translation>
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
        <translation>Campanha</translation>
    </message>
    <message>
        <source>Stored sent / failed</source>
        <translation>Armazenado: enviadas / falhas</translation>
    </message>
    <message>
        <source>Recounted sent / failed</source>
        <translation>Recontado: enviadas / falhas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Needs repair</source>
        <translation>Precisa de reparo</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>✓ correct</source>
        <translation>✓ correto</translation>
    </message>
    <message>
        <source>⚠ counters</source>
        <translation>⚠ contadores</translation>
    </message>
    <message>
        <source>⚠ history</source>
        <translation>⚠ histórico</translation>
    </message>
    <message>
        <source>The counters are right, but the per-minute history the charts draw does not add up to them: repair rebuilds it from the messages&apos; own times.</source>
        <translation>Os contadores estão certos, mas o histórico por minuto que os gráficos desenham não bate com eles: o reparo o reconstrói a partir dos horários das próprias mensagens.</translation>
    </message>
    <message>
        <source>Repair sets the stored figures to the recount.</source>
        <translation>O reparo ajusta os valores armazenados à recontagem.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ResendDialog</name>
    <message>
        <source>Resend failed messages — %1</source>
        <translation>Reenviar mensagens com falha — %1</translation>
    </message>
    <message>
        <source>Reading the failures…</source>
        <translation>Lendo as falhas…</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Reenviar</translation>
    </message>
    <message>
        <source>These messages may have reached their recipients: resending may deliver them twice.</source>
        <translation>Estas mensagens podem ter chegado aos destinatários: o reenvio pode entregá-las duas vezes.</translation>
    </message>
    <message>
        <source>No message of this campaign has failed.</source>
        <translation>Nenhuma mensagem desta campanha falhou.</translation>
    </message>
    <message>
        <source>Failure reasons to resend</source>
        <translation>Motivos de falha a reenviar</translation>
    </message>
    <message>
        <source>Some of the ticked messages may already have been delivered (the sender stopped or Meta did not answer): resending them may message those people twice.</source>
        <translation>Algumas das mensagens marcadas podem já ter sido entregues (o emissor parou ou a Meta não respondeu): reenviá-las pode fazer essas pessoas receberem a mensagem duas vezes.</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s)</source>
        <translation>
            <numerusform>%1 — %Ln mensagem</numerusform>
            <numerusform>%1 — %Ln mensagens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 — %Ln message(s): %2</source>
        <translation>
            <numerusform>%1 — %Ln mensagem: %2</numerusform>
            <numerusform>%1 — %Ln mensagens: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) failed. Tick the reasons to send again; opted-out numbers are never resent.</source>
        <translation>
            <numerusform>%Ln mensagem falhou. Marque os motivos a reenviar; números com opt-out nunca são reenviados.</numerusform>
            <numerusform>%Ln mensagens falharam. Marque os motivos a reenviar; números com opt-out nunca são reenviados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resend messages that may have arrived?</source>
        <translation>Reenviar mensagens que podem ter chegado?</translation>
    </message>
    <message>
        <source>Meta may already have delivered some of these messages; their recipients would get them twice. Resend them anyway?</source>
        <translation>A Meta pode já ter entregado algumas destas mensagens; os destinatários as receberiam duas vezes. Reenviar mesmo assim?</translation>
    </message>
    <message>
        <source>Resend anyway</source>
        <translation>Reenviar mesmo assim</translation>
    </message>
</context>
<context>
    <name>herald::ui::RetentionSchedule</name>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n destinatário</numerusform>
            <numerusform>%n destinatários</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n campaign(s)</source>
        <translation>
            <numerusform>%n campanha concluída</numerusform>
            <numerusform>%n campanhas concluídas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dia</numerusform>
            <numerusform>%n dias</numerusform>
        </translation>
    </message>
    <message>
        <source>Retention: erased the details of %1 in %2 finished more than %3 ago; the counts are kept.</source>
        <translation>Retenção: dados de %1 apagados em %2 há mais de %3; as contagens são mantidas.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ReviewPage</name>
    <message>
        <source>Cancel import</source>
        <translation>Cancelar importação</translation>
    </message>
    <message>
        <source>Open rejected rows…</source>
        <translation>Abrir linhas rejeitadas…</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Verificar novamente</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>Enviar &amp;teste</translation>
    </message>
    <message>
        <source>Retry messages whose answer was lost (a recipient may get one twice)</source>
        <translation>Tentar novamente mensagens cuja resposta se perdeu (um destinatário pode receber duas vezes)</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <source>Herald imports the file into a draft campaign. Nothing is sent until you start it.</source>
        <translation>O Herald importa o arquivo para uma campanha em rascunho. Nada é enviado até você iniciá-la.</translation>
    </message>
    <message>
        <source>Imported:</source>
        <translation>Importados:</translation>
    </message>
    <message>
        <source>Duplicates in the file:</source>
        <translation>Duplicados no arquivo:</translation>
    </message>
    <message>
        <source>Already in the campaign:</source>
        <translation>Já na campanha:</translation>
    </message>
    <message>
        <source>Opted out:</source>
        <translation>Com opt-out:</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>Rejeitados:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importação</translation>
    </message>
    <message>
        <source>your own number, e.g. +49 151 23456789</source>
        <translation>seu próprio número, p. ex. +55 11 91234-5678</translation>
    </message>
    <message>
        <source>WhatsApp account</source>
        <translation>Conta do WhatsApp</translation>
    </message>
    <message>
        <source>Test message to:</source>
        <translation>Mensagem de teste para:</translation>
    </message>
    <message>
        <source> msg/s</source>
        <translation> msg/s</translation>
    </message>
    <message>
        <source>the number&apos;s ceiling</source>
        <translation>o teto do número</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envio</translation>
    </message>
    <message>
        <source>At most:</source>
        <translation>No máximo:</translation>
    </message>
    <message>
        <source>When to send</source>
        <translation>Quando enviar</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Horário de silêncio</translation>
    </message>
    <message>
        <source>Cost estimate</source>
        <translation>Estimativa de custo</translation>
    </message>
    <message>
        <source>Cancelling: the import is rolled back…</source>
        <translation>Cancelando: a importação está sendo desfeita…</translation>
    </message>
    <message>
        <source>%1 rows read…</source>
        <translation>%1 linhas lidas…</translation>
    </message>
    <message>
        <source>The campaign could not be created: %1 Go back to change it.</source>
        <translation>Não foi possível criar a campanha: %1 Volte para alterá-la.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importando %1…</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the campaign &quot;%2&quot; in %3.</source>
        <translation>As %1 linhas do arquivo foram lidas para a campanha &quot;%2&quot; em %3.</translation>
    </message>
    <message>
        <source>Read the file&apos;s %1 rows into the draft campaign &quot;%2&quot; in %3.</source>
        <translation>As %1 linhas do arquivo foram lidas para a campanha em rascunho &quot;%2&quot; em %3.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>The import was cancelled: nothing was kept. Go back, or close the wizard.</source>
        <translation>A importação foi cancelada: nada foi mantido. Volte ou feche o assistente.</translation>
    </message>
    <message>
        <source>The file cannot be imported: %1 Go back to change how it is read.</source>
        <translation>O arquivo não pode ser importado: %1 Volte para alterar como ele é lido.</translation>
    </message>
    <message>
        <source> — e.g. line %1: %2</source>
        <translation> — p. ex. linha %1: %2</translation>
    </message>
    <message>
        <source>%1 × %2%3</source>
        <translation>%1 × %2%3</translation>
    </message>
    <message>
        <source>No row was rejected.</source>
        <translation>Nenhuma linha foi rejeitada.</translation>
    </message>
    <message>
        <source>✓ Every message has a value for each of the template&apos;s variables.</source>
        <translation>✓ Cada mensagem tem um valor para cada variável do modelo.</translation>
    </message>
    <message>
        <source>Checking the access token and the phone number with WhatsApp…</source>
        <translation>Verificando o token de acesso e o número de telefone com o WhatsApp…</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>✗ WhatsApp refused the check: %1</source>
        <translation>✗ O WhatsApp recusou a verificação: %1</translation>
    </message>
    <message>
        <source>✓ Token accepted; sending from %1 (%2), quality %3, limit %4.</source>
        <translation>✓ Token aceito; enviando de %1 (%2), qualidade %3, limite %4.</translation>
    </message>
    <message>
        <source>✗ No row of the file can be sent, so there is nothing to test.</source>
        <translation>✗ Nenhuma linha do arquivo pode ser enviada, então não há o que testar.</translation>
    </message>
    <message>
        <source>Sending row %1&apos;s message to %2…</source>
        <translation>Enviando a mensagem da linha %1 para %2…</translation>
    </message>
    <message>
        <source>✓ Accepted for %1 (%2). Check the phone.</source>
        <translation>✓ Aceita para %1 (%2). Confira o telefone.</translation>
    </message>
    <message>
        <source>✗ Not sent: %1</source>
        <translation>✗ Não enviada: %1</translation>
    </message>
    <message>
        <source>Send from:</source>
        <translation>Enviar de:</translation>
    </message>
</context>
<context>
    <name>herald::ui::ScheduleSection</name>
    <message>
        <source>&amp;Keep it as a draft (start it later from the campaign list)</source>
        <translation>&amp;Manter como rascunho (iniciá-la depois na lista de campanhas)</translation>
    </message>
    <message>
        <source>&amp;Start sending as soon as the campaign is created</source>
        <translation>&amp;Iniciar o envio assim que a campanha for criada</translation>
    </message>
    <message>
        <source>Start &amp;at:</source>
        <translation>Inici&amp;ar em:</translation>
    </message>
    <message>
        <source>Your local time; Herald stores it in UTC.</source>
        <translation>Seu horário local; o Herald o armazena em UTC.</translation>
    </message>
    <message>
        <source>your local time</source>
        <translation>seu horário local</translation>
    </message>
    <message>
        <source>%1 has passed: choose a later time, or start now.</source>
        <translation>%1 já passou: escolha um horário posterior ou inicie agora.</translation>
    </message>
    <message>
        <source>&amp;Leave the campaign as it is (start or resume it later from the list)</source>
        <translation>Dei&amp;xar a campanha como está (iniciá-la ou retomá-la depois na lista)</translation>
    </message>
    <message>
        <source>&amp;Start or resume sending once the contacts are added</source>
        <translation>&amp;Iniciar ou retomar o envio assim que os contatos forem adicionados</translation>
    </message>
</context>
<context>
    <name>herald::ui::SendController</name>
    <message>
        <source>Cannot send</source>
        <translation>Não é possível enviar</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; cannot start</source>
        <translation>A campanha &quot;%1&quot; não pode ser iniciada</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: it was running with nobody sending it.</source>
        <translation>Continuando a campanha &quot;%1&quot;: ela estava em execução sem ninguém para enviá-la.</translation>
    </message>
    <message>
        <source>Continuing campaign &quot;%1&quot;: %2 stopped sending it.</source>
        <translation>Continuando a campanha &quot;%1&quot;: %2 parou de enviá-la.</translation>
    </message>
    <message>
        <source>Start campaign &quot;%1&quot;?</source>
        <translation>Iniciar a campanha &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>paused by the user</source>
        <translation>pausada pelo usuário</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>cancelada pelo usuário</translation>
    </message>
    <message>
        <source>The campaign could not be changed</source>
        <translation>Não foi possível alterar a campanha</translation>
    </message>
    <message>
        <source>Herald was closed; the campaign continues when a sender picks it up.</source>
        <translation>O Herald foi fechado; a campanha continua quando um emissor a assumir.</translation>
    </message>
    <message>
        <source>A scheduled campaign could not start</source>
        <translation>Não foi possível iniciar uma campanha agendada</translation>
    </message>
    <message>
        <source>Campaign &quot;%1&quot; started as scheduled.</source>
        <translation>A campanha &quot;%1&quot; foi iniciada conforme agendado.</translation>
    </message>
    <message numerus="yes">
        <source>Holding: %Ln recipient(s) outside quiet hours; the next window opens at %1.</source>
        <translation>
            <numerusform>Em espera: %Ln destinatário fora da janela de envio; a próxima janela abre em %1.</numerusform>
            <numerusform>Em espera: %Ln destinatários fora da janela de envio; a próxima janela abre em %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendFromSection</name>
    <message>
        <source>Phone numbers to send from</source>
        <translation>Números de telefone dos quais enviar</translation>
    </message>
    <message>
        <source>(at most %1 msg/s; the default number)</source>
        <translation>(no máximo %1 msg/s; o número padrão)</translation>
    </message>
    <message>
        <source>(at most %1 msg/s)</source>
        <translation>(no máximo %1 msg/s)</translation>
    </message>
    <message>
        <source>The phone numbers could not be read: %1</source>
        <translation>Não foi possível ler os números de telefone: %1</translation>
    </message>
    <message>
        <source>Tick at least one phone number to send from.</source>
        <translation>Marque pelo menos um número de telefone do qual enviar.</translation>
    </message>
    <message numerus="yes">
        <source>Each recipient is sent from one of the %Ln numbers, always the same one; each number sends at its own ceiling. A number Meta limits leaves the pool and the others go on.</source>
        <translation>
            <numerusform>Cada destinatário recebe a mensagem do %Ln número; ele envia no seu próprio limite.</numerusform>
            <numerusform>Cada destinatário recebe a mensagem de um dos %Ln números, sempre o mesmo; cada número envia no seu próprio limite. Um número que a Meta limita sai do grupo e os outros continuam.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SenderStatusBar</name>
    <message>
        <source>Database: %1</source>
        <translation>Banco de dados: %1</translation>
    </message>
    <message>
        <source>The database this window reads and writes. Change it in Settings.</source>
        <translation>O banco de dados que esta janela lê e grava. Altere-o nas Configurações.</translation>
    </message>
    <message>
        <source>Sender: idle</source>
        <translation>Emissor: ocioso</translation>
    </message>
    <message numerus="yes">
        <source>Sender: sending %n campaign(s)</source>
        <translation>
            <numerusform>Emissor: enviando %n campanha</numerusform>
            <numerusform>Emissor: enviando %n campanhas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in flight</source>
        <translation>
            <numerusform>%n em trânsito</numerusform>
            <numerusform>%n em trânsito</numerusform>
        </translation>
    </message>
    <message>
        <source>Meta reports delivered and read by webhook. Check that herald-cli webhooks serve is running and reachable; herald-cli webhooks status shows its last callback.</source>
        <translation>A Meta informa entregas e leituras por webhook. Confira se herald-cli webhooks serve está em execução e acessível; herald-cli webhooks status mostra o último callback recebido.</translation>
    </message>
    <message>
        <source>No delivery callback for %1 in %2 min</source>
        <translation>Nenhum callback de entrega para %1 em %2 min</translation>
    </message>
    <message numerus="yes">
        <source>No delivery callback for %n running campaign(s) in 10 min</source>
        <translation>
            <numerusform>Nenhum callback de entrega para %n campanha em execução em 10 min</numerusform>
            <numerusform>Nenhum callback de entrega para %n campanhas em execução em 10 min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SendersModel</name>
    <message>
        <source>Console</source>
        <translation>Console</translation>
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
        <translation>%1 (este console)</translation>
    </message>
    <message>
        <source>Silent since %1</source>
        <translation>Em silêncio desde %1</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Ocioso</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>%1 (process %2)</source>
        <translation>%1 (processo %2)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 msg/s</translation>
    </message>
    <message>
        <source>Not heard since %1. Its campaigns are taken over by the next sender, and the messages it had in flight end failed &quot;interrupted&quot;.</source>
        <translation>Sem notícias desde %1. O próximo remetente assume suas campanhas, e as mensagens que ele tinha em andamento terminam com falha &quot;interrompida&quot;.</translation>
    </message>
    <message>
        <source>Told to send: %1</source>
        <translation>Encarregado de enviar: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Computador</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campanhas</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taxa</translation>
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
        <translation>Remetentes</translation>
    </message>
    <message>
        <source>Every console, herald-cli run and worker using this database, and the campaigns each sends. Workers may share a campaign; a console or a run sends one alone. One not heard for 10 s is silent: its campaigns go to the next sender.</source>
        <translation>Cada console, herald-cli run e worker que usa este banco de dados, e as campanhas que cada um envia. Workers podem dividir uma campanha; um console ou um run envia uma sozinho. Quem fica 10 s sem dar notícias fica em silêncio: suas campanhas passam ao próximo remetente.</translation>
    </message>
    <message>
        <source>Nothing is sending from this database now.</source>
        <translation>Nada está enviando deste banco de dados agora.</translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s), of them %1</source>
        <translation>
            <numerusform>%n remetente, dos quais %1</numerusform>
            <numerusform>%n remetentes, dos quais %1</numerusform>
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
            <numerusform>%n em silêncio</numerusform>
            <numerusform>%n em silêncio</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingField</name>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (padrão)</translation>
    </message>
    <message>
        <source>%1
Stored with the database as %2.</source>
        <translation>%1
Armazenada com o banco de dados como %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <source>Cloud API</source>
        <translation>Cloud API</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Envio</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este computador</translation>
    </message>
    <message>
        <source>Rate cards</source>
        <translation>Tabelas de preços</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <source>Graph API base URL:</source>
        <translation>URL base da Graph API:</translation>
    </message>
    <message>
        <source>Graph API version:</source>
        <translation>Versão da Graph API:</translation>
    </message>
    <message>
        <source>Phone number ID:</source>
        <translation>ID do número de telefone:</translation>
    </message>
    <message>
        <source>Business Account ID:</source>
        <translation>ID da conta comercial:</translation>
    </message>
    <message>
        <source>Request timeout (ms):</source>
        <translation>Tempo limite (ms):</translation>
    </message>
    <message>
        <source>Extra CA certificate:</source>
        <translation>Certificado de CA extra:</translation>
    </message>
    <message>
        <source>None: the system&apos;s only</source>
        <translation>Nenhum: apenas os do sistema</translation>
    </message>
    <message>
        <source>Rate ceiling (msg/s):</source>
        <translation>Teto de taxa (msg/s):</translation>
    </message>
    <message>
        <source>Concurrency:</source>
        <translation>Simultaneidade:</translation>
    </message>
    <message>
        <source>No response:</source>
        <translation>Sem resposta:</translation>
    </message>
    <message>
        <source>Contact import</source>
        <translation>Importação de contatos</translation>
    </message>
    <message>
        <source>Default region:</source>
        <translation>Região padrão:</translation>
    </message>
    <message>
        <source>None, e.g. DE or US</source>
        <translation>Nenhuma, p. ex. BR ou US</translation>
    </message>
    <message>
        <source>These settings are stored with the database, shared by every console and herald-cli that use it (herald-cli config shows them).</source>
        <translation>Estas configurações são armazenadas com o banco de dados e compartilhadas por todos os consoles e pelo herald-cli que o usam (herald-cli config as mostra).</translation>
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
        <translation>Vale quando o Herald for reiniciado.</translation>
    </message>
    <message>
        <source>These settings belong to your user account on this computer, not to the database.</source>
        <translation>Estas configurações pertencem à sua conta de usuário neste computador, não ao banco de dados.</translation>
    </message>
    <message>
        <source>Reading the settings stored with the database…</source>
        <translation>Lendo as configurações armazenadas com o banco de dados…</translation>
    </message>
    <message>
        <source>The settings stored with the database cannot be read: %1</source>
        <translation>Não foi possível ler as configurações armazenadas com o banco de dados: %1</translation>
    </message>
    <message>
        <source>Correct the fields marked in red; nothing was saved.</source>
        <translation>Corrija os campos marcados em vermelho; nada foi salvo.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvando…</translation>
    </message>
    <message>
        <source>The settings were not stored with the database: %1</source>
        <translation>As configurações não foram armazenadas com o banco de dados: %1</translation>
    </message>
    <message>
        <source>Not everything was saved: see the messages in red.</source>
        <translation>Nem tudo foi salvo: veja as mensagens em vermelho.</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>Configurações salvas</translation>
    </message>
    <message>
        <source>Herald uses the database and language you chose when it is restarted.</source>
        <translation>O Herald usará o banco de dados e o idioma escolhidos quando for reiniciado.</translation>
    </message>
    <message>
        <source>Keep recipients (days):</source>
        <translation>Retenção (dias):</translation>
    </message>
    <message>
        <source>0: forever</source>
        <translation>0: para sempre</translation>
    </message>
    <message>
        <source>Names, numbers and parameters of campaigns finished longer ago are erased by the console once a day and by herald-cli purge; the counts stay.</source>
        <translation>Nomes, números e parâmetros de campanhas concluídas há mais tempo são apagados pelo console uma vez por dia e pelo herald-cli purge; as contagens ficam.</translation>
    </message>
    <message>
        <source>Opt-out replies:</source>
        <translation>Respostas de opt-out:</translation>
    </message>
    <message>
        <source>A reply that is exactly one of these words, in any case, puts its sender on the opt-out list once the webhook receiver gets it.</source>
        <translation>Uma resposta que seja exatamente uma destas palavras, em maiúsculas ou minúsculas, coloca o remetente na lista de opt-out assim que o receptor de webhooks a recebe.</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Números de telefone</translation>
    </message>
</context>
<context>
    <name>herald::ui::ShortcutTableModel</name>
    <message>
        <source>Window</source>
        <translation>Janela</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Atalho</translation>
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
        <translation>Atalhos de teclado</translation>
    </message>
    <message>
        <source>Filter by action, menu or key</source>
        <translation>Filtrar por ação, menu ou tecla</translation>
    </message>
    <message>
        <source>Filter shortcuts</source>
        <translation>Filtrar atalhos</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateSyncRunner</name>
    <message>
        <source>The API settings cannot be read from the database: %1</source>
        <translation>Não foi possível ler do banco de dados as configurações da API: %1</translation>
    </message>
    <message>
        <source>No WhatsApp Business Account ID is set, and templates are listed per account. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Nenhum ID de conta do WhatsApp Business definido, e os modelos são listados por conta. Informe-o nas Configurações (Arquivo ▸ Configurações…) e sincronize novamente.</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Nenhum token de acesso definido. Informe-o nas Configurações (Arquivo ▸ Configurações…) e sincronize novamente.</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplateTableModel</name>
    <message>
        <source>Approved</source>
        <translation>Aprovado</translation>
    </message>
    <message>
        <source>Pending review</source>
        <translation>Em análise</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejeitado</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausado</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desativado</translation>
    </message>
    <message>
        <source>In appeal</source>
        <translation>Em recurso</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Marketing</translation>
    </message>
    <message>
        <source>Utility</source>
        <translation>Utilidade</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autenticação</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 até %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>nenhuma</translation>
    </message>
    <message>
        <source>a recent sync</source>
        <translation>uma sincronização recente</translation>
    </message>
    <message>
        <source>Meta changed this template&apos;s category from %1 to %2 (noticed %3). Meta prices and limits messages by category: check that the template still suits your campaigns.</source>
        <translation>A Meta alterou a categoria deste modelo de %1 para %2 (notado em %3). A Meta precifica e limita as mensagens por categoria: verifique se o modelo ainda serve para suas campanhas.</translation>
    </message>
    <message>
        <source>Only approved templates can be sent.</source>
        <translation>Somente modelos aprovados podem ser enviados.</translation>
    </message>
    <message>
        <source>Herald cannot send this template: %1</source>
        <translation>O Herald não pode enviar este modelo: %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoria</translation>
    </message>
    <message>
        <source>Category before</source>
        <translation>Categoria anterior</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>Variáveis</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizado</translation>
    </message>
</context>
<context>
    <name>herald::ui::TemplatesPage</name>
    <message>
        <source>Sync with Meta</source>
        <translation>Sincronizar com a Meta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>Filtrar por nome</translation>
    </message>
    <message>
        <source>Fetch the message templates of the WhatsApp Business Account from Meta</source>
        <translation>Buscar na Meta os modelos de mensagem da conta do WhatsApp Business</translation>
    </message>
    <message>
        <source>The templates cannot be read: %1</source>
        <translation>Não foi possível ler os modelos: %1</translation>
    </message>
    <message>
        <source>Getting the access token…</source>
        <translation>Obtendo o token de acesso…</translation>
    </message>
    <message>
        <source>Asking Meta for the template list…</source>
        <translation>Solicitando à Meta a lista de modelos…</translation>
    </message>
    <message>
        <source>Reading the template list from Meta: %1 so far</source>
        <translation>Lendo a lista de modelos da Meta: %1 até agora</translation>
    </message>
    <message>
        <source> (page %1)</source>
        <translation> (página %1)</translation>
    </message>
    <message>
        <source>(Graph error %1)</source>
        <translation>(erro %1 da Graph API)</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Abrir Configurações…</translation>
    </message>
    <message>
        <source>Templates synced from Meta: %1 (%2 new, %3 changed, %4 unchanged).</source>
        <translation>Modelos sincronizados da Meta: %1 (%2 novos, %3 alterados, %4 inalterados).</translation>
    </message>
    <message>
        <source>Meta changed the category of %1 (%2) from %3 to %4.</source>
        <translation>A Meta alterou a categoria de %1 (%2) de %3 para %4.</translation>
    </message>
    <message>
        <source>No longer listed by Meta, kept for the campaigns that use them: %1.</source>
        <translation>Não são mais listados pela Meta, mantidos para as campanhas que os usam: %1.</translation>
    </message>
    <message>
        <source>No templates are stored yet: sync them from Meta.</source>
        <translation>Nenhum modelo armazenado ainda: sincronize-os com a Meta.</translation>
    </message>
    <message>
        <source>Select a template to read its text and the variables a campaign fills.</source>
        <translation>Selecione um modelo para ler o texto e as variáveis que uma campanha preenche.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No variables.</source>
        <translation>Sem variáveis.</translation>
    </message>
    <message>
        <source>Variables a campaign fills: %1.</source>
        <translation>Variáveis que uma campanha preenche: %1.</translation>
    </message>
    <message>
        <source>Herald cannot send it: %1</source>
        <translation>O Herald não pode enviá-lo: %1</translation>
    </message>
    <message>
        <source>Templates: %1</source>
        <translation>Modelos: %1</translation>
    </message>
    <message>
        <source>Shown: %1 of %2</source>
        <translation>Exibidos: %1 de %2</translation>
    </message>
    <message>
        <source> — category changed: %1</source>
        <translation> — categoria alterada: %1</translation>
    </message>
    <message>
        <source>Filter templates</source>
        <translation>Filtrar modelos</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Modelos</translation>
    </message>
    <message>
        <source>No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.</source>
        <translation>Nenhum token de acesso definido. Informe-o nas Configurações (Arquivo ▸ Configurações…) e sincronize novamente.</translation>
    </message>
    <message>
        <source>Meta refused the access token: it is invalid or has expired. Enter a valid token in Settings (File ▸ Settings…) and sync again; nothing was stored.</source>
        <translation>A Meta recusou o token de acesso: ele é inválido ou expirou. Informe um token válido nas Configurações (Arquivo ▸ Configurações…) e sincronize novamente; nada foi armazenado.</translation>
    </message>
</context>
<context>
    <name>herald::ui::ThemeMenu</name>
    <message>
        <source>T&amp;heme</source>
        <translation>T&amp;ema</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;Sistema</translation>
    </message>
    <message>
        <source>Light or dark as the desktop is</source>
        <translation>Claro ou escuro, conforme o desktop</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>Dark text on light backgrounds</source>
        <translation>Texto escuro sobre fundo claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Escuro</translation>
    </message>
    <message>
        <source>Light text on dark backgrounds</source>
        <translation>Texto claro sobre fundo escuro</translation>
    </message>
</context>
<context>
    <name>herald::ui::TokenSection</name>
    <message>
        <source>Access token</source>
        <translation>Token de acesso</translation>
    </message>
    <message>
        <source>Keep for this session only</source>
        <translation>Guardar só para esta sessão</translation>
    </message>
    <message>
        <source>Remove stored token</source>
        <translation>Remover token armazenado</translation>
    </message>
    <message>
        <source>Paste the token from Meta&apos;s developer portal</source>
        <translation>Cole o token do portal de desenvolvedores da Meta</translation>
    </message>
    <message>
        <source>Kept in the operating system&apos;s keychain, never in a settings file, the database or a log.</source>
        <translation>Guardado no chaveiro do sistema operacional, nunca em arquivo de configurações, no banco de dados ou em log.</translation>
    </message>
    <message>
        <source>Herald uses the token until it is closed and forgets it then.</source>
        <translation>O Herald usa o token até ser fechado e depois o esquece.</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>Atual:</translation>
    </message>
    <message>
        <source>New token:</source>
        <translation>Novo token:</translation>
    </message>
    <message>
        <source>This window has no access to credentials.</source>
        <translation>Esta janela não tem acesso às credenciais.</translation>
    </message>
    <message>
        <source>Looking in the keychain…</source>
        <translation>Procurando no chaveiro…</translation>
    </message>
    <message>
        <source>From the environment variable %1, which wins over the keychain.</source>
        <translation>Da variável de ambiente %1, que prevalece sobre o chaveiro.</translation>
    </message>
    <message>
        <source>Kept in memory for this session only; Herald forgets it when it closes.</source>
        <translation>Guardado na memória só para esta sessão; o Herald o esquece ao fechar.</translation>
    </message>
    <message>
        <source>Stored in the operating system&apos;s keychain.</source>
        <translation>Armazenado no chaveiro do sistema operacional.</translation>
    </message>
    <message>
        <source>%1 A token entered here can be kept in memory for this session only.</source>
        <translation>%1 Um token informado aqui pode ser guardado na memória só para esta sessão.</translation>
    </message>
    <message>
        <source>None is stored yet.</source>
        <translation>Nenhum armazenado ainda.</translation>
    </message>
    <message>
        <source>Paste a new token to replace the current one</source>
        <translation>Cole um novo token para substituir o atual</translation>
    </message>
    <message>
        <source>%1
Herald never writes the token to a file. You can keep it in memory for this session only.</source>
        <translation>%1
O Herald nunca grava o token em arquivo. Você pode guardá-lo na memória só para esta sessão.</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Novo token</translation>
    </message>
</context>
<context>
    <name>herald::ui::UserGuideWindow</name>
    <message>
        <source>Herald user guide</source>
        <translation>Guia do usuário do Herald</translation>
    </message>
    <message>
        <source>User guide</source>
        <translation>Guia do usuário</translation>
    </message>
    <message>
        <source>Find in the guide</source>
        <translation>Localizar no guia</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Próximo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Fechar a barra de localização</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Localizar</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Localizar próximo</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Não encontrado</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardImport</name>
    <message>
        <source>Contacts can only be added to a draft or paused campaign; &quot;%1&quot; is %2.</source>
        <translation>Contatos só podem ser adicionados a um rascunho ou a uma campanha pausada; &quot;%1&quot; está %2.</translation>
    </message>
</context>
<context>
    <name>herald::ui::WizardLauncher</name>
    <message>
        <source>The campaign could not be read</source>
        <translation>Não foi possível ler a campanha</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Herald: a campaign console for the WhatsApp Business Cloud API.</source>
        <translation>Herald: um console de campanhas para a WhatsApp Business Cloud API.</translation>
    </message>
    <message>
        <source>The database: a SQLite file or a postgresql:// URL (default: HERALD_DB, else the one chosen in Settings, else the embedded one).</source>
        <translation>O banco de dados: um arquivo SQLite ou uma URL postgresql:// (padrão: HERALD_DB; senão, o escolhido nas Configurações; senão, o embutido).</translation>
    </message>
    <message>
        <source>database</source>
        <translation>banco</translation>
    </message>
    <message>
        <source>Herald cannot start</source>
        <translation>O Herald não pode iniciar</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Senha do banco de dados</translation>
    </message>
</context>
</TS>
