// The streaming CSV reader over arbitrary bytes: encoding detection, the sniffer's guesses,
// chunked decoding and scanning, the field/row limits and rejects. Option bytes pick the
// chunk size (so records straddle chunk boundaries), the limits and forced options.
#include "FuzzInput.h"
#include "import/CsvReader.h"

#include <QBuffer>

#include <cstdlib>

using namespace herald;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const uint8_t mode = in.byte();
    const uint8_t chunk = in.byte();
    const uint8_t limits = in.byte();

    CsvReaderOptions options;
    options.chunkSize = 1 + chunk % 64;
    // Small limits so the fuzzer reaches them with small inputs; the sizes stay in the
    // relation the defaults have (a row holds several fields).
    options.maxFieldLength = 4 + (limits & 0x0f) * 8;
    options.maxRecordLength = options.maxFieldLength * (1 + (limits >> 4));
    options.sniffBytes = 16 + (mode & 0x3) * 64;
    options.delimiterSniffBytes = 16 + ((mode >> 2) & 0x3) * 32;
    if (mode & 0x10) {
        static const char16_t delimiters[] = {u',', u';', u'\t', u'|'};
        options.delimiter = QChar(delimiters[(mode >> 5) & 0x3]);
    }
    if (mode & 0x80) {
        options.hasHeader = (chunk & 0x80) != 0;
    }
    if ((chunk & 0x40) != 0) {
        options.encoding = TextEncoding(limits & 0x3);
    }

    QByteArray bytes = in.rest();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(options);
    if (!reader.open(&buffer, QStringLiteral("fuzz.csv"))) {
        if (reader.error().message.isEmpty())
            std::abort(); // every refusal says why
        return 0;
    }
    (void)reader.detection().summary();
    CsvRecord record;
    CsvReject reject;
    for (;;) {
        const CsvReader::Status st = reader.next(record, reject);
        if (st == CsvReader::Status::Record) {
            if (record.size() != reader.columnCount())
                std::abort(); // a delivered record always has the header's width
            for (qsizetype i = 0; i < record.size(); ++i) {
                if (record.field(i).size() > options.maxFieldLength)
                    std::abort();
            }
        } else if (st == CsvReader::Status::Rejected) {
            if (reject.message.isEmpty() || reject.line <= 0)
                std::abort();
        } else {
            break;
        }
    }
    (void)reader.warnings();
    // Memory stays bounded by the limits, not by the input (the factor covers UTF-16 and
    // QString's growth).
    const qint64 bound = 8 * (options.maxRecordLength + options.chunkSize + options.sniffBytes) + 4096;
    if (reader.peakBufferBytes() > bound)
        std::abort();
    return 0;
}
