#pragma once

#include "AppContext.h"
#include "wizard/WizardPreset.h"
#include "wizard/WizardState.h"

#include <QPointer>
#include <QWizard>

namespace herald::ui {

class ContactsPage;
class DataService;
class MessagePage;
class PhonePage;
class ReviewPage;

// From "I have a spreadsheet" to a campaign: contacts, phone numbers, message, review. The
// review imports for real into a draft; Finish keeps it (as a draft, or started), and leaving
// the wizard any other way deletes the draft and its rows.
class NewCampaignWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { Contacts, Phones, Message, Review };
    // What the wizard is for. New: a campaign from scratch. The others start from a campaign's
    // settings (WizardPreset) and ask for a new file: Duplicate creates another campaign;
    // Reimport (a draft's "Change mapping…") imports into a new draft that Finish puts in the
    // old draft's place, under its name; AddContacts imports into the campaign itself, with its
    // template and mapping locked.
    enum class Mode { New, Duplicate, Reimport, AddContacts };

    NewCampaignWizard(DataService &data, const AppContext &app, QWidget *parent = nullptr);
    NewCampaignWizard(DataService &data, const AppContext &app, Mode mode, const QString &sourceId,
                      const WizardPreset &preset, QWidget *parent = nullptr);
    ~NewCampaignWizard() override;

    void setFile(const QString &path);
    // Duplicate: the copy's name when "<name> (copy)" is taken.
    void setCampaignName(const QString &name);

    const WizardState &state() const { return m_state; }
    ContactsPage *contactsPage() const { return m_contacts; }
    PhonePage *phonePage() const { return m_phones; }
    MessagePage *messagePage() const { return m_message; }
    ReviewPage *reviewPage() const { return m_review; }

    Mode mode() const { return m_mode; }
    QString sourceId() const { return m_sourceId; }

    void accept() override;
    void reject() override;

protected:
    void initializePage(int id) override;

Q_SIGNALS:
    // Finish: the campaign exists with its settings; `start` when the user asked to start it.
    void campaignCreated(const QString &campaignId, bool start);

private:
    void loadDefaults();
    void setUpMode();
    void finishAdding();

    DataService &m_data;
    QPointer<DataService> m_dataAlive; // the window may be tearing down around the wizard
    AppContext m_app;
    WizardState m_state;
    ContactsPage *m_contacts;
    PhonePage *m_phones;
    MessagePage *m_message;
    ReviewPage *m_review;
    bool m_finishing = false;
    Mode m_mode = Mode::New;
    QString m_sourceId;
    WizardPreset m_preset;
    bool m_presetApplied = false;
};

} // namespace herald::ui
