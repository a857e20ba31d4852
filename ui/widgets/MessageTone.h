#pragma once

#include <QColor>

namespace herald::ui {

// What a message in the window means, and its colours in the current theme (StatusColors): a
// strong tint for the edge and for text, and the background it sits on shifted a little towards
// it, so that light and dark themes both stay readable. Shared by the campaign's banner and the
// pages' messages.
enum class MessageTone { Information, Warning, Error, Success };

QColor toneColor(MessageTone tone);
QColor toneBackground(MessageTone tone, const QColor &base);

} // namespace herald::ui
