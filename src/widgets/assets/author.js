// The author's workbench: a text becomes a reviewed bundle by decisions on what the draft found,
// each shown where it is in the text. Decisions live in this page and in localStorage until the
// bundle is loaded or discarded; loads and dry runs go through POST /bundles, as the CLI's do.
import { stringify } from '/vendor/yaml/index.js';
import { call, describeError, searchGraph } from './author-api.js';
import { $, el, field, option, say } from './author-dom.js';
import { describeReport } from './author-report.js';
import {
  bundleOf,
  DRAFTED_TITLE,
  entityIndex,
  itemIdOf,
  itemOfProblem,
  itemsOf,
  kept,
  LABELS,
  nameOf,
  rejectedEnd,
  summaryOf,
  undecided,
} from './author-review.js';

const STORAGE_KEY = 'author-workbench';
const KEY_STORAGE_KEY = 'author-workbench-key';

// ---------------------------------------------------------------- state

function key() {
  return $('key').value.trim();
}

/** The API with the key the author gave. */
const api = (method, url, body) => call(method, url, body, key());

/** @type {null | {doc: object, items: object[], selected: number, decisions: number, started: number, loaded: null | object}} */
let state = null;

function save() {
  if (state) localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  else localStorage.removeItem(STORAGE_KEY);
}

function restore() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
    if (saved && saved.doc && Array.isArray(saved.items)) return saved;
  } catch {
    /* a broken entry is dropped below */
  }
  localStorage.removeItem(STORAGE_KEY);
  return null;
}

function start(doc) {
  state = { doc, items: itemsOf(doc), selected: 0, decisions: 0, started: Date.now(), loaded: null };
  save();
  render();
  $('items').focus();
}

// ---------------------------------------------------------------- rendering

function render() {
  const reviewing = state !== null;
  // The text is read in the review pane once drafted: its box gives the room up.
  $('text').rows = reviewing ? 3 : 10;
  $('review').hidden = !reviewing;
  $('actions').hidden = !reviewing;
  if (!reviewing) {
    $('progress').textContent = '';
    return;
  }
  renderText();
  renderItems();
  renderEditor();
  renderPlan();
}

/** The text with every mention, date and event word marked; the selected item's evidence stands out. */
function renderText() {
  const { text } = state.doc;
  const marks = [];
  for (const span of spansOf(state.items[state.selected])) marks.push({ ...span, cls: 'sel' });
  state.items.forEach((item, index) => {
    if (item.kind !== 'entity') return;
    const cls = !kept(item)
      ? 'm-rejected'
      : state.doc.knownIds.includes(item.data.id) || item.data.mergeInto
        ? 'm-known'
        : 'm-new';
    for (const span of item.data.evidence) marks.push({ ...span, cls, index });
  });
  for (const date of state.doc.dates) marks.push({ ...date, cls: 'm-date' });
  for (const trigger of state.doc.triggers) {
    const event = state.items.findIndex(
      (item) =>
        item.kind === 'event' &&
        item.data.evidence.some((span) => span.start <= trigger.start && trigger.end <= span.end),
    );
    marks.push({ ...trigger, cls: 'm-trigger', index: event >= 0 ? event : undefined });
  }
  const cuts = new Set([0, text.length]);
  for (const mark of marks) cuts.add(mark.start).add(mark.end);
  const points = [...cuts].sort((a, b) => a - b);
  const container = $('source-text');
  container.replaceChildren();
  container.setAttribute('lang', state.doc.language);
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = marks.filter((mark) => mark.start <= from && to <= mark.end);
    if (covering.length === 0) {
      container.append(piece);
      continue;
    }
    const innermost = covering.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
    const target = covering
      .filter((mark) => mark.index !== undefined)
      .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    container.append(
      el(
        'mark',
        {
          className: [...new Set(covering.map((mark) => mark.cls))].join(' '),
          title: innermost.cls === 'm-date' ? `date ${innermost.iso}` : undefined,
          'data-item': target ? target.index : undefined,
          onclick: target ? () => select(target.index) : undefined,
        },
        piece,
      ),
    );
  }
  const first = container.querySelector('mark.sel');
  if (first) scrollWithin(container, first);
}

