// Embeddable timeline: renders the vis-timeline feed of this page's query string (follow-feed.js
// loads it, and loads it again when the graph changes it) and shows the participants, place and
// quoted evidence of the event the reader selects.
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var status = document.getElementById('status');
  var details = document.getElementById('details');

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function showDetails(item) {
    details.replaceChildren();
    details.appendChild(element('h2', item.contentText));
    var meta = item.details.date + (item.details.place ? ' · ' + item.details.place : '');
    details.appendChild(element('p', meta, 'meta'));
    if (item.details.participants.length > 0) {
      var list = element('ul', null, 'participants');
      item.details.participants.forEach(function (p) {
        list.appendChild(element('li', p.role + ': ' + p.name));
      });
      details.appendChild(list);
    }
    (item.details.agreements || []).forEach(function (agreement) {
      details.appendChild(element('p', 'Agreement: ' + agreement, 'agreement'));
    });
    item.details.evidence.forEach(function (evidence) {
      details.appendChild(element('blockquote', evidence.quote, 'evidence'));
      var source = element('p', 'Source: ', 'source');
      if (evidence.sourceUrl) {
        var link = element('a', evidence.sourceTitle || evidence.sourceUrl);
        link.href = evidence.sourceUrl;
        link.target = '_blank';
        link.rel = 'noopener';
        source.appendChild(link);
      } else {
        source.appendChild(document.createTextNode(evidence.sourceTitle || 'unknown'));
      }
      details.appendChild(source);
    });
    details.hidden = false;
  }

  var timeline = null;
  var byId = {};

  var DAY_MS = 86400000;

  // Fits the window to the items, but never narrower than a week: events of one day would
  // otherwise be shown on an axis of milliseconds.
  function fitWindow() {
    timeline.fit({ animation: false });
    var range = timeline.getWindow();
    var width = range.end - range.start;
    if (width < 7 * DAY_MS) {
      var middle = (range.start.valueOf() + range.end.valueOf()) / 2;
      timeline.setWindow(middle - 3.5 * DAY_MS, middle + 3.5 * DAY_MS, { animation: false });
    }
  }

  function render(feed) {
    document.getElementById('count').textContent = feed.totalCount + ' event' + (feed.totalCount === 1 ? '' : 's');
    status.hidden = feed.items.length > 0;
    if (feed.items.length === 0) status.textContent = 'No event matches this selection.';
    byId = {};
    var items = feed.items.map(function (item) {
      var content = element('span', item.content);
      content.setAttribute('data-event-id', item.eventId);
      byId[item.id] = Object.assign({ contentText: item.content }, item);
      return Object.assign({}, item, {
        content: content,
        className: item.disputed ? 'tl-event tl-disputed' : 'tl-event',
        details: undefined,
      });
    });
    if (timeline) {
      if (params.get('groupBy')) timeline.setGroups(feed.groups);
      timeline.setItems(new vis.DataSet(items));
      fitWindow();
    } else if (items.length > 0) {
      var options = {
        stack: true,
        zoomable: true,
        margin: { item: 6 },
        orientation: 'top',
        tooltip: { followMouse: true },
      };
      timeline = params.get('groupBy')
        ? new vis.Timeline(document.getElementById('timeline'), items, feed.groups, options)
        : new vis.Timeline(document.getElementById('timeline'), items, options);
      timeline.on('select', function (event) {
        if (event.items.length > 0) showDetails(byId[event.items[0]]);
      });
      fitWindow();
    }
  }

  window.followFeed('/feeds/vis-timeline.json', render);
})();
