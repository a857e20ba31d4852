// The Settings dialog as a user fills it, on SQLite and PostgreSQL, with no keychain reachable
// (CI's situation, forced here): every field checked by SettingKeys with the reason under it,
// what changed stored under `herald-cli config`'s keys through the data thread, the database
// choice and language kept per user, the token refused plainly and kept for this session only
// on request — never written anywhere. Set HERALD_SCREENSHOT_DIR to get a picture of each tab.
#include "../secrets/SecretSearch.h"
#include "UiTestUtil.h"
#include "data/DataService.h"
#include "db/AppSettings.h"
#include "db/Migrator.h"
#include "dialogs/SettingsDialog.h"
#include "settings/DatabaseChoice.h"
#include "settings/DatabaseSection.h"
#include "settings/LanguageChoice.h"
#include "settings/SettingField.h"
#include "settings/SettingKeys.h"
#include "settings/TokenSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace herald;
using namespace herald::test;
using namespace herald::ui;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_tdb;
    std::unique_ptr<DataService> m_data;
    std::unique_ptr<Credentials> m_credentials;
    quint64 m_violationsBefore = 0;

    bool setUp(QString *skip, const QMap<QString, QString> &stored = {})
    {
        QFETCH_GLOBAL(QString, backend);
        TestDbAccess access;
        m_tdb = TestDatabase::create(backend, skip);
        if (!m_tdb) {
            return false;
        }
        AppSettings settings(m_tdb->db());
        for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
            settings.set(it.key(), it.value());
        }
        m_data = std::make_unique<DataService>(m_tdb->config());
        m_credentials = std::make_unique<Credentials>();
        return true;
    }

    std::unique_ptr<SettingsDialog> openDialog()
    {
        AppContext context;
        context.database = m_tdb->config();
        context.credentials = m_credentials.get();
        auto dialog = std::make_unique<SettingsDialog>(*m_data, context);
        dialog->open();
        return dialog;
    }

    QMap<QString, QString> storedSettings()
    {
        TestDbAccess access;
        return AppSettings(m_tdb->db()).all();
    }

    static QLineEdit *editor(SettingsDialog &d, const QString &key) { return d.field(key)->editor(); }

    // A picture of what the user sees, when HERALD_SCREENSHOT_DIR asks for one.
    static void screenshot(SettingsDialog &d, const QString &name)
    {
        const QString dir = qEnvironmentVariable("HERALD_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            return;
        }
        QFETCH_GLOBAL(QString, backend);
        d.resize(d.sizeHint().expandedTo(QSize(680, 0)));
        QTest::qWait(50);
        d.grab().save(u"%1/settings-%2-%3.png"_s.arg(dir, backend, name));
    }

