// Keyboard shortcuts for the inbox. Nothing here builds HTML from data: text goes in with textContent.
(function () {
  "use strict";

  var queueKeys = [["j / k", "next / previous conversation"], ["Enter", "open it"], ["/", "search"], ["?", "show these keys"]];
  var conversationKeys = [
    ["r", "reply in public"], ["d", "reply by DM"], ["Ctrl+Enter", "send the reply"], ["e", "resolve"],
    ["a", "assign to me"], ["t", "add a tag"], ["n", "add an internal note"], ["g", "back to the inbox"], ["?", "show these keys"]
  ];

  function typing(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function helpDialog(keys) {
    var existing = document.getElementById("keys-help");
    if (existing) { existing.remove(); return; }
    var box = document.createElement("div");
    box.id = "keys-help";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "Keyboard shortcuts");
    box.className = "keys-help";
    var title = document.createElement("h2");
    title.textContent = "Keyboard shortcuts";
    box.appendChild(title);
    var list = document.createElement("dl");
    keys.forEach(function (pair) {
      var dt = document.createElement("dt"); dt.textContent = pair[0];
      var dd = document.createElement("dd"); dd.textContent = pair[1];
      list.appendChild(dt); list.appendChild(dd);
    });
    box.appendChild(list);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
    close.focus();
  }

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("#queue-rows tr[data-id]")); }

  function select(index) {
    var all = rows();
    if (all.length === 0) return;
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (row, i) {
      if (i === index) { row.setAttribute("aria-selected", "true"); row.classList.add("selected"); }
      else { row.removeAttribute("aria-selected"); row.classList.remove("selected"); }
    });
    var link = all[index].querySelector("a[href^='/conversations/']");
    if (link) link.focus();
  }

  function selectedIndex() {
    return rows().findIndex(function (row) { return row.getAttribute("aria-selected") === "true"; });
  }

  function submit(selector) {
    var button = document.querySelector(selector);
    if (button) { button.click(); return true; }
    return false;
  }

  function chooseChannel(value) {
    var radio = document.querySelector("form.composer input[name=channel][value=" + value + "]");
    if (radio) radio.checked = true;
    var text = document.getElementById("reply-text");
    if (text) text.focus();
  }

  document.addEventListener("keydown", function (event) {
    var onQueue = !!document.getElementById("queue-rows");
    var onConversation = !!document.getElementById("composer");
    if (event.key === "Escape") {
      var help = document.getElementById("keys-help");
      if (help) { help.remove(); return; }
      if (typing(event.target)) event.target.blur();
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target && event.target.id === "reply-text") {
      event.preventDefault();
      var form = document.getElementById("composer");
      if (form && form.requestSubmit) form.requestSubmit(); else if (form) form.submit();
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
    var handled = true;
    if (event.key === "?") {
      helpDialog(onConversation ? conversationKeys : queueKeys);
    } else if (onQueue && event.key === "j") {
      select(selectedIndex() + 1);
    } else if (onQueue && event.key === "k") {
      select(selectedIndex() < 0 ? 0 : selectedIndex() - 1);
    } else if (event.key === "/") {
      window.location.href = "/search";
    } else if (onConversation && event.key === "r") {
      chooseChannel("public");
    } else if (onConversation && event.key === "d") {
      chooseChannel("dm");
    } else if (onConversation && event.key === "e") {
      handled = submit("form[action$='/resolve'] button");
    } else if (onConversation && event.key === "a") {
      handled = submit("#take");
    } else if (onConversation && event.key === "t") {
      var tag = document.getElementById("tag-input");
      if (tag) tag.focus(); else handled = false;
    } else if (onConversation && event.key === "n") {
      var note = document.getElementById("note-body");
      if (note) note.focus(); else handled = false;
    } else if (onConversation && event.key === "g") {
      window.location.href = "/inbox";
    } else {
      handled = false;
    }
    if (handled) event.preventDefault();
  });
})();
