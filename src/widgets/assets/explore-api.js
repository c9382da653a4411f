// What the explorer asks the GraphQL API, and how: the queries, one POST helper, and the wording
// of a selection (English names, the language of each title and quote).
(function () {
  'use strict';
  var CONNECT_QUERY =
    'query ($from: ID!, $to: ID!, $asOf: String) { connections(from: $from, to: $to, maxHops: 4, first: 1, asOf: $asOf) {' +
    ' length explanation nodes { id label ... on Event { title titleEn } ... on Entity { name nameEn shortName } }' +
    ' relationships { type from to evidence { quote source { title url language } } } } }';
  var ENTITY_QUERY =
    'query ($id: ID!, $asOf: String) { entity(id: $id, asOf: $asOf) { id label kind name nameEn aliases subtype description descriptionEn' +
    ' evidence { source { id title url publisher language } } timeline { totalCount } } }';
  var SEARCH_QUERY =
    'query ($text: String!, $asOf: String) { search(text: $text, first: 8, asOf: $asOf) { node { id label' +
    ' ... on Entity { name nameEn } ... on Event { title titleEn date { iso } } } } }';
  var SUGGEST_QUERY = 'query ($text: String!) { didYouMean(text: $text) }';
  var EVENT_QUERY = 'query ($id: ID!, $asOf: String) { event(id: $id, asOf: $asOf) { id title } }';
  var WORDING_QUERY =
    'query ($filter: TimelineFilter, $after: String, $asOf: String) {' +
    ' timeline(filter: $filter, first: 100, after: $after, asOf: $asOf) {' +
    ' pageInfo { hasNextPage endCursor } nodes { id title titleEn' +
    ' claims { title source { language } } evidence { quote source { language } }' +
    ' participants { entity { id name nameEn } } place { id name nameEn } agreements { id name nameEn } } } }';

  /** The day the explorer reads the graph as of (YYYY-MM-DD); null: now. */
  var asOf = null;

  /** Posts a query; one that declares `$asOf` reads the explorer's day unless the variables give one. */
  function graphql(query, variables) {
    if (/\$asOf\b/.test(query) && !(variables && 'asOf' in variables))
      variables = Object.assign({ asOf: asOf }, variables);
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: query, variables: variables }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        if (body.errors && body.errors.length > 0) {
          var error = new Error(body.errors[0].message);
          error.code = body.errors[0].extensions && body.errors[0].extensions.code;
          throw error;
        }
        return body.data;
      });
  }

  /** Which of these ids name an entity (one request). */
  function knownEntities(ids) {
    if (ids.length === 0) return Promise.resolve({});
    var declarations = ids.map(function (_id, index) {
      return '$i' + index + ': ID!';
    });
    var fields = ids.map(function (_id, index) {
      return 'e' + index + ': entity(id: $i' + index + ') { id }';
    });
    var variables = {};
    ids.forEach(function (id, index) {
      variables['i' + index] = id;
    });
    return graphql('query (' + declarations.join(', ') + ') { ' + fields.join(' ') + ' }', variables)
      .then(function (data) {
        var known = {};
        ids.forEach(function (id, index) {
          if (data['e' + index]) known[id] = true;
        });
        return known;
      })
      .catch(function () {
        // Not known to be unknown: the feed will say if it is.
        return ids.reduce(function (known, id) {
          known[id] = true;
          return known;
        }, {});
      });
  }

  /**
   * The wording of the events a filter selects, learnt page by page: `titleLang` and `quoteLang`
   * (the language each is written in) and, for an English page, `names` (entity id → nameEn).
   */
  function createWording(english) {
    var wording = { titleLang: {}, quoteLang: {}, names: {} };
    /** Reads the wording of the filter's events, page by page (as many as a feed holds). */
    function load(filter, after, pages) {
      pages = pages || 0;
      return graphql(WORDING_QUERY, { filter: filter, after: after || null })
        .then(function (data) {
          data.timeline.nodes.forEach(learn);
          var info = data.timeline.pageInfo;
          if (info.hasNextPage && pages < 4) return load(filter, info.endCursor, pages + 1);
        })
        .catch(function () {
          // Without it the page still works, in the feed's own words.
        });
    }

    function learn(event) {
      var claim = event.claims.find(function (c) {
        return c.title === event.title;
      });
      var sourceLang = claim && claim.source.language;
      wording.titleLang[event.id] = english && event.titleEn ? 'en' : sourceLang;
      event.evidence.forEach(function (e) {
        if (e.source.language) wording.quoteLang[e.quote] = e.source.language;
      });
      if (!english) return;
      event.participants
        .map(function (p) {
          return p.entity;
        })
        .concat(event.place ? [event.place] : [], event.agreements)
        .forEach(function (entity) {
          if (entity.nameEn) wording.names[entity.id] = entity.nameEn;
        });
    }

    wording.load = load;
    return wording;
  }

  window.ExploreApi = {
    graphql: graphql,
    /** Every later query that declares `$asOf` reads the graph as of this day (null: now). */
    setAsOf: function (day) {
      asOf = day || null;
    },
    asOf: function () {
      return asOf;
    },
    knownEntities: knownEntities,
    createWording: createWording,
    CONNECT_QUERY: CONNECT_QUERY,
    ENTITY_QUERY: ENTITY_QUERY,
    SEARCH_QUERY: SEARCH_QUERY,
    SUGGEST_QUERY: SUGGEST_QUERY,
    EVENT_QUERY: EVENT_QUERY,
  };
})();
