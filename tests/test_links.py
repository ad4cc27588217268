"""Keterkaitan resolution: exact links only, near matches suggested but never linked."""

from __future__ import annotations

import datetime as dt
import textwrap
import time
from pathlib import Path

import pytest

from sop_handbook import load
from sop_handbook.diagnostics import Laporan
from sop_handbook.links import (
    BELUM,
    DIRI,
    DOKUMEN,
    GANDA,
    HILANG,
    TERTAUT,
    hubungkan,
    kunci_nomor,
    normalkan_judul,
)
from sop_handbook.model import Keterkaitan, Langkah, Pelaksana, Penandatangan, Posisi, Sop


def ket(*butir: str | dict[str, str]) -> tuple[Keterkaitan, ...]:
    """Keterkaitan items the way load.py builds them, each on its own line."""
    hasil = []
    for i, b in enumerate(butir, start=10):
        pos = Posisi("x.yml", i, 5)
        if isinstance(b, str):
            hasil.append(Keterkaitan("teks", b, pos))
        elif "sop" in b:
            hasil.append(Keterkaitan("sop", b.get("judul") or b["sop"], pos, sop_id=b["sop"],
                                     judul=b.get("judul")))
        else:
            hasil.append(Keterkaitan("dokumen", b["dokumen"], pos))
    return tuple(hasil)


def sop(sop_id: str, nama: str, nomor: str, *keterkaitan: str | dict[str, str]) -> Sop:
    berkas = f"sops/{sop_id}.yml"
    lane = Pelaksana("staf", "Staf", Posisi(berkas, 1, 1))
    ketk = tuple(Keterkaitan(k.jenis, k.teks, Posisi(berkas, k.posisi.baris, k.posisi.kolom),
                             k.sop_id, k.judul) for k in ket(*keterkaitan))
    return Sop(
        id=sop_id, berkas=berkas, posisi=Posisi(berkas, 1, 1), nomor=nomor, nomor_tertulis=nomor,
        nama=nama, unit="Bagian Umum", tanggal_pembuatan=dt.date(2024, 1, 1),
        tanggal_efektif=dt.date(2024, 1, 1), disahkan_oleh=Penandatangan("Kepala", "Budi"),
        dasar_hukum=(), kualifikasi_pelaksana=(), keterkaitan=ketk, peralatan=(),
        peringatan="-", pencatatan=(), pelaksana=(lane,),
        kegiatan=(Langkah(1, "Bekerja", ("staf",), Posisi(berkas, 2, 1)),),
    )


IKU = sop("kinerja/iku", "Penetapan Indikator Kinerja Utama", "800/1/X")
LKJ = sop("kinerja/lkj", "Penyusunan Laporan Kinerja", "800/ 2 / X")
SURAT = sop("umum/surat-masuk", "Pengelolaan Surat Masuk", "UM/01")


def hubung(*sops: Sop, tingkat: str = "peringatan"):
    laporan = Laporan()
    peta = hubungkan(list(sops), laporan, tingkat)
    return peta, [str(d) for d in laporan.terurut()]


def satu(butir: str | dict[str, str], *lain: Sop, tingkat: str = "peringatan"):
    """Resolve one item written in SOP a/b against the given SOPs: (Tautan, messages)."""
    sumber = sop("a/b", "Sumber", "A/1", butir)
    peta, pesan = hubung(sumber, *lain, tingkat=tingkat)
    return peta.keluar["a/b"][0], pesan


def test_normalkan_judul() -> None:
    assert normalkan_judul("SOP  Penetapan Indikator-Kinerja.") == "penetapan indikator kinerja"
    assert normalkan_judul("sop: SOP Penetapan (IKU)") == "penetapan iku"
    assert normalkan_judul("Sopir Kendaraan Dinas") == "sopir kendaraan dinas"  # word, not prefix
    assert normalkan_judul("Pengelolaan Arsip Élektronik") == "pengelolaan arsip elektronik"
    assert normalkan_judul("SOP") == "sop"  # nothing left to drop it for: keep the word


def test_kunci_nomor() -> None:
    assert kunci_nomor("800/ 14.047 / Banhub.A") == "800/14.047/banhub.a"
    assert kunci_nomor("SOP No. 800/1/X") == kunci_nomor("Nomor 800/1/x") == "800/1/x"


