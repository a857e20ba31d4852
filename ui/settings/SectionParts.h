#pragma once

#include <QString>

class QLabel;
class QTableView;
class QWidget;

namespace herald::ui {

// What Settings' pages and sections share, so that they look and behave alike.
namespace SectionParts {

// A wrapped, plain-text explanation in the palette's quieter colour.
QLabel *note(const QString &text, QWidget *parent);
// A read-only list of whole rows, one selectable at a time, each column as wide as its text (a
// stretched column was squeezed to nothing in longer languages; the table scrolls instead).
void setUpList(QTableView *table);
// A section's outcome line: selectable plain text, in the error tone when `error`.
void setUpMessage(QLabel *label);
void showMessage(QLabel *label, const QString &text, bool error);

} // namespace SectionParts

} // namespace herald::ui
