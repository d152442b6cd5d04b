// Progressive enhancement only: without it, select the text and copy it by hand, and the
// mail link opens the draft as it was first written.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector(".copy-status");
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(field.value);
      if (status) status.textContent = "Copied. Paste it into your email or message.";
    });
  }
  const mail = document.getElementById("mailto-link");
  if (mail) {
    const subject = document.getElementById(mail.dataset.subject);
    const body = document.getElementById(mail.dataset.body);
    const update = () => {
      const query = `subject=${encodeURIComponent(subject.value)}&body=${encodeURIComponent(body.value)}`;
      mail.href = `mailto:${encodeURIComponent(mail.dataset.address).replace("%40", "@")}?${query}`;
    };
    subject?.addEventListener("input", update);
    body?.addEventListener("input", update);
  }
  for (const counter of document.querySelectorAll("[data-word-count]")) {
    const field = document.getElementById(counter.dataset.wordCount);
    if (!field) continue;
    const count = () => {
      const words = field.value.trim().split(/\s+/).filter(Boolean).length;
      counter.textContent = `${words} words${words > 100 ? ": try to keep it under 100." : "."}`;
    };
    field.addEventListener("input", count);
  }
});