@pytest.mark.parametrize("teks", [
    "Penetapan Indikator Kinerja Utama",  # exact
    "penetapan indikator kinerja utama",  # case
    "SOP Penetapan Indikator Kinerja Utama",  # leading SOP
    "SOP Penetapan Indikator-Kinerja Utama.",  # punctuation
    "  SOP   Penetapan  Indikator Kinerja Utama ",  # spacing
    "800/1/X",  # nomor
    "800 / 1/ x",  # nomor with stray spaces, case
    "SOP Nomor 800/1/X",  # nomor with a leading "SOP Nomor"
])
def test_tertaut(teks: str) -> None:
    t, pesan = satu(teks, IKU)
    assert (t.tujuan, t.saran, t.keadaan) == ("kinerja/iku", None, TERTAUT)
    assert pesan == []


def test_nomor_tanpa_spasi_cocok_dengan_nomor_bertulis_spasi() -> None:
    t, _ = satu("800/2/X", LKJ)  # the SOP wrote "800/ 2 / X"
    assert t.tujuan == "kinerja/lkj"


def test_nomor_beda_tanda_baca_tidak_ditautkan() -> None:
    t, _ = satu("800.1.X", IKU)  # punctuation in a nomor is significant
    assert t.tujuan is None


def test_hampir_sama_tidak_ditautkan_tetapi_disarankan() -> None:
    t, pesan = satu("SOP Penetapan Indikator Kinerja", IKU, LKJ, SURAT)
    assert (t.tujuan, t.saran, t.keadaan) == (None, "kinerja/iku", BELUM)
    assert pesan == [
        "sops/a/b.yml:10:5: peringatan[unresolved-link]: keterkaitan 'SOP Penetapan Indikator "
        "Kinerja' belum ada di buku pedoman — maksud Anda 'Penetapan Indikator Kinerja Utama' "
        "(800/1/X)?"
    ]


@pytest.mark.parametrize("teks", [
    "SOP Penetapan Indikator Kinerja Utam",  # one letter missing
    "SOP Penetapan Indikatr Kinerja Utama",
    "SOP Penetapam Indikator Kinerja Utama",  # one letter wrong
    "SOP Indikator Kinerja Utama Penetapan",  # word order
    "Penetapan dan Indikator Kinerja Utama",  # a filler word
])
def test_salah_ketik_disarankan(teks: str) -> None:
    t, _ = satu(teks, IKU, LKJ, SURAT)
    assert (t.tujuan, t.saran) == (None, "kinerja/iku")


@pytest.mark.parametrize("teks", [
    "SOP Penyusunan Renstra",
    "SOP Pengelolaan Surat Keluar",  # shares two of three words, but the one that matters differs
    "SOP Penetapan",  # one word of four
    "Kinerja",
    "SOP",
    "Pengelolaan Surat Masuk dan Keluar Elektronik Terpadu",  # too much more than the SOP
])
def test_tidak_mirip_tanpa_saran(teks: str) -> None:
    t, pesan = satu(teks, IKU, LKJ, SURAT)
    assert (t.tujuan, t.saran, t.keadaan) == (None, None, BELUM)
    assert pesan == [
        f"sops/a/b.yml:10:5: peringatan[unresolved-link]: keterkaitan '{teks}' belum ada di buku "
        "pedoman — tambahkan SOP itu ke buku pedoman, atau tulis {dokumen: ...} bila bukan SOP"
    ]


def test_saran_memilih_yang_paling_mirip() -> None:
    iku_daerah = sop("kinerja/iku-daerah", "Penetapan Indikator Kinerja Utama Daerah", "800/3/X")
    t, _ = satu("SOP Penetapan Indikator Kinerja Utam", iku_daerah, IKU)
    assert t.saran == "kinerja/iku"
    t, _ = satu("SOP Penetapan Indikator Kinerja Utama Daera", iku_daerah, IKU)
    assert t.saran == "kinerja/iku-daerah"


def test_diri_sendiri_galat() -> None:
    iku = sop("kinerja/iku", "Penetapan Indikator Kinerja Utama", "800/1/X",
              "SOP Penetapan Indikator Kinerja Utama", "800 / 1 / X", {"sop": "kinerja/iku"})
    peta, pesan = hubung(iku, tingkat="info")
    assert [t.keadaan for t in peta.keluar["kinerja/iku"]] == [DIRI, DIRI, DIRI]
    assert all(t.tujuan is None for t in peta.keluar["kinerja/iku"])
    assert peta.masuk == {"kinerja/iku": []} and peta.belum == []
    msg = "galat[self-link]: SOP ini merujuk dirinya sendiri di keterkaitan — hapus butir ini"
    # The {sop: id} one is load.py's to report, not ours.
    assert pesan == [f"sops/kinerja/iku.yml:10:5: {msg}", f"sops/kinerja/iku.yml:11:5: {msg}"]


