"""Scale benchmark: the handbook plugin vs plain mkdocs-material on the same SOPs.

Run (one command, a few minutes at the default sizes):

    .venv/bin/python benchmarks/skala.py                 # N = 100, 500, 1000, 2000; serve at 1000
    .venv/bin/python benchmarks/skala.py --n 20 --serve 0   # the smoke case the tests run

Each build is a fresh `mkdocs build` process; its wall time and peak memory (RSS of the
process and its children, e.g. Graphviz) come from the operating system. Ratios are taken in
the same run, because shared machines drift.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from buku_sintetis import buat_sops, tulis_buku, tulis_dasar

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}


@dataclass
class Build:
    detik: float
    rss_mb: float
    log: str


def bangun(folder: Path, *args: str) -> Build:
    """One `mkdocs build` in its own process; wall seconds and peak RSS (incl. children)."""
    shutil.rmtree(folder / "site", ignore_errors=True)
    mulai = time.perf_counter()
    proses = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-d", "site", *args],
                              cwd=folder, env=ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    keluaran = proses.stdout.read() if proses.stdout else ""
    _, status, rusage = os.wait4(proses.pid, 0)
    detik = time.perf_counter() - mulai
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {folder}:\n{keluaran[-3000:]}")
    return Build(detik, rusage.ru_maxrss / 1024, keluaran)


def ukuran_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def proses_graphviz(log: str) -> int:
    """Graphviz processes a build started, from the plugin's own log lines."""
    return sum(int(x) for x in re.findall(r"\((\d+) proses\)", log))


def ukur(n: int, kerja: Path) -> dict[str, float]:
    sops = buat_sops(n)
    buku = tulis_buku(kerja / f"buku-{n}", sops)
    dasar = tulis_dasar(kerja / f"dasar-{n}", buku)
    d = bangun(dasar)
    shutil.rmtree(buku / ".cache", ignore_errors=True)
    dingin = bangun(buku)
    hangat = bangun(buku)
    site = buku / "site"
    halaman = [p.stat().st_size for p in (site / "sop").rglob("index.html")]
    return {
        "n": n,
        "dasar_s": d.detik,
        "buku_s": dingin.detik,
        "per_sop_ms": dingin.detik / n * 1000,
        "rasio": dingin.detik / d.detik,
        "hangat_s": hangat.detik,
        "graphviz_hangat": proses_graphviz(hangat.log),
        "graphviz_dingin": proses_graphviz(dingin.log),
        "rss_mb": max(dingin.rss_mb, hangat.rss_mb),
        "rss_dasar_mb": d.rss_mb,
        "situs_mb": ukuran_mb(site),
        "dasar_situs_mb": ukuran_mb(dasar / "site"),
        "indeks_cari_mb": ukuran_mb(site / "pagefind"),  # Pagefind, fetched in chunks
        "halaman_maks_kb": max(halaman) / 1e3,
    }


def ukur_serve(n: int, kerja: Path, *opsi: str) -> float:
    """Seconds from saving one SOP file to `mkdocs serve` serving the rebuilt page."""
    buku = kerja / f"buku-{n}"
    if not buku.exists():
        tulis_buku(buku, buat_sops(n))
    port = 8765
    proses = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *opsi],
        cwd=buku, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        berkas = next((buku / "sops").rglob("sop-0001.yml"))
        sop_id = berkas.relative_to(buku / "sops").with_suffix("").as_posix()
        url = f"http://127.0.0.1:{port}/sop/{sop_id}/"
        _tunggu(url, lambda isi: True, 600)
        penanda = f"PENANDA-{time.time_ns()}"
        teks = berkas.read_text(encoding="utf-8")
        mulai = time.perf_counter()
        berkas.write_text(teks.replace("- aktivitas: ", f"- aktivitas: {penanda} ", 1),
                          encoding="utf-8")
        _tunggu(url, lambda isi: penanda in isi, 600)
        return time.perf_counter() - mulai
    finally:
        proses.terminate()
        proses.wait(30)


def _tunggu(url: str, cocok, batas: float) -> None:
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if cocok(r.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)  # polling a local server, bounded by `batas`
    raise SystemExit(f"{url} not ready within {batas} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", default="100,500,1000,2000", help="handbook sizes, comma-separated")
    ap.add_argument("--serve", type=int, default=1000, help="size for the serve test (0: skip)")
    ap.add_argument("--kerja", help="work folder (default: a temporary one)")
    args = ap.parse_args()
    kerja = Path(args.kerja) if args.kerja else Path(tempfile.mkdtemp(prefix="skala-"))
    print(f"# {os.cpu_count()} cores, Python {sys.version.split()[0]}, work folder {kerja}")
    kolom = ("n", "dasar_s", "buku_s", "per_sop_ms", "rasio", "hangat_s", "graphviz_hangat",
             "rss_mb", "rss_dasar_mb", "situs_mb", "dasar_situs_mb", "indeks_cari_mb",
             "halaman_maks_kb")
    print("| " + " | ".join(kolom) + " |")
    print("|" + " --- |" * len(kolom))
    hasil = []
    for n in (int(x) for x in args.n.split(",")):
        r = ukur(n, kerja)
        hasil.append(r)
        print("| " + " | ".join(f"{r[k]:.2f}" if isinstance(r[k], float) else str(r[k])
                                for k in kolom) + " |", flush=True)
    if len(hasil) >= 2:
        a, b = hasil[-1], next((h for h in hasil if h["n"] == 500), hasil[0])
        print(f"seconds per SOP at {a['n']} / at {b['n']}: "
              f"{a['per_sop_ms'] / b['per_sop_ms']:.2f}")
    if args.serve:
        print(f"serve reload at {args.serve} SOPs: {ukur_serve(args.serve, kerja):.2f} s "
              f"(mkdocs serve), {ukur_serve(args.serve, kerja, '--dirty'):.2f} s "
              "(mkdocs serve --dirty)")
    resource.getrusage(resource.RUSAGE_SELF)


if __name__ == "__main__":
    main()
