"""The printed form's QR code: drawn at build time, scanned back (zxing-cpp) from what Chromium
shows, to the SOP page's address with the printed revision; that page says whether the
printed revision is still the current one."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from pathlib import Path

import pytest

from conftest import mkdocs, sajikan, salin_proyek
from sop_handbook import qr
from sop_handbook.gambar import Memo

SITE_URL = "https://sop.contoh.go.id/pedoman/"


def abu_abu_png(png: bytes) -> tuple[bytes, int, int]:
    """Grayscale pixels of an 8-bit RGB/RGBA non-interlaced PNG (what Chromium screenshots are);
    no imaging library is needed for zxing-cpp, which reads a (height, width) buffer."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    i, idat = 8, b""
    while i < len(png):
        n, jenis = struct.unpack(">I4s", png[i:i + 8])
        data = png[i + 8:i + 8 + n]
        if jenis == b"IHDR":
            lebar, tinggi, bit, warna, _, _, interlace = struct.unpack(">IIBBBBB", data)
            assert bit == 8 and warna in (2, 6) and interlace == 0
        elif jenis == b"IDAT":
            idat += data
        i += 12 + n
    bpp = 3 if warna == 2 else 4
    mentah = zlib.decompress(idat)
    stride = lebar * bpp
    sebelum = bytearray(stride)
    hasil = bytearray()
    for y in range(tinggi):
        f = mentah[y * (stride + 1)]
        baris = bytearray(mentah[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = baris[x - bpp] if x >= bpp else 0
            b = sebelum[x]
            c = sebelum[x - bpp] if x >= bpp else 0
            if f == 1:
                baris[x] = (baris[x] + a) & 255
            elif f == 2:
                baris[x] = (baris[x] + b) & 255
            elif f == 3:
                baris[x] = (baris[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                baris[x] = (baris[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        sebelum = baris
        hasil += bytes((baris[x] * 3 + baris[x + 1] * 6 + baris[x + 2]) // 10
                       for x in range(0, stride, bpp))
    return bytes(hasil), lebar, tinggi


def pindai(png: bytes) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    piksel, lebar, tinggi = abu_abu_png(png)
    citra = memoryview(piksel).cast("B", (tinggi, lebar))
    return [b.text for b in zxingcpp.read_barcodes(citra)
            if b.format == zxingcpp.BarcodeFormat.QRCode]


def test_alamat_dan_svg() -> None:
    tgl = dt.date(2024, 5, 1)
    assert qr.alamat_periksa("https://a.id/x", "sop/u/s/", tgl) == "https://a.id/x/sop/u/s/?rev=2024-05-01"
    assert qr.alamat_periksa("https://a.id/x/", "/sop/u/s/", tgl) == "https://a.id/x/sop/u/s/?rev=2024-05-01"
    assert qr.kode_qr(None, "sop/u/s/", tgl) is None and qr.kode_qr("", "sop/u/s/", tgl) is None
    svg = qr.svg_qr('https://a.id/"><script>x</script>')
    assert svg is not None and "<script" not in svg and "&lt;script&gt;" in svg
    assert svg.startswith('<svg role="img" aria-label="Kode QR: ') and svg.endswith("</svg>")
    assert qr.svg_qr("x" * (qr.BATAS_TEKS + 1)) is None


def test_memo_qr_diperiksa(tmp_path: Path) -> None:
    memo = Memo(tmp_path)
    a = qr.svg_qr("https://a.id/sop/x/?rev=2024-05-01", memo)
    assert memo.kena == 0
    assert qr.svg_qr("https://a.id/sop/x/?rev=2024-05-01", memo) == a and memo.kena == 1
    for f in tmp_path.rglob("*.json"):
        f.write_text("rusak", encoding="utf-8")
    memo2 = Memo(tmp_path)
    assert qr.svg_qr("https://a.id/sop/x/?rev=2024-05-01", memo2) == a and memo2.rusak


@pytest.fixture(scope="module")
def situs_qr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    proyek = salin_proyek(tmp_path_factory.mktemp("qr"))
    with (proyek / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write(f"\nsite_url: {SITE_URL}\n")
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert "kode QR tidak dicetak" not in hasil.stderr
    return proyek / "site"


def test_tanpa_site_url_dikatakan_sekali(tmp_path: Path, situs: Path) -> None:
    assert "sop-qr" not in (situs / "sop/banhub/perbaikan-data-kinerja/cetak.html").read_text(
        encoding="utf-8")
    proyek = salin_proyek(tmp_path / "p")
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stderr.count("kode QR tidak dicetak: 'site_url' belum diatur") == 1


def test_qr_terpindai_ke_alamat_yang_benar(situs_qr: Path, browser) -> None:
    cetak = (situs_qr / "sop/banhub/perbaikan-data-kinerja/cetak.html").read_text("utf-8")
    revisi = re.search(r"Revisi (\d+ \w+ \d{4})", cetak)
    assert revisi is not None
    with sajikan(situs_qr) as url:
        page = browser.new_page(device_scale_factor=2)
        page.goto(f"{url}/sop/banhub/perbaikan-data-kinerja/cetak.html")
        kode = page.locator(".sop-cetak-qr svg.sop-qr")
        n = kode.count()
        assert n >= 2  # the identity sheet and each procedure sheet
        harapan = re.search(r'aria-label="Kode QR: ([^"]+)"', cetak)
        assert harapan is not None
        alamat = harapan.group(1)
        assert alamat.startswith(f"{SITE_URL}sop/banhub/perbaikan-data-kinerja/?rev=")
        for i in range(n):
            assert pindai(kode.nth(i).screenshot()) == [alamat]
        # The printed caption beside the code names the same revision as the identity table.
        assert page.locator(".sop-cetak-qr").first.inner_text().startswith("Periksa versi terbaru")
        # The address opens the SOP page (served here under the site root) and says whether
        # the printed revision is the current one.
        rev = alamat.split("?rev=")[1]
        halaman = f"{url}/sop/banhub/perbaikan-data-kinerja/"
        page.goto(f"{halaman}?rev={rev}")
        versi = page.locator(".sop-versi")
        assert versi.is_visible() and "adalah versi yang berlaku" in versi.inner_text()
        page.goto(f"{halaman}?rev=2000-01-01")
        teks = versi.inner_text()
        assert versi.is_visible() and teks.startswith(
            "Versi cetak Anda (revisi 1 Januari 2000) sudah diganti pada ")
        assert revisi.group(1) in teks
        page.goto(halaman)
        assert not versi.is_visible()
        page.close()


def test_pdf_dengan_qr_satu_lembar_per_halaman(situs_qr: Path, tmp_path: Path) -> None:
    """The 16 mm kept under each procedure sheet holds the code: printing adds no page."""
    import io

    pypdf = pytest.importorskip("pypdf")
    from sop_handbook.pdf import buat_pdf

    semua = sorted((situs_qr / "sop").rglob("cetak.html"))
    assert semua
    for berkas_cetak in semua:
        sop_id = berkas_cetak.parent.relative_to(situs_qr / "sop").as_posix()
        cetak = berkas_cetak.read_text(encoding="utf-8")
        lembar = cetak.count('<section class="sop-cetak__lembar')
        [berkas] = buat_pdf(situs_qr, [sop_id], keluar=tmp_path)
        baca = pypdf.PdfReader(io.BytesIO(berkas.read_bytes()))
        assert len(baca.pages) == lembar, sop_id
        teks = " ".join((p.extract_text() or "") for p in baca.pages)
        assert teks.count("Periksa versi terbaru") == lembar
