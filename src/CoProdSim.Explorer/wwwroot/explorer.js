// The explorer page. The simulation runs on the server; this page shows its settings (from the parameter table),
// sends changes, and draws the months the server streams (Server-Sent Events). Everything shown that came from data
// is set as text (textContent), never as HTML. If the server stops, the page keeps its charts and settings.
'use strict';

const ui = {
  meta: null,          // parameter groups, presets, metrics (GET /api/meta)
  id: null,            // session id
  names: [],           // the two settings' names (A, B)
  domains: [], bodies: [],
  values: {},          // every setting's text, by path
  defaults: {},
  compare: false,
  editing: 0,          // which setting's levers the strategy panel edits
  errors: {},          // path -> message, from the last refused settings
  run: null,           // {strategies, metrics, horizon, neighbourhoods, ...} from the last init event
  months: [],          // month events, by month
  changes: [],
  state: { state: 'loading', month: 0, horizon: 0 },
  lastEventId: 0,
  source: null,
  online: false,
  yaml: '',
  view: 'levels',
  pendingPaths: new Set(),
};
window.__explorerErrors = [];
window.addEventListener('error', e => window.__explorerErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', e => window.__explorerErrors.push(String(e.reason)));

const $ = id => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
};

// ---------- talking to the server ----------

async function api(path, body, method) {
  const init = body === undefined ? { method: method || 'GET' } : {
    method: method || 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    setOnline(false);
    throw new Error('offline');
  }
  setOnline(true);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  return { status: response.status, ok: response.ok, json, text };
}

function setOnline(on) {
  ui.online = on;
  $('offline').hidden = on;
  const pill = $('connection');
  pill.classList.toggle('off', !on);
  pill.textContent = on ? 'connected' : 'server not answering';
  updateButtons();
}

async function start() {
  const meta = await api('/api/meta');
  ui.meta = meta.json;
  $('version').textContent = 'CoProdSim ' + ui.meta.version;
  fillMetricPicker();
  // A reload of this tab goes back to its simulation if the server still holds it.
  const saved = sessionStorage.getItem('coprodsim-session');
  if (saved) {
    const r = await api('/api/sessions/' + encodeURIComponent(saved));
    if (r.ok) { adopt(r.json); return; }
  }
  await newSession();
}

async function newSession(settings) {
  const r = await api('/api/sessions', settings || {});
  if (!r.ok) {
    showNotice(r.json && r.json.errors ? r.json.errors.map(e => e.message).join(' ') : 'the server refused to start a simulation', true);
    if (r.json && r.json.errors) showErrors(r.json.errors);
    return false;
  }
  adopt(r.json);
  return true;
}

function adopt(snapshot) {
  ui.id = snapshot.id;
  sessionStorage.setItem('coprodsim-session', ui.id);
  ui.names = snapshot.names;
  ui.domains = snapshot.domains;
  ui.bodies = snapshot.publicBodies;
  ui.values = Object.assign({}, snapshot.settings.values);
  ui.defaults = snapshot.defaults ? Object.assign({}, snapshot.defaults.values) : ui.defaults;
  ui.compare = snapshot.settings.compare;
  ui.yaml = snapshot.yaml;
  ui.errors = {};
  onInit(snapshot.init);
  for (const m of snapshot.months) ui.months[m.month] = m;
  ui.changes = snapshot.changes.slice();
  onState(snapshot.state);
  ui.lastEventId = snapshot.lastEventId;
  renderSettings();
  renderChanges();
  schedule();
  listen();
}

