"""Printing a SOP: the official SOP AP form on landscape F4/A4, in the browser and as PDF.

Layout and SVG tests run on the model only (fast); the browser tests print the shared sample
build in Chromium (the page's own print, the "Cetak SOP" button, the print file), and one copy
is built with A4 paper, a logo and "Unduh PDF" links.
"""

from __future__ import annotations

import html
import re
import struct
import zlib
from pathlib import Path

import pytest

from conftest import BUKU, KELUARAN, mkdocs, sajikan, salin_proyek
from sop_handbook import load
from sop_handbook.gambar.alur import gambar_formulir
from sop_handbook.gambar.formulir import (
    BERKAS_CETAK,
    JUDUL_KOLOM,
    KERTAS,
    area_cetak,
    css_halaman,
    kertas_sah,
    svg_formulir,
    svg_lembar,
    tata_formulir,
)
from sop_handbook.gambar.memo import Memo
from sop_handbook.pdf import ChromiumTidakAda, buat_pdf, daftar_sop, jalankan, nama_berkas
from sop_handbook.render import JUDUL_KOLOM as JUDUL_KOLOM_HALAMAN

SEED = "banhub/perbaikan-data-kinerja"
CONTOH = "banhub/tata-usaha/pengelolaan-surat-masuk"  # decision, loop back, joint step, jump
MM = 72 / 25.4


@pytest.fixture(scope="module")
def sops():
    buku = load.muat(BUKU / "sops", BUKU)
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
    svg = svg_lembar(lembar[1])
    assert svg.count('class="sop-penghubung"') == 2  # in from page 1, out to page 3
    assert "<a " not in svg and "cetak-h2-penghubung" in svg  # print has no links


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


def test_tanpa_bagan_hanya_aturan_halaman(sops) -> None:
    hasil = gambar_formulir(sops.values(), False, "A4")
    assert all(f.svg == () and "297mm" in f.css for f in hasil.values())


# --- the SVG, written directly ---------------------------------------------------------------


