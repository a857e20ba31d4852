#include "delegates/ProgressDelegate.h"

#include "models/CampaignTableModel.h"
#include "queue/CampaignStatus.h"
#include "theme/StatusColors.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace herald::ui {

ProgressDelegate::ProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
    m_styleSource.setVisible(false);
}

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    // The cell's own background (selection, alternate rows) first.
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    cell.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);

    const double fraction = std::clamp(index.data(CampaignTableModel::RawRole).toDouble(), 0.0, 1.0);
    QStyleOptionProgressBar bar;
    bar.initFrom(&m_styleSource);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.rect = option.rect.adjusted(2, 3, -2, -3);
    bar.fontMetrics = option.fontMetrics;
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = int(fraction * 1000.0 + 0.5);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    const auto status = CampaignStatus(index.data(CampaignTableModel::StatusRole).toInt());
    // The fill from the theme's status colours (blue, green when done, grey when halted), its
    // text in black or white, whichever reads on it; the text beside the fill stays the palette's.
    const bool halted = status == CampaignStatus::Paused || status == CampaignStatus::Stopped;
    const QColor fill =
        StatusColors::progressFill(halted                                ? StatusColors::Progress::Halted
                                   : status == CampaignStatus::Completed ? StatusColors::Progress::Done
                                                                         : StatusColors::Progress::Moving);
    bar.palette.setColor(QPalette::Highlight, fill);
    bar.palette.setColor(QPalette::HighlightedText, StatusColors::textOn(fill));
    if (halted) {
        // A campaign that is not moving looks it: the bar in the disabled palette.
        bar.palette.setCurrentColorGroup(QPalette::Disabled);
        bar.state &= ~QStyle::State_Enabled;
    }
    painter->save();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, &m_styleSource);
    painter->restore();
    ++m_painted;
}

QSize ProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 140));
    return size;
}

} // namespace herald::ui
