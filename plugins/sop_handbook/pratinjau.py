"""`sop pratinjau`: a live preview of SOP pages while their YAML is being written.

Why not only `mkdocs serve`: every reload there rebuilds the whole site (thousands of pages at
a province's scale), so an author waits many seconds after each save. Here one request
renders one SOP page from the YAML: the handbook is loaded once and then only changed files
are parsed again (`load.muat`'s per-file cache), links and indexes are recomputed (a fraction
of a second at 1,000 SOPs), and only this SOP's chart is drawn (memoised like the build's).

The page keeps the look of the published site: when `mkdocs build` has written the SOP's page
before, its header, navigation and styles are reused and only the article is replaced; the rest
of the built site is served as it is. Without a built site the page gets a plain frame with
the plugin's own styles. Each page waits (one long request at a time) for a change under the
SOP folder and reloads itself; a save that breaks a file shows the build's messages (file,
line, what to write) in the page instead, and the next good save shows the SOP again.

No MkDocs import: the preview runs on the same core as the build and `sop lint`.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import http.server
import json
import os
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from . import load
from .gambar import Graphviz, GraphvizMissing, gambar_bagan
from .indexes import slug_unit
from .links import TINGKAT_OPSI
from .render import Alamat, KonteksBuku, Penyaji
from .susun import susun_konteks

ASET = Path(__file__).parent / "assets"
JALUR_KHUSUS = "/__pratinjau/"
TUNGGU_MAKS_DETIK = 25.0  # a long request returns before proxies and browsers give up on it
JEDA_PERIKSA_DETIK = 0.15  # how often a waiting request looks at the SOP folder
_ARTIKEL = re.compile(
    r'(<article\b[^>]*class="[^"]*md-content__inner[^"]*"[^>]*>)(.*?)(</article>)', re.S)
_JUDUL = re.compile(r"<title>.*?</title>", re.S)


@dataclass(frozen=True)
class OpsiPratinjau:
    """What the preview needs of the site's settings (read from mkdocs.yml by the CLI)."""

    proyek: Path
    folder_sop: Path
    site: Path
    alamat: Alamat
    cache_dir: Path | None
    unresolved_links: str = "warning"
    review_months: int = 24
    diagram: bool = True
    diagram_max_langkah: int = 0


