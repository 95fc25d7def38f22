// Placeholder: scenario files arrive with the scenario issue.
public enum ScenarioPlaceholder {}
