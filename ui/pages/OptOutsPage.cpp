#include "pages/OptOutsPage.h"

#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Transaction.h"
#include "dialogs/Prompt.h"
#include "import/ContactImporter.h"
#include "models/OptOutTableModel.h"
#include "phone/PhoneNormalizer.h"
#include "settings/SettingKeys.h"
#include "widgets/Formats.h"
#include "widgets/OptOutImportText.h"
#include "widgets/PageMessage.h"
#include "widgets/TabOrder.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}

struct ListRead
{
    QList<OptOut> rows;
    qint64 matching = 0;
    qint64 total = 0;
};

struct AddOutcome
{
    QString e164;
    bool added = false;
    QString rejection; // the normalizer's words when the number was refused
    bool noRegion = false;
};

struct ImportOutcome
{
    OptOutImportSummary summary;
};
} // namespace

OptOutsPage::OptOutsPage(DataService &data, const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_context(context)
    , m_model(new OptOutTableModel(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_phone(new QLineEdit(this))
    , m_reason(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove…"), this))
    , m_import(new QPushButton(tr("Import from CSV…"), this))
    , m_progressRow(new QWidget(this))
    , m_progress(new QProgressBar(m_progressRow))
    , m_progressText(new QLabel(m_progressRow))
    , m_message(new PageMessage(this))
    , m_table(new QTableView(this))
{
    m_search->setObjectName(u"optOutSearch"_s);
    m_search->setAccessibleName(tr("Search opt-outs"));
    m_search->setPlaceholderText(tr("Search by number or reason"));
    m_search->setClearButtonEnabled(true);
    m_count->setObjectName(u"optOutCount"_s);
    m_phone->setObjectName(u"optOutPhone"_s);
    m_phone->setAccessibleName(tr("Phone number to opt out"));
    m_phone->setPlaceholderText(tr("Phone number, e.g. +49 151 23456789"));
    m_reason->setObjectName(u"optOutReason"_s);
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Reason (optional)"));
    m_add->setObjectName(u"addOptOut"_s);
    m_add->setToolTip(tr("Never message this number: it is not queued in new campaigns and not resent"));
    m_remove->setObjectName(u"removeOptOut"_s);
    m_remove->setEnabled(false);
    m_import->setObjectName(u"importOptOuts"_s);
    m_import->setToolTip(tr("Add every number of a CSV file; the phone column is found by itself"));
    m_progress->setObjectName(u"optOutProgress"_s);
    m_progress->setRange(0, 0); // one transaction: there is no partial count to show
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_progressText->setObjectName(u"optOutProgressText"_s);
    m_message->setObjectName(u"optOutMessage"_s);

    m_table->setObjectName(u"optOutTable"_s);
    m_table->setAccessibleName(tr("Opt-outs"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(OptOutTableModel::Reason, QHeaderView::Stretch);

    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_progressText, 1);
    m_progressRow->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_count);
    top->addStretch();
    top->addWidget(m_import);
    top->addWidget(m_remove);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(new QLabel(tr("Add a number:"), this));
    addRow->addWidget(m_phone, 2);
    addRow->addWidget(m_reason, 3);
    addRow->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addLayout(addRow);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(&m_searchDelay, &QTimer::timeout, this, &OptOutsPage::refresh);
    connect(m_search, &QLineEdit::textEdited, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) { // the clear button
            m_searchDelay.stop();
            refresh();
        }
    });
    connect(m_add, &QPushButton::clicked, this, &OptOutsPage::addNumber);
    connect(m_phone, &QLineEdit::returnPressed, this, &OptOutsPage::addNumber);
    connect(m_reason, &QLineEdit::returnPressed, this, &OptOutsPage::addNumber);
    connect(m_remove, &QPushButton::clicked, this, &OptOutsPage::removeSelected);
    connect(m_import, &QPushButton::clicked, this, &OptOutsPage::importFile);
    connect(m_model, &OptOutTableModel::moreWanted, this, &OptOutsPage::readMore);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_remove->setEnabled(m_busy == 0 && m_table->selectionModel()->hasSelection()); });
    updateCount();
    TabOrder::followLayout(this);
}

