#include "wizard/MessagePage.h"

#include "data/DataService.h"
#include "import/PhoneColumnDetector.h"
#include "queue/CampaignStore.h"
#include "templates/TemplateStore.h"
#include "widgets/Formats.h"
#include "widgets/TabOrder.h"
#include "wizard/MessagePreview.h"

#include <QComboBox>
#include <QDate>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

MessagePage::MessagePage(WizardState &state, DataService &data, const Clock &clock, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_data(data)
    , m_clock(clock)
    , m_name(new QLineEdit(this))
    , m_template(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_badge(new QLabel(this))
    , m_mappingArea(new QWidget(this))
    , m_mapping(new QGridLayout)
    , m_preview(new MessagePreview(state, this))
{
    setObjectName(u"messagePage"_s);
    setTitle(tr("Message"));
    setSubTitle(tr("Choose the template and fill each of its variables from a column or with fixed text."));

    m_name->setObjectName(u"campaignName"_s);
    // Core refuses longer names (CampaignStore::kMaxNameLength); the field never lets one be typed.
    m_name->setMaxLength(int(CampaignStore::kMaxNameLength));
    m_template->setObjectName(u"templateCombo"_s);
    m_template->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_status->setObjectName(u"templateStatus"_s);
    m_status->setWordWrap(true);
    m_badge->setObjectName(u"categoryBadge"_s);
    m_badge->setWordWrap(true);
    m_badge->setStyleSheet(u"background: #fff4ce; color: #5c4400; border: 1px solid #e0c060; "
                           "border-radius: 4px; padding: 4px;"_s);
    m_badge->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Campaign name:"), m_name);
    form->addRow(tr("&Template:"), m_template);
    form->addRow(QString(), m_status);
    form->addRow(QString(), m_badge);

    m_mappingArea->setObjectName(u"mappingArea"_s);
    auto *mappingColumn = new QVBoxLayout(m_mappingArea);
    mappingColumn->addLayout(m_mapping);
    mappingColumn->addStretch(1);
    m_mapping->setColumnStretch(2, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_mappingArea);
    scroll->setFocusPolicy(Qt::NoFocus); // Tab goes to the fields inside, which scroll into view
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *mappingBox = new QGroupBox(tr("Variables"), this);
    auto *mappingLayout = new QVBoxLayout(mappingBox);
    mappingLayout->addWidget(scroll);
    auto *previewBox = new QGroupBox(tr("Preview"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);

    auto *columns = new QHBoxLayout;
    columns->addWidget(mappingBox, 3);
    columns->addWidget(previewBox, 2);
    m_presetNote = new QLabel(this);
    m_presetNote->setObjectName(u"presetNote"_s);
    m_presetNote->setWordWrap(true);
    m_presetNote->setStyleSheet(m_badge->styleSheet());
    m_presetNote->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_presetNote);
    layout->addLayout(columns, 1);

    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_state.campaignName = text.trimmed();
        Q_EMIT completeChanged();
    });
    connect(m_template, &QComboBox::currentIndexChanged, this, &MessagePage::templateChosen);
    TabOrder::followLayout(this);
}

QString MessagePage::refusal(const TemplateRecord &t, const ParsedTemplate &parsed)
{
    if (t.status == "PAUSED"_L1) {
        return tr("Meta paused this template after recipients reported or blocked it; it cannot be sent "
                  "until Meta lifts the pause.");
    }
    if (t.status == "DISABLED"_L1) {
        return tr("Meta disabled this template after repeated low quality; it can no longer be sent.");
    }
    if (t.status == "REJECTED"_L1) {
        return tr("Meta rejected this template at review; edit and resubmit it in WhatsApp Manager.");
    }
    if (!t.isApproved()) {
        return tr("Meta has not approved this template (%1).").arg(t.status);
    }
    if (!parsed.isSendable()) {
        return tr("Herald cannot send this template: %1").arg(parsed.problems.join(u"; "_s));
    }
    return {};
}

