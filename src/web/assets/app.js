// Small progressive enhancements; every page works without this file.
"use strict";

document.addEventListener("submit", (event) => {
  // <form data-confirm="Remove Ana?"> asks before a destructive action.
  const message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) event.preventDefault();
});

document.addEventListener("click", async (event) => {
  // <button data-copy="#webhook-url"> copies the text of the element it names.
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.getAttribute("data-copy"));
  if (!source) return;
  const text = "value" in source ? source.value : source.textContent;
  try {
    await navigator.clipboard.writeText(text.trim());
    const label = button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 1500);
  } catch {
    source.focus();
  }
});
