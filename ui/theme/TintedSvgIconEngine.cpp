#include "theme/TintedSvgIconEngine.h"

#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QPixmapCache>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace herald::ui {

TintedSvgIconEngine::TintedSvgIconEngine(const QString &path, Tint tint)
    : m_path(path)
    , m_tint(std::move(tint))
{
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        m_svg = file.readAll();
    }
}

TintedSvgIconEngine::Tint TintedSvgIconEngine::textTint()
{
    return [](QIcon::Mode mode) {
        const QPalette p = QGuiApplication::palette();
        switch (mode) {
        case QIcon::Disabled:
            return p.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Selected:
            return p.color(QPalette::Active, QPalette::HighlightedText);
        case QIcon::Normal:
        case QIcon::Active:
            break;
        }
        return p.color(QPalette::Active, QPalette::WindowText);
    };
}

QSize TintedSvgIconEngine::actualSize(const QSize &size, QIcon::Mode, QIcon::State)
{
    return size; // square and scalable
}

QPixmap TintedSvgIconEngine::pixmap(const QSize &size, QIcon::Mode mode, QIcon::State)
{
    if (size.isEmpty() || m_svg.isEmpty()) {
        return {};
    }
    QByteArray svg = m_svg;
    QColor color;
    if (m_tint) {
        color = m_tint(mode);
        svg.replace("currentColor", color.name().toLatin1());
    }
    const QString cacheKey = u"herald-icon:%1:%2x%3:%4:%5"_s.arg(m_path)
                                 .arg(size.width())
                                 .arg(size.height())
                                 .arg(int(mode))
                                 .arg(color.isValid() ? color.rgba() : 0u);
    QPixmap cached;
    if (QPixmapCache::find(cacheKey, &cached)) {
        return cached;
    }
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QSvgRenderer renderer(svg);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(size)));
    painter.end();
    if (!m_tint && mode == QIcon::Disabled) {
        // The application icon is never disabled in practice; fade it all the same.
        QImage faded(size, QImage::Format_ARGB32_Premultiplied);
        faded.fill(Qt::transparent);
        QPainter fp(&faded);
        fp.setOpacity(0.45);
        fp.drawImage(0, 0, image);
        fp.end();
        image = faded;
    }
    QPixmap pixmap = QPixmap::fromImage(image);
    QPixmapCache::insert(cacheKey, pixmap);
    return pixmap;
}

QPixmap TintedSvgIconEngine::scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state,
                                          qreal scale)
{
    // Qt passes the size in device pixels already.
    QPixmap p = pixmap(size, mode, state);
    p.setDevicePixelRatio(scale);
    return p;
}

void TintedSvgIconEngine::paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state)
{
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    QPixmap p = pixmap((QSizeF(rect.size()) * dpr).toSize(), mode, state);
    p.setDevicePixelRatio(dpr);
    painter->drawPixmap(rect, p);
}

QIconEngine *TintedSvgIconEngine::clone() const
{
    return new TintedSvgIconEngine(*this);
}

QString TintedSvgIconEngine::key() const
{
    return u"HeraldTintedSvg"_s;
}

bool TintedSvgIconEngine::isNull()
{
    return m_svg.isEmpty();
}

} // namespace herald::ui
