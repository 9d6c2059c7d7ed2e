"use strict";
// Resources: every resource's state, health, endpoints, usage and environment, with Start/Stop/Restart.
(() => {
  const { el, api, live, replace, uptime, bytes } = Dashboard;
  const body = document.querySelector("#resources tbody");
  const openEnvironments = new Set();
  const busy = new Set();

  async function command(name, verb) {
    busy.add(name);
    try {
      await api(`/resources/${encodeURIComponent(name)}/${verb}`, { method: "POST" });
    } catch (error) {
      alert(`${verb} ${name}: ${error.message}`);
    } finally {
      busy.delete(name);
    }
  }

  function environment(resource) {
    if (resource.environment.length === 0) return el("span", { class: "muted" }, "—");
    const details = el("details", { open: openEnvironments.has(resource.name) },
      el("summary", {}, `${resource.environment.length} variables`),
      el("table", { class: "env" }, resource.environment.map(v => el("tr", {}, el("td", {}, v.name), el("td", {}, v.value)))));
    details.addEventListener("toggle", () => details.open ? openEnvironments.add(resource.name) : openEnvironments.delete(resource.name));
    return details;
  }

  // A link shows its display text when it has one; links marked "details only" (WithUrlForEndpoint) fold away.
  function link(u) {
    const text = u.displayText || u.url;
    return el("div", {}, /^https?:/.test(u.url) ? el("a", { href: u.url, target: "_blank", rel: "noopener noreferrer", title: u.url }, text) : text);
  }

  function links(resource) {
    const shown = resource.urls.filter(u => !u.detailsOnly).map(link);
    const folded = resource.urls.filter(u => u.detailsOnly);
    return folded.length === 0 ? shown : [...shown, el("details", {}, el("summary", { class: "muted" }, `${folded.length} more`), folded.map(link))];
  }

  function row(r) {
    return el("tr", { "data-resource": r.name },
      el("td", {}, el("strong", {}, r.name), r.parent ? el("div", { class: "muted" }, `in ${r.parent}`) : null),
      el("td", {}, r.type),
      el("td", {}, el("span", { class: `badge ${r.state}` }, r.state),
        r.exitCode !== null && r.state !== "Running" ? el("span", { class: "muted" }, ` (exit ${r.exitCode})`) : null,
        r.stateReason ? el("div", { class: "reason" }, r.stateReason) : null),
      el("td", {}, r.health ? el("span", { class: `badge ${r.health}`, "data-health": r.health }, r.health) : ""),
      el("td", {}, links(r)),
      el("td", { class: "num" }, r.restartCount),
      el("td", { class: "num" }, uptime(r.uptimeSeconds)),
      el("td", { class: "num" }, r.cpuPercent !== null ? r.cpuPercent.toFixed(1) + " %" : ""),
      el("td", { class: "num" }, bytes(r.memoryBytes)),
      el("td", {}, environment(r)),
      el("td", {}, r.commands.map(verb => el("button", {
        type: "button", "data-command": verb, disabled: busy.has(r.name),
        onclick: () => command(r.name, verb),
      }, verb[0].toUpperCase() + verb.slice(1)))));
  }

  const render = resources => replace(body, resources.map(row));
  live(() => "/resources/stream", { resources: render }, async () => render(await api("/resources")));
})();
