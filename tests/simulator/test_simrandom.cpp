// SimRandom: the stateless draws behind the simulator's fault rates and latency jitter.

#include "simulator/SimRandom.h"

#include <QTest>

#include <algorithm>
#include <vector>

using namespace herald;

class TestSimRandom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unit_isUniformInTheHalfOpenInterval()
    {
        double sum = 0;
        int below = 0;
        const int n = 100000;
        for (int i = 0; i < n; ++i) {
            const double u = SimRandom::unit(1, 42, quint64(i), SimRandom::Fault);
            QVERIFY(u >= 0.0 && u < 1.0);
            sum += u;
            below += u < 0.1 ? 1 : 0;
        }
        QVERIFY(std::abs(sum / n - 0.5) < 0.01);
        QVERIFY(std::abs(below - n / 10) < 600);
    }

    void unit_dependsOnEveryInput()
    {
        const double base = SimRandom::unit(1, 2, 3, SimRandom::Fault);
        QCOMPARE(SimRandom::unit(1, 2, 3, SimRandom::Fault), base);
        QVERIFY(SimRandom::unit(9, 2, 3, SimRandom::Fault) != base);
        QVERIFY(SimRandom::unit(1, 9, 3, SimRandom::Fault) != base);
        QVERIFY(SimRandom::unit(1, 2, 9, SimRandom::Fault) != base);
        QVERIFY(SimRandom::unit(1, 2, 3, SimRandom::LatencyA) != base);
    }

    void lognormal_hasTheRequestedMedianAndP99()
    {
        std::vector<double> samples;
        for (quint64 i = 0; i < 20000; ++i)
            samples.push_back(SimRandom::lognormal(40.0, 200.0, SimRandom::unit(1, 7, i, SimRandom::LatencyA),
                                                   SimRandom::unit(1, 7, i, SimRandom::LatencyB)));
        std::sort(samples.begin(), samples.end());
        const double median = samples[samples.size() / 2];
        const double p99 = samples[samples.size() * 99 / 100];
        QVERIFY2(std::abs(median - 40.0) < 2.0, qPrintable(QString::number(median)));
        QVERIFY2(std::abs(p99 - 200.0) < 20.0, qPrintable(QString::number(p99)));
        QVERIFY(samples.front() > 0.0);
    }
};

QTEST_GUILESS_MAIN(TestSimRandom)
#include "test_simrandom.moc"