function listen() {
  if (ui.source) ui.source.close();
  const source = new EventSource('/api/sessions/' + encodeURIComponent(ui.id) + '/events?after=' + ui.lastEventId);
  ui.source = source;
  const on = (type, f) => source.addEventListener(type, ev => {
    ui.lastEventId = Number(ev.lastEventId) || ui.lastEventId;
    f(JSON.parse(ev.data));
  });
  on('init', d => { onInit(d); schedule(); });
  on('month', d => { ui.months[d.month] = d; schedule(); });
  on('state', onState);
  on('change', d => { ui.changes.push(d); ui.pendingPaths.clear(); renderChanges(); renderSettings(); schedule(); });
  on('failure', d => showNotice(d.message, true));
  on('closed', d => { source.close(); sessionGone(d.message); });
  source.onopen = () => setOnline(true);
  source.onerror = async () => {
    // The browser retries by itself; find out whether the server is gone or only this simulation.
    let status = 0;
    try { status = (await fetch('/api/sessions/' + encodeURIComponent(ui.id), { method: 'GET' })).status; } catch (e) { status = 0; }
    if (status === 0) { setOnline(false); $('offline-text').textContent = "The explorer's server is not answering (it may have stopped)."; }
    else if (status === 404) { source.close(); sessionGone(); }
  };
}

function sessionGone(why) {
  setOnline(false);
  $('connection').textContent = 'simulation closed';
  $('offline-text').textContent = (why || 'This simulation is no longer on the server (it was freed after a while unused, or the server restarted).') +
    ' Press Reconnect to start again with the settings on this page.';
}

async function reconnect() {
  try {
    const r = await api('/api/sessions/' + encodeURIComponent(ui.id));
    if (r.ok) { adopt(r.json); return; }
    // Gone: start a new simulation with the settings on this page.
    await newSession({ values: ui.values, compare: ui.compare });
  } catch (e) {
    showNotice('Still no answer from the server. Start it again (coprodsim serve) and press Reconnect.', true);
  }
}

let sendTimer = null;
function queueSend() {
  clearTimeout(sendTimer);
  sendTimer = setTimeout(sendSettings, 200);
}

async function sendSettings(extra) {
  clearTimeout(sendTimer);
  const body = Object.assign({ values: ui.values, compare: ui.compare }, extra || {});
  let r;
  try { r = await api('/api/sessions/' + encodeURIComponent(ui.id) + '/settings', body); } catch (e) {
    showNotice('The server is not answering: the change was not applied.', true);
    return;
  }
  if (r.status === 404) { sessionGone(); return; }
  if (!r.ok) { showErrors(r.json ? r.json.errors : [{ path: '', message: r.text }]); return; }
  showErrors([]);
  ui.yaml = r.json.yaml;
  if (r.json.applied === 'levers') {
    showNotice('Lever change noted: it applies from month ' + (r.json.month + 1) + ' and will be marked on the charts.');
  } else if (r.json.applied === 'restarted') {
    ui.pendingPaths.clear();
    showNotice(ui.state.month > 0 ? 'Settings changed: the town was built again and the run starts at month 0. Press Run.' : 'Settings applied. Press Run.');
  }
  renderSettings();
}

function showErrors(errors) {
  ui.errors = {};
  const box = $('errors');
  box.replaceChildren();
  const general = [];
  for (const e of errors) {
    if (e.path && ui.values[e.path] !== undefined) ui.errors[e.path] = (ui.errors[e.path] ? ui.errors[e.path] + ' ' : '') + e.message;
    general.push(e.message);
  }
  box.hidden = errors.length === 0;
  if (errors.length) {
    box.append(el('strong', { text: 'These settings cannot be used (nothing was changed):' }));
    box.append(el('ul', {}, ...general.map(m => el('li', { text: m }))));
  }
  renderSettings();
}

function showNotice(text, bad) {
  const n = $('notice');
  n.textContent = text;
  n.classList.toggle('bad', !!bad);
}

async function control(body) {
  try {
    const r = await api('/api/sessions/' + encodeURIComponent(ui.id) + '/control', body);
    if (r.status === 404) sessionGone();
    else if (!r.ok && r.json) showNotice(r.json.errors.map(e => e.message).join(' '), true);
  } catch (e) { /* the banner says the server is away */ }
}

// ---------- events ----------

function onInit(d) {
  ui.run = d;
  ui.months = [];
  ui.changes = [];
  renderChanges();
  const armSelect = $('town-arm');
  armSelect.replaceChildren(...d.strategies.map((s, i) => el('option', { value: String(i), text: s.name })));
  if (d.strategies.length > 1) armSelect.append(el('option', { value: 'diff', text: d.strategies[1].name + ' \u2212 ' + d.strategies[0].name }));
  $('town-arm-label').hidden = d.strategies.length < 2;
  $('view-switch').hidden = d.strategies.length < 2;
  if (d.strategies.length < 2) ui.view = 'levels';
}

