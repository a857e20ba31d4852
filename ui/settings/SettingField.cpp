#include "settings/SettingField.h"

#include "settings/SettingKeys.h"
#include "widgets/MessageTone.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

SettingField::SettingField(const QString &key, Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_key(key)
    , m_hint(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(u"setting:"_s + key);
    const SettingKeys::Spec *spec = SettingKeys::find(key);
    m_label = spec ? spec->meaningText() : key;
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    if (kind == Kind::Flag) {
        m_flag = new QCheckBox(m_label, this);
        m_flag->setObjectName(u"field:"_s + key);
        layout->addWidget(m_flag);
        connect(m_flag, &QCheckBox::toggled, this, [this] {
            recheck();
            Q_EMIT edited();
        });
    } else {
        m_edit = new QLineEdit(this);
        m_edit->setObjectName(u"field:"_s + key);
        m_edit->setClearButtonEnabled(true);
        if (spec && !spec->defaultValue.isEmpty()) {
            m_edit->setPlaceholderText(tr("%1 (default)").arg(spec->defaultValue));
        }
        layout->addWidget(m_edit);
        connect(m_edit, &QLineEdit::textChanged, this, [this] {
            recheck();
            Q_EMIT edited();
        });
    }
    // The key is what `herald-cli config` calls the setting: one name everywhere.
    (m_flag ? static_cast<QWidget *>(m_flag) : m_edit)
        ->setToolTip(tr("%1\nStored with the database as %2.").arg(m_label, key));
    m_hint->setObjectName(u"hint:"_s + key);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    QFont small = m_hint->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_hint->setFont(small);
    m_hint->hide();
    layout->addWidget(m_hint);
    m_error->setObjectName(u"error:"_s + key);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette red = m_error->palette();
    red.setColor(QPalette::WindowText, toneColor(MessageTone::Error));
    m_error->setPalette(red);
    m_error->hide();
    layout->addWidget(m_error);
    // The form's label names this widget: its accelerator and a screen reader reach the editor.
    setFocusProxy(m_flag ? static_cast<QWidget *>(m_flag) : m_edit);
    if (m_edit) {
        m_edit->setAccessibleName(m_label);
    }
}

void SettingField::setLabel(const QString &label, bool hint)
{
    const SettingKeys::Spec *spec = SettingKeys::find(m_key);
    m_label = label;
    if (m_edit) {
        m_edit->setAccessibleName(QString(label).remove(u'&'));
    }
    if (hint && spec && !m_flag && spec->meaningText() != label) {
        m_hint->setText(spec->meaningText());
        m_hint->show();
    }
}

QString SettingField::value() const
{
    if (m_flag) {
        return m_flag->isChecked() ? u"true"_s : u"false"_s;
    }
    return m_edit->text().trimmed();
}

void SettingField::setValue(const QString &value)
{
    if (m_flag) {
        const SettingKeys::Spec *spec = SettingKeys::find(m_key);
        const QString effective = value.trimmed().isEmpty() && spec ? spec->defaultValue : value.trimmed();
        m_flag->setChecked(effective == "true"_L1);
    } else {
        m_edit->setText(value);
    }
    recheck();
}

QString SettingField::problem() const
{
    const QString v = value();
    return v.isEmpty() ? QString() : SettingKeys::check(m_key, v);
}

void SettingField::setPlaceholder(const QString &text)
{
    if (m_edit) {
        m_edit->setPlaceholderText(text);
    }
}

void SettingField::recheck()
{
    const QString why = problem();
    m_error->setText(why);
    m_error->setVisible(!why.isEmpty());
}

} // namespace herald::ui
