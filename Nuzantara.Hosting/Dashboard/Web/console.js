"use strict";
// Console logs: what one resource printed, followed live (the stream pushes each new line; when polling, new lines
// are fetched after the last one seen).
(() => {
  const { el, api, live, resourceNames, fillResourceSelect, setQuery } = Dashboard;
  const select = document.getElementById("resource");
  const follow = document.getElementById("follow");
  const output = document.getElementById("console");
  let shown = null;
  let lastSequence = null;

  function append(lines) {
    for (const line of lines) {
      output.append(el("span", { class: line.isError ? "stderr" : null }, line.text + "\n"));
      lastSequence = line.sequence;
    }
    if (follow.checked && lines.length > 0) output.scrollTop = output.scrollHeight;
  }

  function show(resource) {
    shown = resource;
    lastSequence = null;
    output.replaceChildren();
  }

  async function pollLines() {
    if (!select.value) return;
    if (shown !== select.value) show(select.value);
    append(await api(`/resources/${encodeURIComponent(shown)}/console` + (lastSequence !== null ? `?after=${lastSequence}` : "")));
    if (lastSequence === null) lastSequence = 0;
  }

  (async () => {
    await fillResourceSelect(select, await resourceNames(), null);
    shown = select.value;
    // A batch marked reset starts the console over (a new connection); otherwise it continues where the page is.
    const stream = live(() => `/resources/${encodeURIComponent(select.value)}/console/stream`, {
      lines: batch => {
        if (batch.reset) show(select.value);
        append(batch.lines);
      },
    }, pollLines);
    select.addEventListener("change", () => { setQuery({ resource: select.value }); show(select.value); stream.restart(); });
  })();
})();
