"""Text metrics and plane geometry shared by every drawing: what a label needs, where a box is.

Why estimate text widths here rather than ask a font library: the charts and forms are laid
out before anything is drawn, the same way on every machine, and browsers draw the labels
with Helvetica or a metric twin (Arial, Liberation Sans), whose advance widths are below.
Pure functions; nothing here knows SOPs, DOT or SVG.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

FONT = "Helvetica"  # every label is measured (and must be drawn) in this face
UKURAN_HURUF = 9.0  # symbol and header text, in points

# Helvetica advance widths (1/1000 em) for ASCII 32..126; Arial and Liberation Sans match.
_LEBAR = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]  # fmt: skip


_LEBAR_CH = {chr(32 + i): w for i, w in enumerate(_LEBAR)}


@functools.lru_cache(maxsize=8192)
def _satuan(teks: str) -> int:
    get = _LEBAR_CH.get
    return sum(get(ch) or (722 if ch.isupper() else 611) for ch in teks)


def lebar_teks(teks: str, ukuran: float = UKURAN_HURUF, tebal: bool = False) -> float:
    """Estimated rendered width; a little generous so browser fonts never overflow a symbol."""
    return _satuan(teks) / 1000 * ukuran * (1.1 if tebal else 1.04)


def bungkus(
    teks: str, lebar: float, ukuran: float = UKURAN_HURUF, tebal: bool = False
) -> list[str]:
    """Greedy word wrap to `lebar`; words longer than a line are cut (long numbers, URLs)."""
    return list(_bungkus(teks, lebar, ukuran, tebal))


@functools.lru_cache(maxsize=65536)
def _bungkus(teks: str, lebar: float, ukuran: float, tebal: bool) -> tuple[str, ...]:
    # Cached: the print layout wraps the same cell texts again for every page split it tries.
    # Linear in len(teks): each word is measured once, and a word wider than the line is cut
    # by adding up its letters once (re-measuring every prefix made a long word cubic).
    spasi = lebar_teks(" ", ukuran, tebal)
    baris: list[str] = []
    kini: list[str] = []
    w_kini = 0.0
    for kata in teks.split():
        w = lebar_teks(kata, ukuran, tebal)
        if kini and w_kini + spasi + w <= lebar:
            kini.append(kata)
            w_kini += spasi + w
            continue
        if kini:
            baris.append(" ".join(kini))
        if w > lebar:
            potongan = _potong(kata, lebar, ukuran, 1.1 if tebal else 1.04)
            baris += potongan[:-1]
            kata = potongan[-1]
            w = lebar_teks(kata, ukuran, tebal)
        kini, w_kini = [kata], w
    if kini or not baris:
        baris.append(" ".join(kini))
    return tuple(baris)


def _potong(kata: str, lebar: float, ukuran: float, faktor: float) -> list[str]:
    """`kata` cut into pieces of at most `lebar` (at least one letter each), in one pass;
    widths computed exactly as `lebar_teks` does, so the cuts fall where they always did."""
    get = _LEBAR_CH.get
    potongan: list[str] = []
    awal, satuan = 0, 0
    for i, ch in enumerate(kata):
        u = get(ch) or (722 if ch.isupper() else 611)
        if i > awal and (satuan + u) / 1000 * ukuran * faktor > lebar:
            potongan.append(kata[awal:i])
            awal, satuan = i, 0
        satuan += u
    potongan.append(kata[awal:])
    return potongan



# --- geometry, in points, y growing downwards ----------------------------------------------

Titik = tuple[float, float]


@dataclass(frozen=True)
class Kotak:
    """A bounding box, y growing downwards (like the page), in points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def lebar(self) -> float:
        return self.x1 - self.x0

    @property
    def tinggi(self) -> float:
        return self.y1 - self.y0

    def tumpang(self, lain: Kotak) -> bool:
        return self.x0 < lain.x1 and lain.x0 < self.x1 and self.y0 < lain.y1 and lain.y0 < self.y1



def ujung_panah(titik: Sequence[Titik], panjang: float) -> list[Titik]:
    """A polyline's points without repeats, the last one pulled back by `panjang` along the
    last segment, where an arrowhead of that length starts (0: unchanged)."""
    pts = [titik[0]]
    for p in titik[1:]:
        if p != pts[-1]:
            pts.append(p)
    if panjang and len(pts) > 1:
        (ax, ay), (bx, by) = pts[-2], pts[-1]
        d = max(abs(bx - ax), abs(by - ay)) or 1.0
        pts[-1] = (bx - (bx - ax) / d * panjang, by - (by - ay) / d * panjang)
    return pts


__all__ = ["FONT", "UKURAN_HURUF", "Kotak", "Titik", "bungkus", "lebar_teks", "ujung_panah"]
