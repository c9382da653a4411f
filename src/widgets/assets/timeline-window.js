// What the timeline widget and the explorer do alike with vis-timeline: its items and its first view.
(function () {
  'use strict';
  var DAY_MS = 86400000;
  var measure = document.createElement('canvas').getContext('2d');

  /**
   * A feed item as vis-timeline draws it: its label a button that names the event (the keyboard
   * reaches it with Tab; Enter or Space clicks it) and holds the whole title as a tooltip, in the
   * title's language, classed disputed (dashed) or vague (a pale band) as it is.
   */
  window.toTimelineItem = function (item) {
    var content = document.createElement('button');
    content.type = 'button';
    content.className = 'tl-event-label';
    content.textContent = item.content;
    content.setAttribute('data-event-id', item.eventId);
    content.setAttribute('aria-label', item.title);
    if (item.lang) content.lang = item.lang;
    content.title = item.title;
    var classes = ['tl-event'];
    if (item.disputed) classes.push('tl-disputed');
    if (!item.informative) classes.push('tl-vague');
    return Object.assign({}, item, { content: content, className: classes.join(' '), details: undefined });
  };

  /** The width a point item's label takes on the axis: dot, gap and text (see widget.css). */
  function labelWidth(text) {
    measure.font = '12px ' + getComputedStyle(document.body).fontFamily;
    return measure.measureText(text).width + 28;
  }

  // The first view: the span of the events known to the day or month (a year-long range would
  // squeeze them into a corner), at least a week wide, and long enough on the right that every
  // point's label ends inside it: a label starts at its point, so a late point needs room after it.
  window.fitTimelineWindow = function (timeline, items) {
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
  };
})();
