"""HTML for SOP pages and index pages, from Jinja templates with autoescaping.

Templates are looked up first in the site's override folder (`<theme.custom_dir>/sop_handbook/`)
and then in the package, so an office can restyle a page without forking the plugin: the package's
pages are in `templates/_base/` with named blocks, each `templates/<page>.html` only extends its
base, so an override extends `_base/<page>.html` and replaces one block. Every
string from YAML goes through Jinja's autoescape: nothing from a SOP file is ever raw HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import waktu as W
from .gambar import BERKAS_CETAK, ID_PREFIX, BaganSop, FormulirSop, Memo, Peta
from .indexes import Indeks, buat_slug, urutan_alami, urutan_sop
from .links import PetaTautan
from .load import kunci_nama
from .model import JUDUL_KOLOM, Langkah, Sop
from .pdf import nama_berkas
from .pencarian import BOBOT_ALIAS, data_sop
from .qr import kode_qr
from .riwayat import RiwayatSop
from .schema import BULAN

NAMA_BULAN = tuple(b.capitalize() for b in BULAN)



def teks_css(teks: str) -> str:
    """`teks` as a CSS string literal (for `content:` labels set in a style attribute): quotes,
    backslashes and control characters escaped by code point, so no text can end the string."""
    def kode(m: re.Match[str]) -> str:
        return f"\\{ord(m.group()):x} "

    return '"' + re.sub(r'["\\\x00-\x1f\x7f<>&]', kode, teks) + '"'


def tanggal(d: dt.date | None) -> str:
    """Dates as the form prints them: "1 Mei 2021"; "-" where there is none."""
    if d is None:
        return "-"
    return f"{d.day} {NAMA_BULAN[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class Alamat:
    """Where pages live. Pure string work so the core knows URLs without knowing MkDocs."""

    prefix_sop: str = "sop"
    prefix_unit: str = "unit"
    direktori: bool = True  # MkDocs' use_directory_urls
    # Folder of each (unit, None) and (unit, sub_unit) page, from indexes.slug_unit(sops): set
    # once the handbook is loaded (see tetapkan_unit); names not in it get their plain slug.
    folder_unit: dict[tuple[str, str | None], str] = field(default_factory=dict, compare=False)

    def tetapkan_unit(self, folder: dict[tuple[str, str | None], str]) -> None:
        """This build's unit folders (in place: renderers holding this Alamat see them)."""
        self.folder_unit.clear()
        self.folder_unit.update(folder)

    def slug_unit(self, unit: str, sub_unit: str | None = None) -> str:
        """The folder name of a unit's (or sub-unit's) page, also its relation map's."""
        return self.folder_unit.get((unit, sub_unit)) or buat_slug(sub_unit or unit)

    def _url(self, dasar: str) -> str:
        return f"{dasar}/" if self.direktori else f"{dasar}/index.html"

    def sumber_sop(self, sop_id: str) -> str:
        return f"{self.prefix_sop}/{sop_id}/index.md"

    def sop(self, sop_id: str) -> str:
        return self._url(f"{self.prefix_sop}/{sop_id}")

    def sumber_daftar(self) -> str:
        return f"{self.prefix_sop}/index.md"

    def daftar(self) -> str:
        return self._url(self.prefix_sop)

    def sumber_unit(self, unit: str, sub_unit: str | None = None) -> str:
        bagian = [self.prefix_unit, self.slug_unit(unit)]
        if sub_unit:
            bagian.append(self.slug_unit(unit, sub_unit))
        return "/".join(bagian) + "/index.md"

    def unit(self, unit: str, sub_unit: str | None = None) -> str:
        return self._url(self.sumber_unit(unit, sub_unit).removesuffix("/index.md"))

    # Index pages: /<jenis>/ lists, /<jenis>/<slug>/ one item (jenis: see HALAMAN_INDEKS).
    def sumber_indeks(self, jenis: str, slug: str | None = None) -> str:
        return "/".join([jenis, *([slug] if slug else []), "index.md"])

    def indeks(self, jenis: str, slug: str | None = None) -> str:
        return self._url("/".join([jenis, *([slug] if slug else [])]))

    def cetak(self, sop_id: str) -> str:
        """A SOP's print file (the official form), beside its page whatever the URL style."""
        return f"{self.prefix_sop}/{sop_id}/{BERKAS_CETAK}"

    def sumber_lama(self, id_lama: str) -> str:
        """Where an old address's redirect page is written (a static HTML file)."""
        return f"{self.prefix_sop}/{id_lama}/index.html"


