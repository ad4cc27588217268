"""Search cost at scale: Pagefind index size, build time it adds, bytes a reader fetches.

For each N, builds the synthetic handbook (buku_sintetis) with `mkdocs build`, then in
Debian's Chromium opens the home page, runs a first and a second query through the search box
and sums the bytes of the index files fetched for each (files under /pagefind/, as served).

    .venv/bin/python benchmarks/cari.py 500 2000
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from buku_sintetis import buat_sops, tulis_buku

from conftest import sajikan


def ukur_kueri(site: Path, kueri: list[str]) -> list[tuple[int, int]]:
    """(files, bytes) fetched under /pagefind/ for each query, in order, on one page."""
    from playwright.sync_api import sync_playwright

    diambil: list[str] = []
    hasil = []
    with sajikan(site) as url, sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        h = b.new_page()
        h.on("requestfinished", lambda r: diambil.append(r.url) if "/pagefind/" in r.url else None)
        h.goto(f"{url}/")
        h.keyboard.press("/")
        for q in kueri:
            awal = len(diambil)
            h.locator(".sop-cari input").fill(q)
            h.wait_for_selector(f'.sop-cari ol[data-kueri="{q}"]', state="attached")
            baru = diambil[awal:]
            byte = sum((site / u.split("/", 3)[3].split("?")[0]).stat().st_size for u in baru)
            hasil.append((len(baru), byte))
        b.close()
    return hasil


def main() -> None:
    for n in [int(a) for a in sys.argv[1:]] or [500]:
        kerja = Path(tempfile.mkdtemp(prefix=f"cari-{n}-"))
        sops = buat_sops(n)
        buku = tulis_buku(kerja / "buku", sops)
        mulai = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "site"], cwd=buku,
                           capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                                "PATH": "/usr/bin:/bin"})
        total = time.perf_counter() - mulai
        if r.returncode:
            sys.exit(r.stderr[-2000:])
        m = re.search(r"Pagefind\): (\d+) halaman, (\d+) berkas, ([\d.]+) MB, ([\d.]+) s", r.stderr)
        assert m, r.stderr[-2000:]
        site = buku / "site"
        q1 = sops[0][1]["nama"].split()[0]
        q2 = str(sops[n // 2][1]["nomor"]).split("/")[1]
        (f1, b1), (f2, b2) = ukur_kueri(site, [q1, q2])
        print(f"N={n}: pages {m[1]}, index {m[2]} files {m[3]} MB on disk, "
              f"Pagefind {m[4]} s of a {total:.0f} s build; first query {q1!r}: {f1} files "
              f"{b1 / 1e3:.0f} KB; second {q2!r}: {f2} files {b2 / 1e3:.0f} KB", flush=True)
        shutil.rmtree(kerja)


if __name__ == "__main__":
    main()