function onState(s) {
  ui.state = s;
  document.body.dataset.state = s.state;
  document.body.dataset.month = String(s.month);
  const names = { ready: 'Ready', running: 'Running', paused: 'Paused', finished: 'Finished' };
  $('month').textContent = 'Month ' + s.month + ' of ' + s.horizon + ' \u00b7 ' + (s.waiting ? 'waiting for a free slot on the server' : names[s.state] || s.state);
  $('connection').classList.toggle('wait', !!s.waiting);
  $('speed').value = String(s.speed);
  if (s.state === 'finished') showNotice('The run has reached month ' + s.horizon + '. Change a setting and press Reset, or export what you found.');
  updateButtons();
}

function updateButtons() {
  const s = ui.state.state, off = !ui.online || !ui.id;
  $('run').disabled = off || s === 'running' || s === 'finished';
  $('pause').disabled = off || s !== 'running';
  $('step').disabled = off || s === 'finished';
  $('reset').disabled = off || s === 'ready';
  $('compare').disabled = off;
  $('defaults').disabled = off;
  $('compare').checked = ui.compare;
}

// ---------- settings panel ----------

function metricOf(name) { return ui.meta.metrics.find(m => m.name === name); }

function paramRow(path, p) {
  const value = ui.values[path] ?? '';
  const error = ui.errors[path];
  const row = el('div', { class: 'param' + (error ? ' invalid' : '') + (ui.pendingPaths.has(path) ? ' pending' : ''), 'data-path': path });
  const id = 'f-' + path.replace(/[^a-zA-Z0-9_-]/g, '-');
  const unit = p.kind === 'choice' ? '' : p.unit;
  row.append(el('label', { class: 'name', for: id, title: 'Allowed: ' + p.allowed + '. Source: ' + p.source + '. Default: ' + p.default + '.' },
    el('span', { text: p.title }), el('span', { class: 'unit', text: unit })));
  const line = el('div', { class: 'row' });
  if (p.kind === 'choice') {
    const select = el('select', { id, onchange: () => setValue(path, select.value) },
      ...p.choices.map(c => el('option', { value: c, text: c })));
    select.value = value;
    line.append(select);
  } else {
    const number = el('input', { id, type: 'text', inputmode: 'decimal', value, 'aria-label': p.title });
    const shown = el('span', { class: 'shown' });
    const slider = el('input', { type: 'range', min: p.slider.min, max: p.slider.max, step: p.slider.step, 'aria-label': p.title + ' slider', tabindex: '-1' });
    const sync = v => {
      const x = Number(v);
      shown.textContent = p.fraction && v !== '' && isFinite(x) ? Math.round(x * 1000) / 10 + '%' : '';
      if (v !== '' && isFinite(x)) slider.value = String(Math.min(Math.max(x, p.slider.min), p.slider.max));
    };
    sync(value);
    slider.addEventListener('input', () => { number.value = tidy(slider.value, p.slider.step); sync(number.value); });
    slider.addEventListener('change', () => setValue(path, number.value));
    number.addEventListener('change', () => { sync(number.value); setValue(path, number.value.trim()); });
    line.append(slider, number, shown);
  }
  row.append(line);
  row.append(el('div', { class: 'desc', text: p.description }));
  if (error) row.append(el('div', { class: 'err', text: error }));
  return row;
}

function tidy(v, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(Number(step) || 1)));
  return String(Number(Number(v).toFixed(decimals)));
}

function setValue(path, text) {
  ui.values[path] = text;
  if (path.startsWith('strategies.') && ui.state.month > 0 && ui.state.month < ui.state.horizon) ui.pendingPaths.add(path);
  queueSend();
}

