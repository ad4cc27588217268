/* The version check of a printed SOP: its QR code opens the SOP page with ?rev=YYYY-MM-DD (the
   revision printed); say plainly whether that is still the current one (_versi.html). */
(function () {
  "use strict";
  var BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember"];
  function tanggal(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m || +m[2] < 1 || +m[2] > 12) return null;
    return +m[3] + " " + BULAN[+m[2] - 1] + " " + m[1];
  }
  function periksa() {
    var el = document.querySelector(".sop-versi[data-revisi]");
    var rev = new URLSearchParams(window.location.search).get("rev");
    if (!el || !rev) return;
    var kini = el.getAttribute("data-revisi");
    var teks = tanggal(rev);
    var kelas, pesan;
    if (teks && rev === kini) {
      kelas = "sop-versi--sama";
      pesan = "Versi cetak Anda (revisi " + teks + ") adalah versi yang berlaku.";
    } else if (teks && rev < kini) {
      kelas = "sop-versi--lama";
      pesan = "Versi cetak Anda (revisi " + teks + ") sudah diganti pada " +
        el.getAttribute("data-revisi-teks") + ". Pakai versi di halaman ini, dan cetak ulang " +
        "atau tarik salinan lama.";
    } else {
      kelas = "sop-versi--lama";
      pesan = "Tanggal revisi pada kode QR (" + rev + ") tidak cocok dengan SOP ini (revisi " +
        el.getAttribute("data-revisi-teks") + "). Pakai versi di halaman ini.";
    }
    el.textContent = pesan;
    el.className = "sop-versi " + kelas;
    el.hidden = false;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", periksa);
  else periksa();
  // Material's instant navigation swaps pages without a reload.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(periksa);
})();
