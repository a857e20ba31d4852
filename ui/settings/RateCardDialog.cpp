#include "settings/RateCardDialog.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "pricing/RateCardStore.h"
#include "settings/RateCardPricesModel.h"
#include "widgets/Formats.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

RateCardDialog::RateCardDialog(DataService &data, qint64 cardId, QWidget *parent)
    : QDialog(parent)
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new RateCardPricesModel(this))
{
    setObjectName(u"rateCardDialog"_s);
    setWindowTitle(tr("Rate card"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_summary->setObjectName(u"rateCardSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setText(tr("Reading the rate card…"));
    m_table->setObjectName(u"rateCardPrices"_s);
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setWordWrap(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(760, 420);

    data.submit<std::optional<RateCard>>(
        this, [cardId](Database &db) { return RateCardStore(db, Clock::system()).load(cardId); },
        [this, cardId](const DataResult<std::optional<RateCard>> &r) {
            if (!r.ok()) {
                m_summary->setText(tr("The rate card cannot be read: %1").arg(r.error));
                return;
            }
            if (!r.value->has_value()) {
                m_summary->setText(tr("The rate card %1 is no longer stored.").arg(cardId));
                return;
            }
            const RateCard &card = **r.value;
            m_model->setCard(card);
            setWindowTitle(tr("Rate card: %1").arg(card.name));
            QString text = tr("%1, effective %2. Prices in %3 per delivered template message, by the "
                              "recipient's market and the template's category.")
                               .arg(card.name, QLocale().toString(card.effectiveDate, QLocale::LongFormat),
                                    card.currency);
            if (card.isExample) {
                text += u' ' + tr("This is Herald's example card: its prices are illustrative, not Meta's.");
            } else if (!card.source.isEmpty()) {
                text +=
                    u' ' + tr("Imported from %1 on %2.").arg(card.source, Formats::dayTime(card.importedAt));
            }
            m_summary->setText(text);
            m_table->resizeColumnsToContents();
            m_loaded = true;
            Q_EMIT loaded();
        });
}

QString RateCardDialog::summary() const
{
    return m_summary->text();
}

} // namespace herald::ui
