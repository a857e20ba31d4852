#include "views/FailuresView.h"

#include "data/CampaignSnapshot.h"
#include "data/DataService.h"
#include "models/FailuresModel.h"
#include "widgets/Formats.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

FailuresView::FailuresView(DataService &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_model(new FailuresModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_resend(new QPushButton(tr("Resend…"), this))
{
    m_summary->setObjectName(u"failuresSummary"_s);
    m_summary->setWordWrap(true);
    m_table->setObjectName(u"failuresTable"_s);
    m_table->setAccessibleName(tr("Failures by reason"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(FailuresModel::Reason, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FailuresModel::Count, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(FailuresModel::Meaning, QHeaderView::Stretch);
    header->setSectionResizeMode(FailuresModel::WhatToDo, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // The texts wrap: each row is as tall as its texts at the columns' current widths (a handful
    // of reasons, so measuring them at every layout costs nothing).
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_resend->setObjectName(u"failuresResend"_s);
    m_resend->setEnabled(false);
    m_resend->setToolTip(tr("Queue the messages that failed for the selected reasons again."));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_resend, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FailuresView::onSelectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FailuresView::onSelectionChanged);
    connect(m_resend, &QPushButton::clicked, this, [this] {
        const QStringList reasons = selectedReasons();
        if (!reasons.isEmpty()) {
            Q_EMIT resendRequested(reasons);
        }
    });
    updateSummary();
}

FailuresView::~FailuresView() = default;

void FailuresView::showCampaign(const CampaignRow &row)
{
    if (row.id != m_campaignId) {
        clear();
        m_campaignId = row.id;
        m_failed = row.failed;
        m_late = row.failedAfterSend;
        load();
    } else if (row.failed != m_failed || row.failedAfterSend != m_late) {
        // New failures, late ones, or a resend took some back: the reasons and counts moved.
        m_failed = row.failed;
        m_late = row.failedAfterSend;
        load();
    }
}

void FailuresView::clear()
{
    ++m_generation;
    m_campaignId.clear();
    m_failed = -1;
    m_late = -1;
    m_error.clear();
    m_loading = false;
    m_restoring = true;
    m_model->clear();
    m_restoring = false;
    m_emitted.clear();
    m_resend->setEnabled(false);
    updateSummary();
}

void FailuresView::load()
{
    const quint64 generation = ++m_generation;
    const QString id = m_campaignId;
    m_loading = true;
    updateSummary();
    m_data.submit<QList<ReasonCount>>(
        this,
        [id](Database &db) {
            return FailureSummary::byReason(db, id) + FailureSummary::lateByReason(db, id);
        },
        [this, generation](const DataResult<QList<ReasonCount>> &r) {
            if (generation != m_generation) {
                return; // another campaign, or newer figures, asked since
            }
            m_loading = false;
            m_error = r.error;
            if (r.ok()) {
                const QStringList selected = selectedReasons();
                const int currentRow = m_table->currentIndex().row();
                const QString current = currentRow >= 0 ? m_model->reasonAt(currentRow) : QString();
                const bool currentLate = currentRow >= 0 && m_model->isAfterSend(currentRow);
                m_restoring = true;
                m_model->setReasons(*r.value);
                // A reset loses the selection: select the same reasons again.
                QItemSelection keep;
                for (const QString &reason : selected) {
                    const int row = m_model->rowOf(reason);
                    if (row >= 0) {
                        keep.select(m_model->index(row, 0),
                                    m_model->index(row, FailuresModel::ColumnCount - 1));
                    }
                }
                QItemSelectionModel *selection = m_table->selectionModel();
                selection->select(keep, QItemSelectionModel::ClearAndSelect);
                if (m_model->rowOf(current, currentLate) >= 0) {
                    selection->setCurrentIndex(m_model->index(m_model->rowOf(current, currentLate), 0),
                                               QItemSelectionModel::NoUpdate);
                }
                m_restoring = false;
                onSelectionChanged();
            }
            updateSummary();
            Q_EMIT loaded();
        });
}

QStringList FailuresView::selectedReasons() const
{
    QStringList out;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows) {
        if (!m_model->isAfterSend(i.row())) { // late failures are sent rows: nothing to resend or filter
            out << m_model->reasonAt(i.row());
        }
    }
    return out;
}

void FailuresView::selectReason(const QString &reason)
{
    const int row = m_model->rowOf(reason);
    if (row < 0) {
        m_table->clearSelection();
        return;
    }
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                                           QItemSelectionModel::Rows);
}

void FailuresView::onSelectionChanged()
{
    const QStringList selected = selectedReasons();
    m_resend->setEnabled(!selected.isEmpty());
    if (m_restoring) {
        return;
    }
    // The row clicked last when it is selected; with several, the recipients show that one.
    QString reason;
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid() && !m_model->isAfterSend(current.row()) &&
        m_table->selectionModel()->isRowSelected(current.row(), {})) {
        reason = m_model->reasonAt(current.row());
    } else if (!selected.isEmpty()) {
        reason = selected.first();
    }
    if (reason != m_emitted) {
        m_emitted = reason;
        Q_EMIT reasonSelected(reason);
    }
}

void FailuresView::updateSummary()
{
    if (!m_error.isEmpty()) {
        m_summary->setText(tr("The failures could not be read: %1").arg(m_error));
        return;
    }
    if (m_campaignId.isEmpty()) {
        m_summary->clear();
        return;
    }
    const qint64 total = m_model->total();
    if (m_model->rowCount() == 0) {
        m_summary->setText(m_loading ? tr("Reading the failures…")
                                     : tr("No message of this campaign has failed."));
        return;
    }
    const int lateRows = m_model->lateRows();
    QString text = total > 0 || lateRows == 0
                       ? tr("Failed messages: %1, for %n reason(s). Select a reason to list its recipients "
                            "under Recipients, or reasons to resend.",
                            nullptr, m_model->rowCount() - lateRows)
                             .arg(Formats::count(total))
                       : tr("No message of this campaign has failed when sent.");
    if (lateRows > 0) {
        text += u" "_s + tr("Failed after sending: %1 (WhatsApp accepted them, then reported by webhook "
                            "that they could not be delivered).")
                             .arg(Formats::count(m_model->lateTotal()));
    }
    m_summary->setText(text);
}

} // namespace herald::ui
