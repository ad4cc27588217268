"""Author preview latency: from saving one SOP file to its new page, at N SOPs.

Runs `sop pratinjau`'s server (pratinjau.py) on loopback against a synthetic handbook and
does what a browser does: waits on the change request, then fetches the page. Each edit
changes one step's text of one SOP; the figure is the time from writing the file to having
the page with the new text. Also times a save that breaks the file (until the page shows the
message) and the one that fixes it. Usage: `python benchmarks/pratinjau.py --n 1000`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import buku_sintetis as B

from sop_handbook import pratinjau as P
from sop_handbook.render import Alamat


def ambil(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as r:
        return r.read().decode("utf-8")


def simpan_lalu_tunggu(dasar: str, url: str, berkas: Path, isi: str, cari: str) -> float:
    """Seconds from writing `isi` to a page that contains `cari` (as the page's script does)."""
    versi = ambil(f"{dasar}/__pratinjau/tunggu?v=awal-tak-ada")  # the current version
    t0 = time.perf_counter()
    berkas.write_text(isi, encoding="utf-8")
    ambil(f"{dasar}/__pratinjau/tunggu?v={versi}")
    halaman = ambil(url)
    detik = time.perf_counter() - t0
    if cari not in halaman:
        raise SystemExit(f"the page does not show {cari!r}")
    return detik


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="SOPs in the handbook")
    ap.add_argument("--kali", type=int, default=5, help="edits to time")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kerja = Path(tmp)
        B.tulis_buku(kerja, B.buat_sops(a.n))
        opsi = P.OpsiPratinjau(proyek=kerja, folder_sop=kerja / "sops", site=kerja / "site",
                               alamat=Alamat(), cache_dir=kerja / ".cache/sop-handbook")
        p = P.Pratinjau(opsi)
        t0 = time.perf_counter()
        p.buku()
        muat_awal = time.perf_counter() - t0
        server = P.buat_server(p, port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        dasar = f"http://127.0.0.1:{server.server_address[1]}"
        berkas = sorted((kerja / "sops").rglob("*.yml"))[a.n // 2]
        sop_id = berkas.relative_to(kerja / "sops").with_suffix("").as_posix()
        url = f"{dasar}/{opsi.alamat.sop(sop_id)}"
        t0 = time.perf_counter()
        ambil(url)
        pertama = time.perf_counter() - t0
        asli = berkas.read_text(encoding="utf-8")
        kali = []
        for i in range(a.kali):
            baru = asli.replace("aktivitas: ", f"aktivitas: Langkah diubah {i} ", 1)
            kali.append(simpan_lalu_tunggu(dasar, url, berkas, baru, f"Langkah diubah {i}"))
        rusak = simpan_lalu_tunggu(dasar, url, berkas, asli + "nama_salah: x\n",
                                   "sop-pratinjau-pesan")
        pulih = simpan_lalu_tunggu(dasar, url, berkas, asli, "sop-prosedur")
        server.shutdown()
    print(f"pratinjau, {a.n} SOP ({time.strftime('%Y-%m-%d')}):")
    print(f"  load the handbook once (cold)   {muat_awal:6.2f} s")
    print(f"  first page                      {pertama:6.2f} s")
    print(f"  save -> new page, median of {a.kali}  {statistics.median(kali):6.2f} s "
          f"(min {min(kali):.2f}, max {max(kali):.2f})")
    print(f"  save with an error -> message   {rusak:6.2f} s")
    print(f"  save that fixes it -> page      {pulih:6.2f} s")


if __name__ == "__main__":
    main()
