"""The corpus of broken handbooks under tests/bad/: each must give exactly its expected messages.

Each case is a folder with `sops/` and `expected.txt` (what `sop lint` prints there). The
messages are the product here: file, line, column and what to write instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sop_handbook import cli

BAD = Path(__file__).parent / "bad"
KASUS = sorted(p.name for p in BAD.iterdir() if p.is_dir())


@pytest.mark.parametrize("kasus", KASUS)
def test_pesan_persis(kasus: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD / kasus)
    kode, baris = cli.lint([])
    harapan = (BAD / kasus / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert baris == harapan
    galat = any(": galat[" in b for b in baris)
    assert kode == (1 if galat else 0)


def test_korpus_mencakup_setiap_jenis_kesalahan() -> None:
    kode = {b.split("[", 1)[1].split("]", 1)[0]
            for k in KASUS for b in (BAD / k / "expected.txt").read_text().splitlines()
            if "[" in b and ": " in b}
    assert {
        "duplicate-key", "unknown-key", "wrong-type", "missing-key", "unknown-lane", "bad-jump",
        "duplicate-nomor", "duplicate-nama", "not-utf8", "empty-file", "not-mapping",
        "yaml-syntax", "bad-date", "waktu", "bad-format", "self-link", "unknown-sop",
        "multi-doc", "bad-filename", "empty", "control-char", "bad-step-id", "duplicate-file",
        "too-large", "alias-loop",
    } <= kode


def test_cli_tanpa_traceback_dan_kode_keluar() -> None:
    """The real `sop` command over every case: exit 1 on errors, never a traceback."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    for kasus in KASUS:
        hasil = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint"],
                               cwd=BAD / kasus, capture_output=True, text=True, env=env)
        assert "Traceback" not in hasil.stdout + hasil.stderr, kasus
        harapan = (BAD / kasus / "expected.txt").read_text(encoding="utf-8")
        assert hasil.stdout == harapan, kasus
        assert hasil.returncode == (1 if ": galat[" in harapan else 0), kasus


def test_cli_strict_gagal_karena_peringatan() -> None:
    folder = BAD / "waktu-unknown-unit"
    biasa = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint"], cwd=folder,
                           capture_output=True, text=True)
    tegas = subprocess.run([sys.executable, "-m", "sop_handbook.cli", "lint", "--strict"],
                           cwd=folder, capture_output=True, text=True)
    assert (biasa.returncode, tegas.returncode) == (0, 1)


def test_cli_lint_satu_berkas_dengan_konteks_buku(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file given by path is checked against the whole handbook (duplicates across files)."""
    monkeypatch.chdir(BAD / "duplicate-nomor")
    kode, baris = cli.lint(["sops/b.yml"])
    assert kode == 1 and baris[0].startswith("sops/b.yml:1:8: galat[duplicate-nomor]")
    kode, baris = cli.lint(["sops/a.yml"])
    assert kode == 0 and baris == ["OK — 0 galat, 0 peringatan."]
