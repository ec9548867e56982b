// The composer's help articles: "Insert link" (or Alt+1…3) puts the article's URL into the reply
// at the cursor; the search box finds others without leaving the page. Without JavaScript the
// links and the search still work, opening the help center.
(function () {
  var section = document.getElementById("articles");
  var box = document.getElementById("reply-text");
  if (!section || !box) return;

  function insert(url) {
    var start = box.selectionStart || box.value.length;
    var end = box.selectionEnd || start;
    var before = box.value.slice(0, start);
    var after = box.value.slice(end);
    var pad = before && !/\s$/.test(before) ? " " : "";
    box.value = before + pad + url + (after && !/^\s/.test(after) ? " " : "") + after;
    var caret = (before + pad + url).length;
    box.focus();
    box.setSelectionRange(caret, caret);
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  section.addEventListener("click", function (event) {
    var button = event.target.closest(".insert-article");
    if (button) insert(button.getAttribute("data-url"));
  });

  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    var n = ["1", "2", "3"].indexOf(event.key);
    if (n < 0) n = ["Digit1", "Digit2", "Digit3"].indexOf(event.code);
    if (n < 0) return;
    var buttons = section.querySelectorAll("#article-suggestions .insert-article");
    if (buttons[n]) {
      event.preventDefault();
      insert(buttons[n].getAttribute("data-url"));
    }
  });

  var form = document.getElementById("article-search");
  var results = document.getElementById("article-results");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = document.getElementById("article-q").value;
    var url = "/api/v1/articles?status=published&limit=5&brand=" + encodeURIComponent(section.getAttribute("data-brand")) + "&q=" + encodeURIComponent(q);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { data: [] }; })
      .then(function (body) {
        results.textContent = "";
        if (!body.data.length) {
          var none = document.createElement("li");
          none.textContent = "No article matches.";
          results.appendChild(none);
        }
        body.data.forEach(function (article) {
          var li = document.createElement("li");
          var link = document.createElement("a");
          link.href = article.url;
          link.target = "_blank";
          link.rel = "noopener";
          link.textContent = article.title;
          var button = document.createElement("button");
          button.type = "button";
          button.className = "insert-article";
          button.setAttribute("data-url", article.url);
          button.textContent = "Insert link";
          li.appendChild(link);
          li.appendChild(document.createTextNode(" "));
          li.appendChild(button);
          results.appendChild(li);
        });
      })
      .catch(function () {});
  });
})();
