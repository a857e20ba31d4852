#include "views/QuietHoursPanel.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "widgets/CountryNames.h"
#include "widgets/Formats.h"

#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
// What the data thread answers: the campaign's stored settings and who waits under them.
struct Answer
{
    QJsonObject settings;
    WindowWait wait;
};
} // namespace

QuietHoursPanel::QuietHoursPanel(DataService &data, const Clock &clock, QWidget *parent)
    : QFrame(parent)
    , m_data(data)
    , m_clock(&clock)
    , m_window(new QLabel(this))
    , m_waitLabel(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(u"quietHoursPanel"_s);
    setFrameShape(QFrame::StyledPanel);
    m_window->setObjectName(u"quietHoursWindow"_s);
    m_waitLabel->setObjectName(u"quietHoursWait"_s);
    for (QLabel *label : {m_window, m_waitLabel}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_waitLabel->setToolTip(tr("Recipients outside their window wait: they are not failed and not counted, "
                               "and are sent when their window opens."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(m_window);
    layout->addWidget(m_waitLabel);

    m_timer->setInterval(RefreshMs);
    connect(m_timer, &QTimer::timeout, this, &QuietHoursPanel::refresh);
    clear();
}

QuietHoursPanel::~QuietHoursPanel() = default;

void QuietHoursPanel::setClock(const Clock &clock)
{
    m_clock = &clock;
}

bool QuietHoursPanel::stillToSend(CampaignStatus status)
{
    return status == CampaignStatus::Draft || status == CampaignStatus::Scheduled ||
           status == CampaignStatus::Running || status == CampaignStatus::Paused;
}

void QuietHoursPanel::showCampaign(const CampaignRow &row)
{
    const QJsonObject quiet = row.settings.value(QLatin1StringView(QuietHours::SettingsKey)).toObject();
    const bool switched = row.id != m_id;
    const bool changed =
        switched || quiet != m_quietSettings || stillToSend(row.status) != stillToSend(m_status);
    m_status = row.status;
    if (!changed) {
        return; // the snapshot's counters do not open windows: the timer counts again
    }
    ++m_generation;
    m_busy = false;
    m_id = row.id;
    if (switched) {
        m_wait.reset();
        m_waitLabel->setText(tr("Counting who waits for their window…"));
    }
    showQuietHours(row.settings);
    refresh();
}

void QuietHoursPanel::showQuietHours(const QJsonObject &campaignSettings)
{
    m_quietSettings = campaignSettings.value(QLatin1StringView(QuietHours::SettingsKey)).toObject();
    const QuietHours quietHours = QuietHours::fromSettings(campaignSettings);
    m_enabled = quietHours.enabled;
    setVisible(m_enabled);
    if (m_enabled) {
        m_window->setText(tr("Sends only %1").arg(describe(quietHours)));
        m_waitLabel->setVisible(stillToSend(m_status));
    } else {
        m_wait.reset();
    }
    updateTimer();
}

void QuietHoursPanel::clear()
{
    ++m_generation;
    m_id.clear();
    m_quietSettings = {};
    m_enabled = false;
    m_busy = false;
    m_wait.reset();
    m_window->clear();
    m_waitLabel->clear();
    hide();
    updateTimer();
}

void QuietHoursPanel::updateTimer()
{
    if (m_enabled && stillToSend(m_status)) {
        if (!m_timer->isActive()) {
            m_timer->start();
        }
    } else {
        m_timer->stop();
    }
}

bool QuietHoursPanel::isRefreshing() const
{
    return m_timer->isActive();
}

void QuietHoursPanel::refresh()
{
    if (m_id.isEmpty() || !m_enabled || !stillToSend(m_status) || m_busy) {
        return;
    }
    const QString id = m_id;
    const int generation = m_generation;
    const QDateTime now = m_clock->now();
    const Clock *clock = m_clock;
    m_busy = true;
    m_data.submit<Answer>(
        this,
        [id, now, clock](Database &db) {
            // The stored quiet hours, not the snapshot's: the snapshots do not carry a change
            // made elsewhere (the CLI, another console), this count does.
            Answer a;
            const std::optional<Campaign> c = CampaignStore(db, *clock).findById(id);
            a.settings = c ? c->settings : QJsonObject();
            a.wait = QuietHoursQueue::wait(db, id, QuietHours::fromSettings(a.settings), now);
            return a;
        },
        [this, generation, now](const DataResult<Answer> &r) {
            if (generation != m_generation) {
                return;
            }
            m_busy = false;
            ++m_counts;
            if (!r.ok()) {
                m_wait.reset();
                m_waitLabel->setText(tr("Who waits for their window is not known: %1").arg(r.error));
            } else {
                showQuietHours(r.value->settings);
                if (m_enabled) {
                    m_wait = r.value->wait;
                    m_waitLabel->setText(waitSentence(r.value->wait, now));
                }
            }
            Q_EMIT waitShown();
        });
}

QString QuietHoursPanel::windowText() const
{
    return m_window->text();
}

QString QuietHoursPanel::waitText() const
{
    return m_waitLabel->isHidden() ? QString() : m_waitLabel->text();
}

QString QuietHoursPanel::describe(const QuietHours &q)
{
    const QLocale locale;
    QString text = tr("%1–%2 in each recipient's local time")
                       .arg(locale.toString(q.from, QLocale::ShortFormat),
                            locale.toString(q.until, QLocale::ShortFormat));
    if (q.weekdaysOnly) {
        text = tr("%1, weekdays only").arg(text);
    }
    QStringList zones;
    for (auto it = q.zones.cbegin(); it != q.zones.cend(); ++it) {
        const QLocale::Territory t = QLocale::codeToTerritory(it.key());
        const QString country = t == QLocale::AnyTerritory ? it.key() : QLocale::territoryToString(t);
        zones << tr("%1: %2").arg(country, it.value());
    }
    if (!zones.isEmpty()) {
        text = tr("%1 (%2)").arg(text, zones.join(u"; "_s));
    }
    return text;
}

QString QuietHoursPanel::regionName(const QString &region)
{
    return CountryNames::label(region);
}

QString QuietHoursPanel::openingText(const QDateTime &utc, const QDateTime &now)
{
    const QLocale locale;
    const QDateTime local = utc.toLocalTime();
    const QString time = locale.toString(local.time(), QLocale::ShortFormat);
    if (now.isValid() && now.toLocalTime().date().daysTo(local.date()) < 7) {
        return tr("%1 %2").arg(locale.toString(local.date(), u"ddd"_s), time);
    }
    return tr("%1 %2").arg(locale.toString(local.date(), QLocale::ShortFormat), time);
}

QString QuietHoursPanel::waitSentence(const WindowWait &wait, const QDateTime &now)
{
    if (!wait.holding()) {
        return tr("✓ Every remaining recipient is inside their window now");
    }
    const QString who = tr("%Ln recipient(s) wait for their window now", nullptr, int(wait.waiting));
    if (!wait.nextOpening.isValid()) {
        return who;
    }
    return tr("%1; the next opens %2 (your time) for %3")
        .arg(who, openingText(wait.nextOpening, now), regionName(wait.nextRegion));
}

} // namespace herald::ui
