"""What does the site-plan check cost? ms for N synthetic SOPs (load excluded).

Run: .venv/bin/python benchmarks/bench_rencana.py [number-of-sops]

rencana.periksa_situs runs on every build and `sop lint` before MkDocs touches site_dir; it
must stay linear in the number of generated pages.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from buku_sintetis import buat_sops, tulis_buku

from sop_handbook import rencana
from sop_handbook.diagnostics import Laporan
from sop_handbook.indexes import slug_unit, susun_indeks
from sop_handbook.load import muat
from sop_handbook.render import Alamat


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = tulis_buku(Path(tmp), buat_sops(n))
        buku = muat(folder, Path(tmp))
        indeks = susun_indeks(buku.sops, dt.date(2025, 1, 1))
        for ulang in range(3):
            t0 = time.perf_counter()
            alamat = Alamat()
            alamat.tetapkan_unit(slug_unit(buku.sops))
            lap = Laporan()
            rencana.periksa_situs(buku.sops, indeks, alamat, rencana.OpsiSitus(), lap,
                                  ada_peta=True)
            ms = (time.perf_counter() - t0) * 1000
            print(f"{n} SOP, run {ulang + 1}: {ms:.1f} ms "
                  f"({ms / max(n, 1):.3f} ms/SOP), {len(lap.semua)} diagnostics")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