# The index pages, by folder name: (title, what the list page says).
HALAMAN_INDEKS = {
    "dasar-hukum": "Per dasar hukum",
    "jabatan": "Tugas per jabatan",
    "kata-kunci": "Kata kunci",
    "peta": "Peta keterkaitan",
    "tinjauan": "Perlu ditinjau",
    "keterkaitan": "Keterkaitan belum terhubung",
}


def ejaan_dasar_hukum(teks: str) -> str:
    """The spelling indexes.py files a dasar hukum under (spaces collapsed, end '.,;' cut)."""
    return " ".join(teks.split()).rstrip(" .,;")


@dataclass
class KonteksBuku:
    """Everything about the handbook a page may link to, computed once per build."""

    semua: dict[str, Sop]
    tautan: PetaTautan
    indeks: Indeks
    hari_ini: dt.date
    masa_tinjau_bulan: int = 24
    bagan: dict[str, BaganSop] = field(default_factory=dict)
    peta: dict[str, tuple[Peta, BaganSop]] = field(default_factory=dict)  # "" = overview
    cetak: dict[str, FormulirSop] = field(default_factory=dict)  # print form per SOP id
    riwayat: dict[str, RiwayatSop] = field(default_factory=dict)  # git history per SOP id

    def __post_init__(self) -> None:
        self.slug_dasar = {e: g.slug for g in self.indeks.dasar_hukum for e in g.ejaan}
        self.slug_jabatan = {kunci_nama(e): j.slug for j in self.indeks.jabatan for e in j.ejaan}
        self.slug_tag = {e.casefold(): k.slug for k in self.indeks.kata_kunci for e in k.ejaan}

    def sops(self, ids: Iterable[str]) -> list[Sop]:
        return [self.semua[i] for i in ids if i in self.semua]


def sidik_langkah(sop: Sop) -> str:
    """Fingerprint of what a checklist tick refers to: every step's order, text, actors, waktu,
    output, flow and kelengkapan. Lane names and notes may change without dropping ticks."""
    data = [[lk.nomor, lk.aktivitas, list(lk.pelaksana), lk.waktu.teks if lk.waktu else None,
             list(lk.output), [lk.keputusan.ya, lk.keputusan.tidak] if lk.keputusan else None,
             lk.lanjut, list(lk.kelengkapan)]
            # v1.1 hand-offs are added only where written, so older SOPs keep their ticks.
            + ([lk.diserahkan_ke] if lk.diserahkan_ke else []) for lk in sop.kegiatan]
    teks = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()[:16]


MARKA_BERANDA = "<!-- sop-handbook: beranda -->"  # where the home page gets Penyaji.beranda


def kelengkapan_unik(sop: Sop) -> list[tuple[str, list[int]]]:
    """Each kelengkapan once (spacing and case ignored, first spelling kept), with the steps
    that need it: the checklist's "yang disiapkan" list. Linear, here rather than in Jinja."""
    hasil: dict[str, tuple[str, list[int]]] = {}
    for lk in sop.kegiatan:
        for teks in lk.kelengkapan:
            _, nomor = hasil.setdefault(" ".join(teks.split()).lower(), (teks, []))
            if lk.nomor not in nomor[-1:]:
                nomor.append(lk.nomor)
    return list(hasil.values())


def relatif(dari: str, ke: str) -> str:
    """Link from the page at URL `dari` to URL `ke` (both relative to the site root).

    Pure string work: posixpath.relpath asks the OS for the working folder on every call,
    and a big handbook makes hundreds of thousands of these links."""
    basis = dari if dari.endswith("/") else posixpath.dirname(dari)
    b = [x for x in basis.split("/") if x and x != "."]
    k = [x for x in (ke or ".").split("/") if x and x != "."]
    sama = 0
    while sama < min(len(b), len(k)) and b[sama] == k[sama]:
        sama += 1
    hasil = "/".join([".."] * (len(b) - sama) + k[sama:]) or "."
    if ke.endswith("/") and not hasil.endswith("/"):
        hasil += "/"
    return hasil


@dataclass(frozen=True)
class Judul:
    """A heading of a generated page, for the page's table of contents."""

    tingkat: int
    id: str
    teks: str


