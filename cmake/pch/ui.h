// Precompiled for the console (herald_ui) and its tests (cmake/HeraldBuildSpeed.cmake reads the
// #include <…> lines of this file).
#pragma once

#include <QtCore/QtCore>
#include <QtGui/QtGui>
#include <QtNetwork/QtNetwork>
#include <QtSql/QtSql>
#include <QtWidgets/QtWidgets>
