#pragma once

#include "queue/FailureSummary.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;

namespace herald::ui {

class DataService;

// Resend failed messages, by reason: every reason of the campaign with its count and its
// meaning, the ones to resend ticked. "no response" and "interrupted" messages may have reached
// their recipients; the dialog says so before they are queued again.
class ResendDialog : public QDialog
{
    Q_OBJECT

public:
    ResendDialog(DataService &data, const QString &campaignId, const QString &campaignName,
                 const QStringList &preselected, QWidget *parent = nullptr);

    QStringList chosenReasons() const;
    QListWidget *list() const { return m_list; }
    QLabel *warning() const { return m_warning; } // shown while a reason that may have arrived is ticked
    // Resends the chosen reasons on the data thread, then closes; messages that may have arrived
    // ("interrupted", "no response") only after the user confirms once more.
    void accept() override;

Q_SIGNALS:
    void resent(qint64 count);

private:
    void load(const QList<ReasonCount> &reasons);
    void updateChoice();
    void resend(const QStringList &reasons);

    DataService &m_data;
    QString m_campaignId;
    QStringList m_preselected;
    QLabel *m_summary;
    QListWidget *m_list;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
};

} // namespace herald::ui
