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
  // A card replaced in place (below) asks for its search field to be set up again.
  document.addEventListener("desk:setup", function (event) { setup(event.target); });
})();

// Acting on a card without a reload: each form inside a card is posted with fetch, and the desk answers
// with the updated card and its message, which replace the old card in place. Without JavaScript (or if
// the request fails) the same form posts normally and the page reloads, so nothing depends on this.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData) return;

  function announce(fresh) {
    var region = document.querySelector("body > .messages");
    if (!region) {
      region = document.createElement("div");
      region.className = "messages";
      region.setAttribute("role", "status");
      var header = document.querySelector(".desk-header");
      header.parentNode.insertBefore(region, header.nextSibling);
    }
    region.innerHTML = fresh ? fresh.innerHTML : "";
  }

  // Put the card in `html` (the desk's answer) in place of `card`; return it.
  function place(card, html, withMessages) {
    var holder = document.createElement("template");
    holder.innerHTML = html;
    var fresh = holder.content.querySelector("article.card");
    if (!fresh) throw new Error("no card");
    if (withMessages) announce(holder.content.querySelector(".messages"));
    card.replaceWith(fresh);
    Array.prototype.forEach.call(fresh.querySelectorAll("input[data-source-search]"), function (input) {
      input.dispatchEvent(new CustomEvent("desk:setup", { bubbles: true }));
    });
    return fresh;
  }

  // A queue card carries no forms: opening one of its actions puts the item's full card in its place,
  // with that action's form unfolded. Without JavaScript the action's link leads to the item's page.
  document.addEventListener("toggle", function (event) {
    var details = event.target;
    if (!details.open || !details.hasAttribute("data-card-form")) return;
    var card = details.closest("article.card");
    var link = details.querySelector("a[href]");
    if (!card || !link) return;
    var url = new URL(link.href);
    url.searchParams.set("next", window.location.pathname + window.location.search);
    card.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { "X-Desk-Card": "card" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var opened = place(card, html, false).querySelector("details[open]");
        var field = opened && opened.querySelector("input:not([type=hidden]), select, textarea");
        if (field) field.focus();
      })
      .catch(function () { card.removeAttribute("aria-busy"); });
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var card = form.closest("article.card");
    if (!card || (form.getAttribute("method") || "").toLowerCase() !== "post") return;
    event.preventDefault();
    var data = new FormData(form);
    if (event.submitter && event.submitter.name) data.append(event.submitter.name, event.submitter.value);
    var single = card.closest(".cards-single") ? "single" : "card";
    card.setAttribute("aria-busy", "true");
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "X-Desk-Card": single } })
      .then(function (response) {
        if (response.status !== 200 && response.status !== 400) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var fresh = place(card, html, true);
        var heading = fresh.querySelector(".card-words");
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      })
      .catch(function () {
        card.removeAttribute("aria-busy");
        form.submit();
      });
  });
})();
