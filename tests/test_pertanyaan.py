"""`pertanyaan` on a decision: in the model, in the diamond, in the table and the checklist;
without it the checklist asks about the step's own text (issue I)."""

from __future__ import annotations

from pathlib import Path

from conftest import mkdocs, salin_proyek, teks_halaman
from sop_handbook import load
from sop_handbook.gambar import lajur

SOP = """\
nomor: "UM/07"
nama: Verifikasi Berkas
unit: Bagian Umum
tanggal_pembuatan: 2024-01-15
tanggal_efektif: 1 Februari 2024
disahkan_oleh: {jabatan: Kepala Bagian Umum, nama: Budi}
dasar_hukum: [Perda 1/2020]
kualifikasi_pelaksana: [Teliti]
keterkaitan: []
peralatan: [Komputer]
peringatan: Berkas hilang.
pencatatan: Agenda
pelaksana: [Petugas, Kepala]
kegiatan:
  - aktivitas: Menerima berkas
    pelaksana: Petugas
  - aktivitas: Memeriksa kelengkapan berkas permohonan beserta lampirannya
    pelaksana: Kepala
    keputusan: {pertanyaan: "  Berkas   <lengkap>? ", tidak: 1}
  - aktivitas: Menilai kesesuaian berkas
    pelaksana: Kepala
    keputusan: {tidak: 1}
  - aktivitas: Mengarsipkan berkas
    pelaksana: Petugas
"""


def _buku(tmp_path: Path, isi: str = SOP) -> load.BukuPedoman:
    (tmp_path / "sops").mkdir(parents=True, exist_ok=True)
    (tmp_path / "sops" / "verifikasi.yml").write_text(isi, encoding="utf-8")
    return load.muat(tmp_path / "sops", tmp_path)


def test_pertanyaan_dibaca_dan_ditulis_di_belah_ketupat(tmp_path: Path) -> None:
    buku = _buku(tmp_path)
    assert [str(d) for d in buku.laporan.terurut()] == []
    sop = buku.per_id()["verifikasi"]
    assert sop.kegiatan[1].keputusan.pertanyaan == "Berkas <lengkap>?"  # spaces folded
    assert sop.kegiatan[2].keputusan.pertanyaan is None
    ketupat = {s.langkah: " ".join(s.teks) for b in lajur.tata_letak(sop) for s in b.simbol}
    assert ketupat[2] == "2. Berkas <lengkap>?"
    assert ketupat[3].startswith("3. Menilai")


def test_pertanyaan_saja_tanpa_tujuan_tetap_keputusan_kosong(tmp_path: Path) -> None:
    buku = _buku(tmp_path, SOP.replace("{pertanyaan: \"  Berkas   <lengkap>? \", tidak: 1}",
                                       "{pertanyaan: Lengkap?}"))
    assert [d.kode for d in buku.laporan.terurut()] == ["empty-decision"]


def test_pertanyaan_di_tabel_dan_daftar_periksa(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path, sops=False)
    _buku(proyek)
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    html = (proyek / "site/sop/verifikasi/index.html").read_text(encoding="utf-8")
    assert "&lt;lengkap&gt;" in html and "<lengkap>" not in html  # escaped
    teks = teks_halaman(html)
    # Table: the question under the step's activity.
    assert "Memeriksa kelengkapan berkas permohonan beserta lampirannya Berkas <lengkap>?" in teks
    # Checklist: the question; without one, a question about the step's own text.
    assert "Keputusan Berkas <lengkap>? Ya : lanjut ke langkah 3" in teks
    assert "Keputusan Apakah hasil “Menilai kesesuaian berkas” sesuai? Ya :" in teks
    assert "Sudah sesuai?" not in teks
