#include "commands/WebhooksCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "SecretInput.h"
#include "SignalWatcher.h"
#include "SystemKeychain.h"
#include "TextTable.h"
#include "WebhookReceiver.h"
#include "db/Database.h"
#include "queue/CampaignStore.h"
#include "webhook/ParkedEvents.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {

// A secret from its environment variable, else the keychain; a clear error when neither has it.
QByteArray secretFrom(const char *variable, const QString &keychainKey, const QString &what)
{
    if (const QByteArray v = qgetenv(variable).trimmed(); !v.isEmpty()) {
        return v;
    }
    const QString unreachable = SystemKeychain::whyUnreachable();
    if (unreachable.isEmpty()) {
        const KeychainResult stored = SystemKeychain::readNow(keychainKey);
        if (stored.ok() && !stored.secret.trimmed().isEmpty()) {
            return stored.secret.trimmed().toUtf8();
        }
    }
    throw CliError(ExitCode::Usage,
                   WebhooksCommand::tr("no %1: set the environment variable %2 (or store it in the keychain "
                                       "as \"%3\" of service \"%4\"); it is never read from the command "
                                       "line, the settings or the database")
                       .arg(what, QLatin1StringView(variable), keychainKey, SystemKeychain::Service));
}

// "ADDR:PORT", "[v6]:PORT" or ":PORT"/"PORT" (loopback).
std::pair<QHostAddress, quint16> parseListen(const QString &text)
{
    QString host = u"127.0.0.1"_s;
    QString port = text;
    if (const qsizetype colon = text.lastIndexOf(u':'); colon >= 0) {
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (host.startsWith(u'[') && host.endsWith(u']')) {
            host = host.mid(1, host.size() - 2);
        }
        if (host.isEmpty()) {
            host = u"127.0.0.1"_s;
        }
    }
    bool ok = false;
    const uint p = port.toUInt(&ok);
    QHostAddress address;
    if (!ok || p > 65535 || !address.setAddress(host)) { // port 0: any free port (tests)
        throw CliError(ExitCode::Usage,
                       WebhooksCommand::tr("--listen takes ADDRESS:PORT (e.g. 127.0.0.1:8080 or [::1]:8080), "
                                           "not \"%1\"")
                           .arg(text));
    }
    return {address, quint16(p)};
}

QSslConfiguration tlsFrom(const QString &certPath, const QString &keyPath)
{
    QFile certFile(certPath);
    if (!certFile.open(QIODevice::ReadOnly)) {
        throw CliError(ExitCode::BadInput,
                       WebhooksCommand::tr("%1 cannot be read: %2").arg(certPath, certFile.errorString()));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
    if (chain.isEmpty()) {
        throw CliError(ExitCode::BadInput, WebhooksCommand::tr("%1 holds no PEM certificate").arg(certPath));
    }
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        throw CliError(ExitCode::BadInput,
                       WebhooksCommand::tr("%1 cannot be read: %2").arg(keyPath, keyFile.errorString()));
    }
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key;
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Opaque}) {
        key = QSslKey(keyPem, algorithm, QSsl::Pem);
        if (!key.isNull()) {
            break;
        }
    }
    if (key.isNull()) {
        throw CliError(
            ExitCode::BadInput,
            WebhooksCommand::tr("%1 holds no unencrypted PEM private key (RSA or EC)").arg(keyPath));
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // Meta presents no client certificate
    return tls;
}

} // namespace

WebhooksCommand::WebhooksCommand()
    : m_listen(u"listen"_s,
               tr("serve: the address and port to listen on (default 127.0.0.1:8080, loopback only; give "
                  "an explicit address such as 0.0.0.0:8080 to expose it)."),
               tr("address:port"), u"127.0.0.1:8080"_s)
    , m_tlsCert(u"tls-cert"_s, tr("serve: a PEM certificate (chain) to speak HTTPS with, with --tls-key."),
                tr("file"))
    , m_tlsKey(u"tls-key"_s, tr("serve: the PEM private key of --tls-cert."), tr("file"))
{}

