#include "privacy/ErasePersonAction.h"

#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "dialogs/Prompt.h"
#include "log/LogCategories.h"
#include "phone/PhoneNormalizer.h"
#include "settings/SettingKeys.h"
#include "theme/Icons.h"

#include <QAction>
#include <QMenu>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
struct NumberCheck
{
    QString e164;
    QString rejection; // the normalizer's sentence, quoting the input
    bool noRegion = false;
};
} // namespace

ErasePersonAction::ErasePersonAction(QWidget *window, DataService &data, const AppContext &context,
                                     QMenu *tools)
    : QObject(window)
    , m_window(window)
    , m_data(data)
    , m_context(context)
    , m_action(new QAction(tr("&Erase a Person's Data…"), this))
{
    setObjectName(u"erasePerson"_s);
    m_action->setObjectName(u"erasePersonAction"_s);
    m_action->setIcon(Icons::get(Icons::DeleteDraft)); // the same bin: this deletes, for good
    m_action->setToolTip(tr("Removes one person's number, name and parameters from every campaign, keeping "
                            "the counts"));
    m_action->setStatusTip(m_action->toolTip());
    connect(m_action, &QAction::triggered, this, &ErasePersonAction::start);
    if (tools) {
        tools->addSeparator();
        tools->addAction(m_action);
    }
}

void ErasePersonAction::start()
{
    if (m_busy) {
        return;
    }
    setBusy(true);
    Prompt::askText(
        m_window, tr("Erase a Person's Data"),
        tr("The person's phone number, as written in your contact files.\nWith its country code, or as "
           "written in the default region of Settings ▸ Sending:"),
        [this](const QString &raw) {
            if (raw.isEmpty()) {
                setBusy(false);
                Q_EMIT dropped();
                return;
            }
            check(raw);
        });
}

void ErasePersonAction::check(const QString &raw)
{
    // The default region is stored with the database: read it, and normalize, on the data thread.
    m_data.submit<NumberCheck>(
        this,
        [raw](Database &db) {
            QString region = AppSettings(db).value(SettingKeys::ImportRegion, QString());
            region = region.isEmpty() ? QString() : PhoneNormalizer::checkRegionCode(region).region;
            const PhoneNumberResult number = PhoneNormalizer({region, false}).normalize(raw);
            NumberCheck out;
            if (number.ok) {
                out.e164 = number.e164;
            } else {
                out.rejection = number.message;
                out.noRegion = number.reason == PhoneRejectReason::MissingCountryCode && region.isEmpty();
            }
            return out;
        },
        [this](const DataResult<NumberCheck> &r) {
            if (!r.ok()) {
                setBusy(false);
                Prompt::tell(m_window, Prompt::Kind::Error, tr("Nothing Was Erased"),
                             tr("The database could not be read: %1").arg(r.error));
                Q_EMIT failed(r.error);
                return;
            }
            if (!r.value->rejection.isEmpty()) {
                setBusy(false);
                QString text = r.value->rejection;
                if (r.value->noRegion) {
                    text +=
                        u"\n\n"_s + tr("Write the number with its country code (+49 …), or set the default "
                                       "region in Settings ▸ Sending.");
                }
                Prompt::tell(m_window, Prompt::Kind::Warning, tr("Not a Phone Number"),
                             text + u"\n\n"_s + tr("Nothing was erased."));
                Q_EMIT dropped();
                return;
            }
            askOptOut(r.value->e164);
        });
}

void ErasePersonAction::askOptOut(const QString &e164)
{
    Prompt::ask(m_window, tr("Erase a Person's Data"),
                tr("Also put %1 on the opt-out list, so that no later import or campaign messages this "
                   "person? The list keeps only the number.")
                    .arg(e164),
                tr("Add to Opt-outs"), tr("Don't Add"), [this, e164](bool optOut) { confirm(e164, optOut); });
}

void ErasePersonAction::confirm(const QString &e164, bool optOut)
{
    const QString listed = optOut ? tr("The number will be added to the opt-out list.")
                                  : tr("The opt-out list will not be changed.");
    Prompt::confirm(m_window, tr("Erase %1?").arg(e164),
                    tr("The number, name and template parameters of %1 will be removed from every campaign. "
                       "The campaigns keep their counts; messages still waiting for this number will not "
                       "be sent. %2")
                            .arg(e164, listed) +
                        u"\n\n"_s + tr("This cannot be undone."),
                    tr("Erase"), [this, e164, optOut](bool yes) {
                        if (!yes) {
                            setBusy(false);
                            Q_EMIT dropped();
                            return;
                        }
                        erase(e164, optOut);
                    });
}

void ErasePersonAction::erase(const QString &e164, bool optOut)
{
    const Clock *clock = m_context.clock ? m_context.clock : &Clock::system();
    m_data.submit<ErasureResult>(
        this, [e164, optOut, clock](Database &db) { return Erasure(db, *clock).erasePhone(e164, optOut); },
        [this](const DataResult<ErasureResult> &r) {
            setBusy(false);
            if (!r.ok()) {
                qCWarning(lcUi, "Erasing a person's data failed: %s", qPrintable(r.error));
                Prompt::tell(m_window, Prompt::Kind::Error, tr("Nothing Was Erased"), r.error);
                Q_EMIT failed(r.error);
                return;
            }
            const ErasureResult &e = *r.value;
            // The log names no number: it would keep what was just erased.
            qCInfo(lcUi, "Erased one person's data: %lld row(s) in %lld campaign(s), %lld withdrawn%s",
                   e.rows, e.campaigns, e.withdrawn, e.optOutAdded ? ", added to the opt-out list" : "");
            QStringList lines;
            if (e.rows == 0) {
                lines << tr("%1 is in no campaign: there was nothing to erase.").arg(e.phone);
            } else {
                const QString rows = tr("%n row(s)", nullptr, int(e.rows));
                const QString campaigns = tr("%n campaign(s)", nullptr, int(e.campaigns));
                lines
                    << tr("Erased the number, name and parameters of %1 from %2 in %3. The campaigns' counts "
                          "are unchanged.")
                           .arg(e.phone, rows, campaigns);
            }
            if (e.withdrawn > 0) {
                lines << tr("%n message(s) still waiting for this number will not be sent (failed, reason "
                            "\"erased\").",
                            nullptr, int(e.withdrawn));
            }
            if (e.optOutAdded) {
                lines << tr("%1 is now on the opt-out list.").arg(e.phone);
            } else if (e.onOptOutList) {
                lines << tr("%1 stays on the opt-out list.").arg(e.phone);
            }
            Prompt::tell(m_window, Prompt::Kind::Information, tr("Personal Data Erased"),
                         lines.join(u"\n\n"_s));
            Q_EMIT erased(e);
        });
}

void ErasePersonAction::setBusy(bool busy)
{
    m_busy = busy;
    m_action->setEnabled(!busy);
}

} // namespace herald::ui
