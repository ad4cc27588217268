"""An SOP's history from git, told in the form's own words ("Riwayat perubahan").

The official record is the `riwayat_revisi` written in the YAML; git knows what really changed.
For the whole handbook git runs twice, whatever its size: one `git log --raw` over `sops/`
(every revision of every file, with blob ids, renames followed) and one `git cat-file --batch`
for the contents not already explained. Each revision is parsed with the project's own loader
and compared with the one before, step by step, into Indonesian sentences. The sentences are
memoised by the pair of blob ids (plus this module's source and the `_default.yml` files), so a
warm build parses nothing. Outside a git repository, without git, or in a shallow clone, the
page says so instead of failing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from .diagnostics import Laporan
from .gambar import Memo
from .load import NAMA_DEFAULT, BukuPedoman, muat_satu
from .model import Langkah, Sop

MAKS_REVISI = 30  # revisions shown (and parsed) per SOP; older ones are only counted
MAKS_LANGKAH_SELARAS = 500  # above this many steps, steps are compared by position only
BATAS_WAKTU_GIT = 120  # seconds
# The sentences depend on this module and on how a revision is read: all of it keys the memo.
_KODE = hashlib.sha256(b"".join(
    (Path(__file__).parent / m).read_bytes()
    for m in ("riwayat.py", "load.py", "yaml_node.py", "schema.py", "model.py", "waktu.py")
)).hexdigest()[:16]
BLOB_KOSONG = "0" * 40
_BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


def tanggal_id(d: dt.date) -> str:
    return f"{d.day} {_BULAN[d.month - 1]} {d.year}"


# -- git ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Commit:
    sha: str
    tanggal: dt.date  # author date, as git records it
    penulis: str
    judul: str  # the commit message's subject


@dataclass(frozen=True)
class Jejak:
    """One revision of one file: the commit, the file's path then and its blob (and the
    blob before, "0"*40 when the file was added)."""

    commit: Commit
    berkas: str  # relative to the repository root
    blob: str
    blob_lama: str
    status: str  # A, M, R (moved), T


@dataclass
class LogGit:
    akar: Path  # the repository's top folder
    dangkal: bool  # a shallow clone: older revisions are missing
    commits: list[tuple[Commit, list[tuple[str, str, str, str, str]]]]  # newest first


class GitTidakAda(Exception):
    """No history available; the message (Indonesian) says why, for the page and the log."""


def _git(akar: Path, *argumen: str, masukan: bytes | None = None) -> bytes:
    try:
        hasil = subprocess.run(
            ["git", "-c", "core.quotePath=false", *argumen], cwd=akar, input=masukan,
            capture_output=True, timeout=BATAS_WAKTU_GIT, check=False)
    except FileNotFoundError:
        raise GitTidakAda("git tidak terpasang") from None
    except subprocess.TimeoutExpired:
        raise GitTidakAda(f"git tidak selesai dalam {BATAS_WAKTU_GIT} detik") from None
    if hasil.returncode != 0:
        pesan = hasil.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitTidakAda(f"git gagal: {pesan[0] if pesan else hasil.returncode}")
    return hasil.stdout


def baca_log(folder_sop: Path) -> LogGit:
    """All revisions of every file under `folder_sop`, in two git calls. Raises GitTidakAda."""
    if not folder_sop.is_dir():
        raise GitTidakAda("folder SOP tidak ada")
    try:
        keluar = _git(folder_sop, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    except GitTidakAda as e:
        if "tidak terpasang" in str(e):
            raise
        if "not a git repository" in str(e):  # the usual case outside git: no English detail
            raise GitTidakAda("folder SOP tidak berada di repositori git") from None
        raise GitTidakAda(f"folder SOP tidak dapat dibaca riwayat git-nya ({e})") from None
    baris = keluar.decode("utf-8", "replace").splitlines()
    akar = Path(baris[0]).resolve()
    dangkal = len(baris) > 1 and baris[1].strip() == "true"
    relatif = folder_sop.resolve().relative_to(akar).as_posix()
    # The main line's history: a merge counts as one revision (its change against the first
    # parent), so the file as merged is a revision too, not "uncommitted".
    keluar = _git(akar, "log", "--first-parent", "-m", "-M", "--raw", "--no-abbrev",
                  "--format=%x1e%H%x1f%as%x1f%an%x1f%s", "--", relatif or ".")
    return LogGit(akar, dangkal, urai_log(keluar.decode("utf-8", "replace")))


def urai_log(teks: str) -> list[tuple[Commit, list[tuple[str, str, str, str, str]]]]:
    """`git log --raw --format=%x1e%H%x1f%as%x1f%an%x1f%s` → commits with their file changes
    (status, blob before, blob after, path before, path after)."""
    hasil = []
    for blok in teks.split("\x1e")[1:]:
        kepala, _, sisa = blok.partition("\n")
        bagian = kepala.split("\x1f")
        if len(bagian) < 4:
            continue
        try:
            tanggal = dt.date.fromisoformat(bagian[1])
        except ValueError:
            continue
        commit = Commit(bagian[0], tanggal, bagian[2], "\x1f".join(bagian[3:]))
        ubah = []
        for b in sisa.splitlines():
            if not b.startswith(":"):
                continue
            meta, _, jalur = b.partition("\t")
            kolom = meta.split()
            if len(kolom) < 5:
                continue
            jalur_ = jalur.split("\t")
            status = kolom[4][:1]
            lama, baru = (jalur_[0], jalur_[-1])
            ubah.append((status, kolom[2], kolom[3], lama, baru))
        hasil.append((commit, ubah))
    return hasil


def lacak(log: list[tuple[Commit, list[tuple[str, str, str, str, str]]]],
          berkas: Iterable[str]) -> dict[str, list[Jejak]]:
    """Revisions of each file (path relative to the repository root), newest first, following
    moves back to the commit that added it. One pass over the log, whatever the handbook's size."""
    dilacak = {b: b for b in berkas}  # path at the commit being read → path today
    hasil: dict[str, list[Jejak]] = {b: [] for b in dilacak}
    for commit, ubah in log:
        for status, blob_lama, blob, lama, baru in ubah:
            kini = dilacak.get(baru)
            if kini is None or status == "D":
                continue
            hasil[kini].append(Jejak(commit, baru, blob, blob_lama, status))
            if status == "A":
                del dilacak[baru]  # older commits of this path were another file
            elif status in "RC" and lama != baru:
                del dilacak[baru]
                if status == "R":
                    dilacak[lama] = kini
    return hasil


