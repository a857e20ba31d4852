#pragma once

#include <QAbstractTableModel>
#include <QList>

namespace herald::ui {

struct WizardState;

// Page 2's sample: each number as read from the file, as it will be sent, and whether it
// can be sent (or why not, in words).
class NumberSampleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Row, AsRead, AsSent, Verdict, ColumnCount };
    static constexpr int RawRole = Qt::UserRole + 1; // Verdict: true when sendable

    struct Entry
    {
        int row = 0; // 1-based data row
        QString asRead;
        QString asSent;
        QString verdict;
        bool ok = false;
    };

    using QAbstractTableModel::QAbstractTableModel;

    // The first `count` rows of the file under the state's column, region and mobile choice;
    // returns how many of all the previewed rows have a number that can be sent.
    int fill(const WizardState &state, int count);
    const Entry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;
};

} // namespace herald::ui
