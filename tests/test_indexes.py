"""Index views: dasar hukum, tugas per jabatan, kata kunci, SOPs due for review."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

import pytest

from conftest import BUKU
from sop_handbook import load
from sop_handbook.indexes import (
    Peraturan,
    Tugas,
    buat_slug,
    per_dasar_hukum,
    per_jabatan,
    per_kata_kunci,
    perlu_ditinjau,
    susun_indeks,
    tambah_bulan,
    tanggal_acuan,
    urai_dasar_hukum,
)
from sop_handbook.model import Langkah, Pelaksana, Penandatangan, Posisi, Revisi, Sop

D = dt.date


def sop(sop_id: str, nomor: str = "1", *, dasar_hukum: tuple[str, ...] = (),
        kata_kunci: tuple[str, ...] = (), pelaksana: tuple[tuple[str, str], ...] = (("s", "Staf"),),
        kegiatan: tuple[tuple[str, ...], ...] = (("s",),), **lain: object) -> Sop:
    """A SOP with only what a test sets; `kegiatan` lists each step's lane ids."""
    berkas = f"sops/{sop_id}.yml"
    pos = Posisi(berkas, 1, 1)
    s = Sop(
        id=sop_id, berkas=berkas, posisi=pos, nomor=nomor, nomor_tertulis=nomor,
        nama=f"SOP {sop_id}", unit="Bagian Umum", tanggal_pembuatan=D(2020, 1, 1),
        tanggal_efektif=D(2020, 2, 1), disahkan_oleh=Penandatangan("Kepala", "Budi"),
        dasar_hukum=dasar_hukum, kualifikasi_pelaksana=(), keterkaitan=(), peralatan=(),
        peringatan="-", pencatatan=(), pelaksana=tuple(Pelaksana(i, n, pos) for i, n in pelaksana),
        kegiatan=tuple(Langkah(n, f"Langkah {n} {sop_id}", lanes, pos)
                       for n, lanes in enumerate(kegiatan, start=1)),
        kata_kunci=kata_kunci,
    )
    return replace(s, **lain)  # type: ignore[arg-type]


# -- helpers -------------------------------------------------------------------------------


def test_buat_slug() -> None:
    assert buat_slug("Kepala Sub. Bagian Tata Usaha") == "kepala-sub-bagian-tata-usaha"
    assert buat_slug("Pengelolaan Arsip Élektronik / TIK") == "pengelolaan-arsip-elektronik-tik"
    assert buat_slug("!!!") == "x"
    assert len(buat_slug("kata " * 40)) <= 80 and not buat_slug("kata " * 40).endswith("-")


def test_tambah_bulan() -> None:
    assert tambah_bulan(D(2022, 5, 1), 24) == D(2024, 5, 1)
    assert tambah_bulan(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert tambah_bulan(D(2023, 12, 31), 2) == D(2024, 2, 29)
    assert tambah_bulan(D(2023, 11, 30), 1) == D(2023, 12, 30)


# -- dasar hukum ---------------------------------------------------------------------------


@pytest.mark.parametrize(("teks", "harapan"), [
    ("Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
     "Pemerintah", ("Perpres", "", "29", 2014)),
    ("Perpres No. 29 Tahun 2014", ("Perpres", "", "29", 2014)),
    ("PERPRES NO 29 THN 2014 ttg SAKIP.", ("Perpres", "", "29", 2014)),
    ("Perpres 29/2014", ("Perpres", "", "29", 2014)),
    ("1. Undang-Undang Republik Indonesia Nomor 5 Tahun 2014 tentang ASN;", ("UU", "", "5", 2014)),
    ("UU No.05 Th.2014", ("UU", "", "5", 2014)),
    ("PP Nomor 11 Tahun 2017", ("PP", "", "11", 2017)),
    ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
     "2012", ("Permen", "panrb", "35", 2012)),
    ("Permenpan RB No. 35 Tahun 2012", ("Permen", "panrb", "35", 2012)),
    ("Permen PAN-RB Nomor 35 Tahun 2012", ("Permen", "panrb", "35", 2012)),
    ("Permendagri Nomor 35 Tahun 2012", ("Permen", "dalam negeri", "35", 2012)),
    ("Peraturan Menteri Dalam Negeri RI No. 35 Tahun 2012", ("Permen", "dalam negeri", "35", 2012)),
    ("Perda Prov. Kalbar No. 8 Tahun 2016", ("Perda", "provinsi kalbar", "8", 2016)),
    ("Peraturan Walikota Pontianak Nomor 3 Tahun 2019", ("Perwal", "pontianak", "3", 2019)),
    ("Perbup Kubu Raya No 3/2019", ("Perbup", "kubu raya", "3", 2019)),
    ("Keputusan Gubernur Kalimantan Barat Nomor 800/12/BKD Tahun 2020",
     ("Kepgub", "kalimantan barat", "800/12/bkd", 2020)),
    ("Peraturan Arsip Nasional Republik Indonesia Nomor 9 Tahun 2018 tentang Tata Naskah Dinas",
     ("peraturan arsip nasional", "", "9", 2018)),
])
def test_urai_dasar_hukum(teks: str, harapan: tuple[str, str, str, int]) -> None:
    assert urai_dasar_hukum(teks) == Peraturan(*harapan)


