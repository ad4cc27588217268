"""Read `sops/`, apply `_default.yml` files, and build the model from validated records.

The per-file validation lives in `yaml_node`; here are the checks that need the model (lanes,
jumps, step ids) or the whole handbook (unique nomor/nama, `{sop: id}` targets). All problems
of all files are collected in one `Laporan`; nothing here logs, raises for bad input or knows
about URLs.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema as S
from . import waktu as W
from .alur import periksa_alur
from .diagnostics import Diagnostik, Laporan, alasan_os
from .model import (
    Keputusan,
    Keterkaitan,
    Kop,
    Langkah,
    Pelaksana,
    Penandatangan,
    Posisi,
    Revisi,
    Sop,
)
from .yaml_node import Batal, Pembaca, Rekaman, baca_yaml, nama_karakter

EKSTENSI = (".yml", ".yaml")
NAMA_DEFAULT = ("_default.yml", "_default.yaml")
POLA_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$")
# A step id becomes the anchor of its row (#langkah-<id>): nothing that needs escaping.
POLA_ID_LANGKAH = re.compile(r"[A-Za-z0-9._-]+")


# -- files --------------------------------------------------------------------------------

def _nama_relatif(path: Path, basis: Path) -> str:
    """`path` as messages and pages show it: relative to the project, never absolute (a
    `sops_dir` outside the project gives '../...')."""
    return Path(os.path.relpath(path.resolve(), basis.resolve())).as_posix()


# -- the handbook -------------------------------------------------------------------------

@dataclass
class BukuPedoman:
    """All SOPs that loaded cleanly, plus every diagnostic of every file."""

    sops: list[Sop]
    laporan: Laporan
    bawaan: dict[Path, Rekaman] = field(default_factory=dict)  # _default.yml per folder

    def per_id(self) -> dict[str, Sop]:
        return {s.id: s for s in self.sops}


def cari_berkas(akar: Path, laporan: Laporan | None = None,
                basis: Path | None = None) -> tuple[list[Path], list[Path]]:
    """SOP files and `_default` files below `akar`, in a stable order; hidden paths skipped.

    Nothing is skipped in silence: a folder that cannot be read, a `.yml` that is not a regular
    file (a FIFO would block the build) and every symbolic link that is a folder, a YAML file or
    broken are reported into `laporan` (paths relative to `basis`). Links are never followed,
    inside `sops/` or out: a link out would publish files from outside the handbook, a link
    inside would publish the same SOP twice.
    """
    lap = laporan if laporan is not None else Laporan()
    basis = basis or Path.cwd()
    sop: list[Path] = []
    bawaan: list[Path] = []
    tumpukan = [akar]
    while tumpukan:
        folder = tumpukan.pop()
        try:
            with os.scandir(folder) as isi:
                entri = sorted(isi, key=lambda e: e.name)
        except OSError as e:
            lap.galat(Posisi(_nama_relatif(folder, basis) + "/"), "unreadable",
                      f"folder tidak dapat dibaca: {alasan_os(e)}",
                      "beri izin baca pada folder itu (mis. chmod a+rx) atau pindahkan ke luar "
                      "folder SOP; SOP di dalamnya tidak dimuat")
            continue
        for e in entri:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            yaml_ = p.suffix.lower() in EKSTENSI
            try:
                if e.is_symlink():
                    _lapor_tautan(p, akar, basis, yaml_, lap)
                    continue
                mode = e.stat(follow_symlinks=False).st_mode
            except OSError as err:
                lap.galat(Posisi(_nama_relatif(p, basis)), "unreadable",
                          f"tidak dapat dibaca: {alasan_os(err)}",
                          "periksa izin berkas itu (mis. chmod a+r)")
                continue
            if stat.S_ISDIR(mode):
                tumpukan.append(p)
            elif yaml_ and not stat.S_ISREG(mode):
                lap.galat(Posisi(_nama_relatif(p, basis)), "not-a-file",
                          f"'{p.name}' bukan berkas biasa ({_jenis_berkas(mode)})",
                          "hapus, atau ganti dengan berkas YAML biasa")
            elif yaml_:
                (bawaan if p.name.lower() in NAMA_DEFAULT else sop).append(p)
    return sorted(sop), sorted(bawaan)


def _lapor_tautan(p: Path, akar: Path, basis: Path, yaml_: bool, lap: Laporan) -> None:
    """Why a symbolic link under `sops/` is not followed (links to other files: ignored)."""
    nama = _nama_relatif(p.parent, basis) + "/" + p.name
    tujuan = os.readlink(p)
    try:
        p.stat()
    except OSError as e:
        sebab = "melingkar" if e.errno == errno.ELOOP else "tidak ada"
        lap.galat(Posisi(nama), "broken-symlink",
                  f"tautan simbolik rusak: tujuannya '{tujuan}' {sebab}",
                  "hapus tautan itu, atau salin berkas SOP-nya langsung ke folder ini")
        return
    if not (yaml_ or p.is_dir()):
        return
    try:
        p.resolve().relative_to(akar.resolve())
    except ValueError:
        lap.galat(Posisi(nama), "symlink",
                  f"tautan simbolik menuju ke luar folder SOP ('{tujuan}'); tidak diikuti",
                  "salin berkas atau folder itu ke dalam folder SOP; isi di luar buku tidak "
                  "ikut terbit")
        return
    lap.galat(Posisi(nama), "symlink",
              f"tautan simbolik di dalam folder SOP ('{tujuan}') tidak diikuti, agar SOP "
              "yang sama tidak terbit dua kali",
              "hapus tautan itu; untuk alamat lama SOP yang dipindah, tulis 'id_lama' di SOP-nya")


def _jenis_berkas(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "perangkat"
    return "berkas khusus"


CacheMuat = dict[Path, tuple[tuple[object, ...], list[Diagnostik], Sop | None]]


def muat(akar: Path, basis: Path | None = None, cache: CacheMuat | None = None) -> BukuPedoman:
    """Load every SOP under `akar` (the handbook's `sops/`). Paths in messages are relative to
    `basis` (the project folder; default: the current directory).

    `cache` (kept by the caller across `mkdocs serve` rebuilds) skips files whose size and
    modification time are unchanged, as long as no `_default.yml` changed either; checks
    across files always run again.
    """
    basis = basis or Path.cwd()
    laporan = Laporan()
    if not akar.is_dir():
        laporan.galat(Posisi(_nama_relatif(akar, basis)), "no-sops-dir",
                      "folder SOP tidak ditemukan", "buat folder itu atau atur 'sops_dir'")
        return BukuPedoman([], laporan)
    berkas_sop, berkas_bawaan = cari_berkas(akar, laporan, basis)
    berkas_sop = _tanpa_kembaran(
        berkas_sop, lambda p: p.with_suffix(""),
        lambda p, lain: f"berkas ini dan {lain} sama-sama menjadi SOP "
                        f"'{p.relative_to(akar).with_suffix('').as_posix()}'", basis, laporan)
    berkas_bawaan = _tanpa_kembaran(
        berkas_bawaan, lambda p: p.parent,
        lambda p, lain: f"berkas ini dan {lain} sama-sama _default folder yang sama",
        basis, laporan)
    bawaan: dict[Path, Rekaman] = {}
    for p in berkas_bawaan:
        nama = _nama_relatif(p, basis)
        node = baca_yaml(p, nama, laporan)
        if node is None:
            continue
        try:
            rek = Pembaca(nama, laporan).peta(node, S.SOP, "_default", cek_wajib=False)
        except Batal:
            continue
        if isinstance(rek, Rekaman):
            bawaan[p.parent.resolve()] = rek
    sops: list[Sop] = []
    jejak_bawaan = tuple((str(p), *_jejak(p)) for p in berkas_bawaan)
    for p in berkas_sop:
        if p.name.startswith("_"):
            laporan.peringatan(Posisi(_nama_relatif(p, basis)), "ignored-file",
                               "berkas diawali '_' diabaikan (hanya _default.yml yang dipakai)",
                               "ganti nama berkas bila ini sebuah SOP")
            continue
        kunci = (*_jejak(p), jejak_bawaan)
        lama = cache.get(p) if cache is not None else None
        if lama is not None and lama[0] == kunci:
            _, diagnostik, sop = lama
        else:
            sub = Laporan()
            sop = muat_satu(p, akar, basis, sub, bawaan)
            diagnostik = sub.semua
            if cache is not None:
                cache[p] = (kunci, diagnostik, sop)
        for d in diagnostik:
            laporan.tambah(d)
        if sop is not None:
            sops.append(sop)
    periksa_antar_berkas(sops, laporan)
    return BukuPedoman(sops, laporan, bawaan)


def _tanpa_kembaran(berkas: list[Path], kunci: Callable[[Path], object],
                    pesan: Callable[[Path, str], str], basis: Path, lap: Laporan) -> list[Path]:
    """Drop (and report) a file that would be the same page or `_default` as an earlier one:
    `a.yml` and `a.YAML` are both SOP 'a', and a folder has one `_default`."""
    pertama: dict[object, Path] = {}
    hasil = []
    for p in berkas:
        k = kunci(p)
        if k in pertama:
            lap.galat(Posisi(_nama_relatif(p, basis)), "duplicate-file",
                      pesan(p, _nama_relatif(pertama[k], basis)),
                      "hapus salah satunya, atau ganti nama berkasnya")
            continue
        pertama[k] = p
        hasil.append(p)
    return hasil


def _jejak(p: Path) -> tuple[int, int]:
    """Size and mtime for the cache; a file that vanished gets a key that never matches."""
    try:
        st = p.stat()
    except OSError:
        return -1, -1
    return st.st_mtime_ns, st.st_size


def muat_satu(path: Path, akar: Path, basis: Path, laporan: Laporan,
              bawaan: dict[Path, Rekaman] | None = None, isi: bytes | None = None) -> Sop | None:
    """One SOP file; `isi` gives its bytes from elsewhere (an older revision from git)."""
    nama = _nama_relatif(path, basis)
    node = baca_yaml(path, nama, laporan, isi)
    if node is None:
        return None
    pembaca = Pembaca(nama, laporan)
    try:
        rek = pembaca.peta(node, S.SOP, "SOP", cek_wajib=False)
    except Batal:
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
    if sop is not None and sop.contoh and sop.posisi_kunci("disahkan_oleh").berkas != nama:
        laporan.peringatan(sop.posisi_kunci("contoh"), "example-signer",
                           "SOP contoh memakai penandatangan dari "
                           f"{sop.posisi_kunci('disahkan_oleh').berkas}: formulirnya tampak "
                           "ditandatangani pejabat sungguhan",
                           "tulis 'disahkan_oleh' fiktif di SOP ini, mis. nama: Nama Pejabat "
                           "(contoh) dan nip: \"00000000 000000 0 000\"")
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


def _terlihat(teks: str) -> str:
    """`teks` with invisible characters written as escapes ('a\\nb'), for a message."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in teks)


def _sebut_karakter(c: str) -> str:
    if c == " ":
        return "spasi"
    if not c.isprintable():
        return f"karakter {nama_karakter(c)}"
    return f"karakter '{c}'"


def _slug_langkah(teks: str) -> str:
    t = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode()
    t = re.sub(r"[^A-Za-z0-9._-]+", "-", t).strip("-")
    return t if t and not t.isdigit() else "periksa"


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
    kop: Rekaman | None = rek.get("kop")
    formulir: Rekaman | None = rek.get("formulir")
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
        kop=Kop(kop.get("alamat"), kop.get("telepon"), kop.get("laman"), kop.get("surel"))
        if kop is not None and kop.ditulis else None,
        logo=rek.get("logo"),
        contoh=rek.get("contoh", False),
        pelaksana_direkonstruksi=rek.get("pelaksana_direkonstruksi", False),
        cetak_keterangan=formulir.get("kolom_keterangan") if formulir else None,
        cetak_ulang_pengesahan=formulir.get("ulang_pengesahan") if formulir else None,
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


def _lane_mirip(ref: str, lanes: list[Pelaksana]) -> Pelaksana | None:
    """The lane a mistyped reference most likely meant, comparing it with each lane's id and
    its name alike (ignoring case); None when nothing is close. Texts are cut to 100
    characters: the comparison is quadratic in length."""
    k = ref.casefold()[:100]
    terbaik: tuple[float, int] = (0.0, -1)
    for i, lane in enumerate(lanes):
        for teks in {lane.id, lane.nama}:
            r = difflib.SequenceMatcher(None, k, teks.casefold()[:100]).ratio()
            terbaik = max(terbaik, (r, -i))
    return lanes[-terbaik[1]] if terbaik[0] >= 0.5 else None


def _sebut_lane(lane: Pelaksana) -> str:
    """A lane by its name and its id (what a step may write), once when they are the same."""
    return f"'{lane.nama}'" if lane.nama == lane.id else f"'{lane.nama}' (id '{lane.id}')"


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
        if not POLA_ID_LANGKAH.fullmatch(sid):
            salah = next(c for c in sid if not POLA_ID_LANGKAH.fullmatch(c))
            lap.galat(item.pos("id"), "bad-step-id",
                      f"id langkah '{_terlihat(sid)}' memuat {_sebut_karakter(salah)}; id menjadi "
                      "alamat (#) baris langkah itu",
                      f"pakai huruf, angka, '-', '_' dan '.' saja, mis. '{_slug_langkah(sid)}'")
            ok = False
        elif sid.isdigit():
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
                mirip = _lane_mirip(ref, lanes)
                saran = f"maksud Anda {_sebut_lane(mirip)}?" if mirip else (
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
        serah = None
        if "diserahkan_ke" in item.nilai:
            serah = _cek_serah(item, i, lane_ids, lanes, lap)
            ok = ok and serah is not None
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
            if not kep.ditulis - {"pertanyaan"}:  # an invalid ya/tidak is reported already
                lap.galat(item.pos("keputusan"), "empty-decision",
                          f"keputusan di langkah {i} tidak punya 'ya' maupun 'tidak'",
                          "tulis sedikitnya satu, mis. keputusan: {tidak: 2}")
                ok = False
            ya = rujuk(kep, "ya", kep.get("ya"), kep.pos("ya"), i) if "ya" in kep.nilai \
                else berikut
            tidak = rujuk(kep, "tidak", kep.get("tidak"), kep.pos("tidak"), i) \
                if "tidak" in kep.nilai else berikut
            proses = bool(kep.get("proses", False))
            if proses and len(lane_ids) > 1:
                lap.galat(kep.pos("proses"), "process-decision-joint",
                          f"langkah {i}: 'proses: true' menggambar kotak lalu belah ketupat di "
                          f"satu lajur, tetapi langkah ini punya {len(lane_ids)} pelaksana",
                          "tulis satu pelaksana saja, atau hapus 'proses: true'")
                ok = False
            tanya = kep.get("pertanyaan")
            keputusan = Keputusan(ya, tidak, "ya" in kep.nilai, "tidak" in kep.nilai, proses,
                                  " ".join(tanya.split()) if tanya and tanya.strip() else None)
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
            diserahkan_ke=serah,
        ))
    if ok:
        periksa_alur(hasil, lap)
        dipakai = {p for langkah in hasil for p in langkah.lajur_semua}
        for lane in lanes:
            if lane.id not in dipakai:
                lap.peringatan(lane.posisi, "unused-lane",
                               f"pelaksana '{lane.nama}' tidak melakukan satu langkah pun",
                               "hapus dari daftar 'pelaksana' atau sebut di langkahnya")
    return hasil if ok else None


