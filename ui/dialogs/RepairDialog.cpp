#include "dialogs/RepairDialog.h"

#include "AppContext.h"
#include "data/DataService.h"
#include "db/Clock.h"
#include "db/Migrator.h"
#include "db/SchemaDoctor.h"
#include "models/RepairModel.h"
#include "queue/Repair.h"
#include "widgets/Formats.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}

struct Timed
{
    QList<RepairItem> items;
    qint64 ms = 0;
};
} // namespace

RepairDialog::RepairDialog(DataService &data, const AppContext &context, QWidget *parent)
    : QDialog(parent)
    , m_data(data)
    , m_context(context)
    , m_model(new RepairModel(this))
    , m_pages(new QStackedWidget(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_problems(new QListWidget(this))
    , m_schemaText(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_recount(new QPushButton(tr("Recount"), this))
    , m_apply(new QPushButton(tr("Apply repairs"), this))
    , m_migrate(new QPushButton(tr("Upgrade the database"), this))
{
    setObjectName(u"repairDialog"_s);
    setWindowTitle(tr("Repair counters"));
    m_summary->setObjectName(u"repairSummary"_s);
    m_summary->setWordWrap(true);
    m_table->setObjectName(u"repairTable"_s);
    m_table->setAccessibleName(tr("Campaign counters"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RepairModel::Campaign, QHeaderView::Stretch);
    m_problems->setObjectName(u"schemaProblems"_s);
    m_schemaText->setWordWrap(true);
    m_progress->setObjectName(u"repairProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_recount->setObjectName(u"repairRecount"_s);
    m_apply->setObjectName(u"repairApply"_s);
    m_migrate->setObjectName(u"repairMigrate"_s);

    auto *counters = new QWidget(this);
    auto *countersLayout = new QVBoxLayout(counters);
    countersLayout->setContentsMargins(0, 0, 0, 0);
    countersLayout->addWidget(m_table);
    auto *schema = new QWidget(this);
    auto *schemaLayout = new QVBoxLayout(schema);
    schemaLayout->setContentsMargins(0, 0, 0, 0);
    schemaLayout->addWidget(m_schemaText);
    schemaLayout->addWidget(m_problems);
    m_pages->addWidget(counters);
    m_pages->addWidget(schema);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_migrate, QDialogButtonBox::ActionRole);
    buttons->addButton(m_recount, QDialogButtonBox::ActionRole);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    m_migrate->hide();
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_recount, &QPushButton::clicked, this, &RepairDialog::analyze);
    connect(m_apply, &QPushButton::clicked, this, &RepairDialog::applyRepairs);
    connect(m_migrate, &QPushButton::clicked, this, &RepairDialog::migrate);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(820, 420);
}

RepairDialog::~RepairDialog() = default;

bool RepairDialog::isBusy() const
{
    return m_busy > 0;
}

QString RepairDialog::summary() const
{
    return m_summary->text();
}

void RepairDialog::busy(const QString &what)
{
    ++m_busy;
    m_summary->setText(what);
    m_progress->show();
    m_recount->setEnabled(false);
    m_apply->setEnabled(false);
    m_migrate->setEnabled(false);
}

void RepairDialog::idle(const QString &summary)
{
    --m_busy;
    m_summary->setText(summary);
    m_progress->hide();
    m_recount->setEnabled(true);
    m_migrate->setEnabled(true);
    m_apply->setEnabled(m_pages->currentIndex() == 0 && m_model->needingRepair() > 0);
}

void RepairDialog::showSchemaProblems(const QStringList &problems, bool migrationFixes)
{
    setWindowTitle(tr("The database is incomplete"));
    m_pages->setCurrentIndex(1);
    m_problems->clear();
    m_problems->addItems(problems);
    m_schemaText->setText(
        migrationFixes
            ? tr("This database is older than Herald: upgrading it adds what is missing, in one transaction. "
                 "Nothing is sent until the schema is whole.")
            : tr("Parts of the database's schema are missing or wrong, and upgrading will not bring them "
                 "back. "
                 "Herald sends nothing until they are restored: restore the database from a backup, or ask "
                 "whoever administers it to recreate what is listed (`herald-cli doctor` prints the same "
                 "list)."));
    m_migrate->setVisible(migrationFixes);
    m_apply->hide();
    m_summary->setText(tr("%n problem(s) found by the schema check.", nullptr, int(problems.size())));
}

void RepairDialog::analyze()
{
    m_pages->setCurrentIndex(0);
    m_apply->show();
    busy(tr("Recounting every campaign's messages…"));
    const AppContext ctx = m_context;
    m_data.submit<Timed>(
        this,
        [ctx](Database &db) {
            QElapsedTimer t;
            t.start();
            Timed r{Repair(db, clockOf(ctx)).analyze(), 0};
            r.ms = t.elapsed();
            return r;
        },
        [this](const DataResult<Timed> &r) {
            if (!r.ok()) {
                idle(tr("The recount failed: %1").arg(r.error));
                return;
            }
            m_model->setItems(r.value->items);
            const int wrong = m_model->needingRepair();
            idle(wrong == 0
                     ? tr("All %n campaign(s) match their messages (recounted in %1).", nullptr,
                          int(r.value->items.size()))
                           .arg(Formats::duration(r.value->ms / 1000))
                     : tr("%n campaign(s) do not match their messages. Apply repairs to set them to the "
                          "recount, in one transaction.",
                          nullptr, wrong));
        });
}

void RepairDialog::applyRepairs()
{
    busy(tr("Repairing…"));
    const AppContext ctx = m_context;
    m_data.submit<Timed>(
        this,
        [ctx](Database &db) {
            QElapsedTimer t;
            t.start();
            Repair repair(db, clockOf(ctx));
            repair.apply();
            Timed r{repair.analyze(), 0};
            r.ms = t.elapsed();
            return r;
        },
        [this](const DataResult<Timed> &r) {
            if (!r.ok()) {
                idle(tr("The repair failed and changed nothing: %1").arg(r.error));
                return;
            }
            m_model->setItems(r.value->items);
            idle(m_model->needingRepair() == 0 ? tr("Repaired. Every campaign now matches its messages.")
                                               : tr("%n campaign(s) still differ: messages changed while "
                                                    "repairing; recount and apply again.",
                                                    nullptr, m_model->needingRepair()));
            Q_EMIT repaired();
        });
}

void RepairDialog::migrate()
{
    busy(tr("Upgrading the database…"));
    struct After
    {
        int applied = 0;
        QStringList problems;
    };
    m_data.submit<After>(
        this,
        [](Database &db) {
            After a;
            a.applied = Migrator(db).migrate();
            a.problems = SchemaDoctor(db).check().lines();
            return a;
        },
        [this](const DataResult<After> &r) {
            if (!r.ok()) {
                idle(tr("The upgrade failed and changed nothing: %1").arg(r.error));
                return;
            }
            Q_EMIT repaired();
            if (!r.value->problems.isEmpty()) {
                showSchemaProblems(r.value->problems, false);
                idle(tr("Upgraded (%n step(s)), but the schema is still incomplete.", nullptr,
                        r.value->applied));
                return;
            }
            setWindowTitle(tr("Repair counters"));
            m_migrate->hide();
            idle(tr("Upgraded (%n step(s)).", nullptr, r.value->applied));
            analyze();
        });
}

} // namespace herald::ui
