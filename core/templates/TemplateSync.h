#pragma once

#include "cloudapi/ApiSettings.h"
#include "templates/TemplateRecord.h"

#include <QList>
#include <QMetaType>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;

namespace herald {

class Clock;
class Database;

// What one sync found. On failure (ok false) nothing was stored.
struct TemplateSyncResult
{
    bool ok = false;
    QString error;                // why it failed, in words a user can act on; never the token
    std::optional<int> errorCode; // Meta's error code, when there was one (190: the token)
    bool tokenRejected = false;   // the access token is invalid or expired

    int pages = 0;
    int seen = 0;      // templates Meta listed
    int added = 0;     // stored for the first time
    int updated = 0;   // stored before, something changed
    int unchanged = 0; // stored before, nothing changed

    struct CategoryChange
    {
        QString name;
        QString language;
        QString previousCategory;
        QString category;
    };
    QList<CategoryChange> categoryChanges;
    // Stored templates Meta no longer lists ("name (language)"); kept, not deleted.
    QStringList noLongerListed;
    // Entries of the listing that could not be read (no name or language); skipped.
    QStringList problems;
};

// Reads Meta's template list page by page (GET {base}/{version}/{waba-id}/message_templates)
// and stores it. Asynchronous: start() returns at once and finished() reports; the GUI
// connects to it, the CLI waits in a local event loop. Every page is read before anything is
// written, and the writes are one transaction, so a failed sync leaves the catalogue as it was.
//
// Lives in the thread of the Database it is given (Qt SQL connections do not cross threads).
class TemplateSync : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultPageSize = 100;

    TemplateSync(Database &db, const ApiSettings &settings, const Clock &clock, QObject *parent = nullptr);
    ~TemplateSync() override;

    // Meta's maximum is far above 100; tests use small pages to exercise paging.
    void setPageSize(int size) { m_pageSize = size; }
    int pageSize() const { return m_pageSize; }

    // Empty when the settings allow a sync, else what is missing (WABA id, token, …).
    QString checkSettings() const;

    bool isRunning() const { return m_reply != nullptr; }
    // Starts a sync; finished() is emitted later, also when the settings are unusable.
    void start();
    // Aborts a running sync; finished() reports it as cancelled and nothing is stored.
    void cancel();

    // The URL of one page: fields, limit and the after cursor.
    QUrl pageUrl(const QString &afterCursor) const;

Q_SIGNALS:
    void pageRead(int templatesSoFar);
    void finished(const herald::TemplateSyncResult &result);

private:
    void requestPage(const QString &afterCursor);
    void onReply();
    // Returns an empty string on success, filling `next` with the cursor of the next page.
    QString readPage(const QByteArray &body, QString *next);
    void store();
    void finish(const TemplateSyncResult &result);
    void fail(const QString &message);

    Database &m_db;
    ApiSettings m_settings;
    const Clock &m_clock;
    int m_pageSize = DefaultPageSize;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    bool m_cancelled = false;
    QList<TemplateRecord> m_listed;
    TemplateSyncResult m_result;
};

} // namespace herald

Q_DECLARE_METATYPE(herald::TemplateSyncResult)
