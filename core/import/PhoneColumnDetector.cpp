#include "import/PhoneColumnDetector.h"

#include "phone/PhoneCell.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace herald {

namespace {

constexpr int kExcluded = -1;

bool anyOf(const QStringList &tokens, std::initializer_list<QLatin1StringView> words)
{
    for (const QString &t : tokens) {
        for (QLatin1StringView w : words) {
            if (t == w) {
                return true;
            }
        }
    }
    return false;
}

bool anyStartsWith(const QStringList &tokens, std::initializer_list<QLatin1StringView> prefixes)
{
    for (const QString &t : tokens) {
        for (QLatin1StringView p : prefixes) {
            if (t.startsWith(p)) {
                return true;
            }
        }
    }
    return false;
}

bool hasNumberWord(const QStringList &tokens)
{
    return anyOf(tokens, {"no"_L1, "nomor"_L1, "nmr"_L1, "number"_L1, "nr"_L1, "num"_L1, "numero"_L1,
                          "nummer"_L1, "numer"_L1, "numarasi"_L1});
}

bool isPhoneWord(const QStringList &tokens)
{
    return anyOf(tokens,
                 {"tel"_L1, "tele"_L1, "telp"_L1, "tlf"_L1, "tfno"_L1, "fon"_L1, "fone"_L1, "msisdn"_L1}) ||
           anyStartsWith(tokens, {"phone"_L1, "telef"_L1, "telep"_L1}) ||
           std::any_of(tokens.cbegin(), tokens.cend(),
                       [](const QString &t) { return t.endsWith("phone"_L1); });
}

bool isMobileWord(const QStringList &tokens)
{
    if (anyOf(tokens, {"cell"_L1, "cel"_L1, "gsm"_L1, "handphone"_L1, "portable"_L1, "movil"_L1, "sms"_L1}) ||
        anyStartsWith(tokens, {"mobil"_L1, "mobiel"_L1, "handy"_L1, "cellul"_L1, "celul"_L1, "cellphone"_L1,
                               "telemovel"_L1, "komork"_L1})) {
        return true;
    }
    // Indonesian "HP" (handphone) and Turkish "cep" only count beside a number or phone word:
    // alone they are a brand and, in Brazil, the postal code (CEP).
    if (anyOf(tokens, {"hp"_L1}) && (tokens.size() == 1 || hasNumberWord(tokens))) {
        return true;
    }
    return anyOf(tokens, {"cep"_L1}) && (isPhoneWord(tokens) || hasNumberWord(tokens)) &&
           !anyOf(tokens, {"postal"_L1, "codigo"_L1});
}

bool isWhatsAppWord(const QStringList &tokens)
{
    // Joined, because splitting camelCase turns the brand itself into "whats app".
    if (tokens.join(QString()).contains("whatsap"_L1)) {
        return true;
    }
    return anyOf(tokens, {"wa"_L1, "wapp"_L1}) && (hasNumberWord(tokens) || isPhoneWord(tokens));
}

bool isLandlineWord(const QStringList &tokens)
{
    return anyOf(tokens, {"home"_L1,      "business"_L1,     "work"_L1,         "office"_L1,   "company"_L1,
                          "main"_L1,      "other"_L1,        "car"_L1,          "radio"_L1,    "assistant"_L1,
                          "callback"_L1,  "landline"_L1,     "land"_L1,         "festnetz"_L1, "privat"_L1,
                          "private"_L1,   "geschaftlich"_L1, "dienstlich"_L1,   "buro"_L1,     "arbeit"_L1,
                          "fixe"_L1,      "fixo"_L1,         "fijo"_L1,         "fisso"_L1,    "domicile"_L1,
                          "domicilio"_L1, "casa"_L1,         "residencial"_L1,  "trabajo"_L1,  "trabalho"_L1,
                          "lavoro"_L1,    "ufficio"_L1,      "bureau"_L1,       "thuis"_L1,    "werk"_L1,
                          "vast"_L1,      "kantoor"_L1,      "stacjonarny"_L1,  "domowy"_L1,   "praca"_L1,
                          "sluzbowy"_L1,  "ev"_L1,           "is"_L1,           "isyeri"_L1,   "rumah"_L1,
                          "kantor"_L1,    "pro"_L1,          "professionnel"_L1});
}

int nameScore(const QString &normalized)
{
    const QStringList tokens = normalized.split(u' ', Qt::SkipEmptyParts);
    if (tokens.isEmpty()) {
        return 0;
    }
    // Label/type columns name the kind of a number; opt-in and status columns are about it.
    if (anyOf(tokens,
              {"fax"_L1,     "telefax"_L1, "pager"_L1,     "telex"_L1,     "tty"_L1,     "tdd"_L1,
               "isdn"_L1,    "label"_L1,   "type"_L1,      "typ"_L1,       "tipo"_L1,    "etiqueta"_L1,
               "kind"_L1,    "ext"_L1,     "extension"_L1, "durchwahl"_L1, "opt"_L1,     "optin"_L1,
               "consent"_L1, "status"_L1,  "verified"_L1,  "code"_L1,      "country"_L1, "date"_L1})) {
        return kExcluded;
    }
    int score = 0;
    if (isWhatsAppWord(tokens)) {
        score = 100;
    } else if (isMobileWord(tokens)) {
        score = isLandlineWord(tokens) ? 85 : 90;
    } else if (isPhoneWord(tokens)) {
        score = anyOf(tokens, {"primary"_L1}) ? 60 : isLandlineWord(tokens) ? 30 : 70;
    } else if (anyOf(tokens, {"contact"_L1, "kontakt"_L1, "contacto"_L1, "contato"_L1}) &&
               hasNumberWord(tokens)) {
        score = 50;
    } else {
        return 0;
    }
    // "Phone 2", "Home Phone 2": the first of several numbered columns is the main one.
    for (const QString &t : tokens) {
        bool ok = false;
        const int n = t.toInt(&ok);
        if (ok) {
            score -= std::clamp(n, 0, 9);
            break;
        }
    }
    return score;
}

// Google Contacts: "Phone 1 - Value" beside "Phone 1 - Label" (current) or "Phone 1 - Type"
// (legacy). Returns N, or 0 when the name is not of that shape.
int googlePhoneIndex(const QString &normalized, QLatin1StringView suffix)
{
    static const QRegularExpression re(u"^phone (\\d+) (\\w+)$"_s);
    const QRegularExpressionMatch m = re.match(normalized);
    return m.hasMatch() && m.capturedView(2) == suffix ? m.capturedView(1).toInt() : 0;
}

QString columnLabel(const QStringList &header, qsizetype column)
{
    const QString name = header.value(column);
    return name.isEmpty() ? PhoneColumnDetector::tr("column %1").arg(column + 1)
                          : PhoneColumnDetector::tr("column %1 “%2”").arg(QString::number(column + 1), name);
}

} // namespace