QString WebhooksCommand::name() const
{
    return u"webhooks"_s;
}

QString WebhooksCommand::summary() const
{
    return tr("Receives Meta's delivery callbacks (serve), or shows whether they arrive (status).");
}

void WebhooksCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        u"action"_s,
        tr("What to do:\n  serve - runs the receiver at /webhook until SIGTERM or Ctrl+C\n"
           "  status - the last callback and counts per business number, parked callbacks and the "
           "running campaigns' delivered and read\n"
           "  secret set|clear app-secret|verify-token - stores the secret read from standard input in "
           "the keychain, or removes it\n"
           "serve needs the app secret in %1 and the verify token in %2 (or in the keychain).")
            .arg(QLatin1StringView(SecretVariable), QLatin1StringView(VerifyTokenVariable)),
        u"<serve|status|secret>"_s);
    parser.addOptions({m_listen, m_tlsCert, m_tlsKey});
}

ExitCode WebhooksCommand::run(CliContext &context)
{
    const QString action = context.args().positionalArguments().value(0);
    if (action == "serve"_L1) {
        return serve(context);
    }
    if (action == "status"_L1) {
        return status(context);
    }
    if (action == "secret"_L1) {
        return secret(context);
    }
    if (action.isEmpty()) {
        throw CliError(ExitCode::Usage, tr("webhooks needs an action: serve, status, secret"));
    }
    throw CliError(ExitCode::Usage,
                   tr("unknown webhooks action \"%1\" (known: serve, status, secret)").arg(action));
}

ExitCode WebhooksCommand::secret(CliContext &context)
{
    const QStringList args = context.args().positionalArguments();
    const QString verb = args.value(1);
    const QString which = args.value(2);
    if ((verb != "set"_L1 && verb != "clear"_L1) ||
        (which != "app-secret"_L1 && which != "verify-token"_L1)) {
        throw CliError(ExitCode::Usage, tr("usage: webhooks secret set|clear app-secret|verify-token"));
    }
    const bool appSecret = which == "app-secret"_L1;
    const QString key = appSecret ? SecretKey : VerifyTokenKey;
    const char *variable = appSecret ? SecretVariable : VerifyTokenVariable;
    const QString what = appSecret ? tr("app secret") : tr("webhook verify token");
    if (const QString why = SystemKeychain::whyUnreachable(); !why.isEmpty()) {
        throw CliError(ExitCode::Refused, tr("%1 Set %2 in the environment of webhooks serve instead.")
                                              .arg(why, QLatin1StringView(variable)));
    }
    if (verb == "clear"_L1) {
        const KeychainResult r = SystemKeychain::removeNow(key);
        if (!r.ok()) {
            throw CliError(ExitCode::Refused, tr("the %1 was not removed: %2").arg(what, r.problem));
        }
        if (context.json()) {
            context.printJson(QJsonObject{{u"secret"_s, which}, {u"stored"_s, false}});
        } else {
            context.out() << tr("No %1 is stored in the keychain now.").arg(what) << u'\n';
        }
        return ExitCode::Success;
    }
    const QString value = readSecretLine(context.err(), tr("%1 (not shown): ").arg(what));
    if (value.isEmpty() || value.contains(QRegularExpression(u"\\s"_s))) {
        throw CliError(ExitCode::Usage, tr("no %1 on standard input (one word, typed when asked or piped in, "
                                           "e.g. 'herald-cli webhooks secret set %2 < file'); nothing was "
                                           "stored")
                                            .arg(what, which));
    }
    const KeychainResult r = SystemKeychain::writeNow(key, value);
    if (!r.ok()) {
        throw CliError(ExitCode::Refused, tr("the %1 was not stored: %2").arg(what, r.problem));
    }
    if (context.json()) {
        context.printJson(QJsonObject{{u"secret"_s, which}, {u"stored"_s, true}});
    } else {
        context.out() << tr("The %1 is stored in the keychain; webhooks serve reads it there.").arg(what)
                      << u'\n';
        if (!qEnvironmentVariableIsEmpty(variable)) {
            context.out() << tr("%1 is set in this environment and wins over the keychain.")
                                 .arg(QLatin1StringView(variable))
                          << u'\n';
        }
    }
    return ExitCode::Success;
}

