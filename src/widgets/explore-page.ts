import { EVENT_TYPES, eventTypeName, type WidgetLanguage } from '../domain/model';
import { parseFuzzyDate, readableDate } from '../domain/fuzzy-date';
import type { TimelineFilterInput } from '../services/timeline.service';
import { escapeHtml } from '../feeds/describe';

/** The explorer's own URL parameters (what is selected), beside the feed's (what is shown). */
export const EXPLORER_PARAMETERS = ['focus', 'focusMatch', 'event', 'connect'] as const;

/** A filter bound as a date input shows it: YYYY-MM-DD, a month or year widened to its first or last day. */
function dateInputValue(value: string | null | undefined, end: boolean): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // A day that does not exist (2024-13-40) shows as no date, as the input itself would.
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value) ? value : '';
  }
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) {
    if (!end) return `${value}-01`;
    const [year, month] = value.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${value}-${String(last).padStart(2, '0')}`;
  }
  if (/^\d{4}$/.test(value)) return end ? `${value}-12-31` : `${value}-01-01`;
  return '';
}

/**
 * The "as reported by" control (explore-as-of.js gives it the sources' publication days): a range
 * over those days and "now", its value as text, and what changed at the chosen step.
 */
function asOfControl(asOf: string | null, language: WidgetLanguage): string {
  const date = asOf ? parseFuzzyDate(asOf) : undefined;
  const value = date ? readableDate(date, language) : 'now';
  return `
  <div class="as-of-bar">
    <form id="as-of" class="as-of" data-as-of="${escapeHtml(asOf ?? '')}" data-language="${language}">
      <label for="as-of-step">As reported by</label>
      <input id="as-of-step" type="range" min="0" max="0" step="1" value="0" aria-valuetext="${escapeHtml(value)}" disabled>
      <output id="as-of-value" for="as-of-step" aria-hidden="true">${escapeHtml(value)}</output>
      <span id="as-of-sources" class="as-of-sources"></span>
    </form>
    <section id="as-of-changes" class="as-of-changes" aria-live="polite" aria-labelledby="as-of-changes-title" hidden></section>
  </div>`;
}

/**
 * The explorer's page body (explore.js fills it): search, filters (types and dates, applied
 * through the URL), Connect, the "as reported by" steps, the focus bar, the timeline, the graph
 * with its legend and a list view of its nodes, and the details pane.
 */
export function explorePageBody(
  title: string,
  filter: TimelineFilterInput,
  language: WidgetLanguage,
  asOf: string | null = null,
): string {
  const types = new Set(filter.types ?? []);
  const typeBoxes = Object.keys(EVENT_TYPES)
    .map(
      (type) =>
        `<label class="type-option"><input type="checkbox" name="type" value="${type}"${types.has(type) ? ' checked' : ''}> ${escapeHtml(eventTypeName(type, language))}</label>`,
    )
    .join('\n          ');
  const typeSummary = types.size > 0 ? `Event types (${types.size})` : 'Event types (all)';
  return `
  <header><h1>${escapeHtml(title)}</h1><span class="count" id="count" role="status"></span></header>
  <div class="explore-tools">
    <form id="search-form" role="search" class="tool">
      <label for="search">Find</label>
      <input id="search" type="search" autocomplete="off" spellcheck="false" placeholder="a person, place, event…"
        aria-describedby="search-status" aria-controls="search-results">
      <button type="submit">Find</button>
      <span id="search-status" class="visually-hidden" role="status"></span>
    </form>
    <form id="filters" class="tool" aria-label="Filters">
      <details class="type-filter"><summary>${typeSummary}</summary>
        <fieldset><legend class="visually-hidden">Event types</legend>
          ${typeBoxes}
        </fieldset>
      </details>
      <label for="filter-from">From</label> <input id="filter-from" type="date" value="${escapeHtml(dateInputValue(filter.from, false))}">
      <label for="filter-to">to</label> <input id="filter-to" type="date" value="${escapeHtml(dateInputValue(filter.to, true))}">
      <button type="submit">Apply</button>
      <button type="button" id="filter-reset">Reset</button>
    </form>
    <form id="connect" class="tool">
      <label for="connect-from">Connect</label> <select id="connect-from"></select>
      <label for="connect-to">and</label> <select id="connect-to"></select>
      <button type="submit" id="connect-button">Show path</button>
      <span id="connect-status" class="connect-status" role="status"></span>
    </form>
    <!-- Export links of the events shown (explore.js, with export-links.js). -->
    <div id="export-slot" class="tool export-slot"></div>
  </div>${asOfControl(asOf, language)}
  <ul id="search-results" class="search-results" aria-label="Search results" hidden></ul>
  <div id="focus-bar" class="focus-bar" hidden>
    <span id="focus-label">Events of</span> <span id="focus-chips" class="chips"></span>
    <span id="focus-match" class="focus-match" hidden role="radiogroup" aria-label="Events of">
      <label><input type="radio" name="focus-match" value="ALL" checked> all of them</label>
      <label><input type="radio" name="focus-match" value="ANY"> any of them</label>
    </span>
  </div>
  <div class="selection-bar"><button type="button" id="clear-selection" disabled>Clear selection</button>
    <span class="hint" id="hint">Click an event or an entity; shift-click an entity to add it (events with both).</span></div>
  <p id="explore-alert" class="alert" role="alert"></p>
  <div id="status">Loading…</div>
  <div id="timeline-panel" class="timeline-panel"><div id="timeline"></div></div>
  <div class="explore-main">
    <div class="graph-panel">
      <div id="graph" role="img" aria-label="The graph of the events in the timeline's window and who and what they involve; the list below holds the same nodes"></div>
      <ul id="legend" class="legend" aria-label="Legend: kinds of node"></ul>
      <details id="node-list" class="node-list"><summary>The graph as a list</summary>
        <h2 class="visually-hidden">Events in the window</h2>
        <ul id="node-list-events" aria-label="Events in the window"></ul>
        <h2 class="visually-hidden">Entities</h2>
        <ul id="node-list-entities" aria-label="Entities in the graph"></ul>
      </details>
    </div>
    <section id="details" aria-live="polite" tabindex="-1" hidden></section>
  </div>`;
}
