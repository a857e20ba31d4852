// The console's language: the real main window in German once LanguageChoice installed it, in
// English when the system's language is English, and the committed translations complete, with
// every placeholder, accelerator, ellipsis and edge space of the English kept.
#include "UiTestUtil.h"
#include "cloudapi/ErrorPolicy.h"
#include "queue/CampaignStatus.h"
#include "settings/LanguageChoice.h"

#include <QAction>
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMultiHash>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableView>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

namespace {

QString actionText(MainWindow &w, const QString &name)
{
    auto *a = w.findChild<QAction *>(name);
    return a ? a->text() : u"<no action %1>"_s.arg(name);
}

QStringList menuTitles(MainWindow &w)
{
    QStringList titles;
    const auto actions = w.menuBar()->actions();
    for (const QAction *a : actions) {
        titles << a->text();
    }
    return titles;
}

QStringList headers(MainWindow &w)
{
    auto *table = w.findChild<QTableView *>(u"campaignTable"_s);
    QStringList out;
    if (!table) {
        return out;
    }
    for (int c = 0; c < table->model()->columnCount(); ++c) {
        out << table->model()->headerData(c, Qt::Horizontal).toString();
    }
    return out;
}

// What must survive translation: placeholders (%1, %n, %L1), the accelerator's presence and a
// trailing "…".
QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(u"%L?(\\d+|n)"_s);
    QStringList found;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        found << it.next().captured(0);
    }
    found.sort();
    found.removeDuplicates();
    return found;
}

bool hasAccelerator(const QString &text)
{
    return text.contains(QRegularExpression(u"&[^&\\s]"_s));
}

// What is wrong with a .ts catalogue: messages unfinished, obsolete or vanished (left over from
// texts the program no longer has), empty, or a translation (each plural form of it) that drops
// a placeholder of its source (%1, %L1, %n, %Ln), its accelerator, an edge space or its ellipsis.
QStringList catalogueProblems(QIODevice &device, int *messages)
{
    QXmlStreamReader xml(&device);
    QString context;
    QString source;
    QStringList problems;
    *messages = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == "name"_L1) {
            context = xml.readElementText();
        } else if (xml.name() == "source"_L1) {
            source = xml.readElementText();
        } else if (xml.name() == "translation"_L1) {
            const QString type = xml.attributes().value(u"type"_s).toString();
            if (type == "vanished"_L1 || type == "obsolete"_L1) {
                problems << u"%1: %2 / %3"_s.arg(type, context, source);
                xml.skipCurrentElement();
                continue;
            }
            ++*messages;
            if (type == "unfinished"_L1) {
                problems << u"unfinished: %1 / %2"_s.arg(context, source);
                xml.skipCurrentElement();
                continue;
            }
            // A numerus message holds one <numerusform> per plural form, each a whole text.
            QStringList forms;
            QString direct;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isEndElement() && xml.name() == "translation"_L1) {
                    break;
                }
                if (xml.isStartElement() && xml.name() == "numerusform"_L1) {
                    forms << xml.readElementText();
                } else if (xml.isCharacters()) {
                    direct += xml.text();
                }
            }
            if (forms.isEmpty()) {
                forms << direct;
            }
            for (const QString &t : std::as_const(forms)) {
                if (t.trimmed().isEmpty()) {
                    problems << u"empty: %1 / %2"_s.arg(context, source);
                    continue;
                }
                const QStringList want = placeholders(source);
                const QStringList got = placeholders(t);
                if (want != got) {
                    problems << u"placeholders %1 → %2: %3"_s.arg(want.join(u' '), got.join(u' '), source);
                }
                if (hasAccelerator(source) != hasAccelerator(t)) {
                    problems << u"accelerator: %1 → %2"_s.arg(source, t);
                }
                // Pieces joined to other text keep their leading or trailing space.
                if (source.startsWith(u' ') != t.startsWith(u' ') ||
                    source.endsWith(u' ') != t.endsWith(u' ')) {
                    problems << u"spaces at the ends: “%1” → “%2”"_s.arg(source, t);
                }
                if (source.endsWith(u"…"_s) != t.endsWith(u"…"_s)) {
                    problems << u"ellipsis: %1 → %2"_s.arg(source, t);
                }
            }
        }
    }
    if (xml.hasError()) {
        problems << u"not readable: %1"_s.arg(xml.errorString());
    }
    return problems;
}

