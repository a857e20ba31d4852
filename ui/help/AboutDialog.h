#pragma once

#include "db/DatabaseConfig.h"

#include <QDialog>

class QLabel;

namespace herald::ui {

// Help › About Herald: the version, Herald's licence and those of the libraries it ships
// with, and where this installation keeps its data and logs (selectable, folders as links).
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    AboutDialog(const DatabaseConfig &database, const QString &logFolder, QWidget *parent = nullptr);

    static QString version(); // HERALD_VERSION, the one set in project(VERSION …)
    QString licencesText() const;
    QString locationsText() const;

private:
    QLabel *m_licences;
    QLabel *m_locations;
};

} // namespace herald::ui
