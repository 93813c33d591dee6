// scamnet console: draws the pictures whose data a page carries, opens an entity from a network node,
// opens an account from a Sankey node, and ticks every alert of a page. No other script runs on a console page.
"use strict";

function drawPlots() {
  if (typeof Plotly === "undefined") return;
  document.querySelectorAll("div.plot[data-figure]").forEach(function (div) {
    var source = document.getElementById(div.dataset.figure);
    if (!source) return;
    var figure = JSON.parse(source.textContent);
    var layout = Object.assign({}, figure.layout || {}, { autosize: true });
    Plotly.newPlot(div, figure.data || [], layout, { displaylogo: false, responsive: true, scrollZoom: true })
      .then(function () { div.dataset.drawn = "1"; });
    if (div.dataset.clickAccount) {
      div.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        if (point && /^[0-9]+$/.test(point.label || "")) {
          window.location.href = "/entity?id=" + encodeURIComponent("account:" + point.label);
        }
      });
    }
    if (div.dataset.clickEntity) {
      div.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        if (point && point.customdata) {
          window.location.href = "/entity?id=" + encodeURIComponent(point.customdata);
        }
      });
    }
  });
}

function tickAll() {
  var all = document.getElementById("tick-all");
  if (!all) return;
  all.addEventListener("change", function () {
    document.querySelectorAll("input[name=item]").forEach(function (box) { box.checked = all.checked; });
  });
}

document.addEventListener("DOMContentLoaded", function () { drawPlots(); tickAll(); });
