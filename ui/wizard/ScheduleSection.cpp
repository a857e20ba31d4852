#include "wizard/ScheduleSection.h"

#include "db/Clock.h"

#include <QButtonGroup>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QRadioButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace herald::ui {

ScheduleSection::ScheduleSection(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_draft(new QRadioButton(tr("&Keep it as a draft (start it later from the campaign list)"), this))
    , m_now(new QRadioButton(tr("&Start sending as soon as the campaign is created"), this))
    , m_at(new QRadioButton(tr("Start &at:"), this))
    , m_time(new QDateTimeEdit(this))
    , m_problem(new QLabel(this))
{
    setObjectName(u"scheduleSection"_s);
    m_draft->setObjectName(u"keepDraft"_s);
    m_now->setObjectName(u"startNow"_s);
    m_at->setObjectName(u"startAt"_s);
    m_time->setObjectName(u"startTime"_s);
    m_problem->setObjectName(u"scheduleProblem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #b00020;"_s);
    m_problem->hide();
    auto *group = new QButtonGroup(this);
    group->addButton(m_draft);
    group->addButton(m_now);
    group->addButton(m_at);
    m_draft->setChecked(true);

    // Local time on screen; the next full hour is the likeliest wish.
    const QDateTime local = m_clock.now().toLocalTime();
    m_time->setDateTime(local.addSecs(3600 - local.time().minute() * 60 - local.time().second()));
    m_time->setTimeSpec(Qt::LocalTime);
    m_time->setCalendarPopup(true);
    m_time->setDisplayFormat(localFormat());
    m_time->setEnabled(false);
    m_time->setToolTip(tr("Your local time; Herald stores it in UTC."));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_draft, 0, 0, 1, 3);
    layout->addWidget(m_now, 1, 0, 1, 3);
    layout->addWidget(m_at, 2, 0);
    layout->addWidget(m_time, 2, 1);
    auto *localNote = new QLabel(tr("your local time"), this);
    localNote->setObjectName(u"localTimeNote"_s);
    layout->addWidget(localNote, 2, 2);
    layout->addWidget(m_problem, 3, 0, 1, 3);
    layout->setColumnStretch(2, 1);

    connect(group, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (on) {
            m_time->setEnabled(m_at->isChecked());
            refresh();
            Q_EMIT changed();
        }
    });
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, [this] {
        refresh();
        Q_EMIT changed();
    });
}

ScheduleSection::When ScheduleSection::when() const
{
    return m_at->isChecked() ? When::At : m_now->isChecked() ? When::Now : When::Draft;
}

QDateTime ScheduleSection::startUtc() const
{
    QDateTime t = m_time->dateTime();
    t.setTime(QTime(t.time().hour(), t.time().minute())); // whole minutes, as shown
    return t.toUTC();
}

QString ScheduleSection::problem() const
{
    if (when() != When::At) {
        return {};
    }
    if (startUtc() <= m_clock.now()) {
        return tr("%1 has passed: choose a later time, or start now.").arg(localText(startUtc()));
    }
    return {};
}

QString ScheduleSection::localFormat()
{
    // The locale's short date and time, without seconds: nobody schedules to the second.
    QString time = QLocale().timeFormat(QLocale::ShortFormat);
    time.remove(QRegularExpression(u"[:.]ss?"_s));
    return QLocale().dateFormat(QLocale::ShortFormat) + u' ' + time;
}

QString ScheduleSection::localText(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), localFormat());
}

void ScheduleSection::setAdding(bool adding)
{
    m_draft->setText(adding ? tr("&Leave the campaign as it is (start or resume it later from the list)")
                            : tr("&Keep it as a draft (start it later from the campaign list)"));
    m_now->setText(adding ? tr("&Start or resume sending once the contacts are added")
                          : tr("&Start sending as soon as the campaign is created"));
    m_at->setVisible(!adding);
    m_time->setVisible(!adding);
    if (QWidget *note = findChild<QLabel *>(u"localTimeNote"_s)) {
        note->setVisible(!adding);
    }
    if (adding && m_at->isChecked()) {
        m_draft->setChecked(true);
    }
}

void ScheduleSection::refresh()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
}

} // namespace herald::ui
