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


class Memo:
    """JSON values by key in one folder; no folder means no caching (e.g. in unit tests)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.kena = 0

    def _berkas(self, k: str) -> Path | None:
        return self.folder / k[:2] / f"{k}.json" if self.folder else None

    def ambil(self, k: str) -> Any | None:
        berkas = self._berkas(k)
        if berkas is None:
            return None
        try:
            nilai = json.loads(berkas.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        self.kena += 1
        return nilai

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
