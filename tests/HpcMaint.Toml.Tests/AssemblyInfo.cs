using System.Diagnostics.CodeAnalysis;

// Test names are behaviour sentences (style-anchors §12), so underscores are intended.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read as sentences.")]
