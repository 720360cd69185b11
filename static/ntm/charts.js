// Draws the overview and scorecard charts from the data the page carries (ECharts, served locally).
(function () {
  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element || !window.echarts) return;
    var chart = window.echarts.init(element, null, { locale: "EN" });
    chart.setOption(option(JSON.parse(element.dataset.chart)));
    window.addEventListener("resize", function () { chart.resize(); });
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
    draw("history-chart", function (data) {
      return {
        grid: { left: 30, right: 10, top: 20, bottom: 25 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.years },
        yAxis: { type: "value", max: Math.max.apply(null, data.total.concat([19])) },
        series: [{ name: "Tiêu chí đạt", type: "line", data: data.met, label: { show: true }, itemStyle: { color: "#2e7d32" } }]
      };
    });
  });
})();
