// Live updates for the inbox: listens to /live (Server-Sent Events) and redraws the queue or the
// open conversation from the JSON API. Text from X is only ever set with textContent.
(function () {
  "use strict";
  var queue = document.querySelector('[data-live="queue"]');
  var conversation = document.querySelector('[data-live="conversation"]');
  if (!queue && !conversation) return;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function minutesAgo(iso) {
    var minutes = Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 60000));
    if (minutes < 60) return minutes + " min";
    if (minutes < 2880) return Math.floor(minutes / 60) + " h " + (minutes % 60) + " min";
    return Math.floor(minutes / 1440) + " days";
  }

  function refreshQueue() {
    var state = queue.getAttribute("data-state") || "open";
    var handle = queue.getAttribute("data-handle") || "";
    var sort = queue.getAttribute("data-sort") || "last_activity";
    var view = queue.getAttribute("data-view") || "all";
    var tag = queue.getAttribute("data-tag") || "";
    var url = "/api/v1/conversations?limit=50&sort=" + encodeURIComponent(sort) + (state !== "all" ? "&state=" + encodeURIComponent(state) : "") +
      (handle ? "&handle=" + encodeURIComponent(handle) : "") + "&view=" + encodeURIComponent(view) +
      (tag ? "&tag=" + encodeURIComponent(tag) : "");
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (body) {
      if (!body) return;
      var tbody = document.getElementById("queue-rows");
      var rows = document.createDocumentFragment();
      body.data.forEach(function (c) {
        var tr = el("tr");
        tr.setAttribute("data-id", c.id);
        var pick = el("td");
        var box = el("input");
        box.type = "checkbox";
        box.name = "ids[]";
        box.value = c.id;
        box.setAttribute("aria-label", "Select " + c.customer.name);
        pick.appendChild(box);
        tr.appendChild(pick);
        var priority = el("td");
        var score = el("span", "priority", c.priority.score);
        score.title = c.priority.reasons.join(", ");
        priority.appendChild(score);
        if (c.handoff.advice === "dm") { priority.appendChild(document.createTextNode(" ")); priority.appendChild(el("span", "badge dm", "DM")); }
        tr.appendChild(priority);
        var who = el("td");
        var link = el("a", null, c.customer.name);
        link.href = "/conversations/" + c.id;
        who.appendChild(link);
        who.appendChild(document.createTextNode(" "));
        who.appendChild(el("span", "muted", "@" + c.customer.username));
        var watching = (c.desk && c.desk.viewers) || [];
        if (watching.length) { who.appendChild(document.createTextNode(" ")); who.appendChild(el("span", "viewers", "viewing: " + watching.join(", "))); }
        tr.appendChild(who);
        tr.appendChild(el("td", null, "@" + c.handle.username));
        tr.appendChild(el("td", "preview", c.last_message ? c.last_message.text.slice(0, 160) : ""));
        tr.appendChild(el("td", null, c.channels.join(" + ")));
        var waiting = el("td");
        waiting.appendChild(c.awaiting_reply_since ? el("span", "waiting", minutesAgo(c.awaiting_reply_since)) : el("span", "muted", "answered"));
        tr.appendChild(waiting);
        var desk = c.desk || {};
        var holder = el("td", desk.assignee ? null : "muted", desk.assignee ? desk.assignee.name : "—");
        (desk.tags || []).forEach(function (t) { holder.appendChild(document.createTextNode(" ")); holder.appendChild(el("span", "tag", t)); });
        tr.appendChild(holder);
        tr.appendChild(el("td", "muted", c.last_message_at.replace("T", " ").replace("Z", "")));
        rows.appendChild(tr);
      });
      tbody.replaceChildren(rows);
    });
  }

  // The message text with its entities as links: each piece is a text node or an <a> whose text
  // is set with textContent; hrefs are built here, only http(s) for URLs.
  function linkedText(text, entities) {
    var container = el("div", "text");
    var at = 0;
    (entities || []).forEach(function (e) {
      if (e.start < at || e.end > text.length) return;
      container.appendChild(document.createTextNode(text.slice(at, e.start)));
      var href = null;
      if (e.kind === "url" && /^https?:\/\//i.test(e.value)) href = e.value;
      else if (e.kind === "mention") href = "https://twitter.com/" + encodeURIComponent(e.value);
      else if (e.kind === "hashtag") href = "https://twitter.com/search?q=%23" + encodeURIComponent(e.value);
      else if (e.kind === "cashtag") href = "https://twitter.com/search?q=%24" + encodeURIComponent(e.value);
      var piece = el(href ? "a" : "span", null, text.slice(e.start, e.end));
      if (href) { piece.href = href; piece.rel = "nofollow noopener noreferrer"; }
      container.appendChild(piece);
      at = e.end;
    });
    container.appendChild(document.createTextNode(text.slice(at)));
    return container;
  }

  function refreshConversation() {
    var id = conversation.getAttribute("data-id");
    fetch("/api/v1/conversations/" + encodeURIComponent(id), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; }).then(function (body) {
        if (!body) return;
        var list = document.getElementById("messages");
        var items = document.createDocumentFragment();
        body.messages.forEach(function (m) {
          var li = el("li", "message " + m.from + " " + m.channel);
          var meta = m.from + " · " + m.kind + " · " + m.created_at.replace("T", " ").replace("Z", "");
          if (m.triage) meta += " · " + m.triage.intent.replace("_", " ") + " · " + m.triage.sentiment;
          li.appendChild(el("div", "meta", meta));
          li.appendChild(linkedText(m.text, m.entities));
          items.appendChild(li);
        });
        list.replaceChildren(items);
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
