// Embeddable timeline: renders the vis-timeline feed of this page's query string (follow-feed.js
// loads it, and loads it again when the graph changes it) and shows the participants, place and
// quoted evidence of the event the reader selects: by a click or a tap, or by Tab then Enter or
// Space on its label; Escape closes the details. A live update keeps the reader's zoom, window,
// selection and focus, and refreshes the open details (a retracted source's quotes go).
(function () {
  'use strict';
  // The parameters the page kept of its link (see follow-feed.js).
  var params = new URLSearchParams(document.getElementById('live').getAttribute('data-query') || '');
  var status = document.getElementById('status');
  var details = document.getElementById('details');
  var tools = document.getElementById('tools');

  var timeline = null;
  var byEvent = {}; // event id -> its feed items (one per group when grouped by entity)
  var lastFeed = null;
  var selected = null; // the event id whose details are open
  // The window follows the data until the reader zooms, pans or opens an event: then it is theirs.
  var readersWindow = false;
  // Below this width labels on a time axis cannot be read: the events are listed instead.
  var narrow = window.matchMedia('(max-width: 480px)');

  /** The label (wide) or card button (narrow) of an event: where the keyboard focus goes back to. */
  function labelOf(eventId) {
    return document.querySelector(
      '#timeline button[data-event-id="' +
        CSS.escape(eventId) +
        '"], #timeline .tl-card[data-event-id="' +
        CSS.escape(eventId) +
        '"] button',
    );
  }

  function selectInTimeline(eventId) {
    if (!timeline) return;
    timeline.setSelection(
      eventId && byEvent[eventId]
        ? byEvent[eventId].map(function (item) {
            return item.id;
          })
        : [],
    );
  }

  function closeDetails() {
    if (details.hidden) return;
    var was = selected;
    var focusInside = details.contains(document.activeElement);
    selected = null;
    details.hidden = true;
    details.replaceChildren();
    selectInTimeline(null);
    var label = was && labelOf(was);
    if (label && (focusInside || document.activeElement === document.body)) label.focus();
  }

  /** Shows an event's details; `focus` moves the reader there (a choice, not a live refresh). */
  function showDetails(eventId, focus) {
    var items = byEvent[eventId];
    if (!items) return;
    selected = eventId;
    window.EventDetails.show(details, items[0], { onClose: closeDetails, focus: focus });
    if (focus && narrow.matches) details.scrollIntoView({ block: 'start' });
  }

  function indexItems(feed) {
    byEvent = {};
    return feed.items.map(function (item) {
      (byEvent[item.eventId] = byEvent[item.eventId] || []).push(item);
      return window.toTimelineItem(item);
    });
  }

  /** Runs `then` once vis-timeline has drawn the items it was just given. */
  function afterDraw(then) {
    requestAnimationFrame(function () {
      requestAnimationFrame(then);
    });
  }

  function renderTimeline(feed) {
    var focused = document.activeElement && document.activeElement.getAttribute('data-event-id');
    var items = indexItems(feed);
    var container = document.getElementById('timeline');
    tools.hidden = false;
    if (timeline) {
      // A live update: the window stays where the reader left it, or fits the new data if they have not moved it.
      if (params.get('groupBy')) timeline.setGroups(feed.groups);
      timeline.setItems(new vis.DataSet(items));
      if (!readersWindow && !selected) window.fitTimelineWindow(timeline, feed.items);
      selectInTimeline(selected);
      if (focused)
        afterDraw(function () {
          var label = labelOf(focused);
          if (label) label.focus();
        });
      return;
    }
    container.replaceChildren();
    readersWindow = false;
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
    timeline.on('rangechanged', function (event) {
      if (event.byUser) readersWindow = true;
    });
    timeline.on('select', function (event) {
      if (event.items.length === 0) return;
      var item = timeline.itemsData.get(event.items[0]);
      if (item) {
        showDetails(item.eventId, true);
        selectInTimeline(item.eventId);
      }
    });
    window.fitTimelineWindow(timeline, feed.items);
    selectInTimeline(selected);
  }

  // The narrow layout: one card per event, in time order; a tap, Enter or Space shows its details.
  function renderList(feed) {
    var focused = document.activeElement && document.activeElement.closest('.tl-card');
    var focusedId = focused && focused.getAttribute('data-event-id');
    if (timeline) {
      timeline.destroy();
      timeline = null;
    }
    tools.hidden = true;
    indexItems(feed);
    window.EventDetails.list(document.getElementById('timeline'), feed.items, function (item) {
      showDetails(item.eventId, true);
    });
    var label = focusedId && labelOf(focusedId);
    if (label) label.focus();
  }

  function render(feed) {
    lastFeed = feed;
    document.getElementById('count').textContent = feed.totalCount + ' event' + (feed.totalCount === 1 ? '' : 's');
    status.hidden = feed.items.length > 0;
    if (feed.items.length === 0) status.textContent = 'No event matches this selection.';
    if (feed.items.length === 0) {
      if (timeline) timeline.setItems([]);
      tools.hidden = true;
      byEvent = {};
    } else if (narrow.matches) renderList(feed);
    else renderTimeline(feed);
    // The open details follow the graph: refreshed (a retracted source's quotes go), or closed
    // when their event has left the selection.
    if (selected && byEvent[selected]) {
      var focusInside = details.contains(document.activeElement);
      showDetails(selected, false);
      if (focusInside) document.getElementById(details.getAttribute('aria-labelledby')).focus();
    } else if (selected) closeDetails();
  }

  // Enter or Space on an event's label (a button inside the vis-timeline item): vis-timeline selects
  // on pointer taps only, so a click the keyboard made (detail 0) selects here.
  document.getElementById('timeline').addEventListener('click', function (event) {
    var label = event.target.closest && event.target.closest('button[data-event-id]');
    if (!label || event.detail !== 0) return;
    var eventId = label.getAttribute('data-event-id');
    selectInTimeline(eventId);
    showDetails(eventId, true);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !details.hidden) closeDetails();
  });
  document.getElementById('zoom-in').addEventListener('click', function () {
    readersWindow = true;
    if (timeline) timeline.zoomIn(0.5, { animation: false });
  });
  document.getElementById('zoom-out').addEventListener('click', function () {
    readersWindow = true;
    if (timeline) timeline.zoomOut(0.5, { animation: false });
  });
  document.getElementById('zoom-fit').addEventListener('click', function () {
    readersWindow = false;
    if (timeline && lastFeed) window.fitTimelineWindow(timeline, lastFeed.items);
  });

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