function renderSettings() {
  if (!ui.meta || !ui.id) return;
  const open = new Set([...document.querySelectorAll('details.group[open]')].map(d => d.dataset.section));
  const first = document.querySelectorAll('details.group').length === 0;
  const focused = document.activeElement && document.activeElement.id;
  const groups = $('groups');
  groups.replaceChildren();
  for (const g of ui.meta.groups) {
    const details = el('details', { class: 'group', 'data-section': g.section });
    if (open.has(g.section) || (first && (g.section === 'strategy' || g.section === 'population'))) details.open = true;
    details.append(el('summary', { text: g.title }));
    details.append(el('p', { class: 'group-note', text: g.note }));
    if (g.section === 'strategy') strategyGroup(details, g);
    else if (g.section === 'domains' || g.section === 'public_bodies') {
      for (const owner of g.section === 'domains' ? ui.domains : ui.bodies) {
        details.append(el('div', { class: 'owner', text: owner.replace(/_/g, ' ') }));
        for (const p of g.parameters) details.append(paramRow(g.section + '.' + owner + '.' + p.name, p));
      }
    } else {
      if (g.section === '') details.append(paramRow('seed', {
        title: 'Seed', unit: '', kind: 'integer', allowed: '0 to 9007199254740991 (whole number)', source: 'scenario choice', default: ui.defaults.seed || '',
        description: 'Which town and which chance events: the same seed and settings give the same numbers, here and in coprodsim run.',
        slider: { min: 0, max: 100, step: 1 }, fraction: false,
      }));
      for (const p of g.parameters) details.append(paramRow(g.section ? g.section + '.' + p.name : p.name, p));
    }
    groups.append(details);
  }
  if (focused && $(focused)) $(focused).focus();
}

function strategyGroup(details, g) {
  const count = ui.compare ? 2 : 1;
  if (count > 1) {
    const tabs = el('div', { class: 'tabs', role: 'tablist' });
    for (let i = 0; i < 2; i++) {
      const look = ui.run && ui.run.strategies[i];
      tabs.append(el('button', {
        type: 'button', class: ui.editing === i ? 'active' : '', role: 'tab', 'aria-selected': ui.editing === i ? 'true' : 'false',
        onclick: () => { ui.editing = i; renderSettings(); },
      }, look ? el('span', { class: 'swatch', style: 'background:' + look.colour }) : null, document.createTextNode('Setting ' + ui.names[i])));
    }
    details.append(tabs);
  } else ui.editing = 0;
  const name = ui.names[ui.editing];
  const prefix = 'strategies.' + name + '.';
  const presetPath = prefix + 'preset';
  const presetSelect = el('select', { id: 'preset', onchange: () => choosePreset(name, presetSelect.value) },
    el('option', { value: '', text: '(none: start from traditional)' }),
    ...Object.keys(ui.meta.presets).map(k => el('option', { value: k, text: k })));
  presetSelect.value = ui.values[presetPath] || '';
  const preset = ui.meta.presets[presetSelect.value];
  const changed = presetChanged(name);
  details.append(el('div', { class: 'param' },
    el('label', { class: 'name', for: 'preset' }, el('span', { text: 'Preset (setting ' + name + ')' }), el('span', { class: 'unit', text: changed ? 'levers changed' : '' })),
    presetSelect,
    el('div', { class: 'desc', text: preset ? preset.description : 'Public provision only, unless you move the levers.' })));
  for (const p of g.parameters) details.append(paramRow(prefix + p.name, p));
}

function choosePreset(name, preset) {
  ui.values['strategies.' + name + '.preset'] = preset;
  const levers = ui.meta.presets[preset || 'traditional'].levers;
  for (const [k, v] of Object.entries(levers)) setValue('strategies.' + name + '.' + k, v);
  renderSettings();
  queueSend();
}

// ---------- drawing ----------

let frame = 0;
function schedule() {
  if (frame) return;
  frame = requestAnimationFrame(() => { frame = 0; draw(); });
}

function scaled(metricName, v) {
  const m = metricOf(metricName);
  return v === null || v === undefined ? null : v * (m ? m.scale : 1);
}

