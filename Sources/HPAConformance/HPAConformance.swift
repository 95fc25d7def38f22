// Placeholder: the conformance vector schema and runner arrive with the controller issue.
public enum HPAConformance {}
