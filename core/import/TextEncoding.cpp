#include "import/TextEncoding.h"

#include <QtEndian>

#include <array>
#include <cstring>
#include <utility>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

// Windows-1252 differs from Latin-1 only in 0x80-0x9F. The five bytes Microsoft left
// undefined (81, 8D, 8F, 90, 9D) map to the C1 controls of the same value, as the WHATWG
// encoding standard does, so every byte decodes and re-encodes to itself.
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

constexpr char16_t kReplacement = 0xFFFD;

uchar encode1252(char16_t c)
{
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
        return uchar(c);
    }
    for (uchar k = 0; k < 32; ++k) {
        if (kCp1252High[k] == c) {
            return uchar(0x80 + k);
        }
    }
    return '?';
}

// Outcome of checking one sequence: its length when valid, or how many bytes form the
// maximal invalid subpart, or that the input ended while the sequence was still valid.
struct Utf8Step
{
    enum Kind { Valid, Invalid, Truncated } kind;
    qsizetype length;
};

inline bool isContinuation(uchar b)
{
    return (b & 0xC0) == 0x80;
}

Utf8Step stepUtf8(const uchar *p, qsizetype avail)
{
    const uchar b = p[0];
    if (b < 0x80) {
        return {Utf8Step::Valid, 1};
    }
    qsizetype need = 0;
    uchar lo = 0x80;
    uchar hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
        lo = b == 0xE0 ? 0xA0 : 0x80; // overlong
        hi = b == 0xED ? 0x9F : 0xBF; // UTF-16 surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
        lo = b == 0xF0 ? 0x90 : 0x80; // overlong
        hi = b == 0xF4 ? 0x8F : 0xBF; // beyond U+10FFFF
    } else {
        return {Utf8Step::Invalid, 1};
    }
    for (qsizetype k = 1; k < need; ++k) {
        if (k >= avail) {
            return {Utf8Step::Truncated, k};
        }
        const uchar c = p[k];
        const bool ok = k == 1 ? (c >= lo && c <= hi) : isContinuation(c);
        if (!ok) {
            return {Utf8Step::Invalid, k};
        }
    }
    return {Utf8Step::Valid, need};
}

// Advances over well-formed UTF-8 from `i`; ASCII is skipped eight bytes at a time
// because contact files are overwhelmingly ASCII.
qsizetype skipValidUtf8(const uchar *p, qsizetype n, qsizetype i, Utf8Step *stop)
{
    while (i < n) {
        while (i + 8 <= n) {
            quint64 w;
            std::memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL) {
                break;
            }
            i += 8;
        }
        if (i >= n) {
            break;
        }
        const Utf8Step s = stepUtf8(p + i, n - i);
        if (s.kind != Utf8Step::Valid) {
            *stop = s;
            return i;
        }
        i += s.length;
    }
    *stop = {Utf8Step::Valid, 0};
    return n;
}

} // namespace

QString textEncodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return u"utf-8"_s;
    case TextEncoding::Utf16LE:
        return u"utf-16le"_s;
    case TextEncoding::Utf16BE:
        return u"utf-16be"_s;
    case TextEncoding::Windows1252:
        return u"windows-1252"_s;
    }
    return {};
}

std::optional<TextEncoding> textEncodingFromName(QStringView name)
{
    QString n = name.trimmed().toString().toLower();
    n.remove(u'-');
    n.remove(u'_');
    if (n == "utf8"_L1) {
        return TextEncoding::Utf8;
    }
    if (n == "utf16le"_L1) {
        return TextEncoding::Utf16LE;
    }
    if (n == "utf16be"_L1) {
        return TextEncoding::Utf16BE;
    }
    if (n == "windows1252"_L1 || n == "cp1252"_L1 || n == "latin1"_L1 || n == "iso88591"_L1 ||
        n == "ansi"_L1) {
        return TextEncoding::Windows1252;
    }
    return std::nullopt;
}