ExitCode WebhooksCommand::serve(CliContext &context)
{
    const auto [address, port] = parseListen(context.args().value(m_listen));
    const bool haveCert = context.args().isSet(m_tlsCert);
    if (haveCert != context.args().isSet(m_tlsKey)) {
        throw CliError(ExitCode::Usage, tr("--tls-cert and --tls-key go together"));
    }
    WebhookReceiver::Options options;
    if (haveCert) {
        options.tls = tlsFrom(context.requiredValue(m_tlsCert), context.requiredValue(m_tlsKey));
    }
    options.appSecret = secretFrom(SecretVariable, SecretKey, tr("app secret"));
    options.verifyToken = secretFrom(VerifyTokenVariable, VerifyTokenKey, tr("webhook verify token"));

    WebhookReceiver receiver(context.config(), options);
    QString problem;
    switch (receiver.start(address, port, &problem)) {
    case WebhookReceiver::StartResult::Started:
        break;
    case WebhookReceiver::StartResult::DatabaseFailed:
        throw CliError(ExitCode::DatabaseUnavailable, problem);
    case WebhookReceiver::StartResult::ListenFailed:
        throw CliError(ExitCode::Refused, problem);
    case WebhookReceiver::StartResult::BadOptions:
        throw CliError(ExitCode::Usage, problem);
    }
    QTextStream &out = context.out();
    QTextStream &err = context.err();
    out << tr("Receiving Meta's webhook callbacks at %1 (Ctrl+C or SIGTERM stops).").arg(receiver.url())
        << u'\n';
    out.flush();

    QEventLoop loop;
    QObject::connect(&receiver, &WebhookReceiver::problem, &loop,
                     [&err](const QString &peer, int status, const QString &why) {
                         err << tr("herald-cli: webhooks: answered %1 to %2: %3")
                                    .arg(status)
                                    .arg(peer.isEmpty() ? tr("a client that left") : peer, why)
                             << u'\n';
                         err.flush();
                     });
    QObject::connect(&receiver, &WebhookReceiver::drained, &loop, &QEventLoop::quit);
    SignalWatcher signals;
    QTimer giveUp;
    giveUp.setSingleShot(true);
    QObject::connect(&giveUp, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&signals, &SignalWatcher::interrupted, &loop, [&](int count) {
        if (count > 1) {
            loop.quit();
            return;
        }
        out << tr("Stopping: no new connections; finishing the requests in flight.") << u'\n';
        out.flush();
        receiver.drain();
        // A request being read gets its request timeout; after that nothing is waited for.
        giveUp.start(std::chrono::seconds(40));
    });
    loop.exec();

    const WebhookReceiver::Stats &s = receiver.stats();
    out << tr("Stopped. %1 requests, %2 accepted, %3 refused, %4 failed; %5 status callbacks stored.")
               .arg(Format::number(s.requests), Format::number(s.accepted), Format::number(s.refused),
                    Format::number(s.failed), Format::number(s.statuses))
        << u'\n';
    return ExitCode::Success;
}

