#include "templates/TemplateSync.h"

#include "cloudapi/ApiRequests.h"
#include "cloudapi/ApiResponse.h"
#include "cloudapi/ErrorPolicy.h"
#include "cloudapi/ReplyBodyLimit.h"
#include "db/Database.h"
#include "db/DbError.h"
#include "db/Transaction.h"
#include "templates/TemplateStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

// A listing longer than this is a server that keeps answering "there is more": stop.
constexpr int kMaxPages = 10000;
// One page of at most 100 templates, each bounded by TemplateParser's limits, stays far below
// this; a larger answer is not a template listing and is not buffered past it.
constexpr qint64 kMaxPageBytes = 8 * 1024 * 1024;

QString key(const QString &name, const QString &language)
{
    return name + u'\x1f' + language;
}

} // namespace

TemplateSync::TemplateSync(Database &db, const ApiSettings &settings, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_settings(settings)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<herald::TemplateSyncResult>();
}

TemplateSync::~TemplateSync()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

QString TemplateSync::checkSettings() const
{
    if (m_settings.wabaId().isEmpty()) {
        return tr("No WhatsApp Business Account ID is set; templates are listed per account. Set it with "
                  "'config set api.waba_id ID' or --waba-id.");
    }
    // validate() also insists on a phone number id, which listing templates does not need.
    ApiSettings probe = m_settings;
    if (probe.phoneNumberId().isEmpty()) {
        probe.setPhoneNumberId(u"0"_s);
    }
    return probe.validate();
}

QUrl TemplateSync::pageUrl(const QString &afterCursor) const
{
    QUrl url = m_settings.templatesUrl(afterCursor);
    QUrlQuery query(url);
    // parameter_format tells positional from named templates; id helps when asking Meta.
    query.removeAllQueryItems(u"fields"_s);
    query.removeAllQueryItems(u"limit"_s);
    query.addQueryItem(u"fields"_s,
                       u"id,name,language,status,category,previous_category,parameter_format,components"_s);
    query.addQueryItem(u"limit"_s, QString::number(std::max(1, m_pageSize)));
    url.setQuery(query);
    return url;
}

void TemplateSync::start()
{
    if (isRunning()) {
        return;
    }
    m_cancelled = false;
    m_listed.clear();
    m_result = TemplateSyncResult();
    if (const QString problem = checkSettings(); !problem.isEmpty()) {
        // Reported asynchronously like every other outcome, so callers have one path.
        QMetaObject::invokeMethod(
            this, [this, problem] { fail(problem); }, Qt::QueuedConnection);
        return;
    }
    requestPage({});
}

void TemplateSync::cancel()
{
    if (m_reply) {
        m_cancelled = true;
        m_reply->abort();
    }
}

void TemplateSync::requestPage(const QString &afterCursor)
{
    m_reply = m_network->get(ApiRequests(m_settings).make(pageUrl(afterCursor)));
    ReplyBodyLimit::apply(m_reply, kMaxPageBytes);
    connect(m_reply, &QNetworkReply::finished, this, &TemplateSync::onReply);
}

