// Embeddable timeline: loads the vis-timeline feed for this page's query string and shows the
// participants, place and quoted evidence of the event the reader selects.
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

  fetch('/feeds/vis-timeline.json' + window.location.search)
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok)
          throw new Error((body.errors && body.errors[0] && body.errors[0].message) || response.statusText);
        return body;
      });
    })
    .then(function (feed) {
      document.getElementById('count').textContent = feed.totalCount + ' event' + (feed.totalCount === 1 ? '' : 's');
      if (feed.items.length === 0) {
        status.textContent = 'No event matches this selection.';
        return;
      }
      status.remove();
      var byId = {};
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
      var options = {
        stack: true,
        zoomable: true,
        margin: { item: 6 },
        orientation: 'top',
        tooltip: { followMouse: true },
      };
      var timeline = params.get('groupBy')
        ? new vis.Timeline(document.getElementById('timeline'), items, feed.groups, options)
        : new vis.Timeline(document.getElementById('timeline'), items, options);
      timeline.on('select', function (event) {
        if (event.items.length > 0) showDetails(byId[event.items[0]]);
      });
      window.timelineReady = true;
    })
    .catch(function (error) {
      status.textContent = 'Could not load the timeline: ' + error.message;
      status.className = 'error';
    });
})();
