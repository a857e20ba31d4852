#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace herald::test {

// A certificate authority made for one test with the openssl command, and a certificate it
// signed for localhost and 127.0.0.1 (or the names given): what a client must trust through
// api.ca_file.
class TestCa
{
public:
    // Null with *why set when openssl is missing or fails. serverNames is the certificate's
    // subjectAltName.
    static std::unique_ptr<TestCa>
    create(QString *why, const QString &serverNames = QStringLiteral("DNS:localhost,IP:127.0.0.1"));

    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString serverCert() const { return m_dir.filePath(QStringLiteral("server.pem")); }
    QString serverKey() const { return m_dir.filePath(QStringLiteral("server.key")); }
    QString dir() const { return m_dir.path(); }

private:
    TestCa() = default;
    QTemporaryDir m_dir;
};

// tests/support/h2_graph_server.py as a child process: a Graph-API-shaped HTTP/2 server over
// TLS (ALPN h2 only) on 127.0.0.1, with a certificate from a TestCa. Stopped when destroyed.
class H2GraphServer
{
public:
    struct Options
    {
        int latencyMs = 0;
        int throughput = 0;
        int closeAfterAcceptEvery = 0;
    };

    // Empty when Python 3 with the h2 package is there, else why not (Debian: python3-h2).
    static QString unavailableReason();

    H2GraphServer(const TestCa &ca, const Options &options);
    ~H2GraphServer();

    bool start(QString *why);
    QUrl baseUrl() const;
    QJsonObject stats(QString *why) const; // GET /__stats over HTTP/2 with the test CA
    const TestCa &ca() const { return m_ca; }

private:
    const TestCa &m_ca;
    Options m_options;
    QProcess m_process;
    int m_port = 0;
};

// Fails the test when the HTTP/2 server cannot run on a CI machine (which installs what it
// needs), skips it with the reason elsewhere.
#define HERALD_REQUIRE_H2_SERVER()                                                                           \
    do {                                                                                                     \
        const QString why = herald::test::H2GraphServer::unavailableReason();                                \
        if (!why.isEmpty()) {                                                                                \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                                         \
                QFAIL(qPrintable(why));                                                                      \
            QSKIP(qPrintable(why));                                                                          \
        }                                                                                                    \
    } while (false)

} // namespace herald::test
