// Presence and the reply lock on a conversation page: heartbeats say who is viewing or typing;
// starting a reply takes the lock; while someone else holds it, Send waits for "Take over".
// Names go in with textContent only.
(function () {
  "use strict";
  var composer = document.getElementById("composer");
  if (!composer) return;
  var id = composer.getAttribute("data-conversation");
  var csrfInput = composer.querySelector("input[name=csrf]");
  var csrf = csrfInput ? csrfInput.value : "";
  var text = document.getElementById("reply-text");
  var send = document.getElementById("send");
  var collision = document.getElementById("collision");
  var replying = document.getElementById("replying-now");
  var viewers = document.getElementById("viewers");
  var typingUntil = 0;
  var lastLock = 0;

  function post(path, body) {
    return fetch("/api/v1/conversations/" + id + path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {})
    });
  }

  function show(state) {
    if (!state) return;
    var other = state.replying && !state.replying.mine ? state.replying.name : null;
    if (collision) collision.hidden = !other;
    if (replying) replying.textContent = other ? other + " is replying." : "";
    if (send) send.disabled = !!other;
    if (viewers) {
      var names = (state.viewers || []).map(function (v) { return v.name + (v.typing ? " (typing)" : ""); });
      viewers.textContent = names.length ? "Also here: " + names.join(", ") : "";
    }
  }

  function heartbeat() {
    post("/presence", { typing: Date.now() < typingUntil })
      .then(function (r) { return r.ok ? r.json() : null; }).then(show).catch(function () {});
  }

  if (text) {
    text.addEventListener("input", function () {
      typingUntil = Date.now() + 5000;
      if (Date.now() - lastLock > 30000) {
        lastLock = Date.now();
        post("/lock").then(function (r) { return r.json(); }).then(show).catch(function () {});
      }
    });
  }
  heartbeat();
  setInterval(heartbeat, 3000);
})();
