"""`sop new`: start a SOP file that already has every field of the form, explained in Indonesian.

The field list is generated from `schema.SOP`, the format's one definition, so a key added to
the format appears in new files without anyone remembering this template.

Design of the placeholders: a required value is left **empty** (`nomor:` followed by a comment
with an example), and a required list has one empty item (`- `). The file is valid YAML, so
`sop lint` never fails on it with a parse error; it fails with one plain message per empty field
("'nomor' kosong — isi 'nomor' atau hapus barisnya"), naming the line to fill. Text
placeholders such as "ISI NOMOR DI SINI" were rejected: they are valid text, so a forgotten one
would pass the lint and be published. Optional keys are written as comments holding an example
value: uncommenting one gives a valid line to edit.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from . import schema as S
from .load import EKSTENSI, NAMA_DEFAULT, POLA_ID

NAMA_BAWAAN = "sop-baru.yml"

# Example values, by key path, from the authors' guide. A key missing here still appears in new
# files (with its type's description); these only make the examples concrete.
CONTOH: dict[str, str] = {
    "nomor": '"800/14.047/Banhub.A"',
    "nama": "Perbaikan Data Kinerja",
    "instansi": "Pemerintah Provinsi Kalimantan Barat",
    "unit": "Badan Penghubung Provinsi Kalimantan Barat",
    "sub_unit": "Sub Bidang Program",
    "tanggal_pembuatan": "2021-05-01  (atau: 1 Mei 2021)",
    "tanggal_revisi": "null",
    "tanggal_efektif": "1 Mei 2021  (atau '-' bila belum ditetapkan)",
    "disahkan_oleh.jabatan": "Kepala Badan Penghubung Provinsi Kalimantan Barat",
    "disahkan_oleh.nama": "Nama Pejabat, S.Sos",
    "disahkan_oleh.pangkat": "Pembina Tingkat I",
    "disahkan_oleh.nip": '"00000000 000000 0 000"',
    "dasar_hukum": "Peraturan Presiden Nomor 29 Tahun 2014 tentang SAKIP",
    "kualifikasi_pelaksana": "Memiliki kemampuan pengolahan data",
    "peralatan": "Komputer dan Kelengkapan",
    "peringatan": "Jika SOP tidak dilaksanakan maka laporan tidak tepat waktu.",
    "pencatatan": "Disimpan sebagai data elektronik dan manual",
    "pelaksana.id": "pu",
    "pelaksana.nama": "Pengadministrasi Umum",
    "kegiatan.aktivitas": "Mengajukan perbaikan data kinerja",
    "kegiatan.pelaksana": "pu",
    "kegiatan.kelengkapan": "[Perjanjian Kinerja, Rencana Aksi]",
    "kegiatan.waktu": "15 menit",
    "kegiatan.output": "Disposisi",
    "kegiatan.keterangan": "Arsip elektronik dan manual",
    "kegiatan.id": "ajukan",
    "kegiatan.keputusan": "{pertanyaan: \"Data sudah benar?\", tidak: ajukan}",
    "kegiatan.lanjut": "ajukan",
    "kolom": "{kelengkapan: Persyaratan}",
    "kata_kunci": "[kinerja, SAKIP]",
    "riwayat_revisi": "[{tanggal: 2 Januari 2023, uraian: Menambah langkah pemeriksaan}]",
    "catatan": "Catatan penyunting, mis. apa yang direkonstruksi saat transkripsi.",
    "id_lama": "[unit/nama-lama]",
    "bagan_alir": "false",
    "kegiatan.diserahkan_ke": "kasubbid",
    "kop": "{alamat: Jalan Contoh Nomor 1 Pontianak, telepon: (0561) 000000, "
           "laman: contoh.go.id, surel: info@contoh.go.id}",
    "logo": "gambar/logo-unit.png",
    "contoh": "true",
    "pelaksana_direkonstruksi": "true",
    "formulir": "{kolom_keterangan: false, ulang_pengesahan: true}",
}

# Required lists that may truly be empty on the form: written as `[]` rather than an empty item,
# followed by commented example items, one per shape the format accepts.
BOLEH_KOSONG = {"keterkaitan"}
CONTOH_BUTIR: dict[str, list[tuple[str, str]]] = {
    "keterkaitan": [
        ("SOP Penetapan Indikator Kinerja", "judul atau nomor SOP lain"),
        ("{sop: unit/id-sop, judul: Judul yang ditampilkan}", "rujukan pasti ke id SOP"),
        ("{dokumen: Rencana Strategis 2021-2026}", "dokumen yang bukan SOP"),
    ],
}

PENJELASAN_DAFTAR = {
    "pelaksana": "salin blok '- id: / nama:' untuk setiap pelaksana (lajur bagan, kiri ke kanan)",
    "kegiatan": "salin blok '- aktivitas: ...' untuk setiap langkah, berurutan",
}


class GagalBuat(Exception):
    """A new file that must not be written; the message says why, in the user's words."""