def baca_blob(akar: Path, blob: Iterable[str]) -> dict[str, bytes]:
    """Contents of many blobs with one `git cat-file --batch`; missing ones are left out."""
    daftar = list(dict.fromkeys(b for b in blob if b != BLOB_KOSONG))
    if not daftar:
        return {}
    keluar = _git(akar, "cat-file", "--batch", masukan="".join(f"{b}\n" for b in daftar).encode())
    hasil: dict[str, bytes] = {}
    i = 0
    for b in daftar:
        akhir = keluar.index(b"\n", i)
        kepala = keluar[i:akhir].split()
        i = akhir + 1
        if len(kepala) != 3 or kepala[1] != b"blob":
            continue  # "<id> missing"
        besar = int(kepala[2])
        hasil[b] = keluar[i:i + besar]
        i += besar + 1
    return hasil


def blob_git(data: bytes) -> str:
    """The blob id git gives these bytes (what `git hash-object` prints), without a process."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


# -- comparing two revisions ---------------------------------------------------------------

def _pendek(teks: str, n: int = 80) -> str:
    teks = " ".join(teks.split())
    return f"“{teks}”" if len(teks) <= n else f"“{teks[:n - 1].rstrip()}…”"


def _daftar(butir: Iterable[str]) -> str:
    return ", ".join(_pendek(b) for b in butir)


def _kunci(lk: Langkah) -> str:
    return f"id:{lk.id}" if lk.id else " ".join(lk.aktivitas.casefold().split())


def _mirip(a: str, b: str) -> bool:
    """Reworded rather than replaced: most characters shared (linear: quick_ratio on multisets)."""
    return SequenceMatcher(None, a.casefold(), b.casefold(), autojunk=False).quick_ratio() >= 0.6


@dataclass
class Perbandingan:
    """What changed between two revisions, as sentences; `langkah` when any step changed,
    `tanggal` when `tanggal_revisi` or `riwayat_revisi` changed (the lint check needs both)."""

    kalimat: list[str] = field(default_factory=list)
    langkah: bool = False
    tanggal: bool = False


def _banding_daftar(kal: list[str], judul: str, lama: Iterable[str], baru: Iterable[str],
                    ganti: bool = False) -> None:
    lama_, baru_ = list(lama), list(baru)
    ada_lama, ada_baru = set(lama_), set(baru_)  # linear, however long the lists
    hapus = [x for x in lama_ if x not in ada_baru]
    tambah = [x for x in baru_ if x not in ada_lama]
    if ganti and hapus and len(hapus) == len(tambah):
        for a, b in zip(hapus, tambah, strict=True):
            kal.append(f"{judul}: {_pendek(a)} diganti dengan {_pendek(b)}.")
        return
    if tambah:
        kal.append(f"{judul} ditambah: {_daftar(tambah)}.")
    if hapus:
        kal.append(f"{judul} dihapus: {_daftar(hapus)}.")
    if not tambah and not hapus and lama_ != baru_:
        kal.append(f"{judul}: urutannya diubah.")


def _teks(nilai: object) -> str:
    if nilai is None or nilai == "" or nilai == ():
        return "-"
    if isinstance(nilai, dt.date):
        return tanggal_id(nilai)
    if isinstance(nilai, tuple):
        return "; ".join(str(x) for x in nilai)
    return str(nilai)


def _banding_nilai(kal: list[str], judul: str, lama: object, baru: object) -> bool:
    if lama == baru:
        return False
    if lama in (None, "", ()):
        kal.append(f"{judul} diisi: {_pendek(_teks(baru))}.")
    elif baru in (None, "", ()):
        kal.append(f"{judul} dikosongkan (sebelumnya {_pendek(_teks(lama))}).")
    else:
        kal.append(f"{judul} diubah dari {_pendek(_teks(lama))} menjadi {_pendek(_teks(baru))}.")
    return True


def _pasangkan(lama: tuple[Langkah, ...], baru: tuple[Langkah, ...]
               ) -> tuple[list[tuple[Langkah, Langkah]], list[Langkah], list[Langkah]]:
    """Steps of two revisions paired up: (same or reworded step), removed, added."""
    pasangan: list[tuple[Langkah, Langkah]] = []
    hapus: list[Langkah] = []
    tambah: list[Langkah] = []
    if max(len(lama), len(baru)) > MAKS_LANGKAH_SELARAS:
        opcodes = [("replace", 0, len(lama), 0, len(baru))]
    else:
        sm = SequenceMatcher(None, [_kunci(x) for x in lama], [_kunci(x) for x in baru],
                             autojunk=False)
        opcodes = sm.get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        a, b = lama[i1:i2], baru[j1:j2]
        if tag == "equal":
            pasangan += zip(a, b, strict=True)
            continue
        k = 0  # a replaced run: pairs in order while they read alike are reworded steps
        while tag == "replace" and k < min(len(a), len(b)) and _mirip(a[k].aktivitas,
                                                                        b[k].aktivitas):
            pasangan.append((a[k], b[k]))
            k += 1
        hapus += a[k:]
        tambah += b[k:]
    return pasangan, hapus, tambah


def bandingkan(lama: Sop | None, baru: Sop | None) -> Perbandingan:
    """Sentences saying what changed from `lama` to `baru` (None: a revision that does not
    load as a valid SOP). Renumbering alone is not a change; a step moved elsewhere is."""
    p = Perbandingan()
    kal = p.kalimat
    if lama is None or baru is None:
        kal.append("Isi revisi " + ("sebelumnya" if lama is None else "ini")
                   + " bukan SOP yang sah, jadi perubahannya tidak dapat diuraikan.")
        p.langkah = True
        return p
    _banding_nilai(kal, "Nomor SOP", lama.nomor, baru.nomor)
    _banding_nilai(kal, "Nama SOP", lama.nama, baru.nama)
    _banding_nilai(kal, "Unit", lama.unit, baru.unit)
    _banding_nilai(kal, "Sub unit", lama.sub_unit, baru.sub_unit)
    _banding_nilai(kal, "Instansi", lama.instansi, baru.instansi)
    p.tanggal |= _banding_nilai(kal, "Tanggal revisi", lama.tanggal_revisi, baru.tanggal_revisi)
    _banding_nilai(kal, "Tanggal efektif", lama.tanggal_efektif, baru.tanggal_efektif)
    _banding_nilai(kal, "Disahkan oleh (jabatan)", lama.disahkan_oleh.jabatan,
                   baru.disahkan_oleh.jabatan)
    _banding_nilai(kal, "Disahkan oleh (nama)", lama.disahkan_oleh.nama, baru.disahkan_oleh.nama)
    _banding_daftar(kal, "Dasar hukum", lama.dasar_hukum, baru.dasar_hukum, ganti=True)
    _banding_daftar(kal, "Kualifikasi pelaksana", lama.kualifikasi_pelaksana,
                    baru.kualifikasi_pelaksana)
    _banding_daftar(kal, "Keterkaitan", [k.teks for k in lama.keterkaitan],
                    [k.teks for k in baru.keterkaitan])
    _banding_daftar(kal, "Peralatan", lama.peralatan, baru.peralatan)
    _banding_nilai(kal, "Peringatan", lama.peringatan, baru.peringatan)
    _banding_daftar(kal, "Pencatatan", lama.pencatatan, baru.pencatatan)
    nama_lama = {x.id: x.nama for x in lama.pelaksana}
    nama_baru = {x.id: x.nama for x in baru.pelaksana}
    lajur = len(kal)
    _banding_daftar(kal, "Pelaksana (lajur)", nama_lama.values(), nama_baru.values())
    lajur_berubah = len(kal) > lajur
    # A lane or a step changed (a step's Keterangan alone is a note, not the procedure).
    p.langkah = _banding_langkah(kal, lama, baru, nama_lama, nama_baru) or lajur_berubah
    tanggal_lama = [(r.tanggal, r.uraian) for r in lama.riwayat_revisi]
    for t, u in ((r.tanggal, r.uraian) for r in baru.riwayat_revisi):
        if (t, u) not in tanggal_lama:
            kal.append(f"Riwayat revisi resmi ditambah: {tanggal_id(t)} — {_pendek(u)}.")
            p.tanggal = True
    _banding_daftar(kal, "Kata kunci", lama.kata_kunci, baru.kata_kunci)
    _banding_daftar(kal, "Alamat lama (id_lama)", lama.id_lama, baru.id_lama)
    _banding_nilai(kal, "Catatan", lama.catatan, baru.catatan)
    return p


def _banding_langkah(kal: list[str], lama: Sop, baru: Sop, nama_lama: dict[str, str],
                     nama_baru: dict[str, str]) -> bool:
    """Sentences for the steps into `kal`; True when the procedure itself changed (anything
    but a step's Keterangan, which is an editor's or author's note)."""
    pasangan, hapus, tambah = _pasangkan(lama.kegiatan, baru.kegiatan)
    # A step removed here and added there is a step moved (matched by key, linear).
    baru_per_kunci: dict[str, list[Langkah]] = {}
    for b in tambah:
        baru_per_kunci.setdefault(_kunci(b), []).append(b)
    pindah = []
    for a in hapus:
        calon = baru_per_kunci.get(_kunci(a))
        if calon:
            pindah.append((a, calon.pop(0)))
    dipindah = {id(x) for pasangan in pindah for x in pasangan}
    hapus = [a for a in hapus if id(a) not in dipindah]
    tambah = [b for b in tambah if id(b) not in dipindah]
    kunci_lama = {x.nomor: _kunci(x) for x in lama.kegiatan}
    kunci_baru = {x.nomor: _kunci(x) for x in baru.kegiatan}
    per_nomor: list[tuple[int, str]] = []
    inti = False
    for a, b in pindah:
        per_nomor.append((b.nomor, f"Langkah {_pendek(b.aktivitas)} dipindah dari nomor "
                                   f"{a.nomor} ke nomor {b.nomor}."))
    for a, b in [*pasangan, *pindah]:
        pre = f"Langkah {b.nomor}"
        if a.aktivitas != b.aktivitas:
            per_nomor.append((b.nomor, f"{pre} diubah kata-katanya: {_pendek(a.aktivitas)} "
                                       f"menjadi {_pendek(b.aktivitas)}."))
        oleh_a = tuple(nama_lama.get(x, x) for x in a.pelaksana)
        oleh_b = tuple(nama_baru.get(x, x) for x in b.pelaksana)
        rinci: list[str] = []
        _banding_nilai(rinci, "pelaksana", oleh_a, oleh_b)
        _banding_nilai(rinci, "waktu", a.waktu.teks if a.waktu else None,
                       b.waktu.teks if b.waktu else None)
        _banding_nilai(rinci, "kelengkapan", a.kelengkapan, b.kelengkapan)
        _banding_nilai(rinci, "output", a.output, b.output)
        if _alur(a, kunci_lama) != _alur(b, kunci_baru):
            rinci.append("alurnya (keputusan atau lanjut ke langkah lain) diubah.")
        inti = inti or bool(rinci) or a.aktivitas != b.aktivitas
        _banding_nilai(rinci, "keterangan", a.keterangan, b.keterangan)
        per_nomor += [(b.nomor, f"{pre}: {r}") for r in rinci]
    for b in tambah:
        oleh = ", ".join(nama_baru.get(x, x) for x in b.pelaksana)
        per_nomor.append((b.nomor, f"Langkah {b.nomor} baru: {_pendek(b.aktivitas)} ({oleh})."))
    for a in hapus:
        per_nomor.append((a.nomor, f"Langkah {_pendek(a.aktivitas)} (dulu nomor {a.nomor}) "
                                   "dihapus."))
    kal += [k for _, k in sorted(per_nomor, key=lambda x: x[0])]
    return inti or bool(pindah or tambah or hapus)


def _alur(lk: Langkah, kunci: dict[int, str]) -> tuple[Any, ...]:
    """Where a step leads, by the target steps' identity (numbers shift when steps are added)."""
    def k(n: int | None) -> str | None:
        return kunci.get(n) if n is not None else None
    if lk.keputusan:
        return ("keputusan", k(lk.keputusan.ya), k(lk.keputusan.tidak))
    return ("lanjut", k(lk.lanjut))


# -- the handbook's history -------------------------------------------------------------------

@dataclass(frozen=True)
class RevisiGit:
    """One revision of a SOP's file as its page lists it."""

    commit: str
    tanggal: dt.date
    penulis: str
    judul: str
    berkas: str
    perubahan: tuple[str, ...]


@dataclass(frozen=True)
class RiwayatSop:
    revisi: tuple[RevisiGit, ...] = ()  # newest first
    keterangan: str | None = None  # why there is no (complete) history
    lebih_lama: int = 0  # older revisions not shown


@dataclass
class RiwayatBuku:
    per_sop: dict[str, RiwayatSop]
    keterangan: str | None  # set when git gave nothing (not a repository, no git, ...)
    git: int = 0  # git processes run
    diurai: int = 0  # revisions parsed (memo misses)


Pemuat = Callable[[Sop, bytes], Sop | None]


def pemuat(proyek: Path, folder_sop: Path, bawaan: dict[Path, Any]) -> Pemuat:
    """Parse an older revision of a SOP's file with the project's own loader, as if it were the
    file today (same folder, today's `_default.yml`); its messages are not the build's."""
    def muat(sop: Sop, isi: bytes) -> Sop | None:
        return muat_satu(proyek / sop.berkas, folder_sop, proyek, Laporan(), bawaan, isi=isi)
    return muat


def sidik_bawaan(bawaan: Iterable[Path]) -> str:
    """Identity of the `_default.yml` files (folders as `load.BukuPedoman.bawaan` keys them):
    older revisions are read with them, so a change to one explains every revision anew."""
    h = hashlib.sha256()
    for folder in sorted(bawaan):
        for nama in NAMA_DEFAULT:
            try:
                h.update(f"{folder}/{nama}\0".encode() + (folder / nama).read_bytes())
            except OSError:
                continue
    return h.hexdigest()[:16]


def riwayat_buku(buku: BukuPedoman, proyek: Path, folder_sop: Path,
                 memo: Memo | None = None) -> RiwayatBuku:
    """`susun_riwayat` for a loaded handbook, its report receiving the warnings: what the build
    and `sop lint` both run."""
    return susun_riwayat(buku.sops, proyek, folder_sop, pemuat(proyek, folder_sop, buku.bawaan),
                         memo, buku.laporan, sidik_bawaan(buku.bawaan))


def susun_riwayat(sops: Iterable[Sop], proyek: Path, folder_sop: Path, muat: Pemuat,
                  memo: Memo | None = None, laporan: Laporan | None = None,
                  sidik_bawaan: str = "") -> RiwayatBuku:
    """Every SOP's revisions from git with what changed, and (into `laporan`) a warning for a
    SOP whose steps changed after its last dated revision (`tanggal_revisi`/`riwayat_revisi`).

    `muat(sop, bytes)` parses an older revision of that SOP's file with the project's loader.
    `sidik_bawaan` identifies the `_default.yml` files, which older revisions are read with.
    """
    sops = list(sops)
    memo = memo or Memo(None)
    try:
        log = baca_log(folder_sop)
    except GitTidakAda as e:
        alasan = f"Riwayat perubahan tidak tersedia: {e}."
        return RiwayatBuku({s.id: RiwayatSop(keterangan=alasan) for s in sops}, alasan, 1)
    hasil = RiwayatBuku({}, None, git=2)
    berkas_git = {s.id: (proyek / s.berkas).resolve().relative_to(log.akar).as_posix()
                  for s in sops if (proyek / s.berkas).resolve().is_relative_to(log.akar)}
    jejak = lacak(log.commits, berkas_git.values())
    kini: dict[str, tuple[bytes, str]] = {}
    for s in sops:
        try:
            data = (proyek / s.berkas).read_bytes()
        except OSError:
            continue
        kini[s.id] = (data, blob_git(data))
    # Pairs (older blob, newer blob) to explain: each shown revision against the one before,
    # and the file as it is now against its last committed revision (for the lint check).
    pasangan: dict[str, list[tuple[str, str]]] = {}
    for s in sops:
        j = jejak.get(berkas_git.get(s.id, ""), [])[:MAKS_REVISI + 1]
        daftar = [(j[i + 1].blob, j[i].blob) for i in range(len(j) - 1)]
        if s.id in kini and j:
            lama = j[0].blob if kini[s.id][1] != j[0].blob else (j[1].blob if len(j) > 1 else "")
            if lama:
                daftar.append((lama, kini[s.id][1]))
        pasangan[s.id] = daftar

    def k(a: str, b: str) -> str:
        return hashlib.sha256(f"riwayat\0{_KODE}\0{sidik_bawaan}\0{a}\0{b}".encode()).hexdigest()

    tersimpan: dict[tuple[str, str], Perbandingan] = {}
    perlu: set[str] = set()
    for daftar in pasangan.values():
        for a, b in daftar:
            if (a, b) in tersimpan:
                continue
            nilai = memo.ambil(k(a, b), _bentuk_memo)
            if nilai is not None:
                tersimpan[a, b] = Perbandingan(nilai["kalimat"], nilai["langkah"],
                                               nilai["tanggal"])
            else:
                perlu |= {a, b}
    isi = baca_blob(log.akar, perlu - {kini[i][1] for i in kini}) if perlu else {}
    if perlu:
        hasil.git += 1
    for data, blob in kini.values():
        isi[blob] = data
    terurai: dict[str, Sop | None] = {}
    for s in sops:
        for a, b in pasangan[s.id]:
            if (a, b) in tersimpan:
                continue
            for blob in (a, b):
                if blob not in terurai:
                    terurai[blob] = muat(s, isi[blob]) if blob in isi else None
                    hasil.diurai += 1
            p = bandingkan(terurai[a], terurai[b])
            if not p.kalimat:
                p.kalimat.append("Isi formulir tidak berubah (hanya penulisan berkas, "
                                 "mis. komentar, spasi atau urutan kunci).")
            tersimpan[a, b] = p
            memo.simpan(k(a, b), {"kalimat": p.kalimat, "langkah": p.langkah,
                                  "tanggal": p.tanggal})
        terurai.clear()  # each SOP's revisions are parsed once; none are kept in memory
    for s in sops:
        j = jejak.get(berkas_git.get(s.id, ""), [])
        hasil.per_sop[s.id] = _riwayat_sop(s, j, tersimpan, log.dangkal)
        if laporan is not None and s.id in kini and j:
            _periksa_tanggal(s, j, kini[s.id][1], tersimpan, laporan)
    return hasil


def _bentuk_memo(nilai: Any) -> bool:
    return (isinstance(nilai, dict) and isinstance(nilai.get("kalimat"), list)
            and all(isinstance(x, str) for x in nilai["kalimat"])
            and isinstance(nilai.get("langkah"), bool) and isinstance(nilai.get("tanggal"), bool))


def _riwayat_sop(s: Sop, j: list[Jejak], tersimpan: dict[tuple[str, str], Perbandingan],
                 dangkal: bool) -> RiwayatSop:
    if not j:
        return RiwayatSop(keterangan="Berkas SOP ini belum pernah di-commit ke git, jadi belum "
                                     "ada riwayat perubahannya.")
    tampil = j[:MAKS_REVISI]
    revisi = []
    for i, r in enumerate(tampil):
        if i + 1 < len(j):
            perubahan = list(tersimpan.get((j[i + 1].blob, r.blob), Perbandingan()).kalimat)
            if j[i + 1].berkas != r.berkas:
                perubahan.insert(0, f"Berkas dipindah dari {j[i + 1].berkas} ke {r.berkas}.")
        elif dangkal:
            perubahan = ["Revisi tertua yang ada di clone ini (riwayat git tidak lengkap)."]
        else:
            perubahan = ["SOP pertama kali ditambahkan ke buku pedoman."]
        revisi.append(RevisiGit(r.commit.sha, r.commit.tanggal, r.commit.penulis,
                                r.commit.judul, r.berkas, tuple(perubahan)))
    keterangan = None
    if dangkal:
        keterangan = ("Riwayat git di sini tidak lengkap (clone dangkal): revisi yang lebih "
                      "lama tidak terlihat. Di CI, ambil seluruh riwayat (GitHub Actions: "
                      "fetch-depth: 0; GitLab: GIT_DEPTH: 0).")
    elif len(j) == 1:
        keterangan = "Baru satu revisi tercatat di git: belum ada perubahan untuk dibandingkan."
    return RiwayatSop(tuple(revisi), keterangan, max(0, len(j) - MAKS_REVISI))


def _periksa_tanggal(s: Sop, j: list[Jejak], blob_kini: str,
                     tersimpan: dict[tuple[str, str], Perbandingan], lap: Laporan) -> None:
    """Warn when a step or lane changed after the last revision that set a new
    `tanggal_revisi` or `riwayat_revisi` entry: the file now (when not yet committed), then
    each committed revision back to the last dated one (within the revisions shown)."""
    langkah: list[tuple[tuple[str, str], Jejak | None]] = []
    if blob_kini != j[0].blob:
        langkah.append(((j[0].blob, blob_kini), None))
    langkah += [((j[i + 1].blob, j[i].blob), j[i]) for i in range(min(len(j), MAKS_REVISI) - 1)]
    for pasangan, revisi in langkah:
        p = tersimpan.get(pasangan)
        if p is None or p.tanggal:
            return
        if p.langkah:
            kapan = ("di berkas yang belum di-commit" if revisi is None else
                     f"di revisi {revisi.commit.sha[:7]} ({tanggal_id(revisi.commit.tanggal)})")
            lap.peringatan(
                s.posisi_kunci("tanggal_revisi"), "revision-date-unchanged",
                f"langkah prosedur berubah {kapan}, tetapi tanggal_revisi dan "
                "riwayat_revisi tidak",
                "isi 'tanggal_revisi' dengan tanggal pengesahan perubahan ini dan tambahkan "
                "entri 'riwayat_revisi' ({tanggal, uraian}); riwayat_revisi adalah catatan "
                "resmi")
            return
