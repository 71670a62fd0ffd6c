// Draw every element with data-chart="<id of a json_script element>". The script holds an ECharts option,
// or {"option": ..., "links": [[url per data index] per series]}: clicking an element then opens its link.
(function () {
  "use strict";
  function draw(root) {
    if (typeof echarts === "undefined") { return; }
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source || el.dataset.drawn) { return; }
      var data = JSON.parse(source.textContent);
      var option = data.option || data;
      var links = data.links || [];
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      if (links.length) {
        chart.on("click", function (params) {
          var row = links[params.seriesIndex] || [];
          var url = row[params.dataIndex];
          if (url) { window.location.href = url; }
        });
      }
      el.dataset.drawn = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSwap", function (event) { draw(event.target); });
})();