def _komentar(kunci: S.Kunci, jalur: str) -> str:
    """The comment above a key: the form's name for it, must it be filled, what goes in.

    A required scalar or text list gets its example here; an optional key's example is the
    commented-out line below it, and a mapping's examples are on its own keys.
    """
    sifat = "wajib" if kunci.wajib else "opsional"
    teks = f"# {kunci.label or kunci.nama} ({sifat})"
    if kunci.uraian:
        teks += f": {kunci.uraian}"
    if kunci.jenis.nama not in ("teks", "tanggal", ""):
        teks += f" [{kunci.jenis.nama}]"
    if kunci.wajib and _peta_dalam(kunci.jenis) is None and not (
            isinstance(kunci.jenis, S.Daftar) and _peta_dalam(kunci.jenis.isi) is not None):
        teks += f". Contoh: {_contoh(jalur, kunci)}"
    return teks


def _contoh(jalur: str, kunci: S.Kunci) -> str:
    return CONTOH.get(jalur) or kunci.jenis.contoh or "…"


def _peta_dalam(jenis: S.Jenis) -> S.Peta | None:
    """The mapping shape a list item or value should be written as, if it has one."""
    if isinstance(jenis, S.Peta):
        return jenis
    if isinstance(jenis, S.Atau):
        for p in jenis.pilihan:
            if isinstance(p, S.Peta) and all(k.wajib for k in p.kunci):
                return p
    return None


def _tulis_peta(peta: S.Peta, indent: str, jalur: str, dari_bawaan: dict[str, str],
                butir: bool = False) -> list[str]:
    """Lines for a mapping's keys at `indent`; `butir`: the first key opens a list item.

    In a list item the required keys come first, so the `- ` line is never a comment.
    """
    baris: list[str] = []
    urutan = sorted(peta.kunci, key=lambda k: not k.wajib) if butir else list(peta.kunci)
    for i, kunci in enumerate(urutan):
        nama_jalur = f"{jalur}.{kunci.nama}" if jalur else kunci.nama
        buka = butir and i == 0
        awal = indent[:-2] + "- " if buka else indent
        baris.append((indent[:-2] if buka else indent) + _komentar(kunci, nama_jalur))
        if kunci.nama in dari_bawaan and not jalur:
            baris.append(f"{awal}# {kunci.nama}: (sudah diisi di {dari_bawaan[kunci.nama]}; "
                         "tulis di sini hanya untuk menggantinya)")
        elif not kunci.wajib:
            baris.append(f"{awal}# {kunci.nama}: {_contoh(nama_jalur, kunci)}")
        else:
            baris.extend(_tulis_nilai(kunci, awal, indent, nama_jalur, dari_bawaan))
    return baris


