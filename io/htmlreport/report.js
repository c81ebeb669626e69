/* csat analysis report: draws each chart from its option (JSON made by
   the Go renderer) with the embedded Apache ECharts, as SVG, without
   animation. Numbers arrive as JSON numbers written from exact decimals;
   the script only adds what JSON cannot carry (formatters) and the
   conventions every chart keeps:
   - a Pareto chart (排列图, the dissatisfied answers and the ABC classes)
     has its left axis from 0 to the total of its bars and its right axis
     from 0 to 100 %, with ticks at the same heights, so that the bars and
     the cumulative line share one scale;
   - a label inside a bar takes white or ink, whichever reads at 4.5:1 or
     more on the bar (WCAG AA), and a cumulative label does not sit on a
     reference line;
   - a tooltip prints its figures with their unit, the levels of a scale
     in the scale's order;
   - a horizontal bar chart lists its first item at the top;
   - on a narrow screen the axis labels do not run together;
   - the chart's box keeps the name the page gives it for screen readers
     (role="img", aria-label); the drawing inside is hidden from them. */
(function () {
  'use strict';
  var data = document.getElementById('csat-charts');
  if (!data || typeof echarts === 'undefined') {
    return;
  }
  var specs = JSON.parse(data.textContent);
  var WHITE = '#ffffff';
  var INK = '#1d2433';
  var NARROW = 520; // CSS px: a chart narrower than this is on a phone

  var isNum = function (v) { return v !== null && v !== undefined && v !== '-' && v !== '' && !isNaN(Number(v)); };
  var plain = function (v) { return isNum(v) ? String(v) : '—'; };
  var pct = function (v) { return isNum(v) ? v + '%' : '—'; };
  var absPct = function (v) { return isNum(v) ? Math.abs(Number(v)) + '%' : '—'; };
  var list = function (x) { return x === undefined || x === null ? [] : (Array.isArray(x) ? x : [x]); };
  var esc = function (s) { return echarts.format.encodeHTML(String(s)); };
  var valueOf = function (d) { return d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d; };

  // WCAG relative luminance and contrast of two #rrggbb colours.
  var luminance = function (hex) {
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!m) {
      return null;
    }
    var c = [m[1], m[2], m[3]].map(function (h) {
      var v = parseInt(h, 16) / 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  var contrast = function (a, b) {
    var la = luminance(a), lb = luminance(b);
    if (la === null || lb === null) {
      return 0;
    }
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  };
  // textOn returns the text colour for a label drawn on fill.
  var textOn = function (fill) {
    return contrast(WHITE, fill) >= contrast(INK, fill) ? WHITE : INK;
  };

  // The axis a series' values are read on, and the one of its categories.
  var axisOf = function (o, s, dim) {
    var axes = list(o[dim + 'Axis']);
    return axes[s[dim + 'AxisIndex'] || 0] || {};
  };
  var valueAxisOf = function (o, s) {
    var x = axisOf(o, s, 'x');
    return x.type === 'category' ? axisOf(o, s, 'y') : x;
  };
  var percentAxis = function (a) {
    var f = a.axisLabel && a.axisLabel.formatter;
    return typeof f === 'string' ? f.indexOf('%') >= 0 : typeof f === 'function' && f(50).indexOf('%') >= 0;
  };

  // units gives each series' tooltip the unit of its value axis.
  var units = function (o) {
    list(o.series).forEach(function (s) {
      if (s.type !== 'bar' && s.type !== 'line' && s.type !== 'scatter') {
        return;
      }
      s.tooltip = s.tooltip || {};
      if (!s.tooltip.valueFormatter) {
        s.tooltip.valueFormatter = percentAxis(valueAxisOf(o, s)) ? pct : plain;
      }
    });
    if (o.tooltip) {
      o.tooltip.valueFormatter = undefined;
    }
  };

  // inkLabels colours each label drawn inside a bar to read on the bar;
  // a label beside a faded bar (too few answers) is drawn in full, not
  // faded with it.
  var inkLabels = function (o) {
    list(o.series).forEach(function (s) {
      if (s.type !== 'bar' || !s.label || !s.label.show) {
        return;
      }
      list(s.data).forEach(function (d) {
        if (d !== null && typeof d === 'object' && !Array.isArray(d) && d.itemStyle && isNum(d.itemStyle.opacity)) {
          d.label = d.label || {};
          d.label.opacity = 1;
        }
      });
      var pos = s.label.position || (s.stack ? 'inside' : 'outside');
      if (String(pos).indexOf('inside') !== 0) {
        return;
      }
      var base = (s.itemStyle && s.itemStyle.color) || INK;
      s.label.color = textOn(base);
      s.data = list(s.data).map(function (d) {
        if (d === null || typeof d !== 'object' || Array.isArray(d) || !d.itemStyle || !d.itemStyle.color) {
          return d;
        }
        d.label = d.label || {};
        d.label.color = textOn(d.itemStyle.color);
        return d;
      });
    });
  };

  // firstAtTop lists a horizontal bar chart's first item at the top.
  var firstAtTop = function (o) {
    list(o.yAxis).forEach(function (a) {
      if (a.type === 'category') {
        a.inverse = true;
      }
    });
  };

  // ticks returns how many equal steps divide total into round numbers.
  var steps = function (total) {
    var k = [5, 4, 10, 8, 2].filter(function (n) {
      var step = total / n;
      return Math.abs(step - Math.round(step)) < 1e-9;
    });
    return k.length ? k[0] : 5;
  };

  // paretoAxes draws a Pareto chart by its convention: the bars' axis
  // from 0 to their total, the cumulative axis from 0 to 100 %, ticks at
  // the same heights. Bars below zero (a negative customer value) extend
  // both axes down by the same steps.
  var paretoAxes = function (o) {
    var ys = list(o.yAxis);
    var bars = list(o.series).filter(function (s) { return s.type === 'bar' && !s.yAxisIndex; })[0];
    if (ys.length < 2 || !bars) {
      return;
    }
    var total = 0, least = 0;
    list(bars.data).forEach(function (d) {
      var v = Number(valueOf(d));
      if (v > 0) {
        total += v;
      }
      least = Math.min(least, v);
    });
    if (!(total > 0)) {
      return;
    }
    total = Number(total.toPrecision(12));
    var k = steps(total), step = total / k;
    var below = least < 0 ? Math.ceil(-least / step - 1e-9) : 0;
    var digits = Math.abs(step - Math.round(step)) < 1e-9 ? 0 : 2;
    var left = ys[0], right = ys[1];
    left.min = -below * step;
    left.max = total;
    left.interval = step;
    left.minInterval = undefined;
    left.boundaryGap = undefined;
    left.axisLabel = left.axisLabel || {};
    left.axisLabel.formatter = function (v) { return Number(v.toFixed(digits)).toLocaleString('en-US', {maximumFractionDigits: digits}); };
    right.min = -below * 100 / k;
    right.max = 100;
    right.interval = 100 / k;
    right.axisLabel = right.axisLabel || {};
    right.axisLabel.formatter = function (v) { return v < 0 ? '' : Number(v.toFixed(1)) + '%'; };
    // The reference lines (80 %, 95 %) are named at their left end,
    // where the cumulative line is lowest, clear of its points.
    list(o.series).forEach(function (s) {
      if (s.markLine) {
        s.markLine.label = s.markLine.label || {};
        s.markLine.label.position = 'insideStartTop';
      }
    });
    o.csatTotal = total;
  };

  // likertTooltip lists a diverging chart's levels in the scale's order
  // (the legend's), each share positive.
  var likertTooltip = function (o) {
    var order = (o.legend && o.legend.data) || [];
    o.tooltip.formatter = function (ps) {
      ps = list(ps).slice().sort(function (a, b) { return order.indexOf(a.seriesName) - order.indexOf(b.seriesName); });
      var head = ps.length ? esc(ps[0].axisValueLabel || ps[0].name) : '';
      return head + ps.map(function (p) {
        return '<br>' + p.marker + esc(p.seriesName) + ' <b>' + absPct(valueOf(p.value)) + '</b>';
      }).join('');
    };
  };

  // pointTooltip names a scatter point with both its figures and units.
  var pointTooltip = function (o) {
    var x = list(o.xAxis)[0] || {}, y = list(o.yAxis)[0] || {};
    var fx = percentAxis(x) ? pct : plain, fy = percentAxis(y) ? pct : plain;
    o.tooltip.formatter = function (p) {
      var v = list(p.value);
      if (v.length < 2) {
        return esc(p.name || p.seriesName);
      }
      return esc(p.name || '') + ' (' + esc(p.seriesName) + ')<br>' + esc(x.name || 'x') + ' <b>' + fx(v[0]) + '</b><br>' +
        esc(y.name || 'y') + ' <b>' + fy(v[1]) + '</b>';
    };
  };

  var fix = {
    // The diverging bars: dissatisfied shares are drawn left of zero as
    // negative numbers but printed as positive shares.
    likert: function (o) {
      o.xAxis.axisLabel.formatter = absPct;
      list(o.series).forEach(function (s) {
        s.label.formatter = function (p) {
          var v = Math.abs(Number(p.value));
          return v >= 7 ? v + '%' : '';
        };
      });
      likertTooltip(o);
    },
    pareto: paretoAxes,
    segments: paretoAxes,
    quadrant: pointTooltip
  };

  // clearOfLines moves a line's label from above its point where there
  // it would be struck by a horizontal reference line (the 80 % of a
  // Pareto chart, a target) or would cover another line's point at the
  // same category: below the point if clear there, else beside it. A
  // label stands 5 px from its point and is about 16 px high; a point's
  // symbol is up to 14 px across.
  var clearOfLines = function (chart, o) {
    var moved = false;
    var ser = list(o.series);
    ser.forEach(function (s, si) {
      if (s.type !== 'line' || !s.label || !s.label.show || (s.label.position || 'top') !== 'top') {
        return;
      }
      var axis = s.yAxisIndex || 0;
      var refs = [];
      ser.forEach(function (t) {
        if (t.markLine && (t.yAxisIndex || 0) === axis) {
          list(t.markLine.data).forEach(function (m) {
            if (m && isNum(m.yAxis)) {
              refs.push(chart.convertToPixel({yAxisIndex: axis}, Number(m.yAxis)));
            }
          });
        }
      });
      s.data = list(s.data).map(function (d, i) {
        var v = valueOf(d);
        if (!isNum(v)) {
          return d;
        }
        var y = chart.convertToPixel({seriesIndex: si}, [i, Number(v)])[1];
        // The label's box (top and bottom, in px) at each place.
        var boxes = {top: [y - 5 - 16, y - 5], bottom: [y + 5, y + 5 + 16], right: [y - 8, y + 8], left: [y - 8, y + 8]};
        var clear = function (pos) {
          var box = boxes[pos];
          return !refs.some(function (r) { return r >= box[0] - 2 && r <= box[1] + 2; }) &&
            (pos === 'right' || pos === 'left' || !ser.some(function (t, ti) {
              var p = t.type === 'line' && ti !== si ? valueOf(list(t.data)[i]) : null;
              if (!isNum(p)) {
                return false;
              }
              var py = chart.convertToPixel({seriesIndex: ti}, [i, Number(p)])[1];
              return py >= box[0] - 7 && py <= box[1] + 7;
            }));
        };
        var pos = ['top', 'bottom', 'right', 'left'].filter(clear)[0];
        if (!pos || pos === 'top') {
          return d;
        }
        moved = true;
        var item = d !== null && typeof d === 'object' && !Array.isArray(d) ? d : {value: d};
        item.label = item.label || {};
        item.label.position = pos;
        return item;
      });
    });
    if (moved) {
      chart.setOption({series: o.series});
    }
  };

  // clearOfPoints moves a bar's label from above the bar into it where a
  // line's point sits on the bar's top (the first bar of a Pareto chart,
  // whose cumulative point is its own height), if the bar is tall enough
  // to hold it.
  var clearOfPoints = function (chart, o) {
    var moved = false;
    var lines = [];
    list(o.series).forEach(function (s, si) {
      if (s.type === 'line') {
        lines.push(si);
      }
    });
    list(o.series).forEach(function (s, si) {
      if (s.type !== 'bar' || !s.label || !s.label.show || s.label.position !== 'top' || !lines.length) {
        return;
      }
      var base = (s.itemStyle && s.itemStyle.color) || INK;
      s.data = list(s.data).map(function (d, i) {
        var v = valueOf(d);
        if (!isNum(v) || Number(v) <= 0) {
          return d;
        }
        var top = chart.convertToPixel({seriesIndex: si}, [i, Number(v)])[1];
        var zero = chart.convertToPixel({seriesIndex: si}, [i, 0])[1];
        var hit = lines.some(function (li) {
          var p = valueOf(list(o.series[li].data)[i]);
          if (!isNum(p)) {
            return false;
          }
          var y = chart.convertToPixel({seriesIndex: li}, [i, Number(p)])[1];
          return y >= top - 5 - 16 - 4 && y <= top + 4;
        });
        if (!hit || zero - top < 24) {
          return d;
        }
        moved = true;
        var item = d !== null && typeof d === 'object' && !Array.isArray(d) ? d : {value: d};
        var fill = (item.itemStyle && item.itemStyle.color) || base;
        item.label = item.label || {};
        item.label.position = 'insideTop';
        item.label.color = textOn(fill);
        var text = String(v);
        var width = chart.getWidth() / Math.max(1, list(list(o.xAxis)[0].data).length) * 0.5;
        if (text.length * 6.5 > width) {
          // too wide for the bar: along it, reading upwards
          item.label.rotate = 90;
          item.label.align = 'right';
          item.label.verticalAlign = 'middle';
        }
        return item;
      });
    });
    if (moved) {
      chart.setOption({series: o.series});
    }
  };

  // fitNarrow thins a chart's value axes on a narrow screen (width in
  // CSS px): every other tick of an axis in steps of 25 (or less), and
  // ECharts hides the labels that would still overlap; of two grids side
  // by side (the competitor's degree and rate) the left one drops its
  // last label, which would run into the right one's first.
  var fitNarrow = function (o, width) {
    if (width >= NARROW) {
      return;
    }
    var xs = list(o.xAxis);
    var side = xs.length > 1 && list(o.grid).length > 1;
    xs.forEach(function (a, i) {
      if (a.type === 'value' && isNum(a.interval) && a.interval * 2 <= 50) {
        a.interval *= 2;
      }
      if (side && i < xs.length - 1 && isNum(a.max)) {
        var max = Number(a.max);
        a.axisLabel = a.axisLabel || {};
        var unit = percentAxis(a) ? '%' : '';
        a.axisLabel.formatter = function (v) { return v >= max ? '' : v + unit; };
      }
    });
  };

  // prepare returns a chart's option, from its JSON, as the page draws
  // it at the given width.
  var prepare = function (json, kind, width) {
    var o = JSON.parse(json);
    firstAtTop(o);
    if (fix[kind]) {
      fix[kind](o);
    }
    inkLabels(o);
    if (o.tooltip && o.tooltip.trigger === 'axis' && !o.tooltip.formatter) {
      units(o);
    }
    list(o.xAxis).concat(list(o.yAxis)).forEach(function (a) {
      a.axisLabel = a.axisLabel || {};
      a.axisLabel.hideOverlap = true;
    });
    fitNarrow(o, width);
    o.aria = {enabled: false};
    return o;
  };

  // draw (re)draws a chart at its box's width. The box is the image and
  // keeps the page's name for it (role="img", aria-label); the drawing
  // inside is its picture, hidden from screen readers.
  var draw = function (c) {
    c.chart.resize();
    var o = prepare(c.json, c.kind, c.chart.getWidth());
    c.chart.setOption(o, true);
    clearOfLines(c.chart, o);
    clearOfPoints(c.chart, o);
    c.node.setAttribute('role', 'img');
    if (c.label !== null) {
      c.node.setAttribute('aria-label', c.label);
    }
    Array.prototype.forEach.call(c.node.querySelectorAll('svg'), function (svg) { svg.setAttribute('aria-hidden', 'true'); });
  };

  // A table wider than its box scrolls inside it (narrow screens): it
  // takes the keyboard's focus so that it can be scrolled without a
  // mouse.
  var focusScrolling = function () {
    Array.prototype.forEach.call(document.querySelectorAll('table.data'), function (t) {
      if (t.scrollWidth > t.clientWidth + 1) {
        t.setAttribute('tabindex', '0');
      } else if (t.getAttribute('tabindex') === '0') {
        t.removeAttribute('tabindex');
      }
    });
  };

  var charts = [];
  specs.forEach(function (s) {
    var node = document.getElementById(s.id);
    if (!node) {
      return;
    }
    var c = {node: node, kind: s.kind, json: JSON.stringify(s.option), label: node.getAttribute('aria-label'),
      chart: echarts.init(node, null, {renderer: 'svg'})};
    draw(c);
    charts.push(c);
    node.setAttribute('data-rendered', 'true');
  });
  var width = function () { return charts.map(function (c) { return c.node.clientWidth; }).join(); };
  var drawn = width();
  var resize = function () {
    var now = width();
    charts.forEach(function (c) {
      if (now === drawn) {
        c.chart.resize();
      } else {
        draw(c);
      }
    });
    drawn = now;
    focusScrolling();
  };
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  if (window.matchMedia) {
    window.matchMedia('print').addEventListener('change', resize);
  }
  focusScrolling();
  document.documentElement.setAttribute('data-charts', String(charts.length));
}());
