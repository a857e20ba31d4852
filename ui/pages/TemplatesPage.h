#pragma once

#include "AppContext.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace herald {
struct TemplateSyncResult;
}

namespace herald::ui {

class DataService;
class PageMessage;
class TemplateSyncRunner;
class TemplateTableModel;

// The synced message templates: name, language, status, category, the previous category with the
// date Meta changed it (marked), and the variables. Sync runs off the GUI thread with progress;
// errors are shown in words.
class TemplatesPage : public QWidget
{
    Q_OBJECT

public:
    TemplatesPage(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~TemplatesPage() override;

    // The page became visible (and on F5): read what it shows again.
    void refresh();
    // Fetches the templates from Meta (off the GUI thread), with progress on the page.
    void sync();
    void cancelSync();
    bool isSyncing() const;

    // For tests: smaller pages show progress over several requests.
    void setSyncPageSize(int size) { m_pageSize = size; }
    TemplateTableModel &model() const { return *m_model; }
    PageMessage *message() const { return m_message; }
    QString progressText() const;

Q_SIGNALS:
    void synced(int templates); // a sync finished and stored this many templates

private:
    void startSync(const QString &token);
    void onProgress(int templatesSoFar, int pages);
    void onFinished(const TemplateSyncResult &result);
    void showSelected();
    void updateCount();
    void openSettings();

    DataService &m_data;
    AppContext m_context;
    TemplateTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    TemplateSyncRunner *m_runner;
    QLineEdit *m_filter;
    QLabel *m_count;
    QPushButton *m_sync;
    QPushButton *m_cancel;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    PageMessage *m_message;
    QTableView *m_table;
    QLabel *m_detail;
    int m_pageSize;
    bool m_waitingForToken = false;
    bool m_cancelled = false;
};

} // namespace herald::ui
