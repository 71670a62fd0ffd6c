/* A searchable checkbox list in place of a ctrl-click <select multiple>: type to filter, tick to choose.
   Works on any element with data-checklist wrapping Django's CheckboxSelectMultiple; no library. */
document.querySelectorAll("[data-checklist]").forEach(function (box) {
  var search = document.createElement("input");
  search.type = "search";
  search.className = "checklist-search";
  search.placeholder = box.getAttribute("data-checklist") || "";
  search.setAttribute("aria-label", search.placeholder);
  var count = document.createElement("span");
  count.className = "small checklist-count";
  function refreshCount() {
    count.textContent = " " + box.querySelectorAll("input[type=checkbox]:checked").length + " ✓";
  }
  box.parentNode.insertBefore(search, box);
  box.parentNode.insertBefore(count, box);
  search.addEventListener("input", function () {
    var q = search.value.trim().toLowerCase();
    box.querySelectorAll("label").forEach(function (label) {
      var row = label.closest("div") || label;
      row.hidden = q !== "" && label.textContent.toLowerCase().indexOf(q) === -1;
    });
  });
  box.addEventListener("change", refreshCount);
  refreshCount();
});
