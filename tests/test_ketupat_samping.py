"""Page chart: a long decision is a small diamond with its text beside it, no line crosses that
text, and no word is cut inside (issue I). The printed form's layout is unchanged."""

from __future__ import annotations

import itertools
from pathlib import Path

from sop_handbook import load
from sop_handbook.gambar.lajur import TINGGI_KETUPAT_KECIL, Kotak, tata_letak

KEPALA = """\
nomor: "UM/09"
nama: Keputusan Panjang
unit: Bagian Umum
tanggal_pembuatan: 2024-01-15
tanggal_efektif: 1 Februari 2024
disahkan_oleh: {jabatan: Kepala, nama: Budi}
dasar_hukum: [Perda 1/2020]
kualifikasi_pelaksana: [Teliti]
keterkaitan: []
peralatan: [Komputer]
peringatan: Berkas hilang.
pencatatan: Agenda
"""
PANJANG = ("Memeriksa kelengkapan dan kebenaran berkas permohonan beserta seluruh lampirannya, "
           "lalu mengirimkan hasil pemeriksaan kepada Sekretaris untuk dipertanggungjawabkan; "
           "bila belum lengkap dikembalikan kepada pemohon")


def _sop(tmp_path: Path, lajur: int) -> load.Sop:
    nama = [f"Pejabat {chr(65 + i)}" for i in range(lajur)]
    isi = KEPALA + f"pelaksana: [{', '.join(nama)}]\nkegiatan:\n"
    isi += f"  - {{aktivitas: Menerima berkas, pelaksana: {nama[0]}}}\n"
    isi += f"  - {{aktivitas: '{PANJANG}', pelaksana: {nama[1]}, keputusan: {{tidak: 1, ya: 3}}}}\n"
    isi += (f"  - {{aktivitas: '{PANJANG}', pelaksana: [{nama[2]}, {nama[0]}], "
            "keputusan: {tidak: 2}}\n")
    isi += f"  - {{aktivitas: Mengarsipkan berkas, pelaksana: {nama[-1]}}}\n"
    (tmp_path / "sops").mkdir(exist_ok=True)
    (tmp_path / "sops/k.yml").write_text(isi, encoding="utf-8")
    buku = load.muat(tmp_path / "sops", tmp_path)
    assert [d.kode for d in buku.laporan.terurut() if d.kode != "unused-lane"] == []
    return buku.per_id()["k"]


def _memotong(a: tuple[float, float], b: tuple[float, float], k: Kotak) -> bool:
    """Does the axis-parallel segment a-b pass through box k?"""
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return x0 < k.x1 and k.x0 < x1 and y0 < k.y1 and k.y0 < y1


def test_keputusan_panjang_di_samping_ketupat(tmp_path: Path) -> None:
    for lajur in (3, 8):
        sop = _sop(tmp_path, lajur)
        kata = set(PANJANG.split())
        (bagan,) = tata_letak(sop, samping=True)
        ketupat = [s for s in bagan.simbol if s.jenis == "keputusan"]
        assert len(ketupat) == 3  # step 2, and step 3 drawn in two lanes
        for s in ketupat:
            assert s.kotak.tinggi == TINGGI_KETUPAT_KECIL
            assert s.teks == (f"{s.langkah}.",)
            assert set(" ".join(s.samping).split()) == kata  # every word whole
            k = s.kotak_samping
            assert k is not None and k.x0 > s.kotak.x1 and k.y0 > s.kotak.cy
            lajur_s = bagan.lajur[s.lajur]
            assert lajur_s.x0 < s.kotak.x0 and k.x1 < lajur_s.x1
            for g in bagan.garis:
                for a, b in itertools.pairwise(g.titik):
                    assert not _memotong(a, b, k), (g.nama, a, b, k)
        for s in bagan.simbol:  # no word cut anywhere on the page chart
            if s.langkah in (1, 4):
                assert " ".join(s.teks).split()[1:] == sop.langkah(s.langkah).aktivitas.split()


def test_formulir_cetak_tetap_ketupat_biasa(tmp_path: Path) -> None:
    sop = _sop(tmp_path, 3)
    (bagan,) = tata_letak(sop)
    assert all(not s.samping for s in bagan.simbol)
    assert max(s.kotak.tinggi for s in bagan.simbol if s.jenis == "keputusan") > 72
