#include "settings/RateCardSection.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "dialogs/Prompt.h"
#include "pricing/RateCardStore.h"
#include "settings/RateCardDialog.h"
#include "settings/RateCardTableModel.h"
#include "settings/SectionParts.h"

#include <QDateEdit>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {

// The list as Settings shows it. The card in use is asked of RateCardStore only when some card
// is stored: current() installs the example card when there is none, and a list must not.
QList<RateCardRow> readRows(Database &db, const Clock &clock)
{
    RateCardStore store(db, clock);
    QList<RateCardRow> rows;
    for (const RateCard &card : store.list()) {
        RateCardRow row;
        row.card = card;
        if (const std::optional<RateCard> full = store.load(card.id)) {
            row.markets = int(full->markets.size());
        }
        rows.append(row);
    }
    if (!rows.isEmpty()) {
        const qint64 current = store.current().id;
        for (RateCardRow &row : rows) {
            row.current = row.card.id == current;
        }
    }
    return rows;
}

} // namespace

RateCardSection::RateCardSection(DataService &data, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_clock(clock)
    , m_model(new RateCardTableModel(this))
    , m_table(new QTableView(this))
    , m_name(new QLineEdit(this))
    , m_effective(new QDateEdit(this))
    , m_import(new QPushButton(tr("Import…"), this))
    , m_view(new QPushButton(tr("View…"), this))
    , m_remove(new QPushButton(tr("Remove…"), this))
    , m_message(new QLabel(this))
{
    setObjectName(u"rateCardSection"_s);
    m_table->setObjectName(u"rateCardTable"_s);
    m_table->setAccessibleName(tr("Rate cards"));
    m_name->setObjectName(u"rateCardName"_s);
    m_effective->setObjectName(u"rateCardEffective"_s);
    m_import->setObjectName(u"rateCardImport"_s);
    m_view->setObjectName(u"rateCardView"_s);
    m_remove->setObjectName(u"rateCardRemove"_s);
    m_message->setObjectName(u"rateCardMessage"_s);

    m_table->setModel(m_model);
    SectionParts::setUpList(m_table);

    auto *cards = new QGroupBox(tr("Stored rate cards"), this);
    auto *cardsLayout = new QVBoxLayout(cards);
    cardsLayout->addWidget(m_table, 1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_view);
    row->addWidget(m_remove);
    row->addStretch();
    cardsLayout->addLayout(row);

    auto *import = new QGroupBox(tr("Import Meta's rate card"), this);
    auto *form = new QFormLayout(import);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_name->setPlaceholderText(tr("The file's name"));
    m_effective->setCalendarPopup(true);
    m_effective->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    m_effective->setDate(m_clock.now().toLocalTime().date());
    form->addRow(tr("Name:"), m_name);
    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(m_effective);
    dateRow->addStretch();
    dateRow->addWidget(m_import);
    form->addRow(tr("Effective from:"), dateRow);
    form->addRow(SectionParts::note(
        tr("A CSV file with one row per market: market, countries (ISO codes, * for the rest "
           "of the world), currency, then a price column per category (MARKETING, UTILITY, "
           "…). Meta publishes one file per currency and date; name it and give its date "
           "here."),
        import));

    SectionParts::setUpMessage(m_message);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(SectionParts::note(
        tr("Meta charges each delivered template message by the template's category and "
           "the recipient's market. Estimates use the imported card in effect today; "
           "with none, Herald's example card, whose prices are illustrative. Imports and removals "
           "are stored at once."),
        this));
    layout->addWidget(cards, 1);
    layout->addWidget(import);
    layout->addWidget(m_message);

    connect(m_import, &QPushButton::clicked, this, &RateCardSection::importCard);
    connect(m_view, &QPushButton::clicked, this, &RateCardSection::viewSelected);
    connect(m_remove, &QPushButton::clicked, this, &RateCardSection::removeSelected);
    connect(m_table, &QTableView::doubleClicked, this, &RateCardSection::viewSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RateCardSection::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RateCardSection::updateButtons);
    updateButtons();
    reload();
}

QString RateCardSection::message() const
{
    return m_message->text();
}

void RateCardSection::showMessage(const QString &text, bool error)
{
    m_error = error;
    SectionParts::showMessage(m_message, text, error);
}

void RateCardSection::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void RateCardSection::updateButtons()
{
    const bool selected = selectedId() > 0;
    m_import->setEnabled(!m_busy);
    m_view->setEnabled(selected);
    m_remove->setEnabled(selected && !m_busy);
}

qint64 RateCardSection::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : m_model->rowAt(rows.first().row()).card.id;
}

