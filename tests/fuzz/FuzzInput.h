#pragma once

#include <QByteArray>

#include <cstddef>
#include <cstdint>

namespace herald::fuzz {

// The fuzzer's bytes, read front to back: a few option bytes, then the payload. Options are
// taken from the start so that libFuzzer's mutations of the payload keep the choices stable.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(data)
        , m_size(size)
    {}

    uint8_t byte()
    {
        if (m_pos >= m_size)
            return 0;
        return m_data[m_pos++];
    }

    // The rest, copied: QByteArray::fromRawData would let a parser read past the end unnoticed
    // by ASan only if it relied on the terminating NUL, which a copy provides legitimately.
    QByteArray rest() const
    {
        return QByteArray(reinterpret_cast<const char *>(m_data + m_pos), qsizetype(m_size - m_pos));
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

} // namespace herald::fuzz
