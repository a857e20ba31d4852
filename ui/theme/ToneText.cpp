#include "theme/ToneText.h"

#include <QEvent>
#include <QWidget>

namespace herald::ui {

namespace {
constexpr const char *kToneProperty = "heraldTone";
}

void ToneText::apply(QWidget *widget, MessageTone tone)
{
    if (!widget->findChild<ToneText *>(QString(), Qt::FindDirectChildrenOnly)) {
        widget->installEventFilter(new ToneText(widget));
    }
    widget->setProperty(kToneProperty, int(tone));
    paint(widget, tone);
}

void ToneText::clear(QWidget *widget)
{
    if (widget->property(kToneProperty).isValid()) {
        widget->setProperty(kToneProperty, QVariant());
        widget->setPalette(QPalette());
    }
}

void ToneText::paint(QWidget *widget, MessageTone tone)
{
    const QColor color = toneColor(tone);
    if (widget->palette().color(QPalette::WindowText) != color) { // setting it sends PaletteChange
        QPalette p = widget->palette();
        p.setColor(QPalette::WindowText, color);
        p.setColor(QPalette::Text, color);
        widget->setPalette(p);
    }
}

bool ToneText::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        auto *widget = qobject_cast<QWidget *>(watched);
        const QVariant tone = watched->property(kToneProperty);
        if (widget && tone.isValid()) {
            paint(widget, MessageTone(tone.toInt()));
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace herald::ui
