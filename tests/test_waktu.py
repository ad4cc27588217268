from __future__ import annotations

import pytest

from sop_handbook import waktu as W
from sop_handbook.model import Langkah, Posisi


@pytest.mark.parametrize(
    ("teks", "mn", "mx", "satuan"),
    [
        ("15 menit", 15, 15, "menit"),
        ("2 jam", 2, 2, "jam"),
        ("1 - 20 hari kerja", 1, 20, "hari kerja"),
        ("1–3 hari", 1, 3, "hari"),
        ("1 s.d. 3 Hari", 1, 3, "hari"),
        ("120 Hari", 120, 120, "hari"),
        ("30 mnt", 30, 30, "menit"),
        ("2 hr", 2, 2, "hari"),
        ("1,5 jam", 1.5, 1.5, "jam"),
        ("2 ( dua ) minggu", 2, 2, "minggu"),
        ("± 10 menit", 10, 10, "menit"),
        ("15 menit per berkas", 15, 15, "menit"),
        ("3 bulan", 3, 3, "bulan"),
        ("1 tahun", 1, 1, "tahun"),
        ("45 detik", 45, 45, "detik"),
    ],
)
def test_durasi_terbaca(teks: str, mn: float, mx: float, satuan: str) -> None:
    w, masalah = W.baca(teks)
    assert masalah is None
    assert (w.minimum, w.maksimum, w.satuan, w.teks) == (mn, mx, satuan, teks)


@pytest.mark.parametrize("teks", ["Setiap saat", "Pada hari dan jam kerja", "Menyesuaikan"])
def test_teks_bebas_bukan_masalah(teks: str) -> None:
    w, masalah = W.baca(teks)
    assert masalah is None and not w.terukur and w.teks == teks


def test_satuan_salah_ketik_diberi_saran() -> None:
    w, masalah = W.baca("2 ment")
    assert not w.terukur and w.teks == "2 ment"
    assert masalah is not None
    assert masalah.pesan == "satuan waktu 'ment' tidak dikenal"
    assert masalah.saran == "maksud Anda 'menit'?"


def test_angka_tanpa_satuan_dan_rentang_terbalik() -> None:
    assert W.baca("15")[1].pesan == "waktu '15' tidak bersatuan"  # type: ignore[union-attr]
    assert "terbalik" in W.baca("5 - 2 hari")[1].pesan  # type: ignore[union-attr]


def _langkah(nomor: int, teks: str | None) -> Langkah:
    return Langkah(nomor, "x", ("a",), Posisi("f"), waktu=W.baca(teks)[0] if teks else None)


def test_total_memisahkan_hari_dari_jam_dan_menandai_yang_tak_dihitung() -> None:
    total = W.jumlahkan([
        _langkah(1, "15 menit"), _langkah(2, "2 Hari"), _langkah(3, "60 menit"),
        _langkah(4, "1 - 3 hari kerja"), _langkah(5, "Setiap saat"), _langkah(6, None),
        _langkah(7, "1 minggu"), _langkah(8, "2 jam"),
    ])
    assert total.rentang
    assert W.format_total(total) == (
        "1 hari kerja 9 hari 3 jam 15 menit s.d. 3 hari kerja 9 hari 3 jam 15 menit"
    )
    assert total.tidak_dihitung == ((5, "Setiap saat"),)
    assert total.tanpa_waktu == (6,)


def test_total_kosong() -> None:
    assert W.format_total(W.jumlahkan([_langkah(1, "Setiap saat")])) == "-"
