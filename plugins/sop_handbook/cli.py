"""`sop`: the command line for authors and CI, on the same core as the MkDocs plugin.

`sop lint` prints exactly the messages a build would; `sop schema` writes the editor schema;
`sop new` starts a SOP file with every field; `sop periksa-tautan` checks a built site's
internal links and anchors before it is published.
No MkDocs import here: linting a handbook must not need a site build.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

import yaml

from . import (
    bandingkan,
    load,
    pdf,
    pemilik,
    periksa_tautan,
    rencana,
    riwayat,
    schema,
    templat_baru,
)
from .diagnostics import Laporan, ringkasan
from .gambar import Memo
from .indexes import slug_unit, susun_indeks
from .links import TINGKAT_OPSI, hubungkan
from .opsi import BAWAAN, usang
from .opsi import baca as baca_opsi
from .render import Alamat
from .susun import hari_ini


def baca_mkdocs(berkas: Path) -> dict[str, Any]:
    """mkdocs.yml as data, without MkDocs (tags like !!python/name are ignored); {} if none."""
    if not berkas.is_file():
        return {}
    try:
        data = yaml.load(berkas.read_text(encoding="utf-8"), Loader=_AbaikanTag) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def opsi_tertulis(berkas: Path) -> dict[str, Any]:
    """This plugin's options as written in mkdocs.yml (old names as they are)."""
    data = baca_mkdocs(berkas)
    for item in data.get("plugins") or []:
        if item == "sop-handbook":
            return {}
        if isinstance(item, dict) and "sop-handbook" in item:
            isi = item["sop-handbook"]
            return isi if isinstance(isi, dict) else {}
    return {}


def opsi_lama(berkas: Path) -> list[str]:
    """Old option names written in mkdocs.yml (see opsi.NAMA_LAMA)."""
    return baca_opsi(opsi_tertulis(berkas))[1]


def opsi_mkdocs(berkas: Path) -> dict[str, Any]:
    """Every plugin option for `sop`, as the build would see it: mkdocs.yml's values, old names
    moved to the new ones, defaults from opsi.BAWAAN (the same as the plugin's)."""
    return baca_opsi(opsi_tertulis(berkas))[0]


class _AbaikanTag(yaml.SafeLoader):
    pass


_AbaikanTag.add_multi_constructor("", lambda loader, akhiran, node: None)


def _muat(akar: Path, basis: Path, tingkat: str,
          opsi: dict[str, Any] | None = None) -> load.BukuPedoman:
    """Load and resolve keterkaitan, exactly as the build does, into one report; given the
    plugin's options, also compare with the git history as the build does (`history`)."""
    buku = load.muat(akar, basis)
    hubungkan(buku.sops, buku.laporan, TINGKAT_OPSI[tingkat])
    if opsi is not None and opsi.get("history", True) is not False and buku.sops:
        cache = opsi.get("cache_dir") if isinstance(opsi.get("cache_dir"), str) else None
        memo = Memo(basis / (cache or ".cache/sop-handbook") / "memo")
        riwayat.riwayat_buku(buku, basis, akar.resolve(), memo)
    return buku


def cari_config(mulai: Path | None = None) -> Path | None:
    """The project's mkdocs.yml: the nearest one in `mulai` (the current folder) or above, so
    `sop` works from inside sops/unit/ as from the project's root. A folder holding `sops/`
    but no mkdocs.yml is a project of its own (defaults apply): None."""
    folder = Path(os.path.abspath(mulai or Path.cwd()))
    for f in (folder, *folder.parents):
        if (f / "mkdocs.yml").is_file():
            return f / "mkdocs.yml"
        if (f / "sops").is_dir():
            return None
    return None


def _proyek(config: str | None) -> tuple[Path, Path]:
    """(mkdocs.yml, project folder): the given config, else the nearest one upward, else
    mkdocs.yml in the current folder (which may not exist: defaults apply)."""
    berkas = Path(config) if config is not None else cari_config() or Path("mkdocs.yml")
    return berkas, Path(os.path.abspath(berkas.parent))


def _folder_sop() -> str:
    """The project's SOP folder as a path from the current folder (for `sop new`)."""
    berkas, proyek = _proyek(None)
    akar = proyek / str(opsi_mkdocs(berkas).get("sops_dir") or "sops")
    return os.path.relpath(akar)