/** Brings `element` into view inside its scrolling `container` (positioned), leaving the page where the reader has it. */
function scrollWithin(container, element) {
  const top = element.offsetTop;
  const bottom = top + element.offsetHeight;
  if (top < container.scrollTop) container.scrollTop = Math.max(0, top - 24);
  else if (bottom > container.scrollTop + container.clientHeight)
    container.scrollTop = bottom - container.clientHeight + 24;
}

function spansOf(item) {
  if (!item) return [];
  return [...(item.data.evidence || []), ...(item.data.date?.evidence || [])];
}

function renderItems() {
  const list = $('items');
  const problems = state.problems || {};
  list.replaceChildren(
    ...state.items.map((item, index) => {
      const dropped = item.kind === 'relationship' && rejectedEnd(state, item.data);
      const itemProblems = problems[index] || [];
      return el(
        'li',
        {
          id: `item-${index}`,
          'data-key': item.key,
          'data-id': itemIdOf(item),
          role: 'option',
          'aria-selected': index === state.selected ? 'true' : 'false',
          className: `item ${dropped ? 'dropped' : item.decision}${index === state.selected ? ' selected' : ''}`,
          onclick: () => select(index),
        },
        el('span', { className: `kind kind-${item.kind}` }, LABELS[item.kind]),
        el('span', { className: 'summary' }, summaryOf(state, item)),
        el(
          'span',
          { className: 'decision' },
          dropped ? `dropped with ${nameOf(state, dropped.data.id)}` : item.decision,
        ),
        itemProblems.length
          ? el(
              'ul',
              { className: 'problems' },
              itemProblems.map((problem) => el('li', {}, problem)),
            )
          : null,
      );
    }),
  );
  list.setAttribute('aria-activedescendant', `item-${state.selected}`);
  const selectedItem = $(`item-${state.selected}`);
  if (selectedItem) scrollWithin(list, selectedItem);
  const pending = state.items.filter((item) => undecided(state, item)).length;
  $('progress').textContent =
    `${state.items.length - pending} of ${state.items.length} decided · ${state.decisions} decision(s) made`;
  $('review-hint').textContent =
    state.doc.origin === 'loaded' ? `(loaded source ${state.doc.sourceId}: correct and reload)` : '';
}

