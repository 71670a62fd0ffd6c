/* Thumbnails of the photos chosen for a report, shown before submitting (no library, no network). */
document.querySelectorAll("[data-thumbs-for]").forEach(function (box) {
  var input = document.getElementById(box.getAttribute("data-thumbs-for"));
  if (!input) return;
  input.addEventListener("change", function () {
    box.textContent = "";
    Array.prototype.forEach.call(input.files, function (file) {
      if (!file.type || file.type.indexOf("image/") !== 0) return;
      var img = document.createElement("img");
      img.alt = file.name;
      img.src = URL.createObjectURL(file);
      box.appendChild(img);
    });
  });
});
