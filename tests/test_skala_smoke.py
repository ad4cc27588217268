"""The scale benchmark's smoke case (N = 20), so the script keeps working between real runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import PROYEK


def test_skala_n20(tmp_path: Path) -> None:
    hasil = subprocess.run(
        [sys.executable, str(PROYEK / "benchmarks/skala.py"), "--n", "20", "--serve", "0",
         "--kerja", str(tmp_path)],
        capture_output=True, text=True, timeout=600)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    baris = [b for b in hasil.stdout.splitlines() if b.startswith("| 20 |")]
    assert len(baris) == 1
    kolom = [x.strip() for x in baris[0].strip("|").split("|")]
    assert kolom[6] == "0", "the warm rebuild must start no Graphviz process"
    assert float(kolom[2]) > 0 and float(kolom[1]) > 0
    # Both sites exist and the handbook has a page per SOP.
    assert len(list((tmp_path / "buku-20/site/sop").rglob("index.html"))) >= 20
    assert (tmp_path / "dasar-20/site/index.html").exists()
