// No inline scripts (CSP): small behaviours are wired here by data attributes.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// After a failed submit, move focus to the first error so keyboard and screen-reader
// users land on it (WCAG 3.3.1). Returns whether there was one.
function focusFirstError() {
  const invalid = document.querySelector("main .is-invalid, main .alert-danger");
  if (!invalid) {
    return false;
  }
  if (!invalid.matches("input, select, textarea")) {
    invalid.setAttribute("tabindex", "-1");
  }
  invalid.focus();
  return true;
}

document.addEventListener("DOMContentLoaded", focusFirstError);

// htmx swaps part of the page in place. Focus would fall back to <body>: put it on the
// first error, else back on the control used (found again by its id), else on the message.
let focusedId = "";
document.addEventListener("htmx:beforeSwap", () => {
  focusedId = document.activeElement?.id || "";
});
document.addEventListener("htmx:afterSettle", () => {
  if (focusFirstError()) {
    return;
  }
  const again = focusedId && document.getElementById(focusedId);
  const message = document.querySelector("main .messages .alert");
  const target = again || message;
  if (target) {
    if (target === message) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus();
  }
});
