#pragma once

#include "db/DatabaseConfig.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

class QObject;

namespace herald::ui {

// Which database the console opens: --db, else HERALD_DB, else the user's choice from the
// Settings dialog, else the embedded default. The user's choice is per user (QSettings), since
// the database cannot hold the setting that says which database to open; a PostgreSQL URL is
// stored there without its password, which lives in the operating system's keychain.
class DatabaseChoice
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseChoice)

public:
    enum class Source { CommandLine, Environment, UserChoice, Embedded };

    struct Resolved
    {
        DatabaseConfig config;
        Source source = Source::Embedded;
        QString error;   // the choice cannot be used at all (a malformed address)
        QString warning; // it can be tried, but something is missing (the password)
        bool ok() const { return error.isEmpty(); }
    };

    // QSettings keys. The location is a SQLite path or a PostgreSQL URL without its password;
    // empty means the embedded default.
    static inline const QString LocationKey = QStringLiteral("database/location");
    static inline const QString PasswordInKeychainKey = QStringLiteral("database/password_in_keychain");

    static QString storedLocation();
    static bool storedPasswordInKeychain();

    // Splits what a user typed into the location without the password, and the password.
    static bool split(const QString &spec, QString *location, QString *password, QString *error);
    // The location with a password put back, for DatabaseConfig::parse.
    static QString withPassword(const QString &location, const QString &password);
    // The keychain entry of a location's password.
    static QString keychainKey(const QString &location);

    // Answers by callback on `context`'s thread, always after returning (the keychain may be
    // asked for a password).
    static void resolve(const QString &commandLineValue, QObject *context,
                        std::function<void(const Resolved &)> done);
    // A location made whole: the password comes from the keychain when one was stored for it.
    static void complete(const QString &location, bool passwordInKeychain, QObject *context,
                         std::function<void(const Resolved &)> done);

    // Stores the user's choice: the password in the keychain (an empty one removes it unless
    // `keepStoredPassword`), the rest in QSettings. Nothing is stored when the keychain refuses
    // the password. `done(problem)`: empty when stored.
    static void store(const QString &spec, const QString &password, bool keepStoredPassword, QObject *context,
                      std::function<void(QString problem)> done);

    // "from --db", "from HERALD_DB", … for the status bar and the dialog.
    static QString describe(Source source);
};

} // namespace herald::ui
