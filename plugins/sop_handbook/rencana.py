"""The site plan: every path a build writes, checked before MkDocs touches site_dir.

MkDocs empties site_dir before it writes pages, so anything found wrong after that (two pages
on one path, a path outside the site, a name too long for the disk, a missing logo) would leave
the old site lost. Everything that can fail about *where* output goes is therefore decided here,
from the handbook and the options alone, and reported as Diagnostik: by the plugin's
on_pre_build and by `sop lint`. The same checks on the plugin's numeric options serve MkDocs'
config validation and lint. Pure: paths in, diagnostics out (reading docs_dir is the caller's).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Laporan
from .indexes import Indeks
from .model import Posisi, Sop
from .opsi import NAMA_LAMA
from .render import HALAMAN_INDEKS, Alamat

MAKS_SEGMEN = 120  # characters per folder/file name of a generated path (disks allow 255 bytes)
MAKS_JALUR = 1000  # characters of a whole generated path
FOLDER_ASET = Path(__file__).parent / "assets"  # shipped CSS/JS, copied to the site as is
URL_ASET = "assets/sop-handbook"
# Integer options: (lowest, highest) accepted, and what the option means for the message.
BATAS_OPSI = {
    "review_months": (1, 1200, "bulan sebelum SOP perlu ditinjau, mis. 24"),
    "diagram_max_steps": (0, 10_000, "langkah per bagian bagan alir; 0 = tidak dipotong"),
    "print_max_steps": (0, 10_000, "langkah per halaman cetak; 0 = sebanyak yang muat"),
    "nav_units_max": (0, 100_000, "unit kerja yang didaftar di menu; lebih dari itu, menu hanya "
                      "menautkan daftar semua unit"),
    "graphviz_timeout": (1, 3600, "detik yang boleh dipakai Graphviz untuk satu gambar, mis. 60"),
}
_SEGMEN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_DICADANGKAN = {*HALAMAN_INDEKS, "assets"}  # top folders the plugin or theme writes itself


def salah_angka_opsi(nama: str, nilai: object) -> tuple[str, str] | None:
    """(what is wrong, what to write instead) for an integer option, or None when fine."""
    bawah, atas, arti = BATAS_OPSI[nama]
    if isinstance(nilai, bool) or not isinstance(nilai, int):
        return (f"'{nama}' harus bilangan bulat, bukan '{str(nilai)[:40]}'",
                f"tulis {bawah} sampai {atas} ({arti})")
    if not bawah <= nilai <= atas:
        angka = str(nilai) if len(str(nilai)) <= 12 else str(nilai)[:12] + "…"
        return f"'{nama}: {angka}' di luar batas", f"tulis {bawah} sampai {atas} ({arti})"
    return None


def salah_prefix(nama: str, nilai: object) -> tuple[str, str] | None:
    """(what is wrong, what to write instead) for `url_prefix`/`unit_prefix` (or `sop pdf
    --prefix`): a folder inside the site, e.g. 'sop' or 'layanan/sop'; never '', '..' or
    an absolute path."""
    if not isinstance(nilai, str):
        return f"'{nama}' harus teks", "tulis nama folder, mis. 'sop'"
    bersih = nilai.strip("/")
    if not bersih or not all(_SEGMEN.fullmatch(s) for s in bersih.split("/")):
        return (f"'{nama}: {nilai[:60]}' bukan folder di dalam situs",
                "tulis nama folder dari huruf, angka, '-' dan '_' (boleh bertingkat dengan "
                "'/'), mis. 'sop'; tanpa '..' atau '.' di awal")
    if bersih.split("/")[0] in _DICADANGKAN:
        return (f"'{nama}: {nilai}' memakai folder '{bersih.split('/')[0]}/' milik halaman "
                "indeks atau aset situs", "pilih nama lain, mis. 'sop' atau 'unit'")
    return None


def letak_opsi(berkas: str, teks: str, kunci: str) -> Posisi:
    """Where `kunci:` is written in mkdocs.yml (its first occurrence, or its old name's), else
    the file itself."""
    m = re.search(rf"^([ \t-]*){re.escape(kunci)}[ \t]*:", teks, re.M)
    for lama in (k for k, baru in NAMA_LAMA.items() if baru == kunci and m is None):
        m = re.search(rf"^([ \t-]*){re.escape(lama)}[ \t]*:", teks, re.M)
    if m is None:
        return Posisi(berkas)
    return Posisi(berkas, teks.count("\n", 0, m.start()) + 1, len(m[1]) + 1)


@dataclass(frozen=True)
class OpsiSitus:
    """What the plan needs from mkdocs.yml. `teks_config`: its text, to point at a line."""

    url_prefix: object = "sop"
    unit_prefix: object = "unit"
    logo: object = None
    docs_dir: Path | None = None  # None: unknown (lint without mkdocs.yml) — not checked
    direktori: bool = True  # use_directory_urls
    berkas_config: str = "mkdocs.yml"
    teks_config: str = ""
    angka: dict[str, object] = field(default_factory=dict)  # integer options as written

    def letak(self, kunci: str) -> Posisi:
        return letak_opsi(self.berkas_config, self.teks_config, kunci)


def periksa_opsi(opsi: OpsiSitus, laporan: Laporan) -> bool:
    """Options alone: prefixes, logo, integer ranges. False when the plan cannot be made."""
    ok = True
    for nama in ("url_prefix", "unit_prefix"):
        salah = salah_prefix(nama, getattr(opsi, nama))
        if salah:
            laporan.galat(opsi.letak(nama), "bad-prefix", *salah)
            ok = False
    if ok:
        sop, unit = (str(opsi.url_prefix).strip("/"), str(opsi.unit_prefix).strip("/"))
        if sop == unit or sop.startswith(unit + "/") or unit.startswith(sop + "/"):
            laporan.galat(opsi.letak("unit_prefix"), "bad-prefix",
                          f"url_prefix '{sop}' dan unit_prefix '{unit}' bertumpuk: halaman "
                          "SOP dan halaman unit bisa menjadi satu alamat",
                          "pakai dua folder terpisah, mis. url_prefix: sop dan unit_prefix: unit")
            ok = False
    for nama, nilai in opsi.angka.items():
        salah = salah_angka_opsi(nama, nilai)
        if salah:
            laporan.galat(opsi.letak(nama), "bad-option", *salah)
    if opsi.logo is not None and opsi.docs_dir is not None:
        _periksa_logo(opsi, laporan)
    return ok


def logo_ada(docs: Path, logo: str) -> bool:
    """Is `logo` (a path relative to docs_dir) an image file inside docs_dir?"""
    try:
        jalur = (docs / logo.strip("/")).resolve()
        return jalur.is_relative_to(docs.resolve()) and jalur.is_file()
    except (OSError, ValueError):
        return False


def periksa_logo_sop(sops: Iterable[Sop], docs: Path, laporan: Laporan) -> None:
    """Each SOP's `logo` (format v1.1, usually in a unit's _default.yml) must be a file in
    docs_dir; one message per place it is written, not per SOP that inherits it."""
    dilapor: set[str] = set()
    for s in sops:
        if s.logo is None:
            continue
        pos = s.posisi_kunci("logo")
        if str(pos) in dilapor or logo_ada(docs, s.logo):
            continue
        dilapor.add(str(pos))
        laporan.galat(pos, "bad-logo", f"logo '{s.logo[:80]}' tidak ada di {docs.name}/",
                      "simpan gambar logo di folder itu dan tulis jalurnya relatif terhadapnya, "
                      "mis. 'gambar/logo-unit.png'")


def _periksa_logo(opsi: OpsiSitus, laporan: Laporan) -> None:
    docs = opsi.docs_dir
    assert docs is not None
    if not logo_ada(docs, str(opsi.logo)):
        laporan.galat(opsi.letak("logo"), "bad-logo",
                      f"logo '{str(opsi.logo)[:80]}' tidak ada di {docs.name}/",
                      "simpan gambar logo di folder itu dan tulis jalurnya relatif terhadapnya, "
                      "mis. 'gambar/logo.png'")


@dataclass(frozen=True)
class Asal:
    """What makes a generated path: where to point the author, and in words."""

    posisi: Posisi
    uraian: str


def tujuan(src: str, direktori: bool = True) -> str:
    """The output path MkDocs writes for a docs-relative source path."""
    if not src.endswith(".md"):
        return src
    induk, nama = posixpath.split(src[:-3])
    if nama in ("index", "README"):
        return posixpath.join(induk, "index.html")
    return posixpath.join(induk, nama, "index.html") if direktori else f"{src[:-3]}.html"


@dataclass(frozen=True)
class Buatan:
    """One path the plugin adds to the site: the plan that on_files registers page by page
    and that the checks read, so the two can never disagree.

    `jenis` says which renderer makes it and `kunci` what that renderer is given:
    "sop" (sop id), "daftar" (), "unit" (unit, sub_unit or None), "indeks" (index kind,
    item slug or None), "lama" (old id, sop id: a redirect page), "aset" (file name).
    """

    src: str
    asal: Asal
    jenis: str
    kunci: tuple[str | None, ...] = ()


def halaman_buatan(sops: list[Sop], indeks: Indeks, alamat: Alamat, opsi: OpsiSitus,
                   ada_peta: bool, aset: Iterable[str] = ()) -> list[Buatan]:
    """Every source path the plugin adds, in the order on_files adds them."""
    config = Posisi(opsi.berkas_config)
    hasil = [Buatan(alamat.sumber_daftar(), Asal(opsi.letak("url_prefix"), "daftar unit kerja"),
                    "daftar")]
    unit_pertama: dict[tuple[str, str | None], Sop] = {}
    for s in sops:
        hasil.append(Buatan(alamat.sumber_sop(s.id), Asal(Posisi(s.berkas), f"halaman SOP {s.id}"),
                            "sop", (s.id,)))
        unit_pertama.setdefault((s.unit, None), s)
        if s.sub_unit:
            unit_pertama.setdefault((s.unit, s.sub_unit), s)
    for (unit, sub), s in unit_pertama.items():
        kunci, nama = ("sub_unit", sub) if sub else ("unit", unit)
        hasil.append(Buatan(alamat.sumber_unit(unit, sub),
                            Asal(s.posisi_kunci(kunci), f"halaman {kunci} '{nama[:60]}'"),
                            "unit", (unit, sub)))
        if ada_peta and not sub:
            folder = alamat.slug_unit(unit)
            hasil.append(Buatan(alamat.sumber_indeks("peta", folder),
                                Asal(s.posisi_kunci("unit"), f"peta unit '{unit[:60]}'"),
                                "indeks", ("peta", folder)))
    for jenis, slugs in (("dasar-hukum", [g.slug for g in indeks.dasar_hukum]),
                         ("jabatan", [j.slug for j in indeks.jabatan]),
                         ("kata-kunci", [k.slug for k in indeks.kata_kunci]),
                         ("peta", []), ("tinjauan", []), ("keterkaitan", [])):
        if jenis == "peta" and not ada_peta:
            continue
        hasil.append(Buatan(alamat.sumber_indeks(jenis),
                            Asal(config, f"halaman indeks {jenis}"), "indeks", (jenis, None)))
        hasil += [Buatan(alamat.sumber_indeks(jenis, s),
                         Asal(config, f"halaman indeks {jenis}/{s}"), "indeks", (jenis, s))
                  for s in slugs]
    for s in sops:
        for lama in s.id_lama:
            hasil.append(Buatan(alamat.sumber_lama(lama),
                                Asal(s.posisi_kunci("id_lama"),
                                     f"alamat lama (id_lama) '{lama[:60]}'"), "lama", (lama, s.id)))
    hasil += [Buatan(f"{URL_ASET}/{nama}", Asal(config, "aset plugin"), "aset", (nama,))
              for nama in aset]
    return hasil


def berkas_docs(docs_dir: Path) -> list[str]:
    """Source paths of docs_dir as MkDocs sees them (dot-files and dot-folders left out)."""
    hasil = []
    for p in sorted(docs_dir.rglob("*")):
        rel = p.relative_to(docs_dir).as_posix()
        if p.is_file() and not any(s.startswith(".") for s in rel.split("/")):
            hasil.append(rel)
    return hasil


def periksa_rencana(buatan: list[Buatan], docs: Iterable[str], opsi: OpsiSitus,
                    laporan: Laporan) -> None:
    """Two outputs on one path, paths that leave the site, names too long for a disk."""
    dipakai: dict[str, Asal] = {}
    for src in docs:
        dipakai.setdefault(tujuan(src, opsi.direktori), Asal(Posisi(_nama_docs(opsi, src)),
                                                               "berkas di docs_dir"))
    dari_docs = set(dipakai)
    for b in buatan:
        asal = b.asal
        dest = tujuan(b.src, opsi.direktori)
        if _periksa_jalur(dest, asal, laporan) and dest in dipakai:
            lain = dipakai[dest]
            if dest in dari_docs:
                laporan.galat(lain.posisi, "page-collision",
                              f"berkas ini dan {asal.uraian} ({asal.posisi}) sama-sama menjadi "
                              f"'{dest}' di situs",
                              "ganti nama atau pindahkan berkas ini, atau atur url_prefix/"
                              "unit_prefix di mkdocs.yml")
            else:
                laporan.galat(asal.posisi, "page-collision",
                              f"{asal.uraian} dan {lain.uraian} ({lain.posisi}) sama-sama "
                              f"menjadi '{dest}' di situs",
                              "ganti nama salah satunya, atau atur url_prefix/unit_prefix")
        dipakai.setdefault(dest, asal)


def _nama_docs(opsi: OpsiSitus, src: str) -> str:
    docs = opsi.docs_dir
    return f"{docs.name}/{src}" if docs is not None else src


def _periksa_jalur(dest: str, asal: Asal, laporan: Laporan) -> bool:
    if dest.startswith("/") or ".." in dest.split("/") or "\\" in dest:
        laporan.galat(asal.posisi, "path-escape",
                      f"{asal.uraian} akan ditulis di luar situs ('{dest[:80]}')",
                      "pakai nama tanpa '..', '/' di awal atau '\\'")
        return False
    panjang = max(dest.split("/"), key=len)
    if len(panjang) > MAKS_SEGMEN or len(dest) > MAKS_JALUR:
        laporan.galat(asal.posisi, "name-too-long",
                      f"alamat {asal.uraian} terlalu panjang untuk disk: '{panjang[:40]}…' "
                      f"({len(panjang)} karakter)",
                      f"persingkat nama itu sampai paling banyak {MAKS_SEGMEN} karakter")
        return False
    return True


def periksa_situs(sops: list[Sop], indeks: Indeks, alamat: Alamat, opsi: OpsiSitus,
                  laporan: Laporan, *, ada_peta: bool, aset: Iterable[str] = ()) -> None:
    """All of the above, into `laporan`: what on_pre_build and `sop lint` call."""
    if not periksa_opsi(opsi, laporan):
        return  # paths from a bad prefix would only repeat the same message
    if opsi.docs_dir is not None:
        periksa_logo_sop(sops, opsi.docs_dir, laporan)
    docs = berkas_docs(opsi.docs_dir) if opsi.docs_dir and opsi.docs_dir.is_dir() else []
    periksa_rencana(halaman_buatan(sops, indeks, alamat, opsi, ada_peta, aset), docs, opsi,
                    laporan)
