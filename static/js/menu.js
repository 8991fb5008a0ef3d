/* Main menu: open by default so it works without JavaScript; on narrow screens we close it
   after load so the page starts with its content, and the "Menu" button opens it. */
(function () {
  "use strict";
  var menu = document.querySelector(".main-menu__toggle");
  if (!menu || !window.matchMedia) { return; }
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  function fit() { menu.open = !narrow.matches; }
  fit();
  if (narrow.addEventListener) { narrow.addEventListener("change", fit); }
})();
