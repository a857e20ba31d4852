#pragma once

#include <QStringView>

#include <cmath>
#include <numbers>

namespace herald {

// Stateless randomness: every draw is a hash of its inputs, so outcomes are reproducible per
// (seed, recipient, attempt) regardless of which thread or connection carried the request,
// and no generator has to be shared (or locked) between server threads.
class SimRandom
{
public:
    enum Salt : quint64 {
        Fault = 0x6661756c74ULL,
        LatencyA = 0x6c6174656e6341ULL,
        LatencyB = 0x6c6174656e6342ULL,
        Spoil = 0x73706f696cULL,
        Read = 0x72656164ULL,          // status callbacks: is the message read
        LateFailure = 0x6c617465ULL,   // … does it fail after being accepted
        Duplicate = 0x6475706cULL,     // … is a callback sent twice
        Reorder = 0x72656f72646572ULL, // … how far its sending moves
    };

    static constexpr quint64 mix(quint64 x)
    {
        // splitmix64 finaliser: a cheap bijection with good avalanche.
        x += 0x9e3779b97f4a7c15ULL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }

    static quint64 hash(QStringView s)
    {
        quint64 h = 0xcbf29ce484222325ULL; // FNV-1a
        for (QChar c : s) {
            h ^= c.unicode();
            h *= 0x100000001b3ULL;
        }
        return h;
    }

    // Uniform in [0, 1).
    static double unit(quint64 seed, quint64 key, quint64 attempt, quint64 salt)
    {
        const quint64 x = mix(mix(mix(seed ^ salt) ^ key) ^ attempt);
        return static_cast<double>(x >> 11) * 0x1.0p-53;
    }

    // Lognormal with the given median and 99th percentile (Box–Muller for the normal draw).
    static double lognormal(double median, double p99, double u1, double u2)
    {
        constexpr double z99 = 2.3263478740408408;
        const double sigma = std::log(p99 / median) / z99;
        const double z = std::sqrt(-2.0 * std::log(1.0 - u1)) * std::cos(2.0 * std::numbers::pi * u2);
        return median * std::exp(sigma * z);
    }
};

} // namespace herald
