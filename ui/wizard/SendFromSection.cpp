#include "wizard/SendFromSection.h"

#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "queue/CampaignStore.h"
#include "queue/NumberPool.h"
#include "settings/PhoneNumberStore.h"
#include "settings/SettingKeys.h"
#include "theme/ToneText.h"

#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

SendFromSection::SendFromSection(DataService &data, const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_clock(clock)
    , m_list(new QListWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(u"sendFromSection"_s);
    m_list->setObjectName(u"sendFromNumbers"_s);
    m_list->setAccessibleName(tr("Phone numbers to send from"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_note->setObjectName(u"sendFromNote"_s);
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addWidget(m_note);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        describe();
        Q_EMIT changed();
    });
}

void SendFromSection::load(const QString &sourceCampaignId)
{
    const int generation = ++m_generation;
    m_data.submit<Numbers>(
        this,
        [sourceCampaignId, defaultOverride = m_defaultOverride, clock = &m_clock](Database &db) {
            Numbers n;
            n.defaultId = !defaultOverride.isEmpty()
                              ? defaultOverride
                              : AppSettings(db).value(SettingKeys::PhoneNumberId, QString()).trimmed();
            const PhoneNumberStore store(db, *clock);
            QList<PhoneNumber> listed = store.list();
            if (!n.defaultId.isEmpty() &&
                std::none_of(listed.cbegin(), listed.cend(),
                             [&](const PhoneNumber &p) { return p.id == n.defaultId; })) {
                PhoneNumber d;
                d.id = n.defaultId;
                listed.prepend(d);
            }
            const QLocale locale;
            for (const PhoneNumber &p : std::as_const(listed)) {
                QString line = p.label.isEmpty() ? p.id : u"%1 — %2"_s.arg(p.label, p.id);
                const QString ceiling = locale.toString(store.ceilingFor(p.id).perSecond);
                line += u"  "_s + (p.id == n.defaultId ? tr("(at most %1 msg/s; the default number)")
                                                       : tr("(at most %1 msg/s)"))
                                      .arg(ceiling);
                n.ids << p.id;
                n.lines << line;
            }
            if (!sourceCampaignId.isEmpty()) {
                for (const PoolNumber &p : NumberPool(db, *clock).of(sourceCampaignId)) {
                    n.ticked << p.id;
                }
                if (n.ticked.isEmpty()) {
                    if (const auto c = CampaignStore(db, *clock).findById(sourceCampaignId);
                        c && !c->phoneNumberId.isEmpty()) {
                        n.ticked << c->phoneNumberId;
                    }
                }
            }
            if (n.ticked.isEmpty() && !n.defaultId.isEmpty()) {
                n.ticked << n.defaultId;
            }
            return n;
        },
        [this, generation](const DataResult<Numbers> &r) {
            if (generation != m_generation) {
                return;
            }
            present(r.ok() ? *r.value : Numbers{});
            if (!r.ok()) {
                m_note->setText(tr("The phone numbers could not be read: %1").arg(r.error));
                ToneText::apply(m_note, MessageTone::Error);
            }
        });
}

void SendFromSection::present(const Numbers &numbers)
{
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    m_defaultId = numbers.defaultId;
    for (qsizetype i = 0; i < numbers.ids.size(); ++i) {
        auto *item = new QListWidgetItem(numbers.lines.at(i), m_list);
        item->setData(Qt::UserRole, numbers.ids.at(i));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(numbers.ticked.contains(numbers.ids.at(i)) ? Qt::Checked : Qt::Unchecked);
    }
    // As tall as its rows, up to five; the page scrolls, not the list.
    const int rows = std::clamp(int(numbers.ids.size()), 1, 5);
    m_list->setFixedHeight(m_list->sizeHintForRow(0) * rows + 2 * m_list->frameWidth() + 4);
    m_loaded = true;
    describe();
    Q_EMIT changed();
}

bool SendFromSection::hasChoice() const
{
    return m_list->count() > 1;
}

QStringList SendFromSection::ticked() const
{
    QStringList out;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked) {
            out << m_list->item(i)->data(Qt::UserRole).toString();
        }
    }
    return out;
}

QStringList SendFromSection::choice() const
{
    const QStringList t = ticked();
    return t == QStringList{m_defaultId} ? QStringList() : t;
}

QString SendFromSection::problem() const
{
    if (m_loaded && hasChoice() && ticked().isEmpty()) {
        return tr("Tick at least one phone number to send from.");
    }
    return {};
}

void SendFromSection::describe()
{
    const int n = int(ticked().size());
    if (const QString why = problem(); !why.isEmpty()) {
        m_note->setText(why);
        ToneText::apply(m_note, MessageTone::Error);
        return;
    }
    ToneText::clear(m_note);
    m_note->setText(n > 1
                        ? tr("Each recipient is sent from one of the %Ln numbers, always the same one; each "
                             "number sends at its own ceiling. A number Meta limits leaves the pool and "
                             "the others go on.",
                             nullptr, n)
                        : QString());
    m_note->setVisible(!m_note->text().isEmpty());
}

} // namespace herald::ui
