"""PDF files of SOPs from the built site, printed by headless Chromium.

Why Chromium on the built site: the PDF must be exactly what a reader gets with the browser's
Print on a SOP page. That form lives in each SOP's print file (`sop/<id>/cetak.html`, the
block of `_cetak.html` with `cetak.css`, paper from its own @page rule), which the SOP page
fetches when printed; here the print file itself is printed. Printing the real files keeps
one layout for both, and needs no Python
browser library: only the `chromium` command (`--print-to-pdf` honours CSS @page size and
orientation). The site is served on loopback by a throw-away `http.server` for the run, so
pages load as they would for a reader (no file:// quirks); nothing listens beyond 127.0.0.1.

Nothing here imports MkDocs: `sop pdf` runs after `mkdocs build`, on its output.

Public API::

    cari_chromium(exe=None) -> str          # raises ChromiumTidakAda with how to install it
    daftar_sop(site_dir, url_prefix="sop") -> dict[id, Path]   # SOPs' print files
    nama_berkas(sop_id) -> str              # "x.pdf", beside the page: the link "Unduh PDF"
    buat_pdf(site_dir, sop_ids=None, keluar=None, url_prefix="sop", semua=False) -> list[Path]
    jalankan(sop_ids, site="site", url_prefix="sop", keluar=None, semua=False) -> (code, lines)
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, urljoin

from .gambar import BERKAS_CETAK, KERTAS, MARGIN_MM, teks_css
from .indexes import urutan_alami

NAMA_CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                 "chrome")
ENV_CHROMIUM = "SOP_CHROMIUM"  # path of the browser when it is not on PATH under those names
NAMA_BUKU = "buku-pedoman-sop.pdf"

PESAN_CHROMIUM = (
    "Chromium tidak ditemukan: pasang dengan `apt-get install chromium` (Debian/Ubuntu) atau "
    "`brew install --cask chromium` (macOS), atau tunjuk berkasnya lewat variabel lingkungan "
    f"{ENV_CHROMIUM}=/jalur/ke/chromium (Google Chrome juga bisa). PDF dibuat dengan "
    "mencetak halaman situs yang sudah dibangun memakai Chromium tanpa layar."
)


class ChromiumTidakAda(RuntimeError):
    """No Chromium (or Chrome) to print with; the message says how to install it."""


class PdfGagal(RuntimeError):
    """Chromium ran but did not write a PDF (or a page to print is missing)."""


def cari_chromium(exe: str | None = None) -> str:
    """The browser to print with: `exe`, else $SOP_CHROMIUM, else the first on PATH."""
    calon = [exe] if exe else ([os.environ[ENV_CHROMIUM]] if os.environ.get(ENV_CHROMIUM)
                               else list(NAMA_CHROMIUM))
    for c in calon:
        jalur = shutil.which(c) if c else None
        if jalur:
            return jalur
    tambahan = f" (dicari: {', '.join(c for c in calon if c)})"
    raise ChromiumTidakAda(PESAN_CHROMIUM + tambahan)


_BUKA = re.compile(r'<div class="sop-cetak"[^>]*>')
_DIV = re.compile(r"<(/?)div\b")
_ATRIBUT = re.compile(r'\sdata-([a-z-]+)="([^"]*)"')


@dataclass(frozen=True)
class _Blok:
    """A SOP's print block as found in its print file in the built site."""

    sop_id: str
    halaman: Path  # the print file
    url: str  # the folder of the SOP's page and print file on the site, "/sop/x/"
    html: str
    data: dict[str, str]


def _blok(halaman: Path, site_dir: Path) -> _Blok | None:
    teks = halaman.read_text(encoding="utf-8", errors="replace")
    m = _BUKA.search(teks)
    if m is None:
        return None
    # The block ends at its matching </div> (inner divs counted; a minifier may drop comments,
    # so no end marker is relied on).
    kedalaman, akhir = 0, len(teks)
    for d in _DIV.finditer(teks, m.start()):
        kedalaman += -1 if d.group(1) else 1
        if kedalaman == 0:
            akhir = teks.index(">", d.end()) + 1
            break
    data = {k: html.unescape(v) for k, v in _ATRIBUT.findall(m.group(0))}
    if "sop-id" not in data:
        return None
    url = "/" + halaman.parent.relative_to(site_dir).as_posix() + "/"
    return _Blok(data["sop-id"], halaman, url, teks[m.start():akhir], data)


