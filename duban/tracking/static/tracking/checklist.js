/* A searchable checkbox list in place of a ctrl-click <select multiple>: type to filter, tick to choose.
   Django's CheckboxSelectMultiple puts the widget's attributes on every checkbox; the list is the element
   whose id is the checkboxes' id without the _N suffix. No library, no network. */
(function () {
  var done = {};
  document.querySelectorAll("input[data-checklist]").forEach(function (input) {
    var id = input.id.replace(/_\d+$/, "");
    var box = document.getElementById(id);
    if (!box || done[id]) return;
    done[id] = true;
    box.classList.add("checklist-box");
    var search = document.createElement("input");
    search.type = "search";
    search.className = "checklist-search";
    search.placeholder = input.getAttribute("data-checklist") || "";
    search.setAttribute("aria-label", search.placeholder);
    search.setAttribute("aria-controls", id);
    var count = document.createElement("span");
    count.className = "small checklist-count";
    count.setAttribute("aria-live", "polite");
    function refreshCount() {
      count.textContent = " " + box.querySelectorAll("input[type=checkbox]:checked").length + " ✓";
    }
    box.parentNode.insertBefore(search, box);
    box.parentNode.insertBefore(count, box);
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      box.querySelectorAll("label").forEach(function (label) {
        var row = label.parentNode === box ? label : label.parentNode;
        row.hidden = q !== "" && label.textContent.toLowerCase().indexOf(q) === -1;
      });
    });
    box.addEventListener("change", refreshCount);
    refreshCount();
  });
})();