def test_svg_ringkas_dan_lengkap(sops) -> None:
    """Compact hand-written style: shared symbols, no styles or comments, 0.1 pt numbers;
    every symbol, line, arrowhead and text of the layout is there."""
    [lembar] = tata_formulir(sops[CONTOH], "F4")
    svg = svg_lembar(lembar)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="sop-formulir"')
    assert "style=" not in svg and "<!--" not in svg and "<style" not in svg
    assert len(svg) < 9000, len(svg)  # Graphviz's was ~27 KB for this page
    assert not re.findall(r'="-?\d+\.\d\d', svg)  # coordinates rounded to 0.1 pt
    # One <symbol> per shape used; every <use> points at a defined one.
    ids = set(re.findall(r'<symbol id="([^"]+)"', svg))
    assert ids == {"cetak-h1-kapsul", "cetak-h1-proses", "cetak-h1-keputusan"}
    uses = re.findall(r'<use class="sop-(\w+)" href="#([^"]+)"', svg)
    assert len(uses) == len(lembar.bagan.simbol) == 8  # step 5 is in two lanes
    assert all(h in ids and h.endswith(j) for j, h in uses)
    alur = [g for g in lembar.bagan.garis if g.jenis == "alur"]
    garis = svg[svg.index('marker-end="url(#cetak-h1-panah)">'):]
    assert garis.count("<path ") == len(alur)
    assert svg.count('class="sop-gabung"') == 1  # the joint step's dashed line
    teks = [html.unescape(x)
            for x in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    for c in lembar.sel:
        for baris in c.teks:
            assert baris.lstrip() in teks, baris
    assert "Ya" in teks and "Tidak" in teks
    # Each cell's text sits inside the cell.
    posisi = [(float(x), float(y), html.unescape(s)) for x, y, s in
              re.findall(r'<text[^>]*x="([\d.]+)" y="([\d.]+)">([^<]*)<', svg)]
    for c in lembar.sel:
        if c.teks:
            k = c.kotak
            assert any(s == c.teks[0] and k.x0 <= x <= k.x1 and k.y0 < y < k.y1
                       for x, y, s in posisi), c.nama


def test_svg_teks_di_escape(sops) -> None:
    sop = sops[CONTOH]
    jahat = '<script>alert("x")</script> & </svg><b>'
    lk = sop.kegiatan[0].__class__(**{**sop.kegiatan[0].__dict__, "aktivitas": jahat})
    pl = sop.pelaksana[0].__class__(**{**sop.pelaksana[0].__dict__, "nama": "A&B <i>"})
    sop = sop.__class__(**{**sop.__dict__, "nama": "X</title><script>",
                           "kegiatan": (lk, *sop.kegiatan[1:]),
                           "pelaksana": (pl, *sop.pelaksana[1:])})
    [svg] = svg_formulir(sop, "F4")
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert svg.count("</svg>") == 1 and svg.count("</title>") == 1
    assert "&lt;script&gt;alert" in svg and "A&amp;B &lt;i&gt;" in svg


def test_memo_dibaca_diperiksa(sops, tmp_path: Path) -> None:
    """A cache is only a cache: a damaged memo file is recomputed, not served."""
    pertama = gambar_formulir([sops[CONTOH]], True, "F4", memo=Memo(tmp_path / "memo"))[CONTOH]
    asli = list(pertama.svg)
    berkas = list((tmp_path / "memo").rglob("*.json"))
    assert len(berkas) == 1 and asli and asli[0].startswith("<svg")
    berkas[0].write_text('["<svg>dipalsukan</svg>"]', encoding="utf-8")
    memo = Memo(tmp_path / "memo")
    kedua = gambar_formulir([sops[CONTOH]], True, "F4", memo=memo)[CONTOH]
    assert list(kedua.svg) == asli
    assert len(memo.rusak) == 1 and memo.kena == 0  # counted for the build's one log line
    ketiga = gambar_formulir([sops[CONTOH]], True, "F4", memo=Memo(tmp_path / "memo"))[CONTOH]
    assert list(ketiga.svg) == asli  # and the repaired file is served again


# --- the built page, printed -----------------------------------------------------------------


def test_halaman_hanya_memuat_wadah_cetak(situs: Path) -> None:
    """The form is in the print file beside the page; the page holds an empty block."""
    isi = (situs / "sop" / SEED / "index.html").read_text(encoding="utf-8")
    blok = isi[isi.index('<div class="sop-cetak"'):]
    assert " hidden " in blok[:200] and "data-search-exclude" in blok[:200]
    assert f'data-cetak-src="{BERKAS_CETAK}"' in blok[:300]
    assert "sop-cetak__prosedur" not in isi and "@page sop-ap" not in isi
    assert "sop-formulir" not in isi and "Dasa Sekartiriatin" not in blok
    assert f'href="{BERKAS_CETAK}#cetak">Cetak SOP</a>' in isi
    assert "Unduh PDF" not in isi  # off by default

    cetak = situs / "sop" / SEED / BERKAS_CETAK
    teks = cetak.read_text(encoding="utf-8")
    assert teks.startswith("<!doctype html>")
    assert '<html lang="id" class="sop-cetak-halaman">' in teks
    assert "<style>@page sop-ap{size:330mm 215mm" in teks
    assert teks.count('class="sop-cetak__lembar sop-cetak__prosedur"') >= 1
    assert "Dasa Sekartiriatin Adinda, S.Sos" in teks and "NIP. 19651006 198603 2 016" in teks
    assert 'href="../../../assets/sop-handbook/cetak.css"' in teks and 'href="./"' in teks
    assert daftar_sop(situs)[SEED] == cetak


CETAK_DISTUB = "window.print = () => { window.__dicetak = (window.__dicetak || 0) + 1; };"


def test_ctrl_p_di_halaman_sop_memberi_formulir(browser, server: str) -> None:
    """The browser's own print of a SOP page (what Ctrl+P and the menu do) gives the official
    form: Chromium's print runs beforeprint, which fetches it from the print file."""
    halaman = browser.new_page(viewport={"width": 1247, "height": 813})  # F4 at 96 dpi
    halaman.goto(f"{server}/sop/{CONTOH}/")
    assert halaman.locator("nav.md-nav").first.is_visible()
    assert not halaman.locator(".sop-cetak").is_visible()  # screen: hidden
    assert halaman.locator(".sop-cetak svg").count() == 0  # not in the page's bytes
    # Print media alone (no print run, as with scripts off): a note says where the form is.
    halaman.emulate_media(media="print")
    petunjuk = halaman.locator(".sop-cetak__petunjuk")
    assert petunjuk.is_visible() and BERKAS_CETAK in petunjuk.inner_text()
    assert "Cetak SOP" in petunjuk.inner_text()
    halaman.emulate_media(media="null")  # back to no emulation: pdf() prints as a browser

    pdf = halaman.pdf(prefer_css_page_size=True)  # Chromium's print path, as Ctrl+P
    ukuran, teks = _pdf_bytes(pdf)
    assert len(ukuran) == 2, ukuran  # identity sheet + one procedure page
    for w, h in ukuran:  # F4 landscape
        assert abs(w - 330 * MM) < 2 and abs(h - 215 * MM) < 2
    for isian in ("CONTOH/001/Banhub.A", "Tanggal Pembuatan", "NIP. 00000000",
                  "Menerima surat masuk", "Pengadministrasi Umum", "Halaman 2 dari 2"):
        assert isian in teks, isian
    assert "belum termuat" not in teks and "Daftar periksa" not in teks

    halaman.emulate_media(media="print")  # the form stays in the page: print view, screenshot
    for kelas in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer",
                  "table.sop-prosedur", "#bagan-alir", "h1#judul", ".sop-cetak__petunjuk"):
        assert not halaman.locator(kelas).first.is_visible(), kelas
    identitas = halaman.locator("table.sop-cetak-identitas")
    assert identitas.is_visible()
    teks = identitas.inner_text()
    for isian in ("CONTOH/001/Banhub.A", "Tanggal Pembuatan", "1 Maret 2022", "2 Januari 2024",
                  "15 Maret 2022", "Disahkan Oleh", "Pembina Tingkat I", "NIP. 00000000",
                  "PENGELOLAAN SURAT MASUK"):
        assert isian in teks or isian.lower() in teks.lower(), isian
    ttd = halaman.locator(".sop-cetak-pengesah__ttd").bounding_box()
    assert ttd is not None and ttd["height"] > 60  # ~20 mm left for the signature
    gambar = halaman.locator(".sop-cetak__prosedur svg")
    assert gambar.count() == 1 and gambar.first.is_visible()
    assert halaman.locator(".sop-cetak__prosedur svg .sop-keputusan").count() == 2
    kotak = halaman.locator(".sop-cetak__prosedur svg .sop-keputusan").first.bounding_box()
    assert kotak is not None and kotak["width"] > 20  # the <use> draws its shared symbol
    KELUARAN.mkdir(exist_ok=True)
    halaman.screenshot(path=str(KELUARAN / "cetak-surat-masuk.png"), full_page=True)
    halaman.close()