function fmt(metricName, v, signed) {
  if (v === null || v === undefined || !isFinite(v)) return 'NA';
  const m = metricOf(metricName) || { scale: 1, decimals: 2, grouping: false };
  const x = v * m.scale;
  const s = Math.abs(x).toLocaleString('en-GB', { minimumFractionDigits: m.decimals, maximumFractionDigits: m.decimals, useGrouping: m.grouping });
  return (x < 0 ? '\u2212' : signed && x > 0 ? '+' : '') + s;
}

function series(metricName, arm) {
  const i = ui.run.metrics.indexOf(metricName);
  const x = [], y = [];
  for (const m of ui.months) if (m) { x.push(m.month); y.push(scaled(metricName, m.values[arm][i])); }
  return { x, y };
}

function difference(metricName) {
  const a = series(metricName, 0), b = series(metricName, 1);
  return { x: a.x, y: a.y.map((v, k) => v === null || b.y[k] === null ? null : b.y[k] - v) };
}

function changeMarks(metricName) {
  const byMonth = new Map();
  for (const c of ui.changes) {
    const list = byMonth.get(c.month) || [];
    list.push(c.strategy + ': ' + c.lever.replace(/_/g, ' ') + ' ' + c.from + ' \u2192 ' + c.to);
    byMonth.set(c.month, list);
  }
  const shapes = [], annotations = [];
  for (const [month, list] of byMonth) {
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: month, x1: month, y0: 0, y1: 1, line: { color: '#555', width: 1, dash: 'dot' } });
    annotations.push({ xref: 'x', yref: 'paper', x: month, y: 1, yanchor: 'bottom', text: '\u25bc', showarrow: false, font: { size: 11, color: '#333' },
      hovertext: 'From month ' + month + ': ' + list.join('; '), captureevents: true });
  }
  return { shapes, annotations };
}

function chartLayout(metricName, extraTitle) {
  const m = metricOf(metricName);
  const marks = changeMarks(metricName);
  return {
    margin: { l: 52, r: 10, t: 18, b: 34 },
    xaxis: { title: { text: 'month', standoff: 4 }, range: [0, Math.max(1, ui.run.horizon)], zeroline: false },
    yaxis: { title: { text: (extraTitle || '') + (m && m.unit ? m.unit : ''), standoff: 4 }, automargin: true },
    showlegend: false, hovermode: 'x unified', font: { family: 'system-ui, sans-serif', size: 11 },
    shapes: marks.shapes, annotations: marks.annotations, paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: '#fff',
  };
}

const plotConfig = { displayModeBar: false, responsive: true };

function drawChart(div, metricName) {
  const traces = [];
  if (ui.view === 'difference' && ui.run.strategies.length > 1) {
    const d = difference(metricName);
    traces.push({ x: d.x, y: d.y, type: 'scatter', mode: 'lines', name: ui.run.strategies[1].name + ' \u2212 ' + ui.run.strategies[0].name, line: { color: '#333', width: 2.5 } });
    traces.push({ x: [0, ui.run.horizon], y: [0, 0], type: 'scatter', mode: 'lines', hoverinfo: 'skip', line: { color: '#999', width: 1 } });
  } else {
    ui.run.strategies.forEach((s, arm) => {
      const d = series(metricName, arm);
      traces.push({ x: d.x, y: d.y, type: 'scatter', mode: 'lines', name: s.name, line: { color: s.colour, dash: s.dash, width: 2.5 } });
    });
  }
  const layout = chartLayout(metricName, ui.view === 'difference' && ui.run.strategies.length > 1 ? 'B \u2212 A, ' : '');
  Plotly.react(div, traces, layout, plotConfig);
}

function ensureCharts() {
  const box = $('charts');
  if (box.children.length) return;
  for (const name of ui.meta.charts) {
    const m = metricOf(name);
    box.append(el('div', { class: 'chart-card' },
      el('h3', { text: m.title + (m.unit ? ' (' + m.unit + ')' : '') }),
      el('p', { class: 'hint', text: m.oneUnit }),
      el('div', { class: 'chart', id: 'chart-' + name })));
  }
}

