// The calling round by keyboard: 1-7 choose the outcome, h/m/l the urgency, Enter saves,
// s skips. Keys typed into a text field are left alone. Without JavaScript the same form
// works with Tab, the arrow keys and the Save button.
(() => {
  const form = document.getElementById("call-form");
  if (!form) return;
  const typing = (element) =>
    element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName) &&
    !(element.tagName === "INPUT" && ["radio", "checkbox"].includes(element.type));
  const choose = (name, value) => {
    const radio = form.querySelector(`input[name="${name}"][value="${value}"]`);
    if (radio) {
      radio.checked = true;
      radio.focus();
    }
  };
  const outcomes = {};
  form.querySelectorAll('input[name="outcome"]').forEach((radio, index) => {
    outcomes[String(index + 1)] = radio.value;
  });
  const urgencies = { h: "high", m: "medium", l: "low" };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (outcomes[event.key]) {
      choose("outcome", outcomes[event.key]);
    } else if (urgencies[event.key]) {
      choose("urgency_after", urgencies[event.key]);
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
