#include "log/LogFiles.h"

#include "db/Clock.h"

#include <QAtomicPointer>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>

#include <utility>

using namespace Qt::StringLiterals;

namespace herald {

namespace {
QAtomicPointer<LogFiles> g_installed;
// A message logged while writing one (a QFile warning, say) would deadlock on the mutex.
thread_local bool t_writing = false;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "DEBUG";
    case QtInfoMsg:
        return "INFO ";
    case QtWarningMsg:
        return "WARN ";
    case QtCriticalMsg:
        return "ERROR";
    case QtFatalMsg:
        return "FATAL";
    }
    return "?    ";
}

QDate dateOfFile(const QString &name)
{
    static const QRegularExpression re(uR"(^herald-(\d{4}-\d{2}-\d{2})\.log$)"_s);
    const QRegularExpressionMatch m = re.match(name);
    return m.hasMatch() ? QDate::fromString(m.captured(1), Qt::ISODate) : QDate();
}
} // namespace

LogFiles::LogFiles(QString folder, const Clock &clock, int keepDays)
    : m_folder(std::move(folder))
    , m_clock(clock)
    , m_keepDays(keepDays)
{}

LogFiles::~LogFiles()
{
    uninstall();
}

QString LogFiles::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/logs"_s;
}

QString LogFiles::fileNameFor(const QDate &day)
{
    return u"herald-"_s + day.toString(Qt::ISODate) + u".log"_s;
}

void LogFiles::install()
{
    {
        QMutexLocker lock(&m_mutex);
        openFor(m_clock.now().toLocalTime().date());
    }
    if (g_installed.testAndSetOrdered(nullptr, this)) {
        m_previous = qInstallMessageHandler(&LogFiles::handler);
    }
}

void LogFiles::uninstall()
{
    if (g_installed.testAndSetOrdered(this, nullptr)) {
        qInstallMessageHandler(m_previous);
        m_previous = nullptr;
    }
    QMutexLocker lock(&m_mutex);
    m_file.close();
}

void LogFiles::addSecret(const QString &secret)
{
    QMutexLocker lock(&m_mutex);
    m_scrubber.addSecret(secret);
}

QString LogFiles::currentFile() const
{
    QMutexLocker lock(&m_mutex);
    return m_file.fileName();
}

void LogFiles::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogFiles *self = g_installed.loadAcquire()) {
        self->write(type, context, message);
        if (self->m_previous) {
            self->m_previous(type, context, message);
        }
    }
}

void LogFiles::write(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (t_writing) {
        return;
    }
    t_writing = true;
    const QDateTime now = m_clock.now().toLocalTime();
    {
        QMutexLocker lock(&m_mutex);
        if (now.date() != m_day || !m_file.isOpen()) {
            openFor(now.date());
        }
        if (m_file.isOpen()) {
            const QString line = formatLine(now, type, context.category, m_scrubber.scrub(message));
            m_file.write(line.toUtf8());
            m_file.flush(); // a crash right after must not lose the line that explains it
        }
    }
    t_writing = false;
}

QString LogFiles::formatLine(const QDateTime &when, QtMsgType type, const char *category,
                             const QString &message)
{
    QString text = message;
    text.replace(u'\n', u"\n    "_s); // continuation lines indented, so each entry starts at column 0
    return when.toString(Qt::ISODateWithMs) + u' ' + QLatin1StringView(levelName(type)) + u' ' +
           QLatin1StringView(category ? category : "default") + u": "_s + text + u'\n';
}

void LogFiles::openFor(const QDate &day)
{
    m_file.close();
    m_day = day;
    if (!QDir().mkpath(m_folder)) {
        return; // nowhere to write: messages still reach stderr through the previous handler
    }
    m_file.setFileName(QDir(m_folder).filePath(fileNameFor(day)));
    if (m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    removeOld(day);
}

int LogFiles::removeOld(const QDate &today)
{
    const QDate oldestKept = today.addDays(-m_keepDays);
    QDir dir(m_folder);
    int removed = 0;
    const QStringList names = dir.entryList({u"herald-*.log"_s}, QDir::Files);
    for (const QString &name : names) {
        const QDate date = dateOfFile(name);
        if (date.isValid() && date < oldestKept && dir.remove(name)) {
            ++removed;
        }
    }
    return removed;
}

} // namespace herald
