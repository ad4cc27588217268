/* SOP Handbook: printing a SOP page prints the official form, which lives in the SOP's print
   file (cetak.html beside the page) so the page itself stays small.

   - Any print of a SOP page (Ctrl+P, the browser's menu, window.print()): on "beforeprint"
     the form is fetched synchronously into the page's empty block. Chromium lays the page out
     for print only after the synchronous beforeprint listeners return, so a synchronous
     request is what makes the form appear in the very first print preview; it is a small,
     local file, and it is fetched once per page.
   - Ctrl+P / Cmd+P and the "Cetak SOP" button fetch it asynchronously first, then print.
   - On the print file itself: its "Cetak" button prints, and #cetak in the address prints
     at once (what "Cetak SOP" opens when scripts cannot fill the page).
   Without scripts the page prints a note saying where the form is (_cetak_sop.html). */
(function () {
  "use strict";

  function wadah() {
    return document.querySelector(".sop-cetak[data-cetak-src]");
  }

  function pasang(w, teks) {
    var dok = new DOMParser().parseFromString(teks, "text/html");
    var blok = dok.querySelector(".sop-cetak");
    if (!blok || !w.isConnected) return false;
    // The print file sits beside the page, so its relative links (the logo) stay valid.
    w.innerHTML = blok.innerHTML;
    w.removeAttribute("data-cetak-src");
    return true;
  }

  function perluDimuat(w) {
    return w && !document.documentElement.classList.contains("sop-cetak-periksa");
  }

  function muatSinkron() {
    var w = wadah();
    if (!perluDimuat(w)) return;
    try {
      var x = new XMLHttpRequest();
      x.open("GET", w.getAttribute("data-cetak-src"), false);
      x.send();
      if (x.status === 200) pasang(w, x.responseText);
    } catch (e) {
      /* offline or a file:// page: the note in the block says where the form is */
    }
  }

  function muatLaluCetak() {
    var w = wadah();
    if (!perluDimuat(w) || !window.fetch) {
      window.print();
      return;
    }
    fetch(w.getAttribute("data-cetak-src"))
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (teks) { if (teks) pasang(w, teks); })
      .catch(function () {})
      .then(function () { window.print(); });
  }

  window.addEventListener("beforeprint", muatSinkron);

  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey &&
        (e.key === "p" || e.key === "P") && perluDimuat(wadah())) {
      e.preventDefault();
      muatLaluCetak();
    }
  });

  document.addEventListener("click", function (e) {
    var t = e.target && e.target.closest ? e.target.closest(".sop-tombol-cetak, [data-sop-cetak]") : null;
    if (!t) return;
    e.preventDefault();
    if (t.hasAttribute("data-sop-cetak")) window.print();
    else muatLaluCetak();
  });

  if (document.documentElement.classList.contains("sop-cetak-halaman") &&
      location.hash === "#cetak") {
    history.replaceState(null, "", location.pathname + location.search);
    window.addEventListener("load", function () { window.print(); });
  }
})();
