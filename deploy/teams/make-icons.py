#!/usr/bin/env python3
"""Draws the Teams app icons (no downloads): color.png 192x192 full colour, outline.png 32x32 white on transparent.

Two overlapping rings (a give and a get) on the accent colour. Run from anywhere: python3 deploy/teams/make-icons.py
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ACCENT = (0x46, 0x4E, 0xB8)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def on_rings(x, y, size):
    """True on either of two rings side by side."""
    cx, cy, r, width = size / 2, size / 2, size * 0.22, max(size * 0.06, 2.2)
    for ox in (-size * 0.12, size * 0.12):
        d = ((x + 0.5 - (cx + ox)) ** 2 + (y + 0.5 - cy) ** 2) ** 0.5
        if abs(d - r) <= width / 2:
            return True
    return False


def color(x, y, size):
    return (255, 255, 255, 255) if on_rings(x, y, size) else ACCENT + (255,)


def outline(x, y, size):
    return (255, 255, 255, 255) if on_rings(x, y, size) else (0, 0, 0, 0)


png(os.path.join(HERE, "color.png"), 192, color)
png(os.path.join(HERE, "outline.png"), 32, outline)
