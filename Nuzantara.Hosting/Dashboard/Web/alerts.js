"use strict";
// Alerts: what Alertmanager sent to the AppHost's inbox (firing and resolved), and Prometheus' targets with their health.
(() => {
  const { el, api, poll, replace, time } = Dashboard;
  const alerts = document.querySelector("#alerts tbody");
  const targets = document.querySelector("#targets tbody");

  function message(body, columns, text) {
    replace(body, el("tr", {}, el("td", { colspan: columns, class: "empty" }, text)));
  }

  poll(async () => {
    const [alertList, targetList] = await Promise.allSettled([api("/alerts"), api("/targets")]);
    if (alertList.status === "fulfilled") {
      if (alertList.value.length === 0) message(alerts, 6, "No alert received yet.");
      else replace(alerts, alertList.value.map(a => el("tr", { "data-alert": a.alertName, "data-status": a.status },
        el("td", { class: "num" }, time(a.receivedAt)),
        el("td", {}, el("strong", {}, a.alertName), a.labels.service || a.labels.job ? el("div", { class: "muted" }, a.labels.service || a.labels.job) : null),
        el("td", {}, el("span", { class: `badge ${a.status}` }, a.status)),
        el("td", {}, a.labels.severity || ""),
        el("td", {}, (a.annotations && (a.annotations.summary || a.annotations.description)) || "",
          a.annotations && a.annotations.runbook_url ? el("div", {}, el("a", { href: a.annotations.runbook_url, rel: "noopener noreferrer" }, "runbook")) : null),
        el("td", { class: "num" }, time(a.startsAt)))));
    } else {
      message(alerts, 6, "Alerts unavailable: " + alertList.reason.message);
    }
    if (targetList.status === "fulfilled") {
      replace(targets, targetList.value.map(t => el("tr", { "data-job": t.job },
        el("td", {}, t.job),
        el("td", {}, el("a", { href: t.scrapeUrl, rel: "noopener noreferrer" }, t.instance)),
        el("td", {}, el("span", { class: `badge ${t.health}` }, t.health)),
        el("td", { class: "num" }, time(t.lastScrape)),
        el("td", { class: "error" }, t.lastError || ""))));
    } else {
      message(targets, 5, "Targets unavailable: " + targetList.reason.message);
    }
  });
})();
