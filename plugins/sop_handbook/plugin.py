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

from . import load, pencarian, rencana, riwayat
from .config import SopHandbookConfig
from .diagnostics import ringkasan
from .gambar import Graphviz, GraphvizMissing, Memo, gambar_formulir
from .indexes import slug_unit
from .links import ringkasan_belum
from .render import (
    HALAMAN_INDEKS,
    MARKA_BERANDA,
    Alamat,
    Halaman,
    KelompokUnit,
    KonteksBuku,
    Penyaji,
    kelompokkan,
    rapatkan,
)
from .susun import TINGKAT, gambar, halaman_pindah, susun_konteks

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)

ASET = rencana.FOLDER_ASET
URL_ASET = rencana.URL_ASET


class SopHandbookPlugin(BasePlugin[SopHandbookConfig]):
    cache_muat: load.CacheMuat | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # With on_startup this object lives across `mkdocs serve` rebuilds: keep caches only.
        self.cache_muat = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # Per-build state starts clean on every (re)build of `mkdocs serve`.
        self.buku: load.BukuPedoman | None = None
        self.halaman: dict[str, Any] = {}  # src_uri → callable producing Halaman
        self.kelompok: list[KelompokUnit] = []
        self.konteks: KonteksBuku | None = None
        self.sisipan: dict[str, Halaman] = {}  # pages whose SVGs go in after search indexing
        self.berkas_cetak: dict[str, str] = {}  # SOP page src_uri → SOP id (its print file)
        if not self.config.enabled:
            return config
        self.proyek = Path(config.config_file_path or ".").resolve().parent
        self.folder_sop = (self.proyek / self.config.sops_dir).resolve()
        self.alamat = Alamat(
            self.config.url_prefix.strip("/"),
            self.config.unit_prefix.strip("/"),
            config.use_directory_urls,
        )
        cache = (self.proyek / self.config.cache_dir).resolve()
        _catatan_material(cache)
        batas = float(self.config.graphviz_timeout)
        self.graphviz = Graphviz(cache, timeout=batas)  # swimlane charts, drawn by neato -n2
        self.graphviz_peta = Graphviz(cache, engine="dot", options=(), timeout=batas)  # maps
        # Finished drawings, QR codes and history, checked on read; on the cache folder
        # Graphviz found usable (an unusable one costs speed only).
        self.memo = Memo(cache / "memo" if self.graphviz.cache_dir else None)
        ganti = config.theme.custom_dir
        site_url = config.site_url if self.config.qr else None
        self.penyaji = Penyaji(self.alamat, Path(ganti) / "sop_handbook" if ganti else None,
                               logo=self.config.logo, pdf=self.config.pdf, aset=URL_ASET,
                               site_url=site_url,
                               keterangan=self.config.print_keterangan,
                               ulang_pengesahan=self.config.print_signature_repeat,
                               memo=self.memo)
        if self.config.qr and not config.site_url:
            log.info("kode QR tidak dicetak: 'site_url' belum diatur di mkdocs.yml (kode QR "
                     "memuat alamat halaman SOP untuk memeriksa versi cetak terbaru)")
        if self.config.search and "material/search" in config.plugins:
            log.warning("plugin 'search' (lunr) dan pencarian Pagefind sop-handbook keduanya "
                        "aktif: hapus '- search' dari plugins di mkdocs.yml.")
        for berkas in sorted(ASET.iterdir()):
            if berkas.stem == "cari" and not self.config.search:
                continue  # the Pagefind search box
            url = f"{URL_ASET}/{berkas.name}"
            daftar = {".css": config.extra_css, ".js": config.extra_javascript}.get(berkas.suffix)
            if daftar is not None and url not in daftar:
                daftar.append(url)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Load and validate before MkDocs cleans site_dir: bad input leaves the old site intact.
        if not self.config.enabled:
            return
        self.buku = load.muat(self.folder_sop, self.proyek, self.cache_muat)
        lap = self.buku.laporan
        self.alamat.tetapkan_unit(slug_unit(self.buku.sops))
        self.konteks = susun_konteks(
            self.buku, self.alamat,
            tingkat_belum=TINGKAT[self.config.unresolved_links],
            masa_tinjau_bulan=self.config.review_months,
        )
        # Every output path, the logo and the prefixes: a clash found later would leave
        # site_dir emptied by MkDocs.
        self.opsi_situs = self._opsi_situs(config)
        rencana.periksa_situs(self.buku.sops, self.konteks.indeks, self.alamat,
                              self.opsi_situs, lap, ada_peta=self.config.diagram,
                              aset=[b.name for b in sorted(ASET.iterdir())])
        self._riwayat()
        if self.config.unresolved_links == "info":
            belum = ringkasan_belum(self.konteks.tautan, self.alamat.indeks("keterkaitan"))
            if belum:
                log.info(belum)
        for d in lap.daftar_peringatan:
            log.warning(str(d))
        galat = lap.daftar_galat
        tegas = self.config.strict or config.strict
        if galat or (tegas and lap.daftar_peringatan):
            baris = [str(d) for d in (lap.terurut() if tegas else galat)]
            raise PluginError(
                f"{ringkasan(len(galat), len(lap.daftar_peringatan))} di berkas SOP atau "
                "mkdocs.yml; situs tidak dibangun.\n  " + "\n  ".join(baris)
                + "\nPerbaiki berkas di atas lalu bangun ulang "
                "(`sop lint` memeriksa tanpa membangun)."
            )
        log.info(f"{len(self.buku.sops)} SOP dimuat dari {self.config.sops_dir}/")
        self._gambar()

    def _riwayat(self) -> None:
        """Each SOP's history from git (two git processes for the whole handbook), and the
        warning for steps changed without a new tanggal_revisi, before anything is written."""
        assert self.buku is not None and self.konteks is not None
        if not self.config.history:
            return
        r = riwayat.riwayat_buku(self.buku, self.proyek, self.folder_sop, self.memo)
        self.konteks.riwayat = r.per_sop
        if r.keterangan:
            log.info(r.keterangan)
        else:
            log.info(f"riwayat perubahan: {len(r.per_sop)} SOP, {r.git} proses git, "
                     f"{r.diurai} revisi diurai")

    def _opsi_situs(self, config: MkDocsConfig) -> rencana.OpsiSitus:
        berkas = Path(config.config_file_path or "mkdocs.yml")
        try:
            teks = berkas.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            teks = ""
        return rencana.OpsiSitus(
            url_prefix=self.config.url_prefix, unit_prefix=self.config.unit_prefix,
            logo=self.config.logo, docs_dir=Path(config.docs_dir),
            direktori=config.use_directory_urls, berkas_config=berkas.name, teks_config=teks)

    def _gambar(self) -> None:
        """Charts and maps, each in one cached Graphviz batch, and the printed forms (written
        as SVG directly, no Graphviz), after validation: a handbook with errors draws nothing."""
        assert self.buku is not None and self.konteks is not None
        c = self.config
        try:
            if c.diagram:
                gambar(self.konteks, self.buku.sops, self.alamat, self.graphviz,
                       self.graphviz_peta, c.diagram_max_steps)
        except GraphvizMissing as e:
            raise PluginError(
                f"{e} Atau matikan bagan alir: 'diagram: false' di mkdocs.yml.") from None
        self.konteks.cetak = gambar_formulir(self.buku.sops, c.print_symbols, c.print_paper,
                                             c.print_max_steps, self.memo, c.print_keterangan)
        self._lapor_cache(self.memo.rusak)
        self._lapor_gagal("bagan alir tidak digambar", self.konteks.bagan)
        if self.config.diagram:
            gv = self.graphviz
            log.info(f"bagan alir: {len(self.konteks.bagan)} SOP, {gv.graphs_rendered} "
                     f"digambar Graphviz ({gv.runs} proses), {gv.cache_hits} dari cache")
        if self.config.print_symbols:
            self._lapor_gagal("formulir cetak memakai tabel biasa", self.konteks.cetak)
            log.info(f"formulir cetak ({self.config.print_paper}): {len(self.konteks.cetak)} SOP, "
                     "ditulis langsung sebagai SVG")

    def _lapor_cache(self, rusak_lain: list[str]) -> None:
        """An unusable cache_dir: one warning; damaged entries (each redrawn): one info line."""
        gvs = (self.graphviz, self.graphviz_peta)
        for pesan in dict.fromkeys(g.cache_mati for g in gvs if g.cache_mati):
            log.warning(pesan)
        rusak = [r for g in gvs for r in g.cache_rusak] + rusak_lain
        if rusak:
            log.info(f"cache: {len(rusak)} entri rusak diabaikan dan digambar ulang "
                     f"(misalnya {rusak[0]})")

    def _lapor_gagal(self, gagal: str, hasil: dict[str, Any]) -> None:
        """A warning per drawing that failed, naming the SOP's file."""
        assert self.konteks is not None
        for sop_id, h in sorted(hasil.items()):
            if h.galat:
                log.warning(f"{self.konteks.semua[sop_id].berkas}: {gagal}: {h.galat}")

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.buku is None or self.konteks is None:
            return files
        konteks = self.konteks
        self.kelompok = kelompokkan(konteks.semua.values())
        per_unit = {k.unit: k for k in self.kelompok}
        docs = Path(config.docs_dir).resolve()
        # The plan on_pre_build checked (rencana.halaman_buatan), registered as it is.
        for b in rencana.halaman_buatan(self.buku.sops, konteks.indeks, self.alamat,
                                        self.opsi_situs, ada_peta=bool(konteks.peta),
                                        aset=[p.name for p in sorted(ASET.iterdir())]):
            if files.get_file_from_path(b.src) is not None:  # a gap in the checked plan
                raise PluginError(f"galat internal sop-handbook: halaman '{b.src}' dibuat dua "
                                  "kali; laporkan ke pengelola.")
            if b.jenis == "aset":
                files.append(File.generated(config, b.src,
                                            content=(ASET / str(b.kunci[0])).read_bytes()))
            elif b.jenis == "lama":  # an old address (id_lama) that opens the moved SOP
                sop = konteks.semua[str(b.kunci[1])]
                files.append(File.generated(config, b.src, content=halaman_pindah(
                    self.alamat, sop, str(b.kunci[0]))))
            elif b.jenis == "sop":
                sop = konteks.semua[str(b.kunci[0])]
                # Backed by its YAML file, so `mkdocs serve --dirty` rebuilds only the pages
                # whose file changed; the text itself comes from on_page_markdown.
                f = File.generated(config, b.src, inclusion=InclusionLevel.NOT_IN_NAV,
                                   abs_src_path=str(self.proyek / sop.berkas))
                # "Edit" opens the YAML file: edit_uri is relative to the docs folder's edit URL.
                f.edit_uri = os.path.relpath(self.proyek / sop.berkas, docs).replace(os.sep, "/")
                files.append(f)
                self.halaman[b.src] = lambda s=sop: self.penyaji.sop(s, konteks)
                self.berkas_cetak[b.src] = sop.id
            else:
                files.append(File.generated(config, b.src, inclusion=InclusionLevel.NOT_IN_NAV,
                                            content=""))
                self.halaman[b.src] = self._pembuat(b, per_unit)
        return files

    def _pembuat(self, b: rencana.Buatan, per_unit: dict[str, KelompokUnit]) -> Any:
        """What renders a generated list page of the plan."""
        konteks = self.konteks
        assert konteks is not None
        if b.jenis == "daftar":
            return lambda: self.penyaji.daftar(self.kelompok)
        if b.jenis == "unit":
            unit, sub = b.kunci
            return lambda: self.penyaji.unit(per_unit[str(unit)], sub)
        jenis, slug = b.kunci
        return lambda: self.penyaji.halaman_indeks(str(jenis), konteks, slug)

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
        # Material writes the whole menu into every page: past nav_units_max units it would
        # be a large share of each page's bytes, so the menu then links the list page only.
        for k in self.kelompok if len(self.kelompok) <= self.config.nav_units_max else ():
            utama = halaman(self.alamat.sumber_unit(k.unit), k.unit)
            if k.sub_unit:
                subs = [halaman(self.alamat.sumber_unit(k.unit, s), s) for s in k.sub_unit]
                utama.title = escape(f"Semua SOP {k.unit}")  # type: ignore[misc]
                anak.append(Section(escape(k.unit), [utama, *subs]))
            else:
                anak.append(utama)
        bagian = Section(escape(self.config.nav_title), anak)
        indeks = [halaman(self.alamat.sumber_indeks(j), judul)
                  for j, judul in HALAMAN_INDEKS.items()
                  if files.get_file_from_path(self.alamat.sumber_indeks(j)) is not None]
        bagian_indeks = Section("Indeks", indeks)
        if config.nav is not None:  # the site's own nav: ours go after it
            nav.items += [bagian, bagian_indeks]
            _tautkan(nav, bagian, bagian_indeks)
            return nav
        # Readers first: the home page, the SOPs, the indexes; then the site's other pages
        # (writing, printing, publishing) in a section of their own.
        beranda = [i for i in nav.items if isinstance(i, Page) and i.is_homepage]
        lain = [i for i in nav.items if i not in beranda]
        panduan = [Section("Panduan penulis dan pengelola", lain)] if lain else []
        nav.items[:] = [*beranda, bagian, bagian_indeks, *panduan]
        _tautkan(nav, bagian, bagian_indeks, *panduan)
        return nav

    def on_page_read_source(self, page: Page, **kwargs: Any) -> str | None:
        # Our pages are rendered from the model; never read their YAML as Markdown.
        return "" if self.config.enabled and page.file.src_uri in self.halaman else None

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
            if self.config.enabled and MARKA_BERANDA in html:  # the home page's readers' block
                return html.replace(MARKA_BERANDA, self.penyaji.beranda(self.kelompok, page.url))
            return html
        page.toc = get_toc([  # type: ignore[arg-type]
            {"level": j.tingkat, "id": j.id, "name": j.teks, "html": j.teks, "data-toc-label": "",
             "children": []}
            for j in h.daftar_isi
        ])
        page.present_anchor_ids = _ids(h.utuh())
        if h.sisipan:
            self.sisipan[page.file.src_uri] = h
        src = page.file.src_uri
        if src.startswith(f"{self.alamat.prefix_sop}/") and src != self.alamat.sumber_daftar():
            return h.html
        return pencarian.bobot_rendah(h.html)  # lists rank after the SOPs they list

    def on_post_page(self, output: str, page: Page, *, config: MkDocsConfig,
                     **kwargs: Any) -> str | None:
        sop_id = self.berkas_cetak.get(page.file.src_uri) if self.config.enabled else None
        if sop_id is not None and self.konteks is not None:
            # The SOP's print file goes beside its page, built with it (also by serve --dirty).
            tujuan = Path(config.site_dir) / self.alamat.cetak(sop_id)
            tujuan.parent.mkdir(parents=True, exist_ok=True)
            tujuan.write_text(self.penyaji.cetak(self.konteks.semua[sop_id], self.konteks),
                              encoding="utf-8")
        h: Halaman | None = self.sisipan.pop(page.file.src_uri, None)
        if h is not None:
            output = h.utuh(output)
        return rapatkan(output) if page.file.src_uri in self.halaman else output

    def on_post_template(self, output_content: str, template_name: str,
                         config: MkDocsConfig) -> str | None:
        if template_name == "404.html" and self.config.enabled and self.config.search:
            return pencarian.tanpa_indeks(output_content)
        return output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        # One line for the IT person: the state of the handbook at a glance.
        if self.config.enabled and self.buku is not None:
            gv = self.graphviz if self.config.diagram else None
            log.info(ringkasan_build(self.buku, self.konteks, gv))
        if self.config.enabled and self.config.search:
            try:
                ix = pencarian.bangun_indeks(Path(config.site_dir))
            except pencarian.PagefindGagal as e:
                raise PluginError(f"{e}. Pasang ulang proyek (`pip install .`, yang memasang "
                                  "pagefind[bin]) atau matikan 'search: false'.") from None
            log.info(f"indeks pencarian (Pagefind): {ix.halaman} halaman, {ix.berkas} berkas, "
                     f"{ix.byte / 1e6:.1f} MB, {ix.detik:.1f} s")

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled and self.folder_sop.is_dir():
            server.watch(str(self.folder_sop))
        return server


