// The article body's rich-text editor (articles/widgets.py, RichTextBody): Quill over a textarea.
// Progressive: the textarea holds the body's HTML and is what the form posts. This script hides it,
// mounts Quill beside it with a toolbar limited to the body's allowed subset (articles/richtext.py:
// p, h2, h3, a[href], em, strong, ul/ol/li, blockquote, and figures: an image of the library or an
// embedded post) and, on every change, writes the editor's HTML back into it. The server sanitises
// whatever arrives (richtext.sanitise); what is written here is already in its canonical form for what
// the editor can hold. Figures are Quill block embeds (<figure data-image="ID"> or data-embed="URL"),
// inserted from the toolbar: an image picked in a dialog listing the library (the textarea's
// data-image-library, a staff JSON list), a post by its address.
"use strict";
(() => {
  if (typeof Quill === "undefined") return; // the vendored script did not load: the textarea stays

  const Delta = Quill.import("delta");
  const Link = Quill.import("formats/link");
  const Keyboard = Quill.import("modules/keyboard");
  const BlockEmbed = Quill.import("blots/block/embed");

  // Only the subset's formats are registered in the editor, so Quill's clipboard drops every other
  // one (colours, fonts, sizes, underline, images, tables, code...) from a paste. <b> and <i> are
  // Quill's bold and italic, which it writes as <strong> and <em>.
  const FORMATS = ["header", "bold", "italic", "link", "list", "blockquote", "figure"];
  // "image" and "video" are only button names here (Quill's icons for them): their handlers insert
  // figures, and neither format is registered, so a pasted <img> or <iframe> is still dropped.
  const TOOLBAR = [
    [{ header: 2 }, { header: 3 }],
    ["bold", "italic", "link"],
    [{ list: "ordered" }, { list: "bullet" }],
    ["blockquote"],
    ["image", "video"],
  ];
  const NAMES = {
    "header:2": "Subheading",
    "header:3": "Minor subheading",
    bold: "Bold",
    italic: "Italic",
    link: "Link",
    "list:ordered": "Numbered list",
    "list:bullet": "Bulleted list",
    blockquote: "Block quote",
    image: "Image from the library",
    video: "Embedded post",
  };
  const HEADINGS = { 1: 2, 2: 2, 3: 3, 4: 3, 5: 3, 6: 3 }; // as richtext.sanitise reads h1-h6
  // Code and fallback markup, not text: pasted, its content goes too (richtext._DROPPED_WITH_CONTENT).
  const DROPPED = "script, noscript, template, textarea, title, iframe, object, svg, math, select, noembed, noframes, xmp";
  const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
  const KEPT_LINK = /^(https?|mailto):/i; // richtext.URL_SCHEMES: a link elsewhere keeps only its words

  // A link to "example.org" would be relative, which the server drops: it gets https://; an e-mail
  // address gets mailto:. Other schemes than the server keeps (http, https, mailto) become Quill's
  // about:blank, and bodyHTML keeps only the link's words, as the server would.
  function withScheme(url) {
    const value = String(url).trim();
    if (URL_SCHEME.test(value)) return value;
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(value)) return `mailto:${value}`;
    if (value.startsWith("//")) return `https:${value}`;
    if (/^[^\s/?#.]+(\.[^\s/?#.]+)+([/?#]|$)/.test(value)) return `https://${value}`;
    return value;
  }

  class BodyLink extends Link {
    static PROTOCOL_WHITELIST = ["http", "https", "mailto"];
    static sanitize(url) {
      return super.sanitize(withScheme(url));
    }
  }
  Quill.register("formats/link", BodyLink, true);

  // What richtext._figure keeps: a positive image id, an http(s) address with a host.
  const IMAGE_ID = /^[1-9][0-9]{0,17}$/;
  function embedAddress(value) {
    const address = String(value || "").trim();
    if (/\s/.test(address)) return null;
    try {
      const url = new URL(address);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname ? address : null;
    } catch {
      return null;
    }
  }

  // What the editor knows of the library's images (id -> {alt, caption, credit, thumbnail}), to show a
  // figure as the image it places rather than as a number.
  const library = new Map();

  function describe(node) {
    const label = node.querySelector(".body-figure-label");
    const thumbnail = node.querySelector("img");
    if (!label || !thumbnail) return;
    if (node.dataset.embed) {
      label.textContent = `Embedded post: ${node.dataset.embed}`;
      return;
    }
    const image = library.get(node.dataset.image);
    label.textContent = image
      ? `Image: ${image.alt}${image.caption ? ` (${image.caption})` : ""}`
      : `Image ${node.dataset.image} of the library`;
    if (image && image.thumbnail) {
      thumbnail.src = image.thumbnail;
      thumbnail.hidden = false;
    }
  }

  // A figure in the editor: one block that is not text, shown as its image (or the post's address).
  class Figure extends BlockEmbed {
    static blotName = "figure";
    static tagName = "FIGURE";

    static create(value) {
      const node = super.create();
      if (value && IMAGE_ID.test(String(value.image))) node.dataset.image = String(value.image);
      else if (value && embedAddress(value.embed)) node.dataset.embed = embedAddress(value.embed);
      node.setAttribute("contenteditable", "false");
      const thumbnail = document.createElement("img");
      thumbnail.alt = "";
      thumbnail.hidden = true;
      const label = document.createElement("span");
      label.className = "body-figure-label";
      node.append(thumbnail, label);
      describe(node);
      return node;
    }

    static value(node) {
      if (IMAGE_ID.test(node.dataset.image || "")) return { image: node.dataset.image };
      const embed = embedAddress(node.dataset.embed);
      return embed ? { embed } : null; // a figure from elsewhere: its text is read as paragraphs
    }

    html() {
      return figureHTML(this.domNode) || "";
    }
  }
  Quill.register("formats/figure", Figure, true);

  function figureHTML(node) {
    const value = Figure.value(node);
    if (!value) return null;
    if (value.image) return `<figure data-image="${value.image}"></figure>`;
    return `<figure data-embed="${escapeText(value.embed)}"></figure>`;
  }

  // A pasted h1 or h4-h6 is the nearest allowed heading, a pasted checklist a bulleted list.
  function toSubset(node, delta) {
    return new Delta(
      delta.ops.map((op) => {
        const attributes = op.attributes;
        if (!attributes || !(attributes.header || attributes.list)) return op;
        const kept = { ...attributes };
        if (kept.header) kept.header = HEADINGS[kept.header] || 3;
        if (kept.list && kept.list !== "ordered") kept.list = "bullet";
        return { ...op, attributes: kept };
      }),
    );
  }

  // The editor's HTML as the body's canonical form (richtext._write): one block a line, each list
  // item and each paragraph of a quotation a line of its own, whitespace folded, empty blocks gone.
  // Quill 2.0.3's getSemanticHTML writes every space as &nbsp;, a quotation as one <blockquote> per
  // line, links with rel and target, and the caret's placeholder (<span class="ql-cursor">) too.
  // Escaped as the server escapes (rendering.esc, Django's escape): & < > " ' in text and attributes.
  const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
  const escapeText = (text) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

  function inline(node, state) {
    let html = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        let text = child.data.replace(/\uFEFF/g, "").replace(/\s+/g, " ");
        if (state.afterSpace) text = text.replace(/^ /, "");
        if (!text) continue;
        state.afterSpace = text.endsWith(" ");
        html += escapeText(text);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = child.tagName.toLowerCase();
        if (tag === "br") {
          if (!state.afterSpace) html += " ";
          state.afterSpace = true;
          continue;
        }
        const inner = inline(child, state);
        if (!inner) continue;
        const href = tag === "a" ? child.getAttribute("href") : null;
        if (href && KEPT_LINK.test(href)) html += `<a href="${escapeText(href)}">${inner}</a>`;
        else if (tag === "em" || tag === "strong") html += `<${tag}>${inner}</${tag}>`;
        else html += inner; // anything else is unwrapped
      }
    }
    return html;
  }

  function blockContent(node) {
    return inline(node, { afterSpace: true }).replace(/ ((?:<\/[a-z]+>)*)$/, "$1");
  }

  function bodyHTML(quill) {
    const parsed = document.createElement("template"); // inert: nothing in it loads or runs
    parsed.innerHTML = quill.getSemanticHTML();
    const lines = [];
    let quotation = [];
    const endQuotation = () => {
      if (quotation.length) lines.push("<blockquote>", ...quotation, "</blockquote>");
      quotation = [];
    };
    for (const node of parsed.content.children) {
      const tag = node.tagName.toLowerCase();
      if (tag === "figure") {
        endQuotation();
        const figure = figureHTML(node);
        if (figure) lines.push(figure);
        continue;
      }
      if (tag === "blockquote") {
        const content = blockContent(node);
        if (content) quotation.push(`<p>${content}</p>`);
        continue;
      }
      endQuotation();
      if (tag === "ul" || tag === "ol") {
        const items = [...node.children].map(blockContent).filter(Boolean);
        if (items.length) lines.push(`<${tag}>`, ...items.map((item) => `<li>${item}</li>`), `</${tag}>`);
      } else {
        const kind = tag === "h2" || tag === "h3" ? tag : "p";
        const content = blockContent(node);
        if (content) lines.push(`<${kind}>${content}</${kind}>`);
      }
    }
    endQuotation();
    return lines.join("\n");
  }

  // What the textarea holds, for Quill: HTML, or plain paragraphs typed without scripts.
  function initialHTML(value) {
    if (value.includes("<")) return value;
    return value
      .split(/\n\s*\n/)
      .map((paragraph) => paragraph.trim())
      .filter(Boolean)
      .map((paragraph) => `<p>${escapeText(paragraph)}</p>`)
      .join("");
  }

  // The toolbar is one tab stop; the arrow keys, Home and End move between its buttons (ARIA toolbar).
  function roving(toolbar) {
    const buttons = [...toolbar.querySelectorAll("button")];
    const focusOn = (button) => {
      for (const other of buttons) other.tabIndex = other === button ? 0 : -1;
      button.focus();
    };
    buttons.forEach((button, index) => {
      button.tabIndex = index === 0 ? 0 : -1;
    });
    toolbar.addEventListener("focusin", (event) => {
      if (buttons.includes(event.target)) for (const b of buttons) b.tabIndex = b === event.target ? 0 : -1;
    });
    toolbar.addEventListener("keydown", (event) => {
      const at = buttons.indexOf(document.activeElement);
      if (at < 0) return;
      const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      focusOn(buttons[(to + buttons.length) % buttons.length]);
    });
  }

  function mount(textarea) {
    const label = textarea.id ? document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`) : null;
    const name = label ? label.textContent.trim().replace(/:$/, "") : "Body";

    const wrapper = document.createElement("div");
    wrapper.className = "body-editor";
    const container = document.createElement("div");
    wrapper.append(container);
    textarea.after(wrapper);

    const quill = new Quill(container, {
      theme: "snow",
      formats: FORMATS,
      modules: {
        toolbar: { container: TOOLBAR, handlers: { image: () => insertImage(quill), video: () => insertEmbed(quill) } },
        clipboard: { matchers: [[DROPPED, () => new Delta()], ["h1, h4, h5, h6, ol, ul", toSubset]] },
        keyboard: {
          bindings: {
            // Tab leaves the editor instead of indenting (there is no nested list or tab in the subset).
            tab: false,
            indent: false,
            outdent: false,
            // "- ", "* " and "1. " start lists; "[ ] " would start a checklist, which the subset has not.
            "list autofill": { ...Keyboard.DEFAULTS.bindings["list autofill"], prefix: /^\s*?(\d+\.|-|\*)$/ },
          },
        },
      },
    });
    quill.setContents(quill.clipboard.convert({ html: initialHTML(textarea.value) }), Quill.sources.SILENT);
    quill.history.clear();

    // The textarea is what is posted; hidden, it must not block the submit as an empty required field.
    const editor = quill.root;
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    if (label) {
      label.id ||= `${textarea.id}_label`;
      editor.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", () => quill.focus());
    } else {
      editor.setAttribute("aria-label", name);
    }
    for (const attribute of ["aria-describedby", "aria-invalid"]) {
      if (textarea.hasAttribute(attribute)) editor.setAttribute(attribute, textarea.getAttribute(attribute));
    }
    if (textarea.required) {
      editor.setAttribute("aria-required", "true");
      textarea.required = false;
    }
    textarea.hidden = true;

    const toolbar = quill.getModule("toolbar").container;
    toolbar.setAttribute("aria-label", `${name}: formatting`);
    for (const button of toolbar.querySelectorAll("button")) {
      const format = [...button.classList].find((c) => c.startsWith("ql-")).slice(3);
      const title = NAMES[button.value ? `${format}:${button.value}` : format] || format;
      button.setAttribute("aria-label", title);
      button.title = title;
    }
    roving(toolbar);

    // The link box: labelled, and its Save/Edit and Remove (anchors without href, named only by CSS
    // content) are named buttons the keyboard reaches.
    const tooltip = quill.theme.tooltip;
    tooltip.textbox.setAttribute("aria-label", "Link address");
    tooltip.textbox.dataset.link = "https://";
    const action = tooltip.root.querySelector("a.ql-action");
    const remove = tooltip.root.querySelector("a.ql-remove");
    remove.setAttribute("aria-label", "Remove link");
    const nameAction = () =>
      action.setAttribute("aria-label", tooltip.root.classList.contains("ql-editing") ? "Save link" : "Edit link");
    nameAction();
    new MutationObserver(nameAction).observe(tooltip.root, { attributes: true, attributeFilter: ["class"] });
    for (const control of [action, remove]) {
      control.setAttribute("role", "button");
      control.tabIndex = 0;
      control.addEventListener("keydown", (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        control.click();
      });
    }

    const source = textarea.dataset.imageLibrary;
    if (source) {
      // The library's words for the figures already in the body; the picker asks again when opened.
      loadLibrary(source, "").then(() => {
        for (const node of quill.root.querySelectorAll("figure[data-image]")) describe(node);
      });
    }
    quill.imageLibrary = source;

    quill.on("text-change", () => {
      textarea.value = bodyHTML(quill);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    });
    return quill;
  }

  // Figures: the library list, the dialogs that ask which image or which post, the insertion.

  async function loadLibrary(source, query) {
    const url = new URL(source, document.baseURI);
    if (query) url.searchParams.set("q", query);
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return [];
      const { images } = await response.json();
      for (const image of images) library.set(String(image.id), image);
      return images;
    } catch {
      return [];
    }
  }

  let dialogs = 0;

  // A modal dialog (focus kept inside, Escape cancels) with a heading, `fields`, a status line, and
  // Insert and Cancel; `check()` gives an error to show, or null to close it with "insert".
  function dialog(title, fields, check) {
    dialogs += 1;
    const box = document.createElement("dialog");
    box.className = "body-figure-dialog";
    const heading = document.createElement("h2");
    heading.id = `body-figure-dialog-${dialogs}`;
    heading.textContent = title;
    box.setAttribute("aria-labelledby", heading.id);
    const form = document.createElement("form");
    form.method = "dialog";
    const status = document.createElement("p");
    status.className = "body-figure-status";
    status.setAttribute("role", "status");
    const actions = document.createElement("div");
    actions.className = "body-figure-actions";
    const insert = document.createElement("button");
    insert.type = "submit";
    insert.value = "insert";
    insert.textContent = "Insert";
    const cancel = document.createElement("button");
    cancel.type = "submit";
    cancel.value = "cancel";
    cancel.formNoValidate = true;
    cancel.textContent = "Cancel";
    actions.append(insert, cancel);
    form.append(heading, ...fields, status, actions);
    box.append(form);
    form.addEventListener("submit", (event) => {
      if (event.submitter !== insert) return;
      const error = check();
      if (error) {
        event.preventDefault();
        status.textContent = error;
      }
    });
    document.body.append(box);
    return { box, status };
  }

  function labelled(text, control) {
    const label = document.createElement("label");
    label.append(text, control);
    return label;
  }

  // Resolves with what was chosen, or null when cancelled; the editor gets the focus back either way.
  function ask(quill, box, read) {
    return new Promise((resolve) => {
      box.returnValue = "";
      box.addEventListener(
        "close",
        () => {
          quill.focus();
          resolve(box.returnValue === "insert" ? read() : null);
        },
        { once: true },
      );
      box.showModal();
    });
  }

  // The figure goes where the caret is (a paragraph it is in is split around it); the caret after it.
  function place(quill, range, value) {
    const change = quill.insertEmbed(range.index, "figure", value, Quill.sources.USER);
    let at = 0; // where the figure landed: Quill may first end the line the caret was in
    for (const op of change.ops) {
      if (typeof op.retain === "number") at += op.retain;
      else if (typeof op.insert === "string") at += op.insert.length;
      else if (op.insert) break;
    }
    quill.setSelection(at + 1, 0, Quill.sources.SILENT);
  }

  async function insertImage(quill) {
    const range = quill.getSelection(true);
    if (!quill.imagePicker) {
      const search = document.createElement("input");
      search.type = "search";
      const list = document.createElement("select");
      list.size = 8;
      const picker = dialog("Insert an image from the library", [
        labelled("Search the library ", search),
        labelled("Image ", list),
      ], () => (list.value ? null : "Choose an image, or upload one to the library first."));
      let asked = 0;
      const fill = async () => {
        const request = ++asked;
        picker.status.textContent = "Loading…";
        const images = quill.imageLibrary ? await loadLibrary(quill.imageLibrary, search.value.trim()) : [];
        if (request !== asked) return; // a later search answers instead
        list.replaceChildren(
          ...images.map((image) => {
            const words = [image.alt, image.caption, image.credit].filter(Boolean).join(" — ");
            return new Option(words, String(image.id));
          }),
        );
        if (images.length) list.selectedIndex = 0;
        picker.status.textContent = images.length ? `${images.length} images` : "No images found.";
      };
      let typing;
      search.addEventListener("input", () => {
        clearTimeout(typing);
        typing = setTimeout(fill, 250);
      });
      search.addEventListener("keydown", (event) => {
        if (event.key !== "Enter") return;
        event.preventDefault(); // searching, not inserting
        clearTimeout(typing);
        fill();
      });
      quill.imagePicker = { ...picker, search, list, fill };
    }
    const picker = quill.imagePicker;
    picker.status.textContent = "";
    const opened = ask(quill, picker.box, () => picker.list.value);
    picker.fill();
    const chosen = await opened;
    if (chosen) place(quill, range, { image: chosen });
  }

  async function insertEmbed(quill) {
    const range = quill.getSelection(true);
    if (!quill.embedAsker) {
      const address = document.createElement("input");
      address.type = "url";
      address.required = true;
      address.placeholder = "https://";
      const asker = dialog("Embed a post", [labelled("Address of the post ", address)], () =>
        embedAddress(address.value) ? null : "Give the post's whole address, starting with https:// or http://.",
      );
      quill.embedAsker = { ...asker, address };
    }
    const asker = quill.embedAsker;
    asker.address.value = "";
    asker.status.textContent = "";
    const chosen = await ask(quill, asker.box, () => embedAddress(asker.address.value));
    if (chosen) place(quill, range, { embed: chosen });
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const textarea of document.querySelectorAll("textarea[data-rich-text-body]")) mount(textarea);
  });
})();
