// Renders this page's query string as a TimelineJS3 story, from the TimelineJS3 JSON feed, and
// renders it again when the graph changes what the selection holds (live.js).
(function () {
  'use strict';
  var status = document.getElementById('status');

  function render(feed) {
    var embed = document.getElementById('timeline-embed');
    status.hidden = feed.events.length > 0;
    if (feed.events.length === 0) status.textContent = 'No event matches this selection.';
    // TimelineJS3 has no way to replace its data: a new story goes into a fresh container.
    embed.replaceChildren();
    if (feed.events.length > 0) {
      window.timeline = new TL.Timeline('timeline-embed', feed, {
        script_path: '/vendor/timelinejs/js/',
        language: 'en',
        font: null,
        hash_bookmark: false,
      });
    }
    window.timelineLoads = (window.timelineLoads || 0) + 1;
    window.timelineReady = true;
  }

  function load() {
    return fetch('/feeds/timelinejs.json' + window.location.search)
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok)
            throw new Error((body.errors && body.errors[0] && body.errors[0].message) || response.statusText);
          return body;
        });
      })
      .then(render)
      .catch(function (error) {
        status.hidden = false;
        status.textContent = 'Could not load the timeline: ' + error.message;
        status.className = 'error';
      });
  }

  if (window.watchTimeline) window.watchTimeline(load);
  else load();
})();
