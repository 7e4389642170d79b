using System.Reflection;

namespace HpcMaint.Adapters.Hosting;

public static class ProductVersion
{
    public static string Text =>
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
