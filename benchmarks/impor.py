"""Documents per minute for `sop import`: on the test documents in tests/impor (PDF), or on
every PDF/.docx in a folder (e.g. the real agency documents listed in tests/impor/nyata/).

Usage: python benchmarks/impor.py [--folder DIR] [rounds]   (default 5 rounds)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sop_handbook.impor import impor_berkas
from sop_handbook.impor.bahan import BukanSop
from sop_handbook.impor.tulis import tulis

BAHAN = Path(__file__).resolve().parent.parent / "tests" / "impor"

if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rounds", nargs="?", type=int, default=5)
    ap.add_argument("--folder", type=Path, default=None)
    args = ap.parse_args()
    if args.folder:
        dok = sorted(p for p in args.folder.rglob("*") if p.suffix.lower() in (".pdf", ".docx"))
    else:
        dok = sorted(p for p in BAHAN.glob("*.pdf") if p.with_suffix(".yml").exists())
    mulai = time.perf_counter()
    for _ in range(args.rounds):
        for p in dok:
            try:
                h = impor_berkas(p)
            except BukanSop:
                continue
            tulis(h.data, h.periksa)
    detik = time.perf_counter() - mulai
    n = args.rounds * len(dok)
    print(f"{n} dokumen dalam {detik:.1f} s: {n / detik * 60:.0f} dokumen/menit "
          f"({detik / n * 1000:.0f} ms per dokumen)")
