#pragma once

#include "queue/QuietHours.h"
#include "queue/QuietHoursQueue.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QTimeEdit;
class QTimer;

namespace herald {
class Clock;
}

namespace herald::ui {

class DataService;
class ScheduleSection;

// Quiet hours on the review page: send only inside a window of each recipient's local time,
// optionally on weekdays only. Shows the countries the imported recipients are in, a zone
// choice for each of those that span several zones, what is wrong with the window, and how
// many recipients would wait when sending starts (counted on the data thread: now, or the
// schedule's later start) and when the next window opens.
class QuietHoursSection : public QWidget
{
    Q_OBJECT

public:
    QuietHoursSection(DataService &data, const Clock &clock, QWidget *parent = nullptr);

    // The draft whose recipients the section describes; empty while there is none.
    void setCampaign(const QString &campaignId);

    // The "When to send" choice whose start the waiting count follows. Without one, the section
    // looks for the one in its window when it is given a campaign.
    void followSchedule(const ScheduleSection &schedule);

    QuietHours quietHours() const;
    // Starts from a campaign's stored choice (Duplicate, Change mapping); its zones apply to the
    // countries the recipients turn out to be in.
    void setQuietHours(const QuietHours &quietHours);
    // validate()'s sentences for the current choice; empty when usable (or off).
    QStringList problems() const;
    // The last count of who would wait at waitingAt(); valid once waitingKnown().
    const WindowWait &waiting() const { return m_waiting; }
    // The moment that count is for: now, or the schedule's start when that is later.
    const QDateTime &waitingAt() const { return m_waitingAt; }
    bool waitingKnown() const { return m_waitingKnown; }
    // The recipients' countries as counted after the import (region → recipients).
    const QMap<QString, qint64> &countries() const { return m_countries; }

Q_SIGNALS:
    void changed();

private:
    void edited();
    void showCountries(const QMap<QString, qint64> &countries);
    void recount();
    QDateTime countMoment() const;
    void countWaiting();
    void showWaiting();

    DataService &m_data;
    const Clock &m_clock;
    const ScheduleSection *m_schedule = nullptr;
    QString m_campaignId;
    int m_campaignGeneration = 0; // countries of an earlier draft are dropped
    int m_waitGeneration = 0;     // so is a count made for an earlier draft or choice
    QMap<QString, qint64> m_countries;
    QMap<QString, QComboBox *> m_zoneCombos;
    QMap<QString, QString> m_presetZones; // region → zone id, from setQuietHours()
    WindowWait m_waiting;
    QDateTime m_waitingAt;
    bool m_waitingAtStart = false; // counted at a scheduled start, not now
    bool m_waitingKnown = false;

    QCheckBox *m_enabled;
    QTimeEdit *m_from;
    QTimeEdit *m_until;
    QCheckBox *m_weekdays;
    QLabel *m_countriesLabel;
    QWidget *m_zones;
    QFormLayout *m_zoneForm;
    QLabel *m_problems;
    QLabel *m_waitingLabel;
    QTimer *m_debounce;
};

} // namespace herald::ui
