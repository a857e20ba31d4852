#pragma once

#include "log/LogScrubber.h"

#include <QDate>
#include <QFile>
#include <QMutex>
#include <QString>
#include <QtGlobal>

namespace herald {

class Clock;

// The console's log: one file a day, <folder>/herald-YYYY-MM-DD.log (local date), written by a
// Qt message handler from any thread, each line "time level category: message". Messages still
// go on to the handler that was installed before (stderr), so running from a terminal shows
// them too. A new file starts when the day changes; files older than keepDays are deleted at
// start and at each change of day. Every line passes LogScrubber first: no password or token
// reaches the disk.
class LogFiles
{
public:
    static constexpr int DefaultKeepDays = 14;

    explicit LogFiles(QString folder, const Clock &clock, int keepDays = DefaultKeepDays);
    ~LogFiles(); // uninstalls the handler if it is this one's
    LogFiles(const LogFiles &) = delete;
    LogFiles &operator=(const LogFiles &) = delete;

    // <application data folder>/logs, e.g. ~/.local/share/Herald/Herald/logs on Linux.
    static QString defaultFolder();
    // The name of the file for `day`: herald-2026-12-02.log.
    static QString fileNameFor(const QDate &day);

    // Makes this the process's message handler (one at a time) and removes old files.
    void install();
    void uninstall();

    // What the handler does with one message; public so that tests can write without
    // replacing their own handler.
    void write(QtMsgType type, const QMessageLogContext &context, const QString &message);

    void addSecret(const QString &secret);
    const QString &folder() const { return m_folder; }
    QString currentFile() const;
    // Deletes log files dated more than keepDays before `today`; returns how many went.
    int removeOld(const QDate &today);

    static QString formatLine(const QDateTime &when, QtMsgType type, const char *category,
                              const QString &message);

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void openFor(const QDate &day); // with m_mutex held

    QString m_folder;
    const Clock &m_clock;
    int m_keepDays;
    mutable QMutex m_mutex;
    QFile m_file;
    QDate m_day;
    LogScrubber m_scrubber;
    QtMessageHandler m_previous = nullptr;
};

} // namespace herald
