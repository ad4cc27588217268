"""Approval per unit: a CODEOWNERS suggestion from the folders the units keep their SOPs in.

GitHub and GitLab ask the owners of the changed paths to review a pull (merge) request; with a
protected main branch that requires their approval, an SOP of a unit cannot be published
without that unit's reviewer. The team names are not in the SOPs, so the suggestion holds
placeholders (`@ORGANISASI/<folder>`) to replace; the comment on each line names the unit.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .model import Sop


def saran_codeowners(sops: Iterable[Sop], folder_sop: str, organisasi: str = "ORGANISASI",
                     pengelola: str | None = None) -> str:
    """CODEOWNERS text: the handbook's keepers own everything, each folder of SOPs its unit.

    `folder_sop` is the SOP folder relative to the repository root (as `/sops`); `sop.berkas`
    paths are relative to the same root. Later lines win, so deeper folders come after their
    parents (sorted paths do that).
    """
    akar = PurePosixPath("/" + folder_sop.strip("/"))
    pengelola = pengelola or f"@{organisasi}/pengelola-sop"
    per_folder: dict[PurePosixPath, dict[str, None]] = {}
    for s in sops:
        folder = PurePosixPath("/" + s.berkas).parent
        unit = s.unit + (f" › {s.sub_unit}" if s.sub_unit else "")
        per_folder.setdefault(folder, {})[unit] = None
    baris = [
        "# Usulan CODEOWNERS dari `sop codeowners`: setiap folder SOP ditinjau unit kerjanya.",
        "# Ganti setiap @ORGANISASI/... dengan akun atau tim GitHub/GitLab yang sebenarnya,",
        "# simpan sebagai .github/CODEOWNERS (GitHub) atau CODEOWNERS / .gitlab/CODEOWNERS",
        "# (GitLab), lalu wajibkan persetujuan pemilik kode di cabang main yang dilindungi.",
        "# Baris yang lebih bawah menang: folder yang lebih dalam menimpa induknya, dan hanya",
        "# pemilik baris itu (unit kerjanya) yang dapat menyetujui perubahan SOP di dalamnya.",
        "",
        "# Pengelola buku pedoman: konfigurasi, panduan, templat, semua berkas lain.",
        f"*  {pengelola}",
    ]
    for folder in sorted(per_folder):
        if folder == akar:
            continue
        nama = "-".join(folder.relative_to(akar).parts) if folder.is_relative_to(akar) \
            else "-".join(folder.parts[1:])
        unit = " ".join("; ".join(per_folder[folder]).split())  # one line, always
        baris += ["", f"# {unit}", f"{folder}/  @{organisasi}/{nama}"]
    return "\n".join(baris) + "\n"


def folder_relatif(folder_sop: Path, akar_repo: Path) -> str:
    """The SOP folder as CODEOWNERS writes it, relative to the repository root."""
    return Path(os.path.relpath(folder_sop.resolve(), akar_repo.resolve())).as_posix()
