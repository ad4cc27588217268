"""Results of slow pure steps (chart and print-form layout + SVG post-processing) on disk.

Graphviz's own cache (graphviz.py) keeps SVG by DOT text, but making the DOT, laying out the
print form and post-processing SVG still cost milliseconds per SOP on every build. Here the
finished result is kept under a hash of the SOP's model, the options, the Graphviz identity
and the source of the modules that produce it, so a warm build of an unchanged SOP does none
of that work, and a change to the code or to Graphviz can never serve a stale chart.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

_MODUL = ("diagram.py", "graphviz.py", "bagan.py", "formulir.py", "model.py", "memo.py")
VERSI_KODE = hashlib.sha256(
    b"".join((Path(__file__).parent / m).read_bytes() for m in _MODUL)
).hexdigest()[:16]


def kunci(*bagian: object) -> str:
    """A cache key for values whose `repr` is deterministic (frozen dataclasses, str, int)."""
    h = hashlib.sha256(VERSI_KODE.encode())
    for b in bagian:
        h.update(b"\0" + repr(b).encode("utf-8"))
    return h.hexdigest()


class SvgDisimpan(Sequence[str]):
    """SVG parts left on disk until a page is rendered, so that a build of thousands of SOPs
    never holds every chart and print form in memory at once (they are most of its bytes)."""

    def __init__(self, memo: Memo, k: str, n: int) -> None:
        self.memo, self.k, self.n = memo, k, n

    def _isi(self) -> list[str]:
        return self.memo.baca(self.k) or []

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        return self._isi()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._isi())


class Memo:
    """JSON values by key in one folder; no folder means no caching (e.g. in unit tests)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.kena = 0

    def _berkas(self, k: str) -> Path | None:
        return self.folder / k[:2] / f"{k}.json" if self.folder else None

    def baca(self, k: str) -> Any | None:
        berkas = self._berkas(k)
        if berkas is None:
            return None
        try:
            return json.loads(berkas.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def ambil(self, k: str) -> Any | None:
        """`baca`, counted as a cache hit."""
        nilai = self.baca(k)
        if nilai is not None:
            self.kena += 1
        return nilai

    def simpan_svg(self, k: str, svg: list[str]) -> Sequence[str]:
        """Store SVG parts and hand back what a page needs: a handle that reads them when the
        page is rendered (or the parts themselves when there is no cache folder)."""
        self.simpan(k, svg)
        return self.pegangan(k, svg)

    def pegangan(self, k: str, svg: list[str]) -> Sequence[str]:
        """A handle to SVG parts already stored under `k` (the parts if nothing is stored)."""
        return SvgDisimpan(self, k, len(svg)) if self.folder else tuple(svg)

    def simpan(self, k: str, nilai: Any) -> None:
        berkas = self._berkas(k)
        if berkas is None:
            return
        berkas.parent.mkdir(parents=True, exist_ok=True)
        fd, sementara = tempfile.mkstemp(dir=berkas.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(nilai, f, ensure_ascii=False)
            os.replace(sementara, berkas)  # atomic: a killed build never leaves half a file
        except OSError:
            Path(sementara).unlink(missing_ok=True)
