#include "wizard/ReviewPage.h"

#include "data/DataService.h"
#include "db/Clock.h"
#include "sender/TestSend.h"
#include "widgets/Formats.h"
#include "widgets/TabOrder.h"
#include "wizard/ApiCall.h"
#include "wizard/CostSection.h"
#include "wizard/FrequencyCapSection.h"
#include "wizard/QuietHoursSection.h"
#include "wizard/SendFromSection.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
const Clock &clockOf(const AppContext &c)
{
    return c.clock ? *c.clock : Clock::system();
}

QLabel *countLabel(QWidget *parent, const QString &name)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QWidget *slot(QWidget *parent, const QString &name)
{
    auto *w = new QWidget(parent);
    w->setObjectName(name);
    auto *l = new QVBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    w->hide(); // shown by the part that fills it
    return w;
}

QGroupBox *box(QWidget *slot, const QString &title, QWidget *content)
{
    auto *b = new QGroupBox(title, slot);
    auto *l = new QVBoxLayout(b);
    l->addWidget(content);
    slot->layout()->addWidget(b);
    return b;
}

QString decisionText(const ErrorDecision &d, const QString &details)
{
    QString text = d.meaning();
    if (!details.isEmpty()) {
        text += u" ("_s + details + u')';
    }
    const QString todo = d.whatToDo();
    return todo.isEmpty() ? text : text + u' ' + todo;
}
} // namespace

