"""What a reader (PDF or Word) found in one document, before it becomes a SOP.

Why a neutral model: the PDF and the .docx readers see the same paper form through very
different eyes (positioned words and vector paths; table cells and drawing shapes). Both fill
these plain records, and one builder (`bangun.py`) turns them into format data, so the rules
(which lane, which exit, what to mark for checking) live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class BukanSop(Exception):
    """The file is readable but is not an SOP AP form (a letter, a scan without text...)."""


@dataclass
class Baris:
    """One row of the procedure table."""

    no: int | None
    kegiatan: str
    lajur: list[int] = field(default_factory=list)  # indexes into Bahan.lajur
    jenis: str = ""  # proses | keputusan | terminal | "" (no symbol found)
    mutu: dict[str, str] = field(default_factory=dict)  # column heading → cell text
    keterangan: str = ""
    ragu: list[str] = field(default_factory=list)  # reasons to check this row's lane


@dataclass
class Keluar:
    """An arrow leaving a step: to step number `ke` (None: not followed), with its label."""

    dari: int
    ke: int | None
    label: str = ""  # "ya" | "tidak" | ""


@dataclass
class Bahan:
    identitas: dict[str, str] = field(default_factory=dict)  # form label → text
    kepala: list[str] = field(default_factory=list)  # header lines: instansi, unit, sub unit
    bagian: dict[str, list[str]] = field(default_factory=dict)  # Dasar Hukum etc. → lines
    lajur: list[str] = field(default_factory=list)
    kolom_mutu: list[str] = field(default_factory=list)  # Mutu Baku headings, in order
    baris: list[Baris] = field(default_factory=list)
    keluar: list[Keluar] = field(default_factory=list)
    ragu: list[tuple[str, str]] = field(default_factory=list)  # (field, reason)
