// The dashboard reloads itself: its figures come from the store, the same in every process.
(function () {
  "use strict";
  setTimeout(function () { window.location.reload(); }, 15000);
})();
