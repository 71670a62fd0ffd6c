// Review page: a highlight and its row find each other; "all open" ticks every open row.
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
    if (mark) { flash(document.getElementById("cand-" + mark.dataset.id)); return; }
    var jump = event.target.closest("a[data-jump]");
    if (jump) { event.preventDefault(); flash(document.getElementById("mark-" + jump.dataset.jump)); }
  });
  document.addEventListener("change", function (event) {
    if (!event.target.matches("[data-select-all]")) return;
    document.querySelectorAll('input[name="ids"][form="bulk-form"]').forEach(function (box) {
      box.checked = event.target.checked;
    });
  });
})();
