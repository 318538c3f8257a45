/* Sikap dashboards: draw each chart from the JSON beside it with Chart.js (from npm, served by Django).
 *
 * Progressive enhancement: the page already shows every number in a table. Only when Chart.js has loaded
 * does this script reveal the canvas, draw it, and fold the table into its <details>. The drawn charts are
 * kept in window.sikapCharts (the browser tests wait for them).
 */
(function () {
  "use strict";

  var charts = (window.sikapCharts = window.sikapCharts || []);
  var COLORS = ["#0b5394", "#e69138", "#38761d", "#a61b1b", "#674ea7", "#45818e"];
  var locale = document.documentElement.lang === "en" ? "en" : "id-ID";

  function number(value, places) {
    if (value === null || value === undefined) return "—";
    return Number(value).toLocaleString(locale, {
      minimumFractionDigits: places,
      maximumFractionDigits: places,
    });
  }

  // Long category labels (unit names, groups) wrap onto lines of LABEL_WIDTH characters instead of being cut
  // at the chart's edge; charts.py sizes the canvas with the same width.
  var LABEL_WIDTH = 18;
  function wrap(label) {
    var text = String(label);
    if (text.length <= LABEL_WIDTH) return text;
    var lines = [];
    var line = "";
    text.split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > LABEL_WIDTH) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines;
  }

  // Confidence intervals as error bars: Chart.js has none, so draw a whisker over each point that has one.
  var errorBars = {
    id: "sikapErrorBars",
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var area = chart.chartArea;
      chart.data.datasets.forEach(function (dataset, i) {
        var meta = chart.getDatasetMeta(i);
        if (!dataset.intervals || meta.hidden) return;
        var clamp = function (y) { return Math.min(Math.max(y, area.top), area.bottom); };
        ctx.save();
        ctx.strokeStyle = "#1a1a1a";
        ctx.lineWidth = 1.5;
        meta.data.forEach(function (element, index) {
          var interval = dataset.intervals[index];
          if (!interval) return;
          var x = element.x;
          var high = clamp(meta.vScale.getPixelForValue(interval[1]));
          var low = clamp(meta.vScale.getPixelForValue(interval[0]));
          ctx.beginPath();
          ctx.moveTo(x, high); ctx.lineTo(x, low);
          ctx.moveTo(x - 5, high); ctx.lineTo(x + 5, high);
          ctx.moveTo(x - 5, low); ctx.lineTo(x + 5, low);
          ctx.stroke();
        });
        ctx.restore();
      });
    },
  };

  // The IPA crosshair (the means of performance and importance) and each element's code beside its point.
  var crosshair = {
    id: "sikapCrosshair",
    afterDatasetsDraw: function (chart, args, options) {
      if (!options || options.x === undefined) return;
      var ctx = chart.ctx;
      var area = chart.chartArea;
      var x = chart.scales.x.getPixelForValue(options.x);
      var y = chart.scales.y.getPixelForValue(options.y);
      ctx.save();
      ctx.strokeStyle = "#555";
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(x, area.top); ctx.lineTo(x, area.bottom);
      ctx.moveTo(area.left, y); ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#1a1a1a";
      ctx.font = "12px system-ui, sans-serif";
      chart.data.datasets.forEach(function (dataset, i) {
        chart.getDatasetMeta(i).data.forEach(function (point, index) {
          ctx.fillText(dataset.data[index].code, point.x + 6, point.y - 6);
        });
      });
      ctx.restore();
    },
  };

  // Tooltips in the page's number format, with n, the interval and the share of the target when known.
  function tooltipLabel(places) {
    return function (item) {
      var dataset = item.dataset;
      var i = item.dataIndex;
      if (item.chart.config.type === "scatter") {
        var p = dataset.data[i];
        return p.code + ": " + number(p.x, places) + " / " + number(p.y, places);
      }
      var text = (dataset.names ? dataset.names[i] : dataset.label) + ": " + number(item.raw, places);
      if (dataset.intervals && dataset.intervals[i]) {
        text += " (" + number(dataset.intervals[i][0], places) + " – " + number(dataset.intervals[i][1], places) + ")";
      }
      if (dataset.n) text += ", n = " + number(dataset.n[i], 0);
      if (dataset.percent) text += " (" + number(dataset.percent[i], 1) + " %)";
      return text;
    };
  }

  function config(spec) {
    var o = spec.options || {};
    var scatter = spec.type === "scatter";
    var valueAxis = o.horizontal ? "x" : "y";
    var scales = {};
    if (spec.type === "radar") {
      // A radar (PEKPPP's six aspects): one radial axis over the whole scale, labels wrapped.
      scales.r = { min: o.min, max: o.max, ticks: { stepSize: 1 }, pointLabels: { callback: wrap } };
    } else if (scatter) {
      scales.x = { title: { display: true, text: o.x_title } };
      scales.y = { title: { display: true, text: o.y_title } };
    } else {
      scales[valueAxis] = { min: o.min, max: o.max, title: { display: !!o.value_title, text: o.value_title } };
      // Every category shows, in the order given (ordered groups stay in their natural order).
      scales[o.horizontal ? "y" : "x"] = {
        ticks: {
          autoSkip: !o.horizontal,
          callback: function (value) { return wrap(this.getLabelForValue(value)); },
        },
      };
    }
    var datasets = spec.datasets.map(function (d, i) {
      var color = COLORS[i % COLORS.length];
      return Object.assign({}, d, {
        // A radar's area is see-through, so its grid and scale stay readable.
        backgroundColor: spec.type === "radar" ? color + "33" : color,
        borderColor: color,
        pointRadius: scatter ? 5 : 4,
        spanGaps: true,
      });
    });
    return {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        locale: locale,
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: o.horizontal ? "y" : "x",
        scales: scales,
        plugins: {
          legend: { display: datasets.length > 1 },
          tooltip: { callbacks: { label: tooltipLabel(o.places || 0) } },
          sikapCrosshair: o.crosshair || {},
        },
      },
      plugins: [errorBars, crosshair],
    };
  }

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var box = canvas.parentElement;
    // The height comes as data, set here: an inline style attribute would break the Content-Security-Policy.
    if (box.dataset.height) box.style.height = box.dataset.height + "px";
    box.hidden = false;
    try {
      charts.push(new window.Chart(canvas, config(JSON.parse(source.textContent))));
    } catch (error) {
      box.hidden = true; // the table stays open: the numbers are never lost to a drawing error
      if (window.console) window.console.error(error);
      return;
    }
    var table = box.parentElement.querySelector("details.chart-table");
    if (table) table.open = false;
  }

  function start() {
    if (typeof window.Chart === "undefined") return; // no Chart.js: the tables say it all
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