ReviewPage::ReviewPage(WizardState &state, DataService &data, const AppContext &app, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_data(data)
    , m_app(app)
    , m_import(new WizardImport(data, clockOf(app), this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel import"), this))
    , m_importStatus(new QLabel(this))
    , m_counts(new QWidget(this))
    , m_imported(countLabel(m_counts, u"importedCount"_s))
    , m_duplicates(countLabel(m_counts, u"duplicatesInFileCount"_s))
    , m_inCampaign(countLabel(m_counts, u"inCampaignCount"_s))
    , m_optedOut(countLabel(m_counts, u"optedOutCount"_s))
    , m_rejected(countLabel(m_counts, u"rejectedCount"_s))
    , m_reasons(new QLabel(m_counts))
    , m_openRejects(new QPushButton(tr("Open rejected rows…"), m_counts))
    , m_readiness(new QLabel(this))
    , m_exclusionSlot(slot(this, u"exclusionSlot"_s))
    , m_apiCheck(new QLabel(this))
    , m_recheck(new QPushButton(tr("Check again"), this))
    , m_testNumber(new QLineEdit(this))
    , m_testSend(new QPushButton(tr("Send &test"), this))
    , m_testResult(new QLabel(this))
    , m_rate(new QDoubleSpinBox(this))
    , m_retry(new QCheckBox(tr("Retry messages whose answer was lost (a recipient may get one twice)"), this))
    , m_scheduleSlot(slot(this, u"scheduleSlot"_s))
    , m_costSlot(slot(this, u"costSlot"_s))
    , m_schedule(new ScheduleSection(clockOf(app), this))
    , m_quietHours(new QuietHoursSection(data, clockOf(app), this))
    , m_cost(new CostSection(data, clockOf(app), this))
    , m_cap(new FrequencyCapSection(this))
    , m_sendFrom(new SendFromSection(data, clockOf(app), this))
{
    setObjectName(u"reviewPage"_s);
    setTitle(tr("Review"));
    setSubTitle(tr("Herald imports the file into a draft campaign. Nothing is sent until you start it."));
    setCommitPage(false);

    m_progress->setObjectName(u"importProgress"_s);
    m_cancel->setObjectName(u"cancelImport"_s);
    m_importStatus->setObjectName(u"importStatus"_s);
    m_importStatus->setWordWrap(true);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);

    m_reasons->setObjectName(u"rejectedReasons"_s);
    m_reasons->setWordWrap(true);
    m_openRejects->setObjectName(u"openRejects"_s);
    m_openRejects->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    auto *counts = new QFormLayout(m_counts);
    counts->setContentsMargins(0, 0, 0, 0);
    counts->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    counts->addRow(tr("Imported:"), m_imported);
    counts->addRow(tr("Duplicates in the file:"), m_duplicates);
    counts->addRow(tr("Already in the campaign:"), m_inCampaign);
    counts->addRow(tr("Opted out:"), m_optedOut);
    counts->addRow(tr("Rejected:"), m_rejected);
    counts->addRow(QString(), m_reasons);
    counts->addRow(QString(), m_openRejects);
    m_counts->hide();
    m_readiness->setObjectName(u"readiness"_s);
    m_readiness->setWordWrap(true);

    auto *importBox = new QGroupBox(tr("Import"), this);
    auto *importLayout = new QVBoxLayout(importBox);
    importLayout->addLayout(progressRow);
    importLayout->addWidget(m_importStatus);
    importLayout->addWidget(m_counts);
    importLayout->addWidget(m_exclusionSlot);
    m_exclusionSlot->layout()->addWidget(m_cap);
    m_exclusionSlot->show();
    importLayout->addWidget(m_readiness);

    m_apiCheck->setObjectName(u"apiCheck"_s);
    m_apiCheck->setWordWrap(true);
    m_recheck->setObjectName(u"recheckApi"_s);
    m_testNumber->setObjectName(u"testNumber"_s);
    m_testNumber->setPlaceholderText(tr("your own number, e.g. +49 151 23456789"));
    m_testSend->setObjectName(u"testSendButton"_s);
    m_testResult->setObjectName(u"testSendResult"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *apiBox = new QGroupBox(tr("WhatsApp account"), this);
    auto *apiLayout = new QVBoxLayout(apiBox);
    auto *checkRow = new QHBoxLayout;
    checkRow->addWidget(m_apiCheck, 1);
    checkRow->addWidget(m_recheck, 0, Qt::AlignTop);
    apiLayout->addLayout(checkRow);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(new QLabel(tr("Test message to:"), apiBox));
    testRow->addWidget(m_testNumber, 1);
    testRow->addWidget(m_testSend);
    apiLayout->addLayout(testRow);
    apiLayout->addWidget(m_testResult);

    m_rate->setObjectName(u"rateLimit"_s);
    m_rate->setRange(0, 1000);
    m_rate->setDecimals(1);
    m_rate->setSuffix(tr(" msg/s"));
    m_rate->setSpecialValueText(tr("the number's ceiling"));
    m_rate->setMaximumWidth(m_rate->fontMetrics().horizontalAdvance(m_rate->specialValueText()) + 60);
    m_retry->setObjectName(u"retryNoResponse"_s);
    auto *sendBox = new QGroupBox(tr("Sending"), this);
    auto *sendLayout = new QFormLayout(sendBox);
    m_sendLayout = sendLayout;
    sendLayout->addRow(tr("Send from:"), m_sendFrom);
    sendLayout->setRowVisible(m_sendFrom, false); // until the account turns out to have several
    sendLayout->addRow(tr("At most:"), m_rate);
    sendLayout->addRow(QString(), m_retry);

    box(m_scheduleSlot, tr("When to send"), m_schedule);
    box(m_scheduleSlot, tr("Quiet hours"), m_quietHours);
    m_scheduleSlot->show();
    box(m_costSlot, tr("Cost estimate"), m_cost);
    m_costSlot->show();

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(importBox);
    contentLayout->addWidget(m_costSlot);
    contentLayout->addWidget(apiBox);
    contentLayout->addWidget(sendBox);
    contentLayout->addWidget(m_scheduleSlot);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields inside, which scroll into view
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_import->cancel();
        m_importStatus->setText(tr("Cancelling: the import is rolled back…"));
        m_cancel->setEnabled(false);
    });
    connect(m_import, &WizardImport::progressed, this, [this](qint64 rows, qint64 read, qint64 total) {
        if (total > 0) {
            m_progress->setRange(0, 1000);
            m_progress->setValue(int(read * 1000 / total));
        }
        m_importStatus->setText(tr("%1 rows read…").arg(Formats::count(rows)));
    });
    connect(m_import, &WizardImport::finished, this, &ReviewPage::imported);
    connect(m_import, &WizardImport::failed, this, [this](const QString &why) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_cancel->setEnabled(false);
        m_importStatus->setText(tr("The campaign could not be created: %1 Go back to change it.").arg(why));
        showSections({});
        Q_EMIT completeChanged();
    });
    connect(m_openRejects, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_result.summary.rejectsFile)); });
    connect(m_recheck, &QPushButton::clicked, this, &ReviewPage::checkApi);
    connect(m_testSend, &QPushButton::clicked, this, &ReviewPage::sendTest);
    connect(m_testNumber, &QLineEdit::returnPressed, this, &ReviewPage::sendTest);
    connect(m_schedule, &ScheduleSection::changed, this, &ReviewPage::completeChanged);
    connect(m_quietHours, &QuietHoursSection::changed, this, &ReviewPage::completeChanged);
    connect(m_cap, &FrequencyCapSection::requested, this, &ReviewPage::capChanged);
    connect(m_sendFrom, &SendFromSection::changed, this, [this] {
        m_sendLayout->setRowVisible(m_sendFrom, m_sendFrom->hasChoice());
        Q_EMIT completeChanged();
    });
    TabOrder::followLayout(this); // the sections sit in slots made before them
}

