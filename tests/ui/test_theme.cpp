// View › Theme: Dark and Light are Herald's own palettes on Fusion, System follows the palette the
// platform gives, the choice persists, and what is drawn in colour (status colours, the progress
// bar, the charts, the banners) stays readable in both themes.
#include "UiTestUtil.h"
#include "delegates/ProgressDelegate.h"
#include "models/CampaignTableModel.h"
#include "theme/StatusColors.h"
#include "theme/Theme.h"
#include "theme/ThemeMenu.h"
#include "theme/ToneText.h"
#include "views/DeliveryFunnel.h"
#include "views/StatusBanner.h"
#include "widgets/ChartStyle.h"
#include "widgets/MessageTone.h"
#include "widgets/PageMessage.h"

#include <QAbstractAxis>
#include <QAction>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QStackedBarSeries>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace herald::ui;

namespace {
QPalette platformDark()
{
    // What a dark desktop hands over: not Herald's colours.
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::WindowText, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    p.setColor(QPalette::Text, QColor(0xef, 0xf0, 0xf1));
    return p;
}

bool windowIsDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

int countNear(const QImage &image, const QColor &color, int tolerance = 6)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) <= tolerance &&
                std::abs(c.green() - color.green()) <= tolerance &&
                std::abs(c.blue() - color.blue()) <= tolerance) {
                ++n;
            }
        }
    }
    return n;
}
} // namespace

class TestTheme : public QObject
{
    Q_OBJECT

    QPalette m_platform;

private Q_SLOTS:
    void initTestCase()
    {
        m_platform = Theme::instance().platformPalette();
        QVERIFY2(!StatusColors::isDark(m_platform), "the offscreen platform's palette is light");
    }

    void cleanup()
    {
        Theme::instance().setPlatformPalette(m_platform);
        Theme::instance().choose(Theme::Choice::System);
    }

    void choosingDarkGivesHeraldsDarkPaletteOnFusion()
    {
        Theme::instance().choose(Theme::Choice::Dark);
        QVERIFY(windowIsDark());
        QVERIFY(Theme::instance().isDark());
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 Theme::darkPalette().color(QPalette::Window));
        QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
        QVERIFY(StatusColors::isDark());