def versi_folder(folder: Path) -> str:
    """A token that changes whenever a YAML file under `folder` is added, removed or saved."""
    h = hashlib.sha256()
    for akar, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.endswith((".yml", ".yaml")):
                try:
                    st = os.stat(os.path.join(akar, f))
                except OSError:
                    continue
                h.update(f"{akar}/{f}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
    return h.hexdigest()[:16]


class Pratinjau:
    """Renders SOP pages from the current YAML; one per preview server (it keeps caches)."""

    def __init__(self, opsi: OpsiPratinjau) -> None:
        self.opsi = opsi
        self.cache_muat: load.CacheMuat = {}
        self.penyaji = Penyaji(opsi.alamat)
        self.gv = Graphviz(opsi.cache_dir) if opsi.diagram else None
        self._kunci = threading.Lock()
        self._terakhir: tuple[str, load.BukuPedoman, KonteksBuku] | None = None

    def buku(self) -> tuple[str, load.BukuPedoman, KonteksBuku]:
        """The handbook and its links/indexes for the current files (recomputed on change)."""
        with self._kunci:
            versi = versi_folder(self.opsi.folder_sop)
            if self._terakhir is None or self._terakhir[0] != versi:
                o = self.opsi
                buku = load.muat(o.folder_sop, o.proyek, self.cache_muat)
                o.alamat.tetapkan_unit(slug_unit(buku.sops))
                konteks = susun_konteks(buku, o.alamat,
                                        tingkat_belum=TINGKAT_OPSI[o.unresolved_links],
                                        masa_tinjau_bulan=o.review_months)
                self._terakhir = (versi, buku, konteks)
            return self._terakhir

    def sop_dari_url(self, jalur: str) -> str | None:
        """The SOP id a URL path of the site names (`/sop/<id>/`), or None."""
        awal = f"/{self.opsi.alamat.prefix_sop}/"
        jalur = urllib.parse.unquote(jalur).removesuffix("index.html")
        if not jalur.startswith(awal) or not jalur.endswith("/"):
            return None
        sop_id = jalur[len(awal):-1]
        return sop_id if sop_id and load.POLA_ID.match(sop_id) else None

    def halaman(self, sop_id: str) -> tuple[int, str]:
        """(HTTP status, full HTML page) for one SOP: the page, or the messages that stop it."""
        versi, buku, konteks = self.buku()
        sop = konteks.semua.get(sop_id)
        galat = buku.laporan.daftar_galat
        berkas = _berkas_sop(self.opsi.folder_sop, sop_id, self.opsi.proyek)
        milik = [d for d in buku.laporan.terurut() if d.posisi.berkas == berkas]
        if sop is None or galat:
            isi = _panel_pesan(berkas, galat, milik, ada=sop is not None)
            judul = f"Pratinjau: {sop.nama if sop else sop_id}"
            return (200 if sop is not None or milik else 404), self._bingkai(
                sop_id, judul, isi, versi)
        if self.gv is not None and sop.bagan_alir:
            # Without Graphviz the page says "no chart" itself, as a build without it would.
            with contextlib.suppress(GraphvizMissing):
                konteks.bagan[sop.id] = gambar_bagan(
                    [sop], self.gv, self.opsi.diagram_max_langkah)[sop.id]
        h = self.penyaji.sop(sop, konteks)
        peringatan = [d for d in milik if d not in galat]
        isi = (_panel_pesan(berkas, [], peringatan, ada=True) if peringatan else "") + h.utuh()
        return 200, self._bingkai(sop_id, sop.nama, isi, versi)

    def _bingkai(self, sop_id: str, judul: str, isi: str, versi: str) -> str:
        """The built site's page around `isi`, or a plain frame when there is none."""
        kulit = self._kulit(sop_id)
        skrip = _skrip_muat_ulang(versi)
        pita = ('<p class="sop-pratinjau-pita" role="status">Pratinjau: halaman ini dimuat '
                "ulang sendiri setiap kali berkas SOP disimpan.</p>")
        if kulit is not None and _ARTIKEL.search(kulit):
            halaman = _ARTIKEL.sub(lambda m: m[1] + pita + isi + m[3], kulit, count=1)
            halaman = _JUDUL.sub(f"<title>{html.escape(judul)}</title>", halaman, count=1)
            return halaman.replace("</body>", skrip + "</body>", 1)
        aset = "".join(f'<link rel="stylesheet" href="{JALUR_KHUSUS}aset/{p.name}">'
                       for p in sorted(ASET.glob("*.css")) if p.name != "cetak.css")
        return ('<!doctype html>\n<html lang="id"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width,initial-scale=1">'
                f"<title>{html.escape(judul)}</title>{aset}</head>"
                '<body class="md-typeset" style="max-width:70rem;margin:1rem auto;padding:0 1rem">'
                f"{pita}{isi}{skrip}</body></html>\n")

    def _kulit(self, sop_id: str) -> str | None:
        berkas = self.opsi.site / self.opsi.alamat.sumber_sop(sop_id).removesuffix(".md")
        try:
            return berkas.with_suffix(".html").read_text(encoding="utf-8")
        except OSError:
            return None

    def tunggu(self, versi: str, batas: float = TUNGGU_MAKS_DETIK) -> str:
        """Return the folder's version as soon as it differs from `versi` (or after `batas` s)."""
        akhir = time.monotonic() + batas
        while True:
            sekarang = versi_folder(self.opsi.folder_sop)
            if sekarang != versi or time.monotonic() >= akhir:
                return sekarang
            time.sleep(JEDA_PERIKSA_DETIK)


def _berkas_sop(folder: Path, sop_id: str, proyek: Path) -> str:
    """The file a SOP id comes from, as messages name it (relative to the project)."""
    for ext in load.EKSTENSI:
        p = folder / f"{sop_id}{ext}"
        if p.exists():
            return os.path.relpath(p, proyek).replace(os.sep, "/")
    return os.path.relpath(folder / f"{sop_id}.yml", proyek).replace(os.sep, "/")


def _panel_pesan(berkas: str, galat: list, milik: list, *, ada: bool) -> str:
    """The build's own messages, for the author to fix without leaving the browser."""
    baris = list(dict.fromkeys([*milik, *galat]))
    if not baris and not ada:
        return (f'<div class="admonition failure" role="alert"><p class="admonition-title">'
                f"SOP tidak ditemukan</p><p>Tidak ada berkas {html.escape(berkas)} di folder "
                "SOP. Periksa alamatnya, atau simpan berkas itu dulu.</p></div>")
    judul = ("Situs belum dapat dibangun: perbaiki berkas berikut" if galat
             else "Peringatan untuk berkas ini")
    jenis = "failure" if galat else "warning"
    isi = "".join(f"<li><code>{html.escape(str(d))}</code></li>" for d in baris)
    return (f'<div class="admonition {jenis} sop-pratinjau-pesan" role="alert">'
            f'<p class="admonition-title">{judul}</p><ul>{isi}</ul></div>')


def _skrip_muat_ulang(versi: str) -> str:
    """Wait for the next save (one long request), then reload; retry while the server is away."""
    return ("<script>(function(){var v=" + json.dumps(versi) + ";function t(){fetch('"
            + JALUR_KHUSUS + "tunggu?v='+encodeURIComponent(v)).then(function(r){return r.text()})"
            ".then(function(n){if(n&&n!==v){location.reload()}else{t()}})"
            ".catch(function(){setTimeout(t,2000)})}t()})();</script>")


def buat_server(pratinjau: Pratinjau, host: str = "127.0.0.1",
                port: int = 8001) -> http.server.ThreadingHTTPServer:
    """An HTTP server: SOP pages rendered live, everything else from the built site."""
    site = pratinjau.opsi.site

    class Penangan(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*a, directory=str(site), **kw)

        def log_message(self, format: str, *args: object) -> None:
            pass  # the terminal shows messages about the SOP, not every request

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            if url.path == f"{JALUR_KHUSUS}tunggu":
                v = urllib.parse.parse_qs(url.query).get("v", [""])[0]
                return self._kirim(200, pratinjau.tunggu(v), "text/plain")
            if url.path.startswith(f"{JALUR_KHUSUS}aset/"):
                nama = url.path.rsplit("/", 1)[-1]
                p = ASET / nama
                if p.is_file() and p.parent == ASET:
                    jenis = "text/css" if nama.endswith(".css") else "text/javascript"
                    return self._kirim(200, p.read_text(encoding="utf-8"), jenis)
                return self._kirim(404, "tidak ada", "text/plain")
            sop_id = pratinjau.sop_dari_url(url.path)
            if sop_id is not None:
                status, isi = pratinjau.halaman(sop_id)
                return self._kirim(status, isi, "text/html")
            if url.path == "/" and not (site / "index.html").is_file():
                return self._kirim(200, _daftar(pratinjau), "text/html")
            return super().do_GET()

        def _kirim(self, status: int, teks: str, jenis: str) -> None:
            data = teks.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{jenis}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

    server = http.server.ThreadingHTTPServer((host, port), Penangan)
    server.daemon_threads = True
    return server


def _daftar(pratinjau: Pratinjau) -> str:
    """Without a built site, the home page lists the SOPs to preview."""
    _, _, konteks = pratinjau.buku()
    a = pratinjau.opsi.alamat
    butir = "".join(f'<li><a href="/{html.escape(a.sop(s.id))}">{html.escape(s.nama)}</a> '
                    f"<small>{html.escape(s.nomor)}</small></li>"
                    for s in sorted(konteks.semua.values(), key=lambda s: s.id))
    return ('<!doctype html>\n<html lang="id"><head><meta charset="utf-8">'
            "<title>Pratinjau SOP</title></head><body><h1>Pratinjau SOP</h1>"
            f"<ul>{butir}</ul></body></html>\n")
