// Precompiled for herald_core and the core tests: the Qt modules core uses
// (cmake/HeraldBuildSpeed.cmake reads the #include <…> lines of this file). Nothing of
// Herald's own goes here, so a change to Herald's headers never rebuilds the precompiled header.
#pragma once

#include <QtCore/QtCore>
#include <QtNetwork/QtNetwork>
#include <QtSql/QtSql>
