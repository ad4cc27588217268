"""`sop new`: a new SOP file has every key of the format (from `schema.SOP`), fails `sop lint`
with one plain message per empty field while unfilled, and passes once filled in."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from sop_handbook import cli, templat_baru
from sop_handbook import schema as S

# What a person would type into each empty placeholder (simple replacement in the test).
ISIAN = {
    "nomor": '"800/99.001/Uji"',
    "nama": "Uji Templat Baru",
    "unit": "Bagian Uji",
    "tanggal_pembuatan": "2024-01-02",
    "tanggal_efektif": "3 Januari 2024",
    "jabatan": "Kepala Bagian Uji",
    "peringatan": "Bila tidak dilaksanakan, uji gagal.",
    "pencatatan": "Disimpan sebagai arsip elektronik",
    "id": "pu",
    "aktivitas": "Menguji templat",
    "pelaksana": "pu",
}
ISIAN_NAMA = {"": "Uji Templat Baru", "disahkan_oleh": "Budi, S.Kom",
              "pelaksana": "Pengadministrasi"}


def _lekuk(baris: str) -> int:
    return len(baris) - len(baris.lstrip(" -"))


def _isi(teks: str) -> str:
    """Fill every empty placeholder: a `kunci:` with nothing after it and no block below it,
    and every empty `-` item. That is all a person has to do."""
    semua = teks.splitlines()
    keluar = []
    induk = ""
    for i, b in enumerate(semua):
        m = re.match(r"^(\s*(?:- )?)([a-z_]+):\s*(#.*)?$", b)
        if m and not b.startswith(" "):
            induk = m.group(2)
        berikut = next((x for x in semua[i + 1:] if x.strip() and not x.lstrip().startswith("#")),
                       "")
        punya_blok = bool(berikut) and _lekuk(berikut) > _lekuk(b)
        if m and not punya_blok and m.group(2) == "nama":
            b = f"{m.group(1)}nama: {ISIAN_NAMA['' if not m.group(1) else induk]}"
        elif m and not punya_blok:
            assert m.group(2) in ISIAN, f"placeholder baru tanpa isian uji: {b!r}"
            b = f"{m.group(1)}{m.group(2)}: {ISIAN[m.group(2)]}"
        elif re.match(r"^\s*-\s*$", b):
            b = b.rstrip() + " Butir uji"
        keluar.append(b)
    return "\n".join(keluar) + "\n"


def _semua_kunci(peta: S.Peta, jalur: str = "") -> Iterator[tuple[str, S.Kunci]]:
    """Every key of the format, nested ones too, as 'kegiatan.waktu'."""
    for k in peta.kunci:
        nama = f"{jalur}.{k.nama}" if jalur else k.nama
        yield nama, k
        jenis = k.jenis.isi if isinstance(k.jenis, S.Daftar) else k.jenis
        pilihan = jenis.pilihan if isinstance(jenis, S.Atau) else (jenis,)
        for p in pilihan:
            if isinstance(p, S.Peta) and k.wajib:
                yield from _semua_kunci(p, nama)


@pytest.fixture
def proyek(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sops" / "uji").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_buat_lalu_cetak_jalur_dan_langkah(proyek: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "sops/uji/surat-masuk.yml"]) == 0
    keluar = capsys.readouterr().out
    assert "SOP baru dibuat: sops/uji/surat-masuk.yml" in keluar
    assert "sop lint sops/uji/surat-masuk.yml" in keluar
    assert "/sop/uji/surat-masuk/" in keluar
    teks = (proyek / "sops/uji/surat-masuk.yml").read_text(encoding="utf-8")
    assert isinstance(yaml.safe_load(teks), dict)  # valid YAML, empty values


def test_semua_kunci_format_ada(proyek: Path) -> None:
    teks = templat_baru.isi_templat()
    for jalur, kunci in _semua_kunci(S.SOP):
        pola = rf"(^|[\s{{,#-]){re.escape(kunci.nama)}:"
        assert re.search(pola, teks, re.M), f"kunci {jalur} tidak ada di templat"
        if jalur.split(".")[0] in templat_baru.BOLEH_KOSONG and "." in jalur:
            continue  # shapes of an item of an empty list: shown as commented examples
        judul = kunci.label or kunci.nama
        assert f"# {judul} ({'wajib' if kunci.wajib else 'opsional'})" in teks, jalur


def test_belum_diisi_gagal_lint_dengan_pesan_jelas(
        proyek: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "sops/uji/baru.yml"]) == 0
    capsys.readouterr()
    assert cli.main(["lint", "sops/uji/baru.yml"]) == 1
    keluar = capsys.readouterr()
    baris = keluar.out.strip().splitlines()
    assert "galat internal" not in keluar.err and "Traceback" not in keluar.err
    galat = baris[:-1]
    assert galat and all(re.match(r"^sops/uji/baru\.yml:\d+:\d+: galat\[empty\]: ", b)
                         for b in galat), galat
    for kunci in ("nomor", "nama", "unit", "tanggal_pembuatan", "peringatan", "aktivitas"):
        assert any(f"'{kunci}' kosong" in b for b in galat), kunci
    assert any("butir ke-1 'dasar_hukum' kosong" in b for b in galat)
    assert baris[-1].endswith("perbaiki pesan di atas.")


def test_setelah_diisi_lolos_lint_ketat(proyek: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", "sops/uji/baru.yml"]) == 0
    p = proyek / "sops/uji/baru.yml"
    p.write_text(_isi(p.read_text(encoding="utf-8")), encoding="utf-8")
    capsys.readouterr()
    kode = cli.main(["lint", "--strict"])
    assert kode == 0, capsys.readouterr().out + p.read_text(encoding="utf-8")


def test_contoh_kunci_opsional_juga_sah(proyek: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Uncommenting an optional key's example line gives a valid line."""
    teks = _isi(templat_baru.isi_templat())
    opsional = {k.nama for _, k in _semua_kunci(S.SOP) if not k.wajib}
    teks = re.sub(r"^(\s*)# ([a-z_]+): ",
                  lambda m: f"{m.group(1)}{m.group(2)}: " if m.group(2) in opsional else m.group(0),
                  teks, flags=re.M)
    # Jumps name step 'ajukan', the template's only step; a step may not jump to itself, so
    # the two jump examples go to steps of their own after it.
    # A hand-off (format v1.1) goes to another lane, also in a step of its own.
    lompat = [b for b in teks.splitlines()
              if re.match(r"^    (keputusan|lanjut|diserahkan_ke): ", b)]
    assert len(lompat) == 3
    # The hand-off first: after the jump back (lanjut) no step would be reachable.
    lompat.sort(key=lambda b: not b.lstrip().startswith("diserahkan_ke"))
    for b in lompat:
        teks = teks.replace(b + "\n", "")
    langkah = "".join(f"  - aktivitas: Langkah {i}\n    pelaksana: pu\n{b}\n"
                      for i, b in enumerate(lompat, 2))
    teks = teks.replace("\nkegiatan:", "\n  - {id: kasubbid, nama: Kasubbid}\nkegiatan:", 1)
    teks = teks.replace("\n\n# Kolom (opsional)", "\n" + langkah + "\n# Kolom (opsional)")
    (proyek / "sops/uji/lengkap.yml").write_text(teks, encoding="utf-8")
    # Every line is valid; the only message is the flow check's: with both examples the last
    # step always jumps back, so the procedure never ends.
    kode = cli.main(["lint", "--strict"])
    keluar = capsys.readouterr().out.splitlines()
    assert kode == 1 and len(keluar) == 2, "\n".join(keluar) + teks
    assert "peringatan[no-end]" in keluar[0] and "hapus 'lanjut: 1' di langkah 4" in keluar[0]


