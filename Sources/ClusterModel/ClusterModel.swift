// Placeholder: the cluster model arrives with the model issue.
public enum ClusterModelPlaceholder {}
