// The entry form's live check: as the user types, whether the value meets the threshold that applies to the commune.
// Each indicator's block carries what the server's rule needs (criteria.display.live_check): data-type, data-operator,
// data-threshold (machine form, "" for none), data-min, data-max, data-integer. Numbers are read as ntm/numbers.py
// reads them ("3.260,6", "85,5", "1.500" is fifteen hundred). The server stays the authority: this only tells early.
// assessment/tests/test_live_check.py runs `evaluate` under Node on the same table of cases as criteria/rules.py.
(function (root, factory) {
  var api = factory();
  if (typeof module === "object" && module.exports) { module.exports = api; } else { api.start(root.document); }
})(typeof self !== "undefined" ? self : this, function () {
  var PLAIN = /^[+-]?\d+(?:\.\d+)?$/, DOTTED = /^[+-]?\d{1,3}(?:\.\d{3})+$/;
  var VIETNAMESE = /^(?:[+-]?\d{1,3}(?:\.\d{3})*,\d+|[+-]?\d+,\d+)$/;
  var MAX_DIGITS = 18, MAX_DECIMALS = 6;
  var LABELS = { met: "Đạt", not_met: "Chưa đạt", no_threshold: "Thiếu ngưỡng", invalid: "Không hợp lệ", empty: "" };
  var BADGES = { met: "text-bg-success", not_met: "text-bg-danger", no_threshold: "text-bg-warning", invalid: "text-bg-dark" };

  // The machine text of a typed number ("3260.6"), or null when it is none.
  function machine(text) {
    text = String(text).trim().replace(/[\u00a0 ]/g, "").replace(/%$/, "");
    if (text.length > 64) return null;
    if (VIETNAMESE.test(text)) return text.replace(/\./g, "").replace(",", ".");
    if (DOTTED.test(text)) return text.replace(/\./g, "");
    if (PLAIN.test(text)) return text;
    return null;
  }

  function sizeOk(text) {
    var parts = text.replace(/^[+-]/, "").split(".");
    var whole = parts[0].replace(/^0+/, ""), decimals = parts.length > 1 ? parts[1].length : 0;
    return whole.length <= MAX_DIGITS && decimals <= MAX_DECIMALS;
  }

  function number(text, spec) {
    var exact = machine(text);
    if (exact === null || !sizeOk(exact)) return null;
    var value = Number(exact);
    if (spec.integer && Math.floor(value) !== value) return null;
    if (spec.min !== "" && spec.min !== undefined && value < Number(spec.min)) return null;
    if (spec.max !== "" && spec.max !== undefined && value > Number(spec.max)) return null;
    return value;
  }

  var COMPARE = {
    eq: function (a, b) { return a === b; }, ge: function (a, b) { return a >= b; }, gt: function (a, b) { return a > b; },
    le: function (a, b) { return a <= b; }, lt: function (a, b) { return a < b; }
  };

  // spec: {type, operator, threshold, min, max, integer}; typed: the field's text. Returns met, not_met, no_threshold,
  // invalid or empty, as criteria.rules.evaluate_indicator would after parse_value.
  function evaluate(spec, typed) {
    typed = typed === null || typed === undefined ? "" : String(typed);
    if (typed.trim() === "") return "empty";
    var value;
    if (spec.type === "bool") {
      if (typed !== "1" && typed !== "0") return "invalid";
      value = typed;
    } else if (spec.type === "category") {
      value = typed.trim();
    } else {
      value = number(typed, spec);
      if (value === null) return "invalid";
    }
    if (spec.threshold === "" || spec.threshold === undefined) return "no_threshold";
    if (spec.operator === "in") {
      var accepted = spec.threshold.charAt(0) === "[" ? JSON.parse(spec.threshold) : [spec.threshold];
      return accepted.indexOf(String(value)) >= 0 ? "met" : "not_met";
    }
    if (spec.type === "bool") return spec.operator === "eq" && value === spec.threshold ? "met" : "not_met";
    var left = typeof value === "number" ? value : number(value, {});
    var right = number(spec.threshold, {});
    if (left === null || right === null || !COMPARE[spec.operator]) return "not_met";
    return COMPARE[spec.operator](left, right) ? "met" : "not_met";
  }

  function show(block) {
    var input = block.querySelector("[data-value-input]"), cell = block.querySelector("[data-live-check]");
    if (!input || !cell) return;
    var outcome = evaluate(block.dataset, input.value);
    cell.textContent = "";
    if (outcome === "empty") return;
    var badge = document.createElement("span");
    badge.className = "badge " + BADGES[outcome];
    badge.textContent = LABELS[outcome];
    if (outcome === "invalid") badge.title = "Giá trị chưa đúng dạng hoặc ngoài giới hạn; khi lưu, hệ thống nói rõ lý do.";
    cell.appendChild(badge);
  }

  function start(doc) {
    doc.addEventListener("DOMContentLoaded", function () {
      doc.querySelectorAll("[data-live-block]").forEach(function (block) {
        show(block);
        block.addEventListener("input", function () { show(block); });
        block.addEventListener("change", function () { show(block); });
      });
    });
  }

  return { evaluate: evaluate, start: start, labels: LABELS };
});