def test_tombol_dan_ctrl_p_memuat_lalu_mencetak(browser, server: str) -> None:
    """"Cetak SOP" and Ctrl+P fetch the form first, then open the print dialog once."""
    for cara in ("tombol", "ctrl+p"):
        halaman = browser.new_page()
        halaman.add_init_script(CETAK_DISTUB)
        halaman.goto(f"{server}/sop/{CONTOH}/")
        if cara == "tombol":
            halaman.get_by_role("link", name="Cetak SOP", exact=True).click()
        else:
            halaman.keyboard.press("Control+P")
        halaman.wait_for_function("window.__dicetak === 1")
        assert halaman.url.endswith(f"/sop/{CONTOH}/"), cara  # stays on the page
        assert halaman.locator(".sop-cetak .sop-cetak__prosedur svg").count() == 1, cara
        assert halaman.locator(".sop-cetak[data-cetak-src]").count() == 0, cara
        halaman.close()


def test_berkas_cetak_di_layar_dan_langsung_mencetak(browser, server: str) -> None:
    """The print file shows the sheets on screen; opened with #cetak it prints at once."""
    halaman = browser.new_page()
    halaman.add_init_script(CETAK_DISTUB)
    halaman.goto(f"{server}/sop/{CONTOH}/{BERKAS_CETAK}#cetak")
    halaman.wait_for_function("window.__dicetak === 1")
    assert not halaman.url.endswith("#cetak")  # a reload does not print again
    assert halaman.locator(".sop-cetak").is_visible()
    assert halaman.locator(".sop-cetak__prosedur svg").first.is_visible()
    assert halaman.get_by_role("link", name="Kembali ke halaman SOP").get_attribute("href") == "./"
    halaman.get_by_role("button", name="Cetak").click()
    assert halaman.evaluate("window.__dicetak") == 2
    halaman.emulate_media(media="print")
    assert not halaman.locator(".sop-cetak-alat").is_visible()
    halaman.close()


