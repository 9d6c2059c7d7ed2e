"use strict";
// Structured logs: OTLP log records, filtered by resource, level, text and trace id; a record links to its trace.
(() => {
  const { el, api, poll, replace, time, query, setQuery, resourceNames, fillResourceSelect } = Dashboard;
  const form = document.getElementById("filters");
  const body = document.querySelector("#logs tbody");
  const fields = ["resource", "level", "text", "traceId"];
  for (const name of fields) {
    const input = document.getElementById(name);
    if (query().get(name) && name !== "resource") input.value = query().get(name);
    input.addEventListener("input", () => setQuery({ [name]: input.value }));
  }
  form.addEventListener("submit", event => event.preventDefault());
  let named = false;

  poll(async () => {
    if (!named) { await fillResourceSelect(document.getElementById("resource"), await resourceNames(), "All"); named = true; }
    const params = new URLSearchParams();
    for (const name of fields) {
      const value = document.getElementById(name).value.trim();
      if (value) params.set(name, value);
    }
    const logs = await api("/logs?" + params);
    replace(body, logs.length === 0
      ? el("tr", {}, el("td", { colspan: 5, class: "empty" }, "No log records match."))
      : logs.map(l => el("tr", {},
        el("td", { class: "num" }, time(l.time)),
        el("td", {}, l.service),
        el("td", { class: `level ${l.severity}` }, l.severity),
        el("td", {}, l.message),
        el("td", {}, l.traceId ? el("a", { href: `/traces/detail/${l.traceId}` }, l.traceId.slice(0, 8) + "…") : ""))));
  });
})();
