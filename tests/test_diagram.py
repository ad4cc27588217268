"""The swimlane chart: layout geometry, DOT escaping, and SVG drawn by the real Graphviz.

All charts are rendered once per module in one batch (the `gambar` fixture), so the whole file
runs in about a second.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import neato_palsu
from sop_handbook.gambar.dot import dot_untuk_sop, esc_dot, ke_dot
from sop_handbook.gambar.graphviz import Graphviz, GraphvizMissing
from sop_handbook.gambar.lajur import Bagan, tata_letak
from sop_handbook.gambar.svg import siapkan_svg as inline_svg
from sop_handbook.gambar.svg import svg_halaman
from sop_handbook.gambar.ukur import Kotak, bungkus, lebar_teks
from sop_handbook.model import Keputusan, Langkah, Pelaksana, Penandatangan, Posisi, Sop

pytestmark = pytest.mark.skipif(shutil.which("neato") is None, reason="Graphviz not installed")

P = Posisi("sops/contoh.yml", 1, 1)
SVG = "{http://www.w3.org/2000/svg}"
INJEKSI = 'x"] ; node [label="y'


def buat_sop(lanes: list[tuple[str, str]], steps: list[dict], id: str = "contoh") -> Sop:
    """A Sop from lanes [(id, nama)] and steps [{aktivitas, pelaksana, keputusan, lanjut, id}]."""
    kegiatan = []
    for i, s in enumerate(steps, 1):
        pl = s.get("pelaksana", lanes[0][0])
        k = s.get("keputusan")
        kegiatan.append(Langkah(
            i, s.get("aktivitas", f"Kegiatan nomor {i}"), (pl,) if isinstance(pl, str) else pl,
            P, id=s.get("id"), keputusan=Keputusan(*k) if k else None, lanjut=s.get("lanjut")))
    return Sop(
        id=id, berkas="sops/contoh.yml", posisi=P, nomor="1/SOP/2024", nomor_tertulis="1/SOP/2024",
        nama=f"Contoh {id}", unit="Unit", tanggal_pembuatan=dt.date(2024, 1, 1),
        tanggal_efektif=None, disahkan_oleh=Penandatangan("Kepala", "Budi"), dasar_hukum=(),
        kualifikasi_pelaksana=(), keterkaitan=(), peralatan=(), peringatan="", pencatatan=(),
        pelaksana=tuple(Pelaksana(a, b, P) for a, b in lanes), kegiatan=tuple(kegiatan))


SURAT = buat_sop(
    [("staf", "Staf Pengadministrasi Umum"), ("kasubbag", "Kasubbag Umum dan Kepegawaian"),
     ("kepala", "Kepala Badan"), ("x", INJEKSI)],
    [
        {"id": "susun", "aktivitas": "Menyusun draft surat berdasarkan disposisi pimpinan"},
        {"aktivitas": "Memeriksa draft surat; jika belum sesuai, dikembalikan untuk diperbaiki",
         "pelaksana": "kasubbag", "keputusan": (3, 1)},
        {"aktivitas": 'Menandatangani <b>surat</b> & "dokumen" {x} \\N \\\\ a\nb &lt;',
         "pelaksana": "kepala"},
        {"aktivitas": "Rapat bersama membahas hasil", "pelaksana": ("staf", "kasubbag", "kepala")},
        {"aktivitas": "Apakah disetujui?", "pelaksana": "kepala", "keputusan": (6, None)},
        {"aktivitas": "Mengirim surat ke instansi tujuan", "pelaksana": "x"},
        {"aktivitas": "Mengarsipkan", "pelaksana": "staf"},
    ],
    id="surat",
)


def _besar() -> Sop:
    """8 lanes, 30 steps; lanes visited out of order, with decisions, loops and joint steps."""
    lanes = [(f"l{i}", f"Pelaksana {i} dengan nama jabatan yang cukup panjang") for i in range(8)]
    urut = [0, 3, 7, 1, 5, 2, 6, 4]
    steps: list[dict] = []
    for i in range(1, 31):
        s: dict = {"pelaksana": f"l{urut[i % 8]}",
                   "aktivitas": f"Kegiatan {i} " + "memeriksa berkas permohonan " * (i % 4)}
        if i % 7 == 0:
            s["keputusan"] = (i + 1, max(1, i - 5))
        if i % 11 == 0:
            s["pelaksana"] = (f"l{urut[i % 8]}", f"l{urut[(i + 3) % 8]}")
        if i == 20:
            s["lanjut"] = 25
        steps.append(s)
    return buat_sop(lanes, steps, id="besar")


BESAR = _besar()


# --- helpers: reading Graphviz's SVG -------------------------------------------------------


@dataclass
class Node:
    id: str
    kelas: set[str]
    kotak: Kotak
    bentuk: str  # polygon | rect | path
    titik: list[tuple[float, float]]
    teks: list[ET.Element]


def _angka(s: str) -> list[float]:
    return [float(a) for a in re.findall(r"-?\d+(?:\.\d+)?", s)]


def _geom(g: ET.Element) -> tuple[str, list[tuple[float, float]]]:
    for el in g.iter():
        tag = el.tag.removeprefix(SVG)
        if tag == "polygon":
            a = _angka(el.get("points", ""))
            return "polygon", list(itertools.pairwise(a))[::2]
        if tag == "rect":
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            w, h = float(el.get("width", 0)), float(el.get("height", 0))
            return "rect", [(x, y), (x + w, y + h)]
        if tag == "path":
            a = _angka(el.get("d", ""))
            return "path", list(itertools.pairwise(a))[::2]
    raise AssertionError(f"no shape in {g.get('id')}")


WARISAN = ("fill", "stroke", "stroke-width", "font-family", "font-size", "font-weight",
           "text-anchor")


def pohon(svg: str) -> ET.Element:
    """The SVG with inherited presentation attributes written on every element, as drawn
    (the page's SVG writes a value shared by many elements once, on an ancestor)."""
    root = ET.fromstring(svg)

    def turun(el: ET.Element, warisan: dict[str, str]) -> None:
        warisan = warisan | {k: el.get(k) for k in WARISAN if el.get(k) is not None}
        for k, v in warisan.items():
            el.set(k, v)
        for anak in el:
            turun(anak, warisan)

    turun(root, {})
    return root


def nodes(svg: str) -> dict[str, Node]:
    hasil = {}
    for g in pohon(svg).iter(f"{SVG}g"):
        kelas = set((g.get("class") or "").split())
        if "node" not in kelas:
            continue
        bentuk, titik = _geom(g)
        xs, ys = [p[0] for p in titik], [p[1] for p in titik]
        hasil[g.get("id")] = Node(g.get("id"), kelas, Kotak(min(xs), min(ys), max(xs), max(ys)),
                                  bentuk, titik, list(g.iter(f"{SVG}text")))
    return hasil


def edges(svg: str) -> list[ET.Element]:
    return [g for g in pohon(svg).iter(f"{SVG}g") if "edge" in (g.get("class") or "")]


def teks(el: ET.Element) -> str:
    return " ".join((t.text or "") for t in el.iter(f"{SVG}text"))


def ujung_path(edge: ET.Element) -> tuple[float, float]:
    """Where the arrow points: the arrowhead polygon's vertex farthest from the path's end."""
    d = _angka(edge.find(f"{SVG}path").get("d"))
    akhir = (d[-2], d[-1])
    pts = list(itertools.pairwise(_angka(edge.find(f"{SVG}polygon").get("points"))))[::2]
    return max(pts, key=lambda p: abs(p[0] - akhir[0]) + abs(p[1] - akhir[1]))


def langkah_nodes(svg: str) -> dict[str, Node]:
    return {k: n for k, n in nodes(svg).items() if "sop-simbol" in n.kelas}


# --- rendering once for the module ---------------------------------------------------------


@pytest.fixture(scope="module")
def gv(tmp_path_factory: pytest.TempPathFactory) -> Graphviz:
    return Graphviz(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def gambar(gv: Graphviz) -> dict[str, list[tuple[Bagan, str]]]:
    """Every chart of this file, rendered in one `render_many` call."""
    kasus = {
        "surat": (SURAT, None),
        "besar": (BESAR, None),
        "surat-3": (SURAT, 3),
        "besar-10": (BESAR, 10),
    }
    bagan = {k: tata_letak(sop, maks) for k, (sop, maks) in kasus.items()}
    semua = [(k, b) for k, bs in bagan.items() for b in bs]
    hasil = gv.render_many([ke_dot(b, f"sop-{k}") for k, b in semua])
    keluar: dict[str, list[tuple[Bagan, str]]] = {k: [] for k in kasus}
    for (k, b), h in zip(semua, hasil, strict=True):
        assert h.svg is not None, h.galat
        keluar[k].append((b, svg_halaman(h.svg, b, f"sop-{k}")))
    return keluar


# --- lanes and rows ------------------------------------------------------------------------


def _cek_lajur_dan_baris(sop: Sop, svg: str, prefix: str, nomor: list[int]) -> None:
    semua = nodes(svg)
    judul = sorted((n for n in semua.values() if "sop-lajur-judul" in n.kelas),
                   key=lambda n: n.kotak.cx)
    assert [teks(n.teks[0]) if len(n.teks) == 1 else " ".join(t.text for t in n.teks)
            for n in judul] == [p.nama for p in sop.pelaksana]
    kolom = sorted((n for n in semua.values() if "sop-lajur" in n.kelas), key=lambda n: n.kotak.cx)
    assert len(kolom) == len(sop.pelaksana)
    indeks = {p.id: i for i, p in enumerate(sop.pelaksana)}
    bawah_sebelumnya = float("-inf")
    for n in nomor:
        lanes = sorted(indeks[p] for p in sop.langkah(n).pelaksana)
        kopi = [semua[f"{prefix}-langkah-{n}"]]
        kopi += [semua[f"{prefix}-langkah-{n}-{k}"] for k in range(2, len(lanes) + 1)]
        assert f"{prefix}-langkah-{n}-{len(lanes) + 1}" not in semua
        for node, lane in zip(kopi, lanes, strict=True):
            lajur = kolom[lane].kotak
            assert lajur.x0 <= node.kotak.x0 and node.kotak.x1 <= lajur.x1, (n, lane)
            assert node.kotak.y0 > bawah_sebelumnya, f"step {n} is not below step {n - 1}"
        assert len({round(k.kotak.cy, 1) for k in kopi}) == 1  # a joint step is one row
        bawah_sebelumnya = max(k.kotak.y1 for k in kopi)


def test_lanes_in_order_and_steps_in_their_lane(gambar) -> None:
    [(_, svg)] = gambar["surat"]
    _cek_lajur_dan_baris(SURAT, svg, "sop-surat", list(range(1, 8)))


def test_eight_lanes_thirty_steps_keep_order(gambar) -> None:
    [(_, svg)] = gambar["besar"]
    _cek_lajur_dan_baris(BESAR, svg, "sop-besar", list(range(1, 31)))


# --- symbols -------------------------------------------------------------------------------


def test_symbols(gambar) -> None:
    [(_, svg)] = gambar["surat"]
    n = nodes(svg)
    assert n["sop-surat-langkah-1"].kelas >= {"sop-simbol", "sop-kapsul"}
    assert n["sop-surat-langkah-7"].kelas >= {"sop-simbol", "sop-kapsul"}
    assert n["sop-surat-langkah-1"].bentuk == "rect"  # a true capsule, not Graphviz's rounding
    assert n["sop-surat-langkah-3"].kelas >= {"sop-proses"}
    assert n["sop-surat-langkah-3"].bentuk == "polygon"
    assert len(set(n["sop-surat-langkah-3"].titik)) == 4
    for d in (2, 5):
        node = n[f"sop-surat-langkah-{d}"]
        assert "sop-keputusan" in node.kelas
        pts = set(node.titik)
        k = node.kotak
        assert pts == {(k.cx, k.y0), (k.x1, k.cy), (k.cx, k.y1), (k.x0, k.cy)}  # a diamond
    # No "Mulai"/"Selesai" symbols beyond the steps themselves.
    simbol = langkah_nodes(svg)
    assert len(simbol) == 7 + 2  # step 4 is drawn in three lanes
    assert not re.search(r">\s*(Mulai|Selesai)\s*<", svg)


def test_step_number_and_link(gambar) -> None:
    [(_, svg)] = gambar["surat"]
    root = ET.fromstring(svg)
    g = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "sop-surat-langkah-1")
    a = g.find(f".//{SVG}a")
    assert a.get("{http://www.w3.org/1999/xlink}href") == "#langkah-susun"
    assert teks(g).startswith("1. Menyusun")
    g5 = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "sop-surat-langkah-5")
    assert g5.find(f".//{SVG}a").get("{http://www.w3.org/1999/xlink}href") == "#langkah-5"


