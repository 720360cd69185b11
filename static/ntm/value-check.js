// Shows, as the user types, whether each value meets the threshold that applies to this commune.
(function () {
  function parse(text) {
    text = (text || "").trim().replace(/\s|%/g, "");
    if (text.indexOf(",") >= 0) text = text.replace(/\./g, "").replace(",", ".");
    return text === "" ? null : Number(text);
  }
  var compare = {
    eq: function (a, b) { return a === b; }, ge: function (a, b) { return a >= b; }, gt: function (a, b) { return a > b; },
    le: function (a, b) { return a <= b; }, lt: function (a, b) { return a < b; }
  };
  function check(row) {
    // The value field is named v_<code>; its companions (note, version, initial) carry a "__" suffix.
    var input = Array.prototype.find.call(row.querySelectorAll("input, select"), function (element) {
      return element.type !== "hidden" && element.name.indexOf("__") < 0;
    });
    var cell = row.querySelector(".live-check");
    var threshold = row.dataset.threshold, operator = row.dataset.operator;
    if (!input || !cell) return;
    var value = row.dataset.type === "bool" || row.dataset.type === "category" ? input.value : parse(input.value);
    if (value === null || value === "") { cell.textContent = ""; return; }
    if (threshold === "") { cell.innerHTML = '<span class="badge text-bg-warning">Thiếu ngưỡng</span>'; return; }
    if (typeof value === "number" && isNaN(value)) { cell.innerHTML = '<span class="badge text-bg-dark">Không phải số</span>'; return; }
    var target = typeof value === "number" ? Number(threshold) : threshold;
    var met = compare[operator] ? compare[operator](value, target) : value === target;
    cell.innerHTML = met ? '<span class="badge text-bg-success">Đạt</span>' : '<span class="badge text-bg-danger">Chưa đạt</span>';
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".value-row").forEach(function (row) {
      check(row);
      row.addEventListener("input", function () { check(row); });
      row.addEventListener("change", function () { check(row); });
    });
  });
})();
