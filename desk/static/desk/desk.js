// Search-as-you-type for the "Attach a source" field. Without JavaScript the same field is a plain
// search: the desk attaches the one source that matches, or lists the matches to pick from.
(function () {
  "use strict";
  var endpoint = document.documentElement.getAttribute("data-desk-sources") || "/desk/sources/";

  function setup(input) {
    var form = input.form;
    var hidden = form.querySelector('input[name="source"]');
    var list = document.getElementById(input.getAttribute("list"));
    if (!hidden || !list) return;
    var labels = {};
    var timer = null;
    var latest = 0;

    function pick() {
      hidden.value = Object.prototype.hasOwnProperty.call(labels, input.value) ? labels[input.value] : "";
    }

    function search() {
      var words = input.value.trim();
      if (words.length < 2) return;
      var asked = ++latest;
      fetch(endpoint + "?q=" + encodeURIComponent(words), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (asked !== latest) return;
          list.textContent = "";
          data.results.forEach(function (result) {
            labels[result.label] = String(result.id);
            var option = document.createElement("option");
            option.value = result.label;
            list.appendChild(option);
          });
          pick();
        })
        .catch(function () { /* the plain search still works on submit */ });
    }

    input.addEventListener("input", function () {
      pick();
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("change", pick);
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-source-search]"), setup);
  });
})();