/** The editor of the selected item: its notes, its fields, its decision. */
function renderEditor() {
  const item = state.items[state.selected];
  const editor = $('editor');
  if (!item) return editor.replaceChildren();
  // A typed field keeps the editor as it is (focus stays where the author tabbed to); a choice redraws it.
  const edit = (mutate, redraw = false) => {
    mutate(item.data);
    if (item.decision === 'pending') item.decision = 'accepted';
    decided(redraw);
  };
  const input = (name, value, onchange, attributes = {}) =>
    el('input', {
      value: value ?? '',
      'data-field': name,
      onchange: (event) => onchange(event.target.value),
      ...attributes,
    });
  const parts = [
    el('h3', {}, `${LABELS[item.kind]}: ${summaryOf(state, item)}`),
    item.notes.length
      ? el(
          'ul',
          { className: 'notes' },
          item.notes.map((line) => el('li', { className: line.startsWith('REVIEW') ? 'review' : '' }, line)),
        )
      : null,
  ];
  if (item.kind === 'source') {
    parts.push(
      field(
        'Source id',
        input('id', item.data.id, (value) => edit((data) => (data.id = value.trim()))),
      ),
      field(
        'Title',
        input('title', item.data.title, (value) => edit((data) => (data.title = value.trim() || undefined))),
      ),
      field(
        'Title in English',
        input('titleEn', item.data.titleEn, (value) => edit((data) => (data.titleEn = value.trim() || undefined))),
      ),
      field(
        'Published',
        input('published', item.data.published?.iso, (value) =>
          edit((data) => {
            data.published = value.trim()
              ? {
                  ...(data.published || { evidence: [] }),
                  iso: value.trim(),
                  inferred: false,
                  note: data.published?.note || 'Set by the author.',
                }
              : undefined;
          }),
        ),
      ),
    );
  } else if (item.kind === 'entity') {
    parts.push(
      field(
        'Label',
        el(
          'select',
          { 'data-field': 'label', onchange: (event) => edit((data) => (data.label = event.target.value), true) },
          state.doc.vocabulary.labels.map((label) => option(label, label, item.data.label)),
        ),
      ),
      field(
        'Name',
        input('name', item.data.name, (value) => edit((data) => (data.name = value.trim()))),
      ),
      field(
        'Name in English',
        input('nameEn', item.data.nameEn, (value) => edit((data) => (data.nameEn = value.trim()))),
      ),
      mergeControl(item, 'entity'),
    );
  } else if (item.kind === 'event') {
    const dates = state.doc.dates;
    parts.push(
      field(
        'Type',
        el(
          'select',
          { 'data-field': 'type', onchange: (event) => edit((data) => (data.type = event.target.value), true) },
          state.doc.vocabulary.eventTypes.map((type) => option(type.key, `${type.key} — ${type.name}`, item.data.type)),
        ),
      ),
      field(
        'Title',
        input('title', item.data.title, (value) => edit((data) => (data.title = value.trim()))),
      ),
      field(
        'Title in English',
        input('titleEn', item.data.titleEn, (value) => edit((data) => (data.titleEn = value.trim()))),
      ),
      field(
        'Date',
        el(
          'select',
          {
            'data-field': 'date',
            onchange: (event) =>
              edit((data) => {
                const chosen = dates[Number(event.target.value)];
                if (!chosen) return;
                const { quote, start, end, sentence, iso, inferred, note } = chosen;
                data.date = { iso, inferred, ...(note ? { note } : {}), evidence: [{ quote, sentence, start, end }] };
              }, true),
          },
          option('', `${item.data.date.iso} (as drafted: “${item.data.date.evidence[0]?.quote ?? ''}”)`, ''),
          dates.map((date, index) => option(String(index), `${date.iso} — “${date.quote}”`, null)),
        ),
      ),
      field(
        'Date (ISO, keeps its evidence)',
        input('dateIso', item.data.date.iso, (value) =>
          edit((data) => {
            data.date = {
              ...data.date,
              iso: value.trim(),
              inferred: true,
              note: data.date.note || 'Set by the author from the text.',
            };
          }),
        ),
      ),
      mergeControl(item, 'event'),
      linksOf(item),
    );
  } else {
    const rule = state.doc.vocabulary.relationships.find((candidate) => candidate.type === item.data.type);
    if (rule && rule.role !== 'none')
      parts.push(
        field(
          'Role',
          el(
            'select',
            {
              'data-field': 'role',
              onchange: (event) => edit((data) => (data.role = event.target.value || undefined), true),
            },
            rule.role === 'optional' ? option('', '(none)', item.data.role || '') : null,
            state.doc.vocabulary.roles.map((role) =>
              option(role.key, `${role.key} — ${role.description}`, item.data.role),
            ),
          ),
        ),
        field(
          'Title (the source’s wording)',
          input('title', item.data.title, (value) => edit((data) => (data.title = value.trim() || undefined))),
        ),
      );
    parts.push(
      el('p', { className: 'evidence' }, `Evidence: “${item.data.evidence.map((span) => span.quote).join('” · “')}”`),
    );
  }
  parts.push(
    el(
      'div',
      { className: 'row decide' },
      el('button', { type: 'button', 'data-action': 'accept', onclick: () => decide('accepted') }, 'Accept (a)'),
      item.kind === 'source'
        ? null
        : el('button', { type: 'button', 'data-action': 'reject', onclick: () => decide('rejected') }, 'Reject (r)'),
    ),
  );
  const focused = document.activeElement?.closest?.('#editor') ? document.activeElement.dataset.field : undefined;
  editor.replaceChildren(...parts.filter(Boolean));
  if (focused) editor.querySelector(`[data-field="${focused}"]`)?.focus();
}

