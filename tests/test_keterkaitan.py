"""Cross-links, backlinks, the report page, index pages, maps and redirects in real builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import mkdocs, salin_proyek, teks_halaman

PERBAIKAN = "sop/banhub/perbaikan-data-kinerja/index.html"
PENETAPAN = "sop/banhub/penetapan-indikator-kinerja/index.html"


def _baca(situs: Path, p: str) -> tuple[str, str]:
    isi = (situs / p).read_text(encoding="utf-8")
    return isi, teks_halaman(isi)


def _salah_ketik(proyek: Path) -> None:
    """Write an item that nearly matches 'Pengumpulan Data Kinerja' (a likely typo)."""
    p = proyek / "sops/banhub/penetapan-indikator-kinerja.yml"
    p.write_text(p.read_text(encoding="utf-8").replace(
        "  - {sop: banhub/pengumpulan-data-kinerja, judul: SOP Pengumpulan Data Kinerja Tahunan}",
        "  - SOP Pengumpulan Data Kinerja Tahunan"), encoding="utf-8")


def _bagian(isi: str, id_: str) -> str:
    """The HTML from heading `id_` to the next h2."""
    m = re.search(rf'<h2 id="{id_}">.*?(?=<h2 |</article>)', isi, re.S)
    assert m, id_
    return m.group(0)


def test_tautan_dua_arah(situs: Path) -> None:
    isi, _ = _baca(situs, PERBAIKAN)
    ket = _bagian(isi, "keterkaitan")
    # Text item resolved by title (ignoring the leading "SOP") ...
    assert '<a href="../penetapan-indikator-kinerja/">SOP Penetapan Indikator Kinerja</a>' in ket
    # ... unresolved items stay as marked text, never a link.
    assert "SOP Penyusunan Renstra" in teks_halaman(ket)
    assert teks_halaman(ket).count("belum ada di buku pedoman") == 5
    dirujuk = teks_halaman(_bagian(isi, "dirujuk-oleh"))
    assert "Penetapan Indikator Kinerja (CONTOH/002/Banhub.A)" in dirujuk
    assert "Pengelolaan Surat Masuk (CONTOH/001/Banhub.A)" in dirujuk  # {sop: id}
    assert "Penyusunan dan Penetapan SOP" in dirujuk  # by nomor, from another unit
    isi2, _ = _baca(situs, PENETAPAN)
    balik = _bagian(isi2, "dirujuk-oleh")
    assert 'href="../perbaikan-data-kinerja/"' in balik
    assert 'href="../pengumpulan-data-kinerja/"' in balik
    ket2 = _bagian(isi2, "keterkaitan")
    assert "Rencana Strategis Badan Penghubung 2019-2024 dokumen" in teks_halaman(ket2)
    assert "<a" not in ket2.split("Rencana Strategis")[1].split("</li>")[0]


def test_laporan_keterkaitan(situs: Path) -> None:
    _, teks = _baca(situs, "keterkaitan/index.html")
    assert "11 butir" in teks


def test_mirip_nama_sop_selalu_peringatan(tmp_path: Path) -> None:
    """A near match is a likely typo: a warning even with unresolved_links: info (so --strict
    catches it); the report page still lists it with the suggested {sop: id}."""
    proyek = salin_proyek(tmp_path)
    _salah_ketik(proyek)
    pesan = ("sops/banhub/penetapan-indikator-kinerja.yml:13:5: peringatan[unresolved-link]: "
             "keterkaitan 'SOP Pengumpulan Data Kinerja Tahunan' belum ada di buku pedoman — "
             "maksud Anda 'Pengumpulan Data Kinerja' (800/14.046/Banhub.A)?")
    tegas = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert tegas.returncode == 1 and pesan in tegas.stderr
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0 and f"WARNING -  sop_handbook: {pesan}" in hasil.stderr
    # The other unresolved items (info): one summary line, not a line each.
    info = [b for b in hasil.stderr.splitlines() if "belum ada di buku pedoman" in b]
    assert len(info) == 2
    assert "11 keterkaitan belum ada di buku pedoman (unresolved_links: info)" in info[0]
    isi, teks = _baca(proyek / "site", "keterkaitan/index.html")
    assert "12 butir" in teks
    baris = re.search(r"<tr>\s*<td>SOP Pengumpulan Data Kinerja Tahunan.*?</tr>", isi, re.S)
    assert baris is not None
    assert 'href="../sop/banhub/pengumpulan-data-kinerja/"' in baris.group(0)
    assert "sops/banhub/penetapan-indikator-kinerja.yml:13:5" in baris.group(0)
    assert "{sop: banhub/pengumpulan-data-kinerja}" in teks_halaman(baris.group(0))


def test_halaman_indeks(situs: Path) -> None:
    _, teks = _baca(situs, "dasar-hukum/perpres-29-2014/index.html")
    assert "5 SOP berdasarkan peraturan ini" in teks
    assert "“Perpres No. 29 Tahun 2014”" in teks  # the short spelling joined the group
    isi, teks = _baca(situs, "jabatan/kepala-sub-bagian-tata-usaha/index.html")
    assert '<a href="../../sop/banhub/tata-usaha/pengelolaan-surat-masuk/#langkah-periksa">' in isi
    assert "bersama Staf Pelaksana" in teks  # the joint step names its partner
    _, teks = _baca(situs, "kata-kunci/kinerja/index.html")
    assert teks.count("Banhub.A") == 3 and "CONTOH/061/Biro-Org" in teks  # "Kinerja" too
    isi, teks = _baca(situs, "tinjauan/index.html")
    assert "CONTOH/061/Biro-Org Penyusunan dan Penetapan SOP Administrasi Pemerintahan " \
           "1 Maret 2019 (efektif) 1 Maret 2021" in teks
    # The SOP page links its dasar hukum, positions and tags to those pages.
    isi, _ = _baca(situs, PENETAPAN)
    assert 'href="../../../dasar-hukum/perpres-29-2014/"' in isi
    assert 'href="../../../jabatan/kepala-badan-penghubung/"' in isi
    assert 'href="../../../kata-kunci/perencanaan/"' in isi


def test_peta_keterkaitan(situs: Path) -> None:
    isi, _ = _baca(situs, "peta/index.html")
    fig = re.search(r'<figure class="sop-bagan sop-peta" data-search-exclude>.*?</figure>',
                    isi, re.S)
    assert fig is not None and fig.group(0).count("<svg") == 1
    assert 'href="badan-penghubung-provinsi-kalimantan-barat/"' in isi
    unit, _ = _baca(situs, "peta/badan-penghubung-provinsi-kalimantan-barat/index.html")
    assert 'href="../../sop/banhub/penetapan-indikator-kinerja/"' in unit
    assert "Biro Organisasi" in unit  # the other unit, summarised as one node


def test_alamat_lama_dialihkan(situs: Path) -> None:
    isi = (situs / "sop/banhub/surat-masuk/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../tata-usaha/pengelolaan-surat-masuk/">' \
        in isi
    assert 'location.replace("../tata-usaha/pengelolaan-surat-masuk/" + location.hash)' in isi
    # {sop: old id} from another SOP goes straight to the new page.
    org, _ = _baca(situs, "sop/biro-organisasi/penyusunan-sop/index.html")
    assert 'href="../../banhub/tata-usaha/pengelolaan-surat-masuk/"' in org


def test_tingkat_keterkaitan_belum(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path)
    _salah_ketik(proyek)
    cfg = proyek / "mkdocs.yml"
    asli = cfg.read_text()
    cfg.write_text(asli.replace("unresolved_links: info", "unresolved_links: warning"))
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 1 and not (proyek / "site").exists()
    assert ("sops/banhub/penetapan-indikator-kinerja.yml:13:5: peringatan[unresolved-link]: "
            "keterkaitan 'SOP Pengumpulan Data Kinerja Tahunan' belum ada di buku pedoman — "
            "maksud Anda 'Pengumpulan Data Kinerja' (800/14.046/Banhub.A)?") in hasil.stderr
    cfg.write_text(asli.replace("unresolved_links: info", "unresolved_links: error"))
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 1 and "galat[unresolved-link]" in hasil.stderr
    assert "Traceback" not in hasil.stderr


def test_lint_memberi_pesan_yang_sama_dengan_build(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`sop lint` resolves keterkaitan with mkdocs.yml's own setting, like the build does."""
    from sop_handbook import cli

    proyek = salin_proyek(tmp_path)
    monkeypatch.chdir(proyek)
    kode, baris = cli.lint([])
    assert kode == 0 and baris == ["OK — 0 galat, 0 peringatan."]  # unresolved_links: info
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("unresolved_links: info", "unresolved_links: error"))
    kode, baris = cli.lint([])
    build = mkdocs(proyek, "build", "-d", "site")
    assert kode == 1 and build.returncode == 1
    assert len(baris) == 12 and all(b in build.stderr for b in baris[:-1])
    _salah_ketik(proyek)
    kode, baris = cli.lint(["sops/banhub/penetapan-indikator-kinerja.yml"], keterkaitan="warning")
    assert kode == 0 and baris[0].endswith(
        "maksud Anda 'Pengumpulan Data Kinerja' (800/14.046/Banhub.A)?")


