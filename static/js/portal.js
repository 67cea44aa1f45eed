// Small behaviours shared by every page. Pages work without this file.
document.addEventListener("htmx:responseError", (event) => {
  const box = document.querySelector("[data-htmx-errors]");
  if (box) box.textContent = "Không lưu được: " + (event.detail.xhr.statusText || "lỗi kết nối") + ". Vui lòng thử lại.";
});

// A refused form shows its summary of errors at the top: move the focus there, so a screen reader reads it
// and a phone shows it, and let its links put the cursor in the field they name.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
