// The details of one event, as both the timeline widget and the explorer show them: title, date
// (disputed dates say so), place, participants with their roles, agreements, what supports the date
// (each source's date, its quotes and how an inferred year was worked out), and each quoted
// sentence with a link to its source. Text in a source's language carries it (`lang`), so a screen
// reader speaks Portuguese as Portuguese.
(function () {
  'use strict';

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /** Marks a node as written in `lang` (nothing when unknown). */
  function inLanguage(node, lang) {
    if (lang) node.lang = lang;
    return node;
  }

  /** Quoted evidence with its source, linked when the source has an address. */
  function evidence(container, quote, sourceTitle, sourceUrl, lang) {
    container.appendChild(inLanguage(element('blockquote', quote, 'evidence'), lang));
    var source = element('p', 'Source: ', 'source');
    if (sourceUrl) {
      var link = element('a', sourceTitle || sourceUrl);
      link.href = sourceUrl;
      link.target = '_blank';
      link.rel = 'noopener';
      source.appendChild(link);
      source.appendChild(element('span', ' (opens in a new tab)', 'visually-hidden'));
    } else {
      source.appendChild(document.createTextNode(sourceTitle || 'unknown'));
    }
    container.appendChild(source);
  }

  /** What supports the date: per source, the date it gives, how it was worked out, and its words. */
  function dateEvidence(container, claims) {
    if (!claims || claims.length === 0) return;
    var section = element('section', null, 'date-evidence');
    section.appendChild(
      element('h3', claims.length > 1 ? 'Evidence for the date, by source' : 'Evidence for the date'),
    );
    claims.forEach(function (claim) {
      section.appendChild(element('p', claim.date, 'date-claim'));
      if (claim.note) section.appendChild(element('p', claim.note, 'date-note'));
      claim.quotes.forEach(function (q) {
        evidence(section, q.quote, q.sourceTitle, q.sourceUrl, q.lang);
      });
    });
    container.appendChild(section);
  }

  /**
   * Fills `container` with the event's details. `options.onClose` adds a Close button that calls it;
   * `options.focus` moves the keyboard focus to the title (a reader who chose the event goes there).
   */
  function showEvent(container, item, options) {
    options = options || {};
    container.replaceChildren();
    var heading = inLanguage(element('h2', item.content), item.lang);
    heading.id = (container.id || 'details') + '-title';
    heading.tabIndex = -1;
    container.setAttribute('aria-labelledby', heading.id);
    if (options.onClose) {
      var bar = element('div', null, 'details-bar');
      bar.appendChild(heading);
      var close = element('button', 'Close', 'details-close');
      close.type = 'button';
      close.setAttribute('aria-label', 'Close the details (Escape)');
      close.addEventListener('click', options.onClose);
      bar.appendChild(close);
      container.appendChild(bar);
    } else {
      container.appendChild(heading);
    }
    var meta = item.typeName + ' · ' + item.details.date + (item.details.place ? ' · ' + item.details.place : '');
    container.appendChild(element('p', meta, 'meta'));
    if (item.details.participants.length > 0) {
      var list = element('ul', null, 'participants');
      item.details.participants.forEach(function (p) {
        list.appendChild(element('li', p.role.replace(/_/g, ' ') + ': ' + p.name));
      });
      container.appendChild(list);
    }
    // Heads of state or government in their countries' summit: said as such, with the words
    // that say they lead the country.
    if (item.details.heads && item.details.heads.length > 0) {
      var heads = element('ul', null, 'heads');
      item.details.heads.forEach(function (head) {
        var entry = element('li', head.role.replace(/_/g, ' ') + ' of ' + head.country + ': ' + head.name, 'head');
        if (head.quotes.length > 0) {
          entry.appendChild(document.createTextNode(' '));
          entry.appendChild(inLanguage(element('q', head.quotes[0].quote), head.quotes[0].lang));
        }
        heads.appendChild(entry);
      });
      container.appendChild(heads);
    }
    (item.details.agreements || []).forEach(function (agreement) {
      container.appendChild(element('p', 'Agreement: ' + agreement, 'agreement'));
    });
    dateEvidence(container, item.details.dateEvidence);
    if (item.details.dateEvidence && item.details.dateEvidence.length > 0 && item.details.evidence.length > 0)
      container.appendChild(element('h3', 'Evidence for the event'));
    item.details.evidence.forEach(function (e) {
      evidence(container, e.quote, e.sourceTitle, e.sourceUrl, e.lang);
    });
    container.hidden = false;
    if (options.focus) heading.focus();
  }

  /**
   * The narrow layout: one card per event, in time order; a tap, Enter or Space calls onSelect with
   * its item (each card holds a button, so the keyboard and screen readers reach it as one).
   */
  function list(container, items, onSelect) {
    var cards = element('ol', null, 'tl-list');
    cards.setAttribute('aria-label', 'Events, in time order');
    var seen = {};
    items.forEach(function (item) {
      if (seen[item.eventId]) return; // grouped by entity, an event comes once per participant
      seen[item.eventId] = true;
      var card = element('li', null, 'tl-card' + (item.disputed ? ' tl-disputed' : ''));
      card.setAttribute('data-event-id', item.eventId);
      var button = element('button', null, 'tl-card-button');
      button.type = 'button';
      button.appendChild(element('span', item.details.date, 'tl-card-date'));
      button.appendChild(inLanguage(element('span', item.content, 'tl-card-title'), item.lang));
      button.appendChild(
        element('span', item.typeName + (item.details.place ? ' · ' + item.details.place : ''), 'tl-card-meta'),
      );
      button.addEventListener('click', function () {
        onSelect(item);
      });
      card.appendChild(button);
      cards.appendChild(card);
    });
    container.replaceChildren(cards);
  }

  window.EventDetails = { element: element, evidence: evidence, show: showEvent, list: list };
})();
