"""`sop` from any folder of the project, and a closed pipe ends a command quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import mkdocs, salin_proyek
from sop_handbook import cli

SOP = "sops/banhub/perbaikan-data-kinerja.yml"


@pytest.fixture
def proyek(tmp_path: Path) -> Path:
    return salin_proyek(tmp_path / "proyek")


@pytest.mark.parametrize("folder", ["sops", "sops/banhub", "sops/banhub/tata-usaha", "docs_src"])
def test_lint_dari_folder_mana_pun(proyek: Path, folder: str,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The nearest mkdocs.yml upward is the project: its sops_dir, its options, every
    _default.yml above a file; messages name files from the project root, as the build does."""
    monkeypatch.chdir(proyek)
    dari_akar = cli.lint([], keterkaitan="error")
    monkeypatch.chdir(proyek / folder)
    assert cli.lint([], keterkaitan="error") == dari_akar
    assert dari_akar[0] == 1 and dari_akar[1][0].startswith("sops/")
    assert cli.lint([]) == (0, ["OK — 0 galat, 0 peringatan."])
    berkas = os.path.relpath(proyek / SOP)
    assert cli.lint([berkas]) == (0, ["OK — 0 galat, 0 peringatan."])  # unit from _default.yml


def test_lint_satu_berkas_dari_foldernya(proyek: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (proyek / SOP).write_text((proyek / SOP).read_text().replace("nama: Perbaikan", "nmaa: X"))
    monkeypatch.chdir(proyek / "sops/banhub")
    kode, baris = cli.lint(["perbaikan-data-kinerja.yml"])
    assert kode == 1 and len(baris) == 2, baris
    assert baris[0].startswith(f"{SOP}:3:1: galat[unknown-key]: kunci 'nmaa'")
    assert not any("unit" in b or "disahkan_oleh" in b for b in baris)


def test_pipa_tertutup_berakhir_tenang(proyek: Path) -> None:
    """`sop lint | head`: the reader is gone before the output is written."""
    baca, tulis = os.pipe()
    os.close(baca)
    try:
        hasil = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint",
                                "--keterkaitan", "error"], cwd=proyek, stdout=tulis,
                               stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(tulis)
    assert hasil.stderr == "" and hasil.returncode == 141


def test_akhir_dukungan_material_disebut_sekali(proyek: Path) -> None:
    """The `mkdocs` command as a person runs it: no Material banner (setup.sh's .pth turns it
    off), our note with the plan on the first build only."""
    env = {k: v for k, v in os.environ.items() if "MKDOCS_2_WARNING" not in k}
    env["HOME"] = str(proyek)
    mkdocs_cmd = str(Path(sys.executable).parent / "mkdocs")

    def bangun() -> str:
        hasil = subprocess.run([mkdocs_cmd, "build", "-d", "site"], cwd=proyek, env=env,
                               capture_output=True, text=True, timeout=300)
        assert hasil.returncode == 0, hasil.stderr
        return hasil.stdout + hasil.stderr

    pertama, kedua = bangun(), bangun()
    assert "reaches end of life" not in pertama + kedua and "Zensical" not in pertama + kedua
    assert pertama.count("berhenti didukung pada 5 Mei 2027") == 1
    assert "README, bagian 'Material for MkDocs end of life'" in pertama
    assert "berhenti didukung" not in kedua


def test_nama_opsi_lama_masih_diterima(proyek: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Old option names work as the new ones, with a deprecation message in the build and in
    `sop lint` alike (both fail --strict on it)."""
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace(
        "sops_dir: sops", "sops_dir: sops\n      kertas: A4\n      cetak_maks_langkah: 99999"))
    monkeypatch.chdir(proyek)
    kode, baris = cli.lint([])
    assert kode == 1
    assert ("mkdocs.yml:28:7: peringatan[deprecated-option]: opsi sop-handbook 'kertas' sudah "
            "berganti nama menjadi 'print_paper' — tulis 'print_paper' di mkdocs.yml (nama lama "
            "masih diterima untuk sementara)") in baris
    assert any("galat[bad-option]: 'print_max_steps: 99999' di luar batas" in b for b in baris)
    cfg.write_text(cfg.read_text().replace("99999", "5"))
    assert cli.lint([])[0] == 0 and cli.lint([], tegas=True)[0] == 1
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    assert "opsi sop-handbook 'cetak_maks_langkah' sudah berganti nama menjadi" in hasil.stderr
    assert "formulir cetak (A4)" in hasil.stderr  # the old name's value is used
    assert mkdocs(proyek, "build", "--strict", "-d", "site2").returncode == 1
