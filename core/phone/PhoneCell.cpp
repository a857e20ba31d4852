#include "phone/PhoneCell.h"

#include <QVarLengthArray>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <string>

namespace herald {

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

const PhoneNumberUtil &util()
{
    return *PhoneNumberUtil::GetInstance();
}

using Parts = QVarLengthArray<QStringView, 4>;

// The separators a cell is cut at, coarsest first: line breaks, ';' and ',' (never inside a
// number PhoneNormalizer reads), then '/' (also written between area code and number).
constexpr int kLevels = 2;

bool isSeparatorOf(int level, QChar c)
{
    if (level == 0) {
        return c == u'\n' || c == u'\r' || c == u';' || c == u',';
    }
    return c == u'/' || c == u'\uFF0F'; // the full-width solidus, which PhoneNormalizer also accepts
}

bool hasAnySeparator(QStringView cell)
{
    for (QChar c : cell) {
        if (c == u':' || isSeparatorOf(0, c) || isSeparatorOf(1, c)) {
            return true;
        }
    }
    return false;
}

// `text` cut at the separators of `level`: the trimmed, non-empty parts. `cut` tells whether
// there was a separator of that level at all.
Parts cutAt(QStringView text, int level, bool *cut)
{
    Parts parts;
    *cut = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && !isSeparatorOf(level, text[i])) {
            continue;
        }
        *cut = *cut || i < text.size();
        if (const QStringView part = text.sliced(start, i - start).trimmed(); !part.isEmpty()) {
            parts.append(part);
        }
        start = i + 1;
    }
    return parts;
}

constexpr QStringView kGoogleSeparator = u":::";

// Google Contacts' " ::: ": the trimmed, non-empty pieces; the trimmed cell when it has none.
Parts googlePieces(QStringView cell)
{
    Parts pieces;
    qsizetype start = 0;
    for (;;) {
        const qsizetype at = cell.indexOf(kGoogleSeparator, start);
        const QStringView piece = cell.sliced(start, (at < 0 ? cell.size() : at) - start).trimmed();
        if (!piece.isEmpty()) {
            pieces.append(piece);
        }
        if (at < 0) {
            return pieces;
        }
        start = at + 3;
    }
}

// Rule 3: cuts `text` at the separators of `level` and hands every part to `accept`, which
// takes it when it is a number on its own; a part it refuses is cut at the next level. True
// when every part was taken. Without a separator of `level`, `text` goes to the next level
// whole. What `accept` took before a refusal is the caller's to drop.
template <typename Accept>
bool cutIntoNumbers(QStringView text, int level, const Accept &accept)
{
    if (level >= kLevels) {
        return false;
    }
    bool cut = false;
    const Parts parts = cutAt(text, level, &cut);
    if (!cut) {
        return cutIntoNumbers(text, level + 1, accept);
    }
    if (parts.isEmpty()) {
        return false;
    }
    for (QStringView part : parts) {
        if (!accept(part) && !cutIntoNumbers(part, level + 1, accept)) {
            return false;
        }
    }
    return true;
}

void addNumber(QList<PhoneNumberResult> &numbers, PhoneNumberResult number)
{
    for (const PhoneNumberResult &n : std::as_const(numbers)) {
        if (n.e164 == number.e164) {
            return;
        }
    }
    numbers.append(std::move(number));
}

void addCandidate(QStringList &candidates, QStringView piece)
{
    if (!candidates.contains(piece)) {
        candidates.append(piece.toString());
    }
}

// The digits of `text` as ASCII, other scripts' digits included (PhoneNormalizer reads them).
std::string digitsOf(QStringView text)
{
    std::string out;
    out.reserve(size_t(text.size()));
    for (QChar c : text) {
        if (c >= u'0' && c <= u'9') {
            out.push_back(char(c.unicode()));
        } else if (c.isDigit()) {
            out.push_back(char('0' + c.digitValue()));
        }
    }
    return out;
}

std::string digitsOf(const std::string &text)
{
    std::string out;
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            out.push_back(c);
        }
    }
    return out;
}

// Whether the first digit or plus sign of `text` is a plus sign.
bool writtenWithPlus(QStringView text)
{
    for (QChar c : text) {
        if (c == u'+' || c == u'\uFF0B') {
            return true;
        }
        if (c.isDigit()) {
            return false;
        }
    }
    return false;
}

} // namespace