QString PhoneColumnDetector::normalizeName(QStringView name)
{
    QString spaced;
    spaced.reserve(name.size() + 8);
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (i > 0 && name[i].isUpper() && name[i - 1].isLower()) {
            spaced.append(u' ');
        }
        spaced.append(name[i]);
    }
    const QString decomposed = spaced.toCaseFolded().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing) {
            continue;
        }
        // Letters with a stroke or without a dot do not decompose.
        switch (c.unicode()) {
        case u'ł':
            c = u'l';
            break;
        case u'ı':
            c = u'i';
            break;
        case u'ø':
            c = u'o';
            break;
        case u'đ':
            c = u'd';
            break;
        default:
            break;
        }
        if (c.isLetterOrNumber()) {
            out.append(c);
        } else if (!out.isEmpty() && !out.endsWith(u' ')) {
            out.append(u' ');
        }
    }
    out.replace(u"ß"_s, u"ss"_s);
    return out.trimmed();
}

int PhoneColumnDetector::headerScore(QStringView name)
{
    return std::max(0, nameScore(normalizeName(name)));
}

bool PhoneColumnDetector::looksLikePhoneNumber(QStringView value)
{
    QStringView s = value.trimmed();
    if (s.startsWith(u"tel:", Qt::CaseInsensitive)) {
        s = s.sliced(4).trimmed();
    }
    qsizetype digits = 0;
    qsizetype dots = 0;
    qsizetype others = 0;
    bool plus = false;
    for (QChar c : s) {
        if (c >= u'0' && c <= u'9') {
            ++digits;
        } else if (c == u'+' && digits == 0 && !plus) {
            plus = true;
        } else if (c == u'.') {
            ++dots;
        } else if (c == u' ' || c == u'-' || c == u'(' || c == u')' || c == u'/' || c == QChar(0x00A0) ||
                   c == QChar(0x2011) || c == QChar(0x2013)) {
            ++others;
        } else {
            return false;
        }
    }
    const qsizetype maxDigits = (!plus && s.startsWith(u"00")) ? 17 : 15;
    if (digits < 7 || digits > maxDigits) {
        return false;
    }
    // A decimal number (one dot, nothing else) and dates are not phone numbers.
    if (!plus && dots == 1 && others == 0) {
        return false;
    }
    static const QRegularExpression date(
        u"^(\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4})$"_s);
    return plus || !date.match(s.toString()).hasMatch();
}