/** Merge into a known entity (its id, so this source's claims go onto it) or a known event (sameAs). */
function mergeControl(item, kind) {
  const current =
    kind === 'entity'
      ? item.data.mergeInto
      : item.data.sameAs
        ? { id: item.data.sameAs, name: item.data.sameAsName || item.data.sameAs }
        : null;
  const results = el('ul', { className: 'suggestions', 'aria-live': 'polite' });
  const search = el('input', {
    'data-field': 'merge',
    placeholder: kind === 'entity' ? 'find a known entity' : 'find a known event',
    value: kind === 'entity' ? item.data.name : '',
  });
  const apply = (target) => {
    if (kind === 'entity') item.data.mergeInto = target;
    else {
      if (target) {
        item.data.sameAs = target.id;
        item.data.sameAsName = target.name;
      } else {
        delete item.data.sameAs;
        delete item.data.sameAsName;
      }
    }
    if (item.decision === 'pending') item.decision = 'accepted';
    decided();
  };
  const find = async () => {
    results.replaceChildren(el('li', {}, 'Searching…'));
    try {
      const hits = await searchGraph(search.value, kind, key());
      results.replaceChildren(
        ...(hits.length
          ? hits.map((hit) =>
              el(
                'li',
                {},
                el(
                  'button',
                  { type: 'button', 'data-merge': hit.id, onclick: () => apply(hit) },
                  `Merge into ${hit.name} (${hit.label}, ${hit.id})`,
                ),
              ),
            )
          : [el('li', {}, 'Nothing in the graph matches.')]),
      );
    } catch (error) {
      results.replaceChildren(el('li', { className: 'error' }, describeError(error)));
    }
  };
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void find();
    }
  });
  return el(
    'div',
    { className: 'merge' },
    el(
      'span',
      {},
      current
        ? `Merged into ${current.name} (${current.id}) `
        : kind === 'entity'
          ? 'Merge into a known entity: '
          : 'Same happening as a known event: ',
    ),
    current ? el('button', { type: 'button', onclick: () => apply(null) }, 'Undo merge') : null,
    search,
    el('button', { type: 'button', onclick: () => void find() }, 'Find'),
    results,
  );
}

/** An event's links (participants, place…) and a form to add one, from the item's accepted entities. */
function linksOf(item) {
  const eventId = item.data.id;
  const links = state.items
    .map((other, index) => ({ other, index }))
    .filter(({ other }) => other.kind === 'relationship' && (other.data.to === eventId || other.data.from === eventId));
  const entities = state.items.filter((other) => other.kind === 'entity' && kept(other));
  const rules = state.doc.vocabulary.relationships;
  const entitySelect = el(
    'select',
    { 'data-field': 'link-entity' },
    entities.map((entity) => option(entity.data.id, entity.data.mergeInto?.name || entity.data.name, null)),
  );
  const typeSelect = el('select', { 'data-field': 'link-type' });
  const roleSelect = el(
    'select',
    { 'data-field': 'link-role' },
    state.doc.vocabulary.roles.map((role) => option(role.key, role.key, 'participant')),
  );
  const fillTypes = () => {
    const chosen = entityIndex(state).get(entitySelect.value);
    const label = chosen?.label;
    typeSelect.replaceChildren(
      ...rules
        .filter(
          (rule) =>
            (rule.from.includes(label) && rule.to.includes('Event')) ||
            (rule.from.includes('Event') && rule.to.includes(label)),
        )
        .map((rule) => option(rule.type, `${rule.type} — ${rule.meaning}`, 'PARTICIPATED_IN')),
    );
  };
  entitySelect.addEventListener('change', fillTypes);
  fillTypes();
  const add = () => {
    const rule = rules.find((candidate) => candidate.type === typeSelect.value);
    if (!rule || !entitySelect.value) return;
    const fromEvent = rule.from.includes('Event') && !rule.to.includes('Event');
    addItem(
      'relationship',
      {
        type: rule.type,
        from: fromEvent ? eventId : entitySelect.value,
        to: fromEvent ? entitySelect.value : eventId,
        ...(rule.role === 'none' ? {} : { role: roleSelect.value }),
        evidence: item.data.evidence,
        added: true,
      },
      'Added by the author; its evidence is the event’s.',
    );
    decided();
  };
  return el(
    'div',
    { className: 'links' },
    el('h4', {}, 'Links'),
    el(
      'ul',
      {},
      links.map(({ other, index }) =>
        el(
          'li',
          { className: other.decision },
          el('button', { type: 'button', className: 'link', onclick: () => select(index) }, summaryOf(state, other)),
          ` ${other.decision}`,
        ),
      ),
    ),
    el(
      'div',
      { className: 'row' },
      field('Add', entitySelect),
      typeSelect,
      roleSelect,
      el('button', { type: 'button', 'data-action': 'add-link', onclick: add }, 'Add link'),
    ),
  );
}

