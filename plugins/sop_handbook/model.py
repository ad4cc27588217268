"""The SOP model: frozen dataclasses in the words of the official form.

Nothing here imports MkDocs, YAML or Jinja, so any adapter (MkDocs today, another
generator tomorrow) and every test can build and read SOPs directly.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Posisi:
    """Where a value came from: the file (relative to the project) and 1-based line/column."""

    berkas: str
    baris: int = 0
    kolom: int = 0

    def __str__(self) -> str:
        return f"{self.berkas}:{self.baris}:{self.kolom}" if self.baris else self.berkas


@dataclass(frozen=True)
class Pelaksana:
    """A lane of the swimlane: one position (jabatan) that performs steps."""

    id: str
    nama: str
    posisi: Posisi


@dataclass(frozen=True)
class Waktu:
    """`waktu` of a step: the text as written plus, when it reads as a duration, its value.

    `minimum`/`maksimum` are in `satuan` (equal unless a range was written); `satuan` is one of
    SATUAN_WAKTU. Free text such as "Setiap saat" keeps `satuan=None` and is not added up.
    """

    teks: str
    minimum: float | None = None
    maksimum: float | None = None
    satuan: str | None = None

    @property
    def terukur(self) -> bool:
        return self.satuan is not None


# Column headings of the procedure table as on the form; a SOP's `kolom` renames them.
JUDUL_KOLOM = {
    "no": "No",
    "aktivitas": "Kegiatan",
    "pelaksana": "Pelaksana",
    "mutu_baku": "Mutu Baku",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
}


SATUAN_WAKTU: tuple[str, ...] = (
    "detik",
    "menit",
    "jam",
    "hari",
    "hari kerja",
    "minggu",
    "bulan",
    "tahun",
)


@dataclass(frozen=True)
class Keputusan:
    """A decision's exits as step numbers; `None` means the procedure ends there."""

    ya: int | None
    tidak: int | None
    ya_tertulis: bool = True
    tidak_tertulis: bool = True
    proses: bool = False  # v1.1: the row is a process box first, then this diamond
    pertanyaan: str | None = None  # the question asked, shown in the diamond, table and checklist


@dataclass(frozen=True)
class Langkah:
    """One row of the procedure table (a `kegiatan` item), numbered 1..n in file order."""

    nomor: int
    aktivitas: str
    pelaksana: tuple[str, ...]  # lane ids; more than one makes a joint step
    posisi: Posisi
    id: str | None = None
    kelengkapan: tuple[str, ...] = ()
    waktu: Waktu | None = None
    output: tuple[str, ...] = ()
    keterangan: str | None = None
    keputusan: Keputusan | None = None
    lanjut: int | None = None  # set only when the flow does not go on to the next step
    diserahkan_ke: str | None = None  # v1.1 hand-off: the lane that receives, in this row

    @property
    def lajur_semua(self) -> tuple[str, ...]:
        """Every lane the row draws in: the performers, then a hand-off's receiver."""
        return self.pelaksana + ((self.diserahkan_ke,) if self.diserahkan_ke else ())

    @property
    def anchor(self) -> str:
        """Stable row anchor: the step's own id when it has one, so links survive renumbering."""
        return f"langkah-{self.id}" if self.id else f"langkah-{self.nomor}"

    @property
    def berikutnya(self) -> tuple[int | None, ...]:
        """Steps the flow goes to after this one (None = the end)."""
        if self.keputusan:
            return (self.keputusan.ya, self.keputusan.tidak)
        return (self.lanjut,) if self.lanjut is not None else ()


@dataclass(frozen=True)
class Penandatangan:
    """`disahkan_oleh`: the official who signed the SOP."""

    jabatan: str
    nama: str
    pangkat: str | None = None
    nip: str | None = None


@dataclass(frozen=True)
class Kop:
    """v1.1 letterhead lines under the unit's name, as agencies print them."""

    alamat: str | None = None
    telepon: str | None = None
    laman: str | None = None
    surel: str | None = None

    @property
    def baris(self) -> tuple[tuple[str, str], ...]:
        """(label, text) of the lines that are set, in the order of the form."""
        isi = (("Alamat", self.alamat), ("Telepon", self.telepon), ("Laman", self.laman),
               ("Surel", self.surel))
        return tuple((label, teks) for label, teks in isi if teks)


@dataclass(frozen=True)
class Keterkaitan:
    """One related-SOP entry: free text, an exact `{sop: id}` reference, or a non-SOP document."""

    jenis: str  # "teks" | "sop" | "dokumen"
    teks: str
    posisi: Posisi
    sop_id: str | None = None
    judul: str | None = None


@dataclass(frozen=True)
class Revisi:
    tanggal: _dt.date
    uraian: str


@dataclass(frozen=True)
class Sop:
    """One SOP: the identity block, the lanes and the procedure table of the official form."""

    id: str  # path under sops/ without extension; gives the page address
    berkas: str  # the YAML file, relative to the project
    posisi: Posisi
    nomor: str  # normalised for display ("800/14.047/Banhub.A")
    nomor_tertulis: str  # as written in the file
    nama: str
    unit: str
    tanggal_pembuatan: _dt.date
    tanggal_efektif: _dt.date | None
    disahkan_oleh: Penandatangan
    dasar_hukum: tuple[str, ...]
    kualifikasi_pelaksana: tuple[str, ...]
    keterkaitan: tuple[Keterkaitan, ...]
    peralatan: tuple[str, ...]
    peringatan: str
    pencatatan: tuple[str, ...]
    pelaksana: tuple[Pelaksana, ...]
    kegiatan: tuple[Langkah, ...]
    instansi: tuple[str, ...] = ()
    sub_unit: str | None = None
    tanggal_revisi: _dt.date | None = None
    kolom: dict[str, str] = field(default_factory=dict, hash=False)  # column heading renames
    kata_kunci: tuple[str, ...] = ()
    riwayat_revisi: tuple[Revisi, ...] = ()
    catatan: str | None = None
    id_lama: tuple[str, ...] = ()
    bagan_alir: bool = True  # draw the swimlane chart on the page
    kop: Kop | None = None  # v1.1 letterhead lines (usually from the unit's _default.yml)
    logo: str | None = None  # v1.1 the unit's logo: an image path in docs_dir
    contoh: bool = False  # v1.1 an illustration, not a signed SOP: "CONTOH" on the form
    pelaksana_direkonstruksi: bool = False  # v1.1 lanes inferred, not read off the source
    cetak_keterangan: bool | None = None  # v1.1 print the Keterangan column (None: handbook)
    cetak_ulang_pengesahan: bool | None = None  # v1.1 signature block under the procedure
    letak: dict[str, Posisi] = field(default_factory=dict, hash=False)  # where each key was set

    @property
    def tanggal_terakhir(self) -> _dt.date:
        """When the SOP last changed: its newest revision, else when it took effect."""
        tanggal = [self.tanggal_pembuatan, self.tanggal_efektif, self.tanggal_revisi,
                   *(r.tanggal for r in self.riwayat_revisi)]
        return max(t for t in tanggal if t is not None)

    def posisi_kunci(self, kunci: str) -> Posisi:
        return self.letak.get(kunci, self.posisi)

    def lane(self, lane_id: str) -> Pelaksana:
        for p in self.pelaksana:
            if p.id == lane_id:
                return p
        raise KeyError(lane_id)

    def langkah(self, nomor: int) -> Langkah:
        return self.kegiatan[nomor - 1]
