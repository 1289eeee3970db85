// Warns while the change page is open: someone else has the article open, saved it, or locked it.
// Progressive: without it, a stale save is still refused by the server and shown the difference.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const banner = document.querySelector("[data-presence-url]");
  if (!banner || !banner.dataset.presenceUrl) return;
  const url = banner.dataset.presenceUrl;

  async function check() {
    let state;
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      state = await response.json();
    } catch {
      return;
    }
    const notes = [];
    if (state.saved_since) notes.push(`${state.saved_by || "Someone"} saved this article after you opened it: saving now will show you the difference first.`);
    if (state.others.length) notes.push(`Also open by ${state.others.join(", ")}.`);
    if (state.locked_by) notes.push(`Locked by ${state.locked_by}.`);
    banner.textContent = notes.join(" ");
    banner.hidden = notes.length === 0;
  }
  check();
  setInterval(check, 30000);
});