function drawLegend() {
  const box = $('legend');
  box.replaceChildren(el('span', { class: 'hint', text: 'Lines: ' }));
  ui.run.strategies.forEach((s, i) => {
    const preset = ui.values['strategies.' + s.name + '.preset'];
    const dash = s.dash === 'solid' ? '\u2014\u2014' : '\u2013 \u2013';
    box.append(el('span', { class: 'key' }, el('span', { class: 'line', style: 'color:' + s.colour, text: dash }),
      document.createTextNode(' setting ' + s.name + (preset ? ' (' + preset + (presetChanged(s.name) ? ', levers changed' : '') + ')' : ''))));
  });
  if (ui.changes.length) box.append(el('span', { class: 'key', text: '\u25bc a lever changed (point at it for what)' }));
}

function presetChanged(name) {
  const preset = ui.meta.presets[ui.values['strategies.' + name + '.preset']];
  const prefix = 'strategies.' + name + '.';
  return !!preset && Object.entries(preset.levers).some(([k, v]) => ui.values[prefix + k] !== v && Number(ui.values[prefix + k]) !== Number(v));
}

function drawMonitors() {
  const box = $('monitors');
  box.replaceChildren();
  const last = ui.months[ui.months.length - 1], first = ui.months[0];
  if (!last || !first) return;
  for (const name of ui.meta.charts) {
    const m = metricOf(name), i = ui.run.metrics.indexOf(name);
    const card = el('div', { class: 'monitor', title: m.meaning, 'data-metric': name });
    card.append(el('div', { class: 't', text: m.title }));
    const a = last.values[0][i];
    card.append(el('div', { class: 'v', text: withUnit(m, fmt(name, a)) }));
    const since = a === null || first.values[0][i] === null ? null : a - first.values[0][i];
    const two = ui.run.strategies.length > 1;
    card.append(el('div', { class: 'd ' + tone(m, since), text: (two ? ui.run.strategies[0].name + ': ' : '') + withUnit(m, fmt(name, since, true), true) + ' since month 0' }));
    if (two) {
      const b = last.values[1][i];
      const diff = a === null || b === null ? null : b - a;
      card.append(el('div', { class: 'd ' + tone(m, diff), text: ui.run.strategies[1].name + ': ' + withUnit(m, fmt(name, b)) + ' (' + withUnit(m, fmt(name, diff, true), true) + ')' }));
    }
    box.append(card);
  }
}

function withUnit(m, text, change) {
  if (text === 'NA') return text;
  // A change in a percentage is in percentage points, not per cent of itself.
  if (m.unit === '%') return text + (change ? ' points' : '%');
  if (m.unit.startsWith('\u00a3')) return text.replace(/^([+\u2212]?)/, '$1\u00a3');
  return text;
}

function tone(m, d) {
  if (d === null || Math.abs(d) < 1e-12 || m.better === 'neither') return '';
  return (d > 0) === (m.better === 'higher') ? 'good' : 'bad';
}

const measures = {
  outcome: { title: 'Outcome (well-being)', unit: '0-100', scale: 1, decimals: 1, colours: 'Viridis' },
  participation: { title: 'Participation', unit: '%', scale: 100, decimals: 1, colours: 'Viridis' },
  trust: { title: 'Trust in public bodies', unit: '0-1', scale: 1, decimals: 3, colours: 'Viridis' },
  burnout: { title: 'Residents burnt out', unit: '%', scale: 100, decimals: 1, colours: 'YlOrRd' },
  deprivation: { title: 'Deprivation rank', unit: '0 least, 1 most', scale: 1, decimals: 2, colours: 'Greys' },
};

function townValue(month, arm, measure, h) {
  if (measure === 'deprivation') return ui.run.neighbourhoods.deprivation[h];
  const v = month.hoods[arm][measure][h];
  return v === null ? null : v * measures[measure].scale;
}

