"""The plugin's options, as MkDocs checks them. Documented in README ("Konfigurasi plugin")."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from .opsi import BAWAAN, NAMA_LAMA, PILIHAN, pesan_usang
from .rencana import salah_angka_opsi


class _Bilangan(c.Type):
    """An integer option whose range is checked by the core (the same words as `sop lint`)."""

    def __init__(self, nama: str) -> None:
        super().__init__(int, default=BAWAAN[nama])
        self.nama = nama

    def run_validation(self, value: object) -> int:
        salah = salah_angka_opsi(self.nama, value)
        if salah:
            raise ValidationError(" — ".join(salah))
        return super().run_validation(value)


class SopHandbookConfig(Config):
    enabled = c.Type(bool, default=BAWAAN["enabled"])
    """Turn the plugin off (e.g. for a quick docs-only preview)."""

    sops_dir = c.Type(str, default=BAWAAN["sops_dir"])
    """Folder of the SOP YAML files, relative to mkdocs.yml."""

    url_prefix = c.Type(str, default=BAWAAN["url_prefix"])
    """SOP pages live at /<url_prefix>/<id>/; the list of units at /<url_prefix>/."""

    unit_prefix = c.Type(str, default=BAWAAN["unit_prefix"])
    """Unit index pages live at /<unit_prefix>/<unit>/ and /<unit_prefix>/<unit>/<sub_unit>/."""

    strict = c.Type(bool, default=BAWAAN["strict"])
    """Treat warnings in SOP files (e.g. an unknown waktu unit) as errors, even without --strict."""

    nav = c.Type(bool, default=BAWAAN["nav"])
    """Add a "Daftar SOP" section (the list of units and one page per unit) to the navigation."""

    nav_title = c.Type(str, default=BAWAAN["nav_title"])

    nav_units_max = _Bilangan("nav_units_max")
    """Units listed in the navigation; with more, the menu links only "Semua unit kerja" (the
    list page), because Material repeats the whole menu in every page of a big handbook."""
    """Title of that navigation section."""

    diagram = c.Type(bool, default=BAWAAN["diagram"])
    """Draw each SOP's swimlane chart with Graphviz (a SOP can opt out with `bagan_alir: false`)."""

    diagram_max_steps = _Bilangan("diagram_max_steps")
    """Steps per chart part before it is split with off-page connectors; 0 = never split."""

    unresolved_links = c.Choice(PILIHAN["unresolved_links"], default=BAWAAN["unresolved_links"])
    """How keterkaitan that match no SOP are reported: info (log only), warning (fails
    --strict) or error. They are always listed on the report page."""

    review_months = _Bilangan("review_months")
    """A SOP is due for review when its last revision (or effective date) is older than this."""

    print_paper = c.Choice(PILIHAN["print_paper"], default=BAWAAN["print_paper"])
    """Paper of a printed SOP (browser print and `sop pdf`), landscape: F4 (215 x 330 mm) or A4."""

    print_symbols = c.Type(bool, default=BAWAAN["print_symbols"])
    """Draw the flowchart symbols into the printed procedure table (the official form). Off:
    the printout uses a plain table, and large handbooks build faster and smaller (the drawn
    print form is about half of a SOP page's bytes and of its build time)."""

    print_max_steps = _Bilangan("print_max_steps")
    """Steps per printed procedure page; 0 = as many as fit the paper."""

    print_keterangan = c.Type(bool, default=BAWAAN["print_keterangan"])
    """Print the Keterangan column of the procedure table. Off: the form as agencies that
    print none; a SOP or its unit's _default.yml may set `formulir: kolom_keterangan`."""

    print_signature_repeat = c.Type(bool, default=BAWAAN["print_signature_repeat"])
    """Repeat the signature block (jabatan, space to sign, nama, pangkat, NIP) under the last
    procedure page. A SOP or unit may set `formulir: ulang_pengesahan`."""

    logo = c.Optional(c.Type(str))
    """Institution logo on the printed identity sheet: an image file in docs_dir. None: no logo."""

    pdf = c.Type(bool, default=BAWAAN["pdf"])
    """Link "Unduh PDF" on each SOP page (make the files with `sop pdf` after `mkdocs build`)."""

    graphviz_timeout = _Bilangan("graphviz_timeout")
    """Seconds Graphviz may spend on one chart before it is given up (a notice on the SOP's
    page, a warning in the log); a hanging chart costs at most this once, the rest still draw."""

    search = c.Type(bool, default=BAWAAN["search"])
    """Index the built site with Pagefind (Indonesian stemming, fetched in small chunks) and
    put its search box in the header. Replaces Material's `search` plugin: leave that out."""

    history = c.Type(bool, default=BAWAAN["history"])
    """"Riwayat perubahan" on each SOP page from `git log` of sops_dir (what changed, step by
    step, per commit), and a warning when steps changed but `tanggal_revisi` did not."""

    qr = c.Type(bool, default=BAWAAN["qr"])
    """A QR code to the SOP's page (from site_url) on the printed form, to check the version."""

    cache_dir = c.Type(str, default=BAWAAN["cache_dir"])
    """Where drawn charts are cached (relative to mkdocs.yml); kept across builds and serve."""

    # Old (Indonesian) names, moved to the new ones with a deprecation message.
    diagram_max_langkah = c.Deprecated(moved_to=NAMA_LAMA["diagram_max_langkah"],
                                       message=pesan_usang("diagram_max_langkah"))
    kertas = c.Deprecated(moved_to=NAMA_LAMA["kertas"], message=pesan_usang("kertas"))
    cetak_bagan = c.Deprecated(moved_to=NAMA_LAMA["cetak_bagan"],
                               message=pesan_usang("cetak_bagan"))
    cetak_maks_langkah = c.Deprecated(moved_to=NAMA_LAMA["cetak_maks_langkah"],
                                      message=pesan_usang("cetak_maks_langkah"))
