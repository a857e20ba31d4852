#pragma once

#include "widgets/MessageTone.h"

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace herald::ui {

// A tinted strip at the top of a page that says what an action did or why it failed, in
// words, with at most one button that leads on (e.g. "Open Settings…"). Hidden when empty.
class PageMessage : public QFrame
{
    Q_OBJECT

public:
    using Kind = MessageTone;

    explicit PageMessage(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &actionLabel = {},
                     std::function<void()> action = {});
    void clear();
    QString text() const;
    Kind kind() const { return m_kind; }
    QString actionLabel() const;
    void triggerAction(); // what the button does, for tests

protected:
    void changeEvent(QEvent *event) override;

private:
    void tint();

    QLabel *m_text;
    QPushButton *m_action;
    QPushButton *m_close;
    std::function<void()> m_onAction;
    Kind m_kind = Kind::Information;
};

} // namespace herald::ui
