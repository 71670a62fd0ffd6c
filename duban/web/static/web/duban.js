// Small behaviours of every page, kept in a file because the Content-Security-Policy runs no inline script.
// <select data-autosubmit> submits its form when changed.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
