// Context notes on an open thread page, as they are added or withdrawn.
// Read-only: the socket only receives. Without this file, notes show on the next visit.
(function () {
  "use strict";
  var status = document.getElementById("thread-live");
  if (!status || !window.WebSocket) { return; }
  var retry = 0;

  function say(text) { status.textContent = text || ""; }

  function addNote(event) {
    var post = document.getElementById("reply-" + Number(event.reply_id));
    if (!post || document.getElementById("note-" + Number(event.note_id))) { return; }
    var notes = post.querySelector(".context-notes");
    if (!notes) {
      notes = document.createElement("div");
      notes.className = "context-notes";
      var before = post.querySelector(".reactions") || post.querySelector(".post__tools");
      post.insertBefore(notes, before);
    }
    // Built on the server from stored, sanitised HTML and escaped values.
    notes.insertAdjacentHTML("beforeend", event.html);
    say(status.getAttribute("data-note-added-text"));
  }

  function removeNote(event) {
    var note = document.getElementById("note-" + Number(event.note_id));
    if (!note) { return; }
    var notes = note.parentNode;
    note.remove();
    if (notes && notes.className === "context-notes" && !notes.children.length) {
      notes.remove();
    }
    say(status.getAttribute("data-note-withdrawn-text"));
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + status.getAttribute("data-ws-path"));
    socket.onopen = function () { retry = 0; };
    socket.onmessage = function (message) {
      var event;
      try { event = JSON.parse(message.data); } catch (error) { return; }
      if (event.type === "context_note") { addNote(event); }
      else if (event.type === "context_note_withdrawn") { removeNote(event); }
    };
    socket.onclose = function (closing) {
      if (closing.code === 4403) { return; }  // not (or no longer) a member
      retry += 1;
      setTimeout(connect, Math.min(1000 * retry, 30000));
    };
  }

  connect();
})();
