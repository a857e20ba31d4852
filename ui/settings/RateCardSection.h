#pragma once

#include "settings/RateCardDialog.h"

#include <QPointer>
#include <QWidget>

class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace herald {
class Clock;
}

namespace herald::ui {

class DataService;
class RateCardTableModel;

// Settings → Rate cards: the stored cards (which one estimates use now), importing Meta's
// card from CSV under a name and an effective date, viewing a card's prices, and removing a
// card. A file with any problem stores nothing and its file, line and reason are shown. Every
// read and write is a DataService job (RateCardStore).
class RateCardSection : public QWidget
{
    Q_OBJECT

public:
    RateCardSection(DataService &data, const Clock &clock, QWidget *parent = nullptr);

    RateCardTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QLineEdit *nameEdit() const { return m_name; }
    QDateEdit *effectiveEdit() const { return m_effective; }
    bool isLoaded() const { return m_loaded; }
    bool isBusy() const { return m_busy; }
    QString message() const;
    bool messageIsError() const { return m_error; }
    RateCardDialog *openDialog() const { return m_dialog.data(); }

    void reload();
    // Asks for a file (Prompt), then reads and stores it on the data thread.
    void importCard();
    // Asks, then removes the selected card.
    void removeSelected();
    // Opens the selected card's prices.
    void viewSelected();

Q_SIGNALS:
    void listed(); // a read of the list arrived
    void imported(qint64 cardId);

private:
    void importFile(const QString &path);
    qint64 selectedId() const;
    void updateButtons();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error);

    DataService &m_data;
    const Clock &m_clock;
    RateCardTableModel *m_model;
    QTableView *m_table;
    QLineEdit *m_name;
    QDateEdit *m_effective;
    QPushButton *m_import;
    QPushButton *m_view;
    QPushButton *m_remove;
    QLabel *m_message;
    QPointer<RateCardDialog> m_dialog;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_error = false;
    qint64 m_selectAfterLoad = 0;
};

} // namespace herald::ui
