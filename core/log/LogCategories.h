#pragma once

#include <QLoggingCategory>

// One logging category per module, so QT_LOGGING_RULES can turn a module's debug output on
// ("herald.sender.debug=true") without the rest. Debug messages are off unless a rule turns
// them on; info and above always reach the log file.
namespace herald {

Q_DECLARE_LOGGING_CATEGORY(lcDb)       // herald.db: connections, migrations
Q_DECLARE_LOGGING_CATEGORY(lcSender)   // herald.sender: campaigns sent, leases, holds
Q_DECLARE_LOGGING_CATEGORY(lcImport)   // herald.import: contact files read and imported
Q_DECLARE_LOGGING_CATEGORY(lcCloudApi) // herald.cloudapi: requests to the Graph API
Q_DECLARE_LOGGING_CATEGORY(lcSettings) // herald.settings: API settings, keychain
Q_DECLARE_LOGGING_CATEGORY(lcUi)       // herald.ui: the console
Q_DECLARE_LOGGING_CATEGORY(lcLog)      // herald.log: the log files themselves

} // namespace herald
