#pragma once

#include "AppContext.h"
#include "data/CampaignSnapshot.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace herald::ui {

class DataService;

// Edit draft: the name and the rate ceiling, saved on the data thread (refused with why: an
// empty or taken name, a rate not above 0); and "Change mapping…", which hands over to the
// wizard: a new mapping means importing the file again.
class EditDraftDialog : public QDialog
{
    Q_OBJECT

public:
    EditDraftDialog(DataService &data, const AppContext &app, const CampaignRow &draft,
                    QWidget *parent = nullptr);

    void accept() override; // saves, then closes; stays open with the reason when refused

    // The rate as typed: nullopt for empty (the number's own limit); false when not a number.
    static bool parseRate(const QString &text, std::optional<double> *rate);

Q_SIGNALS:
    void saved(const QString &campaignId);
    void changeMappingRequested(const QString &campaignId);

private:
    void refuse(const QString &why);

    DataService &m_data;
    AppContext m_app;
    QString m_id;
    QLineEdit *m_name;
    QLineEdit *m_rate;
    QLabel *m_problem;
    QPushButton *m_changeMapping;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};

} // namespace herald::ui
