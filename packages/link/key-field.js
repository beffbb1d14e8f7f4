// The control of a private-key field (`private_key` in a spec): a text area, since a PEM
// key or a JSON key file spans many lines, and a file picker that reads the chosen file
// as text in the browser. The key only ever goes into the text area's value (a DOM
// property, never an attribute or a URL); the picker is cleared once it is read, so the
// file stays selected nowhere.

/**
 * Builds the control: `{ input, control }`, where `input` is the text area the form
 * reads like any other input. `make(tag, attrs, ...children)` is the form's element
 * helper; `tr(id, args)` its strings (form.ftl); `onPicked` runs once a picked file is in
 * the text area.
 */
export function keyControl(f, id, tr, make, onPicked) {
  const input = make("textarea", {
    part: "input textarea",
    class: "input key",
    id,
    name: f.key,
    rows: 6,
    autocomplete: "off",
    autocapitalize: "off",
    spellcheck: "false",
    wrap: "off",
    required: !f.optional,
    placeholder: f.placeholder ?? tr(f.private_key === "json" ? "form-key-file-placeholder" : "form-pem-placeholder"),
  });
  const picker = make("input", {
    part: "file",
    class: "file",
    type: "file",
    id: `${id}-file`,
    accept: f.private_key === "json" ? ".json,application/json" : ".pem,.key,.txt,application/x-pem-file",
    "aria-label": tr("form-choose-key-file", { label: f.label }),
  });
  picker.addEventListener("change", async () => {
    const file = picker.files && picker.files[0];
    if (!file) return;
    // A key file is a few kilobytes; anything far larger is not one.
    const text = file.size > 1 << 20 ? "" : await file.text();
    picker.value = "";
    input.value = text;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    onPicked();
  });
  const control = make("div", { class: "control key-control" }, input, picker);
  return { input, control };
}