private Q_SLOTS:
    void initTestCase_data() { TestDatabase::addBackendRows(); }

    void initTestCase()
    {
        // Whatever this machine has, the dialog runs here without a keychain.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("XDG_RUNTIME_DIR");
    }

    void init()
    {
        QSettings().clear();
        Prompt::clearShown();
        m_violationsBefore = Database::forbiddenThreadUses();
    }

    void cleanup()
    {
        QCOMPARE(Database::forbiddenThreadUses(), m_violationsBefore); // the GUI thread ran no SQL
        m_data.reset();
        m_credentials.reset();
        TestDbAccess access;
        m_tdb.reset();
    }

    void theFieldsShowWhatIsStoredAndDefaultsAsPlaceholders()
    {
        QString skip;
        if (!setUp(&skip, {{SettingKeys::ApiBase, u"https://graph.example.com"_s},
                           {SettingKeys::PhoneNumberId, u"106540352242922"_s},
                           {SettingKeys::RateCeiling, u"250"_s},
                           {SettingKeys::RetryNoResponse, u"true"_s},
                           {SettingKeys::ImportRegion, u"DE"_s}})) {
            QSKIP(qPrintable(skip));
        }
        auto d = openDialog();
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), patient(10000));
        QCOMPARE(editor(*d, SettingKeys::ApiBase)->text(), u"https://graph.example.com"_s);
        QCOMPARE(editor(*d, SettingKeys::PhoneNumberId)->text(), u"106540352242922"_s);
        QCOMPARE(editor(*d, SettingKeys::RateCeiling)->text(), u"250"_s);
        QCOMPARE(editor(*d, SettingKeys::ImportRegion)->text(), u"DE"_s);
        QVERIFY(d->field(SettingKeys::RetryNoResponse)->flag()->isChecked());
        QVERIFY(editor(*d, SettingKeys::ApiVersion)->text().isEmpty());
        QVERIFY(editor(*d, SettingKeys::ApiVersion)
                    ->placeholderText()
                    .contains(ApiSettings::defaultApiVersion()));
        QVERIFY(editor(*d, SettingKeys::Concurrency)->placeholderText().startsWith(u"0"_s));
        for (const QString &key : SettingKeys::keys()) {
            QVERIFY2(d->field(key), qPrintable(key)); // every setting Herald reads has a field
            QVERIFY(d->field(key)->errorLabel()->isHidden());
        }
        QVERIFY(d->message().isEmpty());

        for (int i = 0; i < d->tabs()->count(); ++i) {
            d->tabs()->setCurrentIndex(i);
            screenshot(*d, QString::number(i));
        }
    }

    void aRefusedValueShowsSettingKeysReasonUnderItsFieldAndNothingIsSaved()
    {
        QString skip;
        if (!setUp(&skip, {{SettingKeys::RateCeiling, u"80"_s}})) {
            QSKIP(qPrintable(skip));
        }
        auto d = openDialog();
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), patient(10000));
        const QList<QPair<QString, QString>> bad{{SettingKeys::ApiBase, u"http://graph.example.com"_s},
                                                 {SettingKeys::PhoneNumberId, u"my phone"_s},
                                                 {SettingKeys::RateCeiling, u"5000"_s},
                                                 {SettingKeys::ImportRegion, u"XX"_s}};
        for (const auto &[key, value] : bad) {
            editor(*d, key)->setText(value);
            const QLabel *error = d->field(key)->errorLabel();
            QVERIFY2(!error->isHidden(), qPrintable(key));
            QCOMPARE(error->text(), SettingKeys::check(key, value)); // the one catalogue's words
        }
        d->tabs()->setCurrentIndex(2);
        d->findChild<QPushButton *>(u"settingsSave"_s)->click();
        QVERIFY(d->isVisible());
        QVERIFY(d->message().contains(u"nothing was saved"_s));
        QCOMPARE(d->tabs()->currentIndex(), 0); // where the first problem is
        screenshot(*d, u"refused"_s);
        QTest::qWait(100);
        QCOMPARE(storedSettings(), (QMap<QString, QString>{{SettingKeys::RateCeiling, u"80"_s}}));

        editor(*d, SettingKeys::RateCeiling)->setText(u"1000"_s);
        QVERIFY(d->field(SettingKeys::RateCeiling)->errorLabel()->isHidden());
    }

    void whatChangedIsStoredUnderTheKeysTheCommandLineUses()
    {
        QString skip;
        if (!setUp(&skip,
                   {{SettingKeys::WabaId, u"102290129340398"_s}, {SettingKeys::Concurrency, u"8"_s}})) {
            QSKIP(qPrintable(skip));
        }
        auto d = openDialog();
        QSignalSpy saved(d.get(), &SettingsDialog::saved);
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), patient(10000));
        editor(*d, SettingKeys::ApiBase)->setText(u"  http://127.0.0.1:8443  "_s);
        editor(*d, SettingKeys::PhoneNumberId)->setText(u"106540352242922"_s);
        editor(*d, SettingKeys::RateCeiling)->setText(u"300"_s);
        editor(*d, SettingKeys::Concurrency)->clear(); // back to the default: removed
        editor(*d, SettingKeys::ImportRegion)->setText(u"us"_s);
        d->field(SettingKeys::RetryNoResponse)->flag()->setChecked(true);
        editor(*d, SettingKeys::ApiVersion)
            ->setText(ApiSettings::defaultApiVersion()); // the default: not written
        editor(*d, SettingKeys::ApiVersion)->clear();
        d->findChild<QPushButton *>(u"settingsSave"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isVisible(), patient(10000));
        QCOMPARE(d->result(), int(QDialog::Accepted));
        QCOMPARE(saved.count(), 1);
        const QMap<QString, QString> expected{{SettingKeys::ApiBase, u"http://127.0.0.1:8443"_s},
                                              {SettingKeys::PhoneNumberId, u"106540352242922"_s},
                                              {SettingKeys::WabaId, u"102290129340398"_s},
                                              {SettingKeys::RateCeiling, u"300"_s},
                                              {SettingKeys::ImportRegion, u"us"_s},
                                              {SettingKeys::RetryNoResponse, u"true"_s}};
        QCOMPARE(storedSettings(), expected);
        {
            TestDbAccess access;
            const AppSettings settings(m_tdb->db());
            QCOMPARE(SettingKeys::rateCeiling(settings), 300.0);
            QCOMPARE(SettingKeys::concurrency(settings), 0);
            QVERIFY(SettingKeys::retryNoResponse(settings));
        }
        QVERIFY(!Prompt::shown().join(u"\n"_s).contains(u"restarted"_s)); // nothing needs a restart
    }

    void withoutAKeychainTheTokenIsRefusedPlainlyAndMayBeKeptForThisSessionOnly()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        auto d = openDialog();
        QSignalSpy saved(d.get(), &SettingsDialog::saved);
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), patient(10000));
        TokenSection *token = d->tokenSection();
        QTRY_VERIFY(token->statusText().contains(u"No keychain can be reached"_s));
        const QString secret = uniqueToken();
        d->findChild<QLineEdit *>(u"tokenField"_s)->setText(secret);
        editor(*d, SettingKeys::WabaId)->setText(u"102290129340398"_s);
        d->tabs()->setCurrentIndex(1);
        d->findChild<QPushButton *>(u"settingsSave"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isSaving(), patient(10000));
        QVERIFY(d->isVisible());
        QCOMPARE(saved.count(), 0);
        QCOMPARE(d->tabs()->currentIndex(), 0); // the token's tab, with its error
        QVERIFY2(token->errorText().contains(u"No keychain can be reached"_s),
                 qPrintable(token->errorText()));
        QVERIFY(token->errorText().contains(u"never writes the token to a file"_s));
        QVERIFY(token->offersSessionOnly());
        screenshot(*d, u"no-keychain"_s);
        QCOMPARE(storedSettings().value(SettingKeys::WabaId), u"102290129340398"_s); // the rest was saved

        std::optional<Credentials::Lookup> before;
        m_credentials->lookup([&](const Credentials::Lookup &l) { before = l; });
        QTRY_VERIFY(before.has_value());
        QVERIFY(before->token.isEmpty());
        QVERIFY(before->keychainFailed);
        QVERIFY(before->problem.contains(u"this session only"_s));

        d->findChild<QPushButton *>(u"tokenKeepForSession"_s)->click();
        QVERIFY(m_credentials->hasSessionToken());
        QTRY_VERIFY(token->statusText().contains(u"this session only"_s));
        std::optional<Credentials::Lookup> after;
        m_credentials->lookup([&](const Credentials::Lookup &l) { after = l; });
        QTRY_VERIFY(after.has_value());
        QCOMPARE(after->token, secret);
        QCOMPARE(after->source, Credentials::Source::Session);
        QVERIFY(d->findChild<QLineEdit *>(u"tokenField"_s)->text().isEmpty());

        d->findChild<QPushButton *>(u"settingsSave"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isVisible(), patient(10000));
        QCOMPARE(saved.count(), 1);

        // Nowhere on disk: settings, data, caches, the database.
        QStringList roots{QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                          QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation),
                          QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)};
        if (!m_tdb->isPostgres()) {
            roots << QFileInfo(TestDatabase::sqlitePath(*m_tdb)).absolutePath();
        }
        QSettings().sync();
        if (!m_tdb->isPostgres()) {
            QVERIFY(fileCount(roots) > 0); // the database file at least: a search of nothing proves nothing
        }
        const QStringList leaks = filesContaining(roots, secret);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", "_s)));
        TestDbAccess access;
        for (const QString &value : AppSettings(m_tdb->db()).all()) {
            QVERIFY(!value.contains(secret));
        }
    }

    void theDatabaseAndLanguageAreThisUsersAndApplyAfterARestart()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        auto d = openDialog();
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), patient(10000));
        DatabaseSection *db = d->databaseSection();
        QVERIFY(d->findChild<QLabel *>(u"dbNote"_s)->text().contains(m_tdb->config().displayName()));
        QVERIFY(d->findChild<QLabel *>(u"dbNote"_s)->text().contains(u"restarted"_s));
        QVERIFY(d->findChild<QRadioButton *>(u"dbEmbedded"_s)->isChecked());

        d->findChild<QRadioButton *>(u"dbPostgres"_s)->setChecked(true);
        auto *url = d->findChild<QLineEdit *>(u"dbUrl"_s);
        url->setText(u"mysql://u@h/db"_s);
        QVERIFY(!d->findChild<QLabel *>(u"dbError"_s)->isHidden());
        QVERIFY(db->problem().contains(u"postgresql://"_s));
        url->setText(u"postgresql://h/db"_s);
        QCOMPARE(db->problem(),
                 u"The PostgreSQL URL names no user: write postgresql://user:password@host:port/database."_s);

        // A password cannot be kept without a keychain, and is never put in the settings file.
        const QString password = uniqueToken();
        url->setText(u"postgresql://herald:%1@db.example.com:5433/herald?sslmode=require"_s.arg(password));
        QVERIFY(db->problem().isEmpty());
        QCOMPARE(db->location(), u"postgresql://herald@db.example.com:5433/herald?sslmode=require"_s);
        d->findChild<QPushButton *>(u"settingsSave"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isSaving(), patient(10000));
        QVERIFY(d->isVisible());
        QCOMPARE(d->tabs()->currentIndex(), 2);
        QVERIFY2(d->findChild<QLabel *>(u"dbError"_s)->text().contains(u"No keychain can be reached"_s),
                 qPrintable(d->findChild<QLabel *>(u"dbError"_s)->text()));
        QVERIFY(DatabaseChoice::storedLocation().isEmpty());
        QSettings().sync();
        QVERIFY(filesContaining({QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)},
                                password)
                    .isEmpty());

        // Without the password it is stored; the language too.
        url->setText(u"postgresql://herald@db.example.com:5433/herald?sslmode=require"_s);
        QComboBox *language = d->languageBox();
        QVERIFY(language->count() >= 2);
        QCOMPARE(language->itemText(0), u"System default"_s);
        language->setCurrentIndex(language->findData(u"en"_s));
        d->findChild<QPushButton *>(u"settingsSave"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->isVisible(), patient(10000));
        QCOMPARE(DatabaseChoice::storedLocation(),
                 u"postgresql://herald@db.example.com:5433/herald?sslmode=require"_s);
        QVERIFY(!DatabaseChoice::storedPasswordInKeychain());
        QCOMPARE(QSettings().value(u"ui/language"_s).toString(), u"en"_s);
        QVERIFY2(Prompt::shown().join(u"\n"_s).contains(u"when it is restarted"_s),
                 qPrintable(Prompt::shown().join(u"\n"_s)));

        // The next dialog shows the choice; going back to the embedded default forgets it.
        auto again = openDialog();
        QTRY_VERIFY_WITH_TIMEOUT(again->isLoaded(), patient(10000));
        QVERIFY(again->findChild<QRadioButton *>(u"dbPostgres"_s)->isChecked());
        QCOMPARE(again->findChild<QLineEdit *>(u"dbUrl"_s)->text(), DatabaseChoice::storedLocation());
        QCOMPARE(again->languageBox()->currentData().toString(), u"en"_s);
        again->findChild<QRadioButton *>(u"dbEmbedded"_s)->setChecked(true);
        again->findChild<QLineEdit *>(u"dbPath"_s)->clear();
        again->languageBox()->setCurrentIndex(0);
        again->findChild<QPushButton *>(u"settingsSave"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!again->isVisible(), patient(10000));
        QVERIFY(DatabaseChoice::storedLocation().isEmpty());
        QVERIFY(!QSettings().contains(u"ui/language"_s));
    }

    void testConnectionRunsOffTheGuiThreadAndSaysWhatItFound()
    {
        QString skip;
        if (!setUp(&skip)) {
            QSKIP(qPrintable(skip));
        }
        auto d = openDialog();
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), patient(10000));
        DatabaseSection *db = d->databaseSection();
        auto *test = d->findChild<QPushButton *>(u"dbTest"_s);
        int latest = 0;
        {
            TestDbAccess access;
            latest = Migrator(m_tdb->db()).latestVersion();
        }
        const QString connected = u"schema version %1, up to date"_s.arg(latest);
        if (m_tdb->isPostgres()) {
            QString location;
            QString password;
            QString error;
            QVERIFY(DatabaseChoice::split(m_tdb->url(), &location, &password, &error));
            QVERIFY(!password.isEmpty());
            d->findChild<QRadioButton *>(u"dbPostgres"_s)->setChecked(true);
            d->findChild<QLineEdit *>(u"dbUrl"_s)->setText(location);
            d->findChild<QLineEdit *>(u"dbPassword"_s)->setText(password);
            test->click();
            QVERIFY(db->isTesting());
            QTRY_VERIFY_WITH_TIMEOUT(!db->isTesting(), patient(20000));
            QVERIFY2(db->testResult().contains(connected), qPrintable(db->testResult()));

            d->findChild<QLineEdit *>(u"dbPassword"_s)->setText(u"wrong"_s + password);
            test->click();
            QTRY_VERIFY_WITH_TIMEOUT(!db->isTesting(), patient(20000));
            QVERIFY2(db->testResult().startsWith(u"Cannot connect to PostgreSQL"_s),
                     qPrintable(db->testResult()));
            QVERIFY(!db->testResult().contains(password));
        } else {
            const QString path = TestDatabase::sqlitePath(*m_tdb);
            d->findChild<QLineEdit *>(u"dbPath"_s)->setText(path);
            test->click();
            QVERIFY(db->isTesting());
            QTRY_VERIFY_WITH_TIMEOUT(!db->isTesting(), patient(20000));
            QVERIFY2(db->testResult().contains(connected), qPrintable(db->testResult()));

            const QString missing = QFileInfo(path).absolutePath() + u"/not-yet/herald.db"_s;
            d->findChild<QLineEdit *>(u"dbPath"_s)->setText(missing);
            test->click();
            QTRY_VERIFY_WITH_TIMEOUT(!db->isTesting(), patient(20000));
            QVERIFY2(db->testResult().contains(u"creates it there when it starts"_s),
                     qPrintable(db->testResult()));
            QVERIFY(!QFileInfo::exists(missing));
            QVERIFY(!QFileInfo::exists(QFileInfo(missing).absolutePath())); // not even its folder

            QFile junk(QFileInfo(path).absolutePath() + u"/junk.db"_s);
            QVERIFY(junk.open(QIODevice::WriteOnly));
            junk.write(QByteArray(4096, 'x'));
            junk.close();
            d->findChild<QLineEdit *>(u"dbPath"_s)->setText(junk.fileName());
            test->click();
            QTRY_VERIFY_WITH_TIMEOUT(!db->isTesting(), patient(20000));
            QVERIFY2(db->testResult().contains(u"not a usable Herald database"_s),
                     qPrintable(db->testResult()));
        }
    }
};

HERALD_UI_TEST_MAIN(TestSettingsDialog)
#include "test_settingsdialog.moc"
