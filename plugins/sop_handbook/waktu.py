"""`waktu` (Mutu Baku time): read durations as officials write them and add them up.

Text is always kept as written; a parse only adds a value. Totals keep calendar units apart
from clock units, because "2 hari" of office work is not 48 jam.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .model import Langkah, Waktu

# Spellings (lower case, dots removed) of each unit. Plurals and English are not used on the form.
SINONIM_SATUAN: dict[str, str] = {
    "detik": "detik",
    "dtk": "detik",
    "det": "detik",
    "menit": "menit",
    "mnt": "menit",
    "jam": "jam",
    "hari kerja": "hari kerja",
    "hr kerja": "hari kerja",
    "hk": "hari kerja",
    "hari": "hari",
    "hr": "hari",
    "minggu": "minggu",
    "mgg": "minggu",
    "pekan": "minggu",
    "bulan": "bulan",
    "bln": "bulan",
    "tahun": "tahun",
    "thn": "tahun",
}

_ANGKA = r"\d+(?:[.,]\d+)?"
_POLA = re.compile(
    rf"^(?:±|\+/-|kurang lebih|maks(?:imal)?\.?|paling lama)?\s*(?P<a>{_ANGKA})"
    rf"(?:\s*(?:-|–|—|s\.?\s?d\.?|sampai|hingga)\s*(?P<b>{_ANGKA}))?"
    r"\s*(?P<sisa>.*)$",
    re.IGNORECASE,
)
# "2 ( dua ) hari": the number again in words, as letters are often written.
_KATA_ANGKA = re.compile(r"^\(\s*[a-z ]+\s*\)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class MasalahWaktu:
    pesan: str
    saran: str | None = None


def _angka(t: str) -> float:
    return float(t.replace(",", "."))


def baca(teks: str) -> tuple[Waktu, MasalahWaktu | None]:
    """Parse one `waktu`. Text that does not start with a number is free text, not a problem."""
    teks = " ".join(str(teks).split())
    m = _POLA.match(teks)
    if not m:
        return Waktu(teks), None
    a = _angka(m["a"])
    b = _angka(m["b"]) if m["b"] else a
    sisa = _KATA_ANGKA.sub("", m["sisa"]).strip()
    if not sisa:
        return Waktu(teks), MasalahWaktu(
            f"waktu '{teks}' tidak bersatuan", "tulis satuannya, mis. '15 menit' atau '2 hari'"
        )
    kata = sisa.lower().replace(".", "").split()
    # Longest known unit at the start: "hari kerja" before "hari".
    for n in (2, 1):
        calon = " ".join(kata[:n])
        if len(kata) >= n and calon in SINONIM_SATUAN:
            satuan = SINONIM_SATUAN[calon]
            if b < a:
                return Waktu(teks), MasalahWaktu(
                    f"rentang waktu '{teks}' terbalik", f"tulis yang kecil dulu: '{b:g} - {a:g}'"
                )
            return Waktu(teks, a, b, satuan), None
    kata_satuan = kata[0]
    mirip = difflib.get_close_matches(kata_satuan, list(SINONIM_SATUAN), n=1, cutoff=0.6)
    if mirip:
        saran = f"maksud Anda '{SINONIM_SATUAN[mirip[0]]}'?"
    else:
        saran = "satuan yang dikenal: " + ", ".join(dict.fromkeys(SINONIM_SATUAN.values()))
    return Waktu(teks), MasalahWaktu(f"satuan waktu '{kata_satuan}' tidak dikenal", saran)


# Exact conversions only: clock units to seconds, weeks to days. Months, years and working
# days are kept as their own units.
_DETIK = {"detik": 1, "menit": 60, "jam": 3600}
_URUT_KALENDER = ("tahun", "bulan", "minggu", "hari kerja", "hari")


@dataclass(frozen=True)
class TotalWaktu:
    """Sum of the steps' durations; `minimum != maksimum` where a step had a range."""

    minimum: dict[str, float]
    maksimum: dict[str, float]
    tidak_dihitung: tuple[tuple[int, str], ...]  # (step number, text) of free-text waktu
    tanpa_waktu: tuple[int, ...]  # steps with no waktu at all

    @property
    def rentang(self) -> bool:
        return self.minimum != self.maksimum

    @property
    def kosong(self) -> bool:
        return not self.maksimum


def jumlahkan(kegiatan: tuple[Langkah, ...] | list[Langkah]) -> TotalWaktu:
    mn: dict[str, float] = {}
    mx: dict[str, float] = {}
    tidak: list[tuple[int, str]] = []
    tanpa: list[int] = []
    for langkah in kegiatan:
        w = langkah.waktu
        if w is None:
            tanpa.append(langkah.nomor)
            continue
        if not w.terukur or w.minimum is None or w.maksimum is None or w.satuan is None:
            tidak.append((langkah.nomor, w.teks))
            continue
        kunci = "detik" if w.satuan in _DETIK else w.satuan
        faktor = _DETIK.get(w.satuan, 1)
        if w.satuan == "minggu":
            kunci, faktor = "hari", 7
        mn[kunci] = mn.get(kunci, 0) + w.minimum * faktor
        mx[kunci] = mx.get(kunci, 0) + w.maksimum * faktor
    return TotalWaktu(mn, mx, tuple(tidak), tuple(tanpa))


def _bilangan(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def format_jumlah(bagian: dict[str, float]) -> str:
    """`{"hari": 122, "detik": 10920}` → "122 hari 3 jam 2 menit"."""
    hasil = [f"{_bilangan(bagian[s])} {s}" for s in _URUT_KALENDER if bagian.get(s)]
    detik = round(bagian.get("detik", 0))
    if detik:
        jam, sisa = divmod(detik, 3600)
        menit, dtk = divmod(sisa, 60)
        hasil += [f"{v} {s}" for v, s in ((jam, "jam"), (menit, "menit"), (dtk, "detik")) if v]
    return " ".join(hasil) or "0"


def format_total(total: TotalWaktu) -> str:
    if total.kosong:
        return "-"
    if total.rentang:
        return f"{format_jumlah(total.minimum)} s.d. {format_jumlah(total.maksimum)}"
    return format_jumlah(total.maksimum)
