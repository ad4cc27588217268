"""Worst-case inputs: what one hostile (or careless) file costs a build.

Run (about half a minute):

    .venv/bin/python benchmarks/terburuk.py

Each case is a fresh one-SOP handbook (plus one normal SOP) built by its own `mkdocs build`
process; wall seconds and peak RSS (of the build and its children, e.g. Graphviz, from the
operating system's rusage of that process) are printed with the outcome. Target: each case
at most 5 s and 500 MB; the baseline row (two normal SOPs) is what any build of this size
costs on the machine at the time. The cases come from issue K:

- a 10,000-letter word in `aktivitas` (label wrapping was cubic: 300+ s);
- a 907 KB file that reuses one long text through 190 YAML aliases (was 382 s, 11.8 GB);
- a 3 GB file (sparse: made with truncate, nothing written; deleted afterwards);
- 20,000 plain steps, no aliases (were reported as an "alias-bomb");
- Graphviz hanging on one SOP's drawings, and on every drawing: a fake `neato` first on PATH
  (the hanging drawings cost one `graphviz_timeout`, set to 1 s here, each).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROYEK = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}

KEPALA = """\
nomor: "UM/{n:02d}"
nama: Pengiriman Surat {n}
unit: Bagian Umum
tanggal_pembuatan: 2024-01-15
tanggal_efektif: 1 Februari 2024
disahkan_oleh: {{jabatan: Kepala Bagian Umum, nama: Budi Santoso}}
dasar_hukum: [Peraturan Daerah Nomor 1 Tahun 2020]
kualifikasi_pelaksana: [Memahami tata naskah dinas]
keterkaitan: []
peralatan: [Komputer]
peringatan: Surat terlambat dikirim.
pencatatan: Agenda surat
pelaksana: [Staf Umum, Kepala Bagian]
"""

NORMAL = KEPALA.format(n=1) + """\
kegiatan:
  - {aktivitas: Menyusun draft surat, pelaksana: Staf Umum, waktu: 1 jam}
  - {aktivitas: Memeriksa draft surat, pelaksana: Kepala Bagian, keputusan: {tidak: 1}}
  - {aktivitas: Mengirim surat, pelaksana: Staf Umum, waktu: 1 hari}
"""


@dataclass
class Hasil:
    detik: float
    rss_mb: float
    kode: int
    log: str


def bangun(proyek: Path, path: str | None = None) -> Hasil:
    """One `mkdocs build` in its own process; wall seconds and peak RSS (incl. children)."""
    env = {**ENV, "PATH": path} if path else ENV
    mulai = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-d", "site"], cwd=proyek,
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = p.stdout.read() if p.stdout else ""
    _, status, rusage = os.wait4(p.pid, 0)
    return Hasil(time.perf_counter() - mulai, rusage.ru_maxrss / 1024,
                 os.waitstatus_to_exitcode(status), log)


def proyek_baru(akar: Path, nama: str, isi: str | None, opsi: str = "") -> Path:
    proyek = akar / nama
    (proyek / "sops").mkdir(parents=True)
    shutil.copytree(PROYEK / "docs_src", proyek / "docs_src")
    cfg = (PROYEK / "mkdocs.yml").read_text(encoding="utf-8")
    (proyek / "mkdocs.yml").write_text(
        cfg.replace("sops_dir: sops", "sops_dir: sops" + opsi), encoding="utf-8")
    (proyek / "sops" / "normal.yml").write_text(NORMAL, encoding="utf-8")
    if isi is not None:
        (proyek / "sops" / "uji.yml").write_text(isi, encoding="utf-8")
    return proyek


def kata_panjang() -> str:
    kata = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    return KEPALA.format(n=2) + f"""\
kegiatan:
  - {{aktivitas: {kata}, pelaksana: Staf Umum}}
  - {{aktivitas: Memeriksa, pelaksana: Kepala Bagian}}
