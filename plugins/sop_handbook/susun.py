"""Assemble one build's view of the handbook: links, indexes, charts and maps, in the core.

The MkDocs hooks call `susun_konteks` once per build and hand its result to the renderer, so
everything a page shows is computed here, testable without MkDocs, and each Graphviz engine is
run once for the whole handbook.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
from collections.abc import Callable

from .gambar import Graphviz, Peta, gambar_bagan, gambar_peta, peta_ringkas, peta_unit
from .indexes import susun_indeks
from .links import TINGKAT_OPSI, hubungkan
from .load import BukuPedoman
from .model import Sop
from .render import Alamat, KonteksBuku, relatif

TINGKAT = TINGKAT_OPSI  # the plugin option's words → links.hubungkan's levels


def hari_ini() -> dt.date:
    """The build's "today": SOURCE_DATE_EPOCH when set (reproducible builds), else the clock."""
    epoch = (os.environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if epoch.isascii() and epoch.isdigit() and len(epoch) <= 12:  # 12 digits: year < 9000
        with contextlib.suppress(OverflowError, OSError, ValueError):
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def susun_konteks(
    buku: BukuPedoman,
    alamat: Alamat,
    *,
    tingkat_belum: str = "peringatan",
    tanggal: dt.date | None = None,
    masa_tinjau_bulan: int = 24,
    gv_bagan: Graphviz | None = None,
    gv_peta: Graphviz | None = None,
    maks_langkah: int | None = None,
) -> KonteksBuku:
    """Links (problems reported into `buku.laporan`), indexes, and, given Graphviz, charts
    and maps. Raises only `GraphvizMissing`."""
    sops = buku.sops
    tautan = hubungkan(sops, buku.laporan, tingkat_belum)
    hari = tanggal or hari_ini()
    konteks = KonteksBuku(
        semua=buku.per_id(),
        tautan=tautan,
        indeks=susun_indeks(sops, hari, masa_tinjau_bulan),
        hari_ini=hari,
        masa_tinjau_bulan=masa_tinjau_bulan,
    )
    gambar(konteks, sops, alamat, gv_bagan, gv_peta, maks_langkah)
    return konteks


def gambar(konteks: KonteksBuku, sops: list[Sop], alamat: Alamat, gv_bagan: Graphviz | None,
           gv_peta: Graphviz | None, maks_langkah: int | None = None) -> None:
    """Charts and maps into `konteks`: a separate step so a build with errors draws nothing."""
    if gv_bagan is not None:
        konteks.bagan = gambar_bagan([s for s in sops if s.bagan_alir], gv_bagan, maks_langkah)
    if gv_peta is not None and sops:
        konteks.peta = gambar_peta(daftar_peta(sops, konteks, alamat), gv_peta)


def daftar_peta(sops: list[Sop], konteks: KonteksBuku, alamat: Alamat) -> list[Peta]:
    """The overview map and one map per unit, with node URLs relative to their own pages."""
    dari_ringkas = alamat.indeks("peta")

    def url_unit_dari(dari: str) -> Callable[[str], str]:
        return lambda u: relatif(dari, alamat.indeks("peta", alamat.slug_unit(u)))

    hasil = [peta_ringkas(sops, konteks.tautan, url_unit_dari(dari_ringkas))]
    for unit in sorted({s.unit for s in sops}):
        dari = alamat.indeks("peta", alamat.slug_unit(unit))
        hasil.append(peta_unit(unit, sops, konteks.tautan,
                               lambda i, d=dari: relatif(d, alamat.sop(i)), url_unit_dari(dari)))
    return hasil


def halaman_pindah(alamat: Alamat, sop: Sop, id_lama: str) -> str:
    """A static page at an old address that sends the reader (and the #anchor) to the SOP."""
    ke = relatif(alamat.sop(id_lama), alamat.sop(sop.id))
    nama = html.escape(sop.nama)
    k = html.escape(ke, quote=True)
    return (
        '<!doctype html>\n<html lang="id"><head><meta charset="utf-8">\n'
        f"<title>SOP dipindahkan: {nama}</title>\n"
        f'<link rel="canonical" href="{k}">\n<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={k}">\n'
        f"<script>location.replace({json.dumps(ke)} + location.hash)</script>\n"
        f'</head><body><p>SOP ini sudah pindah ke <a href="{k}">{nama}</a>.</p></body></html>\n'
    )
