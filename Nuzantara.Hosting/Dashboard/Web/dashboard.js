// Shared by every page: the navigation, calls to /api with the CSRF header, live updates and formatting.
// Pages follow their API's event stream (/api/…/stream, server-sent events): the server pushes the page's state on
// connect and each change after. Polling every 2 s is the fallback when the stream keeps failing, and the Metrics page's way.
"use strict";

const Dashboard = (() => {
  const pollInterval = 2000;
  // EventSource retries by itself; this many failures in a row without an open connection means it will not work here.
  const streamFailuresBeforePolling = 3;
  const pages = [
    ["resources", "/", "Resources"],
    ["console", "/consolelogs", "Console"],
    ["logs", "/structuredlogs", "Structured logs"],
    ["traces", "/traces", "Traces"],
    ["metrics", "/charts", "Metrics"],
    ["alerts", "/alerts", "Alerts"],
  ];

  // Builds DOM from data without innerHTML, so nothing a service logs can become markup.
  function el(tag, attributes, ...children) {
    const node = tag === "svg" || ["line", "polyline", "circle", "rect", "text", "g", "path"].includes(tag)
      ? document.createElementNS("http://www.w3.org/2000/svg", tag)
      : document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (name === "class") node.setAttribute("class", value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function csrfToken() {
    const match = document.cookie.split("; ").find(c => c.startsWith("nuzantara.dashboard.csrf="));
    return match ? decodeURIComponent(match.split("=")[1]) : "";
  }

  async function api(path, options = {}) {
    const response = await fetch("/api" + path, {
      ...options,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "x-csrf-token": csrfToken(), ...(options.headers || {}) },
    });
    if (response.status === 401) {
      location.href = "/login";
      throw new Error("not logged in");
    }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) throw new Error((body && (body.detail || body.title)) || response.statusText);
    return body;
  }

  // Runs refresh now and every pollInterval; a failure shows in the status line (if given) and polling goes on.
  function poll(refresh, status = document.getElementById("status")) {
    let timer;
    async function tick() {
      try {
        await refresh();
        if (status) status.textContent = "Updated " + new Date().toLocaleTimeString() + " · refreshes every 2 s";
        status && status.classList.remove("error");
      } catch (error) {
        if (status) { status.textContent = "Update failed: " + error.message; status.classList.add("error"); }
      }
      timer = setTimeout(tick, pollInterval);
    }
    tick();
    return () => clearTimeout(timer);
  }

  // Follows the event stream at /api + path(): each named event's JSON goes to its handler. The server sends the full
  // state first, so a reconnection (EventSource's own, or restart() after a filter changed) starts from the truth.
  // When the stream fails streamFailuresBeforePolling times in a row (or is refused, e.g. 401), fallback() is polled
  // instead. Returns { restart }.
  function live(path, handlers, fallback) {
    const status = document.getElementById("status");
    let source = null;
    let failures = 0;
    let polling = false;

    function show(text, isError) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("error", isError);
    }

    function connect() {
      source = new EventSource("/api" + path());
      source.addEventListener("open", () => { failures = 0; });
      for (const [type, handle] of Object.entries(handlers)) {
        source.addEventListener(type, event => {
          try {
            handle(JSON.parse(event.data));
            show("Live · updated " + new Date().toLocaleTimeString(), false);
          } catch (error) {
            show("Update failed: " + error.message, true);
          }
        });
      }
      source.addEventListener("error", () => {
        failures++;
        if (source.readyState !== EventSource.CLOSED && failures < streamFailuresBeforePolling) {
          show("Connection lost · reconnecting…", true);
          return;
        }
        source.close();
        source = null;
        polling = true;
        poll(fallback);
      });
    }

    connect();
    return {
      // While polling, the next poll reads the new filters by itself.
      restart() {
        if (polling) return;
        source.close();
        failures = 0;
        connect();
      },
    };
  }

  // Content that has not changed stays in place: replacing it under the pointer at each update swallows a click whose
  // mousedown and mouseup land on two different (if identical) elements.
  function replace(container, ...children) {
    const next = children.flat();
    const html = next.map(n => typeof n === "string" ? n : n.outerHTML ?? n.textContent).join("");
    if (container.innerHTML !== html) container.replaceChildren(...next);
  }

  function duration(ms) {
    if (ms === null || ms === undefined) return "";
    if (ms < 1) return (ms * 1000).toFixed(0) + " µs";
    if (ms < 1000) return ms.toFixed(ms < 10 ? 2 : 0) + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(2) + " s";
    const s = Math.round(ms / 1000);
    if (s < 3600) return Math.floor(s / 60) + " m " + (s % 60) + " s";
    return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " m";
  }

  function uptime(seconds) {
    if (seconds === null || seconds === undefined) return "";
    return seconds < 60 ? Math.round(seconds) + " s" : duration(seconds * 1000);
  }

  function bytes(n) {
    if (n === null || n === undefined) return "";
    const units = ["B", "KiB", "MiB", "GiB"];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return n.toFixed(i === 0 ? 0 : 1) + " " + units[i];
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString(undefined, { hour12: false }) + "." + String(new Date(iso).getMilliseconds()).padStart(3, "0") : "";
  }

  function query() {
    return new URLSearchParams(location.search);
  }

  // Keeps the page's filters in its address, so a filtered view can be bookmarked and reloaded.
  function setQuery(values) {
    const params = query();
    for (const [key, value] of Object.entries(values)) {
      if (value) params.set(key, value); else params.delete(key);
    }
    history.replaceState(null, "", location.pathname + (params.toString() ? "?" + params : ""));
  }

  function renderNav() {
    const current = document.body.dataset.page;
    const nav = document.getElementById("nav");
    if (!nav) return;
    replace(nav,
      el("span", { class: "brand" }, "Nuzantara"),
      el("nav", {}, pages.map(([id, href, label]) =>
        el("a", { href, class: id === current ? "active" : null, "aria-current": id === current ? "page" : null }, label))),
      el("button", { type: "button", class: "logout", onclick: logout }, "Log out"));
  }

  async function logout() {
    await fetch("/logout", { method: "POST", credentials: "same-origin", headers: { "x-csrf-token": csrfToken() } });
    location.href = "/login";
  }

  async function resourceNames() {
    const resources = await api("/resources");
    return resources.map(r => r.name);
  }

  // Fills a <select> with resource names once, keeping the choice.
  async function fillResourceSelect(select, names, allLabel) {
    const chosen = select.value || query().get("resource") || "";
    replace(select, allLabel ? el("option", { value: "" }, allLabel) : [], names.map(n => el("option", { value: n }, n)));
    select.value = names.includes(chosen) ? chosen : (allLabel ? "" : names[0] || "");
  }

  document.addEventListener("DOMContentLoaded", renderNav);

  return { el, api, poll, live, replace, duration, uptime, bytes, time, query, setQuery, resourceNames, fillResourceSelect };
})();