def lint(paths: list[str], folder_sop: str | None = None, tegas: bool = False,
         keterkaitan: str | None = None, config: str | None = None) -> tuple[int, list[str]]:
    """Lint the handbook (or just the given files/folders). Returns (exit code, output lines).

    Given files inside the handbook are checked with the whole handbook loaded, so that
    duplicate nomor/nama across files are caught (and every _default.yml above them applies);
    only their own messages are printed. `folder_sop` and `keterkaitan` (info/warning/error)
    default to the plugin options of the project's mkdocs.yml (found upward from the current
    folder); paths in messages are relative to the project, as in the build's.
    """
    berkas_config, basis = _proyek(config)
    opsi = opsi_mkdocs(berkas_config)
    akar = Path(folder_sop) if folder_sop else basis / str(opsi["sops_dir"] or BAWAAN["sops_dir"])
    tingkat = keterkaitan or opsi["unresolved_links"]
    if tingkat not in TINGKAT_OPSI:
        tingkat = BAWAAN["unresolved_links"]
    laporan = Laporan()
    if not paths:
        buku = _muat(akar, basis, tingkat, opsi)
        laporan = buku.laporan
        _periksa_situs(buku, berkas_config, basis, opsi)
    else:
        sasaran: set[str] = set()
        akar_lain: list[Path] = []
        for p in map(Path, paths):
            if not p.exists():
                laporan.galat(load.Posisi(p.as_posix()), "not-found", "berkas tidak ditemukan")
            elif _di_dalam(p, akar) and akar.is_dir():
                sasaran.add(_mutlak(p).as_posix())
            else:
                akar_lain.append(p)
        if sasaran:
            buku = _muat(akar, basis, tingkat, opsi)
            _periksa_situs(buku, berkas_config, basis, opsi)
            for d in buku.laporan.semua:
                penuh = _mutlak(basis / d.posisi.berkas).as_posix()
                if any(penuh == s or penuh.startswith(s + "/") for s in sasaran):
                    laporan.tambah(d)
        for p in akar_lain:
            if p.is_dir():
                for d in _muat(p, basis, tingkat).laporan.semua:
                    laporan.tambah(d)
            else:
                sub = Laporan()
                sop = load.muat_satu(p, p.parent, basis, sub)
                for d in sub.semua:
                    laporan.tambah(d)
                if sop is not None:
                    load.periksa_antar_berkas([sop], laporan)
    baris = [str(d) for d in laporan.terurut()]
    galat, peringatan = len(laporan.daftar_galat), len(laporan.daftar_peringatan)
    gagal = galat > 0 or (tegas and peringatan > 0)
    if gagal:
        baris.append(f"{ringkasan(galat, peringatan)}: perbaiki pesan di atas.")
    else:
        baris.append(f"OK — {ringkasan(galat, peringatan)}.")
    return (1 if gagal else 0), baris


def _periksa_situs(buku: load.BukuPedoman, config: Path, basis: Path,
                   opsi: dict[str, Any]) -> None:
    """The build's site-plan checks (paths, prefixes, logo, option ranges), as on_pre_build
    runs them, into the handbook's report."""
    data = baca_mkdocs(config)
    try:
        teks = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        teks = ""
    docs = data.get("docs_dir", "docs") if data else None
    situs = rencana.OpsiSitus(
        url_prefix=opsi["url_prefix"], unit_prefix=opsi["unit_prefix"], logo=opsi["logo"],
        docs_dir=config.parent / docs if isinstance(docs, str) else None,
        direktori=data.get("use_directory_urls", True) is not False,
        berkas_config=Path(os.path.relpath(os.path.abspath(config), basis)).as_posix(),
        teks_config=teks,
        angka={k: opsi[k] for k in rencana.BATAS_OPSI})
    for lama in opsi_lama(config):  # as MkDocs warns about them (fails --strict)
        buku.laporan.peringatan(situs.letak(lama), "deprecated-option", *usang(lama))
    alamat = Alamat(str(situs.url_prefix).strip("/"), str(situs.unit_prefix).strip("/"),
                    situs.direktori)
    alamat.tetapkan_unit(slug_unit(buku.sops))
    indeks = susun_indeks(buku.sops, hari_ini(), _bulan(opsi["review_months"]))
    rencana.periksa_situs(buku.sops, indeks, alamat, situs, buku.laporan,
                          ada_peta=opsi["diagram"] is not False,
                          aset=[b.name for b in sorted(rencana.FOLDER_ASET.iterdir())])