void ReviewPage::initializePage()
{
    // A copy starts from the settings of the campaign it copies; contacts added to a campaign
    // keep the campaign's own (its rate, retry choice, quiet hours and schedule are not this
    // page's to change).
    const QJsonObject &carried = m_state.carried;
    m_rate->setValue(carried.value(u"rate"_s).toDouble(0));
    m_retry->setChecked(carried.value(u"retry_no_response"_s).toBool(false));
    if (!carried.isEmpty()) {
        m_quietHours->setQuietHours(QuietHours::fromSettings(carried));
    }
    const bool adding = !m_existing.isEmpty();
    m_schedule->setAdding(adding);
    m_quietHours->parentWidget()->setVisible(!adding);
    m_rate->parentWidget()->setVisible(!adding);
    m_quietHours->followSchedule(*m_schedule);
    m_cap->setDays(m_state.skipRecentDays);
    if (!adding) {
        if (m_app.apiOverride) {
            m_sendFrom->setDefaultNumber(m_app.apiOverride->phoneNumberId());
        }
        m_sendFrom->load(m_numbersFrom);
    }
    startImport();
    checkApi();
}

void ReviewPage::cleanupPage()
{
    // Back from the review: the draft goes (an import that commits just now is undone too);
    // coming forward again imports once more with the choices as they are then.
    m_import->abandon();
    undoImport();
    m_result = {};
    showSections({});
}

void ReviewPage::capChanged(int days)
{
    if (wizard() && wizard()->currentPage() != this) {
        return; // the user went back meanwhile; the next visit imports with the new choice
    }
    m_state.skipRecentDays = days;
    // The cap decides which rows are imported: a new import into a new draft replaces the old.
    m_import->abandon();
    startImport();
}

void ReviewPage::undoImport()
{
    if (m_result.campaignId.isEmpty()) {
        return;
    }
    // In the chain of imports: the next import starts only after this is undone.
    WizardImport::undo(m_data, m_result);
    m_result.campaignId.clear();
}

void ReviewPage::showSections(const QString &campaignId)
{
    m_quietHours->setCampaign(campaignId);
    m_cost->setCampaign(campaignId);
    // A change of the cap while an import runs would race it; it waits for the import's end.
    m_cap->setEnabled(!m_import->isRunning());
}

void ReviewPage::startImport()
{
    undoImport(); // an import this page still holds is replaced by the new one
    m_result = {};
    m_cap->showSkipped(-1, 0);
    m_counts->hide();
    m_readiness->clear();
    m_progress->setRange(0, 0);
    m_cancel->setEnabled(true);
    m_importStatus->setText(tr("Importing %1…").arg(m_state.file.path));
    const QString rejects = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/rejects"_s;
    if (m_existing.isEmpty()) {
        m_import->start(m_state, rejects);
    } else {
        m_import->start(m_state, rejects, m_existing);
    }
    showSections({});
    Q_EMIT completeChanged();
}

