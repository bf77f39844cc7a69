// The reviewer's screen, keyboard first: j/k next/previous finding, a accept (mask), r reject (keep);
// selecting text in the original offers "add a mask" with the selection's offsets. The forms work without it.
(function () {
  "use strict";
  function init() {
    var text = document.getElementById("screen-text");
    if (!text) { return; }
    var marks = Array.prototype.slice.call(text.querySelectorAll("mark.finding"));
    var current = -1;
    var hash = window.location.hash.replace("#", "");
    marks.forEach(function (mark, i) { if (mark.id === hash) { current = i; } });

    function rowOf(mark) { return document.getElementById("row-" + mark.id); }
    function select(i) {
      if (!marks.length) { return; }
      if (current >= 0) {
        marks[current].classList.remove("is-current");
        var oldRow = rowOf(marks[current]);
        if (oldRow) { oldRow.classList.remove("is-current"); }
      }
      current = (i + marks.length) % marks.length;
      var mark = marks[current];
      mark.classList.add("is-current");
      mark.focus({ preventScroll: true });
      mark.scrollIntoView({ block: "center" });
      var row = rowOf(mark);
      if (row) { row.classList.add("is-current"); }
    }
    function submit(kind) {
      if (current < 0) { return; }
      var row = rowOf(marks[current]);
      var form = row && row.querySelector('form[data-decide="' + kind + '"]');
      if (form) { form.submit(); }
    }
    if (current >= 0) { select(current); }

    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (tag === "input" || tag === "textarea" || tag === "select" || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      if (event.key === "j") { select(current + 1); event.preventDefault(); }
      else if (event.key === "k") { select(current < 0 ? marks.length - 1 : current - 1); event.preventDefault(); }
      else if (event.key === "a") { submit("accept"); event.preventDefault(); }
      else if (event.key === "r") { submit("reject"); event.preventDefault(); }
    });

    // Adding a mark from a selection: offsets come from the data-start of the runs the selection ends in.
    var form = document.getElementById("add-form");
    if (!form) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.hidden = true;
    button.id = "add-selection";
    button.textContent = form.getAttribute("data-selection-label") || "遮盖选中的文字";
    text.parentNode.insertBefore(button, text.nextSibling);

    function offsetOf(node, offset) {
      var el = node.nodeType === 3 ? node.parentNode : node;
      if (!el || !el.hasAttribute || !el.hasAttribute("data-start") || !text.contains(el)) { return null; }
      return parseInt(el.getAttribute("data-start"), 10) + (node.nodeType === 3 ? offset : 0);
    }
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel || sel.isCollapsed || !sel.rangeCount) { button.hidden = true; return; }
      var range = sel.getRangeAt(0);
      var start = offsetOf(range.startContainer, range.startOffset);
      var end = offsetOf(range.endContainer, range.endOffset);
      if (start === null || end === null || end <= start) { button.hidden = true; return; }
      form.querySelector('input[name="start"]').value = start;
      form.querySelector('input[name="end"]').value = end;
      button.hidden = false;
    });
    button.addEventListener("click", function () { form.submit(); });
    // Typing the text to mask replaces any earlier selection: the server then finds the text itself.
    var typed = form.querySelector('input[name="text"]');
    if (typed) {
      typed.addEventListener("input", function () {
        form.querySelector('input[name="start"]').value = "";
        form.querySelector('input[name="end"]').value = "";
      });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
