"""One diagnostic type for every problem found in the SOP files.

Printed the way compilers print them (`path:line:col: severity[code]: message`), so editors
and CI logs make them clickable. Deciding whether a build fails is the caller's job.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import StrEnum

from .model import Posisi


class Tingkat(StrEnum):
    """Severity. Values are the words printed in each message."""

    GALAT = "galat"  # error: the build stops
    PERINGATAN = "peringatan"  # warning: fails only in strict mode


@dataclass(frozen=True)
class Diagnostik:
    posisi: Posisi
    kode: str
    pesan: str
    tingkat: Tingkat = Tingkat.GALAT
    saran: str | None = None  # what to write instead

    def __str__(self) -> str:
        teks = f"{self.posisi}: {self.tingkat.value}[{self.kode}]: {self.pesan}"
        if self.saran:
            teks += f" — {self.saran}"
        return teks

    @property
    def galat(self) -> bool:
        return self.tingkat is Tingkat.GALAT

    def urutan(self) -> tuple[str, int, int, str]:
        return (self.posisi.berkas, self.posisi.baris, self.posisi.kolom, self.kode)


class Laporan:
    """Collects diagnostics from every file so they can be reported all at once."""

    def __init__(self) -> None:
        self.semua: list[Diagnostik] = []
        self._terlihat: set[Diagnostik] = set()

    def tambah(self, d: Diagnostik) -> None:
        # The same value reached twice through a YAML alias gives the same message: say it once.
        if d not in self._terlihat:
            self._terlihat.add(d)
            self.semua.append(d)

    def galat(self, posisi: Posisi, kode: str, pesan: str, saran: str | None = None) -> None:
        self.tambah(Diagnostik(posisi, kode, pesan, Tingkat.GALAT, saran))

    def peringatan(self, posisi: Posisi, kode: str, pesan: str, saran: str | None = None) -> None:
        self.tambah(Diagnostik(posisi, kode, pesan, Tingkat.PERINGATAN, saran))

    @property
    def ada_galat(self) -> bool:
        return any(d.galat for d in self.semua)

    @property
    def daftar_galat(self) -> list[Diagnostik]:
        return sorted((d for d in self.semua if d.galat), key=Diagnostik.urutan)

    @property
    def daftar_peringatan(self) -> list[Diagnostik]:
        return sorted((d for d in self.semua if not d.galat), key=Diagnostik.urutan)

    def terurut(self) -> list[Diagnostik]:
        return sorted(self.semua, key=Diagnostik.urutan)


def ringkasan(galat: int, peringatan: int) -> str:
    return f"{galat} galat, {peringatan} peringatan"


_ALASAN_OS = {
    errno.EACCES: "izin ditolak",
    errno.EPERM: "izin ditolak",
    errno.ENOENT: "tidak ada (terhapus saat dibaca?)",
    errno.ELOOP: "tautan simbolik melingkar",
    errno.EISDIR: "ini sebuah folder",
    errno.ENOTDIR: "bukan folder",
    errno.EIO: "galat baca perangkat (disk rusak?)",
    errno.ENAMETOOLONG: "nama terlalu panjang",
}


def alasan_os(e: OSError) -> str:
    """Why a file or folder could not be read, in the authors' language (errno name kept)."""
    kode = errno.errorcode.get(e.errno or 0, "")
    teks = _ALASAN_OS.get(e.errno or 0, "galat sistem berkas")
    return f"{teks} ({kode})" if kode else teks
