"""A realistic synthetic handbook of N SOPs, and the same SOPs as plain Markdown pages.

The handbook is YAML under `sops/` built by our plugin; the baseline is what an office would
otherwise publish: one Markdown page per SOP with the same text and tables and its chart as a
static SVG file, built by plain mkdocs-material with the same theme settings and the same
navigation shape (units in the nav, SOP pages reached from them). Same seed, same handbook.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

KATA = (
    "menerima memeriksa meneliti menyusun mengolah merekap mengirim menandatangani mengarsipkan "
    "mencatat memverifikasi menelaah membahas menetapkan menyampaikan mengajukan berkas surat "
    "permohonan disposisi laporan data kinerja anggaran dokumen rancangan usulan nota dinas "
    "agenda persuratan kepegawaian keuangan aset perencanaan program kegiatan evaluasi hasil"
).split()
JABATAN = (
    "Kepala Dinas|Sekretaris|Kepala Bidang Umum|Kepala Bidang Program|Kepala Sub Bagian Umum|"
    "Kepala Sub Bagian Keuangan|Kepala Seksi Pelayanan|Kepala Seksi Data|Analis Kebijakan|"
    "Pengadministrasi Umum|Pengelola Keuangan|Bendahara|Arsiparis|Pranata Komputer|"
    "Staf Pelaksana|Pemohon"
).split("|")
JENIS = ("Peraturan Presiden", "Peraturan Pemerintah", "Undang-Undang",
         "Peraturan Menteri Dalam Negeri", "Peraturan Daerah Provinsi Kalimantan Barat",
         "Peraturan Gubernur Kalimantan Barat")


def _kalimat(rnd: random.Random, a: int, b: int) -> str:
    teks = " ".join(rnd.choices(KATA, k=rnd.randint(a, b)))
    return teks[0].upper() + teks[1:]


def _peraturan(rnd: random.Random) -> list[str]:
    """A pool of regulations shared across SOPs, some spelt two ways."""
    pool = []
    for i in range(40):
        jenis = JENIS[i % len(JENIS)]
        nomor, tahun = rnd.randint(1, 99), rnd.randint(2004, 2024)
        pool.append(f"{jenis} Nomor {nomor} Tahun {tahun} tentang {_kalimat(rnd, 3, 7)}")
    return pool


def buat_sops(n: int, seed: int = 35) -> list[tuple[str, dict]]:
    """N SOPs as (id, YAML data): several units, 4-8 lanes, 8-30 steps, decisions, loop-backs,
    keterkaitan between SOPs (by title, by {sop: id}, some unresolved), shared dasar hukum."""
    rnd = random.Random(seed)
    jumlah_unit = max(2, n // 60)
    unit = [f"Dinas Contoh {i + 1:02d} Provinsi Kalimantan Barat" for i in range(jumlah_unit)]
    pool = _peraturan(rnd)
    nama = [f"{_kalimat(rnd, 2, 5)} {i + 1}" for i in range(n)]
    hasil = []
    for i in range(n):
        u = i % jumlah_unit
        sid = f"dinas-{u + 1:02d}/sop-{i + 1:04d}"
        lajur = rnd.sample(JABATAN, rnd.randint(4, 8))
        jumlah = rnd.randint(8, 30)
        kegiatan = []
        for k in range(1, jumlah + 1):
            langkah: dict = {
                "aktivitas": _kalimat(rnd, 4, 18),
                "pelaksana": lajur[(k - 1) % len(lajur)] if rnd.random() < 0.6
                else rnd.choice(lajur),
                "kelengkapan": [_kalimat(rnd, 1, 3) for _ in range(rnd.randint(0, 3))],
                "waktu": rnd.choice(["15 menit", "30 menit", "1 jam", "2 jam", "1 hari kerja",
                                     "1 - 3 hari kerja", "Setiap saat"]),
                "output": _kalimat(rnd, 1, 3),
            }
            if 2 < k < jumlah and rnd.random() < 0.12:
                langkah["keputusan"] = {"tidak": rnd.randint(1, k - 1)}
            elif k < jumlah - 2 and rnd.random() < 0.03:
                langkah["lanjut"] = k + 2
            if rnd.random() < 0.05:
                langkah["pelaksana"] = rnd.sample(lajur, 2)
            kegiatan.append(langkah)
        dipakai = {p for lk in kegiatan for p in
                   (lk["pelaksana"] if isinstance(lk["pelaksana"], list) else [lk["pelaksana"]])}
        keterkaitan: list = []
        for _ in range(rnd.randint(1, 5)):
            j = rnd.randrange(n)
            if j == i:
                continue
            r = rnd.random()
            if r < 0.5:
                keterkaitan.append(f"SOP {nama[j]}")
            elif r < 0.8:
                keterkaitan.append({"sop": f"dinas-{j % jumlah_unit + 1:02d}/sop-{j + 1:04d}"})
            else:
                keterkaitan.append(f"SOP {_kalimat(rnd, 2, 4)}")  # not in the handbook
        data = {
            "nomor": f"{800 + u}/{i + 1:04d}/Dinas-{u + 1:02d}",
            "nama": nama[i],
            "instansi": "Pemerintah Provinsi Kalimantan Barat",
            "unit": unit[u],
            "tanggal_pembuatan":
                f"20{rnd.randint(15, 24)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
            "tanggal_revisi": None,
            "tanggal_efektif": f"{rnd.randint(1, 28)} Januari 2025",
            "disahkan_oleh": {"jabatan": f"Kepala {unit[u]}", "nama": "Nama Pejabat",
                              "pangkat": "Pembina", "nip": "19700101 199001 1 001"},
            "dasar_hukum": rnd.sample(pool, rnd.randint(1, 4)),
            "kualifikasi_pelaksana": [_kalimat(rnd, 3, 8) for _ in range(rnd.randint(1, 3))],
            "keterkaitan": keterkaitan,
            "peralatan": ["Komputer", "ATK"],
            "peringatan": _kalimat(rnd, 8, 20),
            "pencatatan": "Disimpan sebagai data elektronik dan manual",
            "pelaksana": [p for p in lajur if p in dipakai],
            "kegiatan": kegiatan,
            "kata_kunci": rnd.sample(KATA[-12:], 2),
        }
        hasil.append((sid, data))
    return hasil


MKDOCS_TEMA = """\
theme:
  name: material
  language: id
  font: false
  features: [navigation.sections, navigation.top]