function drawTown() {
  const div = $('town-map');
  const n = ui.run.neighbourhoods.count;
  const latest = ui.months.length - 1;
  const slider = $('town-month');
  const following = Number(slider.value) >= Number(slider.max);
  slider.max = String(latest);
  if (following) slider.value = String(latest);
  const at = Math.min(Number(slider.value), latest);
  $('town-month-text').textContent = at === latest ? 'month ' + at + ' (latest)' : 'month ' + at;
  const month = ui.months[at];
  if (!month) return;
  const measure = $('measure').value;
  const armChoice = ui.run.strategies.length > 1 ? $('town-arm').value : '0';
  const diff = armChoice === 'diff' && measure !== 'deprivation';
  const arm = diff ? 0 : Number(armChoice) || 0;
  const cols = Math.max(1, Math.ceil(Math.sqrt(n * 1.25)));
  const rows = Math.ceil(n / cols);
  const z = [], text = [], hover = [];
  const info = measures[measure];
  let lo = Infinity, hi = -Infinity;
  // One colour scale for every month so far (and both settings), so a colour means the same number throughout.
  for (const m of ui.months) if (m) for (let a = 0; a < ui.run.strategies.length; a++) for (let h = 0; h < n; h++) {
    const v = diff ? null : townValue(m, a, measure, h);
    if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  const pop = ui.run.neighbourhoods.population;
  for (let r = 0; r < rows; r++) {
    z.push([]); text.push([]); hover.push([]);
    for (let c = 0; c < cols; c++) {
      const h = r * cols + c;
      if (h >= n) { z[r].push(null); text[r].push(''); hover[r].push(''); continue; }
      let v = townValue(month, arm, measure, h);
      if (diff) { const b = townValue(month, 1, measure, h); v = v === null || b === null ? null : b - v; }
      z[r].push(v);
      text[r].push(v === null ? 'NA' : (diff && v > 0 ? '+' : '') + v.toFixed(info.decimals));
      const lines = ['Neighbourhood ' + (h + 1) + ' of ' + n + (h === 0 ? ' (least deprived)' : h === n - 1 ? ' (most deprived)' : ''),
        'deprivation rank ' + ui.run.neighbourhoods.deprivation[h].toFixed(2) + ', ' + pop[h] + ' residents'];
      for (let a = 0; a < ui.run.strategies.length; a++) {
        const hv = month.hoods[a];
        lines.push((ui.run.strategies.length > 1 ? ui.run.strategies[a].name + ': ' : '') +
          'outcome ' + num(hv.outcome[h], 1, 1) + ', participation ' + num(hv.participation[h], 100, 1) + '%, trust ' + num(hv.trust[h], 1, 3) + ', burnt out ' + num(hv.burnout[h], 100, 1) + '%');
      }
      hover[r].push(lines.join('<br>'));
    }
  }
  const trace = { type: 'heatmap', z, text, texttemplate: '%{text}', hovertext: hover, hoverinfo: 'text', xgap: 3, ygap: 3,
    colorscale: diff ? 'RdBu' : info.colours, colorbar: { title: { text: (diff ? 'B \u2212 A, ' : '') + info.unit, side: 'right' }, thickness: 12 } };
  if (diff) { trace.zmid = 0; } else if (isFinite(lo)) { trace.zmin = lo; trace.zmax = hi > lo ? hi : lo + 1e-9; }
  Plotly.react(div, [trace], {
    margin: { l: 10, r: 10, t: 10, b: 10 }, xaxis: { visible: false }, yaxis: { visible: false, autorange: 'reversed' },
    font: { family: 'system-ui, sans-serif', size: 12 }, paper_bgcolor: 'rgba(0,0,0,0)',
  }, plotConfig);
}

function num(v, scale, decimals) { return v === null || v === undefined ? 'NA' : (v * scale).toFixed(decimals); }

function fillMetricPicker() {
  const select = $('more-metric');
  select.replaceChildren(...ui.meta.metrics.filter(m => !ui.meta.charts.includes(m.name))
    .map(m => el('option', { value: m.name, text: m.title + (m.unit ? ' (' + m.unit + ')' : '') })));
  select.value = 'need_met';
}

function draw() {
  if (!ui.run || !window.Plotly) return;
  ensureCharts();
  for (const name of ui.meta.charts) drawChart($('chart-' + name), name);
  const more = $('more-metric').value;
  const m = metricOf(more);
  $('more-meaning').textContent = m ? m.oneUnit || m.meaning : '';
  if (ui.run.metrics.includes(more)) drawChart($('chart-more'), more);
  drawLegend();
  drawMonitors();
  drawTown();
  document.body.dataset.drawnMonths = String(ui.months.filter(Boolean).length);
}

function renderChanges() {
  const list = $('change-list');
  list.replaceChildren(...ui.changes.map(c => el('li', { text: 'From month ' + c.month + ', setting ' + c.strategy + ': ' + c.lever.replace(/_/g, ' ') + ' ' + c.from + ' \u2192 ' + c.to })));
  if (!ui.changes.length) list.append(el('li', { class: 'hint', text: 'None yet. Change a strategy lever while the run is going (or paused part-way) to see its effect from the next month.' }));
}

// ---------- export ----------

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function exportYaml() {
  let text = ui.yaml;
  try {
    const r = await api('/api/sessions/' + encodeURIComponent(ui.id) + '/scenario.yaml');
    if (r.ok) text = r.text;
  } catch (e) { /* offline: the last settings the server accepted */ }
  ui.yaml = text;
  download(text, 'explorer.yaml', 'application/yaml');
  showNotice('Exported the settings in force as explorer.yaml: run it with  coprodsim run explorer.yaml  for the same numbers (and replications with confidence bands).');
}

async function exportCsv() {
  let text = null;
  try {
    const r = await api('/api/sessions/' + encodeURIComponent(ui.id) + '/timeseries.csv');
    if (r.ok) text = r.text;
  } catch (e) { text = null; }
  // Offline: the months this page received, in the same columns.
  if (text === null) text = localCsv();
  download(text, 'explorer-timeseries.csv', 'text/csv');
}

function localCsv() {
  const q = s => /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  const lines = [['strategy', 'replication', 'seed', 'tick', ...ui.run.metrics, 'lever_changes'].join(',')];
  ui.run.strategies.forEach((s, arm) => {
    for (const m of ui.months) if (m) {
      const changes = ui.changes.filter(c => c.month === m.month && c.strategy === s.name).map(c => c.lever + ' ' + c.from + ' -> ' + c.to).join('; ');
      lines.push([q(s.name), '0', ui.run.runSeed, m.month, ...m.values[arm].map(v => v === null ? 'NA' : String(v)), q(changes)].join(','));
    }
  });
  return lines.join('\n') + '\n';
}

// ---------- wiring ----------

function wire() {
  $('run').addEventListener('click', () => control({ action: 'run', speed: Number($('speed').value) }));
  $('pause').addEventListener('click', () => control({ action: 'pause' }));
  $('step').addEventListener('click', () => control({ action: 'step' }));
  $('reset').addEventListener('click', () => { ui.pendingPaths.clear(); showNotice(''); control({ action: 'reset' }); });
  $('speed').addEventListener('change', () => control({ speed: Number($('speed').value) }));
  $('compare').addEventListener('change', () => {
    ui.compare = $('compare').checked;
    if (!ui.compare) ui.editing = 0; else ui.editing = 1;
    sendSettings();
  });
  $('defaults').addEventListener('click', () => {
    ui.values = Object.assign({}, ui.defaults);
    ui.pendingPaths.clear();
    sendSettings();
  });
  $('export-yaml').addEventListener('click', exportYaml);
  $('export-csv').addEventListener('click', exportCsv);
  $('reconnect').addEventListener('click', reconnect);
  for (const id of ['measure', 'town-arm']) $(id).addEventListener('change', schedule);
  $('town-month').addEventListener('input', schedule);
  $('more-metric').addEventListener('change', schedule);
  for (const r of document.querySelectorAll('input[name=view]')) r.addEventListener('change', () => { ui.view = r.value; schedule(); });
}

document.addEventListener('DOMContentLoaded', () => {
  wire();
  start().catch(e => {
    if (String(e.message) !== 'offline') { window.__explorerErrors.push(String(e)); console.error(e); }
    showNotice('Cannot reach the explorer\'s server. Start it with  coprodsim serve  and reload this page.', true);
  });
});
