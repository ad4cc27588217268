"""`sop pratinjau`: a SOP page re-rendered from its YAML on every save, shown in Chromium.

The handbook is the test's own (two small SOPs), built once with `mkdocs build` so that the
preview reuses the built site's frame; the browser must see each save without a manual
reload, a broken save as the build's message, and the next good save as the page again.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import mkdocs
from sop_handbook import pratinjau as P
from sop_handbook.cli import buat_parser
from sop_handbook.render import Alamat

SOP = """\
nomor: "UM/{n}"
nama: {nama}
unit: Bagian Umum
tanggal_pembuatan: 2024-01-15
tanggal_efektif: 1 Februari 2024
disahkan_oleh: {{jabatan: Kepala Bagian Umum, nama: Budi}}
dasar_hukum: [Perda 1/2020]
kualifikasi_pelaksana: [Teliti]
keterkaitan: [{terkait}]
peralatan: [Komputer]
peringatan: Surat terlambat.
pencatatan: Agenda surat
pelaksana:
  - {{id: staf, nama: Staf Umum}}
  - {{id: kabag, nama: Kepala Bagian}}
kegiatan:
  - {{aktivitas: {langkah}, pelaksana: staf, output: Surat}}
  - {{aktivitas: Menandatangani surat, pelaksana: kabag, output: Surat bertanda tangan}}
"""


def tulis_sop(p: Path, n: int, nama: str, langkah: str, terkait: str = "") -> None:
    p.write_text(SOP.format(n=n, nama=nama, langkah=langkah, terkait=terkait), encoding="utf-8")


@pytest.fixture
def proyek(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# Buku uji\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Buku uji\ndocs_dir: docs\ntheme: {name: material, language: id, font: false}\n"
        "plugins:\n  - sop-handbook\n", encoding="utf-8")
    (tmp_path / "sops/umum").mkdir(parents=True)
    tulis_sop(tmp_path / "sops/umum/kirim.yml", 1, "Pengiriman Surat", "Menyiapkan surat")
    tulis_sop(tmp_path / "sops/umum/terima.yml", 2, "Penerimaan Surat", "Menerima surat",
              "Pengiriman Surat")
    hasil = mkdocs(tmp_path, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    return tmp_path


@pytest.fixture
def pratinjau(proyek: Path) -> Iterator[str]:
    opsi = P.OpsiPratinjau(proyek=proyek, folder_sop=proyek / "sops", site=proyek / "site",
                           alamat=Alamat(), cache_dir=proyek / ".cache/sop-handbook")
    server = P.buat_server(P.Pratinjau(opsi), port=0)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_simpan_tampil_tanpa_muat_ulang_manual(browser, proyek: Path, pratinjau: str) -> None:
    halaman = browser.new_page()
    galat: list[str] = []
    halaman.on("pageerror", lambda e: galat.append(str(e)))
    halaman.goto(f"{pratinjau}/sop/umum/terima/")
    judul = halaman.locator("article h1")
    expect(judul).to_contain_text("Penerimaan Surat")
    # The built site's frame: Material's header and its stylesheet, our chart drawn fresh.
    assert halaman.locator("header.md-header").count() == 1
    assert halaman.locator("figure.sop-bagan svg").count() >= 1
    # The keterkaitan is a link to the other SOP (links resolved across the handbook).
    expect(halaman.locator("#keterkaitan ~ * a", has_text="Pengiriman Surat").first).to_be_visible()

    berkas = proyek / "sops/umum/terima.yml"
    tulis_sop(berkas, 2, "Penerimaan Surat Dinas", "Mencatat surat di agenda",
              "Pengiriman Surat")
    expect(judul).to_contain_text("Penerimaan Surat Dinas")
    expect(halaman.locator("table.sop-prosedur")).to_contain_text("Mencatat surat di agenda")

    # A save that breaks the file shows the build's message (file and line), not a hang.
    berkas.write_text(berkas.read_text(encoding="utf-8").replace("pelaksana: kabag",
                                                                 "pelaksana: kepala"))
    pesan = halaman.locator(".sop-pratinjau-pesan")
    expect(pesan).to_contain_text("sops/umum/terima.yml:")
    expect(pesan).to_contain_text("kepala")

    # The next good save recovers.
    tulis_sop(berkas, 2, "Penerimaan Surat Pulih", "Menerima surat", "Pengiriman Surat")
    expect(judul).to_contain_text("Penerimaan Surat Pulih")
    assert halaman.locator(".sop-pratinjau-pesan").count() == 0
    assert galat == []
    halaman.close()


def test_sop_baru_dan_tanpa_situs(proyek: Path, pratinjau: str) -> None:
    """A SOP not built yet is previewed in a plain frame; an unknown one is a clear 404."""
    tulis_sop(proyek / "sops/umum/arsip.yml", 3, "Pengarsipan <Surat>", "Mengarsipkan surat")
    with urllib.request.urlopen(f"{pratinjau}/sop/umum/arsip/") as r:
        isi = r.read().decode()
    assert "Pengarsipan &lt;Surat&gt;" in isi and "<Surat>" not in isi
    assert "/__pratinjau/aset/sop.css" in isi
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(f"{pratinjau}/sop/umum/tidak-ada/")
    assert e.value.code == 404
    assert "SOP tidak ditemukan" in e.value.read().decode()


def test_perintah_ada() -> None:
    args = buat_parser().parse_args(["pratinjau", "sops/umum/kirim.yml", "--port", "0"])
    assert (args.perintah, args.path, args.port) == ("pratinjau", "sops/umum/kirim.yml", 0)


def test_dari_folder_unit_mencari_mkdocs_yml_ke_atas(proyek: Path) -> None:
    """Like `sop lint`, `sop pratinjau` finds the project from inside sops/umum/."""
    import subprocess
    import sys

    p = subprocess.Popen([Path(sys.executable).parent / "sop", "pratinjau", "kirim.yml",
                          "--port", "0"], cwd=proyek / "sops/umum", stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        baris = p.stdout.readline() if p.stdout else ""
    finally:
        p.terminate()
        p.wait(timeout=10)
    assert baris.startswith("Pratinjau SOP: buka http://127.0.0.1:"), baris + (
        p.stderr.read() if p.stderr else "")
    assert baris.rstrip().endswith("/sop/umum/kirim/")
