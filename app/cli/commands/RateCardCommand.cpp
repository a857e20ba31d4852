#include "commands/RateCardCommand.h"

#include "CliContext.h"
#include "CliError.h"
#include "Format.h"
#include "TextTable.h"
#include "pricing/Money.h"
#include "pricing/RateCardStore.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace herald::cli {

namespace {

constexpr qsizetype kCountriesShown = 8;

qint64 cardId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        throw CliError(
            ExitCode::Usage,
            RateCardCommand::tr("a rate card is named by its number (see ratecard list), not \"%1\"")
                .arg(text));
    }
    return id;
}

} // namespace

RateCardCommand::RateCardCommand()
    : m_name(u"name"_s, tr("import: the card's name (default: the file's name)."), tr("name"))
    , m_effective(u"effective"_s, tr("import: the date from which the card's prices apply, e.g. 2026-10-01."),
                  tr("date"))
    , m_card(u"card"_s, tr("show: the card's number (default: the card estimates use now)."), tr("id"))
{}

QString RateCardCommand::name() const
{
    return u"ratecard"_s;
}

QString RateCardCommand::summary() const
{
    return tr("Imports, shows, lists or removes the rate cards cost estimates are priced from.");
}

void RateCardCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(
        u"action"_s, tr("import FILE, show, list, or remove ID. The CSV format is in docs/CLI.md."),
        tr("import|show|list|remove"));
    parser.addPositionalArgument(u"argument"_s, tr("The file (import) or card number (remove)."),
                                 tr("[FILE|ID]"));
    parser.addOptions({m_name, m_effective, m_card});
}

ExitCode RateCardCommand::run(CliContext &context)
{
    const QStringList positional = context.args().positionalArguments();
    const QString action = positional.value(0);
    auto needArgument = [&](const QString &what) {
        if (positional.size() < 2 || positional.at(1).trimmed().isEmpty()) {
            throw CliError(ExitCode::Usage, tr("ratecard %1 needs %2").arg(action, what));
        }
        return positional.at(1);
    };
    if (action == "import"_L1) {
        return importCard(context, needArgument(tr("a file")));
    }
    if (action == "show"_L1) {
        return show(context);
    }
    if (action == "list"_L1) {
        return list(context);
    }
    if (action == "remove"_L1) {
        return remove(context, needArgument(tr("a card number")));
    }
    throw CliError(ExitCode::Usage,
                   action.isEmpty()
                       ? tr("ratecard needs an action: import, show, list or remove")
                       : tr("unknown ratecard action \"%1\": use import, show, list or remove").arg(action));
}

ExitCode RateCardCommand::importCard(CliContext &context, const QString &path)
{
    const QString dateText = context.requiredValue(m_effective).trimmed();
    const QDate effective = QDate::fromString(dateText, Qt::ISODate);
    if (!effective.isValid()) {
        throw CliError(ExitCode::Usage,
                       tr("--effective takes a date as YYYY-MM-DD, not \"%1\"").arg(dateText));
    }
    const QString name =
        context.args().isSet(m_name) ? context.args().value(m_name) : QFileInfo(path).completeBaseName();
    RateCardStore store(context.db(), context.clock());
    const RateCardCsv::Result r = store.importFile(path, name, effective);
    if (!r.card) {
        if (context.json()) {
            context.printJson(
                QJsonObject{{u"error"_s, QJsonObject{{u"line"_s, r.line}, {u"message"_s, r.errorMessage}}}});
        }
        throw CliError(ExitCode::BadInput, r.errorMessage, {tr("Nothing was stored.")});
    }
    if (context.json()) {
        context.printJson(r.card->toJson());
        return ExitCode::Success;
    }
    qint64 countries = 0;
    for (const RateCardMarket &m : r.card->markets) {
        countries += m.countries.size();
    }
    context.out() << tr("Stored rate card %1: %2, %3 markets, %4 countries named, categories %5.")
                         .arg(r.card->id)
                         .arg(r.card->label())
                         .arg(r.card->markets.size())
                         .arg(countries)
                         .arg(r.card->categories().join(u", "_s))
                  << u'\n';
    const RateCard now = store.current();
    if (now.id != r.card->id) {
        context.out()
            << tr("Estimates use card %1 (%2) until this one takes effect.").arg(now.id).arg(now.label())
            << u'\n';
    }
    return ExitCode::Success;
}

