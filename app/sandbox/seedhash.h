#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace Windsock::Sandbox::SeedHash {

// SplitMix64 finaliser: a fast, well-mixed 64-bit hash step.
inline quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

inline quint64 of(quint32 seed, quint64 a, quint64 b = 0)
{
    return mix(mix(mix(seed) ^ a) ^ b);
}

inline quint64 of(quint32 seed, const QString &text, quint64 salt = 0)
{
    quint64 h = 1469598103934665603ULL; // FNV-1a over UTF-16 code units, then mixed
    for (const QChar c : text) {
        h ^= c.unicode();
        h *= 1099511628211ULL;
    }
    return of(seed, h, salt);
}

// A value in [0, 1).
inline double unit(quint64 hash)
{
    return static_cast<double>(hash >> 11) / static_cast<double>(1ULL << 53);
}

} // namespace Windsock::Sandbox::SeedHash
