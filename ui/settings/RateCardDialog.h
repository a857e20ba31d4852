#pragma once

#include <QDialog>

class QLabel;
class QTableView;

namespace herald::ui {

class DataService;
class RateCardPricesModel;

// One rate card's markets and prices, read-only, read on the data thread when opened.
class RateCardDialog : public QDialog
{
    Q_OBJECT

public:
    RateCardDialog(DataService &data, qint64 cardId, QWidget *parent = nullptr);

    RateCardPricesModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    bool isLoaded() const { return m_loaded; }
    QString summary() const;

Q_SIGNALS:
    void loaded();

private:
    QLabel *m_summary;
    QTableView *m_table;
    RateCardPricesModel *m_model;
    bool m_loaded = false;
};

} // namespace herald::ui
