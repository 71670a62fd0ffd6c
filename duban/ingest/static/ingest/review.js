// Review page: a highlight and its row find each other; "all open" ticks every open row.
// Keyboard review: j / k move between items, a accepts, e edits, r rejects, Shift+A accepts the open items
// of the current item's section. After an accept or reject the cursor moves to the next open item, so
// accepting the suggestions is one keystroke per item. Keys typed into a field are left alone.
(function () {
  "use strict";
  function flash(el) {
    if (!el) return;
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1200);
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-id]");
    if (mark) { flash(document.getElementById("cand-" + mark.dataset.id)); setCurrent(rowIndex(mark.dataset.id)); return; }
    var jump = event.target.closest("a[data-jump]");
    if (jump) { event.preventDefault(); flash(document.getElementById("mark-" + jump.dataset.jump)); }
  });
  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-select-all]")) return;
    document.querySelectorAll('input[name="ids"][form="bulk-form"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });

  var currentId = null;
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("li.cand[data-id]")); }
  function rowIndex(id) { return rows().findIndex(function (r) { return r.dataset.id === String(id); }); }
  function isOpen(row) { return row.dataset.status === "pending" || row.dataset.status === "editing"; }
  function current() { return currentId && document.getElementById("cand-" + currentId); }
  function setCurrent(index) {
    var list = rows();
    if (!list.length || index < 0) return;
    index = Math.min(index, list.length - 1);
    list.forEach(function (r) { r.classList.remove("kb-current"); });
    var row = list[index];
    row.classList.add("kb-current");
    currentId = row.dataset.id;
    row.scrollIntoView({ block: "nearest" });
    var mark = document.getElementById("mark-" + currentId);
    if (mark) mark.scrollIntoView({ block: "nearest" });
  }
  function nextOpen(from) {
    var list = rows();
    for (var i = from + 1; i < list.length; i++) if (isOpen(list[i])) return i;
    for (var j = 0; j <= from && j < list.length; j++) if (isOpen(list[j])) return j;
    return from;
  }
  function press(selector) {
    var row = current();
    var button = row && row.querySelector(selector);
    if (button) button.click();
    return !!button;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target.closest && target.closest(".edit-form")) {
      // In the edit form, Enter on a list (lead unit, record type...) accepts like Enter in a text field.
      if (event.key === "Enter" && target.tagName === "SELECT") {
        event.preventDefault();
        target.form.requestSubmit();
      } else if (event.key === "Escape") {
        var cancel = target.closest(".edit-form").querySelector("a[hx-get]");
        if (cancel) cancel.click();
      }
      return;
    }
    if (event.key === "Escape") {
      // An edit form left open (focus lost, e.g. after a refused edit re-rendered it): Escape still closes it.
      var open = document.querySelector("li.cand.editing .edit-form a[hx-get]");
      if (open) { open.click(); event.preventDefault(); }
      return;
    }
    if (target.matches && target.matches("input, textarea, select, [contenteditable]")) return;
    if (!document.querySelector("li.cand[data-id]")) return;
    var index = rowIndex(currentId);
    var done = true;
    switch (event.key) {
      case "j": setCurrent(index + 1); break;
      case "k": setCurrent(Math.max(index - 1, 0)); break;
      case "a": done = press("button.accept"); break;
      case "e": done = press("a.edit"); break;
      case "r": done = press("button.reject"); break;
      case "A": {
        var row = current();
        var list = row && row.closest("ul.cands");
        var form = list && list.previousElementSibling && list.previousElementSibling.querySelector("[data-section-form]");
        if (form) form.requestSubmit(); else done = false;
        break;
      }
      default: done = false;
    }
    if (done) event.preventDefault();
  });

  // After htmx has swapped and settled a row: a reviewed row moves the cursor to the next open item; an edit form gets focus.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var row = current();
    if (!row) return;
    if (row.dataset.status === "editing") {
      row.classList.add("kb-current");
      var field = row.querySelector("select[name=lead_unit]") || row.querySelector("input:not([type=hidden]), select");
      if (field) field.focus();
      return;
    }
    var index = rowIndex(currentId);
    if (row.querySelector(".error")) { setCurrent(index); return; }
    setCurrent(isOpen(row) ? index : nextOpen(index));
  });

  document.addEventListener("DOMContentLoaded", function () {
    var hash = window.location.hash.match(/^#cand-(\d+)$/);
    var start = hash ? rowIndex(hash[1]) : -1;
    if (start < 0) start = nextOpen(-1);
    if (start >= 0 && rows().length) setCurrent(start);
  });
})();