def test_saran_tidak_menunjuk_diri_sendiri() -> None:
    iku = sop("kinerja/iku", "Penetapan Indikator Kinerja Utama", "800/1/X",
              "SOP Penetapan Indikator Kinerja")
    peta, _ = hubung(iku, LKJ)
    assert peta.keluar["kinerja/iku"][0].saran is None


def test_dokumen_tidak_pernah_ditautkan() -> None:
    t, pesan = satu({"dokumen": "Penetapan Indikator Kinerja Utama"}, IKU)
    assert (t.tujuan, t.saran, t.keadaan) == (None, None, DOKUMEN)
    assert pesan == []


def test_sop_id_tepat() -> None:
    t, pesan = satu({"sop": "kinerja/iku", "judul": "IKU"}, IKU)
    assert (t.tujuan, t.keadaan, t.judul) == ("kinerja/iku", TERTAUT, "IKU")
    assert pesan == []


def test_sop_id_tidak_ada_tidak_dilaporkan_dua_kali() -> None:
    t, pesan = satu({"sop": "kinerja/ikuu"}, IKU)
    assert (t.tujuan, t.saran, t.keadaan) == (None, None, HILANG)
    assert pesan == []


def test_sop_id_lama_diikuti_ke_alamat_baru() -> None:
    """A moved SOP keeps its incoming links: {sop: old id} resolves to the SOP that moved."""
    baru = sop("kinerja/iku-baru", "Penetapan IKU", "800/9/X")
    baru = Sop(**{**baru.__dict__, "id_lama": ("kinerja/iku-lama",)})
    t, _ = satu({"sop": "kinerja/iku-lama"}, baru)
    assert (t.tujuan, t.keadaan) == ("kinerja/iku-baru", "tertaut")


def test_tautan_balik_dua_arah() -> None:
    a = sop("a", "Satu", "1", "SOP Dua", {"sop": "c"})
    b = sop("b", "Dua", "2", "SOP Satu", "Satu", {"dokumen": "Tiga"})
    c = sop("c", "Tiga", "3", "SOP Empat")
    peta, _ = hubung(c, b, a, tingkat="info")
    assert list(peta.keluar) == ["a", "b", "c"]
    assert [t.tujuan for t in peta.keluar["a"]] == ["b", "c"]
    assert [t.tujuan for t in peta.keluar["b"]] == ["a", "a", None]
    assert [t.indeks for t in peta.keluar["b"]] == [0, 1, 2]
    assert peta.masuk == {"a": ["b"], "b": ["a"], "c": ["a"]}  # unique, sorted
    assert [(t.sumber, t.butir.teks) for t in peta.belum] == [("c", "SOP Empat")]


@pytest.mark.parametrize(("tingkat", "harapan"), [
    ("info", []),
    ("peringatan", ["sops/a/b.yml:10:5: peringatan[unresolved-link]: keterkaitan 'SOP Renstra' "
                    "belum ada di buku pedoman"]),
    ("galat", ["sops/a/b.yml:10:5: galat[unresolved-link]: keterkaitan 'SOP Renstra' "
               "belum ada di buku pedoman"]),
])
def test_tingkat(tingkat: str, harapan: list[str]) -> None:
    t, pesan = satu("SOP Renstra", IKU, tingkat=tingkat)
    assert t.keadaan == BELUM
    assert [p.split(" — ")[0] for p in pesan] == harapan


def test_tingkat_tidak_dikenal() -> None:
    with pytest.raises(ValueError, match="tingkat"):
        hubungkan([], Laporan(), "warning")


def test_nama_dan_nomor_sop_berbeda_tidak_ditebak() -> None:
    aneh = sop("x/aneh", "800/1/X", "Z/9")  # a nama that is another SOP's nomor
    for tingkat, kata in (("info", "peringatan"), ("galat", "galat")):
        t, pesan = satu("800/1/X", IKU, aneh, tingkat=tingkat)
        assert (t.tujuan, t.keadaan, t.calon) == (None, GANDA, ("kinerja/iku", "x/aneh"))
        assert pesan == [
            f"sops/a/b.yml:10:5: {kata}[ambiguous-link]: keterkaitan '800/1/X' cocok dengan lebih "
            "dari satu SOP: 'Penetapan Indikator Kinerja Utama' (800/1/X), '800/1/X' (Z/9) — tulis "
            "{sop: <id>} untuk memilih satu, mis. {sop: kinerja/iku}"
        ]


