// Draws the overview and scorecard charts from the data the page carries (ECharts, served locally).
(function () {
  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element || !window.echarts) return;
    var chart = window.echarts.init(element, null, { locale: "EN" });
    chart.setOption(option(JSON.parse(element.dataset.chart)));
    // The container's width, not the window's: a chart drawn before the layout settled follows it.
    if (window.ResizeObserver) { new ResizeObserver(function () { chart.resize(); }).observe(element); }
    else { window.addEventListener("resize", function () { chart.resize(); }); }
  }
  document.addEventListener("DOMContentLoaded", function () {
    draw("criteria-chart", function (data) {
      return {
        grid: { left: 40, right: 10, top: 20, bottom: 30 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.criteria.map(function (n) { return "TC" + n; }) },
        yAxis: { type: "value", max: data.evaluated || null, name: "Số xã đạt" },
        series: [{ type: "bar", data: data.met, itemStyle: { color: "#2e7d32" } }]
      };
    });
    // One line per criteria set (19 criteria of 2021–2025, 10 of 2026–2030 are never joined), a dashed mark
    // where a new set begins: a commune's criteria met, a province's communes meeting them all.
    function bySet(data, axis) {
      var colours = ["#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00"];
      var changes = (data.changes || []).map(function (y) {
        return { xAxis: String(y), label: { formatter: "Đổi bộ tiêu chí", fontSize: 10 } };
      });
      return {
        grid: { left: 36, right: 10, top: 24, bottom: 45 },
        tooltip: { trigger: "axis" },
        legend: { bottom: 0, type: "scroll", textStyle: { fontSize: 10 } },
        xAxis: { type: "category", data: data.years.map(String) },
        yAxis: Object.assign({ type: "value", minInterval: 1 }, axis),
        series: data.series.map(function (s, i) {
          var line = { name: s.name + " (" + s.total + " tiêu chí)", type: "line", data: s.data, connectNulls: false,
                       label: { show: true }, itemStyle: { color: colours[i % colours.length] } };
          if (i === 0 && changes.length) {
            line.markLine = { symbol: "none", lineStyle: { type: "dashed", color: "#999" }, data: changes };
          }
          return line;
        })
      };
    }
    draw("history-chart", function (data) {
      return bySet(data, { max: Math.max.apply(null, data.series.map(function (s) { return s.total; }).concat([1])) });
    });
    draw("standing-chart", function (data) { return bySet(data, { name: "Số xã" }); });
  });
})();
