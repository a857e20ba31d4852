#pragma once

#include "wizard/WizardState.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace herald::ui {

// The message as the recipient will see it (header, body, footer, buttons) for one row of the
// file, stepping through the rows, and beneath it the request body exactly as CampaignMessage
// builds it for that row — the builder the sender uses.
class MessagePreview : public QWidget
{
    Q_OBJECT

public:
    MessagePreview(const WizardState &state, QWidget *parent = nullptr);

    void refresh();
    void showRow(int row); // 0-based
    int row() const;
    // What CampaignMessage built for the row shown; empty when it cannot be built (see error).
    QByteArray payload() const { return m_payload; }
    QString error() const { return m_error; }

private:
    const WizardState &m_state;
    QSpinBox *m_row;
    QLabel *m_rowOf;
    QLabel *m_to;
    QWidget *m_bubble;
    QLabel *m_header;
    QLabel *m_body;
    QLabel *m_footer;
    QVBoxLayout *m_buttons;
    QLabel *m_status;
    QToolButton *m_showPayload;
    QPlainTextEdit *m_payloadView;
    QByteArray m_payload;
    QString m_error;
};

} // namespace herald::ui
