// The calling round by keyboard: 1-7 choose the outcome, h/m/l the urgency, i goes to the
// situation, n to the note, v/o/w set a call-back (this afternoon, tomorrow morning, in a
// week), Enter saves, s skips; in the note, Ctrl+Enter (or Cmd+Enter) saves. Other keys typed
// into a text field are left alone. Without JavaScript the same form works with Tab, the
// arrow keys and the Save button.
// htmx swaps the next call in without a page load and runs this script again: the key
// handler is added once and always looks up the form that is on the page now.
(() => {
  if (window.koersRoundKeys) return;
  window.koersRoundKeys = true;
  const typing = (element) =>
    element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName) &&
    !(element.tagName === "INPUT" && ["radio", "checkbox"].includes(element.type));
  const choose = (form, name, value) => {
    const radio = form.querySelector(`input[name="${name}"][value="${value}"]`);
    if (radio) {
      radio.checked = true;
      radio.focus();
      radio.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };
  const urgencies = { h: "high", m: "medium", l: "low" };
  const callbacks = { v: "vanmiddag", o: "morgenochtend", w: "volgende_week" };
  const focus = (form, name) => {
    const field = form.querySelector(`[name="${name}"]`);
    if (field) field.focus();
  };
  // htmx keeps the focus on a field with the same id after the swap: after Ctrl+Enter in the
  // note, the next client's note would have it and swallow the keys. The new client's name
  // takes the focus instead (a screen reader then reads who is next). afterSwap, not
  // afterSettle: settling waits a moment, in which a key would still land in the note.
  document.addEventListener("htmx:afterSwap", () => {
    const name = document.getElementById("client-name");
    if (name && document.getElementById("call-form")?.contains(document.activeElement)) {
      name.setAttribute("tabindex", "-1");
      name.focus({ preventScroll: true });
    }
  });
  // An outcome with a note template starts the note with it, while the note is still empty
  // (or still holds another outcome's template, untouched).
  document.addEventListener("change", (event) => {
    const form = document.getElementById("call-form");
    const source = document.getElementById("note-templates");
    if (!form || !source || event.target.name !== "outcome") return;
    const templates = JSON.parse(source.textContent);
    const note = form.querySelector('[name="summary"]');
    if (note && (note.value === "" || Object.values(templates).includes(note.value))) {
      note.value = templates[event.target.value] || "";
    }
  });
  document.addEventListener("keydown", (event) => {
    const form = document.getElementById("call-form");
    if (!form) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && form.contains(event.target)) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const outcomes = form.querySelectorAll('input[name="outcome"]');
    const number = Number.parseInt(event.key, 10);
    if (number >= 1 && number <= outcomes.length) {
      choose(form, "outcome", outcomes[number - 1].value);
    } else if (urgencies[event.key]) {
      choose(form, "urgency_after", urgencies[event.key]);
    } else if (callbacks[event.key]) {
      // A call-back is an appointment: the outcome goes with it.
      choose(form, "outcome", "terugbellen");
      choose(form, "callback_when", callbacks[event.key]);
    } else if (event.key === "n") {
      focus(form, "summary");
    } else if (event.key === "i") {
      focus(form, "situation_after");
    } else if (event.key === "s") {
      document.getElementById("skip-call").click();
    } else if (event.key === "Enter") {
      form.requestSubmit();
    } else {
      return;
    }
    event.preventDefault();
  });
})();
