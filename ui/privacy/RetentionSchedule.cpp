#include "privacy/RetentionSchedule.h"

#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "log/LogCategories.h"
#include "settings/SettingKeys.h"
#include "widgets/SenderStatusBar.h"

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
struct Applied
{
    RetentionResult result;
    QString problem; // the stored setting could not be read as a number of days
};
} // namespace

RetentionSchedule::RetentionSchedule(DataService &data, const AppContext &context, SenderStatusBar *status,
                                     QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_context(context)
    , m_status(status)
{
    setObjectName(u"retentionSchedule"_s);
    m_first.setSingleShot(true);
    m_first.setInterval(context.retentionDelay);
    connect(&m_first, &QTimer::timeout, this, &RetentionSchedule::applyNow);
    m_daily.setInterval(context.retentionEvery);
    connect(&m_daily, &QTimer::timeout, this, &RetentionSchedule::applyNow);
    m_first.start();
    m_daily.start();
}

void RetentionSchedule::applyNow()
{
    if (m_busy) {
        return;
    }
    m_busy = true;
    const Clock *clock = m_context.clock ? m_context.clock : &Clock::system();
    m_data.submit<Applied>(
        this,
        [clock](Database &db) {
            Applied out;
            const int days = SettingKeys::retentionDays(AppSettings(db), &out.problem);
            out.result = Retention(db, *clock).purge(days);
            return out;
        },
        [this](const DataResult<Applied> &r) {
            m_busy = false;
            if (!r.ok()) {
                qCWarning(lcDb, "Retention: the purge failed, tried again in a day: %s", qPrintable(r.error));
                Q_EMIT failed(r.error);
                return;
            }
            if (!r.value->problem.isEmpty()) {
                qCWarning(lcDb, "Retention: %s", qPrintable(r.value->problem));
            }
            const RetentionResult &done = r.value->result;
            if (done.days == 0) {
                qCInfo(lcDb, "Retention: off (privacy.retention_days is 0), recipient details are kept");
            } else {
                qCInfo(lcDb,
                       "Retention: %d day(s), erased the recipient details of %lld row(s) in %lld "
                       "campaign(s) finished before %s",
                       done.days, done.rows, done.campaigns,
                       qPrintable(done.cutoff.toUTC().toString(Qt::ISODate)));
            }
            if (done.rows > 0 && m_status) {
                const QString rows = tr("%n recipient(s)", nullptr, int(done.rows));
                const QString campaigns = tr("%n campaign(s)", nullptr, int(done.campaigns));
                const QString age = tr("%n day(s)", nullptr, done.days);
                m_status->showNotice(
                    tr("Retention: erased the details of %1 in %2 finished more than %3 ago; the counts are "
                       "kept.")
                        .arg(rows, campaigns, age));
            }
            Q_EMIT applied(done);
            if (done.rows > 0) {
                Q_EMIT purged();
            }
        });
}

} // namespace herald::ui
