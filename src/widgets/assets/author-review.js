// The review's model: the items an author decides on, and the bundle their decisions make.

/** The drafter's mark on a title still to write (the loader refuses it). */
export const DRAFTED_TITLE = 'DRAFT: ';

const reviewNeeded = (notes) => (notes || []).some((line) => line.startsWith('REVIEW'));

/** One item per thing to decide: the source's header, each entity, event and relationship. */
export function itemsOf(doc) {
  const { bundle, notes } = doc;
  const notesUnder = (prefix) =>
    Object.entries(notes)
      .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
      .flatMap(([, lines]) => lines);
  const item = (kind, key, data, itemNotes) => ({
    key,
    kind,
    data,
    notes: itemNotes,
    decision: doc.origin === 'loaded' || !reviewNeeded(itemNotes) ? 'accepted' : 'pending',
    drafted: reviewNeeded(itemNotes),
  });
  const { text: _text, ...source } = bundle.source;
  return [
    item('source', 'source', source, notesUnder('source')),
    ...(bundle.entities || []).map((entity, index) =>
      item('entity', `entities.${index}`, { ...entity }, notesUnder(`entities.${index}`)),
    ),
    ...(bundle.events || []).map((event, index) =>
      item('event', `events.${index}`, { ...event }, notesUnder(`events.${index}`)),
    ),
    ...(bundle.relationships || []).map((relationship, index) =>
      item('relationship', `relationships.${index}`, { ...relationship }, notesUnder(`relationships.${index}`)),
    ),
  ];
}

/** Entities by their bundle id, with the id and label they take (a merge gives a known one's). */
export function entityIndex(state) {
  const index = new Map();
  for (const item of state.items)
    if (item.kind === 'entity') {
      const merged = item.data.mergeInto;
      index.set(item.data.id, {
        item,
        id: merged ? merged.id : item.data.id,
        label: merged ? merged.label : item.data.label,
      });
    }
  return index;
}

export function eventIndex(state) {
  return new Map(state.items.filter((item) => item.kind === 'event').map((item) => [item.data.id, item]));
}

export const kept = (item) => item.decision !== 'rejected';

/** Whether an item waits for the author: a link whose end was rejected goes with it, undecided. */
export function undecided(state, item) {
  return item.decision === 'pending' && !(item.kind === 'relationship' && rejectedEnd(state, item.data));
}

/** A relationship's end that is rejected (its relationship goes with it), if any. */
export function rejectedEnd(state, relationship) {
  const entities = entityIndex(state);
  const events = eventIndex(state);
  for (const end of [relationship.from, relationship.to]) {
    const owner = entities.get(end)?.item || events.get(end);
    if (owner && !kept(owner)) return owner;
  }
  return undefined;
}

/**
 * The bundle the decisions make, in the loader's format, and where each of its items came from
 * (so a problem the loader names can be shown beside its item). Pending items count as accepted.
 */
export function bundleOf(state) {
  const entities = entityIndex(state);
  const rename = (id) => entities.get(id)?.id ?? id;
  const origin = new Map();
  const source = { ...state.items[0].data, text: state.doc.text };
  origin.set('source', 0);
  const bundle = { source, entities: [], events: [], relationships: [] };
  state.items.forEach((item, index) => {
    if (!kept(item) || item.kind === 'source') return;
    if (item.kind === 'entity') {
      const { mergeInto, ...entity } = item.data;
      const taken = bundle.entities.findIndex((other) => other.id === rename(entity.id));
      if (taken >= 0) {
        // Two drafted entities merged into one: one entity with both's evidence.
        const other = bundle.entities[taken];
        other.evidence = sameSpansOnce([...other.evidence, ...entity.evidence]);
        return;
      }
      origin.set(`entities[${bundle.entities.length}]`, index);
      bundle.entities.push({
        ...entity,
        id: rename(entity.id),
        ...(mergeInto ? { label: mergeInto.label } : {}),
      });
    } else if (item.kind === 'event') {
      origin.set(`events[${bundle.events.length}]`, index);
      const { sameAsName: _name, ...event } = item.data;
      bundle.events.push(event);
    } else if (!rejectedEnd(state, item.data)) {
      const { added: _added, ...data } = item.data;
      const relationship = { ...data, from: rename(data.from), to: rename(data.to) };
      // A merge can make two links one (same type, ends and role): one link with both's evidence.
      const same = bundle.relationships.find(
        (other) =>
          other.type === relationship.type &&
          other.from === relationship.from &&
          other.to === relationship.to &&
          (other.role || '') === (relationship.role || ''),
      );
      if (same) {
        same.evidence = sameSpansOnce([...same.evidence, ...relationship.evidence]);
        return;
      }
      origin.set(`relationships[${bundle.relationships.length}]`, index);
      bundle.relationships.push(relationship);
    }
  });
  return { bundle, origin };
}

/** Evidence spans, each once. */
function sameSpansOnce(spans) {
  const seen = new Set();
  return spans.filter((span) => {
    const key = `${span.start}:${span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The item a loader's problem path (`events[2].date.iso`, `bundle: entities[0]`) is about. */
export function itemOfProblem(path, origin) {
  const match = /(source|(?:entities|events|relationships)\[\d+\])/.exec(path || '');
  return match ? origin.get(match[1]) : undefined;
}

export const LABELS = {
  source: 'Source',
  entity: 'Entity',
  event: 'Event',
  relationship: 'Link',
};

export function nameOf(state, id) {
  const entity = entityIndex(state).get(id);
  if (entity) return entity.item.data.mergeInto ? entity.item.data.mergeInto.name : entity.item.data.name;
  const event = eventIndex(state).get(id);
  return event ? shortTitle(event.data) : id;
}

export function shortTitle(event) {
  const title = event.titleEn || event.title || event.id;
  const plain = title.startsWith(DRAFTED_TITLE) ? `${event.type} (title to write)` : title;
  return plain.length > 70 ? `${plain.slice(0, 67)}…` : plain;
}

export function summaryOf(state, item) {
  const data = item.data;
  if (item.kind === 'source')
    return `${data.title || '(no title)'} · ${data.language} · ${data.published?.iso || 'no date'}`;
  if (item.kind === 'entity')
    return data.mergeInto
      ? `${data.name} → ${data.mergeInto.name} (${data.mergeInto.label}, ${data.mergeInto.id})`
      : `${data.name} (${data.label}${state.doc.knownIds.includes(data.id) ? ', known' : ', new'})`;
  if (item.kind === 'event')
    return `${data.date?.iso || '?'} ${data.type}: ${shortTitle(data)}${data.sameAs ? ` = ${data.sameAs}` : ''}`;
  const role = data.role ? ` as ${data.role}` : '';
  return `${nameOf(state, data.from)} ${data.type}${role} → ${nameOf(state, data.to)}`;
}

/** What an item is in the bundle: an entity's or event's id, a relationship's `TYPE|from|to|role`. */
export function itemIdOf(item) {
  if (item.kind === 'source') return item.data.id;
  if (item.kind !== 'relationship') return item.data.id;
  const { type, from, to, role } = item.data;
  return `${type}|${from}|${to}|${role || ''}`;
}