/** What Load will do, said before it does it. */
function renderPlan() {
  const { bundle } = bundleOf(state);
  const pending = state.items.filter((item) => undecided(state, item)).length;
  const replaces =
    state.doc.sourceLoaded || state.loaded
      ? ` Source “${bundle.source.id}” is loaded: its claims will be replaced.`
      : '';
  $('plan').textContent =
    `Load writes source “${bundle.source.id}” with ${bundle.entities.length} entities, ${bundle.events.length} events and ${bundle.relationships.length} links to the graph.${replaces}` +
    (pending
      ? ` ${pending} item(s) still need a decision: Load is possible once every item is decided; a dry run counts them as accepted.`
      : '');
  $('load-button').disabled = pending > 0;
  $('retract-button').hidden = !(state.doc.sourceLoaded || state.loaded);
  $('retract-button').textContent = `Retract “${bundle.source.id}”`;
}

// ---------------------------------------------------------------- adding what the draft missed

/** The selected words of the text as a span of it (offsets, quote, sentence), or null. */
function selectedSpan() {
  const selection = window.getSelection();
  if (!state || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const container = $('source-text');
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const offsetOf = (node, offset) => {
    const before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(node, offset);
    return before.toString().length;
  };
  const { text } = state.doc;
  let start = offsetOf(range.startContainer, range.startOffset);
  let end = offsetOf(range.endContainer, range.endOffset);
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /[\s.,;:]/.test(text[end - 1])) end--;
  const sentence = (state.doc.sentences || []).find((candidate) => candidate.start <= start && end <= candidate.end);
  if (start === end || !sentence) return null;
  return { quote: text.slice(start, end), sentence: sentence.index, start, end };
}

let selection = null;

function showSelectionTools() {
  selection = selectedSpan();
  $('selection-tools').hidden = selection === null;
  if (!selection) return;
  $('selection-quote').textContent = selection.quote;
  const fill = (select, options) => {
    if (select.options.length === 0) select.replaceChildren(...options);
  };
  fill(
    $('selection-label'),
    state.doc.vocabulary.labels.map((label) => option(label, label, 'Person')),
  );
  fill(
    $('selection-type'),
    state.doc.vocabulary.eventTypes.map((type) => option(type.key, type.key, 'meeting')),
  );
}

