#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

namespace herald::test {

// Golden files live in tests/data/cloudapi. CTest passes HERALD_TEST_DATA; when that does not
// hold the file (a test started by hand), the source path compiled in is used.
inline QString cloudApiDataFile(const QString &name)
{
    const QString relative = QStringLiteral("/cloudapi/") + name;
    const QString fromEnvironment = qEnvironmentVariable("HERALD_TEST_DATA") + relative;
    return QFile::exists(fromEnvironment) ? fromEnvironment
                                          : QStringLiteral(HERALD_SOURCE_TEST_DATA) + relative;
}

inline QByteArray readCloudApiData(const QString &name)
{
    QFile f(cloudApiDataFile(name));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return f.readAll().trimmed();
}

} // namespace herald::test
