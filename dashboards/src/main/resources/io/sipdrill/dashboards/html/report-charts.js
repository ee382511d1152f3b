/*
 * sipdrill report.html: draws the drill's charts with uPlot (inlined above this script) from the
 * JSON in <script id="sipdrill-data">. One chart per element with a data-chart attribute; every
 * chart shades the drill's fault windows. When all charts have drawn, window.sipdrillCharts lists
 * {id, title, points, faultBands} for each, which the browser test reads.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("sipdrill-data").textContent);

  // Fixed colours for the series a reader compares across drills; others take the palette in turn.
  var COLOURS = {
    primary: "#1f6fb4", backup: "#e8710a", nowhere: "#c5221f",
    ok: "#188038", challenged: "#f9ab00", rejected: "#9334e6", timeout: "#c5221f", error: "#5f6368",
    p50: "#1f6fb4", p95: "#e8710a", p99: "#c5221f",
    register: "#1f6fb4", calls: "#9334e6", per_register: "#5f6368",
    setup_p50: "#1f6fb4", setup_p95: "#0b3d6e", pdd_p50: "#e8710a", pdd_p95: "#a34e00",
    "in": "#1f6fb4", out: "#e8710a"
  };
  var PALETTE = ["#1f6fb4", "#e8710a", "#188038", "#c5221f", "#9334e6", "#5f6368"];
  var DASHED = {nowhere: true, per_register: true, setup_p95: true, pdd_p95: true};
  // Few values: draw each as a dot, since a value between two gaps has no line to show it.
  var DOTS_BELOW = 120;
  var HEIGHT = 280;
  // Fault names go in a strip above the plot so they never hide a value; windows far apart share
  // a row, so a drill with many faults keeps its chart height.
  var LABEL_ROW = 16;
  var LABEL_ROWS = Math.min(3, data.faults.length);

  var specs = {};
  data.charts.forEach(function (c) { specs[c.id] = c; });
  var built = [];

  function colour(key, i) {
    return COLOURS[key] || PALETTE[i % PALETTE.length];
  }

  function nonNull(values) {
    var n = 0;
    for (var i = 0; i < values.length; i++) {
      if (values[i] != null) n++;
    }
    return n;
  }

  // uPlot draws on a canvas scaled by the device pixel ratio: CSS pixels times this.
  function px(n) {
    return Math.round(n * uPlot.pxRatio);
  }

  /** Shades each fault window under the series and names it just above the plot. */
  function faultBands(state) {
    function bands(u) {
      var xMin = u.scales.x.min, xMax = u.scales.x.max, drawn = [];
      data.faults.forEach(function (f) {
        var start = Math.max(f.startMin, xMin);
        var end = Math.min(f.endMin == null ? xMax : f.endMin, xMax);
        if (end < start) return;
        var x0 = u.valToPos(start, "x", true);
        var x1 = u.valToPos(end, "x", true);
        // A fault shorter than a pixel still shows as a thin band.
        drawn.push({fault: f, x0: x0, width: Math.max(px(2), x1 - x0)});
      });
      return drawn;
    }
    return {
      hooks: {
        drawClear: [function (u) {
          var ctx = u.ctx, box = u.bbox;
          ctx.save();
          ctx.fillStyle = "rgba(120, 120, 120, 0.18)";
          bands(u).forEach(function (b) { ctx.fillRect(b.x0, box.top, b.width, box.height); });
          ctx.restore();
        }],
        draw: [function (u) {
          var ctx = u.ctx, box = u.bbox, drawn = bands(u);
          ctx.save();
          ctx.font = "italic " + px(12) + "px system-ui, sans-serif";
          // uPlot leaves the alignment of its last axis label on the context.
          ctx.textAlign = "left";
          ctx.textBaseline = "top";
          drawn.forEach(function (b, i) {
            var text = "fault: " + b.fault.label;
            var x = b.x0 + px(2);
            var y = box.top - px(LABEL_ROW) * (LABEL_ROWS - i % LABEL_ROWS) - px(2);
            // A tick from the name down to the band's start says which band it names.
            ctx.fillStyle = "rgba(120, 120, 120, 0.5)";
            ctx.fillRect(b.x0, y, px(1), box.top - y);
            ctx.fillStyle = "#444";
            ctx.fillText(text, x + px(2), y);
          });
          ctx.restore();
          state.faultBands = drawn.length;
          state.drawn = true;
          publishWhenAllDrawn();
        }]
      }
    };
  }

  function yRange(spec) {
    return function (u, min, max) {
      var lo = spec.yMin != null ? Math.min(spec.yMin, min == null ? spec.yMin : min) : min;
      var hi = spec.yMax != null ? Math.max(spec.yMax, max == null ? spec.yMax : max)
          : (max == null || max <= lo ? lo + 1 : max + (max - lo) * 0.08);
      return [lo, hi];
    };
  }

  function options(spec, width, state) {
    var series = [{label: "minute", value: function (u, v) { return v == null ? "–" : v.toFixed(2); }}];
    var hasRight = false;
    spec.series.forEach(function (s, i) {
      var right = s.axis === "right";
      hasRight = hasRight || right;
      var dots = nonNull(s.values) < DOTS_BELOW;
      series.push({
        label: s.label,
        scale: right ? "right" : "y",
        stroke: colour(s.key, i),
        width: 2,
        dash: DASHED[s.key] ? [6, 4] : undefined,
        paths: spec.stepped ? uPlot.paths.stepped({align: 1}) : undefined,
        points: {show: dots, size: 6},
        value: function (u, v) { return v == null ? "–" : String(+v.toFixed(3)); }
      });
    });
    var axes = [
      {label: "real-equivalent minutes since the drill started", labelSize: 24},
      {label: spec.yLabel, labelSize: 24, size: 56, scale: "y"}
    ];
    var scales = {x: {time: false, range: [0, Math.max(data.durationMin, 1e-3)]}, y: {range: yRange(spec)}};
    if (hasRight) {
      axes.push({label: spec.yLabelRight, labelSize: 24, size: 56, scale: "right", side: 1, grid: {show: false}});
      scales.right = {range: function (u, min, max) { return [0, max == null || max <= 0 ? 1 : max * 1.1]; }};
    } else {
      // An empty right axis of the same width, so every chart's minutes line up one above the other.
      axes.push({scale: "y", side: 1, size: 56, labelSize: 24, label: "", stroke: "transparent",
        grid: {show: false}, ticks: {show: false}, values: function (u, splits) { return splits.map(function () { return ""; }); }});
    }
    return {
      title: spec.title,
      width: width,
      height: HEIGHT,
      series: series,
      axes: axes,
      scales: scales,
      legend: {live: true},
      padding: [LABEL_ROWS > 0 ? 8 + LABEL_ROWS * LABEL_ROW : null, null, null, null],
      // One cursor across the charts: hovering a minute shows it on every chart.
      cursor: {sync: {key: "sipdrill"}},
      plugins: [faultBands(state)]
    };
  }

  function publishWhenAllDrawn() {
    if (window.sipdrillCharts || !built.every(function (b) { return b.state.drawn; })) return;
    window.sipdrillCharts = built.map(function (b) {
      return {id: b.spec.id, title: b.spec.title, points: b.points, faultBands: b.state.faultBands};
    });
  }

  var containers = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < containers.length; i++) {
    var el = containers[i];
    var spec = specs[el.getAttribute("data-chart")];
    if (!spec) throw new Error("no chart data for container " + el.getAttribute("data-chart"));
    var points = 0;
    spec.series.forEach(function (s) { points += nonNull(s.values); });
    built.push({spec: spec, el: el, points: points, state: {drawn: false, faultBands: 0}});
  }
  // Every entry is in `built` before any chart draws, so none publishes before the rest exist.
  built.forEach(function (b) {
    var width = Math.max(320, b.el.clientWidth || 960);
    var columns = [b.spec.x].concat(b.spec.series.map(function (s) { return s.values; }));
    b.plot = new uPlot(options(b.spec, width, b.state), columns, b.el);
  });
  if (built.length === 0) window.sipdrillCharts = [];

  window.addEventListener("resize", function () {
    built.forEach(function (b) { b.plot.setSize({width: Math.max(320, b.el.clientWidth), height: HEIGHT}); });
  });
})();
