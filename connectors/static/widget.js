/* The MRC web chat widget: the chat page at /chat, or a chat panel on any site from the
   one-line snippet <script src="https://HOST/chat/widget.js" data-mrc-chat async></script>.
   No framework. Every text of the person or the bot is put in the page with textContent;
   links in the bot's texts become <a> elements built here, for http(s) URLs only. */
(function () {
  "use strict";
  if (window.mrcChatLoaded) return; // the snippet pasted twice
  window.mrcChatLoaded = true;

  var script = document.currentScript || document.querySelector("script[data-mrc-chat]");
  var ORIGIN = new URL(script && script.src ? script.src : "/chat/widget.js", location.href).origin;
  var API = ORIGIN + "/webhooks/webchat";
  var KEY = "mrc-chat.";
  var POLL = 3000, POLL_HIDDEN = 15000, POLL_CLOSED = 30000, POLL_MAX = 60000;
  var TIMEOUT = 45000, MAX_LENGTH = 2000, KEEP_MINE = 200;
  var SESSION_RE = /^[A-Za-z0-9_-]{16,64}$/;
  var URL_RE = /\bhttps?:\/\/[^\s<>"'`\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gi;
  var TRAILING_RE = /[.,;:!?)\]}'"»”’]+$/;
  // Shown until the bot's own texts for them arrive from /notice (in the person's language).
  var labels = {
    chat_title: "Migrant Resource Centre assistant",
    button_language: "Language",
    button_counsellor: "Talk to a counsellor",
    button_delete_data: "Delete my data",
    button_privacy: "What happens to my data?",
    button_send: "Send",
    button_retry: "Try again",
    button_open_chat: "Chat with us",
    button_close_chat: "Close the chat",
    input_label: "Your message",
    label_you: "You:",
    label_bot: "Assistant:",
    error: "Sorry, something went wrong. Please try again in a moment.",
    rate_limited: "You are sending messages very fast. Please wait a moment, then try again.",
    message_too_long: "Your message is too long. Please ask in a few short sentences."
  };

  function storage(kind) {
    try {
      var store = window[kind], probe = KEY + "probe";
      store.setItem(probe, probe);
      store.removeItem(probe);
      return store;
    } catch (e) {
      return null; // storage blocked: the chat still works, without surviving a reload
    }
  }
  var local = storage("localStorage"), tab = storage("sessionStorage");
  function load(store, name) {
    try { return store ? store.getItem(KEY + name) : null; } catch (e) { return null; }
  }
  function save(store, name, value) {
    try {
      if (!store) return;
      if (value === null) store.removeItem(KEY + name);
      else store.setItem(KEY + name, value);
    } catch (e) { /* full or blocked: nothing to do */ }
  }

  // A random id, never a personal one: the server knows the person only by its pseudonym.
  function newSession() {
    var bytes = new Uint8Array(24);
    crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  var session = load(local, "session");
  if (!SESSION_RE.test(session || "")) {
    session = newSession();
    save(local, "session", session);
  }
  // The person's own messages stay in this tab only; the bot's come from the server.
  var mine = [];
  try { mine = JSON.parse(load(tab, "mine:" + session) || "[]") || []; } catch (e) { mine = []; }
  function saveMine() {
    mine = mine.slice(-KEEP_MINE);
    save(tab, "mine:" + session, JSON.stringify(mine));
  }

  var cursor = 0, busy = false, isOpen = false, delay = POLL, timer = 0, loaded = false;
  var language = load(local, "lang") || (navigator.language || "en").split(/[-_]/)[0];
  var ui = {}, texts = [];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  // An element whose text is one of the labels, updated when they come in another language.
  function labelled(node, key, attribute) {
    texts.push([node, key, attribute]);
    if (attribute) node.setAttribute(attribute, labels[key]);
    else node.textContent = labels[key];
    return node;
  }
  function relabel() {
    texts.forEach(function (entry) {
      if (entry[2]) entry[0].setAttribute(entry[2], labels[entry[1]]);
      else entry[0].textContent = labels[entry[1]];
    });
  }

  function safeLink(url) {
    var parsed;
    try { parsed = new URL(url); } catch (e) { return null; }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    var link = el("a", { rel: "noopener noreferrer", target: "_blank" }, url);
    link.href = parsed.href;
    return link;
  }
  // Text with its http(s) URLs as links; everything else stays text.
  function fill(node, text) {
    var last = 0, match;
    URL_RE.lastIndex = 0;
    while ((match = URL_RE.exec(text)) !== null) {
      var url = match[0].replace(TRAILING_RE, "");
      var link = url.length > 8 ? safeLink(url) : null;
      if (!link) continue;
      node.appendChild(document.createTextNode(text.slice(last, match.index)));
      node.appendChild(link);
      last = match.index + url.length;
      URL_RE.lastIndex = last;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function scrollDown() { ui.log.scrollTop = ui.log.scrollHeight; }

  function userBubble(text) {
    var item = el("div", { "class": "mrc-msg mrc-user", dir: "auto" });
    item.appendChild(labelled(el("span", { "class": "mrc-sr" }), "label_you"));
    item.appendChild(el("p", { "class": "mrc-text" }, text));
    ui.log.insertBefore(item, ui.typing);
    scrollDown();
    return item;
  }

  function botBubble(message) {
    var item = el("div", { "class": "mrc-msg mrc-bot", dir: message.dir === "rtl" ? "rtl" : "ltr" });
    item.appendChild(labelled(el("span", { "class": "mrc-sr" }), "label_bot"));
    var text = el("p", { "class": "mrc-text" });
    fill(text, String(message.text || ""));
    item.appendChild(text);
    var buttons = Array.isArray(message.buttons) ? message.buttons : [];
    if (buttons.length) {
      var group = el("div", { "class": "mrc-replies" });
      buttons.forEach(function (button) {
        var title = String(button.title || button.payload || "");
        var choice = el("button", { type: "button", "class": "mrc-reply" }, title);
        choice.addEventListener("click", function () { send(String(button.payload || ""), title); });
        group.appendChild(choice);
      });
      item.appendChild(group);
    }
    ui.log.insertBefore(item, ui.typing);
  }

  // Shows the bot's messages after the cursor, with the person's own ones in their places.
  function show(messages, next, withMine) {
    var pending = withMine ? mine.slice() : [];
    (Array.isArray(messages) ? messages : []).forEach(function (message) {
      if (typeof message.id !== "number" || message.id <= cursor) return;
      while (pending.length && pending[0].at < message.id) userBubble(pending.shift().text);
      botBubble(message);
      cursor = message.id;
      if (!isOpen && ui.launcher) ui.launcher.classList.add("mrc-unread");
    });
    pending.forEach(function (entry) { userBubble(entry.text); });
    if (typeof next === "number" && next > cursor) cursor = next;
    scrollDown();
  }

  function request(method, path, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT);
    return fetch(API + path, {
      method: method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
      signal: controller ? controller.signal : undefined,
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      clearTimeout(timeout);
      if (!response.ok) {
        var error = new Error("HTTP " + response.status);
        error.status = response.status;
        error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
        throw error;
      }
      return response.json();
    }, function (error) {
      clearTimeout(timeout);
      throw error;
    });
  }

  function setBusy(value) {
    busy = value;
    if (value && document.activeElement === ui.send) ui.input.focus();
    ui.send.disabled = value;
    ui.root.setAttribute("aria-busy", value ? "true" : "false");
    ui.typing.hidden = !value;
    if (value) scrollDown();
  }

  function clearStatus() {
    ui.status.textContent = "";
    ui.status.hidden = true;
  }
  // A failure: the bot's text for it, and a retry button unless retrying cannot help.
  function showError(error, retry) {
    clearStatus();
    var key = error && error.status === 429 ? "rate_limited"
      : error && error.status === 413 ? "message_too_long" : "error";
    ui.status.appendChild(el("p", { "class": "mrc-error-text" }, labels[key]));
    if (retry && key !== "message_too_long") {
      var again = el("button", { type: "button", "class": "mrc-retry" }, labels.button_retry);
      again.addEventListener("click", function () { clearStatus(); retry(); });
      ui.status.appendChild(again);
    }
    ui.status.hidden = false;
  }

  function languageOf(payload) {
    var match = /^\/set_language(\{.*\})$/.exec(payload);
    try { return match ? JSON.parse(match[1]).language : null; } catch (e) { return null; }
  }

  function post(text, shown, item) {
    var at = cursor;
    setBusy(true);
    clearStatus();
    item.classList.add("mrc-pending");
    request("POST", "/webhook", { session: session, message: text, after: cursor }).then(
      function (data) {
        setBusy(false);
        item.classList.remove("mrc-pending", "mrc-failed");
        if (data.reset) { // their data is erased: so is what this tab shows
          mine = [];
          Array.prototype.slice.call(ui.log.querySelectorAll(".mrc-msg")).forEach(function (node) {
            node.remove();
          });
        } else {
          mine.push({ at: at, text: shown });
        }
        saveMine();
        show(data.messages, data.cursor, false);
        delay = POLL;
        schedule(delay);
        var chosen = languageOf(text);
        if (chosen) {
          language = chosen;
          save(local, "lang", chosen);
          loadNotice(false);
        }
      },
      function (error) {
        setBusy(false);
        item.classList.remove("mrc-pending");
        item.classList.add("mrc-failed");
        showError(error, function () { post(text, shown, item); });
      }
    );
  }

  function send(text, shown) {
    text = (text || "").trim();
    if (busy || !text) return;
    if (ui.notice) {
      save(local, "notice", "seen");
    }
    post(text, shown || text, userBubble(shown || text));
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(poll, ms);
  }
  function nextDelay() {
    if (!isOpen) return Math.max(delay, POLL_CLOSED);
    if (document.hidden) return Math.max(delay, POLL_HIDDEN);
    return delay;
  }
  // New messages nobody asked for (a counsellor's reply) arrive here; backs off on errors.
  function poll() {
    if (busy || !loaded) { schedule(nextDelay()); return; }
    request("GET", "/messages?session=" + session + "&after=" + cursor).then(function (data) {
      show(data.messages, data.cursor, false);
      delay = POLL;
    }, function () {
      delay = Math.min(delay * 2, POLL_MAX);
    }).then(function () { schedule(nextDelay()); });
  }

  function history() {
    request("GET", "/messages?session=" + session + "&after=0").then(function (data) {
      loaded = true;
      clearStatus();
      // Screen readers announce new messages, not a whole history at once.
      ui.log.setAttribute("aria-busy", "true");
      show(data.messages, data.cursor, true);
      ui.log.setAttribute("aria-busy", "false");
      schedule(nextDelay());
    }, function (error) {
      showError(error, history);
    });
  }

  function renderNotice(data) {
    if (ui.notice || load(local, "notice") === "seen") return;
    var notice = el("div", { "class": "mrc-notice", role: "note", dir: data.dir === "rtl" ? "rtl" : "ltr" });
    notice.appendChild(el("p", { "class": "mrc-text" }, String(data.notice.text || "")));
    var button = data.notice.button || {};
    var privacy = el("button", { type: "button", "class": "mrc-reply mrc-privacy" }, String(button.title || ""));
    privacy.addEventListener("click", function () { send(String(button.payload || ""), privacy.textContent); });
    notice.appendChild(privacy);
    ui.log.insertBefore(notice, ui.log.firstChild);
    ui.notice = notice;
  }

  function loadNotice(withNotice) {
    request("GET", "/notice?lang=" + encodeURIComponent(language || "en")).then(function (data) {
      var given = data.labels || {};
      for (var key in given) if (typeof given[key] === "string" && labels[key] !== undefined) labels[key] = given[key];
      ui.root.setAttribute("lang", data.lang);
      ui.root.setAttribute("dir", data.dir === "rtl" ? "rtl" : "ltr");
      if (ui.panel) ui.panel.setAttribute("dir", data.dir === "rtl" ? "rtl" : "ltr");
      relabel();
      if (withNotice) renderNotice(data);
    }, function () { /* the English labels stay */ });
  }

  function build(host, heading) {
    var root = el("section", { "class": "mrc-chat", "aria-labelledby": "mrc-title" });
    var head = el("header", { "class": "mrc-head" });
    head.appendChild(labelled(el(heading, { "class": "mrc-title", id: "mrc-title" }), "chat_title"));
    var tools = el("div", { "class": "mrc-tools" });
    [["button_language", "/change_language"], ["button_counsellor", "/handoff"],
      ["button_delete_data", "/delete_data"]].forEach(function (tool) {
      var button = labelled(el("button", { type: "button", "class": "mrc-tool" }), tool[0]);
      button.addEventListener("click", function () { send(tool[1], button.textContent); });
      tools.appendChild(button);
    });
    head.appendChild(tools);
    root.appendChild(head);

    var log = el("div", {
      "class": "mrc-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-labelledby": "mrc-title", tabindex: "0"
    });
    var typing = el("div", { "class": "mrc-typing", "aria-hidden": "true" });
    typing.appendChild(el("span"));
    typing.appendChild(el("span"));
    typing.appendChild(el("span"));
    typing.hidden = true;
    log.appendChild(typing);
    root.appendChild(log);

    var status = el("div", { "class": "mrc-status", role: "alert" });
    status.hidden = true;
    root.appendChild(status);

    var form = el("form", { "class": "mrc-form" });
    var label = labelled(el("label", { "for": "mrc-input", "class": "mrc-sr" }), "input_label");
    var input = el("textarea", {
      id: "mrc-input", "class": "mrc-input", rows: "1", maxlength: String(MAX_LENGTH),
      dir: "auto", autocomplete: "off", enterkeyhint: "send"
    });
    var submit = labelled(el("button", { type: "submit", "class": "mrc-send" }), "button_send");
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(submit);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text || busy) return;
      input.value = "";
      send(text, text);
      input.focus();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });
    root.appendChild(form);
    host.appendChild(root);
    ui.root = root; ui.log = log; ui.typing = typing; ui.status = status;
    ui.input = input; ui.send = submit;
  }

  function openPanel(value) {
    isOpen = value;
    ui.panel.hidden = !value;
    ui.launcher.setAttribute("aria-expanded", value ? "true" : "false");
    if (value) {
      ui.launcher.classList.remove("mrc-unread");
      ui.input.focus();
      scrollDown();
      schedule(0);
    } else {
      ui.launcher.focus();
    }
  }

  function embed() {
    if (!document.querySelector("link[data-mrc-chat]")) {
      var css = el("link", { rel: "stylesheet", href: ORIGIN + "/chat/widget.css", "data-mrc-chat": "" });
      document.head.appendChild(css);
    }
    var launcher = labelled(el("button", {
      type: "button", "class": "mrc-launcher", "aria-expanded": "false", "aria-controls": "mrc-panel"
    }), "button_open_chat");
    var panel = el("div", { "class": "mrc-panel", id: "mrc-panel", role: "dialog", "aria-labelledby": "mrc-title" });
    panel.hidden = true;
    var close = labelled(el("button", { type: "button", "class": "mrc-close" }, "×"), "button_close_chat", "aria-label");
    close.addEventListener("click", function () { openPanel(false); });
    panel.appendChild(close);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") openPanel(false);
    });
    launcher.addEventListener("click", function () { openPanel(!isOpen); });
    document.body.appendChild(launcher);
    document.body.appendChild(panel);
    ui.launcher = launcher;
    ui.panel = panel;
    build(panel, "h2");
  }

  function start() {
    var mount = document.querySelector("[data-mrc-chat-mount]");
    if (mount) {
      build(mount, "h1");
      isOpen = true;
    } else {
      embed();
    }
    loadNotice(true);
    history();
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && isOpen) schedule(0);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
