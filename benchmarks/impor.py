"""Documents per minute for `sop import` on the test documents in tests/impor (PDF).

Usage: python benchmarks/impor.py [rounds]   (default 5 rounds over the 6 test PDFs)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sop_handbook.impor import impor_berkas
from sop_handbook.impor.tulis import tulis

BAHAN = Path(__file__).resolve().parent.parent / "tests" / "impor"

if __name__ == "__main__":
    putaran = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    pdfs = sorted(p for p in BAHAN.glob("*.pdf") if p.with_suffix(".yml").exists())
    mulai = time.perf_counter()
    for _ in range(putaran):
        for p in pdfs:
            h = impor_berkas(p)
            tulis(h.data, h.periksa)
    detik = time.perf_counter() - mulai
    n = putaran * len(pdfs)
    print(f"{n} dokumen dalam {detik:.1f} s: {n / detik * 60:.0f} dokumen/menit "
          f"({detik / n * 1000:.0f} ms per dokumen)")
