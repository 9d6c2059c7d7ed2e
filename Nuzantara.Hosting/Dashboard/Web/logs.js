"use strict";
// Structured logs: OTLP log records, filtered by resource, level, text and trace id; a record links to its trace.
// The stream sends the matching records, then each new one: they are added on top, the oldest beyond the limit dropped.
(() => {
  const { el, api, live, replace, time, query, setQuery, resourceNames, fillResourceSelect } = Dashboard;
  const form = document.getElementById("filters");
  const body = document.querySelector("#logs tbody");
  const fields = ["resource", "level", "text", "traceId"];
  // As many as /api/logs returns by default.
  const limit = 500;
  // Typing in a filter reconnects once the typing pauses, not at every key.
  const typingPause = 300;
  let records = [];

  function params() {
    const values = new URLSearchParams();
    for (const name of fields) {
      const value = document.getElementById(name).value.trim();
      if (value) values.set(name, value);
    }
    return values;
  }

  function render() {
    replace(body, records.length === 0
      ? el("tr", {}, el("td", { colspan: 5, class: "empty" }, "No log records match."))
      : records.map(l => el("tr", {},
        el("td", { class: "num" }, time(l.time)),
        el("td", {}, l.service),
        el("td", { class: `level ${l.severity}` }, l.severity),
        el("td", {}, l.message),
        el("td", {}, l.traceId ? el("a", { href: `/traces/detail/${l.traceId}` }, l.traceId.slice(0, 8) + "…") : ""))));
  }

  form.addEventListener("submit", event => event.preventDefault());

  (async () => {
    for (const name of fields) {
      const input = document.getElementById(name);
      if (query().get(name) && name !== "resource") input.value = query().get(name);
    }
    await fillResourceSelect(document.getElementById("resource"), await resourceNames(), "All");
    const stream = live(() => "/logs/stream?" + params(), {
      logs: batch => {
        records = batch.reset ? batch.logs : batch.logs.concat(records).slice(0, limit);
        render();
      },
    }, async () => {
      records = await api("/logs?" + params());
      render();
    });
    let typing;
    for (const name of fields) {
      const input = document.getElementById(name);
      input.addEventListener("input", () => {
        setQuery({ [name]: input.value });
        clearTimeout(typing);
        typing = setTimeout(stream.restart, typingPause);
      });
    }
  })();
})();
