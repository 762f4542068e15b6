// Line charts of metrics per epoch, for the dashboard: an epoch axis, a linear or logarithmic value axis with one tick
// format, a legend, a marker at the best epoch, and the values under the mouse. No libraries.
(function () {
  'use strict';
  const PAD = { left: 58, right: 14, top: 28, bottom: 34 };
  const GRID = '#e3e6eb', TEXT = '#4a5160', MARKER = '#6b7280';

  // A round step (1, 2 or 5 times a power of ten) that cuts the span into about `count` parts.
  function niceStep(span, count) {
    const raw = span / count, power = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / power;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
  }

  // Ticks of a linear axis, all written alike: as many decimals as the step needs, or all in exponent form when the
  // numbers are too small or large for that.
  function linearTicks(lo, hi) {
    const step = niceStep(hi - lo, 5);
    const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    const exponent = step < 1e-3 || Math.max(Math.abs(lo), Math.abs(hi)) >= 1e6;
    const ticks = [];
    for (let v = Math.floor(lo / step + 1e-9) * step; v < hi + step * (1 - 1e-9); v += step) {
      const value = Math.abs(v) < step * 1e-9 ? 0 : v;
      ticks.push({ value, label: exponent ? value.toExponential(1) : value.toFixed(decimals) });
    }
    return ticks;
  }

  // A value under the mouse: four significant digits, in exponent form when that is shorter to read.
  function formatValue(v) {
    const size = Math.abs(v);
    return size !== 0 && (size < 1e-3 || size >= 1e5) ? v.toExponential(3) : v.toPrecision(4);
  }

  // Ticks of a log axis: powers of ten, every one or every few, written 1e-3, 1e-2, ….
  function logTicks(lo, hi) {
    const first = Math.floor(Math.log10(lo)), last = Math.ceil(Math.log10(hi));
    const every = Math.max(1, Math.ceil((last - first) / 6));
    const ticks = [];
    for (let k = first; k <= last; k += every) {
      ticks.push({ value: Math.pow(10, k), label: '1e' + k });
    }
    return ticks;
  }

  /** A chart on `canvas`; `toggle` (a checkbox, optional) switches its value axis between linear and log. */
  window.nn4jChart = function (canvas, toggle) {
    const g = canvas.getContext('2d');
    let series = [], marker = null, hover = null, chosen = null, view = null;

    // Log by default when the positive values span more than two decades, until the user chooses.
    function logScale(values) {
      const positive = values.filter((v) => v > 0);
      if (positive.length === 0 || positive.length < values.length) { return false; }
      if (chosen !== null) { return chosen === 'log'; }
      return Math.max(...positive) / Math.min(...positive) > 100;
    }

    function draw() {
      const w = canvas.width, h = canvas.height;
      g.clearRect(0, 0, w, h);
      const points = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p[1]));
      view = null;
      if (points.length === 0) { return; }
      const values = points.map((p) => p[1]);
      const log = logScale(values);
      if (toggle) { toggle.checked = log; toggle.disabled = values.some((v) => v <= 0); }
      let lo = Math.min(...values), hi = Math.max(...values);
      if (log) { lo = Math.pow(10, Math.floor(Math.log10(lo))); hi = Math.pow(10, Math.ceil(Math.log10(hi))); }
      if (lo === hi) { hi = log ? lo * 10 : lo + 1; }
      const ticks = log ? logTicks(lo, hi) : linearTicks(lo, hi);
      if (!log) { lo = ticks[0].value; hi = ticks[ticks.length - 1].value; }
      const e0 = Math.min(...points.map((p) => p[0])), e1 = Math.max(e0 + 1, ...points.map((p) => p[0]));
      const left = PAD.left, right = w - PAD.right, top = PAD.top, bottom = h - PAD.bottom;
      const x = (epoch) => left + (right - left) * (epoch - e0) / (e1 - e0);
      const t = (v) => (log ? Math.log10(v) : v);
      const y = (v) => bottom - (bottom - top) * (t(v) - t(lo)) / (t(hi) - t(lo));
      const span = Math.min(...values) > 0 ? Math.max(...values) / Math.min(...values) : null;
      view = { log, ticks, x, e0, e1, left, right, span };

      g.font = '11px sans-serif'; g.lineWidth = 1; g.setLineDash([]);
      ticks.forEach((tick) => {
        const ty = y(tick.value);
        g.strokeStyle = GRID; g.beginPath(); g.moveTo(left, ty); g.lineTo(right, ty); g.stroke();
        g.fillStyle = TEXT; g.textAlign = 'right'; g.fillText(tick.label, left - 6, ty + 4);
      });
      const step = Math.max(1, Math.round(niceStep(e1 - e0, 6)));
      g.textAlign = 'center';
      for (let e = Math.ceil(e0 / step) * step; e <= e1; e += step) {
        g.fillText(String(e), x(e), bottom + 14);
      }
      g.fillText('epoch', (left + right) / 2, bottom + 28);
      g.strokeStyle = TEXT; g.beginPath(); g.moveTo(left, top); g.lineTo(left, bottom); g.lineTo(right, bottom);
      g.stroke();

      if (marker !== null && marker >= e0 && marker <= e1) {
        g.strokeStyle = MARKER; g.setLineDash([3, 3]);
        g.beginPath(); g.moveTo(x(marker), top); g.lineTo(x(marker), bottom); g.stroke(); g.setLineDash([]);
        g.fillStyle = MARKER; g.textAlign = x(marker) > right - 90 ? 'right' : 'left';
        g.fillText('best epoch ' + marker, x(marker) + (g.textAlign === 'right' ? -4 : 4), top + 10);
      }

      g.save(); g.beginPath(); g.rect(left, top - 2, right - left, bottom - top + 4); g.clip();
      series.forEach((s) => {
        g.strokeStyle = s.colour; g.lineWidth = 2; g.beginPath();
        let started = false;
        s.points.forEach((p) => {
          if (!Number.isFinite(p[1]) || (log && p[1] <= 0)) { started = false; return; }
          if (started) { g.lineTo(x(p[0]), y(p[1])); } else { g.moveTo(x(p[0]), y(p[1])); started = true; }
        });
        g.stroke();
        if (marker !== null) {
          const best = s.points.find((p) => p[0] === marker);
          if (best && Number.isFinite(best[1])) {
            g.fillStyle = s.colour; g.beginPath(); g.arc(x(best[0]), y(best[1]), 4, 0, 2 * Math.PI); g.fill();
          }
        }
      });
      g.restore();

      // The legend, above the plot: a short line in each series' colour and its name.
      let lx = left;
      g.textAlign = 'left'; g.font = '12px sans-serif';
      series.filter((s) => s.points.length > 0).forEach((s) => {
        g.strokeStyle = s.colour; g.lineWidth = 3; g.beginPath(); g.moveTo(lx, 12); g.lineTo(lx + 18, 12); g.stroke();
        g.fillStyle = TEXT; g.fillText(s.name, lx + 22, 16);
        lx += 34 + g.measureText(s.name).width;
      });

      if (hover !== null) { drawHover(hover, y, top, bottom); }
    }

    // The values at the epoch nearest the mouse: a vertical line, a dot on each curve, and a box with the numbers.
    function drawHover(epoch, y, top, bottom) {
      const lines = ['epoch ' + epoch];
      g.strokeStyle = MARKER; g.lineWidth = 1;
      g.beginPath(); g.moveTo(view.x(epoch), top); g.lineTo(view.x(epoch), bottom); g.stroke();
      series.forEach((s) => {
        const p = s.points.find((q) => q[0] === epoch);
        if (p && Number.isFinite(p[1])) {
          lines.push(s.name + ' ' + formatValue(p[1]));
          if (!view.log || p[1] > 0) {
            g.fillStyle = s.colour; g.beginPath(); g.arc(view.x(epoch), y(p[1]), 3.5, 0, 2 * Math.PI); g.fill();
          }
        }
      });
      g.font = '12px sans-serif'; g.textAlign = 'left';
      const boxW = 12 + Math.max(...lines.map((l) => g.measureText(l).width)), boxH = 6 + 16 * lines.length;
      let bx = view.x(epoch) + 10;
      if (bx + boxW > view.right) { bx = view.x(epoch) - 10 - boxW; }
      g.fillStyle = 'rgba(255,255,255,0.92)'; g.strokeStyle = GRID;
      g.fillRect(bx, top + 4, boxW, boxH); g.strokeRect(bx, top + 4, boxW, boxH);
      g.fillStyle = TEXT;
      lines.forEach((l, i) => g.fillText(l, bx + 6, top + 20 + 16 * i));
      hoverText = lines.join(', ');
    }

    let hoverText = '';
    function nearestEpoch(px) {
      if (!view) { return null; }
      const epochs = series.flatMap((s) => s.points.map((p) => p[0]));
      const wanted = view.e0 + (px - view.left) / (view.right - view.left) * (view.e1 - view.e0);
      let best = null;
      epochs.forEach((e) => { if (best === null || Math.abs(e - wanted) < Math.abs(best - wanted)) { best = e; } });
      return best;
    }
    canvas.addEventListener('mousemove', (e) => {
      const box = canvas.getBoundingClientRect();
      hover = nearestEpoch((e.clientX - box.left) * canvas.width / box.width);
      draw();
    });
    canvas.addEventListener('mouseleave', () => { hover = null; hoverText = ''; draw(); });
    if (toggle) {
      toggle.addEventListener('change', () => { chosen = toggle.checked ? 'log' : 'linear'; draw(); });
    }

    return {
      /** Draws `newSeries` ({name, colour, points: [[epoch, value], …]}) with a marker at `bestEpoch` (or null). */
      update(newSeries, bestEpoch) { series = newSeries; marker = bestEpoch; draw(); },
      axis: () => (view ? (view.log ? 'log' : 'linear') : 'none'),
      tickLabels: () => (view ? view.ticks.map((tick) => tick.label) : []),
      /** How many times the largest value shown is the smallest (null unless all are positive). */
      span: () => (view ? view.span : null),
      hoverText: () => hoverText,
    };
  };
}());
