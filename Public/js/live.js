// Live updates for the inbox: listens to /live (Server-Sent Events) and swaps in the queue's rows
// or the open conversation's messages as the server draws them (the same templates as a page
// load, so a row or a message has one renderer). The page stays where it is: the same page of the
// queue, the same filters, the rows still checked and the row still selected.
(function () {
  "use strict";
  var queue = document.querySelector('[data-live="queue"]');
  var conversation = document.querySelector('[data-live="conversation"]');
  if (!queue && !conversation) return;

  function fetchHTML(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; });
  }

  function refreshQueue() {
    fetchHTML("/inbox/rows" + window.location.search).then(function (html) {
      if (html === null) return;
      var tbody = document.getElementById("queue-rows");
      var checked = {};
      tbody.querySelectorAll("input[name='ids[]']:checked").forEach(function (box) { checked[box.value] = true; });
      var selected = tbody.querySelector("tr[aria-selected='true']");
      var selectedID = selected ? selected.getAttribute("data-id") : null;
      var focused = document.activeElement && tbody.contains(document.activeElement);
      tbody.innerHTML = html;
      tbody.querySelectorAll("input[name='ids[]']").forEach(function (box) { if (checked[box.value]) box.checked = true; });
      if (selectedID) {
        var row = tbody.querySelector("tr[data-id='" + selectedID + "']");
        if (row) {
          row.setAttribute("aria-selected", "true");
          row.classList.add("selected");
          var link = row.querySelector("a[href^='/conversations/']");
          if (link && focused) link.focus();
        }
      }
    });
  }

  function refreshConversation() {
    var id = conversation.getAttribute("data-id");
    fetchHTML("/conversations/" + encodeURIComponent(id) + "/messages").then(function (html) {
      if (html === null) return;
      document.getElementById("messages").innerHTML = html;
    });
  }

  var status = document.getElementById("live-status");
  var timer = null;
  var source = new EventSource("/live");
  source.onopen = function () { if (status) status.textContent = "live"; };
  source.onerror = function () { if (status) status.textContent = "reconnecting…"; };
  source.addEventListener("change", function (event) {
    var notice;
    try { notice = JSON.parse(event.data); } catch (e) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (queue) refreshQueue();
      if (conversation && notice.conversationIDs.indexOf(conversation.getAttribute("data-id").toUpperCase()) >= 0) refreshConversation();
    }, 150);
  });
})();
