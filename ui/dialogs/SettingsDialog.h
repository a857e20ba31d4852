#pragma once

#include <QDialog>

namespace herald::ui {

class Credentials;
class DataService;
struct AppContext;

// Graph API base URL and version, phone number id, WhatsApp Business Account id, access token
// (kept in the operating system's keychain), default region, rate ceiling and concurrency,
// retry of "no response", database (embedded file or PostgreSQL URL, with Test connection) and
// language. What belongs to the database is stored under the keys `herald-cli config` uses
// (SettingKeys), so a console and the command line on one database always agree.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~SettingsDialog() override;

Q_SIGNALS:
    void saved();

private:
    DataService &m_data;
};

} // namespace herald::ui
