#pragma once

#include <QWidget>

namespace herald::ui {

class DataService;
struct AppContext;

// The opt-out list: search, add, remove, and import from a CSV file through the contact import,
// off the GUI thread.
class OptOutsPage : public QWidget
{
    Q_OBJECT

public:
    OptOutsPage(DataService &data, const AppContext &context, QWidget *parent = nullptr);
    ~OptOutsPage() override;

    // The page became visible (and on F5): read what it shows again.
    void refresh();

private:
    DataService &m_data;
};

} // namespace herald::ui
