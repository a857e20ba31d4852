#include "views/StatusBanner.h"

#include "theme/Theme.h"

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace herald::ui {

StatusBanner::StatusBanner(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
{
    setObjectName(u"statusBanner"_s);
    m_text->setObjectName(u"bannerText"_s);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_action->setObjectName(u"bannerAction"_s);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    // A style sheet fixes the banner's palette, so a new theme reaches it only by this signal.
    connect(&Theme::instance(), &Theme::changed, this, [this] {
        if (!styleSheet().isEmpty()) {
            tint();
        }
    });
    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_onAction) {
            m_onAction();
        }
    });
    hide();
}

void StatusBanner::showMessage(Kind kind, const QString &text, const QString &actionLabel,
                               std::function<void()> action)
{
    m_kind = kind;
    tint();
    m_text->setText(text);
    m_onAction = std::move(action);
    m_action->setText(actionLabel);
    m_action->setVisible(!actionLabel.isEmpty() && m_onAction);
    show();
}

void StatusBanner::tint()
{
    // The application's window colour: the banner's own palette carries the style sheet's
    // background, and the parent's may not have taken a new theme yet when this one has.
    const QColor window = QGuiApplication::palette().color(QPalette::Window);
    const QColor background = toneBackground(m_kind, window);
    const QColor edge = toneColor(m_kind);
    const QString sheet = u"#%1 { background: %2; border: 1px solid %3; border-radius: 4px; }"_s.arg(
        objectName(), background.name(), edge.name());
    if (sheet != styleSheet()) { // a new style sheet changes the palette again
        setStyleSheet(sheet);
    }
}

void StatusBanner::clear()
{
    m_onAction = {};
    hide();
}

QString StatusBanner::text() const
{
    return isVisible() || !isHidden() ? m_text->text() : QString();
}

QString StatusBanner::actionLabel() const
{
    return m_action->isHidden() ? QString() : m_action->text();
}

} // namespace herald::ui
