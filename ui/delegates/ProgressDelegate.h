#pragma once

#include <QProgressBar>
#include <QStyledItemDelegate>

namespace herald::ui {

// Paints a campaign's progress as a progress bar in its cell — no widget per cell. It keeps
// one hidden QProgressBar only to ask the style how a progress bar looks (as qBittorrent's
// transfer list does), and reads the fraction from the model's RawRole.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // For tests: how many bars were painted.
    int paintedBars() const { return m_painted; }

private:
    QProgressBar m_styleSource; // never shown
    mutable int m_painted = 0;
};

} // namespace herald::ui