function slugOf(text) {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A new entity from the selection, or another mention of the entity of that name. */
function addEntity() {
  if (!selection) return;
  const span = selection;
  const id = slugOf(span.quote);
  const existing = state.items.findIndex(
    (item) => item.kind === 'entity' && (item.data.id === id || item.data.name === span.quote),
  );
  if (existing >= 0) {
    const evidence = state.items[existing].data.evidence;
    if (!evidence.some((other) => other.start === span.start)) evidence.push(span);
    closeSelection(existing);
    return;
  }
  const data = { id, label: $('selection-label').value, name: span.quote, nameEn: span.quote, evidence: [span] };
  closeSelection(addItem('entity', data, 'Added by the author: check the name in English.'));
}

/** A new event from the selection, dated by a date of its sentence (else the one before it, else publication). */
function addEvent() {
  if (!selection) return;
  const span = selection;
  const type = $('selection-type').value;
  const dates = state.doc.dates;
  const date =
    dates.find((candidate) => candidate.sentence === span.sentence) ||
    [...dates].reverse().find((candidate) => candidate.end <= span.start);
  const published = state.items[0].data.published;
  const eventDate = date
    ? {
        iso: date.iso,
        inferred: date.inferred,
        ...(date.note ? { note: date.note } : {}),
        evidence: [{ quote: date.quote, sentence: date.sentence, start: date.start, end: date.end }],
      }
    : {
        iso: published?.iso ?? '',
        inferred: true,
        note: 'The text gives no date for it: the publication date.',
        evidence: [span],
      };
  const base = `${eventDate.iso.replace('/', '-')}-${type}-${slugOf(span.quote).split('-').slice(0, 3).join('-')}`;
  let id = base;
  for (let n = 2; state.items.some((item) => item.data.id === id); n++) id = `${base}-${n}`;
  const sentence = (state.doc.sentences || [])[span.sentence];
  const clause = state.doc.text.slice(sentence.start, sentence.end).replace(/[.!?]$/u, '');
  const data = {
    id,
    type,
    title: `${DRAFTED_TITLE}${clause}`,
    titleEn: `${DRAFTED_TITLE}${clause}`,
    date: eventDate,
    evidence: [{ quote: clause, sentence: sentence.index, start: sentence.start, end: sentence.start + clause.length }],
  };
  closeSelection(addItem('event', data, 'Added by the author: write its titles, check its date, add who took part.'));
}

/** An item the author adds (accepted: adding it is the decision); its index. */
function addItem(kind, data, note) {
  state.items.push({
    key: `added.${state.items.length}`,
    kind,
    data,
    notes: [note],
    decision: 'accepted',
    drafted: false,
  });
  return state.items.length - 1;
}

/** Ends a selection's use: the item it made or joined is selected, the selection and its tools go. */
function closeSelection(index) {
  state.selected = index;
  window.getSelection()?.removeAllRanges();
  $('selection-tools').hidden = true;
  decided();
}

$('source-text').addEventListener('mouseup', showSelectionTools);
$('source-text').addEventListener('keyup', showSelectionTools);
$('add-entity').addEventListener('click', addEntity);
$('add-event').addEventListener('click', addEvent);

// ---------------------------------------------------------------- decisions

function select(index) {
  if (!state || index < 0 || index >= state.items.length) return;
  state.selected = index;
  save();
  render();
}

/** Counts a decision, keeps it, and redraws (the editor too, unless an author is typing in it). */
function decided(redrawEditor = true) {
  state.decisions += 1;
  // What the loader said of this item may no longer hold; the others' problems stay until the next dry run.
  if (state.problems) delete state.problems[state.selected];
  save();
  if (redrawEditor) return render();
  renderText();
  renderItems();
  renderPlan();
  $('editor').querySelector('h3').textContent =
    `${LABELS[state.items[state.selected].kind]}: ${summaryOf(state, state.items[state.selected])}`;
}

function decide(decision) {
  const item = state.items[state.selected];
  if (!item || (item.kind === 'source' && decision === 'rejected')) return;
  item.decision = decision;
  decided();
  const next = state.items.findIndex((other, index) => index > state.selected && undecided(state, other));
  if (next >= 0) select(next);
}

function focusField(names) {
  for (const name of names) {
    const control = $('editor').querySelector(`[data-field="${name}"]`);
    if (control) {
      control.focus();
      return;
    }
  }
}

document.addEventListener('keydown', (event) => {
  if (!state || event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target.closest && event.target.closest('input, textarea, select');
  if (typing) {
    if (event.key === 'Escape') $('items').focus();
    return;
  }
  const actions = {
    j: () => select(state.selected + 1),
    ArrowDown: () => select(state.selected + 1),
    k: () => select(state.selected - 1),
    ArrowUp: () => select(state.selected - 1),
    n: () => select(state.items.findIndex((item) => undecided(state, item))),
    a: () => decide('accepted'),
    r: () => decide('rejected'),
  };
  // These take the author into the editor; the others keep the focus on the list.
  const fields = { l: ['label', 'type', 'role'], e: ['title', 'name'], m: ['merge'] };
  if (actions[event.key]) {
    event.preventDefault();
    actions[event.key]();
    $('items').focus();
  } else if (fields[event.key]) {
    event.preventDefault();
    focusField(fields[event.key]);
  }
});

// ---------------------------------------------------------------- draft, dry run, load

$('draft-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value;
  if (state && !confirm('Drafting replaces the decisions on this page. Go on?')) return;
  say('draft-status', 'Drafting…');
  try {
    const doc = await api('POST', '/author/draft', {
      text,
      ...($('published').value.trim() ? { published: $('published').value.trim() } : {}),
      ...($('language').value ? { language: $('language').value } : {}),
      ...($('source-id').value.trim() ? { sourceId: $('source-id').value.trim() } : {}),
    });
    start(doc);
    const review = state.items.filter((item) => undecided(state, item)).length;
    say(
      'draft-status',
      `Drafted “${doc.sourceId}” (${doc.language}${doc.languageDetected ? ', detected' : ''}): ${state.items.length} items, ${review} to decide.${doc.sourceLoaded ? ' A source of this id is loaded: loading will replace it.' : ''}`,
      'ok',
    );
  } catch (error) {
    say('draft-status', describeError(error), 'error');
  }
});

$('open-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = $('open-id').value.trim();
  if (!id) return say('open-status', 'Give the id of a loaded source.', 'error');
  if (state && !confirm('Opening replaces the decisions on this page. Go on?')) return;
  say('open-status', 'Opening…');
  try {
    start(await api('GET', `/author/sources/${encodeURIComponent(id)}`));
    $('text').value = state.doc.text;
    say('open-status', `Opened “${id}”: ${state.items.length} items as loaded; correct them and load again.`, 'ok');
  } catch (error) {
    say('open-status', describeError(error), 'error');
  }
});

