"""SOP Handbook: SOP Administrasi Pemerintahan in YAML → a searchable, cross-linked handbook.

The core (model, schema, load, waktu, render) imports nothing from MkDocs; `plugin.py` and
`config.py` are the MkDocs adapter.
"""

from .diagnostics import Diagnostik, Laporan, Tingkat
from .load import BukuPedoman, muat
from .model import Keputusan, Keterkaitan, Langkah, Pelaksana, Penandatangan, Sop, Waktu

__all__ = [
    "BukuPedoman",
    "Diagnostik",
    "Keputusan",
    "Keterkaitan",
    "Langkah",
    "Laporan",
    "Pelaksana",
    "Penandatangan",
    "Sop",
    "Tingkat",
    "Waktu",
    "muat",
]
