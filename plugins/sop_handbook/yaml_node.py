"""Validate one YAML file against `schema.py`, on YAML *nodes* rather than loaded values.

Nodes keep their line and column, so every problem can name where it is; duplicate keys are
seen (PyYAML's loader silently keeps the last one). Cost is bounded per file: its size is checked
before it is read, and the text it expands to through aliases is counted (in one pass over the
composed nodes) before anything walks it, so an alias bomb stops early. Problems go into a
`Laporan`; nothing here logs or raises for bad input.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import schema as S
from .diagnostics import Laporan, alasan_os
from .model import Posisi

UKURAN_MAKS = 1_000_000  # bytes; a SOP is a few KB
# Characters a file may expand to, aliases included (each value counts at least 1). Without
# aliases a file expands to no more than its bytes, so only aliases can pass this.
TEKS_MAKS = 1_000_000
KEDALAMAN_MAKS = 40
TAHUN_MAKS = 9000  # dates from here on are refused (see Pembaca._tahun_wajar)
DIGIT_LANGKAH_MAKS = 6  # digits of a step number (lanjut, keputusan)

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


# libyaml composes about ten times faster than PyYAML's pure-Python parser (a handbook of
# thousands of SOPs is mostly YAML parsing); both give the same nodes and marks.
_PEMUAT = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Uraian:
    """Why a document is refused before it is walked: `jenis` "besar" (expands past
    TEKS_MAKS; `node` is the key, or the list, where it does) or "melingkar" (an alias
    inside the value it names; `node` is that value)."""

    jenis: str
    node: Node
    alias: bool  # the file uses aliases at all


def _anak(n: Node) -> list[Node]:
    """Children, last first (they are popped off the end, so they come out in order)."""
    if isinstance(n, SequenceNode):
        return n.value[::-1]
    if isinstance(n, MappingNode):
        return [x for kv in reversed(n.value) for x in kv[::-1]]
    return []


def periksa_uraian(akar: Node, maks: int = TEKS_MAKS) -> Uraian | None:
    """Count, in document order, the characters the document expands to; stop past `maks`.

    Composing shares one node per anchor, so even a "billion laughs" file composes small and
    only explodes when walked. Here every node is entered once: a node met again (an alias)
    adds the size already counted for it, so the cost is linear in the file, not in what it
    expands to. Counting characters, not nodes, also catches one long text aliased many times.
    """
    ukuran: dict[int, int] = {}  # id(node) -> characters it expands to, once finished
    aktif: set[int] = set()  # collections on the current path (an alias to one is a loop)
    alias = False
    kunci: Node = akar
    if isinstance(akar, ScalarNode):
        return None if max(1, len(akar.value)) <= maks else Uraian("besar", akar, False)
    total = 1
    tumpukan: list[tuple[Node, list[Node], int]] = [(akar, _anak(akar), 0)]
    aktif.add(id(akar))
    while tumpukan:
        n, anak, awal = tumpukan[-1]
        if not anak:
            tumpukan.pop()
            aktif.discard(id(n))
            ukuran[id(n)] = total - awal
            continue
        c = anak.pop()
        if isinstance(n, MappingNode) and len(anak) % 2:
            kunci = c  # a key: where its value (maybe an alias) is written
        k = id(c)
        if k in ukuran:
            alias = True
            total += ukuran[k]
        elif isinstance(c, ScalarNode):  # most nodes: counted here, never stacked
            ukuran[k] = u = max(1, len(c.value))
            total += u
        elif k in aktif:
            return Uraian("melingkar", c, True)
        else:
            aktif.add(k)
            tumpukan.append((c, _anak(c), total))
            total += 1
        if total > maks:  # point at the key whose value passed it, else at the list
            return Uraian("besar", kunci if isinstance(n, MappingNode) else n, alias)
    return None


_TAG = "tag:yaml.org,2002:"
_TAG_BAKU = frozenset(_TAG + n for n in
                      ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))


class Batal(Exception):
    """Stops walking one file (nested too deep); already reported."""


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


class Pembaca:
    """Converts the nodes of one file against schema types, reporting into a Laporan."""

    def __init__(self, berkas: str, laporan: Laporan) -> None:
        self.berkas = berkas
        self.lap = laporan

    def pos(self, node: Node) -> Posisi:
        m = node.start_mark
        return Posisi(self.berkas, m.line + 1, m.column + 1)

    def galat(self, node: Node, kode: str, pesan: str, saran: str | None = None) -> None:
        self.lap.galat(self.pos(node), kode, pesan, saran)

    # -- generic walk ---------------------------------------------------------------------
    def baca(self, node: Node, jenis: S.Jenis, nama: str, dalam: int = 0) -> Any:
        if dalam > KEDALAMAN_MAKS:
            self.galat(node, "too-deep", "struktur bersarang terlalu dalam (alias melingkar?)",
                       "tulis nilainya langsung, tanpa &jangkar dan *alias")
            raise Batal
        if node.tag not in _TAG_BAKU:  # `!penting Agenda`: the word would vanish in silence
            self.galat(node, "yaml-tag", f"'{node.tag}' di awal '{nama}' dibaca sebagai tag YAML "
                       "dan tidak ikut menjadi teks", _KUTIP)
            return _TIDAK_SAH
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
            return self._tahun_wajar(node, self._tanggal(node, jenis, nama))
        if isinstance(jenis, S.Logika):
            if node.tag != _TAG + "bool":
                self.galat(node, "wrong-type",
                           f"'{nama}' harus true atau false, bukan '{node.value}'")
                return _TIDAK_SAH
            return _KONSTRUKTOR.construct_yaml_bool(node)
        if isinstance(jenis, S.RujukanLangkah):
            if node.tag == _TAG + "int":
                if len(node.value) > DIGIT_LANGKAH_MAKS:  # int() of 4,300+ digits raises
                    self.galat(node, "bad-jump", f"nomor langkah '{node.value[:12]}…' terlalu "
                               "besar", "tulis nomor langkah yang ada (1, 2, ...) atau id-nya")
                    return _TIDAK_SAH
                return _KONSTRUKTOR.construct_yaml_int(node)
            return self._teks(node, S.TEKS, nama)
        return self._teks(node, jenis, nama)

    def _teks(self, node: ScalarNode, jenis: Any, nama: str) -> Any:
        teks = str(node.value).strip()
        if not teks:
            self.galat(node, "empty", f"'{nama}' kosong", f"isi '{nama}' atau hapus barisnya")
            return _TIDAK_SAH
        kendali = KENDALI_TEKS.search(teks)
        if kendali:  # written as an escape ("\x00", "\e"): it would reach DOT and HTML
            self.galat(node, "control-char",
                       f"'{nama}' berisi karakter kendali {nama_karakter(kendali[0])}",
                       "hapus escape itu dari teks bertanda kutip ganda (mis. \\x00, \\e, "
                       "\\a); tulis '\\\\' bila maksudnya garis miring terbalik")
            return _TIDAK_SAH
        pola = getattr(jenis, "pola", None)
        if pola and not re.match(pola, teks):
            self.galat(node, "bad-format", f"'{nama}' tidak sah: '{teks}'", jenis.pesan_pola)
            return _TIDAK_SAH
        return teks

    def _tahun_wajar(self, node: ScalarNode, nilai: Any) -> Any:
        """Dates from year 9000 on are typos, and a review date a few years later would not
        exist (Python dates end at 9999)."""
        if isinstance(nilai, dt.date) and nilai.year >= TAHUN_MAKS:
            self.galat(node, "bad-date", f"tahun {nilai.year} terlalu jauh",
                       f"tulis tahun sebelum {TAHUN_MAKS}, mis. 2024")
            return _TIDAK_SAH
        return nilai

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
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", teks):  # a quoted ISO date, e.g. "2021-05-01"
            try:
                return dt.date.fromisoformat(teks)
            except ValueError:
                self.galat(node, "bad-date", f"tanggal '{teks}' tidak ada di kalender", contoh)
                return _TIDAK_SAH
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
        if jenis.maksimal and len(node.value) > jenis.maksimal:  # refused before it is walked
            self.galat(node, "too-many-items",
                       f"{jenis.nama} '{nama}' terlalu panjang: {_angka(len(node.value))} butir, "
                       f"paling banyak {_angka(jenis.maksimal)}", jenis.saran_maksimal)
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
            self.galat(node, "empty", f"'{nama}' harus berisi sedikitnya {jenis.minimal} butir",
                       "tulis tiap butir di baris sendiri diawali '- '")
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
                # A required date may be left open only on purpose ('-' or null), not blank.
                if (isinstance(definisi.jenis, S.Tanggal) and definisi.jenis.boleh_kosong
                        and (v_node.value or not definisi.wajib)):
                    rek.nilai[kunci] = None
                    rek.posisi[kunci] = self.pos(v_node)
                elif definisi.wajib:
                    sama_baris = v_node.start_mark.line == k_node.start_mark.line
                    saran = f"tulis {definisi.jenis.nama} setelah '{kunci}:'"
                    if isinstance(definisi.jenis, S.Tanggal) and definisi.jenis.boleh_kosong:
                        saran += ", mis. 1 Mei 2021, atau '-' bila belum ditetapkan"
                    self.galat(v_node if sama_baris else k_node, "empty", f"'{kunci}' kosong",
                               saran)
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


def baca_yaml(path: Path, berkas: str, laporan: Laporan,
              isi: bytes | None = None) -> MappingNode | None:
    """Read one file into a YAML mapping node, or report why not (encoding, syntax, shape).

    `isi`: the file's bytes from elsewhere (an older revision from git), checked the same way.
    """
    pos = Posisi(berkas, 1, 1)
    if isi is not None:
        besar, data = len(isi), isi[: UKURAN_MAKS + 1]
    elif path.exists() and not path.is_file():  # a FIFO given to `sop lint` would block forever
        laporan.galat(pos, "not-a-file", "bukan berkas biasa (folder, FIFO atau perangkat)",
                      "beri jalur sebuah berkas YAML")
        return None
    else:
        try:
            # The size is checked before reading, and never more than the limit + 1 byte is
            # read (the file may grow meanwhile): a 3 GB file costs nothing.
            with path.open("rb") as f:
                besar = os.fstat(f.fileno()).st_size
                data = f.read(UKURAN_MAKS + 1) if besar <= UKURAN_MAKS else b""
        except OSError as e:
            laporan.galat(pos, "unreadable", f"berkas tidak dapat dibaca: {alasan_os(e)}",
                          "periksa izin berkas itu (mis. chmod a+r)")
            return None
    if besar > UKURAN_MAKS or len(data) > UKURAN_MAKS:
        laporan.galat(pos, "too-large",
                      f"berkas terlalu besar ({_angka(max(besar, len(data)))} byte; "
                      f"paling besar {_angka(UKURAN_MAKS)} byte)",
                      "satu SOP per berkas, biasanya beberapa KB; pecah berkas ini "
                      "atau pindahkan lampiran besar ke luar YAML")
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
    kendali = KENDALI_BERKAS.search(teks)
    if kendali:  # PyYAML would say "unacceptable character", in English, at 1:1
        i = kendali.start()
        baris = teks.count("\n", 0, i) + 1
        kolom = i - (teks.rfind("\n", 0, i) + 1) + 1
        lain = len(KENDALI_BERKAS.findall(teks)) - 1
        laporan.galat(Posisi(berkas, baris, kolom), "control-char",
                      f"karakter kendali {nama_karakter(kendali[0])} tidak boleh ada di berkas"
                      + (f" (dan {lain} lagi)" if lain else ""),
                      "hapus karakter tak terlihat itu (sering terbawa saat menyalin dari PDF "
                      "atau aplikasi lain); ketik ulang teks di sekitarnya bila perlu")
        return None
    try:
        dokumen = list(yaml.compose_all(teks, Loader=_PEMUAT))
    except yaml.MarkedYAMLError as e:
        laporan.galat(*_galat_yaml(e, berkas, teks))
        return None
    except yaml.YAMLError as e:
        laporan.galat(pos, "yaml-syntax", "YAML tidak sah: berkas tidak dapat diurai "
                      f"({' '.join(str(e).split())})",
                      "periksa karakter aneh di berkas; simpan ulang sebagai teks UTF-8 biasa")
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
    uraian = periksa_uraian(akar)
    if uraian is not None:
        laporan.galat(*_pesan_uraian(uraian, berkas))
        return None
    if not isinstance(akar, MappingNode):
        bentuk = "daftar" if isinstance(akar, SequenceNode) else "teks"
        m = akar.start_mark
        laporan.galat(Posisi(berkas, m.line + 1, m.column + 1), "not-mapping",
                      f"isi berkas harus berupa pemetaan 'kunci: nilai', bukan {bentuk}",
                      "mulai berkas dengan 'nomor: ...' lalu 'nama: ...' tanpa '- ' di depannya")
        return None
    return akar


# Characters YAML does not allow in a file (C0/C1 controls but tab, LF, CR; NEL and the Unicode
# line separators, which YAML 1.1 reads as line breaks; surrogates; U+FFFE/U+FFFF).
KENDALI_BERKAS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
                            "\ufffe\uffff]")
# In a parsed text value only tab and line feed may remain (from a block scalar or an escape).
KENDALI_TEKS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")

_NAMA_C0 = ("NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK "
            "SYN ETB CAN EM SUB ESC FS GS RS US").split()
_NAMA_C1 = ("PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 DCS PU1 PU2 STS "
            "CCH MW SPA EPA SOS SGCI SCI CSI ST OSC PM APC").split()


def nama_karakter(c: str) -> str:
    """A character as an author can look it up: 'U+007F (DEL)', 'U+2028 (LINE SEPARATOR)'."""
    k = ord(c)
    if k < 0x20:
        nama = _NAMA_C0[k]
    elif k == 0x7F:
        nama = "DEL"
    elif 0x80 <= k < 0xA0:
        nama = _NAMA_C1[k - 0x80]
    else:
        nama = unicodedata.name(c, "surrogat" if 0xD800 <= k < 0xE000 else "bukan karakter")
    return f"U+{k:04X} ({nama})"


_KUTIP = "apit seluruh teks dengan tanda kutip, mis. nama: \"...\""
_LEKUK = "butir yang setingkat harus menjorok dengan jumlah spasi yang sama"
_ESCAPE = ("di dalam tanda kutip ganda '\\' memulai escape: tulis '\\\\' untuk garis miring "
           "terbalik, atau pakai tanda kutip tunggal '...'")
_ALIAS = "tulis nilainya langsung, tanpa &jangkar dan *alias"

def _angka(n: int) -> str:
    """1000000 → "1.000.000", as Indonesian writes numbers."""
    return f"{n:,}".replace(",", ".")


def _pesan_uraian(u: Uraian, berkas: str) -> tuple[Posisi, str, str, str]:
    m = u.node.start_mark
    pos = Posisi(berkas, m.line + 1, m.column + 1)
    saran = _ALIAS
    if u.jenis == "melingkar":
        return (pos, "alias-loop",
                "alias (*) menunjuk nilai yang memuat alias itu sendiri (melingkar)", saran)
    if u.alias:
        return (pos, "too-large",
                f"isi berkas menjadi lebih dari {_angka(TEKS_MAKS)} karakter setelah alias "
                "YAML (*) di sini diuraikan",
                saran + "; satu SOP biasanya hanya beberapa ribu karakter")
    return (pos, "too-large", f"isi berkas lebih dari {_angka(TEKS_MAKS)} karakter",
            "satu SOP per berkas, biasanya beberapa ribu karakter; pecah berkas ini")


# libyaml's (and PyYAML's) problems, by a piece of the English text, in the authors' language;
# the original stays in brackets for helpers. Order matters: the first match wins.
_PESAN_YAML = (
    ("tab character", "karakter tab tidak boleh dipakai",
     "ganti karakter tab dengan spasi"),
    ("unexpected end of stream", "berkas berakhir sebelum tanda kutip atau kurung ditutup",
     "tutup tanda kutip atau kurung itu, atau hapus pembukanya"),
    ("mapping values are not allowed", "tanda ':' tidak boleh di sini",
     "teks yang memuat ': ' harus diapit tanda kutip, mis. aktivitas: \"Catatan: ...\""),
    ("found unexpected ':'", "tanda ':' tidak boleh di sini",
     "teks yang memuat ': ' harus diapit tanda kutip, mis. aktivitas: \"Catatan: ...\""),
    ("could not find expected ':'", "baris ini bukan 'kunci: nilai' (tanda ':' tidak ditemukan)",
     "tulis 'kunci: nilai', atau bila ini lanjutan teks baris sebelumnya, menjoroklah lebih "
     "dalam"),
    ("expected <block end>", "indentasi tidak konsisten", _LEKUK),
    ("did not find expected '-'", "indentasi daftar tidak konsisten",
     "setiap butir daftar diawali '- ' dengan indentasi yang sama"),
    ("did not find expected ',' or ']'", "daftar '['{buka} tidak ditutup dengan ']'",
     "tutup dengan ']' dan pisahkan butir dengan koma; teks yang memuat koma atau ':' diapit "
     "tanda kutip"),
    ("did not find expected ',' or '}'", "pemetaan '{{'{buka} tidak ditutup dengan '}}'",
     "tutup dengan '}' dan pisahkan pasangan 'kunci: nilai' dengan koma; teks yang memuat koma "
     "diapit tanda kutip"),
    ("found undefined alias", "alias (*) tanpa jangkar (&)", _ALIAS),
    ("found duplicate anchor", "jangkar (&) yang sama ditulis dua kali", _ALIAS),
    ("while scanning an alias", "'*' di awal nilai dibaca sebagai alias YAML", _KUTIP),
    ("while scanning an anchor", "'&' di awal nilai dibaca sebagai jangkar YAML", _KUTIP),
    ("unknown escape character", "escape tidak dikenal di dalam tanda kutip ganda", _ESCAPE),
    ("escape code", "escape Unicode tidak sah di dalam tanda kutip ganda", _ESCAPE),
    ("hexdecimal number", "escape Unicode tidak sah di dalam tanda kutip ganda", _ESCAPE),
    ("unexpected document indicator", "'---' atau '...' di awal baris di dalam teks bertanda "
     "kutip", "menjoroklah baris itu, atau jangan awali baris dengan '---'/'...'"),
    ("<document start>", "ada isi setelah akhir dokumen ('...' atau '---')",
     "satu SOP per berkas: hapus baris '---'/'...' itu beserta isi sesudahnya"),
    ("indentation indicator", "'|' atau '>' tidak boleh diikuti angka 0",
     "tulis '|' atau '>' saja, lalu teksnya di baris berikut, menjorok"),
    ("while scanning a block scalar", "setelah '|' atau '>' tidak boleh ada teks lain",
     "tulis '|' atau '>' di akhir baris, lalu teksnya di baris berikut, menjorok"),
    ("tag", "'!' di awal nilai dibaca sebagai tag YAML", _KUTIP),
    ("directive", "baris yang diawali '%' adalah direktif YAML",
     "hapus baris itu, atau apit teksnya dengan tanda kutip"),
    ("%YAML", "baris yang diawali '%' adalah direktif YAML",
     "hapus baris itu, atau apit teksnya dengan tanda kutip"),
    ("block sequence entries are not allowed", "butir daftar '- ' tidak boleh di sini",
     "tulis daftar pada baris baru di bawah 'kunci:', menjorok; teks yang diawali '- ' diapit "
     "tanda kutip"),
    ("mapping keys are not allowed", "'?' tidak boleh di sini", _KUTIP),
    ("did not find expected node content", "nilai tidak ada atau tidak sah di sini",
     "tulis nilai setelah ':' atau '- ', dan apit teks yang diawali tanda baca dengan tanda "
     "kutip"),
)


_BARIS_KUNCI = re.compile(r"( *)(- +)?([A-Za-z_][A-Za-z0-9_]*) *:( +\S|$)")
_CARI_ATAS = 50  # lines looked at above an indentation error for the key to align with


def _kunci_baris(isi: str) -> tuple[str, int, bool] | None:
    """(key, 0-based column of the key, has a value on the line) for a `key:` line."""
    m = _BARIS_KUNCI.match(isi)
    if m is None:
        return None
    return m[3], len(m[1]) + len(m[2] or ""), bool(m[4].strip())


def _saran_lekuk(semua_baris: list[str], baris: int) -> tuple[str, str] | None:
    """For a `key:` line indented unlike the key above it: name that key, its line and the
    spaces to write, so the fix is one edit (not a guess that breaks the next line)."""
    if baris >= len(semua_baris):
        return None
    ini = _kunci_baris(semua_baris[baris])
    if ini is None:
        return None
    lewat_daftar = False
    for n in range(baris - 1, max(-1, baris - 1 - _CARI_ATAS), -1):
        isi = semua_baris[n]
        if not isi.strip() or isi.lstrip().startswith("#"):
            continue
        atas = _kunci_baris(isi)
        if atas is None:
            if isi.lstrip().startswith("- "):
                if ini[1] >= len(isi) - len(isi.lstrip()):
                    return None  # at or past the list's '-': a list item or a key? ambiguous
                lewat_daftar = True  # an item of a list under a key: look up for that key
                continue
            return None
        kunci, kolom, ada_nilai = atas
        if kolom == ini[1] or (ini[1] > kolom and not ada_nilai and not lewat_daftar):
            return None  # aligned, or a child of a key without a value: not this problem
        return (f"indentasi tidak konsisten: '{ini[0]}' menjorok {ini[1]} spasi, sedangkan "
                f"'{kunci}' di baris {n + 1} menjorok {kolom} spasi",
                f"sejajarkan dengan '{kunci}' di baris {n + 1}: tulis {kolom} spasi di depan "
                f"'{ini[0]}'")
    return None


# Hints that an indentation error's own line and the key above it can make exact.
_SARAN_LEKUK_UMUM = {
    _LEKUK, "setiap butir daftar diawali '- ' dengan indentasi yang sama",
    "teks yang memuat ': ' harus diapit tanda kutip, mis. aktivitas: \"Catatan: ...\"",
}


def _galat_yaml(e: yaml.MarkedYAMLError, berkas: str, teks: str) -> tuple[Posisi, str, str, str]:
    """libyaml's error as a message an author can act on, at the line and column that matter."""
    asli = " ".join(x for x in (e.context, e.problem) if x).strip()
    m = e.problem_mark or e.context_mark
    konteks = e.context or ""
    tanpa_tutup = "quoted scalar" in konteks and "end of stream" in asli
    if e.context_mark and (tanpa_tutup or "simple key" in konteks):
        m = e.context_mark  # the opening quote / the line without ':', not the end of the file
    baris, kolom = (m.line, m.column) if m else (0, 0)
    p = Posisi(berkas, baris + 1, kolom + 1)
    semua_baris = teks.splitlines()
    isi_baris = semua_baris[baris] if baris < len(semua_baris) else ""
    c = isi_baris[kolom] if kolom < len(isi_baris) else ""
    pesan_saran: tuple[str, str] | None = None
    if tanpa_tutup:
        pesan_saran = ("tanda kutip dibuka tetapi tidak ditutup",
                       "tutup tanda kutip di akhir teks, atau hapus tanda kutip pembukanya")
    elif "cannot start any token" in asli:
        pesan_saran = (("karakter tab tidak boleh dipakai",
                        "ganti karakter tab dengan spasi") if c == "\t" else
                       (f"karakter '{c}' tidak boleh mengawali nilai", _KUTIP))
    elif "did not find expected key" in asli:
        if isi_baris[:kolom].strip():  # mid-line: text after a closing quote, e.g. "x" y
            pesan_saran = ("ada teks setelah tanda kutip penutup",
                           "apit seluruh teks dengan tanda kutip, atau hapus kutipnya")
        else:
            pesan_saran = ("indentasi tidak konsisten", _LEKUK)
    else:
        pesan_saran = next(((ps, sr) for k, ps, sr in _PESAN_YAML if k in asli), None)
    if pesan_saran is None or pesan_saran[1] in _SARAN_LEKUK_UMUM:
        pesan_saran = _saran_lekuk(semua_baris, baris) or pesan_saran
    if pesan_saran is None:
        return (p, "yaml-syntax", f"YAML tidak sah di sini ({asli})",
                "periksa indentasi (pakai spasi, bukan tab) dan tanda kutip di baris ini")
    pesan, saran = pesan_saran
    if "{buka}" in pesan:  # an unclosed bracket: say where it was opened
        m_buka = e.context_mark
        pesan = pesan.format(buka=f" di baris {m_buka.line + 1}" if m_buka else "")
    return p, "yaml-syntax", f"YAML tidak sah: {pesan} ({e.problem})", saran
