#include "widgets/MessageTone.h"

#include "theme/StatusColors.h"

namespace herald::ui {

QColor toneColor(MessageTone tone)
{
    // From the theme's status colours: readable as text on the window in light and dark.
    using S = StatusColors::Status;
    switch (tone) {
    case MessageTone::Information:
        return StatusColors::color(S::Information);
    case MessageTone::Warning:
        return StatusColors::color(S::Warning);
    case MessageTone::Error:
        return StatusColors::color(S::Failed);
    case MessageTone::Success:
        return StatusColors::color(S::Completed);
    }
    return {};
}

QColor toneBackground(MessageTone tone, const QColor &base)
{
    const QColor tint = toneColor(tone);
    // A fifth of the way (a sixth in the dark theme, whose tints are light): a tint that the
    // banner's text still reads on.
    const int parts = StatusColors::isDark() ? 6 : 5;
    const auto mix = [parts](int a, int b) {
        return (a * (parts - 1) + b) / parts;
    };
    return {mix(base.red(), tint.red()), mix(base.green(), tint.green()), mix(base.blue(), tint.blue())};
}

} // namespace herald::ui