def test_decisions_have_one_ya_and_one_tidak(gambar) -> None:
    for kunci, prefix, keputusan in (("surat", "sop-surat-b1", [2, 5]),
                                     ("besar", "sop-besar-b1", [7, 14, 21, 28])):
        [(_, svg)] = gambar[kunci]
        for d in keputusan:
            keluar = [e for e in edges(svg) if e.get("id").startswith(f"{prefix}-alur-s{d}-")
                      or e.get("id").startswith(f"{prefix}-alur-s{d}_")]
            label = sorted(teks(e) for e in keluar)
            assert label == ["Tidak", "Ya"], (kunci, d, label)
            assert sorted(c for e in keluar for c in e.get("class").split()
                          if c in ("sop-ya", "sop-tidak")) == ["sop-tidak", "sop-ya"]


def test_loop_back_goes_around_symbols(gambar) -> None:
    [(bagan, svg)] = gambar["surat"]
    mundur = [e for e in edges(svg) if "sop-mundur" in e.get("class")]
    assert [e.get("id") for e in mundur] == ["sop-surat-b1-alur-s2-s1-tidak"]
    target = nodes(svg)["sop-surat-langkah-1"].kotak
    x, y = ujung_path(mundur[0])
    assert abs(x - target.cx) < 0.5 and abs(y - target.y0) < 0.5  # enters step 1 from the top
    # Geometry in the layout: no flow line crosses a symbol other than its own ends.
    _cek_garis_tidak_menembus(bagan)


