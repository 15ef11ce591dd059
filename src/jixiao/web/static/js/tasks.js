/* The task overview's charts: data from the page's JSON blob (#overview-data), drawn with the
   vendored ECharts. Without JavaScript the page shows the same counts as tables. */
(function () {
  "use strict";
  var blob = document.getElementById("overview-data");
  if (!blob || !window.echarts) { return; }
  var data = JSON.parse(blob.textContent);
  var font = getComputedStyle(document.body).fontFamily;
  var lightColor = { red: "#c0392b", yellow: "#d69e2e", blue: "#2f6db5", green: "#3aa17e" };
  var gradeColor = ["#3aa17e", "#2f6db5", "#d69e2e", "#c0392b"];

  function draw(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el, null, { renderer: "canvas" });
    option.textStyle = { fontFamily: font };
    c.setOption(option);
    el.setAttribute("data-rendered", "true");
    window.addEventListener("resize", function () { c.resize(); });
  }

  function bars(rows, colors) {
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 10, top: 10, bottom: 30 },
      xAxis: { type: "category", data: rows.map(function (r) { return r[0]; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: rows.map(function (r, i) {
        return { value: r[1], itemStyle: { color: colors(r, i) } };
      }) }]
    };
  }

  if (data.kind === "monitoring") {
    draw("chart-main", bars(data.lights.map(function (l) { return [l[1], l[2], l[0]]; }),
      function (r) { return lightColor[r[2]] || "#8aa1b4"; }));
  } else {
    draw("chart-main", bars(data.grades, function (r, i) { return gradeColor[i % 4]; }));
  }
  draw("chart-indicators", bars(data.indicatorLights.map(function (l) { return [l[1], l[2], l[0]]; }),
    function (r) { return lightColor[r[2]] || "#8aa1b4"; }));
}());
