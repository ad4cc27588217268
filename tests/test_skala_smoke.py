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
    baris = hasil.stdout.splitlines()
    kepala = next(b for b in baris if b.startswith("| n |"))
    data = [b for b in baris if b.startswith("| 20 |")]
    assert len(data) == 1
    r = dict(zip((x.strip() for x in kepala.strip("|").split("|")),
                 (x.strip() for x in data[0].strip("|").split("|")), strict=True))
    assert r["graphviz_hangat"] == "0", "the warm rebuild must start no Graphviz process"
    assert float(r["buku_s"]) > 0 and float(r["dasar_s"]) > 0
    assert 0 < float(r["halaman_rata_kb"]) <= float(r["halaman_maks_kb"])
    # Both sites exist and the handbook has a page per SOP.
    assert len(list((tmp_path / "buku-20/site/sop").rglob("index.html"))) >= 20
    assert (tmp_path / "dasar-20/site/index.html").exists()
