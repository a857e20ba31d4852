#pragma once

#include "simulator/SimulatorConfig.h"

#include <QStringList>

class QCommandLineParser;

namespace herald {

// Command-line options for every simulator knob, for `herald-cli simulate` and the bench
// runner:
//   --port, --threads, --token, --api-version, --phone-number-id, --waba-id,
//   --latency-ms, --latency-p99-ms, --throughput, --pair-limit, --pair-limit-ms,
//   --no-number-endings, --check-templates, --reset-rate, --timeout-rate,
//   --error-500-rate, --error-503-rate, --html-error-rate, --error-131000-rate, --seed,
//   --templates FILE, --category-change NAME[@LANG]:AFTER[:CATEGORY] (repeatable),
//   --status-webhook-url URL (secret: HERALD_APP_SECRET), --webhook-wrong-secret,
//   --delivered-after-ms, --read-after-ms, --read-share, --late-failure-share,
//   --duplicate-share, --reorder-ms, --webhook-batch, --webhook-retry-ms.
class SimulatorOptions
{
public:
    static void addTo(QCommandLineParser &parser);

    // Applies the options that were given on top of *config (which keeps its values for the
    // others). False with *error set when a value is out of range or unreadable.
    static bool fromParser(const QCommandLineParser &parser, SimulatorConfig *config, QString *error);
    static bool port(const QCommandLineParser &parser, quint16 *port, QString *error);

    // Convenience for programs without their own parser: arguments[0] is the program name.
    static bool fromArguments(const QStringList &arguments, SimulatorConfig *config, quint16 *port,
                              QString *error);

    // A JSON file holding Graph's listing format ({"data":[…]}) or a bare array of templates.
    static bool loadTemplates(const QString &path, QList<SimTemplate> *templates, QString *error);
    // NAME[@LANG]:AFTER[:CATEGORY], e.g. "order_update:1:MARKETING".
    static bool parseCategoryChange(const QString &spec, CategoryChange *change);
};

} // namespace herald
