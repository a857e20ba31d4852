#pragma once

#include <QDialog>
#include <QList>
#include <QMap>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QTabWidget;

namespace herald::ui {

class Credentials;
class DataService;
class DatabaseSection;
class SettingField;
class TokenSection;
struct AppContext;

// Graph API base URL and version, phone number id, WhatsApp Business Account id, access token
// (kept in the operating system's keychain), default region, rate ceiling and concurrency,
// retry of "no response", database (embedded file or PostgreSQL URL, with Test connection) and
// language; the account's phone numbers and rate cards, stored at once by their own sections.
// What belongs to the database is stored under the keys `herald-cli config` uses
// (SettingKeys), so a console and the command line on one database always agree; every field
// is checked by SettingKeys::check and shows its reason underneath. The database and the
// language are this user's (QSettings; a password goes to the keychain) and apply on restart.
// Reads and writes of app_settings are DataService jobs.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // For tests and the screenshot script.
    SettingField *field(const QString &key) const;
    TokenSection *tokenSection() const { return m_token; }
    DatabaseSection *databaseSection() const { return m_database; }
    QComboBox *languageBox() const { return m_language; }
    QTabWidget *tabs() const { return m_tabs; }
    bool isLoaded() const { return m_loaded; }
    bool isSaving() const { return m_saving; }
    QString message() const;

    // Checks every field, then stores what changed; closes when everything was stored.
    void save();

Q_SIGNALS:
    void saved();

private:
    QWidget *buildApiTab(Credentials *credentials);
    QWidget *buildSendingTab();
    QWidget *buildComputerTab(const QString &openNow);
    SettingField *addField(QFormLayout *form, const QString &key, const QString &label, bool flag = false,
                           bool hint = true);
    void load();
    void finishSave();
    void showMessage(const QString &text, bool error);
    void showTabOf(QWidget *widget);

    DataService &m_data;
    QTabWidget *m_tabs;
    QList<SettingField *> m_fields;
    TokenSection *m_token = nullptr;
    DatabaseSection *m_database = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QMap<QString, QString> m_stored; // app_settings as loaded
    bool m_loaded = false;
    bool m_saving = false;
    // The parts of a save still running and whether all went well.
    int m_pendingParts = 0;
    bool m_saveFailed = false;
    bool m_restartNeeded = false;
    QWidget *m_failedPart = nullptr; // the first part whose save failed, to show its tab
};

} // namespace herald::ui