bool PhoneCell::isComplete(QStringView part, const PhoneNumberResult &number, QStringView defaultRegion)
{
    if (!isValidNumber(number) || number.e164.isEmpty()) {
        return false;
    }
    PhoneNumber n;
    if (util().Parse(number.e164.toStdString(), "ZZ", &n) != PhoneNumberUtil::NO_PARSING_ERROR) {
        return false;
    }
    const std::string written = digitsOf(part);
    const std::string cc = std::to_string(n.country_code());
    std::string nsn;
    util().GetNationalSignificantNumber(n, &nsn);
    std::string region;
    util().GetRegionCodeForNumber(n, &region);
    std::string trunk; // the national (trunk) prefix: "0" in DE, "1" in US, "06" in HU, "" in ES
    util().GetNddPrefixForRegion(region, true, &trunk);

    // International: the country code, the national significant number, and nothing else but
    // the prefix (+ is no digit; 00) and a trunk prefix written in between, "+49 (0)30 …".
    auto international = [&](const std::string &prefix) {
        return written == prefix + cc + nsn || (!trunk.empty() && written == prefix + cc + trunk + nsn);
    };
    if (writtenWithPlus(part)) {
        return international(std::string());
    }
    if (international(std::string("00"))) {
        return true;
    }
    // National: as libphonenumber writes it in its region, trunk prefix included where the
    // region writes one ("030 123456"), optionally preceded by it where it does not (NANPA's
    // "1 201 555 0123").
    std::string formatted;
    util().Format(n, PhoneNumberUtil::NATIONAL, &formatted);
    const std::string national = digitsOf(formatted);
    if (written == national || (!trunk.empty() && written == trunk + national)) {
        return true;
    }
    // Dialled from the default region with its own international prefix (US 011, AU 0011).
    const std::string from = defaultRegion.toString().toUpper().toStdString();
    if (!from.empty() && util().GetCountryCodeForRegion(from) != 0) {
        formatted.clear();
        util().FormatOutOfCountryCallingNumber(n, from, &formatted);
        return written == digitsOf(formatted);
    }
    return false;
}

PhoneCellNumbers PhoneCell::read(QStringView cell, const PhoneNormalizer &normalizer)
{
    PhoneCellNumbers out;
    PhoneNumberResult whole = normalizer.normalize(cell);
    if (isValidNumber(whole)) {
        out.numbers.append(std::move(whole));
        return out;
    }
    if (!hasAnySeparator(cell)) {
        out.rejection = std::move(whole);
        return out;
    }

    const QString &region = normalizer.options().defaultRegion;
    auto accept = [&](QStringView part) {
        PhoneNumberResult r = normalizer.normalize(part);
        if (!isValidNumber(r) || !isComplete(part, r, region)) {
            return false;
        }
        addNumber(out.numbers, std::move(r));
        return true;
    };
    // Rules 2 and 3 for a cell or a Google piece whose normalization as a whole is `result`.
    auto readPiece = [&](QStringView piece, PhoneNumberResult &result) {
        if (isValidNumber(result)) {
            addNumber(out.numbers, std::move(result));
            return true;
        }
        const qsizetype mark = out.numbers.size();
        if (cutIntoNumbers(piece, 0, accept)) {
            return true;
        }
        out.numbers.resize(mark);
        return false;
    };

    if (cell.contains(kGoogleSeparator)) {
        bool rejected = false;
        for (QStringView piece : googlePieces(cell)) {
            PhoneNumberResult r = normalizer.normalize(piece);
            if (!readPiece(piece, r) && !rejected) {
                out.rejection = std::move(r);
                rejected = true;
            }
        }
        if (!rejected) {
            out.rejection = std::move(whole); // nothing but separators: the whole cell says why
        }
    } else if (!readPiece(cell, whole)) {
        out.rejection = std::move(whole);
    }
    if (!out.numbers.isEmpty()) {
        out.rejection = PhoneNumberResult();
    }
    return out;
}

QStringList PhoneCell::splitByShape(QStringView cell, ShapeTest looksLikeNumber)
{
    QStringList out;
    auto accept = [&](QStringView part) {
        if (!looksLikeNumber(part)) {
            return false;
        }
        addCandidate(out, part);
        return true;
    };
    for (QStringView piece : googlePieces(cell)) {
        if (looksLikeNumber(piece)) {
            addCandidate(out, piece);
            continue;
        }
        const qsizetype mark = out.size();
        if (!cutIntoNumbers(piece, 0, accept)) {
            out.resize(mark);
            addCandidate(out, piece);
        }
    }
    return out;
}

const PhoneNumberResult &PhoneCellNumbers::chosen() const
{
    const PhoneNumberResult *firstValid = nullptr;
    for (const PhoneNumberResult &r : numbers) {
        if (!r.ok) {
            continue;
        }
        if (PhoneNormalizer::canBeMobile(r.type)) {
            return r;
        }
        if (!firstValid) {
            firstValid = &r;
        }
    }
    if (firstValid) {
        return *firstValid;
    }
    return numbers.isEmpty() ? rejection : numbers.first();
}

} // namespace herald
