#pragma once

#include <QByteArray>
#include <QColor>
#include <QIconEngine>

#include <functional>

namespace herald::ui {

// An icon drawn from an SVG whose strokes and fills say `currentColor`: the colour is chosen
// when the icon is painted (from the palette of that moment), so a theme change needs no new
// icons. Pixmaps are rendered at exactly the size asked for, which QIcon multiplies by the
// device pixel ratio: nothing is scaled up.
class TintedSvgIconEngine final : public QIconEngine
{
public:
    using Tint = std::function<QColor(QIcon::Mode)>;

    // No tint: the SVG's own colours.
    TintedSvgIconEngine(const QString &path, Tint tint);

    // The application palette's text colour; dimmed when disabled, the highlighted text's
    // colour when selected.
    static Tint textTint();

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override;
    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override;
    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override;
    QIconEngine *clone() const override;
    QString key() const override;
    bool isNull() override;

private:
    QString m_path;
    QByteArray m_svg;
    Tint m_tint;
};

} // namespace herald::ui
