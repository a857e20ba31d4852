#pragma once

#include "optout/OptOutStore.h"

#include <QAbstractTableModel>

namespace herald::ui {

// The opt-out list, or the entries matching a search, a page at a time: the view asks for more
// as it scrolls (canFetchMore/fetchMore), and the page reads the next rows on the data thread
// when moreWanted() says so. Lists of a hundred thousand numbers cost only what is on screen.
class OptOutTableModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Phone, Source, Reason, Added, ColumnCount };
    enum Role {
        RawRole = Qt::UserRole + 1, // the value to sort and compute with
    };

    explicit OptOutTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // A new list (a search, a refresh): the first rows and how many match in all.
    void reset(const QList<OptOut> &rows, qint64 matching);
    // The rows read from `offset`; ignored unless they continue what is loaded (an answer to a
    // question asked twice, or overtaken by a reset, adds nothing).
    void append(qint64 offset, const QList<OptOut> &rows, qint64 matching);
    qint64 matching() const { return m_matching; }
    const OptOut &rowAt(int row) const { return m_rows.at(row); }

    static QString sourceText(const QString &source);

Q_SIGNALS:
    void moreWanted(qint64 offset); // the view scrolled to the end of what is loaded

private:
    QList<OptOut> m_rows;
    qint64 m_matching = 0;
    qint64 m_askedOffset = -1; // moreWanted() for this offset is out and not answered yet
};

} // namespace herald::ui
