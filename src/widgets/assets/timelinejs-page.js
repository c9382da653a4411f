// Renders this page's query string as a TimelineJS3 story from the TimelineJS3 JSON feed
// (follow-feed.js loads it, and loads it again when the graph changes it).
(function () {
  'use strict';
  var status = document.getElementById('status');

  /** The slide the reader is on (its unique_id), so that a live update leaves them there. */
  function currentSlide() {
    var timeline = window.timeline;
    return timeline && timeline.current_id ? timeline.current_id : null;
  }

  /**
   * Centres the time strip on the whole period of the events whenever it shows the title slide.
   * TimelineJS3 centres the title slide on the first event's start, which leaves half the strip on
   * the months before it (a year-only event starting on 1 January showed November to February), and
   * it recentres on every redraw (first display, resize). This wraps its strip's goTo; if a later
   * TimelineJS3 names its parts otherwise, the library's own view stays.
   */
  function centreTitleOnPeriod(timeline) {
    var nav = timeline._timenav;
    if (!nav || typeof nav.goTo !== 'function' || !nav._el || !nav._el.slider) return;
    var goTo = nav.goTo;
    nav.goTo = function (index) {
      goTo.apply(nav, arguments);
      if (index < 0) showWholePeriod(nav);
    };
    if (!timeline.current_id || nav.current_id === '') showWholePeriod(nav);
    // The library's own first move to the title's marker is animated and may start after 'ready':
    // once it has ended, the strip is centred again if the reader is still on the title slide.
    setTimeout(
      function () {
        if (nav.current_id === '') showWholePeriod(nav);
      },
      (nav.options.duration || 1000) + 100,
    );
  }

  function showWholePeriod(nav) {
    var slider = nav._el.slider;
    var first = Infinity;
    var last = -Infinity;
    slider.querySelectorAll('.tl-timemarker').forEach(function (marker) {
      first = Math.min(first, marker.offsetLeft);
      last = Math.max(last, marker.offsetLeft + marker.offsetWidth);
    });
    if (first === Infinity || !nav.options.width) return;
    if (nav.animator) nav.animator.stop();
    slider.className = 'tl-timenav-slider';
    slider.style.left = nav.options.width / 2 - (first + last) / 2 + 'px';
  }

  /**
   * A space between the previous/next button's title and date: its accessible name ("Next, title,
   * date") then holds its visible text, which ran the two together ("…PyongyangJune 2024").
   */
  function separateSlidenavTexts() {
    document.querySelectorAll('.tl-slidenav-title').forEach(function (title) {
      var next = title.nextSibling;
      if (!next || next.nodeType !== Node.TEXT_NODE) title.after(document.createTextNode(' '));
    });
  }

  function render(feed) {
    var embed = document.getElementById('timeline-embed');
    var keep = currentSlide();
    status.hidden = feed.events.length > 0;
    if (feed.events.length === 0) status.textContent = 'No event matches this selection.';
    // TimelineJS3 cannot replace a story's data: a new story is drawn into the emptied container.
    // (The old one's resize listener stays on window, bound and anonymous in TimelineJS3; it only
    // redraws the detached story, once per change of the selection.)
    embed.replaceChildren();
    window.timeline = null;
    if (feed.events.length === 0) return;
    var timeline = new TL.Timeline('timeline-embed', feed, {
      script_path: '/vendor/timelinejs/js/',
      // TimelineJS3's English with the year on the axis's months ("Jan. 2024"): a strip of months says its year.
      language: '/widget/assets/timelinejs-en.json',
      font: null,
      hash_bookmark: false,
      // The whole story one screen wide: the strip opens on the period that holds the events.
      scale_factor: 1,
    });
    window.timeline = timeline;
    var stillThere = feed.events.some(function (event) {
      return event.unique_id === keep;
    });
    // A live update redraws the story: the reader stays on the slide they were reading.
    var start = function () {
      separateSlidenavTexts();
      centreTitleOnPeriod(timeline);
      if (stillThere) timeline.goToId(keep);
    };
    if (timeline.ready) start();
    else timeline.on('ready', start);
  }

  window.followFeed('/feeds/timelinejs.json', render);
})();
