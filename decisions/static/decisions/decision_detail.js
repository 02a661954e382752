// The decision page's edit form has several buttons; only "Send vedtaket" asks first.
// static/js/app.js confirms whole forms (data-confirm on <form>); this asks per button.
document.addEventListener("submit", (event) => {
  const message = event.submitter && event.submitter.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
