"""History from git ("Riwayat perubahan"): a real temporary repository with three revisions of
one SOP, read by the real `git`, explained step by step; outside git the page says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs, salin_proyek, teks_halaman
from sop_handbook import load, riwayat
from sop_handbook.diagnostics import Laporan
from sop_handbook.gambar import Memo

REV1 = """\
nomor: "001/TU"
nama: Pengelolaan Surat Masuk
unit: Bagian Umum
tanggal_pembuatan: 2023-01-02
tanggal_efektif: 2023-01-09
disahkan_oleh: {jabatan: Kepala Bagian Umum, nama: Budi}
dasar_hukum:
  - Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009 tentang Tata Naskah Dinas
kualifikasi_pelaksana: [Memahami tata naskah dinas]
keterkaitan: []
peralatan: [Komputer]
peringatan: Surat yang tidak dicatat dapat hilang.
pencatatan: Buku agenda
pelaksana: [Pengadministrasi Umum, Kepala Bagian Umum]
kegiatan:
  - aktivitas: Menerima surat masuk dan mencatatnya di buku agenda
    pelaksana: Pengadministrasi Umum
    waktu: 15 menit
  - aktivitas: Memeriksa kelengkapan surat
    pelaksana: Pengadministrasi Umum
    waktu: 10 menit
  - aktivitas: Mendisposisikan surat kepada pejabat yang berwenang
    pelaksana: Kepala Bagian Umum
    waktu: 1 jam
"""


def _rev2(teks: str) -> str:
    # Step 2 reworded, step 3's waktu changed, a new lane and step, dasar hukum replaced.
    return (teks
            .replace("Memeriksa kelengkapan surat", "Memeriksa kelengkapan dan keaslian surat")
            .replace("    waktu: 1 jam", "    waktu: 2 jam")
            .replace("pelaksana: [Pengadministrasi Umum, Kepala Bagian Umum]",
                     "pelaksana: [Pengadministrasi Umum, Kepala Bagian Umum, Arsiparis]")
            .replace("Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009",
                     "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023")
            .replace("tanggal_efektif: 2023-01-09",
                     "tanggal_revisi: 2024-05-01\ntanggal_efektif: 2024-05-01")
            + "  - aktivitas: Mengarsipkan surat\n    pelaksana: Arsiparis\n    waktu: 5 menit\n")


def _rev3(teks: str) -> str:
    # The archiving step moves to the front; the first step is removed; no new tanggal_revisi.
    langkah = teks.split("kegiatan:\n")[1].split("  - aktivitas: ")[1:]
    baru = [langkah[3], langkah[1], langkah[2]]
    return teks.split("kegiatan:\n")[0] + "kegiatan:\n" + "".join(
        "  - aktivitas: " + x for x in baru)


def git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Siti Aminah", "GIT_AUTHOR_EMAIL": "siti@contoh.id",
           "GIT_COMMITTER_NAME": "Siti Aminah", "GIT_COMMITTER_EMAIL": "siti@contoh.id",
           "HOME": str(folder)}
    return subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True,
                          text=True).stdout


def commit(folder: Path, pesan: str, tanggal: str) -> None:
    git(folder, "add", "-A")
    git(folder, "-c", "commit.gpgsign=false", "commit", "-q", "-m", pesan,
        f"--date={tanggal}T10:00:00+07:00")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A handbook in git: one SOP committed three times (created, revised, steps moved)."""
    proyek = salin_proyek(tmp_path / "buku", sops=False)
    berkas = proyek / "sops/umum/surat-masuk.yml"
    berkas.parent.mkdir(parents=True)
    git(proyek, "init", "-q", "-b", "main")
    berkas.write_text(REV1, encoding="utf-8")
    commit(proyek, "Tambah SOP surat masuk", "2023-01-02")
    berkas.write_text(_rev2(REV1), encoding="utf-8")
    commit(proyek, "Revisi 2024: arsiparis", "2024-05-01")
    berkas.write_text(_rev3(_rev2(REV1)), encoding="utf-8")
    commit(proyek, "Urutan langkah", "2024-08-17")
    return proyek


def _susun(proyek: Path, memo: Memo | None = None) -> tuple[riwayat.RiwayatBuku, Laporan]:
    folder = proyek / "sops"
    buku = load.muat(folder, proyek)
    assert not buku.laporan.ada_galat, buku.laporan.semua
    lap = Laporan()
    r = riwayat.susun_riwayat(buku.sops, proyek, folder,
                              riwayat.pemuat(proyek, folder, buku.bawaan), memo, lap)
    return r, lap


