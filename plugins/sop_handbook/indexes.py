"""Views across the handbook for the index pages: by dasar hukum, by jabatan, by kata kunci, and
the SOPs due for review.

Pure and deterministic: the same SOPs always give the same lists in the same order with the same
slugs, so page URLs are stable and builds reproducible (the review view takes today's date as a
parameter for the same reason). Everything is linear in the number of SOPs (plus sorting), so a
handbook of thousands stays fast. Nothing is formatted here: templates decide how it looks.

SOP order, wherever a view lists SOPs: by `nomor` in natural order ("800/2" before "800/10"),
then by id.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .model import Sop

_T = TypeVar("_T")
_H = TypeVar("_H")

# -- shared helpers ------------------------------------------------------------------------


def buat_slug(teks: str, cadangan: str = "x", batas: int = 80) -> str:
    """ASCII, lowercase, hyphen-separated, at most `batas` characters: the one slug of every
    generated URL. A cut slug ends in a hash of the whole text, so two long names that share
    their first `batas` characters still get different slugs."""
    t = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if len(t) > batas:
        sidik = hashlib.sha256(teks.encode("utf-8")).hexdigest()[:8]
        potong = t[:batas - len(sidik) - 1]
        potong = potong.rsplit("-", 1)[0] if "-" in potong else potong
        t = f"{potong.strip('-')}-{sidik}"
    return t or cadangan


def slug_unik(teks: Iterable[str], cadangan: str = "x") -> list[str]:
    """Slugs for `teks` in order; a repeated slug gets -2, -3, ... (first come keeps it bare)."""
    dipakai: set[str] = set()
    berikut: dict[str, int] = {}  # next suffix to try per base: linear in repeats
    hasil = []
    for t in teks:
        dasar = buat_slug(t, cadangan)
        slug, n = dasar, berikut.get(dasar, 1)
        if n > 1:
            slug = f"{dasar}-{n}"
        while slug in dipakai:
            n += 1
            slug = f"{dasar}-{n}"
        berikut[dasar] = n + 1
        dipakai.add(slug)
        hasil.append(slug)
    return hasil


def slug_unit(sops: Iterable[Sop]) -> dict[tuple[str, str | None], str]:
    """Folder name of each unit (key (unit, None)) and sub-unit (key (unit, sub_unit)) page.
    Names that slug alike ("Biro A&B", "Biro A/B", or two non-Latin names) get -2, -3, ... in
    name order, so every unit has its own page."""
    sub: dict[str, set[str]] = {}
    for s in sops:
        kumpulan = sub.setdefault(s.unit, set())
        if s.sub_unit:
            kumpulan.add(s.sub_unit)
    urut = sorted(sub, key=lambda u: (u.casefold(), u))
    hasil: dict[tuple[str, str | None], str] = {
        (u, None): s for u, s in zip(urut, slug_unik(urut, "unit"), strict=True)}
    for u in urut:
        nama = sorted(sub[u], key=lambda n: (n.casefold(), n))
        for n, s in zip(nama, slug_unik(nama, "sub-unit"), strict=True):
            hasil[(u, n)] = s
    return hasil


def urutan_alami(teks: str) -> tuple[tuple[int, int, str], ...]:
    """Natural sort key: runs of ASCII digits compare as numbers ("2" before "10"). Compared
    by length then text, never through int(), so a digit run of any length sorts fine."""
    hasil = []
    for p in re.findall(r"[0-9]+|[^0-9]+", teks.casefold()):
        if "0" <= p[0] <= "9":
            angka = p.lstrip("0") or "0"
            hasil.append((0, len(angka), angka))
        else:
            hasil.append((1, 0, p))
    return tuple(hasil)


def urutan_sop(s: Sop) -> tuple[object, ...]:
    """Sort key of SOPs in every view: natural order of `nomor`, then id."""
    return (urutan_alami(s.nomor), s.id)


def _kunci_teks(teks: str) -> str:
    return " ".join(teks.casefold().split())


def _ejaan_utama(ejaan: Counter[str]) -> str:
    """The spelling to show: the most common, then the one with most capitals, then A→Z."""
    return min(ejaan, key=lambda e: (-ejaan[e], -sum(c.isupper() for c in e), e))


def _urut_ejaan(ejaan: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted(ejaan, key=lambda e: (-ejaan[e], e)))


# -- by dasar hukum ------------------------------------------------------------------------


@dataclass(frozen=True)
class Peraturan:
    """What identifies a regulation, parsed from how a SOP cites it."""

    jenis: str  # short type ("UU", "Perpres", "Permen", ...) or the normalised words before "nomor"
    penerbit: str  # ministry or region, normalised; "" for national types or when not written
    nomor: str  # normalised ("29", "800/12/bkd")
    tahun: int


@dataclass(frozen=True)
class KelompokDasarHukum:
    """One regulation and the SOPs that cite it, however each spelled it."""

    judul: str  # display title: a full spelling (with "tentang") seen most often, else the longest
    slug: str  # unique; from the parsed identity (or normalised text), not the display title
    ejaan: tuple[str, ...]  # spellings seen (spaces collapsed, end ".;," cut), most common first
    sop: tuple[str, ...]  # ids of the citing SOPs, in SOP order
    peraturan: Peraturan | None  # None when the text could not be parsed (grouped by its text)


# Types in the order of the hierarchy of Indonesian legislation (UU 12/2011), national first;
# each with the long form its abbreviations expand to.
_JENIS: tuple[tuple[str, str], ...] = (
    ("UU", "undang undang"),
    ("Perppu", "peraturan pemerintah pengganti undang undang"),
    ("PP", "peraturan pemerintah"),
    ("Perpres", "peraturan presiden"),
    ("Keppres", "keputusan presiden"),
    ("Inpres", "instruksi presiden"),
    ("Permen", "peraturan menteri"),
    ("Kepmen", "keputusan menteri"),
    ("SE Menteri", "surat edaran menteri"),
    ("Perda", "peraturan daerah"),
    ("Pergub", "peraturan gubernur"),
    ("Kepgub", "keputusan gubernur"),
    ("Perbup", "peraturan bupati"),
    ("Kepbup", "keputusan bupati"),
    ("Perwal", "peraturan wali kota"),
    ("Kepwal", "keputusan wali kota"),
)
_NASIONAL = {"UU", "Perppu", "PP", "Perpres", "Keppres", "Inpres"}
_PERINGKAT = {kode: i for i, (kode, _) in enumerate(_JENIS)}
_POLA_JENIS = re.compile(
    r"\b(" + "|".join(re.escape(p) for _, p in sorted(_JENIS, key=lambda j: -len(j[1]))) + r")\b"
)
_KODE_JENIS = {p: kode for kode, p in _JENIS}

# Abbreviations → the long form, applied in order on casefolded words joined by single spaces.
_SINGKATAN: tuple[tuple[str, str], ...] = (
    (r"no|nmr|nom", "nomor"),
    (r"th|thn", "tahun"),
    (r"uu", "undang undang"),
    (r"perppu|perpu", "peraturan pemerintah pengganti undang undang"),
    (r"pp", "peraturan pemerintah"),
    (r"perpres", "peraturan presiden"),
    (r"kepres|keppres", "keputusan presiden"),
    (r"inpres", "instruksi presiden"),
    (r"permendagri", "peraturan menteri dalam negeri"),
    (r"kepmendagri", "keputusan menteri dalam negeri"),
    (r"permenpan(?: ?rb)?|permen panrb", "peraturan menteri panrb"),
    (r"kepmenpan(?: ?rb)?|kepmen panrb", "keputusan menteri panrb"),
    (r"pmk|permenkeu", "peraturan menteri keuangan"),
    (r"permenkes", "peraturan menteri kesehatan"),
    (r"permenkumham", "peraturan menteri hukum dan hak asasi manusia"),
    (r"permenaker|permennaker", "peraturan menteri ketenagakerjaan"),
    (r"permensos", "peraturan menteri sosial"),
    (r"permendikbud", "peraturan menteri pendidikan dan kebudayaan"),
    (r"permen", "peraturan menteri"),
    (r"kepmen", "keputusan menteri"),
    (r"se", "surat edaran"),
    (r"perda", "peraturan daerah"),
    (r"pergub", "peraturan gubernur"),
    (r"kepgub", "keputusan gubernur"),
    (r"perbup", "peraturan bupati"),
    (r"kepbup", "keputusan bupati"),
    (r"perwal|perwako", "peraturan wali kota"),
    (r"kepwal|kepwako", "keputusan wali kota"),
    (r"walikota", "wali kota"),
    (r"prov|propinsi", "provinsi"),
    (r"kab", "kabupaten"),
    # The ministry of administrative reform, under all its names and abbreviations.
    (r"(?:menteri negara )?pendayagunaan aparatur negara(?: dan reformasi birokrasi)?"
     r"|pan(?: dan)? rb|panrb|menpan(?: rb)?|menpanrb", "panrb"),
    (r"negara republik indonesia|republik indonesia|ri", ""),
)
_POLA_SINGKATAN = [(re.compile(rf"\b(?:{p})\b"), ganti) for p, ganti in _SINGKATAN]
_TAHUN = r"(?: tahun (?P<tahun>(?:19|20)\d\d)\b|/(?P<tahun2>(?:19|20)\d\d)(?= |$))"
_POLA_NOMOR = (  # "… nomor 29 tahun 2014", "… nomor 29/2014"; else "Perpres 29 Tahun 2014"
    re.compile(r"^(?P<awal>.*?)\s*\bnomor (?P<nomor>[0-9a-z][0-9a-z./-]*?)" + _TAHUN),
    re.compile(r"^(?P<awal>.*?)\s*\b(?P<nomor>[0-9][0-9a-z./-]*?)" + _TAHUN),
)
_KATA_WILAYAH = {"provinsi"}  # not needed to tell regions apart ("Kalbar" = "Provinsi Kalbar")


def _kata_dasar(teks: str) -> str:
    """Casefolded ASCII words; '/', '.' and '-' kept only inside numbers and codes."""
    t = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode().casefold()
    t = re.sub(r"^\s*(?:\d{1,2}|[a-z])[.)]\s+", "", t)  # list numbering copied from the form
    t = re.sub(r"\b(no|nmr|nom|nomor|th|thn|tahun)\.(?=\d)", r"\1 ", t)  # "No.5 Th.2014"
    kata = []
    for k in re.findall(r"[a-z0-9]+(?:[./-][a-z0-9]+)*", t):
        kata.extend(k.split("-") if re.fullmatch(r"[a-z-]+", k) else [k])
    return " ".join(kata)


def normalkan_dasar_hukum(teks: str) -> str:
    """Text of a citation with case, punctuation and abbreviations made uniform, for grouping
    citations that cannot be parsed and for the parser itself."""
    t = _kata_dasar(teks)
    for pola, ganti in _POLA_SINGKATAN:
        t = pola.sub(ganti, t)
    return " ".join(t.split())


def urai_dasar_hukum(teks: str) -> Peraturan | None:
    """Type, issuer, number and year of a citation, or None when it has no "nomor … tahun …"
    (or "nomor …/yyyy"). What follows the year ("tentang …") is ignored on purpose."""
    t = normalkan_dasar_hukum(teks)
    m = _POLA_NOMOR[0].match(t) or _POLA_NOMOR[1].match(t)
    if not m:
        return None
    awal = m["awal"].strip()
    nomor = (m["nomor"].lstrip("0") or "0") if m["nomor"].isdigit() else m["nomor"]
    tahun = int(m["tahun"] or m["tahun2"])
    j = _POLA_JENIS.search(awal)
    if j is None:
        if not awal:
            return None
        return Peraturan(awal, "", nomor, tahun)
    kode = _KODE_JENIS[j[1]]
    penerbit = "" if kode in _NASIONAL else awal[j.end():].strip()
    if kode in ("Permen", "Kepmen", "SE Menteri"):
        penerbit = re.sub(r"^negara\b\s*", "", penerbit)
    return Peraturan(kode, penerbit, nomor, tahun)


def _singkatan_dari(s: str, kata: list[str]) -> bool:
    """True when `s` is made of a prefix of each word in turn ("kalbar" ← kalimantan barat)."""
    if not kata:
        return not s
    w = kata[0]
    return any(s.startswith(w[:n]) and _singkatan_dari(s[n:], kata[1:])
               for n in range(min(len(w), len(s)), 0, -1))


def _penerbit_sama(a: str, b: str) -> bool:
    ka = [w for w in a.split() if w not in _KATA_WILAYAH]
    kb = [w for w in b.split() if w not in _KATA_WILAYAH]
    if ka == kb:
        return True
    if len(ka) == 1 and len(kb) > 1:
        return _singkatan_dari(ka[0], kb)
    if len(kb) == 1 and len(ka) > 1:
        return _singkatan_dari(kb[0], ka)
    return False


def _judul_tampil(ejaan: Counter[str]) -> str:
    return min(ejaan, key=lambda e: (" tentang " not in f" {e.casefold()} ", -ejaan[e], -len(e),
                                     -sum(c.isupper() for c in e), e))


def per_dasar_hukum(sops: list[Sop]) -> list[KelompokDasarHukum]:
    """Citations of `dasar_hukum` across the handbook, one group per regulation.

    Parsed citations group on (type, number, year) and a compatible issuer: "Perpres No. 29
    Tahun 2014" joins "Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP". Issuers match when
    equal or when one abbreviates the other ("Kalbar"/"Kalimantan Barat"); a citation without
    an issuer joins only when its (type, number, year) has a single issuer, since Perda 8/2016
    of two regions are different laws. Citations that do not parse group by normalised text.
    Groups follow the legislative hierarchy, then year and number; unparsed ones come last.
    """
    urai: dict[str, Peraturan | None] = {}
    keranjang: dict[tuple[str, str, int], list[tuple[str, str, Sop]]] = {}  # (jenis, nomor, th)
    lain: dict[str, list[tuple[str, Sop]]] = {}
    for s in sops:
        for teks in s.dasar_hukum:
            ejaan = " ".join(teks.split()).rstrip(" .,;")  # "…;" copied from a list
            if ejaan not in urai:
                urai[ejaan] = urai_dasar_hukum(ejaan)
            p = urai[ejaan]
            if p is None:
                k = normalkan_dasar_hukum(ejaan)
                if k:
                    lain.setdefault(k, []).append((ejaan, s))
            else:
                keranjang.setdefault((p.jenis, p.nomor, p.tahun), []).append((p.penerbit, ejaan, s))

    # (sort key, slug source, parsed identity, (spelling, SOP) of each citation)
    mentah: list[tuple[tuple[object, ...], str, Peraturan | None, list[tuple[str, Sop]]]] = []
    for (jenis, nomor, tahun), isi in keranjang.items():
        for penerbit, anggota in _kelompok_penerbit(isi).items():
            p = Peraturan(jenis, penerbit, nomor, tahun)
            peringkat = _PERINGKAT.get(jenis, len(_PERINGKAT))
            urut = (0, peringkat, jenis, tahun, urutan_alami(nomor), not penerbit, penerbit)
            mentah.append((urut, f"{jenis} {penerbit} {nomor} {tahun}", p, anggota))
    for k, anggota in lain.items():
        mentah.append(((1, k), k, None, anggota))
    mentah.sort(key=lambda m: m[0])
    # Slugs come from the identity (or the normalised text), not from the display title, so a
    # new spelling somewhere does not move the page.
    slugs = slug_unik((buat_slug(sumber, batas=60) for _, sumber, _, _ in mentah), "dasar-hukum")
    hasil = []
    for (_, _, p, anggota), slug in zip(mentah, slugs, strict=True):
        ejaan = Counter(e for e, _ in anggota)
        per_id = {s.id: s for _, s in anggota}
        ids = tuple(s.id for s in sorted(per_id.values(), key=urutan_sop))
        hasil.append(KelompokDasarHukum(_judul_tampil(ejaan), slug, _urut_ejaan(ejaan), ids, p))
    return hasil


def _kelompok_penerbit(isi: list[tuple[str, str, Sop]]) -> dict[str, list[tuple[str, Sop]]]:
    """Split one (type, number, year) bucket by issuer; key: the longest spelling of each."""
    nama = sorted({p for p, _, _ in isi if p})
    induk = {p: p for p in nama}

    def akar(p: str) -> str:
        while induk[p] != p:
            p = induk[p]
        return p

    for i, a in enumerate(nama):
        for b in nama[i + 1:]:
            if _penerbit_sama(a, b):
                induk[akar(b)] = akar(a)
    kelompok: dict[str, list[str]] = {}
    for p in nama:
        kelompok.setdefault(akar(p), []).append(p)
    wakil = {p: max(ps, key=lambda x: (len(x), x)) for ps in kelompok.values() for p in ps}
    tanpa = "" if len(kelompok) != 1 else next(iter(wakil.values()))
    hasil: dict[str, list[tuple[str, Sop]]] = {}
    for p, ejaan, s in isi:
        hasil.setdefault(wakil[p] if p else tanpa, []).append((ejaan, s))
    return hasil


# -- by jabatan ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tugas:
    """One step a jabatan performs."""

    sop_id: str
    langkah: int  # the step's nomor
    anchor: str  # the step's row anchor on the SOP page
    aktivitas: str
    bersama: bool  # a joint step (several lanes in one row)
    rekan: tuple[str, ...] = ()  # for a joint step: the other lanes' names, in lane order


@dataclass(frozen=True)
class Jabatan:
    """A position (lane name) across the handbook and every step it performs."""

    nama: str  # display spelling: the most common
    slug: str
    ejaan: tuple[str, ...]  # every spelling seen, most common first
    tugas: tuple[Tugas, ...]  # by SOP order, then step

    @property
    def sop(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.sop_id for t in self.tugas))


def per_jabatan(sops: list[Sop]) -> list[Jabatan]:
    """"Tugas per jabatan": lanes grouped by name (case and spacing ignored), sorted by name.

    A lane that performs no step adds nothing (load.py already warns about it).
    """
    ejaan: dict[str, Counter[str]] = {}
    tugas: dict[str, list[Tugas]] = {}
    for s in sorted(sops, key=urutan_sop):
        nama_lane = {p.id: " ".join(p.nama.split()) for p in s.pelaksana}
        for p in s.pelaksana:
            ejaan.setdefault(_kunci_teks(p.nama), Counter())[nama_lane[p.id]] += 1
        for langkah in s.kegiatan:
            for lane in langkah.pelaksana:
                rekan = tuple(nama_lane[x] for x in langkah.pelaksana if x != lane)
                tugas.setdefault(_kunci_teks(nama_lane[lane]), []).append(Tugas(
                    s.id, langkah.nomor, langkah.anchor, langkah.aktivitas,
                    len(langkah.pelaksana) > 1, rekan))
    return _daftar(ejaan, tugas, "jabatan",
                   lambda nama, slug, ej, isi: Jabatan(nama, slug, ej, tuple(isi)))


def _daftar(ejaan: dict[str, Counter[str]], isi: dict[str, list[_T]], cadangan: str,
            buat: Callable[[str, str, tuple[str, ...], list[_T]], _H]) -> list[_H]:
    """Entries that have content, sorted by display name, with unique slugs in that order."""
    kunci = sorted((k for k in isi if isi[k]), key=lambda k: (_ejaan_utama(ejaan[k]).casefold(), k))
    nama = [_ejaan_utama(ejaan[k]) for k in kunci]
    slugs = slug_unik(nama, cadangan)
    return [buat(n, slug, _urut_ejaan(ejaan[k]), isi[k])
            for k, n, slug in zip(kunci, nama, slugs, strict=True)]


# -- by kata kunci -------------------------------------------------------------------------


@dataclass(frozen=True)
class KataKunci:
    """A tag and the SOPs that carry it."""

    nama: str  # display spelling: the most common
    slug: str
    ejaan: tuple[str, ...]
    sop: tuple[str, ...]  # in SOP order


def per_kata_kunci(sops: list[Sop]) -> list[KataKunci]:
    """Tags grouped case-insensitively (spacing ignored), sorted by name."""
    ejaan: dict[str, Counter[str]] = {}
    isi: dict[str, list[str]] = {}
    for s in sorted(sops, key=urutan_sop):
        for tag in s.kata_kunci:
            k = _kunci_teks(tag)
            if not k:
                continue
            ejaan.setdefault(k, Counter())[" ".join(tag.split())] += 1
            ids = isi.setdefault(k, [])
            if not ids or ids[-1] != s.id:
                ids.append(s.id)
    return _daftar(ejaan, isi, "tag",
                   lambda nama, slug, ej, ids: KataKunci(nama, slug, ej, tuple(ids)))


# -- review due ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tinjauan:
    """A SOP due for review: the date its current text dates from, and how old that is."""

    sop_id: str
    acuan: _dt.date  # reference date: last revision, else effective date, else creation
    dasar: str  # which one: "revisi", "efektif" or "pembuatan"
    jatuh_tempo: _dt.date  # `acuan` plus the review period
    umur_hari: int  # days from `acuan` to `hari_ini`
    umur_bulan: int  # whole months from `acuan` to `hari_ini`


def tanggal_acuan(s: Sop) -> tuple[_dt.date, str]:
    """The date a SOP's current text dates from, and which field gave it."""
    revisi = [r.tanggal for r in s.riwayat_revisi]
    if s.tanggal_revisi is not None:
        revisi.append(s.tanggal_revisi)
    if revisi:
        return max(revisi), "revisi"
    if s.tanggal_efektif is not None:
        return s.tanggal_efektif, "efektif"
    return s.tanggal_pembuatan, "pembuatan"