def ringkasan_build(buku: load.BukuPedoman, konteks: KonteksBuku | None,
                    gv: Graphviz | None) -> str:
    bagan = konteks.bagan if konteks else {}
    belum = len(konteks.tautan.belum) if konteks else 0
    gagal = sum(1 for b in bagan.values() if b.galat)
    teks_bagan = (f"bagan alir {len(bagan)} ({gv.graphs_rendered} digambar, {gv.cache_hits} "
                  f"dari cache, {gagal} gagal)" if gv else "bagan alir dimatikan")
    return (f"Ringkasan: {len(buku.sops)} SOP; {teks_bagan}; "
            f"{belum} keterkaitan belum terhubung; "
            f"{len(buku.laporan.daftar_peringatan)} peringatan")


def _ids(html: str) -> set[str]:
    import re

    return set(re.findall(r'\sid="([^"]+)"', html))


CATATAN_MATERIAL = (
    "catatan: tema Material for MkDocs berhenti didukung pada 5 Mei 2027 (perbaikan penting "
    "berlanjut sampai saat itu). Rencana buku pedoman ini ada di README, bagian 'Material for "
    "MkDocs end of life'; situs tetap dibangun seperti biasa. Catatan ini hanya muncul sekali.")


def _catatan_material(cache: Path) -> None:
    """Say Material's end of life once per project (a marker in cache_dir), in our words and
    with our plan, instead of Material's banner on every command (setup.sh turns that off)."""
    tanda = cache / "catatan-material-eol"
    if tanda.is_file():
        return
    log.info(CATATAN_MATERIAL)
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tanda.write_text("2027-05-05\n", encoding="utf-8")
    except OSError:
        pass  # an unusable cache_dir is reported with the charts; the note just comes again


def _tautkan(nav: Navigation, *bagian: Section) -> None:
    """Parent and previous/next links for the pages we added, as MkDocs does for its own."""

    def jalan(item: Any, induk: Any) -> None:
        item.parent = induk
        for a in getattr(item, "children", None) or []:
            jalan(a, item)

    for b in bagian:
        jalan(b, None)
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
