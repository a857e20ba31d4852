#include "commands/EraseCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "db/AppSettings.h"
#include "phone/PhoneNormalizer.h"
#include "privacy/Erasure.h"
#include "privacy/Retention.h"
#include "settings/SettingKeys.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

EraseCommand::EraseCommand()
    : m_phone(u"phone"_s, tr("The person's phone number, written in any form the import reads."), tr("phone"))
    , m_region(u"region"_s,
               tr("Country of a number written without country code, e.g. DE (default: import.region)."),
               tr("cc"))
    , m_optOut(u"opt-out"_s, tr("Also put the number on the opt-out list, so no later import messages it."))
{}

QString EraseCommand::name() const
{
    return u"erase"_s;
}

QString EraseCommand::summary() const
{
    return tr("Erases one person's number, name and parameters from every campaign, keeping the counts.");
}

void EraseCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({m_phone, m_region, m_optOut});
}

ExitCode EraseCommand::run(CliContext &context)
{
    const QString raw = context.requiredValue(m_phone);
    // The region the import would read the number in: --region, else the stored import.region.
    QString region = AppSettings(context.db()).value(SettingKeys::ImportRegion, QString());
    if (context.args().isSet(m_region)) {
        const RegionCodeCheck check = PhoneNormalizer::checkRegionCode(context.args().value(m_region));
        if (!check.ok) {
            throw CliError(ExitCode::Usage, check.message);
        }
        region = check.region;
    } else if (!region.isEmpty()) {
        region = PhoneNormalizer::checkRegionCode(region).region;
    }
    const PhoneNumberResult number = PhoneNormalizer({region, false}).normalize(raw);
    if (!number.ok) {
        throw CliError(ExitCode::Usage, number.message, {tr("Nothing was erased.")});
    }
    const bool optOut = context.args().isSet(m_optOut);
    const ErasureResult r = Erasure(context.db(), context.clock()).erasePhone(number.e164, optOut);
    if (context.json()) {
        context.printJson(QJsonObject{{u"phone"_s, r.phone},
                                      {u"rows"_s, r.rows},
                                      {u"campaigns"_s, r.campaigns},
                                      {u"withdrawn"_s, r.withdrawn},
                                      {u"opt_out_added"_s, r.optOutAdded},
                                      {u"on_opt_out_list"_s, r.onOptOutList}});
        return ExitCode::Success;
    }
    QTextStream &out = context.out();
    if (r.rows == 0) {
        out << tr("%1 is in no campaign: nothing to erase.").arg(r.phone) << u'\n';
    } else {
        const QString rows = tr("%n row(s)", nullptr, int(r.rows));
        const QString campaigns = tr("%n campaign(s)", nullptr, int(r.campaigns));
        out << tr("Erased %1's number, name and parameters from %2 in %3; the campaigns' counts are "
                  "unchanged.")
                   .arg(r.phone, rows, campaigns)
            << u'\n';
    }
    if (r.withdrawn > 0) {
        out << tr("%n message(s) still waiting will not be sent (failed, reason \"erased\").", nullptr,
                  int(r.withdrawn))
            << u'\n';
    }
    if (r.optOutAdded) {
        out << tr("%1 is now on the opt-out list.").arg(r.phone) << u'\n';
    } else if (r.onOptOutList) {
        out << tr("%1 stays on the opt-out list (herald-cli optout remove takes it off).").arg(r.phone)
            << u'\n';
    }
    return ExitCode::Success;
}

PurgeCommand::PurgeCommand()
    : m_days(u"days"_s,
             tr("Purge campaigns finished more than this many days ago (default: the setting "
                "privacy.retention_days)."),
             tr("n"))
{}

QString PurgeCommand::name() const
{
    return u"purge"_s;
}

QString PurgeCommand::summary() const
{
    return tr("Erases the recipient details of campaigns finished longer ago than the retention setting.");
}

void PurgeCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({m_days});
}

ExitCode PurgeCommand::run(CliContext &context)
{
    int days = 0;
    if (context.args().isSet(m_days)) {
        const QString value = context.args().value(m_days).trimmed();
        if (const QString why = SettingKeys::check(SettingKeys::RetentionDays, value); !why.isEmpty()) {
            throw CliError(ExitCode::Usage, tr("--days: %1").arg(why));
        }
        days = value.toInt();
        if (days == 0) {
            throw CliError(ExitCode::Usage, tr("--days must be 1 or more: 0 would keep everything."));
        }
    } else {
        QString problem;
        days = SettingKeys::retentionDays(AppSettings(context.db()), &problem);
        if (!problem.isEmpty()) {
            context.err() << problem << u'\n';
        }
    }
    Retention retention(context.db(), context.clock());
    const RetentionResult r = retention.purge(days);
    if (context.json()) {
        context.printJson(QJsonObject{{u"days"_s, r.days},
                                      {u"cutoff"_s, Format::jsonTime(r.cutoff)},
                                      {u"campaigns"_s, r.campaigns},
                                      {u"rows"_s, r.rows}});
        return ExitCode::Success;
    }
    if (r.days == 0) {
        context.out() << tr("Retention is off (privacy.retention_days is 0): recipient details are kept. "
                            "Set a number of days with herald-cli config set privacy.retention_days N.")
                      << u'\n';
        return ExitCode::Success;
    }
    const QString rows = tr("%n row(s)", nullptr, int(r.rows));
    const QString campaigns = tr("%n campaign(s)", nullptr, int(r.campaigns));
    const QString cutoff = Format::tableTime(r.cutoff);
    context.out() << tr("Erased the recipient details of %1 in %2 that finished before %3 UTC (%4 days); "
                        "their counts are unchanged.")
                         .arg(rows, campaigns, cutoff)
                         .arg(r.days)
                  << u'\n';
    return ExitCode::Success;
}

} // namespace herald::cli
