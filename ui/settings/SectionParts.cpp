#include "settings/SectionParts.h"

#include "widgets/MessageTone.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>

namespace herald::ui::SectionParts {

QLabel *note(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

void setUpList(QTableView *table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setMinimumHeight(120);
}

void setUpMessage(QLabel *label)
{
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void showMessage(QLabel *label, const QString &text, bool error)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, error ? toneColor(MessageTone::Error)
                                           : label->parentWidget()->palette().color(QPalette::WindowText));
    label->setPalette(p);
    label->setText(text);
}

} // namespace herald::ui::SectionParts
