"use strict";
// Console logs: what one resource printed, followed live (new lines are fetched after the last one seen).
(() => {
  const { el, api, poll, resourceNames, fillResourceSelect, setQuery } = Dashboard;
  const select = document.getElementById("resource");
  const follow = document.getElementById("follow");
  const output = document.getElementById("console");
  let shown = null;
  let lastSequence = null;

  select.addEventListener("change", () => { setQuery({ resource: select.value }); shown = null; });

  poll(async () => {
    if (select.options.length === 0) await fillResourceSelect(select, await resourceNames(), null);
    if (!select.value) return;
    if (shown !== select.value) {
      shown = select.value;
      lastSequence = null;
      output.replaceChildren();
    }
    const lines = await api(`/resources/${encodeURIComponent(shown)}/console` + (lastSequence !== null ? `?after=${lastSequence}` : ""));
    for (const line of lines) {
      output.append(el("span", { class: line.isError ? "stderr" : null }, line.text + "\n"));
      lastSequence = line.sequence;
    }
    if (lastSequence === null) lastSequence = 0;
    if (follow.checked && lines.length > 0) output.scrollTop = output.scrollHeight;
  });
})();
