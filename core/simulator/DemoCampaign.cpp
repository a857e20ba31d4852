#include "simulator/DemoCampaign.h"

using namespace Qt::StringLiterals;

namespace herald {

QList<Recipient> DemoCampaign::recipients(int count)
{
    static const QStringList firstNames = {u"Alex"_s,  u"Maria"_s, u"Budi"_s,  u"Priya"_s,
                                           u"Lucas"_s, u"Sofia"_s, u"Jonas"_s, u"Aisha"_s,
                                           u"Mateo"_s, u"Chloe"_s, u"Ravi"_s,  u"Emma"_s};
    QList<Recipient> list;
    list.reserve(count);
    for (int i = 0; i < count; ++i) {
        Recipient r;
        r.phone = u"+1555%1"_s.arg(1000000 + i * 7 % 8000000, 7, 10, QChar(u'0'));
        r.name = firstNames.at(i % firstNames.size());
        r.params = QJsonObject{{u"body.1"_s, r.name}, {u"body.2"_s, u"A%1"_s.arg(10000 + i)}};
        list << r;
    }
    const QStringList special = {u"+15559991026"_s, u"+15559991050"_s, u"+15559991000"_s};
    for (qsizetype i = 0; i < special.size() && i < list.size(); ++i) {
        list[i * 97 % list.size()].phone = special.at(i);
    }
    return list;
}

QJsonObject DemoCampaign::settings()
{
    return QJsonObject{{u"defaults"_s, QJsonObject{{u"header.1"_s, u"https://example.com/parcel.jpg"_s},
                                                   {u"button.0"_s, u"demo"_s}}}};
}

} // namespace herald
