"""The one step from Graphviz's SVG to an <svg> element inside a page: check, sanitise, trim.

Why one step: charts and relation maps inline SVG that came from a process (Graphviz, or
whatever answers to that name on PATH) or from a cache folder on disk. (Print forms are
written as SVG by formulir.py itself, every text escaped, and read back from the memo only
in the exact shape formulir.formulir_sah accepts.) Neither is
trusted: the SVG is parsed (expat, linear time, no entity declarations, no outside DTD) and
written out again from an allow-list of the elements and attributes Graphviz draws for us, so a
`<script>`, an `on*=` handler, a `<foreignObject>`, a `<style>`, an outside `href` or an outside
`url(...)` never reaches a page. Links kept: `#fragment` (symbol ↔ procedure row) and relative
page links (map nodes → SOP pages).

Trimmed on the way, with the same drawing: no prolog, doctype, comments or whitespace between
tags; no Graphviz <title>s (node names shown as tooltips) but one <title>/<desc> for screen
readers; no `<g id="a_…">` wrappers around links; coordinates to two decimals; no `fill` on
black text (SVG's default); shared presentation attributes written once — text attributes
every <text> carries (font-family, font-size, text-anchor) on the root with only the odd ones
left on their <text>, and fill/stroke that all shapes of a group share on the group (SVG
inheritance, so the inline SVG needs no stylesheet and no <style> that would leak page-wide).

Public API::

    siapkan_svg(svg, id_prefix, judul, deskripsi, svg_id=None) -> str   # raises SvgTidakSah
    periksa_svg(svg) -> str | None        # why `svg` is no usable SVG document, or None
    angka(x) -> str                       # a coordinate as this module writes it
    aman_id(teks, cadangan) -> str        # a caller's id prefix made safe for ids
    svg_halaman(svg, bagan, id_prefix) -> str   # a chart part's Graphviz SVG → inline <svg>
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape
from typing import TYPE_CHECKING
from xml.parsers import expat

if TYPE_CHECKING:
    from .lajur import Bagan

# A DOT author writes this colour where the SVG should use the page's text colour;
# `siapkan_svg` turns it into `currentColor` (Graphviz itself only knows fixed colours).
CURRENT_COLOR = "#010101"

ELEMEN = frozenset({"svg", "g", "a", "polygon", "polyline", "path", "ellipse", "circle",
                    "rect", "line", "text", "tspan"})
MAKS_KEDALAMAN = 64  # Graphviz nests 5 deep; the tree is walked recursively
ELEMEN_TEKS = frozenset({"text", "tspan"})
# Dropped with everything inside: Graphviz's own tooltips (<title>), and anything not drawn.
ATRIBUT = frozenset({
    "id", "class", "transform", "width", "height", "viewBox", "preserveAspectRatio",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "points", "d",
    "fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    "stroke-linecap", "stroke-linejoin", "opacity", "font-family", "font-size", "font-weight",
    "font-style", "text-anchor", "text-decoration", "xlink:href", "href", "xlink:title",
    "target",
})
_TAUTAN = frozenset({"xlink:href", "href"})
_TARGET = frozenset({"_top", "_self", "_parent", "_blank"})
_ANGKA_ATRIBUT = frozenset({"points", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
                            "rx", "ry", "viewBox", "transform", "font-size", "stroke-width"})
# Inherited by <text> only: the most common value goes on the root when every <text> has one.
_ATRIBUT_TEKS = ("font-family", "font-size", "text-anchor")
# Inherited by every shape, with SVG's default: the most common effective value is written once
# on the drawing's top group, other values stay on their shapes.
_ATRIBUT_BERSAMA = {"fill": "#000000", "stroke": "none", "stroke-width": "1"}
_BENTUK = frozenset({"polygon", "polyline", "path", "ellipse", "circle", "rect", "line", "text"})

_DESIMAL = re.compile(r"-?\d+\.(?:\d{3,}|\d*0\b)")  # only numbers `angka` would change
_SKEMA = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_AMAN_RELATIF = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=@%/?-]*(?:#[^\s\"'<>]*)?$")
_URL = re.compile(r"url\(\s*([^)]*)\)")
_HALAMAN = re.compile(r"^page\d+,\d+_")
_TRANSFORM_NOL = re.compile(r"scale\(1 1\) rotate\(0\) ")


class SvgTidakSah(ValueError):
    """The text is no SVG document this step can use (not XML, cut short, not <svg>)."""


class _Simpul:
    __slots__ = ("anak", "atribut", "tag")

    def __init__(self, tag: str, atribut: dict[str, str]) -> None:
        self.tag = tag
        self.atribut = atribut
        self.anak: list[_Simpul | str] = []


def angka(x: float) -> str:
    """A coordinate to two decimals, without trailing zeros. (One decimal would save 2% more
    but moves left-aligned print-form text by sub-pixels; two give identical screenshots.)"""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _bulatkan(nilai: str) -> str:
    return _DESIMAL.sub(lambda m: angka(float(m.group(0))), nilai) if "." in nilai else nilai


_PERLU_ESC = re.compile("[&<>\"']")


def _esc(teks: str, quote: bool = True) -> str:
    return escape(teks, quote) if _PERLU_ESC.search(teks) else teks


def tautan_aman(nilai: str) -> bool:
    """An href we keep: our own `#fragment` or a relative page link (no scheme, no host)."""
    if nilai.startswith("#"):
        return _AMAN_RELATIF.match("x" + nilai) is not None
    return (not nilai.startswith(("/", "\\")) and _SKEMA.match(nilai) is None
            and _AMAN_RELATIF.match(nilai) is not None)


def _pohon(svg: str) -> _Simpul:
    """Parse into a tree of allowed elements; everything else is dropped with its content."""
    akar = _Simpul("#dokumen", {})
    tumpukan: list[_Simpul] = [akar]
    buang = 0  # depth inside a dropped element

    def buka(tag: str, atribut: dict[str, str]) -> None:
        nonlocal buang
        if buang or tag not in ELEMEN or (tag == "svg") != (len(tumpukan) == 1):
            buang += 1
            return
        if len(tumpukan) > MAKS_KEDALAMAN:
            raise SvgTidakSah(f"elemen bersarang lebih dari {MAKS_KEDALAMAN} tingkat")
        s = _Simpul(tag, atribut)
        tumpukan[-1].anak.append(s)
        tumpukan.append(s)

    def tutup(tag: str) -> None:
        nonlocal buang
        if buang:
            buang -= 1
        else:
            tumpukan.pop()

    def teks(data: str) -> None:
        if not buang and tumpukan[-1].tag in ELEMEN_TEKS:
            tumpukan[-1].anak.append(data)

    def entitas(*_: object) -> None:
        raise SvgTidakSah("SVG mendeklarasikan entitas")

    p = expat.ParserCreate()
    p.StartElementHandler = buka
    p.EndElementHandler = tutup
    p.CharacterDataHandler = teks
    p.EntityDeclHandler = entitas
    p.ExternalEntityRefHandler = lambda *_: 0  # type: ignore[assignment]
    try:
        p.Parse(svg, True)
    except expat.ExpatError as e:
        raise SvgTidakSah(f"SVG tidak utuh atau bukan XML ({e})") from None
    if len(akar.anak) != 1 or not isinstance(akar.anak[0], _Simpul):
        raise SvgTidakSah("tidak ada elemen <svg>")
    return akar.anak[0]


def periksa_svg(svg: str) -> str | None:
    """Why `svg` is no usable SVG document (for the cache and for Graphviz output), or None."""
    try:
        _pohon(svg)
    except SvgTidakSah as e:
        return str(e)
    return None


def _bersihkan(s: _Simpul, peta_id: dict[str, str], ganti_id) -> None:  # type: ignore[no-untyped-def]
    """Allow-listed attributes with safe values, rounded numbers, prefixed ids (in place)."""
    baru: dict[str, str] = {}
    for nama, nilai in s.atribut.items():
        if nama not in ATRIBUT:
            continue
        if nama in _TAUTAN:
            if not tautan_aman(nilai):
                continue
            nama = "xlink:href"
        elif nama == "target" and nilai not in _TARGET:
            continue
        elif nama == "id":
            nilai = ganti_id(nilai)
        if "url(" in nilai and any(not u.strip().startswith("#") for u in _URL.findall(nilai)):
            continue  # only url(#…) inside this drawing
        if nilai == CURRENT_COLOR and nama in ("fill", "stroke"):
            nilai = "currentColor"
        if nama in _ANGKA_ATRIBUT:
            nilai = _bulatkan(nilai)
        if nama == "points":  # a polygon closes itself: Graphviz repeats the first point
            titik = nilai.split()
            if len(titik) > 2 and titik[0] == titik[-1] and s.tag == "polygon":
                nilai = " ".join(titik[:-1])
        baru[nama] = nilai
    if s.tag == "text" and baru.get("fill") == "#000000":
        del baru["fill"]  # black is SVG's default for text
    if s.tag == "g" and "transform" in baru:
        baru["transform"] = _TRANSFORM_NOL.sub("", baru["transform"])
    s.atribut = baru
    anak: list[_Simpul | str] = []
    for a in s.anak:
        if isinstance(a, str):
            anak.append(a)
            continue
        _bersihkan(a, peta_id, ganti_id)
        # Graphviz wraps each link in <g id="a_…">: keep only the link.
        if (a.tag == "g" and len(a.anak) == 1 and isinstance(a.anak[0], _Simpul)
                and a.anak[0].tag == "a" and a.atribut.keys() <= {"id"}):
            anak.append(a.anak[0])
        else:
            anak.append(a)
    s.anak = anak


def _daun(s: _Simpul, warisan: dict[str, str], keluar: list[tuple[_Simpul, dict[str, str]]]
          ) -> None:
    """Every shape and <text> with the effective fill/stroke it is drawn with (attributes
    taken off the groups on the way, since each shape gets its value back explicitly)."""
    efektif = dict(warisan)
    for nama in _ATRIBUT_BERSAMA:
        if nama in s.atribut:
            efektif[nama] = s.atribut[nama]
    if s.tag in _BENTUK:
        keluar.append((s, efektif))
        return
    for nama in _ATRIBUT_BERSAMA:
        s.atribut.pop(nama, None)
    for a in s.anak:
        if isinstance(a, _Simpul):
            _daun(a, efektif, keluar)


def _satukan_bentuk(akar: _Simpul) -> None:
    """fill/stroke/stroke-width: the most common value once on the top group (SVG inheritance),
    each shape keeping only a value that differs. Exact: every shape's effective value holds."""
    daun: list[tuple[_Simpul, dict[str, str]]] = []
    _daun(akar, dict(_ATRIBUT_BERSAMA), daun)
    anak = [a for a in akar.anak if isinstance(a, _Simpul)]
    puncak = anak[0] if len(anak) == 1 and anak[0].tag == "g" else akar
    for nama, bawaan in _ATRIBUT_BERSAMA.items():
        # A stroke width on a shape drawn without stroke changes nothing: leave it off.
        perlu = [(s, e[nama]) for s, e in daun
                 if nama != "stroke-width" or e["stroke"] not in ("none", "transparent")]
        hitung = Counter(v for _, v in perlu)

        def biaya(v: str, nama: str = nama, hitung: Counter[str] = hitung) -> int:
            return sum(n * (len(nama) + len(w) + 4) for w, n in hitung.items() if w != v)

        nilai = min([bawaan, *hitung], key=biaya)
        if nilai != bawaan:
            puncak.atribut[nama] = nilai
        for s, _ in daun:
            s.atribut.pop(nama, None)
        for s, v in perlu:
            if v != nilai:
                s.atribut[nama] = v


