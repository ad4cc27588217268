"""Approval per unit: the CODEOWNERS suggestion, the pull request template and the guide."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import BUKU, PROYEK, salin_proyek
from sop_handbook import load, pemilik


def test_codeowners_per_folder_unit(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path / "p")
    folder = proyek / "sops/dinas-x/bidang-y"
    folder.mkdir(parents=True)
    teks = (BUKU / "sops/biro-organisasi/penyusunan-sop.yml").read_text(encoding="utf-8")
    teks = re.sub(r"^unit: .*$", "unit: \"Dinas X\\n*  @penyusup\"", teks, flags=re.M)
    teks = re.sub(r"^nomor: .*$", 'nomor: "X/1"', teks, flags=re.M)
    teks = re.sub(r"^nama: .*$", "nama: SOP Dinas X", teks, flags=re.M)
    (folder / "a.yml").write_text(teks, encoding="utf-8")
    buku = load.muat(proyek / "sops", proyek)
    hasil = pemilik.saran_codeowners(buku.sops, "sops", "kalbar", "@kalbar/admin")
    baris = [b for b in hasil.splitlines() if b and not b.startswith("#")]
    assert baris[0] == "*  @kalbar/admin"
    assert "/sops/dinas-x/bidang-y/  @kalbar/dinas-x-bidang-y" in baris
    # Every folder holding SOPs has its unit's team, after its parent (later lines win).
    folder_sop = sorted({"/" + Path(s.berkas).parent.as_posix() + "/" for s in buku.sops})
    assert [b.split()[0] for b in baris[1:]] == folder_sop
    # A unit name from YAML stays inside its comment line: it cannot add an owner rule.
    assert "@penyusup" not in "\n".join(baris)
    assert "\n# Dinas X * @penyusup\n" in hasil
    cli = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "codeowners",
                          "--organisasi", "kalbar", "--pengelola", "@kalbar/admin",
                          "-o", ".github/CODEOWNERS"], cwd=proyek, capture_output=True,
                         text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert (proyek / ".github/CODEOWNERS").read_text(encoding="utf-8") == hasil


def test_templat_pull_request_dan_panduan() -> None:
    templat = (PROYEK / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for perlu in ("sop lint --strict", "tanggal_revisi", "riwayat_revisi", "Riwayat perubahan",
                  "Dasar hukum", "disahkan_oleh", "Pratinjau"):
        assert perlu in templat, perlu
    assert templat.count("- [ ]") >= 6
    gitlab = (PROYEK / ".gitlab/merge_request_templates/SOP.md").read_text(encoding="utf-8")
    assert gitlab == templat
    panduan = (PROYEK / "docs_src/menerbitkan.md").read_text(encoding="utf-8")
    for perlu in ("sop codeowners", "CODEOWNERS", "Protected branches", "Require review "
                  "from Code Owners", "Code owner approval", "Riwayat perubahan", "fetch-depth",
                  "GIT_DEPTH", "ProperDocs"):
        assert perlu in panduan, perlu
