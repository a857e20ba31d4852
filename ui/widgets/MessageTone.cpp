#include "widgets/MessageTone.h"

namespace herald::ui {

QColor toneColor(MessageTone tone)
{
    switch (tone) {
    case MessageTone::Information:
        return {0x3d, 0x7e, 0xd8};
    case MessageTone::Warning:
        return {0xe0, 0x9b, 0x15};
    case MessageTone::Error:
        return {0xd2, 0x3c, 0x3c};
    case MessageTone::Success:
        return {0x2f, 0x9e, 0x55};
    }
    return {};
}

QColor toneBackground(MessageTone tone, const QColor &base)
{
    const QColor tint = toneColor(tone);
    const auto mix = [](int a, int b) {
        return (a * 3 + b) / 4;
    };
    return {mix(base.red(), tint.red()), mix(base.green(), tint.green()), mix(base.blue(), tint.blue())};
}

} // namespace herald::ui
