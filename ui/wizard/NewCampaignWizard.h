#pragma once

#include "AppContext.h"
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

    NewCampaignWizard(DataService &data, const AppContext &app, QWidget *parent = nullptr);
    ~NewCampaignWizard() override;

    void setFile(const QString &path);

    const WizardState &state() const { return m_state; }
    ContactsPage *contactsPage() const { return m_contacts; }
    PhonePage *phonePage() const { return m_phones; }
    MessagePage *messagePage() const { return m_message; }
    ReviewPage *reviewPage() const { return m_review; }

    void accept() override;
    void reject() override;

Q_SIGNALS:
    // Finish: the campaign exists with its settings; `start` when the user asked to start it.
    void campaignCreated(const QString &campaignId, bool start);

private:
    void loadDefaults();

    DataService &m_data;
    QPointer<DataService> m_dataAlive; // the window may be tearing down around the wizard
    AppContext m_app;
    WizardState m_state;
    ContactsPage *m_contacts;
    PhonePage *m_phones;
    MessagePage *m_message;
    ReviewPage *m_review;
    bool m_finishing = false;
};

} // namespace herald::ui
