// Embeddable timeline: renders the vis-timeline feed of this page's query string (follow-feed.js
// loads it, and loads it again when the graph changes it) and shows the participants, place and
// quoted evidence of the event the reader selects.
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var status = document.getElementById('status');
  var details = document.getElementById('details');

  var element = window.EventDetails.element;

  function showDetails(item) {
    window.EventDetails.show(details, item);
  }

  var timeline = null;
  var byId = {};
  var lastFeed = null;
  var DAY_MS = 86400000;
  // Below this width labels on a time axis cannot be read: the events are listed instead.
  var narrow = window.matchMedia('(max-width: 480px)');

  var measure = document.createElement('canvas').getContext('2d');

  /** The width a point item's label takes on the axis: dot, gap and text (see widget.css). */
  function labelWidth(text) {
    measure.font = '12px ' + getComputedStyle(document.body).fontFamily;
    return measure.measureText(text).width + 28;
  }

  // The first view: the span of the events known to the day or month (a year-long range would
  // squeeze them into a corner), at least a week wide, and long enough on the right that every
  // point's label ends inside it: a label starts at its point, so a late point needs room after it.
  function fitWindow(items) {
    var shown = items.filter(function (item) {
      return item.informative;
    });
    if (shown.length === 0) shown = items;
    var times = function (item) {
      return [Date.parse(item.start), Date.parse(item.end || item.start)];
    };
    var start = Math.min.apply(
      null,
      shown.map(function (item) {
        return times(item)[0];
      }),
    );
    var end = Math.max.apply(
      null,
      shown.map(function (item) {
        return times(item)[1];
      }),
    );
    var span = Math.max(end - start, 7 * DAY_MS);
    start -= span * 0.04;
    end = start + span * 1.08;
    var panel = document.querySelector('#timeline .vis-panel.vis-center');
    var width = panel ? panel.clientWidth : document.getElementById('timeline').clientWidth;
    shown.forEach(function (item) {
      if (item.type !== 'point') return;
      var free = width - labelWidth(item.content);
      // The point's share of the axis must leave its label room: (t - start) / (end - start) <= free / width.
      if (free > width * 0.2) end = Math.max(end, start + ((Date.parse(item.start) - start) * width) / free);
    });
    timeline.setWindow(start, end, { animation: false });
  }

  function itemsOf(feed) {
    byId = {};
    return feed.items.map(function (item) {
      var content = element('span', item.content);
      content.setAttribute('data-event-id', item.eventId);
      content.title = item.title;
      byId[item.id] = item;
      var classes = ['tl-event'];
      if (item.disputed) classes.push('tl-disputed');
      if (!item.informative) classes.push('tl-vague');
      return Object.assign({}, item, { content: content, className: classes.join(' '), details: undefined });
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
    fitWindow(feed.items);
  }

  // The narrow layout: one card per event, in time order, a tap shows its details.
  function renderList(feed) {
    if (timeline) {
      timeline.destroy();
      timeline = null;
    }
    var container = document.getElementById('timeline');
    var list = element('ol', null, 'tl-list');
    var seen = {};
    feed.items.forEach(function (item) {
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
        showDetails(item);
      });
      list.appendChild(card);
    });
    container.replaceChildren(list);
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

  window.followFeed('/feeds/vis-timeline.json', render);
})();
