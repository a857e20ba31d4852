#include "help/UserGuideWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
// Screenshots are taken at 1440 px; in a guide window they are scaled to a readable width.
constexpr int MaxImageWidth = 720;
} // namespace

UserGuideWindow::UserGuideWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_browser(new QTextBrowser(this))
    , m_findBar(new QWidget(this))
    , m_findText(new QLineEdit(m_findBar))
    , m_findStatus(new QLabel(m_findBar))
{
    setObjectName(u"userGuideWindow"_s);
    setWindowTitle(tr("Herald user guide"));
    m_browser->setObjectName(u"guideBrowser"_s);
    m_browser->setOpenExternalLinks(true);
    m_browser->setAccessibleName(tr("User guide"));
    m_findText->setObjectName(u"guideFind"_s);
    m_findText->setPlaceholderText(tr("Find in the guide"));
    m_findText->setAccessibleName(tr("Find in the guide"));
    m_findText->setClearButtonEnabled(true);
    m_findStatus->setObjectName(u"guideFindStatus"_s);

    auto *previous = new QToolButton(m_findBar);
    previous->setText(tr("Previous"));
    auto *next = new QToolButton(m_findBar);
    next->setText(tr("Next"));
    auto *close = new QToolButton(m_findBar);
    close->setText(tr("Close"));
    close->setAccessibleName(tr("Close the find bar"));
    auto *findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(0, 0, 0, 0);
    findLayout->addWidget(m_findText, 1);
    findLayout->addWidget(previous);
    findLayout->addWidget(next);
    findLayout->addWidget(m_findStatus);
    findLayout->addWidget(close);
    m_findBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(m_findBar);

    auto *findAction = new QAction(tr("Find"), this);
    findAction->setObjectName(u"actionGuideFind"_s);
    findAction->setShortcut(QKeySequence::Find);
    addAction(findAction);
    connect(findAction, &QAction::triggered, this, [this] {
        m_findBar->show();
        m_findText->setFocus();
        m_findText->selectAll();
    });
    auto *findNext = new QAction(tr("Find next"), this);
    findNext->setShortcut(QKeySequence::FindNext);
    addAction(findNext);
    connect(findNext, &QAction::triggered, this, [this] { find(false); });
    connect(m_findText, &QLineEdit::returnPressed, this, [this] { find(false); });
    connect(m_findText, &QLineEdit::textChanged, this, [this] { m_findStatus->clear(); });
    connect(next, &QToolButton::clicked, this, [this] { find(false); });
    connect(previous, &QToolButton::clicked, this, [this] { find(true); });
    connect(close, &QToolButton::clicked, this, [this] {
        m_findBar->hide();
        m_browser->setFocus();
    });
    resize(900, 760);
}

QStringList UserGuideWindow::guideCandidates()
{
    QStringList paths;
    // HERALD_USER_GUIDE, when set, is the only place looked at: a translated or company copy.
    if (qEnvironmentVariableIsSet("HERALD_USER_GUIDE")) {
        return {qEnvironmentVariable("HERALD_USER_GUIDE")};
    }
    // HERALD_DOC_FROM_BIN: the docs folder relative to the executable's, as installed.
    paths << QDir::cleanPath(QCoreApplication::applicationDirPath() + u'/' +
                             QString::fromUtf8(HERALD_DOC_FROM_BIN) + u"/USER_GUIDE.md"_s);
    paths << QDir::cleanPath(QString::fromUtf8(HERALD_SOURCE_DIR) + u"/docs/USER_GUIDE.md"_s);
    return paths;
}

QString UserGuideWindow::findGuide()
{
    for (const QString &path : guideCandidates()) {
        if (QFileInfo(path).isFile()) {
            return path;
        }
    }
    return {};
}

void UserGuideWindow::load(const QString &path)
{
    m_browser->setSource(QUrl::fromLocalFile(path), QTextDocument::MarkdownResource);
    fitImages();
    nameHeadings();
}

QString UserGuideWindow::anchorFor(const QString &heading)
{
    // GitHub's rule, which the guide's own links follow: lower case, punctuation dropped,
    // spaces to hyphens.
    QString slug;
    for (const QChar c : heading.toLower()) {
        if (c.isLetterOrNumber() || c == u'-' || c == u'_') {
            slug += c;
        } else if (c == u' ') {
            slug += u'-';
        }
    }
    return slug;
}

void UserGuideWindow::nameHeadings()
{
    // Qt's Markdown reader gives headings no anchors, so "#getting-started" would lead nowhere.
    QTextDocument *doc = m_browser->document();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0 || block.text().isEmpty()) {
            continue;
        }
        QTextCursor cursor(block);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        QTextCharFormat anchor;
        anchor.setAnchor(true);
        anchor.setAnchorNames({anchorFor(block.text())});
        cursor.mergeCharFormat(anchor);
    }
}

void UserGuideWindow::fitImages()
{
    // Markdown has no image sizes: each screenshot's width is set here, from its file. The
    // fragments are collected first, since changing a format while iterating may merge them.
    QTextDocument *doc = m_browser->document();
    struct Image
    {
        int position;
        int length;
        QTextImageFormat format;
    };
    QList<Image> images;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (fragment.isValid() && fragment.charFormat().isImageFormat()) {
                images.append(
                    {fragment.position(), fragment.length(), fragment.charFormat().toImageFormat()});
            }
        }
    }
    for (Image &image : images) {
        const QUrl url = m_browser->source().resolved(QUrl(image.format.name()));
        const QSize size = QImageReader(url.toLocalFile()).size();
        if (!size.isValid() || size.width() <= MaxImageWidth) {
            continue;
        }
        image.format.setWidth(MaxImageWidth);
        image.format.setHeight(double(size.height()) * MaxImageWidth / size.width());
        QTextCursor cursor(doc);
        cursor.setPosition(image.position);
        cursor.setPosition(image.position + image.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(image.format);
    }
}

bool UserGuideWindow::find(bool backwards)
{
    const QString text = m_findText->text();
    if (text.isEmpty()) {
        return false;
    }
    const QTextDocument::FindFlags flags =
        backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = m_browser->find(text, flags);
    if (!found) { // wrap around
        QTextCursor start(m_browser->document());
        start.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
        m_browser->setTextCursor(start);
        found = m_browser->find(text, flags);
    }
    m_findStatus->setText(found ? QString() : tr("Not found"));
    return found;
}

} // namespace herald::ui
