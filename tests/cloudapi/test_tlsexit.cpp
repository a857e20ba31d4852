// A Herald program that used TLS on another thread must not have OpenSSL clean up at exit: that
// clean-up races with the ending thread's own and aborted herald-cli worker on its way out
// (glibc's "malloc_consolidate(): invalid chunk size", about 1 run in 40 of test_worker under
// load). The probe reports from the last exit handler whether OpenSSL's handler ran; started
// as Herald's programs start it must not have, and started without keepTlsLibraryAliveAtExit()
// it does (so the check can tell the two apart).
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTlsExit : public QObject
{
    Q_OBJECT

    static int probe(const QString &how)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedChannels);
        p.start(QStringLiteral(HERALD_TLSEXIT_PROBE), {how});
        if (!p.waitForFinished(60'000) || p.exitStatus() != QProcess::NormalExit) {
            return -1;
        }
        return p.exitCode();
    }

private Q_SLOTS:
    void openSslIsNotCleanedUpAtExit()
    {
        const int plain = probe(u"plain"_s);
        QVERIFY2(plain != 2, "Qt has no TLS here: nothing loads OpenSSL");
        QCOMPARE(plain, 3); // without the setting OpenSSL's exit handler runs: the probe sees it
        QCOMPARE(probe(u"herald"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestTlsExit)
#include "test_tlsexit.moc"
