#include "H2GraphServer.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace herald::test {

namespace {

QString python()
{
    return QStringLiteral(HERALD_PYTHON3);
}

bool run(const QString &program, const QStringList &args, const QString &dir, QString *why)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10'000)) {
        *why = u"%1 could not be started: %2"_s.arg(program, p.errorString());
        return false;
    }
    if (!p.waitForFinished(60'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = u"%1 %2 failed: %3"_s.arg(program, args.join(u' '), QString::fromLocal8Bit(p.readAll()));
        return false;
    }
    return true;
}

} // namespace

std::unique_ptr<TestCa> TestCa::create(QString *why, const QString &serverNames)
{
    std::unique_ptr<TestCa> ca(new TestCa);
    const QString d = ca->dir();
    {
        QFile ext(ca->m_dir.filePath(u"server.ext"_s));
        if (!ext.open(QIODevice::WriteOnly)) {
            *why = u"cannot write %1"_s.arg(ext.fileName());
            return nullptr;
        }
        ext.write("basicConstraints=CA:FALSE\n"
                  "keyUsage=critical,digitalSignature,keyEncipherment\n"
                  "extendedKeyUsage=serverAuth\n"
                  "subjectAltName=" +
                  serverNames.toUtf8() + "\n");
    }
    const QString openssl = u"openssl"_s;
    const QStringList ec{u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                         u"-nodes"_s};
    if (!run(openssl,
             QStringList{u"req"_s, u"-x509"_s} + ec +
                 QStringList{u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s,
                             u"-subj"_s, u"/CN=Herald Test CA"_s, u"-addext"_s,
                             u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                             u"keyUsage=critical,keyCertSign,cRLSign"_s},
             d, why) ||
        !run(openssl,
             QStringList{u"req"_s} + ec +
                 QStringList{u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s, u"-subj"_s,
                             u"/CN=localhost"_s},
             d, why) ||
        !run(openssl,
             {u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s, u"-CAkey"_s,
              u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s, u"-days"_s, u"2"_s,
              u"-extfile"_s, u"server.ext"_s},
             d, why)) {
        return nullptr;
    }
    return ca;
}

QString H2GraphServer::unavailableReason()
{
    QProcess p;
    p.start(python(), {u"-c"_s, u"import h2.connection"_s});
    if (!p.waitForStarted(10'000)) {
        return u"%1 cannot be started, so the HTTP/2 test server cannot run"_s.arg(python());
    }
    if (!p.waitForFinished(30'000) || p.exitCode() != 0) {
        return u"%1 has no h2 module (Debian: python3-h2), so the HTTP/2 test server cannot run"_s.arg(
            python());
    }
    return {};
}

H2GraphServer::H2GraphServer(const TestCa &ca, const Options &options)
    : m_ca(ca)
    , m_options(options)
{}

H2GraphServer::~H2GraphServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

bool H2GraphServer::start(QString *why)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(python(), {QStringLiteral(HERALD_TEST_SUPPORT_DIR "/h2_graph_server.py"), u"--cert"_s,
                               m_ca.serverCert(), u"--key"_s, m_ca.serverKey(), u"--latency-ms"_s,
                               QString::number(m_options.latencyMs), u"--throughput"_s,
                               QString::number(m_options.throughput), u"--close-after-accept-every"_s,
                               QString::number(m_options.closeAfterAcceptEvery)});
    if (!m_process.waitForStarted(10'000)) {
        *why = u"the HTTP/2 test server did not start: %1"_s.arg(m_process.errorString());
        return false;
    }
    while (m_process.waitForReadyRead(15'000) || m_process.canReadLine()) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            if (line.startsWith("PORT ")) {
                m_port = line.mid(5).toInt();
                return m_port > 0;
            }
        }
    }
    *why = u"the HTTP/2 test server did not say its port"_s;
    return false;
}

QUrl H2GraphServer::baseUrl() const
{
    return QUrl(u"https://localhost:%1"_s.arg(m_port));
}

QJsonObject H2GraphServer::stats(QString *why) const
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(baseUrl().toString() + u"/__stats"_s));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(QSslCertificate::fromPath(m_ca.caFile()));
    request.setSslConfiguration(tls);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15'000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->isFinished() ? reply->readAll() : QByteArray();
    if (!reply->isFinished() || reply->error() != QNetworkReply::NoError) {
        *why = u"GET /__stats failed: %1"_s.arg(reply->errorString());
    }
    const bool http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    delete reply;
    QJsonObject stats = QJsonDocument::fromJson(body).object();
    stats.insert(u"statsOverHttp2"_s, http2);
    return stats;
}

} // namespace herald::test
