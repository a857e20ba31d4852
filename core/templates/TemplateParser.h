#pragma once

#include "cloudapi/ParameterMapping.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

// A template's components as Meta lists them, read once: the variables a campaign must fill
// (templateSlots, what the sender uses) and the texts a preview shows.
struct ParsedTemplate
{
    TemplateSlots templateSlots;
    QString parameterFormat; // POSITIONAL or NAMED (inferred from the texts when Meta gave none)
    QString headerFormat;    // TEXT, IMAGE, DOCUMENT, VIDEO, LOCATION; empty: no header
    QString headerText;
    QString bodyText;
    QString footerText;

    struct Button
    {
        int index = 0;
        QString type; // URL, QUICK_REPLY, PHONE_NUMBER, OTP, COPY_CODE, CATALOG, …
        QString text;
        QString url;
        bool takesParameter = false;
    };
    QList<Button> buttons;

    // Parts Herald cannot fill or send (a location header, a coupon-code button, a malformed
    // placeholder). A template with problems must not start a campaign: every message would fail.
    QStringList problems;

    bool isSendable() const { return problems.isEmpty(); }
};

// The texts of a template with one contact's values filled in, for a live preview. Variables
// without a value stay visible as {{1}} / {{first_name}}, so the user sees what is missing.
struct TemplatePreview
{
    QString header; // text headers only; a media header shows as "[IMAGE]" etc.
    QString body;
    QString footer;
    QStringList buttons; // button captions
};

// Templates come from the network, so what one may hold is bounded: Meta's own limits (a body
// of 1,024 characters, headers and footers of 60, ten buttons) with room to spare. A template
// past a bound is read up to it (texts cut, extra components and buttons left out) and gets a
// problem, so it cannot start a campaign and no listing can make parsing slow or large.
class TemplateParser
{
public:
    static constexpr qsizetype kMaxComponents = 10;
    static constexpr qsizetype kMaxButtons = 10;
    static constexpr qsizetype kMaxTextLength = 4096; // characters of one text or URL

    // components: Meta's array of {type: HEADER|BODY|FOOTER|BUTTONS, …}. parameterFormat as
    // Meta sends it (POSITIONAL | NAMED); empty infers it from the placeholders.
    static ParsedTemplate parse(const QJsonArray &components, const QString &parameterFormat = {});

    // The placeholders of one text, in template order without repeats: "1", "2" or names.
    static QStringList placeholders(const QString &text);

    // Values use the mapping format of ParameterMapping ("body.1", "header.1", …); per-contact
    // values win over defaults.
    static TemplatePreview preview(const ParsedTemplate &parsed, const QJsonObject &values,
                                   const QJsonObject &defaults = {});
};

} // namespace herald
