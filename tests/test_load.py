"""The loader and validator on real files: the seeds, and small handbooks written per test."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from conftest import BUKU
from sop_handbook import load
from sop_handbook.model import Keputusan
from sop_handbook.schema import LANGKAH_MAKS

MINIMAL = """\
nomor: "UM/01"
nama: Pengiriman Surat
unit: Bagian Umum
tanggal_pembuatan: 2024-01-15
tanggal_efektif: 1 Februari 2024
disahkan_oleh: {jabatan: Kepala Bagian Umum, nama: Budi}
dasar_hukum: [Perda 1/2020]
kualifikasi_pelaksana: [Teliti]
keterkaitan: []
peralatan: [Komputer]
peringatan: Surat terlambat.
pencatatan: Agenda surat
"""


def tulis(akar: Path, berkas: dict[str, str]) -> Path:
    for nama, isi in berkas.items():
        p = akar / "sops" / nama
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(isi, encoding="utf-8")
    return akar / "sops"


def muat(tmp_path: Path, berkas: dict[str, str]) -> load.BukuPedoman:
    return load.muat(tulis(tmp_path, berkas), tmp_path)


def pesan(buku: load.BukuPedoman) -> list[str]:
    return [str(d) for d in buku.laporan.terurut()]


def test_seed_sops_lengkap() -> None:
    buku = load.muat(BUKU / "sops", BUKU)
    assert pesan(buku) == []
    sops = buku.per_id()
    assert {"banhub/perbaikan-data-kinerja", "banhub/pengumpulan-data-kinerja"} <= set(sops)
    s = sops["banhub/perbaikan-data-kinerja"]
    assert s.nomor == "800/14.047/Banhub.A"
    assert s.nomor_tertulis == "800/ 14.047 / Banhub.A"
    assert s.tanggal_pembuatan == s.tanggal_efektif == dt.date(2021, 5, 1)
    assert s.tanggal_revisi is None
    # From _default.yml:
    assert s.unit == "Badan Penghubung Provinsi Kalimantan Barat"
    assert s.instansi == ("Pemerintah Provinsi Kalimantan Barat",)
    assert s.disahkan_oleh.nip == "19651006 198603 2 016"
    assert s.disahkan_oleh.nama == "Dasa Sekartiriatin Adinda, S.Sos"
    # The other SOP overrides the signer with its own spelling.
    assert sops["banhub/pengumpulan-data-kinerja"].disahkan_oleh.nama.startswith(
        "Dasa Sekartirajatin")
    assert len(s.kegiatan) == 9  # both rows numbered 8 in the source are kept
    assert [k.aktivitas for k in s.kegiatan[7:]] == [
        "Mensosialisasikan dokumen perbaikan capaian kinerja akhir"] * 2
    assert len(s.keterkaitan) == 6 and len(s.dasar_hukum) == 2
    assert [p.nama for p in s.pelaksana] == [
        "Pengadministrasi Umum", "Kasubbid Badan Penghubung",
        "Kepala Sub. Bagian Tata Usaha", "Staf Penyusunan Program"]


def test_lajur_teks_kegiatan_bersama_keputusan_dan_lanjut(tmp_path: Path) -> None:
    buku = muat(tmp_path, {"umum/surat.yml": MINIMAL + textwrap.dedent("""\
        pelaksana:
          - Staf Umum
          - {id: kabag, nama: Kepala Bagian}
        kegiatan:
          - id: susun
            aktivitas: Menyusun draft
            pelaksana: staf umum
          - aktivitas: Memeriksa draft
            pelaksana: [kabag, Staf Umum]
            keputusan: {tidak: susun}
          - aktivitas: Mengarsipkan
            pelaksana: Staf Umum
            lanjut: 5
          - aktivitas: Tidak dilalui
            pelaksana: kabag
          - aktivitas: Menandatangani
            pelaksana: Kepala Bagian
            keputusan: {ya: 1}
        kolom: {kelengkapan: Persyaratan}
        """)})
    assert pesan(buku) == [  # the flow check sees the step nothing leads to (a warning)
        "sops/umum/surat.yml:26:5: peringatan[unreachable-step]: langkah 4 tidak pernah dicapai "
        "dari langkah 1 (langkah 3 melompat ke langkah 5) — arahkan 'lanjut' atau 'keputusan' "
        "sebuah langkah ke langkah 4, atau hapus langkah yang tidak dipakai"]
    (s,) = buku.sops
    assert s.id == "umum/surat"
    k = s.kegiatan
    assert k[0].pelaksana == ("Staf Umum",)  # matched ignoring case
    assert k[1].pelaksana == ("kabag", "Staf Umum")  # joint step
    assert k[1].keputusan == Keputusan(ya=3, tidak=1, ya_tertulis=False, tidak_tertulis=True)
    assert k[2].lanjut == 5
    assert k[4].keputusan == Keputusan(ya=1, tidak=None, ya_tertulis=True, tidak_tertulis=False)
    assert k[0].anchor == "langkah-susun" and k[1].anchor == "langkah-2"
    assert s.kolom == {"kelengkapan": "Persyaratan"}


def test_default_bertingkat_dan_ditimpa(tmp_path: Path) -> None:
    isi = MINIMAL.replace("unit: Bagian Umum\n", "").replace(
        "disahkan_oleh: {jabatan: Kepala Bagian Umum, nama: Budi}\n", "")
    isi += "pelaksana: [A]\nkegiatan: [{aktivitas: x, pelaksana: A}]\n"
    buku = muat(tmp_path, {
        "_default.yml": "unit: Dinas\ninstansi: [Pemerintah Kota, Dinas Contoh]\n"
                        "disahkan_oleh: {jabatan: Kepala Dinas, nama: Ani}\n",
        "bidang/_default.yml": "sub_unit: Bidang Satu\nunit: Dinas Satu\n",
        "bidang/a.yml": isi,
        "b.yml": isi.replace("UM/01", "UM/02").replace("Pengiriman", "Penerimaan")
        + "sub_unit: Sekretariat\n",
    })
    assert pesan(buku) == []
    s = buku.per_id()
    assert (s["bidang/a"].unit, s["bidang/a"].sub_unit) == ("Dinas Satu", "Bidang Satu")
    assert s["bidang/a"].instansi == ("Pemerintah Kota", "Dinas Contoh")
    assert (s["b"].unit, s["b"].sub_unit) == ("Dinas", "Sekretariat")
    assert s["b"].disahkan_oleh.nama == "Ani"


def test_galat_default_dilaporkan_sekali(tmp_path: Path) -> None:
    isi = MINIMAL + "pelaksana: [A]\nkegiatan: [{aktivitas: x, pelaksana: A}]\n"
    buku = muat(tmp_path, {
        "_default.yml": "unitt: Dinas\n",
        "a.yml": isi,
        "b.yml": isi.replace("UM/01", "UM/02").replace("Pengiriman", "Penerimaan"),
    })
    assert pesan(buku) == [
        "sops/_default.yml:1:1: galat[unknown-key]: kunci 'unitt' tidak dikenal di SOP"
        " — maksud Anda 'unit'?"
    ]


def test_tanggal_revisi_strip_dan_riwayat(tmp_path: Path) -> None:
    buku = muat(tmp_path, {"a.yml": MINIMAL + textwrap.dedent("""\
        tanggal_revisi: "-"
        riwayat_revisi:
          - {tanggal: 3 Maret 2025, uraian: Menambah langkah}
        pelaksana: [A]
        kegiatan: [{aktivitas: x, pelaksana: A, waktu: 2 ment}]
        id_lama: [lama/surat]
        """)})
    (s,) = buku.sops
    assert s.tanggal_revisi is None
    assert s.riwayat_revisi[0].tanggal == dt.date(2025, 3, 3)
    assert s.id_lama == ("lama/surat",)
    # A warning does not stop the SOP from loading.
    assert pesan(buku) == [
        "sops/a.yml:17:48: peringatan[waktu]: satuan waktu 'ment' tidak dikenal"
        " — maksud Anda 'menit'?"
    ]


def test_berkas_tersembunyi_diabaikan_dan_garis_bawah_diperingatkan(tmp_path: Path) -> None:
    buku = muat(tmp_path, {".draft.yml": "rusak: [", "_catatan.yml": "x: 1", "notes.txt": "x"})
    assert pesan(buku) == [
        "sops/_catatan.yml: peringatan[ignored-file]: berkas diawali '_' diabaikan "
        "(hanya _default.yml yang dipakai) — ganti nama berkas bila ini sebuah SOP"
    ]


def test_folder_sop_tidak_ada(tmp_path: Path) -> None:
    buku = load.muat(tmp_path / "tidak-ada", tmp_path)
    assert [d.kode for d in buku.laporan.semua] == ["no-sops-dir"]


def test_tanggal_iso_berkutip_diterima(tmp_path: Path) -> None:
    isi = MINIMAL.replace("tanggal_pembuatan: 2024-01-15", 'tanggal_pembuatan: "2024-01-15"')
    isi += ("tanggal_revisi: '2024-02-30'\n"
            "pelaksana: [A]\nkegiatan: [{aktivitas: x, pelaksana: A}]\n")
    buku = muat(tmp_path, {"a.yml": isi})
    assert pesan(buku) == [
        "sops/a.yml:13:17: galat[bad-date]: tanggal '2024-02-30' tidak ada di kalender"
        " — tulis 2021-05-01 atau 1 Mei 2021"
    ]
    buku = muat(tmp_path, {"a.yml": isi.replace("2024-02-30", "2024-02-29")})
    assert pesan(buku) == [] and buku.sops[0].tanggal_pembuatan.isoformat() == "2024-01-15"


def test_langkah_banyak_tanpa_alias_bukan_alias_bomb(tmp_path: Path) -> None:
    """20,000 plain steps (under the size limit, no aliases): "too many steps", not an alias
    message; the limit itself still loads."""
    langkah = "".join(f"  - {{aktivitas: L{i}, pelaksana: Staf}}\n" for i in range(20_000))
    buku = muat(tmp_path, {"a.yml": MINIMAL + "pelaksana: [Staf]\nkegiatan:\n" + langkah})
    assert [str(d) for d in buku.laporan.semua] == [
        "sops/a.yml:15:3: galat[too-many-items]: daftar langkah 'kegiatan' terlalu panjang: "
        "20.000 butir, paling banyak 500 — pecah menjadi beberapa SOP dan hubungkan lewat "
        "'keterkaitan'"]
    batas = "".join(f"  - {{aktivitas: L{i}, pelaksana: Staf}}\n"
                    for i in range(LANGKAH_MAKS))
    buku = muat(tmp_path, {"a.yml": MINIMAL + "pelaksana: [Staf]\nkegiatan:\n" + batas})
    assert not buku.laporan.semua and len(buku.sops[0].kegiatan) == LANGKAH_MAKS


def test_berkas_raksasa_ditolak_tanpa_dibaca(tmp_path: Path) -> None:
    """A 3 GB (sparse) file is refused from its size alone: nothing is read into memory."""
    sops = tulis(tmp_path, {})
    sops.mkdir()
    with (sops / "a.yml").open("wb") as f:
        f.truncate(3 * 1024**3)
    buku = load.muat(sops, tmp_path)
    assert [str(d) for d in buku.laporan.semua] == [
        "sops/a.yml:1:1: galat[too-large]: berkas terlalu besar (3.221.225.472 byte; paling "
        "besar 1.000.000 byte) — satu SOP per berkas, biasanya beberapa KB; pecah berkas ini "
        "atau pindahkan lampiran besar ke luar YAML"]
