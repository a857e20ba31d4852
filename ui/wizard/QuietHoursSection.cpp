#include "wizard/QuietHoursSection.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "pricing/RecipientCountries.h"
#include "queue/RecipientRegions.h"
#include "widgets/CountryNames.h"
#include "widgets/Formats.h"
#include "wizard/ScheduleSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSet>
#include <QTimeEdit>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QList<QByteArray> zonesOf(const QString &region)
{
    const QLocale::Territory t = QLocale::codeToTerritory(region);
    return t == QLocale::AnyTerritory ? QList<QByteArray>() : QTimeZone::availableTimeZoneIds(t);
}

// Whether the country's zones keep different clocks at some time of the year: Germany's two
// (Berlin, Büsingen) never do, so there is nothing to choose; the United States' do.
bool clocksDiffer(const QList<QByteArray> &ids)
{
    const int year = QDate::currentDate().year();
    const QDateTime winter(QDate(year, 1, 15), QTime(12, 0), Qt::UTC);
    const QDateTime summer(QDate(year, 7, 15), QTime(12, 0), Qt::UTC);
    QSet<std::pair<int, int>> offsets;
    for (const QByteArray &id : ids) {
        const QTimeZone zone(id);
        offsets.insert({zone.offsetFromUtc(winter), zone.offsetFromUtc(summer)});
    }
    return offsets.size() > 1;
}
} // namespace

