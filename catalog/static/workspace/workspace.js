/* The desk's keyboard shortcuts and the small glue around htmx. No inline script anywhere: this file is all.
 *
 *   j / k    next / previous entry ([data-entry]: queue entries, list rows, draft parts)
 *   Enter    open the focused entry (its [data-open] link)
 *   /        focus the first search or filter field
 *   ?        show or hide the shortcuts (the #help dialog); Esc closes it
 *
 * Shortcuts are ignored while typing in a field or with Ctrl, Alt or Meta held. No key acts on data by itself.
 */
(function () {
  "use strict";

  // The shortcut hints and the help button show only where the shortcuts work.
  document.documentElement.classList.add("js");

  function isTyping(element) {
    if (!element) return false;
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  function entries() {
    return Array.prototype.filter.call(document.querySelectorAll("[data-entry]"), function (entry) {
      // Visible ones only: not inside a closed <details>, not hidden.
      if (entry.parentElement && entry.parentElement.closest("details:not([open])")) return false;
      return entry.checkVisibility ? entry.checkVisibility() : entry.offsetParent !== null;
    });
  }

  function currentEntry() {
    var active = document.activeElement;
    return active && active.closest ? active.closest("[data-entry]") : null;
  }

  function move(step) {
    var list = entries();
    if (!list.length) return;
    var index = list.indexOf(currentEntry());
    var next = index === -1 ? (step > 0 ? 0 : list.length - 1) : Math.min(Math.max(index + step, 0), list.length - 1);
    list[next].focus();
    list[next].scrollIntoView({ block: "nearest" });
  }

  function openEntry(entry) {
    var link = entry.querySelector("[data-open]");
    if (link && link.href) window.location.assign(link.href);
  }

  function help() {
    return document.getElementById("help");
  }

  function toggleHelp() {
    var dialog = help();
    if (!dialog) return;
    if (dialog.open) dialog.close();
    else dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    var dialog = help();
    if (dialog && dialog.open) {
      if (event.key === "?") { event.preventDefault(); dialog.close(); }
      return; // the dialog handles Esc and Tab itself
    }
    if (isTyping(event.target)) return;
    switch (event.key) {
      case "j":
        event.preventDefault();
        move(1);
        break;
      case "k":
        event.preventDefault();
        move(-1);
        break;
      case "Enter":
        // Only when the entry itself has focus: on a link or button inside it, Enter does what it always does.
        if (event.target.matches && event.target.matches("[data-entry]")) {
          event.preventDefault();
          openEntry(event.target);
        }
        break;
      case "?":
        event.preventDefault();
        toggleHelp();
        break;
      case "/":
        var field = document.querySelector("main input[type=text], main input[type=search], main select");
        if (field) { event.preventDefault(); field.focus(); }
        break;
    }
  });

  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-help-open]");
    if (opener) toggleHelp();
  });

  // After htmx swaps in a part of the page, keep the keyboard where it was: on the element with the same id, or
  // on the entry that replaced the one that was focused.
  var focusedId = null;
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    var anchor = currentEntry() || (active && active.closest ? active.closest("[id]") : null);
    focusedId = anchor && anchor !== document.body ? anchor.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!focusedId) return;
    var again = document.getElementById(focusedId);
    focusedId = null;
    if (again && document.activeElement === document.body) {
      if (!again.hasAttribute("tabindex") && !again.matches("a, button, input, select, textarea")) {
        again.setAttribute("tabindex", "-1");
      }
      again.focus();
    }
  });
})();
