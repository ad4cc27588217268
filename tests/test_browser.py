"""What a reader sees, in Debian's Chromium: the SOP page renders, offline, without errors."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from conftest import KELUARAN


def test_halaman_sop_di_browser(browser, server: str) -> None:
    halaman = browser.new_page(viewport={"width": 1280, "height": 900})
    galat: list[str] = []
    luar: list[str] = []
    halaman.on("console", lambda m: galat.append(m.text) if m.type == "error" else None)
    halaman.on("pageerror", lambda e: galat.append(str(e)))
    halaman.on("request", lambda r: luar.append(r.url)
               if urlsplit(r.url).hostname not in ("127.0.0.1", None) else None)

    halaman.goto(f"{server}/unit/badan-penghubung-provinsi-kalimantan-barat/")
    halaman.get_by_role("link", name="Perbaikan Data Kinerja").click()
    halaman.wait_for_url("**/sop/banhub/perbaikan-data-kinerja/")
    assert halaman.title() == "Perbaikan Data Kinerja - Buku Pedoman SOP"
    identitas = halaman.locator("table.sop-identitas")
    assert identitas.is_visible()
    assert "800/14.047/Banhub.A" in identitas.inner_text()
    prosedur = halaman.locator("table.sop-prosedur tbody tr")
    assert prosedur.count() == 9
    # A row's number links to its own stable anchor.
    halaman.locator("#langkah-3 a").first.click()
    assert halaman.url.endswith("#langkah-3")
    KELUARAN.mkdir(exist_ok=True)
    halaman.screenshot(path=str(KELUARAN / "sop-perbaikan-data-kinerja.png"), full_page=True)
    assert galat == []
    assert luar == [], f"requests to outside hosts: {luar}"
    halaman.close()


def test_bagan_alir_di_browser_terang_dan_gelap(browser, server: str) -> None:
    """The chart is visible, its symbols go to their rows and rows back to symbols."""
    for skema in ("light", "dark"):
        halaman = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=skema)
        galat: list[str] = []
        halaman.on("pageerror", lambda e, g=galat: g.append(str(e)))
        halaman.goto(f"{server}/sop/banhub/tata-usaha/pengelolaan-surat-masuk/")
        bagan = halaman.locator("figure.sop-bagan")
        bagan.scroll_into_view_if_needed()
        assert bagan.is_visible()
        kotak = bagan.bounding_box()
        assert kotak is not None and kotak["width"] > 500 and kotak["height"] > 500
        KELUARAN.mkdir(exist_ok=True)
        bagan.screenshot(path=str(KELUARAN / f"bagan-surat-masuk-{skema}.png"))
        halaman.locator("#bagan-langkah-3 a").first.click()
        assert halaman.url.endswith("#langkah-periksa")
        halaman.locator('#langkah-periksa a.sop-ke-bagan').click()
        assert halaman.url.endswith("#bagan-langkah-3")
        assert galat == []
        halaman.close()


def test_cari_ikuti_keterkaitan_dan_alamat_lama(browser, server: str) -> None:
    """Search a SOP number, follow a keterkaitan and its backlink, open an old address."""
    halaman = browser.new_page(viewport={"width": 1280, "height": 900})
    halaman.goto(f"{server}/")
    # "/" opens the search box in the header (Pagefind); typed key by key, as a reader does.
    halaman.keyboard.press("/")
    kotak = halaman.get_by_role("textbox", name="Cari SOP: nomor, nama, jabatan atau dasar hukum")
    expect(kotak).to_be_focused()
    kotak.press_sequentially("14.047")
    halaman.wait_for_selector('.sop-cari ol[data-kueri="14.047"]', state="attached")
    hasil = halaman.locator(".sop-cari .md-search-result__item").first
    expect(hasil).to_contain_text("Perbaikan Data Kinerja")
    expect(hasil).to_contain_text("800/14.047/Banhub.A · Badan Penghubung")
    # Arrows move through the results, Esc closes, Enter opens.
    halaman.keyboard.press("ArrowDown")
    expect(hasil.locator("a")).to_be_focused()
    halaman.keyboard.press("ArrowUp")
    expect(kotak).to_be_focused()
    halaman.keyboard.press("Escape")
    expect(kotak).not_to_be_focused()
    assert not halaman.locator("#__search").is_checked()
    halaman.keyboard.press("s")
    expect(kotak).to_be_focused()
    # A stemmed query: "mengumpulkan" finds "Pengumpulan Data Kinerja"; filters narrow it.
    kotak.fill("mengumpulkan")
    halaman.wait_for_selector('.sop-cari ol[data-kueri="mengumpulkan"]', state="attached")
    expect(hasil).to_contain_text("Pengumpulan Data Kinerja")
    halaman.locator(".sop-cari__saring summary").click()
    pilih = halaman.get_by_label("Unit kerja", exact=True)
    expect(pilih).to_be_visible()
    pilih.select_option("Biro Organisasi Sekretariat Daerah Provinsi Kalimantan Barat")
    halaman.wait_for_selector('.sop-cari ol[data-kueri="mengumpulkan"]', state="attached")
    expect(halaman.locator(".sop-cari .md-search-result__item")).not_to_contain_text(
        ["Pengumpulan Data Kinerja"])
    pilih.select_option("")
    KELUARAN.mkdir(exist_ok=True)
    halaman.screenshot(path=str(KELUARAN / "cari-hasil.png"))
    kotak.fill("14.047")
    halaman.wait_for_selector('.sop-cari ol[data-kueri="14.047"]', state="attached")
    kotak.press("Enter")
    halaman.wait_for_url("**/sop/banhub/perbaikan-data-kinerja/?cari=*")
    # The page marks the words it was found by.
    expect(halaman.locator("article mark.sop-cari-tanda").first).to_have_text("14.047")
    halaman.goto(f"{server}/sop/banhub/perbaikan-data-kinerja/")

    halaman.locator("ol.sop-keterkaitan a", has_text="Penetapan Indikator Kinerja").click()
    halaman.wait_for_url("**/sop/banhub/penetapan-indikator-kinerja/")
    halaman.locator("ul.sop-dirujuk a", has_text="Perbaikan Data Kinerja").click()
    halaman.wait_for_url("**/sop/banhub/perbaikan-data-kinerja/")

    halaman.goto(f"{server}/sop/banhub/surat-masuk/#langkah-agenda")
    halaman.wait_for_url("**/sop/banhub/tata-usaha/pengelolaan-surat-masuk/#langkah-agenda")
    assert halaman.locator("h1").first.inner_text().startswith("Pengelolaan Surat Masuk")
    halaman.close()
