#pragma once

#include <QWidget>

namespace herald::ui {

class DataService;
struct AppContext;

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

Q_SIGNALS:
    void synced(int templates); // a sync finished and stored this many templates

private:
    DataService &m_data;
};

} // namespace herald::ui
