/* The department dashboard's charts: data from the page's JSON blob (#dashboard-data), drawn
   with the vendored ECharts. Without JavaScript the page shows its tables instead. */
(function () {
  "use strict";
  var blob = document.getElementById("dashboard-data");
  if (!blob || !window.echarts) { return; }
  var data = JSON.parse(blob.textContent);
  var font = getComputedStyle(document.body).fontFamily;
  var palette = ["#2f6db5", "#f0b429", "#3aa17e", "#c8553d", "#7c5cbf", "#2bb3c0", "#e07b39",
    "#8aa1b4", "#b5477d", "#5b8c2a"];
  var severityColor = { error: "#c0392b", warning: "#d69e2e", info: "#4a90c2" };
  var severityLabel = { error: "严重", warning: "警告", info: "提示" };
  var charts = [];

  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var c = echarts.init(el, null, { renderer: "canvas" });
    option.textStyle = { fontFamily: font };
    option.color = option.color || palette;
    c.setOption(option);
    el.setAttribute("data-rendered", "true");
    charts.push(c);
    return c;
  }

  function amount(v) {
    return Number(v).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  // Money: a treemap of units, each holding its projects (click a project to open it).
  chart("chart-money", {
    tooltip: {
      formatter: function (p) {
        var d = p.data || {};
        return echarts.format.encodeHTML(p.name) + "<br>" + (d.label || amount(p.value)) + " " +
          echarts.format.encodeHTML(data.moneyUnit);
      }
    },
    series: [{
      type: "treemap", name: "资金", roam: false, nodeClick: "link", leafDepth: 2,
      breadcrumb: { show: false }, width: "100%", height: "100%", top: 0, left: 0, right: 0, bottom: 0,
      label: { show: true, formatter: "{b}", overflow: "truncate", fontSize: 12 },
      upperLabel: { show: true, height: 22, color: "#fff", fontWeight: "bold" },
      levels: [
        { itemStyle: { borderColor: "#fff", borderWidth: 2, gapWidth: 2 } },
        { colorMappingBy: "index", colorSaturation: [0.35, 0.6],
          itemStyle: { borderColorSaturation: 0.7, gapWidth: 1, borderWidth: 1 } }
      ],
      data: data.money.map(function (u) {
        return { name: u.name, value: u.value, label: u.label,
          children: u.children.map(function (p) {
            return { name: p.name, value: p.value, label: p.label, link: p.url, target: "self" };
          }) };
      })
    }]
  });

  // Indicator structure: level 1 inside, level 2 outside.
  chart("chart-classes", {
    tooltip: {
      formatter: function (p) {
        var d = p.data || {};
        var q = d.quantitative !== undefined ? "<br>定量 " + d.quantitative : "";
        return echarts.format.encodeHTML(p.name) + "：" + p.value + " 个指标" + q;
      }
    },
    series: [{
      type: "sunburst", radius: ["12%", "92%"], sort: null,
      label: { rotate: "radial", fontSize: 11, minAngle: 12 },
      levels: [{}, { r0: "12%", r: "48%", label: { rotate: 0 } }, { r0: "48%", r: "92%" }],
      data: data.classes
    }]
  });

  // Quantified share: quantitative against qualitative indicators.
  var q = data.quantified;
  var total = q.quantitative + q.qualitative;
  chart("chart-quantified", {
    color: ["#3aa17e", "#c9d3dd"],
    tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
    title: {
      text: total ? Math.round(q.quantitative * 1000 / total) / 10 + "%" : "—",
      subtext: "定量指标", left: "center", top: "39%",
      textStyle: { fontSize: 26, fontWeight: 700, color: "#1b2430" },
      subtextStyle: { color: "#5d6b7b" }
    },
    series: [{
      type: "pie", radius: ["55%", "78%"], avoidLabelOverlap: true, label: { show: false },
      data: [{ name: "定量指标", value: q.quantitative }, { name: "定性指标", value: q.qualitative }]
    }]
  });

  // Review score by dimension.
  var dims = Object.keys(data.dimensions || {});
  chart("chart-dimensions", {
    tooltip: {},
    radar: {
      indicator: dims.map(function (d) { return { name: d, max: 100, min: 0 }; }),
      radius: "66%", splitNumber: 4, axisName: { color: "#5d6b7b" }
    },
    series: [{
      type: "radar", areaStyle: { opacity: 0.18 }, symbolSize: 5,
      data: [{ name: "得分", value: dims.map(function (d) { return data.dimensions[d]; }) }]
    }]
  });

  // Findings by rule, most frequent first, coloured by severity.
  var rules = (data.rules || []).slice(0, 12).reverse();
  chart("chart-findings", {
    grid: { left: 8, right: 28, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: function (p) {
        var r = rules[p.dataIndex];
        return echarts.format.encodeHTML(r.title) + "（" + r.rule + "）<br>" +
          severityLabel[r.severity] + " " + r.count + " 条";
      }
    },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: {
      type: "category", axisLabel: { width: 110, overflow: "truncate", fontSize: 11 },
      data: rules.map(function (r) { return r.title; })
    },
    series: [{
      type: "bar", barMaxWidth: 16, label: { show: true, position: "right", fontSize: 11 },
      data: rules.map(function (r) {
        return { value: r.count, itemStyle: { color: severityColor[r.severity] || "#8aa1b4" } };
      })
    }]
  });

  // The latest monitoring task's projects by light and self-evaluation's by grade (when the
  // department's projects have reports), as the task overview draws them.
  var lightColor = { red: "#c0392b", yellow: "#d69e2e", blue: "#2f6db5", green: "#3aa17e" };
  var gradeColor = ["#3aa17e", "#2f6db5", "#d69e2e", "#c0392b"];
  function counts(rows, color) {
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 10, top: 26, bottom: 30 },  // room for the count on a bar
      xAxis: { type: "category", data: rows.map(function (r) { return r[1]; }) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", barMaxWidth: 48, label: { show: true, position: "top" },
        data: rows.map(function (r, i) { return { value: r[2], itemStyle: { color: color(r, i) } }; }) }]
    };
  }
  var tasks = data.tasks || {};
  if (tasks.lights) {
    chart("chart-lights", counts(tasks.lights, function (r) { return lightColor[r[0]] || "#8aa1b4"; }));
  }
  if (tasks.grades) {
    chart("chart-grades", counts(tasks.grades, function (r, i) { return gradeColor[i % 4]; }));
  }

  // Each chart follows its card, whatever changed its width (the window, the grid going to one
  // column, a font arriving late); without ResizeObserver, the window's resize event.
  var pending = null;
  function resizeAll() {
    clearTimeout(pending);
    pending = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 60);
  }
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(resizeAll);
    charts.forEach(function (c) { observer.observe(c.getDom()); });
  } else {
    window.addEventListener("resize", resizeAll);
  }
})();