def test_kecocokan_tepat_mengalahkan_yang_dinormalkan() -> None:
    satu_ = sop("x/1", "Penetapan IKU", "1")
    dua = sop("x/2", "SOP Penetapan IKU.", "2")  # same after normalising; load allows both
    t, _ = satu("SOP Penetapan IKU.", satu_, dua)
    assert t.tujuan == "x/2"
    t, _ = satu("penetapan iku", satu_, dua)
    assert t.tujuan == "x/1"
    t, _ = satu("SOP Penetapan IKU!", satu_, dua)  # only normalised: both match → not guessed
    assert (t.tujuan, t.keadaan) == (None, GANDA)


def test_kelompok_belum() -> None:
    a = sop("a", "Satu", "1", "SOP Renstra", "SOP Renja")
    b = sop("b", "Dua", "2", "sop renstra.")
    c = sop("c", "Tiga", "3", "SOP Renja", "SOP LKPJ")
    peta, _ = hubung(a, b, c, tingkat="info")
    kel = peta.kelompok_belum()
    assert [(k.judul, k.sumber) for k in kel] == [
        ("SOP Renja", ("a", "c")), ("SOP Renstra", ("a", "b")), ("SOP LKPJ", ("c",))]


def test_dari_berkas_yaml(tmp_path: Path) -> None:
    dasar = """\
        unit: Bagian Umum
        tanggal_pembuatan: 2024-01-15
        tanggal_efektif: 2024-01-15
        disahkan_oleh: {jabatan: Kepala, nama: Budi}
        dasar_hukum: [Perda 1/2020]
        kualifikasi_pelaksana: [Teliti]
        peralatan: [Komputer]
        peringatan: "-"
        pencatatan: Agenda
        pelaksana: [Staf]
        kegiatan: [{aktivitas: Bekerja, pelaksana: Staf}]
        """
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "_default.yml").write_text(textwrap.dedent(dasar))
    (tmp_path / "sops" / "a.yml").write_text(textwrap.dedent("""\
        nomor: "UM/ 01"
        nama: Pengiriman Surat
        keterkaitan:
          - SOP Penerimaan Surat.
          - SOP Pengiriman Surat
          - {dokumen: Buku Agenda}
        """))
    (tmp_path / "sops" / "b.yml").write_text(textwrap.dedent("""\
        nomor: UM/02
        nama: Penerimaan Surat
        keterkaitan: [UM/01, SOP Pengarsipan Surat, "SOP Pengirimn Surat"]
        """))
    buku = load.muat(tmp_path / "sops", tmp_path)
    assert [str(d) for d in buku.laporan.terurut()] == []
    peta = hubungkan(buku.sops, buku.laporan)
    assert [t.tujuan for t in peta.keluar["a"]] == ["b", None, None]
    assert [t.tujuan for t in peta.keluar["b"]] == ["a", None, None]
    assert peta.masuk == {"a": ["b"], "b": ["a"]}
    assert [str(d) for d in buku.laporan.terurut()] == [
        "sops/a.yml:5:5: galat[self-link]: SOP ini merujuk dirinya sendiri di keterkaitan — "
        "hapus butir ini",
        "sops/b.yml:3:22: peringatan[unresolved-link]: keterkaitan 'SOP Pengarsipan Surat' belum "
        "ada di buku pedoman — tambahkan SOP itu ke buku pedoman, atau tulis {dokumen: ...} bila "
        "bukan SOP",
        "sops/b.yml:3:45: peringatan[unresolved-link]: keterkaitan 'SOP Pengirimn Surat' belum "
        "ada di buku pedoman — maksud Anda 'Pengiriman Surat' (UM/01)?",
    ]


def test_cepat_pada_2000_sop() -> None:
    kata = ["Penyusunan", "Penetapan", "Pengelolaan", "Pelaporan", "Verifikasi", "Pengadaan",
            "Arsip", "Surat", "Kinerja", "Anggaran", "Barang", "Data", "Rencana", "Kerja",
            "Tahunan", "Bulanan", "Keuangan", "Pegawai", "Cuti", "Dinas"]
    sops = []
    for i in range(2000):
        nama = " ".join(kata[(i * k + k) % len(kata)] for k in (1, 3, 7)) + f" Tahap {i}"
        rujuk = [f"SOP {kata[i % 20]} {kata[(i + 5) % 20]} Lain {i % 300}", f"SOP Tahap {i + 1}"]
        sops.append(sop(f"s/{i:04}", nama, f"{i}/X", *rujuk))
    mulai = time.perf_counter()
    peta, _ = hubung(*sops)
    assert time.perf_counter() - mulai < 5
    assert len(peta.belum) == 4000
