// The explorer's kinds of node: each has a shape as well as a colour (so colour is never the only
// cue), drawn alike in the graph, its legend, and the buttons that list nodes.
(function () {
  'use strict';
  var element = window.EventDetails.element;
  // On white: every kind's colour is at least 5.4:1, labels #1f2933 14.8:1, dimmed labels #52606d
  // 6.5:1, a dimmed shape's border #8a96a3 3:1 (the minimum for a graphic, WCAG 1.4.11).
  var KINDS = {
    Event: { name: 'Event', shape: 'box', colour: '#b5451b', fill: '#fde8dc' },
    Person: { name: 'Person', shape: 'dot', colour: '#1d5fa8' },
    Organization: { name: 'Organization', shape: 'square', colour: '#2e6b30' },
    Country: { name: 'Country', shape: 'diamond', colour: '#00687d' },
    Place: { name: 'Place', shape: 'triangle', colour: '#a8285e' },
    Delegation: { name: 'Delegation', shape: 'hexagon', colour: '#7f4f00' },
    Agreement: { name: 'Agreement', shape: 'star', colour: '#6f3a92' },
  };
  var ENTITY_KINDS = ['Person', 'Organization', 'Country', 'Place', 'Delegation', 'Agreement'];
  var DIM = { fill: '#eef0f2', border: '#8a96a3', font: '#52606d', edge: '#c3cad2' };
  var FONT = '#1f2933';
  var EDGE = '#52606d';

  /** A button naming a node (an event or an entity) with its kind's shape: the graph as a list, search hits. */
  function nodeButton(text, kind, meta, onClick) {
    var button = element('button', null, 'node-button');
    button.type = 'button';
    button.appendChild(kindIcon(kind));
    button.appendChild(element('span', text, 'node-name'));
    if (meta) button.appendChild(element('span', meta, 'node-meta'));
    button.addEventListener('click', onClick);
    return button;
  }

  function byKindAndName(a, b) {
    var kind = ENTITY_KINDS.indexOf(a.kind) - ENTITY_KINDS.indexOf(b.kind);
    return kind !== 0 ? kind : a.title.localeCompare(b.title);
  }

  var SVG = 'http://www.w3.org/2000/svg';
  var SHAPE_PATHS = {
    box: 'M2 4h12v8H2z',
    dot: 'M8 2a6 6 0 1 0 0.01 0z',
    square: 'M3 3h10v10H3z',
    diamond: 'M8 1l7 7-7 7-7-7z',
    triangle: 'M8 2l6.5 11h-13z',
    hexagon: 'M4.5 2h7l3.5 6-3.5 6h-7L1 8z',
    star: 'M8 1l2 4.6 5 .5-3.8 3.3 1.1 4.9L8 11.8 3.7 14.3l1.1-4.9L1 6.1l5-.5z',
  };

  /** The kind's shape in its colour, as the graph draws it (decorative: the text beside it names the kind). */
  function kindIcon(kind) {
    var spec = KINDS[kind] || KINDS.Event;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 16 16');
    svg.setAttribute('width', '16');
    svg.setAttribute('height', '16');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'kind-icon');
    var path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', SHAPE_PATHS[spec.shape]);
    path.setAttribute('fill', spec.fill || spec.colour);
    path.setAttribute('stroke', spec.colour);
    path.setAttribute('stroke-width', '1.5');
    svg.appendChild(path);
    return svg;
  }

  function renderLegend(legend) {
    legend.replaceChildren.apply(
      legend,
      ['Event'].concat(ENTITY_KINDS).map(function (kind) {
        var item = element('li', null, 'legend-item');
        item.appendChild(kindIcon(kind));
        item.appendChild(element('span', KINDS[kind].name));
        return item;
      }),
    );
  }

  window.ExploreKinds = {
    KINDS: KINDS,
    ENTITY_KINDS: ENTITY_KINDS,
    DIM: DIM,
    FONT: FONT,
    EDGE: EDGE,
    kindIcon: kindIcon,
    nodeButton: nodeButton,
    byKindAndName: byKindAndName,
    renderLegend: renderLegend,
  };
})();
