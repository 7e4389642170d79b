using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage(
    "Naming",
    "CA1707:Identifiers should not contain underscores",
    Justification = "Test names read as sentences.",
    Scope = "namespaceanddescendants",
    Target = "~N:HpcMaint.Integration.Tests.Hostlists")]
