// Disbursement charts: rate by investor with the required line, and the cumulative rate month by month.
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
  var number = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });  // 1.800; 57,4
  function percent(value) { return value == null ? "—" : number.format(value) + " %"; }
  function requiredLine(data) {
    return { silent: true, symbol: "none", lineStyle: { color: "#c62828", type: "dashed" },
             label: { formatter: "Mức yêu cầu " + percent(data.line) }, data: [{ yAxis: data.line }] };
  }
  document.addEventListener("DOMContentLoaded", function () {
    draw("investor-chart", function (data) {
      return {
        grid: { left: 45, right: 10, top: 25, bottom: 90 },
        tooltip: { trigger: "axis", valueFormatter: percent },
        xAxis: { type: "category", data: data.names, axisLabel: { rotate: 40, fontSize: 10,
                 formatter: function (name) { return name.length > 22 ? name.slice(0, 21) + "…" : name; } } },
        yAxis: { type: "value", name: "%", max: function (v) { return Math.max(100, Math.ceil(v.max)); } },
        series: [{ type: "bar", data: data.rates.map(function (rate) {
          return { value: rate, itemStyle: { color: rate < data.line ? "#ef6c00" : "#2e7d32" } };
        }), markLine: requiredLine(data) }]
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