def daftar_sop(site_dir: Path, url_prefix: str = "sop") -> dict[str, Path]:
    """The print files of a built site's SOPs, by SOP id (files that carry the print block)."""
    akar = Path(site_dir) / url_prefix.strip("/")
    hasil: dict[str, Path] = {}
    for halaman in sorted(akar.rglob(BERKAS_CETAK)) if akar.is_dir() else []:
        b = _blok(halaman, Path(site_dir))
        if b is not None:
            hasil[b.sop_id] = halaman
    return hasil


def nama_berkas(sop_id: str) -> str:
    """File name of a SOP's PDF, written beside its page, so the page links it as is."""
    return sop_id.rstrip("/").rsplit("/", 1)[-1] + ".pdf"


# --- serving the site on loopback ----------------------------------------------------------


class _Penyaji(http.server.SimpleHTTPRequestHandler):
    """Static files of the site, plus pages made for this run (the whole-handbook page)."""

    tambahan: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        isi = self.tambahan.get(self.path.split("?", 1)[0])
        if isi is None:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(isi)))
        self.end_headers()
        self.wfile.write(isi)

    def log_message(self, *args: object) -> None:  # quiet: this is not a web server for people
        pass


@contextlib.contextmanager
def _layani(site_dir: Path, tambahan: dict[str, bytes]) -> Iterator[str]:
    kelas = type("_PenyajiIni", (_Penyaji,), {"tambahan": tambahan})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(kelas, directory=str(site_dir)))
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- printing ------------------------------------------------------------------------------


def _cetak(exe: str, url: str, tujuan: Path, timeout: float) -> None:
    """One page → one PDF, written via a temporary file (a killed run leaves no half PDF)."""
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sop-pdf-") as profil:
        sementara = Path(profil) / "keluaran.pdf"
        perintah = [
            exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update",
            "--disable-extensions", "--disable-sync", "--no-first-run",
            "--no-default-browser-check", "--hide-scrollbars", "--mute-audio",
            "--no-pdf-header-footer", f"--user-data-dir={profil}/profil",
            f"--print-to-pdf={sementara}", url,
        ]
        try:
            p = subprocess.run(perintah, capture_output=True, text=True, timeout=timeout,
                               stdin=subprocess.DEVNULL)
        except FileNotFoundError as e:
            raise ChromiumTidakAda(PESAN_CHROMIUM) from e
        except subprocess.TimeoutExpired as e:
            raise PdfGagal(f"Chromium tidak selesai mencetak {url} dalam {timeout:g} detik") from e
        if p.returncode != 0 or not sementara.is_file() or \
                sementara.read_bytes()[:5] != b"%PDF-":
            galat = [b for b in p.stderr.splitlines() if b.strip() and "dbus" not in b.lower()]
            raise PdfGagal(f"Chromium gagal mencetak {url} (kode {p.returncode}): "
                           + ("; ".join(galat[-3:]) or "tidak ada PDF yang ditulis"))
        shutil.move(str(sementara), tujuan.with_suffix(".pdf.tmp"))
        os.replace(tujuan.with_suffix(".pdf.tmp"), tujuan)


def _kunci_nomor(b: _Blok) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    return (b.data.get("unit", "").casefold(), urutan_alami(b.data.get("nomor", "")))


_SRC = re.compile(r'(\s(?:src|href)=")([^"#][^"]*)(")')
_ID_CETAK = re.compile(r'(?<=["# ])cetak-h(?=\d)')  # ids of the drawings, and references
_GAYA = re.compile(r"<style>.*?</style>", re.S)
_KEPALA_CSS = re.compile(r'<link rel="stylesheet" href="([^"]+)"[^>]*>')