def _satukan_teks(akar: _Simpul) -> None:
    """Text attributes that every <text> has: the most common value once, on the root."""
    semua_teks: list[_Simpul] = []
    tumpukan = [akar]
    while tumpukan:
        s = tumpukan.pop()
        if s.tag == "text":
            semua_teks.append(s)
        tumpukan.extend(a for a in s.anak if isinstance(a, _Simpul))
    for nama in _ATRIBUT_TEKS:
        if not semua_teks or nama in akar.atribut or any(
                nama not in t.atribut for t in semua_teks):
            continue
        nilai, _ = Counter(t.atribut[nama] for t in semua_teks).most_common(1)[0]
        akar.atribut[nama] = nilai
        for t in semua_teks:
            if t.atribut[nama] == nilai:
                del t.atribut[nama]


def _tulis(s: _Simpul, keluar: list[str]) -> None:
    atribut = "".join(f' {k}="{_esc(v)}"' for k, v in s.atribut.items())
    if not s.anak:
        keluar.append(f"<{s.tag}{atribut}/>")
        return
    keluar.append(f"<{s.tag}{atribut}>")
    for a in s.anak:
        if isinstance(a, str):
            keluar.append(_esc(a, quote=False))
        else:
            _tulis(a, keluar)
    keluar.append(f"</{s.tag}>")


