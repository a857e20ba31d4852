#include "queue/CampaignStatus.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace herald;

class TestCampaignStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStatusRoundTripsThroughItsName()
    {
        for (CampaignStatus s : CampaignStatusMachine::all()) {
            QCOMPARE(CampaignStatusMachine::fromString(CampaignStatusMachine::toString(s)), s);
        }
        QVERIFY(!CampaignStatusMachine::fromString(u"finished"_s));
    }

    void transitions_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        const QList<QPair<QString, QString>> allowed = {
            {u"draft"_s, u"scheduled"_s},  {u"draft"_s, u"running"_s},     {u"draft"_s, u"cancelled"_s},
            {u"scheduled"_s, u"draft"_s},  {u"scheduled"_s, u"running"_s}, {u"scheduled"_s, u"cancelled"_s},
            {u"running"_s, u"paused"_s},   {u"running"_s, u"completed"_s}, {u"running"_s, u"cancelled"_s},
            {u"running"_s, u"stopped"_s},  {u"paused"_s, u"running"_s},    {u"paused"_s, u"completed"_s},
            {u"paused"_s, u"cancelled"_s}, {u"paused"_s, u"stopped"_s},    {u"stopped"_s, u"running"_s},
            {u"stopped"_s, u"paused"_s},   {u"stopped"_s, u"cancelled"_s}, {u"completed"_s, u"paused"_s},
        };
        // Every pair of states is listed, so a new edge in the machine fails this test.
        for (CampaignStatus f : CampaignStatusMachine::all()) {
            for (CampaignStatus t : CampaignStatusMachine::all()) {
                const QString from = CampaignStatusMachine::toString(f);
                const QString to = CampaignStatusMachine::toString(t);
                QTest::addRow("%s->%s", qPrintable(from), qPrintable(to))
                    << from << to << allowed.contains({from, to});
            }
        }
    }

    void transitions()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        const auto f = *CampaignStatusMachine::fromString(from);
        const auto t = *CampaignStatusMachine::fromString(to);
        QCOMPARE(CampaignStatusMachine::canTransition(f, t), allowed);
        const QString refusal = CampaignStatusMachine::refusal(f, t);
        QCOMPARE(refusal.isEmpty(), allowed);
        if (!allowed && f != t) {
            QVERIFY2(refusal.contains(from) && refusal.contains(to), qPrintable(refusal));
        }
    }

    void cancelledIsTheOnlyTerminalState()
    {
        for (CampaignStatus s : CampaignStatusMachine::all()) {
            bool anyExit = false;
            for (CampaignStatus t : CampaignStatusMachine::all()) {
                anyExit = anyExit || CampaignStatusMachine::canTransition(s, t);
            }
            QCOMPARE(!anyExit, s == CampaignStatus::Cancelled);
            QCOMPARE(CampaignStatusMachine::isTerminal(s), s == CampaignStatus::Cancelled);
        }
    }
};

QTEST_GUILESS_MAIN(TestCampaignStatus)
#include "test_campaignstatus.moc"