QString MessagePage::variableLabel(const QString &key) const
{
    const QString part = key.section(u'.', 0, 0);
    const QString name = key.section(u'.', 1);
    if (part == "header"_L1) {
        return m_state.parsed.headerFormat == "TEXT"_L1
                   ? tr("Header {{%1}}").arg(name)
                   : tr("Header %1 (link)").arg(m_state.parsed.headerFormat.toLower());
    }
    if (part == "button"_L1) {
        for (const ParsedTemplate::Button &b : m_state.parsed.buttons) {
            if (b.index == name.toInt()) {
                return tr("Button “%1”").arg(b.text);
            }
        }
        return tr("Button %1").arg(name.toInt() + 1);
    }
    return tr("Body {{%1}}").arg(name);
}

void MessagePage::initializePage()
{
    if (m_state.campaignName.isEmpty()) {
        m_name->setText(tr("%1 — %2").arg(QFileInfo(m_state.file.path).completeBaseName(),
                                          QLocale().toString(QDate::currentDate(), QLocale::ShortFormat)));
    } else if (m_name->text().trimmed() != m_state.campaignName) {
        m_name->setText(m_state.campaignName); // a campaign's name, preset by the wizard
    }
    showPresetNote();
    if (!m_loaded) {
        loadTemplates();
    } else {
        rebuildMapping(); // the file may have changed: new columns
    }
}

void MessagePage::loadTemplates()
{
    m_status->setText(tr("Loading the templates…"));
    m_data.submit<QList<TemplateRecord>>(
        this, [clock = &m_clock](Database &db) { return TemplateStore(db, *clock).list(); },
        [this](const DataResult<QList<TemplateRecord>> &r) {
            m_loaded = true;
            if (!r.ok()) {
                m_status->setText(tr("The templates cannot be read: %1").arg(r.error));
                return;
            }
            m_templates = *r.value;
            m_filling = true;
            m_template->clear();
            auto *model = qobject_cast<QStandardItemModel *>(m_template->model());
            int first = -1;
            for (int i = 0; i < m_templates.size(); ++i) {
                const TemplateRecord &t = m_templates.at(i);
                const QString why = refusal(t, TemplateParser::parse(t.components, t.parameterFormat));
                m_template->addItem(tr("%1 (%2) — %3, %4").arg(t.name, t.language, t.status, t.category));
                if (!why.isEmpty()) {
                    model->item(i)->setEnabled(false);
                    m_template->setItemData(i, why, Qt::ToolTipRole);
                } else if (first < 0) {
                    first = i;
                }
            }
            if (m_templates.isEmpty()) {
                m_status->setText(tr("No templates are known yet: sync them from Meta (Tools ▸ Sync "
                                     "templates) and come back."));
            }
            m_template->setCurrentIndex(-1);
            m_filling = false;
            if (!m_presetTemplate.isEmpty()) {
                // The campaign's template, when it can still be sent; locked, no other will do.
                int preset = -1;
                for (int i = 0; i < m_templates.size(); ++i) {
                    if (m_templates.at(i).name == m_presetTemplate &&
                        m_templates.at(i).language == m_presetLanguage) {
                        preset = i;
                    }
                }
                if (preset >= 0 && (model->item(preset)->isEnabled() || m_locked)) {
                    first = preset;
                } else if (m_locked) {
                    first = -1;
                    m_status->setText(tr("The campaign's template %1 (%2) is not among the templates: sync "
                                         "them from Meta (Tools ▸ Sync templates) and come back.")
                                          .arg(m_presetTemplate, m_presetLanguage));
                }
            }
            if (first >= 0) {
                m_template->setCurrentIndex(first);
            }
            showPresetNote();
        });
}

