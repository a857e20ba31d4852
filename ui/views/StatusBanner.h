#pragma once

#include "widgets/MessageTone.h"

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace herald::ui {

// A strip above the campaign's tabs that says why a campaign is paused or stopped, with the
// button that fixes it, or how a completed campaign ended.
class StatusBanner : public QFrame
{
    Q_OBJECT

public:
    using Kind = MessageTone;

    explicit StatusBanner(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &actionLabel = {},
                     std::function<void()> action = {});
    void clear();
    QString text() const;
    QString actionLabel() const;

private:
    void tint();

    Kind m_kind = Kind::Information;
    QLabel *m_text;
    QPushButton *m_action;
    std::function<void()> m_onAction;
};

} // namespace herald::ui
