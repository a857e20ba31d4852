#pragma once

#include <QDateTime>
#include <QWidget>

class QDateTimeEdit;
class QLabel;
class QRadioButton;

namespace herald {
class Clock;
}

namespace herald::ui {

// "When to send" on the review page: start when Finish is clicked, start at a date and time
// (chosen in local time, stored in UTC), or keep the campaign as a draft. One choice, so the
// user cannot ask for two at once.
class ScheduleSection : public QWidget
{
    Q_OBJECT

public:
    enum class When { Draft, Now, At };

    ScheduleSection(const Clock &clock, QWidget *parent = nullptr);

    When when() const;
    // The chosen start in UTC (for When::At).
    QDateTime startUtc() const;
    // Why the choice cannot be used now (a time that has passed); empty when it can.
    QString problem() const;
    // Shows problem() beside the time; called again before Finish, since time moves on.
    void refresh();
    // Adding contacts to an existing campaign: leave it as it is, or start (resume) it; its
    // schedule is not the wizard's to change.
    void setAdding(bool adding);

    // A moment in the user's local time, to the minute: "02/12/2026 09:00".
    static QString localText(const QDateTime &utc);
    static QString localFormat();

Q_SIGNALS:
    void changed();

private:
    const Clock &m_clock;
    QRadioButton *m_draft;
    QRadioButton *m_now;
    QRadioButton *m_at;
    QDateTimeEdit *m_time;
    QLabel *m_problem;
};

} // namespace herald::ui
