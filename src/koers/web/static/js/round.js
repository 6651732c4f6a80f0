// The calling round by keyboard: 1-7 choose the outcome, h/m/l the urgency, Enter saves,
// s skips. Keys typed into a text field are left alone. Without JavaScript the same form
// works with Tab, the arrow keys and the Save button.
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
    }
  };
  const urgencies = { h: "high", m: "medium", l: "low" };
  document.addEventListener("keydown", (event) => {
    const form = document.getElementById("call-form");
    if (!form || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const outcomes = form.querySelectorAll('input[name="outcome"]');
    const number = Number.parseInt(event.key, 10);
    if (number >= 1 && number <= outcomes.length) {
      choose(form, "outcome", outcomes[number - 1].value);
    } else if (urgencies[event.key]) {
      choose(form, "urgency_after", urgencies[event.key]);
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