OptOutsPage::~OptOutsPage() = default;

void OptOutsPage::refresh()
{
    const QString search = m_search->text().trimmed();
    const int generation = ++m_generation;
    const AppContext ctx = m_context;
    m_data.submit<ListRead>(
        this,
        [search, ctx](Database &db) {
            OptOutStore store(db, clockOf(ctx));
            ListRead read;
            read.total = store.count();
            read.matching = search.isEmpty() ? read.total : store.count(search);
            read.rows = store.list(0, PageSize, search);
            return read;
        },
        [this, generation, search](const DataResult<ListRead> &r) {
            if (generation != m_generation) {
                return; // a newer search or change is on its way
            }
            if (!r.ok()) {
                m_message->showMessage(PageMessage::Kind::Error,
                                       tr("The opt-out list cannot be read: %1").arg(r.error));
                return;
            }
            m_searched = search;
            m_total = r.value->total;
            m_model->reset(r.value->rows, r.value->matching);
            updateCount();
            Q_EMIT shown();
        });
}

void OptOutsPage::setSearch(const QString &text)
{
    m_search->setText(text);
    m_searchDelay.stop();
    refresh();
}

void OptOutsPage::readMore(qint64 offset)
{
    const QString search = m_searched;
    const int generation = m_generation;
    const AppContext ctx = m_context;
    m_data.submit<ListRead>(
        this,
        [search, offset, ctx](Database &db) {
            OptOutStore store(db, clockOf(ctx));
            ListRead read;
            read.rows = store.list(offset, PageSize, search);
            read.matching = store.count(search);
            return read;
        },
        [this, generation, offset](const DataResult<ListRead> &r) {
            if (generation != m_generation || !r.ok()) {
                return;
            }
            m_model->append(offset, r.value->rows, r.value->matching);
            updateCount();
        });
}

void OptOutsPage::updateCount()
{
    if (m_total < 0) {
        m_count->clear();
        return;
    }
    const qint64 matching = m_model->matching();
    m_count->setText(m_searched.isEmpty()
                         ? tr("On the list: %1").arg(Formats::count(m_total))
                         : tr("Matching: %1 of %2").arg(Formats::count(matching), Formats::count(m_total)));
}

void OptOutsPage::setBusy(bool busy, const QString &what)
{
    m_busy += busy ? 1 : -1;
    const bool idle = m_busy == 0;
    m_add->setEnabled(idle);
    m_import->setEnabled(idle);
    m_remove->setEnabled(idle && m_table->selectionModel()->hasSelection());
    m_progressRow->setVisible(!idle);
    if (busy) {
        m_progressText->setText(what);
    }
}

void OptOutsPage::addNumber()
{
    const QString raw = m_phone->text().trimmed();
    if (raw.isEmpty() || m_busy > 0) {
        if (raw.isEmpty()) {
            m_message->showMessage(PageMessage::Kind::Information, tr("Type the phone number to add first."));
        }
        return;
    }
    const QString reason = m_reason->text().trimmed();
    const AppContext ctx = m_context;
    setBusy(true, tr("Adding %1…").arg(raw));
    m_data.submit<AddOutcome>(
        this,
        [raw, reason, ctx](Database &db) {
            AddOutcome out;
            PhoneNormalizer::Options options;
            options.defaultRegion = AppSettings(db).value(SettingKeys::ImportRegion, QString());
            const PhoneNumberResult number = PhoneNormalizer(options).normalize(raw);
            if (!number.ok) {
                out.rejection = number.message;
                out.noRegion =
                    number.reason == PhoneRejectReason::MissingCountryCode && options.defaultRegion.isEmpty();
                return out;
            }
            out.e164 = number.e164;
            out.added = OptOutStore(db, clockOf(ctx)).add(number.e164, OptOutStore::Source::Manual, reason);
            return out;
        },
        [this](const DataResult<AddOutcome> &r) {
            setBusy(false);
            if (!r.ok()) {
                m_message->showMessage(PageMessage::Kind::Error,
                                       tr("The number was not added: %1").arg(r.error));
                return;
            }
            const AddOutcome &out = *r.value;
            if (!out.rejection.isEmpty()) {
                QString text = tr("Not added: %1").arg(out.rejection);
                if (!text.endsWith(u'.')) {
                    text += u'.';
                }
                if (out.noRegion) {
                    text +=
                        u' ' + tr("The country assumed for numbers without a country code is set in Settings "
                                  "(import.region).");
                }
                m_message->showMessage(PageMessage::Kind::Error, text);
                m_phone->setFocus();
                m_phone->selectAll();
                return;
            }
            m_message->showMessage(
                out.added ? PageMessage::Kind::Success : PageMessage::Kind::Information,
                out.added ? tr("%1 is now on the opt-out list: it is never queued in a campaign or resent.")
                                .arg(out.e164)
                          : tr("%1 was on the opt-out list already; it is unchanged.").arg(out.e164));
            m_phone->clear();
            m_reason->clear();
            refresh();
            Q_EMIT changed();
        });
}

