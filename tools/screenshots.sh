#!/usr/bin/env bash
# Remakes the console's screenshots in docs/screenshots: a database filled by the engine, the real
# window sending to the built-in simulator, grabbed offscreen (no display needed).
#   tools/screenshots.sh [BUILD_DIR]
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$src/build}
cmake --build "$build" --target herald-screenshots
cd "$src"
QT_QPA_PLATFORM=offscreen "$build/tools/screenshots/herald-screenshots" docs/screenshots
