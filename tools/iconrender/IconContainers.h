// SPDX-FileCopyrightText: 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

// The two icon containers other platforms want, written from PNG images: both formats accept
// PNG data inside them (macOS 10.7+, Windows Vista+), so no other encoder is needed.
namespace herald::iconrender {

struct SizedPng
{
    int pixels = 0; // width = height
    QByteArray png;
};

// Apple's .icns: "icns", total length, then (type, length, PNG) entries, big-endian. Each size
// goes under every type code that names it (e.g. 64 px is both 32@2x "ic12" and "icp6").
QByteArray icnsFile(const QList<SizedPng> &images);

// Windows' .ico: ICONDIR, one ICONDIRENTRY per image, then the PNGs; little-endian. 256 px is
// written as 0 in the one-byte width and height fields, as the format requires.
QByteArray icoFile(const QList<SizedPng> &images);

} // namespace herald::iconrender
