// Small behaviours shared by every page. Pages work without this file.
document.addEventListener("htmx:responseError", (event) => {
  const box = document.querySelector("[data-htmx-errors]");
  if (box) box.textContent = "Không lưu được: " + (event.detail.xhr.statusText || "lỗi kết nối") + ". Vui lòng thử lại.";
});
