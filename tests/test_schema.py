"""The editor schema is generated from the validator's own definitions and agrees with it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import BUKU, PROYEK
from sop_handbook import schema

BAD = Path(__file__).parent / "bad"


def _json(nilai: object) -> object:
    """YAML as an editor's language server sees it: dates are strings."""
    if isinstance(nilai, dict):
        return {k: _json(v) for k, v in nilai.items()}
    if isinstance(nilai, list):
        return [_json(v) for v in nilai]
    if isinstance(nilai, dt.date):
        return nilai.isoformat()
    return nilai


@pytest.mark.parametrize(("berkas", "buat"), [
    ("schema/sop.schema.json", schema.json_schema),
    ("schema/sop-default.schema.json", schema.json_schema_default),
])
def test_berkas_schema_sama_dengan_yang_dihasilkan(berkas: str, buat) -> None:
    assert json.loads((PROYEK / berkas).read_text(encoding="utf-8")) == buat(), (
        f"{berkas} is stale: run `sop schema{' --default' if 'default' in berkas else ''} "
        f"-o {berkas}`")


def test_seed_sah_menurut_schema() -> None:
    validator = jsonschema.Draft202012Validator(schema.json_schema())
    bawaan = yaml.safe_load((BUKU / "sops/banhub/_default.yml").read_text())
    jsonschema.Draft202012Validator(schema.json_schema_default()).validate(_json(bawaan))
    for p in (BUKU / "sops/banhub").glob("[!_]*.yml"):
        data = {**bawaan, **yaml.safe_load(p.read_text())}
        validator.validate(_json(data))


@pytest.mark.parametrize("kasus", ["unknown-key", "wrong-type-list", "missing-keys", "bad-nip",
                                   "unknown-key-step", "wrong-type-mapping"])
def test_schema_menolak_yang_ditolak_validator(kasus: str) -> None:
    data = yaml.safe_load((BAD / kasus / "sops/a.yml").read_text())
    assert list(jsonschema.Draft202012Validator(schema.json_schema()).iter_errors(_json(data)))