def _halaman_buku(blok: Sequence[_Blok], judul: str) -> str:
    """One HTML page holding every SOP's print block, after a cover listing them.

    Each SOP gets a named @page, so its footer names its own number; relative links (the
    logo) are made absolute since the blocks come from pages at different depths.
    """
    pertama = blok[0].halaman.read_text(encoding="utf-8")
    css = [urljoin(blok[0].url, h) for h in _KEPALA_CSS.findall(pertama)]
    kertas = blok[0].data.get("kertas", "F4")
    w, h = KERTAS.get(kertas, KERTAS["F4"])
    aturan = [f"@page{{size:{w:g}mm {h:g}mm;margin:{MARGIN_MM:g}mm;"
              '@bottom-right{content:"Halaman " counter(page) " dari " counter(pages);'
              "font:7.5pt Helvetica,Arial,sans-serif;color:#555}}",
              f"@media print{{.sop-cetak__prosedur svg{{max-height:{h - 2 * MARGIN_MM - 8:g}mm}}"
              ".sop-buku-sampul{break-after:page}.sop-cetak{break-before:page}}"]
    isi = []
    for i, b in enumerate(blok):
        teks = _GAYA.sub("", b.html, count=1)
        teks = _SRC.sub(lambda m, u=b.url: m.group(1) + urljoin(u, m.group(2)) + m.group(3),
                        teks)
        teks = teks.replace('<div class="sop-cetak"', f'<div style="page:sop{i}" '
                            'class="sop-cetak"', 1)
        # Drawings of different SOPs share ids (cetak-h1-proses...) and <use> finds the first
        # in the document: make them unique per SOP in this one page.
        teks = _ID_CETAK.sub(f"cetak{i}-h", teks)
        kaki = teks_css(f"SOP {b.data.get('nomor', '')} · {b.data.get('nama', '')}")
        aturan.append(f"@page sop{i}{{@bottom-left{{content:{kaki};"
                      "font:7.5pt Helvetica,Arial,sans-serif;color:#555}}")
        isi.append(teks)
    baris = "".join(
        f"<tr><td>{i}.</td><td>{html.escape(b.data.get('nomor', ''))}</td>"
        f"<td>{html.escape(b.data.get('nama', ''))}</td>"
        f"<td>{html.escape(b.data.get('unit', ''))}</td></tr>"
        for i, b in enumerate(blok, 1))
    tautan = "".join(f'<link rel="stylesheet" href="{html.escape(u)}">' for u in css)
    return (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f"<title>{html.escape(judul)}</title>{tautan}<style>{''.join(aturan)}</style></head>"
        '<body><main class="md-typeset sop-buku">'
        '<section class="sop-buku-sampul"><h1>' + html.escape(judul) + "</h1>"
        f"<p>{len(blok)} SOP</p>"
        '<table class="sop-buku-daftar"><thead><tr><th>No</th><th>Nomor SOP</th>'
        f"<th>Nama SOP</th><th>Unit</th></tr></thead><tbody>{baris}</tbody></table></section>"
        + "\n".join(isi) + "</main></body></html>"
    )