def _tulis_nilai(kunci: S.Kunci, awal: str, indent: str, jalur: str,
                 dari_bawaan: dict[str, str]) -> list[str]:
    """Lines for one required key: an empty value, or the empty shape of a list or mapping."""
    jenis = kunci.jenis
    if isinstance(jenis, S.Daftar):
        if kunci.nama in BOLEH_KOSONG and not jalur.count("."):
            contoh = CONTOH_BUTIR.get(kunci.nama, [(_contoh(jalur, kunci), "")])
            lebar = max(len(c) for c, _ in contoh)
            return [f"{awal}{kunci.nama}: []    # biarkan [] bila tidak ada; bila ada, hapus [] "
                    "dan tulis butirnya:",
                    *(f"{indent}  # - {c.ljust(lebar)}   {'# ' + u if u else ''}".rstrip()
                      for c, u in contoh)]
        dalam = indent + "  "
        hasil = [f"{awal}{kunci.nama}:"]
        if kunci.nama in PENJELASAN_DAFTAR and not jalur.count("."):
            hasil.append(f"{dalam}# {PENJELASAN_DAFTAR[kunci.nama]}")
        peta = _peta_dalam(jenis.isi)
        if peta is not None:
            hasil.extend(_tulis_peta(peta, dalam + "  ", jalur, dari_bawaan, butir=True))
        else:
            hasil.append(f"{dalam}-")
        return hasil
    if isinstance(jenis, S.Peta):
        return [f"{awal}{kunci.nama}:",
                *_tulis_peta(jenis, indent + "  ", jalur, dari_bawaan)]
    return [f"{awal}{kunci.nama}:"]


def isi_templat(schema_relatif: str | None = None,
                dari_bawaan: dict[str, str] | None = None) -> str:
    """The text of a new SOP file.

    `schema_relatif`: path from the new file to `schema/sop.schema.json`, for the editor line.
    `dari_bawaan`: top-level keys already set by a `_default.yml` above the file → that file's
    path; they are written as comments so the SOP inherits them.
    """
    kepala = []
    if schema_relatif:
        kepala.append(f"# yaml-language-server: $schema={schema_relatif}")
    kepala += [
        "# SOP baru, dibuat dengan `sop new`. Panduan lengkap: halaman \"Menulis SOP\".",
        "#",
        "# Cara mengisi:",
        "# - Isi setiap kunci wajib yang masih kosong (sesudah tanda ':'); contohnya ada di",
        "#   komentar di atasnya. Daftar diisi satu butir per baris, diawali '- '.",
        "# - Kunci opsional masih berupa komentar: hapus '# ' di depannya bila dipakai.",
        "# - Periksa dengan `sop lint <berkas ini>`: selama ada isian kosong, setiap isian",
        "#   disebut dengan nomor barisnya, dan situs belum dapat dibangun.",
        "",
    ]
    keluaran: list[str] = []
    for b in _tulis_peta(S.SOP, "", "", dari_bawaan or {}):
        if keluaran and re.match(r"^# .+ \((wajib|opsional)\)", b):
            keluaran.append("")  # a blank line before each field, for reading
        keluaran.append(b)
    return "\n".join(kepala + keluaran) + "\n"


def _kunci_bawaan(path: Path, akar: Path) -> dict[str, str]:
    """Top-level keys set by `_default.yml` files in the folders from `akar` down to `path`."""
    hasil: dict[str, str] = {}
    try:
        relatif = path.parent.resolve().relative_to(akar.resolve())
    except ValueError:
        return hasil
    folder = akar
    for bagian in ("", *relatif.parts):
        folder = folder / bagian if bagian else folder
        for nama in NAMA_DEFAULT:
            f = folder / nama
            if not f.is_file():
                continue
            try:
                data: Any = yaml.safe_load(f.read_text(encoding="utf-8"))
            except (yaml.YAMLError, OSError, UnicodeDecodeError):
                continue  # `sop lint` reports a broken _default.yml; here it is just skipped
            if isinstance(data, dict):
                for k in data:
                    if isinstance(k, str):
                        hasil[k] = f.as_posix()
    return hasil


def _mutlak(p: Path) -> Path:
    return Path(os.path.abspath(p))


