// Tells the server the browser's time zone (an IANA name such as "Europe/Madrid"), so the pages
// it draws from the next one on show times as the agent reads a clock. Nothing else is sent.
(function () {
  "use strict";
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || !/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) return;
  var current = (document.cookie.match(/(?:^|; )tz=([^;]*)/) || [])[1];
  if (current !== zone) document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
})();
