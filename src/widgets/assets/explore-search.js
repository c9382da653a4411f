// The explorer's search box: the API's search as you type (Enter picks the best match), results
// as buttons (arrow keys move among them, Escape closes), "+ and" beside an entity when something
// is focused, and didYouMean's words when nothing matches.
(function () {
  'use strict';
  var graphql = window.ExploreApi.graphql;
  var element = window.EventDetails.element;
  var KINDS = window.ExploreKinds.KINDS;
  var nodeButton = window.ExploreKinds.nodeButton;
  var SEARCH_QUERY = window.ExploreApi.SEARCH_QUERY;
  var SUGGEST_QUERY = window.ExploreApi.SUGGEST_QUERY;
  var english = false;
  var options = null;

  var searchLoads = 0;
  var lastHits = [];

  function runSearch(text) {
    var results = document.getElementById('search-results');
    var searchStatus = document.getElementById('search-status');
    var token = ++searchLoads;
    text = text.trim();
    if (!text) {
      lastHits = [];
      results.replaceChildren();
      results.hidden = true;
      searchStatus.textContent = '';
      return Promise.resolve([]);
    }
    return graphql(SEARCH_QUERY, { text: text.slice(0, 200) })
      .then(function (data) {
        if (token !== searchLoads) return lastHits;
        lastHits = data.search.map(function (hit) {
          return hit.node;
        });
        renderHits(lastHits);
        if (lastHits.length === 0) suggest(text, token);
        else searchStatus.textContent = lastHits.length + ' result' + (lastHits.length === 1 ? '' : 's');
        return lastHits;
      })
      .catch(function (error) {
        if (token !== searchLoads) return [];
        searchStatus.textContent = 'Search failed: ' + error.message;
        results.replaceChildren(element('li', 'Search failed: ' + error.message, 'error'));
        results.hidden = false;
        return [];
      });
  }

  function suggest(text, token) {
    var results = document.getElementById('search-results');
    var searchStatus = document.getElementById('search-status');
    searchStatus.textContent = 'No match for “' + text + '”.';
    results.replaceChildren(element('li', 'No match for “' + text + '”.', 'meta'));
    results.hidden = false;
    graphql(SUGGEST_QUERY, { text: text.slice(0, 200) })
      .then(function (data) {
        if (token !== searchLoads || data.didYouMean.length === 0) return;
        var item = element('li', 'Did you mean: ', 'meta');
        data.didYouMean.slice(0, 4).forEach(function (word) {
          var button = element('button', word, 'suggestion');
          button.type = 'button';
          button.addEventListener('click', function () {
            document.getElementById('search').value = word;
            runSearch(word);
          });
          item.appendChild(button);
          item.appendChild(document.createTextNode(' '));
        });
        results.appendChild(item);
      })
      .catch(function () {});
  }

  function renderHits(hits) {
    var results = document.getElementById('search-results');
    results.replaceChildren();
    hits.forEach(function (node) {
      var isEvent = node.label === 'Event';
      var text = isEvent
        ? (english && node.titleEn) || node.title
        : options.nameOf(node.id, english ? node.nameEn || node.name : node.name);
      var meta = isEvent ? 'Event · ' + node.date.iso : KINDS[node.label] ? KINDS[node.label].name : node.label;
      var entry = element('li', null, 'search-hit');
      var button = nodeButton(text, node.label, meta, function () {
        chooseHit(node, false);
      });
      button.setAttribute('data-node-id', node.id);
      entry.appendChild(button);
      if (!isEvent && options.focused().length > 0 && options.focused().indexOf(node.id) < 0) {
        var and = element('button', '+ and', 'and-button');
        and.type = 'button';
        and.setAttribute('aria-label', 'Add ' + text + ' to the focus: events of both');
        and.setAttribute('data-node-id', node.id);
        and.addEventListener('click', function () {
          chooseHit(node, true);
        });
        entry.appendChild(and);
      }
      results.appendChild(entry);
    });
    results.hidden = hits.length === 0;
  }

  function closeSearch() {
    var results = document.getElementById('search-results');
    results.replaceChildren();
    results.hidden = true;
    lastHits = [];
  }

  function chooseHit(node, add) {
    closeSearch();
    options.onChoose(node, add);
  }

  /**
   * Wires the search box. `options`: english (names in English), nameOf(id, fallback),
   * focused() (the focused entity ids), onChoose(node, add) (a hit chosen; `add`: "+ and").
   */
  function attach(given) {
    options = given;
    english = !!given.english;
    var searchInput = document.getElementById('search');
    var searchTimer = null;
    searchInput.addEventListener('input', function () {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(function () {
        runSearch(searchInput.value);
      }, 200);
    });
    searchInput.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') {
        var first = document.querySelector('#search-results button');
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === 'Escape') closeSearch();
    });
    document.getElementById('search-results').addEventListener('keydown', function (event) {
      var buttons = Array.prototype.slice.call(document.querySelectorAll('#search-results button'));
      var index = buttons.indexOf(document.activeElement);
      if (event.key === 'ArrowDown' && index < buttons.length - 1) buttons[index + 1].focus();
      else if (event.key === 'ArrowUp') (index > 0 ? buttons[index - 1] : searchInput).focus();
      else if (event.key === 'Escape') {
        closeSearch();
        searchInput.focus();
      } else return;
      event.preventDefault();
    });
    // Enter picks the best match.
    document.getElementById('search-form').addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(searchTimer);
      runSearch(searchInput.value).then(function (hits) {
        if (hits.length > 0) chooseHit(hits[0], false);
      });
    });
  }

  window.ExploreSearch = { attach: attach };
})();
