// Renders this page's query string as a TimelineJS3 story, from the TimelineJS3 JSON feed.
(function () {
  'use strict';
  var status = document.getElementById('status');
  fetch('/feeds/timelinejs.json' + window.location.search)
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok)
          throw new Error((body.errors && body.errors[0] && body.errors[0].message) || response.statusText);
        return body;
      });
    })
    .then(function (feed) {
      if (feed.events.length === 0) {
        status.textContent = 'No event matches this selection.';
        return;
      }
      status.remove();
      window.timeline = new TL.Timeline('timeline-embed', feed, {
        script_path: '/vendor/timelinejs/js/',
        language: 'en',
        font: null,
        hash_bookmark: false,
      });
      window.timelineReady = true;
    })
    .catch(function (error) {
      status.textContent = 'Could not load the timeline: ' + error.message;
      status.className = 'error';
    });
})();
