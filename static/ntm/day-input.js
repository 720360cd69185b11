// The shared date input (ntm/dates.py, data-day-input): typing digits on a phone's number pad, which has no slash,
// writes the slashes in: "2011" becomes "20/11/", "20112017" becomes "20/11/2017". Deleting is left alone.
(function () {
  document.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.hasAttribute || !input.hasAttribute("data-day-input")) { return; }
    if (event.inputType && event.inputType.indexOf("delete") === 0) { return; }
    var digits = input.value.replace(/[^0-9]/g, "");
    if (!/^[0-9]+$/.test(input.value) && !/^[0-9]{2}\/[0-9]{1,2}$/.test(input.value)) { return; }
    if (digits.length > 8) { return; }
    var text = digits.slice(0, 2);
    if (digits.length >= 2) { text += "/" + digits.slice(2, 4); }
    if (digits.length >= 4) { text += "/" + digits.slice(4); }
    input.value = text;
  });
})();
