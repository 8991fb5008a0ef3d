/* Referral form, progressive enhancement: show the professionals' section only to officials and
   NGO workers, and the contact fields only when a way to contact was chosen. Without JavaScript
   every section is shown. Hidden fields keep what was typed. It runs again when quick-exit.js shows
   the form's answer in place of the page ("site:page"). */
(function () {
  "use strict";
  var form;
  function checked(name) {
    var input = form.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : "";
  }
  function group(name) { return document.getElementById("id_" + name + "-group"); }
  function show(element, visible) {
    // Never hide a field that has an error or something typed in it.
    if (!element) { return; }
    var filled = Array.prototype.some.call(element.querySelectorAll("input[type=text], input[type=tel], input[type=email], textarea"),
      function (input) { return input.value.trim() !== ""; });
    element.hidden = !(visible || filled || element.querySelector(".field__error"));
  }
  function update() {
    var role = checked("writer_role");
    var method = checked("contact_method");
    var professional = document.getElementById("section-professional");
    show(professional && professional.parentElement, role === "professional" || role === "");
    show(group("contact_phone"), method === "phone");
    show(group("safe_contact_times"), method === "phone");
    show(group("may_leave_message"), method === "phone");
    show(group("contact_email"), method === "email");
  }
  function start() {
    form = document.querySelector(".referral-form");
    if (!form) { return; }
    form.addEventListener("change", update);
    update();
  }
  document.addEventListener("site:page", start);
  start();
})();
