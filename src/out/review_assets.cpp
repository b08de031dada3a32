// The inline style sheet and scripts of the review pages. Fonts are the system's own (CJK faces
// Debian, Windows and macOS ship): nothing is downloaded. States and severities differ in shape and
// words as well as colour; the colours keep a contrast of at least 4.5:1 for text.
#include "src/out/review_html.hpp"

namespace xxgk::review {

std::string_view page_style() {
  return R"CSS(
:root{--fg:#1a1a1a;--muted:#555;--line:#8a8a8a;--bg:#fff;--err:#a50e0e;--err-bg:#fde8e8;--warn:#7a4a00;
--warn-bg:#fff3d6;--sel:#1747a6;--hl:#fff0a8}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--bg);font:15px/1.5 system-ui,"Noto Sans CJK SC","Source Han Sans SC",
"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px;z-index:9}
header{padding:12px 20px;border-bottom:1px solid var(--line)}
h1{font-size:1.4em;margin:.3em 0}h2{font-size:1.15em;margin:.8em 0 .4em}h3{font-size:1.05em;margin:1em 0 .4em}
a{color:var(--sel)}
:focus-visible{outline:3px solid var(--sel);outline-offset:1px}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}
.meta dt{color:var(--muted)}.meta dd{margin:0}
main{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:0 20px;padding:0 20px}
main .side{grid-column:2;grid-row:1;position:sticky;top:0;max-height:100vh;overflow:auto;padding-bottom:20px}
main .doc{grid-column:1;grid-row:1;min-width:0}
#detail{border:2px solid var(--sel);border-radius:4px;padding:4px 10px;margin:10px 0;background:#f6f8fd}
#detail h2{margin-top:.2em}
ol.findings{padding-left:0;list-style:none;margin:0}
li.finding{border:1px solid var(--line);border-left-width:6px;border-radius:3px;padding:4px 8px;margin:6px 0;
cursor:pointer}
li.finding.sev-error{border-left-color:var(--err)}li.finding.sev-warning{border-left-color:var(--warn);
border-left-style:double}
li.finding.selected,#detail li.finding{outline:3px solid var(--sel)}
.msg{margin:.2em 0}.facts{display:grid;grid-template-columns:max-content 1fr;gap:0 8px;margin:.2em 0;font-size:.9em}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
.excerpt{font-size:.85em;background:#f3f3f3;padding:4px;white-space:pre-wrap;overflow-wrap:anywhere;margin:.3em 0}
.excerpt .caret{background:var(--err);color:#fff;outline:2px solid var(--err)}
.ln{color:var(--muted)}.nokey{color:var(--muted);font-style:italic}
.badge{display:inline-block;font:bold 11px/1.3 ui-monospace,monospace;padding:0 3px;margin-left:2px;border-radius:2px;
vertical-align:top}
.badge.sev-error{background:var(--err);color:#fff;border:1px solid var(--err)}
.badge.sev-warning{background:#fff;color:var(--warn);border:1px dashed var(--warn)}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85em}
.legend .v{display:inline-block;min-width:3.2em;border:1px solid var(--line);padding:0 3px;text-align:right}
section.table{margin-bottom:18px;overflow-x:auto}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid var(--line);padding:2px 4px}
th{font-weight:normal;background:#f4f4f4;text-align:center}
th.label{text-align:left;min-width:6em}th.group{writing-mode:horizontal-tb;max-width:7em}
th.article{text-align:left;background:#e9e9e9}th.corner{font-size:11px;max-width:12em}
th.subtotal{font-style:italic}
td.v{text-align:right;min-width:3.2em;cursor:pointer;white-space:nowrap}
.v .tag,h3 .tag{display:block;font-size:10px;line-height:1.1;color:var(--muted);text-align:right;font-style:italic}
.st-zero .raw{color:var(--muted)}
.st-blank{background:repeating-linear-gradient(135deg,#fff 0 5px,#ececec 5px 7px)}
.st-dash,.st-slash,.st-none{background:#eef3fb}.st-text{background:#f3eefb}
.st-unresolved{background:#fbe9f7;border-style:dashed}.st-unresolved .tag{color:#7a1f66;font-weight:bold}
.st-resolved{background:#eaf7ee}.st-resolved .tag{color:#1b5e2e;font-weight:bold}
.st-absent{background:#fafafa;color:var(--muted)}
.marked.sev-error{background:var(--err-bg);box-shadow:inset 0 0 0 3px var(--err)}
.marked.sev-warning{background:var(--warn-bg);box-shadow:inset 0 0 0 2px var(--warn)}
.named{outline:2px dotted #666;outline-offset:-3px}
.selected{outline:3px solid var(--sel)!important;outline-offset:-2px}
.involved{outline:3px dashed var(--sel)!important;outline-offset:-3px}
h3.missing{color:var(--muted)}
#prose p{margin:.3em 0;max-width:60em}#prose p.subheading{font-weight:bold}
mark.hl{background:var(--hl);border-bottom:2px solid var(--warn);cursor:pointer;color:inherit}
mark.hl.selected{background:#ffd54a}
.status{font-weight:bold;padding:0 4px;border:1px solid var(--line);border-radius:3px}
.status.st-ok{color:#1b5e2e}.status.st-findings{color:var(--warn)}.status.st-partial,.status.st-unreadable,
.status.st-timeout{color:var(--err)}
table.files td,table.files th{font-size:13px}table.files th button{font:inherit;background:none;border:0;
cursor:pointer;padding:0;color:inherit}table.files td.num{text-align:right}
.filters{display:flex;gap:12px;flex-wrap:wrap;align-items:center;margin:8px 0}
.charts{display:flex;flex-wrap:wrap;gap:20px}.charts figure{margin:0}
.charts text{font:12px system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;fill:#1a1a1a}
.bar{fill:#3b5fa8}.bar.st-ok{fill:#2e7d46}.bar.st-findings{fill:#b07600}.bar.st-partial,.bar.st-unreadable,
.bar.st-timeout{fill:#a50e0e}
@media (max-width:900px){main{display:block}main .side{position:static;max-height:none}}
@media print{
body{font-size:11px}main{display:block;padding:0}main .side{position:static;max-height:none;overflow:visible}
#detail,.skip,nav,.filters{display:none}a{color:inherit;text-decoration:none}
li.finding,section.table,tr{break-inside:avoid}
.st-blank{background:none;border-style:dotted}.marked.sev-error,.marked.sev-warning{box-shadow:none;
border:2px solid #000}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
)CSS";
}

std::string_view page_script() {
  return R"JS(
(function () {
  'use strict';
  var body = document.getElementById('detail-body');
  function byKey(key) { return document.querySelectorAll('[data-key="' + CSS.escape(key) + '"]'); }
  function clear() {
    document.querySelectorAll('.selected,.involved').forEach(function (e) {
      e.classList.remove('selected', 'involved');
    });
  }
  function copyOf(li) {
    var c = li.cloneNode(true);
    c.removeAttribute('id');
    c.removeAttribute('tabindex');
    c.querySelectorAll('[id]').forEach(function (e) { e.removeAttribute('id'); });
    return c;
  }
  function findingsOf(ids) {
    var out = [];
    (ids || '').split(' ').forEach(function (id) {
      var li = id && document.getElementById(id);
      if (li && out.indexOf(li) < 0) out.push(li);
    });
    return out;
  }
  function show(heading, text, lis) {
    body.textContent = '';
    var h = document.createElement('h3');
    h.textContent = heading;
    body.appendChild(h);
    if (text) { var p = document.createElement('p'); p.textContent = text; body.appendChild(p); }
    var ol = document.createElement('ol');
    ol.className = 'findings';
    lis.forEach(function (li) { ol.appendChild(copyOf(li)); });
    if (lis.length) body.appendChild(ol);
  }
  function selectFinding(li) {
    clear();
    li.classList.add('selected');
    (li.dataset.keys || '').split(' ').forEach(function (key, n) {
      if (key) byKey(key).forEach(function (e) { e.classList.add(n === 0 ? 'selected' : 'involved'); });
    });
    document.querySelectorAll('mark.hl').forEach(function (m) {
      if ((' ' + m.dataset.findings + ' ').indexOf(' ' + li.id + ' ') >= 0) m.classList.add('selected');
    });
    show('Finding ' + li.id.slice(1) + ': ' + li.dataset.rule + (li.dataset.key ? ' on ' + li.dataset.key : ''), '',
         [li]);
  }
  function selectElement(el) {
    clear();
    el.classList.add('selected');
    var lis = findingsOf((el.dataset.findings || '') + ' ' + (el.dataset.named || ''));
    var text = el.getAttribute('title') || '';
    show(el.dataset.key || 'Sentence', text, lis);
    if (el.matches('mark.hl') && lis.length) lis.forEach(function (li) { li.classList.add('selected'); });
  }
  function select(el) {
    if (el.matches('li.finding')) selectFinding(el); else selectElement(el);
  }
  function target(node) {
    return node.closest ? node.closest('li.finding,mark.hl,[data-key]') : null;
  }
  document.addEventListener('click', function (e) {
    if (body.contains(e.target) && !e.target.closest('a')) return;
    var link = e.target.closest('a[href^="#"]');
    var el = link ? document.getElementById(link.getAttribute('href').slice(1)) : target(e.target);
    if (el) select(target(el) || el);
  });
  document.addEventListener('keydown', function (e) {
    var el = e.target;
    if (!el.matches || el.matches('a,button,input,select,textarea')) return;
    if (e.key === 'Enter' || e.key === ' ') {
      var t = target(el);
      if (t) { e.preventDefault(); select(t); }
      return;
    }
    if (!el.matches('td.v')) return;
    var row = el.parentElement, next = null;
    var cells = function (tr) { return tr ? Array.prototype.slice.call(tr.querySelectorAll('td.v')) : []; };
    var same = function (tr) {
      return cells(tr).filter(function (td) { return td.dataset.col === el.dataset.col; })[0];
    };
    if (e.key === 'ArrowRight') next = el.nextElementSibling;
    else if (e.key === 'ArrowLeft') next = el.previousElementSibling;
    else if (e.key === 'ArrowDown') { for (var r = row.nextElementSibling; r && !next; r = r.nextElementSibling) next = same(r); }
    else if (e.key === 'ArrowUp') { for (var u = row.previousElementSibling; u && !next; u = u.previousElementSibling) next = same(u); }
    else return;
    if (next && next.matches('td.v')) { e.preventDefault(); next.focus(); select(next); }
  });
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el) select(target(el) || el);
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
)JS";
}

std::string_view index_script() {
  return R"JS(
(function () {
  'use strict';
  var table = document.getElementById('files');
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var filter = document.getElementById('filter'), status = document.getElementById('status-filter');
  var count = document.getElementById('shown');
  function apply() {
    var words = filter.value.trim().toLowerCase(), wanted = status.value, n = 0;
    rows.forEach(function (tr) {
      var show = (!wanted || tr.dataset.status === wanted) &&
                 (!words || tr.textContent.toLowerCase().indexOf(words) >= 0);
      tr.hidden = !show;
      if (show) n++;
    });
    count.textContent = n + ' of ' + rows.length + ' files shown';
  }
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  table.querySelectorAll('th button').forEach(function (button, column) {
    button.addEventListener('click', function () {
      var th = button.parentElement;
      var up = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
      var numeric = th.dataset.type === 'number';
      var value = function (tr) {
        var td = tr.cells[column], v = td.dataset.value !== undefined ? td.dataset.value : td.textContent;
        return numeric ? (v === '' ? -Infinity : Number(v)) : v;
      };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        var c = numeric ? x - y : String(x).localeCompare(String(y), 'zh');
        return up ? c : -c;
      });
      rows.forEach(function (tr) { tbody.appendChild(tr); });
    });
  });
  apply();
})();
)JS";
}

}  // namespace xxgk::review
