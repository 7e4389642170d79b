using System.Diagnostics.CodeAnalysis;
using System.Runtime.Versioning;

[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read as sentences.")]

// The adapters drive Linux (libc, /proc, Slurm); so do their tests.
[assembly: SupportedOSPlatform("linux")]
