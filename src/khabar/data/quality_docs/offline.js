/* khabar: the few jQuery, Bootstrap and bootstrap-table calls Great Expectations' Data Docs make,
   so the pages work without a network (they load these from CDNs otherwise). */
(function () {
  "use strict";
  function each(nodes, fn) { for (var i = 0; i < nodes.length; i++) fn(nodes[i]); }
  function cell(value) { return value === undefined || value === null ? "" : String(value); }

  function renderTable(table, options) {
    var columns = options.columns || [], rows = options.data || [];
    var head = "<thead><tr>" + columns.map(function (c) {
      return c.visible === false ? "" : "<th>" + cell(c.title) + "</th>";
    }).join("") + "</tr></thead>";
    var body = rows.map(function (row) {
      var link = row._table_row_link_path ? ' class="clickable-row" data-href="' + row._table_row_link_path + '"' : "";
      return "<tr" + link + ">" + columns.map(function (c) {
        return c.visible === false ? "" : "<td>" + cell(row[c.field]) + "</td>";
      }).join("") + "</tr>";
    }).join("");
    table.innerHTML = head + "<tbody>" + body + "</tbody>";
    each(table.querySelectorAll("tr.clickable-row"), function (tr) {
      tr.addEventListener("click", function () { window.location = tr.getAttribute("data-href"); });
    });
  }

  function Wrapped(nodes) { this.nodes = nodes; }
  Wrapped.prototype = {
    bootstrapTable: function (options) {
      if (typeof options === "object") each(this.nodes, function (t) { renderTable(t, options); });
      return this;
    },
    ready: function (fn) {
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn();
      return this;
    },
    on: function () { return this; },  /* rows navigate by themselves (see renderTable) */
    modal: function () { return this; },
    removeClass: function (name) { each(this.nodes, function (n) { n.classList.remove(name); }); return this; },
    prepend: function (html) { each(this.nodes, function (n) { n.insertAdjacentHTML("afterbegin", html); }); return this; },
    parent: function () { return new Wrapped(this.nodes.map(function (n) { return n.parentNode; })); },
    fadeIn: function () { each(this.nodes, function (n) { n.style.display = ""; }); return this; },
    fadeOut: function () { each(this.nodes, function (n) { n.style.display = "none"; }); return this; }
  };

  function $(what) {
    if (typeof what === "function") return new Wrapped([document]).ready(what);
    if (typeof what === "string") return new Wrapped(Array.prototype.slice.call(document.querySelectorAll(what)));
    return new Wrapped([what]);
  }
  window.$ = window.jQuery = $;

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest('[data-toggle="collapse"]');
    if (!toggle) return;
    var target = document.querySelector(toggle.getAttribute("data-target") || toggle.getAttribute("href"));
    if (target) { event.preventDefault(); target.classList.toggle("show"); }
  });
})();
