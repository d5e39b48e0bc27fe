// The deal room: a simulated deal channel. Messages are POSTed to the host, which records them in the same inbox the
// Slack and Teams adapters use; the bot's replies come back through the room's chat channel and are polled here.
// Plain DOM code, no libraries, no requests to anywhere but this host.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const state = { channel: "", after: 0, replyTo: null, dealJson: "", listJson: "", busy: false, timer: 0 };
  const markers = { warning: "⚠️ ", trade_logged: "🤝 ", error: "❗ " };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  async function json(url, options) {
    const response = await fetch(url, options);
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.detail || body.title || `The host answered ${response.status}.`);
    return body;
  }

  const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const kindClass = (kind) => kind.split(":")[0];

  // ---- channel ----

  function openChannel(name) {
    state.channel = name;
    state.after = 0;
    state.dealJson = "";
    setReplyTo(null);
    $("channel").value = name;
    $("channel-h").textContent = "#" + name;
    $("messages").replaceChildren();
    $("empty").hidden = false;
    $("deal").replaceChildren(el("p", { class: "muted" }, "No deal in this channel yet."));
    history.replaceState(null, "", "#" + name);
    refresh();
  }

  function setReplyTo(entry) {
    state.replyTo = entry ? entry.id : null;
    $("reply-to").hidden = !entry;
    $("reply-to-text").textContent = entry ? `${entry.author}: ${entry.text.slice(0, 80)}` : "";
  }

  function messageItem(entry) {
    const command = !entry.isBot && entry.text.startsWith("/deal");
    const item = el("li", { class: "message" + (command ? " command" : ""), id: "msg-" + entry.id, "data-id": entry.id },
      el("div", {}, el("span", { class: "who" }, entry.author), el("span", { class: "when" }, time(entry.at))),
      el("div", { class: "body" }, entry.text),
      el("button", { type: "button", class: "thread-button", "aria-label": `Reply in thread to ${entry.author}`, onclick: () => { setReplyTo(entry); $("text").focus(); } }, "Reply in thread"),
      el("ol", { class: "thread", "aria-label": `Thread of ${entry.author}'s message` }));
    return item;
  }

  function replyItem(entry) {
    const who = entry.isBot ? "Negotiation Coach" : entry.author;
    const item = el("li", { class: "reply" + (entry.isBot ? " bot" : ""), "data-id": entry.id, "data-visibility": entry.visibility || "thread" },
      el("div", {}, el("span", { class: "who" }, who), el("span", { class: "when" }, time(entry.at))));
    if (entry.visibility === "ephemeral" && entry.recipient) {
      const name = entry.recipient.replace(/^room:/, "");
      item.append(el("div", { class: "only" }, `Only visible to ${name.charAt(0).toUpperCase() + name.slice(1)}`));
    }
    if (entry.parts) entry.parts.forEach((part) => item.append(renderPart(part, entry)));
    else item.append(el("div", { class: "body" }, entry.text));
    return item;
  }

  // A reply part drawn the way the Slack renderer lays it out: header, text (or sections, or the ledger), fields, buttons.
  function renderPart(part, entry) {
    const box = el("div", { class: "part " + kindClass(part.kind), "data-kind": part.kind });
    let body = part.text || "";
    if (part.title) {
      box.append(el("div", { class: "part-title", role: "heading", "aria-level": "4" }, part.title));
      if (body.startsWith(part.title)) body = body.slice(part.title.length).replace(/^\n+/, "");
    }
    if (part.kind === "align_summary" && part.sections && part.sections.length) {
      for (const section of part.sections) {
        box.append(el("div", { class: "part-title" }, section.title), el("ul", {}, section.lines.map((l) => el("li", {}, l))));
      }
    } else if (part.table) {
      box.append(table(part.table, null));
      const lines = body.split("\n");
      if (lines.length === part.table.rows.length + 1) box.append(el("p", { class: "muted" }, lines[lines.length - 1]));
    } else {
      box.append(el("p", { class: "part-text" }, (markers[kindClass(part.kind)] || "") + body));
    }
    if (part.fields && part.fields.length) {
      box.append(el("dl", { class: "part-fields" }, part.fields.map((f) => el("div", {}, el("dt", {}, f.label), el("dd", {}, f.value)))));
    }
    if (part.buttons && part.buttons.length) {
      box.append(el("div", { class: "part-buttons" }, part.buttons.map((b) => button(b, entry))));
    }
    return box;
  }

  function button(b, entry) {
    if (b.url) return el("a", { href: b.url, target: "_blank", rel: "noopener noreferrer", "data-action": b.actionId }, b.label);
    const thread = entry.threadId || entry.id;
    const actions = {
      log_get: () => { setReplyTo(findEntry(thread)); $("text").value = "/deal get "; $("text").focus(); },
      not_a_give: () => send(`/deal not-a-give ${b.value}`, thread),
      quiet_channel: () => send("/deal quiet on", thread),
    };
    return el("button", { type: "button", "data-action": b.actionId, onclick: actions[b.actionId] || (() => {}) }, b.label);
  }

  function findEntry(id) {
    const node = document.getElementById("msg-" + id);
    return node ? { id, author: node.querySelector(".who").textContent, text: node.querySelector(".body").textContent } : { id, author: "thread", text: "" };
  }

  function addEntry(entry) {
    if (document.querySelector(`[data-id="${CSS.escape(entry.id)}"]`)) return;
    const list = $("messages");
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    if (!entry.threadId || entry.threadId === entry.id) {
      list.append(messageItem(entry));
    } else {
      let parent = document.getElementById("msg-" + entry.threadId);
      if (!parent) {
        // The thread's first message scrolled out of the log: keep the reply visible anyway.
        parent = messageItem({ id: entry.threadId, author: "(earlier message)", text: "", at: entry.at });
        list.append(parent);
      }
      parent.querySelector(".thread").append(replyItem(entry));
    }
    $("empty").hidden = true;
    if (nearBottom) list.scrollTop = list.scrollHeight;
  }

  // ---- deal panel ----

  function table(t, caption) {
    return el("div", { class: "table-wrap" }, el("table", { class: "ledger" },
      caption ? el("caption", {}, caption) : null,
      el("thead", {}, el("tr", {}, t.headers.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, t.rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c)))))));
  }

  const moveText = (m) => [`#${m.number} ${m.description}`, m.value ? el("span", { class: "value" }, ` (${m.side === "us" ? "costs" : "worth"} ${m.value})`) : null];

  function section(id, title, ...content) {
    return el("section", { "aria-labelledby": id }, el("h3", { id }, title), ...content);
  }

  function renderDeal(deal) {
    const box = $("deal");
    if (!deal) {
      box.replaceChildren(el("p", { class: "muted" }, "No deal in this channel yet. Start one: /deal start <name> [bargaining|trading|creating|partnering]"));
      return;
    }
    const plan = deal.plan;
    const planItems = [
      ...plan.terms.map((t) => `${t.term}: ${[t.opening && "opening " + t.opening, t.target && "target " + t.target, t.walkaway && "walkaway " + t.walkaway].filter(Boolean).join(", ")}`),
      ...plan.wantedGets.map((w) => `want: ${w.item}${w.value ? ` (worth ${w.value})` : ""}${w.got ? " — got it" : ""}`),
      ...plan.possibleGives.map((g) => `could give: ${g.item}${g.cost ? ` (costs ${g.cost})` : ""}`),
      ...plan.plannedMoves.map((m, i) => `planned move ${i + 1}: ${m}`),
    ];
    const chart = el("div", { class: "chart", id: "chart" });
    chart.innerHTML = deal.chartSvg; // Built on the host from escaped text: SVG markup only, no script; empty before any sized move.
    const parts = [
      el("header", { class: "deal-head" },
        el("h3", { id: "deal-name" }, deal.name),
        el("p", { class: "badges" },
          el("span", { class: "badge", id: "deal-type" }, el("span", { class: "badge-label" }, "Type"), " " + deal.type),
          el("span", { class: "badge", id: "deal-phase" }, el("span", { class: "badge-label" }, "Phase"), " " + deal.phase),
          deal.counterparty ? el("span", { class: "badge" }, el("span", { class: "badge-label" }, "With"), " " + deal.counterparty) : null,
          deal.quiet ? el("span", { class: "badge" }, "quiet") : null)),
      section("plan-h", "Plan", planItems.length ? el("ul", { id: "plan" }, planItems.map((p) => el("li", {}, p))) : el("p", { class: "muted" }, "Nothing planned yet: /deal plan price opening $480k target $450k-$465k walkaway $430k")),
      section("ledger-h", "Trade ledger",
        deal.trades.length
          ? el("ul", { class: "trades", id: "trades" }, deal.trades.map((t) => el("li", { class: "trade" },
              el("span", { class: "gives" }, t.gives.map(moveText)), el("span", { class: "arrow", "aria-label": "traded for" }, " ⇄ "), el("span", { class: "gets" }, t.gets.map(moveText)))))
          : el("p", { class: "muted", id: "trades" }, "No trades yet."),
        deal.ledger.rows.length ? table(deal.ledger, "Every give and get") : el("p", { class: "muted" }, "No gives or gets logged yet.")),
      section("open-h", "Open gives", deal.openGives.length
        ? el("ul", { id: "open-gives" }, deal.openGives.map((m) => el("li", {}, moveText(m))))
        : el("p", { class: "muted", id: "open-gives" }, "None: every give has something in return.")),
      section("chart-h", "Concession chart", chart, el("p", { class: "chart-summary", id: "chart-summary" }, deal.chartSummary)),
      deal.align ? el("section", { class: "align", id: "align", "aria-labelledby": "align-h" }, el("h3", { id: "align-h" }, deal.align.title),
        deal.align.sections.map((s) => [el("h4", {}, s.title), el("ul", {}, s.lines.map((l) => el("li", {}, l)))])) : null,
    ];
    box.replaceChildren(...parts.filter(Boolean));
  }

  function renderList(deals) {
    const list = $("deal-list");
    if (!deals.length) {
      list.replaceChildren(el("li", { class: "muted" }, "No deals yet."));
      return;
    }
    list.replaceChildren(...deals.map((d) => el("li", {}, el("button", {
      type: "button", "aria-current": d.channel === state.channel ? "true" : "false", onclick: () => openChannel(d.channel),
    }, d.name, el("span", { class: "meta" }, `#${d.channel} · ${d.type} · ${d.closed ? "closed" : d.phase}`)))));
  }

  // ---- polling and sending ----

  async function refresh() {
    if (state.busy) return;
    state.busy = true;
    clearTimeout(state.timer);
    const channel = state.channel;
    try {
      const enc = encodeURIComponent(channel);
      const [entries, deal, deals] = await Promise.all([
        json(`/room/api/channels/${enc}/messages?after=${state.after}`),
        json(`/room/api/channels/${enc}/deal`),
        json("/room/api/deals"),
      ]);
      if (channel === state.channel) {
        for (const entry of entries) {
          addEntry(entry);
          state.after = Math.max(state.after, entry.sequence);
        }
        const dealJson = JSON.stringify(deal.deal);
        if (dealJson !== state.dealJson) { state.dealJson = dealJson; renderDeal(deal.deal); }
        const listJson = JSON.stringify(deals) + state.channel;
        if (listJson !== state.listJson) { state.listJson = listJson; renderList(deals); }
      }
    } catch (e) {
      $("status").textContent = "Can't reach the host: " + e.message;
    } finally {
      state.busy = false;
      state.timer = setTimeout(refresh, 600);
    }
  }

  async function send(text, threadId) {
    $("status").textContent = "";
    try {
      await json("/room/api/messages", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ channel: state.channel, user: $("speaker").value, text, thread_id: threadId || null }),
      });
      state.busy = false;
      refresh();
      return true;
    } catch (e) {
      $("status").textContent = e.message;
      return false;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("composer").addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = $("text").value.trim();
      if (!text) { $("status").textContent = "Type a message first."; return; }
      if (await send(text, state.replyTo)) { $("text").value = ""; }
      $("text").focus();
    });
    $("text").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); $("composer").requestSubmit(); }
      if (event.key === "Escape") setReplyTo(null);
    });
    // The skip link focuses the message box without touching the address (its #fragment names the channel).
    document.querySelector("a.skip").addEventListener("click", (event) => { event.preventDefault(); $("text").focus(); });
    $("reply-cancel").addEventListener("click", () => { setReplyTo(null); $("text").focus(); });
    $("channel-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if ($("channel").checkValidity()) openChannel($("channel").value);
    });
    const fromHash = decodeURIComponent(location.hash.slice(1));
    openChannel(/^[a-z0-9][a-z0-9_-]{0,79}$/.test(fromHash) ? fromHash : $("channel").value);
  });
})();
