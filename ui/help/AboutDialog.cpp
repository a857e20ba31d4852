#include "help/AboutDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QStyle>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QLabel *textLabel(const QString &name, const QString &html, QWidget *parent)
{
    auto *label = new QLabel(html, parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setOpenExternalLinks(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction); // selectable, links clickable
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    return label;
}

QString folderLink(const QString &path)
{
    const QString shown = QDir::toNativeSeparators(path).toHtmlEscaped();
    return u"<a href=\"%1\">%2</a>"_s.arg(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded), shown);
}

QString row(const QString &label, const QString &value)
{
    return u"<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>"_s.arg(label.toHtmlEscaped(),
                                                                                        value);
}
} // namespace

AboutDialog::AboutDialog(const DatabaseConfig &database, const QString &logFolder, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"aboutDialog"_s);
    setWindowTitle(tr("About Herald"));

    auto *icon = new QLabel(this);
    icon->setObjectName(u"aboutIcon"_s);
    const QIcon appIcon = QApplication::windowIcon().isNull()
                              ? style()->standardIcon(QStyle::SP_MessageBoxInformation)
                              : QApplication::windowIcon();
    icon->setPixmap(appIcon.pixmap(64, 64));
    icon->setAlignment(Qt::AlignTop);
    icon->setAccessibleName(tr("Herald icon"));

    const QString ver = version();
    const QString qtVer = QString::fromLatin1(qVersion());
    auto *title =
        textLabel(u"aboutVersion"_s,
                  u"<h2>Herald %1</h2>"_s.arg(ver.toHtmlEscaped()) + u"<p>"_s +
                      tr("A campaign console for the WhatsApp Business Cloud API.").toHtmlEscaped() +
                      u"</p><p>"_s + tr("Built with Qt %1.").arg(qtVer).toHtmlEscaped() + u"</p>"_s,
                  this);

    // Where this installation's files are: the folder of the default database, the database in
    // use (the password never shown) and the logs.
    const QString dataFolder = QFileInfo(DatabaseConfig::defaultSqlitePath()).absolutePath();
    const QString dbShown = database.dialect() == Dialect::Sqlite
                                ? folderLink(QFileInfo(database.sqlitePath()).absoluteFilePath())
                                : database.displayName().toHtmlEscaped();
    m_locations = textLabel(u"aboutLocations"_s,
                            u"<table>"_s + row(tr("Data folder"), folderLink(dataFolder)) +
                                row(tr("Database"), dbShown) + row(tr("Log folder"), folderLink(logFolder)) +
                                u"</table>"_s,
                            this);

    const QString licences =
        u"<p>"_s +
        tr("Herald is free software: you can redistribute it and/or modify it under the terms of "
           "the GNU General Public License, version 3 or (at your option) any later version. It "
           "comes with ABSOLUTELY NO WARRANTY.")
            .toHtmlEscaped() +
        u" <a href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GPL-3.0-or-later</a></p><p>"_s +
        tr("Herald uses these libraries:").toHtmlEscaped() + u"</p><ul>"_s +
        u"<li><a href=\"https://www.qt.io/\">Qt</a> %1 — LGPL-3.0 / GPL-3.0; "_s.arg(qtVer) +
        tr("Qt Charts and Qt HttpServer: GPL-3.0").toHtmlEscaped() + u"</li>"_s +
        u"<li><a href=\"https://github.com/google/libphonenumber\">libphonenumber</a> — Apache-2.0</li>"_s +
        u"<li><a href=\"https://github.com/frankosterfeld/qtkeychain\">QtKeychain</a> — BSD-3-Clause</li>"_s +
        u"</ul>"_s;
    m_licences = textLabel(u"aboutLicences"_s, licences, this);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(m_locations);
    text->addWidget(m_licences, 1);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

QString AboutDialog::version()
{
    return QStringLiteral(HERALD_VERSION);
}

QString AboutDialog::licencesText() const
{
    return m_licences->text();
}

QString AboutDialog::locationsText() const
{
    return m_locations->text();
}

} // namespace herald::ui
