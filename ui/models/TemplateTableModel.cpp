#include "models/TemplateTableModel.h"

#include "templates/TemplateParser.h"
#include "theme/StatusColors.h"
#include "widgets/Formats.h"

#include <QApplication>
#include <QIcon>
#include <QPalette>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
QColor mixed(const QColor &base, const QColor &tint)
{
    const auto mix = [](int a, int b) {
        return (a * 2 + b) / 3;
    };
    return QColor(mix(base.red(), tint.red()), mix(base.green(), tint.green()),
                  mix(base.blue(), tint.blue()));
}

} // namespace

TemplateRow TemplateRow::from(const TemplateRecord &record)
{
    TemplateRow row;
    row.record = record;
    const ParsedTemplate parsed = TemplateParser::parse(record.components, record.parameterFormat);
    row.variables = parsed.templateSlots.keys();
    row.problems = parsed.problems;
    row.bodyText = parsed.bodyText;
    row.record.components = {}; // read once; the table needs no more of it
    return row;
}

TemplateTableModel::TemplateTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int TemplateTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TemplateTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TemplateTableModel::statusText(const QString &status)
{
    if (status == "APPROVED"_L1) {
        return tr("Approved");
    }
    if (status == "PENDING"_L1) {
        return tr("Pending review");
    }
    if (status == "REJECTED"_L1) {
        return tr("Rejected");
    }
    if (status == "PAUSED"_L1) {
        return tr("Paused");
    }
    if (status == "DISABLED"_L1) {
        return tr("Disabled");
    }
    if (status == "IN_APPEAL"_L1) {
        return tr("In appeal");
    }
    return status;
}

QString TemplateTableModel::categoryText(const QString &category)
{
    if (category == "MARKETING"_L1) {
        return tr("Marketing");
    }
    if (category == "UTILITY"_L1) {
        return tr("Utility");
    }
    if (category == "AUTHENTICATION"_L1) {
        return tr("Authentication");
    }
    return category;
}

QVariant TemplateTableModel::display(const TemplateRow &r, int column) const
{
    switch (column) {
    case Name:
        return r.record.name;
    case Language:
        return r.record.language;
    case Status:
        return statusText(r.record.status);
    case Category:
        return categoryText(r.record.category);
    case PreviousCategory:
        if (!r.categoryChanged()) {
            return QString();
        }
        return r.record.categoryChangedAt.isValid() ? tr("%1 until %2")
                                                          .arg(categoryText(r.record.previousCategory),
                                                               Formats::time(r.record.categoryChangedAt))
                                                    : categoryText(r.record.previousCategory);
    case Variables:
        return r.variables.isEmpty() ? tr("none") : r.variables.join(u", "_s);
    case Updated:
        return Formats::time(r.record.updatedAt);
    default:
        return {};
    }
}

QVariant TemplateTableModel::raw(const TemplateRow &r, int column) const
{
    switch (column) {
    case Name:
        return r.record.name;
    case Language:
        return r.record.language;
    case Status:
        return r.record.status;
    case Category:
        return r.record.category;
    case PreviousCategory:
        return r.categoryChanged() ? r.record.previousCategory : QString();
    case Variables:
        return int(r.variables.size());
    case Updated:
        return r.record.updatedAt;
    default:
        return {};
    }
}

QString TemplateTableModel::tooltip(const TemplateRow &r, int column) const
{
    if ((column == Category || column == PreviousCategory) && r.categoryChanged()) {
        const QString when = r.record.categoryChangedAt.isValid() ? Formats::time(r.record.categoryChangedAt)
                                                                  : tr("a recent sync");
        return tr("Meta changed this template's category from %1 to %2 (noticed %3). Meta prices and limits "
                  "messages by category: check that the template still suits your campaigns.")
            .arg(categoryText(r.record.previousCategory), categoryText(r.record.category), when);
    }
    if (column == Status && !r.record.isApproved()) {
        return tr("Only approved templates can be sent.");
    }
    if (column == Variables || column == Name) {
        QString text = r.bodyText;
        if (!r.problems.isEmpty()) {
            text += u"\n\n"_s + tr("Herald cannot send this template: %1").arg(r.problems.join(u" "_s));
        }
        return text;
    }
    return {};
}

QVariant TemplateTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const TemplateRow &r = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(r, column);
    case RawRole:
        return raw(r, column);
    case CategoryChangedRole:
        return r.categoryChanged();
    case Qt::ToolTipRole: {
        const QString text = tooltip(r, column);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    case Qt::DecorationRole:
        if (column == Category && r.categoryChanged()) {
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        }
        return {};
    case Qt::BackgroundRole:
        if ((column == Category || column == PreviousCategory) && r.categoryChanged()) {
            return mixed(QApplication::palette().color(QPalette::Base),
                         StatusColors::color(StatusColors::Status::Warning));
        }
        return {};
    case Qt::ForegroundRole:
        if (column == Status) {
            if (r.record.isApproved()) {
                return StatusColors::color(StatusColors::Status::Completed);
            }
            if (r.record.status == "REJECTED"_L1 || r.record.status == "DISABLED"_L1) {
                return StatusColors::color(StatusColors::Status::Failed);
            }
            if (r.record.status == "PAUSED"_L1) {
                return StatusColors::color(StatusColors::Status::Paused);
            }
            return QApplication::palette().color(QPalette::PlaceholderText);
        }
        return {};
    default:
        return {};
    }
}

QVariant TemplateTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Language:
        return tr("Language");
    case Status:
        return tr("Status");
    case Category:
        return tr("Category");
    case PreviousCategory:
        return tr("Category before");
    case Variables:
        return tr("Variables");
    case Updated:
        return tr("Synced");
    default:
        return {};
    }
}

void TemplateTableModel::setRows(const QList<TemplateRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int TemplateTableModel::rowOf(const QString &name, const QString &language) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).record.name == name && m_rows.at(i).record.language == language) {
            return i;
        }
    }
    return -1;
}

int TemplateTableModel::categoryChanges() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [](const TemplateRow &r) { return r.categoryChanged(); }));
}

} // namespace herald::ui
