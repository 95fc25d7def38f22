import Foundation
import Explain
import HPAController
import RunRecords
import SimTime

/// One self-contained HTML page for one or several stored runs.
///
/// **The page needs nothing but itself:** no network, no external script, font or style;
/// charts are inline SVG drawn here, with a tiny inline script that only reports errors and
/// empty charts (for the headless-browser check) — the page reads the same without it.
/// Several runs are overlaid, one colour per run, and their results set side by side with
/// the difference to the first run. Lines are downsampled to min/max per pixel column; every
/// scale event is kept.
public enum HTMLReport {
    /// The page for `runs` (at least one).
    public static func render(_ runs: [ReportRun]) -> String {
        precondition(!runs.isEmpty, "a report needs at least one run")
        var body = ""
        body += "<h1>hpa-sim report</h1>\n" + runTable(runs)
        let end = runs.map { $0.result.duration.seconds }.max() ?? 1
        let x = 0...max(end, 1)
        body += "<h2>Load</h2>\n"
        body += Charts.arrivals(runs, x: x)
        body += Charts.queueDepth(runs, x: x)
        for hpa in runs[0].autoscalers {
            body += "<h2>HPA \(escape(hpa.name)) → \(escape(hpa.spec.scaleTargetRef.kind))/\(escape(hpa.spec.scaleTargetRef.name))</h2>\n"
            body += Charts.replicas(runs, hpa: hpa, x: x)
            body += Charts.metrics(runs, hpa: hpa, x: x)
        }
        body += "<h2>Queue wait</h2>\n"
        body += Charts.queueWait(runs, x: x)
        body += "<h2>Results</h2>\n" + ResultTables.render(runs)
        let title = "hpa-sim report: " + runs.map(\.label).joined(separator: " vs ")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>\(style)</style>
            <script>\(errorHook)</script>
            </head><body>
            \(body)<p class="check" id="check">not checked (scripts off)</p>
            <script>\(chartCheck)</script>
            </body></html>

            """
    }

    /// Colour per run (several runs), or per series (one run).
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"]
    static let dashes: [String?] = [nil, "6 3", "2 2", "8 3 2 3", "1 4"]

    private static func runTable(_ runs: [ReportRun]) -> String {
        var s = "<table class=\"runs\"><tr><th></th><th>run</th><th>seed</th><th>simulated</th><th>events</th></tr>\n"
        for (i, run) in runs.enumerated() {
            let colour = runs.count > 1 ? palette[i % palette.count] : "#444"
            s += "<tr><td><span class=\"swatch\" style=\"background:\(colour)\"></span></td><td>\(escape(run.label))</td>"
                + "<td>\(run.result.seed)</td><td>\(run.result.duration)</td><td>\(run.result.eventsProcessed)</td></tr>\n"
        }
        return s + "</table>\n"
    }

    private static let style = """
        body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1000px}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}
        svg.chart{width:100%;height:auto;display:block;margin:8px 0 16px}
        svg .title{font-size:13px;font-weight:600}svg .legend{font-size:11px}svg .axis{font-size:11px;fill:#555}
        svg .grid{stroke:#e6e6e6;stroke-width:1}svg .frame{fill:none;stroke:#999}
        table{border-collapse:collapse;margin:8px 0 16px}td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #eee}
        td:first-child,th:first-child,table.runs td:nth-child(2),table.runs th:nth-child(2){text-align:left}.swatch{display:inline-block;width:14px;height:14px;border-radius:2px}
        .note{color:#777;font-style:italic}.up{color:#b00}.down{color:#070}.check{color:#999;font-size:11px}
        """

    /// Collects errors before anything else runs.
    private static let errorHook = """
        window.__errors=[];window.addEventListener('error',function(e){window.__errors.push(String(e.message))});
        (function(){var c=console.error;console.error=function(){window.__errors.push(Array.prototype.join.call(arguments,' '));c.apply(console,arguments)}})();
        """

    /// Writes `ok: N charts` or what is wrong into #check.
    private static let chartCheck = """
        (function(){var charts=document.querySelectorAll('svg.chart'),empty=[];
        charts.forEach(function(c){if(!(parseInt(c.getAttribute('data-points'))>0)||c.querySelectorAll('path,circle,rect').length<2)empty.push(c.getAttribute('aria-label'))});
        var e=document.getElementById('check');
        if(window.__errors.length)e.textContent='errors: '+window.__errors.join(' | ');
        else if(!charts.length)e.textContent='no charts';
        else if(empty.length)e.textContent='empty charts: '+empty.join(' | ');
        else e.textContent='ok: '+charts.length+' charts';})();
        """
}