@dataclass
class Halaman:
    html: str
    judul: str
    daftar_isi: list[Judul] = field(default_factory=list)
    tanggal: dt.date | None = None  # when its content last changed (not when it was built)
    # Large SVGs, kept out of `html` (which holds `<!--sop-sisip:N-->` in their place) so that
    # search indexing does not parse them; the adapter puts them into the finished page.
    sisipan: list[str] = field(default_factory=list)

    def utuh(self, html: str | None = None) -> str:
        """`html` (default: this page's) with the SVGs back in place."""
        return POLA_SISIP.sub(lambda m: self.sisipan[int(m[1])], self.html if html is None
                              else html)


POLA_SISIP = re.compile(r"<!--sop-sisip:(\d+)-->")
_UTUH = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)
_LEKUK = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def rapatkan(html: str) -> str:
    """A page without the templates' indentation and blank lines (about 6 KB of every SOP
    page): each run of line breaks and indentation becomes one line break, which HTML renders
    the same. Text inside <pre>, <textarea>, <script> and <style> is left exactly as it is."""
    bagian = _UTUH.split(html)
    # split() with two groups yields [text, block, tag name, text, block, tag name, ...]
    return "".join(_LEKUK.sub("\n", b) if i % 3 == 0 else b
                   for i, b in enumerate(bagian) if i % 3 != 2)


@dataclass
class KelompokUnit:
    """The SOPs of one unit, with its sub-units, for the navigation and index pages."""

    unit: str
    sops: list[Sop]
    sub_unit: dict[str, list[Sop]]

    @property
    def tanpa_sub(self) -> list[Sop]:
        return [s for s in self.sops if not s.sub_unit]


def kelompokkan(sops: Iterable[Sop]) -> list[KelompokUnit]:
    """Units in name order, their SOPs by nomor: the stable order every index uses."""
    per_unit: dict[str, list[Sop]] = {}
    for s in sops:
        per_unit.setdefault(s.unit, []).append(s)
    hasil = []
    for unit in sorted(per_unit, key=str.casefold):
        daftar = sorted(per_unit[unit], key=lambda s: (urutan_alami(s.nomor), s.nama))
        sub: dict[str, list[Sop]] = {}
        for s in daftar:
            if s.sub_unit:
                sub.setdefault(s.sub_unit, []).append(s)
        hasil.append(KelompokUnit(unit, daftar, dict(sorted(sub.items()))))
    return hasil