QByteArray byteOrderMark(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8:
        return QByteArrayLiteral("\xEF\xBB\xBF");
    case TextEncoding::Utf16LE:
        return QByteArrayLiteral("\xFF\xFE");
    case TextEncoding::Utf16BE:
        return QByteArrayLiteral("\xFE\xFF");
    case TextEncoding::Windows1252:
        break;
    }
    return {};
}

namespace textencoding {

qsizetype validUtf8Prefix(QByteArrayView bytes, bool allowTruncatedTail)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    Utf8Step stop{Utf8Step::Valid, 0};
    const qsizetype end = skipValidUtf8(p, bytes.size(), 0, &stop);
    if (stop.kind == Utf8Step::Truncated && allowTruncatedTail) {
        return bytes.size();
    }
    return end;
}

char16_t windows1252ToUnicode(uchar byte)
{
    return byte >= 0x80 && byte <= 0x9F ? kCp1252High[byte - 0x80] : char16_t(byte);
}

} // namespace textencoding

TextDecoder::TextDecoder(TextEncoding encoding)
    : m_encoding(encoding)
    // Runs handed to it are already validated and whole, so it needs no state, and a
    // U+FEFF inside the data is content: the reader strips a leading BOM itself.
    , m_utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom)
{}

qint64 TextDecoder::takeReplacements()
{
    return std::exchange(m_replacements, 0);
}

void TextDecoder::decode(QByteArrayView bytes, QString &out, bool last)
{
    switch (m_encoding) {
    case TextEncoding::Utf8:
        decodeUtf8(bytes, out, last);
        return;
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE:
        decodeUtf16(bytes, out, last);
        return;
    case TextEncoding::Windows1252: {
        const qsizetype old = out.size();
        out.resize(old + bytes.size());
        auto *dst = reinterpret_cast<char16_t *>(out.data()) + old;
        const auto *src = reinterpret_cast<const uchar *>(bytes.data());
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            dst[i] = textencoding::windows1252ToUnicode(src[i]);
        }
        return;
    }
    }
}

void TextDecoder::decodeUtf8(QByteArrayView bytes, QString &out, bool last)
{
    // Every input byte yields at most one UTF-16 unit (a 4-byte sequence yields two), and a
    // carried sequence yields at most two.
    const qsizetype old = out.size();
    out.resize(old + bytes.size() + 2);
    QChar *const begin = out.data() + old;
    QChar *dst = begin;
    if (!m_carry.isEmpty()) {
        // Finish the sequence cut by the previous chunk on its own, rather than copying the
        // whole new chunk behind it.
        const qsizetype carried = m_carry.size();
        const QByteArray joined = m_carry + QByteArray(bytes.data(), std::min<qsizetype>(bytes.size(), 3));
        const Utf8Step s = stepUtf8(reinterpret_cast<const uchar *>(joined.constData()), joined.size());
        m_carry.clear();
        if (s.kind == Utf8Step::Truncated && !last) {
            m_carry = joined;
            out.truncate(old);
            return;
        }
        if (s.kind == Utf8Step::Valid) {
            dst = m_utf8.appendToBuffer(dst, QByteArrayView(joined).first(s.length));
        } else {
            *dst++ = QChar(kReplacement);
            ++m_replacements;
        }
        // The first invalid byte is never one of the carried ones: they were valid so far.
        bytes = bytes.sliced(std::min(bytes.size(), std::max<qsizetype>(s.length - carried, 0)));
    }
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        Utf8Step stop{Utf8Step::Valid, 0};
        const qsizetype runEnd = skipValidUtf8(p, n, i, &stop);
        if (runEnd > i) {
            dst = m_utf8.appendToBuffer(dst, QByteArrayView(bytes.data() + i, runEnd - i));
        }
        i = runEnd;
        if (i >= n) {
            break;
        }
        if (stop.kind == Utf8Step::Truncated && !last) {
            m_carry = QByteArray(bytes.data() + i, n - i);
            break;
        }
        *dst++ = QChar(kReplacement);
        ++m_replacements;
        i += stop.length;
    }
    out.truncate(old + (dst - begin));
}

