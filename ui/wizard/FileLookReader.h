#pragma once

#include "wizard/WizardState.h"

#include <QCoreApplication>

#include <functional>

class QObject;

namespace herald::ui {

// Reads the start of a contact file for page 1 on a thread of the pool (a file may sit on a
// slow share), with the same CsvReader the import uses, so what the preview shows is what the
// import reads.
class FileLookReader
{
    Q_DECLARE_TR_FUNCTIONS(FileLookReader)

public:
    static constexpr int PreviewRows = 500;

    // `done` runs on `context`'s thread, and not at all once `context` is gone.
    static void read(const QString &path, const CsvReaderOptions &options, QObject *context,
                     std::function<void(const FileLook &)> done);
    // What the pool thread does.
    static FileLook look(const QString &path, const CsvReaderOptions &options);
};

} // namespace herald::ui
