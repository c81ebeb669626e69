/* csat analysis report: draws each chart from its option (JSON made by
   the Go renderer) with the embedded Apache ECharts, as SVG, without
   animation. Numbers arrive as JSON numbers written from exact decimals;
   the script only adds the formatters JSON cannot carry. */
(function () {
  'use strict';
  var data = document.getElementById('csat-charts');
  if (!data || typeof echarts === 'undefined') {
    return;
  }
  var specs = JSON.parse(data.textContent);
  var abs = function (v) { return Math.abs(Number(v)) + '%'; };
  var fix = {
    // The diverging bars: dissatisfied shares are drawn left of zero as
    // negative numbers but printed as positive shares.
    likert: function (o) {
      o.xAxis.axisLabel.formatter = abs;
      o.tooltip.valueFormatter = abs;
      o.series.forEach(function (s) {
        s.label.formatter = function (p) {
          var v = Math.abs(Number(p.value));
          return v >= 7 ? v + '%' : '';
        };
      });
    },
    trend: function (o) { o.tooltip.valueFormatter = function (v) { return v + '%'; }; },
    pareto: function (o) {
      o.tooltip.valueFormatter = undefined;
    },
    competitor: function (o) { o.tooltip.valueFormatter = function (v) { return v + '%'; }; },
    groups: function (o) { o.tooltip.valueFormatter = function (v) { return v === '-' ? '—' : v + '%'; }; },
    control: function (o) { o.tooltip.valueFormatter = function (v) { return v + '%'; }; }
  };
  var charts = [];
  specs.forEach(function (s) {
    var node = document.getElementById(s.id);
    if (!node) {
      return;
    }
    if (fix[s.kind]) {
      fix[s.kind](s.option);
    }
    var chart = echarts.init(node, null, { renderer: 'svg' });
    chart.setOption(s.option);
    charts.push(chart);
    node.setAttribute('data-rendered', 'true');
  });
  var resize = function () {
    charts.forEach(function (c) { c.resize(); });
  };
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  if (window.matchMedia) {
    window.matchMedia('print').addEventListener('change', resize);
  }
  document.documentElement.setAttribute('data-charts', String(charts.length));
}());
