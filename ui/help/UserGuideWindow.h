#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTextBrowser;

namespace herald::ui {

// The user guide (docs/USER_GUIDE.md) in a window of its own, with its screenshots and a find
// bar (Ctrl+F). Links to other pages stay inside; web links open in the browser.
class UserGuideWindow : public QWidget
{
    Q_OBJECT

public:
    // Where the guide is published, for an installation that lacks its local copy.
    static constexpr const char *OnlineGuide =
        "https://github.com/heraldconsole/herald/blob/main/docs/USER_GUIDE.md";

    explicit UserGuideWindow(QWidget *parent = nullptr);

    // The installed copy beside the executable (../share/doc/herald/USER_GUIDE.md), else the
    // source tree's in a development build; empty when there is neither. HERALD_USER_GUIDE, when
    // set, names the only file looked for.
    static QString findGuide();
    static QStringList guideCandidates();

    void load(const QString &path);
    QTextBrowser *browser() const { return m_browser; }

    // Finds the next (or previous) match of the find bar's text, wrapping around; false when
    // the guide does not contain it.
    bool find(bool backwards = false);

    // The anchor a Markdown link uses for a heading: "Where your data and logs are" →
    // "where-your-data-and-logs-are".
    static QString anchorFor(const QString &heading);

private:
    void fitImages();
    void nameHeadings();

    QTextBrowser *m_browser;
    QWidget *m_findBar;
    QLineEdit *m_findText;
    QLabel *m_findStatus;
};

} // namespace herald::ui