def siapkan_svg(svg: str, id_prefix: str, judul: str, deskripsi: str, *,
                svg_id: str | None = None) -> str:
    """Graphviz SVG → a sanitised, trimmed <svg> element to put inside an HTML page.

    Every id not already starting with `id_prefix` gets `svg_id` (default `id_prefix`) in
    front, so several drawings share a page; `url(#…)` references follow. The root gets
    role="img" and aria-labelledby pointing at one <title> (`judul`) and <desc> (`deskripsi`)
    with ids `{svg_id}-title`/`-desc`. Raises SvgTidakSah when `svg` is not a whole SVG.
    """
    svg_id = svg_id or id_prefix
    akar = _pohon(svg)
    peta_id: dict[str, str] = {}

    def ganti_id(lama: str) -> str:
        baru = _HALAMAN.sub("", lama)
        if baru.startswith("a_"):  # Graphviz's wrapper around a linked node
            baru = baru[2:] + "-a"
        if not baru.startswith(id_prefix + "-") and baru != id_prefix:
            baru = f"{svg_id}-{baru}"
        peta_id[lama] = baru
        return baru

    _bersihkan(akar, peta_id, ganti_id)
    _satukan_bentuk(akar)
    _satukan_teks(akar)
    if peta_id and "url(" in svg:  # url(#id) inside the drawing follows the new ids
        _ikuti_url(akar, peta_id)
    t_id, d_id = f"{svg_id}-title", f"{svg_id}-desc"
    root = {k: v for k, v in akar.atribut.items() if k in ("width", "height", "viewBox",
                                                             "preserveAspectRatio")}
    root |= {"xmlns": "http://www.w3.org/2000/svg", "xmlns:xlink": "http://www.w3.org/1999/xlink",
             "role": "img", "aria-labelledby": f"{t_id} {d_id}"}
    root |= {k: v for k, v in akar.atribut.items() if k in _ATRIBUT_TEKS or k in _ATRIBUT_BERSAMA}
    akar.atribut = root
    judul_el = _Simpul("title", {"id": t_id})
    judul_el.anak = [judul]
    desc_el = _Simpul("desc", {"id": d_id})
    desc_el.anak = [deskripsi]
    akar.anak[:0] = [judul_el, desc_el]
    keluar: list[str] = []
    _tulis(akar, keluar)
    return "".join(keluar) + "\n"


