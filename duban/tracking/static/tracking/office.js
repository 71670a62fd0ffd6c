/* The office pages: a checkbox [data-check-all="name"] ticks or clears every checkbox of that name in its form. */
(function () {
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input[data-check-all]")) return;
    var name = box.getAttribute("data-check-all");
    box.form.querySelectorAll("input[type=checkbox][name='" + name + "']").forEach(function (other) {
      other.checked = box.checked;
    });
  });
})();
