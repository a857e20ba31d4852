#include "views/PoolNumbersView.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "dialogs/Prompt.h"
#include "models/PoolNumbersModel.h"
#include "queue/NumberPool.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSysInfo>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

PoolNumbersView::PoolNumbersView(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_model(new PoolNumbersModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_reassign(new QPushButton(tr("Move recipients…"), this))
{
    m_summary->setObjectName(u"poolSummary"_s);
    m_summary->setWordWrap(true);
    m_table->setObjectName(u"poolNumbersTable"_s);
    m_table->setAccessibleName(tr("Phone numbers of the campaign"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    for (int c = PoolNumbersModel::Number; c < PoolNumbersModel::Reason; ++c) {
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    header->setSectionResizeMode(PoolNumbersModel::Reason, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_reassign->setObjectName(u"poolReassign"_s);
    m_reassign->setEnabled(false);
    m_reassign->setToolTip(
        tr("Send the recipients waiting for numbers out of the pool from the numbers still in it."));

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_reassign, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    connect(m_reassign, &QPushButton::clicked, this, &PoolNumbersView::reassign);
}

void PoolNumbersView::showCampaign(const CampaignRow &row)
{
    const qint64 done = row.sent + row.failed;
    if (row.id != m_campaignId) {
        clear();
        m_campaignId = row.id;
        m_done = done;
        m_status = row.status;
        load();
    } else if (m_pool && (done != m_done || row.status != m_status)) {
        m_done = done;
        m_status = row.status;
        load();
    }
}

void PoolNumbersView::clear()
{
    ++m_generation;
    m_campaignId.clear();
    m_done = -1;
    m_pool = false;
    m_loading = false;
    m_stale = false;
    m_model->clear();
    m_summary->clear();
    m_notice.clear();
    m_reassign->setEnabled(false);
}

void PoolNumbersView::load()
{
    if (m_campaignId.isEmpty()) {
        return;
    }
    if (m_loading) {
        m_stale = true;
        return;
    }
    m_loading = true;
    const quint64 generation = m_generation;
    const QString id = m_campaignId;
    m_data.submit<QList<PoolNumberProgress>>(
        this, [id](Database &db) { return NumberPool(db, Clock::system()).progress(id); },
        [this, generation](const DataResult<QList<PoolNumberProgress>> &r) {
            if (generation != m_generation) {
                return;
            }
            m_loading = false;
            if (!r.ok()) {
                updateSummary(tr("The campaign's numbers cannot be read: %1").arg(r.error));
            } else {
                m_pool = !r.value->isEmpty();
                m_model->setNumbers(*r.value);
                updateSummary();
            }
            Q_EMIT poolKnown(m_pool);
            Q_EMIT loaded();
            if (std::exchange(m_stale, false)) {
                load();
            }
        });
}

QString PoolNumbersView::summary() const
{
    return m_summary->text();
}

void PoolNumbersView::updateSummary(const QString &message)
{
    const qint64 waiting = m_model->waitingForOut();
    m_reassign->setEnabled(!m_busy && waiting > 0 && !m_model->activeNumbers().isEmpty());
    if (!message.isEmpty()) {
        m_notice = message;
    }
    QString text =
        tr("Sent from %Ln phone number(s) of the account; each recipient always from the same one.", nullptr,
           int(m_model->rowCount()));
    if (waiting > 0) {
        text += u' ' + tr("%Ln recipient(s) wait for numbers taken out of the pool: move them to the others, "
                          "then resume.",
                          nullptr, int(waiting));
    }
    if (!m_notice.isEmpty()) {
        text += u'\n' + m_notice;
    }
    m_summary->setText(text);
}

void PoolNumbersView::reassign()
{
    const qint64 waiting = m_model->waitingForOut();
    if (m_busy || waiting <= 0 || m_campaignId.isEmpty()) {
        return;
    }
    const QLocale locale;
    Prompt::confirm(
        this, tr("Move recipients"),
        tr("Move the %1 recipients waiting for %2 to %3? They will be sent from those numbers once you "
           "resume "
           "the campaign. The move is recorded.")
            .arg(locale.toString(waiting), m_model->outNumbers().join(u", "_s),
                 m_model->activeNumbers().join(u", "_s)),
        tr("Move"), [self = QPointer<PoolNumbersView>(this), id = m_campaignId](bool yes) {
            if (!self || !yes || id != self->m_campaignId) {
                return;
            }
            self->m_busy = true;
            self->updateSummary();
            const QString by = tr("the console on %1").arg(QSysInfo::machineHostName());
            self->m_data.submit<QList<Reassignment>>(
                self, [id, by](Database &db) { return NumberPool(db, Clock::system()).reassign(id, {}, by); },
                [self, id](const DataResult<QList<Reassignment>> &r) {
                    self->m_busy = false;
                    if (id != self->m_campaignId) {
                        return;
                    }
                    if (!r.ok()) {
                        self->updateSummary(tr("The recipients were not moved: %1").arg(r.error));
                        return;
                    }
                    qint64 moved = 0;
                    for (const Reassignment &m : *r.value) {
                        moved += m.moved;
                    }
                    self->load();
                    self->updateSummary(tr("Moved %1 recipients. Resume the campaign to send them.")
                                            .arg(QLocale().toString(moved)));
                    self->m_reassign->setEnabled(false); // until the read shows who still waits
                    Q_EMIT self->reassigned();
                });
        });
}

} // namespace herald::ui
