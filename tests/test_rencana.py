"""The site plan (rencana.py): hostile names, prefixes and values either build a correct site or
stop the build before MkDocs touches site_dir, leaving the previous site byte-identical."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from conftest import mkdocs, salin_proyek
from sop_handbook import cli, rencana
from sop_handbook.diagnostics import Laporan
from sop_handbook.indexes import buat_slug, slug_unik, slug_unit, susun_indeks
from sop_handbook.load import muat
from sop_handbook.render import Alamat

SOP = """\
nomor: "{nomor}"
nama: {nama}
unit: {unit}
{lain}tanggal_pembuatan: 2024-01-15
tanggal_efektif: {efektif}
disahkan_oleh:
  jabatan: Kepala Bagian Umum
  nama: Budi Santoso
dasar_hukum: [Peraturan Daerah Nomor 1 Tahun 2020]
kualifikasi_pelaksana: [Memahami tata naskah dinas]
keterkaitan: []
peralatan: [Komputer]
peringatan: Surat terlambat dikirim.
pencatatan: Agenda surat
pelaksana: [Staf Umum, Kepala Bagian]
kegiatan:
  - aktivitas: Menyusun draft surat
    pelaksana: Staf Umum
  - aktivitas: Memeriksa draft surat
    pelaksana: Kepala Bagian
    keputusan: {{tidak: {tidak}}}
  - aktivitas: Menandatangani surat
    pelaksana: Kepala Bagian
