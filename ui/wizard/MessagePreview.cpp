#include "wizard/MessagePreview.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

MessagePreview::MessagePreview(const WizardState &state, QWidget *parent)
    : QWidget(parent)
    , m_state(state)
    , m_row(new QSpinBox(this))
    , m_rowOf(new QLabel(this))
    , m_to(new QLabel(this))
    , m_bubble(new QFrame(this))
    , m_header(new QLabel(m_bubble))
    , m_body(new QLabel(m_bubble))
    , m_footer(new QLabel(m_bubble))
    , m_buttons(new QVBoxLayout)
    , m_status(new QLabel(this))
    , m_showPayload(new QToolButton(this))
    , m_payloadView(new QPlainTextEdit(this))
{
    setObjectName(u"messagePreview"_s);
    m_row->setObjectName(u"previewRow"_s);
    m_row->setAccessibleName(tr("Preview row"));
    m_row->setMinimum(1);
    m_rowOf->setObjectName(u"previewRowOf"_s);
    auto *previous = new QToolButton(this);
    previous->setArrowType(Qt::LeftArrow);
    previous->setToolTip(tr("Previous row"));
    previous->setAccessibleName(previous->toolTip());
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::RightArrow);
    next->setToolTip(tr("Next row"));
    next->setAccessibleName(next->toolTip());
    auto *stepper = new QHBoxLayout;
    stepper->addWidget(new QLabel(tr("Row"), this));
    stepper->addWidget(previous);
    stepper->addWidget(m_row);
    stepper->addWidget(next);
    stepper->addWidget(m_rowOf);
    stepper->addStretch(1);
    m_to->setObjectName(u"previewTo"_s);

    m_bubble->setObjectName(u"previewBubble"_s);
    m_bubble->setStyleSheet(u"#previewBubble { background: #dcf8c6; border-radius: 8px; }"
                            "QLabel { color: #111; }"_s);
    m_header->setObjectName(u"previewHeader"_s);
    m_header->setWordWrap(true);
    QFont bold = m_header->font();
    bold.setBold(true);
    m_header->setFont(bold);
    m_body->setObjectName(u"previewBody"_s);
    m_body->setWordWrap(true);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_footer->setObjectName(u"previewFooter"_s);
    m_footer->setWordWrap(true);
    m_footer->setStyleSheet(u"color: #667;"_s);
    auto *bubble = new QVBoxLayout(m_bubble);
    bubble->setContentsMargins(10, 8, 10, 8);
    bubble->addWidget(m_header);
    bubble->addWidget(m_body);
    bubble->addWidget(m_footer);
    bubble->addLayout(m_buttons);

    m_status->setObjectName(u"previewStatus"_s);
    m_status->setWordWrap(true);
    m_showPayload->setObjectName(u"showPayload"_s);
    m_showPayload->setText(tr("Show the request body"));
    m_showPayload->setCheckable(true);
    m_showPayload->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_showPayload->setArrowType(Qt::RightArrow);
    m_payloadView->setObjectName(u"previewPayload"_s);
    m_payloadView->setReadOnly(true);
    m_payloadView->setFont(QFont(u"monospace"_s));
    m_payloadView->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(stepper);
    layout->addWidget(m_to);
    layout->addWidget(m_bubble);
    layout->addWidget(m_status);
    layout->addWidget(m_showPayload);
    layout->addWidget(m_payloadView, 1);
    layout->addStretch(0);

    connect(m_row, &QSpinBox::valueChanged, this, &MessagePreview::refresh);
    connect(previous, &QToolButton::clicked, m_row, &QSpinBox::stepDown);
    connect(next, &QToolButton::clicked, m_row, &QSpinBox::stepUp);
    connect(m_showPayload, &QToolButton::toggled, this, [this](bool on) {
        m_payloadView->setVisible(on);
        m_showPayload->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
}

int MessagePreview::row() const
{
    return m_row->value() - 1;
}

void MessagePreview::showRow(int row)
{
    m_row->setValue(row + 1);
    refresh();
}

void MessagePreview::refresh()
{
    const int rows = int(m_state.file.rows.size());
    m_row->setMaximum(qMax(1, rows));
    m_rowOf->setText(m_state.file.estimateExact ? tr("of %1").arg(rows) : tr("of the first %1").arg(rows));
    const int r = row();
    const QJsonObject values = m_state.valuesForRow(r);
    const TemplatePreview shown = TemplateParser::preview(m_state.parsed, values, m_state.defaults());
    m_header->setVisible(!shown.header.isEmpty());
    m_header->setText(shown.header);
    m_body->setText(shown.body);
    m_footer->setVisible(!shown.footer.isEmpty());
    m_footer->setText(shown.footer);
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const QString &caption : shown.buttons) {
        auto *button = new QPushButton(caption, m_bubble);
        button->setObjectName(u"previewButton"_s);
        button->setFocusPolicy(Qt::NoFocus);
        m_buttons->addWidget(button);
    }

    const PhoneNumberResult number = m_state.numberForRow(r);
    m_to->setText(number.ok
                      ? tr("To %1").arg(number.e164)
                      : tr("Row %1 has no number Herald can send to: %2").arg(r + 1).arg(number.message));
    m_payload.clear();
    m_error.clear();
    if (!m_state.templ) {
        m_error = tr("Choose a template.");
    } else {
        const MessageBuilder::Result built =
            m_state.message().build(number.ok ? number.e164 : QString(), values);
        if (built.error.isEmpty() && number.ok) {
            m_payload = built.json;
        } else {
            m_error = number.ok ? built.error : tr("This row is not imported: it has no number to send to.");
        }
    }
    m_status->setText(m_error.isEmpty() ? tr("This row is sent as shown.")
                                        : tr("This row cannot be sent: %1").arg(m_error));
    m_status->setStyleSheet(m_error.isEmpty() ? u"color: #1b7f3b;"_s : u"color: #b00020;"_s);
    m_payloadView->setPlainText(
        m_payload.isEmpty() ? m_error : QString::fromUtf8(QJsonDocument::fromJson(m_payload).toJson()));
}

} // namespace herald::ui