def _cek_garis_tidak_menembus(bagan: Bagan) -> None:
    simbol = {s.nama: s.kotak for s in bagan.simbol}
    for g in bagan.garis:
        if g.jenis == "gabung":
            continue
        for (ax, ay), (bx, by) in itertools.pairwise(g.titik):
            seg = Kotak(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            for nama, k in simbol.items():
                if nama in (g.dari, g.ke):
                    continue
                dalam = Kotak(k.x0 + 0.5, k.y0 + 0.5, k.x1 - 0.5, k.y1 - 0.5)
                assert not (seg.x0 <= dalam.x1 and dalam.x0 <= seg.x1 and seg.y0 <= dalam.y1
                            and dalam.y0 <= seg.y1), (g.nama, nama)


def test_no_flow_line_through_symbols_in_big_chart() -> None:
    for maks in (None, 10):
        for b in tata_letak(BESAR, maks):
            _cek_garis_tidak_menembus(b)


def test_lanjut_and_joint_step_flows() -> None:
    [b] = tata_letak(BESAR)
    garis = {g.nama: g for g in b.garis}
    assert any(g.dari == "s20" and g.ke == "s25" for g in garis.values())  # lanjut: 25
    # Step 22 is joint: its copies are joined, flow enters and leaves one copy each.
    assert [g.nama for g in b.garis if g.jenis == "gabung" and g.dari == "s22"] == ["s22-s22_2"]
    masuk = [g for g in b.garis if g.jenis == "alur" and g.ke in ("s22", "s22_2")]
    keluar = [g for g in b.garis if g.jenis == "alur" and g.dari in ("s22", "s22_2")]
    assert len(keluar) == 1 and len(masuk) >= 1


def test_decision_that_ends_the_procedure() -> None:
    [b] = tata_letak(SURAT)
    [akhir] = [g for g in b.garis if g.jenis == "selesai"]
    assert (akhir.dari, akhir.ke, akhir.label) == ("s5", None, "Tidak")


# --- fit, overlap ---------------------------------------------------------------------------


def _di_dalam(node: Node, x0: float, y0: float, x1: float, y1: float) -> bool:
    k = node.kotak
    sudut = [(x0, y0), (x1, y0), (x0, y1), (x1, y1)]
    if "sop-keputusan" in node.kelas:
        return all(abs(x - k.cx) / (k.lebar / 2) + abs(y - k.cy) / (k.tinggi / 2) <= 1.0
                   for x, y in sudut)
    return k.x0 <= x0 and x1 <= k.x1 and k.y0 <= y0 and y1 <= k.y1


def _cek_muat(svg: str) -> None:
    semua = nodes(svg)
    simbol = [n for n in semua.values() if "sop-simbol" in n.kelas or "sop-penghubung" in n.kelas]
    for a, b in itertools.combinations(simbol, 2):
        assert not a.kotak.tumpang(b.kotak), (a.id, b.id)
    for n in [*simbol, *(n for n in semua.values() if "sop-lajur-judul" in n.kelas)]:
        for t in n.teks:
            fs = float(t.get("font-size"))
            w = lebar_teks(t.text or "", fs, t.get("font-weight") == "bold")
            x, y = float(t.get("x")), float(t.get("y"))
            assert _di_dalam(n, x - w / 2, y - 0.8 * fs, x + w / 2, y + 0.25 * fs), (n.id, t.text)
    # Exit labels ("Ya"/"Tidak") sit beside the lines, never on a symbol.
    for e in edges(svg):
        for t in e.iter(f"{SVG}text"):
            fs = float(t.get("font-size"))
            w = lebar_teks(t.text or "", fs)
            x, y = float(t.get("x")), float(t.get("y"))
            kotak = Kotak(x - w / 2, y - 0.8 * fs, x + w / 2, y + 0.25 * fs)
            assert not any(kotak.tumpang(n.kotak) for n in simbol), (e.get("id"), t.text)


@pytest.mark.parametrize("kunci", ["surat", "besar", "surat-3", "besar-10"])
def test_no_overlap_and_text_fits(gambar, kunci: str) -> None:
    for _, svg in gambar[kunci]:
        _cek_muat(svg)


def test_wrap() -> None:
    assert bungkus("satu dua tiga", 1000) == ["satu dua tiga"]
    baris = bungkus("Menyusun draft surat berdasarkan disposisi pimpinan", 80)
    assert len(baris) > 1 and all(lebar_teks(b) <= 80 for b in baris)
    panjang = bungkus("https://contoh.go.id/" + "a" * 80, 60)
    assert all(lebar_teks(b) <= 60 for b in panjang) and "".join(panjang).endswith("a" * 80)


def test_wrap_long_word_is_cut_at_the_line_width() -> None:
    """A 10,000-letter word (hostile input) wraps in one pass: cut at the width, nothing lost.
    It used to re-measure every prefix (cubic: minutes); benchmarks/terburuk.py times it."""
    kata = "Ab" * 5000
    baris = bungkus(f"awal {kata} akhir", 100)
    assert all(lebar_teks(b) <= 100 for b in baris)
    assert " ".join(baris) != "".join(baris)  # words still split at spaces
    assert "".join(b.replace(" ", "") for b in baris) == f"awal{kata}akhir"
    # every cut is as late as the width allows: one more letter would not have fit
    potong = baris[1:-2]
    assert potong and all(lebar_teks(b + "A") > 100 for b in potong)
    assert bungkus("W", 1) == ["W"]  # a letter wider than the line still comes out, once


# --- safety and accessibility --------------------------------------------------------------


def test_injection_renders_as_text(gambar) -> None:
    [(bagan, svg)] = gambar["surat"]
    semua = nodes(svg)
    assert teks(semua["sop-surat-b1-judul-3"].teks[0]) == INJEKSI
    ditulis = " ".join(t.text or "" for t in semua["sop-surat-langkah-3"].teks)
    assert ditulis == '3. Menandatangani <b>surat</b> & "dokumen" {x} \\N \\\\ a b &lt;'
    assert len(nodes(svg)) == len(bagan.simbol) + 2 * len(bagan.lajur)  # no injected node
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_esc_dot() -> None:
    assert esc_dot('a"b\\c\nd&e') == 'a\\"b\\\\c d&amp;e'


def test_inline_svg_ids_title_desc_colours(gambar) -> None:
    semua_id: list[str] = []
    for kunci, daftar in gambar.items():
        for bagan, svg in daftar:
            assert svg.startswith("<svg") and "<?xml" not in svg and "<!--" not in svg
            root = ET.fromstring(svg)
            pb = f"sop-{kunci}-b{bagan.bagian}"
            assert root.get("role") == "img"
            assert root.get("aria-labelledby") == f"{pb}-title {pb}-desc"
            assert root.find(f"{SVG}title").text == bagan.judul
            assert root.find(f"{SVG}desc").text == bagan.deskripsi
            assert len(root.findall(f".//{SVG}title")) == 1  # Graphviz's node titles dropped
            ids = [el.get("id") for el in root.iter() if el.get("id")]
            assert all(i.startswith(f"sop-{kunci}-") for i in ids), ids
            semua_id += ids
            assert 'stroke="currentColor"' in svg and "#010101" not in svg
            assert 'fill="white"' not in svg  # no opaque page background in dark mode
    assert len(semua_id) == len(set(semua_id))


# --- split into parts ----------------------------------------------------------------------


def test_split_parts_use_numbered_connectors(gambar) -> None:
    bagian = gambar["surat-3"]
    assert [b.langkah for b, _ in bagian] == [(1, 2, 3), (4, 5, 6), (7,)]
    for b, svg in bagian:
        _cek_lajur_dan_baris(SURAT, svg, "sop-surat-3", list(b.langkah))
    # Part 1 → 2 (step 3 → 4) and part 2 → 3 (step 6 → 7), each through a numbered pentagon.
    k1 = nodes(bagian[0][1])["sop-surat-3-b1-penghubung-1-keluar"]
    k2 = nodes(bagian[1][1])["sop-surat-3-b2-penghubung-1-masuk"]
    assert len(set(k1.titik)) == 5 and teks(k1.teks[0]) == teks(k2.teks[0]) == "1"
    assert "sop-surat-3-b2-penghubung-2-keluar" in nodes(bagian[1][1])
    assert "sop-surat-3-b3-penghubung-2-masuk" in nodes(bagian[2][1])
    ids = [e.get("id") for e in edges(bagian[0][1])]
    assert "sop-surat-3-b1-alur-s3-k1o" in ids


def test_split_loop_back_across_parts() -> None:
    parts = tata_letak(BESAR, 10)
    assert len(parts) == 3
    # Step 14 (part 2) jumps back to step 9 (part 1): out through a connector in part 2,
    # in through its twin in part 1.
    n2 = {s.penghubung: s for s in parts[1].simbol if s.arah == "keluar"}
    n1 = {s.penghubung: s for s in parts[0].simbol if s.arah == "masuk"}
    kembali = [n for n, s in n2.items() if s.ke_bagian == 1]
    assert kembali and all(n in n1 for n in kembali)
    assert any(g.dari == "s14" and g.ke == f"k{kembali[0]}o" for g in parts[1].garis)


def test_no_split_by_default() -> None:
    assert len(tata_letak(BESAR)) == 1 and len(tata_letak(BESAR, 0)) == 1
    assert len(dot_untuk_sop(SURAT, "p", maks_langkah=2)) == 4


# --- the Graphviz runner -------------------------------------------------------------------


def test_cache_means_no_run(gv: Graphviz, gambar) -> None:
    sumber = [ke_dot(b, "sop-surat") for b in tata_letak(SURAT)]
    runs = gv.runs
    hasil = gv.render_many(sumber)
    assert hasil[0].dari_cache and gv.runs == runs
    baru = Graphviz(gv.cache_dir)  # the next build: a new object, the same folder
    assert baru.render_many(sumber)[0].dari_cache and baru.runs == 0


def test_one_failure_does_not_stop_the_others(tmp_path: Path) -> None:
    g = Graphviz(tmp_path)
    hasil = g.render_many(['digraph a { a [pos="1,1"]; }', "digraph b { a -> }",
                           'digraph c { c [pos="1,1"]; }'])
    assert [h.ok for h in hasil] == [True, False, True]
    assert hasil[1].galat and "syntax error" in hasil[1].galat
    assert len(list(tmp_path.rglob("*.svg"))) == 2  # failures are not cached


def test_graphviz_missing(tmp_path: Path) -> None:
    with pytest.raises(GraphvizMissing, match="apt-get install graphviz"):
        Graphviz(tmp_path, engine="tidak-ada-graphviz").render_many(["digraph {}"])


def test_inline_svg_prefixes_graphviz_ids() -> None:
    svg = ('<?xml version="1.0"?>\n<!-- c -->\n<svg width="1pt" viewBox="0 0 1 1">'
           '<g id="page0,1_graph0" class="graph"><title>G</title>'
           '<g id="a_node1"><a xlink:href="#langkah-1"></a></g></g></svg>')
    keluar = inline_svg(svg, "p", "Judul <&>", "d")
    assert 'id="p-graph0"' in keluar and "node1" not in keluar  # link wrapper <g> dropped
    assert 'href="#langkah-1"' in keluar and "<title id=\"p-title\">Judul &lt;&amp;&gt;" in keluar


def test_a_hanging_chart_costs_one_timeout_and_the_others_draw(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Graphviz stuck on one chart of a batch: that chart fails with "waktu habis" after one
    timeout (not one per split of the batch), the charts before and after it are drawn."""
    monkeypatch.setenv("PATH", f"{neato_palsu(tmp_path / 'bin', 'GANTUNG')}:{os.environ['PATH']}")
    g = Graphviz(tmp_path / "cache", timeout=0.5)
    sumber = [f'digraph g{i} {{ a [pos="1,1", label="{"GANTUNG" if i == 2 else i}"]; }}'
              for i in range(6)]
    hasil = g.render_many(sumber)
    assert [h.ok for h in hasil] == [True, True, False, True, True, True]
    assert "waktu habis setelah 0.5 detik" in (hasil[2].galat or "")
    assert g.runs == 2  # the batch, killed at the hanging chart; then the rest in one go


def test_graphviz_hanging_on_everything_gives_up_after_two_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", f"{neato_palsu(tmp_path / 'bin', None)}:{os.environ['PATH']}")
    g = Graphviz(tmp_path / "cache", timeout=0.3, jobs=1)
    hasil = g.render_many([f'digraph g{i} {{ a [pos="1,1"]; }}' for i in range(20)])
    assert not any(h.ok for h in hasil) and all("waktu habis" in (h.galat or "") for h in hasil)
    assert g.runs == 2


def test_graphviz_hanging_on_its_version_is_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "neato").write_text("#!/bin/sh\nexec sleep 600\n")
    (bin_ / "neato").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}:{os.environ['PATH']}")
    with pytest.raises(GraphvizMissing, match="tidak merespons: 'neato -V' belum selesai"):
        Graphviz(tmp_path / "cache", timeout=0.3).render_many(["digraph {}"])
