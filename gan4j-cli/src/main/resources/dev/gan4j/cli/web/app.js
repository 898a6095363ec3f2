// gan4j's page: the live dashboard (data polled from the server) and the one-file report (data
// inlined). Charts are drawn by uPlot; this script only arranges the run's data for it.
(function () {
  'use strict';

  const reportNode = document.getElementById('gan4j-report');
  const REPORT = reportNode ? JSON.parse(reportNode.textContent) : null;
  const POLL_MS = 1000;
  const BASE = 8; // step, epoch, loss_d, loss_g, d_real, d_fake, samples_per_s, wall_s
  const COLORS = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f', '#ad1457',
    '#4e342e', '#9e9d24', '#37474f'];

  // Exposed for the browser test and for a curious reader's console.
  const state = { runs: [], selected: [], views: {}, charts: {}, grids: {}, polls: 0 };
  window.gan4j = state;

  const main = document.getElementById('main');
  const status = document.getElementById('status');

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    });
    children.forEach(c => e.append(c));
    return e;
  }

  function section(id, title) {
    let s = document.getElementById(id);
    if (!s) {
      s = el('section', { id: id }, el('h2', { text: title }), el('div', { class: 'body' }));
      main.append(s);
    }
    return s.querySelector('.body');
  }

  function column(view, name) {
    const i = view.columns.indexOf(name);
    return i < 0 ? null : view.rows.map(r => r[i]);
  }

  function imageUrl(run, step) {
    if (REPORT) return REPORT.images[run][step];
    return '/file?run=' + encodeURIComponent(run) + '&sample=step-' + String(step).padStart(8, '0') + '.png';
  }

  // ---- charts ---------------------------------------------------------------------------------

  // The panels the selected runs call for: losses, D outputs, then one per metric value (and per
  // value of the loss's own state), each metric value beside its real-data reference.
  function panels(views) {
    const out = [
      { id: 'loss', title: 'loss', cols: [['loss_d', 'loss_d'], ['loss_g', 'loss_g']] },
      { id: 'dout', title: 'discriminator output', cols: [['d_real', 'D(x)'], ['d_fake', 'D(G(z))']] }
    ];
    const seen = new Set();
    views.forEach(v => v.columns.slice(BASE).forEach(c => {
      if (seen.has(c) || c.endsWith('_std') || c.endsWith('.standard_error')) return; // spreads
      seen.add(c);
      const metric = c.slice(0, c.indexOf('.'));
      const value = c.slice(metric.length + 1);
      out.push({
        id: 'metric-' + c.replace(/[^A-Za-z0-9_-]/g, '_'),
        title: (metric === 'loss' ? 'loss state' : metric) + ': ' + value,
        metric: metric !== 'loss',
        cols: [[c, value]]
      });
    }));
    return out;
  }

  // uPlot's aligned data and series for one panel over several runs.
  function panelData(panel, views) {
    const tables = [];
    const series = [{ label: 'step' }];
    const multi = views.length > 1;
    let color = 0;
    views.forEach(v => {
      const x = column(v, 'step') || [];
      const table = [x];
      panel.cols.forEach(([col, label]) => {
        const y = column(v, col) || x.map(() => null);
        const c = COLORS[color++ % COLORS.length];
        table.push(y);
        series.push({
          label: (multi ? v.name + ': ' : '') + label, stroke: c, width: 1.5,
          spanGaps: !!panel.metric, points: { show: !!panel.metric }
        });
        const ref = v.references ? v.references[col] : undefined;
        if (panel.metric && typeof ref === 'number') {
          table.push(x.map(() => ref));
          series.push({
            label: (multi ? v.name + ': ' : '') + label + ' (real data)', stroke: c, width: 1,
            dash: [6, 4], points: { show: false }
          });
        }
      });
      tables.push(table);
    });
    const data = tables.length === 1 ? tables[0] : uPlot.join(tables);
    return { data: data, series: series };
  }

  // Alarms drawn as dashed vertical lines at their steps, through uPlot's draw hook.
  function alarmLines(views) {
    return {
      hooks: {
        draw: [u => {
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = '#e65100';
          ctx.setLineDash([4, 4]);
          views.forEach(v => v.alarms.forEach(a => {
            const x = u.valToPos(a.step, 'x', true);
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }));
          ctx.restore();
        }]
      }
    };
  }

  function chartWidth(box) {
    return Math.max(300, box.clientWidth || 460);
  }

  function drawCharts(views) {
    const body = section('charts', 'Curves (dashed: each metric\'s real-data reference; orange: collapse alarms)');
    if (!body.classList.contains('charts')) body.classList.add('charts');
    const wanted = panels(views);
    const keep = new Set(wanted.map(p => p.id));
    Object.keys(state.charts).forEach(id => {
      if (!keep.has(id)) {
        state.charts[id].plot.destroy();
        document.getElementById('chart-' + id).remove();
        delete state.charts[id];
      }
    });
    wanted.forEach(p => {
      const { data, series } = panelData(p, views);
      const signature = series.map(s => s.label).join('|') + '|' + views.map(v => v.alarms.length).join(',');
      let chart = state.charts[p.id];
      if (chart && chart.signature === signature) {
        chart.plot.setData(data);
      } else {
        let box = document.getElementById('chart-' + p.id);
        if (chart) chart.plot.destroy();
        if (!box) {
          box = el('div', { id: 'chart-' + p.id, class: 'chart' });
          body.append(box);
        }
        const plot = new uPlot({
          title: p.title, width: chartWidth(box), height: 220, series: series,
          scales: { x: { time: false } }, axes: [{ label: 'step' }, {}],
          plugins: [alarmLines(views)]
        }, data, box);
        chart = { plot: plot, signature: signature };
        state.charts[p.id] = chart;
      }
      chart.points = data[0].length;
      document.getElementById('chart-' + p.id).dataset.points = String(chart.points);
    });
  }

  window.addEventListener('resize', () => Object.keys(state.charts).forEach(id => {
    const box = document.getElementById('chart-' + id);
    state.charts[id].plot.setSize({ width: chartWidth(box), height: 220 });
  }));

  // ---- alarms, grids, tables ------------------------------------------------------------------

  function drawAlarms(views) {
    const body = section('alarms', 'Collapse alarms');
    body.replaceChildren();
    const all = [];
    views.forEach(v => v.alarms.forEach(a => all.push([v, a])));
    if (all.length === 0) {
      body.append(el('p', { class: 'note', text: 'No collapse alarm in run.log.' }));
      return;
    }
    all.forEach(([v, a]) => {
      const banner = el('div', {
        class: 'alarm', 'data-step': a.step,
        text: 'ALARM ' + (views.length > 1 ? v.name + ', ' : '') + 'step ' + a.step + ': ' + a.signal + ': ' + a.message
      });
      banner.title = 'show the sample grid at this step';
      banner.addEventListener('click', () => showGridAt(v.name, a.step));
      body.append(banner);
    });
  }

  function showGridAt(run, step) {
    const g = state.grids[run];
    const steps = state.views[run].samples;
    if (!g || steps.length === 0) return;
    let i = 0;
    steps.forEach((s, k) => { if (s <= step) i = k; });
    g.slider.value = String(i);
    g.follow = i === steps.length - 1;
    updateGrid(run);
  }

  function updateGrid(run) {
    const g = state.grids[run];
    const steps = state.views[run].samples;
    const i = Number(g.slider.value);
    if (steps.length === 0) {
      g.caption.textContent = 'no sample picture yet';
      return;
    }
    const src = imageUrl(run, steps[i]);
    if (g.img.getAttribute('src') !== src) g.img.setAttribute('src', src);
    g.img.dataset.step = String(steps[i]);
    g.caption.textContent = 'step ' + steps[i] + ' (' + (i + 1) + ' of ' + steps.length + ')' +
      (g.follow ? ', following the newest' : '');
  }

  function drawGrids(views) {
    const body = section('grids', 'Fixed-noise samples');
    body.classList.add('grids');
    Object.keys(state.grids).forEach(run => {
      if (!views.some(v => v.name === run)) {
        state.grids[run].card.remove();
        delete state.grids[run];
      }
    });
    views.forEach(v => {
      let g = state.grids[v.name];
      if (!g) {
        const slider = el('input', { type: 'range', min: '0', max: '0', value: '0', step: '1' });
        const img = el('img', { alt: 'samples of ' + v.name });
        const caption = el('div', { class: 'note' });
        const card = el('div', { class: 'grid-card' }, el('strong', { text: v.name }), img, slider, caption);
        card.dataset.run = v.name;
        g = { card: card, slider: slider, img: img, caption: caption, follow: true };
        slider.addEventListener('input', () => {
          g.follow = Number(slider.value) === Number(slider.max);
          updateGrid(v.name);
        });
        state.grids[v.name] = g;
        body.append(card);
      }
      const last = Math.max(0, v.samples.length - 1);
      g.slider.max = String(last);
      if (g.follow) g.slider.value = String(last);
      updateGrid(v.name);
    });
  }

  function fmt(x) {
    if (typeof x !== 'number') return '';
    return Math.abs(x) >= 1000 || Number.isInteger(x) ? String(Math.round(x * 1000) / 1000) : x.toPrecision(4);
  }

  function drawEval(views) {
    const withEval = views.filter(v => v.eval);
    const id = 'eval';
    if (withEval.length === 0) {
      const s = document.getElementById(id);
      if (s) s.remove();
      return;
    }
    const body = section(id, 'Evaluation (eval.json) against real data');
    body.replaceChildren();
    withEval.forEach(v => {
      const e = v.eval;
      body.append(el('p', { class: 'note', text: v.name + ': ' + (e.samples || '?') + ' samples of ' +
        (e.source || '?') + ', made ' + (e.createdAt || '?') }));
      const table = el('table', {}, el('tr', {}, el('th', { text: 'metric' }), el('th', { text: 'value' }),
        el('th', { text: 'generated' }), el('th', { text: 'real data' }), el('th', { class: 'text', text: 'reference set' })));
      (e.metrics || []).forEach(m => Object.entries(m.values || {}).forEach(([k, val], i) => {
        const ref = m.reference ? m.reference[k] : undefined;
        table.append(el('tr', {}, el('td', { text: i === 0 ? m.metric : '' }), el('td', { text: k }),
          el('td', { text: fmt(val) }), el('td', { text: fmt(ref) }),
          el('td', { class: 'text', text: i === 0 ? (m.referenceSet || '') : '' })));
      }));
      body.append(table);
    });
  }

  function drawFiles(views) {
    const body = section('files', 'Config, provenance and run.log');
    body.replaceChildren();
    views.forEach(v => {
      [['config.json', v.config], ['provenance.json', v.provenance]].forEach(([name, json]) => {
        body.append(el('details', {}, el('summary', { text: v.name + ': ' + name }),
          el('pre', { text: json ? JSON.stringify(json, null, 2) : '(absent)' })));
      });
      body.append(el('details', {}, el('summary', { text: v.name + ': run.log (last ' + v.log.length + ' lines)' }),
        el('pre', { text: v.log.join('\n') })));
    });
  }

  // The report's extra sections: every grid it holds side by side, and the latent walk.
  function drawReportExtras(views) {
    views.forEach(v => {
      const body = section('history-' + v.name, 'Samples over time: ' + v.name);
      body.classList.add('strip');
      body.replaceChildren(...v.samples.filter(s => REPORT.images[v.name][s]).map(s =>
        el('figure', {}, el('img', { src: REPORT.images[v.name][s], alt: 'step ' + s }),
          el('figcaption', { text: 'step ' + s }))));
    });
    const walk = section('walk', 'Latent walk');
    walk.replaceChildren();
    REPORT.walk.forEach(src => walk.append(el('img', { src: src, alt: 'latent walk', class: 'walk' })));
    walk.append(el('p', { class: 'note', text: REPORT.walkNote }));
  }

  function render() {
    const views = state.selected.map(n => state.views[n]).filter(v => v);
    drawAlarms(views);
    drawCharts(views);
    drawGrids(views);
    drawEval(views);
    if (REPORT) drawReportExtras(views);
    drawFiles(views);
  }

  // ---- run list and live polling --------------------------------------------------------------

  function readHash() {
    const m = /(?:^|[#&])run=([^&]*)/.exec(location.hash);
    return m ? m[1].split(',').filter(s => s).map(decodeURIComponent) : [];
  }

  function drawRunList() {
    const nav = document.getElementById('runs');
    nav.replaceChildren();
    if (state.runs.length === 0) {
      nav.append(el('span', { class: 'note', text: 'No run in this folder yet (a run is a folder with config.json).' }));
    }
    state.runs.forEach(r => {
      const box = el('input', { type: 'checkbox', value: r.name });
      box.checked = state.selected.includes(r.name);
      box.addEventListener('change', () => {
        chosen = true;
        state.selected = state.runs.map(x => x.name).filter(n =>
          n === r.name ? box.checked : state.selected.includes(n));
        history.replaceState(null, '', '#run=' + state.selected.map(encodeURIComponent).join(','));
        refresh(true);
      });
      nav.append(el('label', {}, box, ' ' + r.name));
    });
  }

  async function fetchJson(url) {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(url + ': ' + res.status);
    return res.json();
  }

  // One look at the server: the run list, then each ticked run unless unchanged since last time.
  async function refresh(force) {
    try {
      const runs = await fetchJson('/api/runs');
      const names = runs.map(r => r.name);
      if (names.join('\n') !== state.runs.map(r => r.name).join('\n')) {
        state.runs = runs;
        if (!chosen && runs.length > 0) { // nothing named in the address: the newest run
          const newest = runs.slice().sort((a, b) => (b.modified || 0) - (a.modified || 0))[0];
          state.selected = [newest.name];
          chosen = true;
        }
        drawRunList();
      }
      let changed = false;
      // A run named in the address that does not exist yet (train --ui) is shown once it does.
      for (const name of state.selected.filter(n => names.includes(n))) {
        const old = state.views[name];
        const view = await fetchJson('/api/run?name=' + encodeURIComponent(name) +
          (old ? '&since=' + encodeURIComponent(old.version) : ''));
        if (!view.unchanged) { state.views[name] = view; changed = true; }
      }
      if (changed || force) render();
      state.polls++;
      status.className = '';
      status.textContent = 'live: ' + state.selected.length + ' run(s), checked ' + new Date().toLocaleTimeString();
    } catch (e) {
      status.className = 'stale';
      status.textContent = 'the server does not answer (training ended, or gan4j ui stopped): ' +
        'showing the last data; gan4j ui RUNS_DIR serves it again';
    }
  }

  // Whether the runs to show were named (in the address, or by ticking); else the newest is shown.
  let chosen = false;

  async function loop() {
    await refresh(false);
    setTimeout(loop, POLL_MS);
  }

  if (REPORT) {
    state.views = REPORT.runs;
    state.selected = Object.keys(REPORT.runs);
    status.textContent = 'made ' + REPORT.createdAt + ' by gan4j ' + REPORT.gan4j;
    render();
  } else {
    state.selected = readHash();
    chosen = state.selected.length > 0;
    loop();
  }
})();