def tentukan_path(path: str | None, folder_sop: str | Path) -> Path:
    """Where the new file goes: the given file, `<folder>/sop-baru.yml`, `.yml` added if absent.
    A bare relative path that is not inside the SOP folder ("uji/x") goes under it: a file
    outside would never be built. Paths are relative to the current folder when they can be."""
    akar = Path(folder_sop)
    p = Path(path) if path else akar / NAMA_BAWAAN
    if not p.is_absolute() and ".." not in p.parts and not _di_dalam(p, akar):
        p = akar / p
    if p.is_dir():
        p = p / NAMA_BAWAAN
    if not p.suffix:
        p = p.with_suffix(".yml")
    if p.is_absolute() and _di_dalam(p, Path.cwd()):
        p = _mutlak(p).relative_to(_mutlak(Path.cwd()))
    return p


def _di_dalam(p: Path, akar: Path) -> bool:
    return _mutlak(p).is_relative_to(_mutlak(akar))


def buat(path: str | None, folder_sop: str | Path = "sops") -> tuple[int, list[str]]:
    """Write a new SOP file. Returns (exit code, lines to print); never overwrites, and never
    writes outside the SOP folder, where no build would see it."""
    p = tentukan_path(path, folder_sop)
    if not _di_dalam(p, Path(folder_sop)):
        nama = p.with_suffix(".yml").name if p.suffix.lower() in EKSTENSI else "sop-baru.yml"
        contoh = Path(os.path.relpath(_mutlak(Path(folder_sop)) / nama)).as_posix()
        return 1, [f"{p.as_posix()}: berkas ini di luar folder SOP '{folder_sop}', jadi tidak "
                   f"akan masuk buku pedoman — tulis jalur di dalam folder itu, mis. '{contoh}', "
                   "atau hanya nama unit dan berkasnya (mis. 'unit/nama-sop')."]
    if p.suffix.lower() not in EKSTENSI:
        return 1, [f"{p.as_posix()}: berkas SOP harus berakhiran .yml atau .yaml — "
                   f"mis. '{p.with_suffix('.yml').as_posix()}'."]
    if p.name in NAMA_DEFAULT or not POLA_ID.match(p.stem):
        saran = re.sub(r"[^a-z0-9_-]+", "-", p.stem.lower()).strip("-_") or "sop-baru"
        return 1, [f"{p.as_posix()}: nama berkas '{p.name}' tidak dapat dijadikan alamat "
                   f"halaman — pakai huruf kecil, angka, '-' dan '_' saja, "
                   f"mis. '{saran}{p.suffix}'."]
    if p.exists() or p.is_symlink():
        return 1, [f"{p.as_posix()}: berkas sudah ada, tidak ditimpa — pilih nama lain, "
                   "atau hapus/pindahkan dulu berkas itu."]
    akar = Path(folder_sop)
    schema_relatif = None
    for folder in _mutlak(akar).parents:  # the project's schema/, above the SOP folder
        schema_file = folder / "schema" / "sop.schema.json"
        if schema_file.is_file():
            schema_relatif = Path(os.path.relpath(schema_file, _mutlak(p.parent))).as_posix()
            break
    teks = isi_templat(schema_relatif, _kunci_bawaan(p, akar))
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("x", encoding="utf-8") as f:  # "x": a file that appeared meanwhile is kept
        f.write(teks)
    baris = [f"SOP baru dibuat: {p.as_posix()}", "", "Langkah berikutnya:",
             f"  1. Buka {p.as_posix()} dan isi setiap kunci yang kosong (contoh ada di "
             "komentar).",
             f"  2. Periksa: sop lint {p.as_posix()}",
             "  3. Lihat halamannya: mkdocs serve, lalu buka http://127.0.0.1:8000/"]
    sop_id = _mutlak(p).relative_to(_mutlak(akar)).with_suffix("").as_posix()
    baris[-1] += f"sop/{sop_id}/ (bila url_prefix bawaan 'sop')"
    return 0, baris
