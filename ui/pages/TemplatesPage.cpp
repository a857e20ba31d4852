#include "pages/TemplatesPage.h"

#include "data/DataService.h"
#include "data/TemplateSyncRunner.h"
#include "db/Clock.h"
#include "models/TemplateTableModel.h"
#include "sending/Credentials.h"
#include "templates/TemplateStore.h"
#include "widgets/Formats.h"
#include "widgets/PageMessage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}
} // namespace

TemplatesPage::TemplatesPage(DataService &data, const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_context(context)
    , m_model(new TemplateTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_runner(new TemplateSyncRunner(context.database, clockOf(context), this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_sync(new QPushButton(tr("Sync with Meta"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progressRow(new QWidget(this))
    , m_progress(new QProgressBar(m_progressRow))
    , m_progressText(new QLabel(m_progressRow))
    , m_message(new PageMessage(this))
    , m_table(new QTableView(this))
    , m_detail(new QLabel(this))
    , m_pageSize(TemplateSync::DefaultPageSize)
{
    m_filter->setObjectName(u"templateFilter"_s);
    m_filter->setAccessibleName(tr("Filter templates"));
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    m_count->setObjectName(u"templateCount"_s);
    m_sync->setObjectName(u"syncTemplatesButton"_s);
    m_sync->setToolTip(tr("Fetch the message templates of the WhatsApp Business Account from Meta"));
    m_cancel->setObjectName(u"cancelTemplateSync"_s);
    m_cancel->hide();
    m_progress->setObjectName(u"templateSyncProgress"_s);
    m_progress->setRange(0, 0); // Graph does not say how many pages there are
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_progressText->setObjectName(u"templateSyncProgressText"_s);
    m_message->setObjectName(u"templateSyncMessage"_s);
    m_detail->setObjectName(u"templateDetail"_s);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TemplateTableModel::RawRole);
    m_proxy->setFilterKeyColumn(TemplateTableModel::Name);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setObjectName(u"templateTable"_s);
    m_table->setAccessibleName(tr("Templates"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TemplateTableModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TemplateTableModel::Variables, QHeaderView::Stretch);

    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_progressText, 1);
    progressLayout->addWidget(m_cancel);
    m_progressRow->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_count);
    top->addStretch();
    top->addWidget(m_sync);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_progressRow);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_detail);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });
    connect(m_sync, &QPushButton::clicked, this, &TemplatesPage::sync);
    connect(m_cancel, &QPushButton::clicked, this, &TemplatesPage::cancelSync);
    connect(m_runner, &TemplateSyncRunner::progressed, this, &TemplatesPage::onProgress);
    connect(m_runner, &TemplateSyncRunner::finished, this, &TemplatesPage::onFinished);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TemplatesPage::showSelected);
    updateCount();
}

TemplatesPage::~TemplatesPage() = default;

void TemplatesPage::refresh()
{
    const AppContext ctx = m_context;
    m_data.submit<QList<TemplateRow>>(
        this,
        [ctx](Database &db) {
            QList<TemplateRow> rows;
            for (const TemplateRecord &t : TemplateStore(db, clockOf(ctx)).list()) {
                rows << TemplateRow::from(t);
            }
            return rows;
        },
        [this](const DataResult<QList<TemplateRow>> &r) {
            if (!r.ok()) {
                m_message->showMessage(PageMessage::Kind::Error,
                                       tr("The templates cannot be read: %1").arg(r.error));
                return;
            }
            // Keep the selected template selected across the reset.
            QString name;
            QString language;
            const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
            if (current.isValid()) {
                name = m_model->rowAt(current.row()).record.name;
                language = m_model->rowAt(current.row()).record.language;
            }
            m_model->setRows(*r.value);
            if (const int row = m_model->rowOf(name, language); row >= 0) {
                m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
            }
            updateCount();
            showSelected();
        });
}

bool TemplatesPage::isSyncing() const
{
    return m_waitingForToken || m_runner->isRunning();
}

void TemplatesPage::sync()
{
    if (isSyncing()) {
        return;
    }
    m_message->clear();
    m_cancelled = false;
    m_sync->setEnabled(false);
    m_progressRow->show();
    m_cancel->hide();
    if (m_context.apiOverride) {
        startSync({});
        return;
    }
    if (!m_context.credentials) {
        TemplateSyncResult result;
        result.error = tr("No access token is set. Enter it in Settings (File ▸ Settings…) and sync again.");
        onFinished(result);
        return;
    }
    m_progressText->setText(tr("Getting the access token…"));
    m_waitingForToken = true;
    m_context.credentials->accessToken([this](const QString &token, const QString &problem) {
        m_waitingForToken = false;
        if (token.isEmpty()) {
            TemplateSyncResult result;
            result.error = problem.isEmpty() ? tr("No access token is set. Enter it in Settings (File ▸ "
                                                  "Settings…) and sync again.")
                                             : problem;
            onFinished(result);
            return;
        }
        startSync(token);
    });
}

