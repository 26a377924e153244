// ClauseDesk portal: ticks SLA countdowns down between page loads. Only an approximation (business
// time stops when the calendar closes); the server's value is the truth on every reload.
"use strict";
(function () {
    function render(element, left) {
        var over = left < 0;
        var minutes = Math.abs(left);
        var template = element.dataset[(over ? "over" : "left") + (minutes >= 60 ? "Hm" : "M")];
        var mm = String(minutes % 60);
        element.textContent = template
            .replace("{0}", String(Math.floor(minutes / 60)))
            .replace("{1:00}", mm.length < 2 ? "0" + mm : mm)
            .replace("{1}", mm);
    }

    function tick() {
        document.querySelectorAll(".countdown[data-ticking='true']").forEach(function (element) {
            var left = parseInt(element.dataset.left, 10) - 1;
            element.dataset.left = String(left);
            render(element, left);
        });
    }

    setInterval(tick, 60000);
})();
