"""The one SVG step (sanitise + trim + inline) and the cache that is only a cache.

Unit tests call `svg.siapkan_svg`, `Memo` and `Graphviz` directly; the build tests run the real
`mkdocs build` with a fake Graphviz on PATH, with a damaged cache folder, and with a cache_dir
that is a file.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import sys
from pathlib import Path

import pytest

from conftest import BUKU, mkdocs, salin_proyek
from sop_handbook import load
from sop_handbook.gambar.alur import gambar_bagan
from sop_handbook.gambar.graphviz import Graphviz
from sop_handbook.gambar.memo import Memo, daftar_svg
from sop_handbook.gambar.svg import SvgTidakSah, periksa_svg, siapkan_svg, tautan_aman

JAHAT = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
 "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- jahat -->
<svg width="100pt" height="50pt" viewBox="0.00 0.00 100.00 50.00" onload="alert(1)"
 xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<script>alert(2)</script>
<style>@import url(http://evil.example/x.css);</style>
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 46)">
<title>G</title>
<g id="node1" class="node" onclick="alert(3)" style="fill:url(http://evil.example/f)">
<title>n1</title>
<g id="a_node1"><a xlink:href="javascript:alert(4)" xlink:title="x">
<polygon fill="url(http://evil.example/p)" stroke="black" points="0,0 10,0 10,10 0,0"/>
<text text-anchor="middle" x="5" y="5" font-family="Times" font-size="14.00">satu &amp; dua</text>
</a></g>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject>
<image xlink:href="http://evil.example/i.png"/>
</g>
<g id="node2" class="node"><g id="a_node2"><a xlink:href="#langkah-2" target="_top">
<ellipse fill="#ffffff" stroke="#000000" cx="50.004" cy="-20.00" rx="9" ry="9"/></a></g>
<a href="//evil.example/"><text x="1" y="1" font-family="Times" font-size="14.00">b</text></a>
<a href="../../sop/unit/satu/"><path fill="none" stroke="#010101" d="M1,2C3,4 5,6 7,8"/></a>
<a xlink:href="http://evil.example/"><path fill="none" stroke="#010101" d="M1,2"/></a>
</g>
</g>
</svg>
"""


def test_sanitasi_allow_list() -> None:
    keluar = siapkan_svg(JAHAT, "p", "Judul <&>", "Uraian")
    for terlarang in ("script", "alert", "onload", "onclick", "evil", "foreignObject", "style",
                      "@import", "<image", "javascript", "<!--", "<?xml", "DOCTYPE"):
        assert terlarang not in keluar, terlarang
    # Our own links stay: #fragment (symbol → row) and a relative page link (map → SOP).
    assert 'xlink:href="#langkah-2"' in keluar and 'target="_top"' in keluar
    assert 'xlink:href="../../sop/unit/satu/"' in keluar
    # One title/desc for screen readers, text escaped, ids prefixed, currentColor.
    assert keluar.count("<title") == 1 and '<title id="p-title">Judul &lt;&amp;&gt;' in keluar
    assert "satu &amp; dua" in keluar and 'id="p-node1"' in keluar
    assert 'stroke="currentColor"' in keluar and "#010101" not in keluar
    assert 'cx="50"' in keluar and 'cy="-20"' in keluar  # numbers without trailing zeros


@pytest.mark.parametrize("nilai, aman", [
    ("#langkah-1", True), ("../sop/a/", True), ("a/b.html#x", True), ("sop%20x/", True),
    ("http://x.example/", False), ("https://x/", False), ("//x.example/", False),
    ("/abs/", False), ("javascript:alert(1)", False), ("JaVaScRiPt:x", False),
    ("data:text/html,x", False), ("\\\\x\\y", False), ("java\tscript:x", False),
    ("a b", False), ("#a b", False), ("mailto:x@y", False),
])
def test_tautan_aman(nilai: str, aman: bool) -> None:
    assert tautan_aman(nilai) is aman


