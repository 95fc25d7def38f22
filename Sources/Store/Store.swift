// Placeholder: the SQLite store arrives with the store issue.
public enum StorePlaceholder {}
