#include "widgets/CountryNames.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

QString CountryNames::label(const QString &region)
{
    if (region.isEmpty() || region == u"ZZ"_s) {
        return tr("unknown country");
    }
    if (region == u"001"_s) {
        return tr("non-geographic numbers");
    }
    const QLocale::Territory t = QLocale::codeToTerritory(region);
    if (t == QLocale::AnyTerritory) {
        return region;
    }
    return tr("%1 (%2)").arg(QLocale::territoryToString(t), region);
}

} // namespace herald::ui
