"use strict";
// Traces: the newest traces with their duration and span count, filtered by resource and status; the stream sends
// them again whenever spans arrive.
(() => {
  const { el, api, live, replace, time, duration, query, setQuery, resourceNames, fillResourceSelect } = Dashboard;
  const resource = document.getElementById("resource");
  const status = document.getElementById("statusFilter");
  const body = document.querySelector("#traces tbody");
  status.value = query().get("status") || "";

  function params() {
    const values = new URLSearchParams();
    if (resource.value) values.set("resource", resource.value);
    if (status.value) values.set("status", status.value);
    return values;
  }

  function render(traces) {
    replace(body, traces.length === 0
      ? el("tr", {}, el("td", { colspan: 6, class: "empty" }, "No traces yet: call a service and they appear here."))
      : traces.map(t => el("tr", { "data-trace": t.traceId },
        el("td", { class: "num" }, time(t.start)),
        el("td", {}, el("a", { href: `/traces/detail/${t.traceId}` }, t.name)),
        el("td", {}, t.services.join(", ")),
        el("td", { class: "num" }, t.spanCount),
        el("td", { class: "num" }, duration(t.durationMs)),
        el("td", {}, el("span", { class: `badge ${t.hasError ? "Error" : "Healthy"}` }, t.hasError ? "Error" : "OK")))));
  }

  (async () => {
    await fillResourceSelect(resource, await resourceNames(), "All");
    const stream = live(() => "/traces/stream?" + params(), { traces: render }, async () => render(await api("/traces?" + params())));
    resource.addEventListener("change", () => { setQuery({ resource: resource.value }); stream.restart(); });
    status.addEventListener("change", () => { setQuery({ status: status.value }); stream.restart(); });
  })();
})();
