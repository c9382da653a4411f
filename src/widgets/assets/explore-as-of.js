// The explorer's "as reported by" control: a range over the days the loaded sources were published
// (Query.sources) and "now". Choosing a step asks the explorer to read everything as of that day,
// and says what changed at that step against the step before: events that appeared (or went),
// events whose date changed, disputes opened or settled, and the sources published that day. The
// difference is worked out here, from the two days' timelines of the page's selection.
(function () {
  'use strict';
  var SOURCES_QUERY =
    'query ($after: ID) { sources(first: 500, after: $after) {' +
    ' id title titleEn publisher language published { earliest } } }';
  var TIMELINE_QUERY =
    'query ($filter: TimelineFilter, $after: String, $asOf: String) {' +
    ' timeline(filter: $filter, first: 100, after: $after, asOf: $asOf) {' +
    ' pageInfo { hasNextPage endCursor } nodes { id title titleEn disputed date { iso }' +
    ' dateClaims { date { iso } source { id title titleEn } } } } }';
  /** Pages of a timeline read for a difference (as many as a feed holds). */
  var MAX_PAGES = 5;
  /** Items of one kind listed before "and N more". */
  var MAX_LISTED = 8;
  var MONTHS = {
    en: 'January February March April May June July August September October November December'.split(' '),
    pt: 'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro'.split(' '),
  };

  var graphql = window.ExploreApi.graphql;
  var element = window.EventDetails.element;

  /** A day, month, year or interval (ISO) as the page's language writes it. */
  function readable(iso, language) {
    if (!iso) return '';
    if (iso.indexOf('/') >= 0)
      return iso
        .split('/')
        .map(function (part) {
          return readable(part, language);
        })
        .join(' – ');
    var parts = iso.split('-').map(Number);
    var month = parts[1] ? MONTHS[language][parts[1] - 1] : null;
    if (language === 'pt') {
      if (parts[2]) return parts[2] + ' de ' + month + ' de ' + parts[0];
      if (month) return month + ' de ' + parts[0];
      return String(parts[0]);
    }
    if (parts[2]) return parts[2] + ' ' + month + ' ' + parts[0];
    if (month) return month + ' ' + parts[0];
    return String(parts[0]);
  }

  /**
   * Attaches the control. `options`: `initial` (the day the link asks for, or null), `language`
   * ('en' or 'pt', for dates), `english` (English titles), `filter()` (the page's selection as the
   * API takes it), `onChange(day)` (read the page as of the day; null: now), `titleLang(eventId)`
   * (the language an event's title is written in, when known).
   */
  function attach(options) {
    var form = document.getElementById('as-of');
    var range = document.getElementById('as-of-step');
    var output = document.getElementById('as-of-value');
    var sourcesText = document.getElementById('as-of-sources');
    var changes = document.getElementById('as-of-changes');
    var language = options.language === 'pt' ? 'pt' : 'en';
    var steps = [{ day: null, sources: [] }]; // publication days in order, then "now"
    var current = options.initial || null; // the day shown (null: now)
    var timelines = {}; // day ('' for now) -> promise of { id -> event }, cleared when the graph changes
    var applyTimer = null;
    var changeLoads = 0;

    function titleOf(thing) {
      return (options.english && thing.titleEn) || thing.title || thing.id;
    }

    function stepText(step) {
      return step.day ? readable(step.day, language) : 'now';
    }

    function indexOf(day) {
      for (var i = 0; i < steps.length; i += 1) if (steps[i].day === day) return i;
      return steps.length - 1;
    }

    /** The loaded sources' publication days, each with its sources; a day the link asks for is one too. */
    function loadSteps(after, collected) {
      collected = collected || [];
      return graphql(SOURCES_QUERY, { after: after || null }).then(function (data) {
        collected = collected.concat(data.sources);
        if (data.sources.length === 500) return loadSteps(data.sources[data.sources.length - 1].id, collected);
        var byDay = {};
        collected.forEach(function (source) {
          var day = source.published && source.published.earliest;
          if (day) (byDay[day] = byDay[day] || []).push(source);
        });
        if (current && !byDay[current]) byDay[current] = [];
        steps = Object.keys(byDay)
          .sort()
          .map(function (day) {
            return { day: day, sources: byDay[day] };
          })
          .concat([{ day: null, sources: [] }]);
      });
    }

    /** What one step shows next to the range: its day, and how many sources were published then. */
    function showStep(index) {
      var step = steps[index];
      var text = stepText(step);
      output.textContent = text;
      var count = step.sources.length;
      var said = step.day
        ? count === 0
          ? 'no source published that day'
          : count + ' source' + (count === 1 ? '' : 's') + ' published that day'
        : 'every loaded source';
      sourcesText.textContent = '(' + said + ')';
      range.setAttribute('aria-valuetext', text + ', ' + said);
    }

    function render() {
      range.max = String(steps.length - 1);
      range.value = String(indexOf(current));
      range.disabled = steps.length < 2;
      showStep(indexOf(current));
    }

    /** The selection's events as of a day, by id (null: now); read once per day until the graph changes. */
    function timelineAsOf(day) {
      var key = day || '';
      if (!timelines[key]) {
        var events = {};
        var read = function (after, pages) {
          return graphql(TIMELINE_QUERY, { filter: options.filter(), after: after, asOf: day }).then(function (data) {
            data.timeline.nodes.forEach(function (event) {
              events[event.id] = event;
            });
            var info = data.timeline.pageInfo;
            if (info.hasNextPage && pages < MAX_PAGES) return read(info.endCursor, pages + 1);
            return events;
          });
        };
        timelines[key] = read(null, 1).catch(function (error) {
          delete timelines[key];
          throw error;
        });
      }
      return timelines[key];
    }

    /** What differs between two days' timelines: appeared, gone, redated, disputes opened and settled. */
    function difference(before, after) {
      var found = { appeared: [], gone: [], redated: [], opened: [], settled: [] };
      Object.keys(after).forEach(function (id) {
        var now = after[id];
        var was = before[id];
        if (!was) found.appeared.push(now);
        else {
          if (was.date.iso !== now.date.iso) found.redated.push({ event: now, was: was });
          if (now.disputed && !was.disputed) found.opened.push(now);
          if (!now.disputed && was.disputed) found.settled.push({ event: now, was: was });
        }
      });
      Object.keys(before).forEach(function (id) {
        if (!after[id]) found.gone.push(before[id]);
      });
      return found;
    }

    /** "18 June 2024 (by “A”), 19 June 2024 (by “B”, “C”)": each date an event's sources give it. */
    function claimsText(event) {
      var byDate = {};
      var order = [];
      event.dateClaims.forEach(function (claim) {
        var iso = claim.date.iso;
        if (!byDate[iso]) {
          byDate[iso] = [];
          order.push(iso);
        }
        byDate[iso].push('“' + titleOf(claim.source) + '”');
      });
      return order
        .sort()
        .map(function (iso) {
          return readable(iso, language) + ' (by ' + byDate[iso].join(', ') + ')';
        })
        .join(' against ');
    }

    function listOf(kind, heading, entries) {
      if (entries.length === 0) return null;
      var block = element('div', null, 'as-of-change');
      block.setAttribute('data-change', kind);
      block.appendChild(element('h3', heading + ' (' + entries.length + ')'));
      var list = element('ul');
      entries.slice(0, MAX_LISTED).forEach(function (entry) {
        var item = element('li');
        item.setAttribute('data-event-id', entry.id);
        var title = element('span', '“' + entry.title + '”', 'as-of-title');
        if (entry.lang && entry.lang !== 'en') title.lang = entry.lang;
        item.appendChild(title);
        item.appendChild(document.createTextNode(': ' + entry.text));
        list.appendChild(item);
      });
      if (entries.length > MAX_LISTED)
        list.appendChild(element('li', 'and ' + (entries.length - MAX_LISTED) + ' more'));
      block.appendChild(list);
      return block;
    }

    function renderChanges(index, found) {
      var step = steps[index];
      var previous = index > 0 ? steps[index - 1] : null;
      changes.replaceChildren();
      changes.setAttribute('data-as-of', step.day || 'now');
      var heading = element(
        'h2',
        step.day ? 'As reported by ' + stepText(step) + ': what changed' : 'Now: what changed since the last source',
      );
      heading.id = 'as-of-changes-title';
      changes.appendChild(heading);
      if (step.sources.length > 0) {
        var published = element('p', 'Published that day: ', 'as-of-published');
        step.sources.forEach(function (source, i) {
          if (i > 0) published.appendChild(document.createTextNode('; '));
          var name = element('cite', titleOf(source));
          name.setAttribute('data-source-id', source.id);
          if (!(options.english && source.titleEn) && source.language) name.lang = source.language;
          published.appendChild(name);
          if (source.publisher) published.appendChild(document.createTextNode(' (' + source.publisher + ')'));
        });
        changes.appendChild(published);
      } else if (step.day) changes.appendChild(element('p', 'No loaded source was published that day.', 'meta'));
      changes.appendChild(
        element(
          'p',
          previous
            ? 'Compared with ' + stepText(previous) + ', in this selection:'
            : 'Compared with before any source, in this selection:',
          'meta',
        ),
      );
      var describe = function (event, text) {
        var lang = options.english && event.titleEn ? 'en' : options.titleLang && options.titleLang(event.id);
        return { id: event.id, title: titleOf(event), text: text, lang: lang };
      };
      var blocks = [
        listOf(
          'opened',
          'Disputes opened',
          found.opened.map(function (event) {
            return describe(event, 'dated ' + claimsText(event));
          }),
        ),
        listOf(
          'settled',
          'Disputes settled',
          found.settled.map(function (change) {
            return describe(
              change.event,
              'now dated ' + readable(change.event.date.iso, language) + ' by every source',
            );
          }),
        ),
        listOf(
          'redated',
          'Dates changed',
          found.redated.map(function (change) {
            return describe(
              change.event,
              readable(change.was.date.iso, language) + ' → ' + readable(change.event.date.iso, language),
            );
          }),
        ),
        listOf(
          'appeared',
          'Events that appeared',
          found.appeared.map(function (event) {
            return describe(event, readable(event.date.iso, language) + (event.disputed ? ' (disputed)' : ''));
          }),
        ),
        listOf(
          'gone',
          'Events no longer reported',
          found.gone.map(function (event) {
            return describe(event, readable(event.date.iso, language));
          }),
        ),
      ].filter(Boolean);
      if (blocks.length === 0) changes.appendChild(element('p', 'No event of this selection changed.', 'as-of-none'));
      blocks.forEach(function (block) {
        changes.appendChild(block);
      });
      changes.hidden = false;
    }

    /** Works out and shows what changed at the current step. */
    function showChanges() {
      var index = indexOf(current);
      var previous = index > 0 ? steps[index - 1].day : undefined;
      var token = ++changeLoads;
      changes.setAttribute('aria-busy', 'true');
      return Promise.all([timelineAsOf(current), previous === undefined ? {} : timelineAsOf(previous)])
        .then(function (both) {
          if (token !== changeLoads) return;
          renderChanges(index, difference(both[1], both[0]));
        })
        .catch(function (error) {
          if (token !== changeLoads) return;
          changes.replaceChildren(element('p', 'Could not work out what changed: ' + error.message, 'meta'));
          changes.hidden = false;
        })
        .then(function () {
          if (token === changeLoads) changes.removeAttribute('aria-busy');
        });
    }

    /** Reads the page as of the step the range is on (once per step, however it got there). */
    function apply() {
      clearTimeout(applyTimer);
      var step = steps[Number(range.value)];
      if (!step || step.day === current) return;
      current = step.day;
      form.setAttribute('data-as-of', current || '');
      options.onChange(current);
      showChanges();
    }

    // Dragging or holding an arrow key passes over steps: the text follows at once, the reading
    // waits until the range rests.
    range.addEventListener('input', function () {
      showStep(Number(range.value));
      clearTimeout(applyTimer);
      applyTimer = setTimeout(apply, 250);
    });
    range.addEventListener('change', apply);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
    });

    /** The graph changed (a source loaded or retracted): the days and the differences are read again. */
    function refresh() {
      timelines = {};
      return loadSteps()
        .then(function () {
          render();
          // Only a step the reader chose says what changed; the current view says it once asked.
          if (current || !changes.hidden) return showChanges();
        })
        .catch(function (error) {
          sourcesText.textContent = '(could not read the sources: ' + error.message + ')';
        });
    }

    refresh();
    return { refresh: refresh };
  }

  window.ExploreAsOf = { attach: attach, readable: readable };
})();
