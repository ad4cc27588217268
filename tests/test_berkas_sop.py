"""File discovery under sops/: nothing is skipped in silence, and lint and build agree.

Each case is a real folder (symlinks, a FIFO, an unreadable folder) linted with the real `sop`
command and built with the real `mkdocs build`: both must give the same messages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs, salin_proyek, teks_halaman

SOP = """\
nomor: "UM/{n}"
nama: Pengiriman Surat {n}
unit: Bagian Umum
tanggal_pembuatan: 2024-01-15
tanggal_efektif: 1 Februari 2024
disahkan_oleh: {{jabatan: Kepala Bagian Umum, nama: Budi}}
dasar_hukum: [Perda 1/2020]
kualifikasi_pelaksana: [Teliti]
keterkaitan: []
peralatan: [Komputer]
peringatan: Surat terlambat.
pencatatan: Agenda surat
pelaksana: [Staf]
kegiatan: [{{aktivitas: Menyusun surat, pelaksana: Staf}}]
"""


def proyek(tmp_path: Path, berkas: dict[str, str]) -> Path:
    """A copy of the sample project whose sops/ holds only `berkas` (name → nomor)."""
    p = salin_proyek(tmp_path / "proyek", sops=False)
    for nama, n in berkas.items():
        f = p / "sops" / nama
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(SOP.format(n=n), encoding="utf-8")
    return p


def lint(folder: Path, awalan: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*awalan, sys.executable, "-m", "sop_handbook.cli", "lint"],
                          cwd=folder, capture_output=True, text=True, timeout=120)


def sepakat(folder: Path, awalan: tuple[str, ...] = ()) -> list[str]:
    """Lint and build `folder`; both must fail with the same messages and write no site.
    Returns the messages."""
    hasil = lint(folder, awalan)
    assert hasil.returncode == 1 and "Traceback" not in hasil.stdout + hasil.stderr
    pesan = hasil.stdout.splitlines()[:-1]
    if awalan:
        bangun = subprocess.run(
            [*awalan, sys.executable, "-m", "mkdocs", "build", "-d", "site"], cwd=folder,
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    else:
        bangun = mkdocs(folder, "build", "-d", "site")
    assert bangun.returncode == 1 and "Traceback" not in bangun.stderr
    for baris in pesan:
        assert baris in bangun.stderr
    assert not (folder / "site").exists()
    return pesan


def test_ekstensi_huruf_besar_dibaca_dan_kembaran_dilaporkan(tmp_path: Path) -> None:
    p = proyek(tmp_path, {"a.YML": "01", "b/c.Yaml": "02"})
    assert lint(p).stdout == "OK — 0 galat, 0 peringatan.\n"
    hasil = mkdocs(p, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert "Pengiriman Surat 01" in teks_halaman((p / "site/sop/a/index.html").read_text())
    assert (p / "site/sop/b/c/index.html").is_file()
    shutil.rmtree(p / "site")
    (p / "sops/a.yml").write_text(SOP.format(n="03"), encoding="utf-8")
    assert sepakat(p) == [
        "sops/a.yml: galat[duplicate-file]: berkas ini dan sops/a.YML sama-sama menjadi SOP 'a' "
        "— hapus salah satunya, atau ganti nama berkasnya"]


def test_tautan_simbolik_tidak_diikuti_dan_dilaporkan(tmp_path: Path) -> None:
    p = proyek(tmp_path, {"a.yml": "01"})
    luar = tmp_path / "luar"
    luar.mkdir()
    (luar / "x.yml").write_text(SOP.format(n="09"), encoding="utf-8")
    (p / "sops/keluar.yml").symlink_to(luar / "x.yml")  # absolute target: out of sops/
    (p / "sops/folder-luar").symlink_to("../../luar")
    (p / "sops/salinan.yml").symlink_to("a.yml")
    (p / "sops/rusak.yml").symlink_to("tidak-ada.yml")
    (p / "sops/gambar.png").symlink_to(luar / "x.yml")  # not YAML, not a folder: ignored
    (p / "sops/putar").symlink_to("putar")
    pesan = sepakat(p)
    assert pesan == [
        "sops/folder-luar: galat[symlink]: tautan simbolik menuju ke luar folder SOP "
        "('../../luar'); tidak diikuti — salin berkas atau folder itu ke dalam folder SOP; "
        "isi di luar buku tidak ikut terbit",
        f"sops/keluar.yml: galat[symlink]: tautan simbolik menuju ke luar folder SOP "
        f"('{luar / 'x.yml'}'); tidak diikuti — salin berkas atau folder itu ke dalam folder "
        f"SOP; isi di luar buku tidak ikut terbit",
        "sops/putar: galat[broken-symlink]: tautan simbolik rusak: tujuannya 'putar' "
        "melingkar — hapus tautan itu, atau salin berkas SOP-nya langsung ke folder ini",
        "sops/rusak.yml: galat[broken-symlink]: tautan simbolik rusak: tujuannya "
        "'tidak-ada.yml' tidak ada — hapus tautan itu, atau salin berkas SOP-nya langsung ke "
        "folder ini",
        "sops/salinan.yml: galat[symlink]: tautan simbolik di dalam folder SOP ('a.yml') tidak "
        "diikuti, agar SOP yang sama tidak terbit dua kali — hapus tautan itu; untuk alamat "
        "lama SOP yang dipindah, tulis 'id_lama' di SOP-nya",
    ]
    # Linting just the link, or the folder, tells the same (not the file it points to).
    for arg, n in (("sops/keluar.yml", 1), ("sops", 5), ("sops/", 5)):
        hasil = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint", arg], cwd=p,
                               capture_output=True, text=True, timeout=120)
        assert hasil.returncode == 1 and hasil.stdout.splitlines()[:-1] == (
            pesan if n == 5 else [pesan[1]]), arg


def test_fifo_bukan_berkas_biasa(tmp_path: Path) -> None:
    """A FIFO named .yml would block the build forever if read; it is reported instead."""
    p = proyek(tmp_path, {"a.yml": "01"})
    os.mkfifo(p / "sops/pipa.yml")
    assert sepakat(p) == [
        "sops/pipa.yml: galat[not-a-file]: 'pipa.yml' bukan berkas biasa (FIFO) — hapus, atau "
        "ganti dengan berkas YAML biasa"]
    os.mkfifo(tmp_path / "luar.yml")  # named on the command line, outside the handbook
    hasil = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint", "../luar.yml"],
                           cwd=p, capture_output=True, text=True, timeout=120)
    assert hasil.returncode == 1 and hasil.stdout.startswith(
        "../luar.yml:1:1: galat[not-a-file]: bukan berkas biasa")


def test_folder_tak_terbaca(tmp_path: Path) -> None:
    """chmod 000 does not stop root: as root, lint and build run with the capabilities that
    bypass file permissions dropped (setpriv), as an ordinary user would."""
    awalan: tuple[str, ...] = ()
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("setpriv (util-linux) is needed to read as root without DAC override")
        awalan = (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")
    p = proyek(tmp_path, {"a.yml": "01", "rahasia/b.yml": "02"})
    (p / "sops/rahasia").chmod(0)
    try:
        assert sepakat(p, awalan) == [
            "sops/rahasia/: galat[unreadable]: folder tidak dapat dibaca: izin ditolak (EACCES) "
            "— beri izin baca pada folder itu (mis. chmod a+rx) atau pindahkan ke luar folder "
            "SOP; SOP di dalamnya tidak dimuat"]
        (p / "sops/rahasia").chmod(0o755)
        (p / "sops/rahasia/b.yml").chmod(0)
        assert sepakat(p, awalan) == [
            "sops/rahasia/b.yml:1:1: galat[unreadable]: berkas tidak dapat dibaca: izin ditolak "
            "(EACCES) — periksa izin berkas itu (mis. chmod a+r)"]
    finally:
        (p / "sops/rahasia").chmod(0o755)
        (p / "sops/rahasia/b.yml").chmod(0o644)


def test_halaman_tanpa_jalur_mutlak(tmp_path: Path) -> None:
    """SOPs kept outside the project folder (sops_dir: ../...) are shown by a relative path."""
    p = proyek(tmp_path, {})
    (tmp_path / "bersama/sops").mkdir(parents=True)
    (tmp_path / "bersama/sops/a.yml").write_text(SOP.format(n="01"), encoding="utf-8")
    cfg = p / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("sops_dir: sops", "sops_dir: ../bersama/sops"))
    hasil = mkdocs(p, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    for f in (p / "site").rglob("*"):
        if f.is_file() and f.suffix in (".html", ".json", ".xml", ".svg"):
            assert str(tmp_path) not in f.read_text(encoding="utf-8"), f
    assert "Berkas sumber ../bersama/sops/a.yml" in teks_halaman(
        (p / "site/sop/a/index.html").read_text())