def test_tiga_revisi_dijelaskan_per_langkah(repo: Path) -> None:
    r, lap = _susun(repo)
    rs = r.per_sop["umum/surat-masuk"]
    assert [x.judul for x in rs.revisi] == ["Urutan langkah", "Revisi 2024: arsiparis",
                                           "Tambah SOP surat masuk"]
    assert [x.tanggal.isoformat() for x in rs.revisi] == ["2024-08-17", "2024-05-01",
                                                         "2023-01-02"]
    assert {x.penulis for x in rs.revisi} == {"Siti Aminah"}
    assert rs.keterangan is None
    kedua = rs.revisi[1].perubahan
    assert ("Langkah 2 diubah kata-katanya: “Memeriksa kelengkapan surat” menjadi "
            "“Memeriksa kelengkapan dan keaslian surat”.") in kedua
    assert "Langkah 3: waktu diubah dari “1 jam” menjadi “2 jam”." in kedua
    assert "Langkah 4 baru: “Mengarsipkan surat” (Arsiparis)." in kedua
    assert "Pelaksana (lajur) ditambah: “Arsiparis”." in kedua
    assert any(k.startswith("Dasar hukum: “Peraturan Menteri Dalam Negeri Nomor 54 Tahun 2009")
               and "diganti dengan “Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023" in k
               for k in kedua), kedua
    assert "Tanggal revisi diisi: “1 Mei 2024”." in kedua
    ketiga = rs.revisi[0].perubahan
    assert "Langkah “Mengarsipkan surat” dipindah dari nomor 4 ke nomor 1." in ketiga
    assert ("Langkah “Menerima surat masuk dan mencatatnya di buku agenda” (dulu nomor 1) "
            "dihapus.") in ketiga
    # Steps only renumbered by the move are not reported as changed.
    assert not any("Memeriksa kelengkapan dan keaslian" in k for k in ketiga), ketiga
    assert rs.revisi[2].perubahan == ("SOP pertama kali ditambahkan ke buku pedoman.",)
    # The last revision changed steps without a new tanggal_revisi: a warning at that key.
    (d,) = lap.semua
    assert d.kode == "revision-date-unchanged"
    assert d.pesan.startswith(f"langkah prosedur berubah di revisi {rs.revisi[0].commit[:7]} "
                              "(17 Agustus 2024), tetapi tanggal_revisi")
    assert str(d.posisi) == "sops/umum/surat-masuk.yml:5:17"
    assert "tanggal_revisi" in d.saran


def test_git_dua_kali_dan_memo(repo: Path, tmp_path: Path) -> None:
    memo = Memo(tmp_path / "memo")
    r, _ = _susun(repo, memo)
    assert r.git == 3 and r.diurai == 3  # rev-parse+log, cat-file; three revisions parsed
    r2, lap = _susun(repo, Memo(tmp_path / "memo"))
    assert r2.git == 2 and r2.diurai == 0  # warm: nothing parsed, no cat-file
    assert r2.per_sop == r.per_sop and len(lap.semua) == 1
    # A damaged entry is a miss: explained again, same result.
    for f in (tmp_path / "memo").rglob("*.json"):
        f.write_text("rusak", encoding="utf-8")
    r3, _ = _susun(repo, Memo(tmp_path / "memo"))
    assert r3.diurai == 3 and r3.per_sop == r.per_sop


def test_perubahan_belum_dicommit_diperiksa(repo: Path) -> None:
    berkas = repo / "sops/umum/surat-masuk.yml"
    teks = berkas.read_text(encoding="utf-8")
    berkas.write_text(teks.replace("2024-05-01", "2024-09-01", 1), encoding="utf-8")
    _, lap = _susun(repo)  # steps same as HEAD, date changed: nothing to say
    assert lap.semua == []
    berkas.write_text(teks.replace("waktu: 5 menit", "waktu: 10 menit"), encoding="utf-8")
    _, lap = _susun(repo)
    (d,) = lap.semua
    assert d.kode == "revision-date-unchanged"
    assert "berubah di berkas yang belum di-commit," in d.pesan
    hasil = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint"],
                           cwd=repo, capture_output=True, text=True, timeout=120)
    assert "peringatan[revision-date-unchanged]" in hasil.stdout + hasil.stderr


def test_pindah_berkas_diikuti(repo: Path) -> None:
    (repo / "sops/tu").mkdir()
    git(repo, "mv", "sops/umum/surat-masuk.yml", "sops/tu/surat-masuk.yml")
    commit(repo, "Pindah ke folder TU", "2024-09-01")
    r, _ = _susun(repo)
    rs = r.per_sop["tu/surat-masuk"]
    assert len(rs.revisi) == 4
    assert rs.revisi[0].perubahan[0] == ("Berkas dipindah dari sops/umum/surat-masuk.yml ke "
                                         "sops/tu/surat-masuk.yml.")


