// Behaviour the pages ask for in data attributes, so that no page needs an inline script (the Content-Security-Policy
// allows scripts from the app's own files only): a confirmation before an irreversible step, a selector that applies
// itself.
(function () {
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.hasAttribute("data-autosubmit") && event.target.form) { event.target.form.submit(); }
  });
})();