/** Names each problem the loader found beside its item; returns how they read. */
function showProblems(problems, origin) {
  state.problems = {};
  const unplaced = [];
  for (const problem of problems) {
    const index = itemOfProblem(problem.path, origin);
    const line = `${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
    if (index === undefined) unplaced.push(line);
    else (state.problems[index] = state.problems[index] || []).push(line);
  }
  save();
  render();
  return unplaced;
}

async function send(dryRun) {
  const { bundle, origin } = bundleOf(state);
  const statusId = dryRun ? 'dry-run-status' : 'load-status';
  const target = dryRun ? $('diff') : $('load-report');
  say(statusId, dryRun ? 'Dry run…' : 'Loading…');
  target.replaceChildren();
  try {
    const report = await api('POST', `/bundles${dryRun ? '?dryRun=true' : ''}`, { bundle });
    state.problems = {};
    target.replaceChildren(...describeReport(report, bundleOf(state).bundle));
    if (dryRun) say(statusId, 'Nothing was written. This is what Load would change:', 'ok');
    else {
      say(statusId, `Loaded “${report.sourceId}” (data version ${report.version}).`, 'ok');
      state.loaded = { sourceId: report.sourceId, version: report.version };
      state.doc = { ...state.doc, sourceLoaded: true };
      localStorage.removeItem(STORAGE_KEY);
      renderPlan();
      return;
    }
    save();
    render();
  } catch (error) {
    const unplaced = showProblems(error.problems || [], origin);
    say(statusId, `${describeError(error)}${dryRun ? '' : ' Your decisions are kept on this page.'}`, 'error');
    target.replaceChildren(
      ...(unplaced.length
        ? [
            el(
              'ul',
              { className: 'problems' },
              unplaced.map((line) => el('li', {}, line)),
            ),
          ]
        : []),
    );
  }
}

$('dry-run-button').addEventListener('click', () => void send(true));
$('load-button').addEventListener('click', () => void send(false));

$('retract-button').addEventListener('click', async () => {
  const sourceId = state.loaded?.sourceId || state.doc.sourceId;
  const button = $('retract-button');
  if (button.dataset.confirm !== sourceId) {
    button.dataset.confirm = sourceId;
    button.textContent = `Confirm: retract “${sourceId}” and everything only it backs`;
    return;
  }
  delete button.dataset.confirm;
  say('file-status', 'Retracting…');
  try {
    const report = await api('DELETE', `/bundles/${encodeURIComponent(sourceId)}`);
    say(
      'file-status',
      `Retracted “${sourceId}” (data version ${report.version}): ${report.nodes.deleted} nodes and ${report.relationships.deleted} links deleted, ${report.nodes.updated} nodes lost its claims.`,
      'ok',
    );
    state.loaded = null;
    state.doc = { ...state.doc, sourceLoaded: false };
    save();
    renderPlan();
  } catch (error) {
    say('file-status', describeError(error), 'error');
  }
});

$('download-button').addEventListener('click', () => {
  const { bundle } = bundleOf(state);
  const yaml = stringify(bundle, { lineWidth: 0 });
  const link = el('a', {
    href: URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' })),
    download: `${bundle.source.id}.yaml`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  const pending = state.items.filter((item) => undecided(state, item)).length;
  say(
    'file-status',
    `Saved ${bundle.source.id}.yaml (npm run seed -- ${bundle.source.id}.yaml loads it)${pending ? `; ${pending} item(s) were still undecided and are in it` : ''}.`,
    'ok',
  );
});

$('discard-button').addEventListener('click', () => {
  if (!confirm('Discard this review and its decisions?')) return;
  state = null;
  save();
  render();
  say('file-status', '');
  say('draft-status', 'Discarded.');
});

$('key').value = sessionStorage.getItem(KEY_STORAGE_KEY) || '';
$('key').addEventListener('change', () => sessionStorage.setItem(KEY_STORAGE_KEY, key()));
$('key-form').addEventListener('submit', (event) => event.preventDefault());

state = restore();
if (state) {
  $('text').value = state.doc.text;
  say(
    'draft-status',
    `Restored your unsaved review of “${state.doc.sourceId}” (${state.decisions} decision(s)).`,
    'ok',
  );
}
render();