"""


def tulis_buku(folder: Path, sops: list[tuple[str, dict]]) -> Path:
    """The handbook project: mkdocs.yml with our plugin, a home page, sops/."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs_src").mkdir(parents=True)
    (folder / "docs_src/index.md").write_text("# Buku pedoman SOP (sintetis)\n")
    for sid, data in sops:
        p = folder / "sops" / f"{sid}.yml"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: Buku SOP sintetis\ndocs_dir: docs_src\n" + MKDOCS_TEMA
        + "plugins:\n  - sop-handbook:\n      unresolved_links: info\n")  # Pagefind search: ours
    return folder


def tulis_dasar(folder: Path, buku: Path) -> Path:
    """The baseline: every SOP pre-rendered to Markdown + a static SVG, plain mkdocs-material.

    Uses our core only to produce the pages once (not timed): the text and tables are the
    same, the chart is the same SVG, as a file.
    """
    from sop_handbook import load
    from sop_handbook.gambar.alur import gambar_bagan
    from sop_handbook.gambar.graphviz import Graphviz
    from sop_handbook.render import kelompokkan, tanggal

    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    hasil = load.muat(buku / "sops", buku)
    bagan = gambar_bagan(hasil.sops, Graphviz(folder / ".cache-svg"))

    def sel(t: object) -> str:
        return str(t).replace("|", "\\|").replace("\n", " ")

    nav = []
    for k in kelompokkan(hasil.sops):
        baris = [f"# {k.unit}\n", "| Nomor | Nama SOP | Tanggal Efektif |", "| --- | --- | --- |"]
        for s in k.sops:
            rel = f"../sop/{s.id}.md"
            baris.append(f"| {sel(s.nomor)} | [{sel(s.nama)}]({rel}) | "
                         f"{tanggal(s.tanggal_efektif)} |")
        p = docs / "unit" / f"{k.sops[0].id.split('/')[0]}.md"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("\n".join(baris) + "\n", encoding="utf-8")
        nav.append({k.unit: f"unit/{p.name}"})
    for s in hasil.sops:
        lajur = {p.id: p.nama for p in s.pelaksana}
        md = [f"# {s.nama}\n", f"Nomor SOP **{s.nomor}**\n", "## Identitas SOP\n",
              "| | |", "| --- | --- |", f"| Nomor SOP | {sel(s.nomor)} |",
              f"| Tanggal Pembuatan | {tanggal(s.tanggal_pembuatan)} |",
              f"| Tanggal Revisi | {tanggal(s.tanggal_revisi)} |",
              f"| Tanggal Efektif | {tanggal(s.tanggal_efektif)} |",
              f"| Disahkan Oleh | {sel(s.disahkan_oleh.jabatan)}<br>{sel(s.disahkan_oleh.nama)} |",
              ""]
        for judul, isi in (("Dasar Hukum", s.dasar_hukum),
                           ("Kualifikasi Pelaksana", s.kualifikasi_pelaksana),
                           ("Keterkaitan", [k.teks for k in s.keterkaitan]),
                           ("Peralatan / Perlengkapan", s.peralatan),
                           ("Pelaksana", [p.nama for p in s.pelaksana])):
            md += [f"## {judul}\n", *[f"{i}. {t}" for i, t in enumerate(isi, 1)], ""]
        md += ["## Peringatan\n", s.peringatan, "", "## Pencatatan dan Pendataan\n",
               *s.pencatatan, "", "## Prosedur\n"]
        b = bagan.get(s.id)
        if b and b.svg:
            svg = docs / "sop" / f"{s.id}.svg"
            svg.parent.mkdir(parents=True, exist_ok=True)
            svg.write_text(b.svg[0], encoding="utf-8")
            md += [f"![Bagan alir]({svg.name})\n"]
        md += ["| No | Kegiatan | Pelaksana | Kelengkapan | Waktu | Output | Keterangan |",
               "| --- | --- | --- | --- | --- | --- | --- |"]
        for lk in s.kegiatan:
            md.append(f"| {lk.nomor} | {sel(lk.aktivitas)} | "
                      f"{'<br>'.join(sel(lajur[p]) for p in lk.pelaksana)} | "
                      f"{'<br>'.join(sel(x) for x in lk.kelengkapan) or '-'} | "
                      f"{sel(lk.waktu.teks) if lk.waktu else '-'} | "
                      f"{', '.join(sel(x) for x in lk.output) or '-'} | "
                      f"{sel(lk.keterangan or '')} |")
        p = docs / "sop" / f"{s.id}.md"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("\n".join(md) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# Buku pedoman SOP (Markdown biasa)\n")
    (folder / "mkdocs.yml").write_text(
        "site_name: Buku SOP sintetis (dasar)\n" + MKDOCS_TEMA
        + "plugins:\n  - search\nmarkdown_extensions: [tables, attr_list]\n"
        + "not_in_nav: |\n  /sop/**\n"
        + yaml.safe_dump({"nav": [{"Beranda": "index.md"}, {"Daftar SOP": nav}]},
                         allow_unicode=True, sort_keys=False))
    shutil.rmtree(folder / ".cache-svg", ignore_errors=True)
    return folder
