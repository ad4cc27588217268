"""The search recall table: each query of tests/buku_cari.py, the rank of its SOP with this
project's search (Pagefind) and with the search it replaced (lunr via Material's `search`
plugin, as the sample configured it), both typed into the site's own search box in Chromium.

    .venv/bin/python benchmarks/recall_cari.py      # prints a Markdown table
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from buku_cari import KUERI, tulis_buku

from conftest import sajikan


def bangun(folder: Path, lunr: bool) -> Path:
    tulis_buku(folder, lunr=lunr)
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "site"], cwd=folder,
                       capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1",
                                                            "PATH": "/usr/bin:/bin"})
    if r.returncode:
        sys.exit(r.stderr[-2000:])
    return folder / "site"


def peringkat(hasil: list[str], harap: tuple[str, ...]) -> int | None:
    return next((i + 1 for i, u in enumerate(hasil) if any(f"/sop/{s}/" in u for s in harap)),
                None)


def main() -> None:
    from playwright.sync_api import sync_playwright

    kerja = Path(tempfile.mkdtemp(prefix="recall-"))
    pf, lunr = bangun(kerja / "pagefind", False), bangun(kerja / "lunr", True)
    baris: dict[str, list[int | None]] = {q: [] for q, _, _ in KUERI}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        with sajikan(pf) as url:
            h = b.new_page()
            h.goto(f"{url}/")
            h.keyboard.press("/")
            for q, _, harap in KUERI:
                h.locator(".sop-cari input").fill(q)
                h.wait_for_selector(f'.sop-cari ol[data-kueri="{q}"]', state="attached")
                hasil = h.locator(".sop-cari .md-search-result__link").evaluate_all(
                    "els => els.map(e => e.href)")
                baris[q].append(peringkat(hasil, harap))
        with sajikan(lunr) as url:
            h = b.new_page()
            h.goto(f"{url}/")
            kotak = h.locator("input.md-search__input")
            kotak.click()
            h.wait_for_function("() => !document.querySelector('.md-search-result__meta')"
                                ".textContent.includes('Inisialisasi')")
            for q, _, harap in KUERI:
                kotak.fill("")
                kotak.press_sequentially(q)
                # Material renders on input; its worker answers in order: wait for this query's.
                h.wait_for_function(
                    "q => document.querySelector('.md-search__input').value === q && "
                    "document.querySelector('.md-search-result').dataset.kueri !== q && "
                    "(document.querySelector('.md-search-result').dataset.kueri = q)", arg=q)
                h.wait_for_load_state("networkidle")
                h.wait_for_timeout(300)  # benchmark only: let the worker's last answer render
                hasil = h.locator(".md-search-result__item a").evaluate_all(
                    "els => els.map(e => e.href)")
                baris[q].append(peringkat(hasil, harap))
        b.close()
    print("| query | tests | Pagefind rank | lunr rank (before) |\n| --- | --- | --- | --- |")
    for q, jenis, _ in KUERI:
        a, c = baris[q]
        print(f"| `{q}` | {jenis} | {a or '–'} | {c or '–'} |")
    for i, nama in enumerate(("Pagefind", "lunr")):
        kena = sum(1 for r in baris.values() if r[i] and r[i] <= 3)
        print(f"{nama}: {kena}/{len(KUERI)} in the first 3")
    shutil.rmtree(kerja)


if __name__ == "__main__":
    main()
