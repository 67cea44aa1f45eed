// Small behaviours shared by every page. Pages work without this file.
// A refused htmx request (409 saved elsewhere, 400 …) shows the server's own Vietnamese reason when its answer
// carries one (an element with role="alert"), not the HTTP status text.
document.addEventListener("htmx:responseError", (event) => {
  const box = document.querySelector("[data-htmx-errors]");
  if (!box) return;
  const answer = new DOMParser().parseFromString(event.detail.xhr.responseText || "", "text/html");
  const reason = answer.querySelector("[role=alert]");
  box.textContent = reason ? reason.textContent.trim() : "Không lưu được (lỗi kết nối). Vui lòng thử lại.";
});

// A refused form shows its summary of errors at the top: move the focus there, so a screen reader reads it
// and a phone shows it, and let its links put the cursor in the field they name.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