void ReviewPage::imported(const WizardImportResult &result)
{
    m_result = result;
    m_cancel->setEnabled(false);
    const ImportSummary &s = result.summary;
    m_progress->setRange(0, 1);
    m_progress->setValue(s.outcome == ImportSummary::Outcome::Imported ? 1 : 0);
    switch (s.outcome) {
    case ImportSummary::Outcome::Imported:
        m_importStatus->setText((result.addedToExisting
                                     ? tr("Read the file's %1 rows into the campaign \"%2\" in %3.")
                                     : tr("Read the file's %1 rows into the draft campaign \"%2\" in %3."))
                                    .arg(Formats::count(s.rowsRead), m_state.campaignName,
                                         s.elapsedMs < 1000 ? tr("%1 ms").arg(s.elapsedMs)
                                                            : Formats::duration(s.elapsedMs / 1000)));
        break;
    case ImportSummary::Outcome::Cancelled:
        m_importStatus->setText(
            tr("The import was cancelled: nothing was kept. Go back, or close the wizard."));
        break;
    case ImportSummary::Outcome::BadFile:
        m_importStatus->setText(
            tr("The file cannot be imported: %1 Go back to change how it is read.").arg(s.errorMessage));
        break;
    case ImportSummary::Outcome::DryRun:
        break;
    }
    if (s.outcome == ImportSummary::Outcome::Imported) {
        m_imported->setText(Formats::count(s.imported));
        m_duplicates->setText(Formats::count(s.duplicatesInFile));
        m_inCampaign->setText(Formats::count(s.duplicatesInCampaign));
        m_optedOut->setText(Formats::count(s.optedOut));
        m_rejected->setText(Formats::count(s.rejected));
        QStringList reasons;
        for (auto it = s.rejectedByReason.cbegin(); it != s.rejectedByReason.cend(); ++it) {
            // The count by reason, with the first such row as the example of what it means.
            QString example;
            for (const ImportRejectedRow &row : s.notImported) {
                if (row.reason == it.key()) {
                    example = tr(" — e.g. line %1: %2").arg(row.line).arg(row.message);
                    break;
                }
            }
            reasons << tr("%1 × %2%3")
                           .arg(Formats::count(it.value()), QString(it.key()).replace(u'_', u' '), example);
        }
        m_reasons->setText(reasons.join(u'\n'));
        m_reasons->setVisible(!reasons.isEmpty());
        m_openRejects->setEnabled(s.rejected > 0 && !s.rejectsFile.isEmpty());
        m_openRejects->setToolTip(s.rejected > 0 ? QString() : tr("No row was rejected."));
        m_counts->show();
        const ReadinessReport &r = result.readiness;
        QStringList lines;
        for (const QString &refusal : r.refusals) {
            lines << u"✗ "_s + refusal;
        }
        for (const QString &warning : r.warnings) {
            lines << u"⚠ "_s + warning;
        }
        if (lines.isEmpty()) {
            lines << tr("✓ Every message has a value for each of the template's variables.");
        }
        m_readiness->setText(lines.join(u'\n'));
        m_readiness->setStyleSheet(r.ok() ? QString() : u"color: #b00020;"_s);
        m_cap->showSkipped(s.recentlyMessaged, s.skipRecentDays);
    }
    showSections(result.campaignId);
    Q_EMIT completeChanged();
}

void ReviewPage::checkApi()
{
    m_apiOk = false;
    m_recheck->setEnabled(false);
    m_apiCheck->setText(tr("Checking the access token and the phone number with WhatsApp…"));
    ApiCall::settings(m_app, m_data, this, [this](const ApiSettings &api, const QString &problem) {
        if (!problem.isEmpty()) {
            m_recheck->setEnabled(true);
            m_apiCheck->setText(tr("✗ %1").arg(problem));
            Q_EMIT completeChanged();
            return;
        }
        ApiCall::run<PhoneNumberCheck, PhoneNumberCheckResult>(
            api, this, [](PhoneNumberCheck &c) { c.start(); },
            [this](const PhoneNumberCheckResult &r) {
                m_recheck->setEnabled(true);
                m_apiOk = r.ok;
                if (!r.ok) {
                    m_apiCheck->setText(
                        tr("✗ WhatsApp refused the check: %1").arg(decisionText(r.decision, r.details)));
                } else {
                    QStringList lines{tr("✓ Token accepted; sending from %1 (%2), quality %3, limit %4.")
                                          .arg(r.health.displayPhoneNumber, r.health.verifiedName,
                                               r.health.qualityRating, r.health.messagingLimitTier)};
                    for (const QString &w : r.health.warnings(m_result.summary.imported)) {
                        lines << u"⚠ "_s + w;
                    }
                    m_apiCheck->setText(lines.join(u'\n'));
                }
                Q_EMIT completeChanged();
            });
    });
}

