"use strict";
// Alerts: what Alertmanager sent to the AppHost's inbox (firing and resolved), pushed as it arrives, and Prometheus'
// targets with their health, polled: that state is Prometheus' own, and it tells nobody when it changes.
(() => {
  const { el, api, poll, live, replace, time } = Dashboard;
  const alerts = document.querySelector("#alerts tbody");
  const targets = document.querySelector("#targets tbody");

  function message(body, columns, text) {
    replace(body, el("tr", {}, el("td", { colspan: columns, class: "empty" }, text)));
  }

  function renderAlerts(list) {
    if (list.length === 0) message(alerts, 6, "No alert received yet.");
    else replace(alerts, list.map(a => el("tr", { "data-alert": a.alertName, "data-status": a.status },
      el("td", { class: "num" }, time(a.receivedAt)),
      el("td", {}, el("strong", {}, a.alertName), a.labels.service || a.labels.job ? el("div", { class: "muted" }, a.labels.service || a.labels.job) : null),
      el("td", {}, el("span", { class: `badge ${a.status}` }, a.status)),
      el("td", {}, a.labels.severity || ""),
      el("td", {}, (a.annotations && (a.annotations.summary || a.annotations.description)) || "",
        a.annotations && a.annotations.runbook_url ? el("div", {}, el("a", { href: a.annotations.runbook_url, rel: "noopener noreferrer" }, "runbook")) : null),
      el("td", { class: "num" }, time(a.startsAt)))));
  }

  live(() => "/alerts/stream", { alerts: renderAlerts }, async () => {
    try {
      renderAlerts(await api("/alerts"));
    } catch (error) {
      message(alerts, 6, "Alerts unavailable: " + error.message);
    }
  });

  // The targets table shows its own failures, so the status line stays the alerts stream's.
  poll(async () => {
    try {
      replace(targets, (await api("/targets")).map(t => el("tr", { "data-job": t.job },
        el("td", {}, t.job),
        el("td", {}, el("a", { href: t.scrapeUrl, rel: "noopener noreferrer" }, t.instance)),
        el("td", {}, el("span", { class: `badge ${t.health}` }, t.health)),
        el("td", { class: "num" }, time(t.lastScrape)),
        el("td", { class: "error" }, t.lastError || ""))));
    } catch (error) {
      message(targets, 5, "Targets unavailable: " + error.message);
    }
  }, null);
})();
