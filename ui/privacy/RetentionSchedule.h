#pragma once

#include "AppContext.h"
#include "privacy/Retention.h"

#include <QObject>
#include <QTimer>

namespace herald::ui {

class DataService;
class SenderStatusBar;

// The retention setting (privacy.retention_days) applied by the console: once shortly after
// start, when the window is up (AppContext::retentionDelay), then every day while it runs
// (retentionEvery), on the data thread (core/privacy/Retention, as herald-cli purge does). 0 or
// unset keeps everything. What was purged is logged, and shown in the status bar when there
// was anything; a failure is logged and tried again the next day.
class RetentionSchedule : public QObject
{
    Q_OBJECT

public:
    RetentionSchedule(DataService &data, const AppContext &context, SenderStatusBar *status,
                      QObject *parent = nullptr);

    // Applies the stored setting now, unless a purge is already running.
    void applyNow();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // After every purge; result.rows > 0 when recipient details were erased.
    void applied(const herald::RetentionResult &result);
    // Only when something was erased: views should reload.
    void purged();
    void failed(const QString &why);

private:
    DataService &m_data;
    AppContext m_context;
    SenderStatusBar *m_status;
    QTimer m_first;
    QTimer m_daily;
    bool m_busy = false;
};

} // namespace herald::ui