void RateCardSection::reload()
{
    const Clock *clock = &m_clock;
    m_data.submit<QList<RateCardRow>>(
        this, [clock](Database &db) { return readRows(db, *clock); },
        [this](const DataResult<QList<RateCardRow>> &r) {
            if (!r.ok()) {
                showMessage(tr("The rate cards cannot be read: %1").arg(r.error), true);
                return;
            }
            const qint64 keep = m_selectAfterLoad ? m_selectAfterLoad : selectedId();
            m_selectAfterLoad = 0;
            m_model->setRows(*r.value);
            if (const int row = m_model->rowOf(keep); row >= 0) {
                m_table->selectRow(row);
            }
            if (r.value->isEmpty() && m_message->text().isEmpty()) {
                showMessage(tr("No rate card is stored yet: estimates use Herald's example card until you "
                               "import Meta's."),
                            false);
            }
            m_loaded = true;
            Q_EMIT listed();
        });
}

void RateCardSection::importCard()
{
    if (m_busy) {
        return;
    }
    Prompt::openFileName(this, tr("Import a rate card"), QString(),
                         tr("Rate cards (*.csv *.txt);;All files (*)"),
                         [self = QPointer<RateCardSection>(this)](const QString &path) {
                             if (self && !path.isEmpty()) {
                                 self->importFile(path);
                             }
                         });
}

void RateCardSection::importFile(const QString &path)
{
    const QString name =
        m_name->text().trimmed().isEmpty() ? QFileInfo(path).completeBaseName() : m_name->text().trimmed();
    const QDate effective = m_effective->date();
    const Clock *clock = &m_clock;
    setBusy(true);
    showMessage(tr("Reading %1…").arg(QFileInfo(path).fileName()), false);
    m_data.submit<RateCardCsv::Result>(
        this,
        [clock, path, name, effective](Database &db) {
            return RateCardStore(db, *clock).importFile(path, name, effective);
        },
        [this](const DataResult<RateCardCsv::Result> &r) {
            setBusy(false);
            if (!r.ok()) {
                showMessage(tr("The rate card was not stored: %1").arg(r.error), true);
                return;
            }
            if (!r.value->card) {
                showMessage(tr("Nothing was imported. %1").arg(r.value->errorMessage), true);
                return;
            }
            const RateCard &card = *r.value->card;
            m_name->clear();
            showMessage(
                tr("Imported \"%1\": %n market(s) in %2, effective %3.", nullptr, int(card.markets.size()))
                    .arg(card.name, card.currency,
                         QLocale().toString(card.effectiveDate, QLocale::ShortFormat)),
                false);
            m_selectAfterLoad = card.id;
            reload();
            Q_EMIT imported(card.id);
        });
}

void RateCardSection::removeSelected()
{
    const qint64 id = selectedId();
    if (id <= 0 || m_busy) {
        return;
    }
    const RateCardRow row = m_model->rowAt(m_model->rowOf(id));
    QString text = tr("Remove the rate card \"%1\" (effective %2)? Estimates made with it keep their "
                      "figures.")
                       .arg(row.card.name, QLocale().toString(row.card.effectiveDate, QLocale::ShortFormat));
    if (row.card.isExample) {
        text += u' ' + tr("Herald installs its example card again when an estimate needs a card and none "
                          "is imported.");
    } else if (row.current) {
        text += u' ' + tr("Estimates use it now; afterwards they use the next card in effect.");
    }
    Prompt::confirm(this, tr("Remove rate card"), text, tr("Remove"),
                    [self = QPointer<RateCardSection>(this), id, name = row.card.name](bool yes) {
                        if (!self || !yes) {
                            return;
                        }
                        const Clock *clock = &self->m_clock;
                        self->setBusy(true);
                        self->m_data.submit<bool>(
                            self, [clock, id](Database &db) { return RateCardStore(db, *clock).remove(id); },
                            [self, name](const DataResult<bool> &r) {
                                self->setBusy(false);
                                if (!r.ok()) {
                                    self->showMessage(tr("The rate card was not removed: %1").arg(r.error),
                                                      true);
                                } else {
                                    self->showMessage(*r.value ? tr("Removed \"%1\".").arg(name)
                                                               : tr("\"%1\" was already removed.").arg(name),
                                                      false);
                                }
                                self->reload();
                            });
                    });
}

void RateCardSection::viewSelected()
{
    const qint64 id = selectedId();
    if (id <= 0) {
        return;
    }
    if (m_dialog) {
        m_dialog->close();
    }
    m_dialog = new RateCardDialog(m_data, id, this);
    m_dialog->open();
}

} // namespace herald::ui
