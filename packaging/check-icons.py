#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Herald authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the icons herald-iconrender made: every hicolor PNG has its folder's size, the .icns
and .ico containers are well formed, and each of their entries is a PNG of the size its type
code or directory entry claims. A container that macOS or Windows would reject fails here.
    check-icons.py ICON_DIR APP_ID"""
import struct
import sys
from pathlib import Path

HICOLOR = [16, 22, 24, 32, 48, 64, 128, 256, 512]
ICNS_TYPES = {b"icp4": 16, b"icp5": 32, b"ic11": 32, b"icp6": 64, b"ic12": 64, b"ic07": 128,
              b"ic08": 256, b"ic13": 256, b"ic09": 512, b"ic14": 512, b"ic10": 1024}
problems = []


def png_size(data, what):
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        problems.append(f"{what}: not a PNG")
        return None
    return struct.unpack(">II", data[16:24])


def check_hicolor(root, app_id):
    for size in HICOLOR:
        path = root / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"
        if not path.is_file():
            problems.append(f"{path}: missing")
            continue
        got = png_size(path.read_bytes(), str(path))
        if got and got != (size, size):
            problems.append(f"{path}: {got[0]}x{got[1]}, not {size}x{size}")


def check_icns(path):
    data = path.read_bytes()
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        problems.append(f"{path}: bad header or length")
        return
    seen, pos = set(), 8
    while pos < len(data):
        code, length = data[pos:pos + 4], struct.unpack(">I", data[pos + 4:pos + 8])[0]
        if length < 8 or pos + length > len(data):
            problems.append(f"{path}: entry {code!r} overruns the file")
            return
        expected = ICNS_TYPES.get(code)
        got = png_size(data[pos + 8:pos + length], f"{path} {code!r}")
        if expected is None:
            problems.append(f"{path}: unknown type {code!r}")
        elif got and got != (expected, expected):
            problems.append(f"{path} {code!r}: {got[0]}x{got[1]}, not {expected}x{expected}")
        seen.add(code)
        pos += length
    for code in sorted(set(ICNS_TYPES) - seen):
        problems.append(f"{path}: no {code.decode()} entry")


def check_ico(path):
    data = path.read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1 or count == 0:
        problems.append(f"{path}: bad ICONDIR")
        return
    sizes = set()
    for i in range(count):
        w, h, _, _, planes, bpp, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * i:22 + 16 * i])
        side = w or 256
        if offset + length > len(data):
            problems.append(f"{path}: image {i} overruns the file")
            continue
        got = png_size(data[offset:offset + length], f"{path} image {i}")
        if got and got != (side, h or 256):
            problems.append(f"{path} image {i}: {got[0]}x{got[1]}, entry says {side}x{h or 256}")
        sizes.add(side)
    for needed in (16, 32, 48, 256):
        if needed not in sizes:
            problems.append(f"{path}: no {needed}x{needed} image")


root, app_id = Path(sys.argv[1]), sys.argv[2]
check_hicolor(root, app_id)
check_icns(root / f"{app_id}.icns")
check_ico(root / f"{app_id}.ico")
if problems:
    print("FAIL:\n  " + "\n  ".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"{len(HICOLOR)} hicolor PNGs, {app_id}.icns and {app_id}.ico are well formed")
