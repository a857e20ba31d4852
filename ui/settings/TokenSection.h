#pragma once

#include <QGroupBox>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace herald::ui {

class Credentials;

// The access token in the Settings dialog: where the console's token comes from now, a field
// for a new one (stored in the operating system's keychain on save), and removal. When the
// keychain cannot be used it says so and offers to keep the token in memory for this session
// only; the token is never written anywhere else, and never shown back.
class TokenSection : public QGroupBox
{
    Q_OBJECT

public:
    TokenSection(Credentials *credentials, QWidget *parent = nullptr);

    // Asks the credentials where the token comes from (asynchronously).
    void refresh();
    bool hasNewToken() const;
    // Stores a newly entered token; `done(true)` when there was none or it is in the keychain.
    void save(std::function<void(bool ok)> done);
    void keepForSession();
    void forget();

    QString statusText() const;
    QString errorText() const;
    bool offersSessionOnly() const;

Q_SIGNALS:
    void edited();

private:
    void showError(const QString &text, bool offerSessionOnly);

    Credentials *m_credentials;
    QLabel *m_status;
    QLineEdit *m_field;
    QLabel *m_error;
    QPushButton *m_keep;
    QPushButton *m_remove;
};

} // namespace herald::ui
