"""Resolve `keterkaitan` into links between SOPs, and compute the backlinks.

The form lists related SOPs as free text, so a title must be matched to a SOP. The rule is
strict on purpose: a link is only made on an exact match (of `nama` after normalising, or of
`nomor`); anything merely close stays unlinked and gets a suggestion, because a wrong link on
an official document is worse than a missing one. Pure: model in, plain data and diagnostics out.

Matching, most specific first; the first tier with a match decides:
1. exact: the text equals one SOP's `nama` (case and spacing ignored) or its `nomor`
   (normalised; an optional leading "SOP" / "Nomor" / "No." is ignored);
2. normalised: `normalkan_judul(text)` equals `normalkan_judul(nama)` (punctuation and a
   leading "SOP" ignored too).
If a tier matches more than one SOP (one's `nama` and another's `nomor`, or two titles that
differ only in punctuation) nothing is linked: the item is reported as ambiguous, since guessing
would be a silent link. `{sop: id}` links by id, or by an `id_lama` to the SOP that now has
it (load.py reports unknown ids and a SOP naming itself). `{dokumen: ...}` is never linked.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .diagnostics import Laporan
from .load import kunci_nama, normalkan_nomor
from .model import Keterkaitan, Sop

TINGKAT_OPSI = {"info": "info", "warning": "peringatan", "error": "galat"}  # config → Laporan
TINGKAT_BELUM = ("info", "peringatan", "galat")

# What a Tautan ended up as, for templates and the report page.
TERTAUT = "tertaut"  # linked (`tujuan` set)
BELUM = "belum"  # text that matches no SOP: shown as "not yet in the handbook"
GANDA = "ganda"  # text that matches several SOPs equally: not linked, reported
DIRI = "diri"  # the SOP lists itself: an error
DOKUMEN = "dokumen"  # `{dokumen: ...}`: plain text by design
HILANG = "hilang"  # `{sop: id}` to an id that does not exist (reported by load.py)

# Words that say nothing about which procedure is meant; left out of near-match scoring.
_KATA_SAMBUNG = frozenset({
    "dan", "atau", "serta", "di", "ke", "dari", "pada", "untuk", "bagi", "oleh", "dalam", "yang",
    "dengan", "tentang", "sop",
})
_MIRIP_KATA = 0.8  # two words are "the same word, mistyped" from this SequenceMatcher ratio
_CAKUPAN = 0.6  # share of the longer title's words that must be matched for a suggestion


@dataclass(frozen=True)
class Tautan:
    """One `keterkaitan` item of one SOP, resolved (`tujuan`) or not (then maybe `saran`)."""

    sumber: str  # id of the SOP that lists the item
    indeks: int  # position in `sumber`'s keterkaitan (0-based)
    butir: Keterkaitan
    tujuan: str | None = None  # id of the linked SOP
    saran: str | None = None  # id of a likely SOP, only when `tujuan` is None; never linked
    keadaan: str = BELUM  # TERTAUT, BELUM, GANDA, DIRI, DOKUMEN or HILANG
    calon: tuple[str, ...] = ()  # for GANDA: the ids that matched equally

    @property
    def judul(self) -> str:
        """The text to show for the item: `judul` if given, else what was written."""
        return self.butir.judul or self.butir.teks

    def judul_tertaut(self, nama: str, nomor: str) -> str:
        """The text to show for a linked item whose SOP is `nama` (`nomor`): `judul` if given;
        the SOP's name when the item was written as its number (the number is shown beside
        it, and a reader looks for the name); else what was written."""
        if self.butir.judul:
            return self.butir.judul
        if self.butir.jenis != "teks" or kunci_nomor(self.butir.teks) == kunci_nomor(nomor):
            return nama
        return self.butir.teks


@dataclass(frozen=True)
class KelompokBelum:
    """Unresolved items that name the same missing SOP, for the report page."""

    judul: str  # the first spelling met
    saran: str | None
    tautan: tuple[Tautan, ...]

    @property
    def sumber(self) -> tuple[str, ...]:
        return tuple(sorted({t.sumber for t in self.tautan}))


@dataclass
class PetaTautan:
    """Every keterkaitan of the handbook, resolved. Every SOP id is a key of both dicts."""

    keluar: dict[str, list[Tautan]] = field(default_factory=dict)  # keterkaitan order
    masuk: dict[str, list[str]] = field(default_factory=dict)  # target → sources, sorted by id
    belum: list[Tautan] = field(default_factory=list)  # BELUM and GANDA, by source id, index

    def kelompok_belum(self) -> list[KelompokBelum]:
        """`belum` grouped by normalised title, most wanted first, then alphabetically."""
        grup: dict[str, list[Tautan]] = {}
        for t in self.belum:
            grup.setdefault(normalkan_judul(t.butir.teks), []).append(t)
        hasil = [KelompokBelum(ts[0].butir.teks, ts[0].saran, tuple(ts)) for ts in grup.values()]
        hasil.sort(key=lambda k: (-len(k.sumber), normalkan_judul(k.judul)))
        return hasil


def normalkan_judul(teks: str) -> str:
    """Matching key of a title: casefolded, accents and punctuation removed, a leading "SOP"
    dropped, spaces collapsed. "SOP  Penetapan Indikator-Kinerja." → "penetapan indikator kinerja".
    """
    t = unicodedata.normalize("NFKD", teks)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = re.sub(r"[\W_]+", " ", t).strip()
    t = re.sub(r"^(?:sop\s+)+", "", t)
    return t


_AWALAN_NOMOR = re.compile(r"^\s*(?:sop\b[\s.:]*)?(?:(?:nomor|no)\b[\s.:]*)?", re.IGNORECASE)


def kunci_nomor(teks: str) -> str:
    """Matching key of a nomor: stray spaces around '/' removed, case ignored, and a leading
    "SOP" / "Nomor" / "No." dropped so "SOP No. 800/ 1/X" matches nomor "800/1/X"."""
    return normalkan_nomor(_AWALAN_NOMOR.sub("", teks, count=1)).casefold()


def hubungkan(sops: list[Sop], laporan: Laporan, tingkat: str = "peringatan") -> PetaTautan:
    """Resolve every SOP's keterkaitan and report problems into `laporan`.

    `tingkat` is how an unresolved title is reported (code "unresolved-link"): "info" not at
    all, "peringatan" as a warning, "galat" as an error. An ambiguous title ("ambiguous-link")
    is at least a warning even with "info", since the fix is in the file, not in the handbook;
    so is an unresolved title that nearly matches a SOP's name (a likely typo).
    A title that resolves to its own SOP is always an error ("self-link"). `{sop: id}` problems
    are left to load.py, which already reports them.
    """
    if tingkat not in TINGKAT_BELUM:
        raise ValueError(f"tingkat must be one of {TINGKAT_BELUM}, not {tingkat!r}")
    pencari = _Pencari(sops)
    peta = PetaTautan()
    masuk: dict[str, set[str]] = {s.id: set() for s in sops}
    for s in sorted(sops, key=lambda x: x.id):
        daftar: list[Tautan] = []
        for i, butir in enumerate(s.keterkaitan):
            t = _selesaikan(s, i, butir, pencari)
            daftar.append(t)
            if t.tujuan is not None:
                masuk[t.tujuan].add(s.id)
            if t.keadaan in (BELUM, GANDA):
                peta.belum.append(t)
            _laporkan(t, pencari, laporan, tingkat)
        peta.keluar[s.id] = daftar
    peta.masuk = {k: sorted(v) for k, v in sorted(masuk.items())}
    peta.keluar = dict(sorted(peta.keluar.items()))
    return peta


def _selesaikan(s: Sop, i: int, butir: Keterkaitan, pencari: _Pencari) -> Tautan:
    if butir.jenis == "dokumen":
        return Tautan(s.id, i, butir, keadaan=DOKUMEN)
    if butir.jenis == "sop":
        if butir.sop_id == s.id:
            return Tautan(s.id, i, butir, keadaan=DIRI)
        if butir.sop_id in pencari.per_id:
            return Tautan(s.id, i, butir, tujuan=butir.sop_id, keadaan=TERTAUT)
        if butir.sop_id in pencari.alias:  # a moved SOP keeps its incoming links
            if pencari.alias[butir.sop_id] == s.id:  # its own old id (reported by load.py)
                return Tautan(s.id, i, butir, keadaan=DIRI)
            return Tautan(s.id, i, butir, tujuan=pencari.alias[butir.sop_id], keadaan=TERTAUT)
        return Tautan(s.id, i, butir, keadaan=HILANG)
    cocok = pencari.cocok(butir.teks)
    if len(cocok) == 1:
        (tujuan,) = cocok
        if tujuan == s.id:
            return Tautan(s.id, i, butir, keadaan=DIRI)
        return Tautan(s.id, i, butir, tujuan=tujuan, keadaan=TERTAUT)
    if cocok:
        return Tautan(s.id, i, butir, keadaan=GANDA, calon=tuple(sorted(cocok)))
    return Tautan(s.id, i, butir, saran=pencari.saran(butir.teks, kecuali=s.id), keadaan=BELUM)


def _laporkan(t: Tautan, pencari: _Pencari, laporan: Laporan, tingkat: str) -> None:
    pos = t.butir.posisi
    if t.keadaan == DIRI and t.butir.jenis == "teks":
        laporan.galat(pos, "self-link", "SOP ini merujuk dirinya sendiri di keterkaitan",
                      "hapus butir ini")
    elif t.keadaan == GANDA:
        nama = ", ".join(pencari.sebut(c) for c in t.calon)
        pesan = f"keterkaitan '{t.butir.teks}' cocok dengan lebih dari satu SOP: {nama}"
        saran = "tulis {sop: <id>} untuk memilih satu, mis. {sop: " + t.calon[0] + "}"
        lapor = laporan.galat if tingkat == "galat" else laporan.peringatan
        lapor(pos, "ambiguous-link", pesan, saran)
    elif t.keadaan == BELUM and t.saran is not None:
        # Nearly another SOP's name: most likely a typo, a warning whatever `tingkat` says.
        lapor = laporan.galat if tingkat == "galat" else laporan.peringatan
        lapor(pos, "unresolved-link", f"keterkaitan '{t.butir.teks}' belum ada di buku pedoman",
              f"maksud Anda {pencari.sebut(t.saran)}?")
    elif t.keadaan == BELUM and tingkat != "info":
        lapor = laporan.galat if tingkat == "galat" else laporan.peringatan
        lapor(pos, "unresolved-link", f"keterkaitan '{t.butir.teks}' belum ada di buku pedoman",
              "tambahkan SOP itu ke buku pedoman, atau tulis {dokumen: ...} bila bukan SOP")


def ringkasan_belum(peta: PetaTautan, halaman: str) -> str | None:
    """One log line for the items `unresolved_links: info` leaves unreported (the report page
    lists each), or None when there are none. Near matches and ambiguous titles are not
    counted: they are warnings of their own."""
    n = sum(1 for t in peta.belum if t.keadaan == BELUM and t.saran is None)
    if not n:
        return None
    return (f"{n} keterkaitan belum ada di buku pedoman (unresolved_links: info); daftarnya di "
            f"halaman laporan keterkaitan ({halaman})")


def _kata(judul_normal: str) -> tuple[str, ...]:
    return tuple(w for w in judul_normal.split() if w not in _KATA_SAMBUNG)


class _Pencari:
    """Lookup tables over the handbook, built once, so resolving stays linear in the items.

    Near matches compare words, not whole strings, so that "Pengelolaan Surat Keluar" does not
    suggest "Pengelolaan Surat Masuk" (one distinguishing word differs) while a typo or an extra
    word ("... Kinerja" vs "... Kinerja Utama") does. Candidates come from an index of words,
    and similar words from a trigram index of the vocabulary, never from a scan of all SOPs.
    """

    def __init__(self, sops: list[Sop]) -> None:
        self.per_id = {s.id: s for s in sops}
        self.alias = {lama: s.id for s in sops for lama in s.id_lama}  # id_lama → current id
        self.tepat: dict[str, set[str]] = {}
        self.normal: dict[str, set[str]] = {}
        self.kata: dict[str, tuple[str, ...]] = {}
        self.pemuat: dict[str, set[str]] = {}  # word → ids of SOPs whose nama has it
        for s in sops:
            self.tepat.setdefault(kunci_nama(s.nama), set()).add(s.id)
            self.tepat.setdefault(kunci_nomor(s.nomor), set()).add(s.id)
            self.normal.setdefault(normalkan_judul(s.nama), set()).add(s.id)
            kata = _kata(normalkan_judul(s.nama))
            self.kata[s.id] = kata
            for w in set(kata):
                self.pemuat.setdefault(w, set()).add(s.id)
        self.trigram: dict[str, set[str]] = {}
        for w in self.pemuat:
            for g in _trigram(w):
                self.trigram.setdefault(g, set()).add(w)
        self.serupa = lru_cache(maxsize=None)(self._serupa)
        self.peringkat = lru_cache(maxsize=None)(self._peringkat)
        self.pemuat_serupa = lru_cache(maxsize=None)(self._pemuat_serupa)

    def sebut(self, sop_id: str) -> str:
        s = self.per_id[sop_id]
        return f"'{s.nama}' ({s.nomor})"

    def cocok(self, teks: str) -> set[str]:
        """Ids matched by the first tier that matches anything (see the module docstring)."""
        tepat = self.tepat.get(kunci_nama(teks), set()) | self.tepat.get(kunci_nomor(teks), set())
        return tepat or self.normal.get(normalkan_judul(teks), set())

    def _pemuat_serupa(self, w: str) -> frozenset[str]:
        """Ids of SOPs whose nama has `w` or a mistyped `w`."""
        return frozenset().union(*(self.pemuat[v] for v in self.serupa(w)))

    def _serupa(self, w: str) -> dict[str, float]:
        """Words of the handbook's titles that are `w` or `w` mistyped, with their similarity."""
        if w in self.pemuat:
            return {w: 1.0}
        hitung: dict[str, int] = {}
        for g in _trigram(w):
            for v in self.trigram.get(g, ()):
                hitung[v] = hitung.get(v, 0) + 1
        hasil = {}
        for v, n in hitung.items():
            if n < 2 or not 2 / 3 <= len(v) / len(w) <= 3 / 2:
                continue
            r = difflib.SequenceMatcher(None, w, v).ratio()
            if r >= _MIRIP_KATA:
                hasil[v] = r
        return hasil

    def saran(self, teks: str, kecuali: str) -> str | None:
        """The most likely SOP for an unmatched title other than `kecuali`, or None."""
        return next((sid for sid in self.peringkat(teks) if sid != kecuali), None)

    def _peringkat(self, teks: str) -> tuple[str, ...]:
        """SOPs close enough to an unmatched title, best first.

        Close enough: every word of the shorter title pairs with a same-or-mistyped word of the
        longer one, and the pairs cover at least `_CAKUPAN` of the longer title's words. Best:
        most of the longer title covered, then the most similar words, then the smallest id.
        """
        q = _kata(normalkan_judul(teks))
        if not q:
            return ()
        serupa = [self.serupa(w) for w in q]
        pemuat = sorted((self.pemuat_serupa(w) for w in q), key=len)
        # A SOP needs at least `perlu` ≥ ceil(_CAKUPAN·len(q)) of the words, so it must have one
        # of the rarest len(q) - perlu + 1: only those postings are read.
        perlu_min = math.ceil(_CAKUPAN * len(q))
        calon = set().union(*pemuat[: len(q) - perlu_min + 1])
        kena = {sid: sum(sid in p for p in pemuat) for sid in calon}
        nilai = []
        for sid, n in kena.items():
            c = self.kata[sid]
            perlu = max(min(len(q), len(c)), _CAKUPAN * max(len(q), len(c)))
            if n < perlu:
                continue
            pasang = _pasangkan(serupa, c)
            if len(pasang) >= perlu:
                nilai.append((-len(pasang) / max(len(q), len(c)), -sum(pasang) / len(pasang), sid))
        return tuple(sid for *_, sid in sorted(nilai))


def _pasangkan(serupa: list[dict[str, float]], kata: tuple[str, ...]) -> list[float]:
    """Greedy one-to-one pairing of query words (as their similar-word maps) with `kata`."""
    sisa = list(kata)
    hasil = []
    for cocok in serupa:
        terbaik = max(((cocok[w], -j) for j, w in enumerate(sisa) if w in cocok), default=None)
        if terbaik is not None:
            hasil.append(terbaik[0])
            del sisa[-terbaik[1]]
    return hasil


def _trigram(w: str) -> set[str]:
    p = f"  {w} "
    return {p[i : i + 3] for i in range(len(p) - 2)}
