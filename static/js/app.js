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

// A form marked data-submit-once is sent once: its buttons are disabled while the page
// works (no second "Send vedtaket" from a double click). The clicked button's name and
// value still go with the form, in a hidden field, since a disabled button sends nothing.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || !form.matches("[data-submit-once]")) {
    return;
  }
  if (form.dataset.submitting) {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "1";
  const submitter = event.submitter;
  if (submitter && submitter.name) {
    const carried = document.createElement("input");
    carried.type = "hidden";
    carried.name = submitter.name;
    carried.value = submitter.value;
    form.appendChild(carried);
  }
  form.querySelectorAll("button[type=submit], input[type=submit]").forEach((button) => {
    button.disabled = true;
  });
  if (submitter && submitter.dataset.working) {
    submitter.textContent = submitter.dataset.working;
  }
});

// Back to a page from the browser's cache: its forms may be sent again.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-submit-once]").forEach((form) => {
    delete form.dataset.submitting;
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach((button) => {
      button.disabled = false;
    });
  });
});