void MessagePage::templateChosen(int index)
{
    if (m_filling || index < 0 || index >= m_templates.size()) {
        return;
    }
    const TemplateRecord &t = m_templates.at(index);
    const ParsedTemplate parsed = TemplateParser::parse(t.components, t.parameterFormat);
    const QString why = refusal(t, parsed);
    m_status->setText(why.isEmpty() ? tr("%1 · %2 · %3").arg(t.status, t.category, t.language) : why);
    const bool changed = t.categoryChangedAt.isValid() && !t.previousCategory.isEmpty();
    m_badge->setVisible(changed);
    if (changed) {
        m_badge->setText(
            tr("⚠ Meta changed this template's category from %1 to %2 on %3. %4")
                .arg(t.previousCategory, t.category,
                     QLocale().toString(t.categoryChangedAt.toLocalTime().date(), QLocale::LongFormat),
                     t.category == "MARKETING"_L1 ? tr("Marketing messages cost more than utility ones.")
                                                  : QString()));
    }
    if (!why.isEmpty()) {
        m_state.templ.reset();
        m_state.parsed = {};
    } else {
        m_state.templ = t;
        m_state.parsed = parsed;
    }
    rebuildMapping();
}

void MessagePage::rebuildMapping()
{
    while (QLayoutItem *item = m_mapping->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_variables.clear();
    const QStringList keys = m_state.parsed.templateSlots.keys();
    QMap<QString, VariableSource> kept;
    m_filling = true;
    for (int i = 0; i < keys.size(); ++i) {
        const QString &key = keys.at(i);
        Variable v;
        v.key = key;
        auto *label = new QLabel(variableLabel(key), m_mappingArea);
        label->setToolTip(key);
        v.source = new QComboBox(m_mappingArea);
        v.source->setObjectName(u"map_"_s + key);
        v.source->addItem(tr("Fixed text"), -1);
        for (qsizetype c = 0; c < m_state.file.columnCount; ++c) {
            v.source->addItem(tr("Column: %1").arg(m_state.file.columnName(c)), int(c));
        }
        v.text = new QLineEdit(m_mappingArea);
        v.text->setObjectName(u"text_"_s + key);
        v.text->setAccessibleName(tr("Fixed text for %1").arg(label->text()));
        v.source->setAccessibleName(tr("Value of %1").arg(label->text()));
        v.missing = new QLabel(m_mappingArea);
        v.missing->setObjectName(u"missing_"_s + key);
        v.missing->setWordWrap(true);
        v.missing->setStyleSheet(u"color: #8a5a00;"_s);
        // Keep what the user set; else a column whose name is the variable's ("first_name").
        VariableSource source = m_state.mapping.value(key);
        if (!m_state.mapping.contains(key)) {
            const QString wanted = PhoneColumnDetector::normalizeName(key.section(u'.', 1));
            for (qsizetype c = 0; c < m_state.file.header.size(); ++c) {
                if (PhoneColumnDetector::normalizeName(m_state.file.header.at(c)) == wanted) {
                    source.column = int(c);
                }
            }
        }
        if (source.column >= m_state.file.columnCount) {
            source.column = -1;
        }
        kept.insert(key, source);
        v.source->setCurrentIndex(source.column + 1);
        v.text->setText(source.text);
        v.text->setEnabled(source.column < 0);
        m_mapping->addWidget(label, i * 2, 0);
        m_mapping->addWidget(v.source, i * 2, 1);
        m_mapping->addWidget(v.text, i * 2, 2);
        m_mapping->addWidget(v.missing, i * 2 + 1, 1, 1, 2);
        if (m_locked) {
            lockVariable(v);
        }
        connect(v.source, &QComboBox::currentIndexChanged, this, &MessagePage::mappingEdited);
        connect(v.text, &QLineEdit::textChanged, this, &MessagePage::mappingEdited);
        m_variables.append(v);
    }
    if (keys.isEmpty() && m_state.templ) {
        m_mapping->addWidget(new QLabel(tr("This template has no variables."), m_mappingArea), 0, 0, 1, 3);
    }
    m_filling = false;
    TabOrder::followLayout(this); // the new rows before the preview beside them
    m_state.mapping = kept;
    countMissing();
    m_preview->refresh();
    Q_EMIT completeChanged();
}

void MessagePage::setPreset(const QString &templateName, const QString &language,
                            const QStringList &columnKeys, bool locked)
{
    m_presetTemplate = templateName;
    m_presetLanguage = language;
    m_presetColumns = columnKeys;
    m_locked = locked;
    m_name->setReadOnly(locked);
    m_template->setEnabled(!locked);
}

void MessagePage::setMissingColumns(const QList<WizardPreset::Missing> &missing)
{
    m_missingColumns = missing;
    showPresetNote();
}

void MessagePage::showPresetNote()
{
    QStringList lines;
    if (!m_presetTemplate.isEmpty() && m_loaded && !m_locked &&
        (!m_state.templ || m_state.templ->name != m_presetTemplate ||
         m_state.templ->language != m_presetLanguage)) {
        lines << tr("The campaign's template %1 (%2) cannot be used now: choose another.")
                     .arg(m_presetTemplate, m_presetLanguage);
    }
    for (const WizardPreset::Missing &m : std::as_const(m_missingColumns)) {
        lines << tr("%1 was filled from the column “%2”, which this file does not have: choose a column for "
                    "it.")
                     .arg(variableLabel(m.key), m.column);
    }
    m_presetNote->setText(lines.join(u'\n'));
    m_presetNote->setVisible(!lines.isEmpty());
}

void MessagePage::lockVariable(const Variable &v) const
{
    // The campaign's rows all carry the same variables: a column stays a column (another one
    // when this file names it differently), and a fixed text is the campaign's for everyone.
    v.text->setReadOnly(true);
    if (!m_presetColumns.contains(v.key)) {
        v.source->setEnabled(false);
        return;
    }
    v.source->setEnabled(v.source->currentIndex() <= 0);
    if (auto *items = qobject_cast<QStandardItemModel *>(v.source->model())) {
        items->item(0)->setEnabled(false);
    }
}

void MessagePage::mappingEdited()
{
    if (m_filling) {
        return;
    }
    for (const Variable &v : std::as_const(m_variables)) {
        VariableSource s;
        s.column = v.source->currentData().toInt();
        s.text = v.text->text();
        v.text->setEnabled(s.column < 0);
        m_state.mapping.insert(v.key, s);
    }
    countMissing();
    m_preview->refresh();
    Q_EMIT completeChanged();
}

void MessagePage::countMissing()
{
    const qsizetype rows = m_state.file.rows.size();
    for (const Variable &v : std::as_const(m_variables)) {
        const VariableSource s = m_state.mapping.value(v.key);
        QString text;
        if (s.column < 0) {
            text = s.text.trimmed().isEmpty() ? tr("Type the text every recipient gets, or choose a column.")
                                              : QString();
        } else {
            qsizetype empty = 0;
            for (const QStringList &fields : std::as_const(m_state.file.rows)) {
                empty += (s.column >= fields.size() || fields.at(s.column).trimmed().isEmpty()) ? 1 : 0;
            }
            if (empty > 0) {
                text =
                    m_state.file.estimateExact
                        ? tr("Empty in %1 of %2 rows: those rows will not be imported.").arg(empty).arg(rows)
                        : tr("Empty in %1 of the first %2 rows: those rows will not be imported.")
                              .arg(empty)
                              .arg(rows);
            }
        }
        v.missing->setText(text);
        v.missing->setVisible(!text.isEmpty());
    }
}

bool MessagePage::isComplete() const
{
    if (!m_state.templ || m_state.campaignName.isEmpty()) {
        return false;
    }
    for (auto it = m_state.mapping.cbegin(); it != m_state.mapping.cend(); ++it) {
        if (it->column < 0 && it->text.trimmed().isEmpty()) {
            return false;
        }
    }
    return true;
}

} // namespace herald::ui
