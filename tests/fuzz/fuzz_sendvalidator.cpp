// The simulator's check of a POST …/messages body: what any client (Herald or another)
// sends it over HTTP.
#include "FuzzInput.h"
#include "simulator/SendValidator.h"

#include <cstdlib>

using namespace herald;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const SendValidator::Result r = SendValidator::check(body);
    if (!r.error && r.to.isEmpty())
        std::abort(); // a request judged well formed names its recipient
    if (!r.recipientKey.isEmpty() && r.to.isEmpty())
        std::abort();
    return 0;
}
