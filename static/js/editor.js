// The document editor (directives/templates/directives/edit.html). The page works without this file: every
// button is a plain submit and the server saves what was typed. This adds, under the CSP (no inline code):
// - the autosave's refusal in Vietnamese, in the sticky bar and beside the field it is about;
// - a warning before leaving the page with changes not yet saved;
// - the citation suggestions as a list a person can go through with ↓ ↑ and pick with Enter;
// - no lost save when a button is pressed while an autosave is still on its way.
(() => {
  const form = document.querySelector("form[data-editor]");
  if (!form) return;
  const status = document.getElementById("autosave");

  // --- Refusals beside their fields ------------------------------------------------------------------
  function clearFieldErrors() {
    form.querySelectorAll(".field-error[data-from-editor]").forEach((note) => note.remove());
    form.querySelectorAll("[data-invalid-from-editor]").forEach((field) => {
      field.removeAttribute("aria-invalid");
      field.removeAttribute("data-invalid-from-editor");
      const described = (field.getAttribute("aria-describedby") || "").split(" ")
        .filter((id) => id && !id.startsWith("loi-"));
      if (described.length) field.setAttribute("aria-describedby", described.join(" "));
      else field.removeAttribute("aria-describedby");
    });
  }

  function showFieldErrors(items) {
    clearFieldErrors();
    items.forEach((item) => {
      const name = item.dataset.field;
      if (!name) return;
      let field = form.elements.namedItem(name);
      if (field && typeof field.length === "number" && !field.tagName) field = field[0];
      if (!field || field.type === "hidden") return;
      const note = document.createElement("p");
      note.className = "field-error";
      note.id = "loi-" + name;
      note.dataset.fromEditor = "";
      note.textContent = item.textContent;
      field.setAttribute("aria-invalid", "true");
      field.dataset.invalidFromEditor = "";
      const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      field.setAttribute("aria-describedby", described.concat(note.id).join(" "));
      field.insertAdjacentElement("afterend", note);
    });
  }

  // A page drawn after a refused save lists its reasons at the top: show each beside its field too.
  const summary = document.querySelector("[data-editor-errors]");
  if (summary) showFieldErrors(summary.querySelectorAll("li[data-field]"));

  // --- Unsaved changes -------------------------------------------------------------------------------
  let edits = 0;        // changes typed since the page was drawn
  let savedEdits = 0;   // of which the server has confirmed this many
  let sentEdits = 0;    // what the autosave on its way carries
  let inFlight = false;
  let leaving = false;  // a button of the form was pressed: the server gets everything typed
  let waitingSubmitter = null;

  const dirty = () => edits !== savedEdits;
  form.addEventListener("input", () => {
    edits += 1;
    if (!status.querySelector(".error")) {  // a refusal stays in view until the next answer replaces it
      const span = document.createElement("span");
      span.className = "muted";
      span.textContent = "Có thay đổi chưa lưu — tự lưu sau giây lát.";
      status.replaceChildren(span);
    }
  });
  window.addEventListener("beforeunload", (event) => {
    if (leaving || !dirty()) return;
    event.preventDefault();
    event.returnValue = "";  // Chromium shows its own "Leave site?" text
  });

  form.addEventListener("submit", (event) => {
    if (inFlight) {  // let the autosave finish first, or this post would carry a version already replaced
      event.preventDefault();
      waitingSubmitter = event.submitter || null;
      return;
    }
    leaving = true;
  });

  form.addEventListener("htmx:beforeRequest", (event) => {
    if (event.detail.elt !== form) return;
    if (leaving) { event.preventDefault(); return; }  // the page is being posted whole
    inFlight = true;
    sentEdits = edits;
  });

  // A conflict (409) or a refusal to edit (403) comes with a Vietnamese reason: show it instead of htmx's
  // silence.
  // (htmx names the swap's target as detail.elt here; the element that asked is requestConfig.elt.)
  form.addEventListener("htmx:beforeSwap", (event) => {
    const { requestConfig, xhr } = event.detail;
    if (!requestConfig || requestConfig.elt !== form || xhr.status < 400 || xhr.status >= 500) return;
    if ((xhr.responseText || "").includes("data-autosave-refused")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function say(text) {
    status.replaceChildren();
    const span = document.createElement("span");
    span.className = "error";
    span.textContent = text;
    status.append(span);
  }

  form.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.elt !== form) return;
    inFlight = false;
    const xhr = event.detail.xhr;
    // What was typed and cannot be kept yet answers 200 with its reasons; a conflict answers 409 with them.
    const refused = xhr && (xhr.responseText || "").includes("data-autosave-refused");
    if (refused && xhr.status < 500) {
      showFieldErrors(status.querySelectorAll("[data-field-errors] li"));
    } else if (xhr && xhr.status === 200) {
      savedEdits = sentEdits;
      clearFieldErrors();
      if (summary) summary.remove();
    } else if (xhr && xhr.status >= 400) {
      say(`Chưa lưu được: máy chủ trả lời mã ${xhr.status}. Những gì bạn gõ vẫn còn trên trang; ` +
          "hãy bấm «Lưu bản nháp» để thử lại.");
    } else {
      say("Chưa lưu được: không kết nối được tới máy chủ. Những gì bạn gõ vẫn còn trên trang; " +
          "hãy bấm «Lưu bản nháp» khi có mạng trở lại.");
    }
    if (waitingSubmitter) {
      const submitter = waitingSubmitter;
      waitingSubmitter = null;
      leaving = true;
      form.requestSubmit(submitter);
    }
  });

  // --- Citation search: a combobox over the suggestions -------------------------------------------------
  const search = form.querySelector("[data-cite-search]");
  if (search) {
    // What is typed here looks a document up; it is not part of the draft, so it does not autosave.
    ["input", "change"].forEach((type) => search.addEventListener(type, (event) => event.stopPropagation()));
    const input = search.querySelector("[role='combobox']");
    const results = search.querySelector(".cite-results");  // holds the listbox the combobox controls
    const citeButton = search.querySelector("button[value='cite_new']");
    let active = -1;
    const options = () => Array.from(results.querySelectorAll("[role='option']"));

    function highlight(index) {
      const all = options();
      active = all.length ? Math.max(-1, Math.min(index, all.length - 1)) : -1;
      all.forEach((option, i) => {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
        option.classList.toggle("is-active", i === active);
      });
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", all[active].id);
        all[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    results.addEventListener("htmx:afterSwap", () => {
      input.setAttribute("aria-expanded", options().length ? "true" : "false");
      highlight(-1);
    });

    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!options().length) return;
        event.preventDefault();
        highlight(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Escape") {
        results.replaceChildren();
        input.setAttribute("aria-expanded", "false");
        highlight(-1);
      } else if (event.key === "Enter") {
        event.preventDefault();
        const picked = options()[active];
        (picked || citeButton).click();
      }
    });
    // Enter in the date or the issuer records the typed citation, not the whole draft's "save".
    search.querySelectorAll("input:not([role='combobox'])").forEach((field) => {
      field.addEventListener("keydown", (event) => {
        if (event.key === "Enter") { event.preventDefault(); citeButton.click(); }
      });
    });
  }

  // --- Back where the person was ------------------------------------------------------------------------
  // After "+ Thêm …" or a move the server marks the row with autofocus; keep it clear of the sticky bar.
  const focused = form.querySelector("[autofocus]");
  if (focused) {
    focused.focus({ preventScroll: true });
    focused.scrollIntoView({ block: "center" });
  }
})();
