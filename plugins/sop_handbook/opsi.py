"""The plugin's options, written once: names, defaults and renamed (old) names.

MkDocs' config schema (config.py) and the `sop` command line (cli.py, which must not import
MkDocs) both take their defaults from here, so a default changed here changes both. Option
names are English snake_case like every MkDocs plugin's; the Indonesian names of earlier
releases are still accepted, with a message saying the new name.
"""

from __future__ import annotations

from typing import Any

BAWAAN: dict[str, Any] = {
    "enabled": True,
    "sops_dir": "sops",
    "url_prefix": "sop",
    "unit_prefix": "unit",
    "strict": False,
    "nav": True,
    "nav_title": "Daftar SOP",
    "nav_units_max": 30,
    "diagram": True,
    "diagram_max_steps": 0,
    "unresolved_links": "warning",
    "review_months": 24,
    "print_paper": "F4",
    "print_symbols": True,
    "print_max_steps": 0,
    "print_keterangan": True,
    "print_signature_repeat": False,
    "logo": None,
    "pdf": False,
    "graphviz_timeout": 60,
    "search": True,
    "history": True,
    "qr": True,
    "cache_dir": ".cache/sop-handbook",
}
PILIHAN: dict[str, tuple[str, ...]] = {
    "unresolved_links": ("info", "warning", "error"),
    "print_paper": ("F4", "A4"),
}
# Old name → new name. Still read, with `pesan_usang`.
NAMA_LAMA: dict[str, str] = {
    "diagram_max_langkah": "diagram_max_steps",
    "kertas": "print_paper",
    "cetak_bagan": "print_symbols",
    "cetak_maks_langkah": "print_max_steps",
}


def usang(lama: str) -> tuple[str, str]:
    """(message, what to write instead) for an old option name."""
    baru = NAMA_LAMA[lama]
    return (f"opsi sop-handbook '{lama}' sudah berganti nama menjadi '{baru}'",
            f"tulis '{baru}' di mkdocs.yml (nama lama masih diterima untuk sementara)")


def pesan_usang(lama: str) -> str:
    """The same as one line, for MkDocs' deprecation warning."""
    return " — ".join(usang(lama))


def baca(tertulis: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Options as written in mkdocs.yml → (every option, defaults filled and old names moved
    to the new ones; the old names used, for `pesan_usang`). A new name wins over its old one.
    Values are not checked here: rencana.py and config.py do that."""
    hasil = dict(BAWAAN)
    usang = []
    for lama, baru in NAMA_LAMA.items():
        if tertulis.get(lama) is not None:
            usang.append(lama)
            if baru not in tertulis:
                hasil[baru] = tertulis[lama]
    hasil.update({k: v for k, v in tertulis.items() if k not in NAMA_LAMA})
    return hasil, usang