def test_di_luar_git_dan_satu_revisi(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path / "buku")
    r, lap = _susun(proyek)
    assert r.keterangan and "tidak berada di repositori git" in r.keterangan
    assert "not a git" not in r.keterangan  # git's English stays out of the page
    assert all(x.revisi == () and x.keterangan == r.keterangan for x in r.per_sop.values())
    assert lap.semua == []
    git(proyek, "init", "-q")
    commit(proyek, "Awal", "2024-01-01")
    r, lap = _susun(proyek)
    x = next(iter(r.per_sop.values()))
    assert len(x.revisi) == 1 and "satu revisi" in (x.keterangan or "")


def test_halaman_sop_menampilkan_riwayat(repo: Path) -> None:
    berkas = repo / "sops/umum/surat-masuk.yml"
    berkas.write_text(berkas.read_text(encoding="utf-8") + "catatan: Contoh\n", encoding="utf-8")
    commit(repo, 'Catatan <b>tebal</b> & "kutip"', "2024-09-02")
    hasil = mkdocs(repo, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert "revision-date-unchanged" in hasil.stderr
    teks = teks_halaman((repo / "site/sop/umum/surat-masuk/index.html").read_text("utf-8"))
    assert "Riwayat perubahan" in teks
    mentah = (repo / "site/sop/umum/surat-masuk/index.html").read_text("utf-8")
    assert "Catatan &lt;b&gt;tebal&lt;/b&gt; &amp; &#34;kutip&#34;" in mentah  # escaped
    assert "Catatan diisi: “Contoh”." in teks and "Isi formulir tidak berubah" not in teks
    assert "17 Agustus 2024 · Urutan langkah · Siti Aminah" in teks
    assert "Langkah “Mengarsipkan surat” dipindah dari nomor 4 ke nomor 1." in teks
    assert "Langkah 3: waktu diubah dari “1 jam” menjadi “2 jam”." in teks
    hasil = mkdocs(repo, "build", "--strict", "-d", "site2")
    assert hasil.returncode != 0 and not (repo / "site2").exists()


def test_hanya_komentar_dan_perubahan_lama_tanpa_tanggal(repo: Path) -> None:
    berkas = repo / "sops/umum/surat-masuk.yml"
    berkas.write_text("# komentar saja\n" + berkas.read_text(encoding="utf-8"), encoding="utf-8")
    commit(repo, "Komentar", "2024-09-03")
    r, lap = _susun(repo)
    rs = r.per_sop["umum/surat-masuk"]
    assert rs.revisi[0].perubahan == ("Isi formulir tidak berubah (hanya penulisan berkas, "
                                      "mis. komentar, spasi atau urutan kunci).",)
    # The undated step change one commit earlier is still reported, naming that revision.
    (d,) = lap.semua
    assert f"di revisi {rs.revisi[1].commit[:7]} (17 Agustus 2024)" in d.pesan


def test_gabungan_cabang_dan_keterangan_saja(repo: Path) -> None:
    """A change merged from a branch is a revision of the main line (not "uncommitted"), and a
    step's Keterangan alone is a note: listed in the history, no revision-date warning."""
    berkas = repo / "sops/umum/surat-masuk.yml"
    teks = berkas.read_text(encoding="utf-8").replace(
        "tanggal_revisi: 2024-05-01", "tanggal_revisi: 2024-09-01")
    berkas.write_text(teks, encoding="utf-8")
    commit(repo, "Revisi September", "2024-09-01")
    git(repo, "checkout", "-q", "-b", "catatan")
    berkas.write_text(teks.replace("    waktu: 5 menit\n",
                                   "    waktu: 5 menit\n    keterangan: Lihat juga SOP arsip\n", 1),
                      encoding="utf-8")
    commit(repo, "Catatan di kolom keterangan", "2024-10-01")
    git(repo, "checkout", "-q", "main")
    (repo / "docs_src/lain.md").write_text("# Lain\n", encoding="utf-8")
    commit(repo, "Halaman lain", "2024-10-02")
    git(repo, "-c", "commit.gpgsign=false", "merge", "-q", "--no-ff", "-m",
        "Gabung catatan", "catatan")
    r, lap = _susun(repo)
    assert lap.semua == []
    rs = r.per_sop["umum/surat-masuk"]
    assert rs.revisi[0].judul == "Gabung catatan"
    assert any("keterangan" in k for k in rs.revisi[0].perubahan), rs.revisi[0].perubahan