def _url_baru(m: re.Match[str], peta_id: dict[str, str]) -> str:
    lama = m.group(1).strip()[1:]
    return f"url(#{peta_id.get(lama, lama)})"


def _ikuti_url(s: _Simpul, peta_id: dict[str, str]) -> None:
    tumpukan = [s]
    while tumpukan:
        n = tumpukan.pop()
        for k, v in n.atribut.items():
            if "url(#" in v:
                n.atribut[k] = _URL.sub(lambda m: _url_baru(m, peta_id), v)
        tumpukan.extend(a for a in n.anak if isinstance(a, _Simpul))


__all__ = ["CURRENT_COLOR", "SvgTidakSah", "angka", "periksa_svg", "siapkan_svg", "tautan_aman"]


_ID_AMAN = re.compile(r"[^A-Za-z0-9_-]+")


def aman_id(teks: str, cadangan: str) -> str:
    """`teks` made safe as an id prefix (letters, digits, - and _); `cadangan` if nothing is
    left. Charts, maps and forms all name their ids this way, so ids of one page never clash."""
    return _ID_AMAN.sub("-", teks).strip("-") or cadangan


# --- the swimlane chart's own step ----------------------------------------------------------

_KAPSUL = re.compile(
    r'(<g id="[^"]*" class="node sop-simbol sop-kapsul">.*?)<path ([^>]*?)d="([^"]*)"([^>]*)/>',
    re.S,
)
_ANGKA = re.compile(r"-?\d+(?:\.\d+)?")


def _kapsul(m: re.Match[str]) -> str:
    """Graphviz rounds box corners by a few points only; the terminator is a full capsule."""
    nilai = [float(a) for a in _ANGKA.findall(m.group(3))]
    xs, ys = nilai[0::2], nilai[1::2]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    r = min((y1 - y0) / 2, 18.0)
    return (f'{m.group(1)}<rect {m.group(2)}x="{angka(x0)}" y="{angka(y0)}" '
            f'width="{angka(x1 - x0)}" height="{angka(y1 - y0)}" rx="{angka(r)}"{m.group(4)}/>')


def svg_halaman(svg: str, bagan: Bagan, id_prefix: str) -> str:
    """Make Graphviz's SVG of `bagan` ready to inline (`siapkan_svg`: sanitised, trimmed,
    ids prefixed, <title>/<desc>, colours for light and dark pages), then capsule terminators.
    Raises SvgTidakSah when Graphviz's output is not a whole SVG."""
    p = aman_id(id_prefix, "bagan")
    hasil = siapkan_svg(svg, p, bagan.judul, bagan.deskripsi, svg_id=f"{p}-b{bagan.bagian}")
    return _KAPSUL.sub(_kapsul, hasil)
