#include "settings/DatabaseSection.h"

#include "dialogs/Prompt.h"
#include "settings/ConnectionTester.h"
#include "settings/DatabaseChoice.h"
#include "widgets/MessageTone.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>

using namespace Qt::StringLiterals;

namespace herald::ui {

namespace {
void paint(QLabel *label, bool ok)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, toneColor(ok ? MessageTone::Success : MessageTone::Error));
    label->setPalette(p);
}
} // namespace

DatabaseSection::DatabaseSection(const QString &openNow, QWidget *parent)
    : QGroupBox(tr("Database"), parent)
    , m_embedded(new QRadioButton(tr("Embedded (a SQLite file on this computer)"), this))
    , m_postgres(new QRadioButton(tr("PostgreSQL server (shared by several consoles and workers)"), this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_url(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_test(new QPushButton(tr("Test connection"), this))
    , m_result(new QLabel(this))
    , m_note(new QLabel(this))
{
    setObjectName(u"databaseSection"_s);
    m_embedded->setObjectName(u"dbEmbedded"_s);
    m_postgres->setObjectName(u"dbPostgres"_s);
    auto *group = new QButtonGroup(this);
    group->addButton(m_embedded);
    group->addButton(m_postgres);
    m_path->setObjectName(u"dbPath"_s);
    m_path->setPlaceholderText(DatabaseChoice::describe(DatabaseChoice::Source::Embedded) + u": "_s +
                               QFileInfo(DatabaseConfig::defaultSqlitePath()).absoluteFilePath());
    m_path->setClearButtonEnabled(true);
    m_browse->setObjectName(u"dbBrowse"_s);
    m_url->setObjectName(u"dbUrl"_s);
    m_url->setPlaceholderText(u"postgresql://herald@db.example.com:5432/herald"_s);
    m_url->setClearButtonEnabled(true);
    m_password->setObjectName(u"dbPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Kept in the operating system's keychain, never in the settings file."));
    m_error->setObjectName(u"dbError"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    paint(m_error, false);
    m_error->hide();
    m_test->setObjectName(u"dbTest"_s);
    m_result->setObjectName(u"dbTestResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setObjectName(u"dbNote"_s);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    QString note = tr("Open now: %1. A change here takes effect when Herald is restarted.").arg(openNow);
    if (!qEnvironmentVariableIsEmpty("HERALD_DB")) {
        note += u' ' + tr("HERALD_DB is set in this environment and wins over the choice here.");
    }
    m_note->setText(note);

    auto *layout = new QFormLayout(this);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addRow(m_embedded);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);
    layout->addRow(tr("File:"), pathRow);
    layout->addRow(m_postgres);
    layout->addRow(tr("URL:"), m_url);
    layout->addRow(tr("Password:"), m_password);
    layout->addRow(m_error);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_result, 1);
    layout->addRow(testRow);
    layout->addRow(m_note);

    load();
    for (QLineEdit *edit : {m_path, m_url, m_password}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            recheck();
            m_result->clear();
            Q_EMIT edited();
        });
    }
    connect(m_embedded, &QRadioButton::toggled, this, [this] {
        updateEnabled();
        recheck();
        m_result->clear();
        Q_EMIT edited();
    });
    connect(m_browse, &QPushButton::clicked, this, &DatabaseSection::browse);
    connect(m_test, &QPushButton::clicked, this, &DatabaseSection::testConnection);
}

void DatabaseSection::load()
{
    m_loadedLocation = DatabaseChoice::storedLocation();
    m_passwordStored = DatabaseChoice::storedPasswordInKeychain();
    const bool postgres = m_loadedLocation.contains("://"_L1);
    (postgres ? m_postgres : m_embedded)->setChecked(true);
    (postgres ? m_url : m_path)->setText(m_loadedLocation);
    m_password->setPlaceholderText(m_passwordStored ? tr("Stored in the keychain; type to replace it")
                                                    : tr("None, or type it"));
    updateEnabled();
    recheck();
}

void DatabaseSection::updateEnabled()
{
    const bool postgres = m_postgres->isChecked();
    m_path->setEnabled(!postgres);
    m_browse->setEnabled(!postgres);
    m_url->setEnabled(postgres);
    m_password->setEnabled(postgres);
}

