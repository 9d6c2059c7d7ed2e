"use strict";
// Metrics: pick a resource and one of its instruments; its points are charted over time (one line per attribute
// set; a histogram as its P50, P95 and P99).
(() => {
  const { el, api, poll, replace, query, setQuery } = Dashboard;
  const resource = document.getElementById("resource");
  const instrument = document.getElementById("instrument");
  const chart = document.getElementById("chart");
  const title = document.getElementById("chartTitle");
  let instruments = [];

  function fillInstruments() {
    const chosen = instrument.value || query().get("instrument") || "";
    const names = instruments.filter(i => i.resource === resource.value).map(i => i.name);
    replace(instrument, names.map(n => el("option", { value: n }, n)));
    instrument.value = names.includes(chosen) ? chosen : names[0] || "";
  }

  resource.addEventListener("change", () => { instrument.value = ""; fillInstruments(); setQuery({ resource: resource.value, instrument: instrument.value }); });
  instrument.addEventListener("change", () => setQuery({ resource: resource.value, instrument: instrument.value }));

  function format(value, unit) {
    // Durations under a second read better in milliseconds.
    if (unit === "s" && Math.abs(value) < 1 && value !== 0) return format(value * 1000, "ms");
    const abs = Math.abs(value);
    const text = abs >= 1e9 ? (value / 1e9).toFixed(1) + "G" : abs >= 1e6 ? (value / 1e6).toFixed(1) + "M" : abs >= 1e3 ? (value / 1e3).toFixed(1) + "k"
      : abs >= 10 || value === 0 ? value.toFixed(0) : abs >= 1 ? value.toFixed(2) : abs >= 0.01 ? value.toFixed(3) : value.toExponential(1);
    return unit && !unit.startsWith("{") ? `${text} ${unit}` : text;
  }

  function draw(data) {
    const width = Math.max(chart.clientWidth || 900, 400), height = 320, pad = { left: 70, right: 16, top: 12, bottom: 28 };
    const points = data.series.flatMap(s => s.points.map(p => ({ t: Date.parse(p.time), v: p.value })));
    if (points.length === 0) {
      replace(chart, el("div", { class: "empty" }, "No points yet."));
      return;
    }
    const t0 = Math.min(...points.map(p => p.t)), t1 = Math.max(...points.map(p => p.t), t0 + 1000);
    let v0 = Math.min(0, ...points.map(p => p.v)), v1 = Math.max(...points.map(p => p.v));
    if (v1 === v0) v1 = v0 + 1;
    const x = t => pad.left + ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
    const y = v => height - pad.bottom - ((v - v0) / (v1 - v0)) * (height - pad.top - pad.bottom);
    const ticks = [0, 0.25, 0.5, 0.75, 1].map(f => v0 + f * (v1 - v0));
    const svg = el("svg", { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `${data.name} over time` },
      ticks.map(v => el("g", {},
        el("line", { class: "grid", x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v) }),
        el("text", { x: pad.left - 6, y: y(v) + 4, "text-anchor": "end" }, format(v, data.unit)))),
      el("line", { class: "axis", x1: pad.left, x2: pad.left, y1: pad.top, y2: height - pad.bottom }),
      el("line", { class: "axis", x1: pad.left, x2: width - pad.right, y1: height - pad.bottom, y2: height - pad.bottom }),
      [t0, (t0 + t1) / 2, t1].map((t, i) => el("text", { x: x(t), y: height - 8, "text-anchor": ["start", "middle", "end"][i] },
        new Date(t).toLocaleTimeString(undefined, { hour12: false }))),
      data.series.map((s, i) => el("g", {},
        el("polyline", {
          class: `s${i % 12}`, "data-series": s.label,
          points: s.points.map(p => `${x(Date.parse(p.time)).toFixed(1)},${y(p.value).toFixed(1)}`).join(" "),
        }),
        // A dot per point, so a series with a single point still shows.
        s.points.map(p => el("circle", { class: `dot f${i % 12}`, cx: x(Date.parse(p.time)).toFixed(1), cy: y(p.value).toFixed(1), r: 2.5 })))));
    replace(chart, svg, el("div", { class: "legend" }, data.series.map((s, i) =>
      el("span", {}, el("span", { class: `swatch sw${i % 12}` }), s.label,
        s.points.length ? el("span", { class: "muted" }, " · " + format(s.points[s.points.length - 1].value, data.unit)) : null))));
  }

  poll(async () => {
    instruments = await api("/metrics");
    const resources = [...new Set(instruments.map(i => i.resource))];
    const chosen = resource.value || query().get("resource") || "";
    if (resource.options.length !== resources.length) {
      replace(resource, resources.map(r => el("option", { value: r }, r)));
      resource.value = resources.includes(chosen) ? chosen : resources[0] || "";
    }
    if (instrument.options.length === 0 || ![...instrument.options].every(o => instruments.some(i => i.resource === resource.value && i.name === o.value))) fillInstruments();
    if (!resource.value || !instrument.value) {
      replace(chart, el("div", { class: "empty" }, "No metrics yet: services export them every second once they run."));
      return;
    }
    const data = await api(`/metrics/${encodeURIComponent(resource.value)}/${encodeURIComponent(instrument.value)}`);
    title.textContent = `${data.name}${data.unit ? " (" + data.unit + ")" : ""} · ${data.kind}${data.kind === "Histogram" ? ": P50, P95, P99 per export interval" : ""}`;
    draw(data);
  });
})();
