"""The plugin's options, as MkDocs checks them. Documented in README ("Konfigurasi plugin")."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .rencana import salah_angka_opsi


class _Bilangan(c.Type):
    """An integer option whose range is checked by the core (the same words as `sop lint`)."""

    def __init__(self, nama: str, default: int) -> None:
        super().__init__(int, default=default)
        self.nama = nama

    def run_validation(self, value: object) -> int:
        salah = salah_angka_opsi(self.nama, value)
        if salah:
            raise ValidationError(" — ".join(salah))
        return super().run_validation(value)


class SopHandbookConfig(Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (e.g. for a quick docs-only preview)."""

    sops_dir = c.Type(str, default="sops")
    """Folder of the SOP YAML files, relative to mkdocs.yml."""

    url_prefix = c.Type(str, default="sop")
    """SOP pages live at /<url_prefix>/<id>/; the list of units at /<url_prefix>/."""

    unit_prefix = c.Type(str, default="unit")
    """Unit index pages live at /<unit_prefix>/<unit>/ and /<unit_prefix>/<unit>/<sub_unit>/."""

    strict = c.Type(bool, default=False)
    """Treat warnings in SOP files (e.g. an unknown waktu unit) as errors, even without --strict."""

    nav = c.Type(bool, default=True)
    """Add a "Daftar SOP" section (the list of units and one page per unit) to the navigation."""

    nav_title = c.Type(str, default="Daftar SOP")
    """Title of that navigation section."""

    diagram = c.Type(bool, default=True)
    """Draw each SOP's swimlane chart with Graphviz (a SOP can opt out with `bagan_alir: false`)."""

    diagram_max_langkah = _Bilangan("diagram_max_langkah", 0)
    """Steps per chart part before it is split with off-page connectors; 0 = never split."""

    unresolved_links = c.Choice(("info", "warning", "error"), default="warning")
    """How keterkaitan that match no SOP are reported: info (log only), warning (fails
    --strict) or error. They are always listed on the report page."""

    review_months = _Bilangan("review_months", 24)
    """A SOP is due for review when its last revision (or effective date) is older than this."""

    kertas = c.Choice(("F4", "A4"), default="F4")
    """Paper of a printed SOP (browser print and `sop pdf`), landscape: F4 (215 x 330 mm) or A4."""

    cetak_bagan = c.Type(bool, default=True)
    """Draw the flowchart symbols into the printed procedure table (the official form). Off:
    the printout uses a plain table, and large handbooks build faster and smaller (the drawn
    print form is about half of a SOP page's bytes and of its build time)."""

    cetak_maks_langkah = _Bilangan("cetak_maks_langkah", 0)
    """Steps per printed procedure page; 0 = as many as fit the paper."""

    print_keterangan = c.Type(bool, default=True)
    """Print the Keterangan column of the procedure table. Off: the form as agencies that
    print none; a SOP or its unit's _default.yml may set `formulir: kolom_keterangan`."""

    print_signature_repeat = c.Type(bool, default=False)
    """Repeat the signature block (jabatan, space to sign, nama, pangkat, NIP) under the last
    procedure page. A SOP or unit may set `formulir: ulang_pengesahan`."""

    logo = c.Optional(c.Type(str))
    """Institution logo on the printed identity sheet: an image file in docs_dir. None: no logo."""

    pdf = c.Type(bool, default=False)
    """Link "Unduh PDF" on each SOP page (make the files with `sop pdf` after `mkdocs build`)."""

    graphviz_timeout = _Bilangan("graphviz_timeout", 60)
    """Seconds Graphviz may spend on one chart before it is given up (a notice on the SOP's
    page, a warning in the log); a hanging chart costs at most this once, the rest still draw."""

    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (Indonesian stemming, fetched in small chunks) and
    put its search box in the header. Replaces Material's `search` plugin: leave that out."""

    cache_dir = c.Type(str, default=".cache/sop-handbook")
    """Where drawn charts are cached (relative to mkdocs.yml); kept across builds and serve."""
