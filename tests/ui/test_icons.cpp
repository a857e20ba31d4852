// Herald's icons: drawn from SVG at the size and device pixel ratio asked for (sharp at 100 to
// 300 %), in the theme's text colour (light on dark), status icons each in their colour, and an
// icon on every action the main window offers.
#include "UiTestUtil.h"
#include "models/CampaignTableModel.h"
#include "theme/Icons.h"
#include "theme/StatusColors.h"
#include "theme/Theme.h"

#include <QAction>
#include <QActionGroup>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QSvgRenderer>
#include <QToolBar>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {
// The mean lightness of the icon's opaque pixels; -1 when it has none.
int inkLightness(const QImage &image)
{
    qint64 sum = 0;
    qint64 n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() > 200) {
                sum += c.lightness();
                ++n;
            }
        }
    }
    return n ? int(sum / n) : -1;
}

int opaquePixels(const QImage &image)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            n += image.pixelColor(x, y).alpha() > 0 ? 1 : 0;
        }
    }
    return n;
}

QImage rendered(const QString &path, const QColor &color, int pixels)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    QByteArray svg = file.readAll();
    svg.replace("currentColor", color.name().toLatin1());
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(svg);
    QPainter p(&image);
    renderer.render(&p, QRectF(0, 0, pixels, pixels));
    return image;
}