def _cek_serah(item: Rekaman, i: int, pelaksana: list[str], lanes: list[Pelaksana],
               lap: Laporan) -> str | None:
    """The lane a hand-off step (`diserahkan_ke`) passes to, or None after reporting why not:
    it must be a known lane other than the one performer, on a step that is not a decision."""
    ref = item.get("diserahkan_ke")
    pos = item.pos("diserahkan_ke")
    lane = _cari_lane(ref, lanes)
    if lane is None:
        nama_ada = [x.id for x in lanes] + [x.nama for x in lanes if x.nama != x.id]
        mirip = difflib.get_close_matches(ref, nama_ada, n=1, cutoff=0.5)
        lap.galat(pos, "unknown-lane",
                  f"'diserahkan_ke: {ref}' di langkah {i} tidak ada di daftar 'pelaksana'",
                  f"maksud Anda '{mirip[0]}'?" if mirip else
                  "pakai salah satu: " + ", ".join(x.id for x in lanes))
        return None
    if "keputusan" in item.nilai:
        lap.galat(pos, "handoff-decision",
                  f"langkah {i} adalah keputusan dan juga diserahkan ke '{ref}'",
                  "pecah menjadi dua langkah: keputusan, lalu langkah yang menyerahkan")
        return None
    if len(pelaksana) != 1:
        if len(pelaksana) > 1:
            lap.galat(pos, "handoff-joint",
                      f"langkah {i} punya {len(pelaksana)} pelaksana; serah terima berawal dari "
                      "satu pelaksana",
                      "tulis satu pelaksana yang menyerahkan, mis. 'pelaksana: staf'")
        return None  # an unknown performer is reported already
    if lane.id == pelaksana[0]:
        lap.galat(pos, "handoff-self",
                  f"langkah {i} diserahkan ke pelaksananya sendiri ('{ref}')",
                  "tulis pelaksana lain yang menerima, atau hapus 'diserahkan_ke'")
        return None
    return lane.id


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
            if not POLA_ID.match(old):
                lap.galat(s.posisi_kunci("id_lama"), "bad-id-lama",
                          f"id_lama '{old}' bukan id SOP",
                          "tulis jalur berkas lama di bawah sops/ tanpa .yml, mis. unit/nama-lama")
            elif old in ids:
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
            if k.jenis == "sop" and k.sop_id in lama:  # the link goes to the moved SOP's page
                if lama[k.sop_id] is s:
                    lap.galat(k.posisi, "self-link",
                              f"SOP ini merujuk dirinya sendiri di keterkaitan (lewat id_lama "
                              f"'{k.sop_id}')", "hapus butir ini")
                continue
            if k.jenis == "sop" and k.sop_id == s.id:
                lap.galat(k.posisi, "self-link", "SOP ini merujuk dirinya sendiri di keterkaitan",
                          "hapus butir ini")
            elif k.jenis == "sop" and k.sop_id not in ids:
                mirip = difflib.get_close_matches(k.sop_id or "", list(ids), n=1)
                saran = (f"maksud Anda '{mirip[0]}'?" if mirip else
                         "id adalah jalur berkas di bawah sops/ tanpa .yml")
                lap.galat(k.posisi, "unknown-sop", f"SOP '{k.sop_id}' tidak ada", saran)
