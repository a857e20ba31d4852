#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

namespace herald {

// The few primitives MessageBuilder and the contact import need to write compact JSON (and the
// UTF-8 around it) straight into one buffer.
// Hand-rolled because a payload is built per message at up to 1,000 messages/s, and going
// through QJsonObject/QJsonDocument costs several times more (see the benchmark in
// tests/cloudapi/test_messagebuilder.cpp); it also keeps Meta's documented key order, which
// QJsonDocument would sort alphabetically.
class JsonWriter
{
public:
    // Appends `s` as a quoted JSON string in UTF-8: quote, backslash and control characters are
    // escaped; an unpaired surrogate becomes U+FFFD so the output is always valid UTF-8.
    static void appendString(QByteArray &out, QStringView s);
    // Appends `s` as UTF-8, neither quoted nor escaped; an unpaired surrogate becomes U+FFFD.
    static void appendUtf8(QByteArray &out, QStringView s);
    // Appends ASCII that is known not to need escaping (keys, enum values) without quoting.
    static void appendRaw(QByteArray &out, QLatin1StringView s) { out.append(s.data(), s.size()); }
    static void appendInteger(QByteArray &out, qint64 value);
};

} // namespace herald
