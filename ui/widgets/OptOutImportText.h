#pragma once

#include "optout/OptOutStore.h"

#include <QCoreApplication>
#include <QString>

namespace herald::ui {

// What an opt-out import did, in words for the Opt-outs page: rows read, numbers added,
// already listed, rejected by reason with an example line each, and where the report is.
class OptOutImportText
{
    Q_DECLARE_TR_FUNCTIONS(OptOutImportText)

public:
    static QString describe(const OptOutImportSummary &summary);
    // The rejected rows by reason, one line per reason: "3 rows: line 4: “12” is too short…"
    static QStringList rejections(const OptOutImportSummary &summary, int examplesPerReason = 1);
};

} // namespace herald::ui