QStringList PhoneColumnDetector::splitCandidates(QStringView cell)
{
    return PhoneCell::splitByShape(cell, &looksLikePhoneNumber);
}

std::optional<qsizetype> PhoneColumnDetector::resolveColumn(QStringView choice, const QStringList &header,
                                                            qsizetype columnCount, QString *error)
{
    const QStringView wanted = choice.trimmed();
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (QStringView(header[i]).trimmed().compare(wanted, Qt::CaseInsensitive) == 0) {
            return i;
        }
    }
    const QString normalized = normalizeName(wanted);
    for (qsizetype i = 0; i < header.size(); ++i) {
        if (!normalized.isEmpty() && normalizeName(header[i]) == normalized) {
            return i;
        }
    }
    bool numeric = false;
    const qsizetype index = wanted.toLongLong(&numeric);
    if (numeric && index >= 1 && index <= columnCount) {
        return index - 1;
    }
    if (error) {
        if (numeric) {
            *error = tr("there is no column %1: the file has %2 columns").arg(index).arg(columnCount);
        } else if (header.isEmpty()) {
            *error = tr("there is no column named “%1”: the file has no header row, so choose the column "
                        "by its number (1 to %2)")
                         .arg(wanted.toString(), QString::number(columnCount));
        } else {
            QStringList quoted;
            for (const QString &h : header) {
                quoted.append(u"“"_s + h + u"”"_s);
            }
            *error = tr("there is no column named “%1”; the columns are %2")
                         .arg(wanted.toString(), quoted.join(u", "_s));
        }
    }
    return std::nullopt;
}

