"""Flowchart symbols in a picture: some agencies paste the chart into the form as an image.

Why enclosed white areas: every symbol (box, capsule, diamond) is an outline around blank
paper, and arrows enclose nothing except where a loop closes on itself, which makes areas
wider than a lane. So the symbols are the white areas a flood fill from the picture's edge
cannot reach, sized like a symbol; how much of its bounding box an area fills tells a box
(~1) from a capsule (rounded ends) from a diamond (~0.5). Linear in the picture's pixels.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Ruang:
    """An enclosed white area, in the picture's pixels."""

    x0: int
    y0: int
    x1: int
    y1: int
    isi: float  # share of the bounding box it fills

    @property
    def jenis(self) -> str:
        if self.isi >= 0.95:
            return "proses"
        if self.isi <= 0.65:
            return "keputusan"
        return "terminal"


def ruang_tertutup(lebar: int, tinggi: int, gelap: bytearray) -> list[Ruang]:
    """Enclosed white areas of a black-and-white picture (`gelap[y * lebar + x]` true for
    ink), largest first."""
    luar = bytearray(lebar * tinggi)
    antre: deque[int] = deque()

    def tandai(i: int, tanda: bytearray) -> None:
        if not gelap[i] and not tanda[i]:
            tanda[i] = 1
            antre.append(i)

    for x in range(lebar):
        tandai(x, luar)
        tandai((tinggi - 1) * lebar + x, luar)
    for y in range(tinggi):
        tandai(y * lebar, luar)
        tandai(y * lebar + lebar - 1, luar)
    _banjiri(antre, luar, gelap, lebar, tinggi)
    hasil: list[Ruang] = []
    for mulai in range(lebar * tinggi):
        if gelap[mulai] or luar[mulai]:
            continue
        antre.append(mulai)
        luar[mulai] = 1
        sel = _banjiri(antre, luar, gelap, lebar, tinggi)
        xs = [i % lebar for i in sel]
        ys = [i // lebar for i in sel]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        hasil.append(Ruang(x0, y0, x1, y1, len(sel) / ((x1 - x0 + 1) * (y1 - y0 + 1))))
    return sorted(hasil, key=lambda r: -(r.x1 - r.x0) * (r.y1 - r.y0))


def _banjiri(antre: deque[int], tanda: bytearray, gelap: bytearray, lebar: int,
             tinggi: int) -> list[int]:
    """Flood fill from the queued pixels over white pixels; returns every pixel reached."""
    dapat: list[int] = []
    while antre:
        i = antre.popleft()
        dapat.append(i)
        x, y = i % lebar, i // lebar
        for j, ok in ((i - 1, x > 0), (i + 1, x < lebar - 1), (i - lebar, y > 0),
                      (i + lebar, y < tinggi - 1)):
            if ok and not gelap[j] and not tanda[j]:
                tanda[j] = 1
                antre.append(j)
    return dapat


def simbol_gambar(halaman, kotak: tuple[float, float, float, float],
                  resolusi: int = 100) -> list[tuple[float, float, float, float, str]]:
    """Symbols drawn inside the picture at `kotak` (PDF points) of a pdfplumber page, as
    (x0, top, x1, bottom, jenis) in points."""
    gambar = halaman.crop(kotak).to_image(resolution=resolusi).original.convert("L")
    lebar, tinggi = gambar.size
    gelap = bytearray(gambar.point(lambda v: 1 if v < 160 else 0).tobytes())
    skala = resolusi / 72
    return [(kotak[0] + r.x0 / skala, kotak[1] + r.y0 / skala, kotak[0] + (r.x1 + 1) / skala,
             kotak[1] + (r.y1 + 1) / skala, r.jenis)
            for r in ruang_tertutup(lebar, tinggi, gelap)]