        Theme::instance().choose(Theme::Choice::Light);
        QVERIFY(!windowIsDark());
        QCOMPARE(QApplication::palette().color(QPalette::Window),
                 Theme::lightPalette().color(QPalette::Window));
    }

    void systemWithADarkPlatformPaletteIsDark()
    {
        Theme::instance().choose(Theme::Choice::System);
        QVERIFY(!windowIsDark());
        Theme::instance().setPlatformPalette(platformDark()); // the desktop went dark
        QVERIFY(Theme::instance().isDark());
        QVERIFY(windowIsDark());
        // Herald's own dark palette, so charts and status colours are the tested ones.
        QCOMPARE(QApplication::palette().color(QPalette::Base), Theme::darkPalette().color(QPalette::Base));
        Theme::instance().setPlatformPalette(m_platform);
        QVERIFY(!windowIsDark());
        QCOMPARE(QApplication::palette().color(QPalette::Window), m_platform.color(QPalette::Window));
    }

    void theChoicePersistsAcrossStarts()
    {
        Theme::instance().choose(Theme::Choice::Dark);
        QCOMPARE(QSettings().value(u"appearance/theme"_s).toString(), u"dark"_s);
        Theme nextStart; // as the next start reads it
        QCOMPARE(nextStart.choice(), Theme::Choice::System);
        nextStart.applyStored();
        QCOMPARE(nextStart.choice(), Theme::Choice::Dark);
        QVERIFY(windowIsDark());
        Theme::instance().choose(Theme::Choice::Light);
        nextStart.applyStored();
        QCOMPARE(nextStart.choice(), Theme::Choice::Light);
        QSettings().setValue(u"appearance/theme"_s, u"purple"_s); // a file edited by hand
        nextStart.applyStored();
        QCOMPARE(nextStart.choice(), Theme::Choice::System);
    }

    void theThemeMenuOffersThreeExclusiveChoicesAndAppliesAtOnce()
    {
        QMenu view;
        ThemeMenu *menu = ThemeMenu::addTo(&view);
        const QList<QAction *> actions = menu->menu()->actions();
        QCOMPARE(actions.size(), 3);
        auto *dark = menu->menu()->findChild<QAction *>(u"actionThemeDark"_s);
        auto *system = menu->menu()->findChild<QAction *>(u"actionThemeSystem"_s);
        QVERIFY(dark && system);
        QVERIFY(system->isChecked());
        dark->trigger();
        QVERIFY(windowIsDark());
        QVERIFY(dark->isChecked());
        QVERIFY(!system->isChecked());
        QCOMPARE(Theme::instance().choice(), Theme::Choice::Dark);
    }

    void statusColoursMeetContrast_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void statusColoursMeetContrast()
    {
        QFETCH(bool, dark);
        const QPalette p = dark ? Theme::darkPalette() : Theme::lightPalette();
        const QColor window = p.color(QPalette::Window);
        const QColor base = p.color(QPalette::Base);
        const QColor alternate = p.color(QPalette::AlternateBase);
        for (const StatusColors::Status s : StatusColors::all) {
            const QColor c = StatusColors::color(s, dark);
            // As text (4.5:1) on every background it is drawn on.
            for (const QColor &bg : {window, base, alternate}) {
                const double ratio = StatusColors::contrast(c, bg);
                QVERIFY2(ratio >= 4.5, qPrintable(u"status %1 (%2) on %3: %4:1"_s.arg(int(s))
                                                      .arg(c.name(), bg.name())
                                                      .arg(ratio, 0, 'f', 2)));
            }
        }
        for (const StatusColors::Progress progress : StatusColors::allProgress) {
            const QColor fill = StatusColors::progressFill(progress, dark);
            QVERIFY2(StatusColors::contrast(fill, base) >= 3.0, qPrintable(fill.name()));
            QVERIFY2(StatusColors::contrast(fill, alternate) >= 3.0, qPrintable(fill.name()));
            QVERIFY2(StatusColors::contrast(StatusColors::textOn(fill), fill) >= 4.5,
                     qPrintable(fill.name()));
        }
        // The palette's own text, placeholders, selection and links.
        QVERIFY(StatusColors::contrast(p.color(QPalette::Text), base) >= 4.5);
        QVERIFY(StatusColors::contrast(p.color(QPalette::WindowText), window) >= 4.5);
        QVERIFY(StatusColors::contrast(p.color(QPalette::ButtonText), p.color(QPalette::Button)) >= 4.5);
        QVERIFY(StatusColors::contrast(p.color(QPalette::PlaceholderText), base) >= 4.5);
        QVERIFY(StatusColors::contrast(p.color(QPalette::HighlightedText), p.color(QPalette::Highlight)) >=
                4.5);
        QVERIFY(StatusColors::contrast(p.color(QPalette::Link), base) >= 4.5);
        QVERIFY(StatusColors::contrast(p.color(QPalette::ToolTipText), p.color(QPalette::ToolTipBase)) >=
                4.5);
        // Disabled text is dimmed, yet still there.
        QVERIFY(StatusColors::contrast(p.color(QPalette::Disabled, QPalette::WindowText), window) >= 2.5);
    }

    void messageTonesReadOnTheirTintInBothThemes()
    {
        for (const Theme::Choice choice : {Theme::Choice::Light, Theme::Choice::Dark}) {
            Theme::instance().choose(choice);
            const QPalette p = QApplication::palette();
            for (const MessageTone tone :
                 {MessageTone::Information, MessageTone::Warning, MessageTone::Error, MessageTone::Success}) {
                const QColor background = toneBackground(tone, p.color(QPalette::Window));
                QVERIFY(StatusColors::contrast(p.color(QPalette::WindowText), background) >= 4.5);
                QVERIFY(StatusColors::contrast(toneColor(tone), p.color(QPalette::Window)) >= 4.5);
            }
        }
    }

    void aPageMessageShownBeforeTheSwitchTakesTheNewTint()
    {
        Theme::instance().choose(Theme::Choice::Light);
        QWidget page;
        auto *message = new PageMessage(&page);
        message->showMessage(MessageTone::Warning, u"The template was paused by Meta."_s);
        page.show();
        const QColor lightTint = message->palette().color(QPalette::Window);
        QVERIFY(lightTint.lightness() > 128);
        Theme::instance().choose(Theme::Choice::Dark);
        QCoreApplication::processEvents();
        const QColor darkTint = message->palette().color(QPalette::Window);
        QVERIFY2(darkTint.lightness() < 128, qPrintable(darkTint.name()));
        QVERIFY(StatusColors::contrast(message->palette().color(QPalette::WindowText), darkTint) >= 4.5);
    }

    void aBannerReadsInTheThemeItIsShownIn()
    {
        Theme::instance().choose(Theme::Choice::Light);
        QWidget detail;
        auto *banner = new StatusBanner(&detail);
        banner->showMessage(MessageTone::Warning, u"Paused: Meta paused the template."_s);
        detail.resize(600, 80);
        detail.show();
        const auto background = [&] {
            return banner->grab().toImage().pixelColor(banner->width() / 2, banner->height() - 3);
        };
        QVERIFY2(background().lightness() > 150, qPrintable(background().name()));
        Theme::instance().choose(Theme::Choice::Dark);
        QCoreApplication::processEvents();
        QVERIFY2(background().lightness() < 100, qPrintable(background().name()));
        banner->clear();
        Theme::instance().choose(Theme::Choice::Light);
        QCoreApplication::processEvents();
        banner->showMessage(MessageTone::Success, u"Completed: 10,377 sent, 172 failed."_s);
        QCoreApplication::processEvents();
        QVERIFY2(background().lightness() > 150, qPrintable(background().name()));
    }

    void aWarningNoteTakesTheNewThemesColour()
    {
        Theme::instance().choose(Theme::Choice::Light);
        QWidget panel;
        auto *note = new QLabel(u"Herald's example card: its prices are illustrative."_s, &panel);
        ToneText::apply(note, MessageTone::Warning);
        panel.show();
        QCOMPARE(note->palette().color(QPalette::WindowText),
                 StatusColors::color(StatusColors::Status::Warning, false));
        Theme::instance().choose(Theme::Choice::Dark);
        QCoreApplication::processEvents();
        const QColor now = note->palette().color(QPalette::WindowText);
        QCOMPARE(now, StatusColors::color(StatusColors::Status::Warning, true));
        QVERIFY(StatusColors::contrast(now, note->palette().color(QPalette::Window)) >= 4.5);
    }

    void chartsBuiltInLightTurnDarkWithTheirSeriesColours()
    {
        Theme::instance().choose(Theme::Choice::Light);
        QChart *chart = ChartStyle::makeChart(u"Messages sent and failed"_s);
        auto *sent = new QLineSeries;
        ChartStyle::colour(sent, ChartStyle::Series::Sent);
        sent->append(0, 0);
        sent->append(1, 10);
        chart->addSeries(sent);
        auto *stacked = new QStackedBarSeries; // the daily summary's kind
        auto *bars = new QBarSet(u"Failed"_s);
        ChartStyle::colour(bars, ChartStyle::Series::Failed);
        *bars << 3 << 5;
        stacked->append(bars);
        chart->addSeries(stacked);
        chart->createDefaultAxes();
        QChartView *view = ChartStyle::makeView(chart, nullptr);
        view->resize(400, 260);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
        QCOMPARE(sent->pen().color(), StatusColors::color(StatusColors::Status::Sent, false));
        QVERIFY(chart->backgroundBrush().color().lightness() > 200);

        Theme::instance().choose(Theme::Choice::Dark);
        QCoreApplication::processEvents();
        QCOMPARE(chart->backgroundBrush().color(), Theme::darkPalette().color(QPalette::Base));
        QCOMPARE(sent->pen().color(), StatusColors::color(StatusColors::Status::Sent, true));
        QCOMPARE(chart->titleBrush().color(), Theme::darkPalette().color(QPalette::Text));
        QCOMPARE(bars->color(), StatusColors::color(StatusColors::Status::Failed, true));
        for (QAbstractAxis *axis : chart->axes()) {
            QCOMPARE(axis->labelsColor(), Theme::darkPalette().color(QPalette::Text));
        }
        // What is on screen: mostly the dark base, and the line in the dark theme's green.
        const QImage shot = view->grab().toImage();
        QVERIFY(countNear(shot, Theme::darkPalette().color(QPalette::Base)) >
                shot.width() * shot.height() / 2);
        QVERIFY(countNear(shot, StatusColors::color(StatusColors::Status::Sent, true), 20) > 20);
        delete view; // and its chart
    }

    void theDeliveryFunnelPaintsEveryStageInEitherTheme()
    {
        Theme::instance().choose(Theme::Choice::Light);
        CampaignRow row;
        row.id = u"f"_s;
        row.status = herald::CampaignStatus::Running;
        row.total = 120;
        row.sent = 100;
        row.delivered = 90;
        row.read = 55;
        row.failed = 10;
        row.failedAfterSend = 6;
        row.deliveryTracked = true;
        row.lastCallbackAt = QDateTime::currentDateTimeUtc();
        DeliveryFunnel funnel;
        funnel.showCampaign(row);
        funnel.resize(520, 300);
        funnel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&funnel));
        const ChartStyle::Series roles[] = {ChartStyle::Series::Sent, ChartStyle::Series::Delivered,
                                            ChartStyle::Series::Read, ChartStyle::Series::Failed,
                                            ChartStyle::Series::FailedAfterSend};
        for (bool dark : {false, true}) {
            Theme::instance().choose(dark ? Theme::Choice::Dark : Theme::Choice::Light);
            QCoreApplication::processEvents();
            const QPalette palette = dark ? Theme::darkPalette() : Theme::lightPalette();
            QChart *chart = funnel.view()->chart();
            QCOMPARE(chart->backgroundBrush().color(), palette.color(QPalette::Base));
            for (QAbstractAxis *axis : chart->axes()) {
                QCOMPARE(axis->labelsColor(), palette.color(QPalette::Text));
            }
            const QImage shot = funnel.view()->grab().toImage();
            for (int s = 0; s < DeliveryFunnel::StageCount; ++s) {
                const QColor expected = ChartStyle::seriesColor(roles[s]);
                QCOMPARE(funnel.barSet(DeliveryFunnel::Stage(s))->color(), expected);
                // Every stage's bar is on screen in its colour, distinct from the others.
                QVERIFY2(countNear(shot, expected, 10) > 100,
                         qPrintable(u"stage %1 dark %2"_s.arg(s).arg(dark)));
                for (int t = s + 1; t < DeliveryFunnel::StageCount; ++t) {
                    QVERIFY(expected != ChartStyle::seriesColor(roles[t]));
                }
            }
        }
        Theme::instance().choose(Theme::Choice::Light);
    }

    void theProgressBarIsPaintedInTheThemesFill_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void theProgressBarIsPaintedInTheThemesFill()
    {
        QFETCH(bool, dark);
        Theme::instance().choose(dark ? Theme::Choice::Dark : Theme::Choice::Light);
        QStandardItemModel model(1, 1);
        QStandardItem *item = new QStandardItem(u"78.2%"_s);
        item->setData(0.782, CampaignTableModel::RawRole);
        item->setData(int(herald::CampaignStatus::Running), CampaignTableModel::StatusRole);
        model.setItem(0, 0, item);
        QTableView table;
        ProgressDelegate delegate;
        table.setItemDelegate(&delegate);
        table.setModel(&model);
        table.setColumnWidth(0, 240);
        table.resize(300, 120);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        const QImage shot = table.viewport()->grab().toImage();
        QVERIFY(delegate.paintedBars() > 0);
        const QColor fill = StatusColors::progressFill(StatusColors::Progress::Moving, dark);
        QVERIFY2(countNear(shot, fill, 24) > 300, qPrintable(fill.name()));
    }
};

HERALD_UI_TEST_MAIN(TestTheme)
#include "test_theme.moc"