// Accelerator letters used twice in the menu bar or within one menu, as "Menu: x (A, B)".
QStringList clashingAccelerators(MainWindow &w)
{
    QStringList clashes;
    const auto check = [&](const QString &where, const QList<QAction *> &actions) {
        QMultiHash<QChar, QString> byKey;
        for (const QAction *a : actions) {
            const qsizetype at = a->text().indexOf(u'&');
            if (at >= 0 && at + 1 < a->text().size()) {
                byKey.insert(a->text().at(at + 1).toLower(), a->text());
            }
        }
        for (const QChar key : byKey.uniqueKeys()) {
            if (byKey.count(key) > 1) {
                clashes << u"%1: %2 (%3)"_s.arg(where, key, QStringList(byKey.values(key)).join(u", "_s));
            }
        }
    };
    check(u"menu bar"_s, w.menuBar()->actions());
    for (QAction *m : w.menuBar()->actions()) {
        if (m->menu()) {
            Q_EMIT m->menu()->aboutToShow(); // menus filled on show get their actions
            check(m->text(), m->menu()->actions());
        }
    }
    return clashes;
}

} // namespace

class TestLanguage : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<CloudApiSimulator> m_sim;
    std::unique_ptr<FixedCredentials> m_credentials;

    std::unique_ptr<MainWindow> window()
    {
        auto w = std::make_unique<MainWindow>(contextFor(*m_tdb, *m_sim, m_credentials.get()));
        w->resize(1280, 800);
        w->show();
        return w;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString skip;
        TestDbAccess access;
        m_tdb = TestDatabase::create(u"sqlite"_s, &skip);
        QVERIFY2(m_tdb, qPrintable(skip));
        m_sim = std::make_unique<CloudApiSimulator>(SimulatorConfig{});
        QVERIFY(m_sim->start());
        QVERIFY(syncTemplates(m_tdb->db(), *m_sim));
        readyCampaign(m_tdb->db(), u"Spring sale"_s, 40);
        readyCampaign(m_tdb->db(), u"Newsletter December"_s, 25, 100);
        m_credentials = std::make_unique<FixedCredentials>(m_sim->config().accessToken);
    }

    void cleanup()
    {
        LanguageChoice::store(QString());
        LanguageChoice::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void germanIsOfferedInSettings()
    {
        QStringList labels;
        QStringList codes;
        for (const LanguageChoice::Option &o : LanguageChoice::available()) {
            labels << o.label;
            codes << o.code;
        }
        QVERIFY2(labels.contains(u"Deutsch"_s), qPrintable(labels.join(u", "_s)));
        QVERIFY(codes.contains(u"de"_s));
        QCOMPARE(codes.first(), QString()); // the system's language comes first
    }

    void theSystemLanguagePicksATranslationWhenOneExists()
    {
        QCOMPARE(LanguageChoice::resolve(QString(), QLocale(QLocale::German, QLocale::Switzerland)), u"de"_s);
        QCOMPARE(LanguageChoice::resolve(QString(), QLocale(QLocale::English, QLocale::UnitedKingdom)),
                 QString());
        QCOMPARE(LanguageChoice::resolve(QString(), QLocale(QLocale::Japanese, QLocale::Japan)), QString());
        // A stored choice wins over the system; one without a translation means English.
        QCOMPARE(LanguageChoice::resolve(u"de"_s, QLocale(QLocale::English)), u"de"_s);
        QCOMPARE(LanguageChoice::resolve(u"xx"_s, QLocale(QLocale::German)), QString());
    }

    void theWindowSpeaksGermanOnceGermanIsStored()
    {
        LanguageChoice::store(u"de"_s);
        // The system's language is English here: the stored choice decides.
        QCOMPARE(LanguageChoice::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)), u"de"_s);
        QCOMPARE(QLocale().language(), QLocale::German); // numbers and dates in German too
        auto w = window();

        QCOMPARE(menuTitles(*w),
                 (QStringList{u"&Datei"_s, u"&Kampagne"_s, u"&Ansicht"_s, u"E&xtras"_s, u"&Hilfe"_s}));
        QCOMPARE(actionText(*w, u"actionNewCampaign"_s), u"&Neue Kampagne…"_s);
        QCOMPARE(actionText(*w, u"actionStart"_s), u"&Starten"_s);
        QCOMPARE(actionText(*w, u"actionPause"_s), u"&Pausieren"_s);
        QCOMPARE(actionText(*w, u"actionResume"_s), u"&Fortsetzen"_s);
        QCOMPARE(actionText(*w, u"actionCancel"_s), u"A&bbrechen…"_s);
        QCOMPARE(actionText(*w, u"actionResend"_s), u"&Erneut senden…"_s);
        QCOMPARE(actionText(*w, u"actionSettings"_s), u"&Einstellungen…"_s);
        QCOMPARE(actionText(*w, u"actionQuit"_s), u"&Beenden"_s);
        QVERIFY2(clashingAccelerators(*w).isEmpty(), qPrintable(clashingAccelerators(*w).join(u'\n')));

        const QStringList h = headers(*w);
        QVERIFY2(h.contains(u"Gesendet"_s) && h.contains(u"Fehlgeschlagen"_s) && h.contains(u"Fortschritt"_s),
                 qPrintable(h.join(u", "_s)));
        QVERIFY(!h.contains(u"Sent"_s));

        // Core's texts the console shows: an error's meaning (QT_TRANSLATE_NOOP, translated when
        // shown), a status name, and a text from a core helper whose context lupdate names
        // differently ("herald::Database" for "Database").
        const ErrorPolicyEntry *undeliverable = ErrorPolicy::entryForCode(131026);
        QVERIFY(undeliverable);
        QVERIFY2(undeliverable->meaningText().startsWith(u"Die Nachricht kann nicht zugestellt werden"_s),
                 qPrintable(undeliverable->meaningText()));
        QCOMPARE(CampaignStatusMachine::displayName(CampaignStatus::Running), u"Läuft"_s);
        QCOMPARE(QCoreApplication::translate("Database", "SQLite is not available"),
                 u"SQLite ist nicht verfügbar"_s);
        QCOMPARE(QCoreApplication::translate(
                     "TemplateParser", "The template has a location header, which Herald cannot fill yet."),
                 u"Die Vorlage hat eine Standort-Kopfzeile, die Herald noch nicht füllen kann."_s);
        QCOMPARE(QCoreApplication::translate("PhoneNumberCheck",
                                             "Meta reports the number as %1: messages may be refused."),
                 u"Meta meldet die Nummer als %1: Nachrichten werden möglicherweise abgelehnt."_s);

        QVERIFY(waitUntil([&] { return w->campaigns().rowCount() == 2; }, 10'000));
        QTest::qWait(300);
        const QString png = QDir::temp().filePath(u"herald-main-de.png"_s);
        QVERIFY(w->grab().save(png));
        qInfo("German main window: %s", qPrintable(png));

        // The other pages and the settings, to look at (clipped or untranslated labels).
        auto *navigation = w->findChild<QListWidget *>(u"navigation"_s);
        QVERIFY(navigation);
        for (int row = 1; row < navigation->count(); ++row) {
            navigation->setCurrentRow(row);
            QTest::qWait(400);
            QVERIFY(w->grab().save(QDir::temp().filePath(u"herald-main-de-%1.png"_s.arg(row))));
        }
        navigation->setCurrentRow(0);
        w->findChild<QAction *>(u"actionSettings"_s)->trigger();
        QWidget *settings = nullptr;
        QVERIFY(waitUntil(
            [&] {
                return (settings = w->findChild<QWidget *>(u"settingsDialog"_s)) && settings->isVisible();
            },
            5'000));
        QTest::qWait(500);
        auto *tabs = settings->findChild<QTabWidget *>(u"settingsTabs"_s);
        QVERIFY(tabs);
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            QTest::qWait(100);
            QVERIFY(settings->grab().save(QDir::temp().filePath(u"herald-settings-de-%1.png"_s.arg(t))));
        }
        settings->close();
    }

    void theSystemDefaultOnAnEnglishSystemIsEnglish()
    {
        LanguageChoice::store(QString());
        QCOMPARE(LanguageChoice::install(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)), QString());
        QVERIFY(QLocale().language() != QLocale::German);
        auto w = window();
        QCOMPARE(menuTitles(*w),
                 (QStringList{u"&File"_s, u"&Campaign"_s, u"&View"_s, u"&Tools"_s, u"&Help"_s}));
        QCOMPARE(actionText(*w, u"actionStart"_s), u"&Start"_s);
        QCOMPARE(actionText(*w, u"actionPause"_s), u"&Pause"_s);
        QVERIFY(headers(*w).contains(u"Sent"_s));
        QVERIFY(ErrorPolicy::entryForCode(131026)->meaningText().startsWith(
            u"The message cannot be delivered"_s));
        QCOMPARE(CampaignStatusMachine::displayName(CampaignStatus::Running), u"Running"_s);
        // English has plural forms of its own: no "1 message(s)".
        QCOMPARE(
            QCoreApplication::translate("herald::ui::MainWindow", "%n message(s) queued again.", nullptr, 1),
            u"1 message queued again."_s);
        QCOMPARE(
            QCoreApplication::translate("herald::ui::MainWindow", "%n message(s) queued again.", nullptr, 3),
            u"3 messages queued again."_s);
        QCOMPARE(QCoreApplication::translate("ImportSummary",
                                             "Messaged by a campaign in the last %n day(s), left out: %1.",
                                             nullptr, 1),
                 u"Messaged by a campaign in the last 1 day, left out: %1."_s);

        QVERIFY(waitUntil([&] { return w->campaigns().rowCount() == 2; }, 10'000));
        QTest::qWait(300);
        QVERIFY(w->grab().save(QDir::temp().filePath(u"herald-main-en.png"_s)));
    }

    void theSystemDefaultOnAGermanSystemIsGerman()
    {
        LanguageChoice::store(QString());
        QCOMPARE(LanguageChoice::install(*qApp, QLocale(QLocale::German, QLocale::Austria)), u"de"_s);
        auto w = window();
        QCOMPARE(actionText(*w, u"actionStart"_s), u"&Starten"_s);
    }

    // Every committed translation: nothing unfinished, obsolete or empty, and the translation
    // keeps the source's placeholders, its accelerator and its trailing ellipsis.
    void everyTranslationIsCompleteAndKeepsItsPlaceholders()
    {
        const QStringList files =
            QDir(QStringLiteral(HERALD_TRANSLATIONS_DIR)).entryList({u"herald_*.ts"_s}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString &name : files) {
            QFile file(QStringLiteral(HERALD_TRANSLATIONS_DIR) + u'/' + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            int messages = 0;
            const QStringList problems = catalogueProblems(file, &messages);
            QVERIFY2(problems.isEmpty(), qPrintable(name + u":\n"_s + problems.join(u'\n')));
            // herald_en holds only the plural forms of the English source texts.
            const int expected = name == u"herald_en.ts"_s ? 20 : 500;
            QVERIFY2(messages > expected, qPrintable(u"%1 has only %2 messages"_s.arg(name).arg(messages)));
        }
    }

    // The check itself, on a catalogue with one of each problem: it names every one.
    void theCatalogueCheckNamesEachKindOfProblem()
    {
        QByteArray ts = R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Sample</name>
    <message><source>Fine %1</source><translation>Gut %1</translation></message>
    <message><source>Not yet</source><translation type="unfinished"></translation></message>
    <message><source>Gone</source><translation type="obsolete">Weg</translation></message>
    <message><source>Gone too</source><translation type="vanished">Auch weg</translation></message>
    <message><source>%L1 recipients</source><translation>Empfänger</translation></message>
    <message numerus="yes"><source>%Ln message(s)</source><translation><numerusform>%Ln Nachricht</numerusform><numerusform>Nachrichten</numerusform></translation></message>
    <message numerus="yes"><source>%n day(s)</source><translation><numerusform>ein Tag</numerusform><numerusform>%n Tage</numerusform></translation></message>
    <message><source>&amp;Open…</source><translation>Öffnen…</translation></message>
</context>
</TS>
)";
        QBuffer buffer(&ts);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        int messages = 0;
        const QStringList problems = catalogueProblems(buffer, &messages);
        const QString all = problems.join(u'\n');
        QVERIFY2(all.contains(u"unfinished: Sample / Not yet"_s), qPrintable(all));
        QVERIFY2(all.contains(u"obsolete: Sample / Gone"_s), qPrintable(all));
        QVERIFY2(all.contains(u"vanished: Sample / Gone too"_s), qPrintable(all));
        QVERIFY2(all.contains(u"placeholders %L1 → : %L1 recipients"_s), qPrintable(all));
        QVERIFY2(all.contains(u"placeholders %Ln → : %Ln message(s)"_s), qPrintable(all));
        QVERIFY2(all.contains(u"placeholders %n → : %n day(s)"_s), qPrintable(all));
        QVERIFY2(all.contains(u"accelerator: &Open…"_s), qPrintable(all));
        QVERIFY2(!all.contains(u"Fine"_s), qPrintable(all));
        QCOMPARE(problems.size(), 7);
    }
};

HERALD_UI_TEST_MAIN(TestLanguage)
#include "test_language.moc"
