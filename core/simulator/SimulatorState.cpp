#include "simulator/SimulatorState.h"

#include "simulator/SimRandom.h"

#include <QMutexLocker>
#include <QRandomGenerator>

#include <chrono>

namespace herald {

using namespace Qt::StringLiterals;

SimulatorState::SimulatorState(const SimulatorConfig &config)
    : m_config(std::make_shared<const SimulatorConfig>(config))
    , m_log(config.threads)
    , m_nonce(QRandomGenerator::system()->generate64())
{
    m_catalogue.reset(config.templates, config.categoryChanges);
}

std::shared_ptr<const SimulatorConfig> SimulatorState::config() const
{
    QMutexLocker lock(&m_mutex);
    return m_config;
}

void SimulatorState::setConfig(const SimulatorConfig &config)
{
    auto next = std::make_shared<const SimulatorConfig>(config);
    if (!m_catalogue.sameSource(config.templates, config.categoryChanges))
        m_catalogue.reset(config.templates, config.categoryChanges);
    QMutexLocker lock(&m_mutex);
    m_config = std::move(next);
}

QString SimulatorState::baseUrl() const
{
    QMutexLocker lock(&m_mutex);
    return m_baseUrl;
}

void SimulatorState::setBaseUrl(const QString &url)
{
    QMutexLocker lock(&m_mutex);
    m_baseUrl = url;
}

QString SimulatorState::nextWamid(const QString &recipientKey)
{
    // Meta's wamids are base64 of a small protobuf holding the recipient and a message id;
    // this mimics the shape (prefix, length, alphabet) so clients that log or truncate them
    // meet realistic strings.
    const quint64 sequence = m_sequence.fetch_add(1, std::memory_order_relaxed);
    QByteArray raw;
    raw.reserve(64);
    raw.append('\x18').append(char(recipientKey.size())).append(recipientKey.toLatin1());
    raw.append("\x15\x02\x00\x11\x18\x12", 6);
    raw.append(
        QByteArray::number(SimRandom::mix(m_nonce) & 0xffffffffffULL, 16).toUpper().rightJustified(10, '0'));
    raw.append(QByteArray::number(sequence, 16).toUpper().rightJustified(8, '0'));
    raw.append('\x00');
    return "wamid."_L1 + QLatin1StringView(raw.toBase64());
}

qint64 SimulatorState::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace herald
