"""Printing a SOP: the official SOP AP form on landscape F4/A4, in the browser and as PDF.

Layout tests run on the model only (fast); one print-emulation screenshot and the PDFs use
the shared sample build, and one copy is built with A4 paper, a logo and "Unduh PDF" links.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest

from conftest import KELUARAN, PROYEK, mkdocs, salin_proyek
from sop_handbook import load
from sop_handbook.formulir import (
    JUDUL_KOLOM,
    KERTAS,
    area_cetak,
    css_halaman,
    gambar_semua,
    ke_dot_formulir,
    kertas_sah,
    tata_formulir,
)
from sop_handbook.pdf import ChromiumTidakAda, buat_pdf, daftar_sop, jalankan, nama_berkas
from sop_handbook.render import JUDUL_KOLOM as JUDUL_KOLOM_HALAMAN

SEED = "banhub/perbaikan-data-kinerja"
CONTOH = "banhub/tata-usaha/pengelolaan-surat-masuk"  # decision, loop back, joint step, jump
MM = 72 / 25.4


@pytest.fixture(scope="module")
def sops():
    buku = load.muat(PROYEK / "sops", PROYEK)
    assert not buku.laporan.daftar_galat
    return buku.per_id()


# --- layout (no Graphviz, no browser) --------------------------------------------------------


def test_simbol_di_baris_dan_kolom_pelaksananya(sops) -> None:
    sop = sops[CONTOH]
    [lembar] = tata_formulir(sop, "F4")
    lebar, _ = area_cetak("F4")
    assert lembar.lebar <= lebar and lembar.langkah == tuple(range(1, 8))
    assert len(lembar.baris) == 7
    lajur = {la.id: la for la in lembar.bagan.lajur}
    for s in lembar.bagan.simbol:
        baris = lembar.baris[s.langkah - 1]
        assert baris.y0 < s.kotak.y0 < s.kotak.y1 < baris.y1, f"langkah {s.langkah} keluar baris"
        la = lembar.bagan.lajur[s.lajur]
        assert la.x0 < s.kotak.x0 < s.kotak.x1 < la.x1
        assert sop.pelaksana[s.lajur].id in sop.langkah(s.langkah).pelaksana or \
            sop.pelaksana[s.lajur].nama in sop.langkah(s.langkah).pelaksana
    assert {s.jenis for s in lembar.bagan.simbol} == {"kapsul", "proses", "keputusan"}
    assert len(lembar.bagan.simbol_langkah(5)) == 2  # the joint step, in both its lanes
    # Lines stay orthogonal and inside the Pelaksana columns; arrows leave room for the head.
    kiri = min(la.x0 for la in lajur.values())
    kanan = max(la.x1 for la in lajur.values())
    for g in lembar.bagan.garis:
        for (ax, ay), (bx, by) in zip(g.titik, g.titik[1:], strict=False):
            assert ax == bx or ay == by, g.nama
            assert kiri <= min(ax, bx) and max(ax, bx) <= kanan
        if g.jenis == "alur" and g.ke is not None:
            (ax, ay), (bx, by) = g.titik[-2:]
            assert abs(bx - ax) + abs(by - ay) >= 8, f"{g.nama}: no room for the arrowhead"
    # Texts are in their cells, headings renamed by the SOP's `kolom`.
    teks = {c.nama: " ".join(c.teks) for c in lembar.sel}
    assert teks["kepala_kelengkapan"] == "Persyaratan"
    assert teks["sel2_aktivitas"].startswith("Memeriksa surat dan catatan agenda")
    assert teks["sel0_waktu"] == "Setiap saat"


def test_prosedur_panjang_dibagi_dengan_penghubung(sops) -> None:
    sop = sops[SEED]  # 9 steps, 4 lanes
    lembar = tata_formulir(sop, "F4", maks_langkah=4)
    assert [lb.langkah for lb in lembar] == [(1, 2, 3, 4), (5, 6, 7, 8), (9,)]
    keluar = [s for s in lembar[0].bagan.simbol if s.arah == "keluar"]
    masuk = [s for s in lembar[1].bagan.simbol if s.arah == "masuk"]
    assert len(keluar) == len(masuk) == 1 and keluar[0].penghubung == masuk[0].penghubung
    # Every page repeats the header row: the lane names are on each.
    for lb in lembar:
        kepala = [c for c in lb.sel if c.kepala]
        assert any("Pengadministrasi" in " ".join(c.teks) for c in kepala)
        assert lb.tinggi_kepala > 0 and lb.baris[0].y0 == lb.tinggi_kepala
    dot = ke_dot_formulir(lembar[1])
    assert "invhouse" in dot and "href" not in dot  # connector; print has no links


@pytest.mark.parametrize("kertas", ["F4", "A4"])
def test_otomatis_setiap_halaman_muat_di_kertas(sops, kertas: str) -> None:
    lebar, tinggi = area_cetak(kertas)
    for sop in sops.values():
        lembar = tata_formulir(sop, kertas)
        assert lembar, sop.id
        langkah = [n for lb in lembar for n in lb.langkah]
        assert langkah == list(range(1, len(sop.kegiatan) + 1))  # no step lost or repeated
        for lb in lembar:
            assert lb.tinggi <= tinggi - 8 * MM, (sop.id, lb.bagian)
            assert lb.lebar <= lebar or len(sop.pelaksana) > 5


def test_aturan_halaman_dan_nama_kertas(sops) -> None:
    assert "@page sop-ap{size:330mm 215mm" in css_halaman("F4")
    assert "size:297mm 210mm" in css_halaman("a4") and "page:sop-ap" in css_halaman("A4")
    assert KERTAS["F4"] == (330.0, 215.0)
    css = css_halaman("F4", sops[SEED])
    assert "SOP 800/14.047/Banhub.A" in css and "counter(pages)" in css
    with pytest.raises(ValueError, match="F4, A4"):
        kertas_sah("Letter")
    # A hostile name cannot leave the CSS string or the <style> element.
    jahat = sops[SEED].__class__(**{**sops[SEED].__dict__, "nama": 'x"}</style><script>'})
    css = css_halaman("F4", jahat)
    assert "</style" not in css and '"}' not in css.split("content:", 1)[1].split(";")[0][1:-1]
    assert JUDUL_KOLOM == JUDUL_KOLOM_HALAMAN  # the form and the page use the same headings


def test_tanpa_graphviz_hanya_aturan_halaman(sops) -> None:
    hasil = gambar_semua(sops.values(), None, "A4")
    assert all(f.svg == () and "297mm" in f.css for f in hasil.values())


# --- the built page, printed -----------------------------------------------------------------


def test_halaman_memuat_blok_cetak(situs: Path) -> None:
    isi = (situs / "sop" / SEED / "index.html").read_text(encoding="utf-8")
    blok = isi[isi.index('<div class="sop-cetak"'):]
    assert " hidden " in blok[:200] and "data-search-exclude" in blok[:200]
    assert "<style>@page sop-ap{size:330mm 215mm" in blok
    assert blok.count('class="sop-cetak__lembar sop-cetak__prosedur"') >= 1
    assert "Dasa Sekartiriatin Adinda, S.Sos" in blok and "NIP. 19651006 198603 2 016" in blok
    assert "sop-cetak-pengesah__ttd" in blok and "Unduh PDF" not in isi  # off by default
    assert daftar_sop(situs)[SEED] == situs / "sop" / SEED / "index.html"


def test_cetak_di_browser(browser, server: str) -> None:
    """Print emulation: the form shows, the website does not. Screenshot for a person."""
    halaman = browser.new_page(viewport={"width": 1247, "height": 813})  # F4 at 96 dpi
    halaman.goto(f"{server}/sop/{CONTOH}/")
    assert halaman.locator("nav.md-nav").first.is_visible()
    assert not halaman.locator(".sop-cetak").is_visible()  # screen: hidden
    halaman.emulate_media(media="print")
    for kelas in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer",
                  "table.sop-prosedur", "#bagan-alir", "h1#judul"):
        assert not halaman.locator(kelas).first.is_visible(), kelas
    identitas = halaman.locator("table.sop-cetak-identitas")
    assert identitas.is_visible()
    teks = identitas.inner_text()
    for isian in ("CONTOH/001/Banhub.A", "Tanggal Pembuatan", "1 Maret 2022", "2 Januari 2024",
                  "15 Maret 2022", "Disahkan Oleh", "Pembina Tingkat I", "NIP. 19651006",
                  "PENGELOLAAN SURAT MASUK"):
        assert isian in teks or isian.lower() in teks.lower(), isian
    ttd = halaman.locator(".sop-cetak-pengesah__ttd").bounding_box()
    assert ttd is not None and ttd["height"] > 60  # ~20 mm left for the signature
    gambar = halaman.locator(".sop-cetak__prosedur svg")
    assert gambar.count() == 1 and gambar.first.is_visible()
    assert halaman.locator(".sop-cetak__prosedur svg .sop-keputusan").count() == 1
    KELUARAN.mkdir(exist_ok=True)
    halaman.screenshot(path=str(KELUARAN / "cetak-surat-masuk.png"), full_page=True)
    halaman.close()


# --- PDF -------------------------------------------------------------------------------------


def _pdf(berkas: Path):
    pypdf = pytest.importorskip("pypdf")
    baca = pypdf.PdfReader(str(berkas))
    ukuran = [(float(p.mediabox.width), float(p.mediabox.height)) for p in baca.pages]
    teks = " ".join(" ".join((p.extract_text() or "").split()) for p in baca.pages)
    return ukuran, teks


def test_sop_pdf_seed_f4(situs: Path, tmp_path: Path, sops) -> None:
    [berkas] = buat_pdf(situs, [SEED], keluar=tmp_path)
    assert berkas == tmp_path / f"{SEED}.pdf" and berkas.read_bytes()[:5] == b"%PDF-"
    ukuran, teks = _pdf(berkas)
    assert len(ukuran) >= 2  # identity sheet, then the procedure
    for w, h in ukuran:  # F4 landscape: 330 x 215 mm = 935.4 x 609.4 pt
        assert w > h and abs(w - 330 * MM) < 2 and abs(h - 215 * MM) < 2
    assert "800/14.047/Banhub.A" in teks
    for lk in sops[SEED].kegiatan:
        assert " ".join(lk.aktivitas.split()) in teks, lk.nomor
    KELUARAN.mkdir(exist_ok=True)
    (KELUARAN / "sop-perbaikan-data-kinerja.pdf").write_bytes(berkas.read_bytes())


def test_chromium_tidak_ada(situs: Path, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(ChromiumTidakAda, match="apt-get install chromium"):
        buat_pdf(situs, [SEED], keluar=tmp_path, chromium="tidak-ada-chromium-di-sini")
    monkeypatch.setenv("SOP_CHROMIUM", str(tmp_path / "bukan-chromium"))
    kode, baris = jalankan([SEED], str(situs), keluar=str(tmp_path))
    assert kode == 1 and "Chromium tidak ditemukan" in baris[0]
    assert not list(tmp_path.glob("**/*.pdf"))
    monkeypatch.delenv("SOP_CHROMIUM")
    kode, baris = jalankan(["tidak/ada"], str(situs), keluar=str(tmp_path))
    assert kode == 1 and SEED in baris[0]  # lists the SOPs that exist


def _png_kecil() -> bytes:
    """A 4x2 grey PNG, so the test needs no image file or library."""
    def potong(jenis: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + jenis + data
                + struct.pack(">I", zlib.crc32(jenis + data) & 0xFFFFFFFF))
    mentah = b"".join(b"\0" + b"\x80" * 4 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", struct.pack(">IIBBBBB", 4, 2, 8, 0, 0, 0, 0))
            + potong(b"IDAT", zlib.compress(mentah)) + potong(b"IEND", b""))


def test_a4_logo_tautan_unduh_dan_buku(tmp_path: Path, sops) -> None:
    proyek = salin_proyek(tmp_path / "proyek")
    (proyek / "docs_src" / "gambar").mkdir()
    (proyek / "docs_src" / "gambar" / "logo.png").write_bytes(_png_kecil())
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace(
        "sops_dir: sops", "sops_dir: sops\n      kertas: A4\n      logo: gambar/logo.png\n"
        "      pdf: true\n      cetak_maks_langkah: 5"))
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    site = proyek / "site"
    isi = (site / "sop" / SEED / "index.html").read_text(encoding="utf-8")
    assert "size:297mm 210mm" in isi
    assert re.search(r'<img class="sop-cetak-kop__logo" src="(\.\./)+gambar/logo\.png"', isi)
    assert f'href="{nama_berkas(SEED)}" download>Unduh PDF</a>' in isi
    assert isi.count('class="sop-cetak__lembar sop-cetak__prosedur"') == 2  # 5 + 4 steps

    berkas = buat_pdf(site, [SEED, CONTOH], semua=True)
    halaman_seed = site / "sop" / SEED / nama_berkas(SEED)
    assert berkas == [halaman_seed, site / "sop" / CONTOH / nama_berkas(CONTOH),
                      site / "sop" / "buku-pedoman-sop.pdf"]
    ukuran, teks = _pdf(halaman_seed)
    assert len(ukuran) == 3  # identity sheet + two procedure pages
    for w, h in ukuran:  # A4 landscape: 297 x 210 mm = 841.9 x 595.3 pt
        assert abs(w - 297 * MM) < 2 and abs(h - 210 * MM) < 2
    assert "Bersambung ke bagian 2" in teks and "Sambungan dari bagian 1" in teks
    ukuran, teks = _pdf(berkas[-1])
    assert len(ukuran) >= 1 + 3 + 2  # cover, both SOPs
    assert "800/14.047/Banhub.A" in teks and "CONTOH/001/Banhub.A" in teks
    # Each SOP's pages name their own number in the footer.
    assert teks.count("SOP CONTOH/001/Banhub.A ·") >= 2
