// The nn4j dashboard: listens to the server's event stream and draws what it hears. No libraries.
(function () {
  'use strict';
  const BLUE = '#0072b2', ORANGE = '#e69f00', GREEN = '#009e73', PINK = '#cc79a7', SKY = '#56b4e9';
  const CLASS = [BLUE, ORANGE, GREEN, PINK, SKY, '#d55e00', '#f0e442', '#000000'];
  const state = { epochs: [], run: null, status: 'connecting' };
  const $ = (id) => document.getElementById(id);
  // Text from the server goes in as text nodes only, never as markup.
  const element = (tag, text) => { const e = document.createElement(tag); e.textContent = String(text); return e; };

  // The run's token, from the address printed at start; the server refuses the stream and the buttons without it.
  const token = new URLSearchParams(location.search).get('token') || '';
  function post(path, body) {
    return fetch(path, { method: 'POST', body: body || '', headers: { 'X-Nn4j-Token': token } })
      .then((r) => r.text());
  }
  $('pause').onclick = () => post('/control/pause');
  $('resume').onclick = () => post('/control/resume');
  $('stop').onclick = () => post('/control/stop');

  // The buttons that mean something in each state of the run; before the first status, none.
  const BUTTONS = { running: ['pause', 'stop'], paused: ['resume', 'stop'] };
  function showState(s) {
    state.status = s;
    $('status').textContent = s; $('status').className = 'status ' + s;
    ['pause', 'resume', 'stop'].forEach((id) => { $(id).disabled = !(BUTTONS[s] || []).includes(id); });
    $('train').disabled = s === 'running' || s === 'paused' || s === 'stopping';
  }
  showState('connecting');

  // The page checks the form first, with the same rules and words as the server, which has the last word.
  const FIELD_RULES = {
    noise: [(v) => /^\s*[0-9.eE+-]+\s*$/.test(v) && +v >= 0 && +v <= 5, 'a number from 0 to 5'],
    layers: [(v) => v.trim() === '' || (v.split(',').length <= 4 && v.split(',').every(
      (u) => /^\s*\d+\s*$/.test(u) && +u >= 1 && +u <= 64)),
      'up to 4 hidden layer sizes from 1 to 64, separated by commas, such as 16,16'],
    lr: [(v) => /^\s*[0-9.eE+-]+\s*$/.test(v) && +v > 0 && Number.isFinite(+v), 'a number above 0, such as 0.01'],
    epochs: [(v) => /^\s*\d+\s*$/.test(v) && +v >= 1 && +v <= 10000, 'a whole number from 1 to 10000'],
  };
  function formProblem(request) {
    for (const [field, [valid, expected]] of Object.entries(FIELD_RULES)) {
      if (!valid(request[field])) { return field + ' should be ' + expected + "; got '" + request[field] + "'"; }
    }
    return null;
  }
  $('playground-form').onsubmit = (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const request = {};
    form.forEach((v, k) => { request[k] = v; });
    Array.from(e.target.elements).forEach((el) => el.classList.remove('wrong'));
    const problem = formProblem(request);
    const say = (text) => {
      $('form-message').textContent = text;
      const field = /^(?:error: )?(\w+) should be/.exec(text);
      if (field && e.target.elements[field[1]]) { e.target.elements[field[1]].classList.add('wrong'); }
    };
    if (problem) { say('error: ' + problem); return; }
    post('/playground', JSON.stringify(request)).then(say);
  };

  const lossChart = window.nn4jChart($('loss'), $('loss-log'));
  const metricChart = window.nn4jChart($('metric'), null);

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

  // The best epoch: the lowest validation loss, or training loss when there is no validation set.
  function bestEpoch() {
    const name = state.epochs.some((e) => e.metrics.val_loss !== undefined) ? 'val_loss' : 'loss';
    let best = null;
    state.epochs.forEach((e) => {
      const v = e.metrics[name];
      if (Number.isFinite(v) && (best === null || v < best.value)) { best = { epoch: e.epoch, value: v }; }
    });
    return best && best.epoch;
  }

  function redrawCurves() {
    const step = Math.max(1, Math.ceil(state.epochs.length / 1000));
    const best = bestEpoch();
    const shown = state.epochs.filter((e, i) => i % step === 0 || i === state.epochs.length - 1 || e.epoch === best);
    const get = (name) => shown.filter((e) => e.metrics[name] !== undefined).map((e) => [e.epoch, e.metrics[name]]);
    lossChart.update([
      { name: 'training loss', points: get('loss'), colour: BLUE },
      { name: 'validation loss', points: get('val_loss'), colour: ORANGE }], best);
    metricChart.update([
      { name: 'training accuracy', points: get('accuracy'), colour: BLUE },
      { name: 'validation accuracy', points: get('val_accuracy'), colour: ORANGE }], best);
  }

  function tint(hex, strength) {
    const c = [1, 3, 5].map((i) => parseInt(hex.substr(i, 2), 16));
    return c.map((v) => Math.round(255 + (v - 255) * Math.min(1, strength)));
  }

  // The region of each class in a pale tint of its colour (at most half strength), stronger where the network is
  // surer; one pixel per grid cell, scaled up smoothly. The points on top in full colour with a dark outline, to
  // stand out from any region.
  const shownPoints = [];
  function drawBoundary(data) {
    const run = state.run;
    if (!run || !run.plane) { return; }
    const canvas = $('boundary'), g = canvas.getContext('2d');
    const n = data.n, cells = document.createElement('canvas');
    cells.width = n; cells.height = n;
    const c = cells.getContext('2d'), image = c.createImageData(n, n);
    data.values.forEach((v, i) => {
      let rgb;
      if (data.outputs === 1) {
        rgb = v < 0.5 ? tint(CLASS[0], 0.1 + 0.8 * (0.5 - v)) : tint(CLASS[1], 0.1 + 0.8 * (v - 0.5));
      } else {
        const k = Math.floor(v);
        rgb = tint(CLASS[k % CLASS.length], 0.1 + 0.4 * (v - k));
      }
      image.data.set([rgb[0], rgb[1], rgb[2], 255], 4 * i);
    });
    c.putImageData(image, 0, 0);
    g.imageSmoothingEnabled = true;
    g.drawImage(cells, 0, 0, canvas.width, canvas.height);
    const [x0, x1, y0, y1] = run.bounds;
    shownPoints.length = 0;
    g.lineWidth = 1.2; g.strokeStyle = '#1d2330';
    run.points.forEach((p) => {
      const x = (p[0] - x0) / (x1 - x0) * canvas.width, y = (y1 - p[1]) / (y1 - y0) * canvas.height;
      g.beginPath(); g.arc(x, y, 3.2, 0, 2 * Math.PI);
      g.fillStyle = CLASS[p[2] % CLASS.length]; g.fill(); g.stroke();
      shownPoints.push(p[2]);
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
    const cut = (data.units || sizes).map((n, l) => (n > sizes[l] ? (l === 0 ? 'inputs' : 'layer ' + l) + ': '
      + sizes[l] + ' of ' + n + ' units' : null)).filter((t) => t);
    $('network-subset').textContent = cut.length ? 'Showing ' + cut.join(', ') + '.' : '';
    sizes.forEach((n, l) => { for (let u = 0; u < n; u++) {
      const [x, y] = pos(l, u); g.beginPath(); g.arc(x, y, 5, 0, 2 * Math.PI); g.fillStyle = '#333'; g.fill();
    } });
  }

  function drawNorms(norms) {
    const largest = Math.max(1e-12, ...norms);
    // Built as elements, not markup: the page's security policy allows no inline style attributes.
    $('norms').replaceChildren(...norms.map((v, i) => {
      const row = element('div', 'layer ' + (i + 1) + ': ' + v.toExponential(2)), bar = element('div', '');
      bar.className = 'bar'; bar.style.width = Math.max(1, 100 * v / largest) + '%';
      row.append(bar);
      return row;
    }));
  }

  const events = new EventSource('/events?token=' + encodeURIComponent(token));
  events.onerror = () => {
    if (!token) { $('message').textContent = 'Open the address printed at start, with its ?token=…'; }
    // A run that was going on has lost its server; a finished one stays as it ended.
    if (['connecting', 'running', 'paused', 'stopping'].includes(state.status)) { showState('disconnected'); }
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
    showState(s.state);
    $('message').textContent = s.message;
  });
  events.addEventListener('diagnoses', (e) => {
    const found = JSON.parse(e.data);
    $('diagnoses').replaceChildren(...(found.length === 0 ? [element('li', 'Nothing wrong found.')]
      : found.map((d) => {
        const item = element('li', ' ' + d.finding + ' ');
        item.prepend(element('b', d.kind + ':'));
        item.append(element('i', d.remedy));
        return item;
      })));
  });

  // For tests and the curious: what the page has seen.
  window.nn4jDashboard = {
    lossPoints: () => state.epochs.length,
    status: () => state.status,
    lossAxis: () => lossChart.axis(),
    lossTicks: () => lossChart.tickLabels(),
    lossSpan: () => lossChart.span(),
    lossHover: () => lossChart.hoverText(),
    bestEpoch: () => bestEpoch(),
    pointCount: () => shownPoints.length,
    pointClasses: () => Array.from(new Set(shownPoints)).sort(),
  };
}());
