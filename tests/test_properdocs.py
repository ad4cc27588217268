"""A second engine: ProperDocs (the maintained fork of MkDocs 1.x) builds the sample handbook
with this plugin, and every page matches the MkDocs build but for the generator tag."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import salin_proyek
from sop_handbook import bandingkan


def bangun(proyek: Path, modul: str, tujuan: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(proyek), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1767225600"}  # the same "today" for both builds
    return subprocess.run([sys.executable, "-m", modul, "build", "--strict", "-d", tujuan],
                          cwd=proyek, capture_output=True, text=True, timeout=300, env=env)


def test_properdocs_sama_dengan_mkdocs(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path / "buku")
    mk = bangun(proyek, "mkdocs", "situs-mkdocs")
    assert mk.returncode == 0, mk.stderr
    pd = bangun(proyek, "properdocs", "situs-properdocs")
    assert pd.returncode == 0, pd.stderr
    assert re.search(r"\d+ SOP dimuat", pd.stderr)  # our plugin ran (found via mkdocs.plugins)
    a, b = proyek / "situs-mkdocs", proyek / "situs-properdocs"
    halaman = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    sop = [p for p in halaman if p.parts[0] == "sop" and p.name == "index.html"]
    assert len(sop) >= 5 and any(p.name == "cetak.html" for p in halaman)
    assert 'content="mkdocs-ProperDocs' in (b / sop[0]).read_text(encoding="utf-8")
    assert bandingkan.beda_situs(a, b) == []
    # The CI job's command: the same comparison, and it does fail on a difference.
    perintah = [sys.executable, "-m", "sop_handbook.cli", "bandingkan-situs", str(a), str(b)]
    hasil = subprocess.run(perintah, capture_output=True, text=True, timeout=60)
    assert hasil.returncode == 0 and hasil.stdout.startswith("OK — "), hasil.stdout
    berkas = b / sop[0]
    berkas.write_text(berkas.read_text(encoding="utf-8").replace("Prosedur", "Prosedur!", 1),
                      encoding="utf-8")
    (b / "sitemap.xml").unlink()
    hasil = subprocess.run(perintah, capture_output=True, text=True, timeout=60)
    assert hasil.returncode == 1
    assert f"{sop[0].as_posix()}: isi berbeda (baris " in hasil.stdout
    assert f"sitemap.xml: hanya ada di {a}" in hasil.stdout