def test_keterkaitan_ditulis_nomor_menampilkan_nama(tmp_path: Path) -> None:
    """A keterkaitan written as a SOP number shows the SOP's name and its number once, on the
    page and in what search indexes (issue I); one written as a title keeps its words."""
    from conftest import indeks_cari

    proyek = tmp_path
    (proyek / "sops").mkdir()
    umum = ("tanggal_pembuatan: 2024-01-15\ntanggal_efektif: 2024-02-01\nunit: Bagian Umum\n"
            "disahkan_oleh: {jabatan: Kepala, nama: Budi}\ndasar_hukum: [Perda 1/2020]\n"
            "kualifikasi_pelaksana: [Teliti]\nperalatan: [Komputer]\nperingatan: Terlambat.\n"
            "pencatatan: Agenda\npelaksana: [Petugas]\n"
            "kegiatan: [{aktivitas: Mengerjakan, pelaksana: Petugas}]\n")
    (proyek / "sops/a.yml").write_text(
        'nomor: "800/14.047/Banhub.A"\nnama: Perbaikan Data Kinerja\nketerkaitan: []\n' + umum)
    (proyek / "sops/b.yml").write_text(
        'nomor: "UM/2"\nnama: Pengiriman Surat\n'
        'keterkaitan: ["SOP No. 800/ 14.047 / Banhub.A", "Perbaikan data kinerja"]\n' + umum)
    salin_proyek(proyek, sops=False)
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    isi, _ = _baca(proyek / "site", "sop/b/index.html")
    butir = teks_halaman(_bagian(isi, "keterkaitan"))
    assert butir == ("Keterkaitan Perbaikan Data Kinerja (800/14.047/Banhub.A) "
                     "Perbaikan data kinerja (800/14.047/Banhub.A)")
    teks_cari = next(d for u, d in indeks_cari(proyek / "site").items() if u.endswith("/b/"))
    assert teks_cari["content"].count("14.047") == 2  # once per item, never the number twice
