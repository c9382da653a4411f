// Renders this page's query string as a TimelineJS3 story from the TimelineJS3 JSON feed
// (follow-feed.js loads it, and loads it again when the graph changes it).
(function () {
  'use strict';
  var status = document.getElementById('status');

  function render(feed) {
    var embed = document.getElementById('timeline-embed');
    status.hidden = feed.events.length > 0;
    if (feed.events.length === 0) status.textContent = 'No event matches this selection.';
    // TimelineJS3 cannot replace a story's data: a new story is drawn into the emptied container.
    // (The old one's resize listener stays on window, bound and anonymous in TimelineJS3; it only
    // redraws the detached story, once per change of the selection.)
    embed.replaceChildren();
    if (feed.events.length > 0) {
      window.timeline = new TL.Timeline('timeline-embed', feed, {
        script_path: '/vendor/timelinejs/js/',
        language: 'en',
        font: null,
        hash_bookmark: false,
      });
    }
  }

  window.followFeed('/feeds/timelinejs.json', render);
})();