QString DatabaseSection::location() const
{
    const QString spec = (m_postgres->isChecked() ? m_url : m_path)->text().trimmed();
    QString location;
    QString password;
    QString error;
    return DatabaseChoice::split(spec, &location, &password, &error) ? location : spec;
}

QString DatabaseSection::problem() const
{
    if (m_postgres->isChecked()) {
        const QString url = m_url->text().trimmed();
        if (url.isEmpty()) {
            return tr("Enter the server's address: postgresql://user@host:5432/database.");
        }
        if (!url.startsWith("postgresql://"_L1, Qt::CaseInsensitive) &&
            !url.startsWith("postgres://"_L1, Qt::CaseInsensitive)) {
            return tr(
                "A PostgreSQL address starts with postgresql://, e.g. postgresql://user@host:5432/database.");
        }
    } else if (const QString path = m_path->text().trimmed(); !path.isEmpty() && QFileInfo(path).isDir()) {
        return tr("%1 is a folder: name a file in it, e.g. %2.")
            .arg(path, QDir(path).filePath(u"herald.db"_s));
    }
    QString location;
    QString password;
    QString error;
    return DatabaseChoice::split((m_postgres->isChecked() ? m_url : m_path)->text(), &location, &password,
                                 &error)
               ? QString()
               : error;
}

bool DatabaseSection::changed() const
{
    return location() != m_loadedLocation || !m_password->text().isEmpty();
}

void DatabaseSection::recheck()
{
    const QString why = problem();
    m_error->setText(why);
    m_error->setVisible(!why.isEmpty());
}

void DatabaseSection::browse()
{
    const QString current = m_path->text().trimmed();
    QPointer<DatabaseSection> self(this);
    Prompt::saveFileName(this, tr("Database file"),
                         current.isEmpty() ? DatabaseConfig::defaultSqlitePath() : current,
                         tr("Herald databases (*.db);;All files (*)"), [self](const QString &path) {
                             if (self && !path.isEmpty()) {
                                 self->m_path->setText(path);
                             }
                         });
}

void DatabaseSection::testConnection()
{
    if (const QString why = problem(); !why.isEmpty()) {
        showResult(false, why);
        return;
    }
    const QString spec = (m_postgres->isChecked() ? m_url : m_path)->text().trimmed();
    QString location;
    QString inlinePassword;
    QString error;
    DatabaseChoice::split(spec, &location, &inlinePassword, &error);
    const QString typed = m_password->text().isEmpty() ? inlinePassword : m_password->text();
    m_testing = true;
    m_test->setEnabled(false);
    showResult(true, tr("Connecting…"));
    auto run = [this](const DatabaseConfig &config) {
        ConnectionTester::test(config, this, [this](const ConnectionTester::Outcome &o) {
            m_testing = false;
            m_test->setEnabled(true);
            showResult(o.ok, o.message);
            Q_EMIT tested(o.ok);
        });
    };
    if (!typed.isEmpty() || !m_passwordStored || location != m_loadedLocation) {
        DatabaseConfig config;
        DatabaseConfig::parse(DatabaseChoice::withPassword(location, typed), &config, &error);
        run(config);
        return;
    }
    // The password stored for this location, from the keychain.
    DatabaseChoice::complete(location, true, this, [this, run](const DatabaseChoice::Resolved &r) {
        if (!r.warning.isEmpty()) {
            showResult(false, r.warning);
        }
        run(r.config);
    });
}

QString DatabaseSection::testResult() const
{
    return m_result->text();
}

void DatabaseSection::showResult(bool ok, const QString &text)
{
    paint(m_result, ok);
    m_result->setText(text);
}

void DatabaseSection::save(std::function<void(QString)> done)
{
    if (!changed()) {
        QMetaObject::invokeMethod(
            this, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    const QString spec = (m_postgres->isChecked() ? m_url : m_path)->text().trimmed();
    const QString password = m_password->text();
    DatabaseChoice::store(spec, password, password.isEmpty(), this, [this, done](const QString &problem) {
        if (problem.isEmpty()) {
            m_password->clear();
            load();
        } else {
            m_error->setText(problem);
            m_error->show();
        }
        done(problem);
    });
}

} // namespace herald::ui
