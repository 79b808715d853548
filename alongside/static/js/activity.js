// Time on Alongside, for the member's own balance page. While this page is on
// screen and in use, it tells the server once a slot; a hidden or idle page sends
// nothing. When a nudge the member asked for is due, it opens the break page, but
// never while they are writing something, and never from help or their own threads.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch || !window.URLSearchParams) { return; }
  var beatUrl = script.getAttribute("data-beat-url");
  var token = script.getAttribute("data-csrf") || "";
  var slot = (Number(script.getAttribute("data-slot")) || 30) * 1000;
  var idle = (Number(script.getAttribute("data-idle")) || 120) * 1000;
  var group = script.getAttribute("data-group") || "";
  var mayLeave = !script.hasAttribute("data-no-interrupt");
  var lastInput = Date.now();  // opening a page is a sign of use
  var leaving = false;

  function noteInput() { lastInput = Date.now(); }
  ["pointerdown", "pointermove", "keydown", "wheel", "scroll", "touchstart", "focusin"]
    .forEach(function (name) {
      window.addEventListener(name, noteInput, { capture: true, passive: true });
    });

  function writing() {
    var active = document.activeElement;
    if (active && active.matches && active.matches("textarea, input, select, [contenteditable]")) {
      return true;
    }
    var fields = document.querySelectorAll("textarea, input[type=text], input[type=search], input:not([type])");
    for (var i = 0; i < fields.length; i += 1) {
      if (fields[i].value !== fields[i].defaultValue) { return true; }
    }
    return false;
  }

  function answered(reply) {
    if (!reply || !reply.url || !mayLeave || leaving || writing()) { return; }
    leaving = true;
    window.location.assign(reply.url);
  }

  function beat() {
    if (document.visibilityState !== "visible") { return; }
    var quiet = Date.now() - lastInput;
    if (quiet >= idle) { return; }
    var body = new URLSearchParams();
    body.set("idle", String(Math.floor(quiet / 1000)));
    body.set("group", group);
    body.set("path", window.location.pathname + window.location.search);
    fetch(beatUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token },
      body: body,
      // Finishes even if the member moves on to another page meanwhile.
      keepalive: true
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(answered).catch(function () { /* counted next time */ });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { noteInput(); beat(); }
  });
  // The first beat waits a moment, so clicking through pages sends one, not many.
  window.setTimeout(beat, Math.min(slot, 5000));
  window.setInterval(beat, slot);
})();
