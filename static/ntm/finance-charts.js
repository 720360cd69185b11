// Disbursement charts: rate by investor with the required line, and the cumulative rate month by month. A chart
// without figures is never drawn: the page says "Chưa có số liệu" in its place (templates/_no_chart.html).
(function () {
  function draw(id, option) {
    var element = document.getElementById(id);
    if (!element || !window.echarts) return;
    var data = JSON.parse(element.dataset.chart);
    var built = option(data, element);  // may size the element first (the investors' bars)
    var chart = window.echarts.init(element, null, { locale: "EN" });
    chart.setOption(built);
    // The container's width, not the window's: a chart drawn before the layout settled follows it.
    if (window.ResizeObserver) { new ResizeObserver(function () { chart.resize(); }).observe(element); }
    else { window.addEventListener("resize", function () { chart.resize(); }); }
  }
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });  // 1.800; 57,4
  function percent(value) { return value == null ? "—" : number.format(value) + " %"; }
  function requiredLine(data) {
    return { silent: true, symbol: "none", lineStyle: { color: "#c62828", type: "dashed" },
             label: { formatter: "Mức yêu cầu " + percent(data.line) }, data: [{ yAxis: data.line }] };
  }
  document.addEventListener("DOMContentLoaded", function () {
    // Horizontal bars: each investor's whole name on its own line, wrapped, never cut or slanted; the chart grows
    // with the number of investors so that every name stays readable at 390 px as at 1280 px.
    draw("investor-chart", function (data, element) {
      var labelWidth = Math.max(110, Math.min(240, Math.round(element.clientWidth * 0.42)));
      element.style.height = Math.max(200, data.names.length * 34 + 50) + "px";
      return {
        grid: { left: 8, right: 52, top: 34, bottom: 20, containLabel: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: percent },
        yAxis: { type: "category", inverse: true, data: data.names,
                 axisLabel: { width: labelWidth, overflow: "break", lineHeight: 13, fontSize: 11 } },
        xAxis: { type: "value", name: "%", max: function (v) { return Math.max(100, Math.ceil(v.max)); } },
        series: [{ type: "bar", barMaxWidth: 22, label: { show: true, position: "right", formatter: function (p) { return percent(p.value); } },
          data: data.rates.map(function (rate) {
            return { value: rate, itemStyle: { color: rate < data.line ? "#ef6c00" : "#2e7d32" } };
          }), markLine: { silent: true, symbol: "none", lineStyle: { color: "#c62828", type: "dashed" },
                          label: { formatter: "Mức yêu cầu " + percent(data.line), position: "start", fontSize: 11 },
                          data: [{ xAxis: data.line }] } }]
      };
    });
    draw("monthly-chart", function (data) {
      return {
        grid: { left: 45, right: 10, top: 25, bottom: 30 },
        tooltip: { trigger: "axis", valueFormatter: percent },
        xAxis: { type: "category", data: data.months },
        yAxis: { type: "value", name: "%", max: function (v) { return Math.max(100, Math.ceil(v.max)); } },
        series: [{ type: "line", data: data.monthly, itemStyle: { color: "#1565c0" }, label: { show: true, formatter: function (p) { return percent(p.value); } },
                   markLine: requiredLine(data) }]
      };
    });
    draw("payments-chart", function (data) {
      return {
        grid: { left: 60, right: 10, top: 25, bottom: 30 },
        tooltip: { trigger: "axis", valueFormatter: function (v) { return number.format(v) + " triệu đồng"; } },
        xAxis: { type: "category", data: data.months },
        yAxis: { type: "value", name: "triệu đồng", axisLabel: { formatter: number.format } },
        series: [{ type: "line", step: "end", data: data.millions, itemStyle: { color: "#2e7d32" } }]
      };
    });
  });
})();
