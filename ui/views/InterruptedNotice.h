#pragma once

#include "sender/InterruptedReport.h"

#include <QFrame>

class QLabel;
class QMenu;
class QPushButton;

namespace herald::ui {

// The strip at the top of the window after a crash or a killed sender: which campaigns had
// messages in flight, how many became "interrupted", and that Meta may have delivered some of
// them. Nothing is resent from here: "Review interrupted…" opens the campaign's Resend dialog
// with those messages, where the user decides.
class InterruptedNotice : public QFrame
{
    Q_OBJECT

public:
    explicit InterruptedNotice(QWidget *parent = nullptr);

    // Shows the report, or stays hidden when nothing was interrupted.
    void showReport(const InterruptedSummary &summary);
    const InterruptedSummary &report() const { return m_summary; }
    bool hasChecked() const { return m_checked; } // a report arrived, empty or not
    QString text() const;
    QPushButton *reviewButton() const { return m_review; }

Q_SIGNALS:
    void reviewRequested(const QString &campaignId);

private:
    QLabel *m_text;
    QPushButton *m_review;
    QPushButton *m_dismiss;
    QMenu *m_campaigns;
    InterruptedSummary m_summary;
    bool m_checked = false;
};

} // namespace herald::ui