int ReviewPage::firstSendableRow() const
{
    for (int r = 0; r < m_state.file.rows.size(); ++r) {
        const PhoneNumberResult n = m_state.numberForRow(r);
        if (n.ok && m_state.message().build(n.e164, m_state.valuesForRow(r)).ok()) {
            return r;
        }
    }
    return -1;
}

void ReviewPage::sendTest()
{
    PhoneNormalizer::Options o;
    o.defaultRegion = m_state.region;
    const PhoneNumberResult to = PhoneNormalizer(o).normalize(m_testNumber->text());
    if (!to.ok) {
        m_testResult->setText(tr("✗ %1").arg(to.message));
        return;
    }
    const int row = firstSendableRow();
    if (row < 0) {
        m_testResult->setText(tr("✗ No row of the file can be sent, so there is nothing to test."));
        return;
    }
    const MessageBuilder::Result built = m_state.message().build(to.e164, m_state.valuesForRow(row));
    m_testSend->setEnabled(false);
    m_testResult->setText(tr("Sending row %1's message to %2…").arg(row + 1).arg(to.e164));
    ApiCall::settings(
        m_app, m_data, this, [this, body = built.json, to](const ApiSettings &api, const QString &problem) {
            if (!problem.isEmpty()) {
                m_testSend->setEnabled(true);
                m_testResult->setText(tr("✗ %1").arg(problem));
                return;
            }
            ApiCall::run<TestSend, TestSendResult>(
                api, this, [body](TestSend &t) { t.send(body); },
                [this, to](const TestSendResult &r) {
                    m_testSend->setEnabled(true);
                    m_testResult->setText(
                        r.accepted ? tr("✓ Accepted for %1 (%2). Check the phone.").arg(to.e164, r.wamid)
                                   : tr("✗ Not sent: %1").arg(decisionText(r.decision, r.details)));
                });
        });
}

bool ReviewPage::startNow() const
{
    return m_schedule->when() == ScheduleSection::When::Now;
}

ScheduleSection::When ReviewPage::when() const
{
    return m_schedule->when();
}

QDateTime ReviewPage::startUtc() const
{
    return m_schedule->startUtc();
}

QuietHours ReviewPage::quietHours() const
{
    return m_quietHours->quietHours();
}

double ReviewPage::rate() const
{
    return m_rate->value();
}

bool ReviewPage::retryNoResponse() const
{
    return m_retry->isChecked();
}

QJsonObject ReviewPage::finalSettings() const
{
    QJsonObject s = m_state.settings();
    if (rate() > 0) {
        s.insert(u"rate"_s, rate());
    }
    if (retryNoResponse()) {
        s.insert(u"retry_no_response"_s, true);
    }
    quietHours().writeTo(s);
    return s;
}

QString ReviewPage::takeCampaign()
{
    const QString id = m_result.campaignId;
    m_result.campaignId.clear();
    return id;
}

void ReviewPage::giveBackCampaign(const QString &campaignId)
{
    m_result.campaignId = campaignId;
    Q_EMIT completeChanged();
}

bool ReviewPage::isComplete() const
{
    if (m_import->isRunning() || m_result.campaignId.isEmpty() || !m_result.readiness.ok()) {
        return false;
    }
    if (!m_schedule->problem().isEmpty() || !m_quietHours->problems().isEmpty() ||
        !m_sendFrom->problem().isEmpty()) {
        return false;
    }
    // Anything that sends (now or at a time) needs the account WhatsApp accepted.
    return when() == ScheduleSection::When::Draft || m_apiOk;
}

} // namespace herald::ui
