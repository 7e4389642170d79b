using System.Text;
using HpcMaint.Adapters.Files;

namespace HpcMaint.Adapters.Tests.Files;

public sealed class SmallFileSpecs : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hpcmaint-smallfile-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(70_000)]
    public void A_file_of_any_size_reads_back_whole(int size)
    {
        // Arrange: sizes around the stack buffer, and past several doublings of it; multi-byte characters too.
        var text = string.Concat(Enumerable.Range(0, size).Select(i => i % 100 == 99 ? "\n" : i % 7 == 0 ? "é" : "x"));
        var path = Path.Combine(dir, "f");
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        // Act
        var read = SmallFile.ReadAllText(path);

        // Assert
        Assert.Equal(text, read);
    }

    [Fact]
    public void A_proc_file_that_reports_size_0_reads_like_File_ReadAllText()
    {
        // The first line of /proc/self/status (the name) is stable; /proc/self/maps is larger than the stack buffer.
        var expected = File.ReadAllText("/proc/self/status").Split('\n')[0];

        // Act
        var read = SmallFile.ReadAllText("/proc/self/status");

        // Assert
        Assert.Equal(expected, read.Split('\n')[0]);
        Assert.True(SmallFile.ReadAllText("/proc/self/maps").Length > 4096);
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_and_a_missing_file_throws_like_File_ReadAllText()
    {
        // Arrange
        var path = Path.Combine(dir, "bom");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "a = 1\n"u8]);

        // Act and assert
        Assert.Equal("a = 1\n", SmallFile.ReadAllText(path));
        Assert.Throws<FileNotFoundException>(() => SmallFile.ReadAllText(Path.Combine(dir, "missing")));
    }
}
