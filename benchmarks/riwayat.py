"""History cost: "Riwayat perubahan" for N SOPs with R revisions each, in a real git repository.

Builds a synthetic handbook (buku_sintetis), commits it, then R-1 more commits that each change
one step of every SOP (waktu, a reworded step, a step added), and times `riwayat.susun_riwayat`
(the build's and `sop lint`'s work): cold (no memo), and warm (memo from the cold run). Prints
git processes and revisions parsed, so the figure says where the time goes.
Usage: `python benchmarks/riwayat.py --n 100 --r 3`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
import buku_sintetis as B

from sop_handbook import load, riwayat
from sop_handbook.diagnostics import Laporan
from sop_handbook.gambar import Memo

ENV = {**os.environ, "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "b@contoh.id",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "b@contoh.id"}


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, env=ENV, check=True, capture_output=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--r", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proyek = B.tulis_buku(Path(tmp) / "buku", B.buat_sops(a.n))
        folder = proyek / "sops"
        git(proyek, "init", "-q")
        git(proyek, "add", "-A")
        git(proyek, "commit", "-q", "-m", "awal")
        for r in range(1, a.r):
            for berkas in folder.rglob("*.yml"):
                data = yaml.safe_load(berkas.read_text(encoding="utf-8"))
                lk = data["kegiatan"]
                lk[0]["waktu"] = f"{r + 1} jam"
                lk[-1]["aktivitas"] += " kembali"
                lk.append({"aktivitas": f"Langkah tambahan {r}", "pelaksana": lk[0]["pelaksana"]})
                berkas.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                  encoding="utf-8")
            git(proyek, "add", "-A")
            git(proyek, "commit", "-q", "-m", f"revisi {r}")
        buku = load.muat(folder, proyek)
        muat = riwayat.pemuat(proyek, folder, buku.bawaan)
        for label, memo in (("dingin (tanpa memo)", Memo(proyek / "memo")),
                            ("hangat (memo)", Memo(proyek / "memo"))):
            t = time.perf_counter()
            hasil = riwayat.susun_riwayat(buku.sops, proyek, folder, muat, memo, Laporan())
            dt = time.perf_counter() - t
            jumlah = sum(len(x.revisi) for x in hasil.per_sop.values())
            print(f"{a.n} SOP x {a.r} revisi, {label}: {dt:.2f} s; {hasil.git} proses git, "
                  f"{hasil.diurai} revisi diurai, {jumlah} revisi ditampilkan")


if __name__ == "__main__":
    main()
