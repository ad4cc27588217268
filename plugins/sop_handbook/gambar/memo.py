"""Finished drawings (charts, maps, print forms: layout + SVG step done) on disk.

Graphviz's own cache (graphviz.py) keeps SVG by DOT text, but making the DOT, laying out the
print form and post-processing SVG still cost milliseconds per SOP on every build. Here the
finished result is kept under a hash of its input (a SOP's model, a map), the options, the
Graphviz identity and the source of the code that produces it (`versi_kode`: every module of
this package), so a warm build of an unchanged SOP does none of that work, and a change to
the code or to Graphviz can never serve a stale drawing.

A cache is only a cache: each file is "<SHA-256 of the JSON>\n<JSON>" and is used only when
the hash matches and the value has the expected shape (a list of <svg> elements); anything
else is a miss, drawn again, and noted in `rusak` for one log line. The hash finds damage (a
cut-off write, a wrong file), not a forger: whoever can write the cache folder can write the
site too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any


def versi_kode(paket: Path = Path(__file__).parent) -> str:
    """A hash of the code that makes a drawing: every module of this package (found, not
    listed: a new module can never be forgotten) and `model.py`, the shape of the input."""
    h = hashlib.sha256()
    for berkas in [*sorted(paket.glob("*.py")), paket.parent / "model.py"]:
        isi = berkas.read_bytes()
        h.update(f"{berkas.name}\0{len(isi)}\0".encode() + isi)
    return h.hexdigest()[:16]


VERSI_KODE = versi_kode()


def kunci(*bagian: object) -> str:
    """A cache key for values whose `repr` is deterministic (frozen dataclasses, str, int)."""
    h = hashlib.sha256(VERSI_KODE.encode())
    for b in bagian:
        h.update(b"\0" + repr(b).encode("utf-8"))
    return h.hexdigest()


class SvgDisimpan(Sequence[str]):
    """SVG parts left on disk until a page is rendered, so that a build of thousands of SOPs
    never holds every chart and print form in memory at once (they are most of its bytes)."""

    def __init__(self, memo: Memo, k: str, n: int,
                 cocok: Callable[[Any], bool] | None = None) -> None:
        self.memo, self.k, self.n = memo, k, n
        self.cocok = cocok or daftar_svg

    def _isi(self) -> list[str]:
        return self.memo.baca(self.k, self.cocok) or []

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        return self._isi()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._isi())


def daftar_svg(nilai: Any) -> bool:
    """The shape of a memoised drawing: a non-empty list of whole inline <svg> elements."""
    return (isinstance(nilai, list) and bool(nilai) and all(
        isinstance(s, str) and s.startswith("<svg ") and s.endswith("</svg>\n") for s in nilai))


class Memo:
    """JSON values by key in one folder; no folder means no caching (e.g. in unit tests)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.kena = 0
        self.rusak: list[str] = []  # damaged entries met (each a miss), for one log line

    def _berkas(self, k: str) -> Path | None:
        return self.folder / k[:2] / f"{k}.json" if self.folder else None

    def baca(self, k: str, cocok: Callable[[Any], bool] = daftar_svg) -> Any | None:
        """The value under `k` if its file is whole and of the shape `cocok` accepts."""
        berkas = self._berkas(k)
        teks = baca_berhash(berkas, self.rusak) if berkas is not None else None
        if teks is None:
            return None
        try:
            nilai = json.loads(teks)
        except ValueError:
            nilai = None
        if not cocok(nilai):
            self.rusak.append(f"{berkas}: bentuk isi tidak sesuai")
            return None
        return nilai

    def ambil(self, k: str, cocok: Callable[[Any], bool] = daftar_svg) -> Any | None:
        """`baca`, counted as a cache hit."""
        nilai = self.baca(k, cocok)
        if nilai is not None:
            self.kena += 1
        return nilai

    def simpan_svg(self, k: str, svg: list[str],
                   cocok: Callable[[Any], bool] | None = None) -> Sequence[str]:
        """Store SVG parts and hand back what a page needs: a handle that reads them when the
        page is rendered (or the parts themselves when there is no cache folder)."""
        self.simpan(k, svg)
        return self.pegangan(k, svg, cocok)

    def pegangan(self, k: str, svg: list[str],
                 cocok: Callable[[Any], bool] | None = None) -> Sequence[str]:
        """A handle to SVG parts already stored under `k` (the parts if nothing is stored);
        `cocok` checks them again when they are read back (default: `daftar_svg`)."""
        return SvgDisimpan(self, k, len(svg), cocok) if self.folder else tuple(svg)

    def simpan(self, k: str, nilai: Any) -> None:
        """Store `nilai`; a folder that cannot be written only costs the next build time."""
        berkas = self._berkas(k)
        if berkas is None:
            return
        with contextlib.suppress(OSError):
            tulis_berhash(berkas, json.dumps(nilai, ensure_ascii=False))


# --- files that say whether they are whole (the memo's and Graphviz's SVG cache) -----------


def tulis_atomik(berkas: Path, teks: str) -> None:
    """Write via a temporary file, so a build killed midway never leaves half a file."""
    berkas.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=berkas.parent, prefix=".tmp-", suffix=berkas.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(teks)
        os.replace(tmp, berkas)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def tulis_berhash(berkas: Path, teks: str) -> None:
    """`teks` stored as "<SHA-256 of teks>\\n<teks>", atomically; raises OSError."""
    tulis_atomik(berkas, hashlib.sha256(teks.encode("utf-8")).hexdigest() + "\n" + teks)


def baca_berhash(berkas: Path, rusak: list[str]) -> str | None:
    """The text `tulis_berhash` stored, if the file is whole. A missing file is None; an
    unreadable or damaged one is None too, and noted in `rusak` (for one log line)."""
    try:
        hash_, _, teks = berkas.read_text(encoding="utf-8").partition("\n")
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        rusak.append(f"{berkas}: {e}")
        return None
    if hash_ != hashlib.sha256(teks.encode("utf-8")).hexdigest():
        rusak.append(f"{berkas}: isi tidak cocok dengan hash-nya")
        return None
    return teks
