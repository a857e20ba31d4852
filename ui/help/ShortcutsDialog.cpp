#include "help/ShortcutsDialog.h"

#include "help/ShortcutTableModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

ShortcutsDialog::ShortcutsDialog(const QMainWindow &window, QWidget *parent)
    : QDialog(parent)
    , m_model(new ShortcutTableModel(window, this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_filterText(new QLineEdit(this))
    , m_table(new QTableView(this))
{
    setObjectName(u"shortcutsDialog"_s);
    setWindowTitle(tr("Keyboard shortcuts"));
    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filterText->setObjectName(u"shortcutFilter"_s);
    m_filterText->setPlaceholderText(tr("Filter by action, menu or key"));
    m_filterText->setAccessibleName(tr("Filter shortcuts"));
    m_filterText->setClearButtonEnabled(true);
    connect(m_filterText, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);

    m_table->setObjectName(u"shortcutTable"_s);
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ShortcutTableModel::Action, QHeaderView::Stretch);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_filterText);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace herald::ui
