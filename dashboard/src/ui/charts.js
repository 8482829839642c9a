// Bar charts of rewards and slashes per block (Chart.js). lit-html keeps the canvases; each
// render hands them the current series and Chart.js redraws without animation.

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const charts = new WeakMap();

/**
 * Draw (or update) a bar chart on `canvas`: `labels` (block numbers) and `values` (tokens),
 * in `color`, titled `label`.
 */
export function barChart(canvas, { labels, values, label, color, token }) {
  let chart = charts.get(canvas);
  if (!chart) {
    chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [{ label, data: [], backgroundColor: color, borderColor: color, barPercentage: 1, categoryPercentage: 1, minBarLength: 0 }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => `block #${items[0].label}`, label: (item) => `${item.formattedValue} ${token}` } },
        },
        scales: {
          x: { title: { display: true, text: 'block' }, ticks: { maxTicksLimit: 12, autoSkip: true } },
          y: { beginAtZero: true, title: { display: true, text: token } },
        },
      },
    });
    charts.set(canvas, chart);
  }
  const same = chart.data.labels.length === labels.length && chart.data.labels[0] === labels[0] &&
    chart.data.datasets[0].data.every((v, i) => v === values[i]);
  if (!same) {
    chart.data.labels = labels;
    chart.data.datasets[0].data = values;
    chart.update('none');
  }
  // What the chart shows, for the curious and the browser test: bars above zero.
  canvas.dataset.nonzero = String(values.filter((v) => v > 0).length);
  return chart;
}
