#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace herald {

struct PhoneColumnChoice
{
    enum class Method { None, Explicit, HeaderName, Content };

    qsizetype column = -1; // 0-based; -1 when nothing qualifies
    Method method = Method::None;
    QString headerName;         // as written in the file; empty without a header
    int nameScore = 0;          // HeaderName: see PhoneColumnDetector::headerScore()
    qsizetype labelColumn = -1; // Google Contacts: the "Phone N - Label/Type" column beside it
    qsizetype sampled = 0;      // non-empty sampled values in the column
    qsizetype phoneLike = 0;    // of those, how many hold something that looks like a phone number
    QString explanation;        // for the user: which column and why

    bool isValid() const { return column >= 0; }
};

// Finds the column holding the phone numbers of a contact export. By header name first,
// in the languages of Herald's users and the layouts of Google Contacts, Outlook, HubSpot
// and Mailchimp, preferring WhatsApp and mobile columns over landlines; failing that, by
// content. An explicit choice (name or 1-based index) overrides both.
class PhoneColumnDetector
{
    Q_DECLARE_TR_FUNCTIONS(PhoneColumnDetector)

public:
    // `samples`: the first data rows (a few hundred is plenty). When `explicitChoice` is
    // given and names no column, the result is invalid and `error` says why.
    static PhoneColumnChoice detect(const QStringList &header, const QList<QStringList> &samples,
                                    const QString &explicitChoice = {}, QString *error = nullptr);

    // A column by name (case- and accent-insensitive) or by 1-based number.
    static std::optional<qsizetype> resolveColumn(QStringView choice, const QStringList &header,
                                                  qsizetype columnCount, QString *error = nullptr);

    // How much a header name says "phone": 100 WhatsApp, 90 mobile, 70 phone, 60 primary
    // phone, 30 landline (home, business, ...), minus the column's number ("Phone 2");
    // 0 for names that are not phone columns, including fax, pager and type/label columns.
    static int headerScore(QStringView name);

    // Lowercased, accents and punctuation removed, camelCase split: "Téléphone_Portable" and
    // "telephonePortable" both become "telephone portable".
    static QString normalizeName(QStringView name);

    // Shape only (7 to 15 digits with the usual separators, optional + or 00); whether the
    // number is valid for its country is the phone module's business.
    static bool looksLikePhoneNumber(QStringView value);

    // For content detection only: the pieces of a cell that may each be a phone number, by
    // shape (looksLikePhoneNumber), in order, without duplicates. PhoneCell::splitByShape():
    // the same cuts as PhoneCell::read(), whole first — Google's " ::: " always separates; a
    // cell (or piece) that looks like one number as a whole stays whole ("030 / 123456",
    // "0049 171/23456789"); otherwise it is cut at line breaks, ";" and "," and then "/" only
    // when every part looks like a number. These are candidates, not the cell's numbers: which
    // numbers a cell holds needs validation in a region, and only PhoneCell::read() says.
    static QStringList splitCandidates(QStringView cell);
};

} // namespace herald
