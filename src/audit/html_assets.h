// The style sheet and script inlined into every HTML audit report (no network access).
#pragma once

namespace tia::audit_internal {

inline constexpr char kReportCss[] = R"css(
:root { --fg:#1d2330; --muted:#5b6474; --line:#dde1e8; --bg:#f6f7f9; --accent:#2f5fb3; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif;
       color:var(--fg); background:var(--bg); }
header { background:#1d2330; color:#fff; padding:18px 28px; }
header h1 { margin:0 0 4px; font-size:20px; }
header p { margin:0; color:#c3c9d4; }
nav { position:sticky; top:0; z-index:2; background:#fff; border-bottom:1px solid var(--line);
      padding:8px 28px; display:flex; gap:18px; flex-wrap:wrap; }
nav a { color:var(--accent); text-decoration:none; font-weight:600; }
main { padding:18px 28px 40px; max-width:1280px; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px;
          margin:0 0 18px; }
h2 { margin:0 0 8px; font-size:17px; }
.note { color:var(--muted); margin:4px 0 10px; }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(170px,1fr)); gap:12px; }
.card { border:1px solid var(--line); border-radius:8px; padding:10px 14px; background:#fbfcfd; }
.card .v { font-size:24px; font-weight:700; }
.card .k { color:var(--muted); }
.card.bad .v { color:#b3261e; } .card.good .v { color:#1e7b34; }
details { margin:8px 0; } summary { cursor:pointer; font-weight:600; }
.tbar { display:flex; gap:12px; align-items:center; margin:8px 0; }
.filter { padding:5px 8px; border:1px solid var(--line); border-radius:6px; min-width:260px; }
.info { color:var(--muted); }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { text-align:left; padding:4px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#f0f2f5; cursor:pointer; user-select:none; white-space:nowrap; }
th[aria-sort=ascending]::after { content:" ▲"; } th[aria-sort=descending]::after { content:" ▼"; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
td.code, code, pre { font-family:ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size:12.5px; }
td.code { user-select:all; }
pre { background:#f4f5f7; padding:8px 10px; border-radius:6px; overflow-x:auto; margin:6px 0; }
button.more { margin:8px 0; padding:4px 10px; border:1px solid var(--line); border-radius:6px;
              background:#fff; cursor:pointer; }
figure { margin:0; }
.graphs { display:flex; flex-wrap:wrap; gap:16px; align-items:flex-start; }
.graphbox { border:1px solid var(--line); border-radius:6px; padding:6px; background:#fff; max-width:100%; overflow:auto; }
.legend { display:flex; gap:10px; align-items:center; color:var(--muted); font-size:12px; margin:6px 0; }
.swatch { display:inline-block; width:14px; height:10px; border-radius:2px; }
#script-errors:empty { display:none; }
#script-errors { color:#b3261e; white-space:pre-wrap; }
)css";

inline constexpr char kReportJs[] = R"js(
(function () {
  'use strict';
  var errors = document.getElementById('script-errors');
  window.addEventListener('error', function (e) {
    errors.textContent += (e.message || 'error') + '\n';
  });
  var data = JSON.parse(document.getElementById('tia-data').textContent);
  var PAGE = 200;
  function build(el, t) {
    var state = { sort: -1, dir: 1, q: '', limit: PAGE };
    var bar = document.createElement('div');
    bar.className = 'tbar';
    var input = document.createElement('input');
    input.type = 'search';
    input.className = 'filter';
    input.placeholder = 'Filter ' + t.rows.length + ' rows…';
    var info = document.createElement('span');
    info.className = 'info';
    bar.append(input, info);
    var table = document.createElement('table');
    var hr = table.createTHead().insertRow();
    t.columns.forEach(function (c, i) {
      var th = document.createElement('th');
      th.textContent = c[0];
      th.dataset.col = i;
      th.tabIndex = 0;
      if (c[1] === 'num') th.className = 'num';
      var sortBy = function () {
        state.dir = state.sort === i ? -state.dir : (c[1] === 'num' ? -1 : 1);
        state.sort = i;
        render();
      };
      th.addEventListener('click', sortBy);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sortBy(); });
      hr.appendChild(th);
    });
    var tbody = table.createTBody();
    var more = document.createElement('button');
    more.className = 'more';
    more.addEventListener('click', function () { state.limit = Infinity; render(); });
    el.append(bar, table, more);
    input.addEventListener('input', function () {
      state.q = input.value.toLowerCase();
      state.limit = PAGE;
      render();
    });
    function render() {
      var rows = t.rows;
      if (state.q) rows = rows.filter(function (r) {
        return r.some(function (v) { return String(v).toLowerCase().indexOf(state.q) >= 0; });
      });
      if (state.sort >= 0) {
        var i = state.sort, num = t.columns[i][1] === 'num';
        rows = rows.slice().sort(function (a, b) {
          var x = a[i], y = b[i];
          return (num ? x - y : String(x).localeCompare(String(y))) * state.dir;
        });
      }
      var shown = rows.slice(0, state.limit);
      var frag = document.createDocumentFragment();
      shown.forEach(function (r) {
        var tr = document.createElement('tr');
        tr.className = 'row';
        r.forEach(function (v, i) {
          var td = document.createElement('td');
          td.textContent = v;
          var kind = t.columns[i][1];
          if (kind === 'num' || kind === 'code') td.className = kind;
          tr.appendChild(td);
        });
        frag.appendChild(tr);
      });
      tbody.replaceChildren(frag);
      info.textContent = rows.length === t.rows.length ? rows.length + ' rows'
                                                       : rows.length + ' of ' + t.rows.length + ' rows';
      more.hidden = shown.length >= rows.length;
      more.textContent = 'Show all ' + rows.length + ' rows';
      el.dataset.shown = shown.length;
      el.dataset.matching = rows.length;
      Array.prototype.forEach.call(hr.children, function (th) {
        th.setAttribute('aria-sort', +th.dataset.col === state.sort
                                         ? (state.dir > 0 ? 'ascending' : 'descending') : 'none');
      });
    }
    render();
  }
  document.querySelectorAll('[data-table]').forEach(function (el) {
    build(el, data.tables[el.dataset.table]);
  });
  document.body.dataset.ready = '1';
})();
)js";

}  // namespace tia::audit_internal