def test_tangkapan_cetak_untuk_dibandingkan(browser, server: str) -> None:
    """Every printed sheet of the sample SOPs as PNG, for a person to compare by eye
    (test-output/cetak-sesudah/; renders of the form before this change: cetak-sebelum/)."""
    keluaran = KELUARAN / "cetak-sesudah"
    keluaran.mkdir(parents=True, exist_ok=True)
    halaman = browser.new_page(viewport={"width": 1247, "height": 813})
    for sop_id in (SEED, CONTOH, "biro-organisasi/penyusunan-sop"):
        halaman.goto(f"{server}/sop/{sop_id}/")
        halaman.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        halaman.emulate_media(media="print")
        lembar = halaman.locator(".sop-cetak__lembar")
        assert lembar.count() >= 2, sop_id
        for i in range(lembar.count()):
            berkas = keluaran / f"{sop_id.replace('/', '__')}-lembar-{i + 1}.png"
            lembar.nth(i).screenshot(path=str(berkas))
            assert berkas.stat().st_size > 5000, berkas  # not blank
        halaman.emulate_media(media="null")
    halaman.close()


# --- PDF -------------------------------------------------------------------------------------


def _pdf(berkas: Path):
    return _pdf_bytes(berkas.read_bytes())


def _pdf_bytes(isi: bytes):
    import io

    pypdf = pytest.importorskip("pypdf")
    baca = pypdf.PdfReader(io.BytesIO(isi))
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


def test_a4_logo_tautan_unduh_dan_buku(tmp_path: Path, sops, browser) -> None:
    proyek = salin_proyek(tmp_path / "proyek")
    (proyek / "docs_src" / "gambar").mkdir(exist_ok=True)
    (proyek / "docs_src" / "gambar" / "logo.png").write_bytes(_png_kecil())
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace(
        "sops_dir: sops", "sops_dir: sops\n      print_paper: A4\n      logo: gambar/logo.png\n"
        "      pdf: true\n      print_max_steps: 5"))
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    site = proyek / "site"
    isi = (site / "sop" / SEED / "index.html").read_text(encoding="utf-8")
    assert f'href="{nama_berkas(SEED)}" download>Unduh PDF</a>' in isi
    cetak = (site / "sop" / SEED / BERKAS_CETAK).read_text(encoding="utf-8")
    assert "size:297mm 210mm" in cetak
    assert re.search(r'<img class="sop-cetak-kop__logo" src="(\.\./)+gambar/logo\.png"', cetak)
    assert cetak.count('class="sop-cetak__lembar sop-cetak__prosedur"') == 2  # 5 + 4 steps
    # The logo reaches a printout of the SOP page too (the print file sits beside it).
    with sajikan(site) as url:
        halaman = browser.new_page()
        halaman.goto(f"{url}/sop/{SEED}/")
        ukuran, _ = _pdf_bytes(halaman.pdf(prefer_css_page_size=True))
        logo = halaman.locator(".sop-cetak-kop__logo")
        assert logo.count() == 1 and logo.evaluate("i => i.naturalWidth") == 4
        halaman.close()
    assert len(ukuran) == 3 and all(abs(w - 297 * MM) < 2 for w, _ in ukuran)

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