void TemplateSync::onReply()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply) {
        return;
    }
    reply->deleteLater();
    if (m_cancelled) {
        fail(tr("The template sync was cancelled; nothing was stored."));
        return;
    }
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    if (const qint64 bytes = ReplyBodyLimit::exceeded(reply); bytes > 0) {
        fail(tr("A page of the template list was larger than %1 bytes (%2 bytes); it was not read and "
                "nothing was stored.")
                 .arg(kMaxPageBytes)
                 .arg(bytes));
        return;
    }
    const QByteArray body = reply->readAll();
    const Redactor redactor = m_settings.redactor();

    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        QString next;
        if (const QString problem = readPage(body, &next); !problem.isEmpty()) {
            fail(problem);
            return;
        }
        ++m_result.pages;
        Q_EMIT pageRead(int(m_listed.size()));
        if (next.isEmpty()) {
            store();
        } else if (m_result.pages >= kMaxPages) {
            // Storing a truncated list would report the rest as "no longer listed".
            fail(tr("The template list did not end after %1 pages; nothing was stored.").arg(kMaxPages));
        } else {
            requestPage(next);
        }
        return;
    }

    const ApiResponse response = ApiResponse::parse(status, body, TransportInfo::of(*reply), redactor);
    const ErrorDecision decision = ErrorPolicy::classify(response);
    m_result.errorCode = response.error.code;
    // 190 and 0 are Meta's token codes (docs/CLOUD_API.md); a bare 401 means the same.
    const bool tokenProblem =
        response.error.code == 190 || response.error.code == 0 || (!response.error.code && status == 401) ||
        (decision.entry && decision.entry->situation == ErrorSituation::HttpUnauthorized);
    if (tokenProblem) {
        m_result.tokenRejected = true;
        fail(tr("Meta refused the access token (%1): it is invalid or has expired. Set a valid token in "
                "HERALD_ACCESS_TOKEN and sync again; nothing was stored.")
                 .arg(response.summary()));
        return;
    }
    if (response.kind == ApiResponse::Kind::NetworkFailure) {
        fail(tr("Could not list the templates at %1: %2. Nothing was stored.")
                 .arg(m_settings.baseUrl(), response.summary()));
        return;
    }
    QString message = tr("Meta refused the template list (%1); nothing was stored.").arg(response.summary());
    if (const QString advice = decision.whatToDo(); !advice.isEmpty()) {
        message += u' ' + advice;
    }
    fail(redactor.redact(message));
}

QString TemplateSync::readPage(const QByteArray &body, QString *next)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error != QJsonParseError::NoError || !root.value("data"_L1).isArray()) {
        return tr("The template list from %1 is not what Graph API sends (no \"data\" list); check the API "
                  "base URL. Nothing was stored.")
            .arg(m_settings.baseUrl());
    }
    const QJsonArray data = root.value("data"_L1).toArray();
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        TemplateRecord t;
        t.name = o.value("name"_L1).toString();
        t.language = o.value("language"_L1).toString();
        t.status = o.value("status"_L1).toString().toUpper();
        t.category = o.value("category"_L1).toString().toUpper();
        t.components = o.value("components"_L1).toArray();
        t.parameterFormat = o.value("parameter_format"_L1).toString().toUpper();
        if (t.name.isEmpty() || t.language.isEmpty() || t.status.isEmpty()) {
            m_result.problems << tr("A listed template without name, language or status was skipped (id %1).")
                                     .arg(o.value("id"_L1).toString());
            continue;
        }
        m_listed << t;
    }
    const QJsonObject paging = root.value("paging"_L1).toObject();
    const QString after = paging.value("cursors"_L1).toObject().value("after"_L1).toString();
    // Graph leaves out "next" on the last page; the after cursor alone is not a promise of more.
    *next = (paging.contains("next"_L1) && !data.isEmpty()) ? after : QString();
    return {};
}

void TemplateSync::store()
{
    TemplateSyncResult result = m_result;
    try {
        TemplateStore store(m_db, m_clock);
        QSet<QString> listed;
        Transaction tx(m_db);
        for (const TemplateRecord &t : std::as_const(m_listed)) {
            if (listed.contains(key(t.name, t.language))) {
                continue; // a page boundary moved under us: the same template twice
            }
            listed.insert(key(t.name, t.language));
            const TemplateStore::UpsertResult r = store.upsert(t);
            ++result.seen;
            if (r.inserted) {
                ++result.added;
            } else if (r.changed) {
                ++result.updated;
            } else {
                ++result.unchanged;
            }
            if (r.categoryChanged) {
                result.categoryChanges.append({t.name, t.language, r.previousCategory, r.category});
            }
        }
        for (const TemplateRecord &stored : store.list()) {
            if (!listed.contains(key(stored.name, stored.language))) {
                result.noLongerListed << stored.displayName();
            }
        }
        tx.commit();
    } catch (const DbError &e) {
        fail(tr("The templates could not be stored: %1").arg(e.message()));
        return;
    }
    result.ok = true;
    finish(result);
}

void TemplateSync::fail(const QString &message)
{
    TemplateSyncResult result = m_result;
    result.ok = false;
    result.error = m_settings.redactor().redact(message);
    finish(result);
}

void TemplateSync::finish(const TemplateSyncResult &result)
{
    m_listed.clear();
    Q_EMIT finished(result);
}

} // namespace herald
