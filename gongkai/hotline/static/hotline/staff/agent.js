/* The agent's phone form: suggestions fetched as one types (the "查看建议" button does the same without
   JavaScript), a suggested category chosen with one key, Ctrl+Enter in the description submits, and a form key
   so that a double submit records one ticket. */
(function () {
  "use strict";
  var form = document.getElementById("intake-form");
  if (!form) return;
  var box = document.getElementById("suggestions");
  var text = document.getElementById("id-description");
  var category = document.getElementById("id-category");
  var address = document.getElementById("id-address");
  var key = document.getElementById("id-form_key");
  if (key && !key.value && window.crypto && crypto.randomUUID) key.value = crypto.randomUUID();
  var timer = null;
  var last = "";

  function refresh() {
    var params = new URLSearchParams({ description: text.value, category: category.value, address: address.value });
    var query = params.toString();
    if (query === last || text.value.trim().length < 4) return;
    last = query;
    fetch(form.dataset.suggestUrl + "?" + query, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { if (html) box.innerHTML = html; })
      .catch(function () {});
  }
  function later() { clearTimeout(timer); timer = setTimeout(refresh, 300); }
  text.addEventListener("input", later);
  address.addEventListener("change", later);
  category.addEventListener("change", later);
  text.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  box.addEventListener("click", function (e) {
    var code = e.target && e.target.getAttribute("data-category");
    if (!code) return;
    category.value = code;
    category.focus();
  });
})();
