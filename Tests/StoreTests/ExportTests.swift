import Foundation
import SimTime
import Store
import Testing

@Suite("exporting a run's table")
struct ExportTests {
    func export(_ table: String) throws -> String {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let id = try SampleRun.store(in: store)
        var text = ""
        try store.export(table, of: id, format: .csv) { text += $0 }
        return text
    }

    @Test("CSV: header from the schema, NULL as an empty field, integers and shortest reals")
    func seriesCSV() throws {
        #expect(try export("series") == """
            run_id,deployment,time_us,replicas,ready_pods,cpu_utilization,memory_utilization,active_tasks,queue_depth,notifier_backlog,pods,pending_pods,terminating_pods
            1,egress,15000000,3,3,112.25,40.0,55,12,,4,1,0
            1,webhook-notifier,15000000,2,0,,,0,0,310,2,2,1

            """)
    }

    @Test("CSV: fields with commas or quotes are quoted, quotes doubled")
    func quoting() throws {
        let lines = try export("runs").split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == "id,name,scenario_path,scenario_json,scenario_hash,seed,simulated_duration_us,"
            + "series_resolution_us,detail_level,started_at,finished_at,tool_version,status,message,run_file,"
            + "events_processed,notifications,notifier_backlog_maximum")
        #expect(lines[1] == #"1,"steady-day, ""baseline""",scenarios/rtc-egress/steady-day.yaml,"{""name"":""steady-day"",""seed"":7}","#
            + "\(SampleRun.metadata.scenarioHash),-2,86400000000,15000000,all,"
            + "2026-11-18 11:06:40.000,2026-11-18 11:07:22.500,0.1.0-test,completed,,runs.sqlite.runs/1.sqlite,98765,4321,899.5")
    }

    @Test("metrics export with their sync's time and HPA instead of the internal sync id")
    func metricsCSV() throws {
        let lines = try export("hpa_sync_metrics").split(separator: "\n").map(String.init)
        #expect(lines == [
            "run_id,time_us,hpa,metric_index,metric_type,metric_name,target_type,target,current,proposal,ready_pods,"
                + "unready_pods,missing_pods,ignored_pods,usage_milli_sum,request_milli_sum,ratio,error",
            "1,15000000,egress-hpa,0,Resource,cpu,Utilization,70.0,112.0,5,3,1,0,2,1680,1500,1.6,",
            #"1,15000000,egress-hpa,1,Pods,active_tasks,AverageValue,20.0,,,0,0,0,0,,,,"no samples, yet""#,
        ])
    }

    @Test("an empty table still has its header; an unknown table is refused with the known names")
    func emptyAndUnknown() throws {
        #expect(try export("pod_samples").hasPrefix("run_id,pod,time_us,deployment,phase,"))
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let recorder = try store.makeRecorder(for: SampleRun.metadata)
        let id = try recorder.commit(SampleRun.outcome)
        var text = ""
        try store.export("scale_events", of: id) { text += $0 }
        #expect(text == "id,run_id,time_us,hpa,from_replicas,to_replicas,message,deployment\n")
        #expect(throws: StoreError.unknownTable(name: "events", known: RunStore.exportableTables)) {
            try store.export("events", of: id) { _ in }
        }
    }
}
