"""The repository's own handbook (sops/, mkdocs.yml, docs_src/) belongs to the agency using it.

Tests assert on their own handbook (tests/buku/contoh); this file only checks that whatever
the agency keeps in sops/ builds with `--strict` and passes `sop lint --strict`, also after
SOPs are added, removed and renamed — nothing here knows the sample's content.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import PROYEK, mkdocs
from sop_handbook import load


def _salin_repo(tujuan: Path) -> Path:
    tujuan.mkdir(parents=True)
    shutil.copy(PROYEK / "mkdocs.yml", tujuan / "mkdocs.yml")
    for folder in ("docs_src", "sops"):
        shutil.copytree(PROYEK / folder, tujuan / folder)
    return tujuan


def _lint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint", "--strict"],
                          cwd=folder, capture_output=True, text=True, timeout=300)


def _periksa(proyek: Path) -> None:
    lint = _lint(proyek)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert (proyek / "site/index.html").is_file()


def test_buku_repo_lolos_strict(tmp_path: Path) -> None:
    _periksa(_salin_repo(tmp_path / "repo"))


def test_lint_di_repo_dengan_riwayat_git() -> None:
    """The publishing workflow runs `sop lint --strict` in the repository itself, where the git
    history is read too (a changed step needs a recorded revision): it must pass here."""
    lint = _lint(PROYEK)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def _tulis(p: Path, data: dict) -> None:
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_sop_ditambah_dihapus_diganti_nama(tmp_path: Path) -> None:
    """An agency's everyday edits to sops/ keep the handbook green: a SOP added (a copy of one
    with a new nomor and nama), one removed and one renamed (with id_lama), whatever is in it."""
    proyek = _salin_repo(tmp_path / "repo")
    sops = proyek / "sops"
    buku = load.muat(sops, proyek)
    assert buku.sops, "the repository's sops/ holds no SOP"
    dirujuk = {k.sop_id for s in buku.sops for k in s.keterkaitan if k.jenis == "sop"}
    bebas = [s for s in buku.sops if s.id not in dirujuk and not s.id_lama]
    pertama = buku.sops[0]
    data = yaml.safe_load((proyek / pertama.berkas).read_text(encoding="utf-8"))
    data.update(nomor=f"{data.get('nomor', 'X')}/UJI-TAMBAH", nama="Uji Tambahan Prosedur Qwz")
    data.pop("id_lama", None)
    _tulis((proyek / pertama.berkas).with_name("uji-tambahan-qwz.yml"), data)
    if len(bebas) >= 2:
        (proyek / bebas[0].berkas).unlink()
    if bebas:
        lama = proyek / bebas[-1].berkas
        data = yaml.safe_load(lama.read_text(encoding="utf-8"))
        data["id_lama"] = [bebas[-1].id]
        lama.unlink()
        _tulis(lama.with_name(lama.stem + "-baru.yml"), data)
    sesudah = {s.id for s in load.muat(sops, proyek).sops}
    assert f"{Path(pertama.id).parent.as_posix()}/uji-tambahan-qwz".lstrip("./") in sesudah
    _periksa(proyek)