void OptOutsPage::removeSelected()
{
    QStringList phones;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        phones << m_model->rowAt(index.row()).phone;
    }
    if (phones.isEmpty() || m_busy > 0) {
        return;
    }
    const QString title =
        phones.size() == 1 ? tr("Remove %1 from the opt-out list?").arg(phones.first())
                           : tr("Remove the %1 selected numbers from the opt-out list?").arg(phones.size());
    Prompt::confirm(
        this, title,
        tr("Herald may then message them again: in campaigns they are imported into and when failed messages "
           "are resent. Remove only numbers that asked to hear from you again."),
        tr("Remove"), [this, phones](bool yes) {
            if (!yes) {
                return;
            }
            const AppContext ctx = m_context;
            setBusy(true, tr("Removing…"));
            m_data.submit<qint64>(
                this,
                [phones, ctx](Database &db) {
                    OptOutStore store(db, clockOf(ctx));
                    Transaction tx(db);
                    qint64 removed = 0;
                    for (const QString &phone : phones) {
                        removed += store.remove(phone) ? 1 : 0;
                    }
                    tx.commit();
                    return removed;
                },
                [this](const DataResult<qint64> &r) {
                    setBusy(false);
                    if (!r.ok()) {
                        m_message->showMessage(PageMessage::Kind::Error,
                                               tr("Nothing was removed: %1").arg(r.error));
                        return;
                    }
                    m_message->showMessage(
                        PageMessage::Kind::Information,
                        tr("Removed from the opt-out list: %1.").arg(Formats::count(*r.value)));
                    refresh();
                    Q_EMIT changed();
                });
        });
}

void OptOutsPage::importFile()
{
    if (m_busy > 0) {
        return;
    }
    Prompt::openFileName(
        this, tr("Import opt-outs"), QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("CSV files (*.csv *.txt);;All files (*)"), [this](const QString &path) {
            if (path.isEmpty()) {
                return;
            }
            const AppContext ctx = m_context;
            m_message->clear();
            setBusy(true, tr("Importing %1: reading, checking and adding every number…")
                              .arg(QFileInfo(path).fileName()));
            m_data.submit<ImportOutcome>(
                this,
                [path, ctx](Database &db) {
                    const QString region = AppSettings(db).value(SettingKeys::ImportRegion, QString());
                    return ImportOutcome{
                        OptOutStore(db, clockOf(ctx))
                            .importFile(path, region, {}, {}, ContactImporter::defaultRejectsPath(path))};
                },
                [this](const DataResult<ImportOutcome> &r) {
                    setBusy(false);
                    if (!r.ok()) {
                        m_message->showMessage(PageMessage::Kind::Error,
                                               tr("Nothing was added: %1").arg(r.error));
                        return;
                    }
                    const OptOutImportSummary &s = r.value->summary;
                    const PageMessage::Kind kind = s.outcome == ImportSummary::Outcome::BadFile
                                                       ? PageMessage::Kind::Error
                                                   : s.rejected > 0 ? PageMessage::Kind::Warning
                                                                    : PageMessage::Kind::Success;
                    m_message->showMessage(kind, OptOutImportText::describe(s));
                    refresh();
                    Q_EMIT changed();
                });
        });
}

} // namespace herald::ui
