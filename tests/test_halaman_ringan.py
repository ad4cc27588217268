"""Light pages: what a reader does not see does not ride in every SOP page."""

from __future__ import annotations

import re
from pathlib import Path

from sop_handbook.render import rapatkan


def test_rapatkan_hanya_lekuk_di_luar_pre_dan_skrip() -> None:
    html = ('<div>\n    <p>a</p>\n\n   <pre>\n  x\n\n  y</pre>\n  <script>\n var a=1;\n</script>'
            '\n <span>b</span> <span>c</span>\n  <textarea>\n  t</textarea>\n</div>')
    assert rapatkan(html) == ('<div>\n<p>a</p>\n<pre>\n  x\n\n  y</pre>\n<script>\n var a=1;\n'
                              '</script>\n<span>b</span> <span>c</span>\n<textarea>\n  t'
                              '</textarea>\n</div>')
    assert rapatkan("") == "" and rapatkan("a  b") == "a  b"


def test_halaman_sop_tanpa_lekuk_dan_daftar_periksa_ringkas(situs: Path) -> None:
    for berkas in (situs / "sop").rglob("index.html"):
        isi = berkas.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in isi:
            continue  # a redirect page for an id_lama
        assert rapatkan(isi) == isi, berkas  # already without indentation and blank lines
        assert "\n    <" not in re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", isi,
                                      flags=re.S), berkas
        # One checklist item is one line: no per-item indentation or wrapper classes.
        for butir in re.findall(r"<li[^>]*data-nomor=.*", isi):
            assert butir.endswith("</ul></div></li>"), butir
