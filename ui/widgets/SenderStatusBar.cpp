#include "widgets/SenderStatusBar.h"

#include "theme/ToneText.h"
#include "widgets/Formats.h"

#include <QLabel>
#include <QStatusBar>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

SenderStatusBar::SenderStatusBar(QStatusBar *bar, const QString &databaseName, QObject *parent)
    : QObject(parent)
    , m_bar(bar)
    , m_sender(new QLabel(bar))
    , m_rate(new QLabel(bar))
    , m_inFlight(new QLabel(bar))
    , m_delivery(new QLabel(bar))
    , m_database(new QLabel(bar))
{
    m_sender->setObjectName(u"senderStatus"_s);
    m_rate->setObjectName(u"rateStatus"_s);
    m_inFlight->setObjectName(u"inFlightStatus"_s);
    m_database->setObjectName(u"databaseStatus"_s);
    m_delivery->setObjectName(u"deliveryStatus"_s);
    m_delivery->setToolTip(tr("Meta reports delivered and read by webhook. Check that herald-cli webhooks "
                              "serve is running and reachable; herald-cli webhooks status shows its last "
                              "callback."));
    ToneText::apply(m_delivery, MessageTone::Warning);
    m_delivery->hide();
    bar->addPermanentWidget(m_delivery);
    m_database->setText(tr("Database: %1").arg(databaseName));
    m_database->setToolTip(tr("The database this window reads and writes. Change it in Settings."));
    bar->addPermanentWidget(m_sender);
    bar->addPermanentWidget(m_rate);
    bar->addPermanentWidget(m_inFlight);
    bar->addPermanentWidget(m_database);
    setSending(0, 0, 0);
}

void SenderStatusBar::setSending(int campaigns, double rate, int inFlight)
{
    m_sender->setText(campaigns == 0 ? tr("Sender: idle")
                                     : tr("Sender: sending %n campaign(s)", nullptr, campaigns));
    m_rate->setText(campaigns == 0 ? QString() : Formats::rate(rate));
    m_rate->setVisible(campaigns > 0);
    m_inFlight->setText(tr("%n in flight", nullptr, inFlight));
    m_inFlight->setVisible(campaigns > 0);
}

void SenderStatusBar::showNotice(const QString &text)
{
    m_bar->showMessage(text, 15'000);
}

void SenderStatusBar::showDelivery(const CampaignsSnapshot &snapshot)
{
    QStringList quiet;
    QDateTime since;
    for (const CampaignRow &r : snapshot.rows) {
        if (r.callbacksQuiet) {
            quiet << r.name;
            since = since.isValid() && since > r.lastCallbackAt ? since : r.lastCallbackAt;
        }
    }
    if (quiet.isEmpty()) {
        m_delivery->clear();
        m_delivery->hide();
        return;
    }
    const qint64 minutes = std::max<qint64>(10, since.secsTo(snapshot.takenAt) / 60);
    m_delivery->setText(
        quiet.size() == 1
            ? tr("No delivery callback for %1 in %2 min").arg(quiet.first()).arg(minutes)
            : tr("No delivery callback for %n running campaign(s) in 10 min", nullptr, int(quiet.size())));
    m_delivery->show();
}

QString SenderStatusBar::deliveryText() const
{
    return m_delivery->text();
}

QString SenderStatusBar::senderText() const
{
    return m_sender->text();
}

QString SenderStatusBar::databaseText() const
{
    return m_database->text();
}

} // namespace herald::ui
