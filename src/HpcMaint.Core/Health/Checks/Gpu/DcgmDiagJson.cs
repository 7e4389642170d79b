using System.Text.Json;

namespace HpcMaint.Core.Health.Checks.Gpu;

/// <summary>
/// Reads <c>dcgmi diag -r N -j</c>: { "DCGM GPU Diagnostic": { "test_categories": [ { "category", "tests":
/// [ { "name", "results": [ { "status", "gpu_ids"?, "warnings"? } ] } ] } ] } }. Any other shape is a problem, not an exception.
/// </summary>
internal static class DcgmDiagJson
{
    private static readonly string[] RootNames = ["DCGM GPU Diagnostic", "DCGM Diagnostic"];

    public static Parsed<IReadOnlyList<DcgmTestResult>> Parse(string output)
    {
        var start = output.IndexOf('{');
        if (start < 0)
        {
            return Bad("no JSON in the dcgmi output: " + GpuText.FirstLine(output));
        }

        try
        {
            using var doc = JsonDocument.Parse(output.AsMemory(start));
            var diagnostic = RootNames
                .Select(name => doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var d) ? d : default)
                .FirstOrDefault(d => d.ValueKind != JsonValueKind.Undefined);
            if (diagnostic.ValueKind != JsonValueKind.Object || !diagnostic.TryGetProperty("test_categories", out var categories) || categories.ValueKind != JsonValueKind.Array)
            {
                return Bad("unexpected dcgmi JSON: no \"DCGM GPU Diagnostic\".\"test_categories\" list");
            }

            var results = new List<DcgmTestResult>();
            foreach (var category in categories.EnumerateArray())
            {
                if (Text(category, "category") is not { } categoryName || !category.TryGetProperty("tests", out var tests) || tests.ValueKind != JsonValueKind.Array)
                {
                    return Bad("unexpected dcgmi JSON: a category without a name or a tests list");
                }

                foreach (var test in tests.EnumerateArray())
                {
                    if (Text(test, "name") is not { } testName || !test.TryGetProperty("results", out var testResults) || testResults.ValueKind != JsonValueKind.Array)
                    {
                        return Bad($"unexpected dcgmi JSON: a test in \"{categoryName}\" without a name or results");
                    }

                    foreach (var result in testResults.EnumerateArray())
                    {
                        if (Text(result, "status") is not { } status)
                        {
                            return Bad($"unexpected dcgmi JSON: a result of \"{testName}\" without a status");
                        }

                        results.Add(new DcgmTestResult(categoryName, testName, status, Gpu(result), Warning(result)));
                    }
                }
            }

            return results.Count == 0 ? Bad("dcgmi reported no test results") : Parsed<IReadOnlyList<DcgmTestResult>>.Ok(results);
        }
        catch (Exception e) when (JsonProblem.IsUnreadable(e))
        {
            return Bad(JsonProblem.Describe("dcgmi", e));
        }
    }

    private static Parsed<IReadOnlyList<DcgmTestResult>> Bad(string problem) => Parsed<IReadOnlyList<DcgmTestResult>>.Bad(problem);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Gpu(JsonElement result)
    {
        foreach (var name in (string[])["gpu_ids", "gpu_id", "entity_id"])
        {
            if (result.TryGetProperty(name, out var v))
            {
                return v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
            }
        }

        return null;
    }

    // "warnings" is a string in some DCGM versions, a list of strings or of { "warning": … } objects in others.
    private static string? Warning(JsonElement result)
    {
        if (!result.TryGetProperty("warnings", out var w))
        {
            return null;
        }

        var first = w.ValueKind switch
        {
            JsonValueKind.String => w.GetString(),
            JsonValueKind.Array when w.GetArrayLength() > 0 => w[0].ValueKind == JsonValueKind.String ? w[0].GetString() : Text(w[0], "warning") ?? Text(w[0], "message"),
            _ => null,
        };
        return first is null ? null : GpuText.FirstLine(first, 60);
    }
}
