// The review of an imported notice (directives/templates/directives/review.html), and the progress report of a task.
// Rows are added from the empty form's <template> and removed by ticking their "Bỏ" box (then hidden); each task's
// deadline shows only the inputs its kind needs; the confirmation counts what will be saved. Without this script the
// page still works: a few blank rows wait at the end, "Bỏ" is a visible checkbox, every deadline input is shown and
// the server reads only those of the chosen kind (directives.rules.DEADLINE_INPUTS).
(function () {
  "use strict";

  function showDeadline(row) {
    var select = row.querySelector("select[name$='-deadline_kind']");
    if (!select) { return; }
    row.querySelectorAll("[data-deadline-for]").forEach(function (box) {
      box.hidden = box.getAttribute("data-deadline-for") !== select.value;
    });
  }

  function isRemoved(row) {
    var box = row.querySelector("input[name$='-DELETE']");
    return box !== null && box.checked;
  }

  function isFilled(row) {
    var lead = row.querySelector("input[name$='-lead'], select[name$='-metric']");
    return lead !== null && lead.value.trim() !== "";
  }

  function count(form, prefix) {
    var rows = form.querySelectorAll("[data-formset='" + prefix + "'] [data-formset-row]");
    return Array.prototype.filter.call(rows, function (row) { return !isRemoved(row) && isFilled(row); }).length;
  }

  function updateConfirmation(form) {
    var tasks = count(form, "task"), targets = count(form, "target");
    var added = form.querySelectorAll("input[name^='agency-'][name$='-create']:checked").length;
    var message = "Lưu văn bản với " + tasks + " nhiệm vụ" + (targets ? " và " + targets + " chỉ tiêu" : "") + "?";
    if (added) { message += " " + added + " cơ quan được đánh dấu sẽ được thêm vào danh mục."; }
    message += " Các cơ quan chủ trì sẽ thấy nhiệm vụ trên bảng theo dõi.";
    form.setAttribute("data-confirm", message);
  }

  function setUpRow(row) {
    var box = row.querySelector("input[name$='-DELETE']");
    var button = row.querySelector("[data-formset-remove]");
    var holder = row.querySelector("[data-formset-delete]");
    if (box && button) {
      holder.hidden = true;
      button.hidden = false;
      button.addEventListener("click", function () {
        box.checked = true;
        row.hidden = true;
        updateConfirmation(row.closest("form"));
      });
    }
    if (isRemoved(row)) { row.hidden = true; }
    showDeadline(row);
  }

  function addRow(form, prefix) {
    var total = form.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var most = form.querySelector("input[name='" + prefix + "-MAX_NUM_FORMS']");
    var index = parseInt(total.value, 10);
    if (most && index >= parseInt(most.value, 10)) { return; }
    var template = document.getElementById(prefix + "-template");
    var holder = form.querySelector("[data-formset='" + prefix + "']");
    holder.insertAdjacentHTML("beforeend",
      template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1)));
    total.value = String(index + 1);
    var row = holder.lastElementChild;
    setUpRow(row);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) { first.focus(); }
  }

  function start(form) {
    form.querySelectorAll("[data-formset-row]").forEach(setUpRow);
    form.querySelectorAll("[data-formset-add]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        addRow(form, button.getAttribute("data-formset-add"));
        updateConfirmation(form);
      });
    });
    form.addEventListener("change", function (event) {
      if (event.target.matches("select[name$='-deadline_kind']")) { showDeadline(event.target.closest("[data-formset-row]")); }
      updateConfirmation(form);
    });
    form.addEventListener("input", function () { updateConfirmation(form); });
    updateConfirmation(form);
  }

  // A progress report that marks the task done asks first (static/ntm/ui.js reads data-confirm on submit).
  function startReport(form) {
    var status = form.querySelector("select[name='status']");
    function update() {
      if (status.value === form.getAttribute("data-confirm-status")) {
        form.setAttribute("data-confirm", form.getAttribute("data-confirm-message"));
      } else {
        form.removeAttribute("data-confirm");
      }
    }
    status.addEventListener("change", update);
    update();
  }

  document.querySelectorAll("form[data-review-form]").forEach(start);
  document.querySelectorAll("form[data-confirm-status]").forEach(startReport);
})();