def _bulan(nilai: object) -> int:
    """review_months for the review index: the default while the option itself is wrong."""
    ok = isinstance(nilai, int) and rencana.salah_angka_opsi("review_months", nilai) is None
    return nilai if ok else BAWAAN["review_months"]  # type: ignore[return-value]


def _mutlak(p: Path) -> Path:
    """An absolute path without following symlinks: a link inside sops/ is linted as the build
    sees it (refused), not as the file it points to."""
    return Path(os.path.normpath(Path.cwd() / p))


def _di_dalam(p: Path, akar: Path) -> bool:
    return _mutlak(p).is_relative_to(_mutlak(akar)) or _mutlak(p).is_relative_to(akar.resolve())


def pratinjau(berkas: str | None, config: str | None = None, host: str = "127.0.0.1",
              port: int = 8001) -> int:
    """Serve live previews of SOP pages until interrupted (see pratinjau.py). The project is
    found as `sop lint` finds it: the given config, else the nearest mkdocs.yml upward."""
    from . import pratinjau as P

    cfg = _proyek(config)[0].resolve()
    proyek = cfg.parent
    data = baca_mkdocs(cfg)
    o = opsi_mkdocs(cfg)
    opsi = P.OpsiPratinjau(
        proyek=proyek,
        folder_sop=(proyek / str(o["sops_dir"] or BAWAAN["sops_dir"])).resolve(),
        site=(proyek / str(data.get("site_dir") or "site")).resolve(),
        alamat=Alamat(str(o["url_prefix"] or BAWAAN["url_prefix"]).strip("/"),
                      str(o["unit_prefix"] or BAWAAN["unit_prefix"]).strip("/"),
                      data.get("use_directory_urls", True) is not False),
        cache_dir=(proyek / str(o["cache_dir"] or BAWAAN["cache_dir"])).resolve(),
        unresolved_links=o["unresolved_links"] if o["unresolved_links"] in TINGKAT_OPSI
        else BAWAAN["unresolved_links"],
        review_months=_bulan(o["review_months"]),
        diagram=o["diagram"] is not False,
        diagram_max_langkah=o["diagram_max_steps"]
        if isinstance(o["diagram_max_steps"], int) else 0,
    )
    p = P.Pratinjau(opsi)
    try:
        server = P.buat_server(p, host, port)
    except OSError as e:
        print(f"pratinjau tidak dapat dimulai di {host}:{port}: {e.strerror} — "
              "pakai --port lain.", file=sys.stderr)
        return 2
    alamat = f"http://{host}:{server.server_address[1]}/"
    if berkas:
        try:
            sop_id = Path(berkas).resolve().relative_to(opsi.folder_sop).with_suffix("")
            alamat += opsi.alamat.sop(sop_id.as_posix())
        except ValueError:
            print(f"{berkas} tidak di dalam folder SOP {opsi.folder_sop}", file=sys.stderr)
            return 2
    if not (opsi.site / "index.html").is_file():
        print("catatan: belum ada situs hasil `mkdocs build`; halaman tampil tanpa navigasi situs.")
    print(f"Pratinjau SOP: buka {alamat}\nHalaman dimuat ulang sendiri setiap kali berkas "
          "disimpan. Hentikan dengan Ctrl+C.", flush=True)
    p.buku()  # load the handbook once now, so the first page opens quickly
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


def _pipa_tertutup() -> int:
    """End quietly after the reader of stdout went away: point stdout at /dev/null so that
    Python's own flush at exit does not fail again, and exit as a SIGPIPE'd command would."""
    try:
        nol = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nol, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


