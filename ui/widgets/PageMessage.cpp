#include "widgets/PageMessage.h"

#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace herald::ui {

PageMessage::PageMessage(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setFlat(true);
    m_close->setToolTip(tr("Hide this message"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 4, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_action, &QPushButton::clicked, this, &PageMessage::triggerAction);
    connect(m_close, &QPushButton::clicked, this, &PageMessage::clear);
    hide();
}

void PageMessage::showMessage(Kind kind, const QString &text, const QString &actionLabel,
                              std::function<void()> action)
{
    m_kind = kind;
    tint();
    m_text->setText(text);
    m_action->setText(actionLabel);
    m_action->setVisible(!actionLabel.isEmpty() && action);
    m_onAction = std::move(action);
    show();
}

void PageMessage::tint()
{
    // The application's window colour: the parent may not have taken a new theme yet.
    const QColor base = QGuiApplication::palette().color(QPalette::Window);
    const QColor background = toneBackground(m_kind, base);
    if (palette().color(QPalette::Window) != background) {
        QPalette p = palette();
        p.setColor(QPalette::Window, background);
        setPalette(p);
    }
}

void PageMessage::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        tint(); // the theme changed; only the window colour is this strip's own
    }
}

void PageMessage::clear()
{
    m_text->clear();
    m_onAction = {};
    hide();
}

QString PageMessage::text() const
{
    return m_text->text();
}

QString PageMessage::actionLabel() const
{
    return m_action->isVisibleTo(this) ? m_action->text() : QString();
}

void PageMessage::triggerAction()
{
    if (m_onAction) {
        const std::function<void()> action = m_onAction;
        action();
    }
}

} // namespace herald::ui
