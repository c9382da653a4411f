// Small DOM helpers of the workbench's pages (no framework, no inline script).

export const $ = (id) => document.getElementById(id);

/** An element with attributes (`on…` are listeners) and children (strings become text). */
export function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/** Says what happened beside the control that did it. */
export function say(statusId, message, kind) {
  const status = $(statusId);
  status.textContent = message;
  status.className = `status${kind ? ` ${kind}` : ''}`;
}

export function option(value, label, selected) {
  return el('option', { value, selected: value === selected }, label);
}

export function field(label, control) {
  return el('label', { className: 'field' }, el('span', {}, label), control);
}
