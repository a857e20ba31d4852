#include "wizard/FrequencyCapSection.h"

#include "widgets/Formats.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace herald::ui {

FrequencyCapSection::FrequencyCapSection(QWidget *parent)
    : QWidget(parent)
    , m_on(new QCheckBox(tr("Skip recipients any campaign &messaged in the last"), this))
    , m_days(new QSpinBox(this))
    , m_skipped(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(u"frequencyCapSection"_s);
    m_on->setObjectName(u"skipRecent"_s);
    m_days->setObjectName(u"skipRecentDays"_s);
    m_days->setRange(1, 365);
    m_days->setValue(7);
    showDaysSuffix();
    m_days->setEnabled(false);
    m_skipped->setObjectName(u"recentlyMessagedCount"_s);
    m_skipped->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(600);

    auto *row = new QHBoxLayout;
    row->addWidget(m_on);
    row->addWidget(m_days);
    row->addStretch(1);
    auto *counts = new QFormLayout;
    counts->setContentsMargins(0, 0, 0, 0);
    counts->addRow(tr("Messaged recently (skipped):"), m_skipped);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(counts);
    layout->addLayout(row);
    showSkipped(-1, 0);

    connect(m_on, &QCheckBox::toggled, this, [this](bool on) {
        m_days->setEnabled(on);
        edited();
    });
    connect(m_days, &QSpinBox::valueChanged, this, [this] {
        showDaysSuffix();
        edited();
    });
    connect(m_debounce, &QTimer::timeout, this, [this] {
        if (days() != m_lastRequested) {
            m_lastRequested = days();
            Q_EMIT requested(m_lastRequested);
        }
    });
}

int FrequencyCapSection::days() const
{
    return m_on->isChecked() ? m_days->value() : 0;
}

void FrequencyCapSection::setDays(int days)
{
    const QSignalBlocker a(m_on);
    const QSignalBlocker b(m_days);
    m_on->setChecked(days > 0);
    m_days->setEnabled(days > 0);
    if (days > 0) {
        m_days->setValue(days);
    }
    showDaysSuffix();
    m_lastRequested = days;
}

void FrequencyCapSection::showDaysSuffix()
{
    // A suffix is one string for every value; the plural has to follow the value ("1 day").
    const QString withNumber = tr("%n day(s)", nullptr, m_days->value());
    const QString number = QString::number(m_days->value());
    const qsizetype at = withNumber.indexOf(number);
    m_days->setSuffix(at < 0 ? u" "_s + withNumber : withNumber.mid(at + number.size()));
}

void FrequencyCapSection::edited()
{
    m_debounce->start();
}

void FrequencyCapSection::showSkipped(qint64 skipped, int days)
{
    if (skipped < 0 || days <= 0) {
        // Unknown while an import with the cap on runs: its count is on the way, not "off".
        m_skipped->setText(this->days() > 0 ? tr("counting…") : tr("— (off)"));
        return;
    }
    m_skipped->setText(tr("%1 (messaged by another campaign in the last %n day(s))", nullptr, days)
                           .arg(Formats::count(skipped)));
}

} // namespace herald::ui
