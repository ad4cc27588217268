"""The "Daftar periksa" (checklist) on SOP pages, in Debian's Chromium: ticks kept per SOP in
localStorage, progress, reset, the pelaksana filter, keyboard, printing just the checklist,
the list without JavaScript, and old ticks dropped after a real rebuild with changed steps."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import KELUARAN, indeks_cari, mkdocs, sajikan, salin_proyek

expect = pytest.importorskip("playwright.sync_api").expect

KINERJA = "/sop/banhub/perbaikan-data-kinerja/"
SURAT = "/sop/banhub/tata-usaha/pengelolaan-surat-masuk/"
KUNCI = "sop-handbook:daftar-periksa:"
TANPA_KEPALA = ".md-header { visibility: hidden; }"  # the sticky header would cover screenshots


class _Halaman:
    """A page in a fresh browser context (own localStorage) that records script errors."""

    def __init__(self, browser, **opsi) -> None:
        self.konteks = browser.new_context(viewport={"width": 1100, "height": 900}, **opsi)
        self.page = self.konteks.new_page()
        self.konteks_js = opsi.get("java_script_enabled", True)
        self.galat: list[str] = []
        self.page.on("pageerror", lambda e: self.galat.append(str(e)))
        self.page.on("console", lambda m: self.galat.append(m.text) if m.type == "error" else None)

    def ke(self, url: str) -> None:
        """Open `url` and wait until the checklist script has set the list up."""
        self.page.goto(url, wait_until="domcontentloaded")
        self._siap()

    def muat_ulang(self) -> None:
        self.page.reload(wait_until="domcontentloaded")
        self._siap()

    def _siap(self) -> None:
        if self.konteks_js:
            expect(self.dp).to_have_attribute("data-siap", "1")

    @property
    def dp(self):
        return self.page.locator("section.sop-periksa")

    def langkah(self):
        return self.dp.locator(".sop-periksa__daftar--langkah > li")

    def kotak_langkah(self):
        return self.dp.locator(".sop-periksa__daftar--langkah .sop-periksa__kotak")

    def kemajuan(self):
        return self.dp.locator(".sop-periksa__kemajuan-teks")

    def tutup(self) -> None:
        self.konteks.close()
        assert self.galat == []


@pytest.fixture
def buka(browser):
    dibuka: list[_Halaman] = []

    def buat(**opsi) -> _Halaman:
        h = _Halaman(browser, **opsi)
        dibuka.append(h)
        return h

    yield buat
    for h in dibuka:
        h.tutup()


def _nomor_terlihat(h: _Halaman) -> list[str]:
    return [li.get_attribute("data-nomor") for li in h.langkah().all() if li.is_visible()]


def test_centang_tersimpan_kemajuan_keyboard_dan_hapus(buka, server: str) -> None:
    h = buka()
    p = h.page
    h.ke(server + KINERJA)
    kotak = h.kotak_langkah()
    expect(kotak).to_have_count(9)
    expect(h.kemajuan()).to_have_text("0 dari 9 langkah")
    p.get_by_label("1. Mengajukan perbaikan data indikator").check()
    p.get_by_label("3. Mengolah data indikator").check()
    expect(h.kemajuan()).to_have_text("2 dari 9 langkah")
    h.dp.get_by_label("Rencana Aksi", exact=True).check()  # a kelengkapan item

    h.muat_ulang()
    expect(kotak.nth(0)).to_be_checked()
    expect(kotak.nth(1)).not_to_be_checked()
    expect(kotak.nth(2)).to_be_checked()
    expect(h.dp.get_by_label("Rencana Aksi", exact=True)).to_be_checked()
    expect(h.kemajuan()).to_have_text("2 dari 9 langkah")
    simpan = json.loads(p.evaluate(f"localStorage.getItem('{KUNCI}banhub/perbaikan-data-kinerja')"))
    assert simpan["langkah"] == [1, 3]
    assert simpan["versi"] == h.dp.get_attribute("data-versi")

    # Keyboard: a real checkbox takes focus and Space toggles it.
    kotak.nth(4).focus()
    p.keyboard.press("Space")
    expect(kotak.nth(4)).to_be_checked()
    expect(h.kemajuan()).to_have_text("3 dari 9 langkah")
    p.keyboard.press("Space")
    expect(kotak.nth(4)).not_to_be_checked()
    expect(h.kemajuan()).to_have_text("2 dari 9 langkah")

    p.get_by_role("button", name="Hapus semua centang").click()
    expect(h.kemajuan()).to_have_text("0 dari 9 langkah")
    expect(h.dp.get_by_role("status")).to_have_text("Semua centang dihapus.")
    h.muat_ulang()
    expect(h.kemajuan()).to_have_text("0 dari 9 langkah")
    for i in range(9):
        expect(kotak.nth(i)).not_to_be_checked()
    expect(h.dp.locator(".sop-periksa__kotak:checked")).to_have_count(0)


def test_saring_pelaksana_keputusan_dan_persyaratan(buka, server: str) -> None:
    h = buka()
    p = h.page
    h.ke(server + SURAT)
    pilih = p.get_by_label("Tampilkan langkah untuk:")
    expect(h.langkah()).to_have_count(7)
    # A joint step (5: Staf Pelaksana with the Kasubbag) shows for each of its actors.
    for nama, nomor in [("Kepala Sub. Bagian Tata Usaha", ["3", "5"]),
                        ("Pengadministrasi Umum", ["1", "2", "6", "7"]),
                        ("Kepala Badan Penghubung", ["4"]), ("Staf Pelaksana", ["5"])]:
        pilih.select_option(label=nama)
        expect(h.dp.locator(".sop-periksa__daftar--langkah > li:visible")).to_have_count(len(nomor))
        assert _nomor_terlihat(h) == nomor
        expect(h.kemajuan()).to_have_text(
            f"0 dari 7 langkah; 0 dari {len(nomor)} langkah untuk {nama}")
    p.get_by_label("5. Menindaklanjuti disposisi").check()
    expect(h.kemajuan()).to_have_text("1 dari 7 langkah; 1 dari 1 langkah untuk Staf Pelaksana")
    pilih.select_option(label="Semua pelaksana")
    expect(h.dp.locator(".sop-periksa__daftar--langkah > li:visible")).to_have_count(7)
    expect(h.kemajuan()).to_have_text("1 dari 7 langkah")

    # Each item: number, activity, actors, waktu, output; a decision as a question.
    butir = h.langkah()
    expect(butir.nth(2)).to_contain_text("3. Memeriksa surat dan catatan agenda")
    expect(butir.nth(2)).to_contain_text(
        "Keputusan Surat dan agenda sudah benar? Ya: lanjut ke langkah 4; "
        "Tidak: kembali ke langkah 2.")
    expect(butir.nth(3)).to_contain_text("Waktu: 1 - 2 hari kerja")
    expect(butir.nth(3)).to_contain_text("Output: Disposisi, Lembar disposisi")
    expect(butir.nth(4)).to_contain_text(
        "Pelaksana: Staf Pelaksana, Kepala Sub. Bagian Tata Usaha (bersama)")
    expect(butir.nth(4)).to_contain_text("Lanjut ke langkah 7.")
    kotak3 = p.get_by_role("checkbox", name=re.compile(r"^3\. Memeriksa surat"))
    expect(kotak3).to_have_accessible_description(re.compile(r"^Keputusan Surat dan agenda"))

    # Every kelengkapan once, under the SOP's own word for the column ("Persyaratan").
    expect(h.dp.get_by_role("heading", name="Persyaratan yang disiapkan")).to_be_visible()
    syarat = h.dp.locator(".sop-periksa__daftar--kelengkapan > li")
    expect(syarat.locator("label")).to_have_text(
        ["Surat masuk", "Lembar tanda terima", "Buku agenda", "Lembar disposisi", "Disposisi"])
    expect(syarat.first).to_contain_text("untuk langkah 1, 2, 7")


def test_tanpa_javascript_tetap_daftar_lengkap(buka, server: str, situs: Path) -> None:
    h = buka(java_script_enabled=False)
    p = h.page
    h.ke(server + KINERJA)
    expect(h.dp.get_by_role("heading", name="Daftar periksa")).to_be_visible()
    expect(h.langkah()).to_have_count(9)
    aktivitas = p.locator("table.sop-prosedur .sop-langkah__aktivitas").all_inner_texts()
    for i, teks in enumerate(aktivitas):
        item = h.langkah().nth(i)
        expect(item).to_be_visible()
        expect(item.locator("label")).to_have_text(f"{i + 1}. {teks.strip()}")
        expect(p.get_by_label(f"{i + 1}. {teks.strip()}", exact=True)).to_be_enabled()
    expect(h.dp.locator(".sop-periksa__alat")).to_be_hidden()
    expect(h.dp.locator(".sop-periksa__tanpa-js")).to_be_visible()
    expect(h.dp.get_by_role("heading", name="Kelengkapan yang disiapkan")).to_be_visible()

    # Kept out of the search index: the procedure table already carries the same text.
    isi = (situs / KINERJA.strip("/") / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<section class="sop-periksa"[^>]*\bdata-search-exclude\b', isi)
    assert re.search(r'data-versi="[0-9a-f]{16}"', isi)
    indeks = indeks_cari(situs)[KINERJA]["content"]
    assert "Tampilkan langkah untuk" not in indeks
    assert "yang disiapkan" not in indeks
    assert indeks.count("Merekap 2 ( dua ) Draft Laporan") == 1  # the table's, once


def test_cetak_daftar_periksa_saja_dengan_kotak_kosong(buka, server: str) -> None:
    KELUARAN.mkdir(exist_ok=True)
    gelap = buka(color_scheme="dark")
    gelap.ke(server + SURAT)
    gelap.page.get_by_label("2. Mencatat surat").check()
    gelap.dp.screenshot(path=str(KELUARAN / "daftar-periksa-dark.png"), style=TANPA_KEPALA)

    h = buka(color_scheme="light")
    p = h.page
    p.add_init_script("window.print = () => { window.__dicetak = (window.__dicetak || 0) + 1; };")
    h.ke(server + SURAT)
    kotak = h.kotak_langkah()
    p.get_by_label("1. Menerima surat masuk").check()
    h.dp.get_by_label("Buku agenda", exact=True).check()
    h.dp.screenshot(path=str(KELUARAN / "daftar-periksa-light.png"), style=TANPA_KEPALA)
    p.get_by_role("button", name="Cetak daftar periksa").click()
    assert p.evaluate("window.__dicetak") == 1
    expect(p.locator("html")).to_have_class(re.compile(r"\bsop-cetak-periksa\b"))

    p.emulate_media(media="print")
    expect(p.locator("table.sop-prosedur")).to_be_hidden()
    expect(p.locator("table.sop-identitas")).to_be_hidden()
    expect(p.locator("figure.sop-bagan")).to_be_hidden()
    expect(p.locator("h1")).to_be_hidden()
    expect(p.locator(".sop-cetak")).to_be_hidden()  # the official form printed by Ctrl+P
    expect(h.dp.locator(".sop-periksa__alat")).to_be_hidden()
    expect(h.dp.locator(".sop-periksa__kop-cetak")).to_have_text(
        "Pengelolaan Surat Masuk — Nomor SOP CONTOH/001/Banhub.A")
    expect(h.langkah()).to_have_count(7)
    for i in range(7):
        expect(h.langkah().nth(i)).to_be_visible()
    # The ticked box prints exactly like an empty one.
    expect(kotak.first).to_be_checked()
    bertanda = kotak.first.screenshot()
    kotak.first.evaluate("k => { k.checked = false; }")
    assert kotak.first.screenshot() == bertanda
    assert kotak.first.evaluate("k => getComputedStyle(k).appearance") == "none"
    p.screenshot(path=str(KELUARAN / "daftar-periksa-cetak.png"), full_page=True)
    # Upright pages, whatever @page the official form sets (its own paper may be landscape).
    kertas = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", p.pdf(prefer_css_page_size=True))
    assert kertas and all(float(w) < float(t) for w, t in kertas), kertas

    p.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(p.locator("html")).not_to_have_class(re.compile(r"\bsop-cetak-periksa\b"))
    # Without the button, the page's own print layout (the official form) leaves it out.
    expect(h.dp).to_be_hidden()


def _bangun(proyek: Path) -> None:
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr


def test_centang_lama_dibuang_bila_sop_berubah(buka, situs: Path, tmp_path: Path) -> None:
    # A copy of the sample project with the session's build of it (and its chart cache):
    # the same site as `situs`, now served from a folder we rebuild in place.
    proyek = salin_proyek(tmp_path / "proyek")
    shutil.copytree(situs, proyek / "site")
    if (situs.parent / ".cache").is_dir():
        shutil.copytree(situs.parent / ".cache", proyek / ".cache")
    versi = re.compile(r'data-versi="([0-9a-f]+)"')
    html_surat = proyek / "site" / SURAT.strip("/") / "index.html"
    versi_surat = versi.search(html_surat.read_text(encoding="utf-8"))[1]

    with sajikan(proyek / "site") as alamat:
        h = buka()
        p = h.page
        status = h.dp.get_by_role("status")
        h.ke(alamat + KINERJA)
        p.get_by_label("1. Mengajukan perbaikan").check()
        p.get_by_label("2. Merekap data indikator").check()
        expect(h.kemajuan()).to_have_text("2 dari 9 langkah")
        h.ke(alamat + SURAT)
        p.get_by_label("1. Menerima surat masuk").check()
        expect(h.kemajuan()).to_have_text("1 dari 7 langkah")

        # One rebuild: Perbaikan Data Kinerja gets a new step 2 (its saved "1 and 2" would now
        # mean other steps); Pengelolaan Surat Masuk changes only outside its steps.
        kinerja = proyek / "sops" / "banhub" / "perbaikan-data-kinerja.yml"
        baru = ("    output: Disposisi\n"
                "  - aktivitas: 'Memeriksa <b>usulan</b> & \"lampiran\"'\n"
                "    pelaksana: kasubbid\n"
                "    waktu: 5 menit\n")
        isi = kinerja.read_text(encoding="utf-8")
        kinerja.write_text(isi.replace("    output: Disposisi\n", baru, 1), encoding="utf-8")
        surat = proyek / "sops" / "banhub" / "tata-usaha" / "pengelolaan-surat-masuk.yml"
        isi = surat.read_text(encoding="utf-8")
        surat.write_text(isi.replace("Contoh ilustratif", "Contoh rekaan"), encoding="utf-8")
        _bangun(proyek)
        # Deterministic: the same steps give the same fingerprint in another build.
        assert versi.search(html_surat.read_text(encoding="utf-8"))[1] == versi_surat

        h.muat_ulang()
        expect(p.locator(".sop-catatan")).to_contain_text("Contoh rekaan")
        expect(h.kemajuan()).to_have_text("1 dari 7 langkah")
        expect(status).to_have_text("")

        h.ke(alamat + KINERJA)
        expect(status).to_contain_text("telah diubah sejak centang terakhir disimpan")
        expect(h.kemajuan()).to_have_text("0 dari 10 langkah")
        expect(h.dp.locator(".sop-periksa__kotak:checked")).to_have_count(0)
        # YAML text stays text in the checklist.
        expect(h.langkah().nth(1).locator("label")).to_have_text(
            '2. Memeriksa <b>usulan</b> & "lampiran"')
        expect(h.dp.locator("label b")).to_have_count(0)
        assert p.evaluate(f"localStorage.getItem('{KUNCI}banhub/perbaikan-data-kinerja')") is None

        # The notice is said once; new ticks are saved against the new version.
        p.get_by_label("2. Memeriksa").check()
        h.muat_ulang()
        expect(h.kemajuan()).to_have_text("1 dari 10 langkah")
        expect(status).to_have_text("")
