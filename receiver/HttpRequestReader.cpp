#include "HttpRequestReader.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HttpRequestReader", text);
}

bool isToken(const QByteArray &s)
{
    if (s.isEmpty()) {
        return false;
    }
    for (const char c : s) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok) {
            return false;
        }
    }
    return true;
}

// A decimal Content-Length or chunk size without sign, spaces or overflow; -1 when not one.
qint64 parseLength(const QByteArray &s, int base)
{
    if (s.isEmpty() || s.size() > 15) {
        return -1;
    }
    bool ok = false;
    const qint64 v = s.toLongLong(&ok, base);
    if (!ok || v < 0 || s.front() == '+' || s.front() == '-') {
        return -1;
    }
    return v;
}

} // namespace

HttpRequestReader::State HttpRequestReader::refuse(int status, const QString &reason)
{
    m_refusalStatus = status;
    m_refusalReason = reason;
    m_wantsContinue = false;
    return State::Refused;
}

HttpRequestReader::State HttpRequestReader::feed(QByteArray &buffer)
{
    if (m_refusalStatus != 0) {
        return State::Refused;
    }
    if (!m_haveHead) {
        // Empty lines before a request are allowed (RFC 9112 2.2).
        while (buffer.startsWith("\r\n")) {
            buffer.remove(0, 2);
        }
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        // A bare LF would leave the end of the headers unrecognised: refused at once.
        const qsizetype scanEnd = headEnd < 0 ? std::min(buffer.size(), m_limits.maxHeaderBytes) : headEnd;
        for (qsizetype lf = buffer.indexOf('\n'); lf >= 0 && lf < scanEnd;
             lf = buffer.indexOf('\n', lf + 1)) {
            if (lf == 0 || buffer.at(lf - 1) != '\r') {
                return refuse(400, tr("a line of the request does not end with CR LF"));
            }
        }
        if (headEnd < 0) {
            if (buffer.size() > m_limits.maxHeaderBytes) {
                return refuse(431, tr("the request's headers are larger than allowed"));
            }
            return State::NeedMore;
        }
        if (headEnd + 4 > m_limits.maxHeaderBytes) {
            return refuse(431, tr("the request's headers are larger than allowed"));
        }
        if (const State s = parseHead(buffer, headEnd); s != State::NeedMore) {
            return s;
        }
    }
    if (m_chunked) {
        return readChunked(buffer);
    }
    if (buffer.size() < m_contentLength) {
        return State::NeedMore;
    }
    m_request.body = buffer.left(m_contentLength);
    buffer.remove(0, m_contentLength);
    m_wantsContinue = false;
    return State::Ready;
}

