"""Compare two builds of one handbook page by page: MkDocs against ProperDocs (the maintained
fork of MkDocs 1.x), so that switching engines is a checked step, not a hope.

Only the generator tag may differ. The search index is left out: Pagefind names its files by
content hashes of the whole index, which differ with that tag.
"""

from __future__ import annotations

import re
from pathlib import Path

GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
BERKAS = ("*.html", "sitemap.xml")


def _halaman(situs: Path) -> set[str]:
    return {p.relative_to(situs).as_posix() for pola in BERKAS for p in situs.rglob(pola)
            if "pagefind" not in p.relative_to(situs).parts}


def beda_situs(a: Path, b: Path) -> list[str]:
    """Pages (relative paths) that differ between the two site folders, or exist in only one,
    each with a short reason in Indonesian; [] when they match."""
    ha, hb = _halaman(a), _halaman(b)
    hasil = [f"{p}: hanya ada di {a}" for p in sorted(ha - hb)]
    hasil += [f"{p}: hanya ada di {b}" for p in sorted(hb - ha)]
    for p in sorted(ha & hb):
        x = GENERATOR.sub("", (a / p).read_text(encoding="utf-8", errors="replace"))
        y = GENERATOR.sub("", (b / p).read_text(encoding="utf-8", errors="replace"))
        if x != y:
            baris = next((i for i, (u, v) in enumerate(zip(x.splitlines(), y.splitlines(),
                                                          strict=False)) if u != v), None)
            hasil.append(f"{p}: isi berbeda" + (f" (baris {baris + 1})" if baris is not None
                                                 else " (panjang berbeda)"))
    return hasil


def jalankan(a: str, b: str) -> tuple[int, list[str]]:
    """`sop bandingkan-situs A B`: exit 0 when every page matches, 1 otherwise, 2 on bad use."""
    pa, pb = Path(a), Path(b)
    for p in (pa, pb):
        if not (p / "index.html").is_file():
            return 2, [f"sop bandingkan-situs: {p} bukan folder situs hasil build (tidak ada "
                       "index.html) — jalankan mkdocs build / properdocs build dulu"]
    beda = beda_situs(pa, pb)
    n = len(_halaman(pa))
    if beda:
        return 1, [*beda, f"{len(beda)} dari {n} halaman berbeda antara {a} dan {b}."]
    return 0, [f"OK — {n} halaman sama persis antara {a} dan {b} (kecuali tag generator)."]
