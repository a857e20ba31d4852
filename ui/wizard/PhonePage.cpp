#include "wizard/PhonePage.h"

#include "import/PhoneColumnDetector.h"
#include "wizard/NumberSampleModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
constexpr int kSampleRows = 12;
}

PhonePage::PhonePage(WizardState &state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_column(new QComboBox(this))
    , m_reason(new QLabel(this))
    , m_region(new QLineEdit(this))
    , m_regionProblem(new QLabel(this))
    , m_mobileOnly(new QCheckBox(tr("Only &mobile numbers (skip numbers that can only be landlines)"), this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new NumberSampleModel(this))
{
    setObjectName(u"phonePage"_s);
    setTitle(tr("Phone numbers"));
    setSubTitle(tr("Check the column Herald reads the numbers from and how it will send them."));

    m_column->setObjectName(u"phoneColumnCombo"_s);
    m_reason->setObjectName(u"phoneColumnReason"_s);
    m_reason->setWordWrap(true);
    m_region->setObjectName(u"regionEdit"_s);
    m_region->setMaxLength(3);
    m_region->setMaximumWidth(80);
    m_region->setPlaceholderText(tr("e.g. DE"));
    m_regionProblem->setObjectName(u"regionProblem"_s);
    m_regionProblem->setWordWrap(true);
    m_regionProblem->setStyleSheet(u"color: #b00020;"_s);
    m_regionProblem->hide();
    m_mobileOnly->setObjectName(u"mobileOnly"_s);
    m_summary->setObjectName(u"numberSummary"_s);
    m_summary->setWordWrap(true);

    m_table->setObjectName(u"numberSample"_s);
    m_table->setAccessibleName(tr("Sample of the numbers"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(true);
    // Rows as tall as their reasons at the width the last column gets once laid out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *form = new QFormLayout;
    form->addRow(tr("Phone &column:"), m_column);
    form->addRow(QString(), m_reason);
    auto *regionHint = new QLabel(tr("for numbers written without a country code (+49 …)"), this);
    regionHint->setEnabled(false);
    auto *regionRow = new QHBoxLayout;
    regionRow->addWidget(m_region);
    regionRow->addWidget(regionHint, 1);
    auto *regionLabel = new QLabel(tr("&Default country:"), this);
    regionLabel->setBuddy(m_region);
    form->addRow(regionLabel, regionRow);
    form->addRow(QString(), m_regionProblem);
    form->addRow(QString(), m_mobileOnly);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);

    connect(m_column, &QComboBox::currentIndexChanged, this, &PhonePage::columnChosen);
    connect(m_region, &QLineEdit::textEdited, this, &PhonePage::regionEdited);
    connect(m_mobileOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_state.mobileOnly = on;
        refreshSample();
    });
}

void PhonePage::initializePage()
{
    m_filling = true;
    m_column->clear();
    for (qsizetype c = 0; c < m_state.file.columnCount; ++c) {
        m_column->addItem(m_state.file.columnName(c));
    }
    if (m_state.phoneColumn < 0) {
        const PhoneColumnChoice choice = PhoneColumnDetector::detect(m_state.file.header, m_state.file.rows);
        m_state.phoneColumn = int(choice.column);
        m_state.phoneReason = choice.isValid()
                                  ? choice.explanation
                                  : tr("No column looks like phone numbers: choose the one that holds them.");
    }
    m_column->setCurrentIndex(m_state.phoneColumn);
    m_reason->setText(m_state.phoneReason);
    m_region->setText(m_state.region);
    m_mobileOnly->setChecked(m_state.mobileOnly);
    m_filling = false;
    refreshSample();
}

void PhonePage::setDefaultRegion(const QString &region)
{
    if (m_regionEdited || region.isEmpty()) {
        return;
    }
    m_state.region = region;
    m_region->setText(region);
    refreshSample();
}

void PhonePage::columnChosen(int index)
{
    if (m_filling) {
        return;
    }
    m_state.phoneColumn = index;
    m_state.phoneReason = tr("You chose this column.");
    m_reason->setText(m_state.phoneReason);
    refreshSample();
}

void PhonePage::regionEdited()
{
    m_regionEdited = true;
    const QString text = m_region->text().trimmed();
    if (text.isEmpty()) {
        m_regionOk = true;
        m_state.region.clear();
        m_regionProblem->hide();
    } else {
        const RegionCodeCheck check = PhoneNormalizer::checkRegionCode(text);
        m_regionOk = check.ok;
        m_regionProblem->setVisible(!check.ok);
        m_regionProblem->setText(check.message);
        if (check.ok) {
            m_state.region = check.region;
        }
    }
    refreshSample();
    Q_EMIT completeChanged();
}

void PhonePage::refreshSample()
{
    if (m_filling) {
        return;
    }
    const int sendable = m_model->fill(m_state, kSampleRows);
    const int total = int(m_state.file.rows.size());
    m_summary->setText(
        m_state.file.estimateExact
            ? tr("%1 of the file's %2 rows have a number Herald can send to.").arg(sendable).arg(total)
            : tr("%1 of the first %2 rows have a number Herald can send to; the import checks every row.")
                  .arg(sendable)
                  .arg(total));
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(NumberSampleModel::AsRead,
                            qMin(m_table->columnWidth(NumberSampleModel::AsRead), 280));
    Q_EMIT completeChanged();
}

bool PhonePage::isComplete() const
{
    return m_state.phoneColumn >= 0 && m_regionOk;
}

} // namespace herald::ui
