#include "widgets/TabOrder.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLayout>
#include <QLineEdit>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QWidget>

#include <algorithm>

namespace herald::ui {

namespace {

void collectWidget(QWidget *w, QList<QWidget *> &out);

// A layout's items in reading order: a grid's and a form's by row and column (their item order
// is the order they were added in), a box's as it lays them out.
QList<QLayoutItem *> itemsInOrder(QLayout *layout)
{
    struct Placed
    {
        int row;
        int column;
        int index;
        QLayoutItem *item;
    };
    QList<Placed> placed;
    for (int i = 0; i < layout->count(); ++i) {
        int row = 0;
        int column = i;
        if (auto *grid = qobject_cast<QGridLayout *>(layout)) {
            int rowSpan = 0;
            int columnSpan = 0;
            grid->getItemPosition(i, &row, &column, &rowSpan, &columnSpan);
        } else if (auto *form = qobject_cast<QFormLayout *>(layout)) {
            QFormLayout::ItemRole role = QFormLayout::LabelRole;
            form->getItemPosition(i, &row, &role);
            column = int(role);
        } else if (auto *box = qobject_cast<QBoxLayout *>(layout);
                   box && (box->direction() == QBoxLayout::RightToLeft ||
                           box->direction() == QBoxLayout::BottomToTop)) {
            column = -i;
        }
        placed.append({row, column, i, layout->itemAt(i)});
    }
    std::stable_sort(placed.begin(), placed.end(), [](const Placed &a, const Placed &b) {
        return a.row != b.row ? a.row < b.row : a.column < b.column;
    });
    QList<QLayoutItem *> items;
    for (const Placed &p : std::as_const(placed)) {
        items << p.item;
    }
    return items;
}

void collectLayout(QLayout *layout, QList<QWidget *> &out)
{
    const QList<QLayoutItem *> items = itemsInOrder(layout);
    for (QLayoutItem *item : items) {
        if (QWidget *w = item->widget()) {
            collectWidget(w, out);
        } else if (QLayout *inner = item->layout()) {
            collectLayout(inner, out);
        }
    }
}

// Controls Tab stops at as one (their inner editor or viewport is theirs), and containers read
// through.
void collectWidget(QWidget *w, QList<QWidget *> &out)
{
    const bool unit = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) ||
                      qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QComboBox *>(w) ||
                      qobject_cast<QTabBar *>(w) ||
                      (qobject_cast<QAbstractScrollArea *>(w) && !qobject_cast<QScrollArea *>(w));
    if (unit) {
        if (w->focusPolicy() & Qt::TabFocus) {
            out << w;
        }
        return;
    }
    if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
        if (auto *bar = tabs->findChild<QTabBar *>(QString(), Qt::FindDirectChildrenOnly)) {
            out << bar;
        }
        for (int i = 0; i < tabs->count(); ++i) {
            collectWidget(tabs->widget(i), out);
        }
        return;
    }
    if (auto *stack = qobject_cast<QStackedWidget *>(w)) {
        for (int i = 0; i < stack->count(); ++i) {
            collectWidget(stack->widget(i), out);
        }
        return;
    }
    if (auto *scroll = qobject_cast<QScrollArea *>(w)) {
        if (scroll->focusPolicy() & Qt::TabFocus) {
            out << scroll;
        }
        if (scroll->widget()) {
            collectWidget(scroll->widget(), out);
        }
        return;
    }
    if (w->focusPolicy() & Qt::TabFocus && !w->focusProxy()) {
        out << w; // a custom control
    }
    if (w->layout()) {
        collectLayout(w->layout(), out);
    }
}

} // namespace

QList<QWidget *> TabOrder::inLayoutOrder(QWidget *root)
{
    QList<QWidget *> out;
    if (root->layout()) {
        collectLayout(root->layout(), out);
    }
    return out;
}

void TabOrder::followLayout(QWidget *root)
{
    const QList<QWidget *> order = inLayoutOrder(root);
    for (qsizetype i = 1; i < order.size(); ++i) {
        QWidget::setTabOrder(order.at(i - 1), order.at(i));
    }
}

} // namespace herald::ui
