// The live room: stores first, then shows; reconnects by itself and fills the gap.
// Without this file the room still works: the form posts and the page reloads.
(function () {
  "use strict";
  var room = document.querySelector(".room");
  if (!room || room.getAttribute("data-live") !== "1" || !window.WebSocket) { return; }

  var log = document.getElementById("chat-log");
  var region = document.getElementById("chat-log-region") || log;  // the role="log" live region
  var form = document.getElementById("room-form");
  var input = form.querySelector("textarea[name=body]");
  var statusLine = document.getElementById("room-status");
  var presence = document.getElementById("room-presence");
  var typingLine = document.getElementById("room-typing");
  var jump = document.getElementById("room-jump");
  var pendingList = document.getElementById("room-pending");
  var lastSeq = parseInt(room.getAttribute("data-last-seq"), 10) || 0;
  var pending = {};   // client_id -> {body, element}
  var socket = null;
  var retry = 0;
  var typingTimer = null;
  var lastTypingSent = 0;

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      return (c ^ crypto.getRandomValues(new Uint8Array(1))[0] & 15 >> c / 4).toString(16);
    });
  }

  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.body.scrollHeight - 120;
  }

  function say(text) { statusLine.textContent = text; }

  function addMessage(event) {
    if (event.seq <= lastSeq) { return; }
    var empty = log.querySelector(".chat-empty");
    if (empty) { empty.remove(); }
    var stick = nearBottom();
    var item = document.createElement("li");
    item.className = "chat-message";
    item.id = "message-" + event.seq;
    item.setAttribute("data-seq", event.seq);
    var meta = document.createElement("p");
    meta.className = "chat-message__meta";
    var who = document.createElement("strong");
    who.textContent = event.author.name;
    var when = document.createElement("time");
    when.setAttribute("datetime", event.sent_at);
    when.textContent = new Date(event.sent_at).toLocaleTimeString([], {hour: "numeric", minute: "2-digit"});
    meta.appendChild(who);
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(when);
    var body = document.createElement("div");
    body.className = "chat-message__body";
    body.innerHTML = event.html;  // sanitised on the server when it was stored
    item.appendChild(meta);
    item.appendChild(body);
    var reportUrl = room.getAttribute("data-report-url");
    if (reportUrl && !pending[event.client_id]) {  // never on one's own message
      var report = document.createElement("p");
      report.className = "chat-message__report";
      var link = document.createElement("a");
      link.href = reportUrl.replace(/\/0\/$/, "/" + event.seq + "/");
      link.textContent = room.getAttribute("data-report-text");
      var hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = " " + room.getAttribute("data-report-hint");
      link.appendChild(hint);
      report.appendChild(link);
      item.appendChild(report);
    }
    var tools = document.getElementById("host-tools");
    if (tools && room.getAttribute("data-host") === "1") {
      var copy = tools.content.cloneNode(true);
      var seqInput = copy.querySelector("input[name=seq]");
      if (seqInput) { seqInput.value = event.seq; }
      item.appendChild(copy);
    }
    log.appendChild(item);
    lastSeq = event.seq;
    var mine = pending[event.client_id];
    if (mine) { mine.element.remove(); delete pending[event.client_id]; }
    if (stick) { item.scrollIntoView({block: "end"}); } else { jump.hidden = false; }
  }

  function markNotSent(clientId, message) {
    var entry = pending[clientId];
    if (!entry) { return; }
    entry.element.querySelector(".pending__state").textContent = message;
    entry.element.querySelector("button").hidden = false;
  }

  function sendPending(clientId) {
    var entry = pending[clientId];
    if (!entry) { return; }
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      markNotSent(clientId, " · " + room.getAttribute("data-not-sent-text"));
      return;
    }
    socket.send(JSON.stringify({type: "send", client_id: clientId, body: entry.body}));
  }

  function queue(body) {
    var clientId = uuid();
    var item = document.createElement("li");
    item.className = "pending";
    var text = document.createElement("span");
    text.textContent = body;
    var state = document.createElement("span");
    state.className = "pending__state meta";
    state.textContent = " · " + room.getAttribute("data-sending-text");
    var again = document.createElement("button");
    again.type = "button";
    again.className = "button--secondary";
    again.textContent = room.getAttribute("data-retry-text");
    again.hidden = true;
    again.addEventListener("click", function () { again.hidden = true; sendPending(clientId); });
    item.appendChild(text); item.appendChild(state); item.appendChild(again);
    pendingList.appendChild(item);
    pending[clientId] = {body: body, element: item};
    sendPending(clientId);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + room.getAttribute("data-ws-path") + "?after=" + lastSeq);
    socket.onopen = function () {
      if (retry > 0) { say(""); }
      retry = 0;
      region.setAttribute("aria-busy", "true");
      Object.keys(pending).forEach(sendPending);
      // Missed messages fill in quietly; "ready" says the catch-up is over.
    };
    socket.onmessage = function (raw) {
      var event = JSON.parse(raw.data);
      if (event.type === "message") { addMessage(event); }
      else if (event.type === "ready") { region.removeAttribute("aria-busy"); }
      else if (event.type === "ack") {
        var mine = pending[event.client_id];
        if (mine) { mine.element.remove(); delete pending[event.client_id]; }
      } else if (event.type === "error") { markNotSent(event.client_id, " · " + event.message); }
      else if (event.type === "presence") { presence.textContent = event.text; }
      else if (event.type === "typing") {
        typingLine.textContent = event.name + " " + room.getAttribute("data-typing-text");
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typingLine.textContent = ""; }, 3000);
      } else if (event.type === "support") {
        var holder = document.createElement("div");
        holder.innerHTML = event.html;
        room.parentNode.insertBefore(holder, room);
        var heading = holder.querySelector("h2");
        if (heading) { heading.focus(); }
      } else if (event.type === "room") {
        fetch(room.getAttribute("data-state-url"), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.text() : ""; })
          .then(function (html) { document.getElementById("room-state").innerHTML = html; });
      } else if (event.type === "hidden") {
        var gone = document.getElementById("message-" + event.seq);
        if (gone) { gone.remove(); }
      } else if (event.type === "muted") {
        say(room.getAttribute("data-muted-text"));
      } else if (event.type === "closed") {
        retry = -1;
        var why = event.reason === "signed_out" ? "signed-out" : "closed";
        say(room.getAttribute("data-" + why + "-text"));
      }
    };
    socket.onclose = function () {
      if (retry < 0) { return; }
      say(room.getAttribute("data-reconnecting-text"));
      Object.keys(pending).forEach(function (id) {
        markNotSent(id, " · " + room.getAttribute("data-not-sent-text"));
      });
      retry += 1;
      setTimeout(connect, Math.min(500 * retry, 5000));
    };
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = input.value.trim();
    if (!body) { input.focus(); return; }
    queue(body);
    input.value = "";
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", function () {
    var now = Date.now();
    if (socket && socket.readyState === WebSocket.OPEN && now - lastTypingSent > 3000) {
      lastTypingSent = now;
      socket.send(JSON.stringify({type: "typing"}));
    }
  });
  jump.addEventListener("click", function () {
    jump.hidden = true;
    var last = log.lastElementChild;
    if (last) { last.scrollIntoView({block: "end"}); }
    input.focus();
  });
  window.addEventListener("scroll", function () { if (nearBottom()) { jump.hidden = true; } });
  connect();
})();
