"""Shared fixtures: one real `mkdocs build` of the sample handbook for all tests that read it."""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

PROYEK = Path(__file__).resolve().parents[1]
KELUARAN = PROYEK / "test-output"  # screenshots etc. for a person to look at
# The handbook the tests own (mkdocs.yml, sops/, home page): editing the repository's sops/
# or mkdocs.yml never changes what the tests see. See tests/buku/README.md.
BUKU = Path(__file__).resolve().parent / "buku" / "contoh"


def salin_proyek(tujuan: Path, sops: bool = True) -> Path:
    """A copy of the tests' handbook (tests/buku/contoh: config, SOPs, home page; the guide pages
    from docs_src/) to build or break without touching ours."""
    tujuan.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUKU / "mkdocs.yml", tujuan / "mkdocs.yml")
    shutil.copytree(PROYEK / "docs_src", tujuan / "docs_src")
    shutil.copytree(BUKU / "docs_src", tujuan / "docs_src", dirs_exist_ok=True)
    if sops:
        shutil.copytree(BUKU / "sops", tujuan / "sops")
    return tujuan


def mkdocs(folder: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `mkdocs` command line in `folder` (`path`: a PATH to run it with)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=folder, capture_output=True, text=True, timeout=300,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": path or os.environ.get("PATH", ""),
             "HOME": str(folder)},
    )


def teks_halaman(isi: str) -> str:
    """Visible text of an HTML page, whitespace collapsed, entities decoded."""
    isi = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", isi, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", isi)).split())


def indeks_cari(situs: Path) -> dict[str, dict]:
    """What Pagefind indexed, per page URL: its fragments (gzip, JSON after a signature)."""
    import gzip
    import json

    hasil = {}
    for f in (situs / "pagefind/fragment").glob("*.pf_fragment"):
        d = json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
        hasil[d["url"]] = d
    return hasil


@pytest.fixture(scope="session")
def situs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tests' handbook (tests/buku/contoh) built once with `mkdocs build --strict`."""
    proyek = salin_proyek(tmp_path_factory.mktemp("contoh"))
    hasil = mkdocs(proyek, "build", "--strict", "-d", "site")
    assert hasil.returncode == 0, hasil.stderr
    return proyek / "site"


@contextlib.contextmanager
def sajikan(folder: Path) -> Iterator[str]:
    """Serve `folder` on loopback with caching off (a test may rebuild it in place)."""

    class Penangan(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Penangan, directory=str(folder)))
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(situs: Path):
    """The built site served on loopback, as a reader's browser would get it."""
    with sajikan(situs) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    playwright = pytest.importorskip("playwright.sync_api")
    exe = shutil.which("chromium")
    if exe is None:
        pytest.fail("chromium is not installed: run ./setup.sh (apt-get install chromium)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=exe,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )
        yield b
        b.close()


def neato_palsu(folder: Path, tanda: str | None) -> Path:
    """A fake `neato` in `folder` that hangs on every graph containing `tanda` (None: on all)
    and draws the others with the real one, one graph at a time, writing each SVG as soon as
    it is done (as Graphviz does). Returns `folder`, to put first on PATH."""
    asli = shutil.which("neato")
    assert asli is not None, "Graphviz is needed: run ./setup.sh"
    folder.mkdir(parents=True, exist_ok=True)
    skrip = folder / "neato"
    skrip.write_text(f"""#!{sys.executable}
import re, subprocess, sys, threading
if "-V" in sys.argv:
    sys.exit(subprocess.run([{asli!r}, "-V"]).returncode)
for graf in re.split(r"\\n(?=digraph\\b)", sys.stdin.read()):
    if {tanda!r} is None or {tanda!r} in graf:
        threading.Event().wait()  # hang until killed
    p = subprocess.run([{asli!r}, *sys.argv[1:]], input=graf.encode(), capture_output=True)
    sys.stdout.buffer.write(p.stdout)
    sys.stdout.flush()
    sys.stderr.buffer.write(p.stderr)
""", encoding="utf-8")
    skrip.chmod(0o755)
    return folder
