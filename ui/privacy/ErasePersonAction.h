#pragma once

#include "AppContext.h"
#include "privacy/Erasure.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace herald::ui {

class DataService;

// Tools ▸ Erase a Person's Data…: asks for the number (read as the import reads it, in the
// stored default region), whether to add it to the opt-out list, and for a last confirmation,
// then erases on the data thread (core/privacy/Erasure, as herald-cli erase does) and says what
// it did. A number that is not one, a message to it in flight or a database error is told,
// and nothing is erased.
class ErasePersonAction : public QObject
{
    Q_OBJECT

public:
    ErasePersonAction(QWidget *window, DataService &data, const AppContext &context, QMenu *tools);

    QAction *action() const { return m_action; }
    bool isBusy() const { return m_busy; }

    // What the menu item does.
    void start();

Q_SIGNALS:
    // After an erasure that went through: the rows may have changed, views should reload.
    void erased(const herald::ErasureResult &result);
    // The erasure, or reading the number, failed; nothing was erased. Also told to the user.
    void failed(const QString &why);
    // The user cancelled, or the number was refused, before anything was erased.
    void dropped();

private:
    void check(const QString &raw);
    void askOptOut(const QString &e164);
    void confirm(const QString &e164, bool optOut);
    void erase(const QString &e164, bool optOut);
    void setBusy(bool busy);

    QWidget *m_window;
    DataService &m_data;
    AppContext m_context;
    QAction *m_action;
    bool m_busy = false; // from the first question to the answer: one erasure at a time
};

} // namespace herald::ui
