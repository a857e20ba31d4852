#include "dialogs/SettingsDialog.h"

#include "AppContext.h"
#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Clock.h"
#include "db/Transaction.h"
#include "dialogs/Prompt.h"
#include "settings/DatabaseSection.h"
#include "settings/LanguageChoice.h"
#include "settings/PhoneNumbersSection.h"
#include "settings/RateCardSection.h"
#include "settings/SectionParts.h"
#include "settings/SettingField.h"
#include "settings/SettingKeys.h"
#include "settings/TokenSection.h"
#include "widgets/MessageTone.h"
#include "widgets/TabOrder.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {

QFormLayout *form(QGroupBox *group)
{
    auto *layout = new QFormLayout(group);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    return layout;
}

// One label column for every group of a tab, so the fields line up from group to group.
void alignLabels(QWidget *page)
{
    QList<QWidget *> labels;
    int width = 0;
    const QList<QFormLayout *> forms = page->findChildren<QFormLayout *>();
    for (QFormLayout *f : forms) {
        for (int row = 0; row < f->rowCount(); ++row) {
            if (QLayoutItem *item = f->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
                labels << item->widget();
                width = std::max(width, item->widget()->sizeHint().width());
            }
        }
    }
    for (QWidget *label : labels) {
        label->setMinimumWidth(width);
    }
}

// What a stored value means, the default applied: "" and the default are the same setting.
QString effective(const QString &key, const QString &value)
{
    const SettingKeys::Spec *spec = SettingKeys::find(key);
    return value.trimmed().isEmpty() && spec ? spec->defaultValue : value.trimmed();
}

} // namespace

