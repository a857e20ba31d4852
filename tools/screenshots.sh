#!/usr/bin/env bash
# Remakes the console's screenshots in docs/screenshots: a database filled by the engine, the real
# window sending to the built-in simulator, grabbed offscreen (no display needed): light and dark,
# 100 % and 200 %, the wizard in English and German.
#   tools/screenshots.sh [BUILD_DIR]
set -euo pipefail
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$src/build}
cmake --build "$build" --target herald-screenshots
cd "$src"
QT_QPA_PLATFORM=offscreen "$build/tools/screenshots/herald-screenshots" docs/screenshots
# The main window at 200 %: a process of its own, since Qt reads the scale factor once.
QT_QPA_PLATFORM=offscreen "$build/tools/screenshots/herald-screenshots" docs/screenshots --scale 2
