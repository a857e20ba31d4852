#include "log/LogCategories.h"

namespace herald {

Q_LOGGING_CATEGORY(lcDb, "herald.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSender, "herald.sender", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "herald.import", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCloudApi, "herald.cloudapi", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSettings, "herald.settings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "herald.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLog, "herald.log", QtInfoMsg)

} // namespace herald
