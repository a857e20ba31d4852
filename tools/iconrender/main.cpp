// SPDX-FileCopyrightText: 2026 The Herald authors
// SPDX-License-Identifier: GPL-3.0-or-later
// herald-iconrender SVG OUTDIR NAME: writes OUTDIR/hicolor/NxN/apps/NAME.png for the hicolor
// sizes, OUTDIR/NAME.icns and OUTDIR/NAME.ico. Runs at build time, without a display.
#include "IconContainers.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgRenderer>

#include <array>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr std::array<int, 9> hicolorSizes{16, 22, 24, 32, 48, 64, 128, 256, 512};

int fail(const QString &message)
{
    std::fprintf(stderr, "herald-iconrender: %s\n", qPrintable(message));
    return 1;
}

QByteArray renderPng(QSvgRenderer &svg, int pixels)
{
    QImage image(pixels, pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::SmoothPixmapTransform);
        svg.render(&painter, QRectF(0, 0, pixels, pixels));
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit();
}

} // namespace

int main(int argc, char *argv[])
{
    // Rendering needs a QGuiApplication (fonts, image plugins) but never a screen.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    if (args.size() != 4)
        return fail(u"usage: herald-iconrender SVG OUTDIR NAME"_s);
    const QString svgPath = args.at(1);
    const QDir out(args.at(2));
    const QString name = args.at(3);

    QSvgRenderer svg(svgPath);
    if (!svg.isValid())
        return fail(u"cannot read the SVG drawing %1"_s.arg(svgPath));

    QList<herald::iconrender::SizedPng> images;
    for (int pixels : hicolorSizes) {
        const QString dir = u"hicolor/%1x%1/apps"_s.arg(pixels);
        const QByteArray png = renderPng(svg, pixels);
        if (!out.mkpath(dir) || !writeFile(out.filePath(dir + u'/' + name + u".png"_s), png))
            return fail(u"cannot write %1 in %2"_s.arg(dir, out.path()));
        images.append({pixels, png});
    }
    images.append({1024, renderPng(svg, 1024)}); // only macOS's 512@2x wants it

    if (!writeFile(out.filePath(name + u".icns"_s), herald::iconrender::icnsFile(images)))
        return fail(u"cannot write %1.icns in %2"_s.arg(name, out.path()));
    if (!writeFile(out.filePath(name + u".ico"_s), herald::iconrender::icoFile(images)))
        return fail(u"cannot write %1.ico in %2"_s.arg(name, out.path()));
    return 0;
}