class Penyaji:
    """Renders pages. One per build; holds the Jinja environment."""

    def __init__(self, alamat: Alamat, folder_ganti: Path | None = None, *,
                 logo: str | None = None, pdf: bool = False,
                 aset: str = "assets/sop-handbook", site_url: str | None = None,
                 memo: Memo | None = None, keterangan: bool = True,
                 ulang_pengesahan: bool = False) -> None:
        self.logo = logo.strip("/") if logo else None  # docs_dir path = its site URL
        self.site_url = site_url  # None: no QR code on the printed form
        self.memo = memo
        self.keterangan = keterangan  # handbook defaults; a SOP's `formulir:` wins
        self.ulang_pengesahan = ulang_pengesahan
        self.pdf = pdf
        self.aset = aset.strip("/") + "/"  # the plugin's CSS/JS on the site
        pemuat: list[jinja2.BaseLoader] = []
        if folder_ganti and folder_ganti.is_dir():
            pemuat.append(jinja2.FileSystemLoader(str(folder_ganti)))
        pemuat.append(jinja2.PackageLoader("sop_handbook", "templates"))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(pemuat),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["tanggal"] = tanggal
        self.env.filters["teks_css"] = teks_css
        self.env.filters["slug"] = buat_slug
        self.env.filters["slug_unit"] = alamat.slug_unit
        self.env.filters["sidik_langkah"] = sidik_langkah
        self.env.filters["kelengkapan_unik"] = kelengkapan_unik
        self.env.globals.update(data_cari=data_sop, bobot_cari=BOBOT_ALIAS)  # _cari.html
        self.alamat = alamat

    def _render(self, nama: str, **konteks: object) -> tuple[str, list[str]]:
        sisipan: list[str] = []

        def sisip(svg: str) -> Markup:
            sisipan.append(svg)
            return Markup(f"<!--sop-sisip:{len(sisipan) - 1}-->")

        return self.env.get_template(nama).render(sisip=sisip, **konteks), sisipan

    def sop(self, sop: Sop, buku: KonteksBuku) -> Halaman:
        url = self.alamat.sop(sop.id)
        semua = buku.semua
        bagan = buku.bagan.get(sop.id)
        total = W.jumlahkan(sop.kegiatan)
        kolom = {k: sop.kolom.get(k, v) for k, v in JUDUL_KOLOM.items()}
        lanes = {p.id: p.nama for p in sop.pelaksana}

        def ke_sop(sop_id: str) -> str:
            return relatif(url, self.alamat.sop(sop_id))

        def ke(jenis: str, slug: str | None = None) -> str:
            return relatif(url, self.alamat.indeks(jenis, slug))

        dirujuk = sorted(buku.sops(buku.tautan.masuk.get(sop.id, [])), key=urutan_sop)
        judul = [
            Judul(2, "identitas", "Identitas SOP"),
            Judul(2, "dasar-hukum", "Dasar Hukum"),
            Judul(2, "kualifikasi-pelaksana", "Kualifikasi Pelaksana"),
            Judul(2, "keterkaitan", "Keterkaitan"),
            Judul(2, "peralatan", "Peralatan / Perlengkapan"),
            Judul(2, "peringatan", "Peringatan"),
            Judul(2, "pencatatan", "Pencatatan dan Pendataan"),
            Judul(2, "pelaksana", "Pelaksana"),
            Judul(2, "prosedur", "Prosedur"),
            Judul(2, "daftar-periksa", "Daftar periksa"),
        ]
        judul.append(Judul(2, "dirujuk-oleh", "Dirujuk oleh"))
        if sop.riwayat_revisi:
            judul.append(Judul(2, "riwayat-revisi", "Riwayat Revisi"))
        riwayat = buku.riwayat.get(sop.id)
        if riwayat is not None:
            judul.append(Judul(2, "riwayat-perubahan", "Riwayat perubahan"))
        if sop.catatan:
            judul.append(Judul(2, "catatan", "Catatan"))
        html, sisipan = self._render(
            "sop.html",
            sop=sop,
            semua=semua,
            kolom=kolom,
            lanes=lanes,
            total=total,
            total_teks=W.format_total(total),
            bagan=bagan,
            id_bagan=ID_PREFIX,
            ke_sop=ke_sop,
            ke=ke,
            tautan=buku.tautan.keluar.get(sop.id, []),
            dirujuk=dirujuk,
            slug_dasar={t: buku.slug_dasar.get(ejaan_dasar_hukum(t)) for t in sop.dasar_hukum},
            slug_jabatan={p.id: buku.slug_jabatan.get(kunci_nama(p.nama)) for p in sop.pelaksana},
            slug_tag={t: buku.slug_tag.get(t.casefold()) for t in sop.kata_kunci},
            ke_daftar=relatif(url, self.alamat.daftar()),
            ke_unit=relatif(url, self.alamat.unit(sop.unit)),
            ke_sub_unit=relatif(url, self.alamat.unit(sop.unit, sop.sub_unit))
            if sop.sub_unit else None,
            alur=alur,
            cetak=buku.cetak.get(sop.id),
            berkas_cetak=relatif(url, self.alamat.cetak(sop.id)),
            unduh_pdf=nama_berkas(sop.id) if self.pdf else None,
            riwayat=riwayat,
            logo_unit=relatif(url, sop.logo.strip("/")) if sop.logo else None,
        )
        return Halaman(html, sop.nama, judul, sop.tanggal_terakhir, sisipan)

    def cetak(self, sop: Sop, buku: KonteksBuku) -> str:
        """A SOP's print file: a standalone page with only the official form (cetak.html)."""
        url = self.alamat.cetak(sop.id)
        return self.env.get_template("cetak.html").render(
            sop=sop,
            semua=buku.semua,
            kolom={k: sop.kolom.get(k, v) for k, v in JUDUL_KOLOM.items()},
            lanes={p.id: p.nama for p in sop.pelaksana},
            cetak=buku.cetak.get(sop.id),
            logo_cetak=relatif(url, logo) if (logo := self._logo(sop)) else None,
            kolom_keterangan=self.keterangan if sop.cetak_keterangan is None
            else sop.cetak_keterangan,
            ulang_pengesahan=self.ulang_pengesahan if sop.cetak_ulang_pengesahan is None
            else sop.cetak_ulang_pengesahan,
            ke_aset=relatif(url, self.aset),
            ke_halaman=relatif(url, self.alamat.sop(sop.id)),
            qr=kode_qr(self.site_url, self.alamat.sop(sop.id), sop.tanggal_terakhir, self.memo),
        )

    def _logo(self, sop: Sop) -> str | None:
        """The logo a SOP's form prints: its unit's (`logo`, format v1.1), else the handbook's."""
        return sop.logo.strip("/") if sop.logo else self.logo

    def daftar(self, kelompok: list[KelompokUnit]) -> Halaman:
        url = self.alamat.daftar()
        html = self.env.get_template("daftar.html").render(
            kelompok=kelompok,
            jumlah=sum(len(k.sops) for k in kelompok),
            ke_unit=lambda u, s=None: relatif(url, self.alamat.unit(u, s)),
        )
        return Halaman(html, "Daftar SOP", tanggal=_terbaru(s for k in kelompok for s in k.sops))

    def unit(self, kelompok: KelompokUnit, sub_unit: str | None = None) -> Halaman:
        url = self.alamat.unit(kelompok.unit, sub_unit)
        sops = kelompok.sub_unit[sub_unit] if sub_unit else kelompok.sops
        judul = sub_unit or kelompok.unit
        html = self.env.get_template("unit.html").render(
            kelompok=kelompok,
            sub_unit=sub_unit,
            sops=sops,
            judul=judul,
            ke_sop=lambda sop_id: relatif(url, self.alamat.sop(sop_id)),
            ke_unit=lambda u, s=None: relatif(url, self.alamat.unit(u, s)),
        )
        return Halaman(html, judul, tanggal=_terbaru(sops))


    def beranda(self, kelompok: list[KelompokUnit], url: str, terbaru: int = 8) -> str:
        """The readers' block of the home page (search, units with counts, latest revisions),
        put where the page has MARKA_BERANDA; `url` is the home page's URL."""
        sops = [s for k in kelompok for s in k.sops]
        urut = sorted(sops, key=lambda s: (-s.tanggal_terakhir.toordinal(), s.nama.casefold()))
        return self.env.get_template("_beranda.html").render(
            kelompok=kelompok,
            jumlah=len(sops),
            terbaru=urut[:terbaru],
            ke_daftar=relatif(url, self.alamat.daftar()),
            ke_unit=lambda u, s=None: relatif(url, self.alamat.unit(u, s)),
            ke_sop=lambda sop_id: relatif(url, self.alamat.sop(sop_id)),
        )

    def halaman_indeks(self, jenis: str, buku: KonteksBuku, slug: str | None = None) -> Halaman:
        """A list page (`slug` None) or one item's page of an index: see HALAMAN_INDEKS."""
        url = self.alamat.indeks(jenis, slug)
        ix = buku.indeks
        item: object = None
        judul = HALAMAN_INDEKS[jenis]
        if slug is not None:
            daftar = {"dasar-hukum": ix.dasar_hukum, "jabatan": ix.jabatan,
                      "kata-kunci": ix.kata_kunci}.get(jenis, [])
            item = next((x for x in daftar if getattr(x, "slug", None) == slug), None)
            if jenis == "peta":
                unit = next((u for u in buku.peta if u and self.alamat.slug_unit(u) == slug), "")
                item = buku.peta.get(unit)
                judul = item[0].judul if item else judul
            else:
                judul = getattr(item, "judul", None) or getattr(item, "nama", judul)
        elif jenis == "peta":
            item = buku.peta.get("")
        html, sisipan = self._render(
            f"indeks_{jenis.replace('-', '_')}.html",
            buku=buku,
            ix=ix,
            item=item,
            judul=judul,
            slug=slug,
            ke_sop=lambda sop_id, anchor="": relatif(url, self.alamat.sop(sop_id))
            + (f"#{anchor}" if anchor else ""),
            ke=lambda j, s=None: relatif(url, self.alamat.indeks(j, s)),
            ke_unit=lambda u, s=None: relatif(url, self.alamat.unit(u, s)),
            slug_unit=slug,
            urut=lambda ids: sorted(buku.sops(ids), key=urutan_sop),
        )
        return Halaman(html, judul, sisipan=sisipan)


def _terbaru(sops: Iterable[Sop]) -> dt.date | None:
    return max((s.tanggal_terakhir for s in sops), default=None)


def alur(langkah: Langkah, jumlah: int) -> list[tuple[str, int | None]]:
    """Where the flow goes after a step, as (label, step number or None for the end),
    for the procedure table. Plain steps that simply go on to the next step say nothing."""
    if langkah.keputusan:
        k = langkah.keputusan
        return [("Ya", k.ya), ("Tidak", k.tidak)]
    if langkah.lanjut is not None:
        return [("Lanjut ke", langkah.lanjut)]
    return []
