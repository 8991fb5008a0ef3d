/* Quick exit, and a visit that leaves one step in the tab's history.

   Without JavaScript the "Leave this site" link is an ordinary link and every page is an ordinary
   page. With it:
   - "Leave this site", or Shift pressed three times in a row (no other key between the presses,
     within two seconds), replaces the current page with the neutral address;
   - links and forms inside the site replace the current history entry instead of adding one, and
     the form's answer is shown in the same entry. So the whole visit is one entry, and after the
     quick exit Back leads to whatever the tab showed before the site.
   The browser's history list and other tabs are out of reach of any page: the safe-browsing page
   says so. */
(function () {
  "use strict";
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 2000;

  function exitLink() { return document.querySelector("[data-quick-exit]"); }

  function leave(event) {
    var link = exitLink();
    if (!link) { return; }
    if (event) { event.preventDefault(); }
    document.body.style.display = "none";
    window.location.replace(link.href);
  }

  // Shift x3: only Shift presses count, and anything else starts the count again, so that typing
  // capitals ("Pomo Otti PASSIN") or switching keyboard layouts (Alt+Shift) never leaves.
  var presses = 0;
  var firstPress = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey) {
      presses = 0;
      return;
    }
    if (event.repeat) { return; }  // Shift held down is one press
    var now = Date.now();
    if (presses === 0 || now - firstPress > SHIFT_WINDOW_MS) {
      presses = 0;
      firstPress = now;
    }
    presses += 1;
    if (presses >= SHIFT_PRESSES) {
      presses = 0;
      leave();
    }
  }, true);
  // A press that ends in a pointer action (Shift+click to select) is not part of a quick exit.
  document.addEventListener("pointerdown", function () { presses = 0; }, true);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-quick-exit]")) { leave(event); }
  });

  if (!window.history || !history.replaceState || !window.URL || !window.URLSearchParams) { return; }

  function sameSite(url) { return url.origin === window.location.origin; }

  // Links: same-site links, in-page ones (#main) included, replace the current entry.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) { return; }
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || link.hasAttribute("data-quick-exit")) { return; }
    if ((link.target && link.target !== "_self") || link.hasAttribute("download")) { return; }
    var url = new URL(link.href, window.location.href);
    if (!sameSite(url)) { return; }
    event.preventDefault();
    var here = url.pathname === window.location.pathname && url.search === window.location.search;
    var field = here && url.hash && document.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (field && field.matches("input, textarea, select")) {
      // An error summary's link: into the field, with its question in view (GOV.UK's pattern).
      var question = field.closest("fieldset") || field.closest(".field") || field;
      question.scrollIntoView();
      field.focus({ preventScroll: true });
      return;
    }
    window.location.replace(url.href);
  });

  function fields(form, submitter) {
    var data;
    try { data = new FormData(form, submitter); } catch (error) {
      data = new FormData(form);  // browsers before 2023: add the pressed button by hand
      if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    }
    return new URLSearchParams(data);
  }

  // The answer to a POST, shown in place of this page: same entry, same address.
  function show(response, html) {
    var next = new DOMParser().parseFromString(html, "text/html");
    document.title = next.title;
    document.documentElement.lang = next.documentElement.lang;
    document.documentElement.dir = next.documentElement.dir;
    document.body.replaceWith(document.adoptNode(next.body));
    history.replaceState(null, "", response.url);
    window.scrollTo(0, 0);
    var target = document.querySelector("[autofocus]") || document.getElementById("main");
    if (target) { target.focus(); }
    document.dispatchEvent(new CustomEvent("site:page"));
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.action) { return; }
    var action = new URL(form.action, window.location.href);
    if (!sameSite(action) || (form.target && form.target !== "_self")) { return; }
    var submitter = event.submitter || null;
    var method = (submitter && submitter.getAttribute("formmethod")) || form.method || "get";
    if (method.toLowerCase() !== "post") {
      event.preventDefault();
      action.search = fields(form, submitter).toString();
      window.location.replace(action.href);
      return;
    }
    if (!window.fetch || !window.DOMParser || form.hasAttribute("data-post-natively")) { return; }
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") { return; }  // a double tap sends once
    form.setAttribute("aria-busy", "true");
    fetch(action.href, { method: "POST", body: fields(form, submitter), credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) { show(response, html); });
      })
      .catch(function () {
        // No answer (the connection dropped): send it the ordinary way, so nothing is lost.
        form.removeAttribute("aria-busy");
        HTMLFormElement.prototype.submit.call(form);
      });
  });
})();
