// What both widget pages do with their feed: load it for the page's query string, show an error
// in #status, and load it again whenever the graph changes what the selection holds. Changes come
// from the timelineChanged subscription (Server-Sent Events, graphql-sse's distinct-connections
// mode, so a plain EventSource is enough) for the selection #live carries.
(function () {
  'use strict';
  var QUERY = 'subscription ($filter: TimelineFilter) { timelineChanged(filter: $filter) { version totalCount } }';
  var RETRY_MS = 5000;

  /** A feed's JSON, or an Error with the API's message when it refuses the selection. */
  function fetchFeed(url) {
    return fetch(url).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok)
          throw new Error((body.errors && body.errors[0] && body.errors[0].message) || response.statusText);
        return body;
      });
    });
  }
  window.fetchFeed = fetchFeed;

  // `feed` is a path the page's query string is added to, or a function giving the whole URL.
  window.followFeed = function (feed, render) {
    var status = document.getElementById('status');
    var holder = document.getElementById('live');
    var latest = 0;
    // The parameters the page kept (it ignores tracking and malformed ones); the address's own without the holder.
    var search =
      holder && holder.hasAttribute('data-query') ? holder.getAttribute('data-query') : window.location.search;

    // Loads may overlap when changes come quickly: only the newest one renders.
    function load() {
      var number = ++latest;
      return fetchFeed(typeof feed === 'function' ? feed() : feed + search)
        .then(function (feed) {
          if (number !== latest) return;
          render(feed);
          window.timelineLoads = (window.timelineLoads || 0) + 1;
          window.timelineReady = true;
        })
        .catch(function (error) {
          if (number !== latest) return;
          status.hidden = false;
          status.setAttribute('role', 'alert');
          status.textContent = 'Could not load the timeline: ' + error.message;
          status.className = 'error';
        });
    }

    if (!holder || typeof EventSource === 'undefined') {
      load();
      return;
    }
    var url =
      '/graphql/stream?query=' +
      encodeURIComponent(QUERY) +
      '&variables=' +
      encodeURIComponent(JSON.stringify({ filter: JSON.parse(holder.getAttribute('data-filter') || '{}') }));
    var loaded = false;
    function loadNow() {
      loaded = true;
      load();
    }
    function listen() {
      var source = new EventSource(url);
      var refused = false;
      // The server has read the selection when the stream opens: a load now misses no change.
      source.addEventListener('open', function () {
        holder.setAttribute('data-state', 'listening');
        loadNow();
      });
      source.addEventListener('error', function () {
        holder.setAttribute('data-state', 'reconnecting');
        if (!loaded) loadNow();
      });
      source.addEventListener('next', function (event) {
        var body = JSON.parse(event.data);
        if (body.errors) refused = true;
        else if (body.data && body.data.timelineChanged) loadNow();
      });
      // The server ended the stream (it is shutting down): listen again, at a random moment so that
      // every page does not come back at once; unless it refused the selection (too large).
      source.addEventListener('complete', function () {
        source.close();
        holder.setAttribute('data-state', refused ? 'refused' : 'reconnecting');
        if (refused) {
          if (!loaded) loadNow();
        } else setTimeout(listen, RETRY_MS * (0.5 + Math.random()));
      });
    }
    listen();
  };
})();
