// The header's "Notifications (3)" link, kept up to date while any page is open.
// Without this file the link still works, and shows the count of the page's load.
(function () {
  "use strict";
  var retry = 0;

  function bell() { return document.getElementById("notifications-bell"); }

  // "Notifications (3)" on screen, "Notifications (3 new)" to a screen reader,
  // as the page's own header has it.
  function show(unread) {
    var link = bell();
    if (!link) { return; }
    var count = Math.max(0, Math.floor(Number(unread) || 0));
    if (count === 0) {
      link.textContent = link.getAttribute("data-text");
      link.removeAttribute("aria-label");
      return;
    }
    link.textContent = link.getAttribute("data-text-count").replace("{count}", count);
    link.setAttribute("aria-label", link.getAttribute("data-label-count").replace("{count}", count));
  }

  function connect() {
    var link = bell();
    if (!link || !window.WebSocket) { return; }
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + link.getAttribute("data-ws-path"));
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (error) { return; }
      if (event.type === "count") { show(event.unread); }
    };
    socket.onclose = function (closing) {
      if (closing.code === 4403) { return; }  // signed out
      retry += 1;
      setTimeout(connect, Math.min(1000 * retry, 30000));
    };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", connect);
  } else {
    connect();
  }
})();
