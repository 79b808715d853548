// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";

  function focusFirst(root) {
    var target = (root || document).querySelector("[data-autofocus]");
    if (target) { target.focus(); }
  }

  function composerOf(element) {
    var form = element.closest("form");
    return form ? {
      form: form,
      body: form.querySelector("textarea[name=body]"),
      warning: form.querySelector("input[name=content_warning]"),
      piiSeen: form.querySelector("input[name=pii_seen]")
    } : null;
  }

  function refresh(textarea) {
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // A finding's answer that is also a label ("It's my experience"): tick it below.
  function chooseClaim(form, value) {
    var radio = form.querySelector("input[type=radio][name=claim][value='" + value + "']");
    if (radio) {
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[type=button]");
    if (!button) { return; }
    var c = composerOf(button);
    if (!c || !c.body) { return; }
    var finding = button.closest(".finding");
    if (button.hasAttribute("data-choose-claim")) {
      chooseClaim(c.form, button.getAttribute("data-choose-claim"));
    }
    if (button.hasAttribute("data-remove-pii")) {
      // Offsets are code points (as the server counts them), not UTF-16 units.
      var spans = JSON.parse(button.getAttribute("data-remove-pii") || "[]");
      var chars = Array.from(c.body.value);
      spans.sort(function (a, b) { return b[0] - a[0]; }).forEach(function (span) {
        chars.splice(span[0], span[1] - span[0]);
      });
      c.body.value = chars.join("");
      c.body.focus();
      refresh(c.body);
    } else if (button.hasAttribute("data-fill-warning") && c.warning) {
      c.warning.value = button.getAttribute("data-fill-warning");
      c.warning.focus();
      if (finding) { finding.hidden = true; }
    } else if (button.hasAttribute("data-insert-text")) {
      // On a new paragraph after the words, once however often it is pressed.
      var text = button.getAttribute("data-insert-text");
      if (c.body.value.indexOf(text) === -1) {
        var words = c.body.value.replace(/\s+$/, "");
        c.body.value = words ? words + "\n\n" + text : text;
      }
      c.body.focus();
      c.body.setSelectionRange(c.body.value.length, c.body.value.length);
    } else if (button.hasAttribute("data-dismiss-finding")) {
      if (button.hasAttribute("data-pii-ok") && c.piiSeen) { c.piiSeen.value = "True"; }
      if (finding) { finding.hidden = true; }
      c.body.focus();
    }
  });

  // A meeting starting while the page is open: show its reminder at the start.
  function remindAtStart() {
    document.querySelectorAll("[data-starts-at]").forEach(function (reminder) {
      var wait = Date.parse(reminder.getAttribute("data-starts-at")) - Date.now();
      var show = function () { reminder.hidden = false; };
      if (isNaN(wait)) { return; }
      if (wait <= 0) { show(); } else if (wait < 2147483647) { setTimeout(show, wait); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusFirst(document);
    remindAtStart();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.classList && target.classList.contains("findings")) {
      // The writer has now been shown what may identify them.
      var c = composerOf(target);
      if (c && c.piiSeen && target.querySelector("[data-pii-ok]")) { c.piiSeen.value = "True"; }
      return;
    }
    focusFirst(event.target);
  });
})();
