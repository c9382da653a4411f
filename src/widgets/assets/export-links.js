// Links to the downloads of a timeline selection (/export/timeline.csv|ics|json), built from a
// page's own parameters: the timeline widget shows them, and any page that knows its selection can.
(function () {
  'use strict';
  // The parameters that choose and word a selection, as the feeds and the exports take them. Anything
  // else a page carries (groupBy, the explorer's focus, utm_source) is left out: the exports refuse
  // unknown parameters, as the feeds do.
  var SELECTION = ['entity', 'entityMatch', 'from', 'to', 'match', 'type', 'place', 'order', 'lang', 'title', 'asOf'];
  var FORMATS = [
    { format: 'csv', label: 'CSV', description: 'a spreadsheet' },
    { format: 'ics', label: 'iCalendar', description: 'a calendar' },
    { format: 'json', label: 'JSON-LD', description: 'JSON (schema.org events)' },
  ];

  /**
   * The export links of a selection: `params` is a URLSearchParams, a query string or a plain object
   * (a value may be an array); returns [{label, format, description, href}] in the order shown.
   */
  window.exportLinks = function (params) {
    var source =
      params instanceof URLSearchParams ? params : new URLSearchParams(typeof params === 'string' ? params : '');
    if (params && typeof params === 'object' && !(params instanceof URLSearchParams)) {
      Object.keys(params).forEach(function (key) {
        [].concat(params[key]).forEach(function (value) {
          if (value !== undefined && value !== null && value !== '') source.append(key, String(value));
        });
      });
    }
    var kept = new URLSearchParams();
    SELECTION.forEach(function (key) {
      source.getAll(key).forEach(function (value) {
        kept.append(key, value);
      });
    });
    var query = kept.toString();
    return FORMATS.map(function (entry) {
      return {
        label: entry.label,
        format: entry.format,
        description: entry.description,
        href: '/export/timeline.' + entry.format + (query ? '?' + query : ''),
      };
    });
  };
})();
