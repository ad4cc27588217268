"""What a reader sees, measured (issue I): at 390, 1,366 and 1,920 px, light and dark, no element
of a SOP page is wider than its column (the chart pans inside its own box), chart text is at
least 12 px, the procedure table shows every column (cards on a phone), the lane headers stay in
view while the chart is panned, and the home page leads with search and the units.

Pages: every SOP of the sample handbook, and the synthetic handbook's largest SOP (8 lanes,
30 steps). Screenshots go to test-output/tampilan/ for a person to look at.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import KELUARAN, PROYEK, mkdocs, sajikan, salin_proyek

LEBAR = (390, 1366, 1920)
SKEMA = ("light", "dark")
BESAR = "sintetis/terbesar"

# Elements sticking out of the article, and chart text sizes in screen pixels. Inside the
# chart's pan box things may lie beyond the column (that is what the box scrolls); the box
# itself may not.
UKUR = """() => {
  const art = document.querySelector("article.md-content__inner");
  const k = art.getBoundingClientRect();
  const keluar = [];
  for (const el of art.querySelectorAll("*")) {
    if (el.closest(".sop-bagan__gulir") && !el.matches(".sop-bagan__gulir")) continue;
    if (el.closest("[hidden], .sop-cetak")) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < k.left - 1 || r.right > k.right + 1)
      keluar.push(`${el.tagName.toLowerCase()}.${el.getAttribute("class") || ""} ` +
                  `${Math.round(r.left)}..${Math.round(r.right)} ` +
                  `in ${Math.round(k.left)}..${Math.round(k.right)}`);
  }
  const px = [];
  for (const t of art.querySelectorAll("#bagan-alir svg text")) {
    const m = t.getScreenCTM();
    px.push(parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b));
  }
  for (const s of art.querySelectorAll("#bagan-alir .sop-bagan__kop span"))
    px.push(parseFloat(getComputedStyle(s).fontSize));
  return {keluar, px, halaman: document.documentElement.scrollWidth - innerWidth};
}"""


def _sop_terbesar() -> dict:
    sys.path.insert(0, str(PROYEK / "benchmarks"))
    try:
        from buku_sintetis import buat_sops
    finally:
        sys.path.pop(0)
    _, data = max(buat_sops(100), key=lambda s: (len(s[1]["pelaksana"]), len(s[1]["kegiatan"])))
    assert (len(data["pelaksana"]), len(data["kegiatan"])) == (8, 30)
    # Alone here: its exact links ({sop: id}) would name SOPs this handbook lacks.
    data["keterkaitan"] = [k for k in data["keterkaitan"] if not isinstance(k, dict)]
    return data


@pytest.fixture(scope="module")
def situs_tampilan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proyek = salin_proyek(tmp_path_factory.mktemp("tampilan"))
    berkas = proyek / "sops" / f"{BESAR}.yml"
    berkas.parent.mkdir(parents=True)
    berkas.write_text(yaml.safe_dump(_sop_terbesar(), allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    return proyek / "site"


def _halaman_sop(situs: Path) -> list[str]:
    return sorted(f"/{p.parent.relative_to(situs).as_posix()}/"
                  for p in (situs / "sop").glob("**/index.html")
                  if 'id="bagan-alir"' in p.read_text(encoding="utf-8"))


def test_halaman_sop_muat_di_layar(browser, situs_tampilan: Path) -> None:
    halaman_sop = _halaman_sop(situs_tampilan)
    assert f"/sop/{BESAR}/" in halaman_sop and len(halaman_sop) >= 4
    folder = KELUARAN / "tampilan"
    folder.mkdir(parents=True, exist_ok=True)
    masalah: list[str] = []
    with sajikan(situs_tampilan) as url:
        for skema in SKEMA:
            for lebar in LEBAR:
                p = browser.new_page(viewport={"width": lebar, "height": 900}, color_scheme=skema)
                for alamat in halaman_sop:
                    p.goto(url + alamat)
                    hasil = p.evaluate(UKUR)
                    nama = f"{alamat.strip('/').replace('/', '_')}-{lebar}-{skema}"
                    if alamat.endswith(f"/{BESAR}/") or "pengelolaan-surat-masuk" in alamat:
                        p.screenshot(path=str(folder / f"{nama}.png"), full_page=True)
                    if hasil["keluar"]:
                        masalah.append(f"{nama}: lebih lebar dari kolomnya: {hasil['keluar'][:5]}")
                    if hasil["halaman"] > 0:
                        masalah.append(f"{nama}: halaman bergeser ke samping {hasil['halaman']} px")
                    if not hasil["px"] or min(hasil["px"]) < 12:
                        masalah.append(f"{nama}: teks bagan {min(hasil['px'], default=0):.1f} px")
                    # Every column on screen: headers at ≥ 1,280 px, labelled cells on a phone.
                    if lebar >= 1280:
                        assert p.locator("table.sop-prosedur thead").is_visible()
                    else:
                        sel = p.locator("table.sop-prosedur .sop-langkah__waktu").first
                        label = sel.evaluate("e => getComputedStyle(e, '::before').content")
                        kolom = p.locator("table.sop-prosedur thead th").nth(6).text_content()
                        assert label.strip('"') == kolom.strip(), (nama, label, kolom)
                p.close()
    assert masalah == []


def test_judul_lajur_tetap_terlihat_saat_bagan_digeser(browser, situs_tampilan: Path) -> None:
    with sajikan(situs_tampilan) as url:
        p = browser.new_page(viewport={"width": 390, "height": 800})
        p.goto(f"{url}/sop/{BESAR}/")
        kotak = p.locator("#bagan-alir .sop-bagan__gulir").first
        kotak.scroll_into_view_if_needed()
        kop = kotak.locator(".sop-bagan__kop")
        judul_svg = kotak.locator("svg .sop-lajur-judul polygon").first
        def kotak_di(el):  # type: ignore[no-untyped-def]
            return el.evaluate("e => e.getBoundingClientRect().toJSON()")

        awal = kotak_di(kop)
        # The HTML copy lies exactly over the drawn headers before anything moves...
        gambar = kotak_di(judul_svg)
        assert awal["top"] <= gambar["top"] and abs(awal["bottom"] - gambar["bottom"]) < 1
        kotak.evaluate("e => { e.scrollTop = 1500; e.scrollLeft = 400; }")
        # ...and stays at the top of the box, moved sideways with the lanes, when panned.
        sesudah = kotak_di(kop)
        box = kotak_di(kotak)
        assert abs(sesudah["top"] - box["top"]) < 1
        assert kotak_di(judul_svg)["top"] < box["top"] - 1000  # the drawn ones scrolled away
        assert abs((sesudah["left"] - awal["left"]) + 400) < 1
        assert kop.locator("span").count() == 8
        p.screenshot(path=str(KELUARAN / "tampilan" / "bagan-digeser-390.png"))
        p.close()


def test_beranda_mendahulukan_pembaca(browser, situs_tampilan: Path) -> None:
    with sajikan(situs_tampilan) as url:
        p = browser.new_page(viewport={"width": 1366, "height": 900})
        p.goto(f"{url}/")
        art = p.locator("article")
        # Search first, then the units with their counts, then the latest revisions.
        urutan = art.evaluate("""a => [...a.querySelectorAll(
            '.sop-beranda__cari, .sop-beranda__unit, .sop-beranda__terbaru')]
            .map(e => e.className)""")
        assert urutan == ["sop-beranda__cari", "sop-beranda__unit", "sop-beranda__terbaru"]
        jumlah = art.locator(".sop-beranda__unit > li").all_inner_texts()
        assert all(j.split("\n")[0].rstrip().endswith(" SOP") for j in jumlah)
        # One click from the home page to a SOP.
        p.locator(".sop-beranda__terbaru a").first.click()
        p.wait_for_url("**/sop/**")
        assert p.locator("#bagan-alir").count() + p.locator("table.sop-prosedur").count() >= 1
        # The menu: home, the SOPs, the indexes, then the pages for writers and publishers.
        p.goto(f"{url}/")
        atas = p.locator("nav.md-nav--primary > ul > li > :is(a, label)").all_inner_texts()
        atas = [" ".join(t.split()) for t in atas]
        assert atas[-3:] == ["Daftar SOP", "Indeks", "Panduan penulis dan pengelola"]
        # Typing in the home page's search continues in the site's search.
        p.locator("#sop-beranda-cari").press_sequentially("surat")
        expect(p.locator(".sop-cari .md-search-result__item").first).to_be_visible()
        assert p.locator(".sop-cari .md-search__input").input_value() == "surat"
        p.close()
