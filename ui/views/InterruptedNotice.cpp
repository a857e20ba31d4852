#include "views/InterruptedNotice.h"

#include "widgets/MessageTone.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
constexpr int kNamed = 5; // campaigns named in the text; the rest are counted
}

InterruptedNotice::InterruptedNotice(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_review(new QPushButton(tr("Review interrupted…"), this))
    , m_dismiss(new QPushButton(tr("Dismiss"), this))
    , m_campaigns(new QMenu(this))
{
    setObjectName(u"interruptedNotice"_s);
    m_text->setObjectName(u"interruptedText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_review->setObjectName(u"interruptedReview"_s);
    m_review->setToolTip(
        tr("Opens the Resend dialog with these messages; nothing is sent until you confirm."));
    m_dismiss->setObjectName(u"interruptedDismiss"_s);
    m_campaigns->setObjectName(u"interruptedCampaigns"_s);
    setAccessibleName(tr("Interrupted messages"));
    setFrameShape(QFrame::StyledPanel);

    auto *icon = new QLabel(this);
    const int side = style()->pixelMetric(QStyle::PM_MessageBoxIconSize) / 2 + 8;
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(side, side));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_review, 0, Qt::AlignVCenter);
    layout->addWidget(m_dismiss, 0, Qt::AlignVCenter);

    connect(m_review, &QPushButton::clicked, this, [this] {
        if (m_summary.campaigns.size() == 1) {
            Q_EMIT reviewRequested(m_summary.campaigns.first().id);
        }
    });
    connect(m_dismiss, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void InterruptedNotice::showReport(const InterruptedSummary &summary)
{
    m_summary = summary;
    m_checked = true;
    if (summary.isEmpty()) {
        hide();
        return;
    }
    const int total = int(summary.total());
    QString what;
    if (summary.campaigns.size() == 1) {
        const QString name = summary.campaigns.first().name;
        what = tr("Herald or another sender stopped while messages of “%1” were in flight: %n message(s) "
                  "became \"interrupted\".",
                  nullptr, total)
                   .arg(name);
    } else {
        QStringList named;
        for (int i = 0; i < summary.campaigns.size() && i < kNamed; ++i) {
            const InterruptedCampaign &c = summary.campaigns.at(i);
            const int n = int(c.count);
            named << tr("“%1”: %n message(s)", nullptr, n).arg(c.name);
        }
        const int more = int(summary.campaigns.size()) - int(named.size());
        if (more > 0) {
            named << tr("%n more campaign(s)", nullptr, more);
        }
        const QString list = named.join(u"; "_s);
        what = tr("Herald or another sender stopped while messages were in flight. %n message(s) became "
                  "\"interrupted\": %1.",
                  nullptr, total)
                   .arg(list);
    }
    m_text->setText(what + u'\n' +
                    tr("Meta may have delivered some of them, so they are not resent by themselves. Review "
                       "them and resend only if they did not arrive."));

    // One campaign: the button opens it; several: it offers each.
    m_campaigns->clear();
    if (summary.campaigns.size() > 1) {
        for (const InterruptedCampaign &c : summary.campaigns) {
            const int n = int(c.count);
            QAction *a = m_campaigns->addAction(tr("%1 (%n interrupted)", nullptr, n).arg(c.name));
            const QString id = c.id;
            connect(a, &QAction::triggered, this, [this, id] { Q_EMIT reviewRequested(id); });
        }
        m_review->setMenu(m_campaigns);
    } else {
        m_review->setMenu(nullptr);
    }

    const QColor background = toneBackground(MessageTone::Warning, palette().color(QPalette::Window));
    setStyleSheet(u"#%1 { background: %2; border: 1px solid %3; border-radius: 4px; }"_s.arg(
        objectName(), background.name(), toneColor(MessageTone::Warning).name()));
    show();
}

QString InterruptedNotice::text() const
{
    return isHidden() ? QString() : m_text->text();
}

} // namespace herald::ui
