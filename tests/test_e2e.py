"""A reader's walk through the sample handbook in Debian's Chromium, offline and accessible.

Every page of the walk must load with no console error and no request to any host but the
local server (fonts, icons and scripts are bundled), and pass axe-core with no serious or
critical violation. axe-core comes from a PyPI package (axe-playwright-python ships it), never
from a CDN at test time.
"""

from __future__ import annotations

from importlib import resources
from urllib.parse import urlsplit

import pytest

from conftest import KELUARAN

SOP = "/sop/banhub/perbaikan-data-kinerja/"


class Pengamat:
    """Collects what must never happen on a page: script errors and outside requests."""

    def __init__(self, halaman) -> None:
        self.galat: list[str] = []
        self.luar: list[str] = []
        halaman.on("console", lambda m: self.galat.append(m.text) if m.type == "error" else None)
        halaman.on("pageerror", lambda e: self.galat.append(str(e)))
        halaman.on("request", self._permintaan)

    def _permintaan(self, r) -> None:
        host = urlsplit(r.url).hostname
        if host not in (None, "127.0.0.1"):
            self.luar.append(r.url)

    def periksa(self) -> None:
        assert self.galat == [], f"console errors: {self.galat}"
        assert self.luar == [], f"requests to outside hosts: {self.luar}"


@pytest.fixture
def halaman(browser):
    konteks = browser.new_context(viewport={"width": 1280, "height": 900})
    h = konteks.new_page()
    h.pengamat = Pengamat(h)
    yield h
    h.pengamat.periksa()
    konteks.close()


def test_jalan_pembaca(halaman, server: str) -> None:
    halaman.goto(f"{server}/")
    # The home page lists the units (and the latest revisions): one click to a unit's SOPs.
    halaman.locator(".sop-beranda").get_by_role(
        "link", name="Badan Penghubung Provinsi Kalimantan Barat").click()
    halaman.wait_for_url("**/unit/badan-penghubung-provinsi-kalimantan-barat/")
    halaman.get_by_role("link", name="Perbaikan Data Kinerja").first.click()
    halaman.wait_for_url(f"**{SOP}")
    bagan = halaman.locator("figure.sop-bagan svg")
    bagan.scroll_into_view_if_needed()
    assert bagan.is_visible()
    halaman.locator("ol.sop-keterkaitan a", has_text="Penetapan Indikator Kinerja").click()
    halaman.wait_for_url("**/sop/banhub/penetapan-indikator-kinerja/")
    halaman.go_back()
    halaman.wait_for_url(f"**{SOP}")
    # The checklist works on the walk too.
    kotak = halaman.locator(".sop-periksa input[type=checkbox]").first
    kotak.check()
    assert kotak.is_checked()


def test_mode_gelap_dan_layar_ponsel(browser, server: str) -> None:
    konteks = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    h = konteks.new_page()
    pengamat = Pengamat(h)
    h.goto(f"{server}{SOP}")
    # Material's palette toggle switches to the dark scheme.
    h.locator("form[data-md-component=palette] label").first.click()
    assert h.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    # Nothing wider than the phone except inside its own scroll box (tables, the chart).
    lebar = h.evaluate("document.documentElement.scrollWidth")
    assert lebar <= 390, f"page is {lebar}px wide on a 390px phone"
    KELUARAN.mkdir(exist_ok=True)
    h.screenshot(path=str(KELUARAN / "ponsel-gelap.png"))
    pengamat.periksa()
    konteks.close()


AXE = resources.files("axe_playwright_python").joinpath("axe.min.js")


@pytest.mark.parametrize("jalur", ["/", "/unit/badan-penghubung-provinsi-kalimantan-barat/",
                                   SOP, "/jabatan/kepala-sub-bagian-tata-usaha/"])
def test_aksesibilitas_axe(halaman, server: str, jalur: str) -> None:
    halaman.goto(f"{server}{jalur}")
    halaman.evaluate(AXE.read_text(encoding="utf-8"))
    hasil = halaman.evaluate("axe.run(document, {resultTypes: ['violations']})")
    berat = [f"{v['id']} ({v['impact']}): {v['help']} — "
             f"{[n['target'] for n in v['nodes']][:5]}"
             for v in hasil["violations"] if v["impact"] in ("serious", "critical")]
    assert berat == [], "\n".join(berat)


@pytest.mark.parametrize("skema", ["light", "dark"])
def test_pencarian_terbuka_axe_dan_luring(browser, server: str, skema: str) -> None:
    """The search dialog with results and filters open: axe clean, offline, in both schemes."""
    konteks = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=skema)
    h = konteks.new_page()
    pengamat = Pengamat(h)
    h.goto(f"{server}{SOP}")
    h.keyboard.press("/")
    h.locator(".sop-cari input").fill("kinerja")
    h.wait_for_selector('.sop-cari ol[data-kueri="kinerja"]', state="attached")
    h.locator(".sop-cari__saring summary").click()
    h.wait_for_selector(".sop-cari__filter select")
    assert h.locator(".sop-cari .md-search-result__item").count() >= 3
    KELUARAN.mkdir(exist_ok=True)
    h.screenshot(path=str(KELUARAN / f"cari-{skema}.png"))
    h.evaluate(AXE.read_text(encoding="utf-8"))
    # The header with the open dialog (the page behind it has its own axe test above).
    hasil = h.evaluate("axe.run('.md-header', {resultTypes: ['violations']})")
    berat = [f"{v['id']} ({v['impact']}): {v['help']} — "
             f"{[n['target'] for n in v['nodes']][:5]}"
             for v in hasil["violations"] if v["impact"] in ("serious", "critical")]
    assert berat == [], "\n".join(berat)
    pengamat.periksa()
    konteks.close()
