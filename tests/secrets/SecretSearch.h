#pragma once

// Looking for a secret where it must not be: a unique token, and every file under some folders
// that contains it.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace herald::test {

// A token nobody else could have written anywhere.
inline QString uniqueToken()
{
    return QStringLiteral("EAAH%1%2")
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'))
        .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
}

// Every file under `roots` that contains `needle` (as UTF-8 or UTF-16), as paths.
inline QStringList filesContaining(const QStringList &roots, const QString &needle)
{
    const QByteArray utf8 = needle.toUtf8();
    const QByteArray utf16(reinterpret_cast<const char *>(needle.utf16()), needle.size() * 2);
    QStringList found;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                continue;
            }
            const QByteArray bytes = f.readAll();
            if (bytes.contains(utf8) || bytes.contains(utf16)) {
                found << path;
            }
        }
    }
    return found;
}

// How many files (of any content) are under `roots`: a search of nothing proves nothing.
inline int fileCount(const QStringList &roots)
{
    int n = 0;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
    }
    return n;
}

} // namespace herald::test