void TemplatesPage::startSync(const QString &token)
{
    TemplateSyncRunner::Request request;
    request.apiOverride = m_context.apiOverride;
    request.accessToken = token;
    request.pageSize = m_pageSize;
    m_progressText->setText(tr("Asking Meta for the template list…"));
    m_cancel->show();
    m_runner->start(request);
}

void TemplatesPage::cancelSync()
{
    m_cancelled = m_runner->isRunning();
    m_runner->cancel();
}

void TemplatesPage::onProgress(int templatesSoFar, int pages)
{
    m_progressText->setText(tr("Reading the template list from Meta: %1 so far").arg(templatesSoFar) +
                            (pages > 1 ? tr(" (page %1)").arg(pages) : QString()) + u"…"_s);
}

QString TemplatesPage::progressText() const
{
    return m_progressRow->isVisibleTo(this) ? m_progressText->text() : QString();
}

void TemplatesPage::onFinished(const TemplateSyncResult &result)
{
    m_progressRow->hide();
    m_sync->setEnabled(true);
    if (!result.ok) {
        QString text = result.error;
        if (result.tokenRejected) {
            // TemplateSync's own words point to the command line's variable.
            text = tr("Meta refused the access token: it is invalid or has expired. Enter a valid token in "
                      "Settings (File ▸ Settings…) and sync again; nothing was stored.");
            if (result.errorCode) {
                text += u' ' + tr("(Graph error %1)").arg(*result.errorCode);
            }
        }
        if (std::exchange(m_cancelled, false)) {
            m_message->showMessage(PageMessage::Kind::Information, text);
        } else {
            m_message->showMessage(PageMessage::Kind::Error, text, tr("Open Settings…"),
                                   [this] { openSettings(); });
        }
        return;
    }
    QStringList lines;
    lines << tr("Templates synced from Meta: %1 (%2 new, %3 changed, %4 unchanged).")
                 .arg(Formats::count(result.seen), Formats::count(result.added),
                      Formats::count(result.updated), Formats::count(result.unchanged));
    for (const TemplateSyncResult::CategoryChange &c : result.categoryChanges) {
        lines << tr("Meta changed the category of %1 (%2) from %3 to %4.")
                     .arg(c.name, c.language, TemplateTableModel::categoryText(c.previousCategory),
                          TemplateTableModel::categoryText(c.category));
    }
    if (!result.noLongerListed.isEmpty()) {
        lines << tr("No longer listed by Meta, kept for the campaigns that use them: %1.")
                     .arg(result.noLongerListed.join(u", "_s));
    }
    lines << result.problems;
    m_message->showMessage(result.categoryChanges.isEmpty() && result.problems.isEmpty()
                               ? PageMessage::Kind::Success
                               : PageMessage::Kind::Warning,
                           lines.join(u'\n'));
    refresh();
    Q_EMIT synced(result.seen);
}

void TemplatesPage::showSelected()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_detail->setText(m_model->rowCount() == 0
                              ? tr("No templates are stored yet: sync them from Meta.")
                              : tr("Select a template to read its text and the variables a campaign fills."));
        return;
    }
    const TemplateRow &row = m_model->rowAt(current.row());
    QString text = tr("%1: %2").arg(row.record.displayName(), row.bodyText);
    text += u'\n' + (row.variables.isEmpty()
                         ? tr("No variables.")
                         : tr("Variables a campaign fills: %1.").arg(row.variables.join(u", "_s)));
    if (!row.problems.isEmpty()) {
        text += u'\n' + tr("Herald cannot send it: %1").arg(row.problems.join(u" "_s));
    }
    m_detail->setText(text);
}

void TemplatesPage::updateCount()
{
    const int all = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const int changed = m_model->categoryChanges();
    QString text = shown == all ? tr("Templates: %1").arg(all) : tr("Shown: %1 of %2").arg(shown).arg(all);
    if (changed > 0) {
        text += tr(" — category changed: %1").arg(changed);
    }
    m_count->setText(text);
}

void TemplatesPage::openSettings()
{
    // The window's Settings action (CampaignActions), so the page needs no wiring of its own.
    if (QAction *settings = window()->findChild<QAction *>(u"actionSettings"_s)) {
        settings->trigger();
    }
}

} // namespace herald::ui