SettingsDialog::SettingsDialog(DataService &data, const AppContext &context, QWidget *parent)
    : QDialog(parent)
    , m_data(data)
    , m_tabs(new QTabWidget(this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(buildApiTab(context.credentials), tr("Cloud API"));
    m_tabs->addTab(buildSendingTab(), tr("Sending"));
    m_tabs->addTab(buildComputerTab(context.database.displayName()), tr("This computer"));
    // Phone numbers and rate cards are stored with the database and change at once: nothing for
    // Save to do.
    m_tabs->addTab(new PhoneNumbersSection(data, context, this), tr("Phone numbers"));
    m_tabs->addTab(new RateCardSection(data, context.clock ? *context.clock : Clock::system(), this),
                   tr("Rate cards"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        alignLabels(m_tabs->widget(i));
    }
    m_message->setObjectName(u"settingsMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_buttons->setObjectName(u"settingsButtons"_s);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"settingsSave"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"settingsCancel"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setMinimumWidth(640);
    TabOrder::followLayout(this);
    load();
}

SettingsDialog::~SettingsDialog() = default;

SettingField *SettingsDialog::addField(QFormLayout *layout, const QString &key, const QString &label,
                                       bool flag, bool hint)
{
    auto *f = new SettingField(key, flag ? SettingField::Kind::Flag : SettingField::Kind::Text, this);
    f->setLabel(label, hint);
    layout->addRow(label, f);
    m_fields.append(f);
    return f;
}

QWidget *SettingsDialog::buildApiTab(Credentials *credentials)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *connection = new QGroupBox(tr("Connection"), page);
    QFormLayout *f = form(connection);
    // Where the label says it all, no hint under the field.
    addField(f, SettingKeys::ApiBase, tr("Graph API base URL:"), false, false);
    addField(f, SettingKeys::ApiVersion, tr("Graph API version:"), false, false);
    addField(f, SettingKeys::PhoneNumberId, tr("Phone number ID:"), false, false);
    addField(f, SettingKeys::WabaId, tr("Business Account ID:"), false, false);
    addField(f, SettingKeys::RequestTimeoutMs, tr("Request timeout (ms):"));
    addField(f, SettingKeys::CaFile, tr("Extra CA certificate:"))
        ->setPlaceholder(tr("None: the system's only"));
    layout->addWidget(connection);
    m_token = new TokenSection(credentials, page);
    layout->addWidget(m_token);
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::buildSendingTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *sending = new QGroupBox(tr("Sending"), page);
    QFormLayout *f = form(sending);
    addField(f, SettingKeys::RateCeiling, tr("Rate ceiling (msg/s):"));
    addField(f, SettingKeys::Concurrency, tr("Concurrency:"));
    addField(f, SettingKeys::RetryNoResponse, tr("No response:"), true);
    addField(f, SettingKeys::OptOutKeywords, tr("Opt-out replies:"), false, false)
        ->setToolTip(tr("A reply that is exactly one of these words, in any case, puts its sender on the "
                        "opt-out list once the webhook receiver gets it."));
    layout->addWidget(sending);
    auto *import = new QGroupBox(tr("Contact import"), page);
    QFormLayout *i = form(import);
    addField(i, SettingKeys::ImportRegion, tr("Default region:"))->setPlaceholder(tr("None, e.g. DE or US"));
    // With the contacts it concerns; a group of its own would make the page scroll in German.
    SettingField *retention = addField(i, SettingKeys::RetentionDays, tr("Keep recipients (days):"));
    retention->setPlaceholder(tr("0: forever"));
    retention->setToolTip(tr("Names, numbers and parameters of campaigns finished longer ago are erased by "
                             "the console once a day and by herald-cli purge; the counts stay."));
    layout->addWidget(import);
    layout->addWidget(
        SectionParts::note(tr("These settings are stored with the database, shared by every console and "
                              "herald-cli that use it (herald-cli config shows them)."),
                           page));
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::buildComputerTab(const QString &openNow)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_database = new DatabaseSection(openNow, page);
    layout->addWidget(m_database);
    auto *language = new QGroupBox(tr("Language"), page);
    QFormLayout *f = form(language);
    m_language = new QComboBox(language);
    m_language->setObjectName(u"languageBox"_s);
    for (const LanguageChoice::Option &o : LanguageChoice::available()) {
        m_language->addItem(o.label, o.code);
    }
    const int current = m_language->findData(LanguageChoice::stored());
    m_language->setCurrentIndex(current < 0 ? 0 : current);
    f->addRow(tr("Language:"), m_language);
    f->addRow(SectionParts::note(tr("Takes effect when Herald is restarted."), language));
    layout->addWidget(language);
    layout->addWidget(
        SectionParts::note(tr("These settings belong to your user account on this computer, not to the "
                              "database."),
                           page));
    layout->addStretch();
    return page;
}

SettingField *SettingsDialog::field(const QString &key) const
{
    for (SettingField *f : m_fields) {
        if (f->key() == key) {
            return f;
        }
    }
    return nullptr;
}

QString SettingsDialog::message() const
{
    return m_message->text();
}

void SettingsDialog::showMessage(const QString &text, bool error)
{
    QPalette p = m_message->palette();
    p.setColor(QPalette::WindowText,
               error ? toneColor(MessageTone::Error) : palette().color(QPalette::WindowText));
    m_message->setPalette(p);
    m_message->setText(text);
}

void SettingsDialog::showTabOf(QWidget *widget)
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (m_tabs->widget(i)->isAncestorOf(widget)) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
}

void SettingsDialog::load()
{
    for (SettingField *f : m_fields) {
        f->setEnabled(false);
    }
    showMessage(tr("Reading the settings stored with the database…"), false);
    m_data.submit<QMap<QString, QString>>(
        this, [](Database &db) { return AppSettings(db).all(); },
        [this](const DataResult<QMap<QString, QString>> &r) {
            if (!r.ok()) {
                // What belongs to this computer can still be changed: that may be the fix.
                showMessage(tr("The settings stored with the database cannot be read: %1").arg(r.error),
                            true);
                return;
            }
            m_stored = *r.value;
            for (SettingField *f : m_fields) {
                f->setValue(m_stored.value(f->key()));
                f->setEnabled(true);
            }
            m_loaded = true;
            showMessage({}, false);
        });
}

void SettingsDialog::save()
{
    if (m_saving) {
        return;
    }
    QWidget *firstProblem = nullptr;
    if (m_loaded) {
        for (SettingField *f : m_fields) {
            if (!f->problem().isEmpty() && !firstProblem) {
                firstProblem = f;
            }
        }
    }
    if (!firstProblem && !m_database->problem().isEmpty()) {
        firstProblem = m_database;
    }
    if (firstProblem) {
        showTabOf(firstProblem);
        showMessage(tr("Correct the fields marked in red; nothing was saved."), true);
        return;
    }

    QList<QPair<QString, QString>> changes;
    if (m_loaded) {
        for (SettingField *f : m_fields) {
            if (effective(f->key(), f->value()) != effective(f->key(), m_stored.value(f->key()))) {
                changes.append({f->key(), f->value()});
            }
        }
    }
    const bool languageChanged = m_language->currentData().toString() != LanguageChoice::stored();
    m_restartNeeded = languageChanged || m_database->changed();
    m_saving = true;
    m_saveFailed = false;
    m_pendingParts = 3;
    m_buttons->setEnabled(false);
    showMessage(tr("Saving…"), false);
    LanguageChoice::store(m_language->currentData().toString());

    auto partDone = [this](bool ok) {
        m_saveFailed = m_saveFailed || !ok;
        if (--m_pendingParts == 0) {
            finishSave();
        }
    };
    if (changes.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [partDone] { partDone(true); }, Qt::QueuedConnection);
    } else {
        m_data.run(
            this,
            [changes](Database &db) {
                Transaction tx(db);
                AppSettings settings(db);
                for (const auto &[key, value] : changes) {
                    if (value.isEmpty()) {
                        settings.remove(key);
                    } else {
                        settings.set(key, value);
                    }
                }
                tx.commit();
            },
            [this, changes, partDone](const DataResult<Done> &r) {
                if (!r.ok()) {
                    m_failedPart = m_fields.constFirst();
                    showMessage(tr("The settings were not stored with the database: %1").arg(r.error), true);
                } else {
                    for (const auto &[key, value] : changes) {
                        m_stored.insert(key, value);
                    }
                }
                partDone(r.ok());
            });
    }
    m_failedPart = nullptr;
    m_token->save([this, partDone](bool ok) {
        if (!ok) {
            m_failedPart = m_token;
        }
        partDone(ok);
    });
    m_database->save([this, partDone](const QString &problem) {
        if (!problem.isEmpty() && !m_failedPart) {
            m_failedPart = m_database;
        }
        partDone(problem.isEmpty());
    });
}

void SettingsDialog::finishSave()
{
    m_saving = false;
    m_buttons->setEnabled(true);
    if (m_saveFailed) {
        if (m_failedPart) {
            showTabOf(m_failedPart);
        }
        if (m_message->text() == tr("Saving…")) {
            showMessage(tr("Not everything was saved: see the messages in red."), true);
        }
        return;
    }
    showMessage({}, false);
    Q_EMIT saved();
    if (m_restartNeeded) {
        Prompt::tell(parentWidget(), Prompt::Kind::Information, tr("Settings saved"),
                     tr("Herald uses the database and language you chose when it is restarted."));
    }
    accept();
}

} // namespace herald::ui
