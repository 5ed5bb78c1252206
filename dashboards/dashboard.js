/*
 * The victim monitor dashboard: draws the disclosure-controlled monitor tables embedded in this
 * page (#monitor-data, one set of tables per report year) as specified in #monitor-spec
 * (dashboards/charts.json). Cells are kept as the strings of the CSV export: a suppressed cell
 * ("<10", "x") stays a label in the data tables and is never drawn as a number.
 */
(function () {
  'use strict';

  var spec = JSON.parse(document.getElementById('monitor-spec').textContent);
  var data = JSON.parse(document.getElementById('monitor-data').textContent);
  var NUMBER = /^-?\d+(\.\d+)?$/;
  var SUPPRESSED = /^(<\d+|x)$/;
  // Okabe–Ito (without its pale yellow), then two more; black is kept for the 'all' curves.
  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7F7F7F', '#8C564B'];
  var TOTAL = '#000000';
  var LIST_SEPARATOR = ' + ';
  var FONTS = window.getComputedStyle(document.body).fontFamily;
  var numberFormat = new Intl.NumberFormat('en-GB');
  var regionNames = typeof Intl.DisplayNames === 'function'
    ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;
  var charts = [];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') {
        node.textContent = attrs[k];
      } else if (k === 'className') {
        node.className = attrs[k];
      } else {
        node.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }

  function label(code, column) {
    var specific = column + '.' + code;
    if (Object.prototype.hasOwnProperty.call(spec.labels, specific)) { return spec.labels[specific]; }
    if (column === 'nationality' && /^[A-Z]{2}$/.test(code) && regionNames) {
      var name = regionNames.of(code);
      return name && name !== code ? name + ' (' + code + ')' : code;
    }
    return Object.prototype.hasOwnProperty.call(spec.labels, code) ? spec.labels[code] : code;
  }

  function isSuppressed(v) { return SUPPRESSED.test(v); }
  function toNumber(v) { return NUMBER.test(v) ? parseFloat(v) : null; }

  /** The rows of one table of one report year as {index, cells}, or null when the table is absent. */
  function table(year, id) {
    var t = (data.tables[String(year)] || {})[id];
    if (!t) { return null; }
    return {
      file: t.file,
      columns: t.columns,
      rows: t.rows.map(function (r, i) {
        var cells = {};
        t.columns.forEach(function (c, j) { cells[c] = r[j]; });
        return { index: i, cells: cells };
      })
    };
  }

  function src(year, id, row, column) { return year + '|' + id + '|' + row.index + '|' + column; }

  /** A chart's filter for a report year: "{year}" and "{year-N}" stand for that year and earlier ones. */
  function forYear(where, year) {
    var out = {};
    Object.keys(where || {}).forEach(function (c) {
      out[c] = where[c].map(function (v) {
        var m = /^\{year(?:-(\d+))?\}$/.exec(v);
        return m ? String(year - (m[1] ? +m[1] : 0)) : v;
      });
    });
    return out;
  }

  function matches(row, where) {
    return Object.keys(where || {}).every(function (c) {
      return where[c].indexOf(row.cells[c]) >= 0;
    });
  }
  function excluded(row, exclude) {
    return Object.keys(exclude || {}).some(function (c) {
      return exclude[c].indexOf(row.cells[c]) >= 0;
    });
  }
  function unique(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; });
  }

  // ---- cells shown in tables and cards -------------------------------------------------------

  function valueCell(year, id, row, column) {
    var v = row.cells[column];
    var attrs = { 'data-src': src(year, id, row, column) };
    if (isSuppressed(v)) {
      attrs.className = 'suppressed';
      var td = el('td', attrs);
      td.appendChild(el('abbr', {
        title: v === 'x' ? 'suppressed so that a small count cannot be worked out'
          : 'suppressed: a count from 1 to ' + (parseInt(v.substring(1), 10) - 1),
        text: v
      }));
      return td;
    }
    if (!NUMBER.test(v)) { attrs.className = 'text'; }
    attrs.text = v;
    return el('td', attrs);
  }

  // ---- data tables ---------------------------------------------------------------------------

  /** The columns that tell the rows apart (at least one, so every row has its header cell). */
  function keyColumns(t, rows, values) {
    var keys = t.columns.filter(function (c) { return values.indexOf(c) < 0; });
    var varying = keys.filter(function (c) {
      return unique(rows.map(function (r) { return r.cells[c]; })).length > 1;
    });
    return varying.length > 0 ? varying : keys.slice(0, 1);
  }

  function longTable(year, id, t, rows, values, caption, keys) {
    keys = keys || keyColumns(t, rows, values);
    var head = el('tr', {}, keys.concat(values).map(function (c) {
      return el('th', { scope: 'col', text: typeof c === 'function' ? c.heading : label(c) });
    }));
    var body = rows.map(function (r) {
      var cells = keys.map(function (c, j) {
        var text = typeof c === 'function' ? c(r) : label(r.cells[c], c);
        return el(j === 0 ? 'th' : 'td', j === 0 ? { scope: 'row', text: text } : { className: 'text', text: text });
      });
      values.forEach(function (c) { cells.push(valueCell(year, id, r, c)); });
      return el('tr', {}, cells);
    });
    return el('table', {}, [el('caption', { text: caption }), el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  function pivotTable(year, id, rows, chart, caption) {
    var xs = unique(rows.map(function (r) { return r.cells[chart.x]; }));
    var series = unique(rows.map(function (r) { return r.cells[chart.series]; }));
    var corner = el('th', { scope: 'col', text: label(chart.x) + ' \u2193 / ' + label(chart.series) + ' \u2192' });
    var head = el('tr', {}, [corner].concat(series.map(function (s) {
      return el('th', { scope: 'col', text: label(s, chart.series) });
    })));
    var body = xs.map(function (x) {
      var cells = [el('th', { scope: 'row', text: label(x, chart.x) })];
      series.forEach(function (s) {
        var row = rows.filter(function (r) { return r.cells[chart.x] === x && r.cells[chart.series] === s; })[0];
        cells.push(row ? valueCell(year, id, row, chart.value) : el('td', { text: '' }));
      });
      return el('tr', {}, cells);
    });
    return el('table', {}, [el('caption', { text: caption }), el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  // ---- chart options -------------------------------------------------------------------------

  function item(year, id, row, column) {
    if (!row) { return { value: null }; }
    var v = row.cells[column];
    return { value: toNumber(v), src: src(year, id, row, column), shown: v };
  }

  function base(chart, legend) {
    return {
      animation: false,
      color: PALETTE,
      aria: { enabled: true, label: { description: chart.title + '. The data table below the chart gives every value.' } },
      // The page's own fonts, named: ECharts measures text with them to lay out legends and axes.
      textStyle: { fontFamily: FONTS, fontSize: 13 },
      legend: legend ? { top: 0, type: 'scroll' } : { show: false },
      grid: { left: 8, right: 24, top: legend ? 40 : 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        valueFormatter: function (v) {
          return v === null || v === undefined || v === '-' ? 'suppressed' : numberFormat.format(v);
        }
      }
    };
  }

  /** A vertical value axis with its units above it, where they need no room beside the labels. */
  function unitsAxis(chart) {
    return { type: 'value', min: 0, name: chart.units, nameLocation: 'end', nameGap: 12,
      nameTextStyle: { align: 'left', color: '#4a4a4a' } };
  }

  function categorical(year, id, chart, rows) {
    var plotted = rows.filter(function (r) { return !excluded(r, chart.plotExclude); });
    var xs = unique(plotted.map(function (r) { return r.cells[chart.x]; }));
    var seriesKeys = chart.series ? unique(plotted.map(function (r) { return r.cells[chart.series]; })) : [null];
    function find(x, s) {
      return plotted.filter(function (r) {
        return r.cells[chart.x] === x && (s === null || r.cells[chart.series] === s);
      })[0];
    }
    if (chart.sort) {
      var total = function (x) {
        return seriesKeys.reduce(function (sum, s) {
          var r = find(x, s);
          return sum + ((r && toNumber(r.cells[chart.value])) || 0);
        }, 0);
      };
      xs.sort(function (a, b) { return total(b) - total(a); });
    }
    var horizontal = chart.type === 'hbar';
    var option = base(chart, chart.series !== undefined);
    var categoryAxis = {
      type: 'category',
      // With one series, a suppressed bar's category names its label: "Limburg (<10)".
      data: xs.map(function (x) {
        var r = seriesKeys.length === 1 ? find(x, seriesKeys[0]) : null;
        var v = r ? r.cells[chart.value] : '';
        return label(x, chart.x) + (isSuppressed(v) ? ' (' + v + ')' : '');
      }),
      name: horizontal ? '' : label(chart.x),
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { interval: 0, hideOverlap: !horizontal }
    };
    var valueAxis = horizontal
      ? { type: 'value', name: chart.units, nameLocation: 'middle', nameGap: 28 }
      : unitsAxis(chart);
    if (horizontal) {
      categoryAxis.inverse = true;
      option.xAxis = valueAxis;
      option.yAxis = categoryAxis;
      option.grid.bottom = 32;
    } else {
      option.xAxis = categoryAxis;
      option.yAxis = valueAxis;
      option.grid.bottom = 28;
    }
    option.series = seriesKeys.map(function (s) {
      return {
        type: chart.type === 'line' ? 'line' : 'bar',
        name: s === null ? label(chart.value) : label(s, chart.series),
        stack: chart.type === 'stacked' || chart.stack ? 'total' : undefined,
        connectNulls: false,
        symbolSize: 7,
        barMaxWidth: 36,
        data: xs.map(function (x) { return item(year, id, find(x, s), chart.value); })
      };
    });
    return option;
  }

  function curve(year, id, chart, rows) {
    var xs = unique(rows.map(function (r) { return r.cells[chart.x]; }))
      .sort(function (a, b) { return toNumber(a) - toNumber(b); });
    var seriesKeys = unique(rows.map(function (r) { return r.cells[chart.series]; }));
    var option = base(chart, true);
    option.xAxis = { type: 'category', data: xs, name: label(chart.x), nameLocation: 'middle', nameGap: 28, boundaryGap: false };
    option.yAxis = unitsAxis(chart);
    option.grid.bottom = 28;
    option.series = [];
    var k = 0;
    seriesKeys.forEach(function (s) {
      var colour = s === 'all' ? TOTAL : PALETTE[k++ % PALETTE.length];
      var name = label(s, chart.series);
      var find = function (x) {
        return rows.filter(function (r) { return r.cells[chart.x] === x && r.cells[chart.series] === s; })[0];
      };
      option.series.push({
        type: 'line', name: name, color: colour, connectNulls: false, symbolSize: 6, z: 3,
        lineStyle: { width: s === 'all' ? 3 : 2 },
        data: xs.map(function (x) { return item(year, id, find(x), chart.value); })
      });
      if (chart.bands === false) { return; }
      // The interval as a band: an invisible lower line with (upper - lower) stacked on it.
      var lower = xs.map(function (x) { return item(year, id, find(x), chart.lower); });
      var width = xs.map(function (x, i) {
        var r = find(x);
        var up = r ? toNumber(r.cells[chart.upper]) : null;
        return { value: up === null || lower[i].value === null ? null : +(up - lower[i].value).toFixed(3) };
      });
      var band = { type: 'line', name: name, stack: 'band-' + s, symbol: 'none', silent: true, z: 1,
        lineStyle: { opacity: 0 }, tooltip: { show: false }, connectNulls: false };
      option.series.push(Object.assign({}, band, { data: lower }));
      option.series.push(Object.assign({}, band, { data: width, areaStyle: { color: colour, opacity: 0.15 } }));
    });
    option.legend.data = seriesKeys.map(function (s) { return label(s, chart.series); });
    option.tooltip.formatter = function (params) {
      var lines = params.filter(function (p) { return p.data && p.data.src && /cumulative_pct$|estimate$/.test(p.data.src); });
      return [params[0].axisValueLabel].concat(lines.map(function (p) {
        return p.marker + p.seriesName + ': ' + (p.data.value === null ? p.data.shown + ' (suppressed)' : p.data.value + '%');
      })).join('<br>');
    };
    return option;
  }

  function estimate(year, id, chart, rows) {
    var option = base(chart, true);
    var xs = rows.map(function (r) { return r.cells[chart.x]; });
    option.xAxis = { type: 'category', data: xs, name: label(chart.x), nameLocation: 'middle', nameGap: 28 };
    option.yAxis = unitsAxis(chart);
    option.grid.bottom = 28;
    var lower = rows.map(function (r) { return item(year, id, r, chart.lower); });
    var width = rows.map(function (r, i) {
      var up = toNumber(r.cells[chart.upper]);
      return { value: up === null || lower[i].value === null ? null : up - lower[i].value };
    });
    var bandName = '95% interval';
    option.series = [
      { type: 'bar', name: label(chart.observed), barMaxWidth: 36, color: PALETTE[4],
        data: rows.map(function (r) { return item(year, id, r, chart.observed); }) },
      { type: 'line', name: bandName, stack: 'interval', symbol: 'none', lineStyle: { opacity: 0 }, color: PALETTE[0],
        tooltip: { show: false }, data: lower },
      { type: 'line', name: bandName, stack: 'interval', symbol: 'none', lineStyle: { opacity: 0 }, color: PALETTE[0],
        tooltip: { show: false }, areaStyle: { opacity: 0.18 }, data: width },
      { type: 'line', name: label(chart.value), color: PALETTE[0], symbolSize: 8,
        data: rows.map(function (r) { return item(year, id, r, chart.value); }) }
    ];
    option.legend.data = [label(chart.observed), label(chart.value), bandName];
    return option;
  }

  function combination(row, lists) {
    var on = lists.filter(function (l) { return row.cells[l] === '1'; });
    return on.map(function (l) { return label(l); }).join(LIST_SEPARATOR);
  }
  function isCombinationRow(row, lists) { return lists.every(function (l) { return row.cells[l] !== ''; }); }

  function overlap(year, id, chart, rows) {
    var combos = rows.filter(function (r) { return isCombinationRow(r, chart.lists); });
    var option = base(chart, false);
    option.xAxis = { type: 'value', name: chart.units, nameLocation: 'middle', nameGap: 28 };
    option.yAxis = { type: 'category', inverse: true, data: combos.map(function (r) {
        var v = r.cells[chart.value];
        return combination(r, chart.lists) + (isSuppressed(v) ? ' (' + v + ')' : '');
      }),
      axisLabel: { interval: 0 } };
    option.grid.bottom = 32;
    option.series = [{ type: 'bar', name: label(chart.value), barMaxWidth: 24,
      data: combos.map(function (r) { return item(year, id, r, chart.value); }) }];
    return option;
  }

  // ---- sections ------------------------------------------------------------------------------

  function unavailable(text) { return el('p', { className: 'unavailable', text: text }); }

  function renderChart(year, section, chart, t, figure) {
    var where = forYear(chart.where, year);
    var rows = t.rows.filter(function (r) { return matches(r, where); });
    var values = chart.tableValues || [chart.value];
    var caption = chart.title + ', ' + year + ' (' + chart.units + ')';
    var tableNode;
    if (chart.type === 'overlap') {
      var nameOf = function (r) {
        if (isCombinationRow(r, chart.lists)) { return combination(r, chart.lists); }
        var n = r.cells.lists;
        return n === 'all' ? 'All persons' : 'On ' + label(n).toLowerCase() + (n === '1' ? ' list' : ' lists');
      };
      nameOf.heading = 'Registering lists';
      tableNode = longTable(year, section.table, t, rows, values, caption, [nameOf, 'lists']);
    } else if (chart.series && !chart.tableValues) {
      tableNode = pivotTable(year, section.table, rows, chart, caption);
    } else {
      tableNode = longTable(year, section.table, t, rows, values, caption);
    }
    var suppressed = tableNode.querySelectorAll('td.suppressed').length;
    var chartId = 'chart-' + chart.id;
    // role=img: screen readers read the chart's description (ECharts' aria-label), then the table.
    var box = el('div', { className: 'chart' + (chart.type === 'hbar' || chart.type === 'overlap' ? ' tall' : ''),
      id: chartId, role: 'img' });
    figure.appendChild(el('h3', { id: 'title-' + chart.id, text: chart.title }));
    figure.appendChild(el('p', { className: 'units', text: 'Units: ' + chart.units + '. Report year ' + year + '.' }));
    figure.appendChild(box);
    if (suppressed > 0) {
      figure.appendChild(el('p', { className: 'note', text: suppressed + (suppressed === 1 ? ' cell is' : ' cells are')
        + ' suppressed for disclosure control (shown as <10 or x in the data table) and not drawn in the chart.' }));
    }
    var details = el('details', { className: 'data' }, [
      el('summary', { text: 'Data table: ' + chart.title }),
      el('div', { className: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Data table: ' + chart.title }, [tableNode])
    ]);
    figure.appendChild(details);
    var option = chart.type === 'curve' ? curve(year, section.table, chart, rows)
      : chart.type === 'estimate' ? estimate(year, section.table, chart, rows)
        : chart.type === 'overlap' ? overlap(year, section.table, chart, rows)
          : categorical(year, section.table, chart, rows);
    return { box: box, option: option };
  }

  function renderSection(year, section, container) {
    var node = el('section', { id: section.id, 'aria-labelledby': 'h-' + section.id, 'data-table': section.table });
    node.appendChild(el('h2', { id: 'h-' + section.id, text: section.heading }));
    node.appendChild(el('p', { className: 'section-intro', text: section.intro }));
    container.appendChild(node);
    var t = table(year, section.table);
    var contract = spec.tables[section.table];
    if (!t) {
      node.appendChild(unavailable('Not available for ' + year + ': the monitor table '
        + contract.file + '.csv was not exported for this year.'));
      return [];
    }
    return section.charts.map(function (chart) {
      var figure = el('figure', { className: 'chart-figure', 'aria-labelledby': 'title-' + chart.id, 'data-chart': chart.id });
      node.appendChild(figure);
      return renderChart(year, section, chart, t, figure);
    });
  }

  // ---- headline figures ----------------------------------------------------------------------

  function findRow(year, id, where) {
    var t = table(year, id);
    if (!t) { return null; }
    return t.rows.filter(function (r) { return matches(r, where); })[0] || null;
  }

  function formatValue(v, pct) {
    if (v === null) { return null; }
    return pct ? v.toFixed(1) + '%' : numberFormat.format(v);
  }

  function change(cur, prev, prevYear, pct) {
    if (!prev) { return 'No figure for ' + prevYear + '.'; }
    var a = toNumber(cur.value);
    var b = toNumber(prev.value);
    if (a === null || b === null) { return 'Change from ' + prevYear + ' not available (suppressed).'; }
    var d = a - b;
    var sign = d > 0 ? '+' : d < 0 ? '\u2212' : '\u00b1';
    if (pct) { return sign + Math.abs(d).toFixed(1) + ' percentage points from ' + prevYear + ' (' + b.toFixed(1) + '%).'; }
    var rel = b === 0 ? '' : ' (' + sign + Math.abs(100 * d / b).toFixed(1) + '%)';
    return sign + numberFormat.format(Math.abs(d)) + rel + ' from ' + prevYear + ' (' + numberFormat.format(b) + ').';
  }

  function card(year, what, ref, prev, pct, extra) {
    var node = el('div', { className: 'card' });
    node.appendChild(el('span', { className: 'what', text: what }));
    if (!ref || ref.row.cells[ref.column] === '') {
      // No table, or a table without this figure (an estimate the data could not support).
      node.appendChild(el('span', { className: 'figure', text: '\u2013' }));
      node.appendChild(el('span', { className: 'change', text: 'Not available for ' + year + '.' }));
      return node;
    }
    var v = ref.row.cells[ref.column];
    var shown = isSuppressed(v) ? v : formatValue(toNumber(v), pct) || v;
    node.appendChild(el('span', { className: 'figure', 'data-src': src(ref.year, ref.id, ref.row, ref.column), text: shown }));
    if (extra) { node.appendChild(el('span', { className: 'interval', text: extra })); }
    node.appendChild(el('span', { className: 'change', text: change({ value: v }, prev ? { value: prev.row.cells[prev.column] } : null, year - 1, pct) }));
    return node;
  }

  function ref(year, id, where, column) {
    var row = findRow(year, id, where);
    return row ? { year: year, id: id, row: row, column: column } : null;
  }

  function renderHeadline(year, container) {
    var y = String(year);
    var p = String(year - 1);
    var cards = [];
    // Registrations: last year's figure from this year's m01, which holds every loaded year.
    cards.push(card(year, 'Presumed victims registered in ' + y,
      ref(year, 'm01', { year: [y], source: ['all'] }, 'persons'),
      ref(year, 'm01', { year: [p], source: ['all'] }, 'persons'), false));
    cards.push(card(year, 'Reports of presumed victims in ' + y,
      ref(year, 'm01', { year: [y], source: ['all'] }, 'reports'),
      ref(year, 'm01', { year: [p], source: ['all'] }, 'reports'), false));
    var repeat = { cohort: ['all'], years: ['5'], crime_type: ['any'] };
    var r5 = ref(year, 'm06', repeat, 'cumulative_pct');
    cards.push(card(year, 'Victim of a crime again within 5 years', r5, ref(year - 1, 'm06', repeat, 'cumulative_pct'), true,
      r5 && NUMBER.test(r5.row.cells.lower_pct) && NUMBER.test(r5.row.cells.upper_pct)
        ? '95% interval ' + r5.row.cells.lower_pct + '\u2013' + r5.row.cells.upper_pct + '%' : null));
    var suspect = { cohort: ['all'], period: ['after'] };
    cards.push(card(year, 'Registered as suspect after registration', ref(year, 'm07', suspect, 'pct'),
      ref(year - 1, 'm07', suspect, 'pct'), true));
    // m08 pools no cohorts: the report year's figure is its newest cohort's (a year of follow-up)
    var support = { support_type: ['any'], age_group: ['all'] };
    cards.push(card(year, 'Municipal support within 12 months, cohort ' + p,
      ref(year, 'm08', Object.assign({ cohort: [p] }, support), 'pct'),
      ref(year, 'm08', Object.assign({ cohort: [String(year - 2)] }, support), 'pct'), true));
    var est = ref(year, 'm10', { year: [y] }, 'estimate');
    if (est) {
      cards.push(card(year, 'Estimated victims, registered or not', est, ref(year, 'm10', { year: [p] }, 'estimate'), false,
        NUMBER.test(est.row.cells.lower) && NUMBER.test(est.row.cells.upper)
          ? '95% interval ' + numberFormat.format(+est.row.cells.lower) + '\u2013' + numberFormat.format(+est.row.cells.upper) : null));
    }
    cards.forEach(function (c) { container.appendChild(c); });
  }

  // ---- page ----------------------------------------------------------------------------------

  function render(year) {
    charts.forEach(function (c) { c.dispose(); });
    charts = [];
    var cards = document.getElementById('headline-cards');
    var sections = document.getElementById('sections');
    cards.textContent = '';
    sections.textContent = '';
    Array.prototype.forEach.call(document.querySelectorAll('.year-label'), function (n) { n.textContent = String(year); });
    renderHeadline(year, cards);
    var drawn = [];
    spec.sections.forEach(function (section) {
      drawn = drawn.concat(renderSection(year, section, sections));
    });
    // Draw after layout, so every chart knows its width.
    drawn.forEach(function (d) {
      var chart = echarts.init(d.box, null, { renderer: 'svg' });
      chart.setOption(d.option);
      charts.push(chart);
    });
    document.getElementById('year-status').textContent = 'Showing report year ' + year + '.';
    document.title = 'Victim monitor ' + year + ': presumed victims of human trafficking';
    document.body.setAttribute('data-year', String(year));
    window.monitorDashboard = { ready: true, year: year, charts: charts.length };
  }

  function setup() {
    var select = document.getElementById('year-select');
    var years = data.years.slice().sort(function (a, b) { return b - a; });
    years.forEach(function (y) { select.appendChild(el('option', { value: String(y), text: String(y) })); });
    var toc = document.getElementById('toc');
    spec.sections.forEach(function (s) {
      toc.appendChild(el('li', {}, [el('a', { href: '#' + s.id, text: s.heading })]));
    });
    var fromHash = /year=(\d{4})/.exec(window.location.hash);
    var year = fromHash && years.indexOf(+fromHash[1]) >= 0 ? +fromHash[1] : data.defaultYear;
    select.value = String(year);
    select.addEventListener('change', function () { render(+select.value); });
    window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
    // Printing: every data table open, and every chart scaled to the paper's width through a
    // viewBox (drawn once for the screen, the SVG then scales with the print style).
    var opened = [];
    window.addEventListener('beforeprint', function () {
      opened = Array.prototype.filter.call(document.querySelectorAll('details.data'), function (d) { return !d.open; });
      opened.forEach(function (d) { d.open = true; });
      Array.prototype.forEach.call(document.querySelectorAll('.chart svg'), function (svg) {
        svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
      });
    });
    window.addEventListener('afterprint', function () {
      opened.forEach(function (d) { d.open = false; });
      Array.prototype.forEach.call(document.querySelectorAll('.chart svg'), function (svg) {
        svg.removeAttribute('viewBox');
      });
    });
    render(year);
  }

  setup();
})();
