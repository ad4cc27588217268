"""The code stays `ruff` clean: part of the one test command, so CI enforces it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROYEK


def test_ruff_bersih() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed: run ./setup.sh"
    hasil = subprocess.run([ruff, "check", "plugins", "tests", "benchmarks"], cwd=PROYEK,
                           capture_output=True, text=True)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
