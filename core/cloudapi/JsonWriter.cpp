#include "cloudapi/JsonWriter.h"

namespace herald {

namespace {
constexpr char kHex[] = "0123456789abcdef";

void appendEscapedAscii(QByteArray &out, char16_t c)
{
    switch (c) {
    case u'"':
        out.append("\\\"", 2);
        return;
    case u'\\':
        out.append("\\\\", 2);
        return;
    case u'\n':
        out.append("\\n", 2);
        return;
    case u'\r':
        out.append("\\r", 2);
        return;
    case u'\t':
        out.append("\\t", 2);
        return;
    case u'\b':
        out.append("\\b", 2);
        return;
    case u'\f':
        out.append("\\f", 2);
        return;
    default:
        break;
    }
    if (c < 0x20) {
        const char esc[6] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xF], kHex[c & 0xF]};
        out.append(esc, 6);
    } else {
        out.append(static_cast<char>(c));
    }
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x800) {
        const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 2);
    } else if (cp < 0x10000) {
        const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                           static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 3);
    } else {
        const char b[4] = {
            static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
            static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
        out.append(b, 4);
    }
}
} // namespace

namespace {
// UTF-8 of s; with `json`, quote, backslash and control characters escaped.
void appendText(QByteArray &out, QStringView s, bool json)
{
    const qsizetype n = s.size();
    const char16_t *d = s.utf16();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = d[i];
        if (c < 0x80) {
            if (!json || (c >= 0x20 && c != u'"' && c != u'\\')) {
                out.append(static_cast<char>(c));
            } else {
                appendEscapedAscii(out, c);
            }
        } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && d[i + 1] >= 0xDC00 && d[i + 1] <= 0xDFFF) {
            const char32_t cp = 0x10000 + ((char32_t(c) - 0xD800) << 10) + (char32_t(d[i + 1]) - 0xDC00);
            appendUtf8(out, cp);
            ++i;
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            appendUtf8(out, 0xFFFD);
        } else {
            appendUtf8(out, c);
        }
    }
}
} // namespace

void JsonWriter::appendString(QByteArray &out, QStringView s)
{
    out.append('"');
    appendText(out, s, true);
    out.append('"');
}

void JsonWriter::appendUtf8(QByteArray &out, QStringView s)
{
    appendText(out, s, false);
}

void JsonWriter::appendInteger(QByteArray &out, qint64 value)
{
    char buf[24];
    char *p = buf + sizeof buf;
    quint64 v = value < 0 ? 0 - static_cast<quint64>(value) : static_cast<quint64>(value);
    do {
        *--p = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    if (value < 0) {
        *--p = '-';
    }
    out.append(p, buf + sizeof buf - p);
}

} // namespace herald