def tambah_bulan(tanggal: _dt.date, bulan: int) -> _dt.date:
    """`tanggal` plus whole months; the 29th–31st fall back to the month's last day."""
    b = tanggal.month - 1 + bulan
    tahun, bulan_ke = tanggal.year + b // 12, b % 12 + 1
    akhir = (_dt.date(tahun + bulan_ke // 12, bulan_ke % 12 + 1, 1) - _dt.timedelta(days=1)).day
    return _dt.date(tahun, bulan_ke, min(tanggal.day, akhir))


def _selisih_bulan(awal: _dt.date, akhir: _dt.date) -> int:
    n = (akhir.year - awal.year) * 12 + akhir.month - awal.month
    return n - 1 if tambah_bulan(awal, n) > akhir else n


def perlu_ditinjau(sops: list[Sop], hari_ini: _dt.date, masa_bulan: int = 24) -> list[Tinjauan]:
    """SOPs whose reference date is at least `masa_bulan` months before `hari_ini`.

    Due on the anniversary itself (a two-yearly review of a SOP effective 1 May 2022 is due on
    1 May 2024). `hari_ini` is a parameter, never `date.today()`, so builds and tests are
    reproducible. Oldest first, then SOP order.
    """
    if masa_bulan < 0:
        raise ValueError("masa_bulan must not be negative")
    hasil = []
    for s in sops:
        acuan, dasar = tanggal_acuan(s)
        tempo = tambah_bulan(acuan, masa_bulan)
        if tempo <= hari_ini:
            hasil.append((acuan, urutan_sop(s), Tinjauan(
                s.id, acuan, dasar, tempo, (hari_ini - acuan).days,
                _selisih_bulan(acuan, hari_ini))))
    hasil.sort(key=lambda h: h[:2])
    return [t for *_, t in hasil]


# -- all views at once ---------------------------------------------------------------------


@dataclass(frozen=True)
class Indeks:
    """Every index view of a handbook, computed once per build."""

    dasar_hukum: list[KelompokDasarHukum]
    jabatan: list[Jabatan]
    kata_kunci: list[KataKunci]
    tinjauan: list[Tinjauan]


def susun_indeks(sops: list[Sop], hari_ini: _dt.date, masa_bulan: int = 24) -> Indeks:
    """All views; `hari_ini` and `masa_bulan` as in `perlu_ditinjau`."""
    return Indeks(per_dasar_hukum(sops), per_jabatan(sops), per_kata_kunci(sops),
                  perlu_ditinjau(sops, hari_ini, masa_bulan))