@pytest.mark.parametrize("teks", [
    "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945",
    "Pedoman Tata Naskah Dinas",
    "Nomor 5 Tahun 2014",
])
def test_urai_dasar_hukum_gagal(teks: str) -> None:
    assert urai_dasar_hukum(teks) is None


def test_dasar_hukum_dikelompokkan() -> None:
    lengkap = ("Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
               "Instansi Pemerintah")
    sops = [
        sop("a", "800/10", dasar_hukum=(lengkap, "Permendagri No. 35 Tahun 2012",
                                        "UUD 1945")),
        sop("b", "800/2", dasar_hukum=("Perpres No. 29 Tahun 2014", "Permenpan RB 35/2012",
                                       "uud  1945.")),
        sop("c", "800/3", dasar_hukum=("Perpres No. 29 Tahun 2014",
                                       "Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang "
                                       "Pedoman Penyusunan SOP AP",
                                       "Undang-Undang Nomor 5 Tahun 2014")),
        sop("d", "700/1", dasar_hukum=(" ".join(lengkap.split()[:6]) + "  tentang SAKIP",
                                       "Peraturan Menteri Nomor 35 Tahun 2012")),
    ]
    grup = per_dasar_hukum(sops)
    assert [(g.slug, g.sop) for g in grup] == [
        ("uu-5-2014", ("c",)),
        ("perpres-29-2014", ("d", "b", "c", "a")),  # by nomor: 700/1, 800/2, 800/3, 800/10
        ("permen-dalam-negeri-35-2012", ("a",)),
        ("permen-panrb-35-2012", ("b", "c")),
        ("permen-35-2012", ("d",)),  # which ministry? two are cited: not guessed
        ("uud-1945", ("b", "a")),  # not parsed: grouped by normalised text
    ]
    perpres = grup[1]
    assert perpres.judul == lengkap  # full spelling (with "tentang"), most common among those
    assert perpres.ejaan == ("Perpres No. 29 Tahun 2014",  # most common first, then A→Z
                             "Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP", lengkap)
    assert perpres.peraturan == Peraturan("Perpres", "", "29", 2014)
    assert grup[3].judul.startswith("Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang")
    assert grup[5].peraturan is None and grup[5].judul == "UUD 1945"


def test_dasar_hukum_penerbit_daerah() -> None:
    sops = [
        sop("a", dasar_hukum=("Peraturan Daerah Provinsi Kalimantan Barat Nomor 8 Tahun 2016",)),
        sop("b", dasar_hukum=("Perda Prov. Kalbar No. 8 Tahun 2016",)),
        sop("c", dasar_hukum=("Perda Nomor 8 Tahun 2016",)),
        sop("d", dasar_hukum=("Perda Kabupaten Sambas Nomor 8 Tahun 2016",)),
        sop("e", dasar_hukum=("Peraturan Gubernur Kalbar Nomor 1 Tahun 2020",)),
        sop("f", dasar_hukum=("Pergub Nomor 1 Tahun 2020",)),
    ]
    grup = per_dasar_hukum(sops)
    assert [(g.slug, g.sop) for g in grup] == [
        ("perda-kabupaten-sambas-8-2016", ("d",)),
        ("perda-provinsi-kalimantan-barat-8-2016", ("a", "b")),
        ("perda-8-2016", ("c",)),  # two regions have a Perda 8/2016: not guessed
        ("pergub-kalbar-1-2020", ("e", "f")),  # the only Pergub 1/2020: joined
    ]