HttpRequestReader::State HttpRequestReader::parseHead(QByteArray &buffer, qsizetype headEnd)
{
    // Every line, the last included, ends with CR LF; the split leaves an empty piece at the end.
    QList<QByteArray> lines = buffer.left(headEnd + 2).split('\n');
    lines.removeLast();
    buffer.remove(0, headEnd + 4);
    m_request = {};
    m_chunked = false;
    m_contentLength = 0;

    QByteArray requestLine = lines.front();
    if (!requestLine.endsWith('\r')) {
        return refuse(400, tr("a line of the request does not end with CR LF"));
    }
    requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()) {
        return refuse(400, tr("the request line is not METHOD TARGET VERSION"));
    }
    const QByteArray &version = parts[2];
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        return refuse(505, tr("only HTTP/1.0 and HTTP/1.1 are spoken here"));
    }
    m_request.method = parts[0];
    const QByteArray &target = parts[1];
    if (!target.startsWith('/')) {
        return refuse(400, tr("the request target is not a path"));
    }
    const qsizetype q = target.indexOf('?');
    m_request.path = q < 0 ? target : target.left(q);
    m_request.query = q < 0 ? QByteArray() : target.mid(q + 1);

    if (lines.size() - 1 > m_limits.maxHeaders) {
        return refuse(431, tr("the request has more headers than allowed"));
    }
    bool haveLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines[i];
        if (!line.endsWith('\r')) {
            return refuse(400, tr("a line of the request does not end with CR LF"));
        }
        line.chop(1);
        if (line.startsWith(' ') || line.startsWith('\t')) {
            return refuse(400, tr("folded header lines are not accepted"));
        }
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = colon < 0 ? QByteArray() : line.left(colon).toLower();
        if (!isToken(name)) {
            return refuse(400, tr("a header line is not NAME: VALUE"));
        }
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (value.contains('\0') || value.contains('\r')) {
            return refuse(400, tr("a header value holds a control character"));
        }
        if (name == "content-length") {
            const qint64 length = parseLength(value, 10);
            if (length < 0 || (haveLength && length != m_contentLength)) {
                return refuse(400, tr("the Content-Length is not one number"));
            }
            haveLength = true;
            m_contentLength = length;
        } else if (name == "transfer-encoding") {
            if (value.toLower() != "chunked") {
                return refuse(501, tr("only the chunked transfer coding is understood"));
            }
            m_chunked = true;
        }
        m_request.headers.insert(name, value);
    }
    if (m_chunked && haveLength) {
        // A request with both is a smuggling attempt or a broken proxy (RFC 9112 6.3).
        return refuse(400, tr("the request has both Content-Length and Transfer-Encoding"));
    }
    if (version == "HTTP/1.0" && m_chunked) {
        return refuse(400, tr("HTTP/1.0 has no chunked bodies"));
    }
    if (m_contentLength > m_limits.maxBodyBytes) {
        return refuse(413, tr("the body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
    }
    const QByteArray connection = m_request.header("connection").toLower();
    m_request.keepAlive =
        version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive");
    m_wantsContinue = version == "HTTP/1.1" && m_request.header("expect").toLower() == "100-continue" &&
                      (m_chunked || m_contentLength > 0);
    m_haveHead = true;
    return State::NeedMore;
}

HttpRequestReader::State HttpRequestReader::readChunked(QByteArray &buffer)
{
    // The body is decoded only once all of it is there: at most the body limit plus the chunk
    // framing is ever buffered, since a longer buffer is refused before the end arrives.
    QByteArray body;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype lineEnd = buffer.indexOf("\r\n", pos);
        if (lineEnd < 0) {
            break;
        }
        QByteArray sizeField = buffer.mid(pos, lineEnd - pos);
        if (const qsizetype semi = sizeField.indexOf(';'); semi >= 0) {
            sizeField.truncate(semi); // chunk extensions are ignored
        }
        const qint64 size = parseLength(sizeField.trimmed(), 16);
        if (size < 0) {
            return refuse(400, tr("a chunk size is not a hexadecimal number"));
        }
        if (body.size() + size > m_limits.maxBodyBytes) {
            return refuse(413, tr("the body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
        }
        const qsizetype dataStart = lineEnd + 2;
        if (size == 0) {
            // Trailer fields are read and dropped; the body ends with an empty line.
            const qsizetype end = buffer.indexOf("\r\n\r\n", lineEnd);
            if (buffer.mid(dataStart, 2) == "\r\n") {
                m_request.body = body;
                buffer.remove(0, dataStart + 2);
                m_haveHead = false;
                m_wantsContinue = false;
                return State::Ready;
            }
            if (end < 0) {
                break;
            }
            m_request.body = body;
            buffer.remove(0, end + 4);
            m_haveHead = false;
            m_wantsContinue = false;
            return State::Ready;
        }
        if (buffer.size() < dataStart + size + 2) {
            break;
        }
        if (buffer.mid(dataStart + size, 2) != "\r\n") {
            return refuse(400, tr("a chunk does not end with CR LF"));
        }
        body += buffer.mid(dataStart, size);
        pos = dataStart + size + 2;
    }
    if (buffer.size() > m_limits.maxBodyBytes + m_limits.maxHeaderBytes) {
        return refuse(413, tr("the body is larger than %1 bytes").arg(m_limits.maxBodyBytes));
    }
    return State::NeedMore;
}

HttpRequest HttpRequestReader::take()
{
    m_haveHead = false;
    m_chunked = false;
    m_contentLength = 0;
    return std::exchange(m_request, HttpRequest{});
}

} // namespace herald
