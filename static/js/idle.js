// Warn before the idle logout (SESSION_IDLE_TIMEOUT_SECONDS) so a long text is not lost.
// The server renews the session on every request; typing alone sends none, so a few
// minutes before the end this offers "Fortsett innlogget", which sends one.
// No inline script (CSP): the numbers come from <meta> tags in base.html.
(() => {
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
  const idle = Number(meta("ke-idle-seconds"));
  const keepAliveUrl = meta("ke-keepalive-url");
  if (!idle || !keepAliveUrl) {
    return;
  }
  // Five minutes' warning, or a quarter of a shorter timeout.
  const lead = Math.min(300, idle / 4);
  let warnTimer = null;
  let endTimer = null;
  let box = null;

  const csrfToken = () => {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"];
    } catch {
      return "";
    }
  };

  const close = () => {
    box?.remove();
    box = null;
  };

  const show = (text, withButton) => {
    close();
    box = document.createElement("div");
    box.className = "alert alert-warning idle-warning shadow";
    box.setAttribute("role", "alert");
    const message = document.createElement("p");
    message.className = "mb-2";
    message.textContent = text;
    box.append(message);
    if (withButton) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-primary btn-sm";
      button.textContent = "Fortsett innlogget";
      button.addEventListener("click", keepAlive);
      box.append(button);
    } else {
      const link = document.createElement("a");
      link.href = "/logg-inn/";
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = "Logg inn igjen i en ny fane";
      box.append(link);
    }
    document.body.append(box);
  };

  const warn = () => {
    const minutes = Math.max(1, Math.round(lead / 60));
    show(
      `Du blir logget ut om ${minutes === 1 ? "ett minutt" : `${minutes} minutter`} fordi du ` +
        "ikke har lagret noe på en stund. Det du har skrevet, men ikke lagret, går da tapt.",
      true,
    );
    box.querySelector("button").focus();
  };

  const ended = () => {
    show(
      "Du er logget ut fordi du ikke har lagret noe på en stund. Kopier teksten du har " +
        "skrevet, logg inn igjen og lim den inn.",
      false,
    );
  };

  const restart = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    close();
    warnTimer = setTimeout(warn, (idle - lead) * 1000);
    endTimer = setTimeout(ended, idle * 1000);
  };

  async function keepAlive() {
    const response = await fetch(keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
      redirect: "manual",
    });
    if (response.status === 204) {
      restart();
    } else {
      ended();
    }
  }

  // A request htmx made renewed the session too.
  document.addEventListener("htmx:afterRequest", restart);
  restart();
})();
