#pragma once

#include "wizard/WizardState.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace herald::ui {

class FilePreviewModel;

// Page 1: the contact file. Dropped here or on the main window, or chosen with Browse; shown
// as Herald reads it (encoding, delimiter, header, about how many rows, the first rows), with
// the encoding and delimiter open to correction. A file that cannot be imported shows the
// reader's message (file, line, reason) and the page does not let the user go on.
class ContactsPage : public QWizardPage
{
    Q_OBJECT

public:
    ContactsPage(WizardState &state, QWidget *parent = nullptr);

    void setFile(const QString &path);
    // A campaign's file was read this way: the next file is read so too (the user can go back
    // to Detect). `subTitle` says what the file is for.
    void presetReading(const CsvReaderOptions &reading, const QString &subTitle);
    bool isComplete() const override;
    bool validatePage() override { return isComplete(); } // next() asks this, not isComplete()
    bool isReading() const { return m_reading > 0; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void browse();
    void reread();
    void show(const FileLook &look);
    CsvReaderOptions options() const;

    WizardState &m_state;
    QLineEdit *m_path;
    QComboBox *m_encoding;
    QComboBox *m_delimiter;
    QLabel *m_detection;
    QLabel *m_error;
    QTableView *m_table;
    FilePreviewModel *m_model;
    int m_generation = 0;
    int m_reading = 0;
};

} // namespace herald::ui
