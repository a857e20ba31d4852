#include "settings/PhoneNumbersModel.h"

#include "widgets/Formats.h"
#include "widgets/HealthText.h"

#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace herald::ui {

PhoneNumbersModel::PhoneNumbersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int PhoneNumbersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_listing.numbers.size());
}

int PhoneNumbersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PhoneNumbersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const PhoneNumber &n = m_listing.numbers.at(index.row());
    const bool isDefault = !m_listing.defaultId.isEmpty() && n.id == m_listing.defaultId;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Id:
            return n.id;
        case Label:
            return n.label;
        case Ceiling:
            return tr("%1 msg/s").arg(QLocale().toString(n.ceiling));
        case Default:
            return isDefault ? tr("Default") : QString();
        case Health:
            return healthText(n.id);
        default:
            return {};
        }
    case RawRole:
        switch (index.column()) {
        case Id:
            return n.id;
        case Label:
            return n.label;
        case Ceiling:
            return n.ceiling;
        case Default:
            return isDefault;
        case Health:
            return healthText(n.id);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Default && isDefault) {
            return tr("Campaigns without a number of their own send from this one (Cloud API → Phone number "
                      "ID).");
        }
        if (index.column() == Id) {
            return tr("Added %1").arg(Formats::dayTime(n.addedAt));
        }
        if (index.column() == Health) {
            const auto h = m_listing.health.constFind(n.id);
            return HealthText::details(h == m_listing.health.cend() ? nullptr : &*h);
        }
        if (index.column() == Ceiling) {
            return tr("The most messages per second a console or herald-cli run sends from this number.");
        }
        return {};
    case Qt::FontRole:
        if (isDefault) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Ceiling ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant PhoneNumbersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Id:
        return tr("Phone number ID");
    case Label:
        return tr("Label");
    case Ceiling:
        return tr("Ceiling");
    case Default:
        return tr("Default");
    case Health:
        return tr("Health");
    default:
        return {};
    }
}

void PhoneNumbersModel::setListing(const PhoneNumberListing &listing)
{
    beginResetModel();
    m_listing = listing;
    endResetModel();
}

QString PhoneNumbersModel::healthText(const QString &id) const
{
    const auto h = m_listing.health.constFind(id);
    return HealthText::brief(h == m_listing.health.cend() ? nullptr : &*h);
}

int PhoneNumbersModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_listing.numbers.size(); ++i) {
        if (m_listing.numbers.at(i).id == id) {
            return i;
        }
    }
    return -1;
}

} // namespace herald::ui
