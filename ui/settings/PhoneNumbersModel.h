#pragma once

#include "cloudapi/NumberHealth.h"
#include "settings/PhoneNumberStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace herald::ui {

// The account's phone numbers as Settings lists them, and what a number not listed gets.
struct PhoneNumberListing
{
    QList<PhoneNumber> numbers;          // by ID
    QString defaultId;                   // api.phone_number_id; may be empty
    double unlistedCeiling = 0;          // api.rate_ceiling
    QHash<QString, NumberHealth> health; // the last check of each number (herald-cli numbers health, run)
};

// Settings → Phone numbers: ID (the default one marked), label, ceiling, what Meta last said about
// its health (quality, messaging limit, status; why it could not be read).
class PhoneNumbersModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Label, Ceiling, Default, Health, ColumnCount }; // when added: Id's tooltip
    enum Role {
        RawRole = Qt::UserRole + 1, // the value to sort and compute with
    };

    explicit PhoneNumbersModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setListing(const PhoneNumberListing &listing);
    const PhoneNumberListing &listing() const { return m_listing; }
    const PhoneNumber &numberAt(int row) const { return m_listing.numbers.at(row); }
    int rowOf(const QString &id) const; // -1 when not listed

private:
    QString healthText(const QString &id) const;

    PhoneNumberListing m_listing;
};

} // namespace herald::ui
