// KPSS review report: a row in the side panel shows where in the text it was read.
(function () {
  "use strict";
  function show(key, scroll) {
    document.querySelectorAll("mark.hl.active").forEach(function (m) { m.classList.remove("active"); });
    document.querySelectorAll("a.row.active").forEach(function (a) { a.classList.remove("active"); });
    var marks = document.querySelectorAll('mark.hl[data-rows~="' + key + '"]');
    marks.forEach(function (m) { m.classList.add("active"); });
    var link = document.querySelector('a.row[data-row="' + key + '"]');
    if (link) { link.classList.add("active"); }
    if (marks.length && scroll) { marks[0].scrollIntoView({ block: "center" }); }
    return marks.length;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.row[data-row]");
    if (link) {
      event.preventDefault();
      show(link.dataset.row, true);
      history.replaceState(null, "", "#" + link.dataset.row);
      return;
    }
    var mark = event.target.closest("mark.hl[data-rows]");
    if (mark) {  // a highlight shows its row in the panel
      var key = mark.dataset.rows.split(" ")[0];
      show(key, false);
      var row = document.querySelector('a.row[data-row="' + key + '"]');
      if (row) { row.scrollIntoView({ block: "nearest" }); }
    }
  });
  window.addEventListener("DOMContentLoaded", function () {
    var key = decodeURIComponent(location.hash.slice(1));
    if (key && document.querySelector('a.row[data-row="' + key + '"]')) { show(key, true); }
  });
  window.kpssShow = show;  // for tests and the browser console
})();
