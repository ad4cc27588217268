"""Search with Pagefind: search-only data of a SOP, and recall of Indonesian queries typed
into the real search box in Chromium against a handbook built by the real `mkdocs build`."""

from __future__ import annotations

from pathlib import Path

import pytest
from buku_cari import KUERI, tulis_buku

from conftest import KELUARAN, mkdocs, sajikan
from sop_handbook.indexes import urai_dasar_hukum
from sop_handbook.pencarian import alias_nomor, label_peraturan


def test_alias_nomor() -> None:
    assert alias_nomor("800/ 14.047 / Banhub.A") == [
        "800/14.047/Banhub.A", "800", "14.047", "Banhub.A", "14047"]
    assert "SOP 022" in alias_nomor("SOP-022")


@pytest.mark.parametrize(("teks", "label"), [
    ("Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP", ["Perpres 29/2014"]),
    ("Permenpan RB No. 35 Tahun 2012", ["Permenpan 35/2012", "PermenPANRB 35/2012"]),
    ("Permendagri Nomor 77 Tahun 2020", ["Permendagri 77/2020"]),
    ("PP 18/2016", ["PP 18/2016"]),
])
def test_label_peraturan(teks: str, label: list[str]) -> None:
    p = urai_dasar_hukum(teks)
    assert p is not None and label_peraturan(p) == label


@pytest.fixture(scope="module")
def situs_cari(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proyek = tulis_buku(tmp_path_factory.mktemp("cari"))
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert "indeks pencarian (Pagefind)" in hasil.stderr
    assert not (proyek / "pagefind").exists()  # written into the site only, never the cwd
    return proyek / "site"


def cari(halaman, q: str) -> list[str]:
    """Type `q` into the header's search box; the result URLs (paths) in order."""
    kotak = halaman.locator(".sop-cari input")
    kotak.fill(q)
    halaman.wait_for_selector(f'.sop-cari ol[data-kueri="{q}"]', state="attached")
    return [a.split("?")[0] for a in halaman.locator(".sop-cari .md-search-result__link")
            .evaluate_all("els => els.map(e => new URL(e.href).pathname)")]


def test_recall_kueri_indonesia(browser, situs_cari: Path) -> None:
    """≥ 90 % of the queries find their SOP in the first three results."""
    baris = []
    with sajikan(situs_cari) as url:
        h = browser.new_page(viewport={"width": 1280, "height": 900})
        h.goto(f"{url}/")
        h.keyboard.press("/")
        for q, jenis, harap in KUERI:
            hasil = cari(h, q)
            posisi = next((i + 1 for i, u in enumerate(hasil)
                           if any(u == f"/sop/{s}/" for s in harap)), None)
            baris.append((q, jenis, posisi))
        h.close()
    KELUARAN.mkdir(exist_ok=True)
    (KELUARAN / "recall-cari.txt").write_text(
        "\n".join(f"{q}\t{j}\t{p or '-'}" for q, j, p in baris) + "\n", encoding="utf-8")
    kena = [b for b in baris if b[2] is not None and b[2] <= 3]
    gagal = [b for b in baris if b not in kena]
    assert len(kena) / len(baris) >= 0.9, f"recall {len(kena)}/{len(baris)}; missed: {gagal}"


def test_serve_juga_membuat_indeks(tmp_path: Path) -> None:
    """`mkdocs serve` runs Pagefind too: the index is served from its build."""
    import os
    import socket
    import subprocess
    import sys
    import urllib.request

    proyek = tulis_buku(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=proyek, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": os.environ.get("PATH", ""),
             "HOME": str(proyek)})
    try:
        log = []
        assert p.stderr is not None
        for baris in p.stderr:  # the build logs, then "Serving on": no polling needed
            log.append(baris)
            if "Serving on" in baris:
                break
        assert any("indeks pencarian (Pagefind)" in b for b in log), "".join(log)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/pagefind/pagefind.js") as r:
            assert r.status == 200 and b"export" in r.read()
    finally:
        p.terminate()
        p.wait(timeout=30)


def test_hasil_pencarian_teks_bukan_html(browser, tmp_path: Path) -> None:
    """A SOP name with markup shows as text in the result and its passage; nothing runs."""
    proyek = tulis_buku(tmp_path)
    f = proyek / "sops/umum/tamu.yml"
    jahat = '<img src=x onerror="window.kena=1"> Tamu & Co'
    f.write_text(f.read_text(encoding="utf-8").replace(
        "nama: Penerimaan Tamu Dinas", f"nama: '{jahat}'"), encoding="utf-8")
    assert mkdocs(proyek, "build", "-d", "site").returncode == 0
    with sajikan(proyek / "site") as url:
        h = browser.new_page()
        h.goto(f"{url}/")
        h.keyboard.press("/")
        hasil = cari(h, "onerror")
        assert hasil and hasil[0] == "/sop/umum/tamu/"
        assert h.locator(".sop-cari .md-search-result__item h1").first.inner_text() == jahat
        assert h.locator(".sop-cari img").count() == 0
        assert h.evaluate("window.kena") is None
        h.close()
