// Rapport's only script: small enhancements. Every page works without it.
(function () {
  "use strict";

  // Live character counters for text areas with data-max (the invitation note: 300).
  function bindCounter(area) {
    var max = parseInt(area.getAttribute("data-max"), 10);
    var out = document.getElementById(area.getAttribute("aria-describedby"));
    if (!max || !out) { return; }
    // Past the limit the text box is marked invalid, a message says by how much, and the form's
    // submit buttons are disabled until the text fits (the server refuses it anyway).
    var form = area.form;
    var message = document.createElement("p");
    message.className = "error";
    message.id = (area.id || "text") + "-too-long";
    message.setAttribute("role", "alert");
    message.hidden = true;
    area.insertAdjacentElement("afterend", message);
    function update() {
      var used = Array.from(area.value).length;
      var over = used > max;
      out.textContent = used + " / " + max;
      out.classList.toggle("over", over);
      if (over) {
        area.setAttribute("aria-invalid", "true");
        message.textContent = "Too long by " + (used - max) + (used - max === 1 ? " character" : " characters")
            + ": at most " + max + ". Shorten it to send.";
      } else if (!area.hasAttribute("data-server-invalid")) {
        area.removeAttribute("aria-invalid");
      }
      message.hidden = !over;
      var described = (area.getAttribute("aria-describedby") || "").split(" ").filter(function (d) { return d && d !== message.id; });
      if (over) { described.push(message.id); }
      area.setAttribute("aria-describedby", described.join(" "));
      if (form) {
        form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) { b.disabled = over; });
      }
    }
    area.addEventListener("input", update);
    update();
  }

  // A field the server found wrong (its .error line is shown) is marked invalid and described by
  // the message, on every form, without each template having to say so.
  function markErrors(root) {
    root.querySelectorAll(".field .error[id]").forEach(function (error) {
      var control = error.closest(".field").querySelector("input:not([type=hidden]), textarea, select");
      if (!control || !error.textContent.trim()) { return; }
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("data-server-invalid", "");
      var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (described.indexOf(error.id) < 0) { described.push(error.id); }
      control.setAttribute("aria-describedby", described.join(" "));
    });
  }

  function init(root) {
    markErrors(root);
    root.querySelectorAll("textarea[data-max]").forEach(bindCounter);
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });

  // htmx requests carry the CSRF token as a header too (forms also post it as a field).
  document.addEventListener("htmx:configRequest", function (e) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) { e.detail.headers["X-CSRF-TOKEN"] = meta.content; }
  });

  // Live notifications: the server pushes each new one over server-sent events. The badge shows
  // the unread count, a short notice appears, and an update from someone I follow is added to the
  // top of an open feed. Text goes in with textContent: nothing from the event is parsed as HTML.
  function toast(ev) {
    var box = document.createElement("div");
    box.className = "toast";
    box.setAttribute("role", "status");
    var who = document.createElement("strong");
    who.textContent = ev.actorName + " ";
    var what = document.createElement("span");
    what.textContent = ev.sentence + " ";
    var link = document.createElement("a");
    link.href = ev.link && ev.link.charAt(0) === "/" && ev.link.charAt(1) !== "/" ? ev.link : "/notifications";
    link.textContent = "See";
    box.appendChild(who);
    box.appendChild(what);
    box.appendChild(link);
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, 8000);
  }

  // Messages arrive on the same stream as events named "message": the Messaging badge shows the
  // unread count; an open thread of that conversation fetches what it lacks (server-rendered and
  // escaped) and appends it; elsewhere a short notice says who wrote, unless turned off.
  function lastMessageId(thread) {
    var items = thread.querySelectorAll("li[data-id]");
    return items.length ? items[items.length - 1].getAttribute("data-id") : "0";
  }

  function catchUp(thread) {
    var id = thread.getAttribute("data-conversation");
    fetch("/messages/" + encodeURIComponent(id) + "/since?after=" + encodeURIComponent(lastMessageId(thread)),
      { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) {
        var holder = document.createElement("template");
        holder.innerHTML = html;
        holder.content.querySelectorAll("li[data-id]").forEach(function (li) {
          if (!document.getElementById(li.id)) { thread.appendChild(li); }
        });
        var empty = document.getElementById("thread-empty");
        if (empty && thread.children.length) { empty.remove(); }
      });
  }

  function onMessage(ev) {
    var count = document.getElementById("message-count");
    if (count) { count.textContent = ev.unreadMessages > 0 ? String(ev.unreadMessages) : ""; }
    if (!ev.conversationId || !ev.messageId) { return; }
    var thread = document.getElementById("thread");
    if (thread && thread.getAttribute("data-conversation") === ev.conversationId) {
      if (!document.getElementById("message-" + ev.messageId)) { catchUp(thread); }
      return;
    }
    if (!ev.mine && ev.announce) {
      toast({ actorName: ev.senderName, sentence: ev.request ? "sent you a message request." : "sent you a message.",
              link: "/messages/" + encodeURIComponent(ev.conversationId) });
    }
  }

  // A sent message was appended by htmx: empty the form and its error line.
  document.addEventListener("message-sent", function () {
    var form = document.getElementById("compose");
    if (form) { form.reset(); form.querySelectorAll("textarea[data-max]").forEach(function (a) { a.dispatchEvent(new Event("input")); }); }
    var error = document.getElementById("compose-error");
    if (error) { error.hidden = true; error.textContent = ""; }
    var empty = document.getElementById("thread-empty");
    if (empty) { empty.remove(); }
  });

  function listen() {
    var badge = document.getElementById("unread-count");
    if (!badge || !window.EventSource) { return; }
    var source = new EventSource("/notifications/stream");
    source.addEventListener("message", function (e) {
      var ev;
      try { ev = JSON.parse(e.data); } catch (err) { return; }
      onMessage(ev);
    });
    source.addEventListener("notification", function (e) {
      var ev;
      try { ev = JSON.parse(e.data); } catch (err) { return; }
      badge.textContent = ev.unreadCount > 0 ? String(ev.unreadCount) : "";
      if (!ev.kind) { return; }
      toast(ev);
      var feed = document.getElementById("feed");
      if (ev.postId && feed && window.htmx && !document.getElementById("post-" + ev.postId)) {
        var empty = document.getElementById("feed-empty");
        if (empty) { empty.remove(); }
        window.htmx.ajax("GET", "/posts/" + encodeURIComponent(ev.postId) + "/card", { target: "#feed", swap: "afterbegin" });
      }
    });
  }
  document.addEventListener("DOMContentLoaded", listen);

  // The count badges change live (server-sent events, htmx polling); say each change once, in
  // words, in the page's polite live region ("2 unread messages"), whoever changed it.
  function announceCounts() {
    var region = document.getElementById("live-counts");
    if (!region || !window.MutationObserver) { return; }
    document.querySelectorAll(".count-badge[data-live-label]").forEach(function (badge) {
      var last = badge.textContent.trim();
      new MutationObserver(function () {
        var now = badge.textContent.trim();
        if (now === last) { return; }
        last = now;
        region.textContent = (now === "" ? "No" : now) + " " + badge.getAttribute("data-live-label");
      }).observe(badge, { childList: true, characterData: true, subtree: true });
    });
  }
  document.addEventListener("DOMContentLoaded", announceCounts);

  // Close an open disclosure menu when clicking elsewhere or pressing Escape.
  document.addEventListener("click", function (e) {
    document.querySelectorAll("details.menu[open]").forEach(function (d) {
      if (!d.contains(e.target)) { d.removeAttribute("open"); }
    });
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      document.querySelectorAll("details.menu[open]").forEach(function (d) { d.removeAttribute("open"); });
    }
  });
})();