QuietHoursSection::QuietHoursSection(DataService &data, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_clock(clock)
    , m_enabled(new QCheckBox(tr("&Only send between"), this))
    , m_from(new QTimeEdit(QTime(9, 0), this))
    , m_until(new QTimeEdit(QTime(20, 0), this))
    , m_weekdays(new QCheckBox(tr("&weekdays only (Monday to Friday)"), this))
    , m_countriesLabel(new QLabel(this))
    , m_zones(new QWidget(this))
    , m_zoneForm(new QFormLayout(m_zones))
    , m_problems(new QLabel(this))
    , m_waitingLabel(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(u"quietHoursSection"_s);
    m_enabled->setObjectName(u"quietHoursEnabled"_s);
    m_from->setObjectName(u"quietFrom"_s);
    m_until->setObjectName(u"quietUntil"_s);
    m_weekdays->setObjectName(u"quietWeekdays"_s);
    m_countriesLabel->setObjectName(u"recipientCountries"_s);
    m_countriesLabel->setWordWrap(true);
    m_zones->setObjectName(u"countryZones"_s);
    m_zoneForm->setContentsMargins(0, 0, 0, 0);
    m_zoneForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_problems->setObjectName(u"quietProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(u"color: #b00020;"_s);
    m_problems->hide();
    m_waitingLabel->setObjectName(u"quietWaiting"_s);
    m_waitingLabel->setWordWrap(true);
    for (QTimeEdit *e : {m_from, m_until}) {
        e->setDisplayFormat(u"HH:mm"_s);
    }
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);

    auto *window = new QHBoxLayout;
    window->addWidget(m_enabled);
    window->addWidget(m_from);
    window->addWidget(new QLabel(tr("and"), this));
    window->addWidget(m_until);
    window->addWidget(new QLabel(tr("in the recipient's local time"), this));
    window->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(window);
    layout->addWidget(m_weekdays);
    layout->addWidget(m_countriesLabel);
    layout->addWidget(m_zones);
    layout->addWidget(m_problems);
    layout->addWidget(m_waitingLabel);
    m_zones->hide();
    m_countriesLabel->hide();

    connect(m_enabled, &QCheckBox::toggled, this, &QuietHoursSection::edited);
    connect(m_from, &QTimeEdit::timeChanged, this, &QuietHoursSection::edited);
    connect(m_until, &QTimeEdit::timeChanged, this, &QuietHoursSection::edited);
    connect(m_weekdays, &QCheckBox::toggled, this, &QuietHoursSection::edited);
    connect(m_debounce, &QTimer::timeout, this, &QuietHoursSection::countWaiting);
    edited();
}

void QuietHoursSection::followSchedule(const ScheduleSection &schedule)
{
    if (m_schedule == &schedule) {
        return;
    }
    if (m_schedule) {
        disconnect(m_schedule, nullptr, this, nullptr);
    }
    m_schedule = &schedule;
    connect(m_schedule, &ScheduleSection::changed, this, &QuietHoursSection::recount);
    recount();
}

void QuietHoursSection::setCampaign(const QString &campaignId)
{
    if (!m_schedule) {
        // The review page holds one "When to send" beside this section.
        if (const auto *schedule = window()->findChild<ScheduleSection *>()) {
            followSchedule(*schedule);
        }
    }
    m_campaignId = campaignId;
    ++m_campaignGeneration;
    ++m_waitGeneration;
    showCountries({});
    m_waitingKnown = false;
    showWaiting();
    if (campaignId.isEmpty()) {
        return;
    }
    const int generation = m_campaignGeneration;
    m_data.submit<QMap<QString, qint64>>(
        this,
        [campaignId](Database &db) {
            // The import stores each row's region, so this finds nothing (one indexed look); it
            // stays for rows an older Herald queued without one, which quiet hours would miss.
            RecipientRegions::fill(db, campaignId);
            return RecipientCountries::count(db, campaignId);
        },
        [this, generation](const DataResult<QMap<QString, qint64>> &r) {
            if (generation != m_campaignGeneration) {
                return;
            }
            if (!r.ok()) {
                m_countriesLabel->setText(
                    tr("The recipients' countries could not be counted: %1").arg(r.error));
                m_countriesLabel->show();
                return;
            }
            showCountries(*r.value);
            edited();
        });
}

void QuietHoursSection::showCountries(const QMap<QString, qint64> &countries)
{
    m_countries = countries;
    for (QComboBox *c : std::as_const(m_zoneCombos)) {
        m_zoneForm->removeRow(c);
    }
    m_zoneCombos.clear();
    if (countries.isEmpty()) {
        m_countriesLabel->hide();
        m_zones->hide();
        return;
    }
    QList<std::pair<QString, qint64>> byCount(countries.keyValueBegin(), countries.keyValueEnd());
    std::stable_sort(byCount.begin(), byCount.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    QStringList parts;
    for (const auto &[region, n] : byCount) {
        parts << tr("%1: %2").arg(CountryNames::label(region), Formats::count(n));
        const QList<QByteArray> ids = zonesOf(region);
        if (clocksDiffer(ids)) {
            auto *combo = new QComboBox(m_zones);
            combo->setObjectName(u"zone_"_s + region);
            const QByteArray main = QuietHours::mainZone(region).id();
            for (const QByteArray &id : ids) {
                combo->addItem(QString::fromUtf8(id), id);
            }
            const int preset = combo->findData(m_presetZones.value(region));
            combo->setCurrentIndex(preset >= 0 ? preset : std::max(0, combo->findData(main)));
            combo->setToolTip(
                tr("The zone Herald uses for every recipient in %1.").arg(CountryNames::label(region)));
            connect(combo, &QComboBox::currentIndexChanged, this, &QuietHoursSection::edited);
            m_zoneForm->addRow(tr("Time zone for %1:").arg(CountryNames::label(region)), combo);
            m_zoneCombos.insert(region, combo);
        }
    }
    m_countriesLabel->setText(tr("Recipients by country: %1").arg(parts.join(u", "_s)));
    m_countriesLabel->show();
    m_zones->setVisible(!m_zoneCombos.isEmpty() && m_enabled->isChecked());
}

QuietHours QuietHoursSection::quietHours() const
{
    QuietHours q;
    q.enabled = m_enabled->isChecked();
    q.from = m_from->time();
    q.until = m_until->time();
    q.weekdaysOnly = m_weekdays->isChecked();
    for (auto it = m_zoneCombos.cbegin(); it != m_zoneCombos.cend(); ++it) {
        q.zones.insert(it.key(), it.value()->currentData().toString());
    }
    return q;
}

void QuietHoursSection::setQuietHours(const QuietHours &quietHours)
{
    m_enabled->setChecked(quietHours.enabled);
    m_from->setTime(quietHours.from);
    m_until->setTime(quietHours.until);
    m_weekdays->setChecked(quietHours.weekdaysOnly);
    m_presetZones = quietHours.zones;
    for (auto it = m_zoneCombos.cbegin(); it != m_zoneCombos.cend(); ++it) {
        if (const int i = it.value()->findData(m_presetZones.value(it.key())); i >= 0) {
            it.value()->setCurrentIndex(i);
        }
    }
    edited();
}

QStringList QuietHoursSection::problems() const
{
    const QuietHours q = quietHours();
    return q.enabled ? q.validate() : QStringList();
}

void QuietHoursSection::edited()
{
    const bool on = m_enabled->isChecked();
    m_from->setEnabled(on);
    m_until->setEnabled(on);
    m_weekdays->setEnabled(on);
    m_zones->setVisible(on && !m_zoneCombos.isEmpty());
    const QStringList why = problems();
    m_problems->setText(why.join(u'\n'));
    m_problems->setVisible(!why.isEmpty());
    recount();
    Q_EMIT changed();
}

void QuietHoursSection::recount()
{
    ++m_waitGeneration;
    m_waitingKnown = false;
    showWaiting();
    if (m_enabled->isChecked() && problems().isEmpty() && !m_campaignId.isEmpty()) {
        m_debounce->start(); // a spin through the hours (or the start time) counts once, at the end
    }
}

QDateTime QuietHoursSection::countMoment() const
{
    const QDateTime now = m_clock.now();
    if (m_schedule && m_schedule->when() == ScheduleSection::When::At) {
        return std::max(now, m_schedule->startUtc());
    }
    return now;
}

void QuietHoursSection::countWaiting()
{
    if (m_campaignId.isEmpty() || !problems().isEmpty() || !m_enabled->isChecked()) {
        return;
    }
    const int generation = m_waitGeneration;
    const QDateTime now = m_clock.now();
    const QDateTime at = countMoment();
    m_waitingLabel->setText(tr("Counting who would wait…"));
    m_waitingLabel->show();
    m_data.submit<WindowWait>(
        this,
        [id = m_campaignId, q = quietHours(), at](Database &db) {
            return QuietHoursQueue::wait(db, id, q, at);
        },
        [this, generation, at, atStart = at > now](const DataResult<WindowWait> &r) {
            if (generation != m_waitGeneration) {
                return;
            }
            if (!r.ok()) {
                m_waitingLabel->setText(tr("Who would wait could not be counted: %1").arg(r.error));
                return;
            }
            m_waiting = *r.value;
            m_waitingAt = at;
            m_waitingAtStart = atStart;
            m_waitingKnown = true;
            showWaiting();
        });
}

void QuietHoursSection::showWaiting()
{
    if (!m_enabled->isChecked() || !m_waitingKnown) {
        m_waitingLabel->hide();
        return;
    }
    const QString start = ScheduleSection::localText(m_waitingAt);
    const QString next = ScheduleSection::localText(m_waiting.nextOpening);
    const QString region = CountryNames::label(m_waiting.nextRegion);
    const int waiting = int(std::min<qint64>(m_waiting.waiting, INT_MAX));
    if (!m_waiting.holding()) {
        m_waitingLabel->setText(
            m_waitingAtStart ? tr("✓ At the start (%1) every recipient is inside the window.").arg(start)
                             : tr("✓ Right now every recipient is inside the window."));
    } else if (m_waitingAtStart) {
        m_waitingLabel->setText(tr("%Ln recipient(s) would wait at the start (%1), outside their window "
                                   "(not failed); the next window opens %2 your time, for %3.",
                                   nullptr, waiting)
                                    .arg(start, next, region));
    } else {
        m_waitingLabel->setText(
            tr("%Ln recipient(s) would wait right now (outside their window, not failed); "
               "the next window opens %1 your time, for %2.",
               nullptr, waiting)
                .arg(next, region));
    }
    m_waitingLabel->show();
}

} // namespace herald::ui
