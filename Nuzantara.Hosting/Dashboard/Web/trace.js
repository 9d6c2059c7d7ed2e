"use strict";
// One trace as a waterfall: spans nested under their parents, bars placed by start and length; a click shows a
// span's attributes and events. Spans still arriving appear on the next poll.
(() => {
  const { el, api, poll, replace, duration, time } = Dashboard;
  const traceId = location.pathname.split("/").pop();
  const waterfall = document.getElementById("waterfall");
  document.getElementById("logs").href = `/structuredlogs?traceId=${encodeURIComponent(traceId)}`;
  const selected = new Set();
  let colors = new Map();

  function order(spans) {
    const ids = new Set(spans.map(s => s.spanId));
    const children = new Map();
    for (const span of spans) {
      const parent = span.parentSpanId && ids.has(span.parentSpanId) ? span.parentSpanId : null;
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(span);
    }
    const ordered = [];
    (function visit(parent, depth) {
      for (const span of (children.get(parent) || []).sort((a, b) => a.offsetMs - b.offsetMs)) {
        ordered.push({ span, depth });
        visit(span.spanId, depth + 1);
      }
    })(null, 0);
    return ordered;
  }

  function detail(span) {
    const attributes = Object.entries(span.attributes).sort(([a], [b]) => a.localeCompare(b));
    return el("div", { class: "span-detail", "data-detail": span.spanId },
      el("table", { class: "env" },
        el("tr", {}, el("td", {}, "span id"), el("td", {}, span.spanId)),
        el("tr", {}, el("td", {}, "kind"), el("td", {}, span.kind)),
        el("tr", {}, el("td", {}, "status"), el("td", {}, span.status)),
        attributes.map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, v)))),
      span.events.length === 0 ? null : [el("h2", {}, "Events"),
        el("table", { class: "env" }, span.events.map(e => el("tr", {},
          el("td", {}, time(e.time)), el("td", {}, e.name),
          el("td", {}, Object.entries(e.attributes).map(([k, v]) => `${k}=${v}`).join(" ")))))]);
  }

  function toggle(row, span) {
    if (selected.delete(span.spanId)) {
      row.classList.remove("selected");
      if (row.nextSibling && row.nextSibling.dataset.detail === span.spanId) row.nextSibling.remove();
    } else {
      selected.add(span.spanId);
      row.classList.add("selected");
      row.after(detail(span));
    }
  }

  poll(async () => {
    const trace = await api(`/traces/${encodeURIComponent(traceId)}`);
    const total = Math.max(trace.summary.durationMs, 0.001);
    colors = new Map(trace.summary.services.map((s, i) => [s, "c" + (i % 8)]));
    document.getElementById("title").textContent = trace.summary.name;
    document.getElementById("summary").textContent =
      `${trace.summary.spanCount} spans · ${duration(trace.summary.durationMs)} · ${trace.summary.services.join(", ")} · trace ${trace.traceId}`;
    replace(waterfall, order(trace.spans).flatMap(({ span, depth }) => {
      const left = (span.offsetMs / total) * 100;
      const width = Math.max((span.durationMs / total) * 100, 0.2);
      const bar = el("div", { class: `span-bar ${colors.get(span.service)} ${span.status === "Error" ? "error" : ""}` });
      bar.style.left = left + "%";
      bar.style.width = width + "%";
      const label = el("span", { class: "span-label" }, duration(span.durationMs));
      // Right of the bar, or left of it when the bar ends near the edge.
      if (left + width > 88) label.style.right = (100 - left + 0.5) + "%"; else label.style.left = (left + width + 0.5) + "%";
      const name = el("div", { class: "span-name", title: `${span.service}: ${span.name}` },
        el("span", { class: `service ${colors.get(span.service)}` }, span.service), span.name);
      name.style.paddingLeft = (8 + depth * 14) + "px";
      const row = el("div", {
        class: "span-row" + (selected.has(span.spanId) ? " selected" : ""), "data-span": span.spanId, "data-service": span.service,
        onclick: () => toggle(row, span),
      }, name, el("div", { class: "span-track" }, bar, label));
      return selected.has(span.spanId) ? [row, detail(span)] : [row];
    }));
  });
})();
