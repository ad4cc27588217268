"""MkDocs adapter: thin hooks that call the core and hand its results to MkDocs.

Everything a test might want to check lives in the core modules; here we only route events,
turn diagnostics into log lines or one PluginError, and register generated pages.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import load
from .bagan import BaganSop, gambar_semua
from .config import SopHandbookConfig
from .diagnostics import ringkasan
from .graphviz import Graphviz, GraphvizMissing
from .render import Alamat, Halaman, KelompokUnit, Penyaji, kelompokkan

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

ASET = Path(__file__).parent / "assets"  # shipped CSS/JS, copied to the site as is
URL_ASET = "assets/sop-handbook"


class SopHandbookPlugin(BasePlugin[SopHandbookConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Per-build state starts clean on every (re)build of `mkdocs serve`.
        self.buku: load.BukuPedoman | None = None
        self.halaman: dict[str, Any] = {}  # src_uri → callable producing Halaman
        self.kelompok: list[KelompokUnit] = []
        self.bagan: dict[str, BaganSop] = {}
        if not self.config.enabled:
            return config
        self.proyek = Path(config.config_file_path or ".").resolve().parent
        self.folder_sop = (self.proyek / self.config.sops_dir).resolve()
        self.alamat = Alamat(
            self.config.url_prefix.strip("/"),
            self.config.unit_prefix.strip("/"),
            config.use_directory_urls,
        )
        self.graphviz = Graphviz((self.proyek / self.config.cache_dir).resolve())
        ganti = config.theme.custom_dir
        self.penyaji = Penyaji(self.alamat, Path(ganti) / "sop_handbook" if ganti else None)
        for berkas in sorted(ASET.iterdir()):
            url = f"{URL_ASET}/{berkas.name}"
            daftar = {".css": config.extra_css, ".js": config.extra_javascript}.get(berkas.suffix)
            if daftar is not None and url not in daftar:
                daftar.append(url)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Load and validate before MkDocs cleans site_dir: bad input leaves the old site intact.
        if not self.config.enabled:
            return
        self.buku = load.muat(self.folder_sop, self.proyek)
        lap = self.buku.laporan
        for d in lap.daftar_peringatan:
            log.warning(str(d))
        galat = lap.daftar_galat
        tegas = self.config.strict or config.strict
        if galat or (tegas and lap.daftar_peringatan):
            baris = [str(d) for d in (lap.terurut() if tegas else galat)]
            raise PluginError(
                f"{ringkasan(len(galat), len(lap.daftar_peringatan))} di berkas SOP; "
                "situs tidak dibangun.\n  " + "\n  ".join(baris)
                + "\nPerbaiki berkas di atas lalu bangun ulang "
                "(`sop lint` memeriksa tanpa membangun)."
            )
        log.info(f"{len(self.buku.sops)} SOP dimuat dari {self.config.sops_dir}/")
        self._gambar_bagan()

    def _gambar_bagan(self) -> None:
        if not self.config.diagram or self.buku is None:
            return
        sops = [s for s in self.buku.sops if s.bagan_alir]
        try:
            self.bagan = gambar_semua(sops, self.graphviz, self.config.diagram_max_langkah)
        except GraphvizMissing as e:
            raise PluginError(
                f"{e} Atau matikan bagan alir: 'diagram: false' di mkdocs.yml.") from None
        per_id = self.buku.per_id()
        for sop_id, b in sorted(self.bagan.items()):
            if b.galat:
                log.warning(f"{per_id[sop_id].berkas}: bagan alir tidak digambar: {b.galat}")
        gv = self.graphviz
        log.info(f"bagan alir: {len(sops)} SOP, {gv.graphs_rendered} digambar Graphviz "
                 f"({gv.runs} proses), {gv.cache_hits} dari cache")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.buku is None:
            return files
        semua = self.buku.per_id()
        a = self.alamat
        self.kelompok = kelompokkan(semua.values())

        def tambah(src: str, buat: Any) -> None:
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"Halaman '{src}' sudah ada di docs_dir; ia bertabrakan dengan "
                                  "halaman buatan plugin SOP. Ganti nama atau atur url_prefix.")
            files.append(File.generated(config, src, content="",
                                        inclusion=InclusionLevel.NOT_IN_NAV))
            self.halaman[src] = buat

        docs = Path(config.docs_dir).resolve()
        for sop in semua.values():
            tambah(a.sumber_sop(sop.id),
                   lambda s=sop: self.penyaji.sop(s, semua, self.bagan.get(s.id)))
            # "Edit" opens the YAML file: edit_uri is relative to the docs folder's edit URL.
            f = files.get_file_from_path(a.sumber_sop(sop.id))
            assert f is not None
            f.edit_uri = os.path.relpath(self.proyek / sop.berkas, docs).replace(os.sep, "/")
        tambah(a.sumber_daftar(), lambda: self.penyaji.daftar(self.kelompok))
        for k in self.kelompok:
            tambah(a.sumber_unit(k.unit), lambda k=k: self.penyaji.unit(k))
            for sub in k.sub_unit:
                tambah(a.sumber_unit(k.unit, sub), lambda k=k, sub=sub: self.penyaji.unit(k, sub))
        for berkas in sorted(ASET.iterdir()):
            files.append(File.generated(config, f"{URL_ASET}/{berkas.name}",
                                        content=berkas.read_bytes()))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or not self.config.nav or self.buku is None:
            return nav
        daftar = files.get_file_from_path(self.alamat.sumber_daftar())
        if daftar is None or daftar.page in nav.pages:
            return nav  # the site's own nav already places it

        def halaman(src: str, judul: str) -> Page:
            f = files.get_file_from_path(src)
            assert f is not None and f.page is not None
            f.page.title = escape(judul)  # type: ignore[misc]
            return f.page

        anak: list[Any] = [halaman(self.alamat.sumber_daftar(), "Semua unit kerja")]
        for k in self.kelompok:
            utama = halaman(self.alamat.sumber_unit(k.unit), k.unit)
            if k.sub_unit:
                subs = [halaman(self.alamat.sumber_unit(k.unit, s), s) for s in k.sub_unit]
                utama.title = escape(f"Semua SOP {k.unit}")  # type: ignore[misc]
                anak.append(Section(escape(k.unit), [utama, *subs]))
            else:
                anak.append(utama)
        bagian = Section(escape(self.config.nav_title), anak)
        nav.items.append(bagian)
        _tautkan(nav, bagian)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, **kwargs: Any) -> str | None:
        buat = self.halaman.get(page.file.src_uri) if self.config.enabled else None
        if buat is None:
            return markdown
        h: Halaman = buat()
        if h.tanggal is not None:
            page.update_date = h.tanggal.isoformat()  # the sitemap's lastmod: a real change date
        # The theme's Jinja does not autoescape: a title from YAML must arrive as safe HTML.
        page.meta["title"] = escape(h.judul)
        page.meta["sop_halaman"] = h
        return ""

    def on_page_content(self, html: str, page: Page, **kwargs: Any) -> str | None:
        h: Halaman | None = page.meta.pop("sop_halaman", None)
        if h is None:
            return html
        page.toc = get_toc([  # type: ignore[arg-type]
            {"level": j.tingkat, "id": j.id, "name": j.teks, "html": j.teks, "data-toc-label": "",
             "children": []}
            for j in h.daftar_isi
        ])
        page.present_anchor_ids = _ids(h.html)
        return h.html

    def on_post_build(self, config: MkDocsConfig) -> None:
        # One line for the IT person: the state of the handbook at a glance.
        if self.config.enabled and self.buku is not None:
            log.info(ringkasan_build(self.buku, self.bagan, self.graphviz))

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self.folder_sop.is_dir():
            server.watch(str(self.folder_sop))
        return server


def ringkasan_build(buku: load.BukuPedoman, bagan: dict[str, BaganSop], gv: Graphviz) -> str:
    gagal = sum(1 for b in bagan.values() if b.galat)
    return (f"Ringkasan: {len(buku.sops)} SOP; bagan alir {len(bagan)} "
            f"({gv.graphs_rendered} digambar, {gv.cache_hits} dari cache, {gagal} gagal); "
            f"{len(buku.laporan.daftar_peringatan)} peringatan")


def _ids(html: str) -> set[str]:
    import re

    return set(re.findall(r'\sid="([^"]+)"', html))


def _tautkan(nav: Navigation, bagian: Section) -> None:
    """Parent and previous/next links for the pages we added, as MkDocs does for its own."""

    def jalan(item: Any, induk: Any) -> None:
        item.parent = induk
        for a in getattr(item, "children", None) or []:
            jalan(a, item)

    jalan(bagian, None)
    halaman: list[Page] = []

    def kumpul(items: list[Any]) -> None:
        for i in items:
            if isinstance(i, Page):
                halaman.append(i)
            elif isinstance(i, Section):
                kumpul(i.children)

    kumpul(nav.items)
    nav.pages = halaman
    for i, p in enumerate(halaman):
        p.previous_page = halaman[i - 1] if i else None
        p.next_page = halaman[i + 1] if i + 1 < len(halaman) else None
