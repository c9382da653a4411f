// The details of one event, as both the timeline widget and the explorer show them: title, date
// (disputed dates say so), place, participants with their roles, agreements, and each quoted
// sentence with a link to its source.
(function () {
  'use strict';

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /** Quoted evidence with its source, linked when the source has an address. */
  function evidence(container, quote, sourceTitle, sourceUrl) {
    container.appendChild(element('blockquote', quote, 'evidence'));
    var source = element('p', 'Source: ', 'source');
    if (sourceUrl) {
      var link = element('a', sourceTitle || sourceUrl);
      link.href = sourceUrl;
      link.target = '_blank';
      link.rel = 'noopener';
      source.appendChild(link);
    } else {
      source.appendChild(document.createTextNode(sourceTitle || 'unknown'));
    }
    container.appendChild(source);
  }

  function showEvent(container, item) {
    container.replaceChildren();
    container.appendChild(element('h2', item.content));
    var meta = item.typeName + ' · ' + item.details.date + (item.details.place ? ' · ' + item.details.place : '');
    container.appendChild(element('p', meta, 'meta'));
    if (item.details.participants.length > 0) {
      var list = element('ul', null, 'participants');
      item.details.participants.forEach(function (p) {
        list.appendChild(element('li', p.role.replace(/_/g, ' ') + ': ' + p.name));
      });
      container.appendChild(list);
    }
    (item.details.agreements || []).forEach(function (agreement) {
      container.appendChild(element('p', 'Agreement: ' + agreement, 'agreement'));
    });
    item.details.evidence.forEach(function (e) {
      evidence(container, e.quote, e.sourceTitle, e.sourceUrl);
    });
    container.hidden = false;
  }

  /** The narrow layout: one card per event, in time order; a tap calls onSelect with its item. */
  function list(container, items, onSelect) {
    var cards = element('ol', null, 'tl-list');
    var seen = {};
    items.forEach(function (item) {
      if (seen[item.eventId]) return; // grouped by entity, an event comes once per participant
      seen[item.eventId] = true;
      var card = element('li', null, 'tl-card' + (item.disputed ? ' tl-disputed' : ''));
      card.setAttribute('data-event-id', item.eventId);
      card.tabIndex = 0;
      card.appendChild(element('span', item.details.date, 'tl-card-date'));
      card.appendChild(element('span', item.content, 'tl-card-title'));
      card.appendChild(
        element('span', item.typeName + (item.details.place ? ' · ' + item.details.place : ''), 'tl-card-meta'),
      );
      card.addEventListener('click', function () {
        onSelect(item);
      });
      cards.appendChild(card);
    });
    container.replaceChildren(cards);
  }

  window.EventDetails = { element: element, evidence: evidence, show: showEvent, list: list };
})();
