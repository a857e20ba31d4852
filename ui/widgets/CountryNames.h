#pragma once

#include <QCoreApplication>
#include <QString>

namespace herald::ui {

// How the console names a recipient's country, everywhere: "Germany (DE)" from Qt's territory
// names, with words for the pseudo-regions of numbers that have no country.
class CountryNames
{
    Q_DECLARE_TR_FUNCTIONS(CountryNames)

public:
    // '' or 'ZZ': "unknown country"; '001': "non-geographic numbers"; a code Qt does not know
    // stays as it is.
    static QString label(const QString &region);
};

} // namespace herald::ui
