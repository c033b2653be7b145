// Draws the dashboard's trend chart from the JSON the page embeds (no inline script: CSP).
(function () {
  const source = document.getElementById("trend-data");
  const canvas = document.getElementById("trend-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const trend = JSON.parse(source.textContent);
  const codes = trend.length ? Object.keys(trend[0].areas) : [];
  const datasets = [{ label: "Total", data: trend.map((t) => t.progress), borderWidth: 3 }].concat(
    codes.map((code) => ({ label: code, data: trend.map((t) => t.areas[code]), borderWidth: 1 }))
  );
  new Chart(canvas, {
    type: "line",
    data: { labels: trend.map((t) => t.label), datasets: datasets },
    options: { animation: false, scales: { y: { min: 0, max: 100 } } },
  });
})();
