#include "views/NumberHealthLine.h"

#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "queue/Campaign.h"
#include "sender/SendPlanner.h"
#include "settings/NumberHealthStore.h"
#include "settings/SettingKeys.h"
#include "theme/ToneText.h"
#include "widgets/HealthText.h"

using namespace Qt::StringLiterals;

namespace herald::ui {

NumberHealthLine::NumberHealthLine(DataService &data, QWidget *parent)
    : QLabel(parent)
    , m_data(data)
{
    setObjectName(u"campaignNumber"_s);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void NumberHealthLine::showNumber(const QString &campaignPhoneNumberId)
{
    if (m_active && campaignPhoneNumberId == m_campaignNumber) {
        return;
    }
    m_active = true;
    m_campaignNumber = campaignPhoneNumberId;
    refresh();
}

void NumberHealthLine::setDefaultNumber(const QString &phoneNumberId)
{
    if (phoneNumberId != m_defaultNumber) {
        m_defaultNumber = phoneNumberId;
        refresh();
    }
}

void NumberHealthLine::clear()
{
    m_active = false;
    ++m_generation;
    m_shownId.clear();
    QLabel::clear();
    hide();
}

void NumberHealthLine::refresh()
{
    if (!m_active) {
        return;
    }
    const int generation = ++m_generation;
    Campaign campaign;
    campaign.phoneNumberId = m_campaignNumber;
    const QString defaultNumber = m_defaultNumber;
    m_data.submit<Answer>(
        this,
        [campaign, defaultNumber](Database &db) {
            Answer a;
            ApiSettings api;
            if (defaultNumber.isEmpty()) {
                api = SettingKeys::apiSettings(AppSettings(db));
            } else {
                api.setPhoneNumberId(defaultNumber);
            }
            a.id = SendPlanner::phoneNumberOf(campaign, api);
            if (!a.id.isEmpty()) {
                a.health = NumberHealthStore(db, Clock::system()).find(a.id);
            }
            return a;
        },
        [this, generation](const DataResult<Answer> &r) {
            if (generation != m_generation) {
                return;
            }
            if (!r.ok()) {
                Answer unknown;
                show(unknown);
                setText(tr("The phone number's health cannot be read: %1").arg(r.error));
            } else {
                show(*r.value);
            }
            Q_EMIT shown();
        });
}

void NumberHealthLine::show(const Answer &a)
{
    m_shownId = a.id;
    const NumberHealth *h = a.health ? &*a.health : nullptr;
    if (a.id.isEmpty()) {
        setText(tr("No phone number is set: enter one in Settings (File ▸ Settings…)."));
        setToolTip(QString());
    } else {
        QString from = a.id;
        if (h && h->ok() && !h->displayPhoneNumber.isEmpty()) {
            from = h->verifiedName.isEmpty() ? h->displayPhoneNumber
                                             : tr("%1 (%2)").arg(h->displayPhoneNumber, h->verifiedName);
        }
        setText(tr("Sends from %1: %2").arg(from, HealthText::brief(h)));
        setToolTip(tr("Phone number ID %1. %2").arg(a.id, HealthText::details(h)));
    }
    if (a.id.isEmpty() || (h && HealthText::needsAttention(*h))) {
        ToneText::apply(this, MessageTone::Warning);
    } else {
        ToneText::clear(this);
    }
    QLabel::show();
}

} // namespace herald::ui
