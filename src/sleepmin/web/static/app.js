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

// The diary form checks a night as it is typed: the fields go, as one CSV row, to the same rules
// the server keeps nights by (POST /api/v1/diary/metrics, which stores nothing), and what they
// say is shown beside the field at fault. Without JavaScript the night is checked when sent.
(function () {
  "use strict";
  var form = document.getElementById("diary-form");
  var said = document.getElementById("night-check");
  if (!form || !said) return;
  var fields = ["date", "bed_time", "try_time", "sol_min", "awakenings", "waso_min", "final_wake", "out_of_bed"];
  var timer = null, asked = 0;
  function hm(minutes) {
    var m = Math.round(minutes);
    return Math.floor(m / 60) + ":" + ("0" + (m % 60)).slice(-2);
  }
  function label(field) {
    var l = form.querySelector("label[for='" + field + "']");
    return l ? l.textContent : field;
  }
  function clear() {
    fields.forEach(function (f) {
      form.elements[f].removeAttribute("aria-invalid");
      document.getElementById(f + "-error").textContent = "";
    });
  }
  function show(night) {
    clear();
    if (night.valid) {
      said.className = "muted";
      said.textContent = "In bed " + hm(night.tib_min) + ", asleep " + hm(night.tst_min) +
        ", sleep efficiency " + Math.round(night.se_pct) + " %" +
        (night.clock_notes.length ? " (" + night.clock_notes.join("; ") + ")" : "");
      return;
    }
    said.className = "error";
    said.textContent = night.errors.map(function (e) { return label(e.field) + ": " + e.problem; }).join(" · ");
    night.errors.forEach(function (e) {
      if (fields.indexOf(e.field) < 0) return;
      form.elements[e.field].setAttribute("aria-invalid", "true");
      document.getElementById(e.field + "-error").textContent = e.problem;
    });
  }
  function check() {
    var values = fields.map(function (f) { return (form.elements[f].value || "").replace(/[,"\r\n]/g, " ").trim(); });
    if (values.some(function (v) { return v === ""; })) { clear(); said.textContent = ""; return; }
    var mine = ++asked;
    fetch("/api/v1/diary/metrics?tz=" + encodeURIComponent(form.elements.time_zone.value), {
      method: "POST",
      headers: {"content-type": "text/csv"},
      body: fields.join(",") + "\n" + values.join(",") + "\n",
      credentials: "same-origin"
    })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (result) { if (mine === asked && result && result.nights.length) show(result.nights[0]); })
      .catch(function () { /* offline: the night is checked when sent */ });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(check, 250); });
  check();
})();

// A swap re-solves in place: the swap form is sent as it would be without JavaScript, and the
// plan part of the page that comes back replaces this one, so the reader keeps their place.
(function () {
  "use strict";
  var status = document.getElementById("plan-status");
  if (!status) return;
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("swap")) return;
    e.preventDefault();
    var button = form.querySelector("button");
    if (button) button.disabled = true;
    status.textContent = "Making the plan again…";
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin"
    })
      .then(function (r) {
        // anything but the plan page (an expired session, a refused form): the plain round
        // trip shows what happened
        if (!r.ok || new URL(r.url).pathname !== "/app/plan") throw new Error("not the plan");
        return r.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("plan-result");
        var here = document.getElementById("plan-result");
        var problem = page.getElementById("page-error");
        if (problem) {
          status.textContent = problem.textContent;
          if (button) button.disabled = false;
          return;
        }
        if (fresh && here) here.replaceWith(fresh);
        status.textContent = "The plan was made again without that food.";
        var heading = document.getElementById("plan-foods");
        if (heading) heading.focus();
      })
      .catch(function () { form.submit(); });  // offline or blocked: the plain round trip
  });
})();
