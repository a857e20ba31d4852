#include "wizard/ApiCall.h"

#include "data/DataService.h"
#include "db/AppSettings.h"
#include "sending/Credentials.h"
#include "settings/SettingKeys.h"

#include <QCoreApplication>

namespace herald::ui {

void ApiCall::settings(const AppContext &app, DataService &data, QObject *context,
                       std::function<void(const ApiSettings &, const QString &)> done)
{
    if (app.apiOverride) {
        done(*app.apiOverride, {});
        return;
    }
    QPointer<QObject> guard(context);
    auto withToken = [&data, guard, done](const QString &token, const QString &why) {
        if (!guard) {
            return;
        }
        if (token.isEmpty()) {
            done({}, why);
            return;
        }
        data.submit<ApiSettings>(
            guard, [](Database &db) { return SettingKeys::apiSettings(AppSettings(db)); },
            [done, token](const DataResult<ApiSettings> &r) {
                if (!r.ok()) {
                    done({}, r.error);
                    return;
                }
                ApiSettings api = *r.value;
                api.setAccessToken(token);
                done(api, {});
            });
    };
    if (!app.credentials) {
        withToken({}, QCoreApplication::translate("NewCampaignWizard",
                                                  "No access token is set: add it in Settings."));
        return;
    }
    app.credentials->accessToken(withToken);
}

} // namespace herald::ui
