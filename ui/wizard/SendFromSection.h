#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;

namespace herald {
class Clock;
}

namespace herald::ui {

class DataService;

// "Send from" on the review page: the account's phone numbers (the default one and those
// added in Settings › Phone numbers), each with its label and ceiling, to tick. One ticked: the
// campaign sends from it; several: from a pool of them (NumberPool), each recipient from one,
// each number at its own ceiling. The default number is ticked unless the campaign copied had
// others. Read on the data thread.
class SendFromSection : public QWidget
{
    Q_OBJECT

public:
    SendFromSection(DataService &data, const Clock &clock, QWidget *parent = nullptr);

    // Reads the account's numbers again; `sourceCampaignId` (a copy, a change of mapping): its
    // numbers are ticked instead of the default.
    void load(const QString &sourceCampaignId = {});

    // The default number when it does not come from the settings (a connection given on the
    // command line); call before load().
    void setDefaultNumber(const QString &id) { m_defaultOverride = id; }

    bool loaded() const { return m_loaded; }
    // More than one number to choose from: otherwise the section has nothing to ask.
    bool hasChoice() const;
    // The ticked numbers, in the list's order.
    QStringList ticked() const;
    // What Finish stores: empty when only the default number is ticked (the campaign follows the
    // default, as before there were several).
    QStringList choice() const;
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    struct Numbers
    {
        QString defaultId;
        QStringList ids;
        QStringList lines; // what each row says
        QStringList ticked;
    };
    void present(const Numbers &numbers);
    void describe();

    DataService &m_data;
    const Clock &m_clock;
    int m_generation = 0;
    bool m_loaded = false;
    QString m_defaultId;
    QString m_defaultOverride;
    QListWidget *m_list;
    QLabel *m_note;
};

} // namespace herald::ui
