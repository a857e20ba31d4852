#include "widgets/HeaderFit.h"

#include <QHeaderView>

namespace herald::ui {

void HeaderFit::widenToTitles(QHeaderView *header)
{
    for (int i = 0; i < header->count(); ++i) {
        if (header->isSectionHidden(i) || header->sectionResizeMode(i) != QHeaderView::Interactive) {
            continue;
        }
        const int title = header->sectionSizeHint(i);
        if (header->sectionSize(i) < title) {
            header->resizeSection(i, title);
        }
    }
}

} // namespace herald::ui
