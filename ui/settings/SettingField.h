#pragma once

#include <QString>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace herald::ui {

// One setting stored with the database (app_settings) in the Settings dialog: its editor, and
// under it, in red, the reason SettingKeys::check gives when the value cannot be stored — the
// one catalogue of rules `herald-cli config` uses too. An empty text field means "not set": the
// default applies, shown as the placeholder.
class SettingField : public QWidget
{
    Q_OBJECT

public:
    enum class Kind { Text, Flag };

    SettingField(const QString &key, Kind kind, QWidget *parent = nullptr);

    const QString &key() const { return m_key; }
    // What would be stored: trimmed text ("" = not set), or "true"/"false" for a flag.
    QString value() const;
    void setValue(const QString &value);
    // Empty when value() may be stored.
    QString problem() const;
    // The label for the form: SettingKeys' meaning, unless a shorter one is given, in which
    // case the meaning is shown as a hint under the editor (when `hint`).
    QString label() const { return m_label; }
    void setLabel(const QString &label, bool hint = true);
    void setPlaceholder(const QString &text);

    QLineEdit *editor() const { return m_edit; }
    QCheckBox *flag() const { return m_flag; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void edited();

private:
    void recheck();

    QString m_key;
    QString m_label;
    QLineEdit *m_edit = nullptr;
    QCheckBox *m_flag = nullptr;
    QLabel *m_hint;
    QLabel *m_error;
};

} // namespace herald::ui
