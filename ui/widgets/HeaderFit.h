#pragma once

class QHeaderView;

namespace herald::ui {

// Columns at least as wide as their titles. Widths saved under another language (a shorter
// English title) would otherwise cut a longer translated one off after a language change.
class HeaderFit
{
public:
    static void widenToTitles(QHeaderView *header);
};

} // namespace herald::ui
