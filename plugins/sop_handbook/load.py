"""Read `sops/`, validate every file against `schema.py`, and build the model.

Works on YAML *nodes* rather than loaded Python values, so that every problem can name its
file, line and column, duplicate keys are seen (PyYAML's loader silently keeps the last one),
and alias bombs are stopped by a budget instead of eating memory. All problems of all files are
collected in one `Laporan`; nothing here logs, raises for bad input or knows about URLs.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import schema as S
from . import waktu as W
from .diagnostics import Laporan
from .model import (
    Keputusan,
    Keterkaitan,
    Langkah,
    Pelaksana,
    Penandatangan,
    Posisi,
    Revisi,
    Sop,
)

EKSTENSI = (".yml", ".yaml")
NAMA_DEFAULT = ("_default.yml", "_default.yaml")
UKURAN_MAKS = 1_000_000  # bytes; a SOP is a few KB
ANGGARAN_SIMPUL = 50_000  # nodes visited per file: a normal SOP uses about a thousand
KEDALAMAN_MAKS = 40
POLA_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")

# Other names people give the form's fields; they get a pointed "did you mean".
NAMA_LAIN = {
    "judul": "nama",
    "nama_sop": "nama",
    "nomor_sop": "nomor",
    "no": "nomor",
    "kualitas_pelaksanaan": "kualifikasi_pelaksana",
    "kualitas_pelaksana": "kualifikasi_pelaksana",
    "perlengkapan": "peralatan",
    "pencatatan_dan_pendataan": "pencatatan",
    "pendataan": "pencatatan",
    "uraian": "aktivitas",
    "kegiatan": "aktivitas",
    "ket": "keterangan",
    "persyaratan": "kelengkapan",
    "tujuan": "keputusan",
    "tanggal_pengesahan": "tanggal_efektif",
}

_KONSTRUKTOR = SafeConstructor()
ALIAS_MAKS = 200  # a SOP needs none; a "billion laughs" file needs many


class _PemuatYaml(yaml.SafeLoader):
    """SafeLoader that counts aliases while composing, so alias bombs stop early."""

    alias = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.alias += 1
            if self.alias > ALIAS_MAKS:
                m = self.peek_event().start_mark
                raise yaml.MarkedYAMLError(
                    problem=f"lebih dari {ALIAS_MAKS} alias (*) YAML", problem_mark=m)
        return super().compose_node(parent, index)
_TAG = "tag:yaml.org,2002:"


class _Batal(Exception):
    """Stops walking one file (budget or depth exceeded); already reported."""


@dataclass
class Rekaman:
    """A validated mapping: values by key, and where each value was written."""

    nilai: dict[str, Any] = field(default_factory=dict)
    posisi: dict[str, Posisi] = field(default_factory=dict)
    diri: Posisi = field(default_factory=lambda: Posisi(""))
    ditulis: set[str] = field(default_factory=set)  # keys present, valid or not

    def get(self, kunci: str, default: Any = None) -> Any:
        return self.nilai.get(kunci, default)

    def pos(self, kunci: str) -> Posisi:
        return self.posisi.get(kunci, self.diri)


class Urutan(list):  # type: ignore[type-arg]
    """A validated list that remembers where each item was written."""

    posisi: list[Posisi]


_TIDAK_SAH = object()  # a value that failed validation (already reported)


class _Pembaca:
    """Converts the nodes of one file against schema types, reporting into a Laporan."""

    def __init__(self, berkas: str, laporan: Laporan) -> None:
        self.berkas = berkas
        self.lap = laporan
        self.sisa = ANGGARAN_SIMPUL

    def pos(self, node: Node) -> Posisi:
        m = node.start_mark
        return Posisi(self.berkas, m.line + 1, m.column + 1)

    def galat(self, node: Node, kode: str, pesan: str, saran: str | None = None) -> None:
        self.lap.galat(self.pos(node), kode, pesan, saran)

    # -- generic walk ---------------------------------------------------------------------
    def baca(self, node: Node, jenis: S.Jenis, nama: str, dalam: int = 0) -> Any:
        self.sisa -= 1
        if self.sisa < 0:
            self.galat(node, "alias-bomb", "berkas terlalu besar setelah alias YAML (*) diuraikan",
                       "tulis nilainya langsung, tanpa &jangkar dan *alias")
            raise _Batal
        if dalam > KEDALAMAN_MAKS:
            self.galat(node, "too-deep", "struktur bersarang terlalu dalam (alias melingkar?)",
                       "tulis nilainya langsung, tanpa &jangkar dan *alias")
            raise _Batal
        if isinstance(jenis, S.Atau):
            return self._atau(node, jenis, nama, dalam)
        if isinstance(jenis, S.Peta):
            return self.peta(node, jenis, nama, dalam)
        if isinstance(jenis, S.Daftar):
            return self._daftar(node, jenis, nama, dalam)
        if not isinstance(node, ScalarNode):
            bentuk = "daftar" if isinstance(node, SequenceNode) else "pemetaan"
            self.galat(node, "wrong-type", f"'{nama}' harus berupa {jenis.nama}, bukan {bentuk}",
                       f"tulis satu nilai setelah '{nama}:', mis. '{nama}: {jenis.contoh}'")
            return _TIDAK_SAH
        if isinstance(jenis, S.Tanggal):
            return self._tanggal(node, jenis, nama)
        if isinstance(jenis, S.Logika):
            if node.tag != _TAG + "bool":
                self.galat(node, "wrong-type",
                           f"'{nama}' harus true atau false, bukan '{node.value}'")
                return _TIDAK_SAH
            return _KONSTRUKTOR.construct_yaml_bool(node)
        if isinstance(jenis, S.RujukanLangkah):
            if node.tag == _TAG + "int":
                return _KONSTRUKTOR.construct_yaml_int(node)
            return self._teks(node, S.TEKS, nama)
        return self._teks(node, jenis, nama)

    def _teks(self, node: ScalarNode, jenis: Any, nama: str) -> Any:
        teks = str(node.value).strip()
        if not teks:
            self.galat(node, "empty", f"'{nama}' kosong", f"isi '{nama}' atau hapus barisnya")
            return _TIDAK_SAH
        pola = getattr(jenis, "pola", None)
        if pola and not re.match(pola, teks):
            self.galat(node, "bad-format", f"'{nama}' tidak sah: '{teks}'", jenis.pesan_pola)
            return _TIDAK_SAH
        return teks

    def _tanggal(self, node: ScalarNode, jenis: S.Tanggal, nama: str) -> Any:
        contoh = "tulis 2021-05-01 atau 1 Mei 2021"
        if node.tag == _TAG + "timestamp":
            try:
                nilai = _KONSTRUKTOR.construct_yaml_timestamp(node)
            except ValueError:
                self.galat(node, "bad-date",
                           f"tanggal '{node.value}' tidak ada di kalender", contoh)
                return _TIDAK_SAH
            return nilai.date() if isinstance(nilai, dt.datetime) else nilai
        teks = " ".join(str(node.value).split())
        if teks == "-" and jenis.boleh_kosong:
            return None
        m = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", teks)
        if not m:
            kosong = "; tulis '-' atau null bila belum ada" if jenis.boleh_kosong else ""
            self.galat(node, "bad-date", f"'{nama}' bukan tanggal: '{teks}'", contoh + kosong)
            return _TIDAK_SAH
        bulan = m[2].lower()
        if bulan not in S.BULAN_KE_ANGKA:
            mirip = difflib.get_close_matches(bulan, S.BULAN, n=1)
            saran = f"maksud Anda '{mirip[0].capitalize()}'?" if mirip else contoh
            self.galat(node, "bad-date", f"nama bulan '{m[2]}' tidak dikenal", saran)
            return _TIDAK_SAH
        try:
            return dt.date(int(m[3]), S.BULAN_KE_ANGKA[bulan], int(m[1]))
        except ValueError:
            self.galat(node, "bad-date", f"tanggal '{teks}' tidak ada di kalender", contoh)
            return _TIDAK_SAH

    def _daftar(self, node: Node, jenis: S.Daftar, nama: str, dalam: int) -> Any:
        if not isinstance(node, SequenceNode):
            self.galat(node, "wrong-type", f"'{nama}' harus berupa {jenis.nama}",
                       f"tulis tiap butir di bawah '{nama}:' pada barisnya sendiri, diawali '- '")
            return _TIDAK_SAH
        hasil = Urutan()
        hasil.posisi = []
        for i, anak in enumerate(node.value, 1):
            if _kosong(anak):
                self.galat(anak, "empty", f"butir ke-{i} '{nama}' kosong",
                           "isi atau hapus butir itu")
                continue
            nilai = self.baca(anak, jenis.isi, nama, dalam + 1)
            if nilai is not _TIDAK_SAH:
                hasil.append(nilai)
                hasil.posisi.append(self.pos(anak))
        if len(node.value) < jenis.minimal:
            self.galat(node, "empty", f"'{nama}' harus berisi sedikitnya {jenis.minimal} butir")
            return _TIDAK_SAH
        return hasil

    def _atau(self, node: Node, jenis: S.Atau, nama: str, dalam: int) -> Any:
        if isinstance(node, ScalarNode):
            cocok = [p for p in jenis.pilihan if not isinstance(p, (S.Peta, S.Daftar, S.Atau))]
        elif isinstance(node, SequenceNode):
            cocok = [p for p in jenis.pilihan if isinstance(p, S.Daftar)]
        else:
            cocok = [p for p in jenis.pilihan if isinstance(p, S.Peta)]
            if len(cocok) > 1:
                kunci = {k.value for k, _ in node.value if isinstance(k, ScalarNode)}
                terbaik = max(cocok, key=lambda p: len(kunci & set(p.nama_kunci)))  # type: ignore[union-attr]
                if not kunci & set(terbaik.nama_kunci):  # type: ignore[union-attr]
                    bentuk = " atau ".join(p.nama for p in cocok)
                    self.galat(node, "wrong-type", f"'{nama}' harus berupa {bentuk}")
                    return _TIDAK_SAH
                cocok = [terbaik]
        if not cocok:
            self.galat(node, "wrong-type", f"'{nama}' harus berupa {jenis.nama}")
            return _TIDAK_SAH
        return self.baca(node, cocok[0], nama, dalam)

    def peta(self, node: Node, jenis: S.Peta, nama: str, dalam: int = 0,
             cek_wajib: bool = True) -> Any:
        if not isinstance(node, MappingNode):
            self.galat(node, "wrong-type", f"'{nama}' harus berupa {jenis.nama}",
                       f"tulis {jenis.contoh}")
            return _TIDAK_SAH
        rek = Rekaman(diri=self.pos(node))
        terlihat: dict[str, Node] = {}
        for k_node, v_node in node.value:
            if not isinstance(k_node, ScalarNode) or k_node.tag == _TAG + "merge":
                self.galat(k_node, "bad-key", "kunci harus berupa teks biasa",
                           "kunci gabungan '<<' dan kunci majemuk tidak didukung")
                continue
            kunci = str(k_node.value)
            if kunci in terlihat:
                baris = terlihat[kunci].start_mark.line + 1
                self.galat(k_node, "duplicate-key",
                           f"kunci '{kunci}' ditulis dua kali (pertama di baris {baris})",
                           "hapus salah satunya; YAML hanya memakai satu nilai")
                continue
            terlihat[kunci] = k_node
            rek.ditulis.add(kunci)
            definisi = jenis.cari(kunci)
            if definisi is None:
                saran, maksud = _saran_kunci(kunci, jenis.nama_kunci)
                self.galat(k_node, "unknown-key", f"kunci '{kunci}' tidak dikenal di {jenis.nama}",
                           saran)
                if maksud:  # a misspelt key is reported once, not again as "missing"
                    terlihat.setdefault(maksud, k_node)
                    rek.ditulis.add(maksud)
                continue
            if _kosong(v_node):
                if isinstance(definisi.jenis, S.Tanggal) and definisi.jenis.boleh_kosong:
                    rek.nilai[kunci] = None
                    rek.posisi[kunci] = self.pos(v_node)
                elif definisi.wajib:
                    sama_baris = v_node.start_mark.line == k_node.start_mark.line
                    self.galat(v_node if sama_baris else k_node, "empty", f"'{kunci}' kosong",
                               f"tulis {definisi.jenis.nama} setelah '{kunci}:'")
                continue
            nilai = self.baca(v_node, definisi.jenis, kunci, dalam + 1)
            if nilai is not _TIDAK_SAH:
                rek.nilai[kunci] = nilai
                rek.posisi[kunci] = self.pos(v_node)
        if cek_wajib:
            kurang = [k.nama for k in jenis.kunci if k.wajib and k.nama not in terlihat]
            if kurang:
                self.galat(node, "missing-key",
                           f"kunci wajib belum ada di {nama}: {', '.join(kurang)}",
                           "tambahkan " + ", ".join(f"'{k}: ...'" for k in kurang))
        return rek


def _kosong(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _TAG + "null"


def _saran_kunci(kunci: str, dikenal: list[str]) -> tuple[str, str | None]:
    """A hint for an unknown key, and the key it most likely meant (if any)."""
    lain = NAMA_LAIN.get(kunci.lower())
    mirip = difflib.get_close_matches(kunci.lower(), dikenal, n=1, cutoff=0.6)
    maksud = lain if lain in dikenal else (mirip[0] if mirip else None)
    if maksud:
        return f"maksud Anda '{maksud}'?", maksud
    return "kunci yang dikenal: " + ", ".join(dikenal), None


# -- files --------------------------------------------------------------------------------

def _nama_relatif(path: Path, basis: Path) -> str:
    try:
        return path.resolve().relative_to(basis.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def baca_yaml(path: Path, berkas: str, laporan: Laporan) -> MappingNode | None:
    """Read one file into a YAML mapping node, or report why not (encoding, syntax, shape)."""
    pos = Posisi(berkas, 1, 1)
    try:
        data = path.read_bytes()
    except OSError as e:
        laporan.galat(pos, "unreadable", f"berkas tidak dapat dibaca: {e.strerror}")
        return None
    if len(data) > UKURAN_MAKS:
        laporan.galat(pos, "too-large", f"berkas terlalu besar ({len(data)} byte)",
                      "satu SOP per berkas; pecah berkas ini")
        return None
    try:
        teks = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        sebelum = data[: e.start]
        baris = sebelum.count(b"\n") + 1
        kolom = e.start - (sebelum.rfind(b"\n") + 1) + 1
        laporan.galat(Posisi(berkas, baris, kolom), "not-utf8",
                      f"berkas bukan UTF-8 (byte 0x{data[e.start]:02x} tidak sah)",
                      "simpan ulang berkas sebagai UTF-8 (di editor: Save with Encoding → UTF-8)")
        return None
    if not teks.strip() or all(
        not b.strip() or b.lstrip().startswith("#") for b in teks.splitlines()
    ):
        laporan.galat(pos, "empty-file", "berkas kosong",
                      "isi dengan SOP (contoh di halaman 'Menulis SOP') atau hapus berkasnya")
        return None
    try:
        dokumen = list(yaml.compose_all(teks, Loader=_PemuatYaml))
    except yaml.MarkedYAMLError as e:
        laporan.galat(*_galat_yaml(e, berkas, pos))
        return None
    except yaml.YAMLError as e:
        laporan.galat(pos, "yaml-syntax", f"YAML tidak sah: {e}")
        return None
    dokumen = [d for d in dokumen if d is not None]
    if not dokumen:
        laporan.galat(pos, "empty-file", "berkas kosong",
                      "isi dengan SOP (contoh di halaman 'Menulis SOP') atau hapus berkasnya")
        return None
    if len(dokumen) > 1:
        m = dokumen[1].start_mark
        laporan.galat(Posisi(berkas, m.line + 1, m.column + 1), "multi-doc",
                      "berkas berisi lebih dari satu dokumen YAML ('---')",
                      "satu SOP per berkas; pindahkan SOP kedua ke berkas sendiri")
        return None
    akar = dokumen[0]
    if not isinstance(akar, MappingNode):
        bentuk = "daftar" if isinstance(akar, SequenceNode) else "teks"
        m = akar.start_mark
        laporan.galat(Posisi(berkas, m.line + 1, m.column + 1), "not-mapping",
                      f"isi berkas harus berupa pemetaan 'kunci: nilai', bukan {bentuk}",
                      "mulai berkas dengan 'nomor: ...' lalu 'nama: ...' tanpa '- ' di depannya")
        return None
    return akar


# PyYAML's messages, in the authors' language; the original stays in brackets for helpers.
_PESAN_YAML = (
    ("cannot start any token", "karakter tab tidak boleh dipakai",
     "ganti karakter tab dengan spasi"),
    ("unexpected end of stream", "tanda kutip dibuka tetapi tidak ditutup",
     "tutup tanda kutip di akhir teks, atau hapus tanda kutip pembukanya"),
    ("mapping values are not allowed", "tanda ':' tidak boleh di sini",
     "teks yang memuat ': ' harus diapit tanda kutip, mis. aktivitas: \"Catatan: ...\""),
    ("could not find expected ':'", "tanda ':' tidak ditemukan",
     "tulis 'kunci: nilai' dan periksa indentasi baris sebelumnya"),
    ("expected <block end>", "indentasi tidak konsisten",
     "butir yang setingkat harus menjorok dengan jumlah spasi yang sama"),
    ("did not find expected key", "indentasi tidak konsisten",
     "butir yang setingkat harus menjorok dengan jumlah spasi yang sama"),
    ("did not find expected '-'", "indentasi daftar tidak konsisten",
     "setiap butir daftar diawali '- ' dengan indentasi yang sama"),
    ("found undefined alias", "alias (*) tanpa jangkar (&)",
     "tulis nilainya langsung, tanpa &jangkar dan *alias"),
    ("alias (*) YAML", "terlalu banyak alias (*) YAML",
     "tulis nilainya langsung, tanpa &jangkar dan *alias"),
)


def _galat_yaml(e: yaml.MarkedYAMLError, berkas: str, pos: Posisi) -> tuple[Posisi, str, str, str]:
    asli = " ".join(x for x in (e.context, e.problem) if x).strip()
    m = e.problem_mark or e.context_mark
    if e.context_mark and e.context and "scanning a quoted" in e.context:
        m = e.context_mark  # point at the opening quote, not at the end of the file
    p = Posisi(berkas, m.line + 1, m.column + 1) if m else pos
    for kunci, pesan, saran in _PESAN_YAML:
        if kunci in asli:
            return p, "yaml-syntax", f"YAML tidak sah: {pesan} ({e.problem})", saran
    return (p, "yaml-syntax", f"YAML tidak sah: {asli}",
            "periksa indentasi (pakai spasi, bukan tab) dan tanda kutip di baris ini")


# -- the handbook -------------------------------------------------------------------------

@dataclass
class BukuPedoman:
    """All SOPs that loaded cleanly, plus every diagnostic of every file."""

    sops: list[Sop]
    laporan: Laporan

    def per_id(self) -> dict[str, Sop]:
        return {s.id: s for s in self.sops}


def cari_berkas(akar: Path) -> tuple[list[Path], list[Path]]:
    """SOP files and `_default` files below `akar`, in a stable order; hidden paths skipped."""
    sop, bawaan = [], []
    for p in sorted(akar.rglob("*")):
        rel = p.relative_to(akar).parts
        if not p.is_file() or p.suffix not in EKSTENSI or any(x.startswith(".") for x in rel):
            continue
        (bawaan if p.name in NAMA_DEFAULT else sop).append(p)
    return sop, bawaan


def muat(akar: Path, basis: Path | None = None) -> BukuPedoman:
    """Load every SOP under `akar` (the handbook's `sops/`). Paths in messages are relative to
    `basis` (the project folder; default: the current directory)."""
    basis = basis or Path.cwd()
    laporan = Laporan()
    if not akar.is_dir():
        laporan.galat(Posisi(_nama_relatif(akar, basis)), "no-sops-dir",
                      "folder SOP tidak ditemukan", "buat folder itu atau atur 'sops_dir'")
        return BukuPedoman([], laporan)
    berkas_sop, berkas_bawaan = cari_berkas(akar)
    bawaan: dict[Path, Rekaman] = {}
    for p in berkas_bawaan:
        nama = _nama_relatif(p, basis)
        node = baca_yaml(p, nama, laporan)
        if node is None:
            continue
        try:
            rek = _Pembaca(nama, laporan).peta(node, S.SOP, "_default", cek_wajib=False)
        except _Batal:
            continue
        if isinstance(rek, Rekaman):
            bawaan[p.parent.resolve()] = rek
    sops: list[Sop] = []
    for p in berkas_sop:
        if p.name.startswith("_"):
            laporan.peringatan(Posisi(_nama_relatif(p, basis)), "ignored-file",
                               "berkas diawali '_' diabaikan (hanya _default.yml yang dipakai)",
                               "ganti nama berkas bila ini sebuah SOP")
            continue
        sop = muat_satu(p, akar, basis, laporan, bawaan)
        if sop is not None:
            sops.append(sop)
    periksa_antar_berkas(sops, laporan)
    return BukuPedoman(sops, laporan)


def muat_satu(path: Path, akar: Path, basis: Path, laporan: Laporan,
              bawaan: dict[Path, Rekaman] | None = None) -> Sop | None:
    nama = _nama_relatif(path, basis)
    node = baca_yaml(path, nama, laporan)
    if node is None:
        return None
    pembaca = _Pembaca(nama, laporan)
    try:
        rek = pembaca.peta(node, S.SOP, "SOP", cek_wajib=False)
    except _Batal:
        return None
    if not isinstance(rek, Rekaman):
        return None
    rek = _gabung_bawaan(rek, path, akar, bawaan or {})
    sop_id = path.relative_to(akar).with_suffix("").as_posix()
    if not POLA_ID.match(sop_id):
        laporan.galat(Posisi(nama), "bad-filename",
                      f"nama berkas '{path.name}' tidak dapat dijadikan alamat halaman",
                      f"pakai huruf kecil, angka, '-' dan '_' saja, mis. '{_slug(sop_id)}"
                      f"{path.suffix}'")
    jumlah_galat = len(laporan.daftar_galat)
    kurang = [k for k in S.SOP.kunci if k.wajib and k.nama not in rek.ditulis]
    if kurang:
        laporan.galat(Posisi(nama, 1, 1), "missing-key",
                      "kunci wajib belum ada: "
                      + ", ".join(f"{k.nama} ({k.judul})" for k in kurang),
                      "tambahkan kunci itu di berkas ini (atau di _default.yml foldernya); "
                      "contoh lengkap ada di halaman 'Menulis SOP'")
    sop = _bangun(rek, sop_id, nama, laporan)
    if len(laporan.daftar_galat) > jumlah_galat:
        return None
    return sop


def _gabung_bawaan(rek: Rekaman, path: Path, akar: Path, bawaan: dict[Path, Rekaman]) -> Rekaman:
    """Fill keys the SOP leaves out from `_default.yml` files, nearest folder first."""
    folder = path.parent.resolve()
    batas = akar.resolve()
    rantai = []
    while True:
        if folder in bawaan:
            rantai.append(bawaan[folder])
        if folder == batas or folder.parent == folder:
            break
        folder = folder.parent
    if not rantai:
        return rek
    hasil = Rekaman(dict(rek.nilai), dict(rek.posisi), rek.diri, set(rek.ditulis))
    for b in rantai:
        hasil.ditulis |= b.ditulis
        for kunci, nilai in b.nilai.items():
            if kunci not in hasil.nilai and kunci not in rek.ditulis:
                hasil.nilai[kunci] = nilai
                hasil.posisi[kunci] = b.posisi[kunci]
    return hasil


def _slug(teks: str) -> str:
    t = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9/_-]+", "-", t)
    return re.sub(r"-{2,}", "-", t).strip("-/") or "sop"


def normalkan_nomor(nomor: str) -> str:
    """Stray spaces around '/' are dropped: "800/ 14.047 / Banhub.A" → "800/14.047/Banhub.A"."""
    return re.sub(r"\s*/\s*", "/", " ".join(nomor.split()))


def kunci_nama(nama: str) -> str:
    return " ".join(nama.casefold().split())


def _tuple(nilai: Any) -> tuple[str, ...]:
    if nilai is None:
        return ()
    if isinstance(nilai, str):
        return (nilai,)
    return tuple(nilai)


def _bangun(rek: Rekaman, sop_id: str, berkas: str, lap: Laporan) -> Sop | None:
    """Model from a validated record, checking what types alone cannot: lanes, jumps, ids."""
    # Lanes and steps are checked even when other keys failed, so one run reports everything.
    pelaksana = _bangun_pelaksana(rek, lap) if "pelaksana" in rek.nilai else []
    kegiatan = _bangun_kegiatan(rek, pelaksana, lap) if "kegiatan" in rek.nilai else None
    if any(k.wajib and k.nama not in rek.nilai for k in S.SOP.kunci):
        return None
    ttd: Rekaman = rek.get("disahkan_oleh")
    ket = []
    daftar_ket = rek.get("keterkaitan")
    for item, pos in zip(daftar_ket, daftar_ket.posisi, strict=True):
        if isinstance(item, str):
            ket.append(Keterkaitan("teks", item, pos))
        elif "sop" in item.nilai:
            ket.append(Keterkaitan("sop", item.get("judul") or item.get("sop"), pos,
                                   sop_id=item.get("sop"), judul=item.get("judul")))
        else:
            ket.append(Keterkaitan("dokumen", item.get("dokumen"), pos))
    kolom: Rekaman | None = rek.get("kolom")
    riwayat = rek.get("riwayat_revisi") or []
    nip = ttd.get("nip")
    if kegiatan is None:
        return None
    return Sop(
        id=sop_id,
        berkas=berkas,
        posisi=rek.diri,
        nomor=normalkan_nomor(rek.get("nomor")),
        nomor_tertulis=rek.get("nomor"),
        nama=" ".join(rek.get("nama").split()),
        unit=rek.get("unit"),
        sub_unit=rek.get("sub_unit"),
        instansi=_tuple(rek.get("instansi")),
        tanggal_pembuatan=rek.get("tanggal_pembuatan"),
        tanggal_revisi=rek.get("tanggal_revisi"),
        tanggal_efektif=rek.get("tanggal_efektif"),
        disahkan_oleh=Penandatangan(
            jabatan=ttd.get("jabatan"),
            nama=ttd.get("nama"),
            pangkat=ttd.get("pangkat"),
            nip=" ".join(nip.split()) if nip else None,
        ),
        dasar_hukum=_tuple(rek.get("dasar_hukum")),
        kualifikasi_pelaksana=_tuple(rek.get("kualifikasi_pelaksana")),
        keterkaitan=tuple(ket),
        peralatan=_tuple(rek.get("peralatan")),
        peringatan=rek.get("peringatan"),
        pencatatan=_tuple(rek.get("pencatatan")),
        pelaksana=tuple(pelaksana),
        kegiatan=tuple(kegiatan),
        kolom=dict(kolom.nilai) if kolom else {},
        kata_kunci=_tuple(rek.get("kata_kunci")),
        riwayat_revisi=tuple(Revisi(r.get("tanggal"), r.get("uraian")) for r in riwayat
                             if "tanggal" in r.nilai and "uraian" in r.nilai),
        catatan=rek.get("catatan"),
        id_lama=_tuple(rek.get("id_lama")),
        bagan_alir=rek.get("bagan_alir", True),
        letak=dict(rek.posisi),
    )


def _bangun_pelaksana(rek: Rekaman, lap: Laporan) -> list[Pelaksana]:
    hasil: list[Pelaksana] = []
    daftar = rek.get("pelaksana")
    ids: dict[str, Posisi] = {}
    nama: dict[str, Posisi] = {}
    for item, pos in zip(daftar, daftar.posisi, strict=True):
        if isinstance(item, str):
            lane = Pelaksana(item, item, pos)
        elif "id" in item.nilai and "nama" in item.nilai:
            lane = Pelaksana(item.get("id"), item.get("nama"), pos)
        else:
            continue
        if lane.id in ids:
            lap.galat(pos, "duplicate-lane", f"pelaksana '{lane.id}' ditulis dua kali "
                      f"(pertama di baris {ids[lane.id].baris})", "hapus salah satunya")
            continue
        if kunci_nama(lane.nama) in nama:
            lap.galat(pos, "duplicate-lane", f"nama pelaksana '{lane.nama}' ditulis dua kali "
                      f"(pertama di baris {nama[kunci_nama(lane.nama)].baris})",
                      "hapus salah satunya")
            continue
        ids[lane.id] = pos
        nama[kunci_nama(lane.nama)] = pos
        hasil.append(lane)
    return hasil


def _cari_lane(ref: str, lanes: list[Pelaksana]) -> Pelaksana | None:
    for lane in lanes:
        if ref == lane.id:
            return lane
    k = kunci_nama(ref)
    for lane in lanes:
        if k in (kunci_nama(lane.id), kunci_nama(lane.nama)):
            return lane
    return None


def _bangun_kegiatan(rek: Rekaman, lanes: list[Pelaksana], lap: Laporan) -> list[Langkah] | None:
    daftar = rek.get("kegiatan")
    n = len(daftar)
    ok = True
    # Step ids first, so jumps can point forward.
    ids: dict[str, int] = {}
    for i, item in enumerate(daftar, 1):
        sid = item.get("id")
        if sid is None:
            continue
        if sid.isdigit():
            lap.galat(item.pos("id"), "bad-step-id", f"id langkah '{sid}' hanya berupa angka",
                      "pakai nama, mis. 'periksa'; nomor langkah sudah otomatis")
            ok = False
        elif sid in ids:
            lap.galat(item.pos("id"), "duplicate-step-id",
                      f"id langkah '{sid}' sudah dipakai langkah {ids[sid]}", "pakai id lain")
            ok = False
        else:
            ids[sid] = i

    def rujuk(item: Rekaman, kunci: str, ref: Any, pos: Posisi, nomor: int) -> int | None:
        nonlocal ok
        if isinstance(ref, int) and not isinstance(ref, bool):
            if 1 <= ref <= n:
                tujuan = ref
            else:
                lap.galat(pos, "bad-jump", f"'{kunci}' menuju langkah {ref} yang tidak ada",
                          f"SOP ini punya {n} langkah (1–{n})")
                ok = False
                return None
        elif str(ref) in ids:
            tujuan = ids[str(ref)]
        else:
            mirip = difflib.get_close_matches(str(ref), list(ids), n=1)
            saran = (f"maksud Anda '{mirip[0]}'?" if mirip else
                     "tulis nomor langkah atau 'id' sebuah langkah"
                     + (f" (id yang ada: {', '.join(ids)})" if ids else ""))
            lap.galat(pos, "bad-jump", f"'{kunci}' menuju langkah '{ref}' yang tidak ada", saran)
            ok = False
            return None
        if tujuan == nomor:
            lap.galat(pos, "bad-jump", f"'{kunci}' langkah {nomor} menuju dirinya sendiri",
                      "tulis langkah tujuan yang lain")
            ok = False
            return None
        return tujuan

    hasil: list[Langkah] = []
    for i, (item, pos) in enumerate(zip(daftar, daftar.posisi, strict=True), 1):
        if "aktivitas" not in item.nilai or "pelaksana" not in item.nilai:
            ok = False  # already reported as missing
            continue
        refs = _tuple(item.get("pelaksana"))
        lane_ids: list[str] = []
        for ref in refs:
            lane = _cari_lane(ref, lanes)
            if lane is None:
                nama_ada = [x.id for x in lanes] + [x.nama for x in lanes if x.nama != x.id]
                mirip = difflib.get_close_matches(ref, nama_ada, n=1, cutoff=0.5)
                saran = f"maksud Anda '{mirip[0]}'?" if mirip else (
                    "tambahkan ke daftar 'pelaksana' di atas, atau pakai salah satu: "
                    + ", ".join(x.id for x in lanes))
                lap.galat(item.pos("pelaksana"), "unknown-lane",
                          f"pelaksana '{ref}' di langkah {i} tidak ada di daftar 'pelaksana'",
                          saran)
                ok = False
            elif lane.id in lane_ids:
                lap.galat(item.pos("pelaksana"), "duplicate-lane",
                          f"pelaksana '{ref}' disebut dua kali di langkah {i}")
                ok = False
            else:
                lane_ids.append(lane.id)
        waktu = None
        if "waktu" in item.nilai:
            waktu, masalah = W.baca(item.get("waktu"))
            if masalah:
                lap.peringatan(item.pos("waktu"), "waktu", masalah.pesan, masalah.saran)
        keputusan = None
        lanjut = None
        berikut = i + 1 if i < n else None
        kep: Rekaman | None = item.get("keputusan")
        if kep is not None:
            if "lanjut" in item.nilai:
                lap.galat(item.pos("lanjut"), "jump-and-decision",
                          f"langkah {i} punya 'keputusan' dan 'lanjut' sekaligus",
                          "tujuan keputusan ditulis di 'ya:' dan 'tidak:'; hapus 'lanjut'")
                ok = False
            if not kep.nilai:
                lap.galat(item.pos("keputusan"), "empty-decision",
                          f"keputusan di langkah {i} tidak punya 'ya' maupun 'tidak'",
                          "tulis sedikitnya satu, mis. keputusan: {tidak: 2}")
                ok = False
            ya = rujuk(kep, "ya", kep.get("ya"), kep.pos("ya"), i) if "ya" in kep.nilai \
                else berikut
            tidak = rujuk(kep, "tidak", kep.get("tidak"), kep.pos("tidak"), i) \
                if "tidak" in kep.nilai else berikut
            keputusan = Keputusan(ya, tidak, "ya" in kep.nilai, "tidak" in kep.nilai)
        elif "lanjut" in item.nilai:
            lanjut = rujuk(item, "lanjut", item.get("lanjut"), item.pos("lanjut"), i)
        hasil.append(Langkah(
            nomor=i,
            aktivitas=item.get("aktivitas"),
            pelaksana=tuple(lane_ids),
            posisi=pos,
            id=item.get("id"),
            kelengkapan=_tuple(item.get("kelengkapan")),
            waktu=waktu,
            output=_tuple(item.get("output")),
            keterangan=item.get("keterangan"),
            keputusan=keputusan,
            lanjut=lanjut,
        ))
    if ok:
        dipakai = {p for langkah in hasil for p in langkah.pelaksana}
        for lane in lanes:
            if lane.id not in dipakai:
                lap.peringatan(lane.posisi, "unused-lane",
                               f"pelaksana '{lane.nama}' tidak melakukan satu langkah pun",
                               "hapus dari daftar 'pelaksana' atau sebut di langkahnya")
    return hasil if ok else None


def periksa_antar_berkas(sops: list[Sop], lap: Laporan) -> None:
    """Checks that need the whole handbook: unique nomor/nama/ids, `{sop: id}` targets."""
    nomor: dict[str, Sop] = {}
    nama: dict[str, Sop] = {}
    ids = {s.id: s for s in sops}
    lama: dict[str, Sop] = {}
    for s in sops:
        k = normalkan_nomor(s.nomor).casefold()
        if k in nomor:
            lap.galat(s.posisi_kunci("nomor"), "duplicate-nomor",
                      f"nomor '{s.nomor}' sudah dipakai oleh {nomor[k].posisi_kunci('nomor')}",
                      "setiap SOP harus bernomor unik")
        else:
            nomor[k] = s
        k = kunci_nama(s.nama)
        if k in nama:
            lap.galat(s.posisi_kunci("nama"), "duplicate-nama",
                      f"nama '{s.nama}' sudah dipakai oleh {nama[k].posisi_kunci('nama')}",
                      "setiap SOP harus berjudul unik")
        else:
            nama[k] = s
        for old in s.id_lama:
            if old in ids:
                lap.galat(s.posisi, "bad-id-lama",
                          f"id_lama '{old}' masih dipakai oleh SOP {ids[old].berkas}",
                          "id_lama hanya untuk alamat yang sudah tidak dipakai")
            elif old in lama:
                lap.galat(s.posisi, "bad-id-lama",
                          f"id_lama '{old}' juga ditulis di {lama[old].berkas}",
                          "satu alamat lama hanya boleh menuju satu SOP")
            else:
                lama[old] = s
    for s in sops:
        for k in s.keterkaitan:
            if k.jenis == "sop" and k.sop_id == s.id:
                lap.galat(k.posisi, "self-link", "SOP ini merujuk dirinya sendiri di keterkaitan",
                          "hapus butir ini")
            elif k.jenis == "sop" and k.sop_id not in ids:
                ganti = next((x.id for x in sops if k.sop_id in x.id_lama), None)
                mirip = difflib.get_close_matches(k.sop_id or "", list(ids), n=1)
                saran = (f"SOP itu sudah pindah; tulis '{ganti}'" if ganti else
                         f"maksud Anda '{mirip[0]}'?" if mirip else
                         "id adalah jalur berkas di bawah sops/ tanpa .yml")
                lap.galat(k.posisi, "unknown-sop", f"SOP '{k.sop_id}' tidak ada", saran)
