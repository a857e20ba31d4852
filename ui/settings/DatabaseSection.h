#pragma once

#include <QGroupBox>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace herald::ui {

// The database this user's console opens (DatabaseChoice): the embedded SQLite file (the
// default one or another) or a PostgreSQL server, whose password goes to the keychain, never
// to the settings file. "Test connection" opens the database on a thread of its own. A change
// takes effect when Herald is restarted.
class DatabaseSection : public QGroupBox
{
    Q_OBJECT

public:
    explicit DatabaseSection(const QString &openNow, QWidget *parent = nullptr);

    // What the fields say, as a --db value without the password ("" = embedded default).
    QString location() const;
    // Empty when the fields can be stored; else why not (also shown under the field).
    QString problem() const;
    bool changed() const;

    void testConnection();
    bool isTesting() const { return m_testing; }
    QString testResult() const;
    // Stores the choice (DatabaseChoice::store); `done(problem)`.
    void save(std::function<void(QString problem)> done);

Q_SIGNALS:
    void edited();
    void tested(bool ok);

private:
    void load();
    void updateEnabled();
    void recheck();
    void browse();
    void showResult(bool ok, const QString &text);

    QRadioButton *m_embedded;
    QRadioButton *m_postgres;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLineEdit *m_url;
    QLineEdit *m_password;
    QLabel *m_error;
    QPushButton *m_test;
    QLabel *m_result;
    QLabel *m_note;
    QString m_loadedLocation;
    bool m_passwordStored = false;
    bool m_testing = false;
};

} // namespace herald::ui
