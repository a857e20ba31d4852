// A spreadsheet cell read as phone numbers: the " ::: ", ';', ',', line-break and '/' cuts,
// libphonenumber's normalisation in several default regions, and the shape-only split the
// phone-column detector uses.
#include "FuzzInput.h"
#include "import/PhoneColumnDetector.h"
#include "phone/PhoneCell.h"
#include "phone/PhoneNormalizer.h"

#include <QString>

#include <array>
#include <cstdlib>

using namespace herald;

namespace {

const PhoneNormalizer &normalizer(uint8_t choice)
{
    // Built once: libphonenumber's metadata load is the expensive part and is not under test.
    static const std::array<PhoneNormalizer, 8> normalizers = [] {
        const char16_t *regions[] = {u"DE", u"US", u"GB", u"FR", u"IN", u"BR", u"AT", u""};
        std::array<PhoneNormalizer, 8> out;
        for (size_t i = 0; i < out.size(); ++i) {
            PhoneNormalizer::Options o;
            o.defaultRegion = QString::fromUtf16(regions[i]);
            o.mobileOnly = i % 3 == 1;
            out[i] = PhoneNormalizer(o);
        }
        return out;
    }();
    return normalizers[choice % normalizers.size()];
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const uint8_t region = in.byte();
    const QString cell = QString::fromUtf8(in.rest());
    const PhoneNormalizer &n = normalizer(region);

    const PhoneNumberResult single = n.normalize(cell);
    if (single.ok && (single.e164.isEmpty() || !single.e164.startsWith(u'+')))
        std::abort();
    if (!single.ok && single.reason == PhoneRejectReason::None)
        std::abort(); // a refusal always has a reason

    const PhoneCellNumbers numbers = PhoneCell::read(cell, n);
    for (const PhoneNumberResult &r : numbers.numbers) {
        if (!PhoneCell::isValidNumber(r))
            std::abort();
    }
    if (numbers.numbers.isEmpty() && numbers.rejection.reason == PhoneRejectReason::None)
        std::abort();
    (void)numbers.chosen();

    const QStringList shapes = PhoneCell::splitByShape(cell, &PhoneColumnDetector::looksLikePhoneNumber);
    for (const QString &s : shapes) {
        if (s.size() > cell.size())
            std::abort();
    }
    (void)PhoneNormalizer::checkRegionCode(cell);
    return 0;
}