def test_kunci_dari_default_menjadi_komentar(proyek: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (proyek / "sops/uji/_default.yml").write_text(
        "unit: Bagian Uji\ndisahkan_oleh: {jabatan: Kepala, nama: Budi}\n", encoding="utf-8")
    assert cli.main(["new", "sops/uji/dengan-bawaan"]) == 0  # .yml is added
    teks = (proyek / "sops/uji/dengan-bawaan.yml").read_text(encoding="utf-8")
    assert "# unit: (sudah diisi di sops/uji/_default.yml" in teks
    assert not re.search(r"^unit:", teks, re.M) and not re.search(r"^disahkan_oleh:", teks, re.M)
    (proyek / "sops/uji/dengan-bawaan.yml").write_text(_isi(teks), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["lint", "--strict"]) == 0, capsys.readouterr().out


def test_baris_schema_editor_relatif(proyek: Path) -> None:
    (proyek / "schema").mkdir()
    (proyek / "schema/sop.schema.json").write_text("{}", encoding="utf-8")
    assert cli.main(["new", "sops/uji/a/b.yml"]) == 0
    pertama = (proyek / "sops/uji/a/b.yml").read_text(encoding="utf-8").splitlines()[0]
    assert pertama == "# yaml-language-server: $schema=../../../schema/sop.schema.json"


def test_tidak_menimpa_berkas(proyek: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = proyek / "sops/uji/ada.yml"
    p.write_text("nomor: lama\n", encoding="utf-8")
    assert cli.main(["new", "sops/uji/ada.yml"]) == 1
    assert "sudah ada, tidak ditimpa" in capsys.readouterr().err
    assert p.read_text(encoding="utf-8") == "nomor: lama\n"


@pytest.mark.parametrize(("nama", "pesan"), [
    ("sops/uji/Surat Masuk.yml", "mis. 'surat-masuk.yml'"),
    ("sops/uji/_default.yml", "tidak dapat dijadikan alamat halaman"),
    ("sops/uji/surat.txt", "harus berakhiran .yml atau .yaml"),
])
def test_nama_yang_ditolak(proyek: Path, capsys: pytest.CaptureFixture[str],
                           nama: str, pesan: str) -> None:
    assert cli.main(["new", nama]) == 1
    assert pesan in capsys.readouterr().err
    assert not (proyek / nama).exists()


def test_tanpa_jalur_dan_di_luar_folder_sop(proyek: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new"]) == 0
    assert (proyek / "sops/sop-baru.yml").is_file()
    capsys.readouterr()
    # A bare path goes under the SOP folder: a file outside it would never be built.
    assert cli.main(["baru", "draf/x"]) == 0
    assert "SOP baru dibuat: sops/draf/x.yml" in capsys.readouterr().out
    assert (proyek / "sops/draf/x.yml").is_file() and not (proyek / "draf").exists()
    # A path that leaves the SOP folder is refused, saying where to write it.
    assert cli.main(["new", "../luar.yml"]) == 1
    assert ("../luar.yml: berkas ini di luar folder SOP 'sops', jadi tidak akan masuk buku "
            "pedoman — tulis jalur di dalam folder itu, mis. 'sops/luar.yml'"
            ) in capsys.readouterr().err
    assert not (proyek.parent / "luar.yml").exists()
    # From inside sops/uji/ (the project is found upward): a file name lands there.
    (proyek / "mkdocs.yml").write_text("site_name: Uji\n", encoding="utf-8")
    os.chdir(proyek / "sops/uji")
    assert cli.main(["new", "dari-dalam"]) == 0
    assert "SOP baru dibuat: dari-dalam.yml" in capsys.readouterr().out
    assert (proyek / "sops/uji/dari-dalam.yml").is_file()