void collect(const QList<QAction *> &actions, QList<QAction *> *out)
{
    for (QAction *a : actions) {
        if (a->isSeparator()) {
            continue;
        }
        if (a->menu()) {
            collect(a->menu()->actions(), out);
        } else if (!out->contains(a)) {
            out->append(a);
        }
    }
}
} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Theme::instance().choose(Theme::Choice::System); }

    void everyIconIsEmbeddedAndDrawsSomething()
    {
        for (int i = 0; i < Icons::IconCount; ++i) {
            const auto icon = Icons::Icon(i);
            QVERIFY2(QFile::exists(Icons::path(icon)), qPrintable(Icons::path(icon)));
            const QImage image = Icons::get(icon).pixmap(QSize(24, 24), 1.0).toImage();
            QVERIFY2(opaquePixels(image) > 20, qPrintable(Icons::path(icon)));
        }
        for (const StatusColors::Status s : StatusColors::all) {
            QVERIFY2(QFile::exists(Icons::path(s)), qPrintable(Icons::path(s)));
            QVERIFY(opaquePixels(Icons::status(s).pixmap(QSize(16, 16), 1.0).toImage()) > 10);
        }
        QVERIFY(!Icons::app().isNull());
        QVERIFY(opaquePixels(Icons::app().pixmap(QSize(16, 16), 1.0).toImage()) > 150);
    }

    void iconsRenderAtTheDevicePixelRatio_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<qreal>("dpr");
        for (const int size : {16, 24, 32}) {
            for (const qreal dpr : {1.0, 1.5, 2.0, 3.0}) {
                QTest::addRow("%dpx at %.1fx", size, dpr) << size << dpr;
            }
        }
    }

    void iconsRenderAtTheDevicePixelRatio()
    {
        QFETCH(int, size);
        QFETCH(qreal, dpr);
        const QPixmap pixmap = Icons::get(Icons::Start).pixmap(QSize(size, size), dpr);
        const int pixels = qRound(size * dpr);
        QCOMPARE(pixmap.size(), QSize(pixels, pixels));
        QCOMPARE(pixmap.devicePixelRatio(), dpr);
        // Drawn at that size from the SVG, not a small image blown up.
        const QColor ink = QApplication::palette().color(QPalette::WindowText);
        QImage got = pixmap.toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
        got.setDevicePixelRatio(1.0);
        QCOMPARE(got, rendered(Icons::path(Icons::Start), ink, pixels));
        if (dpr > 1.0) {
            const QImage blown = rendered(Icons::path(Icons::Start), ink, size)
                                     .scaled(pixels, pixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            QVERIFY(got != blown);
        }
    }

    void theApplicationIconIsSharpAtEverySize()
    {
        for (const int size : {16, 32, 48, 128, 256, 512}) {
            QCOMPARE(Icons::app().pixmap(QSize(size, size), 1.0).size(), QSize(size, size));
        }
        QCOMPARE(Icons::app().pixmap(QSize(48, 48), 3.0).size(), QSize(144, 144));
    }

    void choosingDarkRerendersActionIconsInLightInk()
    {
        const QIcon icon = Icons::get(Icons::Pause); // made once, as a toolbar keeps it
        Theme::instance().choose(Theme::Choice::Light);
        const int onLight = inkLightness(icon.pixmap(QSize(32, 32), 1.0).toImage());
        QVERIFY2(onLight >= 0 && onLight < 80, qPrintable(QString::number(onLight)));
        Theme::instance().choose(Theme::Choice::Dark);
        const int onDark = inkLightness(icon.pixmap(QSize(32, 32), 1.0).toImage());
        QVERIFY2(onDark > 180, qPrintable(QString::number(onDark)));
        // Disabled is dimmer than enabled, but drawn.
        const int disabled = inkLightness(icon.pixmap(QSize(32, 32), 1.0, QIcon::Disabled).toImage());
        QVERIFY2(disabled > 60 && disabled < onDark, qPrintable(QString::number(disabled)));
    }

    void statusIconsTakeTheirThemesColourAndDifferInShape()
    {
        for (const bool dark : {false, true}) {
            Theme::instance().choose(dark ? Theme::Choice::Dark : Theme::Choice::Light);
            const QImage failed =
                Icons::status(StatusColors::Status::Failed).pixmap(QSize(24, 24), 1.0).toImage();
            const QColor expected = StatusColors::color(StatusColors::Status::Failed, dark);
            bool found = false;
            for (int y = 0; y < 24 && !found; ++y) {
                for (int x = 0; x < 24 && !found; ++x) {
                    found = failed.pixelColor(x, y) == expected;
                }
            }
            QVERIFY2(found, qPrintable(expected.name()));
        }
        // Shapes: no two status icons (other than the pairs that share a meaning) cover the
        // same pixels, so colour is never the only signal.
        QList<QImage> masks;
        const StatusColors::Status distinct[] = {
            StatusColors::Status::Sent,    StatusColors::Status::Completed, StatusColors::Status::Failed,
            StatusColors::Status::Paused,  StatusColors::Status::Running,   StatusColors::Status::Scheduled,
            StatusColors::Status::Draft,   StatusColors::Status::Stopped,   StatusColors::Status::Cancelled,
            StatusColors::Status::Pending, StatusColors::Status::Warning};
        for (const StatusColors::Status s : distinct) {
            const QImage mask = rendered(Icons::path(s), Qt::black, 24).createAlphaMask();
            for (const QImage &other : masks) {
                QVERIFY2(mask != other, qPrintable(Icons::path(s)));
            }
            masks.append(mask);
        }
    }

    void theTablesShowAStatusIconBesideEveryStatusName()
    {
        CampaignTableModel model;
        QList<CampaignRow> rows;
        for (const CampaignStatus status : CampaignStatusMachine::all()) {
            CampaignRow r;
            r.id = CampaignStatusMachine::toString(status);
            r.name = r.id;
            r.status = status;
            r.total = 10;
            rows << r;
        }
        model.apply({rows, QDateTime::currentDateTimeUtc(), 0, {}});
        QCOMPARE(model.rowCount(), int(CampaignStatusMachine::all().size()));
        QList<QImage> seen;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QIcon icon =
                model.index(row, CampaignTableModel::Status).data(Qt::DecorationRole).value<QIcon>();
            QVERIFY2(!icon.isNull(), qPrintable(model.rowAt(row).id));
            const QImage image = icon.pixmap(QSize(16, 16), 1.0).toImage();
            QVERIFY(!seen.contains(image)); // one look per status
            seen << image;
            QVERIFY(!model.index(row, CampaignTableModel::Name).data(Qt::DecorationRole).isValid());
        }
        for (const QString &stored : {u"ready"_s, u"processing"_s, u"sent"_s, u"failed"_s}) {
            QVERIFY2(!Icons::messageStatus(stored).isNull(), qPrintable(stored));
        }
        QVERIFY(Icons::messageStatus(u"unheard-of"_s).isNull());
    }

    void everyActionInTheMainWindowHasAnIcon()
    {
        QString skip;
        std::unique_ptr<TestDatabase> tdb;
        std::unique_ptr<CloudApiSimulator> sim;
        {
            TestDbAccess access;
            tdb = TestDatabase::create(u"sqlite"_s, &skip);
            QVERIFY2(tdb, qPrintable(skip));
            sim = std::make_unique<CloudApiSimulator>(SimulatorConfig{});
            QVERIFY(sim->start());
        }
        FixedCredentials credentials(sim->config().accessToken);
        MainWindow w(contextFor(*tdb, *sim, &credentials));
        w.show();
        QList<QAction *> actions;
        collect(w.menuBar()->actions(), &actions);
        for (QToolBar *bar : w.findChildren<QToolBar *>()) {
            collect(bar->actions(), &actions);
        }
        collect(w.QWidget::actions(), &actions); // shortcuts only, such as Space
        QVERIFY(actions.size() > 20);
        QStringList missing;
        for (QAction *a : std::as_const(actions)) {
            // The theme choices are radio items: their check mark is their mark.
            if (a->actionGroup() && a->actionGroup()->isExclusive() && a->isCheckable()) {
                continue;
            }
            if (a->icon().isNull()) {
                missing << (a->objectName().isEmpty() ? a->text() : a->objectName());
            }
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"without an icon: "_s + missing.join(u", "_s)));
        QVERIFY(!QApplication::windowIcon().isNull());
        w.closeWithoutAsking();
    }
};

HERALD_UI_TEST_MAIN(TestIcons)
#include "test_icons.moc"