ExitCode WebhooksCommand::status(CliContext &context)
{
    Database &db = context.db();
    struct Source
    {
        QString phoneNumberId;
        QString wabaId;
        QDateTime first;
        QDateTime last;
        qint64 statuses = 0;
        qint64 applied = 0;
        qint64 parked = 0;
    };
    QList<Source> sources;
    QSqlQuery q =
        db.run(u"SELECT phone_number_id, waba_id, first_callback_at, last_callback_at, statuses, "
               "applied, parked FROM webhook_sources ORDER BY last_callback_at DESC, phone_number_id"_s);
    while (q.next()) {
        sources.append({q.value(0).toString(), q.value(1).toString(), Database::readTime(q.value(2)),
                        Database::readTime(q.value(3)), q.value(4).toLongLong(), q.value(5).toLongLong(),
                        q.value(6).toLongLong()});
    }
    const qint64 waiting = ParkedEvents(db).unresolvedCount();
    QList<Campaign> running;
    for (const Campaign &c : CampaignStore(db, context.clock()).list()) {
        if (c.status == CampaignStatus::Running) {
            running << c;
        }
    }
    QDateTime last;
    for (const Source &s : std::as_const(sources)) {
        if (!last.isValid() || s.last > last) {
            last = s.last;
        }
    }

    if (context.json()) {
        QJsonArray list;
        for (const Source &s : std::as_const(sources)) {
            list.append(QJsonObject{{u"phone_number_id"_s, s.phoneNumberId},
                                    {u"waba_id"_s, Format::jsonText(s.wabaId)},
                                    {u"first_callback_at"_s, Format::jsonTime(s.first)},
                                    {u"last_callback_at"_s, Format::jsonTime(s.last)},
                                    {u"statuses"_s, s.statuses},
                                    {u"applied"_s, s.applied},
                                    {u"parked"_s, s.parked}});
        }
        QJsonArray campaigns;
        for (const Campaign &c : std::as_const(running)) {
            campaigns.append(QJsonObject{{u"name"_s, c.name},
                                         {u"id"_s, c.id},
                                         {u"total_sent"_s, c.totalSent},
                                         {u"total_delivered"_s, c.totalDelivered},
                                         {u"total_read"_s, c.totalRead},
                                         {u"total_failed_after_send"_s, c.totalFailedAfterSend}});
        }
        context.printJson(QJsonObject{{u"last_callback_at"_s, Format::jsonTime(last)},
                                      {u"sources"_s, list},
                                      {u"parked_waiting"_s, waiting},
                                      {u"running_campaigns"_s, campaigns}});
        return ExitCode::Success;
    }

    QTextStream &out = context.out();
    if (sources.isEmpty()) {
        out << tr("No webhook callback has arrived yet: delivery is not tracked until 'herald-cli webhooks "
                  "serve' runs and Meta's callback URL points at it.")
            << u'\n';
    } else {
        out << tr("Last callback: %1 UTC").arg(Format::tableTime(last)) << u'\n';
        using A = TextTable::Align;
        TextTable table({{tr("Business number"), A::Left},
                         {tr("Account"), A::Left},
                         {tr("Last callback (UTC)"), A::Left},
                         {tr("Statuses"), A::Right},
                         {tr("Applied"), A::Right},
                         {tr("Parked"), A::Right}});
        for (const Source &s : std::as_const(sources)) {
            table.addRow({s.phoneNumberId, s.wabaId, Format::tableTime(s.last), Format::number(s.statuses),
                          Format::number(s.applied), Format::number(s.parked)});
        }
        out << table.render();
    }
    out << tr("Parked callbacks waiting for their message: %1").arg(Format::number(waiting)) << u'\n';
    if (!running.isEmpty()) {
        using A = TextTable::Align;
        TextTable table({{tr("Running campaign"), A::Left},
                         {tr("Sent"), A::Right},
                         {tr("Delivered"), A::Right},
                         {tr("Read"), A::Right},
                         {tr("Failed after send"), A::Right}});
        for (const Campaign &c : std::as_const(running)) {
            table.addRow(
                {c.name, Format::number(c.totalSent),
                 Format::number(c.totalDelivered) + u" ("_s + Format::percent(c.totalDelivered, c.totalSent) +
                     u')',
                 Format::number(c.totalRead) + u" ("_s + Format::percent(c.totalRead, c.totalSent) + u')',
                 Format::number(c.totalFailedAfterSend)});
        }
        out << table.render();
    }
    return ExitCode::Success;
}

} // namespace herald::cli