PhoneColumnChoice PhoneColumnDetector::detect(const QStringList &header, const QList<QStringList> &samples,
                                              const QString &explicitChoice, QString *error)
{
    qsizetype columns = header.size();
    for (const QStringList &row : samples) {
        columns = std::max(columns, row.size());
    }
    std::vector<qsizetype> sampled(size_t(columns), 0);
    std::vector<qsizetype> phoneLike(size_t(columns), 0);
    std::vector<qsizetype> plusSigns(size_t(columns), 0);
    for (const QStringList &row : samples) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (row[c].trimmed().isEmpty()) {
                continue;
            }
            ++sampled[size_t(c)];
            const QStringList candidates = splitCandidates(row[c]);
            if (std::any_of(candidates.cbegin(), candidates.cend(),
                            [](const QString &v) { return looksLikePhoneNumber(v); })) {
                ++phoneLike[size_t(c)];
                plusSigns[size_t(c)] += row[c].trimmed().startsWith(u'+');
            }
        }
    }
    auto finish = [&](qsizetype column, PhoneColumnChoice::Method method, int score) {
        PhoneColumnChoice r;
        r.column = column;
        r.method = method;
        r.nameScore = score;
        r.headerName = header.value(column);
        r.sampled = sampled[size_t(column)];
        r.phoneLike = phoneLike[size_t(column)];
        const QString normalized = normalizeName(r.headerName);
        for (qsizetype c = 0; c < header.size(); ++c) {
            const QString other = normalizeName(header[c]);
            for (QLatin1StringView suffix : {"label"_L1, "type"_L1}) {
                const int n = googlePhoneIndex(other, suffix);
                if (n > 0 && n == googlePhoneIndex(normalized, "value"_L1)) {
                    r.labelColumn = c;
                }
            }
        }
        const QString where = columnLabel(header, column);
        switch (method) {
        case PhoneColumnChoice::Method::Explicit:
            r.explanation = tr("%1, as chosen").arg(where);
            break;
        case PhoneColumnChoice::Method::HeaderName:
            r.explanation = tr("%1, recognised by its name").arg(where);
            break;
        case PhoneColumnChoice::Method::Content:
            r.explanation = tr("%1, where %2 of %3 sampled values look like phone numbers")
                                .arg(where, QString::number(r.phoneLike), QString::number(r.sampled));
            break;
        case PhoneColumnChoice::Method::None:
            break;
        }
        return r;
    };

    if (!explicitChoice.trimmed().isEmpty()) {
        const std::optional<qsizetype> c = resolveColumn(explicitChoice, header, columns, error);
        return c ? finish(*c, PhoneColumnChoice::Method::Explicit, headerScore(header.value(*c)))
                 : PhoneColumnChoice{};
    }

    // Score every named column; a Google "Phone N - Value" column whose label column mostly
    // says Mobile is promoted to the mobile tier.
    std::vector<int> scores(size_t(columns), 0);
    for (qsizetype c = 0; c < header.size(); ++c) {
        const QString normalized = normalizeName(header[c]);
        scores[size_t(c)] = nameScore(normalized);
        const int n = googlePhoneIndex(normalized, "value"_L1);
        if (n <= 0) {
            continue;
        }
        for (qsizetype l = 0; l < header.size(); ++l) {
            const QString label = normalizeName(header[l]);
            if (googlePhoneIndex(label, "label"_L1) != n && googlePhoneIndex(label, "type"_L1) != n) {
                continue;
            }
            qsizetype filled = 0;
            qsizetype mobile = 0;
            for (const QStringList &row : samples) {
                const QStringList tokens = normalizeName(row.value(l)).split(u' ', Qt::SkipEmptyParts);
                filled += !tokens.isEmpty();
                mobile += !tokens.isEmpty() && (isMobileWord(tokens) || isWhatsAppWord(tokens));
            }
            if (filled > 0 && mobile * 2 >= filled) {
                scores[size_t(c)] = 90 - std::clamp(n, 0, 9);
            }
        }
    }
    // A mobile column that is empty in every sampled row loses to a landline column that has
    // numbers: importing nothing is never what the user meant.
    bool anyNamedWithNumbers = false;
    for (size_t c = 0; c < scores.size(); ++c) {
        anyNamedWithNumbers = anyNamedWithNumbers || (scores[c] > 0 && phoneLike[c] > 0);
    }
    qsizetype best = -1;
    for (qsizetype c = 0; c < columns; ++c) {
        const int s = scores[size_t(c)];
        if (s <= 0 || (anyNamedWithNumbers && phoneLike[size_t(c)] == 0)) {
            continue;
        }
        if (best < 0 || s > scores[size_t(best)]) {
            best = c;
        }
    }
    if (best >= 0) {
        return finish(best, PhoneColumnChoice::Method::HeaderName, scores[size_t(best)]);
    }

    for (qsizetype c = 0; c < columns; ++c) {
        const size_t i = size_t(c);
        if (scores[i] == kExcluded || phoneLike[i] == 0 || phoneLike[i] * 2 < sampled[i]) {
            continue;
        }
        if (best < 0 || phoneLike[i] > phoneLike[size_t(best)] ||
            (phoneLike[i] == phoneLike[size_t(best)] && plusSigns[i] > plusSigns[size_t(best)])) {
            best = c;
        }
    }
    if (best >= 0) {
        return finish(best, PhoneColumnChoice::Method::Content, 0);
    }
    if (error) {
        *error =
            tr("no column looks like it holds phone numbers; choose the phone column by its name or number");
    }
    return {};
}

} // namespace herald