def buat_pdf(
    site_dir: Path,
    sop_ids: Sequence[str] | None = None,
    keluar: Path | None = None,
    url_prefix: str = "sop",
    semua: bool = False,
    *,
    judul: str = "Buku Pedoman SOP",
    chromium: str | None = None,
    jobs: int | None = None,
    timeout: float = 120.0,
) -> list[Path]:
    """Print SOP pages of the built site at `site_dir` to PDF; returns the files written.

    `sop_ids`: which SOPs (default: every SOP with a print file). Each PDF goes beside its page
    (`<site>/<prefix>/<id>/<name>.pdf`, what the page's "Unduh PDF" link points at), or under
    `keluar/<id>.pdf` when `keluar` is given. `semua`: also one PDF of the whole handbook
    (those SOPs after a cover list, by unit and number), `NAMA_BUKU` in `keluar` or
    `<site>/<prefix>/`. Raises ChromiumTidakAda, PdfGagal, or FileNotFoundError/KeyError for
    a missing site or an unknown id (the message lists what exists).
    """
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"situs belum dibangun di {site_dir}: jalankan `mkdocs build` "
                                "dahulu (atau tunjuk foldernya dengan --site)")
    akar = (site_dir / url_prefix.strip("/")).resolve()
    if not url_prefix.strip("/") or not akar.is_relative_to(site_dir.resolve()):
        raise FileNotFoundError(f"--prefix '{url_prefix}' bukan folder di dalam {site_dir}: "
                                "tulis url_prefix dari mkdocs.yml, mis. 'sop'")
    exe = cari_chromium(chromium)
    tersedia = daftar_sop(site_dir, url_prefix)
    if not tersedia:
        raise FileNotFoundError(f"tidak ada halaman SOP di {site_dir / url_prefix.strip('/')}/ "
                                "(periksa --prefix, sama dengan url_prefix di mkdocs.yml)")
    pilihan = list(sop_ids) if sop_ids else list(tersedia)
    tak_dikenal = [i for i in pilihan if i.strip("/") not in tersedia]
    if tak_dikenal:
        raise KeyError(f"SOP tidak ditemukan di situs: {', '.join(tak_dikenal)}; yang ada: "
                       + ", ".join(tersedia))
    pilihan = [i.strip("/") for i in pilihan]
    blok = {i: _blok(tersedia[i], site_dir) for i in pilihan}
    prefix = url_prefix.strip("/")

    tugas: list[tuple[str, Path]] = []  # (path on the site, PDF)
    for i in pilihan:
        b = blok[i]
        assert b is not None
        tujuan = (Path(keluar) / f"{i}.pdf" if keluar is not None
                  else tersedia[i].parent / nama_berkas(i))
        tugas.append((quote(b.url + BERKAS_CETAK), tujuan))
    tambahan: dict[str, bytes] = {}
    if semua:
        urut = sorted((b for b in blok.values() if b is not None), key=_kunci_nomor)
        jalur = f"/{prefix}/__buku-pedoman-sop__.html"
        tambahan[jalur] = _halaman_buku(urut, judul).encode("utf-8")
        tugas.append((jalur, (Path(keluar) if keluar is not None else site_dir / prefix)
                      / NAMA_BUKU))

    with _layani(site_dir, tambahan) as dasar:
        n = max(1, min(jobs or os.cpu_count() or 1, len(tugas), 4))
        with ThreadPoolExecutor(n) as pool:
            list(pool.map(lambda t: _cetak(exe, dasar + t[0], t[1], timeout), tugas))
    return [t for _, t in tugas]


def jalankan(
    sop_ids: Sequence[str],
    site: str = "site",
    url_prefix: str = "sop",
    keluar: str | None = None,
    semua: bool = False,
    judul: str = "Buku Pedoman SOP",
) -> tuple[int, list[str]]:
    """`sop pdf`: (exit code, lines to print). 0 written, 1 a page or Chromium failed (the
    message says what to do), so CI can run `mkdocs build && sop pdf` and fail clearly."""
    try:
        berkas = buat_pdf(Path(site), sop_ids or None, Path(keluar) if keluar else None,
                          url_prefix, semua, judul=judul)
    except (ChromiumTidakAda, PdfGagal, FileNotFoundError) as e:
        return 1, [f"sop pdf: {e}"]
    except KeyError as e:
        return 1, [f"sop pdf: {e.args[0]}"]
    return 0, [*(str(b) for b in berkas), f"OK — {len(berkas)} PDF ditulis."]


__all__ = [
    "NAMA_BUKU",
    "PESAN_CHROMIUM",
    "ChromiumTidakAda",
    "PdfGagal",
    "buat_pdf",
    "cari_chromium",
    "daftar_sop",
    "jalankan",
    "nama_berkas",
]
