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

// The assessment editor. Without this script the form carries spare blank question slots and a
// question is removed by clearing it; with it, "Add question" copies the <template> and each
// question has a Remove button.
(() => {
  const list = document.getElementById("question-list");
  const template = document.getElementById("question-template");
  const addButton = document.querySelector("[data-add-question]");
  if (!list || !template || !addButton) return;
  let nextSlot = Number(list.dataset.nextSlot);
  const hasQuestions = list.querySelector(".question:not(.question-spare)") !== null;
  list.querySelectorAll(".question-spare").forEach((spare, i) => {
    if (hasQuestions || i > 0) spare.remove();
  });
  const renumber = () => list.querySelectorAll(".question").forEach((question, i) => {
    question.querySelector(".question-legend").textContent = `Question ${i + 1}`;
  });
  // Only the part the chosen kind uses is shown: options for choices, accepted answers otherwise.
  const showKind = (question) => {
    const shortAnswer = question.querySelector("[data-question-kind]").value === "short_answer";
    question.querySelector(".field-options").hidden = shortAnswer;
    question.querySelector(".field-answers").hidden = !shortAnswer;
  };
  const enhance = (question) => {
    question.querySelector("[data-remove-question]").hidden = false;
    showKind(question);
  };
  list.querySelectorAll(".question").forEach(enhance);
  renumber();
  addButton.hidden = false;
  addButton.addEventListener("click", () => {
    list.insertAdjacentHTML("beforeend", template.innerHTML.replaceAll("__slot__", String(nextSlot++)));
    const added = list.lastElementChild;
    enhance(added);
    renumber();
    added.querySelector("textarea").focus();
  });
  list.addEventListener("click", (event) => {
    const remove = event.target.closest("[data-remove-question]");
    if (!remove) return;
    remove.closest(".question").remove();
    renumber();
    addButton.focus();
  });
  list.addEventListener("change", (event) => {
    if (event.target.matches("[data-question-kind]")) showKind(event.target.closest(".question"));
  });
})();

// The candidate's test: answers saved as they change, the countdown, integrity signals, and the
// automatic submission at zero. The server keeps its own deadline; this is for the candidate.
(() => {
  const form = document.getElementById("test-form");
  if (!form) return;
  let leaving = false;
  const post = (url, body) => fetch(url, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    credentials: "same-origin", keepalive: true,
  });
  const finished = () => window.location.assign(form.action.replace(/\/submit$/, "/submitted"));

  const answerOf = (question) => {
    const kind = question.dataset.kind;
    if (kind === "short_answer") return question.querySelector("textarea").value || null;
    if (kind === "single_choice") {
      const checked = question.querySelector("input[type=radio]:checked");
      return checked ? Number(checked.value) : null;
    }
    const picked = [];
    question.querySelectorAll("input[type=checkbox]").forEach((box, i) => { if (box.checked) picked.push(i); });
    return picked.length ? picked : null;
  };
  const save = async (question) => {
    const status = question.querySelector(".save-status");
    status.textContent = "Saving…";
    try {
      const response = await post(form.dataset.answersUrl,
        { question_id: question.dataset.questionId, answer: answerOf(question) });
      if (response.status === 409) return finished();  // time is up or already submitted
      status.textContent = response.ok ? "Saved" : "Not saved. It will be sent when you submit.";
    } catch {
      status.textContent = "Not saved (connection lost). It will be sent when you submit.";
    }
  };
  const timers = new Map();
  const saveSoon = (question, delay) => {
    clearTimeout(timers.get(question));
    timers.set(question, setTimeout(() => save(question), delay));
  };
  form.addEventListener("change", (event) => saveSoon(event.target.closest(".candidate-question"), 0));
  form.addEventListener("input", (event) => {
    if (event.target.matches("textarea")) saveSoon(event.target.closest(".candidate-question"), 600);
  });

  // Leaving the page (another tab or window) counts once per absence; pastes count each time.
  let away = false;
  const leave = () => {
    if (away || leaving) return;
    away = true;
    post(form.dataset.signalsUrl, { kind: "left_page" }).catch(() => {});
  };
  document.addEventListener("visibilitychange", () => { if (document.hidden) leave(); else away = false; });
  window.addEventListener("blur", leave);
  window.addEventListener("focus", () => { away = false; });
  form.addEventListener("paste", () => { post(form.dataset.signalsUrl, { kind: "paste" }).catch(() => {}); });
  // Runs after the data-confirm check (window is the last stop of the bubbling submit event).
  window.addEventListener("submit", (event) => { if (!event.defaultPrevented) leaving = true; });

  const timer = document.querySelector("[data-remaining-ms]");
  const shown = timer.querySelector(".timer-value");
  const endsAt = performance.now() + Number(timer.dataset.remainingMs);
  const tick = () => {
    const left = Math.max(0, endsAt - performance.now());
    const seconds = Math.ceil(left / 1000);
    shown.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    timer.classList.toggle("timer-low", left <= 60_000);
    if (left > 0 || leaving) return;
    clearInterval(interval);
    leaving = true;
    form.submit();  // no confirmation: time is up
  };
  const interval = setInterval(tick, 250);
  tick();
})();

// Integrations › Pinpoint: the indicator of the last webhook delivery follows the server while the
// page is open, so a recruiter sees Pinpoint's test event arrive without reloading.
(() => {
  const indicator = document.getElementById("delivery-status");
  if (!indicator) return;
  const refresh = async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(indicator.dataset.statusUrl, { credentials: "same-origin" });
      if (!response.ok) return;
      const status = await response.json();
      if (indicator.textContent !== status.text) indicator.textContent = status.text;
      indicator.className = `delivery-status delivery-${status.tone}`;
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  };
  setInterval(refresh, 3000);
})();
