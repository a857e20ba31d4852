#pragma once

#include "cloudapi/NumberHealth.h"

#include <QLabel>

#include <optional>

namespace herald::ui {

class DataService;

// Under the campaign's title: the phone number it sends from and what Meta last said about it
// (quality rating, messaging limit, status; the details in the tooltip), in the warning colour
// when a start would warn about it. Read from number_health by a DataService job when the
// campaign or its number changes, and again after a health check (refresh()).
class NumberHealthLine : public QLabel
{
    Q_OBJECT

public:
    explicit NumberHealthLine(DataService &data, QWidget *parent = nullptr);

    // The campaign's own number (empty: the default number).
    void showNumber(const QString &campaignPhoneNumberId);
    // The default number when not the settings' one: the demo's and tests' simulator.
    void setDefaultNumber(const QString &phoneNumberId);
    void refresh();
    void clear();

    const QString &phoneNumberId() const { return m_shownId; } // the number shown, once read

Q_SIGNALS:
    void shown(); // a read arrived and is shown

private:
    struct Answer
    {
        QString id;
        std::optional<NumberHealth> health;
    };
    void show(const Answer &answer);

    DataService &m_data;
    QString m_campaignNumber;
    QString m_defaultNumber;
    QString m_shownId;
    int m_generation = 0;
    bool m_active = false;
};

} // namespace herald::ui
