/* Gongkai back office: small enhancements; every page works without them.
   - button[data-confirm]: asks in a <dialog> first, then posts with confirmed=yes (no confirmation page);
   - [data-picker]: a filter box that narrows a long list of checkboxes as one types;
   - .error-summary a: moves focus to the field the error is about. */
(function () {
  "use strict";

  function confirmDialog() {
    var dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-question");
    var question = document.createElement("p");
    question.id = "confirm-dialog-question";
    var actions = document.createElement("div");
    actions.className = "form-actions";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button";
    yes.value = "yes";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button button--secondary";
    no.textContent = document.documentElement.lang.indexOf("zh") === 0 ? "取消" : "Cancel";
    actions.append(yes, no);
    dialog.append(question, actions);
    document.body.append(dialog);
    return { dialog: dialog, question: question, yes: yes, no: no };
  }

  function setUpConfirmations() {
    var buttons = document.querySelectorAll("button[data-confirm]");
    if (!buttons.length || typeof HTMLDialogElement !== "function") return;
    var ui = confirmDialog();
    var pending = null;
    ui.no.addEventListener("click", function () { pending = null; ui.dialog.close(); });
    ui.dialog.addEventListener("close", function () { if (pending && pending.returnFocus) pending.returnFocus.focus(); });
    ui.yes.addEventListener("click", function () {
      if (!pending) return;
      var form = pending.button.form;
      var field = form.querySelector("input[name=confirmed]");
      if (!field) {
        field = document.createElement("input");
        field.type = "hidden";
        field.name = "confirmed";
        form.append(field);
      }
      field.value = "yes";
      var button = pending.button;
      pending = null;
      ui.dialog.close();
      form.requestSubmit(button);
    });
    buttons.forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        pending = { button: button, returnFocus: button };
        ui.question.textContent = button.getAttribute("data-confirm");
        ui.yes.textContent = button.textContent.trim();
        ui.yes.className = button.classList.contains("button--danger") ? "button button--danger" : "button";
        ui.dialog.showModal();
        ui.no.focus();
      });
    });
  }

  function setUpPickers() {
    document.querySelectorAll("[data-picker]").forEach(function (picker) {
      var filter = picker.querySelector(".picker__filter");
      var choices = picker.querySelectorAll(".choice");
      var count = picker.querySelector(".picker__selected");
      if (!filter) return;
      filter.hidden = false;
      if (filter.previousElementSibling && filter.previousElementSibling.tagName === "LABEL") {
        filter.previousElementSibling.hidden = false;
      }
      function showCount() {
        if (!count) return;
        var n = picker.querySelectorAll("input[type=checkbox]:checked").length;
        count.textContent = (count.getAttribute("data-template") || "{n}").replace("{n}", n);
      }
      filter.addEventListener("input", function () {
        var q = filter.value.trim().toLowerCase();
        choices.forEach(function (choice) {
          var input = choice.querySelector("input");
          var match = !q || choice.textContent.toLowerCase().indexOf(q) !== -1 || (input && input.checked);
          choice.hidden = !match;
        });
      });
      filter.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
      picker.addEventListener("change", showCount);
      showCount();
    });
  }

  function setUpErrorSummary() {
    document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus();
      });
    });
  }

  function start() {
    setUpConfirmations();
    setUpPickers();
    setUpErrorSummary();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
