using System.Runtime.InteropServices;

namespace HpcMaint.Adapters.Interop;

/// <summary>getpwuid(3) for messages: a uid's name (the first field of struct passwd), or null.</summary>
internal static partial class UserNames
{
    public static string? Of(uint uid)
    {
        var entry = GetPasswordEntry(uid);
        return entry == 0 ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry));
    }

    [LibraryImport("libc.so.6", EntryPoint = "getpwuid")]
    private static partial nint GetPasswordEntry(uint uid);
}
