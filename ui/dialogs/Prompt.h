#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace herald::ui {

// Every question the console asks and every file name it asks for goes through here, and
// never blocks: the answer arrives by callback once the (window-modal) box is closed. Tests
// queue their answers beforehand (as KeePassXC's MessageBox::setNextAnswer does), so no modal
// loop ever waits for a click that will not come; what would have been shown is recorded.
class Prompt
{
    Q_DECLARE_TR_FUNCTIONS(Prompt)

public:
    enum class Kind { Information, Warning, Error };

    // A yes/no question; `onAnswer(true)` when the user chose `acceptLabel`.
    static void confirm(QWidget *parent, const QString &title, const QString &text,
                        const QString &acceptLabel, std::function<void(bool)> onAnswer);
    // A question with two named answers and no Cancel: `onAnswer(true)` for `yesLabel`; Escape
    // or closing the box answers `noLabel`.
    static void ask(QWidget *parent, const QString &title, const QString &text, const QString &yesLabel,
                    const QString &noLabel, std::function<void(bool)> onAnswer);
    // A line of text, such as a phone number, trimmed; empty when cancelled.
    static void askText(QWidget *parent, const QString &title, const QString &label,
                        std::function<void(QString)> onAnswer);
    // Something to read, with an OK button.
    static void tell(QWidget *parent, Kind kind, const QString &title, const QString &text);
    // File names; empty when cancelled.
    static void saveFileName(QWidget *parent, const QString &caption, const QString &suggested,
                             const QString &filter, std::function<void(QString)> onChosen);
    static void openFileName(QWidget *parent, const QString &caption, const QString &folder,
                             const QString &filter, std::function<void(QString)> onChosen);

    // Test hooks. Once answers are queued (or setTesting(true) is called), nothing is shown:
    // questions take the next queued answer (false when none is left), file dialogs the next
    // queued name and text questions the next queued text (empty when none: cancelled), and
    // every text is recorded.
    static void setTesting(bool on);
    static void setNextAnswer(bool accept);
    static void setNextFileName(const QString &path);
    static void setNextText(const QString &text);
    static QStringList shown(); // "title: text" of everything asked or told, oldest first
    static void clearShown();
};

} // namespace herald::ui