def buat_parser() -> argparse.ArgumentParser:
    """The command line, separate from `main` so tests can check that the CI templates and the
    pre-commit hook call subcommands and options that really exist."""
    parser = argparse.ArgumentParser(prog="sop", description="Alat penulis buku pedoman SOP.")
    sub = parser.add_subparsers(dest="perintah", required=True)
    p_lint = sub.add_parser("lint", help="periksa berkas SOP tanpa membangun situs")
    p_lint.add_argument("paths", nargs="*", help="berkas atau folder (bawaan: seluruh folder SOP)")
    p_lint.add_argument("--sops", default=None,
                        help="folder SOP buku pedoman (bawaan: sops_dir di mkdocs.yml, atau sops)")
    p_lint.add_argument("--strict", action="store_true", help="peringatan juga dianggap gagal")
    p_lint.add_argument("--keterkaitan", choices=sorted(TINGKAT_OPSI), default=None,
                        help="keterkaitan yang belum terhubung: info, warning, error "
                             "(bawaan: unresolved_links di mkdocs.yml, atau warning)")
    p_lint.add_argument("--config", default=None,
                        help="mkdocs.yml yang dibaca opsinya (bawaan: mkdocs.yml terdekat di "
                             "folder ini atau di atasnya)")
    p_schema = sub.add_parser("schema", help="tulis JSON Schema format SOP untuk editor")
    p_schema.add_argument("-o", "--output", help="berkas tujuan (bawaan: layar)")
    p_schema.add_argument("--default", action="store_true",
                          help="schema untuk _default.yml (tanpa kunci wajib)")
    p_new = sub.add_parser("new", aliases=["baru"],
                           help="buat berkas SOP baru berisi semua kunci format, siap diisi")
    p_new.add_argument("path", nargs="?",
                       help="berkas baru, mis. sops/unit/nama-sop.yml (bawaan: sops/sop-baru.yml)")
    p_new.add_argument("--sops", default=None,
                       help="folder SOP buku pedoman (bawaan: sops_dir di mkdocs.yml terdekat, "
                            "atau sops)")
    p_tautan = sub.add_parser("periksa-tautan",
                              help="periksa tautan dan jangkar internal situs hasil mkdocs build")
    p_tautan.add_argument("site", metavar="SITE_DIR", help="folder situs, mis. site atau public")
    p_tautan.add_argument("--akar-url", default=None,
                          help="jalur URL tempat situs dipasang, mis. /pedoman/ (bawaan: dari "
                               "site_url, yaitu tautan kanonik index.html; selain itu /)")
    p_pra = sub.add_parser("pratinjau", aliases=["preview"],
                           help="pratinjau langsung halaman SOP saat berkasnya ditulis")
    p_pra.add_argument("path", nargs="?", help="berkas SOP yang sedang ditulis (alamatnya dicetak)")
    p_pra.add_argument("--config", default=None,
                       help="mkdocs.yml situs (bawaan: mkdocs.yml terdekat di folder ini atau di "
                            "atasnya)")
    p_pra.add_argument("--host", default="127.0.0.1", help="alamat server (bawaan: 127.0.0.1)")
    p_pra.add_argument("--port", type=int, default=8001, help="port server (bawaan: 8001)")
    p_pdf = sub.add_parser("pdf", help="cetak SOP ke PDF dari situs hasil mkdocs build "
                                       "(perlu Chromium)")
    p_pdf.add_argument("ids", nargs="*", metavar="ID",
                       help="id SOP, mis. banhub/perbaikan-data-kinerja (bawaan: semua SOP)")
    p_pdf.add_argument("--site", default="site", help="folder situs (bawaan: site)")
    p_pdf.add_argument("--prefix", default="sop", help="url_prefix di mkdocs.yml (bawaan: sop)")
    p_pdf.add_argument("-o", "--output", default=None,
                       help="folder PDF (bawaan: di samping halaman tiap SOP dalam situs, "
                            "tujuan tautan Unduh PDF)")
    p_pdf.add_argument("--semua", action="store_true",
                       help="juga satu PDF berisi seluruh SOP yang dicetak (buku pedoman)")
    p_pdf.add_argument("--judul", default="Buku Pedoman SOP", help="judul sampul PDF buku")
    p_impor = sub.add_parser("import", aliases=["impor"],
                             help="impor SOP lama dari PDF atau Word (.docx) ke YAML "
                                  "(perlu pip install 'sop-handbook[impor]')")
    p_impor.add_argument("paths", nargs="+", metavar="BERKAS",
                         help="berkas .pdf/.docx atau folder berisi berkas itu")
    p_impor.add_argument("-o", "--output", default=None,
                         help="berkas .yml tujuan (satu berkas) atau folder tujuan "
                              "(bawaan: folder impor/ di folder SOP buku pedoman)")
    p_own = sub.add_parser("codeowners", help="usulan berkas CODEOWNERS: tiap folder SOP "
                                                "ditinjau unit kerjanya")
    p_own.add_argument("--sops", default=None,
                       help="folder SOP buku pedoman (bawaan: sops_dir di mkdocs.yml, atau sops)")
    p_own.add_argument("--config", default="mkdocs.yml", help="mkdocs.yml yang dibaca opsinya")
    p_own.add_argument("--organisasi", default="ORGANISASI",
                       help="nama organisasi/grup GitHub atau GitLab untuk nama tim")
    p_own.add_argument("--pengelola", default=None,
                       help="pemilik semua berkas lain, mis. @dinas/pengelola-sop")
    p_own.add_argument("-o", "--output", help="berkas tujuan, mis. .github/CODEOWNERS "
                                              "(bawaan: layar)")
    p_banding = sub.add_parser("bandingkan-situs",
                               help="bandingkan dua situs hasil build halaman demi halaman "
                                    "(mis. MkDocs dan ProperDocs)")
    p_banding.add_argument("a", metavar="SITUS_A")
    p_banding.add_argument("b", metavar="SITUS_B")
    return parser


