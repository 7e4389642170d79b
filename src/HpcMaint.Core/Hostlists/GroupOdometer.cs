using System.Text;

namespace HpcMaint.Core.Hostlists;

/// <summary>
/// Walks every combination of the values of the groups in front of the last bracket group, the
/// leftmost group turning fastest, as Slurm does.
/// </summary>
internal sealed class GroupOdometer(IReadOnlyList<BracketGroup> groups)
{
    private readonly int[] rangeIndex = new int[groups.Count];
    private readonly ulong[] value = InitialValues(groups);

    /// <summary>Appends the current combination: each group's value, zero padded, then its trailing text.</summary>
    public void AppendCurrent(StringBuilder prefix)
    {
        for (int i = 0; i < groups.Count; i++)
        {
            int width = groups[i].Values[rangeIndex[i]].Width;
            prefix.Append('0', ZeroPadding.ZerosNeeded(value[i], width)).Append(value[i]).Append(groups[i].TextAfter);
        }
    }

    public bool MoveNext()
    {
        for (int i = 0; i < groups.Count; i++)
        {
            if (TryStep(i))
            {
                return true;
            }

            rangeIndex[i] = 0;
            value[i] = groups[i].Values[0].Lo;
        }

        return false;
    }

    private bool TryStep(int i)
    {
        var values = groups[i].Values;
        if (value[i] < values[rangeIndex[i]].Hi)
        {
            value[i]++;
            return true;
        }

        if (rangeIndex[i] + 1 < values.Count)
        {
            rangeIndex[i]++;
            value[i] = values[rangeIndex[i]].Lo;
            return true;
        }

        return false;
    }

    private static ulong[] InitialValues(IReadOnlyList<BracketGroup> groups)
    {
        var values = new ulong[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            values[i] = groups[i].Values[0].Lo;
        }

        return values;
    }
}
