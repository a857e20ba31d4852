#include "settings/TokenSection.h"

#include "sending/Credentials.h"
#include "widgets/MessageTone.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace herald::ui {

TokenSection::TokenSection(Credentials *credentials, QWidget *parent)
    : QGroupBox(tr("Access token"), parent)
    , m_credentials(credentials)
    , m_status(new QLabel(this))
    , m_field(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_keep(new QPushButton(tr("Keep for this session only"), this))
    , m_remove(new QPushButton(tr("Remove stored token"), this))
{
    setObjectName(u"tokenSection"_s);
    m_status->setObjectName(u"tokenStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_field->setObjectName(u"tokenField"_s);
    m_field->setAccessibleName(tr("New token"));
    m_field->setEchoMode(QLineEdit::Password);
    m_field->setClearButtonEnabled(true);
    m_field->setPlaceholderText(tr("Paste the token from Meta's developer portal"));
    m_field->setToolTip(tr("Kept in the operating system's keychain, never in a settings file, the "
                           "database or a log."));
    m_error->setObjectName(u"tokenError"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    QPalette red = m_error->palette();
    red.setColor(QPalette::WindowText, toneColor(MessageTone::Error));
    m_error->setPalette(red);
    m_error->hide();
    m_keep->setObjectName(u"tokenKeepForSession"_s);
    m_keep->setToolTip(tr("Herald uses the token until it is closed and forgets it then."));
    m_keep->hide();
    m_remove->setObjectName(u"tokenRemove"_s);

    auto *layout = new QFormLayout(this);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addRow(tr("Now:"), m_status);
    auto *entry = new QWidget(this);
    auto *entryLayout = new QVBoxLayout(entry);
    entryLayout->setContentsMargins(0, 0, 0, 0);
    entryLayout->setSpacing(2);
    entryLayout->addWidget(m_field);
    entryLayout->addWidget(m_error);
    layout->addRow(tr("New token:"), entry);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_keep);
    buttons->addStretch();
    buttons->addWidget(m_remove);
    layout->addRow(buttons);

    connect(m_field, &QLineEdit::textChanged, this, [this] {
        m_error->hide();
        m_keep->hide();
        Q_EMIT edited();
    });
    connect(m_keep, &QPushButton::clicked, this, &TokenSection::keepForSession);
    connect(m_remove, &QPushButton::clicked, this, &TokenSection::forget);
    if (!m_credentials) {
        setEnabled(false);
        m_status->setText(tr("This window has no access to credentials."));
        return;
    }
    refresh();
}

void TokenSection::refresh()
{
    if (!m_credentials) {
        return;
    }
    m_status->setText(tr("Looking in the keychain…"));
    // The credentials outlive this dialog: every answer checks the section is still there.
    QPointer<TokenSection> self(this);
    m_credentials->lookup([self, this](const Credentials::Lookup &l) {
        if (!self) {
            return;
        }
        QString text;
        switch (l.source) {
        case Credentials::Source::Environment:
            text = tr("From the environment variable %1, which wins over the keychain.")
                       .arg(QLatin1StringView(Credentials::EnvironmentVariable));
            break;
        case Credentials::Source::Session:
            text = tr("Kept in memory for this session only; Herald forgets it when it closes.");
            break;
        case Credentials::Source::Keychain:
            text = tr("Stored in the operating system's keychain.");
            break;
        case Credentials::Source::None:
            text = l.keychainFailed ? tr("%1 A token entered here can be kept in memory for this session "
                                         "only.")
                                          .arg(l.keychainProblem)
                                    : tr("None is stored yet.");
            break;
        }
        m_status->setText(text);
        m_remove->setEnabled(l.source == Credentials::Source::Keychain ||
                             l.source == Credentials::Source::Session);
        m_field->setPlaceholderText(l.source == Credentials::Source::None
                                        ? tr("Paste the token from Meta's developer portal")
                                        : tr("Paste a new token to replace the current one"));
    });
}

bool TokenSection::hasNewToken() const
{
    return !m_field->text().trimmed().isEmpty();
}

void TokenSection::save(std::function<void(bool)> done)
{
    if (!m_credentials || !hasNewToken()) {
        QMetaObject::invokeMethod(
            this, [done] { done(true); }, Qt::QueuedConnection);
        return;
    }
    QPointer<TokenSection> self(this);
    m_credentials->storeToken(m_field->text(), [self, this, done](const QString &problem) {
        if (!self) {
            return;
        }
        if (!problem.isEmpty()) {
            showError(tr("%1\nHerald never writes the token to a file. You can keep it in memory for this "
                         "session only.")
                          .arg(problem),
                      true);
            done(false);
            return;
        }
        m_field->clear();
        refresh();
        done(true);
    });
}

void TokenSection::keepForSession()
{
    if (!m_credentials || !hasNewToken()) {
        return;
    }
    m_credentials->setSessionToken(m_field->text());
    m_field->clear();
    refresh();
}

void TokenSection::forget()
{
    if (!m_credentials) {
        return;
    }
    QPointer<TokenSection> self(this);
    m_credentials->forgetToken([self, this](const QString &problem) {
        if (!self) {
            return;
        }
        if (!problem.isEmpty()) {
            showError(problem, false);
        }
        refresh();
    });
}

QString TokenSection::statusText() const
{
    return m_status->text();
}

QString TokenSection::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool TokenSection::offersSessionOnly() const
{
    return !m_keep->isHidden();
}

void TokenSection::showError(const QString &text, bool offerSessionOnly)
{
    m_error->setText(text);
    m_error->show();
    m_keep->setVisible(offerSessionOnly);
}

} // namespace herald::ui