void TextDecoder::decodeUtf16(QByteArrayView bytes, QString &out, bool last)
{
    const bool le = m_encoding == TextEncoding::Utf16LE;
    const qsizetype start = out.size();
    if (m_pendingHigh != 0) {
        out.append(QChar(std::exchange(m_pendingHigh, char16_t(0))));
    }
    if (!m_carry.isEmpty() && !bytes.isEmpty()) {
        const uchar a = uchar(m_carry[0]);
        const uchar b = uchar(bytes[0]);
        out.append(QChar(le ? char16_t(a | (b << 8)) : char16_t((a << 8) | b)));
        m_carry.clear();
        bytes = bytes.sliced(1);
    }
    const qsizetype units = bytes.size() / 2;
    const qsizetype old = out.size();
    out.resize(old + units);
    void *dst = out.data() + old;
    if (units == 0) {
        // nothing to convert; an empty view may carry a null pointer the swap must not see
    } else if (le) {
        qFromLittleEndian<char16_t>(bytes.data(), units, dst);
    } else {
        qFromBigEndian<char16_t>(bytes.data(), units, dst);
    }
    if (bytes.size() % 2 != 0) {
        m_carry = QByteArray(bytes.data() + bytes.size() - 1, 1);
    }
    replaceUnpairedSurrogates(out, start, last);
    if (last && !m_carry.isEmpty()) {
        m_carry.clear();
        out.append(QChar(kReplacement));
        ++m_replacements;
    }
}

// An unpaired surrogate is not a character: QString holds it, but UTF-8 cannot (PostgreSQL's
// text refuses it, Qt's encoder writes '?'), so it would change silently on the way into the
// database. It becomes U+FFFD, counted, and the reader reports the line like invalid UTF-8.
// A high surrogate ending a chunk waits for the next one, which may start with its pair.
void TextDecoder::replaceUnpairedSurrogates(QString &out, qsizetype from, bool last)
{
    qsizetype end = out.size();
    if (!last && end > from && out.at(end - 1).isHighSurrogate()) {
        m_pendingHigh = out.at(end - 1).unicode();
        out.chop(1);
        --end;
    }
    QChar *const d = out.data();
    for (qsizetype i = from; i < end; ++i) {
        if (!d[i].isSurrogate()) {
            continue;
        }
        if (d[i].isHighSurrogate() && i + 1 < end && d[i + 1].isLowSurrogate()) {
            ++i;
            continue;
        }
        d[i] = QChar(kReplacement);
        ++m_replacements;
    }
}

TextEncoder::TextEncoder(TextEncoding encoding)
    : m_encoding(encoding)
{}

void TextEncoder::encode(QStringView text, QByteArray &out)
{
    switch (m_encoding) {
    case TextEncoding::Utf8:
        out += text.toUtf8();
        return;
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE: {
        if (text.isEmpty()) {
            return;
        }
        const qsizetype old = out.size();
        out.resize(old + text.size() * 2);
        if (m_encoding == TextEncoding::Utf16LE) {
            qToLittleEndian<char16_t>(text.utf16(), text.size(), out.data() + old);
        } else {
            qToBigEndian<char16_t>(text.utf16(), text.size(), out.data() + old);
        }
        return;
    }
    case TextEncoding::Windows1252: {
        const qsizetype old = out.size();
        out.resize(old + text.size());
        char *const dst = out.data() + old;
        qsizetype w = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = text[i].unicode();
            const uchar b = encode1252(c);
            dst[w++] = char(b);
            if (b == '?' && c != u'?') {
                ++m_unrepresentable;
                // A surrogate pair is one character the user sees, so it becomes one '?'.
                if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
                    ++i;
                }
            }
        }
        out.truncate(old + w);
        return;
    }
    }
}

} // namespace herald