def test_dasar_hukum_slug_unik_dan_tetap() -> None:
    sops = [sop("a", dasar_hukum=("Surat Edaran 1/2", "Surat Edaran 1-2", "Perpres 29/2014"))]
    assert [g.slug for g in per_dasar_hukum(sops)] == [
        "perpres-29-2014", "surat-edaran-1-2", "surat-edaran-1-2-2"]
    # Another spelling changes the title, not the address.
    lagi = [*sops, sop("b", dasar_hukum=("Peraturan Presiden Nomor 29 Tahun 2014 tentang X",))]
    grup = per_dasar_hukum(lagi)
    assert grup[0].slug == "perpres-29-2014" and grup[0].judul.endswith("tentang X")


def test_dasar_hukum_sop_contoh() -> None:
    buku = load.muat(BUKU / "sops", BUKU)
    grup = per_dasar_hukum(buku.sops)
    perpres = next(g for g in grup if g.slug == "perpres-29-2014")
    assert len(perpres.sop) == len(buku.sops)
    assert len({g.slug for g in grup}) == len(grup)


# -- jabatan -------------------------------------------------------------------------------


def test_jabatan_dikelompokkan_dengan_langkah_bersama() -> None:
    a = sop("a", "2", pelaksana=(("pu", "Pengadministrasi Umum"), ("kt", "Kepala Sub. Bagian TU")),
            kegiatan=(("pu",), ("pu", "kt"), ("kt",)))
    b = sop("b", "1", pelaksana=(("x", "pengadministrasi  umum"), ("y", "Bendahara")),
            kegiatan=(("y",), ("x",)))
    c = sop("c", "3", pelaksana=(("p", "Pengadministrasi Umum"), ("q", "Tidak Bertugas")),
            kegiatan=(("p",),))
    jab = per_jabatan([a, b, c])
    assert [(j.nama, j.slug) for j in jab] == [
        ("Bendahara", "bendahara"),
        ("Kepala Sub. Bagian TU", "kepala-sub-bagian-tu"),
        ("Pengadministrasi Umum", "pengadministrasi-umum"),
    ]  # "Tidak Bertugas" performs no step: no page
    pu = jab[2]
    assert pu.ejaan == ("Pengadministrasi Umum", "pengadministrasi umum")
    assert pu.tugas == (
        Tugas("b", 2, "langkah-2", "Langkah 2 b", False),
        Tugas("a", 1, "langkah-1", "Langkah 1 a", False),
        Tugas("a", 2, "langkah-2", "Langkah 2 a", True, ("Kepala Sub. Bagian TU",)),
        Tugas("c", 1, "langkah-1", "Langkah 1 c", False),
    )
    assert pu.sop == ("b", "a", "c")
    assert jab[1].tugas[0] == Tugas("a", 2, "langkah-2", "Langkah 2 a", True,
                                    ("Pengadministrasi Umum",))


def test_jabatan_anchor_memakai_id_langkah() -> None:
    a = sop("a")
    a = replace(a, kegiatan=(replace(a.kegiatan[0], id="terima"),))
    assert per_jabatan([a])[0].tugas[0].anchor == "langkah-terima"


def test_jabatan_slug_bertabrakan() -> None:
    a = sop("a", pelaksana=(("p", "Kasubbag T.U."), ("q", "Kasubbag TU")),
            kegiatan=(("p",), ("q",)))
    assert [(j.nama, j.slug) for j in per_jabatan([a])] == [
        ("Kasubbag T.U.", "kasubbag-t-u"), ("Kasubbag TU", "kasubbag-tu")]
    b = sop("b", pelaksana=(("p", "Staf (Umum)"), ("q", "Staf Umum")), kegiatan=(("p",), ("q",)))
    assert [j.slug for j in per_jabatan([b])] == ["staf-umum", "staf-umum-2"]


# -- kata kunci ----------------------------------------------------------------------------


