#include "dialogs/Prompt.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QQueue>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
struct TestHooks
{
    bool testing = false;
    QQueue<bool> answers;
    QQueue<QString> fileNames;
    QQueue<QString> texts;
    QStringList shown;
};

TestHooks &hooks()
{
    static TestHooks h;
    return h;
}

void later(std::function<void()> f)
{
    QTimer::singleShot(0, qApp, std::move(f));
}
} // namespace

void Prompt::setTesting(bool on)
{
    hooks().testing = on;
}

void Prompt::setNextAnswer(bool accept)
{
    hooks().testing = true;
    hooks().answers.enqueue(accept);
}

void Prompt::setNextFileName(const QString &path)
{
    hooks().testing = true;
    hooks().fileNames.enqueue(path);
}

void Prompt::setNextText(const QString &text)
{
    hooks().testing = true;
    hooks().texts.enqueue(text);
}

QStringList Prompt::shown()
{
    return hooks().shown;
}

void Prompt::clearShown()
{
    hooks().shown.clear();
}

void Prompt::confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel,
                     std::function<void(bool)> onAnswer)
{
    TestHooks &h = hooks();
    if (h.testing) {
        h.shown << title + u": "_s + text;
        const bool answer = h.answers.isEmpty() ? false : h.answers.dequeue();
        later([onAnswer = std::move(onAnswer), answer] { onAnswer(answer); });
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(u"confirmBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *accept = box->addButton(acceptLabel, QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel); // a stray Enter never deletes or cancels
    QObject::connect(box, &QMessageBox::finished, box, [box, accept, onAnswer = std::move(onAnswer)](int) {
        onAnswer(box->clickedButton() == accept);
    });
    box->open();
}

void Prompt::ask(QWidget *parent, const QString &title, const QString &text, const QString &yesLabel,
                 const QString &noLabel, std::function<void(bool)> onAnswer)
{
    TestHooks &h = hooks();
    if (h.testing) {
        h.shown << title + u": "_s + text;
        const bool answer = h.answers.isEmpty() ? false : h.answers.dequeue();
        later([onAnswer = std::move(onAnswer), answer] { onAnswer(answer); });
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(u"questionBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *yes = box->addButton(yesLabel, QMessageBox::YesRole);
    QPushButton *no = box->addButton(noLabel, QMessageBox::NoRole);
    box->setDefaultButton(no);
    box->setEscapeButton(no);
    QObject::connect(box, &QMessageBox::finished, box, [box, yes, onAnswer = std::move(onAnswer)](int) {
        onAnswer(box->clickedButton() == yes);
    });
    box->open();
}

void Prompt::askText(QWidget *parent, const QString &title, const QString &label,
                     std::function<void(QString)> onAnswer)
{
    TestHooks &h = hooks();
    if (h.testing) {
        h.shown << title + u": "_s + label;
        const QString text = h.texts.isEmpty() ? QString() : h.texts.dequeue().trimmed();
        later([onAnswer = std::move(onAnswer), text] { onAnswer(text); });
        return;
    }
    auto *dialog = new QInputDialog(parent);
    dialog->setObjectName(u"textPrompt"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(title);
    dialog->setLabelText(label);
    dialog->setInputMode(QInputDialog::TextInput);
    QObject::connect(dialog, &QInputDialog::finished, dialog,
                     [dialog, onAnswer = std::move(onAnswer)](int result) {
                         onAnswer(result == QDialog::Accepted ? dialog->textValue().trimmed() : QString());
                     });
    dialog->open();
}

void Prompt::tell(QWidget *parent, Kind kind, const QString &title, const QString &text)
{
    TestHooks &h = hooks();
    if (h.testing) {
        h.shown << title + u": "_s + text;
        return;
    }
    const QMessageBox::Icon icon = kind == Kind::Error     ? QMessageBox::Critical
                                   : kind == Kind::Warning ? QMessageBox::Warning
                                                           : QMessageBox::Information;
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setObjectName(u"messageBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}

void Prompt::saveFileName(QWidget *parent, const QString &caption, const QString &suggested,
                          const QString &filter, std::function<void(QString)> onChosen)
{
    TestHooks &h = hooks();
    if (h.testing) {
        h.shown << caption;
        const QString name = h.fileNames.isEmpty() ? QString() : h.fileNames.dequeue();
        later([onChosen = std::move(onChosen), name] { onChosen(name); });
        return;
    }
    auto *dialog = new QFileDialog(parent, caption, suggested, filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->selectFile(suggested);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, onChosen);
    QObject::connect(dialog, &QFileDialog::rejected, dialog, [onChosen] { onChosen({}); });
    dialog->open();
}

void Prompt::openFileName(QWidget *parent, const QString &caption, const QString &folder,
                          const QString &filter, std::function<void(QString)> onChosen)
{
    TestHooks &h = hooks();
    if (h.testing) {
        h.shown << caption;
        const QString name = h.fileNames.isEmpty() ? QString() : h.fileNames.dequeue();
        later([onChosen = std::move(onChosen), name] { onChosen(name); });
        return;
    }
    auto *dialog = new QFileDialog(parent, caption, folder, filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, onChosen);
    QObject::connect(dialog, &QFileDialog::rejected, dialog, [onChosen] { onChosen({}); });
    dialog->open();
}

} // namespace herald::ui
