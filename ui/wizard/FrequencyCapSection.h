#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QSpinBox;
class QTimer;

namespace herald::ui {

// The frequency cap across campaigns on the review page: "Skip recipients any campaign
// messaged in the last N days". It is an import option, so a change asks for the import to
// run again (requested(), once the user has stopped turning the spin box); the count it left
// out is shown with the import's other exclusions.
class FrequencyCapSection : public QWidget
{
    Q_OBJECT

public:
    explicit FrequencyCapSection(QWidget *parent = nullptr);

    // 0: off.
    int days() const;
    void setDays(int days);
    // What the last import left out; hidden while unknown (negative).
    void showSkipped(qint64 skipped, int days);

Q_SIGNALS:
    void requested(int days);

private:
    void edited();
    void showDaysSuffix();

    QCheckBox *m_on;
    QSpinBox *m_days;
    QLabel *m_skipped;
    QTimer *m_debounce;
    int m_lastRequested = 0;
};

} // namespace herald::ui
