// An export's page: when the polled status shows the finished file, download it once by itself
// (remembered per export in this tab, so going back to the page does not download it again).
(function () {
  "use strict";
  function fetchReady() {
    var link = document.querySelector("a[data-auto-download]");
    if (!link) return;
    var key = "zona-" + link.getAttribute("data-auto-download");
    try {
      if (window.sessionStorage.getItem(key)) return;
      window.sessionStorage.setItem(key, "1");
    } catch (e) { /* storage off: download anyway */ }
    window.location.assign(link.href);
  }
  fetchReady();  // this script comes after the page: the status is already there
  document.body.addEventListener("htmx:afterSettle", fetchReady);
})();
