// The nn4j dashboard: listens to the server's event stream and draws what it hears. No libraries.
(function () {
  'use strict';
  const BLUE = '#0072b2', ORANGE = '#e69f00', GREEN = '#009e73', PINK = '#cc79a7', SKY = '#56b4e9';
  const CLASS = [BLUE, ORANGE, GREEN, PINK, SKY, '#d55e00', '#f0e442', '#000000'];
  const state = { epochs: [], run: null, status: 'connecting' };
  const $ = (id) => document.getElementById(id);
  const escape = (text) => String(text).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

  // The run's token, from the address printed at start; the server refuses the stream and the buttons without it.
  const token = new URLSearchParams(location.search).get('token') || '';
  function post(path, body) {
    return fetch(path, { method: 'POST', body: body || '', headers: { 'X-Nn4j-Token': token } })
      .then((r) => r.text());
  }
  $('pause').onclick = () => post('/control/pause');
  $('resume').onclick = () => post('/control/resume');
  $('stop').onclick = () => post('/control/stop');
  $('playground-form').onsubmit = (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const request = {};
    form.forEach((v, k) => { request[k] = v; });
    post('/playground', JSON.stringify(request)).then((answer) => { $('message').textContent = answer; });
  };

  function drawCurves(canvas, series) {
    const g = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, pad = 36;
    g.clearRect(0, 0, w, h);
    const all = series.flatMap((s) => s.values).filter((v) => Number.isFinite(v));
    if (all.length === 0) { return; }
    let lo = Math.min(...all), hi = Math.max(...all);
    if (hi - lo < 1e-12) { hi = lo + 1; }
    const n = Math.max(2, ...series.map((s) => s.values.length));
    g.strokeStyle = '#ccc'; g.fillStyle = '#555'; g.font = '11px sans-serif';
    for (let i = 0; i <= 4; i++) {
      const y = pad / 2 + (h - pad) * i / 4;
      g.beginPath(); g.moveTo(pad, y); g.lineTo(w - 8, y); g.stroke();
      g.fillText((hi - (hi - lo) * i / 4).toPrecision(3), 2, y + 4);
    }
    series.forEach((s, k) => {
      g.strokeStyle = s.colour; g.lineWidth = 2; g.setLineDash(s.dashed ? [6, 4] : []);
      g.beginPath();
      s.values.forEach((v, i) => {
        const x = pad + (w - pad - 8) * i / (n - 1);
        const y = pad / 2 + (h - pad) * (hi - v) / (hi - lo);
        if (i === 0) { g.moveTo(x, y); } else { g.lineTo(x, y); }
      });
      g.stroke();
      g.setLineDash([]); g.fillStyle = s.colour; g.fillText(s.name, w - 90, 14 + 14 * k);
    });
  }

  // Epochs can arrive by the thousand per second: draw at most once per animation frame, from at most 1000 points.
  let scheduled = false;
  function redrawSoon() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(() => { scheduled = false; redrawCurves(); redrawFacts(); });
    }
  }

  function redrawFacts() {
    const epoch = state.epochs[state.epochs.length - 1];
    if (!epoch) { return; }
    $('epoch').textContent = epoch.epoch;
    $('lr').textContent = epoch.lr.toPrecision(3);
    $('speed').textContent = Math.round(epoch.samples_per_second).toLocaleString('en');
    if (epoch.grad_norms) { drawNorms(epoch.grad_norms); }
  }

  function redrawCurves() {
    const step = Math.max(1, Math.ceil(state.epochs.length / 1000));
    const get = (name) => state.epochs.filter((e, i) => i % step === 0 || i === state.epochs.length - 1)
      .map((e) => e.metrics[name]).filter((v) => v !== undefined);
    drawCurves($('loss'), [
      { name: 'loss', values: get('loss'), colour: BLUE },
      { name: 'val_loss', values: get('val_loss'), colour: BLUE, dashed: true }]);
    drawCurves($('metric'), [
      { name: 'accuracy', values: get('accuracy'), colour: GREEN },
      { name: 'val_accuracy', values: get('val_accuracy'), colour: GREEN, dashed: true }]);
  }

  function tint(hex, strength) {
    const c = [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16));
    return 'rgb(' + c.map((v) => Math.round(255 + (v - 255) * strength)).join(',') + ')';
  }

  function drawBoundary(data) {
    const run = state.run;
    if (!run || !run.plane) { return; }
    const canvas = $('boundary'), g = canvas.getContext('2d');
    const n = data.n, cw = canvas.width / n, ch = canvas.height / n;
    data.values.forEach((v, i) => {
      const col = i % n, row = Math.floor(i / n);
      let colour;
      if (data.outputs === 1) {
        colour = v < 0.5 ? tint(CLASS[0], 0.15 + 1.1 * (0.5 - v)) : tint(CLASS[1], 0.15 + 1.1 * (v - 0.5));
      } else {
        const k = Math.floor(v);
        colour = tint(CLASS[k % CLASS.length], 0.15 + 0.6 * (v - k));
      }
      g.fillStyle = colour;
      g.fillRect(col * cw, row * ch, cw + 1, ch + 1);
    });
    const [x0, x1, y0, y1] = run.bounds;
    run.points.forEach((p) => {
      const x = (p[0] - x0) / (x1 - x0) * canvas.width, y = (y1 - p[1]) / (y1 - y0) * canvas.height;
      g.beginPath(); g.arc(x, y, 3, 0, 2 * Math.PI);
      g.fillStyle = CLASS[p[2] % CLASS.length]; g.fill(); g.strokeStyle = '#fff'; g.stroke();
    });
  }

  function drawNetwork(data) {
    const canvas = $('network'), g = canvas.getContext('2d');
    const w = canvas.width, h = canvas.height, sizes = data.sizes;
    g.clearRect(0, 0, w, h);
    const pos = (layer, unit) => [30 + (w - 60) * layer / (sizes.length - 1),
      sizes[layer] === 1 ? h / 2 : 20 + (h - 40) * unit / (sizes[layer] - 1)];
    let largest = 1e-12;
    data.weights.forEach((m) => m.forEach((row) => row.forEach((v) => { largest = Math.max(largest, Math.abs(v)); })));
    data.weights.forEach((m, l) => m.forEach((row, i) => row.forEach((v, j) => {
      const [ax, ay] = pos(l, i), [bx, by] = pos(l + 1, j);
      g.strokeStyle = v >= 0 ? BLUE : '#d55e00'; g.lineWidth = 0.4 + 4 * Math.abs(v) / largest;
      g.beginPath(); g.moveTo(ax, ay); g.lineTo(bx, by); g.stroke();
    })));
    sizes.forEach((n, l) => { for (let u = 0; u < n; u++) {
      const [x, y] = pos(l, u); g.beginPath(); g.arc(x, y, 5, 0, 2 * Math.PI); g.fillStyle = '#333'; g.fill();
    } });
  }

  function drawNorms(norms) {
    const largest = Math.max(1e-12, ...norms);
    $('norms').innerHTML = norms.map((v, i) => '<div>layer ' + (i + 1) + ': ' + v.toExponential(2)
      + '<div class="bar" style="width:' + Math.max(1, 100 * v / largest) + '%"></div></div>').join('');
  }

  const events = new EventSource('/events?token=' + encodeURIComponent(token));
  events.onerror = () => {
    if (!token) { $('message').textContent = 'Open the address printed at start, with its ?token=…'; }
  };
  events.addEventListener('run', (e) => {
    state.run = JSON.parse(e.data); state.epochs = [];
    $('title').textContent = state.run.title; $('epochs').textContent = state.run.epochs;
    $('boundary-figure').hidden = !state.run.plane;
    redrawSoon();
  });
  events.addEventListener('mode', (e) => { $('playground').hidden = !JSON.parse(e.data).playground; });
  events.addEventListener('epoch', (e) => {
    state.epochs.push(JSON.parse(e.data));
    redrawSoon();
  });
  events.addEventListener('boundary', (e) => drawBoundary(JSON.parse(e.data)));
  events.addEventListener('network', (e) => drawNetwork(JSON.parse(e.data)));
  events.addEventListener('status', (e) => {
    const s = JSON.parse(e.data);
    state.status = s.state;
    $('status').textContent = s.state; $('status').className = 'status ' + s.state;
    $('message').textContent = s.message;
  });
  events.addEventListener('diagnoses', (e) => {
    const found = JSON.parse(e.data);
    $('diagnoses').innerHTML = found.length === 0 ? '<li>Nothing wrong found.</li>'
      : found.map((d) => '<li><b>' + escape(d.kind) + ':</b> ' + escape(d.finding) + ' <i>' + escape(d.remedy) + '</i></li>').join('');
  });

  // For tests and the curious: what the page has seen.
  window.nn4jDashboard = {
    lossPoints: () => state.epochs.length,
    status: () => state.status,
  };
}());