ExitCode RateCardCommand::show(CliContext &context)
{
    RateCardStore store(context.db(), context.clock());
    RateCard card;
    if (context.args().isSet(m_card)) {
        const qint64 id = cardId(context.args().value(m_card));
        const std::optional<RateCard> c = store.load(id);
        if (!c) {
            throw CliError(ExitCode::NotFound, tr("there is no rate card %1 (see ratecard list)").arg(id));
        }
        card = *c;
    } else {
        card = store.current();
    }
    if (context.json()) {
        context.printJson(card.toJson());
        return ExitCode::Success;
    }
    printCard(context, card);
    return ExitCode::Success;
}

void RateCardCommand::printCard(CliContext &context, const RateCard &card)
{
    context.out() << tr("Rate card %1: %2, prices in %3 per delivered template message.")
                         .arg(card.id)
                         .arg(card.label(), card.currency)
                  << u'\n';
    if (card.isExample) {
        context.out() << tr("Import Meta's current card for real estimates: herald-cli ratecard import FILE "
                            "--effective DATE.")
                      << u'\n';
    }
    const QStringList categories = card.categories();
    using A = TextTable::Align;
    QList<TextTable::Column> columns{{u"Market"_s, A::Left}, {u"Countries"_s, A::Left}};
    for (const QString &c : categories) {
        columns.append({c, A::Right});
    }
    TextTable table(columns);
    for (const RateCardMarket &m : card.markets) {
        QString countries;
        if (m.restOfWorld) {
            countries = u"every other country"_s;
        } else {
            countries = m.countries.mid(0, kCountriesShown).join(u' ');
            if (m.countries.size() > kCountriesShown) {
                countries += u" … (+%1)"_s.arg(m.countries.size() - kCountriesShown);
            }
        }
        QStringList row{m.name, countries};
        for (const QString &c : categories) {
            const auto it = m.priceMicros.constFind(c);
            row << (it == m.priceMicros.cend() ? u"-"_s : Money::format(*it));
        }
        table.addRow(row);
    }
    context.out() << table.render();
}

ExitCode RateCardCommand::list(CliContext &context)
{
    RateCardStore store(context.db(), context.clock());
    store.ensureExample();
    const qint64 current = store.current().id;
    const QList<RateCard> cards = store.list();
    if (context.json()) {
        QJsonArray rows;
        for (const RateCard &c : cards) {
            QJsonObject o = c.toJson();
            o.remove(u"markets"_s);
            o.insert(u"in_use"_s, c.id == current);
            rows.append(o);
        }
        context.printJson(QJsonObject{{u"rate_cards"_s, rows}});
        return ExitCode::Success;
    }
    using A = TextTable::Align;
    TextTable table({{u"Card"_s, A::Right},
                     {u"Name"_s, A::Left},
                     {u"Effective"_s, A::Left},
                     {u"Currency"_s, A::Left},
                     {u"Imported (UTC)"_s, A::Left},
                     {u"In use"_s, A::Left}});
    for (const RateCard &c : cards) {
        table.addRow({QString::number(c.id), c.isExample ? c.name + u" (example)"_s : c.name,
                      c.effectiveDate.toString(Qt::ISODate), c.currency, Format::tableTime(c.importedAt),
                      c.id == current ? u"yes"_s : QString()});
    }
    context.out() << table.render();
    return ExitCode::Success;
}

ExitCode RateCardCommand::remove(CliContext &context, const QString &idText)
{
    const qint64 id = cardId(idText);
    RateCardStore store(context.db(), context.clock());
    const bool removed = store.remove(id);
    if (!removed) {
        throw CliError(ExitCode::NotFound, tr("there is no rate card %1 (see ratecard list)").arg(id));
    }
    if (context.json()) {
        context.printJson(QJsonObject{{u"id"_s, id}, {u"removed"_s, true}});
    } else {
        context.out() << tr("Rate card %1 was removed; estimates made with it keep their figures.").arg(id)
                      << u'\n';
    }
    return ExitCode::Success;
}

} // namespace herald::cli
