// The explorer: a timeline above and the graph of the same events below, linked. Selecting an
// event highlights its participants, place and agreements; selecting an entity narrows the
// timeline to its events; "Connect" draws the shortest connection between two entities with each
// hop's evidence; moving or zooming the timeline keeps only the events in view in the graph. The
// view is in the URL (focus, event, connect), so it can be shared.
(function () {
  'use strict';
  var FEED_PARAMETERS = ['entity', 'entityMatch', 'from', 'to', 'match', 'type', 'place', 'order', 'lang'];
  var LABEL_COLOURS = {
    Event: '#f79767',
    Person: '#4c8eda',
    Organization: '#8dcc93',
    Country: '#57c7e3',
    Place: '#ecb5c9',
    Delegation: '#ffc454',
    Agreement: '#c990c0',
  };
  var DIM = '#e4e7eb';
  var CONNECT_QUERY =
    'query ($from: ID!, $to: ID!) { connections(from: $from, to: $to, maxHops: 4, first: 1) {' +
    ' length explanation nodes { id label ... on Event { title } ... on Entity { name shortName } }' +
    ' relationships { type from to evidence { quote source { title url } } } } }';

  var params = new URLSearchParams(window.location.search);
  var element = window.EventDetails.element;
  var details = document.getElementById('details');
  var status = document.getElementById('status');
  var narrow = window.matchMedia('(max-width: 480px)');
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = null; // nodes carry `kind` (their label): vis-network's own `group` would restyle them
  var timeline = null;
  var items = []; // the feed's items, one per event
  var eventsOf = {}; // entity id -> event ids it takes part in (in the graph)
  var state = {
    highlighted: { event: null, participants: [], places: [], agreements: [] },
    path: null,
    /** Ids of the nodes drawn lit (not dimmed) and not hidden: what a reader sees highlighted. */
    lit: function () {
      return nodes
        .get({
          filter: function (node) {
            return node.color.background !== DIM && !node.hidden;
          },
        })
        .map(function (node) {
          return node.id;
        });
    },
    /** Ids of the nodes the period in view keeps. */
    shown: function () {
      return nodes
        .get({
          filter: function (node) {
            return !node.hidden;
          },
        })
        .map(function (node) {
          return node.id;
        });
    },
    /** Moves the timeline to a period, as dragging it would (the graph follows). */
    showPeriod: function (start, end) {
      timeline.setWindow(Date.parse(start), Date.parse(end), { animation: false });
      brush(Date.parse(start), Date.parse(end));
    },
  };
  // For the page's tests and for scripts that embed the explorer.
  window.explorer = state;

  function feedUrl(extra) {
    var query = new URLSearchParams();
    FEED_PARAMETERS.forEach(function (name) {
      params.getAll(name).forEach(function (value) {
        query.append(name, value);
      });
    });
    Object.keys(extra || {}).forEach(function (name) {
      query.set(name, extra[name]);
    });
    return '/feeds/vis-timeline.json?' + query.toString();
  }

  /** Keeps the view in the URL without reloading: focus, event, connect. */
  function remember(name, value) {
    if (value) params.set(name, value);
    else params.delete(name);
    window.history.replaceState(null, '', window.location.pathname + '?' + params.toString());
  }

  // ----- the graph -----

  function buildGraph(feedItems) {
    var nodeList = {};
    var edgeList = {};
    eventsOf = {};
    feedItems.forEach(function (item) {
      nodeList[item.eventId] = { id: item.eventId, label: short(item.content), title: item.content, kind: 'Event' };
      var link = function (id, name, label, caption, from, to, shortName) {
        nodeList[id] = nodeList[id] || { id: id, label: short(shortName || name), title: name, kind: label };
        var key = from + '|' + caption + '|' + to;
        edgeList[key] = { id: key, from: from, to: to, label: caption };
        (eventsOf[id] = eventsOf[id] || []).push(item.eventId);
      };
      item.details.participants.forEach(function (p) {
        link(p.id, p.name, p.label, p.role.replace(/_/g, ' '), p.id, item.eventId, p.shortName);
      });
      if (item.details.placeId)
        link(item.details.placeId, item.details.place, 'Place', 'in', item.eventId, item.details.placeId);
      item.details.agreementIds.forEach(function (id, index) {
        link(id, item.details.agreements[index].replace(/ \(.*$/, ''), 'Agreement', 'produced', item.eventId, id);
      });
    });
    nodes.clear();
    edges.clear();
    nodes.add(
      Object.keys(nodeList).map(function (id) {
        return paint(nodeList[id], true);
      }),
    );
    edges.add(
      Object.keys(edgeList).map(function (id) {
        return edgeList[id];
      }),
    );
    if (network) {
      // New data (a live change): lay it out again, then stop, as at the start.
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(200);
    } else {
      network = new vis.Network(
        document.getElementById('graph'),
        { nodes: nodes, edges: edges },
        {
          // As measured for 500 nodes (docs/BENCHMARKS.md): forceAtlas2 with 200 iterations settles in a seventh of the default's time.
          physics: { solver: 'forceAtlas2Based', stabilization: { iterations: 200 } },
          layout: { improvedLayout: false },
          nodes: { shape: 'dot', size: 12, font: { size: 13 } },
          edges: { arrows: 'to', font: { size: 10, align: 'middle' }, color: { color: '#9aa5b1' }, smooth: false },
          interaction: { hover: true, tooltipDelay: 150 },
        },
      );
      network.on('stabilizationIterationsDone', function () {
        network.setOptions({ physics: false });
        window.graphReady = true;
      });
      network.on('click', function (event) {
        var id = event.nodes[0];
        if (!id) return;
        if (nodes.get(id).kind === 'Event') selectEvent(id, true);
        else focusEntity(id);
      });
    }
    fillConnectForm();
  }

  /** Captions stay short in the graph (an entity's short name); the whole name is the node's tooltip. */
  function short(text) {
    return text.length > 28 ? text.slice(0, 26) + '…' : text;
  }

  function paint(node, lit) {
    var colour = LABEL_COLOURS[node.kind] || '#9aa5b1';
    return Object.assign(node, {
      shape: node.kind === 'Event' ? 'box' : 'dot',
      color: { background: lit ? colour : DIM, border: lit ? colour : DIM },
      font: { color: lit ? '#1f2933' : '#9aa5b1' },
    });
  }

  /** Lights these node ids (and the edges among them), dims the rest; null lights all. */
  function light(ids) {
    var on =
      ids &&
      ids.reduce(function (set, id) {
        set[id] = true;
        return set;
      }, {});
    nodes.update(
      nodes.get().map(function (node) {
        return paint(node, !on || on[node.id]);
      }),
    );
    edges.update(
      edges.get().map(function (edge) {
        var lit = !on || (on[edge.from] && on[edge.to]);
        return { id: edge.id, color: { color: lit ? '#52606d' : DIM }, width: on && lit ? 2 : 1 };
      }),
    );
  }

  // ----- selecting an event -----

  function selectEvent(eventId, fromGraph) {
    var item = items.find(function (candidate) {
      return candidate.eventId === eventId;
    });
    if (!item) return;
    state.highlighted = {
      event: eventId,
      participants: item.details.participants.map(function (p) {
        return p.id;
      }),
      places: item.details.placeId ? [item.details.placeId] : [],
      agreements: item.details.agreementIds.slice(),
    };
    light([eventId].concat(state.highlighted.participants, state.highlighted.places, state.highlighted.agreements));
    window.EventDetails.show(details, item);
    if (fromGraph && timeline) {
      // Selected and brought into view at the same zoom (the period in view filters the graph).
      timeline.setSelection([eventId]);
      timeline.moveTo(Date.parse(item.start), { animation: false });
    }
    remember('event', eventId);
  }

  // ----- selecting an entity: the timeline narrows to its events -----

  function focusEntity(entityId) {
    remember('focus', entityId);
    remember('event', null);
    document.getElementById('focus').textContent = nodes.get(entityId) ? nodes.get(entityId).title : entityId;
    document.getElementById('focus-bar').hidden = false;
    light([entityId].concat(eventsOf[entityId] || []));
    window.fetchFeed(feedUrl({ entity: entityId })).then(function (feed) {
      // The API's events of the entity: also those it is in through a delegation or a leader.
      light(
        [entityId].concat(
          feed.items.map(function (item) {
            return item.eventId;
          }),
        ),
      );
      renderTimeline(feed.items);
    });
  }

  function clearFocus() {
    remember('focus', null);
    document.getElementById('focus-bar').hidden = true;
    light(null);
    renderTimeline(items);
  }

  // ----- connect A and B -----

  function fillConnectForm() {
    var entities = nodes.get({
      filter: function (node) {
        return node.kind !== 'Event';
      },
    });
    entities.sort(function (a, b) {
      return a.title.localeCompare(b.title);
    });
    ['connect-from', 'connect-to'].forEach(function (name, index) {
      var select = document.getElementById(name);
      var chosen = select.value || (params.get('connect') || '').split(',')[index] || '';
      select.replaceChildren();
      entities.forEach(function (node) {
        var option = element('option', node.title);
        option.value = node.id;
        select.appendChild(option);
      });
      if (chosen) select.value = chosen;
      else if (index === 1 && entities.length > 1) select.value = entities[entities.length - 1].id;
    });
  }

  function connect(from, to) {
    remember('connect', from + ',' + to);
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CONNECT_QUERY, variables: { from: from, to: to } }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        if (body.errors) throw new Error(body.errors[0].message);
        showPath(body.data.connections[0] || null, from, to);
      })
      .catch(function (error) {
        details.replaceChildren(element('p', 'Could not connect them: ' + error.message, 'error'));
        details.hidden = false;
      });
  }

  function showPath(path, from, to) {
    state.path = path;
    details.replaceChildren();
    if (!path) {
      details.appendChild(element('p', 'No meaningful connection within 4 steps.', 'meta'));
      details.hidden = false;
      light([from, to]);
      return;
    }
    // Nodes of the path the selection does not show (a country, an organization) join the graph.
    path.nodes.forEach(function (node) {
      if (!nodes.get(node.id))
        nodes.add(
          paint(
            {
              id: node.id,
              label: short(node.title || node.shortName),
              title: node.title || node.name,
              kind: node.label,
            },
            true,
          ),
        );
    });
    path.relationships.forEach(function (relationship) {
      var key = relationship.from + '|' + relationship.type + '|' + relationship.to;
      if (!edges.get(key))
        edges.add({
          id: key,
          from: relationship.from,
          to: relationship.to,
          label: relationship.type.toLowerCase().replace(/_/g, ' '),
        });
    });
    state.highlighted = { event: null, participants: [], places: [], agreements: [] };
    light(
      path.nodes.map(function (node) {
        return node.id;
      }),
    );
    details.appendChild(element('h2', 'Connection in ' + path.length + ' step' + (path.length === 1 ? '' : 's')));
    details.appendChild(element('p', path.explanation, 'explanation'));
    var hops = element('ol', null, 'hops');
    path.relationships.forEach(function (relationship) {
      var hop = element('li', null, 'hop');
      hop.appendChild(element('p', describe(path, relationship), 'hop-title'));
      relationship.evidence.forEach(function (e) {
        window.EventDetails.evidence(hop, e.quote, e.source.title, e.source.url);
      });
      hops.appendChild(hop);
    });
    details.appendChild(hops);
    details.hidden = false;
  }

  function describe(path, relationship) {
    var name = function (id) {
      var node = path.nodes.find(function (candidate) {
        return candidate.id === id;
      });
      return node ? node.title || node.name : id;
    };
    return (
      name(relationship.from) +
      ' — ' +
      relationship.type.toLowerCase().replace(/_/g, ' ') +
      ' → ' +
      name(relationship.to)
    );
  }

  // ----- the timeline, and its period as a brush on the graph -----

  function renderTimeline(feedItems) {
    var container = document.getElementById('timeline');
    if (narrow.matches) {
      if (timeline) {
        timeline.destroy();
        timeline = null;
      }
      window.EventDetails.list(container, feedItems, function (item) {
        selectEvent(item.eventId, false);
      });
      return;
    }
    // One item per event, ungrouped: the explorer's timeline has no rows.
    var data = feedItems.map(function (item) {
      return Object.assign(window.toTimelineItem(item), { id: item.eventId, group: undefined });
    });
    if (timeline) {
      timeline.setItems(new vis.DataSet(data));
      window.fitTimelineWindow(timeline, feedItems);
      return;
    }
    container.replaceChildren();
    timeline = new vis.Timeline(container, data, {
      stack: true,
      zoomable: true,
      margin: { item: 4 },
      orientation: 'top',
      maxHeight: '260px',
    });
    timeline.on('select', function (event) {
      if (event.items.length > 0) selectEvent(event.items[0], false);
    });
    timeline.on('rangechanged', function (range) {
      brush(range.start.valueOf(), range.end.valueOf());
    });
    window.fitTimelineWindow(timeline, feedItems);
  }

  /** Keeps in the graph the events that overlap [start, end] and the entities of those events. */
  function brush(start, end) {
    var visible = {};
    items.forEach(function (item) {
      var from = Date.parse(item.start);
      var to = Date.parse(item.end || item.start) + 86400000;
      if (from <= end && to >= start) visible[item.eventId] = true;
    });
    nodes.update(
      nodes.get().map(function (node) {
        var shown =
          node.kind === 'Event'
            ? visible[node.id]
            : (eventsOf[node.id] || []).some(function (id) {
                return visible[id];
              }) || !eventsOf[node.id];
        return { id: node.id, hidden: !shown };
      }),
    );
    state.brush = { start: new Date(start).toISOString().slice(0, 10), end: new Date(end).toISOString().slice(0, 10) };
  }

  // ----- loading -----

  function render(feed) {
    var seen = {};
    items = feed.items.filter(function (item) {
      if (seen[item.eventId]) return false;
      seen[item.eventId] = true;
      return true;
    });
    document.getElementById('count').textContent = feed.totalCount + ' event' + (feed.totalCount === 1 ? '' : 's');
    status.hidden = items.length > 0;
    if (items.length === 0) status.textContent = 'No event matches this selection.';
    buildGraph(items);
    renderTimeline(items);
    // The shared view: what the URL says was selected.
    if (params.get('focus')) focusEntity(params.get('focus'));
    if (params.get('event')) selectEvent(params.get('event'), true);
    var pair = (params.get('connect') || '').split(',');
    if (pair.length === 2 && pair[0] && pair[1]) connect(pair[0], pair[1]);
  }

  document.getElementById('connect').addEventListener('submit', function (event) {
    event.preventDefault();
    connect(document.getElementById('connect-from').value, document.getElementById('connect-to').value);
  });
  document.getElementById('clear-focus').addEventListener('click', clearFocus);
  narrow.addEventListener('change', function () {
    renderTimeline(items);
  });

  window.followFeed(function () {
    return feedUrl();
  }, render);
})();
