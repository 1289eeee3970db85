// Select words in the highlighted text and mark them as a claim or a quotation.
// Progressive: it only fills a new inline row (the words and a position hint); the server anchors them.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const body = document.querySelector("[data-marking-body]");
  if (!body) return;

  const toolbar = document.createElement("div");
  toolbar.className = "marking-toolbar";
  toolbar.innerHTML =
    '<button type="button" class="button" data-mark="claims">Mark selection as claim</button>' +
    '<button type="button" class="button" data-mark="quotations">Mark selection as quotation</button>' +
    '<span role="status" aria-live="polite"></span>';
  body.before(toolbar);
  const status = toolbar.querySelector("[role=status]");
  let selection = null;

  // A range's text as the body has it: without the labels (C1, Q1…) written after each marked item,
  // which are not the article's words (a selection over one, or a hint counting one, would be wrong).
  function bodyText(range) {
    const fragment = range.cloneContents();
    fragment.querySelectorAll(".mark-ref").forEach((label) => label.remove());
    return fragment.textContent;
  }

  function readSelection() {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return null;
    const words = bodyText(range).replace(/\s+/g, " ").trim();
    if (!words) return null;
    const start = range.startContainer;
    const paragraph = (start.nodeType === Node.ELEMENT_NODE ? start : start.parentElement).closest("[data-offset]");
    let hint = null;
    if (paragraph) {
      const before = document.createRange();
      before.setStart(paragraph, 0);
      before.setEnd(range.startContainer, range.startOffset);
      hint = Number(paragraph.dataset.offset) + bodyText(before).length;
    }
    return { words, hint };
  }

  document.addEventListener("selectionchange", () => {
    const current = readSelection();
    if (current) selection = current;
  });

  function emptyRow(prefix) {
    const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
    if (!total) return null;
    // Reuse a blank extra row if there is one, else ask Django's inline script for a new one.
    for (let i = 0; i < Number(total.value); i++) {
      const words = document.getElementById(`id_${prefix}-${i}-exact`);
      const id = document.getElementById(`id_${prefix}-${i}-id`);
      if (words && !words.value.trim() && (!id || !id.value)) return i;
    }
    const add = document.querySelector(`#${prefix}-group .add-row a`);
    if (!add) return null;
    add.click();
    return Number(total.value) - 1;
  }

  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("[data-mark]");
    if (!button) return;
    if (!selection) {
      status.textContent = "Select some words in the text first.";
      return;
    }
    const prefix = button.dataset.mark;
    const index = emptyRow(prefix);
    if (index === null) {
      status.textContent = "You cannot add more here.";
      return;
    }
    document.getElementById(`id_${prefix}-${index}-exact`).value = selection.words;
    const hint = document.getElementById(`id_${prefix}-${index}-position_hint`);
    if (hint && selection.hint !== null) hint.value = selection.hint;
    const row = document.getElementById(`${prefix}-${index}`) || document.getElementById(`id_${prefix}-${index}-exact`);
    row.scrollIntoView({ block: "center" });
    const next = row.querySelector ? row.querySelector("select, input:not([type=hidden])") : null;
    if (next) next.focus();
    status.textContent = `Added “${selection.words.slice(0, 60)}” — choose its details, then save.`;
    selection = null;
  });
});
