"""QR code of a printed SOP: its page address with the revision printed (`?rev=YYYY-MM-DD`).

A paper copy outlives its revision. The code on the identity sheet and under each procedure
sheet opens the SOP's page, which says whether that revision is still the current one
(assets/versi.js). Drawn at build time with segno (pure Python, no outside request) as one
inline <svg> path; memoised by its text, since drawing costs a few milliseconds per SOP.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass
from urllib.parse import urljoin

import segno

from .gambar import Memo

BATAS_TEKS = 1000  # characters; a longer address (an odd site_url) gets no code


@dataclass(frozen=True)
class KodeQr:
    """What the print template shows: the drawing, the address it holds and the revision."""

    svg: str
    url: str
    tanggal: dt.date


def alamat_periksa(site_url: str, url_halaman: str, revisi: dt.date) -> str:
    """The address a printed copy checks: the SOP page under `site_url`, with its revision."""
    dasar = site_url if site_url.endswith("/") else site_url + "/"
    return f"{urljoin(dasar, url_halaman.lstrip('/'))}?rev={revisi.isoformat()}"


def _svg_sah(nilai: object) -> bool:
    return (isinstance(nilai, str) and nilai.startswith("<svg ") and nilai.endswith("</svg>")
            and "<script" not in nilai)


def svg_qr(teks: str, memo: Memo | None = None) -> str | None:
    """The QR code of `teks` as an inline SVG (class "sop-qr", labelled with its text), or None
    when the text is too long for a code a phone can read from paper."""
    if len(teks) > BATAS_TEKS:
        return None
    memo = memo or Memo(None)
    k = hashlib.sha256(f"qr\0{segno.__version__}\0{teks}".encode()).hexdigest()
    simpan = memo.ambil(k, _svg_sah)
    if simpan is None:
        # Error level M: a folded or stained paper still scans; border of 4 modules (the
        # standard quiet zone) so that the table lines around it do not confuse a reader.
        kode = segno.make(teks, error="m", micro=False, boost_error=False)
        simpan = kode.svg_inline(scale=1, border=4, omitsize=True, svgclass="sop-qr",
                                 lineclass=None, dark="#000", light="#fff")
        memo.simpan(k, simpan)
    label = html.escape(f"Kode QR: {teks}", quote=True)
    return simpan.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def kode_qr(site_url: str | None, url_halaman: str, revisi: dt.date,
            memo: Memo | None = None) -> KodeQr | None:
    """The printed form's QR code, or None without `site_url` (the build says why, once)."""
    if not site_url:
        return None
    url = alamat_periksa(site_url, url_halaman, revisi)
    svg = svg_qr(url, memo)
    return KodeQr(svg, url, revisi) if svg else None
