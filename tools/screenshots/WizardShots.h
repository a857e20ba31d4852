#pragma once

#include <QString>

namespace herald::ui {
class MainWindow;
}

namespace herald::screenshots {

// The new-campaign wizard's four pages, driven as a user would through the window's New
// campaign action on a German customer export (semicolon-separated, Windows-1252), written
// to `folder` and read from there. The files are named `prefix` + "1-contacts.png" and so on; the
// texts are in the language installed.
bool wizardShots(ui::MainWindow &window, const QString &folder, const QString &out, const QString &prefix);

} // namespace herald::screenshots
