#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringDecoder>
#include <QStringView>

#include <optional>

namespace herald {

// The encodings a contact file arrives in from Excel, Google, Outlook and CRM exports.
// Latin-1 is deliberately folded into Windows-1252 (as browsers do): files labelled
// ISO-8859-1 are nearly always 1252 in practice, and 1252 is a superset of printable Latin-1.
enum class TextEncoding { Utf8, Utf16LE, Utf16BE, Windows1252 };

// "utf-8", "utf-16le", "utf-16be", "windows-1252": the names users type on the command line.
QString textEncodingName(TextEncoding encoding);
// Accepts the names above plus common aliases (utf8, cp1252, latin1, ...), case-insensitive.
std::optional<TextEncoding> textEncodingFromName(QStringView name);

// The byte order mark for an encoding (empty for Windows-1252).
QByteArray byteOrderMark(TextEncoding encoding);

// Streaming decoder. Qt 6.4 only has a Windows-1252 codec when it is built with ICU (the
// Debian build is, the Windows and macOS builds usually are not), so 1252 and the
// invalid-byte accounting are done here to behave the same everywhere.
class TextDecoder
{
public:
    explicit TextDecoder(TextEncoding encoding);

    // Appends the text decoded from `bytes` to `out`. Bytes of a sequence cut by the chunk
    // boundary are kept for the next call; `last` flushes them. Invalid UTF-8 becomes U+FFFD
    // (one per maximal invalid subpart, as the Unicode standard recommends) and is counted;
    // so does an unpaired surrogate in UTF-16.
    void decode(QByteArrayView bytes, QString &out, bool last);

    // Replacement characters produced since construction or the last takeReplacements().
    qint64 takeReplacements();
    TextEncoding encoding() const { return m_encoding; }

private:
    void decodeUtf8(QByteArrayView bytes, QString &out, bool last);
    void decodeUtf16(QByteArrayView bytes, QString &out, bool last);
    void replaceUnpairedSurrogates(QString &out, qsizetype from, bool last);

    TextEncoding m_encoding;
    QStringDecoder m_utf8;
    QByteArray m_carry;
    qint64 m_replacements = 0;
    char16_t m_pendingHigh = 0; // UTF-16: a high surrogate that ended the last chunk
};

// Encodes text for CsvWriter. Characters Windows-1252 cannot hold become '?' and are counted.
class TextEncoder
{
public:
    explicit TextEncoder(TextEncoding encoding);
    void encode(QStringView text, QByteArray &out);
    qint64 unrepresentable() const { return m_unrepresentable; }

private:
    TextEncoding m_encoding;
    qint64 m_unrepresentable = 0;
};

namespace textencoding {

// Length of the longest prefix of `bytes` that is well-formed UTF-8. When `allowTruncatedTail`
// is set, a final sequence that is merely cut short (as at the end of a sniffed prefix)
// does not count as invalid.
qsizetype validUtf8Prefix(QByteArrayView bytes, bool allowTruncatedTail);
// The Unicode code point for a Windows-1252 byte.
char16_t windows1252ToUnicode(uchar byte);

} // namespace textencoding

} // namespace herald
