// The umbrella module: `import HPASim` brings every library module, plus the run facade
// (`ScenarioRun`) and the replay check that tie them together.
@_exported public import SimTime
@_exported public import EventEngine
@_exported public import Randomness
@_exported public import Quantities
@_exported public import RunRecords
@_exported public import HPAController
@_exported public import HPAConformance
@_exported public import KEDA
@_exported public import ClusterModel
@_exported public import Expectations
@_exported public import Scenario
@_exported public import Store
@_exported public import Sweep
