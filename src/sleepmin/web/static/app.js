// Type-ahead for the food log: as a person types a food, the foods it may be are listed from the
// food database; choosing one pins the line to it ("@ ID"). Without JavaScript the form works the
// same, minus the list.
(function () {
  "use strict";
  var input = document.getElementById("food-line");
  var list = document.getElementById("food-suggestions");
  var chosen = document.getElementById("food-id");
  var status = document.getElementById("food-status");
  if (!input || !list || !chosen) return;
  var timer = null, active = -1, asked = 0;
  function words(text) {
    // the food words of a line: drop a leading amount and unit ("2 cups", "150 g")
    return text.replace(/^\s*[\d.,\/½¼¾]+\s*(g|kg|ml|l|oz|lb|cups?|tbsp|tsp|slices?|pieces?)?\b\s*(of\s+)?/i, "");
  }
  function close() {
    list.innerHTML = ""; active = -1; input.setAttribute("aria-expanded", "false");
  }
  function choose(li) {
    chosen.value = li.dataset.id;
    status.textContent = "Chosen: " + li.textContent;
    close();
    input.focus();
  }
  function show(hits) {
    list.innerHTML = "";
    hits.forEach(function (hit, i) {
      var li = document.createElement("li");
      li.id = "food-option-" + i;
      li.setAttribute("role", "option");
      li.dataset.id = hit.ndb_number || ("fdc:" + hit.fdc_id);
      li.textContent = hit.description;
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(li); });
      list.appendChild(li);
    });
    input.setAttribute("aria-expanded", hits.length ? "true" : "false");
    status.textContent = hits.length ? hits.length + " foods match; use the arrow keys to choose" : "";
  }
  input.addEventListener("input", function () {
    chosen.value = "";
    clearTimeout(timer);
    var q = words(input.value).trim();
    if (q.length < 2) { close(); return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch("/api/v1/foods?limit=6&q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (hits) { if (mine === asked) show(hits); })
        .catch(function () { close(); });
    }, 120);
  });
  input.addEventListener("keydown", function (e) {
    var items = list.querySelectorAll("li");
    if (!items.length) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      active = (active + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", items[active].id);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault(); choose(items[active]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
})();
