// SPDX-FileCopyrightText: 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "IconContainers.h"

#include <QtEndian>

#include <array>

namespace herald::iconrender {

namespace {

void appendBigEndian32(QByteArray &out, quint32 value)
{
    std::array<char, 4> bytes{};
    qToBigEndian(value, bytes.data());
    out.append(bytes.data(), 4);
}

void appendLittleEndian16(QByteArray &out, quint16 value)
{
    std::array<char, 2> bytes{};
    qToLittleEndian(value, bytes.data());
    out.append(bytes.data(), 2);
}

void appendLittleEndian32(QByteArray &out, quint32 value)
{
    std::array<char, 4> bytes{};
    qToLittleEndian(value, bytes.data());
    out.append(bytes.data(), 4);
}

struct IcnsType
{
    const char *code;
    int pixels;
};

// The PNG-capable types, from Apple's icon family format.
constexpr std::array<IcnsType, 10> icnsTypes{{
    {"icp4", 16},
    {"icp5", 32},
    {"ic11", 32}, // 16@2x
    {"icp6", 64},
    {"ic12", 64}, // 32@2x
    {"ic07", 128},
    {"ic08", 256},
    {"ic13", 256}, // 128@2x
    {"ic09", 512},
    {"ic14", 512}, // 256@2x
}};

} // namespace

QByteArray icnsFile(const QList<SizedPng> &images)
{
    QByteArray body;
    auto add = [&body](const char *code, const QByteArray &png) {
        body.append(code, 4);
        appendBigEndian32(body, quint32(8 + png.size()));
        body.append(png);
    };
    for (const IcnsType &type : icnsTypes) {
        for (const SizedPng &image : images) {
            if (image.pixels == type.pixels)
                add(type.code, image.png);
        }
    }
    for (const SizedPng &image : images) {
        if (image.pixels == 1024)
            add("ic10", image.png); // 512@2x
    }
    QByteArray file("icns");
    appendBigEndian32(file, quint32(8 + body.size()));
    return file + body;
}

QByteArray icoFile(const QList<SizedPng> &images)
{
    QList<SizedPng> fitting;
    for (const SizedPng &image : images) {
        if (image.pixels <= 256)
            fitting.append(image);
    }
    QByteArray file;
    appendLittleEndian16(file, 0); // reserved
    appendLittleEndian16(file, 1); // type: icon
    appendLittleEndian16(file, quint16(fitting.size()));
    quint32 offset = quint32(6 + 16 * fitting.size());
    for (const SizedPng &image : fitting) {
        const char side = char(image.pixels >= 256 ? 0 : image.pixels);
        file.append(side);              // width
        file.append(side);              // height
        file.append(char(0));           // palette colours
        file.append(char(0));           // reserved
        appendLittleEndian16(file, 1);  // colour planes
        appendLittleEndian16(file, 32); // bits per pixel
        appendLittleEndian32(file, quint32(image.png.size()));
        appendLittleEndian32(file, offset);
        offset += quint32(image.png.size());
    }
    for (const SizedPng &image : fitting)
        file.append(image.png);
    return file;
}

} // namespace herald::iconrender
