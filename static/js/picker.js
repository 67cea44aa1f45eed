// Unit pickers (portal/org/templates/org/_unit_picker.html, portal/org/picker.py).
// Without this file a picker still works: chosen units are ticked boxes, a typed name is looked up when the
// form is saved, and the units below can be ticked in the list. With it, the box becomes a combobox
// (WAI-ARIA 1.2 pattern): suggestions while typing, arrow keys / Enter / Escape, and the list opens level
// by level. Loaded with <script src> from base.html: the Content-Security-Policy forbids inline script.
(() => {
  "use strict";

  const DELAY_MS = 250;

  function urlWith(base, params) {
    const url = new URL(base, window.location.href);
    Object.entries(params).forEach(([k, v]) => url.searchParams.set(k, v));
    return url.toString();
  }

  async function getJSON(url, signal) {
    const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", signal });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  function enhance(root) {
    if (root.dataset.pickerReady) return;
    root.dataset.pickerReady = "1";
    const input = root.querySelector("[data-picker-input]");
    const chosen = root.querySelector("[data-picker-chosen]");
    const status = root.querySelector("[data-picker-status]");
    const tree = root.querySelector("[data-picker-tree]");
    const name = root.dataset.pickerName;
    const url = root.dataset.pickerUrl;
    const multiple = root.hasAttribute("data-picker-multiple");
    const noun = root.dataset.pickerNoun || "đơn vị";
    const help = status.classList.contains("error") ? "" : status.textContent;
    const list = document.createElement("ul");
    list.id = `${input.id}-list`;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", root.dataset.pickerListLabel || "Đơn vị phù hợp");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    // While the person types, the box is a search: it leaves the form's data (so the draft's autosave neither
    // refuses nor stores a half-typed name). A name still in the box when the form is sent (a save button, an
    // add button) goes with it, and the server looks it up or refuses it with the reason.
    const textName = input.name;
    if (input.form && textName) {
      input.removeAttribute("name");
      input.form.addEventListener("submit", () => {
        if (input.value.trim()) input.name = textName;
      }, true);
    }

    let results = [];
    let active = -1;
    let timer = null;
    let controller = null;

    function say(text, isError = false) {
      status.textContent = text;
      status.classList.toggle("error", isError);
      root.classList.toggle("has-error", isError);
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      const items = list.querySelectorAll("[role=option]");
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach((item, i) => item.setAttribute("aria-selected", i === active ? "true" : "false"));
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function render(found, message) {
      results = found;
      list.replaceChildren();
      found.forEach((unit, i) => {
        const item = document.createElement("li");
        item.id = `${list.id}-${i}`;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        const label = document.createElement("span");
        label.className = "picker-name";
        label.textContent = unit.name;
        const detail = document.createElement("small");
        detail.className = "picker-detail";
        detail.textContent = unit.detail;
        item.append(label, " ", detail);
        item.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the box
        item.addEventListener("click", () => choose(unit));
        list.append(item);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.hidden = !found.length;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      if (!found.length) say(message || `Không tìm thấy ${noun} nào.`, true);
      else say(message || `${found.length} ${noun} phù hợp: dùng phím mũi tên rồi Enter, hoặc bấm vào tên để chọn.`);
    }

    async function search() {
      const query = input.value.trim();
      if (controller) controller.abort();
      if (query.length < 2) {
        close();
        say(help);
        return;
      }
      controller = new AbortController();
      try {
        const data = await getJSON(urlWith(url, { q: query }), controller.signal);
        if (input.value.trim() === query) render(data.results, data.message);
      } catch (error) {
        if (error.name !== "AbortError") say(`Không tải được danh sách ${noun}. Vui lòng thử lại.`, true);
      }
    }

    function boxes(id) {
      return root.querySelectorAll(`input[type=checkbox][name="${CSS.escape(name)}"][value="${id}"]`);
    }

    function changed(box) {
      // Tell the form (autosave, the unsaved-changes guard) that the choice changed.
      box.dispatchEvent(new Event("input", { bubbles: true }));
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function removeChip(id) {
      chosen.querySelectorAll(`input[value="${id}"]`).forEach((box) => box.closest("li").remove());
    }

    function addChip(unit) {
      const item = document.createElement("li");
      const label = document.createElement("label");
      label.className = "chip";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = String(unit.id);
      box.checked = true;
      const text = document.createElement("span");
      text.textContent = unit.name;
      label.append(box, " ", text);
      item.append(label);
      chosen.append(item);
      return box;
    }

    function choose(unit) {
      if (!multiple) {
        chosen.querySelectorAll("input[type=checkbox]").forEach((box) => {
          if (box.value !== String(unit.id)) unchoose(box.value, false);
        });
      }
      let chip = chosen.querySelector(`input[value="${unit.id}"]`);
      if (!chip) chip = addChip(unit);
      chip.checked = true;
      boxes(unit.id).forEach((box) => { box.checked = true; });
      input.value = "";
      close();
      say(`Đã chọn: ${unit.name}.`);
      changed(chip);
    }

    function unchoose(id, announce = true) {
      const chip = chosen.querySelector(`input[value="${id}"]`);
      const unitName = chip ? chip.closest("label").textContent.trim() : "";
      removeChip(id);
      boxes(id).forEach((box) => { box.checked = false; });
      if (announce) {
        say(unitName ? `Đã bỏ chọn: ${unitName}.` : help);
        changed(root); // not the search box: typing there is kept from the form, and would start a search
      }
    }

    chosen.addEventListener("change", (event) => {
      const box = event.target;
      if (event.isTrusted && box.type === "checkbox" && !box.checked) unchoose(box.value);
    });

    // Typing in the box is a search, not yet an edit of the form: the form hears of it when a unit is chosen
    // (or when the box loses the focus with a name in it, which the server then looks up on saving).
    input.addEventListener("input", (event) => {
      event.stopPropagation();
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      const open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) setActive(active + 1);
        else search();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (open) setActive(active - 1);
      } else if (event.key === "Enter") {
        event.preventDefault(); // never submit the form from the search box
        if (open && active >= 0) choose(results[active]);
        else if (open && results.length === 1) choose(results[0]);
        else if (open) {
          setActive(0);
          say(`${results.length} ${noun} phù hợp: dùng phím mũi tên lên, xuống để chọn rồi nhấn Enter.`);
        } else if (input.value.trim()) search();
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", () => setTimeout(close, 150));

    if (tree) {
      tree.addEventListener("change", (event) => {
        const box = event.target;
        if (!event.isTrusted || box.type !== "checkbox") return;
        if (box.checked) {
          const label = box.closest("label").querySelector("span");
          choose({ id: Number(box.value), name: label ? label.textContent : box.value });
        } else unchoose(box.value);
      });
      tree.addEventListener("click", (event) => {
        const button = event.target.closest("[data-picker-expand]");
        if (button) expand(button);
      });
      tree.querySelectorAll("[data-picker-expand]").forEach((button) => { button.hidden = false; });
    }

    function treeItem(unit, depth) {
      const item = document.createElement("li");
      item.className = `depth-${depth}`;
      item.dataset.pickerNode = String(unit.id);
      item.dataset.depth = String(depth);
      const label = document.createElement("label");
      label.className = "check";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = String(unit.id);
      box.checked = !!chosen.querySelector(`input[value="${unit.id}"]`);
      const text = document.createElement("span");
      text.textContent = unit.name;
      const detail = document.createElement("small");
      detail.className = "muted";
      detail.textContent = unit.detail;
      label.append(box, " ", text, " ", detail);
      item.append(label);
      if (unit.has_children) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "linklike picker-expand";
        button.dataset.pickerExpand = String(unit.id);
        button.setAttribute("aria-expanded", "false");
        button.textContent = `Các đơn vị trực thuộc ${unit.name}`;
        item.append(button);
      }
      return item;
    }

    async function expand(button) {
      const item = button.closest("li");
      const depth = Number(item.dataset.depth || (item.className.match(/depth-(\d+)/) || [0, 0])[1]);
      if (button.getAttribute("aria-expanded") === "true") {
        let next = item.nextElementSibling;
        while (next && Number(next.dataset.depth || 0) > depth) {
          const after = next.nextElementSibling;
          next.remove();
          next = after;
        }
        button.setAttribute("aria-expanded", "false");
        return;
      }
      try {
        const data = await getJSON(urlWith(url, { cha: button.dataset.pickerExpand }));
        const items = data.results.map((unit) => treeItem(unit, depth + 1));
        item.after(...items);
        button.setAttribute("aria-expanded", "true");
        if (!data.results.length || data.more) say(data.message);
      } catch (error) {
        say("Không tải được các đơn vị trực thuộc. Vui lòng thử lại.", true);
      }
    }
  }

  function scan(node) {
    (node.matches && node.matches("[data-picker]") ? [node] : [])
      .concat(Array.from(node.querySelectorAll ? node.querySelectorAll("[data-picker]") : []))
      .forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", () => scan(document));
  document.addEventListener("htmx:load", (event) => scan(event.detail.elt));
})();