@pytest.mark.parametrize("teks", [
    "", "bukan svg", JAHAT[: len(JAHAT) // 2], "<html><body/></html>",
    '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>',
    "<svg>" + "<g>" * 100 + "</g>" * 100 + "</svg>",
])
def test_svg_tidak_sah_jadi_pesan_bukan_traceback(teks: str) -> None:
    assert periksa_svg(teks) is not None
    with pytest.raises(SvgTidakSah):
        siapkan_svg(teks, "p", "j", "d")


def test_ringkas_sama_gambarnya() -> None:
    """Shared attributes move to an ancestor only where every shape keeps its drawn value."""
    masuk = ('<svg viewBox="0 0 9 9"><g id="g" class="graph">'
             '<polygon fill="#ffffff" stroke="#000000" stroke-width="0.8" '
             'points="0,0 1,0 1,1 0,0"/>'
             '<polygon fill="#ffffff" stroke="#000000" stroke-width="0.8" points="2,2 3,2 3,3"/>'
             '<polygon fill="#e6e6e6" stroke="#000000" points="4,4 5,4 5,5"/>'
             '<text x="1" y="1" font-size="8.00" fill="#000000">a</text>'
             '<text x="2" y="2" font-size="10.00" fill="#000000">b</text>'
             '<text x="3" y="3" font-size="8.00" fill="#000000">c</text></g></svg>')
    keluar = siapkan_svg(masuk, "p", "j", "d")
    assert 'points="0,0 1,0 1,1"' in keluar  # a polygon closes itself
    assert 'font-size="8"' in keluar.split(">")[0]  # most common text size on the root
    assert keluar.count('font-size="10"') == 1 and keluar.count("font-size") == 2
    g = re.search(r'<g id="p-g"[^>]*>', keluar).group(0)  # type: ignore[union-attr]
    assert 'stroke="#000000"' in g and 'stroke-width="0.8"' in g
    # The third polygon had no stroke-width (1), texts no stroke: each keeps that explicitly.
    assert '<polygon points="4,4 5,4 5,5" fill="#e6e6e6" stroke-width="1"/>' in keluar
    assert keluar.count('stroke="none"') == 3


# --- the memo and the Graphviz cache --------------------------------------------------------


def _tulis_ber_hash(berkas: Path, teks: str) -> None:
    berkas.write_text(hashlib.sha256(teks.encode()).hexdigest() + "\n" + teks, encoding="utf-8")


def test_memo_hanya_cache(tmp_path: Path) -> None:
    memo = Memo(tmp_path)
    baik = ['<svg width="1pt"><g/></svg>\n']
    memo.simpan("aa1", baik)
    assert memo.baca("aa1") == baik and memo.rusak == []
    berkas = next(tmp_path.rglob("aa1.json"))
    utuh = berkas.read_text(encoding="utf-8")
    rusak = {
        "kosong": "",
        "terpotong": utuh[: len(utuh) // 2],
        "hash salah": utuh.replace("<g/>", "<g><script>x</script></g>"),
    }
    for alasan, isi in rusak.items():
        berkas.write_text(isi, encoding="utf-8")
        assert memo.baca("aa1") is None, alasan
    salah = {"bentuk salah": {"a": 1}, "bukan svg": ["<p>x</p>"], "kosong": []}
    for alasan, nilai in salah.items():
        _tulis_ber_hash(berkas, json.dumps(nilai))
        assert memo.baca("aa1") is None, alasan
    assert len(memo.rusak) == 6
    assert daftar_svg(baik) and not daftar_svg(["<svg>"])


def test_cache_graphviz_rusak_digambar_ulang(tmp_path: Path) -> None:
    sumber = ['digraph a { a [pos="1,1"]; }', 'digraph b { b [pos="2,2"]; }',
              'digraph c { c [pos="3,3"]; }', 'digraph d { d [pos="4,4"]; }']
    bersih = [h.svg for h in Graphviz(tmp_path).render_many(sumber)]
    berkas = [next(tmp_path.rglob(f"{Graphviz(tmp_path).cache_key(s)}.svg")) for s in sumber]
    berkas[0].write_text("")
    teks = berkas[1].read_text()
    berkas[1].write_text(teks[: len(teks) // 2])
    _tulis_ber_hash(berkas[2], "bukan svg")
    berkas[3].write_text(teks.replace("</svg>", "<script>alert(1)</script></svg>"))
    gv = Graphviz(tmp_path)
    hasil = gv.render_many(sumber)
    assert [h.svg for h in hasil] == bersih and not any(h.dari_cache for h in hasil)
    assert gv.graphs_rendered == 4 and len(gv.cache_rusak) == 4
    lagi = Graphviz(tmp_path)  # the damaged entries were written anew
    assert all(h.dari_cache for h in lagi.render_many(sumber)) and lagi.cache_rusak == []


def test_cache_dir_berupa_berkas(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("bukan folder")
    gv = Graphviz(tmp_path / "cache")
    buku = load.muat(BUKU / "sops", BUKU)
    hasil = gambar_bagan(buku.sops[:2], gv)
    assert all(b.svg and not b.galat for b in hasil.values())
    assert gv.cache_dir is None and "cache_dir" in (gv.cache_mati or "")
    (tmp_path / "versi").mkdir()
    (tmp_path / "versi/versi.json").write_text("[1, 2]")  # a memo of the wrong shape
    gv = Graphviz(tmp_path / "versi")
    assert gv.render('digraph { a [pos="1,1"]; }').ok and len(gv.cache_rusak) == 1


# --- real builds ------------------------------------------------------------------------------


PALSU = r'''#!{python}
"""A fake Graphviz: one SVG with a script, handlers and outside links per input graph."""
import re, sys
if "-V" in sys.argv:
    print("dot - graphviz version 0.0 (palsu)", file=sys.stderr)
    sys.exit(0)
masuk = sys.stdin.read()
svg = open({svg!r}).read()
for _ in re.findall(r"^(?:di)?graph\b", masuk, re.M):
    sys.stdout.write(svg)
'''


def _halaman(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html"))}


def test_graphviz_palsu_tidak_menyisipkan_skrip(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path / "proyek")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (tmp_path / "jahat.svg").write_text(JAHAT, encoding="utf-8")
    for nama in ("neato", "dot"):
        exe = bin_ / nama
        exe.write_text(PALSU.format(python=sys.executable, svg=str(tmp_path / "jahat.svg")))
        exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    hasil = mkdocs(proyek, "build", "-d", "site", path=str(bin_))
    assert hasil.returncode == 0, hasil.stderr
    assert "Traceback" not in hasil.stderr
    halaman = _halaman(proyek / "site")
    bergambar = [n for n, isi in halaman.items() if "satu &amp; dua" in isi]
    assert any(n.startswith("sop/") for n in bergambar) and any(
        n.startswith("peta/") for n in bergambar)  # charts, forms and maps were inlined
    for nama, isi in halaman.items():
        svgs = "".join(re.findall(r"<svg\b.*?</svg>", isi, re.S))
        for terlarang in ("alert(", "onload", "onclick", "evil.example", "foreignObject",
                          "@import", "javascript:"):
            assert terlarang not in svgs, (nama, terlarang)
        assert "alert(" not in isi and "evil.example" not in isi, nama


def _rusakkan(p: Path, i: int, bentuk_salah: str) -> None:
    """Damage a cache entry in one of four ways: empty, cut in half, a well-hashed value of
    the wrong shape, a <script> written in without fixing the hash."""
    teks = p.read_text(encoding="utf-8")
    if i % 4 == 0:
        p.write_text("")
    elif i % 4 == 1:
        p.write_text(teks[: len(teks) // 2])
    elif i % 4 == 2:
        _tulis_ber_hash(p, bentuk_salah)
    else:
        p.write_text(teks.replace("</svg>", "<script>x</script></svg>", 1))


def test_cache_rusak_hasilnya_sama_dan_satu_baris_log(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path / "proyek")
    assert mkdocs(proyek, "build", "-d", "site").returncode == 0
    bersih = _halaman(proyek / "site")
    cache = proyek / ".cache/sop-handbook"
    memo = sorted((cache / "memo").rglob("*.json"))
    svgs = sorted(p for p in cache.rglob("*.svg") if "memo" not in p.parts)
    assert len(memo) >= 4 and len(svgs) >= 4
    # Every memo entry damaged (so the Graphviz cache is read too), and Graphviz entries.
    for i, p in enumerate(memo):
        _rusakkan(p, i, json.dumps({"bukan": "daftar"}))
    for i, p in enumerate(svgs):
        _rusakkan(p, i, "bukan svg")
    (cache / "versi.json").write_text('"bukan peta"')
    hasil = mkdocs(proyek, "build", "-d", "site")
    assert hasil.returncode == 0 and "Traceback" not in hasil.stderr, hasil.stderr
    assert _halaman(proyek / "site") == bersih
    baris = [b for b in hasil.stderr.splitlines() if "entri rusak" in b]
    assert len(baris) == 1, hasil.stderr
    jumlah = int(re.search(r"(\d+) entri rusak", baris[0]).group(1))  # type: ignore[union-attr]
    assert jumlah >= len(memo) + len(svgs)
    ketiga = mkdocs(proyek, "build", "-d", "site")  # redrawn entries were stored again
    assert "entri rusak" not in ketiga.stderr and "0 digambar Graphviz (0 proses)" in ketiga.stderr


def test_cache_dir_berkas_hanya_memperlambat(tmp_path: Path) -> None:
    proyek = salin_proyek(tmp_path)
    (proyek / "cache-berkas").write_text("ini berkas, bukan folder")
    cfg = proyek / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("sops_dir: sops",
                                           "sops_dir: sops\n      cache_dir: cache-berkas"))
    for _ in range(2):
        hasil = mkdocs(proyek, "build", "-d", "site")
        assert hasil.returncode == 0 and "Traceback" not in hasil.stderr, hasil.stderr
        peringatan = [b for b in hasil.stderr.splitlines() if b.startswith("WARNING")]
        assert len(peringatan) == 1 and "cache_dir" in peringatan[0], hasil.stderr
        assert "0 dari cache" in hasil.stderr
    assert "sop-bagan" in (proyek / "site/sop/banhub/tata-usaha/pengelolaan-surat-masuk"
                           / "index.html").read_text(encoding="utf-8")
