#pragma once

#include "widgets/MessageTone.h"

#include <QObject>

class QWidget;

namespace herald::ui {

// A label's text in a message tone's colour (the note under an estimate, an error under a
// field), kept in the theme's colour when the theme changes: a palette role set once would
// keep the old theme's colour.
class ToneText : public QObject
{
    Q_OBJECT

public:
    static void apply(QWidget *widget, MessageTone tone);
    // Back to the theme's own text colour.
    static void clear(QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
    static void paint(QWidget *widget, MessageTone tone);
};

} // namespace herald::ui
