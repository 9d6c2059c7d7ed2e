"use strict";
// Resources: every resource's state, health, endpoints, usage and environment, with a button per command
// (Start/Stop/Restart and the AppHost's own WithCommand/WithHttpCommand).
(() => {
  const { el, api, live, replace, uptime, bytes } = Dashboard;
  const body = document.querySelector("#resources tbody");
  const result = document.getElementById("command-result");
  const openEnvironments = new Set();
  const busy = new Set();

  function showResult(text, ok) {
    result.textContent = text;
    result.className = ok ? "ok" : "error";
  }

  async function run(name, c) {
    if (c.confirmationMessage && !confirm(c.confirmationMessage)) return;
    busy.add(name);
    try {
      const outcome = await api(`/resources/${encodeURIComponent(name)}/commands/${encodeURIComponent(c.name)}`, { method: "POST" });
      if (outcome.success) showResult(`${c.displayName} ${name}: done.`, true);
      else if (outcome.canceled) showResult(`${c.displayName} ${name}: canceled.`, false);
      else showResult(`${c.displayName} ${name} failed: ${outcome.errorMessage || "no reason given"}`, false);
    } catch (error) {
      showResult(`${c.displayName} ${name}: ${error.message}`, false);
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

  // A custom resource's own properties (WithInitialState, PublishUpdateAsync), folded under its type.
  function properties(resource) {
    if (resource.properties.length === 0) return null;
    return el("details", { class: "properties" },
      el("summary", { class: "muted" }, `${resource.properties.length} properties`),
      el("table", { class: "env" }, resource.properties.map(p => el("tr", {}, el("td", {}, p.name), el("td", {}, p.value)))));
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
      el("td", {}, r.type, properties(r)),
      el("td", {}, el("span", { class: `badge ${r.state}`, "data-style": r.stateStyle }, r.state),
        r.exitCode !== null && r.state !== "Running" ? el("span", { class: "muted" }, ` (exit ${r.exitCode})`) : null,
        r.stateReason ? el("div", { class: "reason" }, r.stateReason) : null),
      el("td", {}, r.health ? el("span", { class: `badge ${r.health}`, "data-health": r.health }, r.health) : ""),
      el("td", {}, links(r)),
      el("td", { class: "num" }, r.restartCount),
      el("td", { class: "num" }, uptime(r.uptimeSeconds)),
      el("td", { class: "num" }, r.cpuPercent !== null ? r.cpuPercent.toFixed(1) + " %" : ""),
      el("td", { class: "num" }, bytes(r.memoryBytes)),
      el("td", {}, environment(r)),
      el("td", {}, r.commands.map(c => el("button", {
        type: "button", "data-command": c.name, class: c.isHighlighted ? "highlighted" : null, title: c.description,
        disabled: busy.has(r.name) || c.state !== "Enabled",
        onclick: () => run(r.name, c),
      }, c.displayName))));
  }

  const render = resources => replace(body, resources.map(row));
  live(() => "/resources/stream", { resources: render }, async () => render(await api("/resources")));
})();
