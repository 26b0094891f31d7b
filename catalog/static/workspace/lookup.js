/* The hash lookup's drop zone: a file dropped anywhere on it goes to its file input (not to the browser, which would
 * open it in place of the page). Without this, the input itself still takes a dropped or chosen file. */
(function () {
  "use strict";

  document.addEventListener("dragover", function (event) {
    var zone = event.target.closest && event.target.closest("[data-dropzone]");
    if (!zone) return;
    event.preventDefault();
    zone.classList.add("dropzone--over");
  });

  document.addEventListener("dragleave", function (event) {
    var zone = event.target.closest && event.target.closest("[data-dropzone]");
    if (zone) zone.classList.remove("dropzone--over");
  });

  document.addEventListener("drop", function (event) {
    var zone = event.target.closest && event.target.closest("[data-dropzone]");
    if (!zone || !event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    zone.classList.remove("dropzone--over");
    var input = zone.querySelector("input[type=file]");
    input.files = event.dataTransfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
