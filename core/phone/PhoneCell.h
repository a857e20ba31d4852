#pragma once

#include "phone/PhoneNormalizer.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace herald {

struct PhoneCellNumbers
{
    // The cell's numbers in the order written, without duplicates (by E.164). Each is valid:
    // ok, or, with Options::mobileOnly, rejected as NotMobile (its e164 is filled then).
    QList<PhoneNumberResult> numbers;
    // When `numbers` is empty: why the cell holds no number. Its reason and message are those
    // of the whole cell (of the first Google piece for a cell joined with " ::: "), never of a
    // fragment cut from it. Default (reason None) when there are numbers.
    PhoneNumberResult rejection;

    // The number a contact is messaged on: the first valid one that can be mobile, else the
    // first valid one (a landline-only contact is still imported; mobileOnly rejects it, its
    // numbers being NotMobile), else the first number or the rejection, which say why not.
    const PhoneNumberResult &chosen() const;
};

// Which phone numbers a spreadsheet cell holds: the one place that decides when a cell is cut
// into several numbers. ContactImporter and OptOutStore read cells through it, and
// PhoneColumnDetector's shape-only splitting (splitByShape) follows the same cuts.
//
// The rule, whole first:
// 1. Google Contacts joins the numbers of a contact with " ::: ": that always separates
//    numbers, and each piece is then read as a cell of its own by the rules below.
// 2. A cell that normalizes as a whole to a valid number is that one number, however it is
//    written: "0049 171/23456789" is +4917123456789, the slash being the German/Austrian way
//    of writing the area code apart. This costs exactly one PhoneNormalizer::normalize(), the
//    common path of every import.
// 3. Only a cell that is not a valid number as a whole is cut: at line breaks, ';' and ','
//    first; a part that is not a complete number is cut further at '/'. The cut is taken only
//    when EVERY part is a complete number (isComplete()); otherwise nothing is taken from the
//    cell, and it is rejected with the whole cell's reason. So a number is never made from a
//    fragment of another: "0049 999/23456789" is rejected as invalid, not read as the German
//    number 23456789. Empty parts (a trailing ';') are skipped.
class PhoneCell
{
public:
    // The numbers of `cell`, normalized with `normalizer` (its default region reads national
    // numbers and is the region isComplete() takes the dialling prefixes from).
    static PhoneCellNumbers read(QStringView cell, const PhoneNormalizer &normalizer);

    // Whether `part`, which normalized to the valid `number`, is a complete number on its
    // own rather than a fragment that happens to be valid: every digit written must be
    // accounted for by one of the ways libphonenumber writes the number, with nothing before
    // it but the prefixes of a dialling plan. Written with "+" (or "tel:+"), the digits are
    // the country code then the national significant number, optionally with the trunk
    // prefix between them ("+49 (0)30 …"); with "00", the same after 00; otherwise they are
    // those of libphonenumber's NATIONAL format, optionally preceded by the region's trunk
    // prefix (US "1 650 253 0000"), or of the number as dialled from `defaultRegion`
    // (its own international prefix, as US "011 49 30 1234567"). "23456789" in region DE is
    // valid (+4923456789) but not complete: written nationally, a German number starts with
    // its trunk prefix 0. Non-digits (separators, "(0)"'s parentheses) do not matter.
    static bool isComplete(QStringView part, const PhoneNumberResult &number, QStringView defaultRegion);

    // True when `result` is a valid number: ok, or valid but rejected as NotMobile.
    static bool isValidNumber(const PhoneNumberResult &result)
    {
        return result.ok || result.reason == PhoneRejectReason::NotMobile;
    }

    // The same cuts as read(), judged by shape alone: for finding the phone column of a file
    // before any region is known. A Google piece or a whole cell that `looksLikeNumber`
    // accepts is one candidate; otherwise it is cut as in rule 3 when every part looks like a
    // number, and kept whole when not. Candidates are trimmed, in order, without duplicates;
    // they are not the cell's numbers (only read() can tell those).
    using ShapeTest = bool (*)(QStringView);
    static QStringList splitByShape(QStringView cell, ShapeTest looksLikeNumber);
};

} // namespace herald
