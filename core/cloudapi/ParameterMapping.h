#pragma once

#include "cloudapi/MessageTypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace herald {

// The variables of one approved template, as the sender must fill them. Built from the
// template's components (template sync) or by hand in tests.
struct TemplateSlots
{
    enum class HeaderFormat { None, Text, Image, Document, Video };

    HeaderFormat header = HeaderFormat::None;
    // Text header: its one variable, "1" or a name; empty when the header text has none.
    QString headerVariable;
    // Body variables in template order: "1", "2", … (positional) or names (named templates).
    QStringList bodyVariables;

    // Only buttons that take a parameter: url buttons whose URL ends in {{1}}, quick_reply
    // buttons that should carry a payload, catalog buttons. Static buttons are left out.
    struct Button
    {
        int index = 0;
        ButtonSubType subType = ButtonSubType::Url;
    };
    QList<Button> buttons;

    // The keys a campaign must provide, in template order: "header.1", "body.first_name", "button.0".
    QStringList keys() const;
};

// Fills a template's components from one contact's values.
//
// The mapping format (stored per contact in send_queue.params, per campaign as defaults):
// a flat JSON object whose keys are "<component>.<variable>":
//
//   {"header.1": "https://cdn.example.com/a.jpg",     // media header: a link, or a media id
//    "body.1": "Alex", "body.2": 3,                   // text; numbers are written as text
//    "body.total": {"type": "currency", "fallback_value": "€12.50", "code": "EUR", "amount_1000": 12500},
//    "body.when": {"type": "date_time", "fallback_value": "1 May 2026"},
//    "button.0": "A12345"}                            // url suffix / quick_reply payload / catalog thumbnail
//
// - Positional variables are numbered per component as in the template ({{1}} of the header
//   is "header.1", {{1}} of the body is "body.1"); named ones use their name ("body.first_name").
// - A media value may also be an object {"id": "…"} or {"link": "…"}; a string that starts
//   with http:// or https:// is a link, anything else a media id.
// - Per-contact values win over campaign defaults, so a campaign can set "header.1" once.
// - Keys the template does not use are ignored (contacts carry other columns too).
class ParameterMapping
{
public:
    // Fills message.header, .body and .buttons; returns an empty string, or why not, naming
    // the key (a missing value, a value of the wrong shape).
    static QString fill(const TemplateSlots &tmpl, const QJsonObject &values, TemplateMessage &message,
                        const QJsonObject &defaults = {});
    // A JSON scalar as the text a parameter carries: spreadsheets hand over numbers, and 12 must
    // become "12", not "12.0" or "1.2e+01"; booleans become "true"/"false"; anything else "".
    static QString scalarText(const QJsonValue &v);
};

} // namespace herald
