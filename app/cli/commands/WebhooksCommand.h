#pragma once

#include "Command.h"

#include <QCommandLineOption>
#include <QCoreApplication>

namespace herald::cli {

// `webhooks serve`: runs the receiver for Meta's webhook callbacks (WebhookReceiver) until
// SIGTERM or Ctrl+C, which stop accepting, answer what is in flight and exit 0. The app
// secret and verify token come from HERALD_APP_SECRET and HERALD_WEBHOOK_VERIFY_TOKEN, else
// the keychain — never settings, the command line or the database.
// `webhooks status`: whether delivery tracking is alive — per business number the last
// callback and counts (webhook_sources), parked callbacks waiting, and running campaigns'
// delivered and read.
class WebhooksCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(WebhooksCommand)

public:
    static constexpr const char *SecretVariable = "HERALD_APP_SECRET";
    static constexpr const char *VerifyTokenVariable = "HERALD_WEBHOOK_VERIFY_TOKEN";
    // Keychain entries (service SystemKeychain::Service).
    static inline const QString SecretKey = QStringLiteral("webhook-app-secret");
    static inline const QString VerifyTokenKey = QStringLiteral("webhook-verify-token");

    WebhooksCommand();
    QString name() const override;
    QString summary() const override;
    bool supportsJson() const override { return true; }
    Needs needsFor(const QStringList &positional) const override
    {
        return positional.value(0) == QLatin1StringView("secret") ? Needs::Nothing : needs();
    }
    int maxPositionalArguments() const override { return 3; } // secret set|clear NAME
    void addOptions(QCommandLineParser &parser) override;
    ExitCode run(CliContext &context) override;

private:
    ExitCode serve(CliContext &context);
    ExitCode status(CliContext &context);
    ExitCode secret(CliContext &context);

    QCommandLineOption m_listen;
    QCommandLineOption m_tlsCert;
    QCommandLineOption m_tlsKey;
};

} // namespace herald::cli
