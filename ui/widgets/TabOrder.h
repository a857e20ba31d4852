#pragma once

#include <QList>

class QLayout;
class QWidget;

namespace herald::ui {

// Tab order as the layout reads: top to bottom, left to right within a row (a form's label
// before its field, a grid by row then column), each group box, scroll area and tab page read
// through before what follows it. Widgets made in another order than they are shown (sections
// put into slots, rows added later) get the order their places give them; call it again after
// adding rows.
class TabOrder
{
public:
    static void followLayout(QWidget *root);

    // The widgets Tab may stop at inside `root`, in layout order (for tests and followLayout).
    static QList<QWidget *> inLayoutOrder(QWidget *root);
};

} // namespace herald::ui
