// The explorer: a timeline above and the graph of the same events below, linked. Selecting an
// event highlights its participants, place and agreements; selecting an entity shows its card and
// narrows the timeline to its events (shift-click a second one, or "and" in the search results,
// for the events of both); "Connect" draws the shortest connection between two entities with each
// hop's evidence; the graph holds exactly the events of the timeline's window. The view is in the
// URL (focus, focusMatch, event, connect; the filters type, from, to; the "as reported by" day
// asOf), so it can be shared, and the layout is seeded, so a shared link looks the same.
(function () {
  'use strict';
  var FEED_PARAMETERS = ['entity', 'entityMatch', 'from', 'to', 'match', 'type', 'place', 'order', 'lang'];
  var DAY_MS = 86400000;
  /** The layout's seed: the same data is drawn the same way on every load. */
  var LAYOUT_SEED = 23;
  var Kinds = window.ExploreKinds;
  var KINDS = Kinds.KINDS;
  var ENTITY_KINDS = Kinds.ENTITY_KINDS;
  var DIM = Kinds.DIM;
  var FONT = Kinds.FONT;
  var EDGE = Kinds.EDGE;
  var kindIcon = Kinds.kindIcon;
  var nodeButton = Kinds.nodeButton;
  var byKindAndName = Kinds.byKindAndName;
  var Api = window.ExploreApi;
  var graphql = Api.graphql;

  var params = new URLSearchParams(window.location.search);
  // A parameter the page already named as ignored (malformed) is not read again, nor named twice.
  document.querySelectorAll('.page-notice[data-parameter]').forEach(function (notice) {
    params.delete(notice.getAttribute('data-parameter'));
  });
  // The feed's parameters as the page kept them (tracking and malformed ones dropped, with a notice).
  var live = document.getElementById('live');
  var feedParams = new URLSearchParams((live && live.getAttribute('data-query')) || '');
  var english = feedParams.get('lang') === 'en';
  // The day the page reads the graph as of (the link's asOf, as its last day); null: now.
  var asOf = (live && live.getAttribute('data-as-of')) || null;
  var drawnAsOf = asOf; // the day of the timeline and graph on screen
  var asOfLoads = 0;
  var asOfControl = null;
  Api.setAsOf(asOf);
  var element = window.EventDetails.element;
  var details = document.getElementById('details');
  var status = document.getElementById('status');
  var alertBox = document.getElementById('explore-alert');
  var narrow = window.matchMedia('(max-width: 480px)');
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = null; // nodes carry `kind` (their label): vis-network's own `group` would restyle them
  var timeline = null;
  var items = []; // the selection's feed items, one per event
  var totalCount = 0;
  var eventsOf = {}; // entity id -> event ids it takes part in (in the graph)
  var windowRange = null; // [start, end) in ms of the timeline's window; null: everything
  var windowMoved = false; // the reader moved the window: a live change keeps it (else it fits the new events)
  var wording = Api.createWording(english);
  var loads = 0;
  var focusLoads = 0;
  var cardLoads = 0;
  var selection = {
    focus: splitList(params.get('focus')),
    focusMatch: (params.get('focusMatch') || 'ALL').toUpperCase() === 'ANY' ? 'ANY' : 'ALL',
    focusItems: null, // the focused entities' feed items; null when nothing is focused
    focusTotal: 0,
    event: null,
    pathAdded: [], // nodes and edges a path brought into the graph
  };
  var state = {
    highlighted: { event: null, participants: [], places: [], agreements: [] },
    path: null,
    /** Ids of the nodes drawn lit (not dimmed) and not hidden: what a reader sees highlighted. */
    lit: function () {
      return nodes
        .get({
          filter: function (node) {
            return node.lit && !node.hidden;
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
    /** Moves the timeline to a period, as dragging it would (the graph follows); `end` is inclusive. */
    showPeriod: function (start, end) {
      windowMoved = true;
      setWindow(Date.parse(start), Date.parse(end) + DAY_MS);
    },
    /** Node positions, rounded: the same link draws the same picture. */
    positions: function () {
      var positions = network ? network.getPositions() : {};
      var rounded = {};
      Object.keys(positions).forEach(function (id) {
        rounded[id] = [Math.round(positions[id].x), Math.round(positions[id].y)];
      });
      return rounded;
    },
    /** The colours the graph draws with (text and shapes), for contrast checks. */
    palette: function () {
      return nodes.get().map(function (node) {
        return { id: node.id, font: node.font.color, border: node.color.border, fill: node.color.background };
      });
    },
    focus: function () {
      return selection.focus.slice();
    },
    /** The day the timeline and the graph on screen are read as of (null: now). */
    asOf: function () {
      return drawnAsOf;
    },
    /** Where a node is drawn, in the page's viewport coordinates (to click it). */
    pointOf: function (id) {
      var box = document.getElementById('graph').getBoundingClientRect();
      var point = network.canvasToDOM(network.getPositions([id])[id]);
      return { x: box.left + point.x, y: box.top + point.y };
    },
  };
  // For the page's tests and for scripts that embed the explorer.
  window.explorer = state;

  function splitList(value) {
    return (value || '')
      .split(',')
      .map(function (part) {
        return part.trim();
      })
      .filter(Boolean);
  }

  function feedUrl(extra) {
    var query = new URLSearchParams();
    FEED_PARAMETERS.forEach(function (name) {
      feedParams.getAll(name).forEach(function (value) {
        query.append(name, value);
      });
    });
    if (asOf) query.set('asOf', asOf);
    Object.keys(extra || {}).forEach(function (name) {
      query.set(name, extra[name]);
    });
    return '/feeds/vis-timeline.json?' + query.toString();
  }

  /** Keeps the view in the URL without reloading. */
  function remember(name, value) {
    if (value) params.set(name, value);
    else params.delete(name);
    var query = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
  }

  /** A message every reader notices (role="alert"); empty text clears it. */
  function warn(text) {
    alertBox.textContent = text || '';
  }

  function nameOf(id, fallback) {
    return wording.names[id] || fallback || id;
  }

  function itemOf(eventId) {
    var find = function (list) {
      return (list || []).find(function (candidate) {
        return candidate.eventId === eventId;
      });
    };
    return find(items) || find(selection.focusItems);
  }

  function dedupe(feedItems) {
    var seen = {};
    return feedItems.filter(function (item) {
      if (seen[item.eventId]) return false;
      seen[item.eventId] = true;
      return true;
    });
  }

  // ----- wording: English names, and the language of each title and quote -----

  /** The selection's filter as the API takes it (the page wrote it in #live). */
  function baseFilter() {
    var holder = document.getElementById('live');
    try {
      return JSON.parse((holder && holder.getAttribute('data-filter')) || '{}');
    } catch {
      return {};
    }
  }

  /** Marks text in another language than the page's (lang="pt" on Portuguese titles and quotes). */
  function markLang(node, lang) {
    if (node && lang && lang !== 'en') node.lang = lang;
  }

  /** The item as the details show it: names in English when the page is. */
  function localised(item) {
    if (!english) return item;
    var d = item.details;
    return Object.assign({}, item, {
      details: Object.assign({}, d, {
        place: d.placeId ? nameOf(d.placeId, d.place) : d.place,
        participants: d.participants.map(function (p) {
          return Object.assign({}, p, { name: nameOf(p.id, p.name) });
        }),
      }),
    });
  }

  // ----- the graph -----

  function graphData(feedItems) {
    var nodeList = {};
    var edgeList = {};
    var order = [];
    var of = {};
    var add = function (node) {
      if (nodeList[node.id]) return;
      nodeList[node.id] = node;
      order.push(node.id);
    };
    feedItems.forEach(function (item) {
      add({ id: item.eventId, label: short(item.content), title: item.content, kind: 'Event' });
      var link = function (id, name, label, caption, from, to, shortName) {
        var display = nameOf(id, name);
        add({ id: id, label: short(english ? shortName || display : shortName || name), title: display, kind: label });
        var key = from + '|' + caption + '|' + to;
        edgeList[key] = { id: key, from: from, to: to, label: caption };
        (of[id] = of[id] || []).push(item.eventId);
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
    return { nodes: nodeList, order: order, edges: edgeList, eventsOf: of };
  }

  /**
   * Draws the selection's graph. The first time it lays it out from the seed; afterwards (a live
   * change) the nodes already drawn keep their places and only new ones are laid out around them.
   */
  function updateGraph(feedItems) {
    var data = graphData(feedItems);
    eventsOf = data.eventsOf;
    var kept = {};
    selection.pathAdded.forEach(function (id) {
      kept[id] = true;
    });
    nodes.remove(
      nodes.getIds().filter(function (id) {
        return !data.nodes[id] && !kept[id];
      }),
    );
    edges.remove(
      edges.getIds().filter(function (id) {
        return !data.edges[id] && !kept[id];
      }),
    );
    var existing = nodes.getIds();
    var added = data.order.filter(function (id) {
      return !nodes.get(id);
    });
    nodes.update(
      existing
        .filter(function (id) {
          return data.nodes[id];
        })
        .map(function (id) {
          var node = data.nodes[id];
          return { id: id, label: node.label, title: node.title };
        }),
    );
    nodes.add(
      added.map(function (id) {
        return paint(data.nodes[id], true);
      }),
    );
    edges.add(
      Object.keys(data.edges)
        .filter(function (id) {
          return !edges.get(id);
        })
        .map(function (id) {
          return data.edges[id];
        }),
    );
    if (!network) {
      createNetwork();
    } else if (added.length > 0) {
      // What the reader already sees stays where it is: only the new nodes move into place.
      nodes.update(
        existing.map(function (id) {
          return { id: id, fixed: true };
        }),
      );
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(100);
    }
  }

  function createNetwork() {
    var container = document.getElementById('graph');
    network = new vis.Network(
      container,
      { nodes: nodes, edges: edges },
      {
        // As measured for 500 nodes (docs/BENCHMARKS.md): forceAtlas2 with 200 iterations settles in a seventh of the default's time.
        physics: { solver: 'forceAtlas2Based', stabilization: { iterations: 200 } },
        layout: { improvedLayout: false, randomSeed: LAYOUT_SEED },
        nodes: { size: 12, font: { size: 13, color: FONT } },
        edges: {
          arrows: 'to',
          font: { size: 10, align: 'middle', color: '#3e4c59', strokeColor: '#ffffff', strokeWidth: 3 },
          color: { color: EDGE },
          smooth: false,
        },
        // On a phone the page scrolls over the graph (explore.css lets vertical swipes through).
        interaction: { hover: true, tooltipDelay: 150, dragView: !narrow.matches, zoomView: !narrow.matches },
      },
    );
    network.on('stabilizationIterationsDone', function () {
      network.setOptions({ physics: false });
      var fixed = nodes.get({
        filter: function (node) {
          return node.fixed;
        },
      });
      if (fixed.length > 0)
        nodes.update(
          fixed.map(function (node) {
            return { id: node.id, fixed: false };
          }),
        );
      window.graphReady = true;
    });
    network.on('click', function (event) {
      var id = event.nodes[0];
      if (!id) return;
      var node = nodes.get(id);
      if (node.kind === 'Event') selectEvent(id, 'graph');
      else if (event.event && event.event.srcEvent && event.event.srcEvent.shiftKey) addFocus(id);
      else focusEntities([id]);
    });
  }

  /** Captions stay short in the graph (an entity's short name); the whole name is the node's tooltip. */
  function short(text) {
    return text.length > 28 ? text.slice(0, 26) + '…' : text;
  }

  function paint(node, lit) {
    var kind = KINDS[node.kind] || KINDS.Event;
    var isEvent = node.kind === 'Event';
    return Object.assign(node, {
      lit: lit,
      shape: kind.shape,
      borderWidth: isEvent ? 2 : 1,
      color: {
        background: lit ? kind.fill || kind.colour : DIM.fill,
        border: lit ? kind.colour : DIM.border,
        highlight: { background: kind.fill || kind.colour, border: FONT },
        hover: { background: kind.fill || kind.colour, border: FONT },
      },
      font: { color: lit ? FONT : DIM.font },
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
        return paint({ id: node.id, kind: node.kind }, !on || !!on[node.id]);
      }),
    );
    edges.update(
      edges.get().map(function (edge) {
        var lit = !on || (on[edge.from] && on[edge.to]);
        return { id: edge.id, color: { color: lit ? EDGE : DIM.edge }, width: on && lit ? 2 : 1 };
      }),
    );
  }

  /** Lights what is selected: a path, else an event, else the focused entities and their events. */
  function lightSelection() {
    if (state.path) {
      light(
        state.path.nodes.map(function (node) {
          return node.id;
        }),
      );
    } else if (selection.event) {
      var h = state.highlighted;
      light([h.event].concat(h.participants, h.places, h.agreements));
    } else if (selection.focus.length > 0 && selection.focusItems) {
      light(
        selection.focus.concat(
          selection.focusItems.map(function (item) {
            return item.eventId;
          }),
        ),
      );
    } else {
      light(null);
    }
  }

  // ----- the period in view: the graph holds exactly its events -----

  function interval(item) {
    var from = Date.parse(item.start);
    // Feed ends are exclusive (the day after the last); a point is its whole day.
    return [from, item.end ? Date.parse(item.end) : from + DAY_MS];
  }

  function inWindow(item) {
    if (!windowRange) return true;
    var span = interval(item);
    return span[0] < windowRange[1] && span[1] > windowRange[0];
  }

  /** The period the filters name, [start, end) in ms; null when they name none. */
  function filterPeriod() {
    var from = document.getElementById('filter-from').value;
    var to = document.getElementById('filter-to').value;
    if (!from && !to) return null;
    var times = items.map(interval);
    var start = from
      ? Date.parse(from)
      : Math.min.apply(
          null,
          times.map(function (t) {
            return t[0];
          }),
        );
    var end = to
      ? Date.parse(to) + DAY_MS
      : Math.max.apply(
          null,
          times.map(function (t) {
            return t[1];
          }),
        );
    return isFinite(start) && isFinite(end) && end > start ? [start, end] : null;
  }

  function setWindow(start, end) {
    if (timeline) timeline.setWindow(start, end, { animation: false });
    windowRange = [start, end];
    applyWindow();
  }

  /** Keeps in the graph the events that overlap the window, the entities of those events, and a drawn path. */
  function applyWindow() {
    var visible = {};
    items.forEach(function (item) {
      if (inWindow(item)) visible[item.eventId] = true;
    });
    var onPath = {};
    (state.path ? state.path.nodes : []).forEach(function (node) {
      onPath[node.id] = true;
    });
    nodes.update(
      nodes.get().map(function (node) {
        var shown =
          onPath[node.id] ||
          (node.kind === 'Event'
            ? !!visible[node.id]
            : eventsOf[node.id]
              ? eventsOf[node.id].some(function (id) {
                  return visible[id];
                })
              : false);
        return { id: node.id, hidden: !shown };
      }),
    );
    state.brush = windowRange && {
      start: new Date(windowRange[0]).toISOString().slice(0, 10),
      end: new Date(windowRange[1] - 1).toISOString().slice(0, 10),
    };
    renderNodeList();
  }

  // ----- the list view of the graph (keyboard and screen readers) -----

  function renderNodeList() {
    var eventList = document.getElementById('node-list-events');
    var entityList = document.getElementById('node-list-entities');
    var shown = nodes.get({
      filter: function (node) {
        return !node.hidden;
      },
    });
    var events = items.filter(function (item) {
      return inWindow(item);
    });
    eventList.replaceChildren.apply(
      eventList,
      events.map(function (item) {
        var button = nodeButton(item.content, 'Event', item.details.date, function () {
          selectEvent(item.eventId, 'list');
        });
        markLang(button.querySelector('.node-name'), wording.titleLang[item.eventId]);
        button.setAttribute('data-node-id', item.eventId);
        return element('li').appendChild(button).parentNode;
      }),
    );
    var entities = shown.filter(function (node) {
      return node.kind !== 'Event';
    });
    entities.sort(byKindAndName);
    entityList.replaceChildren.apply(
      entityList,
      entities.map(function (node) {
        var button = nodeButton(node.title, node.kind, KINDS[node.kind].name, function (event) {
          if (event.shiftKey) addFocus(node.id);
          else focusEntities([node.id]);
        });
        button.setAttribute('data-node-id', node.id);
        return element('li').appendChild(button).parentNode;
      }),
    );
  }

  // ----- the details pane: one thing at a time -----

  /** Brings the details into view when they are off-screen (on a phone they are below the graph). */
  function revealDetails() {
    var box = details.getBoundingClientRect();
    if (box.top > window.innerHeight - 40 || box.bottom < 0)
      details.scrollIntoView({ block: 'start', behavior: 'auto' });
  }

  function clearDetails() {
    details.replaceChildren();
    details.hidden = true;
  }

  function showEventDetails(item) {
    window.EventDetails.show(details, localised(item));
    var heading = details.querySelector('h2');
    if (heading) markLang(heading, wording.titleLang[item.eventId]);
    details.querySelectorAll('blockquote').forEach(function (quote) {
      markLang(quote, wording.quoteLang[quote.textContent]);
    });
  }

  // ----- selecting an event -----

  function selectEvent(eventId, origin) {
    var item = itemOf(eventId);
    if (!item) return false;
    selection.event = eventId;
    state.path = null;
    state.highlighted = {
      event: eventId,
      participants: item.details.participants.map(function (p) {
        return p.id;
      }),
      places: item.details.placeId ? [item.details.placeId] : [],
      agreements: item.details.agreementIds.slice(),
    };
    lightSelection();
    showEventDetails(item);
    if (timeline && origin !== 'timeline') {
      timeline.setSelection([eventId]);
      // Brought into view at the same zoom when outside it (the period in view filters the graph).
      if (!inWindow(item)) {
        windowMoved = true;
        timeline.moveTo(Date.parse(item.start), { animation: false });
      }
    }
    markSelectedCards();
    remember('event', eventId);
    remember('connect', null);
    updateClearButton();
    if (origin !== 'url' && origin !== 'live') revealDetails();
    return true;
  }

  // ----- focusing entities: their card, and the timeline narrows to their events -----

  function focusEntities(ids, options) {
    options = options || {};
    selection.focus = ids.slice();
    remember('focus', ids.join(','));
    remember('focusMatch', ids.length > 1 && selection.focusMatch === 'ANY' ? 'ANY' : null);
    if (!options.keepEvent) {
      selection.event = null;
      state.highlighted = { event: null, participants: [], places: [], agreements: [] };
      remember('event', null);
      if (timeline) timeline.setSelection([]);
    }
    if (!options.keepPath) {
      state.path = null;
      remember('connect', null);
    }
    renderFocusBar();
    updateClearButton();
    if (ids.length === 0) {
      selection.focusItems = null;
      lightSelection();
      renderTimeline(items, true);
      updateCount();
      return Promise.resolve();
    }
    var shownId = options.cardId || ids[ids.length - 1];
    if (!options.keepEvent && !options.keepPath) showCard(shownId, options.origin);
    suggestConnectFrom(shownId);
    var token = ++focusLoads;
    var filter = Object.assign({}, baseFilter(), { entityIds: ids, entityMatch: selection.focusMatch });
    return Promise.all([
      window.fetchFeed(feedUrl({ entity: ids.join(','), entityMatch: selection.focusMatch })),
      wording.load(filter),
    ])
      .then(function (results) {
        if (token !== focusLoads) return;
        var feed = results[0];
        selection.focusItems = dedupe(feed.items);
        selection.focusTotal = feed.totalCount;
        lightSelection();
        renderTimeline(selection.focusItems, !options.keepWindow);
        updateCount();
      })
      .catch(function (error) {
        if (token !== focusLoads) return;
        warn('Could not show the events of ' + ids.join(' and ') + ': ' + error.message);
      });
  }

  function addFocus(id) {
    if (selection.focus.indexOf(id) >= 0) return focusEntities(selection.focus, { cardId: id });
    return focusEntities(selection.focus.concat([id]), { cardId: id });
  }

  function removeFocus(id) {
    return focusEntities(
      selection.focus.filter(function (other) {
        return other !== id;
      }),
    );
  }

  // Downloads of what the timeline shows: the page's selection, narrowed to the focused entities as
  // the timeline is. Real links, so they are focusable, keyboard operable and can be copied.
  function renderExports() {
    var slot = document.getElementById('export-slot');
    var focused =
      selection.focus.length > 0 ? { entity: selection.focus.join(','), entityMatch: selection.focusMatch } : {};
    var query = feedUrl(focused).split('?')[1] || '';
    var label = element('span', 'Export:');
    slot.replaceChildren(label);
    slot.setAttribute('role', 'group');
    slot.setAttribute('aria-label', 'Export the events shown');
    window.exportLinks(query).forEach(function (link) {
      var anchor = element('a', link.label);
      anchor.href = link.href;
      anchor.setAttribute('data-format', link.format);
      anchor.setAttribute('aria-label', 'Export as ' + link.label);
      anchor.title = 'Download these events as ' + link.description;
      anchor.setAttribute('download', '');
      slot.appendChild(document.createTextNode(' '));
      slot.appendChild(anchor);
    });
  }

  function renderFocusBar() {
    renderExports();
    var bar = document.getElementById('focus-bar');
    var chips = document.getElementById('focus-chips');
    bar.hidden = selection.focus.length === 0;
    chips.replaceChildren();
    selection.focus.forEach(function (id, index) {
      if (index > 0) chips.appendChild(element('span', selection.focusMatch === 'ALL' ? 'and' : 'or', 'chip-joiner'));
      var node = nodes.get(id);
      var name = nameOf(id, node ? node.title : id);
      var chip = element('span', null, 'chip');
      chip.setAttribute('data-entity-id', id);
      chip.appendChild(element('strong', name));
      var remove = element('button', '×', 'chip-remove');
      remove.type = 'button';
      remove.setAttribute('aria-label', 'Remove ' + name + ' from the focus');
      remove.addEventListener('click', function () {
        removeFocus(id);
      });
      chip.appendChild(remove);
      chips.appendChild(chip);
    });
    document.getElementById('focus-match').hidden = selection.focus.length < 2;
    document.querySelectorAll('input[name="focus-match"]').forEach(function (radio) {
      radio.checked = radio.value === selection.focusMatch;
    });
  }

  /** The selected entity's card: name, kind, aliases, how many events its timeline holds, its sources. */
  function showCard(id, origin) {
    var token = ++cardLoads;
    details.replaceChildren(element('p', 'Loading…', 'meta'));
    details.hidden = false;
    return graphql(Api.ENTITY_QUERY, { id: id })
      .then(function (data) {
        if (token !== cardLoads) return;
        var entity = data.entity;
        if (!entity) throw Object.assign(new Error('unknown'), { code: 'NOT_FOUND' });
        renderCard(entity);
        if (origin !== 'url') revealDetails();
      })
      .catch(function (error) {
        if (token !== cardLoads) return;
        clearDetails();
        if (error.code === 'NOT_FOUND') unknownFocus(id);
        else warn('Could not load ' + id + ': ' + error.message);
      });
  }

  function renderCard(entity) {
    details.replaceChildren();
    var card = element('div', null, 'entity-card');
    card.setAttribute('data-entity-id', entity.id);
    var heading = element('h2');
    heading.appendChild(kindIcon(entity.label));
    heading.appendChild(document.createTextNode(' ' + (english && entity.nameEn ? entity.nameEn : entity.name)));
    card.appendChild(heading);
    var kind = KINDS[entity.label] ? KINDS[entity.label].name : entity.label;
    card.appendChild(element('p', kind + (entity.subtype ? ' · ' + entity.subtype.replace(/_/g, ' ') : ''), 'meta'));
    var description = english ? entity.descriptionEn || entity.description : entity.description;
    if (description) card.appendChild(element('p', description, 'description'));
    var names = entity.aliases.filter(function (alias) {
      return alias !== entity.name && alias !== entity.nameEn;
    });
    if (names.length > 0) card.appendChild(element('p', 'Also known as: ' + names.join(', '), 'aliases'));
    var count = entity.timeline.totalCount;
    card.appendChild(element('p', count + ' event' + (count === 1 ? '' : 's') + ' in its timeline', 'card-count'));
    var sources = {};
    entity.evidence.forEach(function (e) {
      sources[e.source.id] = e.source;
    });
    var ids = Object.keys(sources);
    if (ids.length > 0) {
      card.appendChild(element('h3', ids.length === 1 ? 'Source' : 'Sources (' + ids.length + ')'));
      var list = element('ul', null, 'card-sources');
      ids.forEach(function (sourceId) {
        var source = sources[sourceId];
        var entry = element('li');
        var titleNode = source.url
          ? element('a', source.title || source.url)
          : element('span', source.title || sourceId);
        if (source.url) {
          titleNode.href = source.url;
          titleNode.target = '_blank';
          titleNode.rel = 'noopener';
        }
        markLang(titleNode, source.language);
        entry.appendChild(titleNode);
        if (source.publisher) entry.appendChild(document.createTextNode(' · ' + source.publisher));
        list.appendChild(entry);
      });
      card.appendChild(list);
    }
    var actions = element('p', null, 'card-actions');
    var connectButton = element('button', 'Connect from here…');
    connectButton.type = 'button';
    connectButton.addEventListener('click', function () {
      document.getElementById('connect-from').value = entity.id;
      document.getElementById('connect-to').focus();
    });
    actions.appendChild(connectButton);
    card.appendChild(actions);
    details.appendChild(card);
    details.hidden = false;
  }

  function unknownFocus(id) {
    warn('No entity has the id “' + id + '” (from the link’s focus): showing every event of the selection.');
    selection.focus = selection.focus.filter(function (other) {
      return other !== id;
    });
    focusEntities(selection.focus);
  }

  // ----- clearing the selection -----

  function clearSelection() {
    removePathNodes();
    state.path = null;
    selection.event = null;
    state.highlighted = { event: null, participants: [], places: [], agreements: [] };
    remember('event', null);
    remember('connect', null);
    warn('');
    clearDetails();
    focusEntities([]);
    markSelectedCards();
    document.getElementById('connect-status').textContent = '';
  }

  function updateClearButton() {
    document.getElementById('clear-selection').disabled = !(
      selection.event ||
      state.path ||
      selection.focus.length > 0 ||
      !details.hidden
    );
  }

  // ----- connect A and B -----

  function fillConnectForm() {
    var entities = nodes.get({
      filter: function (node) {
        return node.kind !== 'Event' && eventsOf[node.id];
      },
    });
    entities.sort(byKindAndName);
    var pair = splitList(params.get('connect'));
    ['connect-from', 'connect-to'].forEach(function (name, index) {
      var select = document.getElementById(name);
      var chosen = select.value || pair[index] || '';
      var placeholder = element('option', index === 0 ? 'choose an entity' : 'choose another');
      placeholder.value = '';
      select.replaceChildren(placeholder);
      ENTITY_KINDS.forEach(function (kind) {
        var ofKind = entities.filter(function (node) {
          return node.kind === kind;
        });
        if (ofKind.length === 0) return;
        var group = element('optgroup');
        group.label = KINDS[kind].name;
        ofKind.forEach(function (node) {
          var option = element('option', nameOf(node.id, node.title));
          option.value = node.id;
          group.appendChild(option);
        });
        select.appendChild(group);
      });
      select.value = chosen;
      if (select.value !== chosen) select.value = '';
    });
  }

  /** A focused entity is where a connection most likely starts. */
  function suggestConnectFrom(id) {
    var from = document.getElementById('connect-from');
    if (!from.value && nodes.get(id)) from.value = id;
  }

  var connecting = false;

  /** Errors worth a second try: the server was slow or busy, not the question wrong. */
  function transient(error) {
    return ['NOT_FOUND', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].indexOf(error.code) < 0;
  }

  function connect(from, to, origin) {
    var connectStatus = document.getElementById('connect-status');
    if (!from || !to) {
      connectStatus.textContent = 'Choose two entities to connect.';
      return Promise.resolve();
    }
    if (from === to) {
      connectStatus.textContent = 'Choose two different entities.';
      return Promise.resolve();
    }
    if (connecting) return Promise.resolve();
    connecting = true;
    var form = document.getElementById('connect');
    var button = document.getElementById('connect-button');
    form.setAttribute('aria-busy', 'true');
    button.setAttribute('aria-disabled', 'true');
    connectStatus.textContent = 'Finding a connection…';
    connectStatus.classList.add('busy');
    remember('connect', from + ',' + to);
    remember('event', null);
    var variables = { from: from, to: to };
    return graphql(Api.CONNECT_QUERY, variables)
      .catch(function (error) {
        // A cold server can miss its deadline on the first search of paths: say so, and try once more.
        if (!transient(error)) throw error;
        connectStatus.textContent = 'The server is slow; trying again…';
        return graphql(Api.CONNECT_QUERY, variables);
      })
      .then(function (data) {
        connectStatus.textContent = data.connections.length > 0 ? '' : 'No connection found.';
        showPath(data.connections[0] || null, from, to, origin);
      })
      .catch(function (error) {
        connectStatus.textContent = '';
        warn('Could not connect them: ' + error.message);
        remember('connect', null);
      })
      .then(function () {
        connecting = false;
        form.removeAttribute('aria-busy');
        button.removeAttribute('aria-disabled');
        connectStatus.classList.remove('busy');
        updateClearButton();
      });
  }

  function removePathNodes() {
    if (selection.pathAdded.length === 0) return;
    var added = selection.pathAdded;
    selection.pathAdded = [];
    nodes.remove(
      added.filter(function (id) {
        return nodes.get(id) && !eventsOf[id] && !itemOf(id);
      }),
    );
    edges.remove(
      added.filter(function (id) {
        return edges.get(id);
      }),
    );
  }

  function showPath(path, from, to, origin) {
    removePathNodes();
    state.path = path;
    selection.event = null;
    state.highlighted = { event: null, participants: [], places: [], agreements: [] };
    if (timeline) timeline.setSelection([]);
    details.replaceChildren();
    if (!path) {
      details.appendChild(element('p', 'No meaningful connection within 4 steps.', 'meta'));
      details.hidden = false;
      light([from, to]);
      return;
    }
    // Nodes of the path the selection does not show (a country, an organization) join the graph.
    path.nodes.forEach(function (node) {
      if (!nodes.get(node.id)) {
        selection.pathAdded.push(node.id);
        var name = node.label === 'Event' ? (english && node.titleEn) || node.title : nameOf(node.id, node.name);
        nodes.add(paint({ id: node.id, label: short(node.shortName || name), title: name, kind: node.label }, true));
      }
    });
    path.relationships.forEach(function (relationship) {
      var key = relationship.from + '|' + relationship.type + '|' + relationship.to;
      if (!edges.get(key)) {
        selection.pathAdded.push(key);
        edges.add({
          id: key,
          from: relationship.from,
          to: relationship.to,
          label: relationship.type.toLowerCase().replace(/_/g, ' '),
        });
      }
    });
    lightSelection();
    applyWindow();
    details.appendChild(element('h2', 'Connection in ' + path.length + ' step' + (path.length === 1 ? '' : 's')));
    details.appendChild(element('p', path.explanation, 'explanation'));
    var hops = element('ol', null, 'hops');
    path.relationships.forEach(function (relationship) {
      var hop = element('li', null, 'hop');
      hop.appendChild(element('p', describe(path, relationship), 'hop-title'));
      relationship.evidence.forEach(function (e) {
        window.EventDetails.evidence(hop, e.quote, e.source.title, e.source.url);
        markLang(hop.querySelector('blockquote:last-of-type'), e.source.language);
      });
      hops.appendChild(hop);
    });
    details.appendChild(hops);
    details.hidden = false;
    if (origin !== 'url' && origin !== 'live') revealDetails();
  }

  function describe(path, relationship) {
    var name = function (id) {
      var node = path.nodes.find(function (candidate) {
        return candidate.id === id;
      });
      if (!node) return id;
      return node.label === 'Event' ? (english && node.titleEn) || node.title : nameOf(node.id, node.name);
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

  function renderTimeline(feedItems, refit) {
    var container = document.getElementById('timeline');
    if (narrow.matches) {
      if (timeline) {
        timeline.destroy();
        timeline = null;
      }
      renderCards(container, feedItems);
      if (refit || !windowRange) {
        windowRange = filterPeriod();
        applyWindow();
      }
      return;
    }
    // One item per event, ungrouped: the explorer's timeline has no rows.
    var data = feedItems.map(function (item) {
      var drawn = Object.assign(window.toTimelineItem(item), { id: item.eventId, group: undefined });
      markLang(drawn.content, wording.titleLang[item.eventId]);
      return drawn;
    });
    if (timeline) {
      timeline.setItems(new vis.DataSet(data));
      if (selection.event && itemOf(selection.event)) timeline.setSelection([selection.event]);
      if (refit) fitWindow(feedItems);
      else applyWindow();
      return;
    }
    container.replaceChildren();
    timeline = new vis.Timeline(container, data, {
      stack: true,
      zoomable: true,
      // The wheel scrolls the page and the panel; ctrl + wheel (or a pinch) zooms.
      zoomKey: 'ctrlKey',
      margin: { item: 4 },
      orientation: 'top',
      // Days as the feed dates them (UTC), whatever the reader's time zone.
      moment: function (date) {
        return vis.moment(date).utc();
      },
    });
    timeline.on('select', function (event) {
      if (event.items.length > 0) selectEvent(event.items[0], 'timeline');
    });
    // Enter or Space on an event's label (a button): vis-timeline selects on pointer taps only, so a
    // click the keyboard made (detail 0) selects here.
    container.addEventListener('click', function (event) {
      var label = event.target.closest && event.target.closest('button[data-event-id]');
      if (label && event.detail === 0) {
        var eventId = label.getAttribute('data-event-id');
        timeline.setSelection([eventId]);
        selectEvent(eventId, 'timeline');
      }
    });
    timeline.on('rangechanged', function (range) {
      if (range.byUser) windowMoved = true;
      windowRange = [range.start.valueOf(), range.end.valueOf()];
      applyWindow();
    });
    fitWindow(feedItems);
  }

  function fitWindow(feedItems) {
    windowMoved = false;
    var period = filterPeriod();
    if (period) {
      setWindow(period[0], period[1]);
      return;
    }
    if (feedItems.length === 0) return;
    window.fitTimelineWindow(timeline, feedItems);
    var shown = timeline.getWindow();
    windowRange = [shown.start.valueOf(), shown.end.valueOf()];
    applyWindow();
  }

  /** The narrow layout: one card (a button) per event, in time order. */
  function renderCards(container, feedItems) {
    var cards = element('ol', null, 'tl-list explore-cards');
    feedItems.forEach(function (item) {
      var entry = element('li');
      var card = element('button', null, 'tl-card' + (item.disputed ? ' tl-disputed' : ''));
      card.type = 'button';
      card.setAttribute('data-event-id', item.eventId);
      card.appendChild(element('span', item.details.date, 'tl-card-date'));
      var title = element('span', item.content, 'tl-card-title');
      markLang(title, wording.titleLang[item.eventId]);
      card.appendChild(title);
      card.appendChild(
        element(
          'span',
          item.typeName + (item.details.place ? ' · ' + nameOf(item.details.placeId, item.details.place) : ''),
          'tl-card-meta',
        ),
      );
      card.addEventListener('click', function () {
        selectEvent(item.eventId, 'list');
      });
      entry.appendChild(card);
      cards.appendChild(entry);
    });
    container.replaceChildren(cards);
    markSelectedCards();
  }

  /** The selected card says so (a tap's feedback): pressed and highlighted. */
  function markSelectedCards() {
    document.querySelectorAll('.tl-card[data-event-id], .node-button[data-node-id]').forEach(function (card) {
      var id = card.getAttribute('data-event-id') || card.getAttribute('data-node-id');
      if (card.classList.contains('tl-card')) card.setAttribute('aria-pressed', String(id === selection.event));
      card.classList.toggle('selected', id === selection.event);
    });
  }

  function updateCount() {
    var count = document.getElementById('count');
    var plural = function (n) {
      return n + ' event' + (n === 1 ? '' : 's');
    };
    if (selection.focus.length > 0 && selection.focusItems)
      count.textContent = selection.focusTotal + ' of ' + plural(totalCount);
    else count.textContent = plural(totalCount);
  }

  // ----- loading -----

  // Loads render one after the other: a live change never overtakes the first view.
  var rendered = Promise.resolve();

  function render(feed, day) {
    var live = day === undefined;
    var drawn = live ? asOf : day;
    rendered = rendered
      .then(function () {
        return draw(feed);
      })
      .then(function () {
        drawnAsOf = drawn;
      })
      .then(function () {
        // The graph changed under the page: the steps and what changed at them are read again.
        if (live && loads > 1 && asOfControl) return asOfControl.refresh();
      })
      .catch(function (error) {
        warn('Could not draw the selection: ' + error.message);
      });
    return rendered;
  }

  function draw(feed) {
    var first = loads === 0;
    loads += 1;
    return wording.load(baseFilter()).then(function () {
      items = dedupe(feed.items);
      totalCount = feed.totalCount;
      updateCount();
      status.hidden = items.length > 0;
      if (items.length === 0) status.textContent = 'No event matches this selection.';
      updateGraph(items);
      fillConnectForm();
      renderFocusBar();
      if (first) {
        renderTimeline(items, true);
        return applyUrlSelection();
      }
      return refreshSelection();
    });
  }

  /** The shared view: what the URL says was selected; an unknown id gets a visible message. */
  function applyUrlSelection() {
    var eventId = params.get('event');
    var pair = splitList(params.get('connect'));
    return Api.knownEntities(selection.focus).then(function (known) {
      var unknown = selection.focus.filter(function (id) {
        return !known[id];
      });
      if (unknown.length > 0) {
        warn(
          'No entity has the id ' +
            unknown
              .map(function (id) {
                return '“' + id + '”';
              })
              .join(', ') +
            ' (from the link’s focus): ' +
            (unknown.length === selection.focus.length ? 'showing every event of the selection.' : 'left out.'),
        );
        selection.focus = selection.focus.filter(function (id) {
          return known[id];
        });
        remember('focus', selection.focus.join(','));
        renderFocusBar();
      }
      return applyKnownSelection(eventId, pair);
    });
  }

  function applyKnownSelection(eventId, pair) {
    var focusDone =
      selection.focus.length > 0
        ? focusEntities(selection.focus, { origin: 'url', keepEvent: !!eventId, keepPath: pair.length === 2 })
        : Promise.resolve();
    return focusDone.then(function () {
      if (eventId) {
        if (!selectEvent(eventId, 'url')) {
          remember('event', null);
          graphql(Api.EVENT_QUERY, { id: eventId })
            .then(function (data) {
              warn(
                data.event
                  ? 'The event “' + data.event.title + '” (from the link) is not in this selection.'
                  : 'No event has the id “' + eventId + '” (from the link).',
              );
            })
            .catch(function () {
              warn('No event has the id “' + eventId + '” (from the link).');
            });
        }
      } else if (pair.length === 2) {
        document.getElementById('connect-from').value = pair[0];
        document.getElementById('connect-to').value = pair[1];
        return connect(pair[0], pair[1], 'url');
      } else if (params.get('connect')) {
        warn('The link’s connect parameter needs two ids: connect=a,b.');
        remember('connect', null);
      }
    });
  }

  /** A live change: the reader keeps the window, zoom and selection; a retracted event's details go. */
  function refreshSelection() {
    if (selection.focus.length > 0)
      focusEntities(selection.focus, { keepEvent: true, keepPath: true, keepWindow: windowMoved });
    else renderTimeline(items, !windowMoved);
    if (state.path) {
      var pair = splitList(params.get('connect'));
      if (pair.length === 2) connect(pair[0], pair[1], 'live');
    } else if (selection.event) {
      if (!selectEvent(selection.event, 'live')) {
        selection.event = null;
        remember('event', null);
        details.replaceChildren(element('p', 'The selected event is no longer in this selection.', 'meta'));
        lightSelection();
      }
    } else lightSelection();
    updateClearButton();
  }

  // ----- controls -----

  document.getElementById('connect').addEventListener('submit', function (event) {
    event.preventDefault();
    warn('');
    connect(document.getElementById('connect-from').value, document.getElementById('connect-to').value, 'form');
  });
  document.getElementById('clear-selection').addEventListener('click', clearSelection);
  document.querySelectorAll('input[name="focus-match"]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      selection.focusMatch = radio.value === 'ANY' ? 'ANY' : 'ALL';
      focusEntities(selection.focus);
    });
  });

  // Filters are the feed's own parameters: applying them loads the page for the new selection,
  // so the live subscription follows it and a reload keeps it.
  document.getElementById('filters').addEventListener('submit', function (event) {
    event.preventDefault();
    var next = new URLSearchParams(params.toString());
    next.delete('type');
    var types = Array.prototype.map.call(
      document.querySelectorAll('#filters input[name="type"]:checked'),
      function (box) {
        return box.value;
      },
    );
    if (types.length > 0) next.set('type', types.join(','));
    ['from', 'to'].forEach(function (name) {
      var value = document.getElementById('filter-' + name).value;
      if (value) next.set(name, value);
      else next.delete(name);
    });
    next.delete('event');
    window.location.assign(window.location.pathname + '?' + next.toString());
  });
  document.getElementById('filter-reset').addEventListener('click', function () {
    var next = new URLSearchParams(params.toString());
    ['type', 'from', 'to', 'event'].forEach(function (name) {
      next.delete(name);
    });
    window.location.assign(window.location.pathname + (next.toString() ? '?' + next.toString() : ''));
  });

  narrow.addEventListener('change', function () {
    renderTimeline(selection.focusItems || items, true);
  });

  /** Reads the page as of a day (null: now), as a live change would: the reader keeps window and selection. */
  function readAsOf(day) {
    asOf = day;
    Api.setAsOf(day);
    remember('asOf', day);
    var token = ++asOfLoads;
    return window
      .fetchFeed(feedUrl())
      .then(function (feed) {
        if (token === asOfLoads && asOf === day) return render(feed, day);
      })
      .catch(function (error) {
        if (token === asOfLoads)
          warn('Could not read the selection as reported by ' + (day || 'now') + ': ' + error.message);
      });
  }
  asOfControl = window.ExploreAsOf.attach({
    initial: asOf,
    language: feedParams.get('lang') === 'pt' ? 'pt' : 'en',
    english: english,
    filter: baseFilter,
    onChange: readAsOf,
    titleLang: function (eventId) {
      return wording.titleLang[eventId];
    },
  });

  Kinds.renderLegend(document.getElementById('legend'));
  window.ExploreSearch.attach({
    english: english,
    nameOf: nameOf,
    focused: function () {
      return selection.focus;
    },
    onChoose: function (node, add) {
      warn('');
      if (node.label !== 'Event') {
        if (add) addFocus(node.id);
        else focusEntities([node.id]);
      } else if (!selectEvent(node.id, 'search'))
        warn('“' + (node.title || node.id) + '” is not in this selection: clear the filters to see it.');
    },
  });
  renderExports();
  window.followFeed(function () {
    return feedUrl();
  }, render);
})();
