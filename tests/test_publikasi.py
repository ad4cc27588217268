"""Publishing templates: the GitHub Actions workflow, the GitLab CI job and the pre-commit hook.

CI services cannot be run here, so each file is checked as far as is possible offline: it is
valid YAML, valid against the service's published schema (bundled by check-jsonschema), has the
structure Pages needs, and every `sop` and `mkdocs` command in it parses with the real command
line, so that a renamed option breaks this test rather than the office's next publication.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sop_handbook import cli

PROYEK = Path(__file__).resolve().parents[1]
GITHUB = PROYEK / ".github/workflows/publish.yml"
GITLAB = PROYEK / ".gitlab-ci.yml"
HOOKS = PROYEK / ".pre-commit-hooks.yaml"
PANDUAN = PROYEK / "docs_src/menerbitkan.md"


def _muat(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _perintah(skrip: list[str]) -> list[list[str]]:
    """The `sop …` and `mkdocs …` command lines of some shell script lines, split into words."""
    hasil = []
    for blok in skrip:
        for baris in blok.splitlines():
            baris = baris.strip()
            if re.match(r"^(sop|mkdocs)\s", baris):
                hasil.append(shlex.split(baris, comments=True))
    return hasil


def _periksa_perintah(perintah: list[list[str]]) -> dict[str, list[str]]:
    """Parse each command with the real CLI; return them by first two words."""
    from mkdocs.__main__ import cli as mkdocs_cli

    menurut: dict[str, list[str]] = {}
    for kata in perintah:
        if kata[0] == "sop":
            try:
                cli.buat_parser().parse_args(kata[1:])
            except SystemExit:
                pytest.fail(f"perintah tidak dikenal `sop`: {shlex.join(kata)}")
        else:
            sub = mkdocs_cli.commands.get(kata[1])
            assert sub is not None, f"perintah mkdocs tidak ada: {shlex.join(kata)}"
            sub.make_context(kata[1], kata[2:])  # raises on an unknown option
        menurut[" ".join(kata[:2])] = kata
    return menurut


def _folder_situs(kata: list[str]) -> str:
    """The site folder a `mkdocs build` command writes to."""
    for i, k in enumerate(kata):
        if k in ("-d", "--site-dir"):
            return kata[i + 1]
        if k.startswith("--site-dir="):
            return k.split("=", 1)[1]
    return "site"


def _urutan_benar(perintah: list[list[str]]) -> None:
    """lint, then build, then check the links of the folder that was built."""
    nama = [" ".join(k[:2]) for k in perintah]
    assert nama.index("sop lint") < nama.index("mkdocs build") < nama.index("sop periksa-tautan")
    menurut = _periksa_perintah(perintah)
    assert "--strict" in menurut["sop lint"]
    assert "--strict" in menurut["mkdocs build"]
    assert menurut["sop periksa-tautan"][2] == _folder_situs(menurut["mkdocs build"])


def _schema_resmi(path: Path, nama: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema", reason="pasang check-jsonschema (extras test)")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", nama, str(path)],
        capture_output=True, text=True, timeout=60,
    )


# --- GitHub Actions -------------------------------------------------------------------------

def test_github_sah_menurut_schema_resmi(tmp_path: Path) -> None:
    hasil = _schema_resmi(GITHUB, "vendor.github-workflows")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    # and the schema really is applied: a job without runs-on is refused
    rusak = GITHUB.read_text(encoding="utf-8").replace("runs-on: ubuntu-latest", "", 1)
    (tmp_path / "rusak.yml").write_text(rusak, encoding="utf-8")
    assert _schema_resmi(tmp_path / "rusak.yml", "vendor.github-workflows").returncode != 0


def test_github_struktur_pages() -> None:
    wf = _muat(GITHUB)
    pemicu = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as true
    assert pemicu["push"]["branches"] == ["main"] and "pull_request" in pemicu
    assert wf["permissions"] == {"contents": "read"}  # least privilege by default
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    pakai = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/checkout@") for u in pakai)
    unggah = next(s for s in build["steps"]
                  if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert "pull_request" in unggah["if"]  # pull requests build but do not upload
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    (langkah,) = deploy["steps"]
    assert langkah["uses"].startswith("actions/deploy-pages@") and langkah["id"] == "deployment"
    assert "pull_request" in deploy["if"]

    skrip = [s["run"] for s in build["steps"] if "run" in s]
    semua = "\n".join(skrip)
    assert "apt-get install" in semua and "graphviz" in semua
    assert re.search(r"^pip install \.$", semua, re.M)
    assert "SOURCE_DATE_EPOCH" in semua
    perintah = _perintah(skrip)
    _urutan_benar(perintah)
    mkdocs_build = next(k for k in perintah if k[:2] == ["mkdocs", "build"])
    assert unggah["with"]["path"] == _folder_situs(mkdocs_build)


# --- GitLab CI ------------------------------------------------------------------------------

def _job_gitlab(ci: dict[str, Any], nama: str) -> dict[str, Any]:
    """A job with its `extends` applied (one level, as the template uses)."""
    job = dict(ci[nama])
    induk = job.pop("extends", None)
    if induk:
        job = {**ci[induk], **job}
    return job


def test_gitlab_sah_menurut_schema_resmi(tmp_path: Path) -> None:
    hasil = _schema_resmi(GITLAB, "vendor.gitlab-ci")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    rusak = GITLAB.read_text(encoding="utf-8").replace("  artifacts:", "  artefak:", 1)
    (tmp_path / "rusak.yml").write_text(rusak, encoding="utf-8")
    assert _schema_resmi(tmp_path / "rusak.yml", "vendor.gitlab-ci").returncode != 0


@pytest.mark.parametrize("nama", ["pages", "periksa"])
def test_gitlab_struktur(nama: str) -> None:
    ci = _muat(GITLAB)
    job = _job_gitlab(ci, nama)
    sebelum = "\n".join(job["before_script"])
    assert "apt-get install" in sebelum and "graphviz" in sebelum
    assert "pip install ." in job["before_script"]
    assert any("SOURCE_DATE_EPOCH" in s for s in job["script"])
    perintah = _perintah(job["script"])
    _urutan_benar(perintah)
    if nama == "pages":
        build = next(k for k in perintah if k[:2] == ["mkdocs", "build"])
        assert _folder_situs(build) == "public"
        assert job["artifacts"]["paths"] == ["public"]
        assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    else:
        assert "artifacts" not in job
        assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


# --- pre-commit -----------------------------------------------------------------------------

def test_hook_pre_commit() -> None:
    hooks = _muat(HOOKS)
    (hook,) = hooks
    assert hook["id"] == "sop-lint"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["entry"] == "sop lint"
    # the entry with the files pre-commit appends must parse as a real subcommand
    kata = [*shlex.split(hook["entry"]), "sops/a/b.yml"]
    assert kata[0] == "sop"
    args = cli.buat_parser().parse_args(kata[1:])
    assert args.perintah == "lint" and args.paths == ["sops/a/b.yml"]
    pola = re.compile(hook["files"])
    for cocok in ("sops/a.yml", "sops/banhub/x.yaml", "sops/banhub/_default.yml"):
        assert pola.search(cocok), cocok
    for tidak in ("docs_src/a.md", "mkdocs.yml", "sops/a.txt", "lain/sops/a.yml"):
        assert not pola.search(tidak), tidak


def test_entry_sop_adalah_skrip_paket() -> None:
    """`entry: sop` works because installing the package installs the `sop` script."""
    import tomllib

    data = tomllib.loads((PROYEK / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["scripts"]["sop"] == "sop_handbook.cli:main"
    if shutil.which("sop", path=str(Path(sys.executable).parent)) is None:
        pytest.fail("skrip `sop` tidak terpasang di venv: jalankan ./setup.sh")


# --- the Indonesian guide -------------------------------------------------------------------

def test_panduan_menyebut_perintah_yang_sama() -> None:
    teks = PANDUAN.read_text(encoding="utf-8")
    assert teks.startswith("# Menerbitkan buku pedoman\n")
    for perlu in ("sop lint --strict", "mkdocs build --strict", "sop periksa-tautan site",
                  "sop periksa-tautan public", "SOURCE_DATE_EPOCH", "nginx", "Apache", "IIS",
                  "GitHub Actions", "GitLab Pages", "sop new", "sop-lint",
                  ".github/workflows/publish.yml", ".gitlab-ci.yml", "tanpa internet"):
        assert perlu in teks, perlu
    # every `sop …` command shown in the guide's code blocks exists
    blok = [isi for bahasa, isi in re.findall(r"^```(\w*)\n(.*?)^```$", teks, re.S | re.M)
            if bahasa in ("sh", "text")]
    # and full commands written inline, e.g. `sop new sops/unit/nama-sop.yml`
    blok += [s for s in re.findall(r"`((?:sop|mkdocs) [^`]*)`", teks) if len(s.split()) >= 3]
    perintah = [k for k in _perintah([re.sub(r"^\.venv/bin/", "", b, flags=re.M) for b in blok])
                if k[0] == "sop"]
    assert {" ".join(k[:2]) for k in perintah} >= {"sop lint", "sop periksa-tautan", "sop new"}
    _periksa_perintah(perintah)


def test_panduan_tampil_di_situs(situs: Path) -> None:
    halaman = situs / "menerbitkan" / "index.html"
    assert halaman.is_file()
    isi = halaman.read_text(encoding="utf-8")
    assert 'id="menyajikan-dari-server-intranet"' in isi
