// Embeddable timeline: renders the vis-timeline feed of this page's query string (follow-feed.js
// loads it, and loads it again when the graph changes it) and shows the participants, place and
// quoted evidence of the event the reader selects.
(function () {
  'use strict';
  // The parameters the page kept of its link (see follow-feed.js).
  var params = new URLSearchParams(document.getElementById('live').getAttribute('data-query') || '');
  var status = document.getElementById('status');
  var details = document.getElementById('details');

  function showDetails(item) {
    window.EventDetails.show(details, item);
  }

  var timeline = null;
  var byId = {};
  var lastFeed = null;
  // Below this width labels on a time axis cannot be read: the events are listed instead.
  var narrow = window.matchMedia('(max-width: 480px)');

  function itemsOf(feed) {
    byId = {};
    return feed.items.map(function (item) {
      byId[item.id] = item;
      return window.toTimelineItem(item);
    });
  }

  function renderTimeline(feed) {
    var items = itemsOf(feed);
    var container = document.getElementById('timeline');
    if (timeline) {
      if (params.get('groupBy')) timeline.setGroups(feed.groups);
      timeline.setItems(new vis.DataSet(items));
    } else {
      container.replaceChildren();
      var options = {
        stack: true,
        zoomable: true,
        margin: { item: 6 },
        orientation: 'top',
        tooltip: { followMouse: true },
      };
      timeline = params.get('groupBy')
        ? new vis.Timeline(container, items, feed.groups, options)
        : new vis.Timeline(container, items, options);
      timeline.on('select', function (event) {
        if (event.items.length > 0) showDetails(byId[event.items[0]]);
      });
    }
    window.fitTimelineWindow(timeline, feed.items);
  }

  // The narrow layout: one card per event, in time order, a tap shows its details.
  function renderList(feed) {
    if (timeline) {
      timeline.destroy();
      timeline = null;
    }
    window.EventDetails.list(document.getElementById('timeline'), feed.items, showDetails);
  }

  function render(feed) {
    lastFeed = feed;
    document.getElementById('count').textContent = feed.totalCount + ' event' + (feed.totalCount === 1 ? '' : 's');
    status.hidden = feed.items.length > 0;
    if (feed.items.length === 0) status.textContent = 'No event matches this selection.';
    if (feed.items.length === 0) {
      if (timeline) timeline.setItems([]);
      return;
    }
    if (narrow.matches) renderList(feed);
    else renderTimeline(feed);
  }

  narrow.addEventListener('change', function () {
    if (lastFeed) render(lastFeed);
  });

  // Downloads of this selection: real links, so they are focusable, keyboard operable and can be copied.
  function renderExports() {
    var nav = document.getElementById('exports');
    var label = document.createElement('span');
    label.textContent = 'Export:';
    nav.replaceChildren(label);
    window.exportLinks(params).forEach(function (link) {
      var anchor = document.createElement('a');
      anchor.href = link.href;
      anchor.textContent = link.label;
      anchor.setAttribute('data-format', link.format);
      anchor.setAttribute('aria-label', 'Export as ' + link.label);
      anchor.title = 'Download these events as ' + link.description;
      anchor.setAttribute('download', '');
      nav.appendChild(document.createTextNode(' '));
      nav.appendChild(anchor);
    });
    nav.hidden = false;
  }

  renderExports();
  window.followFeed('/feeds/vis-timeline.json', render);
})();