def test_kata_kunci() -> None:
    sops = [
        sop("a", "3", kata_kunci=("SAKIP", "kinerja")),
        sop("b", "1", kata_kunci=("sakip", "Tata  Naskah", "tata naskah")),
        sop("c", "2", kata_kunci=("SAKIP",)),
        sop("d", "4"),
    ]
    tags = per_kata_kunci(sops)
    assert [(t.nama, t.slug, t.sop) for t in tags] == [
        ("kinerja", "kinerja", ("a",)),
        ("SAKIP", "sakip", ("b", "c", "a")),
        ("Tata Naskah", "tata-naskah", ("b",)),
    ]
    assert tags[1].ejaan == ("SAKIP", "sakip")


# -- review due ----------------------------------------------------------------------------


def test_tanggal_acuan() -> None:
    assert tanggal_acuan(sop("a")) == (D(2020, 2, 1), "efektif")
    assert tanggal_acuan(sop("a", tanggal_efektif=None)) == (D(2020, 1, 1), "pembuatan")
    assert tanggal_acuan(sop("a", tanggal_revisi=D(2021, 3, 1))) == (D(2021, 3, 1), "revisi")
    riwayat = (Revisi(D(2022, 1, 5), "x"), Revisi(D(2021, 1, 5), "y"))
    s = sop("a", tanggal_revisi=D(2021, 3, 1), riwayat_revisi=riwayat)
    assert tanggal_acuan(s) == (D(2022, 1, 5), "revisi")


def test_perlu_ditinjau_batas() -> None:
    s = sop("a", tanggal_efektif=D(2022, 5, 1))
    assert perlu_ditinjau([s], D(2024, 4, 30)) == []
    (t,) = perlu_ditinjau([s], D(2024, 5, 1))  # due on the anniversary itself
    assert (t.sop_id, t.acuan, t.dasar, t.jatuh_tempo) == ("a", D(2022, 5, 1), "efektif",
                                                           D(2024, 5, 1))
    assert (t.umur_hari, t.umur_bulan) == (731, 24)
    (t,) = perlu_ditinjau([s], D(2024, 6, 30))
    assert (t.umur_hari, t.umur_bulan) == (791, 25)
    assert perlu_ditinjau([s], D(2023, 5, 1), masa_bulan=12)[0].umur_bulan == 12
    assert perlu_ditinjau([s], D(2023, 4, 30), masa_bulan=12) == []


def test_perlu_ditinjau_urutan_dan_revisi() -> None:
    sops = [
        sop("baru", "1", tanggal_efektif=D(2023, 1, 1)),
        sop("direvisi", "2", tanggal_efektif=D(2015, 1, 1), tanggal_revisi=D(2023, 6, 1)),
        sop("tua", "3", tanggal_efektif=D(2018, 1, 1)),
        sop("lama-b", "5", tanggal_efektif=D(2020, 1, 1)),
        sop("lama-a", "4", tanggal_efektif=D(2020, 1, 1)),
        sop("masa-depan", "6", tanggal_efektif=D(2030, 1, 1)),
    ]
    assert [t.sop_id for t in perlu_ditinjau(sops, D(2024, 1, 1))] == ["tua", "lama-a", "lama-b"]


def test_perlu_ditinjau_masa_negatif() -> None:
    with pytest.raises(ValueError):
        perlu_ditinjau([], D(2024, 1, 1), masa_bulan=-1)


# -- scale ---------------------------------------------------------------------------------


def test_cepat_dan_tetap_pada_2000_sop() -> None:
    jenis = ["Perpres", "Peraturan Presiden", "PP", "UU", "Permendagri", "Perda Prov. Kalbar"]
    sops = [
        sop(f"u/{i:04}", f"800/{i}",
            dasar_hukum=(*(f"{jenis[(i + k) % 6]} Nomor {(i * k) % 50} Tahun {2000 + k}"
                           for k in range(4)), f"Catatan {i % 40}"),
            kata_kunci=(f"Tag {i % 30}", f"tag {i % 7}"),
            pelaksana=(("a", f"Jabatan {i % 60}"), ("b", f"jabatan {(i + 1) % 60}")),
            kegiatan=(("a",), ("a", "b"), ("b",)) * 5)
        for i in range(2000)
    ]
    mulai = time.perf_counter()
    indeks = susun_indeks(sops, D(2024, 1, 1))
    assert time.perf_counter() - mulai < 3
    assert len(indeks.jabatan) == 60 and len(indeks.kata_kunci) == 30
    assert len(indeks.tinjauan) == 2000
    assert susun_indeks(list(reversed(sops)), D(2024, 1, 1)) == indeks
