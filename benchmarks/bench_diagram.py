"""How fast are the charts? ms per diagram: one Graphviz process each vs batched vs warm cache;
and how many bytes a chart and a print-form page put into the HTML (the one SVG step, svg.py).

Run: .venv/bin/python benchmarks/bench_diagram.py [number-of-sops]

Decides how `graphviz.Graphviz` runs Graphviz: starting a process costs far more than
drawing one of our charts, so sources are sent in batches, one process per core.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sop_handbook.gambar import formulir
from sop_handbook.gambar.dot import ke_dot
from sop_handbook.gambar.graphviz import Graphviz
from sop_handbook.gambar.lajur import tata_letak
from sop_handbook.gambar.svg import svg_halaman
from sop_handbook.model import Keputusan, Langkah, Pelaksana, Penandatangan, Posisi, Sop

KATA = [
    "menerima", "memeriksa", "berkas", "permohonan", "surat", "disposisi", "kepala",
    "menandatangani", "mengarsipkan", "data", "kinerja", "laporan", "verifikasi",
]  # fmt: skip


def contoh_sop(i: int, rnd: random.Random) -> Sop:
    """A SOP of realistic size: 2-8 lanes, 5-30 steps, some decisions and loops."""
    pos = Posisi(f"sops/bench-{i}.yml")
    lanes = tuple(Pelaksana(f"l{k}", " ".join(rnd.choices(KATA, k=3)), pos)
                  for k in range(rnd.randint(2, 8)))
    n = rnd.randint(5, 30)
    kegiatan = []
    for nomor in range(1, n + 1):
        keputusan = None
        if nomor > 2 and nomor < n and rnd.random() < 0.15:
            keputusan = Keputusan(nomor + 1, rnd.randint(1, nomor - 1))
        kegiatan.append(Langkah(nomor, " ".join(rnd.choices(KATA, k=rnd.randint(3, 20))),
                                (rnd.choice(lanes).id,), pos, keputusan=keputusan))
    return Sop(
        id=f"bench-{i}", berkas=pos.berkas, posisi=pos, nomor=f"{i}/B", nomor_tertulis=f"{i}/B",
        nama=f"SOP {i}", unit="Unit", tanggal_pembuatan=dt.date(2024, 1, 1),
        tanggal_efektif=None, disahkan_oleh=Penandatangan("Kepala", "Nama"), dasar_hukum=(),
        kualifikasi_pelaksana=(), keterkaitan=(), peralatan=(), peringatan="", pencatatan=(),
        pelaksana=lanes, kegiatan=tuple(kegiatan))


def ukur(nama: str, n: int, fungsi) -> float:
    mulai = time.perf_counter()
    fungsi()
    ms = (time.perf_counter() - mulai) * 1000
    print(f"{nama:<44} {ms:8.1f} ms total  {ms / n:6.2f} ms/diagram")
    return ms


def main() -> None:
    jumlah = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    rnd = random.Random(35)
    sops = [contoh_sop(i, rnd) for i in range(jumlah)]
    sumber: list[str] = []

    def buat_dot() -> None:
        sumber.extend(ke_dot(b, s.id) for s in sops for b in tata_letak(s))

    n = len(sops)
    print(f"{n} diagrams, Graphviz: {Graphviz().version()}")
    ukur("layout + DOT (pure Python)", n, buat_dot)

    def satu_per_proses() -> None:
        gv = Graphviz(None)
        for s in sumber:
            assert gv.render(s).ok

    def satu_per_proses_paralel() -> None:
        gv = Graphviz(None)
        with ThreadPoolExecutor(2) as pool:
            assert all(h.ok for h in pool.map(gv.render, sumber))

    def batch(jobs: int) -> None:
        gv = Graphviz(None, jobs=jobs)
        assert all(h.ok for h in gv.render_many(sumber))

    ukur("one process per diagram", n, satu_per_proses)
    ukur("one process per diagram, 2 threads", n, satu_per_proses_paralel)
    ukur("batched, 1 process", n, lambda: batch(1))
    ukur("batched, 2 processes (default)", n, lambda: batch(2))

    with tempfile.TemporaryDirectory() as tmp:
        Graphviz(Path(tmp)).render_many(sumber)
        hangat = Graphviz(Path(tmp))  # the next build: new object, same cache folder

        def cache() -> None:
            assert all(h.dari_cache for h in hangat.render_many(sumber))

        ukur("warm cache (next build)", n, cache)
        print(f"Graphviz processes started on the warm build: {hangat.runs}")
    ukur_bytes(sops)


def ukur_bytes(sops: list[Sop]) -> None:
    """Bytes per drawing as Graphviz writes it and as it goes into the page, and the time of
    the SVG step (parse, sanitise, trim) per drawing."""
    gv = Graphviz(None)
    bagian = [b for s in sops for b in tata_letak(s)]
    mentah = [h.svg or "" for h in gv.render_many([ke_dot(b, "bagan") for b in bagian])]
    mulai = time.perf_counter()
    jadi = [svg_halaman(svg, b, "bagan") for svg, b in zip(mentah, bagian, strict=True)]
    ms = (time.perf_counter() - mulai) * 1000 / len(jadi)
    rata, halaman = (sum(map(len, x)) / len(x) for x in (mentah, jadi))
    print(f"{'chart':<16} Graphviz SVG {rata:8.0f} B   in the page {halaman:8.0f} B"
          f"   SVG step {ms:5.2f} ms  ({len(jadi)} drawings)")
    # The printed form is written as SVG directly (no Graphviz, no SVG step).
    lembar = [lb for s in sops for lb in formulir.tata_formulir(s, "F4", 0)]
    mulai = time.perf_counter()
    jadi = [formulir.svg_lembar(lb) for lb in lembar]
    ms = (time.perf_counter() - mulai) * 1000 / len(jadi)
    print(f"{'print-form page':<16} in the page {sum(map(len, jadi)) / len(jadi):8.0f} B"
          f"   written in {ms:5.2f} ms  ({len(jadi)} pages)")


if __name__ == "__main__":
    main()
