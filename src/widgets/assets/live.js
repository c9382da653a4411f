// Live updates for a widget page: listens to the timelineChanged subscription (Server-Sent
// Events, graphql-sse's distinct-connections mode, so a plain EventSource is enough) for the
// page's own selection. `load` runs when the stream opens (the server has read the selection by
// then, so nothing committed later is missed), after each change, and once if no stream opens.
(function () {
  'use strict';
  var QUERY = 'subscription ($filter: TimelineFilter) { timelineChanged(filter: $filter) { version totalCount } }';
  var RETRY_MS = 5000;

  window.watchTimeline = function (load) {
    var holder = document.getElementById('live');
    if (!holder || typeof EventSource === 'undefined') {
      load();
      return;
    }
    var url =
      '/graphql/stream?query=' +
      encodeURIComponent(QUERY) +
      '&variables=' +
      encodeURIComponent(JSON.stringify({ filter: JSON.parse(holder.getAttribute('data-filter') || '{}') }));
    var loadedOnce = false;
    function loadNow() {
      loadedOnce = true;
      load();
    }
    function connect() {
      var source = new EventSource(url);
      var refused = false;
      source.addEventListener('open', function () {
        holder.setAttribute('data-state', 'listening');
        loadNow();
      });
      source.addEventListener('error', function () {
        holder.setAttribute('data-state', 'reconnecting');
        if (!loadedOnce) loadNow();
      });
      source.addEventListener('next', function (event) {
        var body = JSON.parse(event.data);
        if (body.errors) refused = true;
        else if (body.data && body.data.timelineChanged) loadNow();
      });
      // The server ended the stream (it is shutting down): listen again, unless it refused the selection.
      source.addEventListener('complete', function () {
        source.close();
        holder.setAttribute('data-state', refused ? 'refused' : 'reconnecting');
        if (!refused) setTimeout(connect, RETRY_MS);
      });
    }
    connect();
  };
})();