"""


def tulis_sop(proyek: Path, nama_berkas: str, nama: str, unit: str = "Bagian Umum", *,
              nomor: str | None = None, lain: str = "", efektif: str = "2024-02-01",
              tidak: str = "1") -> None:
    p = proyek / "sops" / nama_berkas
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(SOP.format(nomor=nomor or f"UM/{nama_berkas}", nama=nama, unit=unit,
                            lain=lain, efektif=efektif, tidak=tidak), encoding="utf-8")


def proyek_kecil(tujuan: Path) -> Path:
    """The sample config and docs with two small SOPs of our own (charts off: faster)."""
    proyek = salin_proyek(tujuan, sops=False)
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("      sops_dir: sops",
                                           "      sops_dir: sops\n      diagram: false"))
    tulis_sop(proyek, "umum/surat.yml", "Pengiriman Surat")
    tulis_sop(proyek, "umum/arsip.yml", "Penyimpanan Arsip")
    return proyek


def opsi_tambah(proyek: Path, baris: str) -> None:
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("      sops_dir: sops",
                                           f"      sops_dir: sops\n{baris}"))


def _isi(situs: Path) -> dict[str, bytes]:
    return {p.relative_to(situs).as_posix(): p.read_bytes()
            for p in sorted(situs.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def dibangun(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proyek = proyek_kecil(tmp_path_factory.mktemp("rencana"))
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    return proyek


def _rusak_id_lama(p: Path) -> None:
    tulis_sop(p, "umum/surat.yml", "Pengiriman Surat", lain=f"id_lama: [umum/{'a' * 300}]\n")


# (name, change to the project, message code that lint and the build give)
KASUS_GALAT = [
    ("prefix-indeks", lambda p: opsi_tambah(p, "      url_prefix: dasar-hukum"), "bad-prefix"),
    ("prefix-keluar", lambda p: opsi_tambah(p, "      url_prefix: ../x"), "bad-prefix"),
    ("unit-keluar", lambda p: opsi_tambah(p, "      unit_prefix: ../../x"), "bad-prefix"),
    ("prefix-sama", lambda p: opsi_tambah(p, "      unit_prefix: sop"), "bad-prefix"),
    ("logo-hilang", lambda p: opsi_tambah(p, "      logo: gambar/logo.png"), "bad-logo"),
    ("id-lama-panjang", _rusak_id_lama, "name-too-long"),
    ("docs-bertabrakan", lambda p: (p / "docs_src/unit").mkdir() or
     (p / "docs_src/unit/bagian-umum.md").write_text("# Tabrakan\n"), "page-collision"),
    ("tahun-9997", lambda p: tulis_sop(p, "umum/surat.yml", "Pengiriman Surat",
                                       efektif="9997-01-01"), "bad-date"),
    ("lompatan-5000-digit", lambda p: tulis_sop(p, "umum/surat.yml", "Pengiriman Surat",
                                                tidak="1" * 5000), "bad-jump"),
    ("review-negatif", lambda p: opsi_tambah(p, "      review_months: -5"), "bad-option"),
    ("review-besar", lambda p: opsi_tambah(p, "      review_months: 1000000"), "bad-option"),
    ("graphviz-timeout-nol", lambda p: opsi_tambah(p, "      graphviz_timeout: 0"), "bad-option"),
]


@pytest.mark.parametrize("nama,ubah,kode", KASUS_GALAT, ids=[k[0] for k in KASUS_GALAT])
def test_galat_membiarkan_situs_utuh(dibangun: Path, tmp_path: Path, nama: str, ubah, kode: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    proyek = tmp_path / "p"
    shutil.copytree(dibangun, proyek)
    sebelum = _isi(proyek / "site")
    ubah(proyek)
    monkeypatch.chdir(proyek)
    lint_kode, baris = cli.lint([])
    assert lint_kode == 1 and any(f"galat[{kode}]" in b for b in baris), baris
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 1, hasil.stderr
    assert "Traceback" not in hasil.stderr + hasil.stdout
    if kode == "bad-option":  # MkDocs' config check: same words, its own frame
        assert re.search(r"di luar batas — tulis 1 sampai \d+ \(", hasil.stderr)
    else:
        assert f"galat[{kode}]" in hasil.stderr
    assert _isi(proyek / "site") == sebelum


def test_nama_unit_bertabrakan_dan_panjang_tetap_dibangun(tmp_path: Path) -> None:
    """Names that slug alike, non-Latin names, a 291-character unit, a 500-character sub_unit
    and a 5,000-digit nomor build, each unit on its own page."""
    proyek = proyek_kecil(tmp_path)
    uptd = ("Unit Pelaksana Teknis Daerah Pusat Pelayanan Terpadu Pemberdayaan Perempuan dan "
            "Perlindungan Anak pada Dinas Pemberdayaan Perempuan, Perlindungan Anak, "
            "Pengendalian Penduduk dan Keluarga Berencana Provinsi Kalimantan Barat di Kota "
            "Pontianak Wilayah Kerja Kabupaten Kubu Raya dan Kabupaten Mempawah Tahun 2024")
    uptd = (uptd + " Bagian Pelayanan Umum")[:291]
    assert len(uptd) == 291
    unit = ["Kalimantan Barat", "Kalimantan barat", '"Biro A&B"', "Biro A/B", "東京", "القاهرة",
            uptd]
    for i, u in enumerate(unit):
        tulis_sop(proyek, f"u/s{i}.yml", f"SOP nomor {i}", u)
    tulis_sop(proyek, "u/sub.yml", "SOP sub", "Kalimantan Barat", nomor="9" * 5000,
              lain=f"sub_unit: {'Seksi ' * 83}Akhir\n")
    monkeypatch_lint = cli.lint([], config=str(proyek / "mkdocs.yml"),
                                folder_sop=str(proyek / "sops"))
    assert monkeypatch_lint[0] == 0, monkeypatch_lint[1]
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    halaman = sorted(p.parent.relative_to(proyek / "site/unit").as_posix()
                     for p in (proyek / "site/unit").rglob("index.html"))
    pertama = [h for h in halaman if "/" not in h]
    assert len(pertama) == len(set(unit)) + 1  # + Bagian Umum of proyek_kecil
    assert {"kalimantan-barat", "kalimantan-barat-2", "biro-a-b", "biro-a-b-2", "unit",
            "unit-2"} <= set(pertama)
    assert all(len(s) <= 80 for h in halaman for s in h.split("/"))
    assert any(h.startswith("kalimantan-barat/seksi-seksi") for h in halaman)


# -- the pure parts -------------------------------------------------------------------------


def test_slug_dipotong_dengan_sidik_dan_unik() -> None:
    a, b = "Seksi " * 40 + "Satu", "Seksi " * 40 + "Dua"
    assert len(buat_slug(a)) <= 80 and buat_slug(a) != buat_slug(b)
    assert buat_slug(a) == buat_slug(a)
    assert slug_unik(["A", "a", "A!", "a-2"]) == ["a", "a-2", "a-3", "a-2-2"]
    assert slug_unik(["東京", "القاهرة"], "unit") == ["unit", "unit-2"]


def test_prefix_dan_opsi() -> None:
    for baik in ("sop", "layanan/sop", "/sop/", "v1.0"):
        assert rencana.salah_prefix("url_prefix", baik) is None
    for buruk in ("", "/", "../x", "a/../../x", "./x", ".x", "a\\b", "peta", "assets/x"):
        assert rencana.salah_prefix("url_prefix", buruk) is not None, buruk
    assert rencana.salah_angka_opsi("review_months", 24) is None
    for buruk in (-5, 0, 1_000_000, True, "24"):
        assert rencana.salah_angka_opsi("review_months", buruk) is not None
    assert rencana.salah_angka_opsi("diagram_max_steps", -1) is not None


def test_tujuan_seperti_mkdocs() -> None:
    assert rencana.tujuan("sop/index.md") == "sop/index.html"
    assert rencana.tujuan("sop.md") == "sop/index.html"
    assert rencana.tujuan("sop.md", direktori=False) == "sop.html"
    assert rencana.tujuan("a/README.md") == "a/index.html"
    assert rencana.tujuan("x/y.png") == "x/y.png"


def test_dua_halaman_buatan_satu_jalur_menyebut_keduanya(tmp_path: Path) -> None:
    proyek = proyek_kecil(tmp_path)
    tulis_sop(proyek, "umum/lama.yml", "SOP Lama", lain="id_lama: [umum/surat-lama]\n")
    tulis_sop(proyek, "umum/baru.yml", "SOP Baru")
    buku = muat(proyek / "sops", proyek)
    alamat = Alamat()
    alamat.tetapkan_unit(slug_unit(buku.sops))
    opsi = rencana.OpsiSitus(docs_dir=proyek / "docs_src")
    buatan = rencana.halaman_buatan(buku.sops, susun_indeks(buku.sops, dt.date(2025, 1, 1)),
                                    alamat, opsi, ada_peta=False)
    # An id_lama page written as .md elsewhere: force a clash between two generated pages.
    buatan.append(rencana.Buatan("sop/umum/baru/index.md", buatan[-1].asal, "lama"))
    lap = Laporan()
    rencana.periksa_rencana(buatan, [], opsi, lap)
    (d,) = lap.semua
    assert d.kode == "page-collision" and "sops/umum/baru.yml" in d.pesan
    assert str(d.posisi).startswith("sops/umum/lama.yml")


def test_sop_pdf_menolak_prefix_di_luar_situs(capsys: pytest.CaptureFixture[str]) -> None:
    """Refused before anything is read or written (no Chromium needed for this)."""
    assert cli.main(["pdf", "--prefix", "../..", "--site", "tidak-ada"]) == 1
    assert "'--prefix: ../..' bukan folder di dalam situs" in capsys.readouterr().err
