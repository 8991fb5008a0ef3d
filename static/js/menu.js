/* The <details> elements of the page: the main menu and the accordions. Both work without this
   script. The menu is closed, so narrow screens start with the content and the "Menu" button opens
   the list; on wide screens, and for printing accordions, the CSS shows the content through
   ::details-content. Browsers too old for that get the same result from here. */
(function () {
  "use strict";
  if (!window.matchMedia || (window.CSS && CSS.supports && CSS.supports("selector(::details-content)"))) {
    return;
  }
  var wide = window.matchMedia("(min-width: 48rem)");
  var fit = function () {
    var menu = document.querySelector(".main-menu__toggle");
    if (menu) { menu.open = wide.matches; }
  };
  fit();
  if (wide.addEventListener) { wide.addEventListener("change", fit); }
  document.addEventListener("site:page", fit);  // a form's answer shown in place (quick-exit.js)
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll(".accordion__item"), function (item) {
      return !item.open;
    });
    closed.forEach(function (item) { item.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (item) { item.open = false; });
  });
})();
