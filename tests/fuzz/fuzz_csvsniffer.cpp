// The layout guesses on decoded text: binary checks, Excel's "sep=" line, the delimiter vote,
// the header guess and the sampled rows (which feed the phone-column detector).
#include "FuzzInput.h"
#include "import/CsvSniffer.h"

#include <QString>

#include <cstdlib>

using namespace herald;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const uint8_t mode = in.byte();
    const uint8_t limits = in.byte();
    const QString text = QString::fromUtf8(in.rest());
    const qsizetype maxField = 4 + (limits & 0x0f) * 8;
    const qsizetype maxRecord = maxField * (1 + (limits >> 4));
    const CsvSniffer sniffer(text, (mode & 1) != 0, maxField, maxRecord);

    const qsizetype nul = sniffer.firstNul();
    if (nul >= text.size())
        std::abort();
    if (nul >= 0)
        (void)CsvSniffer::lineAt(text, nul);
    (void)sniffer.mostlyControlCharacters();
    (void)sniffer.isBlank();
    qsizetype body = 0;
    const std::optional<QChar> excel = sniffer.excelSeparator(&body);
    if (body < 0 || body > text.size())
        std::abort();
    const int records = 1 + (mode >> 1) % 50;
    const QChar delimiter = excel ? *excel : sniffer.detectDelimiter(body, records);
    (void)CsvSniffer::delimiterDescription(delimiter);
    (void)sniffer.firstRowLooksLikeHeader(body, delimiter);
    const QList<QStringList> rows = sniffer.sampleRows(body, delimiter, records);
    if (rows.size() > records)
        std::abort();
    for (const QStringList &row : rows) {
        for (const QString &field : row)
            (void)CsvSniffer::looksLikeData(field);
    }
    (void)CsvSniffer::lineAt(text, text.size());
    return 0;
}