def codeowners(folder_sop: str | None, config: str, organisasi: str,
               pengelola: str | None) -> str:
    """`sop codeowners`: the suggestion for the handbook in the current folder (the repository
    root, where CODEOWNERS paths start)."""
    opsi = opsi_mkdocs(Path(config))
    akar = Path(folder_sop or opsi.get("sops_dir") or "sops")
    buku = load.muat(akar, Path.cwd())
    return pemilik.saran_codeowners(buku.sops, pemilik.folder_relatif(akar, Path.cwd()),
                                    organisasi, pengelola)


def _tulis(teks: str, berkas: str | None) -> None:
    """A generated file's text to `berkas` (its folder made), or to the screen."""
    if berkas:
        Path(berkas).parent.mkdir(parents=True, exist_ok=True)
        Path(berkas).write_text(teks, encoding="utf-8")
    else:
        sys.stdout.write(teks)


def main(argv: list[str] | None = None) -> int:
    args = buat_parser().parse_args(argv)
    try:
        if args.perintah == "lint":
            kode, baris = lint(args.paths, args.sops, args.strict, args.keterkaitan, args.config)
            print("\n".join(baris))
            return kode
        if args.perintah in ("new", "baru"):
            kode, baris = templat_baru.buat(args.path, args.sops or _folder_sop())
            print("\n".join(baris), file=sys.stdout if kode == 0 else sys.stderr)
            return kode
        if args.perintah == "pdf":
            salah = rencana.salah_prefix("--prefix", args.prefix)
            if salah:
                print(f"sop pdf: {salah[0]} — {salah[1]}", file=sys.stderr)
                return 1
            kode, baris = pdf.jalankan(args.ids, args.site, args.prefix, args.output,
                                       args.semua, args.judul)
            print("\n".join(baris), file=sys.stdout if kode == 0 else sys.stderr)
            return kode
        if args.perintah in ("import", "impor"):
            from . import impor

            kode, baris = impor.jalankan(args.paths, args.output, _folder_sop())
            print("\n".join(baris), file=sys.stdout if kode == 0 else sys.stderr)
            return kode
        if args.perintah in ("pratinjau", "preview"):
            return pratinjau(args.path, args.config, args.host, args.port)
        if args.perintah == "periksa-tautan":
            kode, baris = periksa_tautan.jalankan(args.site, args.akar_url)
            print("\n".join(baris), file=sys.stderr if kode == 2 else sys.stdout)
            return kode
        if args.perintah == "bandingkan-situs":
            kode, baris = bandingkan.jalankan(args.a, args.b)
            print("\n".join(baris), file=sys.stderr if kode == 2 else sys.stdout)
            return kode
        if args.perintah == "codeowners":
            _tulis(codeowners(args.sops, args.config, args.organisasi, args.pengelola),
                   args.output)
            return 0
        data = schema.json_schema_default() if args.default else schema.json_schema()
        _tulis(json.dumps(data, ensure_ascii=False, indent=2) + "\n", args.output)
        return 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sop lint | head` closed the pipe: nobody is reading any more
        return _pipa_tertutup()
    except Exception as e:  # a bug of ours: say so plainly, never a traceback
        print(f"galat internal sop-handbook: {type(e).__name__}: {e}\n"
              "Ini kesalahan program, bukan berkas Anda; laporkan ke pengelola.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
