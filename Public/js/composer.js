// The reply composer: "/" at the start of the reply box opens a template picker (a listbox driven
// from the text box: arrows move, Enter inserts, Escape closes, the text after "/" filters), the
// chosen template is rendered by the server for this conversation, and a counter shows the
// length X will count (from /api/v1/text/check, never guessed here) with the numbered thread a
// long public reply would make. Every piece of data is set with textContent. Without JavaScript
// the form posts as before.
(function () {
  "use strict";
  var form = document.getElementById("composer");
  var box = document.getElementById("reply-text");
  var picker = document.getElementById("template-picker");
  var counter = document.getElementById("reply-counter");
  var preview = document.getElementById("thread-preview");
  var status = document.getElementById("composer-status");
  var hint = document.getElementById("composer-hint");
  if (!form || !box || !picker || !counter || !preview) return;

  var conversationID = form.getAttribute("data-conversation");
  var handle = form.getAttribute("data-handle") || "";
  var csrfInput = form.querySelector('input[name="csrf"]');
  var csrf = csrfInput ? csrfInput.value : "";
  if (hint) {
    hint.hidden = false;
    box.setAttribute("aria-describedby", "reply-counter composer-hint");
  }
  box.setAttribute("aria-controls", "template-picker");
  box.setAttribute("aria-autocomplete", "list");

  var templates = null;   // loaded once, on the first "/"
  var loading = null;
  var shown = [];         // the templates listed now
  var active = -1;        // index into shown
  var checkTimer = null;
  var checkSeq = 0;
  var dismissed = false;  // Escape closes the picker until the box no longer starts with "/"

  function channel() {
    var checked = form.querySelector('input[name="channel"]:checked');
    return checked ? checked.value : "public";
  }

  function say(message) { if (status) status.textContent = message || ""; }

  function postJSON(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (json) { return { ok: r.ok, status: r.status, body: json }; });
    });
  }

  function errorMessage(result) {
    return result.body && result.body.error && result.body.error.message ? result.body.error.message : "The server refused this (" + result.status + ").";
  }

  // ---- counter and thread preview -------------------------------------------------------

  function showCheck(check) {
    var text = check.weighted_length + " / " + check.max;
    if (check.weighted_length > check.max) text += " · " + (check.weighted_length - check.max) + " over";
    else if (!check.valid && box.value.trim() !== "") text += " · X would refuse this text";
    counter.textContent = text;
    counter.className = "counter " + (check.valid ? "muted" : "over");
    var posts = check.thread || [];
    var items = document.createDocumentFragment();
    posts.forEach(function (post) {
      var li = document.createElement("li");
      li.textContent = post;
      items.appendChild(li);
    });
    preview.replaceChildren(items);
    preview.hidden = posts.length === 0;
  }

  function checkNow() {
    var seq = ++checkSeq;
    if (box.value.trim() === "") {
      counter.textContent = "";
      preview.replaceChildren();
      preview.hidden = true;
      return;
    }
    postJSON("/api/v1/text/check", { text: box.value, channel: channel() }).then(function (result) {
      if (seq !== checkSeq || !result.ok) return;   // a newer check is on its way
      showCheck(result.body);
    }).catch(function () {});
  }

  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(checkNow, 250);
  }

  // ---- template picker ------------------------------------------------------------------

  function query() {
    var match = /^\/([^\n]*)$/.exec(box.value);
    return match ? match[1].trim().toLowerCase() : null;
  }

  function loadTemplates() {
    if (templates) return Promise.resolve(templates);
    if (!loading) {
      loading = fetch("/api/v1/templates" + (handle ? "?handle=" + encodeURIComponent(handle) : ""), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (r) { return r.ok ? r.json() : { data: [] }; }).then(function (body) {
        templates = body.data || [];
        return templates;
      }).catch(function () { loading = null; return []; });
    }
    return loading;
  }

  function isOpen() { return !picker.hidden; }

  function close() {
    picker.hidden = true;
    picker.replaceChildren();
    shown = [];
    active = -1;
    box.removeAttribute("aria-activedescendant");
  }

  function setActive(index) {
    active = index;
    Array.prototype.forEach.call(picker.children, function (li, i) {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0 && picker.children[index]) {
      box.setAttribute("aria-activedescendant", picker.children[index].id);
      picker.children[index].scrollIntoView({ block: "nearest" });
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  function draw(filter) {
    shown = templates.filter(function (t) {
      return filter === "" || t.name.toLowerCase().indexOf(filter) >= 0 || t.body.toLowerCase().indexOf(filter) >= 0;
    }).slice(0, 20);
    var items = document.createDocumentFragment();
    shown.forEach(function (t, i) {
      var li = document.createElement("li");
      li.id = "template-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-id", t.id);
      var name = document.createElement("strong");
      name.textContent = t.name;
      var body = document.createElement("span");
      body.className = "muted";
      body.textContent = " " + t.body.slice(0, 120);
      li.appendChild(name);
      li.appendChild(body);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); insert(t); });
      items.appendChild(li);
    });
    picker.replaceChildren(items);
    picker.hidden = false;
    setActive(shown.length > 0 ? 0 : -1);
    say(shown.length === 0 ? "No template matches “" + filter + "”." : "");
  }

  function refreshPicker() {
    var filter = query();
    if (filter === null) { dismissed = false; if (isOpen()) close(); return; }
    if (dismissed) return;
    loadTemplates().then(function () {
      var now = query();
      if (now !== null && !dismissed) draw(now);
    });
  }

  function insert(template) {
    close();
    say("");
    postJSON("/api/v1/conversations/" + encodeURIComponent(conversationID) + "/render-template",
      { template_id: template.id, channel: channel() }).then(function (result) {
      if (!result.ok) { say(errorMessage(result)); box.focus(); return; }
      box.value = result.body.text;
      // A macro's actions (tag, assign, state, move to DM) apply when the reply is sent.
      var macro = document.getElementById("macro-id");
      if (macro) macro.value = (result.body.actions && result.body.actions.length) ? template.id : "";
      if ((result.body.actions || []).some(function (a) { return a.type === "move_to_dm"; })) {
        var dm = form.querySelector("input[name=channel][value=dm]");
        if (dm) dm.checked = true;
      }
      say("");
      showCheck(result.body);
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
    }).catch(function () { say("Could not reach the server; the template was not inserted."); });
  }

  box.addEventListener("input", function () {
    refreshPicker();
    if (query() === null) scheduleCheck();
  });

  box.addEventListener("keydown", function (event) {
    if (!isOpen()) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (shown.length === 0) return;
      var step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + shown.length) % shown.length);
    } else if (event.key === "Enter") {
      if (active < 0) return;
      event.preventDefault();
      insert(shown[active]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      dismissed = true;
      close();
      say("");
    } else if (event.key === "Tab") {
      close();
    }
  });

  box.addEventListener("blur", function () { setTimeout(function () { if (document.activeElement !== box) close(); }, 150); });

  Array.prototype.forEach.call(form.querySelectorAll('input[name="channel"]'), function (radio) {
    radio.addEventListener("change", function () { if (query() === null) checkNow(); });
  });

  if (box.value.trim() !== "") scheduleCheck();
})();
