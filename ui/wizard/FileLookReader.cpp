#include "wizard/FileLookReader.h"

#include <QFileInfo>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

namespace herald::ui {

FileLook FileLookReader::look(const QString &path, const CsvReaderOptions &options)
{
    FileLook look;
    look.path = path;
    look.fileBytes = QFileInfo(path).size();
    CsvReader reader(options);
    if (!reader.open(path)) {
        look.error = reader.error().message;
        return look;
    }
    look.detection = reader.detection();
    look.header = reader.header();
    look.columnCount = reader.columnCount();
    CsvRecord record;
    CsvReject reject;
    qint64 chars = 0;
    int seen = 0;
    bool end = false;
    while (seen < PreviewRows) {
        const CsvReader::Status status = reader.next(record, reject);
        if (status == CsvReader::Status::End) {
            end = true;
            break;
        }
        if (status == CsvReader::Status::Error) {
            look.error = reader.error().message;
            return look;
        }
        ++seen;
        if (status == CsvReader::Status::Record) {
            look.rows.append(record.fields());
            chars += record.raw().size() + 1;
        } else {
            chars += reject.raw.size() + 1;
        }
    }
    look.warnings = reader.warnings();
    look.estimateExact = end;
    if (end || seen == 0) {
        look.estimatedRows = seen;
    } else {
        // Bytes per row from the rows seen; characters stand in for bytes, close enough for
        // an estimate (the import counts exactly).
        const double perRow = double(qMax<qint64>(chars, 1)) / seen;
        look.estimatedRows = qMax<qint64>(seen, qint64(double(look.fileBytes) / perRow));
    }
    return look;
}

void FileLookReader::read(const QString &path, const CsvReaderOptions &options, QObject *context,
                          std::function<void(const FileLook &)> done)
{
    QPointer<QObject> guard(context);
    QThreadPool::globalInstance()->start([path, options, guard, done = std::move(done)] {
        const FileLook result = look(path, options);
        if (QCoreApplication *app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app,
                [guard, done, result] {
                    if (guard) {
                        done(result);
                    }
                },
                Qt::QueuedConnection);
        }
    });
}

} // namespace herald::ui
