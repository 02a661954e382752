// No inline scripts (CSP): small behaviours are wired here by data attributes.
document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// After a failed submit, move focus to the first error so keyboard and screen-reader
// users land on it (WCAG 3.3.1).
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("main .is-invalid, main .alert-danger");
  if (!invalid) {
    return;
  }
  if (invalid.matches("input, select, textarea")) {
    invalid.focus();
  } else {
    invalid.setAttribute("tabindex", "-1");
    invalid.focus();
  }
});
