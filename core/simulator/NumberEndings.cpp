#include "simulator/NumberEndings.h"

namespace herald {

using namespace Qt::StringLiterals;

namespace {

SimGraphError withDetails(int http, int code, const QString &message, const QString &details)
{
    SimGraphError e{http, code, message};
    e.details = details;
    return e;
}

std::optional<SimGraphError> errorForCode(int code, const QString &templateName, const QString &language)
{
    switch (code) {
    case 131026:
        return withDetails(400, code, u"(#131026) Message undeliverable"_s, u"Message Undeliverable."_s);
    case 131047:
        return withDetails(
            400, code, u"(#131047) Re-engagement message"_s,
            u"Message failed to send because more than 24 hours have passed since the customer "
            "last replied to this number."_s);
    case 131048:
        return withDetails(
            400, code, u"(#131048) Spam rate limit hit"_s,
            u"Message failed to send because there are restrictions on how many messages can be "
            "sent from this phone number. This may be because too many previous messages were "
            "blocked or flagged as spam."_s);
    case 131049:
        return withDetails(
            400, code,
            u"(#131049) This message was not delivered to maintain healthy ecosystem engagement."_s,
            u"In order to maintain a healthy ecosystem engagement, the message failed to be "
            "delivered."_s);
    case 131050:
        return withDetails(
            400, code,
            u"(#131050) Unable to deliver the message. This recipient has chosen to stop receiving "
            "marketing messages on WhatsApp from your business"_s,
            u"The user has stopped marketing messages from this business."_s);
    case 131056:
        return SimGraphError::pairRateLimit();
    case 131057:
        return withDetails(400, code, u"(#131057) Account in maintenance mode"_s,
                           u"Business Account is in maintenance mode"_s);
    case 131031:
        return withDetails(403, code, u"(#131031) Business Account locked"_s,
                           u"Business Account is locked"_s);
    case 131000:
        return SimGraphError::somethingWentWrong();
    case 130429:
        return SimGraphError::throughputReached();
    case 132000:
        return SimGraphError::parameterCountMismatch(1, 2);
    case 132001:
        return SimGraphError::templateMissing(templateName.isEmpty() ? u"template"_s : templateName,
                                              language.isEmpty() ? u"en_US"_s : language);
    case 132015:
        return SimGraphError::templatePaused();
    case 132016:
        return SimGraphError::templateDisabled();
    case 135000:
        return withDetails(
            400, code, u"(#135000) Generic user error"_s,
            u"Message failed to send because of an unknown error with your request parameters."_s);
    case 190:
        return SimGraphError::expiredToken();
    case 368:
        return SimGraphError{403, code, u"(#368) Temporarily blocked for policies violations"_s};
    case 4: {
        SimGraphError e{400, code, u"(#4) Application request limit reached"_s};
        e.transient = true;
        return e;
    }
    case 80007:
        return withDetails(400, code, u"(#80007) Rate limit issues"_s,
                           u"The WhatsApp Business Account has reached its rate limit."_s);
    case 2:
        return SimGraphError::unavailable503();
    default:
        return std::nullopt;
    }
}

} // namespace

std::optional<NumberEndings::Rule> NumberEndings::match(const QString &recipientKey,
                                                        const QString &templateName, const QString &language)
{
    if (recipientKey.size() < 7)
        return std::nullopt;
    const QStringView ending = QStringView(recipientKey).right(7);
    if (!ending.startsWith(u"999"))
        return std::nullopt;
    const int tail = ending.mid(3).toInt();
    switch (tail) {
    case 502:
        return Rule{Action::Html, {}};
    case 998:
        return Rule{Action::Timeout, {}};
    case 999:
        return Rule{Action::Reset, {}};
    default:
        break;
    }
    static const int codes[] = {131026, 131047, 131048, 131049, 131050, 131056, 131057,
                                131031, 131000, 130429, 132000, 132001, 132015, 132016,
                                135000, 190,    368,    4,      80007,  2};
    for (int code : codes) {
        if (code % 10000 == tail)
            return Rule{Action::SimGraphError, *errorForCode(code, templateName, language)};
    }
    return std::nullopt;
}

} // namespace herald