"""


def alias_panjang() -> str:
    """907 KB: one text of ~895,000 characters, then 190 steps that reuse it by alias."""
    teks = " ".join(["Periksa kelengkapan berkas sebelum diteruskan ke pimpinan"] * 15_430)
    langkah = "".join(f"  - {{aktivitas: Langkah {i}, pelaksana: Staf Umum, keterangan: *t}}\n"
                      for i in range(190))
    return (KEPALA.format(n=2) + f'catatan: &t "{teks}"\n'
            + "kegiatan:\n  - {aktivitas: Mulai, pelaksana: Kepala Bagian}\n" + langkah)


def langkah_polos() -> str:
    langkah = "".join(f"  - {{aktivitas: L{i}, pelaksana: Staf Umum}}\n" for i in range(20_000))
    return KEPALA.format(n=2) + "kegiatan:\n" + langkah


def neato_palsu(folder: Path, tanda: str | None) -> str:
    """A fake `neato` hanging on graphs that contain `tanda` (None: on every graph), drawing
    the others with the real one as Graphviz does (one SVG per graph, written when done).
    Returns a PATH with it first."""
    asli = shutil.which("neato")
    assert asli, "Graphviz is needed: run ./setup.sh"
    folder.mkdir(parents=True, exist_ok=True)
    skrip = folder / "neato"
    skrip.write_text(f"""#!{sys.executable}
import re, subprocess, sys, threading
if "-V" in sys.argv:
    sys.exit(subprocess.run([{asli!r}, "-V"]).returncode)
for graf in re.split(r"\\n(?=digraph\\b)", sys.stdin.read()):
    if {tanda!r} is None or {tanda!r} in graf:
        threading.Event().wait()  # hang until killed
    p = subprocess.run([{asli!r}, *sys.argv[1:]], input=graf.encode(), capture_output=True)
    sys.stdout.buffer.write(p.stdout)
    sys.stdout.flush()
""", encoding="utf-8")
    skrip.chmod(0o755)
    return f"{folder}:{os.environ.get('PATH', '')}"


def hasil_singkat(h: Hasil) -> str:
    """The outcome in a few words: built (with notices) or the first error message."""
    galat = re.search(r"galat\[([\w-]+)\]: ([^—\n]*)", h.log)
    if h.kode != 0:
        return f"refused: [{galat[1]}] {galat[2].strip()}" if galat else "failed: " + h.log[-200:]
    habis = len(re.findall(r"WARNING.*waktu habis", h.log))
    return "built" + (f", {habis} drawing(s) given up (waktu habis)" if habis else "")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="terburuk-") as tmp:
        akar = Path(tmp)
        kasus: list[tuple[str, Callable[[], tuple[Path, str | None]]]] = []

        def biasa(nama: str, isi: str) -> Callable[[], tuple[Path, str | None]]:
            return lambda: (proyek_baru(akar, nama, isi), None)

        def raksasa() -> tuple[Path, str | None]:
            proyek = proyek_baru(akar, "3gb", None)
            with (proyek / "sops" / "uji.yml").open("wb") as f:
                f.truncate(3 * 1024**3)  # sparse: no data written
            return proyek, None

        def macet(tanda: str | None, nama: str) -> Callable[[], tuple[Path, str | None]]:
            def buat() -> tuple[Path, str | None]:
                isi = kata_panjang().replace("aktivitas: Memeriksa", "aktivitas: GANTUNG")
                proyek = proyek_baru(akar, nama, isi, "\n      graphviz_timeout: 1")
                return proyek, neato_palsu(akar / f"bin-{nama}", tanda)
            return buat

        kasus = [
            ("baseline: two normal SOPs", biasa("dasar", NORMAL.replace("UM/01", "UM/02")
                                                .replace("Surat 1", "Surat 2"))),
            ("10,000-letter word in aktivitas", biasa("kata", kata_panjang())),
            ("907 KB file, one text aliased 190 times", biasa("alias", alias_panjang())),
            ("3 GB file (sparse)", raksasa),
            ("20,000 plain steps, no aliases", biasa("langkah", langkah_polos())),
            ("Graphviz hangs on one SOP's drawings", macet("GANTUNG", "macet-satu")),
            ("Graphviz hangs on every drawing", macet(None, "macet-semua")),
        ]
        print(f"{'case':44} {'file':>9} {'s':>6} {'RSS MB':>7}  outcome")
        for judul, buat in kasus:
            proyek, path = buat()
            besar = (proyek / "sops" / "uji.yml").stat().st_size
            h = bangun(proyek, path)
            print(f"{judul:44} {besar / 1e6:>7.2f}MB {h.detik:>6.2f} {h.rss_mb:>7.0f}  "
                  f"{hasil_singkat(h)}", flush=True)
            shutil.rmtree(proyek)  # the 3 GB file goes here, before the next case


if __name__ == "__main__":
    main()
