/* The item list's selection: x ticks or unticks the focused entry's checkbox, and the action bar says how many
 * are ticked. Everything here is also possible without it (Tab to a checkbox, Space). */
(function () {
  "use strict";

  function count() {
    var note = document.querySelector("[data-selected-count]");
    if (!note) return;
    var ticked = document.querySelectorAll("[data-select]:checked").length;
    note.textContent = ticked ? ticked + " selected." : "Tick the items to act on.";
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "x" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    var target = event.target;
    if (!target.matches || !target.matches("[data-entry]")) return; // not while typing or on another control
    var box = target.querySelector("[data-select]");
    if (!box) return;
    event.preventDefault();
    box.checked = !box.checked;
    count();
  });

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-select]")) count();
  });
})();
