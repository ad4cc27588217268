/* SOP Handbook: "Daftar periksa" (checklist) on SOP pages.
 *
 * The page already has a readable list of real checkboxes (templates/_daftar_periksa.html);
 * this script adds: ticks saved in localStorage per SOP, progress, reset, a filter by
 * pelaksana and printing just the checklist. No frameworks, no requests.
 *
 * Saved record, key "sop-handbook:daftar-periksa:<sop id>":
 *   {"versi": "<data-versi>", "langkah": [step numbers], "kelengkapan": [item indexes]}
 * When the page's data-versi differs from the saved one, the SOP's steps have changed: the
 * old ticks are dropped (never applied to different steps) and a notice says so.
 */
(function () {
  "use strict";

  var AWALAN = "sop-handbook:daftar-periksa:";
  var KELAS_CETAK = "sop-cetak-periksa"; // on <html> while printing just the checklist

  function penyimpanan() {
    try {
      var s = window.localStorage;
      var uji = AWALAN + "uji";
      s.setItem(uji, "1");
      s.removeItem(uji);
      return s;
    } catch (e) {
      return null; // disabled or full: the checklist still works, ticks are not kept
    }
  }

  function baca(simpan, kunci) {
    if (!simpan) return null;
    try {
      var data = JSON.parse(simpan.getItem(kunci) || "null");
      return data && typeof data === "object" ? data : null;
    } catch (e) {
      return null;
    }
  }

  function siapkan(akar) {
    if (akar.getAttribute("data-siap") === "1") return;
    akar.setAttribute("data-siap", "1");

    var simpan = penyimpanan();
    var kunci = AWALAN + akar.getAttribute("data-sop");
    var versi = akar.getAttribute("data-versi");
    var langkah = Array.prototype.slice.call(
      akar.querySelectorAll(".sop-periksa__daftar--langkah > li"));
    var kelengkapan = Array.prototype.slice.call(
      akar.querySelectorAll(".sop-periksa__daftar--kelengkapan > li"));
    var alat = akar.querySelector(".sop-periksa__alat");
    var kemajuan = akar.querySelector(".sop-periksa__kemajuan-teks");
    var bilah = akar.querySelector(".sop-periksa__kemajuan progress");
    var pilih = akar.querySelector(".sop-periksa__pilih");
    var berita = akar.querySelector(".sop-periksa__pemberitahuan");
    var saringanCetak = akar.querySelector(".sop-periksa__saringan-cetak");

    function kotak(butir) {
      return butir.querySelector(".sop-periksa__kotak");
    }

    function kabarkan(teks) {
      if (berita) berita.textContent = teks;
    }

    function tulis() {
      if (!simpan) return;
      var data = {
        versi: versi,
        langkah: langkah.filter(function (b) { return kotak(b).checked; })
          .map(function (b) { return Number(b.getAttribute("data-nomor")); }),
        kelengkapan: kelengkapan.filter(function (b) { return kotak(b).checked; })
          .map(function (b) { return Number(b.getAttribute("data-indeks")); })
      };
      try {
        if (data.langkah.length || data.kelengkapan.length) {
          simpan.setItem(kunci, JSON.stringify(data));
        } else {
          simpan.removeItem(kunci);
        }
      } catch (e) {
        kabarkan("Centang tidak dapat disimpan di peramban ini.");
      }
    }

    function terapkan(data) {
      var l = data && Array.isArray(data.langkah) ? data.langkah : [];
      var k = data && Array.isArray(data.kelengkapan) ? data.kelengkapan : [];
      langkah.forEach(function (b) {
        kotak(b).checked = l.indexOf(Number(b.getAttribute("data-nomor"))) >= 0;
      });
      kelengkapan.forEach(function (b) {
        kotak(b).checked = k.indexOf(Number(b.getAttribute("data-indeks"))) >= 0;
      });
    }

    function lajur(butir) {
      return (butir.getAttribute("data-lajur") || "").split(/\s+/).filter(Boolean);
    }

    function perbarui() {
      var selesai = langkah.filter(function (b) { return kotak(b).checked; }).length;
      var teks = selesai + " dari " + langkah.length + " langkah";
      if (selesai === langkah.length && langkah.length) teks += " (selesai)";
      var dipilih = pilih ? pilih.value : "";
      if (dipilih !== "") {
        var milik = langkah.filter(function (b) { return lajur(b).indexOf(dipilih) >= 0; });
        var milikSelesai = milik.filter(function (b) { return kotak(b).checked; }).length;
        var nama = pilih.options[pilih.selectedIndex].text;
        teks += "; " + milikSelesai + " dari " + milik.length + " langkah untuk " + nama;
      }
      if (kemajuan) kemajuan.textContent = teks;
      if (bilah) bilah.value = selesai;
    }

    function saring() {
      var dipilih = pilih ? pilih.value : "";
      langkah.forEach(function (b) {
        b.hidden = dipilih !== "" && lajur(b).indexOf(dipilih) < 0;
      });
      if (saringanCetak) {
        saringanCetak.textContent = dipilih === "" ? ""
          : " — langkah untuk " + pilih.options[pilih.selectedIndex].text;
      }
      perbarui();
    }

    // Saved ticks: applied only to the same version of the SOP's steps.
    var tersimpan = baca(simpan, kunci);
    if (tersimpan && tersimpan.versi === versi) {
      terapkan(tersimpan);
    } else if (tersimpan) {
      simpan.removeItem(kunci);
      terapkan(null);
      kabarkan("Langkah SOP ini telah diubah sejak centang terakhir disimpan, " +
               "jadi centang lama dihapus. Silakan centang ulang.");
    } else {
      terapkan(null); // the browser may have restored ticks from the last visit's form state
    }

    akar.addEventListener("change", function (e) {
      var t = e.target;
      if (t.classList && t.classList.contains("sop-periksa__kotak")) {
        tulis();
        perbarui();
      } else if (t === pilih) {
        saring();
      }
    });

    var ulang = akar.querySelector(".sop-periksa__ulang");
    if (ulang) {
      ulang.addEventListener("click", function () {
        terapkan(null);
        tulis();
        perbarui();
        kabarkan("Semua centang dihapus.");
      });
    }

    var cetak = akar.querySelector(".sop-periksa__cetak");
    if (cetak) {
      cetak.addEventListener("click", function () {
        document.documentElement.classList.add(KELAS_CETAK);
        window.print(); // the class is removed on "afterprint"
      });
    }

    // Another tab of the same page ticked something: follow it.
    window.addEventListener("storage", function (e) {
      if (e.key !== kunci || !document.body.contains(akar)) return;
      var data = baca(simpan, kunci);
      terapkan(data && data.versi === versi ? data : null);
      perbarui();
    });

    if (pilih) pilih.value = "";
    saring();
    if (alat) alat.hidden = false;
  }

  function mulai() {
    var semua = document.querySelectorAll(".sop-periksa[data-sop]");
    for (var i = 0; i < semua.length; i++) siapkan(semua[i]);
  }

  window.addEventListener("afterprint", function () {
    document.documentElement.classList.remove(KELAS_CETAK);
  });

  // Material's instant navigation swaps pages without a load event: it announces each page on
  // document$. Without it, run once the document is parsed.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mulai);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mulai);
  } else {
    mulai();
  }
})();
